"""The command line: batch cleaning that never loses data, explain, passes, rules check."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, sample_files

from cleaner import batch
from cleaner.batch import TEMP_SUFFIX
from cleaner.cli import main

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
FR = "Le président a déclaré que l'économie française était « très forte ».\n"
ZH = "阿里巴巴集团董事会主席蔡崇信在迪拜发表讲话，谈到了人工智能。\n"


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The samples plus the awkward files a real scrape folder holds."""
    root = tmp_path / "in"
    shutil.copytree(SAMPLES, root)
    (root / "odd").mkdir()
    (root / "odd" / "empty.txt").write_bytes(b"")
    (root / "odd" / "picture.png").write_bytes(PNG)
    (root / "odd" / "french-cp1252.txt").write_bytes(FR.encode("cp1252"))
    (root / "odd" / "french-utf16-nobom.txt").write_bytes(FR.encode("utf-16-le"))
    (root / "odd" / "chinese-gb18030.txt").write_bytes(ZH.encode("gb18030"))
    (root / "odd" / "Économie à Zürich 北京.txt").write_bytes("Grüße aus Zürich.  \n".encode())
    return root


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_mixed_folder_cleans_good_files_reports_bad_and_keeps_inputs(corpus: Path, tmp_path: Path, jobs: str) -> None:
    before = digest(corpus)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(corpus), "-o", str(out), "-j", jobs])
    assert result.exit_code == 1, result.output
    assert digest(corpus) == before, "an input byte changed"
    odd = out / "odd"
    assert (odd / "empty.txt").read_bytes() == b""
    assert (odd / "french-cp1252.txt").read_text(encoding="utf-8") == FR
    assert (odd / "french-utf16-nobom.txt").read_text(encoding="utf-8") == FR
    assert (odd / "chinese-gb18030.txt").read_text(encoding="utf-8") == ZH
    assert (odd / "Économie à Zürich 北京.txt").read_text(encoding="utf-8") == "Grüße aus Zürich.\n"
    assert not (odd / "picture.png").exists()
    for sample in sample_files():
        assert (out / sample.relative_to(SAMPLES)).is_file()
    assert f"{corpus}/odd/picture.png: binary data (a PNG image), not text" in result.stderr
    assert "10 of 11 files cleaned, 1 failed" in result.stderr
    changes = next(line for line in result.stderr.splitlines() if line.startswith("changes by pass: "))
    assert "boilerplate" in changes and " 0" not in changes, "passes that changed nothing are left out"
    assert f"output: {out}\n" in result.stderr
    assert not list(out.rglob("*" + TEMP_SUFFIX)), "a temporary file was left behind"


def test_all_good_exits_zero_and_output_mirrors_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(digest(out)) == sorted(str(p.relative_to(SAMPLES)) for p in sample_files())


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(b"Body.  ")
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert src.read_bytes() == b"Body.  "
    assert "would overwrite an input file" in result.stderr


