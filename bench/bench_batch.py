"""Batch throughput and memory of `cleaner clean`, and how fast `cleaner --help` starts.

Builds a folder of N files from samples/ (as UTF-8, cp1252-safe ASCII-folded,
UTF-16 and GB18030 copies), cleans it with 1 and with all cores, and prints
files/s, MB/s and the peak memory of the cleaning process.

    python bench/bench_batch.py            # 4000 files
    python bench/bench_batch.py --files 20000
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEANER = Path(sys.executable).with_name("cleaner")


def build_corpus(folder: Path, files: int) -> int:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    encodings = ["utf-8", "utf-16", "gb18030", "utf-8-sig"]
    total = 0
    for i in range(files):
        text = texts[i % len(texts)]
        data = text.encode(encodings[(i // len(texts)) % len(encodings)], errors="replace")
        path = folder / f"site{i % 50:02d}" / f"article-{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


def run(args: list[str]) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run([str(CLEANER), *args], check=True, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t0
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4000)
    opts = parser.parse_args()

    starts = []
    for _ in range(10):
        t0 = time.perf_counter()
        subprocess.run([str(CLEANER), "--help"], check=True, stdout=subprocess.DEVNULL)
        starts.append(time.perf_counter() - t0)
    print(f"cleaner --help: median {statistics.median(starts) * 1000:.0f} ms over 10 runs")

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        size = build_corpus(src, opts.files)
        print(f"corpus: {opts.files} files, {size / 1e6:.1f} MB")
        for jobs in (1, 2):
            shutil.rmtree(out, ignore_errors=True)
            elapsed, peak_kb = run(["clean", str(src), "-o", str(out), "-j", str(jobs), "-q"])
            print(
                f"-j {jobs}: {elapsed:.2f} s, {opts.files / elapsed:,.0f} files/s, "
                f"{size / 1e6 / elapsed:.1f} MB/s, peak RSS of one process {peak_kb / 1024:.0f} MB"
            )


if __name__ == "__main__":
    main()
