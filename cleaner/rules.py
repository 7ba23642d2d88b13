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
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from cleaner.errors import RuleError

COMMON_KEYS = frozenset({"id", "comment", "enabled"})
SOURCE_KEYS = frozenset({"id", "name", "signatures", "comment"})
ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*\Z")


@dataclass(frozen=True)
class Field:
    """A pass-specific key of a rule: its type, and whether it is a regex."""

    kind: type
    required: bool = False
    default: Any = None
    regex: bool = False
    choices: tuple[str, ...] = ()


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

    def __getitem__(self, key: str) -> Any:
        return self.params[key]


@dataclass(frozen=True)
class Source:
    """A publisher or aggregator, recognised in a text by its signature patterns."""

    id: str
    name: str
    signatures: tuple[re.Pattern[str], ...]
    file: str


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
    loader.layer(builtin_dir(), "rules")
    for d in user_dirs:
        path = Path(d)
        if not path.is_dir():
            loader.problems.append(f"{path}: not a folder of rules")
            continue
        loader.layer(path, str(path))
    if loader.problems:
        raise RuleError(loader.problems)
    return loader.ruleset


def _toml_files(folder: Traversable, shown: str) -> Iterator[tuple[Traversable, str]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            yield from _toml_files(entry, f"{shown}/{entry.name}")
        elif entry.name.endswith(".toml"):
            yield entry, f"{shown}/{entry.name}"


ID_LINE = re.compile(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]*)["']""", re.MULTILINE)


def _id_lines(text: str) -> dict[str, list[int]]:
    """The lines each rule id is written on, in order, from one scan of the file."""
    lines: dict[str, list[int]] = {}
    line, pos = 1, 0
    for m in ID_LINE.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        lines.setdefault(m[1], []).append(line)
    return lines


class _Loader:
    def __init__(self, schemas: Mapping[str, Mapping[str, Field]]) -> None:
        self.schemas = schemas
        self.ruleset = RuleSet()
        self.problems: list[str] = []
        self.layer_sources: dict[str, str] = {}  # source id -> file, in the layer being loaded

    def layer(self, folder: Traversable, shown: str) -> None:
        seen: dict[str, str] = {}
        self.layer_sources = {}
        for entry, name in _toml_files(folder, shown):
            text = entry.read_text(encoding="utf-8")
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as e:
                self.problems.append(f"{name}: not valid TOML: {e}")
                continue
            self.file(data, text, name, seen)

    def file(self, data: dict[str, Any], text: str, name: str, seen: dict[str, str]) -> None:
        lines = _id_lines(text)
        source = None
        if "source" in data:
            source = self.source(data.pop("source"), name)
        for key, tables in data.items():
            if key not in self.schemas:
                known = ", ".join(sorted(self.schemas))
                self.problems.append(f"{name}: unknown table [[{key}]] (passes with rules: {known})")
                continue
            if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
                self.problems.append(f"{name}: '{key}' must be an array of tables: [[{key}]]")
                continue
            for table in tables:
                rid = table.get("id")
                line = lines[rid].pop(0) if isinstance(rid, str) and lines.get(rid) else 0
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
            self.ruleset.rules[rule.id] = replace(old, enabled=False, file=rule.file)
        else:
            self.ruleset.rules.pop(rule.id, None)
            self.ruleset.rules[rule.id] = rule

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
        compiled = self.regexes(table.get("signatures", []), f"{name}: [source] signatures")
        if not ok or compiled is None:
            return None
        if sid in self.layer_sources:
            self.problems.append(f"{name}: source '{sid}' is also defined in {self.layer_sources[sid]}")
            return None
        self.layer_sources[sid] = name
        old = self.ruleset.sources.get(sid)
        if old is not None and not compiled:
            return old  # a user file adding rules to a built-in source keeps its signatures
        src = Source(sid, str(table.get("name", old.name if old else sid)), tuple(compiled), name)
        self.ruleset.sources[sid] = src
        return src

    def regexes(self, value: Any, where: str) -> list[re.Pattern[str]] | None:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            self.problems.append(f"{where}: must be a string or a list of strings")
            return None
        out = []
        for v in items:
            if not v:
                self.problems.append(f"{where}: empty pattern (it would match everything)")
                return None
            try:
                out.append(re.compile(v))
            except re.error as e:
                self.problems.append(f"{where}: regex {v!r} does not compile: {e}")
                return None
        return out

    def rule(self, pass_name: str, table: dict[str, Any], line: int, name: str, source: str | None) -> Rule | None:
        rid = table.get("id")
        if not isinstance(rid, str) or not ID_RE.match(rid):
            self.problems.append(
                f"{name}: a [[{pass_name}]] rule needs an id of lower-case letters, digits, '.', '-', '_' (got {rid!r})"
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
            return Rule(rid, pass_name, "", name, source, False)
        if not isinstance(comment, str) or not comment.strip() or "\n" in comment:
            self.problems.append(f"{where}: needs a one-line 'comment' saying what it removes or repairs")
            return None
        params: dict[str, Any] = {}
        for key, spec in schema.items():
            if key not in table:
                if spec.required:
                    self.problems.append(f"{where}: missing required key '{key}'")
                    return None
                params[key] = spec.default
                continue
            value = self.value(table[key], spec, f"{where}: '{key}'")
            if value is None:
                return None
            params[key] = value
        return Rule(rid, pass_name, comment.strip(), name, source, enabled, params)

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
        if spec.kind in (str, list) and not value:
            self.problems.append(f"{where}: must not be empty")
            return None
        return value
