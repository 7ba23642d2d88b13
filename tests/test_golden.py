"""Each sample, cleaned by the default pipeline, must equal its golden file byte for byte.

On a mismatch the output is written beside the golden file as ``.obtained`` and
a unified diff is shown; ``pytest --update-golden`` rewrites the golden files.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import GOLDEN, SAMPLES, sample_files

import cleaner


@pytest.fixture(scope="module")
def pipeline() -> cleaner.Pipeline:
    return cleaner.Pipeline()


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: str(p.relative_to(SAMPLES)))
def test_sample_matches_golden(sample: Path, pipeline: cleaner.Pipeline, update_golden: bool) -> None:
    rel = sample.relative_to(SAMPLES)
    golden = GOLDEN / rel
    obtained = golden.with_name(golden.name + ".obtained")
    out = pipeline.clean(sample.read_bytes())
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8", newline="")
        obtained.unlink(missing_ok=True)
        return
    if not golden.exists():
        obtained.parent.mkdir(parents=True, exist_ok=True)
        obtained.write_text(out, encoding="utf-8", newline="")
        pytest.fail(f"no golden file for {rel}: output written to {obtained}; review it, then --update-golden")
    expected = golden.read_text(encoding="utf-8")
    if out == expected:
        obtained.unlink(missing_ok=True)
        return
    obtained.write_text(out, encoding="utf-8", newline="")
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True), out.splitlines(keepends=True), f"golden/{rel}", f"obtained/{rel}"
    )
    pytest.fail(f"{rel} differs from its golden file (output in {obtained}):\n{''.join(diff)}")


def test_every_golden_file_has_a_sample() -> None:
    orphans = [
        str(p.relative_to(GOLDEN))
        for p in GOLDEN.rglob("*")
        if p.is_file() and not p.name.endswith(".obtained") and not (SAMPLES / p.relative_to(GOLDEN)).exists()
    ]
    assert not orphans, f"golden files without a sample (delete them or restore the sample): {orphans}"


def test_samples_are_the_seed_articles() -> None:
    """The five seeds are kept byte for byte; fixing them is the cleaner's job."""
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the shared seeds are not beside this checkout")
    ours = {p.name: p.read_bytes() for p in sample_files()}
    for seed in seeds.glob("*.txt"):
        assert ours.get(seed.name) == seed.read_bytes(), f"samples/ lost or changed {seed.name}"
