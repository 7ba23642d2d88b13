"""Which words and short lines the training pages show as page furniture, and which as article.

A :class:`Lexicon` holds log-odds of boilerplate against content for words ("subscribe",
"blogroll", "said") and whole short lines ("leave a reply", "contact us"), counted by
*sites*, not lines: a word scores by how many sites use it in their boilerplate against how
many use it in their articles, so one site's template repeated over many pages counts once.
Only what at least ``min_sites`` sites use is kept. Digits are one symbol (``#``), so
"Comments (12)" and "Comments (3)" are one line. The line model reads a lexicon's verdicts on
each line and its neighbours (:data:`~cleaner.linemodel.features.LEXICAL`); the model file
carries the lexicon it was trained with.

>>> lex = Lexicon.learn(
...     [("a.com", ["Home", "The plan was approved on Monday."], "BC"),
...      ("b.org", ["Home", "The council said the plan would go ahead."], "BC"),
...      ("c.net", ["Home", "The plan, the mayor said, was late."], "BC")]
... )
>>> lex.lines["home"] > 0 > lex.words["plan"]
True
>>> lex.rows(["Home", "Unheard-of words"])[1][LEXICAL.index("lexicon_known")]
0.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from cleaner.linemodel.features import LEXICAL, MISSING, casefolded_words

LINE_WORDS = 5  # a line of at most this many words is looked up whole
_OWN = LEXICAL.index("lexicon_mean@-1")  # the first LEXICAL features are the line's own; then the neighbours'
DIGIT = re.compile(r"\d")


def tokens(line: str) -> list[str]:
    """The words of ``line`` as a lexicon knows them: casefolded, any word with a digit made ``#``."""
    words = casefolded_words(line)
    if not DIGIT.search(line):
        return words
    return ["#" if DIGIT.search(w) else w for w in words]


class Lexicon:
    """Log-odds of boilerplate against content per word (``words``) and per short line (``lines``)."""

    def __init__(self, words: dict[str, float], lines: dict[str, float]) -> None:
        self.words = words
        self.lines = lines

    @classmethod
    def learn(cls, pages: Iterable[tuple[str, Sequence[str], str]], min_sites: int = 3) -> Lexicon:
        """A lexicon from ``(site, lines, labels)``: labels ``B`` boilerplate, ``C``/``P``/``T`` content,
        any other label left out."""
        seen: dict[str, list[dict[str, set[str]]]] = {"words": [{}, {}], "lines": [{}, {}]}
        sites: list[set[str]] = [set(), set()]
        for site, lines, labels in pages:
            for line, label in zip(lines, labels, strict=True):
                side = 0 if label == "B" else 1 if label in "CPT" else None
                if side is None:
                    continue
                sites[side].add(site)
                words = tokens(line)
                for w in set(words):
                    seen["words"][side].setdefault(w, set()).add(site)
                if 0 < len(words) <= LINE_WORDS:
                    seen["lines"][side].setdefault(" ".join(words), set()).add(site)
        n_boiler, n_content = len(sites[0]), len(sites[1])

        def odds(boiler: dict[str, set[str]], content: dict[str, set[str]]) -> dict[str, float]:
            out = {}
            for key in sorted(boiler.keys() | content.keys()):
                b, c = boiler.get(key, set()), content.get(key, set())
                if len(b | c) >= min_sites:
                    ratio = math.log((len(b) + 1) / (n_boiler + 2)) - math.log((len(c) + 1) / (n_content + 2))
                    out[key] = round(ratio, 2)
            return out

        return cls(odds(*seen["words"]), odds(*seen["lines"]))

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> Lexicon:
        return cls(dict(spec["words"]), dict(spec["lines"]))

    def spec(self) -> dict[str, Any]:
        """The lexicon as JSON data (what :meth:`from_spec` reads)."""
        return {"words": self.words, "lines": self.lines}

    def own(self, line: str) -> tuple[float, ...]:
        """The line's own features (the first of ``LEXICAL``)."""
        words = tokens(line)
        known = [self.words[w] for w in words if w in self.words]
        whole = self.lines.get(" ".join(words), MISSING) if 0 < len(words) <= LINE_WORDS else MISSING
        if not known:
            return (MISSING, MISSING, MISSING, 0.0 if words else MISSING, MISSING, whole)
        first = self.words.get(words[0], MISSING)
        return (sum(known) / len(known), min(known), max(known), len(known) / len(words), first, whole)

    def rows(self, lines: Sequence[str], memo: dict[str, tuple[float, ...]] | None = None) -> list[tuple[float, ...]]:
        """One row of :data:`~cleaner.linemodel.features.LEXICAL` per line of ``lines`` (non-empty lines);
        ``memo`` keeps each line's own features for another call."""
        memo = {} if memo is None else memo
        for line in set(lines) - memo.keys():
            memo[line] = self.own(line)
        own = [memo[line] for line in lines]
        none = (MISSING,) * _OWN
        out = []
        for i, row in enumerate(own):
            before = own[i - 1] if i > 0 else none
            after = own[i + 1] if i + 1 < len(own) else none
            out.append((*row, before[0], after[0], before[5], after[5]))
        return out
