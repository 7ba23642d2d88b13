"""JSON Lines, plain or compressed: lines in with their numbers, lines out written atomically."""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO

from cleaner.errors import CleanerError
from cleaner.io.files import atomic_file

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def _zstandard() -> object:
    try:
        import zstandard
    except ImportError:
        raise CleanerError("zstd files need the zstandard package: pip install 'news-cleaner[streams]'") from None
    return zstandard


def _decompressed(raw: BinaryIO) -> IO[bytes]:
    """``raw`` itself, or a reader that undoes its gzip or zstd compression (told by its first bytes)."""
    import io

    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    head = buffered.peek(4)[:4]
    if head.startswith(GZIP_MAGIC):
        return gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[return-value]
    if head.startswith(ZSTD_MAGIC):
        return _zstandard().ZstdDecompressor().stream_reader(buffered, read_across_frames=True)  # type: ignore[attr-defined]
    return buffered


def read_lines(path: Path | None) -> Iterator[tuple[int, bytes]]:
    """Each non-blank line with its number (from 1), from ``path`` or, for None, standard input."""
    raw = sys.stdin.buffer if path is None else open(path, "rb")  # noqa: SIM115  (closed below)
    try:
        import io

        stream = io.BufferedReader(_decompressed(raw), 1 << 20)  # type: ignore[arg-type]
        for number, line in enumerate(stream, 1):
            if line.strip():
                yield number, line
    except (OSError, EOFError) as e:
        raise CleanerError(f"cannot read {path or 'standard input'}: {e}") from None
    finally:
        if path is not None:
            raw.close()


@contextmanager
def atomic_writer(path: Path | None) -> Iterator[IO[bytes]]:
    """A binary file that becomes ``path`` (compressed by its ending) only when the block succeeds.

    ``None`` writes to standard output as it goes.
    """
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with atomic_file(path) as f:
        if path.suffix == ".gz":
            with gzip.GzipFile(filename=path.stem, fileobj=f, mode="wb", compresslevel=6) as z:
                yield z  # type: ignore[misc]
        elif path.suffix == ".zst":
            with _zstandard().ZstdCompressor(level=3).stream_writer(f, closefd=False) as z:  # type: ignore[attr-defined]
                yield z
        else:
            yield f
