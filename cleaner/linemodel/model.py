"""Score lines as boilerplate with the trained line model, and say why.

The model is a data file shipped with the package (``linemodel-v1.json``): gradient-boosted
trees (or a logistic regression) over :mod:`cleaner.linemodel.features` (which include what the
boilerplate pass's rules took), an optional smoothing over the sequence of lines (a two-state
hidden Markov model: content and boilerplate), and the decision threshold. It is read once and
evaluated in pure Python. Retrain it with ``training/train_linemodel.py``.

>>> model = LineModel.load()
>>> scores = model.score_lines(["Home", "News", "Sport", "", "The minister said on Monday that the "
...     "plan, which was delayed twice last year, would go ahead as soon as the budget passed."])
>>> scores[3] is None, scores[0].score > scores[4].score
(True, True)
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cleaner.linemodel.features import NAMES, RULES, line_features
from cleaner.linemodel.lexicon import Lexicon

DEFAULT = Path(__file__).with_name("linemodel-v1.json")


@dataclass(frozen=True)
class LineScore:
    """The model's verdict on one line.

    ``score`` is the probability that the line is boilerplate (after smoothing); ``remove`` is
    ``score >= threshold``; ``reasons`` are the features that pushed the score most, each with
    its contribution in log-odds (positive: towards removal), strongest first.
    """

    score: float
    remove: bool
    reasons: tuple[tuple[str, float], ...] = ()

    def why(self) -> str:
        """A one-line explanation: ``p=0.99991: mean_log_words_3 +1.1, neighbours +0.9, ...``.

        Contributions are in log-odds; ``neighbours`` is what the smoothing over the sequence added.
        """
        parts = ", ".join(f"{name} {value:+.1f}" for name, value in self.reasons)
        return f"p={self.score:.5f}: {parts}" if parts else f"p={self.score:.5f}"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -700 else 0.0


class LineModel:
    """A line model read from its data file (see the module doc).

    ``smooth=False`` scores each line alone, with the threshold chosen for that (same content loss).
    """

    def __init__(self, spec: dict[str, Any], smooth: bool = True) -> None:
        if spec.get("format") != "cleaner-linemodel" or spec.get("format_version") != 1:
            raise ValueError("not a cleaner line model (format_version 1)")
        if tuple(spec["features"]) != NAMES:
            raise ValueError("the model was trained on other features than this version computes")
        self.spec = spec
        self.smoothed = smooth
        self.version: str = spec["version"]
        self.kind: str = spec["kind"]
        self.threshold: float = spec["threshold"] if smooth else spec["threshold_unsmoothed"]
        self.trees: list[tuple[list[int], list[float], list[int], list[int], list[float]]] = [
            (t["f"], t["t"], t["l"], t["r"], t["v"]) for t in spec.get("trees", ())
        ]
        self.smoothing: dict[str, Any] | None = spec.get("smoothing") if smooth else None
        self.lexicon = Lexicon.from_spec(spec["lexicon"]) if spec.get("lexicon") else None
        self._margin, self._margins = _compile(self.trees, len(NAMES)) if self.trees else (None, None)
        used = {i for f, *_ in self.trees for i in f if i >= 0} if self.trees else set(range(len(NAMES)))
        # Whether the model looks at the rules' verdicts (features.RULES).
        self.uses_rules = any(NAMES.index(name) in used for name in RULES)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its data (the compiled scoring function is rebuilt), so pipelines go to workers."""
        return (LineModel, (self.spec, self.smoothed))

    @classmethod
    def load(cls, path: str | Path | None = None, smooth: bool = True) -> LineModel:
        """The model in ``path``, or the one shipped with the package (read once)."""
        if path is None:
            return _default(smooth)
        return cls(json.loads(Path(path).read_text(encoding="utf-8")), smooth)

    # -- scoring ---------------------------------------------------------------------------------

    def margin(self, row: Sequence[float]) -> float:
        """The raw score (log-odds of boilerplate) of one feature row, before smoothing."""
        if self.kind == "logistic":
            s = self.spec
            return s["intercept"] + sum(
                c * (x - m) / d for c, x, m, d in zip(s["coef"], row, s["mean"], s["scale"], strict=True)
            )
        assert self._margin is not None
        return self._margin(row)

    @property
    def bias(self) -> float:
        """The raw score before any feature is looked at: ``margin == bias + sum(contributions)``."""
        if self.kind == "logistic":
            return self.spec["intercept"]
        return sum(v[0] for *_, v in self.trees)

    def contributions(self, row: Sequence[float]) -> dict[int, float]:
        """Each feature's share of the raw score (trees: the change of node values along the path)."""
        out: dict[int, float] = {}
        if self.kind == "logistic":
            s = self.spec
            for i, (c, x, m, d) in enumerate(zip(s["coef"], row, s["mean"], s["scale"], strict=True)):
                out[i] = c * (x - m) / d
            return out
        for f, t, left, right, v in self.trees:
            node = 0
            while f[node] >= 0:
                child = left[node] if row[f[node]] <= t[node] else right[node]
                out[f[node]] = out.get(f[node], 0.0) + v[child] - v[node]
                node = child
        return out

    def smooth(self, probs: list[float]) -> list[float]:
        """Posterior probability of boilerplate per line under the two-state HMM (forward-backward)."""
        sm = self.smoothing
        if not sm or not probs:
            return probs
        (a00, a01), (a10, a11) = sm["transitions"]
        prior = sm["prior"]
        power = sm.get("power", 1.0)
        # Emission likelihoods from the classifier's posteriors divided by the class priors.
        eps = 1e-6
        e = [(((1 - p) / (1 - prior)) ** power + eps, (p / prior) ** power + eps) for p in probs]
        n = len(probs)
        fwd: list[tuple[float, float]] = []
        f0, f1 = (1 - sm["start"]) * e[0][0], sm["start"] * e[0][1]
        z = f0 + f1
        fwd.append((f0 / z, f1 / z))
        for i in range(1, n):
            p0, p1 = fwd[-1]
            f0 = (p0 * a00 + p1 * a10) * e[i][0]
            f1 = (p0 * a01 + p1 * a11) * e[i][1]
            z = f0 + f1
            fwd.append((f0 / z, f1 / z))
        out = [0.0] * n
        b0 = b1 = 1.0
        for i in range(n - 1, -1, -1):
            p0, p1 = fwd[i][0] * b0, fwd[i][1] * b1
            out[i] = p1 / (p0 + p1)
            n0 = a00 * e[i][0] * b0 + a01 * e[i][1] * b1
            n1 = a10 * e[i][0] * b0 + a11 * e[i][1] * b1
            z = n0 + n1
            b0, b1 = n0 / z, n1 / z
        return out

    def score_rows(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Smoothed probabilities of boilerplate for the feature rows of one document."""
        return self.smooth(list(map(_sigmoid, self.margins(rows))))

    def margins(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The raw scores of feature rows (:meth:`margin` of each)."""
        return self._margins(rows) if self._margins else list(map(self.margin, rows))

    def score_lines(
        self,
        lines: Sequence[str],
        language: str | None = None,
        reasons: int = 3,
        explain_kept: bool = False,
        memo: dict[Any, Any] | None = None,
        taken: Sequence[bool] | None = None,
        wanted: Sequence[bool] | None = None,
    ) -> list[LineScore | None]:
        """One verdict per line of ``lines`` (``None`` for a blank line), with up to ``reasons`` reasons.

        ``language`` names a jusText stop-word list ("English"); by default it is guessed.
        ``taken`` says, per non-empty line, whether the boilerplate pass's rules and comment-thread
        layer removed it; by default they are run here (the model off) to find out. The reasons
        are the features that pushed the line's own score most towards the verdict, and
        ``neighbours`` when the smoothing over the sequence of lines did; they are worked out for
        removed lines only, unless ``explain_kept``. ``memo``: see :func:`line_features`.
        ``wanted`` says, per non-empty line, whether its verdict is wanted; a line not wanted gets
        ``None`` when the model scores each line alone (without smoothing, which needs every line).
        """
        if taken is None and self.uses_rules:
            taken = rule_verdicts(lines)
        if self.smoothing:
            wanted = None
        rows = line_features(lines, language, taken, memo, self.lexicon, only=wanted)
        margins = self.margins(rows)
        scores = self.smooth(list(map(_sigmoid, margins)))
        out: list[LineScore | None] = []
        it = iter(zip(rows, margins, scores, strict=True))
        number = -1  # of the non-empty line
        for line in lines:
            if not line.strip():
                out.append(None)
                continue
            number += 1
            if wanted is not None and not wanted[number]:
                out.append(None)
                continue
            row, margin, p = next(it)
            remove = p >= self.threshold
            why: tuple[tuple[str, float], ...] = ()
            if reasons and (remove or explain_kept):
                named = [(NAMES[i], c) for i, c in self.contributions(row).items()]
                if self.smoothing:
                    named.append(("neighbours", _logit(p) - margin))
                sign = 1.0 if remove else -1.0
                top = sorted(named, key=lambda kv: -sign * kv[1])[:reasons]
                why = tuple((name, round(c, 2)) for name, c in top if sign * c > 0)
            out.append(LineScore(p, remove, why))
        return out


def _compile(trees: Sequence[tuple[list[int], list[float], list[int], list[int], list[float]]], width: int) -> Any:
    """The sum of the trees as a Python function of a list of feature rows of ``width`` values, built
    once (several times faster than walking the node arrays), and the same for one row: each row is
    unpacked into local variables and each tree is one nested conditional expression, added in the
    trees' order. Only numbers from the data file enter the generated code."""

    def number(x: float) -> str:
        x = float(x)
        return repr(x) if math.isfinite(x) else ("1e308" if x > 0 else "-1e308")

    def expr(tree: tuple[list[int], list[float], list[int], list[int], list[float]], node: int) -> str:
        f, t, left, right, v = tree
        if f[node] < 0:
            return number(v[node])
        test = f"x{int(f[node])} <= {number(t[node])}"
        return f"({expr(tree, left[node])} if {test} else {expr(tree, right[node])})"

    used = {int(i) for f, *_ in trees for i in f if i >= 0}
    if not used <= set(range(width)):
        raise ValueError("a tree tests a feature the rows do not have")
    unpack = ", ".join(f"x{i}" if i in used else "_" for i in range(width))
    total = "0.0\n" + "\n".join(f"            + {expr(tree, 0)}" for tree in trees)  # 0.0 + t0 + t1 ...: in order
    source = (
        f"def margins(rows):\n    out = []\n    add = out.append\n"
        f"    for x in rows:\n        {unpack}, = x\n        add({total})\n    return out\n"
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, "<linemodel>", "exec"), namespace)
    margins = namespace["margins"]
    return (lambda row: margins((row,))[0]), margins


def rule_verdicts(lines: Sequence[str]) -> list[bool]:
    """Per non-empty line of ``lines``, whether the boilerplate pass's default rules and comment-thread
    layer (the line model off) remove it: what the model sees inside the pass."""
    from cleaner.blocks import split
    from cleaner.document import Document

    bp = _rules_pass()
    text = "\n".join(" ".join(line.split()) for line in lines) + "\n"  # a block per non-empty line
    blocks = split(text)
    taken = bp.decide(bp.rules_for(bp.detect(text, Document(text=text))), blocks)
    return [b.number in taken for b in blocks]


@cache
def _rules_pass() -> Any:
    from cleaner.pipeline import Pipeline

    return Pipeline(["boilerplate"], linemodel=False, time_limit=None).passes[0]


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log(p / (1 - p))


@cache
def _default(smooth: bool) -> LineModel:
    return LineModel(_default_spec(), smooth)


@cache
def _default_spec() -> dict[str, Any]:
    return json.loads(DEFAULT.read_text(encoding="utf-8"))
