"""Batch throughput and memory of `cleaner clean`, and how fast `cleaner --help` starts.

Builds a folder of N files of real text (samples/, tests/articles/ and the article bodies of
the benchmark, each used once before any is used again), stored as UTF-8, UTF-16, GB18030
and UTF-8 with a BOM, cleans it with one and two workers, and prints files/s and MB/s (of
text, counted as UTF-8 whatever the file's encoding, so a UTF-16 copy does not count
double), the peak resident memory of the parent and the peak private memory of a worker
(what it adds: a forked worker shares the parent's pages).

Then the memory of batches of tiny files, one and ten times as many: a batch's memory must
not grow with the number of its files.

    python bench/bench_batch.py            # 2000 files, then 2000 and 20000 tiny ones
    python bench/bench_batch.py --files 20000 --tiny 0
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from procmem import run_watched

ROOT = Path(__file__).resolve().parent.parent
BENCHDATA = Path(os.environ.get("CLEANER_BENCHDATA", "/work/shared/benchdata"))


def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    found += [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "tests" / "articles").glob("*.txt"))
        if not p.name.endswith(".expected.txt")
    ]
    truth = BENCHDATA / "article-extraction-benchmark" / "ground-truth.json"
    if truth.exists():
        found += [v["articleBody"] for _, v in sorted(json.loads(truth.read_text(encoding="utf-8")).items())]
    return found


def build_corpus(folder: Path, files: int) -> int:
    """Write the corpus; returns the size of its text as UTF-8."""
    pool = texts()
    encodings = ["utf-8", "utf-16", "gb18030", "utf-8-sig"]
    total = 0
    for i in range(files):
        text = pool[i % len(pool)]
        data = text.encode(encodings[i % len(encodings)], errors="replace")
        path = folder / f"site{i % 50:02d}" / f"article-{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data.decode(encodings[i % len(encodings)]).encode("utf-8"))
    return total


def tiny_corpus(folder: Path, files: int) -> None:
    for i in range(files):
        path = folder / f"d{i % 100:03d}" / f"f{i:07d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Body {i}.\n", encoding="utf-8")


def clean(src: Path, out: Path, jobs: int) -> tuple[float, int, int]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "-j", str(jobs), "-q"]
    return run_watched(cmd, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--tiny", type=int, default=2000, help="tiny files in the smaller memory batch (0: none)")
    opts = parser.parse_args()

    starts = []
    for _ in range(10):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cleaner", "--help"], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        starts.append(time.perf_counter() - t0)
    print(f"cleaner --help: median {statistics.median(starts) * 1000:.0f} ms over 10 runs")

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        if opts.files:
            size = build_corpus(src, opts.files)
            print(f"corpus: {opts.files} files, {size / 1e6:.1f} MB of text")
            for jobs in (1, 2):
                elapsed, parent, child = clean(src, out, jobs)
                rate = f"{opts.files / elapsed:,.0f} files/s, {size / 1e6 / elapsed:.2f} MB/s"
                print(
                    f"-j {jobs}: {elapsed:.2f} s, {rate}, peak RSS parent {parent / 1024:.0f} MB"
                    + (f", worker private {child / 1024:.0f} MB" if child else "")
                )
        for n in (opts.tiny, 10 * opts.tiny) if opts.tiny else ():
            shutil.rmtree(src, ignore_errors=True)
            tiny_corpus(src, n)
            elapsed, parent, child = clean(src, out, 2)
            print(
                f"{n:,} tiny files, -j 2: {elapsed:.1f} s, peak RSS parent {parent / 1024:.1f} MB, "
                f"worker private {child / 1024:.1f} MB"
            )


if __name__ == "__main__":
    main()
