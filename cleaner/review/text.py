"""The review as text for a terminal: annotated unified diffs, a per-file tally, a summary."""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.review.diff import DIFFERS, ERROR, MISSING, SAME, DiffLine, FileReview, Review

COLOURS = {"-": "31", "+": "32", "@": "36", "#": "33", "h": "1"}  # ANSI: red, green, cyan, yellow, bold


def _paint(text: str, kind: str, colour: bool) -> str:
    return f"\x1b[{COLOURS[kind]}m{text}\x1b[0m" if colour else text


def file_diff(f: FileReview, colour: bool = False) -> str:
    """One file's annotated diff: after each run of added or removed lines, a ``#`` line saying why."""
    if f.status == SAME:
        return ""
    if f.status == ERROR:
        return _paint(f"{f.path}: could not be cleaned: {f.error}", "-", colour) + "\n"
    if f.status == MISSING:
        n = (f.obtained or "").count("\n")
        lines = f"{n} line{'s' * (n != 1)}"
        return _paint(f"{f.path}: no golden file ({lines} obtained; --accept writes it)", "h", colour) + "\n"
    out = [_paint(f"--- golden/{f.path}", "h", colour), _paint(f"+++ obtained/{f.path}", "h", colour)]
    for h in f.hunks:
        out.append(_paint(h.header(), "@", colour))
        for run in _runs(h.lines):
            first = run[0]
            out += [_paint(f"{d.op}{d.text}", d.op, colour) if d.op != " " else f" {d.text}" for d in run]
            if first.why is not None:
                lines = [n for n in dict.fromkeys(d.why.input_line for d in run if d.why) if n]
                out.append(_paint(f"#   {first.why.describe(lines)}", "#", colour))
    return "\n".join(out) + "\n"


def _runs(lines: list[DiffLine]) -> Iterator[list[DiffLine]]:
    """Consecutive lines with the same sign and the same explanation."""
    run: list[DiffLine] = []
    for d in lines:
        if run and (d.op != run[0].op or (d.why and d.why.key()) != (run[0].why and run[0].why.key())):
            yield run
            run = []
        run.append(d)
    if run:
        yield run


def stat(rv: Review) -> str:
    """One line per file that is not the same, one per golden file without a sample."""
    marks = {DIFFERS: "M", MISSING: "A", ERROR: "!"}
    out = []
    for f in rv.files:
        if f.status == DIFFERS:
            added, removed = f.counts
            out.append(f"M {f.path}  +{added} -{removed}")
        elif f.status != SAME:
            why = "no golden file" if f.status == MISSING else f"could not be cleaned: {f.error}"
            out.append(f"{marks[f.status]} {f.path}  ({why})")
    out += [f"D {p}  (golden file without a sample)" for p in rv.orphans]
    return "".join(line + "\n" for line in out)


def summary(rv: Review) -> str:
    s = rv.summary()
    parts = [f"{s[SAME]} same", f"{s[DIFFERS]} differing", f"{s[MISSING]} golden file missing"]
    if s[ERROR]:
        parts.append(f"{s[ERROR]} could not be cleaned")
    parts.append(f"{s['orphans']} golden file{'s' * (s['orphans'] != 1)} without a sample")
    return f"{len(rv.files)} sample{'s' * (len(rv.files) != 1)}: " + ", ".join(parts)
