"""``cleaner clean``: files, folders, record files or standard input, cleaned into an output."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from cleaner.budget import BASE_SECONDS
from cleaner.cli.common import Size, fail, passes_option, pipeline_for, rules_option, set_option, source_option
from cleaner.errors import CleanerError


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Folder for the cleaned files (it mirrors the inputs' tree); a file name for one input file.",
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
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=BASE_SECONDS,
    show_default=True,
    help="Seconds each document may take (plus 5 s per MB over the first); a document over it fails.",
)
@click.option("--encoding", help="Read every input in this encoding (e.g. cp1252) instead of detecting it.")
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Only clean files in folders whose names match (repeatable), e.g. '*.txt'.",
)
@click.option("--skip-existing", is_flag=True, help="Leave files whose output already exists (to resume a batch).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "text", "jsonl", "parquet"]),
    default="auto",
    show_default=True,
    help="Inputs are text files, or records (by name: .jsonl[.gz|.zst], .parquet).",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "html", "text"]),
    default="auto",
    show_default=True,
    help="The text to clean is a web page (its article is extracted), plain text, or either (by name and content).",
)
@click.option("--text-field", default="text", show_default=True, help="Records: the field to clean.")
@click.option("--url-field", help="Records: a field holding the page's URL (its host names the source).")
@click.option("--annotate", is_flag=True, help="Records: add a field 'cleaner' saying what cleaning did.")
@click.option(
    "--on-error",
    type=click.Choice(["keep", "skip", "fail"]),
    default="keep",
    show_default=True,
    help="Records that cannot be cleaned: pass them through unchanged, drop them, or stop.",
)
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where the work runs: -j processes here, or a Dask cluster.",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask: the scheduler (tcp://host:8786); none: a local cluster.")
@click.option(
    "--corpus-evidence",
    type=click.Choice(["auto", "on", "off"]),
    default="auto",
    show_default=True,
    help="Read the batch first and remove lines repeated in many documents of one source (its template); "
    "auto: for folders and record files, not standard input or one file.",
)
@click.option(
    "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write a JSON run report."
)
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
    time_limit: float,
    encoding: str | None,
    include: tuple[str, ...],
    skip_existing: bool,
    fmt: str,
    input_format: str,
    text_field: str,
    url_field: str | None,
    annotate: bool,
    on_error: str,
    engine_name: str,
    scheduler: str | None,
    corpus_evidence: str,
    report_path: Path | None,
    quiet: bool,
) -> None:
    """Clean INPUTS (files, folders, or - for standard input) into OUTPUT.

    Inputs are never modified. Each output is written to a temporary file and
    renamed into place. A file that cannot be cleaned is reported with the
    reason, and the others are cleaned all the same. Exit codes: 0 all cleaned,
    1 some failed (or none found), 2 usage or configuration error, 130 interrupted.
    """
    stdin = Path("-") in inputs
    if stdin and len(inputs) > 1:
        fail("'-' (standard input) cannot be combined with other inputs", 2)
    if not stdin and output is None:
        fail("give an output folder with -o/--output (inputs are never overwritten)", 2)
    extra: dict[str, Any] = {"encoding": encoding} if encoding else {}
    if input_format != "auto":
        extra["input_format"] = input_format
    pipeline = pipeline_for(passes, rules_dirs, source, settings, time_limit=time_limit, **extra)
    if scheduler and engine_name != "dask":
        fail("--scheduler goes with --engine dask", 2)
    from cleaner.engines import engine
    from cleaner.records import Fields

    run = Run(
        pipeline, engine(engine_name, jobs, scheduler), output, max_size, include, skip_existing, report_path, quiet
    )
    run.evidence = corpus_evidence != "off" and "template" in pipeline.names
    try:
        records = _records_format(inputs, fmt)
        if corpus_evidence == "on" and (stdin or (not records and len(inputs) == 1 and _names_a_file(output))):
            fail("--corpus-evidence on needs a batch to read twice: folders, several files or record files", 2)
        if records:
            _clean_streams(
                run, records, inputs, Fields(text_field, url_field, "cleaner" if annotate else None, on_error)
            )
        elif stdin:
            _clean_stdin(run)
        elif len(inputs) == 1 and inputs[0].is_file() and _names_a_file(output):
            _clean_one(run, inputs[0])
        else:
            _clean_batch(run, inputs)
    finally:
        run.engine.close()


@dataclass
class Run:
    """What ``cleaner clean`` was asked to do, shared by the ways it does it."""

    pipeline: Any
    engine: Any
    output: Path | None
    max_size: int
    include: Sequence[str]
    skip_existing: bool
    report: Path | None
    quiet: bool
    evidence: bool = False  # scan the batch first (corpus evidence), then clean


def _with_evidence(run: Run, scan: Any, what: str) -> Any:
    """The run's pipeline holding the evidence ``scan()`` gathers; says what it found unless quiet."""
    if not run.evidence:
        return run.pipeline
    started = time.perf_counter()
    corpus = scan()
    if not run.quiet:
        click.echo(f"corpus evidence of {what}: {corpus.summary()} in {time.perf_counter() - started:.2f} s", err=True)
    return run.pipeline.with_corpus(corpus)


