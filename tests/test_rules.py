"""Rules are data: validated when a pipeline is built, with errors that name file, line and rule."""

from __future__ import annotations

import contextlib
import datetime
import os
import pickle
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Pipeline, rules
from cleaner.cli import main
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
    loader.trusted = False  # a user's rules: checked as they load (built-in ones compile on first use)
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


# -- hostile rules files: every one a RuleError naming file, line and rule, never a traceback ---------------

NAMES = '[[names]]\nid = "names.x"\ncanonical = "Some Body"\ncomment = "c"\n'
BOILER = '[[boilerplate]]\nid = "my.rule"\ncomment = "c"\n'
HOSTILE = [
    ("not-utf8", b'[[tidy]]\nid = "my.rule"\ncomment = "caf\xe9"\n', "user.toml:3: not UTF-8 text (byte 0xe9)"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "user.toml:1: not UTF-8 text"),
    ("nul-bytes", b"\x00\x01\x02", "user.toml: not valid TOML"),
    ("deeply-nested", ("x = " + "[" * 5000 + "]" * 5000).encode(), "nested too deeply"),
    ("duplicate-key", b'[[tidy]]\nid = "my.rule"\nid = "again"\ncomment = "c"\n', "user.toml: not valid TOML"),
    ("huge-repeat", (BOILER + "pattern = 'a{4294967295}'\n").encode(), "user.toml:2: rule 'my.rule': 'pattern'"),
    ("nested-parens", (BOILER + f"pattern = '{'(' * 2000}a{')' * 2000}'\n").encode(), "nested too deeply"),
    ("huge-expansion", (BOILER + "pattern = '(?:(?:a{1000}){1000}){1000}'\n").encode(), "spells out over 100,000"),
    ("overlong-pattern", (BOILER + f"pattern = '{'a' * 10_001}'\n").encode(), "10,001 characters long"),
    ("variable-lookbehind", (BOILER + "pattern = '(?<=a+)b'\n").encode(), "look-behind requires fixed-width"),
    ("non-string-id", b'[[tidy]]\nid = 5\ncomment = "c"\n', "user.toml:1: a [[tidy]] rule needs an id"),
    ("variant-not-a-string", (NAMES + "variants = [1]\n").encode(), "'variants': every item must be of type str"),
    ("variant-empty", (NAMES + 'variants = ["Sam Body", ""]\n').encode(), "'variants': holds an empty string"),
    ("context-blank", (NAMES + 'variants = ["S Body"]\ncontext = [" "]\n').encode(), "holds an empty string"),
    ("canonical-blank", b'[[names]]\nid = "names.x"\ncanonical = " "\ncomment = "c"\n', "must not be empty"),
    ("members-not-strings", (BOILER + "pattern = 'x'\nmembers = ['y', 3]\n").encode(), "a list of strings"),
    ("negative-max-lines", (BOILER + "pattern = 'x'\nmax_lines = -1\n").encode(), "must be a number from 0"),
    ("negative-within", (BOILER + "pattern = 'x'\nwithin = -0.5\n").encode(), "'within': must be a number"),
    ("within-over-one", (BOILER + "pattern = 'x'\nwithin = 2\n").encode(), "'within': must be a number"),
    ("within-nan", (BOILER + "pattern = 'x'\nwithin = nan\n").encode(), "'within': must be a number"),
    ("huge-max-words", (BOILER + "pattern = 'x'\nmax_words = 9223372036854775807\n").encode(), "'max_words'"),
    ("source-name-not-string", b'[source]\nid = "site"\nname = 5\n', "user.toml:1: [source] 'name' must be a string"),
]


@pytest.mark.parametrize(("data", "message"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_rules_files_are_clear_problems(tmp_path: Path, data: bytes, message: str) -> None:
    (tmp_path / "user.toml").write_bytes(data)
    with pytest.raises(RuleError) as e:
        Pipeline(rules=tmp_path)
    assert message in str(e.value)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "tidy.toml").write_bytes(b'\xef\xbb\xbf[[tidy]]\nid = "tidy.final-newline"\nenabled = false\n')
    assert Pipeline(rules=tmp_path).clean("Body.") == "Body."


def test_a_folder_named_toml_is_read_as_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "odd.toml/tidy.toml", '[[tidy]]\nid = "tidy.final-newline"\nenabled = false\n')
    assert not rules.load([tmp_path]).rules["tidy.final-newline"].enabled


