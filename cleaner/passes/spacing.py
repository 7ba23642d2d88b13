"""spacing: a missing space after a sentence, a stray space before punctuation.

Conservative by design: a space is added only between a lower-case word (or a
number) and a capitalised word, and never inside a web address, an e-mail
address, initials (``U.S.``, ``J.R.R.``), a decimal or a version (``Qwen2.5``).

>>> from cleaner import clean
>>> clean("last year.At that time, users,Apple (see alibaba.com) U.S. 3.5 Holding , Robotics .", passes=["spacing"])
'last year. At that time, users, Apple (see alibaba.com) U.S. 3.5 Holding, Robotics.'
"""

from __future__ import annotations

import re

from cleaner.document import Document
from cleaner.pipeline import Pass, register

NEXT_SENTENCE = r"(?=[A-Z][a-z]|I[ ’'])"
# "year.At", "2024.Most", "again?Absolutely", "wait...Then", "direction.”It’s", "Alibaba.“We"
# (Each pattern starts with a literal character, so the regex engine can skip ahead to it.)
SENTENCE_END = re.compile(
    rf"[.?!](?<=[a-z0-9%][.?!])[.?!]*[”’\"]?(?:{NEXT_SENTENCE}|(?=[“‘][A-Z]))|[”’\"](?<=[.?!][”’\"]){NEXT_SENTENCE}"
)
COMMA = re.compile(rf",(?<=[a-z],){NEXT_SENTENCE}")
ADDRESS = re.compile(r"@|://|^www\.|\.(?:com|org|net|gov|edu|info|io|ai|co|cn|hk|tw|jp|uk|de|fr)\b", re.IGNORECASE)

# "Holding ," "Robotics ." left where a link was removed; not " ..." nor " .NET".
SPACE_BEFORE = re.compile(r"(?<=[\w)\]”’\"%]) +(?=[,.;:!?](?:[ \t\n)”’\"]|\Z))(?!\. \.)")
FRENCH_WORDS = re.compile(r"\b(?:le|la|les|des|du|une|est|et|dans|pour|qui|que|pas|sur|avec|au)\b", re.IGNORECASE)
ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|is|in|that|for|with|on|was|it)\b", re.IGNORECASE)


def _add_space(m: re.Match[str]) -> str:
    """Append a space to the punctuation, unless the token is a web or e-mail address."""
    text, start = m.string, m.start()
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token_end = len(text) if (i := text.find(" ", start)) < 0 else i
    if ADDRESS.search(text[token_start:token_end]):
        return m.group()
    return m.group() + " "


def looks_french(text: str) -> bool:
    """French puts a space before : ; ! ? — leave those spaces alone in French text."""
    sample = text[:3000]
    return "«" in sample or len(FRENCH_WORDS.findall(sample)) > len(ENGLISH_WORDS.findall(sample))


@register
class Spacing(Pass):
    name = "spacing"
    summary = "a missing space after a sentence end or comma; a stray space before punctuation"

    def apply(self, text: str, doc: Document) -> str:
        text = self.sub(doc, "spacing.sentence-end", SENTENCE_END, _add_space, text)
        text = self.sub(doc, "spacing.comma", COMMA, _add_space, text)
        french = looks_french(text)
        return self.sub(doc, "spacing.before-punctuation", SPACE_BEFORE, lambda m: self._before(m, french), text)

    @staticmethod
    def _before(m: re.Match[str], french: bool) -> str:
        mark = m.string[m.end()]
        return m.group() if french and mark in ":;!?" else ""
