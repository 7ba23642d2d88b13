"""Cleaning many files: finding inputs, planning outputs, writing them safely, running in parallel, summing up.

Guarantees: an input file is only read, and at most ``max_bytes`` of it; an
output is written to a temporary file beside it and renamed into place, with
the permissions the umask allows; two inputs never share an output; one run at
a time writes to an output folder (a lock), and temporary files left by an
interrupted run are removed by the next; every input passed over is named;
one failing file is reported (path and plain reason) and the batch goes on.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from cleaner.document import Document
from cleaner.engines import Engine
from cleaner.engines.local import Local, chunked
from cleaner.errors import CleanerError, ConfigError, reason
from cleaner.io.files import TEMP_SUFFIX, write_atomic
from cleaner.pipeline import Pipeline


@dataclass(frozen=True)
class Job:
    src: Path
    dst: Path
    shown: str  # how the input is named in messages
    refused: str | None = None  # why this input is not cleaned (its output would lose data)


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
    rules: Counter[str] = field(default_factory=Counter)

    @property
    def status(self) -> str:
        return "failed" if self.error is not None else "skipped" if self.skipped else "cleaned"


@dataclass
class Inputs:
    """What a walk over the inputs found: files to clean, inputs passed over and why, failures."""

    files: list[tuple[Path, Path]] = field(default_factory=list)  # (path, path below its input)
    passed_over: list[tuple[str, str]] = field(default_factory=list)
    failed: list[FileResult] = field(default_factory=list)


def entry(r: FileResult) -> dict[str, Any]:
    """One input's line in a run report."""
    return {
        "input": r.shown,
        "status": r.status,
        "reason": r.error,
        "flags": r.flags,
        "changes_by_pass": dict(r.counts),
        "changes_by_rule": dict(r.rules),
        "bytes_in": r.bytes_in,
        "bytes_out": r.bytes_out,
        "seconds": round(sum(r.seconds.values()), 6),
    }


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


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
    passed_over: list[tuple[str, str]] = field(default_factory=list)
    rules: Counter[str] = field(default_factory=Counter)
    entries: list[dict[str, Any]] | None = None  # one a file, kept only for a run report

    def add(self, r: FileResult) -> None:
        if self.entries is not None:
            self.entries.append(entry(r))
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
        self.rules.update(r.rules)
        self.seconds.update(r.seconds)
        self.flagged.extend((r.shown, f) for f in r.flags)

    def render(self, elapsed: float, pass_order: Sequence[str], output: str | None = None) -> str:
        mb = self.bytes_in / 1e6
        rate = f" ({self.files / elapsed:,.0f} files/s, {mb / elapsed:.1f} MB/s)" if elapsed > 0 else ""
        changed = [p for p in pass_order if self.counts[p]]
        lines = [
            f"{self.cleaned:,} of {_plural(self.files, 'file')} cleaned"
            + (f", {self.skipped:,} skipped (output exists)" if self.skipped else "")
            + (f", {len(self.failures):,} failed" if self.failures else "")
            + f" in {elapsed:.2f} s{rate}",
            f"bytes: {self.bytes_in:,} in, {self.bytes_out:,} out",
            *([f"output: {output}"] if output else []),
            "changes by pass: " + (", ".join(f"{p} {self.counts[p]:,}" for p in changed) or "none"),
            "seconds by pass: "
            + (", ".join(f"{p} {self.seconds[p]:.2f}" for p in pass_order if p in self.seconds) or "none"),
        ]
        for title, items in (
            ("passed over", self.passed_over),
            ("flagged for review", self.flagged),
            ("failed", self.failures),
        ):
            if items:
                lines.append(f"{title} ({len(items):,}):")
                lines += [f"  {path}: {why}" for path, why in items]
        return "\n".join(lines)


def walk(inputs: Sequence[Path], include: Sequence[str] = (), skip: Path | None = None) -> Inputs:
    """Every input file with its path below the input it was found in.

    One input folder maps onto the output folder; with several inputs, each
    folder keeps its own name there. A file given by name goes to the top.
    Folders behind links are followed once (a link back is a loop, named and
    passed over). Hidden files and folders, and ``skip`` (the output folder),
    are passed over and named; unreadable folders are failures.
    """
    found = Inputs()
    found.files = list(walk_files(inputs, include, skip, found))
    return found


