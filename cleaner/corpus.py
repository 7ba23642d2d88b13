"""Corpus evidence: lines that many documents of one source share are that source's template.

A first phase (:func:`scan`) reads every document of a batch as far as the pass that uses the
evidence (``template``) and counts, per source, in how many documents each line fingerprint
occurs, and each pair of neighbouring lines. The cleaning phase then runs with a pipeline that
holds the counts (:meth:`cleaner.pipeline.Pipeline.with_corpus`).

A document's source is its recognised publisher, else the host of its URL (a record's
``--url-field``, a web page's canonical URL), else its group (the folder a file lies in, or a
group the caller names), else the batch as a whole.

Memory is bounded whatever the corpus size: only short and medium lines are counted, as
8-byte hashes, and when the table holds more than ``capacity`` entries the rarest are dropped
(lossy counting: a count can only come out lower than the truth, never higher, so a dropped
entry can only make the evidence weaker). Documents are added in input order on every engine,
so ``-j 1``, ``-j 2`` and Dask give the same counts.
"""

from __future__ import annotations

import copy
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import TYPE_CHECKING, Any

from cleaner.blocks import Block, split
from cleaner.document import Document

if TYPE_CHECKING:
    from cleaner.engines import Engine
    from cleaner.pipeline import Pipeline
    from cleaner.rules import Source

PASS = "template"  # the pass that uses the evidence; the scan runs the passes before it
SENTENCE_WORDS = 8  # sentences this long tell one document from another
MAX_WORDS = 60  # longer lines are never counted (a template line is short; prose is kept anyway)
CAPACITY = 500_000  # entries (fingerprints) held over all sources, at most: about 50 MB
DIGITS = re.compile(r"\d+")
LETTER = re.compile(r"[^\W\d_]")
EDGE = 0  # the fingerprint standing for the start or the end of a document
IDENTITY = 2  # pairs with this first stand for a document's identity (never a line's fingerprint, which is odd)


