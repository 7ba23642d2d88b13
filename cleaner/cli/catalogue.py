"""``cleaner passes``, ``cleaner names suggest`` and ``cleaner rules``: what the pipeline knows."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cleaner.cli.common import EXPLAIN_MAX_BYTES, fail, pipeline_for, rules_option
from cleaner.errors import CleanerError


@click.command()
def passes() -> None:
    """List the passes, in the order a default pipeline runs them."""
    from cleaner.pipeline import default_passes, registry

    known = registry()
    default = default_passes()
    width = max(map(len, known))
    for name in [*default, *(n for n in known if n not in default)]:
        extra = "" if name in default else "  (not run by default)"
        click.echo(f"{name:<{width}}  {known[name].summary}{extra}")


@click.group()
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
    from cleaner.batch import read_input
    from cleaner.pipeline import default_passes

    pipeline = pipeline_for([p for p in default_passes() if p != "names"], rules_dirs, None)
    found = batch.walk(list(inputs), include)
    for r in found.failed:
        click.echo(f"skipped {r.shown}: {r.error}", err=True)
    texts = []
    for path, _ in found.files:
        try:
            texts.append(pipeline.clean(read_input(path, EXPLAIN_MAX_BYTES)))
        except (OSError, CleanerError) as e:
            click.echo(f"skipped {path}: {e}", err=True)
    found = suggest.mentions(texts)
    click.echo(suggest.render(suggest.groups(found, texts), pipeline.ruleset.for_pass("names")), nl=False)
    files = f"{len(texts)} file{'s' * (len(texts) != 1)}"
    click.echo(f"read {files}; {len(found)} romanised name{'s' * (len(found) != 1)} found", err=True)


@click.group()
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
        fail(str(e), 2)
    for r in ruleset.rules.values():
        if pass_name is None or r.pass_name == pass_name:
            state = "" if r.enabled else " (off)"
            click.echo(f"{r.id}{state}  [{r.file}:{r.line}]\n    {r.comment}")
