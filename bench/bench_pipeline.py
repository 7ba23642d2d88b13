"""Speed of the whole default pipeline against bare ftfy.fix_text, on the same text, in one process.

Four corpora of real text (samples/, tests/articles/, the article bodies of
/work/shared/benchdata/article-extraction-benchmark; ``--scraped`` adds the whole scraped
pages of /work/shared/benchdata/scraped-pages, menus and all), each repeated to the size
asked for (20 MB by default):

- ``news``: English news as scraped, clean;
- ``fifth``: the same with one paragraph in five corrupted the ways the repair passes handle
  (mojibake of several kinds, entity debris, missing spaces, full-width punctuation);
- ``all``: every paragraph corrupted so;
- ``cjk``: the Chinese, Japanese and Korean texts among those, and the scraped pages in
  those languages (the bodies alone are too few).

Each corpus is cut into chunks; on each chunk the pipeline and ftfy run one after the other,
in alternating order, and the ratio of their times is taken. Prints the median ratio per
corpus (above 1: the pipeline is faster) and the share of the pipeline's time each pass takes.

``--base DIR`` also runs the pipeline of another checkout (its ``cleaner/`` package) in a
worker process, chunk by chunk in the same alternation, so that before and after are
measured in the same run; it also says whether both give the same output, byte for byte.
``--check`` only compares the outputs (no timing, no ftfy).

    PYTHONPATH=. python bench/bench_pipeline.py                      # 4 corpora x 20 MB
    PYTHONPATH=. python bench/bench_pipeline.py --mb 4 --corpus news
    PYTHONPATH=. python bench/bench_pipeline.py --base /tmp/base --check
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import texts as real_texts
from bench_repair import corrupt

ROOT = Path(__file__).resolve().parent.parent
BENCHDATA = Path(os.environ.get("CLEANER_BENCHDATA", "/work/shared/benchdata"))
CORPORA = ("news", "fifth", "all", "cjk")
CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
CHUNK_MB = 1.0


def sources(scraped: bool = False) -> tuple[list[str], list[str]]:
    """(English and other alphabetic texts, CJK texts) of the real texts at hand."""
    texts = real_texts()  # samples, tests/articles, the benchmark's article bodies
    raw = BENCHDATA / "scraped-pages" / "raw"
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(raw.glob("*.txt"))]
    cjk = [t for t in texts + pages if len(CJK.findall(t)) > 0.2 * len(t)]
    alphabetic = [t for t in texts + (pages if scraped else []) if len(CJK.findall(t)) < 0.01 * len(t)]
    return alphabetic, cjk


def build(corpus: str, megabytes: float, scraped: bool = False, seed: int = 0) -> list[str]:
    """The documents of one corpus, in a fixed order, about ``megabytes`` of UTF-8."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)

    rng = random.Random(f"{corpus}-{seed}")
    alphabetic, cjk = sources(scraped)
    pool = cjk if corpus == "cjk" else alphabetic
    share = {"fifth": 0.2, "all": 1.0}.get(corpus, 0.0)
    docs, size, i = [], 0, 0
    order = list(range(len(pool)))
    while size < megabytes * 1e6:
        if i % len(pool) == 0:
            rng.shuffle(order)
        text = pool[order[i % len(pool)]]
        i += 1
        if share:
            text = "\n".join(corrupt(p, rng) if p.strip() and rng.random() < share else p for p in text.split("\n"))
        docs.append(text)
        size += len(text.encode("utf-8"))
    return docs


def chunks(docs: list[str], megabytes: float = CHUNK_MB) -> list[list[str]]:
    out: list[list[str]] = [[]]
    size = 0
    for d in docs:
        if size >= megabytes * 1e6:
            out.append([])
            size = 0
        out[-1].append(d)
        size += len(d.encode("utf-8"))
    return out


class Runner:
    """The pipeline of this process's ``cleaner``: cleans a chunk, timed, with per-pass seconds and digests."""

    def __init__(self) -> None:
        from cleaner import Pipeline

        self.pipeline = Pipeline(time_limit=None)
        self.pipeline.clean("warm up: Caf\u00c3\u00a9 &amp; \u00e2\u20ac\u0153x\u00e2\u20ac\u009d 瑗挎箹")

    def run(self, docs: list[str], digests: bool = False) -> dict:
        passes: Counter[str] = Counter()
        out = []
        t0 = time.perf_counter()
        for d in docs:
            doc = self.pipeline.document(d)
            passes.update(doc.seconds)
            if digests:
                out.append(hashlib.sha1(doc.text.encode("utf-8", "surrogatepass")).hexdigest()[:16])
        return {"seconds": time.perf_counter() - t0, "passes": dict(passes), "digests": out}


