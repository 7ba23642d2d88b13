"""Passes, the registry of passes by name, and the pipeline that runs them.

A pass author subclasses :class:`Pass`, names it, declares the keys its rules
may have and the options it takes, and writes ``apply(text, doc) -> str``
using :meth:`Pass.sub` and :meth:`Pass.edit`, which count every change and
record it when explanations are asked for. Timing and per-pass counts come
for free from :class:`Pipeline`.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from time import perf_counter
from typing import Any, ClassVar, NamedTuple

from cleaner import rules as rules_mod
from cleaner.budget import BASE_SECONDS, Deadline, Expired, OverBudget, rule_at, seconds_for, timer
from cleaner.document import Change, Document, Edit, Replacement
from cleaner.errors import ConfigError
from cleaner.rules import Field, Rule, RuleSet

PASSES: dict[str, type[Pass]] = {}
# Something a reader can see: not white space, not an invisible or control character.
VISIBLE = re.compile("[^\\s\x00-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


def register(cls: type[Pass]) -> type[Pass]:
    """Class decorator: make a pass available by its name."""
    if not cls.name or not cls.summary:
        raise TypeError(f"{cls.__name__} needs a name and a one-line summary")
    PASSES[cls.name] = cls
    return cls


def registry() -> dict[str, type[Pass]]:
    """Every registered pass, the built-in ones first, in their default order."""
    import cleaner.passes  # noqa: F401  (registers the built-in passes)

    return PASSES


def default_passes() -> tuple[str, ...]:
    from cleaner.passes import DEFAULT

    return DEFAULT


def rule_schemas() -> dict[str, Mapping[str, Field]]:
    return {name: cls.rule_keys for name, cls in registry().items()}


class Pass:
    """One small step of cleaning. Subclasses set the class attributes and ``apply``.

    - ``name``: how users and rules refer to it; ``summary``: one line for ``cleaner passes``;
    - ``rule_keys``: the keys its ``[[name]]`` rules may have besides id, comment, enabled;
    - ``defaults``: the options it takes, with their default values;
    - ``may_empty``: an empty result can be right, so it is not undone (the document is still flagged).

    A pass holds no state that changes while it runs, so one pipeline can be
    used from many threads, and pickled to worker processes.
    """

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    rule_keys: ClassVar[Mapping[str, Field]] = {}
    defaults: ClassVar[Mapping[str, Any]] = {}
    may_empty: ClassVar[bool] = False  # an empty result can be right (a page of markup without text)

    def __init__(self, rules: Sequence[Rule], options: Mapping[str, Any], ruleset: RuleSet) -> None:
        self.rules = {r.id: r for r in rules}
        self.options = {k: options.get(k, v) for k, v in self.defaults.items()}
        self.sources = ruleset.sources
        self.setup()

    def setup(self) -> None:
        """Prepare what every call needs (compiled patterns); runs once per pipeline."""

    def run(self, doc: Document) -> None:
        """Template method: passes that only rewrite text implement ``apply``."""
        doc.text = self.apply(doc.text, doc)

    def apply(self, text: str, doc: Document) -> str:
        raise NotImplementedError

    def sub(self, doc: Document, rule_id: str, pattern: re.Pattern[str], repl: Replacement, text: str) -> str:
        """Replace every match of ``pattern`` under rule ``rule_id``, unless that rule is off."""
        if rule_id not in self.rules:
            return text
        return doc.sub(self.name, rule_id, pattern, repl, text)

    def edit(self, doc: Document, text: str, edits: Iterable[Edit]) -> str:
        """Apply edits (sorted, non-overlapping) whose rules are on."""
        return doc.edit(self.name, text, (e for e in edits if e.rule in self.rules))

    def note(self, doc: Document, rule_id: str, message: str) -> None:
        doc.note(self.name, rule_id, message)


def _same_kind(value: Any, default: Any) -> bool:
    """Whether ``value`` may stand for an option whose default is ``default`` (a number for a number)."""
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


class Explained(NamedTuple):
    """The cleaned text and the changes that made it."""

    text: str
    changes: list[Change]


class Pipeline:
    """Passes chained over documents. Build once, reuse for any number of texts.

    ``passes`` names the passes to run, in order (default: all built-in passes in
    their default order); a pass class may stand in for a name. ``rules`` is a user
    folder, or several, overlaid on the built-in rules. ``source`` fixes the source
    of every document instead of detecting it. ``time_limit`` is each document's
    time budget in seconds (more for documents over a megabyte, see
    :mod:`cleaner.budget`; ``None``: no limit). Other keywords are pass options.

    A pass that would empty a document holding visible text is undone and the
    document flagged; a document left with nothing visible is flagged.
    """

    def __init__(
        self,
        passes: Sequence[str | type[Pass]] | None = None,
        *,
        rules: str | Path | Sequence[str | Path] | None = None,
        source: str | None = None,
        time_limit: float | None = BASE_SECONDS,
        **options: Any,
    ) -> None:
        known = registry()
        classes = [self._resolve(p, known) for p in (passes if passes is not None else default_passes())]
        offered = {k for cls in [*known.values(), *classes] for k in cls.defaults}
        unknown = sorted(set(options) - offered)
        if unknown:
            raise ConfigError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(offered))}")
        for cls in [*known.values(), *classes]:
            for name, default in cls.defaults.items():
                if name in options and not _same_kind(options[name], default):
                    kind = "a number" if isinstance(default, (int, float)) else type(default).__name__
                    raise ConfigError(f"option {name} takes {kind} (default {default!r}), got {options[name]!r}")
        user_dirs = [] if rules is None else [rules] if isinstance(rules, (str, Path)) else list(rules)
        schemas = {**rule_schemas(), **{c.name: c.rule_keys for c in classes}}
        self.ruleset = rules_mod.load(user_dirs, schemas)
        self.check_source(source)
        if time_limit is not None and not time_limit > 0:
            raise ConfigError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
        self.source = source
        self.time_limit = time_limit
        self.options = options
        self.passes = tuple(cls(self.ruleset.for_pass(cls.name), options, self.ruleset) for cls in classes)

    @staticmethod
    def _resolve(p: str | type[Pass], known: Mapping[str, type[Pass]]) -> type[Pass]:
        if isinstance(p, type) and issubclass(p, Pass):
            return p
        if p not in known:
            raise ConfigError(f"unknown pass {p!r}; known: {', '.join(known)}")
        return known[p]

    def check_source(self, source: str | None) -> None:
        """A source named by the caller must be one the rules know."""
        if source is not None and source not in self.ruleset.sources:
            known = ", ".join(sorted(self.ruleset.sources)) or "none"
            raise ConfigError(f"unknown source {source!r}; sources with rules: {known}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.passes)

    def with_corpus(self, corpus: Any) -> Pipeline:
        """A copy of this pipeline whose passes that take corpus evidence (``template``) use ``corpus``
        (a :class:`cleaner.corpus.Corpus`; see :func:`cleaner.corpus.scan`). This pipeline is unchanged."""
        out = copy.copy(self)
        passes = []
        for p in self.passes:
            if hasattr(p, "corpus"):
                p = copy.copy(p)
                p.corpus = corpus  # type: ignore[attr-defined]
            passes.append(p)
        out.passes = tuple(passes)
        return out

    def run(self, doc: Document) -> Document:
        """Run every pass over ``doc`` within its time budget, timing each; returns ``doc``.

        Raises :class:`~cleaner.budget.OverBudget` when the budget runs out.
        """
        if doc.source is None:
            doc.source = self.source
        if doc.changes is not None and doc.data is None:
            doc.meta["original"] = doc.text  # the text the change log applies to
        if doc.data is not None and not any(p.name == "decode" for p in self.passes):
            raise ConfigError("this pipeline has no decode pass: give it text (str), or include 'decode'")
        size = len(doc.data) if doc.data is not None else len(doc.text)
        seconds = None if self.time_limit is None else seconds_for(size, self.time_limit)
        deadline = Deadline(seconds)
        current = ""
        try:
            with timer(seconds):
                for p in self.passes:
                    current = p.name
                    self._run_pass(p, doc)
                    if deadline.passed():
                        raise OverBudget(seconds or 0, p.name, None)
        except Expired as e:
            raise OverBudget(seconds or 0, current, rule_at(e.__traceback__)) from None
        if size and not VISIBLE.search(doc.text):
            doc.flags.append("nothing visible is left: the input holds no visible text")
        return doc

    @staticmethod
    def _run_pass(p: Pass, doc: Document) -> None:
        """Run one pass, timed; undo it if it would empty a document that holds visible text."""
        before, logged, counted = doc.text, len(doc.changes or ()), doc.counts[p.name]
        rules = dict(doc.rules)  # a plain copy is cheaper than Counter.copy(), and this one is seldom used
        t0 = perf_counter()
        p.run(doc)
        doc.seconds[p.name] = doc.seconds.get(p.name, 0.0) + perf_counter() - t0
        if (doc.text and not doc.text.isspace()) or p.may_empty or not VISIBLE.search(before):
            return
        doc.text = before
        doc.counts[p.name], doc.rules = counted, Counter(rules)
        if doc.changes is not None:
            del doc.changes[logged:]
        why = f"kept the text: pass {p.name} would have removed all of it"
        doc.flags.append(why)
        doc.note(p.name, "pipeline.kept-all", why)

    def document(self, text: str | bytes, source: str | None = None, explain: bool = False) -> Document:
        self.check_source(source)
        doc = Document(source=source, changes=[] if explain else None)
        if isinstance(text, bytes):
            doc.data = text
        else:
            doc.text = text
        return self.run(doc)

    def clean(self, text: str | bytes, source: str | None = None) -> str:
        """Clean one text (or raw bytes, decoded first)."""
        return self.document(text, source).text

    def clean_many(self, texts: Iterable[str | bytes], source: str | None = None) -> Iterator[str]:
        """Clean texts one by one, lazily, in order (a generator: memory stays flat)."""
        for text in texts:
            yield self.clean(text, source)

    def clean_records(
        self,
        records: Iterable[Mapping[str, Any]],
        text_field: str = "text",
        *,
        url_field: str | None = None,
        annotate: str | None = None,
        on_error: str = "fail",
    ) -> Iterator[dict[str, Any]]:
        """Each record with its ``text_field`` cleaned, other fields as they were, lazily and in order.

        ``annotate`` names a field to add saying what cleaning did. A record without
        text raises :class:`~cleaner.records.RecordError` naming its index, unless
        ``on_error`` is ``"keep"`` (passed through unchanged) or ``"skip"`` (left out).
        """
        from cleaner.records import Fields, RecordError, clean_record

        fields = Fields(text_field, url_field, annotate, on_error)
        for index, record in enumerate(records):
            try:
                out, _ = clean_record(self, record, fields)
            except RecordError as e:
                if on_error == "fail":
                    raise RecordError(f"record {index}: {e}") from None
                if on_error == "keep":
                    yield record  # type: ignore[misc]
                continue
            yield out

    def clean_and_explain(self, text: str | bytes, source: str | None = None) -> Explained:
        """Clean one text and return the changes that were made, pass by pass."""
        doc = self.document(text, source, explain=True)
        return Explained(doc.text, doc.changes or [])


@lru_cache(maxsize=16)
def _cached(
    passes: tuple[str, ...] | None,
    rules: tuple[str, ...] | None,
    options: tuple[tuple[str, Any], ...],
    files: tuple[tuple[str, int, int], ...],
) -> Pipeline:
    return Pipeline(passes, rules=rules, **dict(options))


def _files(dirs: Sequence[str]) -> tuple[tuple[str, int, int], ...]:
    """Each rules file in ``dirs`` with its modification time and size: edits make a new pipeline."""
    found = []
    for d in dirs:
        for p in sorted(Path(d).rglob("*.toml")):
            try:
                st = p.stat()
            except OSError:
                continue
            found.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(found)


def shared_pipeline(passes: Sequence[str] | None = None, rules: Any = None, **options: Any) -> Pipeline:
    """A pipeline built once per set of arguments (and state of the user's rules files), for the one-call functions."""
    if isinstance(rules, (str, Path)):
        rules = [rules]
    dirs = tuple(str(r) for r in rules) if rules is not None else None
    return _cached(
        tuple(passes) if passes is not None else None,
        dirs,
        tuple(sorted(options.items())),
        _files(dirs or ()),
    )
