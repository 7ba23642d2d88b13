"""cleaner diff: samples against golden files, each differing line with the rule behind it; accepting; the plugin."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GOLDEN, ROOT, SAMPLES

import cleaner
from cleaner.cli import main
from cleaner.review.trace import trace

AI = "ai_insights/003_b8bf9e53db776df1.txt"
SCMP = "scmp/004_4902556db8624934.txt"
TTM = "ttm/002_176cb876e40a5867.txt"

# A user rule that changes two of the samples: "Alibaba Group Holding" is in ai_insights and scmp only.
COMPANY_RULE = """
[[names]]
id = "user.alibaba-group"
canonical = "Alibaba Group"
variants = ["Alibaba Group Holding"]
comment = "One name for the company."
"""
# A user rule that removes one line of one sample.
LABEL_RULE = """
[[boilerplate]]
id = "user.in-depth"
kind = "line"
pattern = 'In-Depth AI Insights'
comment = "A section label."
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of this repository's samples and golden files, and an empty rules folder."""
    shutil.copytree(SAMPLES, tmp_path / "samples")
    shutil.copytree(GOLDEN, tmp_path / "golden")
    (tmp_path / "rules").mkdir()
    return tmp_path


def run(project: Path, *args: str):
    result = CliRunner().invoke(
        main, ["diff", str(project / "samples"), str(project / "golden"), "--rules", str(project / "rules"), *args]
    )
    assert result.exit_code in (0, 1), result.output
    return result


def marked(out: str) -> list[str]:
    """The diff's added and removed lines, without the file headers."""
    return [x for x in out.splitlines() if x[:1] in "+-" and not x.startswith(("+++ ", "--- "))]


def test_samples_that_match_their_golden_files_exit_0(project: Path) -> None:
    result = run(project)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "5 samples: 5 same, 0 differing, 0 golden file missing" in result.stderr


def test_a_user_rule_shows_exactly_the_lines_it_changed_with_its_id(project: Path) -> None:
    (project / "rules" / "company.toml").write_text(COMPANY_RULE, encoding="utf-8")
    result = run(project)
    assert result.exit_code == 1
    out = result.stdout
    golden_lines = [
        line
        for rel in (AI, SCMP)
        for line in (GOLDEN / rel).read_text(encoding="utf-8").splitlines()
        if "Alibaba Group Holding" in line
    ]
    assert sorted(marked(out)) == sorted(
        [f"-{x}" for x in golden_lines]
        + [f"+{x.replace('Alibaba Group Holding', 'Alibaba Group')}" for x in golden_lines]
    )
    notes = [x for x in out.splitlines() if x.startswith("#")]
    assert len(notes) == 2 * len(golden_lines)
    assert all("names user.alibaba-group" in x and "," not in x.split("(")[0] for x in notes), notes
    assert f"--- golden/{AI}" in out and f"+++ obtained/{SCMP}" in out
    assert "3 same, 2 differing, 0 golden file missing" in result.stderr


def test_a_removed_line_names_the_rule_and_its_input_line(project: Path) -> None:
    (project / "rules" / "label.toml").write_text(LABEL_RULE, encoding="utf-8")
    out = run(project).stdout
    at = (SAMPLES / AI).read_text(encoding="utf-8").split("\n").index("In-Depth AI Insights") + 1
    assert marked(out) == ["-In-Depth AI Insights"]
    assert f"#   removed by boilerplate user.in-depth (input line {at})" in out.splitlines()


def test_a_golden_file_expecting_a_change_no_rule_makes_says_so(project: Path) -> None:
    golden = project / "golden" / TTM
    text = golden.read_text(encoding="utf-8")
    golden.write_text(text.replace("Jack Ma was at a low point", "Jack Ma was at a lowpoint"), encoding="utf-8")
    out = run(project).stdout
    assert "#   no rule changed this line (input line " in out
    assert "#   no rule makes this line: the golden file expects a change" in out


