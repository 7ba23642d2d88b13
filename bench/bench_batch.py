"""Batch throughput and memory of `cleaner clean`, and how fast `cleaner --help` starts.

Builds a folder of N files from samples/ (as UTF-8, UTF-16, GB18030 and UTF-8
with a BOM), cleans it with one and two workers, and prints files/s, MB/s of
text (counted as UTF-8, whatever the file's encoding) and the peak memory of
the parent process and of one worker, each measured on its own run.

    python bench/bench_batch.py            # 4000 files
    python bench/bench_batch.py --files 20000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from procmem import run_watched

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(folder: Path, files: int) -> int:
    """Write the corpus; returns the size of its text as UTF-8."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    encodings = ["utf-8", "utf-16", "gb18030", "utf-8-sig"]
    total = 0
    for i in range(files):
        text = texts[i % len(texts)]
        data = text.encode(encodings[(i // len(texts)) % len(encodings)], errors="replace")
        path = folder / f"site{i % 50:02d}" / f"article-{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(text.encode("utf-8"))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4000)
    opts = parser.parse_args()

    starts = []
    for _ in range(10):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cleaner", "--help"], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        starts.append(time.perf_counter() - t0)
    print(f"cleaner --help: median {statistics.median(starts) * 1000:.0f} ms over 10 runs")

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        size = build_corpus(src, opts.files)
        print(f"corpus: {opts.files} files, {size / 1e6:.1f} MB")
        for jobs in (1, 2):
            shutil.rmtree(out, ignore_errors=True)
            cmd = [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "-j", str(jobs), "-q"]
            elapsed, parent, child = run_watched(cmd, cwd=ROOT)
            print(
                f"-j {jobs}: {elapsed:.2f} s, {opts.files / elapsed:,.0f} files/s, {size / 1e6 / elapsed:.1f} MB/s, "
                f"peak RSS parent {parent / 1024:.0f} MB" + (f", worker {child / 1024:.0f} MB" if child else "")
            )


if __name__ == "__main__":
    main()
