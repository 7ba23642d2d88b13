"""Retraining the line model on a user's own labelled pages (``training/train_linemodel.py``)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from cleaner.linemodel import LineModel

pytest.importorskip("lightgbm")

MENUS = ["Home", "World", "Business", "Sport", "Culture", "Opinion", "Weather", "Podcasts", "Video", "Newsletters"]
FOOTER = ["Share this story", "Most read", "About us", "Contact us", "Advertise", "Privacy policy", "Terms of use"]
WORDS = "council budget school river harbour library mayor residents plan vote bridge market museum road".split()


def page(rng: random.Random, site: int) -> tuple[list[str], str]:
    """A page of one site's template around an article, with its labels (B, T, C)."""
    menu = [f"{m} {site}" if rng.random() < 0.2 else m for m in MENUS]
    title = f"The {rng.choice(WORDS)} {rng.choice(WORDS)} plan divides the town"
    body = [
        f"The {' '.join(rng.sample(WORDS, 4))} committee said on Monday that the {rng.choice(WORDS)} "
        f"would be reviewed again next year, after residents asked for {rng.choice(WORDS)} changes."
        for _ in range(rng.randint(4, 7))
    ]
    lines = [*menu, title, *body, *FOOTER]
    return lines, "B" * len(menu) + "T" + "C" * len(body) + "B" * len(FOOTER)


def test_the_training_script_learns_a_model_the_pass_can_load(tmp_path: Path) -> None:
    rng = random.Random(1)
    data = tmp_path / "pages"
    for sub in ("raw", "raw_alt"):
        (data / sub).mkdir(parents=True)
    rows = []
    for n in range(40):
        lines, labels = page(rng, n % 10)
        for sub in ("raw", "raw_alt"):
            (data / sub / f"p{n}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        head = labels.index("T")
        row = {"id": f"p{n}", "site": f"site{n % 10}.example", "source": "test", "lang": "en"}
        rows.append(row | {"labels": labels, "labels_alt": labels, "headline": head, "headline_alt": head})
    (data / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "model.json"
    script = ROOT / "training" / "train_linemodel.py"
    done = subprocess.run(
        [sys.executable, str(script), str(data), "--out", str(out), "--folds", "2", "--cache", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    model = LineModel.load(out)
    assert model.lexicon is not None and model.lexicon.lines["privacy policy"] > 0
    lines, _ = page(random.Random(99), 3)
    scores = [v.score for v in model.score_lines(lines) if v]
    footer, body = scores[-1], scores[len(MENUS) + 1]
    assert footer > model.threshold > body
