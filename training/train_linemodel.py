"""Train the line model (``cleaner/linemodel/linemodel-v1.json``) from labelled pages.

Input: a folder in the scraped-pages format (``manifest.jsonl`` with a label per line, and
``raw/`` and ``raw_alt/`` holding the pages as lines). Both converters' copies of a page are
used; pages are grouped by their ``site``, and cross-validation folds never put one site on
both sides. The decision threshold is the one whose own removals (lines the rules have not
taken already) lose at most ``--max-loss`` of the content words on the out-of-fold predictions.

The model sees what the boilerplate pass's rules and comment-thread layer took before it
looks (:data:`cleaner.linemodel.features.RULES`): each training page is run through them first
(:func:`cleaner.linemodel.model.rule_verdicts`), as the pass does before it calls the model.

Labels are mapped to the cleaning policy: ``C``, ``P`` and ``T`` (headline) are content,
``B`` is boilerplate; ``K`` (user comments) is boilerplate under the policy too but is left
out of training by default: comments read like prose, and learning to remove them costs
article prose (comment threads are a block-level task). The lines between the headline and the
first content line (standfirst, byline, dateline: content under the policy, boilerplate in
some truths) are left out as well, so that the model never learns to remove them.

    pip install -e '.[train]'
    timeout 600 python training/train_linemodel.py /work/shared/benchdata/scraped-pages
    python training/train_linemodel.py DATA --cv-only        # scores only, model untouched

Deterministic: the same data and versions give the same file.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import itertools
import json
import pickle
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.linemodel.features import LEXICAL, NAMES, count_words, line_features  # noqa: E402
from cleaner.linemodel.lexicon import Lexicon  # noqa: E402
from cleaner.linemodel.model import LineModel, rule_verdicts  # noqa: E402

CONTENT, BOILER, HEAD = "CPT", "BK", "H"
HEAD_ZONE = 12  # at most this many lines after the headline are left out of training
CONVERTERS = {"raw": ("raw", "labels", "headline"), "alt": ("raw_alt", "labels_alt", "headline_alt")}


@dataclass
class Page:
    """One page as one converter scraped it, with policy labels (``H``: head zone, not trained on)."""

    id: str
    site: str
    source: str
    converter: str
    lines: list[str]
    labels: str


def head_zone(labels: str, headline: int | None) -> str:
    """``labels`` with the ``B`` lines between the headline and the first content line marked ``H``."""
    if headline is None:
        return labels
    out = list(labels)
    for i in range(headline + 1, min(len(labels), headline + 1 + HEAD_ZONE)):
        if out[i] in "CP":
            break
        if out[i] == "B":
            out[i] = HEAD
    return "".join(out)


def load_pages(folder: Path, converters: Iterable[str] = CONVERTERS) -> list[Page]:
    pages = []
    with (folder / "manifest.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:
        for conv in converters:
            sub, key, head = CONVERTERS[conv]
            lines = (folder / sub / f"{row['id']}.txt").read_text(encoding="utf-8").splitlines()
            labels = row[key]
            if len(lines) != len(labels):
                raise ValueError(f"{row['id']} ({conv}): {len(lines)} lines, {len(labels)} labels")
            pages.append(Page(row["id"], row["site"], row["source"], conv, lines, head_zone(labels, row[head])))
    return pages


def cleaned_copies(pages: Sequence[Page], kinds: Sequence[str] = ("clean", "half"), seed: int = 0) -> list[Page]:
    """Each page as the boilerplate pass leaves it, for training: once with every ``B`` and ``K`` line
    gone, once with about half of its runs of them gone.

    The pass looks again at what it left, and a second run sees clean text: a model trained on
    whole pages alone learns that a text's first and last lines are debris, and takes the
    headline and the last paragraph of an article that is already clean.
    """
    rng = random.Random(seed)
    out = []
    for p in pages:
        for kind in kinds:
            keep: list[int] = []
            dropping = False
            for i, lab in enumerate(p.labels):
                if lab in BOILER:
                    if i == 0 or p.labels[i - 1] not in BOILER:
                        dropping = kind == "clean" or rng.random() < 0.5
                    if dropping:
                        continue
                keep.append(i)
            if len(keep) >= 3 and len(keep) < len(p.lines):
                lines = [p.lines[i] for i in keep]
                labels = "".join(p.labels[i] for i in keep)
                out.append(Page(p.id, p.site, p.source, f"{p.converter}+{kind}", lines, labels))
    return out


def folds_by_site(pages: Sequence[Page], k: int, seed: int = 0) -> dict[str, int]:
    """A fold per site: sites shuffled with ``seed``, each given to the fold with fewest lines so far."""
    size: dict[str, int] = {}
    for p in pages:
        size[p.site] = size.get(p.site, 0) + len(p.lines)
    sites = sorted(size)
    random.Random(seed).shuffle(sites)
    load = [0] * k
    out = {}
    for s in sites:
        j = min(range(k), key=lambda j: load[j])
        out[s] = j
        load[j] += size[s]
    return out


def feature_code() -> bytes:
    """The feature modules' code, formatting and comments aside (a key for cached features)."""
    files = [ROOT / "cleaner/linemodel/features.py", ROOT / "cleaner/linemodel/lexicon.py"]
    return b"".join(ast.dump(ast.parse(f.read_text(encoding="utf-8"))).encode() for f in files)


