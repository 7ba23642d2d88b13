"""The HTML review page: self-contained, and working in a real headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from chromium import Browser, find
from click.testing import CliRunner
from conftest import GOLDEN, SAMPLES
from test_review import AI, COMPANY_RULE, SCMP

from cleaner.cli import main

REQUIRED = bool(os.environ.get("CLEANER_REQUIRE_BROWSER"))  # set by .ci/run, which installs chromium
CHROMIUM = find()
needs_browser = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED,
    reason="no chromium on PATH: install it (apt-get install chromium) to run the browser test",
)
# Choose a rule in the rule filter, as a user does.
PICK_RULE = "{ const s = document.getElementById('f-rule'); s.value = '%s'; s.dispatchEvent(new Event('change')); }"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A review of the samples with a user rule changing two files, one new sample and one orphaned golden file."""
    shutil.copytree(SAMPLES, tmp_path / "samples")
    shutil.copytree(GOLDEN, tmp_path / "golden")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "company.toml").write_text(COMPANY_RULE, encoding="utf-8")
    (tmp_path / "samples" / "new").mkdir()
    (tmp_path / "samples" / "new" / "a.txt").write_text("A new sample </script> with <b>markup</b>.\n")
    (tmp_path / "golden" / "gone").mkdir()
    (tmp_path / "golden" / "gone" / "old.txt").write_text("old\n")
    page = tmp_path / "report.html"
    args = ["diff", str(tmp_path / "samples"), str(tmp_path / "golden"), "--rules", str(tmp_path / "rules")]
    result = CliRunner().invoke(main, [*args, "--html", str(page)])
    assert result.exit_code == 1, result.output
    return page


def test_the_page_is_one_file_that_needs_no_network(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"<(?:link|img|iframe)\b|<script[^>]*\bsrc=|@import|url\(", page)
    # Sample text cannot close the script block it is stored in.
    assert page.count("</script>") == page.count("<script")
    index = json.loads(re.search(r'<script type="application/json" id="index">(.*?)</script>', page).group(1))
    assert sorted((f["path"], f["status"]) for f in index["files"]) == sorted(
        [(AI, "differs"), (SCMP, "differs"), ("new/a.txt", "missing")]
        + [
            (p.relative_to(SAMPLES).as_posix(), "same")
            for p in SAMPLES.rglob("*.txt")
            if p.name not in (AI[-24:], SCMP[-24:])
        ]
    )
    assert index["orphans"] == ["gone/old.txt"]


@needs_browser
def test_the_page_in_chromium(report: Path, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.fail("CLEANER_REQUIRE_BROWSER is set but no chromium is on PATH")
    browser = Browser(CHROMIUM, tmp_path / "profile")
    try:
        browser.open(report.as_uri())
        assert browser.js("document.body.dataset.ready") == "1"
        counts = browser.js(
            "Object.fromEntries([...document.querySelectorAll('[data-count]')].map(e => [e.dataset.count, e.textContent]))"
        )
        assert counts == {"files": "6", "same": "3", "differs": "2", "missing": "1", "orphans": "1"}
        rows = "[...document.querySelectorAll('#filelist .file[data-i] .path')].map(r => r.textContent)"
        assert len(browser.js(rows)) == 6

        # Filter by the user's rule: only the two files it changed are listed, and its lines are labelled.
        browser.js(PICK_RULE % "user.alibaba-group")
        assert browser.js(rows) == [AI, SCMP]
        assert browser.js("document.getElementById('shown').dataset.shown") == "2"
        labelled = browser.js(
            "[...document.querySelectorAll('.diff .d-minus .chip, .diff .d-plus .chip')].map(c => c.textContent)"
        )
        assert labelled == ["user.alibaba-group", "user.alibaba-group"]
        struck = browser.js("[...document.querySelectorAll('.sbs .rewritten del.ch')].map(d => d.textContent)")
        assert [s.strip() for s in struck] == ["Holding"]

        # Keyboard: j opens the next file of the filtered list.
        browser.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j'}))")
        assert browser.js("document.querySelector('#detail h2').textContent").endswith(SCMP)

        # Removed lines are struck through and labelled with their rule.
        browser.js(PICK_RULE % "")
        browser.js("document.querySelector('#filelist .file[data-i]').click()")
        browser.screenshot(tmp_path / "report.png")
        assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert browser.errors == []
    finally:
        browser.close()


@needs_browser
def test_explain_html_shares_the_page(tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.fail("CLEANER_REQUIRE_BROWSER is set but no chromium is on PATH")
    page = tmp_path / "explain.html"
    sample = next(SAMPLES.rglob("blue_whale/*.txt"))
    result = CliRunner().invoke(main, ["explain", str(sample), "--html", str(page)])
    assert result.exit_code == 0, result.output
    browser = Browser(CHROMIUM, tmp_path / "profile")
    try:
        browser.open(page.as_uri())
        removed = browser.js(
            "[...document.querySelectorAll('.sbs .removed')].map(r => [r.querySelector('.raw').textContent, r.querySelector('.why').textContent])"
        )
        assert ["Photo source: Visual China", "caption.credit"] in removed
        assert browser.js("document.querySelector('[data-count=\"explained\"]').textContent") == "1"
        assert browser.errors == []
    finally:
        browser.close()
