"""Does cleaning keep the article? 181 real pages: trafilatura alone, its text cleaned, and cleaner on the HTML.

Reads the article-extraction benchmark (``shared/benchdata/article-extraction-benchmark``,
found beside the repository or above it; or ``--data``) and scores three systems against
the hand-checked article body with the benchmark's 4-token-shingle precision, recall and
F1 (precision averaged over pages with a non-empty output, recall over all pages):

- trafilatura alone (``trafilatura.extract``, comments off): the baseline;
- trafilatura + cleaner: that text through cleaner's passes (recall must not fall);
- cleaner on the HTML: the page's bytes given to cleaner, whose ``html`` pass extracts;
- the same without the page's title (``html_title=False``): the benchmark's truth holds no
  headline, so the title cleaner keeps (its policy) counts against its precision there.

    python bench/score_extraction.py [--limit N] [--data DIR] [-v]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from score_boilerplate import precision_recall  # beside this script

from cleaner import Pipeline

HERE = Path(__file__).resolve()
NAME = Path("shared") / "benchdata" / "article-extraction-benchmark"


def default_data() -> Path:
    return next((p / NAME for p in HERE.parents if (p / NAME).is_dir()), HERE.parents[2] / NAME)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--data", type=Path, default=None, help="the benchmark's folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="per page: F1 of each system")
    opts = parser.parse_args()
    import trafilatura

    data = opts.data or default_data()
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: opts.limit or None]
    pipeline = Pipeline()
    untitled = Pipeline(html_title=False)
    names = ("trafilatura alone", "trafilatura + cleaner", "cleaner on the HTML", "cleaner, no title")
    sums = {name: [0.0, 0.0, 0] for name in names}
    seconds = dict.fromkeys(names, 0.0)
    flagged = 0
    for page in ids:
        raw = gzip.decompress((data / "html" / f"{page}.html.gz").read_bytes())
        t0 = time.perf_counter()
        extracted = trafilatura.extract(raw.decode("utf-8", "replace"), include_comments=False) or ""
        t1 = time.perf_counter()
        cleaned = pipeline.clean(extracted)
        t2 = time.perf_counter()
        doc = pipeline.document(raw)
        t3 = time.perf_counter()
        bare = untitled.clean(raw)
        t4 = time.perf_counter()
        for name, dt in zip(names, (t1 - t0, t2 - t0, t3 - t2, t4 - t3), strict=True):
            seconds[name] += dt
        flagged += bool(doc.flags)
        want = truth[page]["articleBody"]
        scores = []
        for name, text in zip(names, (extracted, cleaned, doc.text, bare), strict=True):
            p, r = precision_recall(text, want)
            sums[name][0] += p if text.strip() else 0
            sums[name][1] += r
            sums[name][2] += bool(text.strip())
            scores.append(2 * p * r / (p + r) if p + r else 0.0)
        if opts.verbose:
            print(f"  {page}  " + "  ".join(f"{s:.3f}" for s in scores))
    print(f"{len(ids)} pages; cleaner on the HTML flagged {flagged} for review")
    for name, (p, r, n) in sums.items():
        precision, recall = p / max(n, 1), r / len(ids)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{name:22} F1 {f1:.4f}  precision {precision:.4f}  recall {recall:.4f}  {seconds[name]:6.1f} s")


if __name__ == "__main__":
    main()
