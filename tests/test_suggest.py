"""names suggest: groups of spellings a person should review; it never changes text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from cleaner import suggest
from cleaner.cli import main


@pytest.mark.parametrize(
    ("spellings", "surname"),
    [(["cai", "tsai", "choi", "chua"], "蔡"), (["wu", "ng"], "吴"), (["zhang", "cheung", "chang"], "张")],
    ids=["cai", "wu", "zhang"],
)
def test_romanisations_of_one_surname_share_a_family(spellings: list[str], surname: str) -> None:
    families = suggest.surname_families()
    assert all(surname in families[s] for s in spellings)


def test_pinyin_and_wade_giles_given_names_meet() -> None:
    assert suggest.given_forms("Chongxin") & suggest.given_forms("Chung-hsin")
    assert not suggest.given_forms("Katzenberg")


def groups_of(texts: list[str]) -> list[set[str]]:
    return [{m.name for m in g} for g, _ in suggest.groups(suggest.mentions(texts), texts)]


def test_finds_the_joe_tsai_group_in_the_samples() -> None:
    result = CliRunner().invoke(main, ["names", "suggest", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    first = result.stdout.split("\ngroup 2")[0]
    for name in ("Cai Chongxin", "Chua Chongxin", "Joe Tsai"):
        assert name in first
    assert 'canonical = "Joe Tsai"' in first and 'variants = ["Cai Chongxin", "Chua Chongxin"]' in first


def test_english_name_with_chinese_given_name() -> None:
    texts = ["Eddie Wu Yongming took over.", "Eddie Wu said so. Later Wu Yongming spoke."]
    assert {"Eddie Wu Yongming", "Eddie Wu", "Wu Yongming"} in groups_of(texts)


def test_wade_giles_and_pinyin_spellings_group() -> None:
    assert {"Tsai Chung-hsin", "Cai Chongxin"} in groups_of(["Tsai Chung-hsin spoke.", "Cai Chongxin spoke."])


def test_namesakes_are_not_grouped() -> None:
    texts = ["Jack Ma met Ma Long and Ma Huateng. Zhang Yiming and Zhang Yong were there too."]
    assert groups_of(texts) == []


def test_it_changes_nothing(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Cai Chongxin met Chua Chongxin.\n")
    before = f.read_bytes()
    result = CliRunner().invoke(main, ["names", "suggest", str(tmp_path)])
    assert result.exit_code == 0 and f.read_bytes() == before
    assert "Cai Chongxin" in result.stdout