def test_accept_one_file_then_the_rest(project: Path) -> None:
    (project / "rules" / "company.toml").write_text(COMPANY_RULE, encoding="utf-8")
    result = run(project, "--accept", str(project / "samples" / AI))
    assert result.exit_code == 0  # only the named file was compared
    assert f"accepted {AI}" in result.stderr
    assert "Alibaba Group chairman" in (project / "golden" / AI).read_text(encoding="utf-8")
    assert "Alibaba Group Holding" in (project / "golden" / SCMP).read_text(encoding="utf-8")
    again = run(project)
    assert again.exit_code == 1 and "1 differing" in again.stderr and f"golden/{AI}" not in again.stdout
    assert run(project, "--accept").exit_code == 0
    assert run(project).exit_code == 0
    leftovers = [p.name for p in (project / "golden").rglob("*") if p.name.startswith(".")]
    assert leftovers == []  # written through temporary files renamed into place, none left


def test_a_sample_without_golden_file_fails_until_accepted(project: Path) -> None:
    (project / "samples" / "new").mkdir()
    (project / "samples" / "new" / "a.txt").write_text("A new sample.   ", encoding="utf-8")
    result = run(project)
    assert result.exit_code == 1
    assert "new/a.txt: no golden file" in result.stdout and "1 golden file missing" in result.stderr
    assert not (project / "golden" / "new").exists()
    run(project, "--accept")
    assert (project / "golden" / "new" / "a.txt").read_text(encoding="utf-8") == "A new sample.\n"
    assert run(project).exit_code == 0


def test_golden_files_without_a_sample_are_listed_and_removed_only_when_asked(project: Path) -> None:
    orphan = project / "golden" / "gone" / "old.txt"
    orphan.parent.mkdir()
    orphan.write_text("old\n", encoding="utf-8")
    result = run(project, "--accept")
    assert result.exit_code == 1
    assert "gone/old.txt: golden file without a sample" in result.stdout
    assert orphan.exists()
    assert run(project, "--remove-orphans").exit_code == 0
    assert not orphan.exists()


def test_a_sample_that_cannot_be_cleaned_is_reported_and_fails(project: Path) -> None:
    (project / "samples" / "bad.txt").write_bytes(bytes(range(256)) * 8)
    result = run(project, "--stat")
    assert result.exit_code == 1
    assert result.stdout.startswith("! bad.txt  (could not be cleaned: ")
    assert "5 same, 0 differing, 0 golden file missing, 1 could not be cleaned" in result.stderr


def test_stat_and_json(project: Path) -> None:
    (project / "rules" / "company.toml").write_text(COMPANY_RULE, encoding="utf-8")
    (project / "samples" / "new").mkdir()
    (project / "samples" / "new" / "a.txt").write_text("Text.\n", encoding="utf-8")
    assert run(project, "--stat").stdout.splitlines() == [
        f"M {AI}  +1 -1",
        "A new/a.txt  (no golden file)",
        f"M {SCMP}  +1 -1",
    ]
    data = json.loads(run(project, "--json").stdout)
    assert data["summary"] == {"same": 3, "differs": 2, "missing": 1, "error": 0, "orphans": 0}
    by_path = {f["path"]: f for f in data["files"]}
    changed = [d for h in by_path[AI]["hunks"] for d in h["lines"] if d["op"] != " "]
    assert [d["op"] for d in changed] == ["-", "+"]
    assert all(d["why"]["rules"] == [{"pass": "names", "rule": "user.alibaba-group"}] for d in changed)


def test_colour_only_when_asked_or_on_a_terminal(project: Path) -> None:
    (project / "rules" / "company.toml").write_text(COMPANY_RULE, encoding="utf-8")
    assert "\x1b[" not in run(project).stdout
    coloured = run(project, "--color").stdout
    assert "\x1b[31m-" in coloured and "\x1b[32m+" in coloured


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--passes", "tidy"], "must include decode"),
        (["nowhere/x.txt"], "not a sample or golden file"),
        (["--source", "nobody"], "unknown source"),
    ],
    ids=["passes-without-decode", "unknown-path", "unknown-source"],
)
def test_usage_errors_exit_2(project: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["diff", str(project / "samples"), str(project / "golden"), *args])
    assert result.exit_code == 2 and message in result.output


