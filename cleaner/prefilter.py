"""Which of many patterns may match a whole line, for all of them in one linear-time scan.

:class:`LineFilter` holds a set of patterns. Each is translated to a pattern of RE2
that matches *at least* what the original matches (a superset: ``\\w`` becomes any
character but ASCII punctuation, look-arounds and anchors are dropped, bounded
repeats lose their upper bound), and all of them go into one ``re2.Set``, which says
in one pass over a line which of them match it whole. A pattern the filter rules out
cannot match; one it lets through is still confirmed by the caller with its own
``fullmatch``. So the answer is exactly what matching every pattern would give, at
the cost of one scan per line plus the patterns that come close.

A pattern that cannot be translated (syntax of the ``regex`` module only), and every
pattern on a line the filter cannot read (a lone surrogate, a very long line), is
always a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE  # the same bits in re and regex
MAX_LINE = 4000  # characters: a longer line goes to every pattern (bounds the filter's memory per line)
TOP = 0x10FFFF
NON_ASCII = [(0x80, 0xD7FF), (0xE000, TOP)]  # RE2 reads UTF-8: no surrogates
ASCII_WORD = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
ASCII_DIGIT = [(0x30, 0x39)]
ASCII_SPACE = [(0x09, 0x0D), (0x1C, 0x20)]  # what Python's \s matches below 0x80
# Characters other than the two ASCII cases that Python's case-insensitive matching takes for a letter.
CASE_EXTRA = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


class Untranslatable(Exception):
    """A construct this translation does not cover: the pattern stays a candidate everywhere."""


def _complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for lo, hi in sorted(ranges):
        if lo > pos:
            out.append((pos, lo - 1))
        pos = max(pos, hi + 1)
    if pos <= TOP:
        out.append((pos, TOP))
    return out


def _literal_ranges(code: int, icase: bool) -> list[tuple[int, int]]:
    """The characters a literal may match: itself, its other case and Python's extra case matches."""
    char = chr(code)
    if not icase or char.lower() == char.upper() == char:
        return [(code, code)]
    if code > 0x7F:
        return [(0, TOP)]  # a non-ASCII letter ignoring case: any character (rare in rules)
    low = char.lower()
    chars = {low, char.upper(), *CASE_EXTRA.get(low, "")}
    return [(ord(c), ord(c)) for c in chars]


CATEGORY_SUPERSET = {
    C.CATEGORY_DIGIT: ASCII_DIGIT + NON_ASCII,
    C.CATEGORY_NOT_DIGIT: _complement(ASCII_DIGIT),
    C.CATEGORY_WORD: ASCII_WORD + NON_ASCII,
    C.CATEGORY_NOT_WORD: _complement(ASCII_WORD),
    C.CATEGORY_SPACE: ASCII_SPACE + NON_ASCII,
    C.CATEGORY_NOT_SPACE: _complement(ASCII_SPACE),
}
# Inside a negated class the excluded set must shrink, so each category is taken at its smallest.
CATEGORY_SUBSET = {
    C.CATEGORY_DIGIT: ASCII_DIGIT,
    C.CATEGORY_NOT_DIGIT: _complement(ASCII_DIGIT + NON_ASCII),
    C.CATEGORY_WORD: ASCII_WORD,
    C.CATEGORY_NOT_WORD: _complement(ASCII_WORD + NON_ASCII),
    C.CATEGORY_SPACE: ASCII_SPACE,
    C.CATEGORY_NOT_SPACE: _complement(ASCII_SPACE + NON_ASCII),
}


def _class(ranges: list[tuple[int, int]]) -> str:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    parts = []
    for lo, hi in merged:
        for a, b in ((lo, min(hi, 0xD7FF)), (max(lo, 0xE000), hi)):  # leave out surrogates
            if a <= b:
                parts.append(f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}")
    return "[" + "".join(parts) + "]" if parts else "[^\\x00-\\x{10ffff}]"


def _in(items: list[tuple[Any, Any]], icase: bool) -> str:
    negate = bool(items) and items[0][0] is C.NEGATE
    table = CATEGORY_SUBSET if negate else CATEGORY_SUPERSET
    ranges: list[tuple[int, int]] = []
    for op, av in items[1:] if negate else items:
        if op is C.LITERAL:
            ranges += _literal_ranges(av, icase and not negate)
        elif op is C.RANGE:
            if icase and not negate and (av[1] > 0x7F or any(chr(c).isalpha() for c in range(av[0], av[1] + 1))):
                ranges += [(lo, hi) for c in range(av[0], min(av[1], 0x7F) + 1) for lo, hi in _literal_ranges(c, True)]
                if av[1] > 0x7F:
                    ranges.append((0, TOP))
            else:
                ranges.append(av)
        elif op is C.CATEGORY and av in table:
            ranges += table[av]
        else:
            raise Untranslatable(op)
    if negate:
        if icase:
            return "(?s:.)"  # the excluded set in every case: simplest taken as nothing excluded
        return _class(_complement(ranges))
    return _class(ranges)


