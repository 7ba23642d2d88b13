"""Score the line model on unseen sites, beside jusText over the same lines, for both converters.

Pages in the scraped-pages format are split into site-disjoint folds; each fold is scored by a
model trained on the other folds, with the smoothing and the threshold also fitted on the other
folds (``training/train_linemodel.py`` does the training; it needs the ``train`` extra).
Content is the ``C``, ``P`` and ``T`` lines; boilerplate the ``B`` and ``K`` (user comment)
lines; the lines between the headline and the first content line (standfirst, byline,
dateline: kept by the cleaning policy, boilerplate in some truths) count as neither. Shingle
precision and recall are averaged over pages, the reference being the content lines.

    timeout 900 python bench/score_linemodel.py /work/shared/benchdata/scraped-pages
"""

from __future__ import annotations

import argparse
import html
import pickle
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "training"), str(ROOT / "bench")]

import train_linemodel as T  # noqa: E402
from score_boilerplate import precision_recall  # noqa: E402

from cleaner.linemodel.features import casefolded_words, count_words, guess_language  # noqa: E402

FAMILIES = {
    "B all": lambda lab, n: lab == "B",
    "B <=4 words": lambda lab, n: lab == "B" and n <= 4,
    "B 5-19 words": lambda lab, n: lab == "B" and 5 <= n < 20,
    "B >=20 words": lambda lab, n: lab == "B" and n >= 20,
    "K comments": lambda lab, n: lab == "K",
}


def justext_removed(lines: Sequence[str]) -> list[bool]:
    """jusText's verdict per line, each line given to it as one paragraph, in the guessed language."""
    import justext

    lang = guess_language(casefolded_words(" ".join(lines))) or "English"
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(page, justext.get_stoplist(lang))
    if len(paragraphs) != len(lines):
        raise ValueError(f"jusText gave {len(paragraphs)} paragraphs for {len(lines)} lines")
    return [p.is_boilerplate for p in paragraphs]


def justext_all(pages: Sequence[T.Page], cache: Path) -> list[list[bool]]:
    """jusText's verdicts on every page, cached by the pages' content."""
    path = cache / f"linemodel-justext-{T.fingerprint(pages)}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    verdicts = [justext_removed(p.lines) for p in pages]
    path.write_bytes(pickle.dumps(verdicts))
    return verdicts


def score(pages: Sequence[T.Page], removed: Sequence[Sequence[bool]]) -> dict[str, float]:
    """The bench's measures for one system over ``pages``."""
    p_sum = r_sum = 0.0
    c_lines = c_lost = c_words = c_wlost = b_lines = b_removed = h_lines = h_kept = 0
    fam = {name: [0, 0] for name in FAMILIES}
    for page, rem in zip(pages, removed, strict=True):
        kept = "\n".join(line for line, r in zip(page.lines, rem, strict=True) if not r)
        want = "\n".join(line for line, lab in zip(page.lines, page.labels, strict=True) if lab in T.CONTENT)
        p, r = precision_recall(kept, want)
        p_sum += p
        r_sum += r
        for line, lab, r in zip(page.lines, page.labels, rem, strict=True):
            if lab in T.CONTENT:
                n = count_words(line)
                c_lines += 1
                c_lost += r
                c_words += n
                c_wlost += n if r else 0
            elif lab in T.BOILER:
                b_lines += 1
                b_removed += r
                n = count_words(line)
                for name, test in FAMILIES.items():
                    if test(lab, n):
                        fam[name][0] += 1
                        fam[name][1] += not r
            else:
                h_lines += 1
                h_kept += not r
    out = {
        "precision": p_sum / len(pages),
        "recall": r_sum / len(pages),
        "content lines lost": c_lost / c_lines,
        "content words lost": c_wlost / c_words,
        "B+K lines removed": b_removed / b_lines,
        "head zone kept": h_kept / h_lines if h_lines else 1.0,
    }
    out.update({f"kept: {name}": kept / n if n else 0.0 for name, (n, kept) in fam.items()})
    return out


def print_groups(
    pages: Sequence[T.Page], systems: dict[str, list], groups: dict[str, Callable[[T.Page], bool]], folds: int
) -> None:
    """A table of every system's measures for each group of pages."""
    for group, test in groups.items():
        sel = [i for i, p in enumerate(pages) if test(p)]
        sub = [pages[i] for i in sel]
        rows = {name: score(sub, [rem[i] for i in sel]) for name, rem in systems.items()}
        print(f"\n{group}: {len(sub)} pages, {len({p.site for p in sub})} sites, {folds} site-disjoint folds")
        print(table(rows))


