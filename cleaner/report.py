"""The run report (``--report run.json``): per input what happened, and the totals, for tools to read."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.batch import Summary
from cleaner.io.files import write_atomic
from cleaner.streams import StreamSummary


def files_report(summary: Summary, seconds: float, output: str) -> dict[str, Any]:
    """A batch of files: one entry a file (inputs passed over too), and the totals."""
    passed = [{"input": path, "status": "passed over", "reason": why} for path, why in summary.passed_over]
    return {
        **_head(seconds, output),
        "totals": {
            "inputs": summary.files,
            "cleaned": summary.cleaned,
            "failed": len(summary.failures),
            "skipped": summary.skipped,
            "passed_over": len(summary.passed_over),
            "flagged": len({path for path, _ in summary.flagged}),
            "bytes_in": summary.bytes_in,
            "bytes_out": summary.bytes_out,
            "changes_by_pass": dict(summary.counts),
            "changes_by_rule": dict(sorted(summary.rules.items())),
            "seconds_by_pass": {k: round(v, 6) for k, v in summary.seconds.items()},
        },
        "inputs": [*(summary.entries or []), *passed],
    }


def streams_report(streams: list[StreamSummary], seconds: float, output: str) -> dict[str, Any]:
    """Streams of records: one entry a stream, with the records that failed or were flagged, and the totals."""
    keys = ("records", "cleaned", "kept", "dropped", "bytes_in", "bytes_out")
    entries = [
        {
            "input": s.shown,
            "status": "cleaned" if not (s.kept or s.dropped) else "some records failed",
            **{k: getattr(s, k) for k in keys},
            "changes_by_pass": dict(s.counts),
            "changes_by_rule": dict(sorted(s.rules.items())),
            "records_with_problems": s.problems,
        }
        for s in streams
    ]
    totals: dict[str, Any] = {"inputs": len(streams), **{k: sum(getattr(s, k) for s in streams) for k in keys}}
    totals["flagged"] = sum(p["status"] == "flagged" for s in streams for p in s.problems)
    totals["changes_by_pass"] = dict(sorted(sum((s.counts for s in streams), Counter()).items()))
    totals["changes_by_rule"] = dict(sorted(sum((s.rules for s in streams), Counter()).items()))
    return {**_head(seconds, output), "totals": totals, "inputs": entries}


def _head(seconds: float, output: str) -> dict[str, Any]:
    return {
        "cleaner": __version__,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(seconds, 3),
        "output": output,
    }


def write(path: Path, report: dict[str, Any]) -> None:
    write_atomic(path, json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
