"""Loading and validating rules: TOML files under ``rules/``, overlaid by a user's folders.

A rules file holds arrays of tables named for the pass they belong to, and
optionally a ``[source]`` table that makes every rule in the file specific to
one publisher::

    [source]
    id = "scmp"
    name = "South China Morning Post"
    signatures = ['South China Morning Post']

    [[boilerplate]]
    id = "scmp.knowledge-promo"
    comment = "SCMP Knowledge promotional box."
    ...

Every rule has an ``id`` (unique), a one-line ``comment`` and may set
``enabled = false``. The other keys are the pass's own (see ``Pass.rule_keys``).
A user folder is loaded after the built-in rules: a rule with a built-in id
replaces it, and ``{id = "...", enabled = false}`` switches one off.

Patterns from a user's folder are matched by the ``regex`` module with a time
limit per call (:class:`UserPattern`), so a pattern that backtracks
catastrophically fails fast with its rule named instead of hanging a batch.
Patterns whose shape is known to do so (``(a+)+``), or that run out of time on
texts made to almost match them (:func:`probes`), are refused when loading.
Built-in patterns are trusted and use ``re``, compiled when first used
(:class:`BuiltinPattern`), so that building a pipeline stays fast; the tests compile
every one of them.
"""

from __future__ import annotations

import importlib.resources
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from re import _parser  # type: ignore[attr-defined]  (the parser of ``re``, to judge a pattern's shape)
from typing import Any

from cleaner.errors import CleanerError, RuleError
from cleaner.lazyre import LazyPattern

COMMON_KEYS = frozenset({"id", "comment", "enabled"})
SOURCE_KEYS = frozenset({"id", "name", "signatures", "hosts", "comment"})
HOST_RE = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+\Z")
ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*\Z")
MAX_FILE_BYTES = 4 << 20  # a rules file larger than this is not a rules file
PATTERN_SECONDS = 0.5  # the most one call of a user pattern may take
PATTERN_CHARS = 10_000  # the longest user pattern (the longest built-in one has about 1,000)
PATTERN_ITEMS = 100_000  # the most items a user pattern may spell out with its counted repeats expanded


@dataclass(frozen=True)
class Field:
    """A pass-specific key of a rule: its type, whether it is a regex, what values it allows.

    ``items`` is the type of a list's items (strings must not be blank); numbers
    must lie in ``[low, high]``; ``kept`` marks lists whose items a rule that
    replaces another must keep (all such lists of a rule count as one).
    """

    kind: type
    required: bool = False
    default: Any = None
    regex: bool = False
    choices: tuple[str, ...] = ()
    items: type | None = None
    low: float = 0
    high: float = 1_000_000
    kept: bool = False


class PatternTimeout(CleanerError):
    """A pattern from a user's rules took longer than :data:`PATTERN_SECONDS` on one text."""


