"""What the commands share: their common options, the pipeline they ask for, and how they fail."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
EXPLAIN_MAX_BYTES = 200 * 1024**2  # what explain and names suggest read of one file, at most


class Size(click.ParamType):
    """A byte count such as 500K, 20M or 1G."""

    name = "size"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().removesuffix("B")
        unit = text[-1:] if text[-1:] in SIZE_UNITS else ""
        try:
            size = int(float(text[: len(text) - len(unit)]) * SIZE_UNITS[unit])
        except (ValueError, OverflowError):
            size = 0
        if size <= 0:
            self.fail(f"{value!r} is not a size such as 500K, 20M or 1G", param, ctx)
        return size


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


def parse_settings(settings: Sequence[str]) -> dict[str, Any]:
    """NAME=VALUE pairs, with true/false and numbers read as such."""
    options: dict[str, Any] = {}
    for item in settings:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            fail(f"--set takes NAME=VALUE, got {item!r}", 2)
        try:
            options[name.strip()] = json.loads(value.lower() if value.lower() in ("true", "false") else value)
        except json.JSONDecodeError:
            options[name.strip()] = value
    return options


def pipeline_for(
    passes: str | Sequence[str] | None,
    rules_dirs: Sequence[Path],
    source: str | None,
    settings: Sequence[str] = (),
    **options: Any,
) -> Any:
    """The pipeline a command asked for (passes as a comma-separated string or a list); exit 2 if it is wrong."""
    from cleaner.errors import ConfigError
    from cleaner.pipeline import Pipeline

    names = [p.strip() for p in passes.split(",") if p.strip()] if isinstance(passes, str) else passes
    try:
        pipeline = Pipeline(names, rules=list(rules_dirs), source=source, **{**parse_settings(settings), **options})
    except ConfigError as e:
        fail(f"{e}", 2)
    if "decode" not in pipeline.names:
        fail("--passes must include decode: files and standard input are read as bytes", 2)
    return pipeline


def fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)
