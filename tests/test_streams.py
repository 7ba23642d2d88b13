"""Records in, records out: JSON Lines (plain, gzip, zstd) and Parquet, in order, fields kept, errors by line."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Pipeline
from cleaner.cli import main
from cleaner.records import RecordError

GOOD = [
    {"id": i, "url": f"https://www.example.com/n/{i}", "meta": {"tags": ["a", "é"], "score": 0.25}, "text": t}
    for i, t in enumerate(
        [
            "The cafÃ© owner said itâ€™s fine.\n\nShare this article\n",
            "Fish &amp; chips cost &pound;5.   \n",
            "阿里巴巴集团董事会主席蔡崇信在迪拜发表讲话。\n",
            "Plain text that needs nothing.\n",
        ]
    )
]
CLEANED = [
    "The café owner said it’s fine.\n",
    "Fish & chips cost £5.\n",
    "阿里巴巴集团董事会主席蔡崇信在迪拜发表讲话。\n",
    "Plain text that needs nothing.\n",
]


def jsonl(tmp_path: Path, name: str = "in.jsonl.gz") -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in GOOD]
    lines[2:2] = [
        "{this is not json",
        json.dumps({"id": 98, "body": "no text field"}),
        json.dumps({"id": 99, "text": 7}),
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return path


def read(path: Path) -> list[dict]:
    data = path.read_bytes()
    if path.suffix == ".zst":
        import zstandard

        data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()
    elif path.suffix == ".gz":
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def run(*args: str, stdin: bytes | None = None) -> object:
    return CliRunner().invoke(main, ["clean", *args], input=stdin)


@pytest.mark.parametrize("out_name", ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst"])
def test_good_records_come_out_in_order_with_their_fields_and_bad_ones_are_dropped_by_line(
    tmp_path: Path, out_name: str
) -> None:
    out = tmp_path / out_name
    result = run(str(jsonl(tmp_path)), "-o", str(out), "--on-error", "skip")
    assert result.exit_code == 1, result.output  # some records failed
    got = read(out)
    assert [r["text"] for r in got] == CLEANED
    for before, after in zip(GOOD, got, strict=True):
        assert {k: v for k, v in after.items() if k != "text"} == {k: v for k, v in before.items() if k != "text"}
        assert list(after) == list(before), "field order is kept"
    assert "line 3: not JSON" in result.stderr
    assert "line 4: its text field 'text' is missing (dropped)" in result.stderr
    assert "line 5: its text field 'text' is not a string but int (dropped)" in result.stderr


def test_keep_passes_bad_records_through_unchanged_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert run(str(jsonl(tmp_path, "in.jsonl")), "-o", str(out)).exit_code == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[2] == "{this is not json" and json.loads(lines[3]) == {"id": 98, "body": "no text field"}
    assert len(lines) == len(GOOD) + 3


def test_fail_stops_and_writes_no_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run(str(jsonl(tmp_path)), "-o", str(out), "--on-error", "fail")
    assert result.exit_code == 1
    assert "line 3: not JSON" in result.stderr and "was not written" in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".*"))


def test_two_workers_give_the_same_bytes_as_one(tmp_path: Path) -> None:
    records = [dict(GOOD[i % 4], id=i) for i in range(1200)]
    src = tmp_path / "big.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    for jobs in ("1", "2"):
        assert run(str(src), "-o", str(tmp_path / f"out{jobs}.jsonl"), "-j", jobs).exit_code == 0
    assert (tmp_path / "out1.jsonl").read_bytes() == (tmp_path / "out2.jsonl").read_bytes()
    assert [r["id"] for r in read(tmp_path / "out2.jsonl")] == list(range(1200))


def test_standard_input_to_standard_output_with_annotations(tmp_path: Path) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in GOOD).encode()
    result = run("-", "--format", "jsonl", "--annotate", "--url-field", "url", stdin=data)
    assert result.exit_code == 0, result.stderr
    got = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in got] == CLEANED
    first = got[0]["cleaner"]
    assert "mojibake" in first["changed_by"] and first["changes"]["mojibake.ftfy"] == 1
    assert first["host"] == "example.com"
    assert got[3]["cleaner"]["changed_by"] == []


def test_the_run_report_counts_what_happened(tmp_path: Path) -> None:
    report = tmp_path / "run.json"
    run(str(jsonl(tmp_path)), "-o", str(tmp_path / "out.jsonl"), "--report", str(report))
    data = json.loads(report.read_text())
    assert data["totals"]["records"] == 7 and data["totals"]["cleaned"] == 4 and data["totals"]["kept"] == 3
    problems = data["inputs"][0]["records_with_problems"]
    assert [(p["line"], p["status"]) for p in problems if "reason" in p] == [(3, "kept"), (4, "kept"), (5, "kept")]
    assert data["totals"]["changes_by_rule"]["entities.well-formed"] == 2


def test_a_report_for_a_batch_of_files(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Fish &amp; chips.\n")
    (tmp_path / "in" / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    report = tmp_path / "run.json"
    assert run(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--report", str(report)).exit_code == 1
    data = json.loads(report.read_text())
    by_input = {Path(e["input"]).name: e for e in data["inputs"]}
    assert by_input["a.txt"]["status"] == "cleaned" and by_input["a.txt"]["changes_by_rule"] == {
        "entities.well-formed": 1
    }
    assert by_input["b.png"]["status"] == "failed" and "PNG" in by_input["b.png"]["reason"]
    assert data["totals"]["cleaned"] == 1 and data["totals"]["failed"] == 1


def test_parquet_in_and_out_keeps_other_columns(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [{"id": r["id"], "text": r["text"], "score": 0.5} for r in GOOD] + [{"id": 9, "text": None, "score": 1.0}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    result = run(str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.parquet"), "--annotate")
    assert result.exit_code == 1 and "row 5: its text field 'text' is not a string but NoneType (kept)" in result.stderr
    got = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["text"] for r in got] == [*CLEANED, None]
    assert [r["id"] for r in got] == [0, 1, 2, 3, 9] and all(r["score"] for r in got)
    assert json.loads(got[1]["cleaner"])["changes"] == {"entities.well-formed": 2, "tidy.trailing-space": 1}


def test_python_generators_stream_texts_and_records() -> None:
    pipeline = Pipeline()
    assert list(pipeline.clean_many(r["text"] for r in GOOD)) == CLEANED
    out = list(pipeline.clean_records(iter(GOOD), "text", annotate="cleaner"))
    assert [r["text"] for r in out] == CLEANED and out[0]["meta"] == GOOD[0]["meta"]
    assert "text" in GOOD[0] and GOOD[0]["text"].startswith("The cafÃ©"), "the input records are not modified"
    with pytest.raises(RecordError, match="record 1: its text field 'text' is missing"):
        list(pipeline.clean_records([GOOD[0], {"id": 1}]))
    assert [r.get("id") for r in pipeline.clean_records([GOOD[0], {"id": 1}], on_error="keep")] == [0, 1]
    assert len(list(pipeline.clean_records([GOOD[0], {"id": 1}], on_error="skip"))) == 1


def test_pandas_recipe() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(GOOD)
    pipeline = Pipeline()
    frame["text"] = list(pipeline.clean_many(frame["text"]))
    assert frame["text"].tolist() == CLEANED


@pytest.mark.slow
def test_hugging_face_datasets_recipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's recipe: batched map over worker processes."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_list([dict(r) for r in GOOD] * 5)
    pipeline = Pipeline()

    def clean_batch(batch: dict) -> dict:
        return {"text": list(pipeline.clean_many(batch["text"]))}

    cleaned = ds.map(clean_batch, batched=True, batch_size=4, num_proc=2)
    assert cleaned["text"] == CLEANED * 5 and cleaned["id"] == [r["id"] for r in GOOD] * 5


def test_a_records_url_names_its_source_by_host() -> None:
    record = {"url": "https://www.scmp.com/news/1", "text": "A plain article with no signature at all.\n"}
    out = next(Pipeline().clean_records([record], url_field="url", annotate="cleaner"))
    assert out["cleaner"]["source"] == "scmp" and out["cleaner"]["host"] == "scmp.com"
    other = next(Pipeline().clean_records([dict(record, url="https://notscmp.com/x")], url_field="url", annotate="c"))
    assert other["c"]["source"] is None