def table(rows: dict[str, dict[str, float]]) -> str:
    keys = list(next(iter(rows.values())))
    head = "| system | " + " | ".join(keys) + " |"
    lines = [head, "|" + "---|" * (len(keys) + 1)]
    for name, m in rows.items():
        cells = [f"{m[k]:.3f}" if k in ("precision", "recall") else f"{m[k]:.1%}" for k in keys]
        cells = [f"{m[k]:.2%}" if k == "content words lost" else c for k, c in zip(keys, cells, strict=True)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--kind", choices=("gbdt", "logistic"), default="gbdt")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--loss", type=float, nargs="+", default=[0.003, 0.004, 0.005], help="content-word losses")
    parser.add_argument("--power", type=float, default=1.0, help="HMM smoothing weight (also scored without)")
    parser.add_argument("--comments", action="store_true", help="the model variant trained on comments")
    parser.add_argument("--by-source", action="store_true", help="also a table per source")
    parser.add_argument("--cache", type=Path, default=Path("/tmp"))
    opts = parser.parse_args()

    pages = T.load_pages(opts.data)
    feats = T.featurize(pages, opts.cache)
    comments = opts.comments
    folds = T.folds_by_site(pages, opts.folds)
    cleaned = T.cleaned_copies(pages)  # trained on as well, as the shipped model is
    key = T.fingerprint(pages, opts.folds, len(cleaned), "skip")  # as training/train_linemodel.py by default
    oof = opts.cache / f"linemodel-oof-{opts.kind}-{int(comments)}-{key}.pkl"
    if oof.exists():
        probs = pickle.loads(oof.read_bytes())
    else:
        extra = (cleaned, T.featurize(cleaned, opts.cache))
        skip = [*T.taken_all(pages, opts.cache), *T.taken_all(cleaned, opts.cache)]
        probs = T.cv_predict(pages, feats, opts.kind, folds, opts.folds, comments, extra, skip)
        oof.write_bytes(pickle.dumps(probs))
    systems: dict[str, list] = {"untouched": [np.zeros(len(p.lines), bool) for p in pages]}
    systems["jusText by line"] = justext_all(pages, opts.cache)
    taken = T.taken_all(pages, opts.cache)
    for loss in opts.loss:
        for power in (None, opts.power):
            _, removed = T.validate(pages, probs, folds, opts.folds, power, loss, taken)
            name = f"linemodel {'hmm' if power is not None else 'raw'} @{loss:.1%}"
            systems[name] = removed
    groups: dict[str, Callable[[T.Page], bool]] = {conv: (lambda p, c=conv: p.converter == c) for conv in T.CONVERTERS}
    if opts.by_source:
        for src in ("scrapinghub", "readability", "dragnet"):
            groups[f"raw, {src}"] = lambda p, s=src: p.converter == "raw" and p.source == s
    print_groups(pages, systems, groups, opts.folds)
    speed(pages[:300])


def speed(pages: Sequence[T.Page]) -> None:
    """Lines per second of the shipped model (features and scoring), beside the features alone, given
    the rules' verdicts as the boilerplate pass gives them."""
    from cleaner.linemodel import LineModel
    from cleaner.linemodel.features import line_features
    from cleaner.linemodel.model import rule_verdicts

    model = LineModel.load()
    n = sum(len(p.lines) for p in pages)
    taken = [rule_verdicts(p.lines) for p in pages]  # the pass hands them to the model
    t0 = time.perf_counter()
    for p, ruled in zip(pages, taken, strict=True):
        line_features(p.lines, taken=ruled)
    t1 = time.perf_counter()
    for p, ruled in zip(pages, taken, strict=True):
        model.score_lines(p.lines, reasons=0, taken=ruled)
    t2 = time.perf_counter()
    for p, ruled in zip(pages, taken, strict=True):
        model.score_lines(p.lines, taken=ruled)
    t3 = time.perf_counter()
    print(
        f"\ninference on {n} lines: features {n / (t1 - t0):,.0f} lines/s, features + model "
        f"{n / (t2 - t1):,.0f} lines/s, with reasons for the removed lines {n / (t3 - t2):,.0f} lines/s"
    )


if __name__ == "__main__":
    main()
