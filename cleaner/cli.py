"""The ``cleaner`` command: clean, explain, passes, rules.

Exit codes: 0 everything cleaned; 1 some files failed (each is reported);
2 a usage or configuration error (bad option, rules that do not validate).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


class Size(click.ParamType):
    """A byte count such as 500K, 20M or 1G."""

    name = "size"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().removesuffix("B")
        unit = text[-1:] if text[-1:] in SIZE_UNITS else ""
        try:
            return int(float(text[: len(text) - len(unit)]) * SIZE_UNITS[unit])
        except ValueError:
            self.fail(f"{value!r} is not a size such as 500K, 20M or 1G", param, ctx)


rules_option = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder of rules overlaid on the built-in ones (repeatable).",
)
source_option = click.option("--source", help="The source of every input, instead of detecting it.")
passes_option = click.option(
    "--passes", help="Comma-separated passes to run, in order (default: all; see `cleaner passes`)."
)
set_option = click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="A pass option, e.g. straighten_quotes=true or max_removed_share=0.6 (repeatable).",
)


def _options(settings: Sequence[str]) -> dict[str, Any]:
    """NAME=VALUE pairs, with true/false and numbers read as such."""
    options: dict[str, Any] = {}
    for item in settings:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            _fail(f"--set takes NAME=VALUE, got {item!r}", 2)
        try:
            options[name.strip()] = json.loads(value.lower() if value.lower() in ("true", "false") else value)
        except json.JSONDecodeError:
            options[name.strip()] = value
    return options


def _pipeline(
    passes: str | Sequence[str] | None, rules_dirs: Sequence[Path], source: str | None, settings: Sequence[str] = ()
) -> Any:
    """The pipeline a command asked for (passes as a comma-separated string or a list); exit 2 if it is wrong."""
    from cleaner.errors import ConfigError
    from cleaner.pipeline import Pipeline

    names = [p.strip() for p in passes.split(",") if p.strip()] if isinstance(passes, str) else passes
    try:
        pipeline = Pipeline(names, rules=list(rules_dirs), source=source, **_options(settings))
    except ConfigError as e:
        _fail(f"{e}", 2)
    if source and source not in pipeline.ruleset.sources:
        known = ", ".join(sorted(pipeline.ruleset.sources)) or "none"
        _fail(f"unknown source {source!r}; sources with rules: {known}", 2)
    if "decode" not in pipeline.names:
        _fail("--passes must include decode: files and standard input are read as bytes", 2)
    return pipeline


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-cleaner")
def main() -> None:
    """Clean scraped news text: repair it, remove boilerplate, explain every change."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the cleaned files; it mirrors the inputs' tree.",
)
@rules_option
@source_option
@passes_option
@set_option
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True, help="Worker processes."
)
@click.option("--max-size", type=Size(), default="20M", show_default=True, help="Refuse input files larger than this.")
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Only clean files in folders whose names match (repeatable), e.g. '*.txt'.",
)
@click.option("--skip-existing", is_flag=True, help="Leave files whose output already exists (to resume a batch).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def clean(
    inputs: tuple[Path, ...],
    output: Path | None,
    rules_dirs: tuple[Path, ...],
    source: str | None,
    passes: str | None,
    settings: tuple[str, ...],
    jobs: int,
    max_size: int,
    include: tuple[str, ...],
    skip_existing: bool,
    quiet: bool,
) -> None:
    """Clean INPUTS (files, folders, or - for standard input) into OUTPUT.

    Inputs are never modified. Each output is written to a temporary file and
    renamed into place. A file that cannot be cleaned is reported with the
    reason, and the others are cleaned all the same.
    """
    stdin = Path("-") in inputs
    if stdin and len(inputs) > 1:
        _fail("'-' (standard input) cannot be combined with other inputs", 2)
    if not stdin and output is None:
        _fail("give an output folder with -o/--output (inputs are never overwritten)", 2)
    pipeline = _pipeline(passes, rules_dirs, source, settings)
    if stdin:
        _clean_stdin(pipeline, max_size, quiet)
        return

    from cleaner import batch

    assert output is not None
    started = time.perf_counter()
    plan, refused = batch.plan(list(inputs), output, include)
    summary = batch.Summary()
    for r in refused:
        summary.add(r)
    results = batch.run(pipeline, plan, workers=jobs, max_bytes=max_size, skip_existing=skip_existing)
    if not quiet and sys.stderr.isatty() and len(plan) > 1:
        with click.progressbar(results, length=len(plan), label="cleaning", file=sys.stderr) as bar:
            for r in bar:
                summary.add(r)
    else:
        for r in results:
            summary.add(r)
    if not quiet:
        click.echo(summary.render(time.perf_counter() - started, pipeline.names), err=True)
    elif summary.failures:
        for path, why in summary.failures:
            click.echo(f"failed: {path}: {why}", err=True)
    sys.exit(1 if summary.failures else 0)


