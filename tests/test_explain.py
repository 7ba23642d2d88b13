"""cleaner explain: each change in the input's own line numbers, shown where it happened; refusals too."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main

TEXT = (
    "Title of the piece\n"
    "\n"
    "The café owner said it’s a long line with mojibake in it and more words after it.\n"
    "\n"
    "Share this article\n"
    "Cai Chongxin spoke at the meeting on Tuesday and said the group would keep investing.\n"
)
BROKEN = TEXT.replace("café", "cafÃ©").replace("it’s", "itâ€™s")


def explain(tmp_path: Path, text: str) -> str:
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(f)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_line_numbers_are_the_input_files_even_after_lines_were_removed(tmp_path: Path) -> None:
    out = explain(tmp_path, BROKEN)
    assert '    line 5: - "Share this article\\n"' in out
    assert "    line 6: …[-Cai Chongxin-]{+Joe Tsai+} spoke at the meeting" in out


def test_a_mojibake_repair_shows_the_changed_characters_in_context(tmp_path: Path) -> None:
    out = explain(tmp_path, BROKEN)
    line = next(x for x in out.splitlines() if x.startswith("    line 3:"))
    assert "The caf[-Ã©-]{+é+} owner" in line and "it[-â€™-]{+’+}s a long" in line


def test_when_the_guard_keeps_everything_explain_shows_what_the_rules_wanted(tmp_path: Path) -> None:
    out = explain(tmp_path, "Share this article\nFollow us on Twitter\nSign up for our newsletter\nA line.\n")
    assert "flagged: kept everything" in out
    assert "share.bar: kept by the guard: line 1: 'Share this article'" in out
