"""Rendering a document's change log for people: grouped by pass, then by rule.

Line numbers are the input's: the log is replayed from the original text,
following every line a change removed or added.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from cleaner.document import Change, Document

if TYPE_CHECKING:
    from cleaner.pipeline import Pipeline

WIDTH = 72
CONTEXT = 30  # characters shown around a change
MAX_PLACES = 6  # a rewrite changed in more places than this is shown whole
NEAR = 6  # places of a rewrite closer than this are shown as one
MAX_COMPARED = 5000  # characters of a rewrite, before and after, beyond which it is shown whole (a page's markup)


def show(text: str, width: int = WIDTH) -> str:
    """Quote ``text`` on one line, with line breaks and invisible characters escaped."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\n")
        elif ch == " " or ch.isprintable():
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    s = "".join(out)
    return f'"{s}"' if len(s) <= width else f'"{s[: width - 1]}…"'


def _marked(before: str, after: str) -> str:
    """``before`` -> ``after`` as one word-diff: ``[-removed-]{+added+}``."""
    return (f"[-{show(before)[1:-1]}-]" if before else "") + (f"{{+{show(after)[1:-1]}+}}" if after else "")


def describe(c: Change, text: str | None = None) -> str:
    """One change on one line: the changed characters in their context, git word-diff style.

    A line rewritten in several places (a mojibake repair) shows each place; a
    removed or added line is shown whole.
    """
    if c.note and not (c.before or c.after):
        return c.note
    if (not c.after and c.before.endswith("\n")) or not c.before:
        return f"- {show(c.before)}" if c.before else f"+ {show(c.after)}"
    if text is not None and len(c.before) + len(c.after) <= WIDTH // 2 and "\n" not in c.before + c.after[:-1]:
        left = text[max(0, c.start - CONTEXT) : c.start].rsplit("\n", 1)[-1]
        right = text[c.end : c.end + CONTEXT].split("\n", 1)[0]
        return f"…{show(left)[1:-1]}{_marked(c.before, c.after)}{show(right)[1:-1]}…"
    if len(c.before) + len(c.after) > MAX_COMPARED:
        return f"{show(c.before, WIDTH // 2)} -> {show(c.after, WIDTH // 2)}"
    places: list[list[int]] = []  # [i1, i2, j1, j2]: spans of before and after that differ, near ones merged
    for op, i1, i2, j1, j2 in SequenceMatcher(None, c.before, c.after, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if places and i1 - places[-1][1] < NEAR:
            places[-1][1], places[-1][3] = i2, j2
        else:
            places.append([i1, i2, j1, j2])
    if not places or len(places) > MAX_PLACES:
        return f"{show(c.before, WIDTH // 2)} -> {show(c.after, WIDTH // 2)}"
    shown = []
    for i1, i2, j1, j2 in places:
        left = c.before[max(0, i1 - NEAR * 2) : i1].rsplit("\n", 1)[-1]
        right = c.before[i2 : i2 + NEAR * 2].split("\n", 1)[0]
        shown.append(f"…{show(left)[1:-1]}{_marked(c.before[i1:i2], c.after[j1:j2])}{show(right)[1:-1]}…")
    return " ".join(shown)


def with_context(doc: Document) -> list[tuple[Change, str | None, int]]:
    """Each change with the text it applied to and its line in the input, by replaying the log."""
    text = doc.meta.get("original")
    origin = list(range(1, (text or "").count("\n") + 2))  # input line of each line of the current text
    out: list[tuple[Change, str | None, int]] = []
    for c in doc.changes or []:
        if text is None or not (c.before or c.after):
            out.append((c, text, c.line))
            continue
        at = text.count("\n", 0, c.start)
        out.append((c, text, origin[min(at, len(origin) - 1)]))
        gone, added = c.before.count("\n"), c.after.count("\n")
        starts_line = c.start == 0 or text[c.start - 1] == "\n"
        first = origin[min(at + gone, len(origin) - 1)] if starts_line and not c.after else origin[at]
        origin[at : at + gone + 1] = [first] * (added + 1)
        text = text[: c.start] + c.after + text[c.end :]
    return out


def render(doc: Document, pipeline: Pipeline) -> str:
    """Text for ``cleaner explain``: a header, then each pass that changed something."""
    changes = doc.changes or []
    n = sum(1 for c in changes if c.before or c.after)
    lines = [f"{doc.path or 'text'}: {n} change{'s' * (n != 1)}"]
    if doc.source:
        lines.append(f"source: {doc.source}")
    lines += [f"flagged: {f}" for f in doc.flags]
    lines += [f"{c.rule}: {c.note}" for c in changes if c.note and not (c.before or c.after)]
    comments = {r.id: r.comment for r in pipeline.ruleset.rules.values()}
    edits = [(c, t, n) for c, t, n in with_context(doc) if c.before or c.after]
    for name in pipeline.names:
        mine = [e for e in edits if e[0].pass_name == name]
        if not mine:
            continue
        lines.append("")
        lines.append(f"{name}: {len(mine)} change{'s' * (len(mine) != 1)}")
        for rule in dict.fromkeys(c.rule for c, _, _ in mine):
            of_rule = [e for e in mine if e[0].rule == rule]
            lines.append(f"  {rule} ({len(of_rule)}): {comments.get(rule, '')}")
            lines += [f"    line {n}: {describe(c, t)}" + (f"  ({c.note})" if c.note else "") for c, t, n in of_rule]
    return "\n".join(lines) + "\n"
