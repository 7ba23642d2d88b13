"""Speed of the four repair passes against bare ftfy.fix_text, on the same corpus, in one run.

The corpus is built from samples/: documents repeated until it reaches the
size asked for, with a share of paragraphs (default one in five) corrupted the ways the repair
passes handle (mojibake of several kinds, entity debris, missing spaces,
full-width punctuation). Prints MB/s of the four repair passes, of the whole default
pipeline (boilerplate, names and tidy too) and of ftfy, and the ratios (higher is better
for cleaner); the repair passes must beat bare ftfy. The whole pipeline's ratio is the one
a user sees.

    python bench/bench_repair.py            # about 20 MB
    python bench/bench_repair.py --mb 50
    python bench/bench_repair.py --share 0   # clean text only
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-* codecs

from cleaner import Pipeline

ROOT = Path(__file__).resolve().parent.parent
REPAIR_PASSES = ["entities", "mojibake", "unicode", "spacing"]


def corrupt(paragraph: str, rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return paragraph.encode("utf-8").decode("sloppy-windows-1252")
    if kind == 1:
        return paragraph.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8").decode("sloppy-windows-1252")
    if kind == 2:
        return paragraph.replace("’", "&rsquo;").replace("“", "& ldquo;").replace("”", " rdquo;")
    if kind == 3:
        return paragraph.replace(". ", ".", 3)
    if kind == 4:
        return paragraph.replace(", ", "，", 2).replace(". ", "。", 1)
    return paragraph.encode("utf-8").decode("gbk", errors="replace")


def build(megabytes: float, share: float = 0.2, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    docs, size = [], 0
    while size < megabytes * 1e6:
        paragraphs = rng.choice(samples).split("\n")
        doc = "\n".join(corrupt(p, rng) if p and rng.random() < share else p for p in paragraphs)
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def rate(fn, docs: list[str]) -> float:
    size = sum(len(d.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    for d in docs:
        fn(d)
    return size / 1e6 / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--share", type=float, default=0.2, help="share of paragraphs corrupted")
    opts = parser.parse_args()
    docs = build(opts.mb, opts.share)
    repair = Pipeline(REPAIR_PASSES)
    repair.clean(docs[0])  # build lazy tables outside the timing
    ftfy.fix_text(docs[0])
    size = sum(len(d.encode("utf-8")) for d in docs)
    print(f"corpus: {len(docs)} documents, {size / 1e6:.1f} MB, {opts.share:.0%} of paragraphs corrupted")
    whole = Pipeline()
    whole.clean(docs[0])
    ours = rate(repair.clean, docs)
    theirs = rate(ftfy.fix_text, docs)
    everything = rate(whole.clean, docs)
    print(f"repair passes ({', '.join(REPAIR_PASSES)}): {ours:.2f} MB/s, {ours / theirs:.2f}x ftfy")
    print(f"whole default pipeline:             {everything:.2f} MB/s, {everything / theirs:.2f}x ftfy")
    print(f"bare ftfy.fix_text:                 {theirs:.2f} MB/s")
    print("(the whole pipeline against ftfy on more corpora, alternating: bench/bench_pipeline.py)")


if __name__ == "__main__":
    main()