class UserPattern:
    """A pattern from a user's rules folder: the ``re.Pattern`` methods the passes use,
    run by the ``regex`` module with a time limit per call that raises :class:`PatternTimeout`."""

    def __init__(self, pattern: str, where: str) -> None:
        self.pattern = pattern
        self.where = where  # file, line and rule id, for the error
        import regex  # only for users' patterns: the command line starts without it

        self.compiled = regex.compile(pattern)
        self.flags = self.compiled.flags
        self.groups = self.compiled.groups
        self.groupindex = self.compiled.groupindex

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"

    def _call(self, method: Callable[..., Any], *args: Any) -> Any:
        try:
            return method(*args, timeout=PATTERN_SECONDS)
        except TimeoutError:
            raise self._timeout() from None

    def _timeout(self) -> PatternTimeout:
        return PatternTimeout(
            f"{self.where}: regex {_short(self.pattern)} took over {PATTERN_SECONDS} s on one text "
            "(catastrophic backtracking); make it simpler or switch the rule off"
        )

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call(self.compiled.search, string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call(self.compiled.match, string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call(self.compiled.fullmatch, string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        return self._call(self.compiled.findall, string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        try:  # the limit holds for the whole iteration
            yield from self.compiled.finditer(string, pos, endpos, timeout=PATTERN_SECONDS)
        except TimeoutError:
            raise self._timeout() from None

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self._call(self.compiled.sub, repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        return self._call(self.compiled.subn, repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self._call(self.compiled.split, string, maxsplit)


class BuiltinPattern(LazyPattern):
    """A built-in rule's pattern: the ``re.Pattern`` it stands for, compiled on first use."""


Pattern = re.Pattern[str] | BuiltinPattern | UserPattern


@dataclass(frozen=True)
class Rule:
    """One validated rule. ``params`` holds the pass's own keys, regexes compiled."""

    id: str
    pass_name: str
    comment: str
    file: str
    source: str | None = None
    enabled: bool = True
    params: dict[str, Any] = field(default_factory=dict, compare=False)
    line: int = 0

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    @property
    def where(self) -> str:
        """``file:line: rule 'id'``, to begin a message about this rule."""
        return f"{self.file}:{self.line}: rule '{self.id}'"


@dataclass(frozen=True)
class Source:
    """A publisher or aggregator, recognised in a text by its signature patterns."""

    id: str
    name: str
    signatures: tuple[Pattern, ...]
    file: str
    hosts: tuple[str, ...] = ()  # web hosts whose pages are this source's (subdomains too)

    def has_host(self, host: str) -> bool:
        return any(host == h or host.endswith("." + h) for h in self.hosts)


@dataclass
class RuleSet:
    """All rules after overlaying, in load order, with the sources they belong to."""

    rules: dict[str, Rule] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def for_pass(self, pass_name: str) -> list[Rule]:
        """The enabled rules of one pass."""
        return [r for r in self.rules.values() if r.pass_name == pass_name and r.enabled]


def builtin_dir() -> Traversable:
    """The rules that ship inside the package; in a source checkout, the ``rules/`` folder beside it."""
    try:
        return importlib.resources.files("cleaner.builtin_rules")
    except ModuleNotFoundError:  # imported from the source tree, which keeps them at the top level
        return Path(__file__).resolve().parent.parent / "rules"


def load(
    user_dirs: Sequence[str | Path] = (),
    schemas: Mapping[str, Mapping[str, Field]] | None = None,
) -> RuleSet:
    """Load the built-in rules, then each user folder over them; raise RuleError listing all problems."""
    if schemas is None:
        from cleaner.pipeline import rule_schemas

        schemas = rule_schemas()
    loader = _Loader(schemas)
    builtin = builtin_dir()
    loader.layer(builtin, str(builtin), trusted=True)
    for d in user_dirs:
        path = Path(d)
        if not path.is_dir():
            loader.problems.append(f"{path}: not a folder of rules")
            continue
        loader.layer(path, str(path), trusted=False)
    if loader.problems:
        raise RuleError(loader.problems)
    return loader.ruleset


def _toml_files(
    folder: Traversable, shown: str, problems: list[str], read: set[str]
) -> Iterator[tuple[Traversable, str]]:
    """The ``.toml`` files under ``folder``, sorted; a folder that cannot be listed or is reached twice
    (a link back up the tree) is a problem."""
    if isinstance(folder, Path):
        real = os.path.realpath(folder)
        if real in read:
            problems.append(f"{shown}: links to a folder already read ({real})")
            return
        read.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError as e:
        problems.append(f"{shown}: cannot be read ({e.strerror or e})")
        return
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            yield from _toml_files(entry, f"{shown}/{entry.name}", problems, read)
        elif entry.name.endswith(".toml"):
            yield entry, f"{shown}/{entry.name}"


def _read_toml(entry: Traversable, name: str) -> tuple[dict[str, Any], str]:
    """The data and text of one rules file; ValueError with a message naming the file if it is not one."""
    try:
        if isinstance(entry, Path):
            info = entry.stat()
            if not stat.S_ISREG(info.st_mode):
                raise ValueError(f"{name}: not a regular file")
            if info.st_size > MAX_FILE_BYTES:
                raise ValueError(f"{name}: {info.st_size:,} bytes, too large for a rules file")
        data = entry.read_bytes()
    except OSError as e:
        raise ValueError(f"{name}: cannot be read ({e.strerror or e})") from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ValueError(f"{name}:{line}: not UTF-8 text (byte {data[e.start]:#04x}); save the file as UTF-8") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{name}: not valid TOML: {e}") from None
    except RecursionError:
        raise ValueError(f"{name}: not valid TOML: arrays or tables nested too deeply") from None


ID_LINE = re.compile(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]*)["']""", re.MULTILINE)
HEADER_LINE = re.compile(r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\]|^[ \t]*\[[ \t]*(source)[ \t]*\]", re.MULTILINE)


def _lines(pattern: re.Pattern[str], text: str) -> dict[str, list[int]]:
    """The lines where ``pattern`` matches, in order, by the first group that matched, from one scan."""
    lines: dict[str, list[int]] = {}
    line, pos = 1, 0
    for m in pattern.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        lines.setdefault(next(g for g in m.groups() if g is not None), []).append(line)
    return lines


def _spelling(s: str) -> str:
    """A list item reduced to letters and digits, lower case, to compare spellings."""
    return re.sub(r"[\W_]+", "", s).casefold()


def _short(pattern: str) -> str:
    return repr(pattern if len(pattern) <= 80 else pattern[:77] + "...")


REPEATS = (_parser.MAX_REPEAT, _parser.MIN_REPEAT)


def _width(items: Any, state: Any) -> int:
    return _parser.SubPattern(state, list(items)).getwidth()[0]


def _alone(items: Any, state: Any) -> bool:
    """Whether ``items`` can match as one unbounded repeat of something non-empty, all else matching nothing."""
    items = list(items)
    widths = [_width([item], state) for item in items]
    total = sum(widths)
    for (op, av), width in zip(items, widths, strict=True):
        if total - width:
            continue
        if op in REPEATS and av[1] == _parser.MAXREPEAT and _width(av[2], state):
            return True
        if (op is _parser.SUBPATTERN and _alone(av[-1], state)) or (
            op is _parser.BRANCH and any(_alone(b, state) for b in av[1])
        ):
            return True
    return False


def nested_repeat(pattern: str | Any) -> bool:
    """Whether ``pattern`` (or its parse) repeats, without bound, a part that is itself such a repeat,
    as in ``(a+)+`` or ``(\\w+\\s?)+``: on a text that almost matches it tries exponentially many ways."""
    parsed = _parser.parse(pattern) if isinstance(pattern, str) else pattern

    def walk(items: Any) -> bool:
        for op, av in items:
            if op in REPEATS:
                inner = [av[2]]
                if av[1] == _parser.MAXREPEAT and _alone(av[2], parsed.state):
                    return True
            elif op is _parser.SUBPATTERN:
                inner = [av[-1]]
            elif op is _parser.BRANCH:
                inner = av[1]
            elif op in (_parser.ASSERT, _parser.ASSERT_NOT):
                inner = [av[1]]
            else:
                continue  # atomic groups and possessive repeats never backtrack into themselves
            if any(walk(i) for i in inner):
                return True
        return False

    return walk(parsed)


def expanded_size(pattern: str | Any) -> int:
    """How many items ``pattern`` (or its parse) spells out once the minimum of each counted repeat is
    written out, as the ``regex`` module compiles it: ``(?:a{1000}){1000}`` is a million, taking seconds."""

    def size(items: Any) -> int:
        total = 0
        for op, av in items:
            if op in (*REPEATS, _parser.POSSESSIVE_REPEAT):
                total += max(av[0], 1) * size(av[2])
            elif op is _parser.SUBPATTERN:
                total += size(av[-1])
            elif op is _parser.BRANCH:
                total += sum(size(b) for b in av[1])
            elif op in (_parser.ASSERT, _parser.ASSERT_NOT):
                total += size(av[1])
            elif op is _parser.ATOMIC_GROUP:
                total += size(av)
            else:
                total += 1
        return total

    return size(_parser.parse(pattern) if isinstance(pattern, str) else pattern)


def _first_slow(pattern: UserPattern) -> str | None:
    """The first of the pattern's probes on which it runs out of time, if any."""
    for probe in probes(pattern.pattern):
        try:
            pattern.search(probe)
        except PatternTimeout:
            return probe
    return None


def _risk(pattern: str) -> str | None:
    """Why a user's ``pattern`` could take too long to compile or to match, if it could."""
    if len(pattern) > PATTERN_CHARS:
        return f"is {len(pattern):,} characters long, over {PATTERN_CHARS:,}: split it into several rules"
    parsed = _parser.parse(pattern)
    if expanded_size(parsed) > PATTERN_ITEMS:
        return (
            f"spells out over {PATTERN_ITEMS:,} items once its counted repeats are written out, as "
            "(?:a{1000}){1000} does, which takes seconds to compile; use smaller counts"
        )
    if nested_repeat(parsed):
        return (
            "repeats a part that is itself repeated, as in (a+)+: on a line that almost matches it can take "
            "exponential time; make each repetition start with something the inner one cannot match, as in "
            "(\\w+\\s)+, or use a+ alone"
        )
    return None


CATEGORY_CHARS = {
    _parser.CATEGORY_DIGIT: "1",
    _parser.CATEGORY_SPACE: " ",
    _parser.CATEGORY_NOT_WORD: " ",
}


def probes(pattern: str | Any, length: int = 64) -> list[str]:
    """Texts that almost match ``pattern``: runs of each character it names (a class gives one of its
    members) and of all of them in turn, each ending in a character it does not expect."""
    parsed = _parser.parse(pattern) if isinstance(pattern, str) else pattern
    chars: dict[str, None] = {}

    def walk(items: Any) -> None:
        for op, av in items:
            if op is _parser.LITERAL:
                chars[chr(av)] = None
            elif op is _parser.IN:
                negated = any(o is _parser.NEGATE for o, _ in av)
                for o, a in [] if negated else av:
                    if o is _parser.LITERAL or o is _parser.RANGE:
                        chars[chr(a if o is _parser.LITERAL else a[0])] = None
                    elif o is _parser.CATEGORY:
                        chars[CATEGORY_CHARS.get(a, "a")] = None
                chars["a" if negated else "x"] = None
            elif op in (_parser.ANY, _parser.NOT_LITERAL):
                chars["a"] = None
            elif op in (*REPEATS, _parser.POSSESSIVE_REPEAT):
                walk(av[2])
            elif op is _parser.SUBPATTERN:
                walk(av[-1])
            elif op is _parser.BRANCH:
                for b in av[1]:
                    walk(b)
            elif op in (_parser.ASSERT, _parser.ASSERT_NOT):
                walk(av[1])
            elif op is _parser.ATOMIC_GROUP:
                walk(av)

    walk(parsed)
    runs = [c * length for c in list(chars)[:20]]
    mixed = "".join(chars)[:length]
    runs.append((mixed * (length // max(len(mixed), 1) + 1))[:length])
    return [run + "\x00" for run in runs]


class _Loader:
    def __init__(self, schemas: Mapping[str, Mapping[str, Field]]) -> None:
        self.schemas = schemas
        self.ruleset = RuleSet()
        self.problems: list[str] = []
        self.layer_sources: dict[str, str] = {}  # source id -> file, in the layer being loaded
        self.trusted = True  # patterns of the layer being loaded use ``re`` (built-in rules)

    def layer(self, folder: Traversable, shown: str, trusted: bool = False) -> None:
        seen: dict[str, str] = {}
        self.layer_sources = {}
        self.trusted = trusted
        for entry, name in _toml_files(folder, shown, self.problems, set()):
            try:
                data, text = _read_toml(entry, name)
            except ValueError as e:
                self.problems.append(str(e))
                continue
            self.file(data, text, name, seen)

    def file(self, data: dict[str, Any], text: str, name: str, seen: dict[str, str]) -> None:
        id_lines, headers = _lines(ID_LINE, text), _lines(HEADER_LINE, text)
        source = None
        if "source" in data:
            line = headers.get("source", [0])[0]
            source = self.source(data.pop("source"), f"{name}:{line}" if line else name)
        for key, tables in data.items():
            if key not in self.schemas:
                known = ", ".join(sorted(self.schemas))
                self.problems.append(f"{name}: unknown table [[{key}]] (passes with rules: {known})")
                continue
            if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
                self.problems.append(f"{name}: '{key}' must be an array of tables: [[{key}]]")
                continue
            for number, table in enumerate(tables):
                rid = table.get("id")
                if isinstance(rid, str) and id_lines.get(rid):
                    line = id_lines[rid].pop(0)
                else:
                    line = headers[key][number] if number < len(headers.get(key, ())) else 0
                rule = self.rule(key, table, line, name, source.id if source else None)
                if rule is None:
                    continue
                where = f"{name}:{line}"
                if rule.id in seen:
                    self.problems.append(f"{where}: duplicate rule id '{rule.id}' (also in {seen[rule.id]})")
                    continue
                seen[rule.id] = where
                self.place(rule, where)

    def place(self, rule: Rule, where: str) -> None:
        old = self.ruleset.rules.get(rule.id)
        if old is None and not rule.enabled and not rule.comment:
            self.problems.append(f"{where}: rule '{rule.id}' disables a rule that does not exist")
        elif old is not None and old.pass_name != rule.pass_name:
            self.problems.append(
                f"{where}: rule '{rule.id}' is a [[{rule.pass_name}]] rule but replaces "
                f"a [[{old.pass_name}]] rule of {old.file}"
            )
        elif old is not None and not rule.enabled and not rule.comment:
            self.ruleset.rules[rule.id] = replace(old, enabled=False, file=rule.file, line=rule.line)
        elif old is not None and old.enabled and (dropped := self.dropped(old, rule)):
            self.problems.append(
                f"{where}: rule '{rule.id}' replaces the one in {old.file}:{old.line} but drops "
                f"{', '.join(map(repr, dropped))}: list them too, or switch that rule off "
                "(enabled = false) and give yours a new id"
            )
        else:
            self.ruleset.rules.pop(rule.id, None)
            self.ruleset.rules[rule.id] = rule

    def dropped(self, old: Rule, new: Rule) -> list[str]:
        """The items of ``old``'s kept lists (names' spellings) that ``new`` leaves out."""
        kept = [k for k, spec in self.schemas[old.pass_name].items() if spec.kept]
        have = {_spelling(v) for k in kept for v in new.params.get(k) or ()}
        return [v for k in kept for v in old.params.get(k) or () if _spelling(v) not in have]

    def source(self, table: Any, name: str) -> Source | None:
        if not isinstance(table, dict):
            self.problems.append(f"{name}: 'source' must be a table: [source]")
            return None
        bad = sorted(set(table) - SOURCE_KEYS)
        sid = table.get("id")
        ok = not bad and isinstance(sid, str) and ID_RE.match(sid)
        if bad:
            self.problems.append(f"{name}: [source] has unknown key(s) {', '.join(bad)}")
        if not isinstance(sid, str) or not ID_RE.match(sid):
            self.problems.append(f"{name}: [source] needs an id of lower-case letters, digits, '.', '-', '_'")
        if not isinstance(table.get("name", ""), str):
            self.problems.append(f"{name}: [source] 'name' must be a string")
            ok = False
        compiled = self.regexes(table.get("signatures", []), f"{name}: [source] signatures")
        hosts = table.get("hosts", [])
        if not isinstance(hosts, list) or not all(isinstance(h, str) and HOST_RE.match(h) for h in hosts):
            self.problems.append(f"{name}: [source] 'hosts' must be a list of lower-case host names (example.com)")
            ok = False
        if not ok or compiled is None:
            return None
        if sid in self.layer_sources:
            self.problems.append(f"{name}: source '{sid}' is also defined in {self.layer_sources[sid]}")
            return None
        self.layer_sources[sid] = name
        old = self.ruleset.sources.get(sid)
        if old is not None and not compiled and not hosts:
            return old  # a user file adding rules to a built-in source keeps its signatures
        src = Source(
            sid,
            str(table.get("name", old.name if old else sid)),
            tuple(compiled) or (old.signatures if old else ()),
            name,
            tuple(hosts) or (old.hosts if old else ()),
        )
        self.ruleset.sources[sid] = src
        return src

    def regexes(self, value: Any, where: str) -> list[Pattern] | None:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            self.problems.append(f"{where}: must be a string or a list of strings")
            return None
        out: list[Pattern] = []
        for v in items:
            if not v:
                self.problems.append(f"{where}: empty pattern (it would match everything)")
                return None
            try:
                if self.trusted:
                    out.append(BuiltinPattern(v))
                    continue
                risk = _risk(v)
                if risk:
                    self.problems.append(f"{where}: regex {_short(v)} {risk}")
                    return None
                re.compile(v)  # the syntax users read about, and its error messages
                pattern = UserPattern(v, where)
                slow = _first_slow(pattern)
                if slow:
                    self.problems.append(
                        f"{where}: regex {_short(v)} took over {PATTERN_SECONDS} s on the test text {_short(slow)}: "
                        "it backtracks without end on text that almost matches, as (a|aa)+$ does on aaa...a!; "
                        "write it so that each part of a text can match in one way only"
                    )
                    return None
                out.append(pattern)
            except RecursionError:
                self.problems.append(f"{where}: regex {_short(v)} does not compile: nested too deeply")
                return None
            except Exception as e:
                import regex

                if not isinstance(e, (re.error, regex.error, OverflowError, ValueError)):
                    raise
                self.problems.append(f"{where}: regex {_short(v)} does not compile: {e}")
                return None
        return out

    def rule(self, pass_name: str, table: dict[str, Any], line: int, name: str, source: str | None) -> Rule | None:
        rid = table.get("id")
        if not isinstance(rid, str) or not ID_RE.match(rid):
            self.problems.append(
                f"{name}:{line}: a [[{pass_name}]] rule needs an id of lower-case letters, digits, '.', '-', '_' "
                f"(got {rid!r})"
            )
            return None
        where = f"{name}:{line}: rule '{rid}'"
        schema = self.schemas[pass_name]
        enabled = table.get("enabled", True)
        if not isinstance(enabled, bool):
            self.problems.append(f"{where}: 'enabled' must be true or false")
            return None
        unknown = sorted(set(table) - COMMON_KEYS - set(schema))
        if unknown:
            allowed = ", ".join(sorted(COMMON_KEYS | set(schema)))
            self.problems.append(f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {allowed})")
            return None
        comment = table.get("comment", "")
        if not enabled and set(table) <= {"id", "enabled"}:
            return Rule(rid, pass_name, "", name, source, False, line=line)
        if not isinstance(comment, str) or not comment.strip() or "\n" in comment:
            self.problems.append(f"{where}: needs a one-line 'comment' saying what it removes or repairs")
            return None
        params: dict[str, Any] = {}
        ok = True
        for key, spec in schema.items():
            if key not in table:
                if spec.required:
                    self.problems.append(f"{where}: missing required key '{key}'")
                    ok = False
                params[key] = spec.default
                continue
            value = self.value(table[key], spec, f"{where}: '{key}'")
            ok = ok and value is not None
            params[key] = value
        return Rule(rid, pass_name, comment.strip(), name, source, enabled, params, line) if ok else None

    def value(self, value: Any, spec: Field, where: str) -> Any:
        if spec.regex:
            if spec.kind is str and not isinstance(value, str):
                self.problems.append(f"{where}: must be one regex (a string)")
                return None
            compiled = self.regexes(value, where)
            if compiled is None:
                return None
            return compiled if spec.kind is list else compiled[0]
        if spec.kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, spec.kind) or (spec.kind is int and isinstance(value, bool)):
            self.problems.append(f"{where}: must be of type {spec.kind.__name__}")
            return None
        if spec.choices and value not in spec.choices:
            self.problems.append(f"{where}: must be one of {', '.join(spec.choices)} (got {value!r})")
            return None
        if spec.kind in (int, float) and not (math.isfinite(value) and spec.low <= value <= spec.high):
            self.problems.append(f"{where}: must be a number from {spec.low:g} to {spec.high:g} (got {value!r})")
            return None
        if spec.kind is list and spec.items is not None:
            bad = [v for v in value if not isinstance(v, spec.items) or isinstance(v, bool) is not (spec.items is bool)]
            if bad:
                self.problems.append(f"{where}: every item must be of type {spec.items.__name__} (got {bad[0]!r})")
                return None
            if spec.items is str and not all(v.strip() for v in value):
                self.problems.append(f"{where}: holds an empty string")
                return None
        if (spec.kind is str and not value.strip()) or (spec.kind is list and not value):
            self.problems.append(f"{where}: must not be empty")
            return None
        return value
