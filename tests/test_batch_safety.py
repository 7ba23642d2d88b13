"""Batch runs lose nothing and never stall: locks, stale temporaries, modes, odd files, links, interrupts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from cleaner import batch
from cleaner.batch import TEMP_SUFFIX
from cleaner.cli import main


def run(*args: str) -> object:
    return CliRunner().invoke(main, ["clean", *args])


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_second_run_writing_to_the_same_folder_is_refused(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", {"a.txt": "A.\n"})
    out = tmp_path / "out"
    with batch.output_lock(out):
        result = run(str(src), "-o", str(out))
    assert result.exit_code == 2
    assert "another cleaner run is writing to" in result.stderr
    assert not (out / "a.txt").exists()
    assert run(str(src), "-o", str(out)).exit_code == 0  # the lock goes with the run that held it


def test_temporary_files_left_by_an_interrupted_run_are_removed(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", {"a.txt": "A.\n", "sub/b.txt": "B.\n"})
    out = tree(tmp_path / "out", {f".a.txt.x1{TEMP_SUFFIX}": "half", f"sub/.b.txt.x2{TEMP_SUFFIX}": "half"})
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert not list(out.rglob("*" + TEMP_SUFFIX))
    assert "removed 2 temporary file(s)" in result.stderr


def test_outputs_get_the_permissions_the_umask_allows(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", {"a.txt": "A.\n"})
    subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(tmp_path / "out"), "-q"],
        cwd=ROOT,
        check=True,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert (tmp_path / "out" / "a.txt").stat().st_mode & 0o777 == 0o644


def test_a_named_pipe_among_the_inputs_is_refused_without_waiting(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", {"a.txt": "A.\n"})
    os.mkfifo(src / "pipe.txt")
    result = run(str(src), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 1
    assert "pipe.txt: not a regular file (a named pipe)" in result.stderr
    assert (tmp_path / "out" / "a.txt").read_text() == "A.\n"


def test_a_device_is_refused_and_never_read(tmp_path: Path) -> None:
    result = run("/dev/zero", "-o", str(tmp_path / "out.txt"), "--max-size", "1M")
    assert result.exit_code == 1
    assert "not a regular file (a character device)" in result.stderr


def test_at_most_the_size_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 100_000)
    asked: list[int] = []
    real = os.fdopen

    class Counting:
        def __init__(self, f: object) -> None:
            self.f = f

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.f.close()  # type: ignore[attr-defined]

        def read(self, n: int = -1) -> bytes:
            asked.append(n)
            return self.f.read(n)  # type: ignore[attr-defined]

    monkeypatch.setattr(batch.os, "fdopen", lambda fd, mode: Counting(real(fd, mode)))
    with pytest.raises(Exception, match="over the size limit of 1,024 bytes"):
        batch.read_input(big, 1024)
    assert asked == [1025]


def test_a_link_loop_is_named_and_passed_over(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", {"a/x.txt": "X.\n"})
    (src / "a" / "back").symlink_to(src, target_is_directory=True)
    result = run(str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "a" / "x.txt").read_text() == "X.\n"
    assert "a link to a folder read already" in result.stderr and "back" in result.stderr


def test_a_linked_folder_is_followed(tmp_path: Path) -> None:
    elsewhere = tree(tmp_path / "elsewhere", {"y.txt": "Y.\n"})
    src = tree(tmp_path / "in", {"x.txt": "X.\n"})
    (src / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert run(str(src), "-o", str(tmp_path / "out")).exit_code == 0
    assert (tmp_path / "out" / "linked" / "y.txt").read_text() == "Y.\n"


def test_an_unreadable_folder_is_a_failure_not_a_silent_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tree(tmp_path / "in", {"a.txt": "A.\n", "locked/b.txt": "B.\n"})
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = run(str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "locked: folder not read: permission denied" in result.stderr


def test_inputs_passed_over_are_named(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", {"a.txt": "A.\n", ".hidden.txt": "H.\n", "cleaned/old.txt": "O.\n"})
    result = run(str(src), "-o", str(src / "cleaned"))
    assert result.exit_code == 0, result.output
    assert "passed over (2):" in result.stderr
    assert f"{src / '.hidden.txt'}: hidden file" in result.stderr
    assert f"{src / 'cleaned'}: the output folder" in result.stderr


def test_several_input_folders_keep_their_names(tmp_path: Path) -> None:
    x = tree(tmp_path / "x", {"same.txt": "From x.\n"})
    y = tree(tmp_path / "y", {"same.txt": "From y.\n"})
    assert run(str(x), str(y), "-o", str(tmp_path / "out")).exit_code == 0
    assert (tmp_path / "out" / "x" / "same.txt").read_text() == "From x.\n"
    assert (tmp_path / "out" / "y" / "same.txt").read_text() == "From y.\n"


def test_no_input_file_found_is_not_success(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no input files found" in result.stderr


def test_one_file_into_one_named_file(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text("Body.  \n")
    result = run(str(tmp_path / "in.txt"), "-o", str(tmp_path / "out.txt"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.txt").read_text() == "Body.\n"


def test_standard_input_into_a_named_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", "-", "-o", str(tmp_path / "out.txt")], input=b"Body.  ")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert (tmp_path / "out.txt").read_text() == "Body.\n"


def test_an_output_that_cannot_be_written_is_blamed_on_the_output(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", {"a.txt": "A.\n"})
    out = tmp_path / "out"
    (out / "a.txt").mkdir(parents=True)  # a folder where the output file should go
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 1
    assert f"its output {out / 'a.txt'} could not be written" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "max_removed_share=abc"], "max_removed_share"),
        (["--set", "max_removed_share=7"], "max_removed_share"),
        (["--max-size", "-5"], "is not a size"),
        (["--time-limit", "0"], "time-limit"),
        (["--encoding", "no-such-codec"], "no-such-codec"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    src = tree(tmp_path / "in", {"a.txt": "A.\n"})
    result = run(str(src), "-o", str(tmp_path / "out"), *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


@pytest.mark.slow
def test_ctrl_c_exits_130_with_one_line_and_leaves_only_whole_outputs(tmp_path: Path) -> None:
    body = "A paragraph of an article that goes on for a while, as articles do.\n\n" * 40
    src = tree(tmp_path / "in", {f"{i:04}.txt": body for i in range(3000)})
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "-j", "2"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (out.exists() and any(out.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted:" in err and "--skip-existing" in err
    assert not list(out.rglob("*" + TEMP_SUFFIX))
    for f in out.iterdir():
        assert f.read_text() == body.rstrip("\n") + "\n" or f.read_text() == body
