"""Readers and writers, one per format. They yield and take records and know nothing of passes.

Compression is told by the first bytes when reading (gzip, zstd) and by the
file name's ending when writing (``.gz``, ``.zst``).
"""

from __future__ import annotations

from pathlib import Path

RECORD_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
COMPRESSED = (".gz", ".zst")


def record_format(path: Path) -> str | None:
    """``jsonl`` or ``parquet`` by the file name (``.jsonl``, ``.jsonl.gz``, ``.parquet``...), else None."""
    suffixes = path.suffixes
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes = suffixes[:-1]
    return RECORD_FORMATS.get(suffixes[-1]) if suffixes else None
