"""Records throughput and memory of `cleaner clean` on JSON Lines: -j 1 against -j 2, and 1x against 4x the corpus.

Builds a JSONL corpus from samples/ and tests/articles (each record with an id
and a url beside its text), then cleans it with one and two workers, printing
records/s, MB/s, and the peak memory of the parent and of one worker. Memory
that stays flat from 1x to 4x means nothing grows with the number of records.

    python bench/bench_streams.py              # 50 MB, then 200 MB
    python bench/bench_streams.py --mb 250     # the issue's 1 GB at 4x
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from procmem import run_watched

ROOT = Path(__file__).resolve().parent.parent


def build(path: Path, megabytes: float) -> int:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "articles").glob("*.txt"))]
    n = size = 0
    with path.open("w", encoding="utf-8") as f:
        while size < megabytes * 1e6:
            line = json.dumps({"id": n, "url": f"https://example.com/{n}", "text": texts[n % len(texts)]}) + "\n"
            f.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50, help="size of the 1x corpus")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (1, 4):
            src = Path(tmp) / f"in{scale}.jsonl"
            records = build(src, opts.mb * scale)
            size = src.stat().st_size / 1e6
            print(f"corpus {scale}x: {records:,} records, {size:.0f} MB")
            rates = {}
            for jobs in (1, 2):
                cmd = [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(Path(tmp) / "out.jsonl")]
                elapsed, parent, child = run_watched([*cmd, "-j", str(jobs), "-q"], cwd=ROOT)
                rates[jobs] = records / elapsed
                print(
                    f"  -j {jobs}: {elapsed:6.1f} s, {records / elapsed:8,.0f} records/s, {size / elapsed:5.1f} MB/s, "
                    f"peak RSS parent {parent / 1024:.0f} MB" + (f", worker {child / 1024:.0f} MB" if child else "")
                )
            print(f"  -j 2 / -j 1: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
