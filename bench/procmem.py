"""Run a command and watch its memory: the peak of the parent process and of each worker process.

A worker forked from the parent shares the parent's pages until it writes to them, so its
resident size (RSS) counts the parent's memory again. For workers the peak of their private
memory (USS: pages no other process maps) is taken instead: what each worker adds.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _uss_kb(pid: int) -> int:
    """Private memory of a process (Private_Clean + Private_Dirty), in KB."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1])
    except OSError:
        pass
    return total


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def run_watched(args: list[str], every: float = 0.05, cwd: Path | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS of the parent in KB, peak private memory (USS) of its largest worker in KB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL, cwd=cwd)
    parent = child = 0
    while proc.poll() is None:
        parent = max(parent, _rss_kb(proc.pid))
        for c in _children(proc.pid):
            child = max(child, _uss_kb(c))
        time.sleep(every)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {proc.returncode}")
    return elapsed, parent, child
