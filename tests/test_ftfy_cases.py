"""ftfy's own test cases through the whole default pipeline.

The cases are ftfy's ``tests/test-cases/*.json`` (see the README of
``benchdata/ftfy-test-cases``); the expected text is ftfy's ``fixed``, the
output of ``ftfy.fix_text`` with its default settings. Our pipeline is run with
``straighten_quotes=True``, since ftfy's defaults straighten curly quotes.

Where POLICY.md asks for something else than ftfy, the expected text is
adjusted here, by hand and in the open (see ``POLICY_ADJUSTMENTS``), never
regenerated from our output. Cases ftfy itself fails (``expect: fail``) are left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import cleaner


def _benchdata() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "benchdata" / "ftfy-test-cases"
        if candidate.is_dir():
            return candidate
    return None


CASES_DIR = _benchdata()
FILES = ("in-the-wild.json", "language-names.json", "synthetic.json", "negative.json")

# POLICY.md, Repair: "non-breaking and other odd spaces -> a normal space"; "trailing spaces stripped";
# "the file ends with exactly one newline".
ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f]")

# The documented differences from ftfy, as (what ftfy expects, what POLICY.md expects) in that case's text.
POLICY_ADJUSTMENTS: dict[str, tuple[str, str]] = {
    # "a missing space after a sentence end (year.At that -> year. At that)"
    "UTF-8 / Windows-1252 mixup in mixed French and Arabic": ("vous.Pardon", "vous. Pardon"),
    # full-width punctuation inside English text becomes ASCII, spaced as English wants (AI)。You -> AI). You)
    "Wide comma in UTF-8 / Windows-1252": ("Ningbo,China", "Ningbo, China"),
    # "a space left before punctuation ... (Holding , -> Holding,)": none before "!"
    "UTF-8 / Windows-1250 mixup in Slovak": ("nám !", "nám!"),
    # mojibake repaired: a byte the decoder lost is put back where the context decides it (a quote opened before)
    "Synthetic: lossy decoding in sloppy-windows-1252": ('"lossy decoding\ufffd', '"lossy decoding"'),
    # "zero-width and control characters removed": C1 controls too (ftfy keeps this one)
    "Synthetic, negative: don't leak our internal use of byte 0x1A": ("intentional \x81", "intentional"),
}


def policy_form(case: dict) -> str:
    """ftfy's expected text, with this project's documented differences applied."""
    expected = case["fixed"]
    if case["label"] in POLICY_ADJUSTMENTS:
        ftfy_wants, policy_wants = POLICY_ADJUSTMENTS[case["label"]]
        assert ftfy_wants in expected, f"adjustment no longer matches ftfy's expectation: {ftfy_wants!r}"
        expected = expected.replace(ftfy_wants, policy_wants)
    lines = ODD_SPACE.sub(" ", expected).split("\n")
    return "\n".join(line.rstrip(" \t") for line in lines).rstrip("\n") + "\n"


def cases() -> list:
    if CASES_DIR is None:
        return []
    out = []
    for name in FILES:
        for case in json.loads((CASES_DIR / name).read_text(encoding="utf-8")):
            if case["expect"] != "pass":
                continue
            out.append(pytest.param(case, id=f"{name.removesuffix('.json')}:{case['label'][:50]}"))
    return out


CASES = cases()


@pytest.mark.skipif(CASES_DIR is None, reason="benchdata/ftfy-test-cases not found")
def test_all_cases_are_found() -> None:
    assert len(CASES) == 151


@pytest.mark.parametrize("case", CASES)
def test_whole_pipeline_repairs_like_ftfy(case: dict) -> None:
    assert cleaner.clean(case["original"], straighten_quotes=True) == policy_form(case)


def test_every_adjustment_names_a_case() -> None:
    labels = {c.values[0]["label"] for c in CASES}
    if labels:
        assert set(POLICY_ADJUSTMENTS) <= labels
