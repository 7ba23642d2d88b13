"""The built wheel ships the rules, and the installed package uses them without the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{done.stderr[-2000:]}")
    return next(out.glob("news_cleaner-*.whl"))


def test_wheel_contains_every_rules_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    ours = {f"cleaner/builtin_rules/{p.relative_to(ROOT / 'rules')}" for p in (ROOT / "rules").rglob("*.toml")}
    assert ours and ours <= names


def test_wheel_contains_every_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    ours = {p.relative_to(ROOT).as_posix() for p in (ROOT / "cleaner").rglob("*.py")}
    assert ours and ours <= names, sorted(ours - names)


def test_wheel_ships_the_review_page_and_the_pytest_plugin(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    assert "cleaner/review/report.html" in archive.namelist()
    entry_points = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
    text = archive.read(entry_points).decode()
    assert "[pytest11]\ncleaner.review.pytest_plugin = cleaner.review.pytest_plugin" in text


def test_wheel_ships_the_line_model_and_its_data_card(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"cleaner/linemodel/linemodel-v1.json", "cleaner/linemodel/DATA_CARD.md"} <= names


def test_installed_wheel_loads_its_rules_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import cleaner, cleaner.rules as r; "
        f"assert cleaner.__file__.startswith({str(site)!r}), cleaner.__file__; "
        "print(len(r.load().rules), repr(cleaner.clean('A.  ')))"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    count, text = done.stdout.split(maxsplit=1)
    assert int(count) > 0 and text.strip() == "'A.\\n'"


def test_source_tree_import_finds_the_rules_without_an_install() -> None:
    """A script or notebook started in the repository imports the source tree's ``cleaner``, not the installed one."""
    code = (
        "import sys; "
        "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "
        f"sys.path.insert(0, {str(ROOT)!r}); "
        "import cleaner; "
        f"assert cleaner.__file__.startswith({str(ROOT)!r}), cleaner.__file__; "
        "print(repr(cleaner.clean('Hello &amp; world')))"
    )
    done = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "'Hello & world\\n'"
