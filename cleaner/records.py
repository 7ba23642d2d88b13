"""Records: a text field cleaned, every other field kept as it was; what went wrong said per record.

A record is a dict (a JSON object, a Parquet row). A record whose text field is
missing or not a string, or a line that is not a JSON object, is a
:class:`RecordError`; what then happens to it is the caller's ``on_error``:
``"fail"`` raises, ``"keep"`` passes it through unchanged, ``"skip"`` drops it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cleaner.document import Document
from cleaner.errors import CleanerError, reason
from cleaner.pipeline import Pipeline

ON_ERROR = ("keep", "skip", "fail")


class RecordError(CleanerError):
    """A record that cannot be cleaned: not an object, or no text to clean."""


@dataclass(frozen=True)
class Fields:
    """Which fields of a record matter, and what to do with records that cannot be cleaned."""

    text: str = "text"
    url: str | None = None
    annotate: str | None = None  # a field to add, saying what cleaning did
    on_error: str = "fail"

    def __post_init__(self) -> None:
        if self.on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, got {self.on_error!r}")


def host(url: Any) -> str | None:
    """The host of a URL, without ``www.``; None when there is none."""
    if not isinstance(url, str) or "//" not in url:
        return None
    name = (urlsplit(url.strip()).hostname or "").removeprefix("www.")
    return name or None


def annotation(doc: Document) -> dict[str, Any]:
    """What cleaning did to one document, for the ``annotate`` field; a web page's metadata under ``page``."""
    return {
        "changed_by": [p for p, n in doc.counts.items() if n],
        "changes": dict(sorted(doc.rules.items())),
        "flags": list(doc.flags),
        "source": doc.source,
        "host": doc.meta.get("host"),
        **({"page": doc.meta["page"]} if doc.meta.get("page") else {}),
    }


def clean_record(pipeline: Pipeline, record: Any, fields: Fields) -> tuple[dict[str, Any], Document]:
    """The record with its text cleaned (a new dict, fields in their order), and the document."""
    if not isinstance(record, Mapping):
        raise RecordError(f"not a JSON object but {type(record).__name__}")
    text = record.get(fields.text)
    if not isinstance(text, str):
        why = "missing" if fields.text not in record else f"not a string but {type(text).__name__}"
        raise RecordError(f"its text field {fields.text!r} is {why}")
    doc = Document(text=text)
    if fields.url:
        doc.meta["host"] = host(record.get(fields.url))
    pipeline.run(doc)
    out = dict(record)
    out[fields.text] = doc.text
    if fields.annotate:
        out[fields.annotate] = annotation(doc)
    return out, doc


@dataclass
class LineResult:
    """One input line: its output line (None when dropped), and what happened."""

    number: int
    out: bytes | None
    error: str | None = None
    bytes_in: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


def clean_line(pipeline: Pipeline, number: int, raw: bytes, fields: Fields) -> LineResult:
    """Clean one JSON Lines record; never raises: an error is the result's, with the line kept or dropped."""
    try:
        record = json.loads(raw)
        out, doc = clean_record(pipeline, record, fields)
    except ValueError as e:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
        return _failed(number, raw, f"not JSON: {e}", fields)
    except Exception as e:  # one bad record never stops a stream
        return _failed(number, raw, reason(e), fields)
    line = json.dumps(out, ensure_ascii=False).encode("utf-8") + b"\n"
    return LineResult(number, line, None, len(raw), doc.counts, doc.rules, doc.seconds, doc.flags)


def _failed(number: int, raw: bytes, why: str, fields: Fields) -> LineResult:
    kept = raw if raw.endswith(b"\n") else raw + b"\n"
    return LineResult(number, kept if fields.on_error == "keep" else None, why, len(raw))


@dataclass
class RowResult(LineResult):
    """One Parquet row: the row to write (None when dropped)."""

    row: dict[str, Any] | None = None


def clean_row(pipeline: Pipeline, number: int, row: dict[str, Any], fields: Fields) -> RowResult:
    """Clean one row; never raises. An annotation is stored as a JSON string."""
    size = len(row.get(fields.text) or "") if isinstance(row.get(fields.text), str) else 0
    try:
        out, doc = clean_record(pipeline, row, fields)
    except Exception as e:  # one bad row never stops a stream
        return RowResult(number, None, reason(e), size, row=row if fields.on_error == "keep" else None)
    if fields.annotate:
        out[fields.annotate] = json.dumps(out[fields.annotate], ensure_ascii=False)
    return RowResult(number, None, None, size, doc.counts, doc.rules, doc.seconds, doc.flags, row=out)
