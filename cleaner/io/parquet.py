"""Parquet through pyarrow (the ``parquet`` extra): rows in batches with their numbers, rows out atomically."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError
from cleaner.io.files import atomic_file


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise CleanerError("Parquet needs pyarrow: pip install 'news-cleaner[parquet]'") from None
    return pyarrow, pyarrow.parquet


def read_rows(path: Path, batch: int) -> tuple[Any, Iterator[list[tuple[int, dict[str, Any]]]]]:
    """The file's schema, and its rows in lists of up to ``batch``, each row with its number (from 1)."""
    _, pq = _pyarrow()
    try:
        source = pq.ParquetFile(path)
    except Exception as e:
        raise CleanerError(f"not a readable Parquet file: {e}") from None

    def rows() -> Iterator[list[tuple[int, dict[str, Any]]]]:
        number = 0
        for record_batch in source.iter_batches(batch_size=batch):
            records = record_batch.to_pylist()
            yield [(number + i + 1, r) for i, r in enumerate(records)]
            number += len(records)

    return source.schema_arrow, rows()


@contextmanager
def row_writer(path: Path, schema: Any) -> Iterator[Any]:
    """A function taking lists of rows, writing them to ``path`` (renamed into place when the block succeeds)."""
    pa, pq = _pyarrow()
    with atomic_file(path) as f, pq.ParquetWriter(f, schema) as writer:
        yield lambda rows: writer.write_table(pa.Table.from_pylist(rows, schema=schema))


def with_string_column(schema: Any, name: str) -> Any:
    """``schema`` with a string column ``name`` added (or kept, if it has one)."""
    pa, _ = _pyarrow()
    return schema if name in schema.names else schema.append(pa.field(name, pa.string()))