def _names_a_file(output: Path | None) -> bool:
    """Whether -o names an output file (an existing file, or a new name with an extension) for one input file."""
    return output is not None and not output.is_dir() and (output.is_file() or bool(output.suffix))


def _records_format(inputs: Sequence[Path], fmt: str) -> str | None:
    """``jsonl`` or ``parquet`` when the inputs are records, None for text files; exit 2 on a mixture."""
    from cleaner.io import record_format

    if fmt != "auto":
        return None if fmt == "text" else fmt
    kinds = {None if p == Path("-") or p.is_dir() else record_format(p) for p in inputs}
    if len(kinds) > 1:
        fail("inputs mix record files (.jsonl, .parquet) with others: clean them in separate runs", 2)
    return kinds.pop()


def _stream_pairs(run: Run, inputs: Sequence[Path]) -> list[tuple[Path | None, Path | None]]:
    """Each record input (None: standard input) with its output (None: standard output)."""
    pairs: list[tuple[Path | None, Path | None]] = []
    for inp in inputs:
        src = None if inp == Path("-") else inp
        if run.output is None:
            dst = None
        elif run.output.is_dir() or len(inputs) > 1:
            dst = run.output / (src.name if src else "stdin.jsonl")
        else:
            dst = run.output
        if src is not None and dst is not None and os.path.realpath(src) == os.path.realpath(dst):
            fail(f"{dst} is the input itself (inputs are never overwritten)", 2)
        pairs.append((src, dst))
    return pairs


def _clean_streams(run: Run, fmt: str, inputs: Sequence[Path], fields: Any) -> None:
    """Records in, records out: each input stream to its own output, in order; a summary and a report."""
    from cleaner import report, streams

    started = time.perf_counter()
    done: list[Any] = []
    clean_one = streams.clean_parquet if fmt == "parquet" else streams.clean_jsonl
    for src, dst in _stream_pairs(run, inputs):
        shown = src or "standard input"
        try:
            pipeline = run.pipeline
            if src is not None:
                from cleaner.corpus import scan_records

                scan = lambda s=src: scan_records(run.pipeline, s, fields, fmt, run.engine)  # noqa: E731
                pipeline = _with_evidence(run, scan, src)
            done.append(clean_one(pipeline, src, dst, fields, run.engine))
        except streams.StreamStopped as e:
            fail(f"{shown}: {e}; its output was not written", 1)
        except CleanerError as e:
            fail(f"{shown}: {e}", 1)
        except KeyboardInterrupt:
            click.echo(f"\ninterrupted: the output of {shown} was not kept", err=True)
            sys.exit(130)
    elapsed = time.perf_counter() - started
    if run.report is not None:
        report.write(run.report, report.streams_report(done, elapsed, str(run.output or "standard output")))
    if not run.quiet:
        click.echo(_wrap(streams.render(done, elapsed, run.pipeline.names)), err=True)
    else:
        for s in done:
            for p in s.problems:
                if "reason" in p:
                    click.echo(f"failed: {s.shown}: {s.unit} {p[s.unit]}: {p['reason']} ({p['status']})", err=True)
    sys.exit(1 if any(s.kept or s.dropped for s in done) else 0)