def fingerprint(line: str) -> int:
    """A line's fingerprint: casefolded, each run of digits one ``0``, white space evened out.

    >>> fingerprint("Comments (12)") == fingerprint("  comments   (7) ")
    True
    """
    key = " ".join(DIGITS.sub("0", line.casefold()).split())
    return int.from_bytes(blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big") | 1


def pair(first: int, second: int) -> int:
    """The fingerprint of two neighbouring lines (``EDGE`` for the document's start or end)."""
    data = first.to_bytes(8, "big") + second.to_bytes(8, "big")
    return int.from_bytes(blake2b(data, digest_size=8, person=b"pair").digest(), "big") | 1


def counted(b: Block) -> bool:
    """Whether a line is counted at all: short or medium, with a letter (digits alone say nothing once
    normalised: a date, a counter, a list number), and not article prose."""
    return b.words <= MAX_WORDS and not b.prose and LETTER.search(b.key) is not None


@dataclass(frozen=True)
class Keys:
    """A document's fingerprints: each counted line's, and its pairs with the lines before and after it."""

    lines: list[int]  # per block; 0 for a line not counted
    before: list[int]  # per block: the pair with the line before (0 when either is not counted)
    after: list[int]
    identity: int  # the document's own text: its sentences of 8 words or more (else all its lines)

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> Keys:
        lines = [fingerprint(b.key) if counted(b) else 0 for b in blocks]
        edged = [EDGE, *lines, EDGE]
        pairs = [
            pair(a, b) if (a or i == 0) and (b or i == len(lines)) and (a or b) else 0
            for i, (a, b) in enumerate(itertools.pairwise(edged))
        ]
        own = sorted({fingerprint(b.key) for b in blocks if b.words >= SENTENCE_WORDS and b.ends_sentence})
        own = own or sorted(set(lines))
        identity = pair(IDENTITY, int.from_bytes(blake2b(repr(own).encode(), digest_size=8).digest(), "big"))
        return cls(lines, pairs[:-1], pairs[1:], identity)

    def distinct(self) -> list[int]:
        """Every fingerprint of the document once, sorted, its identity first."""
        return [self.identity, *sorted({k for k in (*self.lines, *self.before, *self.after) if k})]


def source_key(text: str, doc: Document, sources: dict[str, Source]) -> str:
    """The source a document is counted under: its publisher, else its host, else its group."""
    if doc.source is not None:
        return doc.source
    host = doc.meta.get("host")
    if host:
        by_host = next((s.id for s in sources.values() if s.has_host(host)), None)
        return by_host or host
    best: tuple[int, str] | None = None
    for src in sources.values():
        hits = sum(1 for p in src.signatures if p.search(text))
        if hits and (best is None or hits > best[0]):
            best = (hits, src.id)
    if best is not None:
        return best[1]
    if doc.meta.get("group") is not None:
        return str(doc.meta["group"])
    if doc.path:
        return os.path.dirname(doc.path) or "."
    return "this batch"


@dataclass
class Corpus:
    """Per source: how many documents were scanned, and in how many of them each fingerprint occurs.

    Read-only once scanning is done; it pickles to worker processes with the pipeline.
    """

    capacity: int = CAPACITY
    docs: dict[str, int] = field(default_factory=dict)
    counts: dict[str, dict[int, int]] = field(default_factory=dict)
    size: int = 0  # entries held over all sources
    floor: int = 0  # counts at or below this may have been dropped (0: every count is exact)

    def add(self, source: str, keys: Sequence[int]) -> bool:
        """Count one document of ``source`` holding the fingerprints ``keys`` (each once; the first is the
        document's identity). A copy of a document counted already (the same prose) is not counted:
        duplicates in a crawl would make an article's own lines look like the site's. Returns whether counted."""
        table = self.counts.setdefault(source, {})
        if keys and keys[0] in table:
            return False
        self.docs[source] = self.docs.get(source, 0) + 1
        before = len(table)
        for k in keys:
            table[k] = table.get(k, 0) + 1
        self.size += len(table) - before
        if self.size > self.capacity:
            self.prune()
        return True

    def prune(self) -> None:
        """Drop the rarest entries (seen once, then twice, ...) until the table is at most three quarters full.

        A source left with no entry is forgotten, documents and all: if it comes back, it is
        counted afresh, so its shares are those of the documents seen since.
        """
        floor = 0
        while self.size > 0.75 * self.capacity:
            floor += 1
            for source in list(self.counts):
                table = self.counts[source]
                rare = [k for k, n in table.items() if n <= floor]
                for k in rare:
                    del table[k]
                self.size -= len(rare)
                if not table:
                    del self.counts[source]
                    del self.docs[source]
        self.floor = max(self.floor, floor)

    def count(self, source: str, key: int) -> int:
        """In how many scanned documents of ``source`` the fingerprint ``key`` occurs (at most)."""
        return self.counts.get(source, {}).get(key, 0) if key else 0

    def documents(self, source: str) -> int:
        return self.docs.get(source, 0)

    def summary(self) -> str:
        """One line: documents, sources, and how many sources have several documents."""
        several = sum(1 for n in self.docs.values() if n > 1)
        n = len(self.docs)
        return f"{sum(self.docs.values()):,} documents of {n:,} source{'s' * (n != 1)} ({several:,} with several)"


# -- scanning ----------------------------------------------------------------------


def prefix(pipeline: Pipeline) -> Pipeline | None:
    """The pipeline up to (not including) the pass that uses evidence; None when it has no such pass."""
    names = pipeline.names
    if PASS not in names:
        return None
    head = copy.copy(pipeline)
    head.passes = pipeline.passes[: names.index(PASS)]
    return head


def scan_document(head: Pipeline, doc: Document) -> tuple[str, list[int]] | None:
    """A document's source and fingerprints, read as the evidence pass will see it; None if it fails."""
    try:
        head.run(doc)
    except Exception:  # a document that cannot be read is reported by the cleaning phase
        return None
    blocks = split(doc.text)
    return source_key(doc.text, doc, head.ruleset.sources), Keys.of(blocks).distinct()


def _scan_texts(
    head: Pipeline, items: list[tuple[str | bytes, str | None, str | None]]
) -> list[tuple[str, list[int]] | None]:
    out = []
    for text, group, host in items:
        doc = Document(meta={"group": group, "host": host})
        if isinstance(text, bytes):
            doc.data = text
        else:
            doc.text = text
        out.append(scan_document(head, doc))
    return out


def fold(results: Iterable[list[tuple[str, list[int]] | None]], capacity: int = CAPACITY) -> Corpus:
    """Add the scanned documents to a new corpus, in order."""
    corpus = Corpus(capacity)
    for chunk in results:
        for r in chunk:
            if r is not None:
                corpus.add(*r)
    return corpus


def chunks(items: Iterable[Any], size: int = 64) -> Iterator[list[Any]]:
    from cleaner.engines.local import chunked

    return chunked(items, size)


def scan(
    pipeline: Pipeline,
    texts: Iterable[str | bytes],
    groups: Iterable[str | None] | None = None,
    *,
    hosts: Iterable[str | None] | None = None,
    engine: Engine | None = None,
    capacity: int = CAPACITY,
) -> Corpus:
    """Count the fingerprints of ``texts`` as ``pipeline`` will see them.

    Each text is counted under its recognised publisher, else its host (``hosts``: one per text,
    as :meth:`~cleaner.pipeline.Pipeline.clean_records` finds with ``url_field``), else its
    group (``groups``, one per text; clean with ``Document(meta={"group": ...})``), else all
    in one.

    >>> from cleaner import Pipeline
    >>> p = Pipeline()
    >>> pages = [f"Home\\n{w} is the story of the day in every town.\\nShare this" for w in ("Rain", "Snow", "Sun")]
    >>> scan(p, pages).documents("this batch")
    3
    """
    from cleaner.engines.local import Local

    head = prefix(pipeline)
    if head is None:
        return Corpus(capacity)
    items = zip(
        texts, groups if groups is not None else _nones(), hosts if hosts is not None else _nones(), strict=False
    )
    return fold((engine or Local()).map(_scan_texts, head, chunks(items)), capacity)


def clean(
    pipeline: Pipeline,
    texts: Sequence[str | bytes],
    groups: Sequence[str | None] | None = None,
    *,
    hosts: Sequence[str | None] | None = None,
    engine: Engine | None = None,
) -> Iterator[str]:
    """Scan ``texts``, then clean them with that evidence, lazily and in order (see :func:`scan`).

    >>> from cleaner import Pipeline
    >>> stories = ["rain fell on the town all day", "the mayor opened a new bridge", "a school won a prize",
    ...            "the harbour reopened after the storm"]
    >>> pages = [f"Home\\nLatest news\\n{s.capitalize()}, the paper reports.\\nFollow us\\n" for s in stories]
    >>> next(clean(Pipeline(), pages))
    'Rain fell on the town all day, the paper reports.\\n'
    """
    evidence = pipeline.with_corpus(scan(pipeline, texts, groups, hosts=hosts, engine=engine))
    for i, text in enumerate(texts):
        doc = Document(meta={"group": groups[i] if groups else None, "host": hosts[i] if hosts else None})
        if isinstance(text, bytes):
            doc.data = text
        else:
            doc.text = text
        yield evidence.run(doc).text


def _nones() -> Iterator[None]:
    while True:
        yield None


# -- the command line's batches: files, and streams of records ------------------------------


def _scan_files(state: tuple[Pipeline, int], jobs: list[Any]) -> list[tuple[str, list[int]] | None]:
    from cleaner.batch import read_input

    head, max_bytes = state
    out: list[tuple[str, list[int]] | None] = []
    for job in jobs:
        try:
            data = read_input(job.src, max_bytes)
        except Exception:  # reported when the file is cleaned
            out.append(None)
            continue
        out.append(scan_document(head, Document(data=data, path=job.shown)))
    return out


def scan_files(pipeline: Pipeline, jobs: Iterable[Any], *, max_bytes: int, engine: Engine | None = None) -> Corpus:
    """The evidence of a batch of files (:class:`cleaner.batch.Job`), each grouped by its folder
    unless its publisher or host is known. Files that cannot be read are left out."""
    from cleaner.engines.local import Local

    head = prefix(pipeline)
    if head is None:
        return Corpus()
    return fold((engine or Local()).map(_scan_files, (head, max_bytes), chunks(jobs, 16)))


def _record_document(record: Any, fields: Any) -> Document | None:
    from cleaner.records import host

    if not isinstance(record, dict) or not isinstance(record.get(fields.text), str):
        return None
    doc = Document(text=record[fields.text])
    if fields.url:
        doc.meta["host"] = host(record.get(fields.url))
    return doc


def _scan_lines(state: tuple[Pipeline, Any], lines: list[tuple[int, bytes]]) -> list[tuple[str, list[int]] | None]:
    import json

    head, fields = state
    out: list[tuple[str, list[int]] | None] = []
    for _, raw in lines:
        try:
            doc = _record_document(json.loads(raw), fields)
        except ValueError:
            doc = None
        out.append(None if doc is None else scan_document(head, doc))
    return out


def _scan_rows(state: tuple[Pipeline, Any], rows: list[tuple[int, dict[str, Any]]]) -> list[Any]:
    head, fields = state
    return [None if (doc := _record_document(row, fields)) is None else scan_document(head, doc) for _, row in rows]


def scan_records(pipeline: Pipeline, src: Any, fields: Any, fmt: str = "jsonl", engine: Engine | None = None) -> Corpus:
    """The evidence of a file of records (JSON Lines or Parquet), each grouped by its URL's host
    (``fields.url``) unless its publisher is known, else all in one group: the file."""
    from cleaner.engines.local import Local

    head = prefix(pipeline)
    if head is None:
        return Corpus()
    engine = engine or Local()
    if fmt == "parquet":
        from cleaner.io import parquet

        _, batches = parquet.read_rows(src, 256)
        return fold(engine.map(_scan_rows, (head, fields), batches))
    from cleaner.io.jsonl import read_lines

    return fold(engine.map(_scan_lines, (head, fields), chunks(read_lines(src), 256)))
