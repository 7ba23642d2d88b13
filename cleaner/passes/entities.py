"""entities: HTML character references in plain text, whole or broken.

Only known entity names are touched, so ``AT&T`` and ``R&D`` stay.

>>> from cleaner import clean
>>> clean("Fish &amp;amp; chips &pound;5 &#8220;hot&#x201D; areas.& rdquo; Done. rdquo;", passes=["entities"])
'Fish & chips £5 “hot” areas.” Done.”'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.entities import html5

from cleaner.document import Document, Edit
from cleaner.passes.unicode import beyond_plain_ascii
from cleaner.pipeline import Pass, register

# &name; &#123; &#x1F; and the same escaped again (&amp;amp; &amp;#8217;).
REF = r"(?P<ref>#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
ESCAPED_AGAIN = re.compile(rf"&(?:amp;)+{REF}")
WELL_FORMED = re.compile(rf"&{REF}")

# Punctuation entities that turn up bare, their "&" lost, in scraped and machine-translated text.
BARE_NAMES = "ldquo|rdquo|lsquo|rsquo|laquo|raquo|quot|apos|hellip|mdash|ndash|nbsp|amp|bull|middot"
BARE = re.compile(rf"(?:{BARE_NAMES})[ \t\u00a0]?;")  # "rdquo;", also "rdquo ;" (spacing later joins them)
CLOSING = {"”", "’", "»"}  # joined to the word before; written twice, once
OPENING = {"“", "‘", "«", "„", "‚"}
# German and other languages open with a low quote and close with the one English opens with: „…“ and ‚…‘.
LOW_OPENER = {"“": "„", "‘": "‚"}
# "& rdquo;" (a space after the "&") or a bare "rdquo;" after a space, punctuation or a symbol; not
# inside a word ("herdquo;" is nobody's quote). Symbols count as not a word even where ``\w`` takes them
# (the "½" of mojibake "ï¿½rdquo;"), so the reading does not change once the mojibake is repaired.
BROKEN = re.compile(  # (each match starts with "&" or a name's first letter: a cheap first look at each place)
    rf"(?=[&{''.join(sorted({n[0] for n in BARE_NAMES.split('|')}))}])"
    rf"(?:&[ \t]+(?P<spaced>[A-Za-z][A-Za-z0-9]{{1,31}});"
    rf"|(?<![&\d_])(?P<bare>{BARE_NAMES})[ \t\u00a0]?;)(?P<after>[ \t]?)"
)

# Entities whose ";" is often lost: HTML's legacy names, less those that are also words or tickers.
NO_SEMICOLON = sorted(
    (n for n in html5 if not n.endswith(";") and n.islower() and n not in {"not", "para", "shy", "uml", "macr"}),
    key=len,
    reverse=True,
)
MISSING_SEMICOLON = re.compile(
    rf"&(?P<name>{'|'.join(NO_SEMICOLON)}|euro|hellip|mdash|ndash|[lr][sd]quo)(?![A-Za-z0-9;])"
)


# What the unicode pass changes anyway can hide a reference: characters that show nothing ("&rdqu\u00ado;",
# "&#82\u200b17;", "&a\x00mp;") are removed and full-width letters and digits ("&#x2\uff21019;") made ASCII.
_HIDDEN = "\u00ad\u180e\u200b\u2060\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f"
_WIDE = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
HIDDEN = re.compile(f"[{_HIDDEN}{_WIDE}]")
HIDDEN_INSIDE = re.compile(f"&[#A-Za-z0-9{_HIDDEN}{_WIDE}]{{1,40}};")
NARROW = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}


def _unhide(m: re.Match[str]) -> str:
    """The reference as the unicode pass would leave it, when that makes a known one."""
    plain = re.sub(f"[{_HIDDEN}]", "", m.group()).translate(NARROW)
    return plain if plain != m.group() and _decode(plain[1:]) is not None else m.group()


def _decode(ref: str) -> str | None:
    """The character(s) of a reference such as ``rdquo;`` or ``#8217;``; None if it is not one."""
    if ref.startswith("#"):
        out = html.unescape("&" + ref)
        return None if out in ("&" + ref, "\ufffd") or not (out.isprintable() or out in "\t\n") else out
    return html5.get(ref)


def _closes_low_quote(text: str, start: int, char: str, made: list[tuple[int, str]]) -> bool:
    """Whether ``char`` (“ or ‘) at ``start`` closes a low quote (German „…“, ‚…‘) rather than opening one.

    It does when a low quote is open before it on its line, or when the document
    quotes only that way (it has low quotes and never the English closing one).
    """
    opener = LOW_OPENER[char]
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start] + "".join(c for at, c in made if at >= line_start)
    if before.count(opener) > before.count(char):
        return True
    english_close = "”" if char == "“" else "’"
    low_name, close_name = ("bdquo;", "rdquo;") if char == "“" else ("sbquo;", "rsquo;")
    return (opener in text or low_name in text) and english_close not in text and close_name not in text


@register
class Entities(Pass):
    name = "entities"
    summary = "HTML entities: well-formed, escaped twice, split by a space, bare (rdquo;), or missing their semicolon"

    def apply(self, text: str, doc: Document) -> str:
        if "&" not in text and ";" not in text:
            return text
        if HIDDEN.search(beyond_plain_ascii(text)):
            text = self.sub(doc, "entities.hidden-characters", HIDDEN_INSIDE, _unhide, text)
        text = self.sub(doc, "entities.escaped-again", ESCAPED_AGAIN, self._escaped_again, text)
        text = self.sub(doc, "entities.well-formed", WELL_FORMED, self._well_formed, text)
        if "& " in text or "&\t" in text or BARE.search(text):
            text = self.edit(doc, text, self._broken(text))
        return self.sub(doc, "entities.missing-semicolon", MISSING_SEMICOLON, self._missing_semicolon, text)

    @staticmethod
    def _escaped_again(m: re.Match[str]) -> str:
        """Every layer of escaping goes at once: the character, or the unknown reference as it was written."""
        return _decode(m["ref"]) or "&" + m["ref"]

    @staticmethod
    def _well_formed(m: re.Match[str]) -> str:
        return _decode(m["ref"]) or m.group()

    @staticmethod
    def _broken(text: str) -> Iterator[Edit]:
        """Edits for broken references; a closing quote joins the word before it and swallows its double."""
        done = 0
        made: list[tuple[int, str]] = []  # (where, character) of the references repaired so far
        for m in BROKEN.finditer(text):
            char = html5.get((m["spaced"] or m["bare"]) + ";")
            if char is None or (m["bare"] and text[m.start() - 1 : m.start()].isalpha()):
                continue
            start, after = m.start(), m["after"]
            if char in CLOSING or (char in LOW_OPENER and _closes_low_quote(text, start, char, made)):
                start -= text[max(done, start - 1) : start] in (" ", "\t")
                start -= text[max(done, start - 1) : start] == char
            elif char in OPENING:
                after = ""
            yield Edit(start, m.end(), char + after, "entities.broken")
            made.append((m.start(), char))
            done = m.end()

    @staticmethod
    def _missing_semicolon(m: re.Match[str]) -> str:
        return html5.get(m["name"] + ";", m.group())