def test_files_that_cannot_be_read_are_problems_not_hangs(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.toml")  # reading it would wait forever for a writer
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    with (tmp_path / "big.toml").open("wb") as f:
        f.truncate(rules.MAX_FILE_BYTES + 1)
    msg = problems(tmp_path)
    assert f"{tmp_path}/fifo.toml: not a regular file" in msg
    assert f"{tmp_path}/dangling.toml: cannot be read" in msg
    assert f"{tmp_path}/loop.toml: cannot be read" in msg
    assert f"{tmp_path}/big.toml: {rules.MAX_FILE_BYTES + 1:,} bytes, too large" in msg


def test_a_folder_linking_back_up_is_a_problem_not_a_loop(tmp_path: Path) -> None:
    write(tmp_path, "a/tidy.toml", '[[tidy]]\nid = "my.rule"\ncomment = "c"\n')
    (tmp_path / "a" / "up").symlink_to(tmp_path)
    assert f"{tmp_path}/a/up: links to a folder already read" in problems(tmp_path)


def test_every_problem_of_a_hostile_file_is_reported_at_once(tmp_path: Path) -> None:
    write(
        tmp_path,
        "user.toml",
        BOILER + "pattern = '(a+)+'\nmax_lines = -3\nwithin = 7\n\n"
        '[[names]]\nid = "names.x"\ncanonical = "X Y"\nvariants = [1]\ncontext = [2]\ncomment = "c"\n',
    )
    with pytest.raises(RuleError) as e:
        rules.load([tmp_path])
    assert len(e.value.problems) == 5
    assert all(p.startswith(f"{tmp_path}/user.toml:") for p in e.value.problems)


@pytest.mark.parametrize("variant", ["", "...", "the", "Tsai", "- -", "1 2"])
def test_names_variants_that_are_not_whole_names_are_refused(tmp_path: Path, variant: str) -> None:
    write(tmp_path, "people.toml", NAMES + f'variants = ["{variant}"]\n')
    with pytest.raises(RuleError) as e:
        Pipeline(["names"], rules=tmp_path)
    assert f"{tmp_path}/people.toml:2: rule 'names.x'" in str(e.value)


def test_names_context_words_without_letters_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "people.toml", NAMES + 'context_variants = ["S Body"]\ncontext = ["..."]\n')
    with pytest.raises(RuleError, match=re.escape("context word '...' has no letters")):
        Pipeline(["names"], rules=tmp_path)


# -- patterns from a user's folder can never hang ----------------------------------------------------------

CATASTROPHIC = [r"(a+)+$", r"(\w+\s?)+$", r"(?:\w+\W?)+:$", r"^(?:\s*[A-Za-z]+)*!"]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_user_patterns_are_refused_with_a_reason(tmp_path: Path, pattern: str) -> None:
    write(tmp_path, "sources/site.toml", f"[source]\nid = \"site\"\nsignatures = ['{pattern}']\n")
    write(tmp_path, "mine.toml", BOILER + f"pattern = '{pattern}'\n")
    with pytest.raises(RuleError) as e:
        rules.load([tmp_path])
    assert len(e.value.problems) == 2
    assert all("repeats a part that is itself repeated" in p for p in e.value.problems)
    assert f"{tmp_path}/mine.toml:2: rule 'my.rule'" in str(e.value)


SAFE = [
    (r"(?:\w+\s)+end", "Some words end"),
    (r"(?:[A-Z][a-z]+ ?)+", "Read More"),
    (r"(?>a+)+$", "aaa"),
    (r"a+b+", "ab"),
]


@pytest.mark.parametrize(("pattern", "text"), SAFE)
def test_repeats_that_cannot_explode_are_accepted(tmp_path: Path, pattern: str, text: str) -> None:
    write(tmp_path, "mine.toml", BOILER + f"pattern = '{pattern}'\n")
    assert rules.load([tmp_path]).rules["my.rule"]["pattern"].fullmatch(text)


