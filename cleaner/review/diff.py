"""Comparing cleaned samples with their golden files, each differing line tied to the rule behind it.

A sample ``SAMPLES/<path>`` is cleaned in memory and compared with
``GOLDEN/<path>``. In the unified diff of golden against obtained, a line only
the obtained output has says which changes made it (or that no rule touched it:
the golden file expects a change the pipeline no longer makes); a line only the
golden file has says which change removed or rewrote it in the input (or that
no rule makes it).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from cleaner.document import Change, Document
from cleaner.pipeline import Pipeline
from cleaner.review.trace import Trace, split, trace

SAME, DIFFERS, MISSING, ERROR = "same", "differs", "missing", "error"
CONTEXT = 3  # lines of context around each hunk
SIDECAR = ".obtained"  # a mismatch's output, written beside its golden file by the pytest plugin


@dataclass
class Why:
    """Why a differing line is as it is: ``made`` (obtained line changed by rules), ``unchanged``
    (obtained line no rule touched), ``removed`` or ``rewritten`` (golden line a rule took out or
    changed), ``none`` (a golden line no rule accounts for)."""

    kind: str
    rules: list[tuple[str, str]] = field(default_factory=list)  # (pass, rule id), in the order they applied
    input_line: int | None = None

    def __str__(self) -> str:
        return self.describe([self.input_line] if self.input_line else [])

    def key(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """What a run of lines explained alike shares."""
        return self.kind, tuple(self.rules)

    def describe(self, input_lines: Sequence[int]) -> str:
        """In words, for a run of lines that came from ``input_lines``."""
        named = ", ".join(f"{p} {r}" for p, r in self.rules)
        at = f" (input {_numbers(input_lines)})" if input_lines else ""
        return {
            "made": f"made by {named}{at}",
            "unchanged": f"no rule changed this line{at}: the golden file expects a change",
            "removed": f"removed by {named}{at}",
            "rewritten": f"rewritten by {named}{at}",
            "none": "no rule makes this line: the golden file expects a change",
        }[self.kind]


def _numbers(ns: Sequence[int]) -> str:
    """``line 4``, ``lines 4-9``, ``lines 4, 7, 9``."""
    if len(ns) == 1:
        return f"line {ns[0]}"
    if list(ns) == list(range(ns[0], ns[0] + len(ns))):
        return f"lines {ns[0]}-{ns[-1]}"
    return "lines " + ", ".join(map(str, ns))


@dataclass
class DiffLine:
    op: str  # " " context, "-" golden only, "+" obtained only
    text: str
    golden: int | None  # 1-based line numbers
    obtained: int | None
    why: Why | None = None


@dataclass
class Hunk:
    golden_start: int
    golden_count: int
    obtained_start: int
    obtained_count: int
    lines: list[DiffLine]

    def header(self) -> str:
        def span(start: int, count: int) -> str:
            return f"{start if count else start - 1}" + (f",{count}" if count != 1 else "")

        return f"@@ -{span(self.golden_start, self.golden_count)} +{span(self.obtained_start, self.obtained_count)} @@"


@dataclass
class FileReview:
    """One sample compared with its golden file."""

    path: str  # relative to both folders, with / separators
    sample: Path
    golden: Path
    status: str
    obtained: str | None = None
    expected: str | None = None
    doc: Document | None = None
    trace: Trace | None = None
    hunks: list[Hunk] = field(default_factory=list)
    error: str | None = None

    @property
    def counts(self) -> tuple[int, int]:
        """Lines only the obtained output has, lines only the golden file has."""
        lines = [d for h in self.hunks for d in h.lines]
        return sum(d.op == "+" for d in lines), sum(d.op == "-" for d in lines)


@dataclass
class Review:
    samples: Path
    golden: Path
    files: list[FileReview]
    orphans: list[str]  # golden files without a sample, relative to the golden folder

    def summary(self) -> dict[str, int]:
        out = {SAME: 0, DIFFERS: 0, MISSING: 0, ERROR: 0}
        for f in self.files:
            out[f.status] += 1
        return {**out, "orphans": len(self.orphans)}

    @property
    def ok(self) -> bool:
        return not self.orphans and all(f.status == SAME for f in self.files)


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def sample_paths(samples: Path, golden: Path | None = None) -> list[str]:
    """Every sample file under ``samples`` (hidden files and folders skipped; ``golden`` too, when inside), sorted."""
    inside = golden.resolve() if golden is not None else None
    return sorted(
        p.relative_to(samples).as_posix()
        for p in samples.rglob("*")
        if p.is_file() and _visible(p, samples) and (inside is None or inside not in p.resolve().parents)
    )


def orphans(samples: Path, golden: Path) -> list[str]:
    """Golden files with no sample at the mirrored path (``.obtained`` sidecars are not golden files)."""
    found = []
    for p in golden.rglob("*"):
        if p.is_file() and _visible(p, golden) and not p.name.endswith(SIDECAR):
            rel = p.relative_to(golden)
            if not (samples / rel).is_file():
                found.append(rel.as_posix())
    return sorted(found)


def select(samples: Path, golden: Path, paths: Iterable[str | Path]) -> list[str]:
    """The sample paths (relative) that ``paths`` name: sample or golden files or folders, or relative paths.

    Raises ``ValueError`` naming a path that names no sample.
    """
    every = sample_paths(samples, golden)
    chosen: dict[str, None] = {}
    for given in paths:
        rel = _relative(Path(given), samples, golden)
        if rel is None:
            raise ValueError(f"{given}: not a sample or golden file under {samples} or {golden}")
        prefix = "" if rel == "." else rel.rstrip("/") + "/"
        hits = [p for p in every if p == rel or p.startswith(prefix)]
        if not hits:
            raise ValueError(f"{given}: no sample at {samples / rel}")
        chosen.update(dict.fromkeys(hits))
    return list(chosen)


def _relative(given: Path, samples: Path, golden: Path) -> str | None:
    full = given.resolve()
    for root in (samples, golden):
        try:
            rel = full.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        return rel.removesuffix(SIDECAR)
    if not given.is_absolute() and (samples / given).exists():
        return given.as_posix()
    return None


def review(
    pipeline: Pipeline, samples: Path, golden: Path, only: Sequence[str] | None = None, workers: int = 1
) -> Review:
    """Clean every sample (or the relative paths ``only``) and compare each with its golden file.

    With ``workers`` over 1, samples are cleaned in that many processes.
    """
    paths = sample_paths(samples, golden) if only is None else list(only)
    one = partial(review_file, pipeline, samples, golden)
    if workers > 1 and len(paths) > 1:
        with ProcessPoolExecutor(min(workers, len(paths))) as pool:
            files = list(pool.map(one, paths, chunksize=max(1, min(16, len(paths) // (4 * workers)))))
    else:
        files = [one(rel) for rel in paths]
    return Review(samples, golden, files, orphans(samples, golden) if only is None else [])


def review_file(pipeline: Pipeline, samples: Path, golden: Path, rel: str) -> FileReview:
    """Clean one sample with explanations on and compare it with its golden file."""
    from cleaner.errors import CleanerError

    sample, expected_path = samples / rel, golden / rel
    out = FileReview(rel, sample, expected_path, ERROR)
    try:
        doc = pipeline.document(sample.read_bytes(), explain=True)
    except (OSError, CleanerError) as e:
        out.error = str(e)
        return out
    out.doc, out.obtained = doc, doc.text
    out.trace = trace(doc.meta.get("original", doc.text), doc.changes or [])
    try:
        out.expected = expected_path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        out.status = MISSING
        return out
    except (OSError, UnicodeDecodeError) as e:
        out.error = f"golden file {expected_path} unreadable: {e}"
        return out
    out.status = SAME if out.expected == out.obtained else DIFFERS
    if out.status == DIFFERS:
        out.hunks = hunks(out.expected, out.trace)
    return out


def _rules(changes: Sequence[Change], indices: Iterable[int]) -> list[tuple[str, str]]:
    return list(dict.fromkeys((changes[k].pass_name, changes[k].rule) for k in indices))


def hunks(expected: str, tr: Trace, context: int = CONTEXT) -> list[Hunk]:
    """The unified diff of ``expected`` (golden) against the traced output, each differing line explained."""
    golden = split(expected)
    obtained = [line.text for line in tr.lines]
    if golden == obtained and golden:  # they differ only in the final line break
        mark = "\n\\ No newline at end of file"
        golden[-1] += "" if expected.endswith("\n") else mark
        obtained[-1] += mark if expected.endswith("\n") else ""
    kept = tr.kept()
    where: dict[str, list[int]] = {}
    for n, text in enumerate(tr.original, 1):
        where.setdefault(text, []).append(n)
    out = []
    matcher = difflib.SequenceMatcher(None, golden, obtained, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        lines: list[DiffLine] = []
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                lines += [DiffLine(" ", golden[i], i + 1, j1 + i - i1 + 1) for i in range(i1, i2)]
                continue
            pairs = _pairs(golden, obtained, i1, i2, j1, j2) if op == "replace" else {}
            blamed = {j: _blame(tr, j, golden[i]) for i, j in pairs.items()}
            for i in range(i1, i2):
                j = pairs.get(i, -1)
                why = _why_golden(golden[i], tr, where, kept, blamed.get(j), j)
                lines.append(DiffLine("-", golden[i], i + 1, None, why))
            for j in range(j1, j2):
                lines.append(DiffLine("+", obtained[j], None, j + 1, _why_obtained(tr, j, blamed.get(j))))
        g0, o0 = group[0][1], group[0][3]
        g1, o1 = group[-1][2], group[-1][4]
        out.append(Hunk(g0 + 1, g1 - g0, o0 + 1, o1 - o0, lines))
    return out


SIMILAR = 0.6  # a golden line and an output line this alike are one line, changed
WINDOW = 40  # how many output lines ahead a golden line's match is looked for


def _pairs(golden: list[str], obtained: list[str], i1: int, i2: int, j1: int, j2: int) -> dict[int, int]:
    """In a replaced block, each golden line that is a changed version of an output line, in order: golden -> output."""
    out: dict[int, int] = {}
    start = j1
    for i in range(i1, i2):
        for j in range(start, min(j2, start + WINDOW)):
            m = difflib.SequenceMatcher(None, golden[i], obtained[j], autojunk=False)
            if m.real_quick_ratio() >= SIMILAR and m.quick_ratio() >= SIMILAR and m.ratio() >= SIMILAR:
                out[i] = j
                start = j + 1
                break
    return out


def _blame(tr: Trace, j: int, golden: str) -> list[int] | None:
    """The changes behind the characters where output line ``j`` differs from the golden line paired with it."""
    if j >= len(tr.lines):
        return None
    obtained = tr.lines[j].text
    found: list[int] = []
    for op, _, _, j1, j2 in difflib.SequenceMatcher(None, golden, obtained, autojunk=False).get_opcodes():
        if op != "equal":
            found += tr.blame(j, j1, j2)
    return list(dict.fromkeys(found))


def _why_obtained(tr: Trace, j: int, blamed: list[int] | None = None) -> Why:
    """An output line the golden file lacks: the changes that made it, or none."""
    if j >= len(tr.lines):
        return Why("none")
    line = tr.lines[j]
    changes = line.changes if blamed is None else blamed
    if changes:
        return Why("made", _rules(tr.changes, changes), line.origin)
    return Why("unchanged", [], line.origin)


def _why_golden(
    text: str, tr: Trace, where: dict[str, list[int]], kept: dict[int, list[int]], blamed: list[int] | None, j: int
) -> Why:
    """A golden line the output lacks: the input line it is and what a rule did to it, or what replaced it."""
    candidates = where.get(text, [])
    for n in candidates:
        if n in tr.removed:
            return Why("removed", _rules(tr.changes, [tr.removed[n]]), n)
    if blamed:
        return Why("rewritten", _rules(tr.changes, blamed), tr.lines[j].origin)
    for n in candidates:
        touched = [k for i in kept.get(n, []) for k in tr.lines[i].changes]
        if touched:
            return Why("rewritten", _rules(tr.changes, touched), n)
    return Why("none")


def to_json(rv: Review) -> dict[str, Any]:
    """The review as plain data, for ``cleaner diff --json``."""

    def why(w: Why | None) -> dict[str, Any] | None:
        if w is None:
            return None
        return {"kind": w.kind, "rules": [{"pass": p, "rule": r} for p, r in w.rules], "input_line": w.input_line}

    files = []
    for f in rv.files:
        added, removed = f.counts
        record: dict[str, Any] = {"path": f.path, "status": f.status, "added": added, "removed": removed}
        if f.error:
            record["error"] = f.error
        if f.doc is not None:
            record["source"] = f.doc.source
            record["flags"] = f.doc.flags
        record["hunks"] = [
            {
                "header": h.header(),
                "lines": [
                    {
                        "op": d.op,
                        "text": d.text,
                        "golden_line": d.golden,
                        "obtained_line": d.obtained,
                        "why": why(d.why),
                    }
                    for d in h.lines
                ],
            }
            for h in f.hunks
        ]
        files.append(record)
    return {
        "samples": str(rv.samples),
        "golden": str(rv.golden),
        "summary": rv.summary(),
        "files": files,
        "orphans": rv.orphans,
    }
