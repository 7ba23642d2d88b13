"""A batch reads its job list as it goes: memory does not grow with the number of files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cleaner import Pipeline, batch


def test_jobs_are_read_as_results_are_taken(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Body.\n")
    pulled = 0

    def jobs() -> Iterator[batch.Job]:
        nonlocal pulled
        for i in range(100_000):
            pulled += 1
            yield batch.Job(tmp_path / "a.txt", tmp_path / "out" / f"{i}.txt", f"a{i}")

    results = batch.run(Pipeline(["decode", "tidy"]), jobs(), max_bytes=1000)
    first = [next(results) for _ in range(3)]
    results.close()
    assert [r.status for r in first] == ["cleaned"] * 3
    assert pulled <= 16 * 8 + 16  # the first look, and one chunk


def test_a_plan_walks_its_folders_again_each_time_and_counts_them(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / "in" / f"d{i}").mkdir(parents=True)
        (tmp_path / "in" / f"d{i}" / "x.txt").write_text("x")
    plan, found = batch.plan([tmp_path / "in"], tmp_path / "out")
    assert len(plan) == 5 and not found.failed
    (tmp_path / "in" / "d0" / "y.txt").write_text("y")  # read when the jobs are, not before
    assert [j.dst.relative_to(tmp_path / "out").as_posix() for j in plan] == [
        "d0/x.txt",
        "d0/y.txt",
        *(f"d{i}/x.txt" for i in range(1, 5)),
    ]


def test_inputs_that_write_below_one_name_are_refused_once_they_collide(tmp_path: Path) -> None:
    for d in ("a/x", "b/x"):
        (tmp_path / d).mkdir(parents=True)
        (tmp_path / d / "same.txt").write_text(d)
        (tmp_path / d / f"only-{d[0]}.txt").write_text(d)
    plan, _ = batch.plan([tmp_path / "a" / "x", tmp_path / "b" / "x"], tmp_path / "out")
    refused = [(j.shown, j.refused) for j in plan if j.refused]
    assert refused == [
        (
            str(tmp_path / "b/x/same.txt"),
            f"its output {tmp_path / 'out/x/same.txt'} is already the output of {tmp_path / 'a/x/same.txt'}",
        )
    ]
