"""spacing: a missing space after a sentence, a stray space before punctuation.

Conservative by design: a space is added only between a lower-case word (or a
number) and a capitalised word, in any alphabet (``среду.Он``, ``ayer.¿Qué``), and
never inside a web address, an e-mail address, initials (``U.S.``, ``J.R.R.``), a
decimal or a version (``Qwen2.5``), or a name made of parts (``HLA-DR4.RagKO``,
``Node.Js``, ``System.Collections``).

>>> from cleaner import clean
>>> clean("last year.At that time, users,Apple (see alibaba.com) U.S. 3.5 Holding , Robotics .", passes=["spacing"])
'last year. At that time, users, Apple (see alibaba.com) U.S. 3.5 Holding, Robotics.'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from cleaner.document import Document
from cleaner.lazyre import lazy_compile
from cleaner.pipeline import Pass, register

# Two letters, or "I" and a space: what may start a sentence; the cases are checked by _starts_sentence
# (a capital, then a small letter, in any alphabet: "At", "Élysée", "Он", "¿Qué").
NEXT_SENTENCE = r"(?=[¿¡]?[^\W\d_]{2}|I[ ’'])"
# "year.At", "2024.Most", "again?Absolutely", "wait...Then", "direction.”It’s", "Alibaba.“We",
# "среду.Он", "büyüdü.Enflasyon", "ayer.¿Qué"; the word before ends in a small letter, a digit or %.
# (Each pattern starts with a literal character, so the regex engine can skip ahead to it.)
SENTENCE_END = lazy_compile(
    rf"[.?!](?<=[^\W_][.?!]|%[.?!])[.?!]*[”’\"]?(?:{NEXT_SENTENCE}|(?=[“‘](?:[^\W\d_]{{2}}|I[ ’'])))"
    rf"|[”’\"](?<=[.?!][”’\"]){NEXT_SENTENCE}"
)
COMMA = lazy_compile(rf",(?<=[^\W\d_],){NEXT_SENTENCE}")
ADDRESS = lazy_compile(r"@|://|^www\.|\.(?:com|org|net|gov|edu|info|io|ai|co|cn|hk|tw|jp|uk|de|fr)\b", re.IGNORECASE)

# What every match of SENTENCE_END holds: a cheaper first look at a text.
MAYBE_SENTENCE_END = lazy_compile('[.?!”’"][A-Z“‘¿¡\u00c0-\u1fff]')  # capitals of Latin, Greek, Cyrillic...

# "Holding ," "Robotics ." left where a link was removed; not " ..." nor " .NET".
# (It starts with the space, so the regex engine can skip ahead to one.)
SPACE_BEFORE = lazy_compile(r" (?<=[\w)\]”’\"%] ) *(?=[,.;:!?](?:[ \t\n)”’\"]|\Z))(?!\. \.)")
# What every match of SPACE_BEFORE holds (its last space, then the mark): a cheaper first look at a text.
SPACE_THEN_MARK = (" ,", " .", " ;", " :", " !", " ?")
FRENCH_WORDS = lazy_compile(r"\b(?:le|la|les|des|du|une|est|et|dans|pour|qui|que|pas|sur|avec|au)\b", re.IGNORECASE)
ENGLISH_WORDS = lazy_compile(r"\b(?:the|and|of|to|is|in|that|for|with|on|was|it)\b", re.IGNORECASE)


# What a name looks like on either side of a missing sentence space (see _Scanner.splits_identifier).
WORD = lazy_compile(r"[^\W_]+")
TOKEN = lazy_compile(r"\S+")
LAST_NOT_WORD = lazy_compile(r"(?s:.*)[\W_]")  # up to the last character that is not in a word run
LAST_SPACE = lazy_compile(r"(?s:.*)\s")
LETTER_THEN_DIGIT = lazy_compile(r"[^\W\d_]\d")  # DR4, Qwen2, A320: an identifier, not a word
CAMEL = lazy_compile(r"[^\W\d_A-Z][A-Z]")  # iPhone, RagKO, MyClass
# A file or code suffix that looks like a capitalised word: Node.Js, report.Pdf, index.Html.
SUFFIX = lazy_compile(
    r"(?:js|jsx|ts|tsx|py|rb|php|css|asp|aspx|jsp|cpp|pdf|html?|xml|json|csv|txt|docx?|xlsx?|pptx?"
    r"|exe|zip|png|jpe?g|gif|svg|mp3|mp4|wav)",
    re.IGNORECASE,
)
JOINERS = "._@"  # between two alphanumeric runs, these make one name (a.b.c, a_b, a@b)


class _Runs:
    """Maximal runs of a kind of character in a text, looked up at positions that only increase.

    The last separator before a position is found by one scan of the text since the last look
    (in C), so the work stays linear in the text's size however many looks there are, and a run
    is found once however many looks fall in it.
    """

    def __init__(self, text: str, run: re.Pattern[str], last_gap: re.Pattern[str]) -> None:
        self.text, self.run, self.last_gap = text, run, last_gap
        self.scanned = 0  # text[:scanned] has been looked at
        self.after_gap = 0  # just past the last separator in text[:scanned]
        self.found: re.Match[str] | None = None

    def at(self, pos: int) -> re.Match[str] | None:
        """The run holding ``pos`` or ending at it, else the first one after it."""
        if pos < self.scanned:  # not expected: start over
            self.scanned = self.after_gap = 0
        gap = self.last_gap.match(self.text, self.scanned, pos)
        if gap is not None:
            self.after_gap = gap.end()
        self.scanned = pos
        if self.found is None or self.found.start() != self.after_gap:
            self.found = self.run.search(self.text, self.after_gap)
        return self.found


class _Scanner:
    """Word runs and whitespace tokens of one text, looked at forward once with the matches.

    Matches come in increasing order, so each run and token is found once and each
    token is judged once: the work stays linear in the text's size however many
    matches a token holds (``a.Ba.Ba.B...``, a megabyte without spaces).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = _Runs(text, WORD, LAST_NOT_WORD)
        self.tokens = _Runs(text, TOKEN, LAST_SPACE)
        self.address: tuple[int, bool] = (-1, False)  # (start of a token, whether it is an address)

    def word_ending_at(self, pos: int) -> re.Match[str] | None:
        """The alphanumeric run that ends at ``pos``, if one does."""
        word = self.words.at(pos)
        return word if word is not None and word.end() == pos and word.start() < pos else None

    def in_address(self, pos: int) -> bool:
        """Whether the whitespace-separated token holding ``pos`` looks like a web or e-mail address."""
        token = self.tokens.at(pos)
        if token is None or not token.start() <= pos < token.end():
            return False
        if self.address[0] != token.start():
            self.address = (token.start(), bool(ADDRESS.search(token.group())))
        return self.address[1]

    def splits_identifier(self, start: int, end: int, after: int) -> bool:
        """Whether a space between ``text[:end]`` (ending in punctuation) and the word at ``after`` splits a name.

        It does when the word before mixes letters and digits (``HLA-DR4``) or cases
        (``MyClass``), or is itself joined to a run before (``a.b``, not a decimal);
        when the word after is not a plain capitalised word (``RagKO``), is a file
        suffix (``Node.Js``), or is joined to a run after (``System.Collections.Generic``).
        """
        text = self.text
        punct = end
        while punct > max(0, start - 1) and text[punct - 1] in '.?!,”’"':
            punct -= 1
        left = self.word_ending_at(punct)
        if left is not None and not any(c in '”’"' for c in text[punct:end]):  # a closing quote ends a sentence
            run, begin = left.group(), left.start()
            if LETTER_THEN_DIGIT.search(run) or CAMEL.search(run):
                return True
            joined = begin >= 2 and text[begin - 1] in JOINERS and text[begin - 2].isalnum()
            if joined and not (run.isdigit() and text[begin - 2].isdigit()):  # 3.5 is a decimal
                return True
        right = WORD.match(text, after)
        if right is None:
            return False
        word, stop = right.group(), right.end()
        plain = word == "I" or (word[1:].isalpha() and word[1:].islower() and not SUFFIX.fullmatch(word))
        if not plain:
            return True
        return stop + 1 < len(text) and text[stop] in JOINERS and text[stop + 1].isalnum()


