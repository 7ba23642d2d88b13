"""Rendering a document's change log for people: grouped by pass, then by rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.document import Change, Document

if TYPE_CHECKING:
    from cleaner.pipeline import Pipeline

WIDTH = 72


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


def describe(c: Change, text: str | None = None) -> str:
    """One change on one line; a short one in its context, git word-diff style."""
    if c.note and not (c.before or c.after):
        return c.note
    if text is not None and len(c.before) + len(c.after) <= 16 and "\n" not in c.before + c.after[:-1]:
        left = text[max(0, c.start - 30) : c.start].rsplit("\n", 1)[-1]
        right = text[c.end : c.end + 30].split("\n", 1)[0]
        diff = (f"[-{show(c.before)[1:-1]}-]" if c.before else "") + (f"{{+{show(c.after)[1:-1]}+}}" if c.after else "")
        return f"…{left}{diff}{right}…"
    if not c.after:
        return f"- {show(c.before)}"
    if not c.before:
        return f"+ {show(c.after)}"
    return f"{show(c.before, WIDTH // 2)} -> {show(c.after, WIDTH // 2)}"


def with_context(doc: Document) -> list[tuple[Change, str | None]]:
    """Each change with the text it applied to, rebuilt by replaying the log from the original."""
    text = doc.meta.get("original")
    out: list[tuple[Change, str | None]] = []
    for c in doc.changes or []:
        out.append((c, text))
        if text is not None and (c.before or c.after):
            text = text[: c.start] + c.after + text[c.end :]
    return out


def render(doc: Document, pipeline: Pipeline) -> str:
    """Text for ``cleaner explain``: a header, then each pass that changed something."""
    changes = doc.changes or []
    lines = [f"{doc.path or 'text'}: {sum(1 for c in changes if c.before or c.after)} changes"]
    if doc.source:
        lines.append(f"source: {doc.source}")
    lines += [f"flagged: {f}" for f in doc.flags]
    lines += [f"{c.rule}: {c.note}" for c in changes if c.note and not (c.before or c.after)]
    comments = {r.id: r.comment for r in pipeline.ruleset.rules.values()}
    edits = [(c, t) for c, t in with_context(doc) if c.before or c.after]
    for name in pipeline.names:
        mine = [(c, t) for c, t in edits if c.pass_name == name]
        if not mine:
            continue
        lines.append("")
        lines.append(f"{name}: {len(mine)} change{'s' * (len(mine) != 1)}")
        for rule in dict.fromkeys(c.rule for c, _ in mine):
            of_rule = [(c, t) for c, t in mine if c.rule == rule]
            lines.append(f"  {rule} ({len(of_rule)}): {comments.get(rule, '')}")
            lines += [f"    line {c.line}: {describe(c, t)}" + (f"  ({c.note})" if c.note else "") for c, t in of_rule]
    return "\n".join(lines) + "\n"
