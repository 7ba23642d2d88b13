"""The document that flows through the passes, and its change log."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Change(NamedTuple):
    """One change made by one rule of one pass.

    ``start``/``end`` are offsets into the text as it was just before this change,
    so replaying a document's changes in order reproduces the output (see
    :func:`replay`). ``line`` is the 1-based line, in the text the pass received,
    where the change starts. A change with empty ``before`` and ``after`` is a note
    (the detected encoding, the detected source, a flag) and changes no text;
    on a real change, ``note`` may say how it was made (e.g. ftfy's plan).
    """

    pass_name: str
    rule: str
    line: int
    start: int
    end: int
    before: str
    after: str
    note: str = ""


class Edit(NamedTuple):
    """A replacement a pass proposes: ``text[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str
    rule: str
    note: str = ""


Replacement = str | Callable[[re.Match[str]], str]


@dataclass
class Document:
    """Text being cleaned, where it came from, and what was done to it.

    ``data`` holds raw bytes until the ``decode`` pass turns them into ``text``.
    ``changes`` is ``None`` unless explanations were asked for; ``counts`` (changes
    per pass), ``rules`` (changes per rule) and ``seconds`` (time per pass) are
    always kept: they are nearly free.
    """

    text: str = ""
    data: bytes | None = None
    source: str | None = None
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    changes: list[Change] | None = None
    counts: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    def sub(self, pass_name: str, rule: str, pattern: re.Pattern[str], repl: Replacement, text: str) -> str:
        """``pattern.sub(repl, text)``, counted, and recorded when explaining.

        A callable ``repl`` may decline a match by returning it unchanged; that is no change.
        """
        if self.changes is None:
            if not callable(repl):
                new, n = pattern.subn(repl, text)
            else:
                n = 0

                def counted(m: re.Match[str]) -> str:
                    nonlocal n
                    out = repl(m)
                    n += out != m.group()
                    return out

                new = pattern.sub(counted, text)
            if n:
                self.counts[pass_name] += n
                self.rules[rule] += n
            return new
        expand = repl if callable(repl) else (lambda m: m.expand(repl))
        edits = [Edit(m.start(), m.end(), expand(m), rule) for m in pattern.finditer(text)]
        return self.edit(pass_name, text, edits)

    def edit(self, pass_name: str, text: str, edits: Iterable[Edit]) -> str:
        """Apply non-overlapping edits, sorted by position; count and record them."""
        parts: list[str] = []
        pos = counted = line = shift = n = 0
        for e in edits:
            if e.start < pos:
                raise ValueError(f"{pass_name}: overlapping edit at {e.start} ({e.rule})")
            before = text[e.start : e.end]
            if before == e.replacement:
                continue
            n += 1
            self.rules[e.rule] += 1
            parts.append(text[pos : e.start])
            parts.append(e.replacement)
            if self.changes is not None:
                line += text.count("\n", counted, e.start)
                counted = e.start
                start = e.start + shift
                self.changes.append(
                    Change(pass_name, e.rule, line + 1, start, start + len(before), before, e.replacement, e.note)
                )
                shift += len(e.replacement) - len(before)
            pos = e.end
        if not n:
            return text
        parts.append(text[pos:])
        self.counts[pass_name] += n
        return "".join(parts)

    def note(self, pass_name: str, rule: str, message: str) -> None:
        """Record a fact about the document that changes no text."""
        if self.changes is not None:
            self.changes.append(Change(pass_name, rule, 0, 0, 0, "", "", message))


def replay(text: str, changes: Iterable[Change]) -> str:
    """Apply recorded changes to ``text`` in order: the log is complete if this gives the output."""
    for c in changes:
        if text[c.start : c.end] != c.before:
            raise ValueError(f"change {c.rule} at {c.start} does not match the text")
        text = text[: c.start] + c.after + text[c.end :]
    return text