def test_two_inputs_never_share_an_output(tmp_path: Path) -> None:
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "same.txt").write_text(f"from {d}\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["clean", str(tmp_path / "x" / "same.txt"), str(tmp_path / "y" / "same.txt"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert (out / "same.txt").read_text() == "from x\n"
    assert "is already the output of" in result.stderr


def test_output_folder_inside_input_folder_is_not_cleaned_again(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A.\n")
    out = tmp_path / "cleaned"
    for _ in range(2):
        result = CliRunner().invoke(main, ["clean", str(tmp_path), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert digest(out).keys() == {"a.txt"}


def test_too_large_and_unreadable_files_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_text("x" * 5000)
    (tmp_path / "in" / "locked.txt").write_text("secret")
    (tmp_path / "in" / "ok.txt").write_text("fine")
    real = os.open

    def guarded_open(path: Any, flags: int, *args: Any) -> int:
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", guarded_open)
    result = CliRunner().invoke(
        main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--max-size", "4K", "-j", "1"]
    )
    assert result.exit_code == 1
    assert "big.txt: over the size limit of 4,096 bytes (--max-size)" in result.stderr
    assert "locked.txt: permission denied" in result.stderr
    assert (tmp_path / "out" / "ok.txt").read_text() == "fine\n"


def test_missing_input_is_reported(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nope.txt: no such file or folder" in result.stderr


def test_skip_existing_resumes_a_batch(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("new  ")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.txt").write_text("kept")
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--skip-existing"])
    assert result.exit_code == 0
    assert (tmp_path / "out" / "a.txt").read_text() == "kept"
    assert "1 skipped" in result.stderr


def test_stdin_to_stdout() -> None:
    result = CliRunner().invoke(main, ["clean", "-", "-q"], input="Body.  \r\n\r\n\r\nMore.".encode("utf-16"))
    assert result.exit_code == 0
    assert result.stdout_bytes == b"Body.\n\nMore.\n"


def test_pass_options_from_the_command_line() -> None:
    text = "“It’s” fine."
    plain = CliRunner().invoke(main, ["clean", "-", "-q"], input=text.encode())
    straight = CliRunner().invoke(main, ["clean", "-", "-q", "--set", "straighten_quotes=true"], input=text.encode())
    assert plain.stdout == "“It’s” fine.\n" and straight.stdout == '"It\'s" fine.\n'
    bad = CliRunner().invoke(main, ["clean", "-", "--set", "no_such_option=1"], input=b"x")
    assert bad.exit_code == 2 and "unknown option(s) no_such_option" in bad.stderr


def test_stdin_binary_fails_with_exit_1() -> None:
    result = CliRunner().invoke(main, ["clean", "-"], input=PNG)
    assert result.exit_code == 1
    assert "standard input: binary data (a PNG image), not text" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["clean", "x.txt"], "give an output folder"),
        (["clean", "-", "x.txt"], "cannot be combined"),
        (["clean", "-", "--passes", "decode,nope"], "unknown pass 'nope'"),
        (["clean", "-", "--source", "nowhere"], "unknown source 'nowhere'"),
        (["clean", "-", "--passes", "tidy"], "--passes must include decode"),
    ],
    ids=["no-output", "stdin-and-files", "unknown-pass", "unknown-source", "no-decode"],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args, input=b"")
    assert result.exit_code == 2
    assert message in result.stderr


def test_broken_rules_exit_2_naming_the_rule(tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text('[[tidy]]\nid = "mine"\ncomment = "x"\nbad = 1\n')
    result = CliRunner().invoke(main, ["clean", str(SAMPLES), "-o", str(tmp_path / "o"), "--rules", str(tmp_path)])
    assert result.exit_code == 2
    assert "r.toml:2: rule 'mine': unknown key(s) bad" in result.stderr


def test_explain_groups_changes_by_pass_and_rule(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("Title  \r\n\r\n\r\n\r\nBody.".encode("cp1252"))
    result = CliRunner().invoke(main, ["explain", str(f)])
    assert result.exit_code == 0
    text = result.stdout
    assert "decode.utf-8: read as utf-8 (confidence 1.00)" in text
    assert "\ntidy: 3 changes\n" in text
    assert "  tidy.trailing-space (1): Spaces and invisible characters at the end of a line are removed.\n" in text
    assert "    line 1: …Title[-  -]…\n" in text  # a short change is shown in its context
    data = json.loads(CliRunner().invoke(main, ["explain", "--json", str(f)]).stdout)
    assert {c["rule"] for c in data["changes"]} >= {"decode.line-breaks", "tidy.blank-lines"}


def test_passes_lists_the_default_order() -> None:
    names = [line.split()[0] for line in CliRunner().invoke(main, ["passes"]).stdout.splitlines()]
    assert names[0] == "decode" and names[-1] == "tidy" and "mojibake" in names


def test_rules_check(tmp_path: Path) -> None:
    ok = CliRunner().invoke(main, ["rules", "check"])
    assert ok.exit_code == 0 and ok.stdout.startswith("ok: ")
    (tmp_path / "r.toml").write_text('[[tidy]]\nid = "tidy.final-newline"\nenabled = false\n[[tidy]]\nid = "x"\n')
    bad = CliRunner().invoke(main, ["rules", "check", str(tmp_path)])
    assert bad.exit_code == 1
    assert "rule 'x': needs a one-line 'comment'" in bad.stderr
    (tmp_path / "r.toml").write_text(
        '[[names]]\nid = "names.x"\ncanonical = "X Y"\nvariants = ["Ma Yun"]\ncomment = "c"\n'
    )
    clash = CliRunner().invoke(main, ["rules", "check", str(tmp_path)])
    assert clash.exit_code == 1 and "also claimed by 'names.jack-ma'" in clash.stderr


def test_plan_mirrors_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "in" / "a" / "b").mkdir(parents=True)
    (tmp_path / "in" / "a" / "b" / "c.txt").write_text("x")
    (tmp_path / "in" / ".hidden").write_text("x")
    jobs, found = batch.plan([tmp_path / "in"], tmp_path / "out")
    assert [j.dst for j in jobs] == [tmp_path / "out" / "a" / "b" / "c.txt"] and not found.failed
    assert found.passed_over == [(str(tmp_path / "in" / ".hidden"), "hidden file")]


def test_installed_command_starts() -> None:
    exe = Path(sys.executable).with_name("cleaner")
    if not exe.exists():
        pytest.skip("the cleaner command is not installed beside this Python")
    done = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True)
    assert "clean" in done.stdout
