"""``cleaner explain`` and ``cleaner diff``: what cleaning changes, and how it compares with golden files."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from cleaner.cli.common import (
    EXPLAIN_MAX_BYTES,
    fail,
    passes_option,
    pipeline_for,
    rules_option,
    set_option,
    source_option,
)
from cleaner.errors import CleanerError


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@rules_option
@source_option
@passes_option
@set_option
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a page showing FILE raw and cleaned side by side (the page `cleaner diff --html` writes).",
)
@click.option(
    "--corpus",
    "corpus_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Files or folders of FILE's batch: their corpus evidence is used, as `cleaner clean` would (repeatable).",
)
def explain(
    file: Path,
    rules_dirs: tuple[Path, ...],
    source: str | None,
    passes: str | None,
    settings: tuple[str, ...],
    as_json: bool,
    html_path: Path | None,
    corpus_paths: tuple[Path, ...],
) -> None:
    """Show every change cleaning FILE would make, grouped by pass and rule."""
    from cleaner.batch import read_input
    from cleaner.document import Document
    from cleaner.explain import render, with_context

    pipeline = pipeline_for(passes, rules_dirs, source, settings)
    group = None
    if corpus_paths:
        from cleaner import batch
        from cleaner.corpus import scan_files

        found = batch.walk(list(corpus_paths))
        jobs = [batch.Job(p, p, os.path.realpath(p)) for p, _ in found.files]  # grouped by real folder
        pipeline = pipeline.with_corpus(scan_files(pipeline, jobs, max_bytes=EXPLAIN_MAX_BYTES))
        group = os.path.dirname(os.path.realpath(file))
    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else read_input(file, EXPLAIN_MAX_BYTES)
        meta = {"group": group} if group else {}
        doc = pipeline.run(Document(data=data, path=str(file), changes=[], meta=meta))
    except (OSError, CleanerError) as e:
        fail(f"{file}: {e}", 1)
    if html_path is not None:
        from cleaner.review.html import explain_page

        _write_page(html_path, explain_page(doc, str(file), pipeline))
    if as_json:
        record = {
            "path": str(file),
            "source": doc.source,
            "encoding": doc.meta.get("encoding"),
            "flags": doc.flags,
            "changes": [c._asdict() | {"input_line": n} for c, _, n in with_context(doc)],
        }
        click.echo(json.dumps(record, ensure_ascii=False, indent=1))
    else:
        click.echo(render(doc, pipeline), nl=False)


@click.command("diff")
@click.argument("samples", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("golden", type=click.Path(file_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@rules_option
@source_option
@passes_option
@set_option
@click.option("--stat", is_flag=True, help="Only a line per file that differs, and the summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.option(
    "--accept",
    is_flag=True,
    help="Write the obtained output as the golden file of every differing or missing file (of PATHS if given).",
)
@click.option("--remove-orphans", is_flag=True, help="Delete golden files that have no sample.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a self-contained review page to this file.",
)
@click.option("--color/--no-color", "colour", default=None, help="Colour the diff (default: on a terminal).")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True, help="Worker processes."
)
def diff(
    samples: Path,
    golden: Path,
    paths: tuple[Path, ...],
    rules_dirs: tuple[Path, ...],
    source: str | None,
    passes: str | None,
    settings: tuple[str, ...],
    stat: bool,
    as_json: bool,
    accept: bool,
    remove_orphans: bool,
    html_path: Path | None,
    colour: bool | None,
    jobs: int,
) -> None:
    """Clean each file under SAMPLES and compare it with the golden file at the same path under GOLDEN.

    Each differing line says which pass and rule made it, or that no rule did.
    PATHS (sample or golden files or folders) limit the comparison, and what
    --accept writes, to those files. Exit codes: 0 all the same, 1 some differ,
    have no golden file, could not be cleaned, or golden files have no sample;
    2 usage or configuration error.
    """
    from cleaner.review import accept as accepting
    from cleaner.review import diff as review
    from cleaner.review import text

    if golden.resolve() == samples.resolve():
        fail("SAMPLES and GOLDEN are the same folder", 2)
    pipeline = pipeline_for(passes, rules_dirs, source, settings)
    try:
        only = review.select(samples, golden, paths) if paths else None
    except ValueError as e:
        fail(str(e), 2)
    rv = review.review(pipeline, samples, golden, only, workers=jobs)
    if html_path is not None:
        from cleaner.review.html import review_page

        _write_page(html_path, review_page(rv, pipeline))
    if as_json:
        click.echo(json.dumps(review.to_json(rv), ensure_ascii=False, indent=1))
    elif stat or html_path is not None:
        click.echo(text.stat(rv), nl=False)
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ if colour is None else colour
        for f in rv.files:
            click.echo(text.file_diff(f, colour), nl=False, color=colour)
        click.echo("".join(f"{p}: golden file without a sample\n" for p in rv.orphans), nl=False)
    if accept:
        try:
            for rel in accepting.accept(rv):
                click.echo(f"accepted {rel}: golden file written", err=True)
        except OSError as e:
            fail(f"accepting failed: {e}", 1)
    if remove_orphans:
        for rel in accepting.remove_orphans(rv):
            click.echo(f"removed {golden / rel}: it had no sample", err=True)
    if not as_json:
        click.echo(text.summary(rv), err=True)
    sys.exit(0 if rv.ok else 1)


def _write_page(path: Path, page: str) -> None:
    from cleaner import batch

    try:
        batch.write_atomic(path, page.encode("utf-8"))
    except OSError as e:
        fail(f"{path} could not be written: {batch.reason(e)}", 1)
    click.echo(f"review page written to {path}", err=True)