def test_built_in_patterns_all_pass_the_shape_check() -> None:
    """A user may copy any built-in pattern into a folder of their own."""
    ruleset = rules.load()
    patterns = [p for r in ruleset.rules.values() for v in r.params.values() for p in _patterns(v)]
    patterns += [p for s in ruleset.sources.values() for p in s.signatures]
    assert len(patterns) > 50
    assert [p.pattern for p in patterns if rules.nested_repeat(p.pattern)] == []


def _patterns(value: object) -> list[re.Pattern[str]]:
    kinds = (re.Pattern, rules.BuiltinPattern)
    return [p for p in (value if isinstance(value, list) else [value]) if isinstance(p, kinds)]  # type: ignore[misc]


def test_a_slow_user_pattern_fails_fast_naming_its_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "PATTERN_SECONDS", 0.05)
    # exponential on a run of a ending in a letter, yet no nested repeat, and fast on the load-time probes
    write(tmp_path, "mine.toml", BOILER + "pattern = '(?:a|aa)+\\W'\n")
    pipeline = Pipeline(rules=tmp_path)
    started = time.perf_counter()
    with pytest.raises(rules.PatternTimeout) as e:
        # (ending in a non-ASCII letter: a line the rule prefilter cannot rule out, so the pattern runs)
        pipeline.clean("a" * 60 + "\u00e9\n\nSome prose.\n")
    assert time.perf_counter() - started < 2
    assert f"{tmp_path}/mine.toml:2: rule 'my.rule'" in str(e.value) and "'(?:a|aa)+\\\\W'" in str(e.value)


@pytest.mark.parametrize("pattern", [r"(?:a|aa)+!x", r"(a|aa)+$", r"(?:x|xx)+y"])
def test_patterns_slow_on_a_near_miss_are_refused_when_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str
) -> None:
    monkeypatch.setattr(rules, "PATTERN_SECONDS", 0.05)
    write(tmp_path, "mine.toml", BOILER + f"pattern = '{pattern}'\n")
    assert f"{tmp_path}/mine.toml:2: rule 'my.rule': 'pattern': regex {pattern!r} took over" in problems(tmp_path)


