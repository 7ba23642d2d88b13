"""names suggest: groups of spellings a person should review; it never changes text."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from cleaner import Pipeline, rules, suggest
from cleaner.cli import main
from cleaner.rules import Rule


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


def test_finds_the_joe_tsai_group_in_the_samples_and_says_it_is_covered() -> None:
    result = CliRunner().invoke(main, ["names", "suggest", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    first = result.stdout.split("\ngroup 2")[0]
    for name in ("Cai Chongxin", "Chua Chongxin", "Joe Tsai"):
        assert name in first
    assert "already in the table: names.joe-tsai" in first
    assert "nothing to add" in first and "[[names]]" not in first  # nothing to paste over the entry


def pasted(report: str, folder: Path) -> Path:
    """The TOML entries of a report, unindented, written into a rules folder as a user would paste them."""
    blocks = re.findall(r"^  \[\[names\]\]\n(?:  \S.*\n)+", report, re.MULTILINE)
    (folder / "people.toml").write_text("\n".join(textwrap.dedent(b) for b in blocks), encoding="utf-8")
    return folder


def report(texts: list[str], entries: list[Rule]) -> str:
    return suggest.render(suggest.groups(suggest.mentions(texts), texts), entries)


def test_a_covered_person_gets_only_the_missing_spellings_added_to_its_entry(tmp_path: Path) -> None:
    text = report(["Cai Chongxin met Choi Chongxin. Joe Tsai said so; Joe agreed."], rules.load().for_pass("names"))
    assert "to add 'Choi Chongxin' to names.joe-tsai" in text
    assert text.count("[[names]]") == 1 and 'id = "names.joe-tsai"' in text
    pipeline = Pipeline(["names"], rules=pasted(text, tmp_path))  # pasting it loses nothing the table had
    before = "Choi Chongxin, Tsai Chung-hsin and Joseph Tsai met Zhang Yong at Alibaba; Ma Yun too."
    assert pipeline.clean(before) == "Joe Tsai, Joe Tsai and Joe Tsai met Daniel Zhang at Alibaba; Jack Ma too."


def test_a_new_person_gets_a_new_entry_that_loads(tmp_path: Path) -> None:
    text = report(["Tony Leung Chiu-wai starred. Later Tony Leung spoke, and Leung Chiu-wai smiled."], [])
    assert 'id = "names.tony-leung"' in text and 'canonical = "Tony Leung"' in text
    assert Pipeline(["names"], rules=pasted(text, tmp_path)).clean("Leung Chiu-wai") == "Tony Leung"


def test_a_group_spanning_two_entries_gets_nothing_to_paste() -> None:
    def person(rule_id: str, canonical: str, variants: list[str]) -> Rule:
        params = {"canonical": canonical, "variants": variants, "context_variants": (), "context": ()}
        return Rule(rule_id, "names", "c", "people.toml", params=params, line=1)

    entries = [person("names.a", "Joe Tsai", ["Cai Chongxin"]), person("names.b", "Chua C", ["Chua Chongxin"])]
    text = report(["Cai Chongxin met Chua Chongxin."], entries)
    assert "already in the table: names.a, people.toml:1, names.b, people.toml:1" in text
    assert "spans 2 entries" in text and "[[names]]" not in text


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
