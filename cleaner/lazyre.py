"""Regular expressions compiled when first used, so that importing a module or building a pipeline stays fast.

A :class:`LazyPattern` stands for ``re.compile(pattern, flags)``: its ``pattern`` is there at
once; the first use of anything else compiles it, after which its methods are the compiled
pattern's own, looked up as plain attributes (no cost per call).
"""

from __future__ import annotations

import re
from typing import Any

ATTRIBUTES = (
    "flags",
    "groups",
    "groupindex",
    "search",
    "match",
    "fullmatch",
    "findall",
    "finditer",
    "sub",
    "subn",
    "split",
    "scanner",
)


class LazyPattern:
    """``re.compile(pattern, flags)``, done on first use."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet
        if name not in ATTRIBUTES:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attr in ATTRIBUTES:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.pattern!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first used (typed as the ``re.Pattern`` it behaves as)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
