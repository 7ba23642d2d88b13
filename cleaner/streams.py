"""Cleaning streams of records (JSON Lines, Parquet) through a pipeline, in order, in bounded memory.

A stream is read in chunks; chunks are cleaned in this process or in worker
processes (see :mod:`cleaner.engines.local`) and written in input order to a
temporary file that becomes the output only when the stream is done. A record
that cannot be cleaned is reported with its line (or row) number and kept,
dropped or made to stop the run, as ``Fields.on_error`` says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.engines import Engine
from cleaner.engines.local import Local, chunked
from cleaner.errors import CleanerError
from cleaner.pipeline import Pipeline
from cleaner.records import Fields, LineResult, RowResult, clean_line, clean_row

CHUNK = 256  # records sent to a worker at a time


class StreamStopped(CleanerError):
    """A record failed and ``on_error`` is ``fail``: the output is not written."""


@dataclass
class StreamSummary:
    """What one stream's records came to."""

    shown: str
    records: int = 0
    cleaned: int = 0
    kept: int = 0  # passed through unchanged after an error
    dropped: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    problems: list[dict[str, Any]] = field(default_factory=list)  # records with an error or a flag
    unit: str = "line"  # how a record is numbered: "line" (JSON Lines) or "row" (Parquet)

    def add(self, r: LineResult) -> None:
        self.records += 1
        self.bytes_in += r.bytes_in
        self.bytes_out += len(r.out or b"")
        kept = r.out is not None or (isinstance(r, RowResult) and r.row is not None)
        if r.error is None:
            self.cleaned += 1
            self.counts.update(r.counts)
            self.rules.update(r.rules)
            self.seconds.update(r.seconds)
            if r.flags:
                self.problems.append({self.unit: r.number, "status": "flagged", "flags": r.flags})
            return
        status = "kept" if kept else "dropped"
        self.kept += status == "kept"
        self.dropped += status == "dropped"
        self.problems.append({self.unit: r.number, "status": status, "reason": r.error})


def render(done: Sequence[StreamSummary], elapsed: float, pass_order: Sequence[str]) -> str:
    """The terminal summary of a run over streams: per stream its counts, and each record that failed."""
    lines = []
    for s in done:
        rate = f" ({s.records / elapsed:,.0f} records/s, {s.bytes_in / 1e6 / elapsed:.1f} MB/s)" if elapsed > 0 else ""
        failed = f", {s.kept:,} kept unchanged and {s.dropped:,} dropped after errors" if s.kept or s.dropped else ""
        lines.append(f"{s.shown}: {s.cleaned:,} of {s.records:,} records cleaned{failed} in {elapsed:.2f} s{rate}")
        changed = ", ".join(f"{p} {s.counts[p]:,}" for p in pass_order if s.counts[p]) or "none"
        lines.append(f"changes by pass: {changed}")
        flagged = sum(p["status"] == "flagged" for p in s.problems)
        if flagged:
            lines.append(f"flagged for review: {flagged:,} records (see --report)")
        lines += [f"  {s.unit} {p[s.unit]}: {p['reason']} ({p['status']})" for p in s.problems if "reason" in p]
    return "\n".join(lines)


def _clean_chunk(state: tuple[Pipeline, Fields], chunk: list[tuple[int, bytes]]) -> list[LineResult]:
    pipeline, fields = state
    return [clean_line(pipeline, number, raw, fields) for number, raw in chunk]


def clean_lines(
    pipeline: Pipeline,
    lines: Iterator[tuple[int, bytes]],
    write: Callable[[bytes], Any],
    fields: Fields,
    summary: StreamSummary,
    engine: Engine | None = None,
) -> None:
    """Clean numbered JSON lines into ``write``, in order; raise :class:`StreamStopped` on a failing record
    when ``on_error`` is ``fail``."""
    for results in (engine or Local()).map(_clean_chunk, (pipeline, fields), chunked(lines, CHUNK)):
        for r in results:
            summary.add(r)
            if r.error is not None and fields.on_error == "fail":
                raise StreamStopped(f"line {r.number}: {r.error} (--on-error fail)")
            if r.out is not None:
                write(r.out)


def clean_jsonl(
    pipeline: Pipeline, src: Path | None, dst: Path | None, fields: Fields, engine: Engine | None = None
) -> StreamSummary:
    """Clean a JSON Lines file (or standard input, for None) into ``dst`` (or standard output)."""
    from cleaner.io.jsonl import atomic_writer, read_lines

    summary = StreamSummary(str(src) if src else "standard input")
    with atomic_writer(dst) as out:
        clean_lines(pipeline, read_lines(src), out.write, fields, summary, engine)
    return summary


def _clean_rows(state: tuple[Pipeline, Fields], rows: list[tuple[int, dict[str, Any]]]) -> list[RowResult]:
    pipeline, fields = state
    return [clean_row(pipeline, number, row, fields) for number, row in rows]


def clean_parquet(
    pipeline: Pipeline, src: Path | None, dst: Path | None, fields: Fields, engine: Engine | None = None
) -> StreamSummary:
    """Clean a Parquet file into ``dst``, batch by batch, other columns kept; ``annotate`` is a JSON string column."""
    from cleaner.io import parquet

    if src is None or dst is None:
        raise CleanerError("Parquet is read from and written to files, not standard input or output")
    summary = StreamSummary(str(src), unit="row")
    schema, batches = parquet.read_rows(src, CHUNK)
    if fields.annotate:
        schema = parquet.with_string_column(schema, fields.annotate)
    with parquet.row_writer(dst, schema) as write:
        for results in (engine or Local()).map(_clean_rows, (pipeline, fields), batches):
            rows = []
            for r in results:
                summary.add(r)
                if r.error is not None and fields.on_error == "fail":
                    raise StreamStopped(f"row {r.number}: {r.error} (--on-error fail)")
                if r.row is not None:
                    rows.append(r.row)
            write(rows)
    return summary
