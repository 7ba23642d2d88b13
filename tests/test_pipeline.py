"""The pipeline contract that every pass relies on: explained, replayable, reusable, shippable."""

from __future__ import annotations

import pickle
import re
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import sample_files

import cleaner
from cleaner import Document, Pass, Pipeline, replay
from cleaner.document import Edit
from cleaner.errors import ConfigError
from cleaner.pipeline import registry
from cleaner.rules import Field

MESSY = "\ufeffTitle  \r\n\r\n\r\n\u00a0\r\nBody one.\u200b\r\n\r\nBody two.  "


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def texts() -> list[str]:
    return [MESSY] + [p.read_text(encoding="utf-8") for p in sample_files()]


def test_one_call_api() -> None:
    assert cleaner.clean(MESSY) == "Title\n\nBody one.\n\nBody two.\n"
    assert cleaner.clean(MESSY.encode("utf-16")) == "Title\n\nBody one.\n\nBody two.\n"


def test_explaining_does_not_change_the_output(pipeline: Pipeline) -> None:
    for text in texts():
        assert pipeline.clean_and_explain(text).text == pipeline.clean(text)


def test_replaying_the_changes_reproduces_the_output(pipeline: Pipeline) -> None:
    for text in texts():
        out, changes = pipeline.clean_and_explain(text)
        assert replay(text, changes) == out


def test_every_change_names_pass_rule_and_line(pipeline: Pipeline) -> None:
    changes = pipeline.clean_and_explain(MESSY).changes
    assert changes, "the messy text needs changes"
    rules = pipeline.ruleset.rules
    for c in changes:
        assert c.pass_name in pipeline.names
        assert c.rule in rules and rules[c.rule].pass_name == c.pass_name
        assert c.line >= 1 and c.before != c.after
    trailing = next(c for c in changes if c.rule == "tidy.trailing-space")
    assert (trailing.line, trailing.before) == (1, "  ")


def test_counts_equal_recorded_changes(pipeline: Pipeline) -> None:
    for text in texts():
        plain = pipeline.run(Document(text=text))
        explained = pipeline.run(Document(text=text, changes=[]))
        recorded: dict[str, int] = {}
        for c in explained.changes or []:
            if c.before or c.after:
                recorded[c.pass_name] = recorded.get(c.pass_name, 0) + 1
        assert dict(plain.counts) == recorded


def test_every_emitted_rule_id_exists_in_rules(pipeline: Pipeline) -> None:
    """Rule ids that pass code names literally must all be declared in rules/."""
    declared = set(pipeline.ruleset.rules)
    source_dir = Path(cleaner.__file__).parent / "passes"
    named = set()
    for module in source_dir.glob("*.py"):
        for name in registry():
            named |= set(re.findall(rf'"({re.escape(name)}\.[a-z0-9.-]+)"', module.read_text()))
    assert named, "the passes name their rules"
    assert named <= declared, f"rule ids used in code but missing from rules/: {sorted(named - declared)}"


def test_cleaning_clean_text_changes_nothing(pipeline: Pipeline) -> None:
    articles = Path(__file__).parent / "articles"
    inputs = texts() + [p.read_text(encoding="utf-8") for p in articles.glob("*.txt")]
    for text in inputs:
        once = pipeline.clean(text)
        assert pipeline.clean(once) == once


def test_pickled_pipeline_cleans_the_same(pipeline: Pipeline) -> None:
    copy = pickle.loads(pickle.dumps(pipeline))
    for text in texts():
        assert copy.clean(text) == pipeline.clean(text)


def test_one_pipeline_from_many_threads(pipeline: Pipeline) -> None:
    inputs = texts() * 20
    expected = [pipeline.clean(t) for t in inputs]
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(pipeline.clean, inputs)) == expected


def test_rules_are_read_once_per_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = Pipeline()

    def no_disk(*args: object, **kwargs: object) -> None:
        raise AssertionError("rules read from disk during a call")

    monkeypatch.setattr(tomllib, "loads", no_disk)
    monkeypatch.setattr(Path, "read_text", no_disk)
    assert pipeline.clean(MESSY).startswith("Title")
    assert cleaner.clean(MESSY) == cleaner.clean(MESSY)  # the one-call API reuses its pipeline


