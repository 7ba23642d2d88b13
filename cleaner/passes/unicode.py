"""unicode: one form for every character; odd spaces, invisible and control characters.

Full-width punctuation is made ASCII only inside English text; inside Chinese
or Japanese text it is right as it is. Zero-width joiners stay (emoji and
several scripts need them), and so do direction marks in right-to-left text.

>>> from cleaner import clean
>>> clean("a\\u00a0b\\u200bc (develop AI)。You know，2024 was good. 在2024年，", passes=["unicode"])
'a bc (develop AI). You know, 2024 was good. 在2024年，'
"""

from __future__ import annotations

import re
import unicodedata

from cleaner.document import Document, Edit
from cleaner.lazyre import lazy_compile
from cleaner.pipeline import Pass, register

ODD_SPACE = lazy_compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f]")
INVISIBLE = lazy_compile("[\u00ad\u180e\u200b\u2060\ufeff]")
DIRECTION_MARKS = lazy_compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
RIGHT_TO_LEFT = lazy_compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
CONTROL = lazy_compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

FULL_WIDTH = lazy_compile("[\uff01-\uff5e\u3000-\u3002]+")
CJK_CONTEXT = lazy_compile("[\u3005-\u3007\u300c-\u301f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
NARROW = {0x3000: " ", 0x3001: ",", 0x3002: "."} | {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
CONTEXT = 12  # characters looked at on each side

# Single-character Latin ligatures and digraphs (ﬁ, ĳ, ǌ, ŉ), taken apart as ftfy's fix_latin_ligatures does.
LIGATURE = lazy_compile("[\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06]")


def _union(*classes: re.Pattern[str]) -> re.Pattern[str]:
    """One character class holding the characters of ``classes`` (each ``[...]``, maybe with ``+``)."""
    return lazy_compile("[" + "".join(c.pattern.removesuffix("+")[1:-1] for c in classes) + "]")


# Any character this pass may change besides NFC (one scan: most texts hold none).
CHANGEABLE = _union(LIGATURE, ODD_SPACE, INVISIBLE, DIRECTION_MARKS, CONTROL, FULL_WIDTH)

PLAIN_ASCII = bytes([0x09, 0x0A, *range(0x20, 0x7F)])  # tab, line break, printable ASCII


def beyond_plain_ascii(text: str) -> str:
    """The characters of ``text`` other than printable ASCII, tabs and line breaks, in order: a class of
    none of those is found in it exactly when in ``text``, by a scan of far fewer characters (its UTF-8
    less those bytes, which are never part of another character's)."""
    return text.encode("utf-8", "surrogatepass").translate(None, PLAIN_ASCII).decode("utf-8", "surrogatepass")


QUOTES = lazy_compile("[‘’‚‛′ʼ“”„‟″]")
STRAIGHT = {
    "‘": "'",
    "’": "'",
    "ʼ": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
}


def narrow_in_english(m: re.Match[str]) -> str:
    """Full-width characters made ASCII, with the spaces English wants, unless CJK text is near."""
    text, start, end = m.string, m.start(), m.end()
    if (start and CJK_CONTEXT.match(text, start - 1)) or CJK_CONTEXT.match(text, end):
        return m.group()  # a CJK character right beside it (the common case, looked at first)
    left = text[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]
    right = text[end : end + CONTEXT].split("\n", 1)[0]
    if CJK_CONTEXT.search(left) or CJK_CONTEXT.search(right):
        return m.group()
    out = m.group().translate(NARROW)
    if out[-1] in ".,;:!?)" and right[:1] and (right[0].isalnum() or right[0] in "“‘"):
        out += " "
    if out[0] == "(" and left[-1:].isalnum():
        out = " " + out
    return out


def _ligature(m: re.Match[str]) -> str:
    from ftfy.chardata import LIGATURES

    return m.group().translate(LIGATURES)


@register
class Unicode(Pass):
    name = "unicode"
    summary = "NFC; odd spaces to a space; zero-width and control characters out; full-width punctuation in English"
    defaults = {"straighten_quotes": False}

    def apply(self, text: str, doc: Document) -> str:
        if text.isascii():
            return self.sub(doc, "unicode.control", CONTROL, "", text)
        if not unicodedata.is_normalized("NFC", text):
            text = self.edit(doc, text, self._nfc(text))
        # The characters each rule below may change, looked for among these first (the rules before
        # a rule never make a character it changes: what they put in is ASCII, or U+02BC).
        odd = beyond_plain_ascii(text)
        if not CHANGEABLE.search(odd) and not (self.options["straighten_quotes"] and QUOTES.search(text)):
            return text
        if LIGATURE.search(odd):
            text = self.sub(doc, "unicode.ligatures", LIGATURE, _ligature, text)
        if ODD_SPACE.search(odd):
            text = self.sub(doc, "unicode.odd-space", ODD_SPACE, " ", text)
        if INVISIBLE.search(odd):
            text = self.sub(doc, "unicode.invisible", INVISIBLE, "", text)
        if DIRECTION_MARKS.search(odd) and not RIGHT_TO_LEFT.search(text):
            text = self.sub(doc, "unicode.direction-marks", DIRECTION_MARKS, "", text)
        if CONTROL.search(odd):
            text = self.sub(doc, "unicode.control", CONTROL, "", text)
        if FULL_WIDTH.search(odd):
            text = self.sub(doc, "unicode.full-width", FULL_WIDTH, narrow_in_english, text)
        if self.options["straighten_quotes"]:
            text = self.sub(doc, "unicode.straighten-quotes", QUOTES, lambda m: STRAIGHT[m.group()], text)
        return text

    @staticmethod
    def _nfc(text: str) -> list[Edit]:
        edits, pos = [], 0
        for line in text.split("\n"):
            if not unicodedata.is_normalized("NFC", line):
                edits.append(Edit(pos, pos + len(line), unicodedata.normalize("NFC", line), "unicode.nfc"))
            pos += len(line) + 1
        return edits
