"""Score corpus evidence (the ``template`` pass) on labelled pages, alone and with the default pipeline.

Pages in the scraped-pages format (``manifest.jsonl`` with a label per line, ``raw/`` and
``raw_alt/``) are cleaned as one batch per converter, grouped by their ``site``: a first
phase scans every page, the second cleans each with the evidence. Each input line counts as
removed when a change removed it. Content is the ``C``, ``P`` and ``T`` lines; boilerplate
the ``B`` and ``K`` (user comment) lines; the lines between the headline and the first
content line (standfirst, byline, dateline) count as neither ("head zone kept" says how many
stay). Two selections: every page, and only the pages of sites with 4 pages or more (as a
user's archive of one site would be).

    timeout 900 python bench/score_corpus.py /work/shared/benchdata/scraped-pages
    python bench/score_corpus.py DATA --sweep     # also thresholds of the layer alone
    python bench/score_corpus.py DATA -v          # also the content lines the layer removes
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "training"), str(ROOT / "bench")]

import train_linemodel as T  # noqa: E402
from score_linemodel import score  # noqa: E402

from cleaner import corpus as C  # noqa: E402
from cleaner.document import Document  # noqa: E402
from cleaner.explain import with_context  # noqa: E402
from cleaner.passes.template import Template  # noqa: E402
from cleaner.pipeline import Pipeline, default_passes  # noqa: E402

COLUMNS = ("content lines lost", "content words lost", "kept: B all", "kept: K comments", "head zone kept")
REMOVING = ("template", "boilerplate", "tidy")


def removed_lines(doc: Document, n: int) -> list[bool]:
    """Which of the input's ``n`` lines a change removed (whole lines only)."""
    out = [False] * n
    for c, _, line in with_context(doc):
        if c.pass_name in REMOVING and c.before and not c.after:
            gone = c.before.count("\n") + (not c.before.endswith("\n"))
            for i in range(line - 1, min(n, line - 1 + gone)):
                out[i] = True
    return out


def group(page: T.Page) -> str:
    return f"{page.site} ({page.converter})"


def run(pipeline: Pipeline, pages: Sequence[T.Page], evidence: bool) -> list[list[bool]]:
    """Each page's removed lines, the batch scanned first when ``evidence``."""
    texts = ["\n".join(p.lines) + "\n" for p in pages]
    groups = [group(p) for p in pages]
    if evidence:
        pipeline = pipeline.with_corpus(C.scan(pipeline, texts, groups))
    out = []
    for page, text, g in zip(pages, texts, groups, strict=True):
        doc = pipeline.run(Document(text=text, meta={"group": g}, changes=[]))
        out.append(removed_lines(doc, len(page.lines)))
    return out


def variant(least: int = 3, neighbours: bool = True) -> type[Template]:
    """The layer with another least count, or judging each line without its neighbours."""

    class Variant(Template):
        @staticmethod
        def repeated(seen: int, beside: int, need: int) -> bool:
            return seen >= need and (beside >= need or not neighbours)

    Variant.least = least
    return Variant


def table(rows: dict[str, dict[str, float]]) -> str:
    lines = ["| system | " + " | ".join(COLUMNS).replace("kept: ", "kept ") + " |", "|" + "---|" * (len(COLUMNS) + 1)]
    for name, m in rows.items():
        cells = [f"{m[k]:.2%}" if "lost" in k else f"{m[k]:.1%}" for k in COLUMNS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--sweep", action="store_true", help="thresholds and neighbours of the layer alone")
    parser.add_argument("-v", "--verbose", action="store_true")
    opts = parser.parse_args()
    pages = T.load_pages(opts.data)
    text = dict(input_format="text")
    alone = ["decode", "template", "tidy"]
    rules = [p for p in default_passes() if p != "template"]
    systems: dict[str, Callable[[], list[list[bool]]]] = {
        "untouched": lambda: [[False] * len(p.lines) for p in pages],
        "template alone": lambda: run(Pipeline(alone, **text), pages, True),
        "rules (default, no evidence)": lambda: run(Pipeline(rules, **text), pages, False),
        "rules + template": lambda: run(Pipeline(**text), pages, True),
    }
    if opts.sweep:
        for share in (0.3, 0.5, 0.7):
            for least in (3, 4, 6):
                o = dict(corpus_share=share, corpus_min_docs=least, **text)
                systems[f"alone, share {share}, {least}+ docs"] = lambda o=o: run(Pipeline(alone, **o), pages, True)
        for name, cls in (
            ("in 2 documents enough", variant(least=2)),
            ("without neighbours", variant(neighbours=False)),
        ):
            systems[f"alone, {name}"] = lambda c=cls: run(Pipeline(["decode", c, "tidy"], **text), pages, True)
    results = {}
    for name, system in systems.items():
        t0 = time.perf_counter()
        results[name] = system()
        print(f"{name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    per_site = Counter((p.site, p.converter) for p in pages)
    selections: dict[str, Callable[[T.Page], bool]] = {
        "(a) every page, grouped by site": lambda p: True,
        "(b) pages of sites with 4 pages or more": lambda p: per_site[(p.site, p.converter)] >= 4,
    }
    for title, keep in selections.items():
        sel = [i for i, p in enumerate(pages) if keep(p)]
        sub = [pages[i] for i in sel]
        rows = {name: score(sub, [rem[i] for i in sel]) for name, rem in results.items()}
        print(f"\n{title}: {len(sub)} pages ({len({p.site for p in sub})} sites, raw and alt converters)")
        print(table(rows))
    if opts.verbose:
        lost = Counter()
        for page, with_ev, without in zip(
            pages, results["rules + template"], results["rules (default, no evidence)"], strict=True
        ):
            for line, lab, a, b in zip(page.lines, page.labels, with_ev, without, strict=True):
                if lab in T.CONTENT and a and not b:
                    lost[(page.site, lab, line[:100])] += 1
        print("\ncontent lines removed only with evidence:")
        for (site, lab, line), n in lost.most_common(60):
            print(f"  {n:3} {site} {lab} {line}")


if __name__ == "__main__":
    main()
