"""Does cleaner on the HTML keep the article, headline included? 1,146 labelled pages against trafilatura alone.

Reads ``shared/benchdata/scraped-pages`` (found beside the repository or above it; or
``--data``): for each page its original HTML (``html/<id>.html.gz``; the Scrapinghub pages'
HTML lies in ``../article-extraction-benchmark``) and the labels of its scraped lines. The
reference is the page's content lines: labels ``C`` (content), ``P`` (partly content) and
``T`` (the headline, content under the cleaning policy); comments (``K``) and boilerplate
(``B``) are not. Two systems are scored:

- trafilatura alone: ``trafilatura.extract`` with its defaults, given the page's bytes;
- cleaner on the HTML: the page's bytes given to cleaner (``--set NAME=VALUE`` for options).

Scores: the article-extraction benchmark's 4-token-shingle precision (averaged over pages
with a non-empty output), recall (over all pages) and their F1; the share of content lines
lost and of headline lines lost, over all lines of the pages. A line is lost when fewer than
half of its shingles (a line under four tokens: its tokens in a row) are in the output.
Per source (Scrapinghub, Readability, Dragnet) and in all.

    python bench/score_html_pages.py [--source dragnet] [--every 4] [--set html_title=false] [-v]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from score_boilerplate import TOKEN, precision_recall, shingles  # beside this script

from cleaner import Pipeline

HERE = Path(__file__).resolve()
NAME = Path("shared") / "benchdata" / "scraped-pages"
CONTENT = frozenset("CPT")
SOURCES = ("scrapinghub", "readability", "dragnet")


def default_data() -> Path:
    return next((p / NAME for p in HERE.parents if (p / NAME).is_dir()), HERE.parents[2] / NAME)


def option(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` with the value read as JSON when it is (``true``, ``3``), else a string."""
    name, _, value = text.partition("=")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def kept(line: str, out_shingles: Counter[tuple[str, ...]], out_words: str) -> bool:
    """Whether the output holds ``line``: half of its shingles, or all its tokens in a row."""
    tokens = TOKEN.findall(line.lower())
    if len(tokens) < 4:
        return not tokens or f" {' '.join(tokens)} " in out_words
    own = shingles(line)
    return sum((own & out_shingles).values()) >= 0.5 * sum(own.values())


class Score:
    """Sums over pages: precision, recall, non-empty outputs, pages, lines and lines lost, seconds."""

    def __init__(self) -> None:
        self.precision = self.recall = self.seconds = 0.0
        self.filled = self.pages = 0
        self.lines = self.lost = self.headlines = self.headlines_lost = 0

    def add(self, got: str, want: list[tuple[str, str]], seconds: float) -> float:
        """Add one page's output (``want``: its content lines and their labels); its F1."""
        p, r = precision_recall(got, "\n".join(line for line, _ in want))
        self.precision += p if got.strip() else 0.0
        self.recall += r
        self.filled += bool(got.strip())
        self.pages += 1
        self.seconds += seconds
        out_shingles, out_words = shingles(got), f" {' '.join(TOKEN.findall(got.lower()))} "
        for line, label in want:
            lost = not kept(line, out_shingles, out_words)
            self.lines += 1
            self.lost += lost
            self.headlines += label == "T"
            self.headlines_lost += lost and label == "T"
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        p, r = self.precision / max(self.filled, 1), self.recall / max(self.pages, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        lost = self.lost / max(self.lines, 1)
        headlines = self.headlines_lost / max(self.headlines, 1)
        return (
            f"F1 {f1:.4f}  P {p:.4f}  R {r:.4f}  lines lost {lost:6.1%}  "
            f"headlines lost {headlines:6.1%} ({self.headlines_lost}/{self.headlines})  {self.seconds:6.1f} s"
        )


def pages(data: Path, sources: Iterable[str], every: int, limit: int) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (data / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    chosen = [row for row in rows if row["source"] in sources][:: max(every, 1)]
    return chosen[: limit or None]


def content_lines(data: Path, row: dict[str, Any]) -> list[tuple[str, str]]:
    lines = (data / "raw" / f"{row['id']}.txt").read_text(encoding="utf-8").splitlines()
    return [(line, label) for line, label in zip(lines, row["labels"], strict=True) if label in CONTENT]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the scraped-pages folder")
    parser.add_argument("--source", action="append", choices=SOURCES, help="only these sources (repeatable)")
    parser.add_argument("--every", type=int, default=1, help="every Nth page, for a quick look")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--set", action="append", default=[], type=option, help="cleaner option NAME=VALUE")
    parser.add_argument("-v", "--verbose", action="store_true", help="per page: F1 of each system")
    opts = parser.parse_args()
    import trafilatura

    data = opts.data or default_data()
    pipeline = Pipeline(**dict(opts.set))
    systems: dict[str, Callable[[bytes], str]] = {
        "trafilatura alone": lambda raw: trafilatura.extract(raw) or "",
        "cleaner on the HTML": pipeline.clean,
    }
    chosen = pages(data, opts.source or SOURCES, opts.every, opts.limit)
    scores = {(name, source): Score() for name in systems for source in (*SOURCES, "all")}
    for row in chosen:
        raw = gzip.decompress((data / row["html"]).read_bytes())
        want = content_lines(data, row)
        f1s = []
        for name, system in systems.items():
            started = time.perf_counter()
            got = system(raw)
            seconds = time.perf_counter() - started
            f1s.append(scores[name, row["source"]].add(got, want, seconds))
            scores[name, "all"].add(got, want, seconds)
        if opts.verbose:
            print(f"  {row['id']:24} " + "  ".join(f"{f:.3f}" for f in f1s))
    settings = ", ".join(f"{k}={v!r}" for k, v in opts.set) or "defaults"
    print(f"{len(chosen)} pages of {data}; cleaner with {settings}; reference: lines labelled C, P and T")
    for source in (*SOURCES, "all"):
        n = scores[next(iter(systems)), source].pages
        if not n:
            continue
        print(f"{source} ({n} pages)")
        for name in systems:
            print(f"  {name:20} {scores[name, source].row()}")


if __name__ == "__main__":
    main()