def test_options_reach_the_pipeline(project: Path) -> None:
    result = run(project, "--set", "straighten_quotes=true", "--stat")
    assert result.exit_code == 1 and "M " in result.stdout  # curly quotes in the golden files now differ


def test_the_trace_ties_every_output_line_to_its_input() -> None:
    raw = "Share this article\nThe cafÃ© owner met Cai Chongxin.\n\n\n\nLast line.  \n"
    doc = cleaner.Pipeline().document(raw, explain=True)
    tr = trace(raw, doc.changes or [])
    assert [line.text for line in tr.lines] == doc.text.split("\n")[:-1]
    assert [line.origin for line in tr.lines] == [2, 3, 6]
    rules = [{doc.changes[k].rule for k in line.changes} for line in tr.lines]
    assert rules[0] >= {"names.joe-tsai"} and any(r.startswith("mojibake") for r in rules[0])
    assert doc.changes[tr.removed[1]].rule == "share.bar"
    assert {doc.changes[tr.removed[n]].pass_name for n in (4, 5)} == {"tidy"}


def test_every_sample_traces_back_to_its_input() -> None:
    pipeline = cleaner.Pipeline()
    for sample in SAMPLES.rglob("*.txt"):
        doc = pipeline.document(sample.read_bytes(), explain=True)
        tr = trace(doc.meta["original"], doc.changes or [])
        assert [line.text for line in tr.lines] == doc.text.split("\n")[:-1]
        for line in tr.lines:  # a line no change touched is its input line
            assert line.changes or tr.original[line.origin - 1] == line.text


PLUGIN_TEST = """
from pathlib import Path

import cleaner

HERE = Path(__file__).parent


def test_golden(golden):
    golden.check(HERE / "samples", HERE / "golden", cleaner.Pipeline(rules=HERE / "rules"))
"""


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest in a scratch project, with cleaner importable and its plugin installed as an entry point."""
    site = folder.parent / "site"
    info = site / "news_cleaner-0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: news-cleaner\nVersion: 0\n", encoding="utf-8")
    ep = "[pytest11]\ncleaner.review.pytest_plugin = cleaner.review.pytest_plugin\n"
    (info / "entry_points.txt").write_text(ep, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_pytest_plugin_in_a_users_project(project: Path) -> None:
    user = project / "user"
    for rel in (AI, SCMP, TTM):
        for folder in ("samples", "golden"):
            (user / folder / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(project / folder / rel, user / folder / rel)
    (user / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (user / "rules").mkdir()
    (user / "rules" / "company.toml").write_text(COMPANY_RULE, encoding="utf-8")
    (user / "test_golden.py").write_text(PLUGIN_TEST, encoding="utf-8")

    failed = pytest_in(user)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "names user.alibaba-group" in failed.stdout and f"+++ obtained/{SCMP}" in failed.stdout
    sidecars = sorted(p.relative_to(user / "golden").as_posix() for p in (user / "golden").rglob("*.obtained"))
    assert sidecars == [f"{AI}.obtained", f"{SCMP}.obtained"]
    assert "Alibaba Group chairman" in (user / "golden" / f"{AI}.obtained").read_text(encoding="utf-8")

    # A conftest that also names the plugin (as a source checkout needs) does not register it twice.
    (user / "conftest.py").write_text('pytest_plugins = ["cleaner.review.pytest_plugin"]\n', encoding="utf-8")
    accepted = pytest_in(user, "--update-golden")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Alibaba Group chairman" in (user / "golden" / AI).read_text(encoding="utf-8")
    assert not list((user / "golden").rglob("*.obtained"))
