"""The review as one self-contained HTML page (no network; opens from ``file://``).

The page's index (one entry per file: status, counts, the rules that changed
it) is parsed when the page loads; each file's lines sit in their own
``<script type="application/json">`` block, parsed and drawn only when the file
is opened, so a report of thousands of files loads as fast as its index.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from collections.abc import Sequence
from importlib.resources import files as resource_files
from typing import Any

from cleaner.document import Document
from cleaner.pipeline import Pipeline
from cleaner.review.diff import FileReview, Review
from cleaner.review.trace import Trace, trace

EXPLAINED = "explained"  # the status of a file shown by ``cleaner explain --html``: no golden file to compare


class _Rules:
    """The (pass, rule) pairs the page refers to, numbered in order of first use."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.comments = {r.id: r.comment for r in pipeline.ruleset.rules.values()}
        self.index: dict[tuple[str, str], int] = {}

    def __call__(self, pass_name: str, rule: str) -> int:
        return self.index.setdefault((pass_name, rule), len(self.index))

    def table(self) -> list[list[str]]:
        return [[p, r, self.comments.get(r, "")] for (p, r) in self.index]


TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def _spans(a: str, b: str) -> tuple[list[list[int]], list[list[int]]]:
    """Where ``a`` and ``b`` differ, word by word: character ranges of each."""
    ta, tb = TOKEN.findall(a), TOKEN.findall(b)
    at, bt = [0], [0]  # character offset of each token
    for t in ta:
        at.append(at[-1] + len(t))
    for t in tb:
        bt.append(bt[-1] + len(t))
    ops = difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes()
    return [[at[i1], at[i2]] for op, i1, i2, _, _ in ops if op in ("delete", "replace")], [
        [bt[j1], bt[j2]] for op, _, _, j1, j2 in ops if op in ("insert", "replace")
    ]


def rows(tr: Trace, rules: _Rules) -> list[list[Any]]:
    """Raw and cleaned side by side, one row per line: ``[input line, raw, cleaned, rule numbers, raw spans,
    cleaned spans]``; cleaned is ``None`` for a removed line and ``1`` for a line kept as it was; raw is ``None``
    for a line a change added."""

    def numbered(indices: Sequence[int]) -> list[int]:
        return list(dict.fromkeys(rules(tr.changes[k].pass_name, tr.changes[k].rule) for k in indices))

    out: list[list[Any]] = []
    n = 1

    def removed_until(stop: int) -> None:
        nonlocal n
        while n < stop:
            k = tr.removed.get(n)
            out.append([n, tr.original[n - 1], None, numbered([k] if k is not None else [])])
            n += 1

    for line in tr.lines:
        if line.origin is None or line.origin < n:
            out.append([None, None, line.text, numbered(line.changes)])
            continue
        removed_until(line.origin)
        raw = tr.original[line.origin - 1] if line.origin <= len(tr.original) else ""
        if raw == line.text:
            out.append([n, raw, 1, numbered(line.changes)])
        else:
            out.append([n, raw, line.text, numbered(line.changes), *_spans(raw, line.text)])
        n += 1
    removed_until(len(tr.original) + 1)
    return out


def _file(f: FileReview, rules: _Rules) -> tuple[dict[str, Any], dict[str, Any]]:
    """A file's entry in the index, and its lines."""
    added, removed = f.counts
    entry: dict[str, Any] = {"path": f.path, "status": f.status, "added": added, "removed": removed}
    detail: dict[str, Any] = {}
    if f.doc is not None:
        entry["source"] = f.doc.source
        entry["flags"] = f.doc.flags
        entry["changes"] = sum(1 for c in f.doc.changes or [] if c.before or c.after)
    if f.error:
        entry["error"] = f.error
    if f.trace is not None:
        detail["rows"] = rows(f.trace, rules)
    detail["diff"] = diff = _diff(f, rules)
    touched = {i for row in detail.get("rows", []) for i in row[3]}
    entry["rules"] = sorted(touched.union(*(row[3] for row in diff if len(row) > 3)))
    return entry, detail


def _diff(f: FileReview, rules: _Rules) -> list[list[Any]]:
    """The golden-against-obtained diff: ``["@", header]``, or ``[op, text, kind, rule numbers, input line]``
    where ``text`` is the number of an output line (1-based) when it is that line, to keep the page small."""
    out: list[list[Any]] = []
    lines = f.trace.lines if f.trace is not None else []
    for h in f.hunks:
        out.append(["@", h.header()])
        for d in h.lines:
            same = d.op != "-" and d.obtained is not None and lines[d.obtained - 1].text == d.text
            body: Any = d.obtained if same else d.text
            if d.why is None:
                out.append([d.op, body])
            else:
                out.append([d.op, body, d.why.kind, [rules(p, r) for p, r in d.why.rules], d.why.input_line])
    return out


def _script(data: Any, id_: str) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{id_}">{text}</script>'


def page(title: str, heading: str, files: Sequence[FileReview], orphans: Sequence[str], pipeline: Pipeline) -> str:
    """The whole page for these files."""
    rules = _Rules(pipeline)
    entries, blocks = [], []
    for i, f in enumerate(files):
        entry, detail = _file(f, rules)
        entries.append(entry)
        blocks.append(_script(detail, f"d{i}"))
    index = {"title": heading, "files": entries, "orphans": list(orphans), "rules": rules.table()}
    template = resource_files("cleaner.review").joinpath("report.html").read_text(encoding="utf-8")
    return (
        template.replace("{{title}}", html.escape(title))
        .replace("{{index}}", _script(index, "index"))
        .replace("{{files}}", "\n".join(blocks))
    )


def review_page(rv: Review, pipeline: Pipeline) -> str:
    """The page for ``cleaner diff --html``."""
    heading = f"{rv.samples} against {rv.golden}"
    return page(f"cleaner diff: {heading}", heading, rv.files, rv.orphans, pipeline)


def explain_page(doc: Document, path: str, pipeline: Pipeline) -> str:
    """The page for ``cleaner explain --html``: one file, its changes, nothing to compare."""
    from pathlib import Path

    f = FileReview(path, Path(path), Path(path), EXPLAINED, obtained=doc.text, doc=doc)
    f.trace = trace(doc.meta.get("original", doc.text), doc.changes or [])
    return page(f"cleaner explain: {path}", path, [f], [], pipeline)
