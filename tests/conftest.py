"""Shared fixtures; the golden-file tests use cleaner's own pytest plugin (and its ``--update-golden``)."""

from __future__ import annotations

from pathlib import Path

# Loaded here too so that the tests run from a source checkout, where the plugin's entry point is not
# installed; when it is, pytest sees the same name and loads it once.
pytest_plugins = ["cleaner.review.pytest_plugin"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "golden"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file() and not p.name.startswith("."))
