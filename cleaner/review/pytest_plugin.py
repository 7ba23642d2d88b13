"""A pytest plugin for golden-file tests of your own pipeline (installed with cleaner, as ``pytest11``).

Keep ``samples/<path>`` and ``golden/<path>`` beside your tests, and::

    import cleaner

    def test_golden(golden):
        golden.check("tests/samples", "tests/golden", cleaner.Pipeline(rules="my_rules/"))

or one test per sample::

    from cleaner.review.pytest_plugin import golden_cases

    HERE = Path(__file__).parent

    @pytest.mark.parametrize("sample", golden_cases(HERE / "samples"))
    def test_sample(golden, sample):
        golden.check(HERE / "samples", HERE / "golden", files=[sample])

A mismatch fails with the annotated diff (the pass and rule behind each line)
and writes the output beside the golden file as ``<name>.obtained``; a sample
without a golden file fails the same way until accepted. ``pytest
--update-golden`` writes the obtained output as the golden files. Relative
folders are taken from pytest's root directory.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from cleaner.batch import write_atomic
from cleaner.pipeline import Pipeline
from cleaner.review import diff, text
from cleaner.review.accept import accept

OPTION = "--update-golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("cleaner").addoption(
        OPTION,
        action="store_true",
        help="Write the cleaned output of each differing or new sample as its golden file "
        "(then review every changed line).",
    )


def golden_cases(samples: str | Path) -> list[object]:
    """Every sample file under ``samples`` as a ``pytest.param`` for ``parametrize``, its id the relative path."""
    root = Path(samples)
    return [pytest.param(root / rel, id=rel) for rel in diff.sample_paths(root)]


class Golden:
    """Checks sample folders against golden folders; what the ``golden`` fixture gives."""

    def __init__(self, root: Path, update: bool) -> None:
        self.root = root
        self.update = update

    def _folder(self, path: str | Path) -> Path:
        p = Path(path)
        return p if p.is_absolute() else self.root / p

    def check(
        self,
        samples: str | Path,
        golden: str | Path,
        pipeline: Pipeline | None = None,
        *,
        files: Sequence[str | Path] | None = None,
    ) -> diff.Review:
        """Clean every sample (or ``files``) with ``pipeline`` (default: the default one) and compare.

        Without ``files``, golden files that have no sample fail the check too.
        """
        samples, golden = self._folder(samples), self._folder(golden)
        if not samples.is_dir():
            pytest.fail(f"no samples folder at {samples}", pytrace=False)
        only = None
        if files is not None:
            try:
                only = diff.select(samples, golden, [self._folder(f) for f in files])
            except ValueError as e:
                pytest.fail(str(e), pytrace=False)
        rv = diff.review(pipeline or _default(), samples, golden, only)
        if self.update:
            accept(rv)
        for f in rv.files:
            sidecar = f.golden.with_name(f.golden.name + diff.SIDECAR)
            if f.status in (diff.DIFFERS, diff.MISSING) and f.obtained is not None:
                write_atomic(sidecar, f.obtained.encode("utf-8"))
            elif f.status == diff.SAME:
                sidecar.unlink(missing_ok=True)
        if not rv.ok:
            pytest.fail(_message(rv), pytrace=False)
        return rv


def _message(rv: diff.Review) -> str:
    parts = [text.file_diff(f) for f in rv.files if f.status != diff.SAME]
    parts += [f"{p}: golden file without a sample (delete it, or restore its sample)\n" for p in rv.orphans]
    sidecars = any(f.status in (diff.DIFFERS, diff.MISSING) for f in rv.files)
    hint = f"\nthe output is beside each golden file as *{diff.SIDECAR}; " * sidecars
    hint += f"review it, then run pytest {OPTION} to accept it\n" * sidecars
    return "".join(parts) + text.summary(rv) + hint


_pipeline: Pipeline | None = None


def _default() -> Pipeline:
    global _pipeline
    if _pipeline is None:
        _pipeline = Pipeline()
    return _pipeline


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Checks sample folders against golden folders; ``pytest --update-golden`` accepts the output."""
    return Golden(request.config.rootpath, bool(request.config.getoption(OPTION)))