def fingerprint(pages: Sequence[Page], *extra: object) -> str:
    """A key for cached results: the feature code, the rules, the model parameters, the pages, and ``extra``."""
    h = hashlib.sha256()
    h.update(feature_code())
    h.update(rules_code())
    h.update(repr((sorted(GBDT.items()), HEAD_ZONE, extra)).encode())
    for p in pages:
        h.update(f"{p.id}/{p.converter}/{p.labels}".encode())
    return h.hexdigest()[:16]


def rules_code() -> bytes:
    """The boilerplate pass's code and rules (a key for cached rule verdicts)."""
    files = [ROOT / f"cleaner/{name}.py" for name in ("passes/boilerplate", "threads", "blocks", "prefilter")]
    files.append(ROOT / "cleaner/linemodel/model.py")  # rule_verdicts
    files += sorted((ROOT / "rules").rglob("*.toml"))
    return b"".join(f.read_bytes() for f in files)


def cached(name: str, pages: Sequence[Page], cache: Path | None, code: bytes, make: Callable[[], Any]) -> Any:
    """``make()``, or its result cached in ``cache`` under ``name`` and a key of ``code`` and the pages."""
    h = hashlib.sha256(code)
    for p in pages:
        h.update(f"{p.id}/{p.converter}/{len(p.lines)}".encode())
    path = cache / f"linemodel-{name}-{h.hexdigest()[:16]}.pkl" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    t = time.perf_counter()
    out = make()
    print(f"{name}: {len(pages)} documents in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    if path:
        path.write_bytes(pickle.dumps(out))
    return out


def taken_all(pages: Sequence[Page], cache: Path | None) -> list[list[bool]]:
    """Per page, which lines the boilerplate pass's rules and comment-thread layer take (the model off):
    what the model sees of them inside the pass. Cached by the pass's code, its rules and the pages."""
    return cached("taken", pages, cache, rules_code(), lambda: [rule_verdicts(p.lines) for p in pages])


def featurize(pages: Sequence[Page], cache: Path | None) -> list[np.ndarray]:
    """Feature rows of every page (blank lines do not occur in this data), the rules' verdicts included,
    cached by content."""
    taken = taken_all(pages, cache)
    return cached(
        "features",
        pages,
        cache,
        feature_code() + rules_code(),
        lambda: [
            np.asarray(line_features(p.lines, taken=tk), dtype=np.float32) for p, tk in zip(pages, taken, strict=True)
        ],
    )


LEXICAL_COLUMNS = slice(len(NAMES) - len(LEXICAL), len(NAMES))


def learn_lexicon(pages: Sequence[Page]) -> Lexicon:
    """The lexicon of ``pages`` (whole pages, not cleaned copies: those repeat their lines)."""
    return Lexicon.learn((p.site, p.lines, p.labels) for p in pages)


def with_lexicon(page: Page, rows: np.ndarray, lexicon: Lexicon) -> np.ndarray:
    """``rows`` (the page's features) with the :data:`LEXICAL` columns filled from ``lexicon``."""
    out = rows.copy()
    out[:, LEXICAL_COLUMNS] = np.asarray(lexicon.rows(page.lines), dtype=np.float32)
    return out


def training_rows(
    pages: Sequence[Page],
    everything: Sequence[Page],
    feats: Sequence[np.ndarray],
    folds: dict[str, int],
    k: int,
    held_out: int | None,
) -> tuple[list[int], list[np.ndarray], Lexicon]:
    """The training side of fold ``held_out`` (all folds when ``None``): the indices of ``everything``
    (pages and cleaned copies) on it, their feature rows, and the lexicon learned on its ``pages``.

    A training page's lexicon columns come from a lexicon that never saw its own fold, as the
    held-out pages' come from one that never saw theirs; learned on the page itself, the
    lexicon would know its words too well and the trees would trust it too much.
    """
    side = [i for i, p in enumerate(everything) if folds[p.site] != held_out]
    inner = {
        f: learn_lexicon([p for p in pages if folds[p.site] not in (f, held_out)]) for f in range(k) if f != held_out
    }
    rows = [with_lexicon(everything[i], feats[i], inner[folds[everything[i].site]]) for i in side]
    return side, rows, learn_lexicon([p for p in pages if folds[p.site] != held_out])


def targets(
    pages: Sequence[Page], comments: bool = False, taken: Sequence[Sequence[bool]] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per line: 1 for boilerplate, 0 for content; weight 0 for head-zone lines (and ``K`` unless
    ``comments``), and for the lines the rules took when ``taken`` is given."""
    ys, ws = [], []
    for i, p in enumerate(pages):
        ruled = taken[i] if taken is not None else [False] * len(p.lines)
        for lab, t in zip(p.labels, ruled, strict=True):
            ys.append(1 if lab in BOILER else 0)
            ws.append(0.0 if t or lab == HEAD or (lab == "K" and not comments) else 1.0)
    return np.asarray(ys), np.asarray(ws)


# -- models ----------------------------------------------------------------------------------------

GBDT = {
    "objective": "binary",
    "n_estimators": 150,
    "learning_rate": 0.1,
    "num_leaves": 31,
    "min_child_samples": 40,
    "subsample": 0.3,
    "max_bin": 63,
    "subsample_freq": 1,
    "colsample_bytree": 0.8,
    "reg_lambda": 1.0,
    "random_state": 0,
    "deterministic": True,
    "force_row_wise": True,
    "n_jobs": 1,
    "verbose": -1,
}


def fit(kind: str, x: np.ndarray, y: np.ndarray, w: np.ndarray, params: dict | None = None):
    if kind == "gbdt":
        import lightgbm

        model = lightgbm.LGBMClassifier(**{**GBDT, **(params or {})})
        model.fit(x, y, sample_weight=w)
        return model
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    model.fit(x, y, logisticregression__sample_weight=w)
    return model


def export(kind: str, model, threshold: float, smoothing: dict | None, card: dict, lexicon: Lexicon) -> dict:
    """The model as the JSON data :class:`cleaner.linemodel.model.LineModel` reads."""
    spec: dict = {
        "format": "cleaner-linemodel",
        "format_version": 1,
        "version": card["version"],
        "kind": kind,
        "features": list(NAMES),
        "threshold": round(threshold, 6),
        "smoothing": smoothing,
        "training": card,
        "lexicon": lexicon.spec(),
    }
    if kind == "logistic":
        scaler, lr = model[0], model[1]
        spec.update(
            mean=[round(float(v), 6) for v in scaler.mean_],
            scale=[round(float(v), 6) or 1.0 for v in scaler.scale_],
            coef=[round(float(v), 6) for v in lr.coef_[0]],
            intercept=round(float(lr.intercept_[0]), 6),
        )
        return spec
    trees = [_flatten(info["tree_structure"]) for info in model.booster_.dump_model()["tree_info"]]
    spec["trees"] = trees
    return spec


def _flatten(root: dict) -> dict[str, list]:
    """One LightGBM tree as flat arrays: feature (-1 at a leaf), threshold, children, node value."""
    f: list[int] = []
    t: list[float] = []
    left: list[int] = []
    right: list[int] = []
    v: list[float] = []

    def walk(node: dict) -> int:
        i = len(f)
        f.append(-1)
        t.append(0.0)
        left.append(-1)
        right.append(-1)
        if "split_index" not in node:
            v.append(round(node["leaf_value"], 6))
            return i
        if node["decision_type"] != "<=":
            raise ValueError(node["decision_type"])
        v.append(round(node["internal_value"], 6))
        f[i] = node["split_feature"]
        t[i] = float(node["threshold"])
        left[i] = walk(node["left_child"])
        right[i] = walk(node["right_child"])
        return i

    walk(root)
    return {"f": f, "t": t, "l": left, "r": right, "v": v}


def predict(model, x: np.ndarray) -> np.ndarray:
    return model.predict_proba(x)[:, 1]


# -- smoothing ---------------------------------------------------------------------------------------


def hmm_params(pages: Sequence[Page], power: float) -> dict:
    """Transition probabilities between content (0) and boilerplate (1) lines, counted on ``pages``."""
    counts = [[1.0, 1.0], [1.0, 1.0]]
    starts = [1.0, 1.0]
    ones = total = 0
    for p in pages:
        states = [1 if lab in BOILER else 0 for lab in p.labels]
        starts[states[0]] += 1
        for a, b in itertools.pairwise(states):
            counts[a][b] += 1
        ones += sum(states)
        total += len(states)
    trans = [[round(c / sum(row), 6) for c in row] for row in counts]
    return {
        "kind": "hmm",
        "transitions": trans,
        "start": round(starts[1] / sum(starts), 6),
        "prior": round(ones / total, 6),
        "power": power,
    }


def smooth_all(probs: Sequence[np.ndarray], params: dict | None) -> list[np.ndarray]:
    if not params:
        return list(probs)
    m = LineModel.__new__(LineModel)
    m.smoothing = params
    return [np.asarray(m.smooth([float(v) for v in p])) for p in probs]


# -- measuring -----------------------------------------------------------------------------------------


def threshold_for(
    pages: Sequence[Page], probs: Sequence[np.ndarray], max_loss: float, taken: Sequence[Sequence[bool]] | None = None
) -> float:
    """The lowest threshold whose removals lose at most ``max_loss`` of the content words.

    With ``taken`` (the rules' verdicts per page), only the model's own removals count: content
    lines the rules take are lost whatever the model says (they still count in the total).
    """
    scores, words = [], []
    total = 0
    for i, (p, pr) in enumerate(zip(pages, probs, strict=True)):
        ruled = taken[i] if taken is not None else [False] * len(p.lines)
        for lab, line, s, t in zip(p.labels, p.lines, pr, ruled, strict=True):
            if lab in CONTENT:
                n = count_words(line)
                total += n
                if t:
                    continue
                scores.append(float(s))
                words.append(n)
    order = np.argsort(-np.asarray(scores), kind="stable")
    lost = 0
    budget = max_loss * total
    for i in order:
        if lost + words[i] > budget:
            return float(scores[i]) + 1e-9
        lost += words[i]
    return 0.0


def cv_predict(
    pages: Sequence[Page],
    feats: Sequence[np.ndarray],
    kind: str,
    folds: dict[str, int],
    k: int,
    comments: bool,
    extra: tuple[Sequence[Page], Sequence[np.ndarray]] = ((), ()),
    taken: Sequence[Sequence[bool]] | None = None,
) -> list[np.ndarray]:
    """Out-of-fold probabilities for every page, each from a model that never saw its site.

    ``extra`` pages (cleaned copies) join the training side of their site's folds, never the test side.
    ``taken`` (the rules' verdicts on ``pages`` and then ``extra``): those lines are not trained on.
    """
    out: list[np.ndarray | None] = [None] * len(pages)
    all_pages, all_feats = [*pages, *extra[0]], [*feats, *extra[1]]
    for j in range(k):
        train, rows, lexicon = training_rows(pages, all_pages, all_feats, folds, k, j)
        test = [i for i, p in enumerate(pages) if folds[p.site] == j]
        ruled = [taken[i] for i in train] if taken is not None else None
        y, w = targets([all_pages[i] for i in train], comments, ruled)
        model = fit(kind, np.vstack(rows), y, w)
        for i in test:
            out[i] = predict(model, with_lexicon(pages[i], feats[i], lexicon))
        print(f"  fold {j}: {len(train)} train pages, {len(test)} test pages", file=sys.stderr)
    return out  # type: ignore[return-value]


def fold_thresholds(
    pages: Sequence[Page],
    probs: Sequence[np.ndarray],
    folds: dict[str, int],
    k: int,
    max_loss: float,
    taken: Sequence[Sequence[bool]] | None = None,
) -> list[float]:
    """For each fold, the threshold chosen on the other folds' out-of-fold predictions."""
    out = []
    for j in range(k):
        idx = [i for i, p in enumerate(pages) if folds[p.site] != j]
        ruled = [taken[i] for i in idx] if taken is not None else None
        out.append(threshold_for([pages[i] for i in idx], [probs[i] for i in idx], max_loss, ruled))
    return out


def validate(
    pages: Sequence[Page],
    probs: Sequence[np.ndarray],
    folds: dict[str, int],
    k: int,
    power: float | None,
    max_loss: float,
    taken: Sequence[Sequence[bool]] | None = None,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Out-of-fold scores (smoothed when ``params`` are given) and removals; smoothing and threshold
    fitted on the other folds only."""
    smoothed: list[np.ndarray | None] = [None] * len(pages)
    for j in range(k):
        train = [p for p in pages if folds[p.site] != j]
        params = hmm_params(train, power) if power is not None else None
        test = [i for i, p in enumerate(pages) if folds[p.site] == j]
        for i, pr in zip(test, smooth_all([probs[i] for i in test], params), strict=True):
            smoothed[i] = pr
    done: list[np.ndarray] = smoothed  # type: ignore[assignment]
    cuts = fold_thresholds(pages, done, folds, k, max_loss, taken)
    return done, [pr >= cuts[folds[p.site]] for p, pr in zip(pages, done, strict=True)]


def quick_metrics(pages: Sequence[Page], removed: Sequence[Sequence[bool]]) -> dict[str, float]:
    """Content words lost and boilerplate lines kept (head-zone lines count as neither)."""
    cw = cw_lost = bl = bl_kept = 0
    for p, rem in zip(pages, removed, strict=True):
        for lab, line, r in zip(p.labels, p.lines, rem, strict=True):
            if lab in CONTENT:
                n = count_words(line)
                cw += n
                cw_lost += n if r else 0
            elif lab in BOILER:
                bl += 1
                bl_kept += not r
    return {"content_words_lost": cw_lost / cw, "boilerplate_kept": bl_kept / bl}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a folder in the scraped-pages format")
    parser.add_argument("--out", type=Path, default=ROOT / "cleaner" / "linemodel" / "linemodel-v1.json")
    parser.add_argument("--kind", choices=("gbdt", "logistic"), default="gbdt")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--max-loss", type=float, default=0.004, help="content-word loss the threshold allows")
    parser.add_argument(
        "--smoothing", choices=("hmm", "none"), default="none", help="HMM smoothing (measured: keeps more boilerplate)"
    )
    parser.add_argument("--power", type=float, default=1.0, help="weight of the classifier in the HMM")
    parser.add_argument(
        "--comments", action="store_true", help="train on user comments (K) as boilerplate (measured: loses content)"
    )
    parser.add_argument("--cache", type=Path, default=Path("/tmp"), help="where to cache features")
    parser.add_argument("--param", action="append", default=[], help="a LightGBM parameter, NAME=VALUE")
    parser.add_argument("--cv-only", action="store_true", help="score by cross-validation, write no model")
    parser.add_argument(
        "--cleaned",
        choices=("both", "half", "clean", "none"),
        default="both",
        help="cleaned copies of the pages to train on as well: every B and K line gone, about half, both, none",
    )
    parser.add_argument(
        "--rule-lines",
        choices=("skip", "train"),
        default="skip",
        help="train on the lines the rules take as well (measured: keeps more boilerplate at the same loss)",
    )
    opts = parser.parse_args()

    for item in opts.param:
        name, _, value = item.partition("=")
        GBDT[name] = type(GBDT.get(name, 0.0))(value)
    pages = load_pages(opts.data)
    feats = featurize(pages, opts.cache)
    comments = opts.comments
    folds = folds_by_site(pages, opts.folds)
    kinds = {"both": ("clean", "half"), "none": ()}.get(opts.cleaned, (opts.cleaned,))
    cleaned = cleaned_copies(pages, kinds)
    cleaned_feats = featurize(cleaned, opts.cache) if cleaned else []
    taken = taken_all(pages, opts.cache)
    skip = [*taken, *taken_all(cleaned, opts.cache)] if opts.rule_lines == "skip" else None
    key = fingerprint(pages, opts.folds, len(cleaned), opts.rule_lines)
    oof = opts.cache / f"linemodel-oof-{opts.kind}-{int(comments)}-{key}.pkl"
    if oof.exists():
        probs = pickle.loads(oof.read_bytes())
    else:
        probs = cv_predict(pages, feats, opts.kind, folds, opts.folds, comments, (cleaned, cleaned_feats), skip)
        oof.write_bytes(pickle.dumps(probs))
    power = opts.power if opts.smoothing == "hmm" else None
    _, removed = validate(pages, probs, folds, opts.folds, power, opts.max_loss, taken)
    for conv in CONVERTERS:
        sel = [i for i, p in enumerate(pages) if p.converter == conv]
        alone = quick_metrics([pages[i] for i in sel], [removed[i] for i in sel])
        both = quick_metrics([pages[i] for i in sel], [removed[i] | np.asarray(taken[i], bool) for i in sel])
        print(
            f"{conv:4} validation: the model alone loses {alone['content_words_lost']:.2%} of the content words, "
            f"keeps {alone['boilerplate_kept']:.1%} of the boilerplate lines; with the rules' removals "
            f"{both['content_words_lost']:.2%} and {both['boilerplate_kept']:.1%}"
        )
    if opts.cv_only:
        return
    smoothing = hmm_params(pages, opts.power) if opts.smoothing == "hmm" else None
    threshold = threshold_for(pages, smooth_all(probs, smoothing), opts.max_loss, taken)
    unsmoothed = threshold if smoothing is None else threshold_for(pages, probs, opts.max_loss, taken)
    everything = [*pages, *cleaned]
    _, rows, lexicon = training_rows(pages, everything, [*feats, *cleaned_feats], folds, opts.folds, None)
    model = fit(opts.kind, np.vstack(rows), *targets(everything, comments, skip))
    card = {
        "version": "1",
        "data": opts.data.name,
        "pages": len({p.id for p in pages}),
        "sites": len({p.site for p in pages}),
        "lines": sum(len(p.lines) for p in pages),
        "converters": sorted(CONVERTERS),
        "comments_as_boilerplate": comments,
        "cleaned_copies": {"kinds": list(kinds), "pages": len(cleaned)},
        "rule_lines": opts.rule_lines,
        "max_content_word_loss": opts.max_loss,
        "folds": opts.folds,
        "params": GBDT if opts.kind == "gbdt" else {"C": 1.0},
    }
    spec = export(opts.kind, model, threshold, smoothing, card, lexicon)
    spec["threshold_unsmoothed"] = round(unsmoothed, 6)
    opts.out.write_text(json.dumps(spec, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    loaded = LineModel(spec)
    sample = np.vstack(rows[:20])
    ours = np.asarray([loaded.margin(r) for r in sample.tolist()])
    theirs = model.predict_proba(sample, raw_score=True) if opts.kind == "gbdt" else None
    if theirs is not None and not np.allclose(ours, theirs, atol=1e-3):
        raise SystemExit("exported model disagrees with the trained one")
    print(f"wrote {opts.out} ({opts.out.stat().st_size / 1024:.0f} KiB), threshold {threshold:.4f}")


if __name__ == "__main__":
    main()