def _clean_batch(run: Run, inputs: Sequence[Path]) -> None:
    """Files and folders into the output folder, which mirrors their tree; a summary and a report."""
    from cleaner import batch, report
    from cleaner.errors import ConfigError

    output = run.output
    assert output is not None
    if output.exists() and not output.is_dir():
        fail(f"-o {output} is a file: give a folder for the cleaned files", 2)
    started = time.perf_counter()
    plan, found = batch.plan(list(inputs), output, run.include)
    if not plan and not found.failed:
        fail("no input files found" + (f" matching {', '.join(run.include)}" if run.include else ""), 1)
    summary = batch.Summary(passed_over=found.passed_over, entries=[] if run.report else None)
    for r in found.failed:
        summary.add(r)
    try:
        with batch.output_lock(output) as stale:
            if stale and not run.quiet:
                click.echo(f"removed {stale:,} temporary file(s) left in {output} by an interrupted run", err=True)
            if run.evidence and len(plan) > 1:
                from cleaner.corpus import scan_files

                scan = lambda: scan_files(run.pipeline, plan, max_bytes=run.max_size, engine=run.engine)  # noqa: E731
                run.pipeline = _with_evidence(run, scan, f"{len(plan):,} files")
            _run_batch(run, plan, summary)
    except ConfigError as e:
        fail(str(e), 2)
    elapsed = time.perf_counter() - started
    if run.report is not None:
        report.write(run.report, report.files_report(summary, elapsed, str(output)))
    if not run.quiet:
        click.echo(_wrap(summary.render(elapsed, run.pipeline.names, str(output))), err=True)
    else:
        for path, why in summary.failures:
            click.echo(f"failed: {path}: {why}", err=True)
    sys.exit(1 if summary.failures else 0)


def _run_batch(run: Run, plan: Sequence[Any], summary: Any) -> None:
    """Clean the planned files into ``summary``, with a progress bar on a terminal; Ctrl-C exits 130."""
    from cleaner import batch

    assert run.output is not None
    results = batch.run(run.pipeline, plan, engine=run.engine, max_bytes=run.max_size, skip_existing=run.skip_existing)
    try:
        if not run.quiet and sys.stderr.isatty() and len(plan) > 1:
            with click.progressbar(results, length=len(plan), label="cleaning", file=sys.stderr) as bar:
                for r in bar:
                    summary.add(r)
        else:
            for r in results:
                summary.add(r)
    except KeyboardInterrupt:
        results.close()  # stops the workers
        batch.remove_stale_temporaries(run.output)
        click.echo(
            f"\ninterrupted: {summary.cleaned:,} of {len(plan):,} files written to {run.output}, each whole; "
            "run again with --skip-existing to resume",
            err=True,
        )
        sys.exit(130)


def _wrap(text: str, width: int = 80) -> str:
    """Long summary lines wrapped at word boundaries; the lines naming files stay whole, one a file."""
    import textwrap

    return "\n".join(
        line
        if line.startswith((" ", "output: "))
        else textwrap.fill(line, width, subsequent_indent="    ", break_long_words=False)
        for line in text.splitlines()
    )


def _clean_one(run: Run, src: Path) -> None:
    """One input file into the output file."""
    from cleaner import batch

    dst = run.output
    assert dst is not None
    if os.path.realpath(src) == os.path.realpath(dst):
        fail(f"{dst} is the input itself (inputs are never overwritten)", 2)
    r = batch.clean_file(run.pipeline, batch.Job(src, dst, str(src)), run.max_size)
    if r.error is not None:
        fail(f"{src}: {r.error}", 1)
    if not run.quiet:
        click.echo(f"{src} cleaned into {dst}: {r.bytes_in:,} bytes in, {r.bytes_out:,} out", err=True)
        for why in r.flags:
            click.echo(f"flagged for review: {why}", err=True)


def _clean_stdin(run: Run) -> None:
    """Standard input to standard output, or to the output file."""
    from cleaner import batch

    data = sys.stdin.buffer.read(run.max_size + 1)
    if len(data) > run.max_size:
        fail(f"standard input: over the size limit of {run.max_size:,} bytes (--max-size)", 1)
    try:
        doc = run.pipeline.document(data)
    except CleanerError as e:
        fail(f"standard input: {e}", 1)
    out = doc.text.encode("utf-8")
    if run.output is None:
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
    else:
        try:
            batch.write_atomic(run.output, out)
        except OSError as e:
            fail(f"{run.output} could not be written: {batch.reason(e)}", 1)
    if not run.quiet:
        where = f", written to {run.output}" if run.output else ""
        click.echo(f"standard input cleaned: {len(data):,} bytes in, {len(out):,} out{where}", err=True)
        for why in doc.flags:
            click.echo(f"flagged for review: {why}", err=True)
