"""entities: HTML character references in plain text, whole or broken.

Only known entity names are touched, so ``AT&T`` and ``R&D`` stay.

>>> from cleaner import clean
>>> clean("Fish &amp;amp; chips &pound;5 &#8220;hot&#x201D; areas.& rdquo; Done. rdquo;", passes=["entities"])
'Fish & chips £5 “hot” areas.” Done.”'
"""

from __future__ import annotations

import html
import re
from html.entities import html5

from cleaner.document import Document
from cleaner.pipeline import Pass, register

# &name; &#123; &#x1F; and the same escaped again (&amp;amp; &amp;#8217;).
REF = r"(?P<ref>#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
ESCAPED_AGAIN = re.compile(rf"&(?:amp;)+{REF}")
WELL_FORMED = re.compile(rf"&{REF}")

# Punctuation entities that turn up bare, their "&" lost, in scraped and machine-translated text.
BARE_NAMES = "ldquo|rdquo|lsquo|rsquo|laquo|raquo|quot|apos|hellip|mdash|ndash|nbsp|amp|bull|middot"
CLOSING = {"”", "’", "»"}
OPENING = {"“", "‘", "«"}
# "& rdquo;" (a space after the "&") or a bare "rdquo;" after a word or punctuation;
# a closing quote just before it is the same quote written twice.
BROKEN = re.compile(
    rf"(?P<dup>[”’»])?(?P<before>[ \t]?)"
    rf"(?:&[ \t]+(?P<spaced>[A-Za-z][A-Za-z0-9]{{1,31}})|(?<![&\w])(?P<bare>{BARE_NAMES}));"
    r"(?P<after>[ \t]?)"
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


def _decode(ref: str) -> str | None:
    """The character(s) of a reference such as ``rdquo;`` or ``#8217;``; None if it is not one."""
    if ref.startswith("#"):
        out = html.unescape("&" + ref)
        return None if out in ("&" + ref, "\ufffd") or not (out.isprintable() or out in "\t\n") else out
    return html5.get(ref)


@register
class Entities(Pass):
    name = "entities"
    summary = "HTML entities: well-formed, escaped twice, split by a space, bare (rdquo;), or missing their semicolon"

    def apply(self, text: str, doc: Document) -> str:
        if "&" not in text and ";" not in text:
            return text
        text = self.sub(doc, "entities.escaped-again", ESCAPED_AGAIN, self._well_formed, text)
        text = self.sub(doc, "entities.well-formed", WELL_FORMED, self._well_formed, text)
        text = self.sub(doc, "entities.broken", BROKEN, self._broken, text)
        return self.sub(doc, "entities.missing-semicolon", MISSING_SEMICOLON, self._missing_semicolon, text)

    @staticmethod
    def _well_formed(m: re.Match[str]) -> str:
        return _decode(m["ref"]) or m.group()

    @staticmethod
    def _broken(m: re.Match[str]) -> str:
        name = m["spaced"] or m["bare"]
        char = html5.get(name + ";")
        if char is None:
            return m.group()
        before, after = m["before"], m["after"]
        if char in CLOSING:
            before = ""
        elif char in OPENING:
            after = ""
        if m["dup"] and m["dup"] != char:
            return m["dup"] + before + char + after
        return before + char + after if not m["dup"] else char + after

    @staticmethod
    def _missing_semicolon(m: re.Match[str]) -> str:
        return html5.get(m["name"] + ";", m.group())