def walk_files(
    inputs: Sequence[Path], include: Sequence[str] = (), skip: Path | None = None, found: Inputs | None = None
) -> Iterator[tuple[Path, Path]]:
    """:func:`walk`'s files one by one, lazily (memory stays flat however many there are); what is passed
    over, and failures, go to ``found``."""
    found = Inputs() if found is None else found
    skip_real = os.path.realpath(skip) if skip is not None else None
    for inp in inputs:
        if not os.path.lexists(inp):
            found.failed.append(FileResult(str(inp), error="no such file or folder"))
        elif not inp.is_dir():
            yield inp, _top(inp, inputs)
        else:
            yield from _walk_folder(inp, _top(inp, inputs), include, skip_real, found)


def _top(inp: Path, inputs: Sequence[Path]) -> Path:
    """Where an input's files go below the output folder: a file to the top, a folder's files under
    its own name when there are several inputs."""
    if not inp.is_dir():
        return Path(inp.name)
    return Path(os.path.basename(os.path.realpath(inp))) if len(inputs) > 1 else Path()


def _walk_folder(
    top: Path, base: Path, include: Sequence[str], skip_real: str | None, found: Inputs
) -> Iterator[tuple[Path, Path]]:
    def unreadable(e: OSError) -> None:
        found.failed.append(FileResult(str(e.filename), error=f"folder not read: {reason(e)}"))

    seen: set[str] = set()
    for root, dirs, files in os.walk(top, onerror=unreadable, followlinks=True):
        here = Path(root)
        real = os.path.realpath(root)
        if real in seen:
            found.passed_over.append((str(here), f"a link to a folder read already ({real})"))
            dirs[:] = []
            continue
        seen.add(real)
        kept = []
        for d in sorted(dirs):
            if d.startswith("."):
                found.passed_over.append((str(here / d), "hidden folder"))
            elif os.path.realpath(here / d) == skip_real:
                found.passed_over.append((str(here / d), "the output folder"))
            else:
                kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            if include and not any(fnmatch.fnmatch(name, g) for g in include):
                continue
            if name.startswith("."):
                found.passed_over.append((str(here / name), "hidden file"))
                continue
            yield here / name, base / (here / name).relative_to(top)


class Plan:
    """Every input file paired with its output path, read lazily from the folders each time it is iterated
    (memory stays flat in the number of files); a pair that would lose data comes as a refused job.

    Refused: an output that is an input file, or the output of an input before. Only what could
    collide is remembered: the input files that lie in the output folder, the outputs of inputs
    that share their name below it, and outputs reached through a link.
    """

    def __init__(self, inputs: Sequence[Path], outdir: Path, include: Sequence[str], found: Inputs) -> None:
        self.inputs, self.outdir, self.include = list(inputs), outdir, include
        self.real_out = os.path.realpath(outdir)
        self.inside: set[str] = set()  # input files in the output folder: an output may be one of them
        self.count = 0
        for path, _ in walk_files(self.inputs, include, outdir, found):
            self.count += 1
            real = os.path.realpath(path)
            if _under(real, self.real_out):
                self.inside.add(real)
        tops = Counter(_top(inp, self.inputs) for inp in self.inputs if os.path.lexists(inp))
        self.shared = {top for top, n in tops.items() if n > 1}  # several inputs write below one name
        self.roots = [os.path.realpath(inp) for inp in self.inputs]

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Job]:
        claimed: dict[str, str] = {}
        for path, rel in walk_files(self.inputs, self.include, self.outdir):
            dst = self.outdir / rel
            key = os.path.realpath(dst)
            plain = key == os.path.join(self.real_out, rel)  # no link on the way
            if key in self.inside or (not plain and any(_under(key, root) for root in self.roots)):
                yield Job(path, dst, str(path), f"its output {dst} would overwrite an input file")
            elif key in claimed:
                yield Job(path, dst, str(path), f"its output {dst} is already the output of {claimed[key]}")
            else:
                if not plain or Path(rel.parts[0] if rel.parts else "") in self.shared:
                    claimed[key] = str(path)
                yield Job(path, dst, str(path))


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def plan(inputs: Sequence[Path], outdir: Path, include: Sequence[str] = ()) -> tuple[Plan, Inputs]:
    """Pair every input file with its output path; refuse pairs that would lose data (see :class:`Plan`)."""
    found = Inputs()
    return Plan(inputs, outdir, include, found), found


FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def read_input(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file; a pipe or device is refused without waiting on it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in FILE_KINDS if test(mode)), "not a regular file")
            raise CleanerError(f"not a regular file ({kind})")
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise CleanerError(f"over the size limit of {max_bytes:,} bytes (--max-size)")
    return data


def clean_file(pipeline: Pipeline, job: Job, max_bytes: int, skip_existing: bool = False) -> FileResult:
    """Clean one file into its output; never raises, failures come back as the result's error."""
    if job.refused is not None:
        return FileResult(job.shown, error=job.refused)
    if skip_existing and job.dst.exists():
        return FileResult(job.shown, skipped=True)
    try:
        doc = Document(data=read_input(job.src, max_bytes), path=job.shown)
        size = len(doc.data or b"")  # the bytes go once decoded: a large file is not held twice
        doc = pipeline.run(doc)
        out = doc.text.encode("utf-8")
        doc.text = ""
    except Exception as e:  # one bad file never stops a batch
        return FileResult(job.shown, error=reason(e))
    try:
        write_atomic(job.dst, out)
    except Exception as e:
        return FileResult(job.shown, error=f"its output {job.dst} could not be written: {reason(e)}")
    return FileResult(job.shown, None, False, size, len(out), doc.counts, doc.seconds, doc.flags, doc.rules)


@contextmanager
def output_lock(outdir: Path) -> Iterator[int]:
    """Hold the output folder for this run; yields how many stale temporary files were removed.

    A second run writing to the same folder at the same time would overwrite
    this one's outputs, so it is refused (:class:`~cleaner.errors.ConfigError`).
    The lock is the operating system's, on the folder itself, released even
    when the run is killed.
    """
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        fd = os.open(outdir, os.O_RDONLY)
    except OSError as e:
        raise ConfigError(f"{outdir}: cannot write there: {reason(e)}") from None
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # no advisory locks on this system
            pass
        except BlockingIOError:
            raise ConfigError(f"another cleaner run is writing to {outdir}; wait for it to finish") from None
        yield remove_stale_temporaries(outdir)
    finally:
        os.close(fd)


def remove_stale_temporaries(outdir: Path) -> int:
    """Remove temporary outputs that an interrupted run left behind (only ever called under the lock)."""
    removed = 0
    for root, _, files in os.walk(outdir):
        for name in files:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                Path(root, name).unlink(missing_ok=True)
                removed += 1
    return removed


def _clean_jobs(state: tuple[Pipeline, int, bool], jobs: list[Job]) -> list[FileResult]:
    pipeline, max_bytes, skip_existing = state
    return [clean_file(pipeline, job, max_bytes, skip_existing) for job in jobs]


def run(
    pipeline: Pipeline,
    jobs: Iterable[Job],
    *,
    engine: Engine | None = None,
    max_bytes: int,
    skip_existing: bool = False,
) -> Iterator[FileResult]:
    """Clean every job on ``engine`` (default: this process); yield results in the jobs' order.

    Jobs are read as they are needed. A batch too small to keep the engine's workers busy runs
    in this process; the first jobs are looked at to tell (up to 16 a chunk, 8 chunks a worker).
    """
    engine = engine or Local()
    jobs = iter(jobs)
    first = list(islice(jobs, 16 * 8 * engine.workers))
    if len(first) < 4 * engine.workers:
        engine = Local()
    size = max(1, min(16, len(first) // (engine.workers * 8)))
    chunks = chunked(chain(first, jobs), size)
    del first
    for results in engine.map(_clean_jobs, (pipeline, max_bytes, skip_existing), chunks):
        yield from results
