"""The line prefilter never rules out a pattern that matches: it may only let more through."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner import Pipeline
from cleaner.prefilter import MAX_LINE, LineFilter, TextFilter

ROOT = Path(__file__).resolve().parent.parent

# Each case: a pattern and lines it fullmatches, where a naive translation to RE2 would not.
TRICKY = [
    (r"(?i)kit", ["KIT", "\u212ait"]),  # the Kelvin sign is a K to Python, ignoring case
    (r"(?i)is", ["\u0130S", "\u0131s", "i\u017f"]),  # dotted and dotless i, long s
    (r"\w+ \d+", ["été ٣٤", "naïve 12"]),  # Unicode letters and digits
    (r"[^\d]+", ["été"]),  # a negated class keeps non-ASCII letters
    (r"a\s+b", ["a\u3000b", "a\u00a0b"]),  # Unicode spaces
    (r"(?<=x)?\bfoo\b(?!bar)", ["foo"]),  # look-arounds and boundaries
    (r"(a|b)\1", ["aa", "bb"]),  # a back-reference
    (r"x.{0,2000}y", ["x" + "z" * 1500 + "y"]),  # a bound RE2 does not take
    (r"(?i:CAF[É])", ["café", "CAFÉ"]),
    (r"[\W_]+", ["—…", "__"]),
]


@pytest.mark.parametrize(("pattern", "lines"), TRICKY, ids=[p for p, _ in TRICKY])
def test_a_matching_pattern_is_always_a_candidate(pattern: str, lines: list[str]) -> None:
    compiled = re.compile(pattern)
    other = re.compile(r"never this")
    found = LineFilter([other, compiled])
    for line in lines:
        assert compiled.fullmatch(line)
        assert 1 in found.candidates(line), line
        assert 0 not in found.candidates(line)


def test_lines_it_cannot_read_go_to_every_pattern() -> None:
    found = LineFilter([re.compile("a"), re.compile(r"b\ud800")])
    assert found.candidates("b\ud800") == {0, 1}
    assert found.candidates("a" * (MAX_LINE + 1)) == {0, 1}
    assert found.candidates("c") == frozenset()


def test_it_survives_pickling() -> None:
    import pickle

    found = pickle.loads(pickle.dumps(LineFilter([re.compile("a+"), re.compile("b")])))
    assert found.candidates("aaa") == {0}


def test_boilerplate_rules_on_real_lines() -> None:
    """Every built-in boilerplate pattern against every line of the test articles: no match is lost."""
    boilerplate = next(p for p in Pipeline().passes if p.name == "boilerplate")
    patterns = [r["pattern"] for r in boilerplate.rules.values() if r["pattern"] is not None]
    found = LineFilter(patterns)
    lines = {
        " ".join(line.split())
        for path in [*ROOT.glob("tests/articles/*.txt"), *ROOT.glob("samples/*/*.txt")]
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    matched = 0
    for line in lines:
        allowed = found.candidates(line)
        for i, p in enumerate(patterns):
            if p.fullmatch(line):
                matched += 1
                assert i in allowed, (p.pattern[:60], line)
    assert matched > 50  # the lines hold boilerplate that the rules find
    assert sum(len(found.candidates(line)) for line in lines) < len(lines) * len(patterns) / 5


def test_text_filter_finds_what_the_pattern_finds() -> None:
    pattern = re.compile(r"(?<![\w-])(?:ma\s+yun|joe\s+tsai)(?![\w])", re.IGNORECASE)
    found = TextFilter(pattern)
    for text in ["MA\u3000YUN said", "x Joe\ntsai", "İ ma yun"]:
        assert pattern.search(text)
        assert found.may_find(text)
    assert not found.may_find("Mr Ma is not here; neither is Tsai, nor Yun.")
