"""Score each boilerplate layer alone and together on real pages of unseen sites, beside jusText.

Runs the boilerplate pass itself on the scraped pages (``raw`` and ``raw_alt``), with only some of
its layers switched on: the rules, the comment-thread layer, the line model; and the template
pass with corpus evidence, each site's pages (one converter's) scanned as one batch. The line model used
on a page is one trained without that page's site (site-disjoint folds, as in
``bench/score_linemodel.py``), with its threshold fitted on the other folds. The
measures are those of ``bench/score_linemodel.py``: content is ``C``, ``P`` and ``T``; ``B`` and
``K`` are boilerplate; the head zone between headline and body counts as neither.

    timeout 3000 python bench/score_layers.py /work/shared/benchdata/scraped-pages
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "training"), str(ROOT / "bench")]

import train_linemodel as T  # noqa: E402
from score_linemodel import justext_all, print_groups  # noqa: E402

from cleaner import Document, Pipeline, corpus  # noqa: E402
from cleaner.linemodel import LineModel  # noqa: E402

MODEL = "boilerplate.linemodel"
THREADS = "boilerplate.comment-thread"
GUARD = ("boilerplate.guard", "boilerplate.source")


def fold_models(pages: Sequence[T.Page], feats, folds: dict[str, int], k: int, cache: Path) -> list[LineModel]:
    """One exported model per fold, trained on the other folds, its threshold fitted there."""
    cleaned = T.cleaned_copies(pages)
    key = T.fingerprint(pages, k, len(cleaned), "skip")  # as training/train_linemodel.py by default
    path = cache / f"linemodel-folds-{key}.json"
    if path.exists():
        return [LineModel(spec) for spec in json.loads(path.read_text())]
    cleaned_feats = T.featurize(cleaned, cache)
    taken = T.taken_all(pages, cache)
    skip = [*taken, *T.taken_all(cleaned, cache)]
    oof = cache / f"linemodel-oof-gbdt-0-{key}.pkl"
    if oof.exists():
        probs = pickle.loads(oof.read_bytes())
    else:
        probs = T.cv_predict(pages, feats, "gbdt", folds, k, False, (cleaned, cleaned_feats), skip)
    cuts = T.fold_thresholds(pages, probs, folds, k, 0.004, taken)
    specs = []
    everything, every_feats = [*pages, *cleaned], [*feats, *cleaned_feats]
    for j in range(k):
        side, rows, lexicon = T.training_rows(pages, everything, every_feats, folds, k, j)
        train = [everything[i] for i in side]
        model = T.fit("gbdt", np.vstack(rows), *T.targets(train, False, [skip[i] for i in side]))
        specs.append(T.export("gbdt", model, cuts[j], None, {"version": f"fold{j}"}, lexicon))
        print(f"  fold model {j} trained", file=sys.stderr)
    path.write_text(json.dumps(specs))
    return [LineModel(spec) for spec in specs]


def kept_lines(lines: Sequence[str], out: str) -> np.ndarray:
    """Which input lines are in the output (the pass removes whole lines, in order, or trims a line's
    start or end: a line whose output is its start or end, 8 characters or more, is kept)."""
    left = out.splitlines()
    removed = np.ones(len(lines), bool)
    j = 0
    for i, line in enumerate(lines):
        if j < len(left) and (left[j] == line or trimmed(line, left[j])):
            removed[i] = False
            j += 1
    return removed


def trimmed(line: str, out: str) -> bool:
    """Whether ``out`` is ``line`` with debris cut from its start or end."""
    return len(out.strip()) >= 8 and (line.startswith(out.rstrip()) or line.endswith(out.lstrip()))


def restrict(bp, keep: Callable[[str], bool]) -> None:
    """The boilerplate pass ``bp`` with only the rules ``keep`` accepts (and the guards)."""
    bp.rules = {rid: r for rid, r in bp.rules.items() if keep(rid) or rid in GUARD}
    bp.arrange()


def run_layers(pages: Sequence[T.Page], keep: Callable[[str], bool], models: list[LineModel] | None, folds) -> list:
    """Removals per page by the boilerplate pass with only the rules ``keep`` accepts (and the fold models)."""
    pipe = Pipeline(["boilerplate"], linemodel=models is not None, time_limit=None)
    bp = pipe.passes[0]
    restrict(bp, keep)
    out = []
    for p in pages:
        if models is not None:
            bp.model = models[folds[p.site]]
        text = "\n".join(p.lines) + "\n"
        out.append(kept_lines(p.lines, pipe.clean(text)))
    return out


def run_with_evidence(pages: Sequence[T.Page], keep: Callable[[str], bool], models, folds) -> list:
    """Removals per page with corpus evidence: all pages of one site (and converter) scanned as a batch."""
    pipe = Pipeline(["template", "boilerplate"], linemodel=models is not None, time_limit=None)
    texts = ["\n".join(p.lines) + "\n" for p in pages]
    groups = [f"{p.site} ({p.converter})" for p in pages]
    pipe = pipe.with_corpus(corpus.scan(pipe, texts, groups))
    bp = next(x for x in pipe.passes if x.name == "boilerplate")
    restrict(bp, keep)
    out = []
    for p, text, group in zip(pages, texts, groups, strict=True):
        if models is not None:
            bp.model = models[folds[p.site]]
        doc = pipe.run(Document(text=text, meta={"group": group}))
        out.append(kept_lines(p.lines, doc.text))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp"))
    parser.add_argument("--every", type=int, default=1, help="only every N-th page (quick looks)")
    parser.add_argument("--by-source", action="store_true")
    opts = parser.parse_args()

    pages = T.load_pages(opts.data)
    folds = T.folds_by_site(pages, opts.folds)
    feats = T.featurize(pages, opts.cache)
    models = fold_models(pages, feats, folds, opts.folds, opts.cache)
    pages = pages[:: opts.every * len(T.CONVERTERS)] + pages[1 :: opts.every * len(T.CONVERTERS)]
    systems: dict[str, list] = {"untouched": [np.zeros(len(p.lines), bool) for p in pages]}
    systems["jusText by line"] = justext_all(pages, opts.cache)
    layers: dict[str, tuple[Callable[[str], bool], bool]] = {
        "rules": (lambda rid: rid not in (MODEL, THREADS), False),
        "comment threads": (lambda rid: rid == THREADS, False),
        "line model": (lambda rid: rid == MODEL, True),
        "rules + threads": (lambda rid: rid != MODEL, False),
        "rules + threads + model": (lambda rid: True, True),
    }
    for name, (keep, with_model) in layers.items():
        t = time.perf_counter()
        systems[name] = run_layers(pages, keep, models if with_model else None, folds)
        print(f"  {name}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    for name, keep, with_model in (
        ("corpus evidence", lambda rid: False, False),
        ("all layers + corpus evidence", lambda rid: True, True),
    ):
        t = time.perf_counter()
        systems[name] = run_with_evidence(pages, keep, models if with_model else None, folds)
        print(f"  {name}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    groups: dict[str, Callable[[T.Page], bool]] = {conv: (lambda p, c=conv: p.converter == c) for conv in T.CONVERTERS}
    if opts.by_source:
        for src in ("scrapinghub", "readability", "dragnet"):
            groups[f"raw, {src}"] = lambda p, s=src: p.converter == "raw" and p.source == s
        lang = {}
        with (opts.data / "manifest.jsonl").open(encoding="utf-8") as f:
            for row in map(json.loads, f):
                lang[row["id"]] = (row["lang"] or "")[:2].lower()
        groups["both, declared not English"] = lambda p: lang[p.id] not in ("", "en")
        per_site = Counter(p.site for p in pages if p.converter == "raw")
        groups["raw, sites with 4+ pages"] = lambda p: p.converter == "raw" and per_site[p.site] >= 4
    print_groups(pages, systems, groups, opts.folds)


if __name__ == "__main__":
    main()