def test_user_patterns_match_as_re_does_and_survive_pickling(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", BOILER + r"pattern = '(?i)share (?:this|on)\b.{0,40}'" + "\n")
    user = pickle.loads(pickle.dumps(Pipeline(rules=tmp_path))).ruleset.rules["my.rule"]["pattern"]
    builtin = re.compile(r"(?i)share (?:this|on)\b.{0,40}")
    assert isinstance(user, rules.UserPattern)
    for line in ["Share this article", "SHARE ON Facebook, Twitter", "Shareholders met", "Share onwards", "café"]:
        assert bool(user.fullmatch(line)) == bool(builtin.fullmatch(line)), line
        assert user.sub("-", line) == builtin.sub("-", line)
        assert [m.span() for m in user.finditer(line)] == [m.span() for m in builtin.finditer(line)]


def test_a_user_rule_in_a_pipeline_removes_what_it_matches(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", BOILER + "pattern = 'Read more at Example News'\n")
    story = "The council approved the new budget on Monday after a long debate about schools and roads.\n"
    assert Pipeline(rules=tmp_path).clean(f"{story}\nRead more at Example News\n") == story


# -- a names entry may not silently drop the spellings of the entry it replaces ----------------------------

JOE = '[[names]]\nid = "names.joe-tsai"\ncanonical = "Joe Tsai"\ncomment = "mine"\nvariants = [{}]\n'


def test_replacing_a_names_entry_while_dropping_spellings_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "people.toml", JOE.format('"Cai Chongxin", "Chua Chongxin"'))
    msg = problems(tmp_path)
    assert f"{tmp_path}/people.toml:2: rule 'names.joe-tsai' replaces the one in " in msg
    assert "drops 'Tsai Chung-hsin', 'Joseph Tsai', 'Joseph C. Tsai'" in msg


def test_replacing_a_names_entry_with_more_spellings_adds_them(tmp_path: Path) -> None:
    builtin = rules.load().rules["names.joe-tsai"]["variants"]
    write(tmp_path, "people.toml", JOE.format(", ".join(f'"{v}"' for v in [*builtin, "Choi Chung Sun"])))
    pipeline = Pipeline(["names"], rules=tmp_path)
    assert pipeline.clean("Choi Chung Sun and Joseph Tsai") == "Joe Tsai and Joe Tsai"


def test_dropping_spellings_on_purpose_takes_a_new_id(tmp_path: Path) -> None:
    write(
        tmp_path,
        "people.toml",
        '[[names]]\nid = "names.joe-tsai"\nenabled = false\n\n'
        + JOE.format('"Cai Chongxin"').replace('"names.joe-tsai"', '"names.joe"'),
    )
    pipeline = Pipeline(["names"], rules=tmp_path)
    assert pipeline.clean("Cai Chongxin, Joseph Tsai") == "Joe Tsai, Joseph Tsai"


# -- the command line ------------------------------------------------------------------------------------


def test_rules_list_shows_files_that_exist(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", '# mine\n[[tidy]]\nid = "my.rule"\ncomment = "c"\n')
    result = CliRunner().invoke(main, ["rules", "list", str(tmp_path)])
    assert result.exit_code == 0
    shown = re.findall(r"\[(.+):(\d+)\]$", result.stdout, re.MULTILINE)
    assert len(shown) > 50 and all(Path(f).is_file() for f, _ in shown)
    assert (f"{tmp_path}/mine.toml", "3") in shown


def test_hostile_rules_exit_2_from_clean_and_1_from_check(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_bytes(NAMES.encode() + b'variants = ["Some\xff Body", "the"]\n')
    write(tmp_path, "mine.toml", BOILER + "pattern = '(a+)+$'\nmax_lines = -1\n")
    check = CliRunner().invoke(main, ["rules", "check", str(tmp_path)])
    assert check.exit_code == 1 and "3 problem(s) found" in check.stderr
    assert f"{tmp_path}/bad.toml:5: not UTF-8 text" in check.stderr
    clean = CliRunner().invoke(main, ["clean", "-", "--rules", str(tmp_path)], input="Text.\n")
    assert clean.exit_code == 2 and f"{tmp_path}/mine.toml:2: rule 'my.rule'" in clean.stderr
    assert clean.exception is None or isinstance(clean.exception, SystemExit)


# -- any value in any key: problems, never an exception ---------------------------------------------------

BASES = {
    "names": {"id": "names.x", "comment": "c", "canonical": "Some Body", "variants": ["Sam Body"]},
    "boilerplate": {"id": "my.rule", "comment": "c", "pattern": "Share this"},
}
ODD_VALUES = [1, True, -1, 2**63 - 1, 0.5, float("nan"), float("inf"), "", " ", "...", "the", "(a+)+", "a{4294967295}"]
ODD_VALUES += [[], [1], [""], ["..."], [[]], [{}], {}, {"a": 1}, datetime.date(2024, 1, 1), ["Some Body", 2]]


@pytest.mark.parametrize("pass_name", list(BASES))
def test_any_value_in_any_key_gives_problems_never_an_exception(pass_name: str) -> None:
    from cleaner.pipeline import registry, rule_schemas

    cls = registry()[pass_name]
    for key in ["id", "comment", "enabled", *cls.rule_keys]:
        for value in ODD_VALUES:
            loader = rules._Loader(rule_schemas())
            loader.trusted = False
            loader.file({pass_name: [{**BASES[pass_name], key: value}]}, "", "f.toml", {})
            assert all(isinstance(p, str) for p in loader.problems)
            with contextlib.suppress(RuleError):
                cls(loader.ruleset.for_pass(pass_name), {}, loader.ruleset)


def test_every_builtin_pattern_compiles() -> None:
    """Built-in patterns compile on first use, so a broken one must be caught here."""
    ruleset = rules.load()
    patterns = [p for r in ruleset.rules.values() for v in r.params.values() for p in _patterns(v)]
    patterns += [p for s in ruleset.sources.values() for p in s.signatures]
    assert len(patterns) > 50
    for p in patterns:
        assert isinstance(p, rules.BuiltinPattern)
        assert p.flags == re.compile(p.pattern).flags  # raises re.error if it does not compile
