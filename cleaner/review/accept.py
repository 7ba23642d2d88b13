"""Accepting obtained output as golden, and removing golden files that lost their sample."""

from __future__ import annotations

from collections.abc import Collection

from cleaner.batch import write_atomic
from cleaner.review.diff import DIFFERS, MISSING, SAME, SIDECAR, Review


def accept(rv: Review, paths: Collection[str] | None = None) -> list[str]:
    """Write each differing or missing file's output as its golden file (only ``paths`` when given), atomically.

    Returns the relative paths written; they count as the same from then on.
    """
    done = []
    for f in rv.files:
        if f.status not in (DIFFERS, MISSING) or (paths is not None and f.path not in paths):
            continue
        assert f.obtained is not None
        write_atomic(f.golden, f.obtained.encode("utf-8"))
        f.golden.with_name(f.golden.name + SIDECAR).unlink(missing_ok=True)
        f.status, f.expected, f.hunks = SAME, f.obtained, []
        done.append(f.path)
    return done


def remove_orphans(rv: Review) -> list[str]:
    """Delete the golden files that have no sample (and their sidecars); returns their relative paths."""
    for rel in rv.orphans:
        path = rv.golden / rel
        path.unlink(missing_ok=True)
        path.with_name(path.name + SIDECAR).unlink(missing_ok=True)
    done, rv.orphans = rv.orphans, []
    return done
