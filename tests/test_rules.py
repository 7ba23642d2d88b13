"""Rules are data: validated when a pipeline is built, with errors that name file, line and rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Pipeline, rules
from cleaner.errors import RuleError


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


def problems(folder: Path) -> str:
    with pytest.raises(RuleError) as e:
        rules.load([folder])
    return str(e.value)


def test_builtin_rules_load_and_every_rule_has_a_comment() -> None:
    ruleset = rules.load()
    assert {"decode.line-breaks", "tidy.final-newline"} <= set(ruleset.rules)
    assert all(r.comment for r in ruleset.rules.values())


def test_builtin_rules_name_the_files_they_come_from() -> None:
    files = {rule.file for rule in rules.load().rules.values()}
    assert all(Path(f).is_file() and f.endswith(".toml") for f in files), files


BAD = [
    (
        "unknown-key",
        '[[tidy]]\nid = "my.rule"\ncomment = "x"\npatern = "x"\n',
        "user.toml:2: rule 'my.rule': unknown key(s) patern",
    ),
    ("no-comment", '[[tidy]]\nid = "my.rule"\n', "rule 'my.rule': needs a one-line 'comment'"),
    ("unknown-pass-table", '[[tidyy]]\nid = "my.rule"\ncomment = "x"\n', "unknown table [[tidyy]]"),
    ("bad-id", '[[tidy]]\nid = "My Rule"\ncomment = "x"\n', "needs an id of lower-case letters"),
    ("not-toml", '[[tidy]\nid = "x"\n', "user.toml: not valid TOML"),
    ("disable-unknown", '[[tidy]]\nid = "tidy.no-such-rule"\nenabled = false\n', "disables a rule that does not exist"),
    ("bad-source-regex", '[source]\nid = "site"\nsignatures = ["(unclosed"]\n', "regex '(unclosed' does not compile"),
    ("empty-source-pattern", '[source]\nid = "site"\nsignatures = [""]\n', "empty pattern (it would match everything)"),
    (
        "pass-change",
        '[[decode]]\nid = "tidy.final-newline"\ncomment = "x"\n',
        "is a [[decode]] rule but replaces a [[tidy]] rule",
    ),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_invalid_rules_are_reported_with_file_and_rule(tmp_path: Path, text: str, message: str) -> None:
    assert message in problems(write(tmp_path, "user.toml", text))


def test_duplicate_ids_name_both_places(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", '[[tidy]]\nid = "my.rule"\ncomment = "first"\n')
    write(tmp_path, "b/c.toml", '# a comment\n\n[[tidy]]\nid = "my.rule"\ncomment = "second"\n')
    msg = problems(tmp_path)
    assert f"{tmp_path}/b/c.toml:4: duplicate rule id 'my.rule' (also in {tmp_path}/a.toml:2)" in msg


def test_duplicate_ids_in_one_file_name_the_second_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.toml",
        '[[tidy]]\nid = "my.rule"\ncomment = "first"\n\n[[tidy]]\nid = "my.rule"\ncomment = "again"\n',
    )
    assert f"{tmp_path}/a.toml:6: duplicate rule id 'my.rule' (also in {tmp_path}/a.toml:2)" in problems(tmp_path)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", '[[tidy]]\nid = "one"\n\n[[tidy]]\nid = "two"\ncomment = "x"\nbad = 1\n')
    with pytest.raises(RuleError) as e:
        rules.load([tmp_path])
    assert len(e.value.problems) == 2


def test_pass_specific_regex_keys_are_compiled_and_checked() -> None:
    from cleaner.rules import Field

    schema = {"tidy": {"pattern": Field(str, required=True, regex=True)}}
    loader = rules._Loader(schema)
    loader.file({"tidy": [{"id": "a", "comment": "c", "pattern": "("}]}, "", "f.toml", {})
    loader.file({"tidy": [{"id": "b", "comment": "c", "pattern": ""}]}, "", "f.toml", {})
    loader.file({"tidy": [{"id": "c", "comment": "c"}]}, "", "f.toml", {})
    loader.file({"tidy": [{"id": "d", "comment": "c", "pattern": r"\bok\b"}]}, "", "f.toml", {})
    assert [p.split(": ", 2)[-1] for p in loader.problems] == [
        "'pattern': regex '(' does not compile: missing ), unterminated subpattern at position 0",
        "'pattern': empty pattern (it would match everything)",
        "missing required key 'pattern'",
    ]
    assert loader.ruleset.rules["d"]["pattern"].search("it is ok")


def test_user_rule_with_builtin_id_replaces_it(tmp_path: Path) -> None:
    write(tmp_path, "tidy.toml", '[[tidy]]\nid = "tidy.final-newline"\ncomment = "Mine."\n')
    ruleset = rules.load([tmp_path])
    assert ruleset.rules["tidy.final-newline"].comment == "Mine."
    assert ruleset.rules["tidy.final-newline"].file == f"{tmp_path}/tidy.toml"


def test_user_rule_can_switch_a_builtin_rule_off(tmp_path: Path) -> None:
    write(tmp_path, "off.toml", '[[tidy]]\nid = "tidy.final-newline"\nenabled = false\n')
    assert Pipeline(rules=tmp_path).clean("Body.") == "Body."
    assert Pipeline().clean("Body.") == "Body.\n"


def test_source_files_make_their_rules_source_specific(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sources/site.toml",
        '[source]\nid = "site"\nname = "A Site"\nsignatures = ["A Site News"]\n\n'
        '[[tidy]]\nid = "site.rule"\ncomment = "x"\n',
    )
    ruleset = rules.load([tmp_path])
    assert ruleset.sources["site"].signatures[0].search("From A Site News today")
    assert ruleset.rules["site.rule"].source == "site"


def test_a_broken_user_folder_stops_the_pipeline(tmp_path: Path) -> None:
    write(tmp_path, "x.toml", '[[tidy]]\nid = "x"\n')
    with pytest.raises(RuleError):
        Pipeline(rules=tmp_path)
