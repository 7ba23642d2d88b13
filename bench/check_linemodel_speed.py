"""The line model's inference against an earlier version of it: identical results, and lines/s.

The earlier version's ``cleaner/linemodel/features.py`` and ``model.py`` are read from git (a
revision, ``main`` by default) and loaded beside this checkout's, with this checkout's model
file. On every page of the scraped-pages data (``raw/`` and ``raw_alt/``) it checks that both
give the same feature rows (the same floats, compared by ``repr``) and the same verdicts
(score, removal, reasons; smoothed, with the reasons of every line), then times both on the
same pages, alternating page by page (CPU time), and prints lines/s of the features alone and
of ``score_lines`` without reasons (as the boilerplate pass calls it; those verdicts are
compared too).

    PYTHONPATH=. timeout 600 python bench/check_linemodel_speed.py --base main
    PYTHONPATH=. timeout 300 python bench/check_linemodel_speed.py --limit 200   # the first 200 pages a folder
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.linemodel import features as new_features  # noqa: E402
from cleaner.linemodel import model as new_model  # noqa: E402

PAGES = Path(os.environ.get("CLEANER_BENCHDATA", "/work/shared/benchdata")) / "scraped-pages"


def load_base(rev: str) -> tuple[types.ModuleType, types.ModuleType]:
    """The ``features`` and ``model`` modules of the line model at git revision ``rev``."""

    def module(name: str, path: str, replace: tuple[str, str] | None = None) -> types.ModuleType:
        source = subprocess.run(
            ["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        if replace:
            source = source.replace(*replace)
        mod = types.ModuleType(name)
        mod.__file__ = str(ROOT / path)  # the model file of this checkout
        sys.modules[name] = mod
        exec(compile(source, f"{rev}:{path}", "exec"), mod.__dict__)
        return mod

    features = module("base_linemodel_features", "cleaner/linemodel/features.py")
    model = module(
        "base_linemodel_model",
        "cleaner/linemodel/model.py",
        ("from cleaner.linemodel.features import", "from base_linemodel_features import"),
    )
    return features, model


def pages(limit: int | None) -> list[list[str]]:
    out = []
    for folder in ("raw", "raw_alt"):
        paths = sorted((PAGES / folder).glob("*.txt"))[:limit]
        out += [p.read_text(encoding="utf-8").splitlines() for p in paths]
    return out


def verdict(v: Any) -> tuple[float, bool, tuple] | None:
    return None if v is None else (v.score, v.remove, v.reasons)


def check(docs: list[list[str]], old: tuple[Any, Any], new: tuple[Any, Any]) -> int:
    """The number of pages where the two versions differ (each difference printed)."""
    (old_f, old_m), (new_f, new_m) = old, new
    bad = 0
    for k, lines in enumerate(docs):
        problems = []
        if repr(old_f.line_features(lines)) != repr(new_f.line_features(lines)):
            problems.append("feature rows")
        for smooth in (True, False):
            a, b = old_m.LineModel.load(smooth=smooth), new_m.LineModel.load(smooth=smooth)
            # every line's reasons when smoothed; ``timing`` compares the verdicts without reasons
            va, vb = a.score_lines(lines, explain_kept=smooth), b.score_lines(lines, explain_kept=smooth)
            if [verdict(v) for v in va] != [verdict(v) for v in vb]:
                problems.append(f"verdicts (smooth={smooth})")
        if problems:
            bad += 1
            print(f"page {k}: different {', '.join(problems)}")
    return bad


def timing(docs: list[list[str]], old: tuple[Any, Any], new: tuple[Any, Any], rounds: int) -> int:
    """Lines/s of both versions, page by page in alternating order (the same pages, the same run),
    in CPU time of this process; the number of pages where their verdicts (no reasons) differ."""
    n = sum(len(d) for d in docs)
    spent = {("old", "features"): 0.0, ("new", "features"): 0.0, ("old", "score"): 0.0, ("new", "score"): 0.0}
    versions = {"old": old, "new": new}
    bad = 0
    for r in range(rounds):
        for k, lines in enumerate(docs):
            got = {}
            order = ("old", "new") if (k + r) % 2 == 0 else ("new", "old")
            for name in order:
                f, m = versions[name]
                model = m.LineModel.load()
                t0 = time.process_time()
                f.line_features(lines)
                t1 = time.process_time()
                got[name] = model.score_lines(lines, reasons=0)
                t2 = time.process_time()
                spent[name, "features"] += t1 - t0
                spent[name, "score"] += t2 - t1
            if r == 0 and [verdict(v) for v in got["old"]] != [verdict(v) for v in got["new"]]:
                bad += 1
                print(f"page {k}: different verdicts without reasons")
    n *= rounds
    for what in ("features", "score"):
        old_s, new_s = spent["old", what], spent["new", what]
        print(
            f"{what + ':':10} before {n / old_s:9,.0f} lines/s, after {n / new_s:9,.0f} lines/s, "
            f"{old_s / new_s:.2f}x faster"
        )
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="git revision of the earlier version (default main)")
    parser.add_argument("--limit", type=int, help="only the first pages of each folder")
    parser.add_argument("--rounds", type=int, default=1, help="timing rounds over the pages (default 1)")
    parser.add_argument("--no-check", action="store_true", help="only time, do not compare")
    opts = parser.parse_args()
    docs = pages(opts.limit)
    old = load_base(opts.base)
    new = (new_features, new_model)
    print(f"{len(docs)} pages, {sum(len(d) for d in docs):,} lines; before: {opts.base}, after: this checkout")
    bad = 0
    if not opts.no_check:
        bad = check(docs, old, new)
        print(f"rows and verdicts with reasons identical on {len(docs) - bad} of {len(docs)} pages")
    unlike = timing(docs, old, new, opts.rounds)
    print(f"verdicts without reasons identical on {len(docs) - unlike} of {len(docs)} pages")
    if bad or unlike:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
