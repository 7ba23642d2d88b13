"""The Dask engine gives the same bytes as the local one: records and files, on a two-worker LocalCluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Pipeline
from cleaner.cli import main

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

TEXTS = [
    "The cafÃ© owner said itâ€™s fine.\n\nShare this article\n",
    "Fish &amp; chips cost &pound;5.   \n",
    "Cai Chongxin spoke.  \n",
]


def test_dask_engine_matches_the_local_engine(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": i, "text": TEXTS[i % 3]}, ensure_ascii=False) for i in range(900)]
    lines[10] = "{broken"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02}.txt").write_text(TEXTS[i % 3], encoding="utf-8")
    runner = CliRunner()
    local = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "local.jsonl"), "-j", "1"])
    dask = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "dask.jsonl"), "--engine", "dask", "-j", "2"])
    assert local.exit_code == dask.exit_code == 1  # the broken line, reported by both
    assert "line 11: not JSON" in dask.stderr
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()
    files = runner.invoke(main, ["clean", str(folder), "-o", str(tmp_path / "out"), "--engine", "dask", "-j", "2"])
    assert files.exit_code == 0, files.output
    for i in range(40):
        assert (tmp_path / "out" / f"{i:02}.txt").read_text() == Pipeline().clean(TEXTS[i % 3])


def test_dask_collections_recipes() -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from cleaner.engines.dask import clean_bag, clean_column

    pipeline = Pipeline()
    want = [pipeline.clean(t) for t in TEXTS]
    assert clean_bag(db.from_sequence(TEXTS, npartitions=2), pipeline).compute(scheduler="sync") == want
    records = db.from_sequence([{"id": i, "text": t} for i, t in enumerate(TEXTS)], npartitions=2)
    assert [r["text"] for r in clean_bag(records, pipeline, "text").compute(scheduler="sync")] == want
    frame = dd.from_pandas(pd.DataFrame({"id": [0, 1, 2], "text": TEXTS}), npartitions=2)
    assert clean_column(frame, "text", pipeline).compute(scheduler="sync")["text"].tolist() == want
