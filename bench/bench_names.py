"""Speed of the names pass as the alias table grows: it must stay flat.

Generates tables of N made-up people (two variants each, romanised Chinese
style) in a temporary rules folder, and cleans the samples with each.

    python bench/bench_names.py
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from cleaner import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = [
    "an",
    "ba",
    "bo",
    "cai",
    "chen",
    "chong",
    "da",
    "de",
    "fang",
    "gang",
    "hai",
    "hong",
    "hua",
    "jian",
    "jun",
    "kai",
    "lei",
    "li",
    "lin",
    "ming",
    "ning",
    "peng",
    "qi",
    "qiang",
    "rong",
]
SURNAMES = [
    "Bai",
    "Cao",
    "Dai",
    "Deng",
    "Fan",
    "Gao",
    "Gu",
    "Guo",
    "He",
    "Hu",
    "Jiang",
    "Kong",
    "Lai",
    "Liang",
    "Lu",
    "Luo",
    "Meng",
    "Pan",
    "Qin",
    "Ren",
    "Shen",
    "Song",
    "Tang",
    "Xu",
    "Yan",
]


def table(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    seen: set[str] = set()
    entries = []
    while len(entries) < n:
        given = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize()
        surname = rng.choice(SURNAMES)
        variant = f"{surname} {given}"
        if variant in seen:
            continue
        seen.add(variant)
        entries.append(
            f'[[names]]\nid = "bench.p{len(entries)}"\ncanonical = "Person {len(entries)}"\n'
            f'variants = ["{variant}", "{given} {surname}"]\ncomment = "Generated."\n'
        )
    return "\n".join(entries)


def main() -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))) * 20
    size = len(text.encode("utf-8")) / 1e6
    print(f"text: {size:.1f} MB (the samples, 20 times)")
    for n in (0, 10, 100, 1000, 5000):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "people.toml").write_text(table(n), encoding="utf-8")
            t0 = time.perf_counter()
            pipeline = Pipeline(["names"], rules=tmp)
            build = time.perf_counter() - t0
            t0 = time.perf_counter()
            for _ in range(3):
                pipeline.clean(text)
            rate = 3 * size / (time.perf_counter() - t0)
        print(f"{n + 4:>5} people: {rate:6.1f} MB/s   (pipeline built in {build:.2f} s)")


if __name__ == "__main__":
    main()
