"""Which changes made each line of a cleaned text, and what became of each input line.

The change log is replayed over the input (the decoded text, before any pass),
carrying for every line of the text so far the input line it came from and the
changes that touched it. A change that removes whole lines drops their records
and remembers which change removed each input line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cleaner.document import Change


@dataclass
class Line:
    """A line of the text being rewritten: the input line it came from (None if a change added it)."""

    origin: int | None
    changes: tuple[int, ...] = ()  # indices into the change log, in the order they applied
    text: str = ""


@dataclass
class Trace:
    """A cleaned text line by line, tied to its input through the change log."""

    original: list[str]  # the input's lines, without line breaks
    lines: list[Line]  # the output's lines, without line breaks
    changes: Sequence[Change]
    removed: dict[int, int] = field(default_factory=dict)  # input line -> the change that removed or joined it
    owner: list[int] = field(default_factory=list)  # per output character: the change that wrote it, or -1
    cut: list[int] = field(default_factory=list)  # per output character: a change that deleted text just before it
    starts: list[int] = field(default_factory=list)  # offset of each output line in the output

    def blame(self, j: int, lo: int, hi: int) -> list[int]:
        """The changes that wrote characters ``lo:hi`` of output line ``j``, or deleted text within or around them."""
        at = self.starts[j]
        found = [self.owner[i] for i in range(at + lo, at + hi)]
        found += [self.cut[i] for i in range(at + lo, min(at + hi + 1, len(self.cut)))]
        return list(dict.fromkeys(k for k in found if k >= 0))

    def kept(self) -> dict[int, list[int]]:
        """Input line -> the output lines (0-based) that came from it."""
        out: dict[int, list[int]] = {}
        for i, line in enumerate(self.lines):
            if line.origin is not None:
                out.setdefault(line.origin, []).append(i)
        return out


def split(text: str) -> list[str]:
    """Lines split on LF only (str.splitlines would also split on U+2028, form feeds, ...); no final empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _trimmed(c: Change) -> tuple[int, str, str]:
    """The change without what its before and after share at either end: (start, before, after)."""
    b, a = c.before, c.after
    p = 0
    while p < len(b) and p < len(a) and b[p] == a[p]:
        p += 1
    s = 0
    while s < len(b) - p and s < len(a) - p and b[-1 - s] == a[-1 - s]:
        s += 1
    return c.start + p, b[p : len(b) - s], a[p : len(a) - s]


def trace(original: str, changes: Sequence[Change]) -> Trace:
    """Replay ``changes`` over ``original``, following every line (see the module's docstring)."""
    text = original
    lines = [Line(n) for n in range(1, text.count("\n") + 2)]
    removed: dict[int, int] = {}
    owner, cut = [-1] * len(text), [-1] * (len(text) + 1)

    def drop(gone: list[Line], k: int) -> None:
        for line in gone:
            if line.origin is not None:
                removed[line.origin] = k

    for k, c in enumerate(changes):
        if not (c.before or c.after):
            continue
        start, b, a = _trimmed(c)
        end = start + len(b)
        at = text.count("\n", 0, start)
        gone, added = b.count("\n"), a.count("\n")
        line_start = start == 0 or text[start - 1] == "\n"
        line_end = end == len(text) or text[end] == "\n"
        if b and not a and line_start and b.endswith("\n"):  # whole lines removed
            drop(lines[at : at + gone], k)
            del lines[at : at + gone]
        elif b and not a and b.startswith("\n") and line_end:  # whole lines removed, from the break before them
            drop(lines[at + 1 : at + gone + 1], k)
            del lines[at + 1 : at + gone + 1]
        elif a and not b and line_start and a.endswith("\n"):  # whole lines added
            lines[at:at] = [Line(None, (k,)) for _ in range(added)]
        else:
            old = lines[at : at + gone + 1]
            touched = (*dict.fromkeys(i for line in old for i in line.changes), k)
            new = [Line(old[i].origin if i < len(old) else None, touched) for i in range(added + 1)]
            drop(old[added + 1 :], k)
            lines[at : at + gone + 1] = new
        text = text[:start] + a + text[end:]
        owner[start:end] = [k] * len(a)
        cut[start:end] = [-1] * len(a)
        if not a:
            cut[start] = k
    starts = [0]
    for line, t in zip(lines, text.split("\n"), strict=True):
        line.text = t
        starts.append(starts[-1] + len(t) + 1)
    if lines and text.endswith("\n"):
        lines.pop()
    original_lines = split(original)
    return Trace(original_lines, lines, changes, removed, owner, cut, starts[: len(lines)])
