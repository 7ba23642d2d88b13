"""Does cleaning keep the article? Trafilatura's extraction of 181 real pages, with and without cleaner.

Reads the article-extraction benchmark (``../shared/benchdata/article-extraction-benchmark``):
each page's text as trafilatura extracts it, then the same text through
cleaner's passes, both scored against the hand-checked article body with the
benchmark's 4-token-shingle precision and recall. Recall must not fall: the
passes must never remove article text that extraction kept.

    python bench/score_extraction.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from score_boilerplate import precision_recall  # beside this script

from cleaner import Pipeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchdata" / "article-extraction-benchmark"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    opts = parser.parse_args()
    import trafilatura

    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: opts.limit or None]
    pipeline = Pipeline()
    sums = {"trafilatura": [0.0, 0.0, 0], "trafilatura + cleaner": [0.0, 0.0, 0]}
    flagged = 0
    for page in ids:
        html = gzip.decompress((DATA / "html" / f"{page}.html.gz").read_bytes()).decode("utf-8", "replace")
        extracted = trafilatura.extract(html, include_comments=False) or ""
        doc = pipeline.document(extracted)
        flagged += bool(doc.flags)
        want = truth[page]["articleBody"]
        for name, text in (("trafilatura", extracted), ("trafilatura + cleaner", doc.text)):
            p, r = precision_recall(text, want)
            sums[name][0] += p if text.strip() else 0
            sums[name][1] += r
            sums[name][2] += bool(text.strip())
    print(f"{len(ids)} pages; {flagged} flagged for review by cleaner")
    for name, (p, r, n) in sums.items():
        print(f"{name:22} precision {p / max(n, 1):.4f}  recall {r / len(ids):.4f}")


if __name__ == "__main__":
    main()