def _clean_stdin(pipeline: Any, max_size: int, quiet: bool) -> None:
    from cleaner.errors import CleanerError

    data = sys.stdin.buffer.read(max_size + 1)
    if len(data) > max_size:
        _fail(f"standard input: over the size limit of {max_size:,} bytes (--max-size)", 1)
    try:
        text = pipeline.clean(data)
    except CleanerError as e:
        _fail(f"standard input: {e}", 1)
    out = text.encode("utf-8")
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    if not quiet:
        click.echo(f"standard input cleaned: {len(data):,} bytes in, {len(out):,} out", err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@rules_option
@source_option
@passes_option
@set_option
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
def explain(
    file: Path,
    rules_dirs: tuple[Path, ...],
    source: str | None,
    passes: str | None,
    settings: tuple[str, ...],
    as_json: bool,
) -> None:
    """Show every change cleaning FILE would make, grouped by pass and rule."""
    from cleaner.document import Document
    from cleaner.errors import CleanerError
    from cleaner.explain import render

    pipeline = _pipeline(passes, rules_dirs, source, settings)
    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        doc = pipeline.run(Document(data=data, path=str(file), changes=[]))
    except (OSError, CleanerError) as e:
        _fail(f"{file}: {e}", 1)
    if as_json:
        record = {
            "path": str(file),
            "source": doc.source,
            "encoding": doc.meta.get("encoding"),
            "flags": doc.flags,
            "changes": [c._asdict() for c in doc.changes or []],
        }
        click.echo(json.dumps(record, ensure_ascii=False, indent=1))
    else:
        click.echo(render(doc, pipeline), nl=False)


@main.command()
def passes() -> None:
    """List the passes, in the order a default pipeline runs them."""
    from cleaner.pipeline import default_passes, registry

    known = registry()
    default = default_passes()
    width = max(map(len, known))
    for name in [*default, *(n for n in known if n not in default)]:
        extra = "" if name in default else "  (not run by default)"
        click.echo(f"{name:<{width}}  {known[name].summary}{extra}")


@main.group()
def names() -> None:
    """Find and review the spellings of people's names."""


@names.command("suggest")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@rules_option
@click.option("--include", multiple=True, metavar="GLOB", help="Only read files whose names match (repeatable).")
def names_suggest(inputs: tuple[Path, ...], rules_dirs: tuple[Path, ...], include: tuple[str, ...]) -> None:
    """Propose groups of spellings in INPUTS that probably name the same person.

    Prints each group with counts, an example sentence, the reasons, and a
    [[names]] entry to paste into a rules file after checking it. Changes nothing.
    """
    from cleaner import batch, suggest
    from cleaner.errors import CleanerError
    from cleaner.pipeline import default_passes

    pipeline = _pipeline([p for p in default_passes() if p != "names"], rules_dirs, None)
    files, missing = batch.walk(list(inputs), include)
    for r in missing:
        click.echo(f"skipped {r.shown}: {r.error}", err=True)
    texts = []
    for path, _ in files:
        try:
            texts.append(pipeline.clean(path.read_bytes()))
        except (OSError, CleanerError) as e:
            click.echo(f"skipped {path}: {e}", err=True)
    found = suggest.mentions(texts)
    click.echo(suggest.render(suggest.groups(found, texts), pipeline.ruleset.for_pass("names")), nl=False)
    click.echo(f"read {len(texts)} files; {len(found)} romanised names found", err=True)


@main.group()
def rules() -> None:
    """Check and list rules."""


@rules.command("check")
@click.argument("dirs", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
def rules_check(dirs: tuple[Path, ...]) -> None:
    """Validate the built-in rules overlaid by DIRS, as every pass sees them; exit 1 if any is wrong."""
    from cleaner.errors import RuleError
    from cleaner.pipeline import Pipeline, registry

    try:
        ruleset = Pipeline(list(registry()), rules=list(dirs)).ruleset
    except RuleError as e:
        for problem in e.problems:
            click.echo(problem, err=True)
        click.echo(f"{len(e.problems)} problem(s) found", err=True)
        sys.exit(1)
    by_pass: dict[str, int] = {}
    off = 0
    for r in ruleset.rules.values():
        by_pass[r.pass_name] = by_pass.get(r.pass_name, 0) + r.enabled
        off += not r.enabled
    counts = ", ".join(f"{p} {n}" for p, n in by_pass.items())
    click.echo(f"ok: {sum(by_pass.values())} rules on ({counts}), {off} off, {len(ruleset.sources)} sources")


@rules.command("list")
@click.argument("dirs", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@click.option("--pass", "pass_name", help="Only the rules of this pass.")
def rules_list(dirs: tuple[Path, ...], pass_name: str | None) -> None:
    """List rule ids with their comments and the file and line each comes from (built-in rules overlaid by DIRS)."""
    from cleaner import rules as rules_mod
    from cleaner.errors import RuleError

    try:
        ruleset = rules_mod.load(list(dirs))
    except RuleError as e:
        _fail(str(e), 2)
    for r in ruleset.rules.values():
        if pass_name is None or r.pass_name == pass_name:
            state = "" if r.enabled else " (off)"
            click.echo(f"{r.id}{state}  [{r.file}:{r.line}]\n    {r.comment}")