def _starts_sentence(text: str, start: int, end: int) -> bool:
    """Whether the punctuation matched at ``start:end`` follows a small letter, a digit or % (or a
    closing quote) and comes before a capitalised word (or "I")."""
    before = text[start - 1]
    closed = any(c in '”’"' for c in text[start:end])  # a closing quote ends a sentence whatever precedes it
    if not (closed or before.islower() or before.isdigit() or before == "%"):
        return False
    after = end + (text[end] in "“‘¿¡")
    first, second = text[after], text[after + 1]
    # capitals of Latin, Greek, Cyrillic and the like (below U+2000), as MAYBE_SENTENCE_END looks for them
    return (first.isupper() and first < "\u2000" and second.islower()) or (first == "I" and second in " ’'")


def _spacer(text: str) -> Callable[[re.Match[str]], str]:
    """The replacement for matches in ``text``: the punctuation and a space, unless inside a name."""
    scanner = _Scanner(text)

    def add_space(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        if not _starts_sentence(text, start, end):
            return m.group()
        after = end + 1 if text[end : end + 1] in ("“", "‘") else end
        if scanner.in_address(start) or scanner.splits_identifier(start, end, after):
            return m.group()
        return m.group() + " "

    return add_space


def looks_french(text: str) -> bool:
    """French puts a space before : ; ! ? — leave those spaces alone in French text."""
    sample = text[:3000]
    return "«" in sample or len(FRENCH_WORDS.findall(sample)) > len(ENGLISH_WORDS.findall(sample))


class FrenchLines:
    """Whether the line at a position is French, judged line by line (a page may quote one language
    in another); a line with no function word of either language goes with the whole text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.verdicts: dict[int, bool] = {}
        self.whole: bool | None = None

    def __call__(self, pos: int) -> bool:
        if not self.starts:
            self.starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        i = bisect_right(self.starts, pos) - 1
        if i not in self.verdicts:
            end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
            line = self.text[self.starts[i] : end]
            french, english = len(FRENCH_WORDS.findall(line)), len(ENGLISH_WORDS.findall(line))
            if "«" in line or french != english:
                self.verdicts[i] = "«" in line or french > english
            else:
                if self.whole is None:
                    self.whole = looks_french(self.text)
                self.verdicts[i] = self.whole
        return self.verdicts[i]


@register
class Spacing(Pass):
    name = "spacing"
    summary = "a missing space after a sentence end or comma; a stray space before punctuation"

    def apply(self, text: str, doc: Document) -> str:
        if MAYBE_SENTENCE_END.search(text):
            text = self.sub(doc, "spacing.sentence-end", SENTENCE_END, _spacer(text), text)
        text = self.sub(doc, "spacing.comma", COMMA, _spacer(text), text)
        if not any(pair in text for pair in SPACE_THEN_MARK):
            return text
        french = FrenchLines(text)
        return self.sub(doc, "spacing.before-punctuation", SPACE_BEFORE, lambda m: self._before(m, french), text)

    @staticmethod
    def _before(m: re.Match[str], french: FrenchLines) -> str:
        mark = m.string[m.end()]
        return m.group() if mark in ":;!?" and french(m.start()) else ""
