"""Each sample, cleaned by the default pipeline, must equal its golden file byte for byte.

The check is cleaner's own pytest plugin (``cleaner.review.pytest_plugin``): a
mismatch writes ``.obtained`` beside the golden file and shows the diff with the
rule behind each line; ``pytest --update-golden`` rewrites the golden files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLDEN, SAMPLES, sample_files

import cleaner
from cleaner.review.diff import orphans
from cleaner.review.pytest_plugin import Golden, golden_cases


@pytest.fixture(scope="module")
def pipeline() -> cleaner.Pipeline:
    return cleaner.Pipeline()


@pytest.mark.parametrize("sample", golden_cases(SAMPLES))
def test_sample_matches_golden(sample: Path, pipeline: cleaner.Pipeline, golden: Golden) -> None:
    golden.check(SAMPLES, GOLDEN, pipeline, files=[sample])


def test_every_golden_file_has_a_sample() -> None:
    found = orphans(SAMPLES, GOLDEN)
    assert not found, f"golden files without a sample (delete them or restore the sample): {found}"


def test_samples_are_the_seed_articles() -> None:
    """The five seeds are kept byte for byte; fixing them is the cleaner's job."""
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the shared seeds are not beside this checkout")
    ours = {p.name: p.read_bytes() for p in sample_files()}
    for seed in seeds.glob("*.txt"):
        assert ours.get(seed.name) == seed.read_bytes(), f"samples/ lost or changed {seed.name}"