def serve() -> None:
    """Worker: read ``{"corpus", "mb", "scraped", "chunk", "digests"}`` lines, answer with :meth:`Runner.run`."""
    runner = Runner()
    built: dict[tuple[str, float, bool], list[list[str]]] = {}
    for line in sys.stdin:
        ask = json.loads(line)
        key = (ask["corpus"], ask["mb"], ask["scraped"])
        if key not in built:
            built = {key: chunks(build(*key))}
        print(json.dumps(runner.run(built[key][ask["chunk"]], ask["digests"])), flush=True)


class Remote:
    """A worker process running :func:`serve` with another checkout's ``cleaner``."""

    def __init__(self, base: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(base)}
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )

    def run(self, corpus: str, mb: float, scraped: bool, chunk: int, digests: bool) -> dict:
        assert self.proc.stdin and self.proc.stdout
        ask = {"corpus": corpus, "mb": mb, "scraped": scraped, "chunk": chunk, "digests": digests}
        self.proc.stdin.write(json.dumps(ask) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin
        self.proc.stdin.close()
        self.proc.wait()


def timed_ftfy(docs: list[str]) -> float:
    import ftfy

    t0 = time.perf_counter()
    for d in docs:
        ftfy.fix_text(d)
    return time.perf_counter() - t0


def measure(corpus: str, mb: float, scraped: bool, runner: Runner, remote: Remote | None, check: bool) -> Iterator[str]:
    parts = chunks(build(corpus, mb, scraped))
    size = sum(len(d.encode("utf-8")) for part in parts for d in part)
    ratios: list[float] = []
    base_ratios: list[float] = []
    passes: Counter[str] = Counter()
    ours_total = base_total = 0.0
    differ = []
    for i, part in enumerate(parts):
        steps = ["ours", "base"] if check else ["ours", "ftfy", "base"]
        steps = steps if i % 2 == 0 else steps[::-1]
        got: dict[str, dict] = {}
        for step in steps:
            if step == "ours":
                got["ours"] = runner.run(part, digests=check or remote is not None)
            elif step == "ftfy":
                got["ftfy"] = {"seconds": timed_ftfy(part)}
            elif remote is not None:
                got["base"] = remote.run(corpus, mb, scraped, i, digests=True)
        ours_total += got["ours"]["seconds"]
        passes.update(got["ours"]["passes"])
        if "ftfy" in got:
            ratios.append(got["ftfy"]["seconds"] / got["ours"]["seconds"])
        if "base" in got:
            base_total += got["base"]["seconds"]
            if "ftfy" in got:
                base_ratios.append(got["ftfy"]["seconds"] / got["base"]["seconds"])
            for j, (a, b) in enumerate(zip(got["ours"]["digests"], got["base"]["digests"], strict=True)):
                if a != b:
                    differ.append((i, j))
    head = f"{corpus:6} {size / 1e6:5.1f} MB {len(parts):3} chunks"
    if ratios:
        head += f"  pipeline/ftfy speed {statistics.median(ratios):5.2f}x"
    if base_ratios:
        head += f"  base {statistics.median(base_ratios):5.2f}x"
    if remote is not None:
        head += f"  time ours/base {ours_total / base_total:.2f}"
        head += "  output identical" if not differ else f"  OUTPUT DIFFERS in {len(differ)} documents"
    yield head
    total = sum(passes.values()) or 1
    yield "        passes: " + ", ".join(f"{k} {v / total:.0%}" for k, v in passes.most_common())
    for i, j in differ[:5]:
        yield f"        differs: chunk {i} document {j}: {parts[i][j][:80]!r}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of each corpus (default 20)")
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="only these corpora")
    parser.add_argument("--scraped", action="store_true", help="add whole scraped pages to the corpora")
    parser.add_argument("--base", type=Path, help="another checkout to compare with, in the same run")
    parser.add_argument("--check", action="store_true", help="only compare outputs with --base, byte for byte")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.serve:
        serve()
        return
    if opts.check and opts.base is None:
        parser.error("--check needs --base")
    runner = Runner()
    remote = Remote(opts.base) if opts.base else None
    try:
        for corpus in opts.corpus or CORPORA:
            for line in measure(corpus, opts.mb, opts.scraped, runner, remote, opts.check):
                print(line, flush=True)
    finally:
        if remote is not None:
            remote.close()


if __name__ == "__main__":
    main()
