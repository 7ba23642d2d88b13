"""template: lines that many documents of one source share, by corpus evidence (see :mod:`cleaner.corpus`).

The pass does nothing unless its pipeline holds corpus evidence
(:meth:`~cleaner.pipeline.Pipeline.with_corpus`), which ``cleaner clean`` gathers over a batch
before cleaning it. A line is the source's template when it occurs in at least
``corpus_share`` of the source's documents (and in three at least), and so does the line
together with the line before or after it: a headline that other pages of the site list in
a sidebar stands next to its own article, not next to the sidebar's other headlines. Only
sources with ``corpus_min_docs`` documents or more are judged.

Protections: a line that reads like article prose stays (it is not even counted); a byline,
dateline or credit within ``NEAR`` lines of the article's own text (or of one kept so) stays,
and so does a sentence right beside it; the removal is not made when it would take more than
``max_removed_share`` of the words or every line (the document is flagged).
"""

from __future__ import annotations

import math
from collections import deque
from typing import TYPE_CHECKING

from cleaner.blocks import Block, split
from cleaner.corpus import Keys, counted, source_key
from cleaner.document import Document, Edit
from cleaner.errors import ConfigError

# Bylines, datelines and credits: lines with a year, a time, "by", "source", "updated", ...
from cleaner.passes.boilerplate import KEEP_NEAR_ARTICLE
from cleaner.pipeline import Pass, register

if TYPE_CHECKING:
    from cleaner.corpus import Corpus

NEAR = 3  # a byline or dateline this many lines from the article's text is the article's
HOPS = 2  # ... or this many lines from a line kept so (a byline above a dateline), and no further
OWN_WORDS = 4  # a line not in the template with this many words may be the article's own (its title, text)
ARTICLE_WORDS = 8  # a sentence with this many words beside the article's own text stays
RULE = "template.repeated"


@register
class Template(Pass):
    name = "template"
    summary = "lines repeated in many documents of one source (corpus evidence of a batch; off without it)"
    defaults = {"corpus_share": 0.7, "corpus_min_docs": 4, "max_removed_share": 0.7}

    corpus: Corpus | None = None  # set on a copy of the pass by Pipeline.with_corpus
    least = 3  # documents a template line is in, at the least
    keep_sentences = True  # a sentence next to the article's own text stays (a disclosure, a last paragraph)

    def setup(self) -> None:
        share, least = self.options["corpus_share"], self.options["corpus_min_docs"]
        if not 0 < share <= 1:
            raise ConfigError(
                f"option corpus_share is a share of a source's documents, above 0 and at most 1; got {share!r}"
            )
        if least < 2:
            raise ConfigError(f"option corpus_min_docs is at least 2; got {least!r}")
        if not 0 < self.options["max_removed_share"] <= 1:
            raise ConfigError(
                f"option max_removed_share is above 0 and at most 1; got {self.options['max_removed_share']!r}"
            )

    def apply(self, text: str, doc: Document) -> str:
        corpus = self.corpus
        if corpus is None or RULE not in self.rules:
            return text
        source = source_key(text, doc, self.sources)
        docs = corpus.documents(source)
        if docs < self.options["corpus_min_docs"]:
            return text
        blocks = split(text)
        need = max(self.least, math.ceil(self.options["corpus_share"] * docs))
        keys = Keys.of(blocks)
        found: dict[int, int] = {}
        for b in blocks:
            if not counted(b):
                continue
            seen = corpus.count(source, keys.lines[b.number])
            beside = max(corpus.count(source, keys.before[b.number]), corpus.count(source, keys.after[b.number]))
            if self.repeated(seen, beside, need):
                found[b.number] = seen
        if not found:
            return text
        self.protect(blocks, found, doc)
        if not found or not self.guarded(blocks, found, doc):
            return text
        self.note(doc, RULE, f"corpus evidence: {docs:,} documents of {source}; a template line is in {need:,} or more")
        return self.edit(doc, text, self.removals(blocks, found, docs, source))

    @staticmethod
    def repeated(seen: int, beside: int, need: int) -> bool:
        """Whether a line found in ``seen`` documents, and beside the same neighbour in ``beside``, is template."""
        return seen >= need and beside >= need

    def protect(self, blocks: list[Block], found: dict[int, int], doc: Document) -> None:
        """Keep bylines, datelines and credits near the article's own text (or near one kept so, a byline
        above a dateline), and sentences right beside it; in time linear in the lines."""
        queue = deque((b.number, HOPS) for b in blocks if b.number not in found and b.words >= OWN_WORDS)
        while queue:
            at, hops = queue.popleft()
            for number in range(max(0, at - NEAR), min(len(blocks), at + NEAR + 1)):
                if number not in found:
                    continue
                b = blocks[number]
                beside = abs(number - at) == 1 and b.words >= ARTICLE_WORDS and b.ends_sentence
                if KEEP_NEAR_ARTICLE.search(b.key) or (self.keep_sentences and beside):
                    del found[number]
                    if hops > 1:
                        queue.append((number, hops - 1))

    def guarded(self, blocks: list[Block], found: dict[int, int], doc: Document) -> bool:
        """Whether the removals may be made: not more than ``max_removed_share`` of the words, nor every line."""
        total = sum(b.words for b in blocks)
        gone = sum(blocks[n].words for n in found)
        share = self.options["max_removed_share"]
        if total and gone > share * total:
            why = f"kept everything: template lines would remove {gone / total:.0%} of the words (limit {share:.0%})"
        elif len(found) == len(blocks):
            why = "kept everything: template lines would remove every line"
        else:
            return True
        if why not in doc.flags:
            doc.flags.append(why)
        self.note(doc, "template.guard", why)
        return False

    @staticmethod
    def removals(blocks: list[Block], found: dict[int, int], docs: int, source: str) -> list[Edit]:
        return [
            Edit(blocks[n].start, blocks[n].end, "", RULE, f"in {seen:,} of {docs:,} documents of {source}")
            for n, seen in sorted(found.items())
        ]