def _emit(tree: Any, icase: bool) -> str:
    return "".join(_node(op, av, icase) for op, av in tree)


def _node(op: Any, av: Any, icase: bool) -> str:
    if op is C.LITERAL:
        return _class(_literal_ranges(av, icase))
    if op in (C.NOT_LITERAL, C.ANY):
        return "(?s:.)"
    if op is C.IN:
        return _in(av, icase)
    if op is C.BRANCH:
        return "(?:" + "|".join(_emit(alt, icase) for alt in av[1]) + ")"
    if op is C.SUBPATTERN:
        _, add, remove, sub = av
        inner = (icase or bool(add & C.SRE_FLAG_IGNORECASE)) and not remove & C.SRE_FLAG_IGNORECASE
        return "(?:" + _emit(sub, inner) + ")"
    if op is getattr(C, "ATOMIC_GROUP", None):
        return "(?:" + _emit(av, icase) + ")"
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        body = "(?:" + _emit(sub, icase) + ")"
        low = min(low, 1000)
        if high == low:
            return body + f"{{{low}}}"
        return body + ("*" if low == 0 else "+" if low == 1 else f"{{{low},}}")
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return ""  # a condition left out only lets more through
    if op in (C.GROUPREF, C.GROUPREF_EXISTS):
        return "(?s:.*)"
    raise Untranslatable(op)


def superset(pattern: str, flags: int = 0) -> str:
    """An RE2 pattern matching everything the Python pattern ``pattern`` matches (and maybe more)."""
    tree = P.parse(pattern, flags)
    return _emit(tree, bool(tree.state.flags & C.SRE_FLAG_IGNORECASE))


def literal(pattern: Any) -> str | None:
    """The text ``pattern`` (``re``, ``regex`` or lazy compiled) finds if it is plain text matched with
    case (it is found exactly where that text is), else None."""
    try:
        tree = P.parse(pattern.pattern, pattern.flags & FLAGS)
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    if tree.state.flags & C.SRE_FLAG_IGNORECASE or not all(op is C.LITERAL for op, _ in tree):
        return None
    return "".join(chr(av) for _, av in tree)


class LineFilter:
    """The patterns (``re`` or ``regex`` compiled objects) that may fullmatch a line.

    The RE2 set is built on first use (translating costs tens of milliseconds, which
    building a pipeline should not pay) and rebuilt after pickling.
    """

    def __init__(self, patterns: Sequence[Any]) -> None:
        self.patterns = list(patterns)
        self.everything = frozenset(range(len(self.patterns)))
        self._built: tuple[Any, list[int], frozenset[int]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"patterns": self.patterns, "everything": self.everything, "_built": None}

    def _build(self) -> tuple[Any, list[int], frozenset[int]]:
        """(the RE2 set or None, its numbering -> the patterns', patterns that are always candidates)."""
        try:
            import re2
        except ImportError:  # pragma: no cover - a declared dependency
            return None, [], self.everything
        options = re2.Options()
        options.log_errors = False
        options.max_mem = 64 << 20
        found = re2.Set.FullMatchSet(options)
        index: list[int] = []
        always = []
        for i, p in enumerate(self.patterns):
            try:
                found.Add(superset(p.pattern, p.flags & FLAGS))
            except (Untranslatable, re.error, re2.error, RecursionError, TypeError):
                always.append(i)
                continue
            index.append(i)
        if not index:
            return None, [], self.everything
        found.Compile()
        return found, index, frozenset(always)

    def candidates(self, line: str) -> frozenset[int]:
        """Indexes of the patterns that may fullmatch ``line``; the others certainly do not."""
        if self._built is None:
            self._built = self._build()
        found, index, always = self._built
        if found is None or len(line) > MAX_LINE:
            return self.everything
        try:
            hits = found.Match(line)
        except UnicodeEncodeError:  # a lone surrogate
            return self.everything
        return always.union(index[h] for h in hits) if hits else always


class TextFilter:
    """Whether a pattern (``re`` or ``regex`` compiled) may be found in a text, by one RE2 scan of a superset.

    False means it certainly is not there; True means look with the pattern itself.
    Built on first use and rebuilt after pickling, as :class:`LineFilter`.
    """

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern  # a compiled pattern, or the source of one (no flags)
        self._built: list[Any] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"pattern": self.pattern, "_built": None}

    def _build(self) -> list[Any]:
        try:
            import re2
        except ImportError:  # pragma: no cover - a declared dependency
            return []
        options = re2.Options()
        options.log_errors = False
        source, flags = (
            (self.pattern, 0) if isinstance(self.pattern, str) else (self.pattern.pattern, self.pattern.flags)
        )
        try:
            return [re2.compile(superset(source, flags & FLAGS), options)]
        except (Untranslatable, re.error, re2.error, RecursionError, TypeError):
            return []

    def may_find(self, text: str) -> bool:
        if self._built is None:
            self._built = self._build()
        if not self._built:
            return True
        try:
            return self._built[0].search(text) is not None
        except UnicodeEncodeError:  # a lone surrogate
            return True