def test_named_subset_runs_only_those_passes() -> None:
    assert Pipeline(["tidy"]).clean("\ufeffa\r\nb") == "\ufeffa\nb\n"
    assert Pipeline(["decode"]).clean("\ufeffa\r\nb") == "a\nb"


def test_bytes_need_the_decode_pass() -> None:
    with pytest.raises(ConfigError, match="no decode pass"):
        Pipeline(["tidy"]).clean(b"Body.")


def test_unknown_pass_and_option_are_errors() -> None:
    with pytest.raises(ConfigError, match="unknown pass 'tidyy'"):
        Pipeline(["decode", "tidyy"])
    with pytest.raises(ConfigError, match="unknown option"):
        Pipeline(straighten_quotez=True)


class Shout(Pass):
    """A user's own pass, composed with built-in ones without touching the core."""

    name = "shout"
    summary = "upper-case words listed by rules"
    rule_keys = {"words": Field(list, required=True, regex=True)}
    defaults = {"marker": ""}

    def apply(self, text: str, doc: Document) -> str:
        for rule in self.rules.values():
            for pattern in rule["words"]:
                text = self.sub(doc, rule.id, pattern, lambda m: m.group().upper() + self.options["marker"], text)
        return text


def test_a_new_pass_plugs_in_with_its_own_rules_and_options(tmp_path: Path) -> None:
    (tmp_path / "shout.toml").write_text(
        '[[shout]]\nid = "shout.names"\ncomment = "Company names in capitals."\nwords = ["alibaba"]\n'
    )
    p = Pipeline(["decode", Shout, "tidy"], rules=tmp_path, marker="!")
    out, changes = p.clean_and_explain("alibaba said  ")
    assert out == "ALIBABA! said\n"
    assert [(c.pass_name, c.rule) for c in changes] == [
        ("shout", "shout.names"),
        ("tidy", "tidy.trailing-space"),
        ("tidy", "tidy.final-newline"),
    ]


class Eraser(Pass):
    name = "eraser"
    summary = "removes everything, as a rule gone wrong would"

    def apply(self, text: str, doc: Document) -> str:
        return doc.edit(self.name, text, [Edit(0, len(text), "", "eraser.all")])


def test_a_pass_that_would_empty_a_document_is_undone_and_flagged() -> None:
    doc = Pipeline([Eraser, "tidy"]).document("A whole article.\n", explain=True)
    assert doc.text == "A whole article.\n"
    assert any("eraser" in f for f in doc.flags)
    assert not [c for c in doc.changes or [] if c.pass_name == "eraser" and c.before]
    assert doc.counts["eraser"] == 0


def test_a_document_with_nothing_visible_is_flagged_when_it_comes_out_empty() -> None:
    doc = Pipeline().document("\u200b\u200b \n\u00ad\n")
    assert doc.text == "" and doc.flags


def test_one_call_api_sees_edits_to_the_users_rules(tmp_path: Path) -> None:
    rule = '[[boilerplate]]\nid = "mine.promo"\ncomment = "A promo line."\npattern = "{}"\n'
    (tmp_path / "mine.toml").write_text(rule.format("Buy our mug"), encoding="utf-8")
    text = "A first sentence that stays.\nBuy our mug\nA second sentence that stays.\nBuy our hat\nThe end of it all.\n"
    assert "Buy our mug" not in cleaner.clean(text, rules=tmp_path)
    (tmp_path / "mine.toml").write_text(rule.format("Buy our hat"), encoding="utf-8")
    again = cleaner.clean(text, rules=tmp_path)
    assert "Buy our mug" in again and "Buy our hat" not in again


def test_an_unknown_source_is_an_error_in_python_as_on_the_command_line() -> None:
    with pytest.raises(cleaner.ConfigError, match="unknown source 'nyt'"):
        cleaner.clean("Text.", source="nyt")


@pytest.mark.parametrize(
    "text",
    [
        "Cai Chongxin\n\nJoseph Tsai said",
        "Share this article\nThe.\nThe the the Cai Chongxin",
        "Tsai Chung-hsin\nTsai Chung-hsin spoke today and said a lot.\n",
    ],
)
def test_standardised_names_never_change_what_a_second_run_removes(text: str) -> None:
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once
