"""Cleaning many files: planning outputs, writing them safely, running in parallel, summing up.

Guarantees: an input file is only read; an output is written to a temporary
file beside it and renamed into place; two inputs never share an output; one
failing file is reported (path and plain reason) and the batch goes on.
"""

from __future__ import annotations

import fnmatch
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.document import Document
from cleaner.errors import CleanerError
from cleaner.pipeline import Pipeline


@dataclass(frozen=True)
class Job:
    src: Path
    dst: Path
    shown: str  # how the input is named in messages


@dataclass
class FileResult:
    shown: str
    error: str | None = None
    skipped: bool = False
    bytes_in: int = 0
    bytes_out: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """What a run did, added up file by file."""

    files: int = 0
    cleaned: int = 0
    skipped: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    flagged: list[tuple[str, str]] = field(default_factory=list)

    def add(self, r: FileResult) -> None:
        self.files += 1
        if r.error is not None:
            self.failures.append((r.shown, r.error))
            return
        if r.skipped:
            self.skipped += 1
            return
        self.cleaned += 1
        self.bytes_in += r.bytes_in
        self.bytes_out += r.bytes_out
        self.counts.update(r.counts)
        self.seconds.update(r.seconds)
        self.flagged.extend((r.shown, f) for f in r.flags)

    def render(self, elapsed: float, pass_order: Sequence[str]) -> str:
        mb = self.bytes_in / 1e6
        rate = f"{self.files / elapsed:,.0f} files/s, {mb / elapsed:.1f} MB/s" if elapsed > 0 else ""
        lines = [
            f"{self.cleaned} of {self.files} files cleaned"
            + (f", {self.skipped} skipped (output exists)" if self.skipped else "")
            + (f", {len(self.failures)} failed" if self.failures else "")
            + f" in {elapsed:.2f} s ({rate})",
            f"bytes: {self.bytes_in:,} in, {self.bytes_out:,} out",
            "changes by pass: " + (", ".join(f"{p} {self.counts[p]:,}" for p in pass_order) or "none"),
            "seconds by pass: " + (", ".join(f"{p} {self.seconds[p]:.2f}" for p in pass_order) or "none"),
        ]
        if self.flagged:
            lines.append(f"flagged for review ({len(self.flagged)}):")
            lines += [f"  {path}: {why}" for path, why in self.flagged]
        if self.failures:
            lines.append(f"failed ({len(self.failures)}):")
            lines += [f"  {path}: {why}" for path, why in self.failures]
        return "\n".join(lines)


def walk(
    inputs: Sequence[Path], include: Sequence[str] = (), skip: Path | None = None
) -> tuple[list[tuple[Path, Path]], list[FileResult]]:
    """Every input file with its path below the folder given (a file given by name: its name).

    Hidden files and folders are passed over, and so is ``skip`` (an output folder).
    """
    skip_real = skip.resolve() if skip is not None else None
    found: list[tuple[Path, Path]] = []
    missing: list[FileResult] = []
    for inp in inputs:
        if inp.is_dir():
            for root, dirs, files in os.walk(inp):
                here = Path(root)
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() != skip_real)
                for name in sorted(files):
                    if name.startswith(".") or (include and not any(fnmatch.fnmatch(name, g) for g in include)):
                        continue
                    found.append((here / name, (here / name).relative_to(inp)))
        elif inp.exists():
            found.append((inp, Path(inp.name)))
        else:
            missing.append(FileResult(str(inp), error="no such file or folder"))
    return found, missing


def plan(inputs: Sequence[Path], outdir: Path, include: Sequence[str] = ()) -> tuple[list[Job], list[FileResult]]:
    """Pair every input file with its output path; refuse pairs that would lose data.

    A folder's files keep their path below that folder; a file given by name
    goes to the top of ``outdir``, which is passed over inside an input folder.
    """
    found, refused = walk(inputs, include, skip=outdir)
    sources = {p.resolve() for p, _ in found}
    jobs: list[Job] = []
    claimed: dict[Path, str] = {}
    for path, rel in found:
        dst = outdir / rel
        key = dst.resolve()
        if key in sources:
            refused.append(FileResult(str(path), error=f"its output {dst} would overwrite an input file"))
        elif key in claimed:
            refused.append(FileResult(str(path), error=f"its output {dst} is already the output of {claimed[key]}"))
        else:
            claimed[key] = str(path)
            jobs.append(Job(path, dst, str(path)))
    return jobs, refused


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _reason(e: BaseException) -> str:
    if isinstance(e, CleanerError):
        return str(e)
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a folder"
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return f"internal error ({type(e).__name__}: {e}); please report it"


def clean_file(pipeline: Pipeline, job: Job, max_bytes: int, skip_existing: bool = False) -> FileResult:
    """Clean one file into its output; never raises, failures come back as the result's error."""
    if skip_existing and job.dst.exists():
        return FileResult(job.shown, skipped=True)
    try:
        size = job.src.stat().st_size
        if size > max_bytes:
            return FileResult(job.shown, error=f"{size:,} bytes, over the size limit of {max_bytes:,} (--max-size)")
        data = job.src.read_bytes()
        doc = pipeline.run(Document(data=data, path=job.shown))
        out = doc.text.encode("utf-8")
        write_atomic(job.dst, out)
    except Exception as e:  # one bad file never stops a batch
        return FileResult(job.shown, error=_reason(e))
    return FileResult(job.shown, None, False, len(data), len(out), doc.counts, doc.seconds, doc.flags)


_worker: tuple[Pipeline, int, bool] | None = None


def _init_worker(pipeline: Pipeline, max_bytes: int, skip_existing: bool) -> None:
    global _worker
    _worker = (pipeline, max_bytes, skip_existing)


def _work(job: Job) -> FileResult:
    assert _worker is not None
    return clean_file(_worker[0], job, _worker[1], _worker[2])


def run(
    pipeline: Pipeline,
    jobs: Sequence[Job],
    *,
    workers: int = 1,
    max_bytes: int,
    skip_existing: bool = False,
) -> Iterator[FileResult]:
    """Clean every job, in worker processes when ``workers > 1``; yield results as they finish.

    Small batches run in this process: starting workers would cost more than it saves.
    """
    if workers <= 1 or len(jobs) < 4 * workers:
        for job in jobs:
            yield clean_file(pipeline, job, max_bytes, skip_existing)
        return
    import multiprocessing

    chunk = max(1, min(64, len(jobs) // (workers * 8)))
    with multiprocessing.Pool(workers, _init_worker, (pipeline, max_bytes, skip_existing)) as pool:
        yield from pool.imap_unordered(_work, jobs, chunksize=chunk)
