"""The line model: features of plain-text lines, and the shipped model's verdicts and reasons."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from conftest import ROOT

from cleaner import Pipeline
from cleaner.blocks import split
from cleaner.linemodel import LineModel
from cleaner.linemodel.features import MISSING, NAMES, guess_language, line_features
from cleaner.linemodel.model import DEFAULT
from cleaner.passes.boilerplate import numbered_items

PARAGRAPHS = [
    "The city council voted on Tuesday to close two of its four public libraries, citing a budget "
    "shortfall that officials said had grown by a third since the spring.",
    "Residents packed the chamber for more than three hours, and many of them urged the council to "
    "find the money elsewhere before the branches shut at the end of the year.",
    "“These buildings are where our children learn to read,” said Maria Lopez, who has lived near "
    "the east branch for twenty years. “Closing them is a choice, not a necessity.”",
    "The mayor said the decision had been painful but that the city could not keep spending money "
    "it did not have, and promised to review the closures when the finances improve.",
]
MENU = ["Home", "News", "Sport", "Business", "Culture", "Opinion", "Contact Us", "Subscribe"]
FOOTER = ["Share this article", "Facebook", "Twitter", "Email", "Related stories",
          "Council to review bus routes", "New park opens in the west end", "Schools brace for cuts",
          "© 2024 Example Media Ltd. All rights reserved.", "Privacy Policy", "Terms of Use", "Cookie settings"]  # fmt: skip


@pytest.fixture(scope="module")
def model() -> LineModel:
    return LineModel.load()


def test_one_row_of_named_features_per_nonempty_line() -> None:
    rows = line_features(["Home", "", "  ", "A line of text.", "Another"])
    assert len(rows) == 3
    assert all(len(r) == len(NAMES) for r in rows)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Rat hat am Dienstag beschlossen, dass die Bibliothek nicht mehr geöffnet wird.", "German"),
        ("Совет в среду решил, что библиотека будет закрыта до конца года.", "Russian"),
        ("Le conseil a décidé mardi que la bibliothèque serait fermée pour une année.", "French"),
        ("市议会周二投票决定关闭四个公共图书馆中的两个。", None),
    ],
    ids=["german", "russian", "french", "chinese-no-list"],
)
def test_language_is_guessed_from_stop_words(text: str, language: str | None) -> None:
    from cleaner.linemodel.features import casefolded_words

    assert guess_language(casefolded_words(text)) == language


def test_a_language_without_a_stop_word_list_marks_the_features_missing() -> None:
    (row,) = line_features(["市议会周二投票决定关闭四个公共图书馆中的两个。"])
    assert row[NAMES.index("stop_share")] == MISSING
    assert row[NAMES.index("has_stoplist")] == 0.0


HEAD = ["Council votes to close two libraries", "Officials cite a budget shortfall", "By Jane Smith, March 3, 2024"]


def test_menu_and_footer_go_and_the_headline_byline_and_article_stay(model: LineModel) -> None:
    """The threshold is set to lose almost no content, so short lines right beside the article may stay."""
    lines = MENU + HEAD + PARAGRAPHS * 3 + FOOTER
    verdicts = model.score_lines(lines)
    removed = {line for line, v in zip(lines, verdicts, strict=True) if v and v.remove}
    assert not removed & set(HEAD + PARAGRAPHS)
    assert set(MENU[:3]) <= removed
    assert {"Privacy Policy", "Terms of Use"} <= removed


def test_blank_lines_get_no_verdict_and_do_not_change_the_others(model: LineModel) -> None:
    lines = MENU + PARAGRAPHS
    spaced = [x for line in lines for x in (line, "")]
    plain = [v.score for v in model.score_lines(lines) if v]
    with_blanks = model.score_lines(spaced)
    assert with_blanks[1::2] == [None] * len(lines)
    assert [v.score for v in with_blanks if v] == pytest.approx(plain)


def test_non_english_prose_is_kept(model: LineModel) -> None:
    german = [
        "Der Stadtrat hat am Dienstag beschlossen, zwei der vier öffentlichen Bibliotheken zu schließen, "
        "weil im Haushalt seit dem Frühjahr ein Drittel mehr fehlt als erwartet.",
        "Viele Bürger forderten den Rat auf, das Geld an anderer Stelle zu finden, bevor die Filialen zum "
        "Jahresende schließen, und sprachen mehr als drei Stunden lang.",
    ]
    japanese = [
        "市議会は火曜日、予算不足を理由に四つある公立図書館のうち二つを閉鎖することを決めた。",
        "住民らは三時間以上にわたって議場に詰めかけ、年末までに別の財源を見つけるよう求めた。",
    ]
    for article in (german, japanese):
        verdicts = model.score_lines(MENU + article + FOOTER)
        assert not any(v.remove for v in verdicts[len(MENU) : len(MENU) + len(article)] if v)


def test_a_removal_comes_with_reasons_that_add_up_to_its_score(model: LineModel) -> None:
    lines = MENU + HEAD + PARAGRAPHS * 3 + FOOTER
    rows = line_features(lines)
    verdict = model.score_lines(lines)[1]
    assert verdict is not None and verdict.remove
    assert verdict.reasons and all(c > 0 for _, c in verdict.reasons)
    assert verdict.why().startswith(f"p={verdict.score:.5f}: {verdict.reasons[0][0]} ")
    contributions = model.contributions(rows[1])
    assert model.bias + sum(contributions.values()) == pytest.approx(model.margin(rows[1]), abs=1e-6)


def test_the_model_is_read_once(model: LineModel) -> None:
    assert LineModel.load() is model


def test_a_model_for_other_features_is_refused(tmp_path) -> None:
    spec = json.loads(DEFAULT.read_text(encoding="utf-8"))
    spec["features"] = spec["features"][:-1]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(ValueError, match="other features"):
        LineModel.load(path)


def test_scoring_imports_nothing_heavy() -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
        "from cleaner.linemodel import LineModel; LineModel.load().score_lines(['Home', 'A sentence of text.']); "
        "print(sorted(m for m in ('numpy', 'lightgbm', 'sklearn', 'justext', 'lxml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_without_smoothing_each_line_is_judged_alone_at_its_own_threshold() -> None:
    alone = LineModel.load(smooth=False)
    assert alone.threshold == alone.spec["threshold_unsmoothed"]
    lines = MENU + HEAD + PARAGRAPHS + FOOTER
    verdicts = alone.score_lines(lines)
    assert all(name != "neighbours" for v in verdicts if v for name, _ in v.reasons)
    removed = {line for line, v in zip(lines, verdicts, strict=True) if v and v.remove}
    assert not removed & set(HEAD + PARAGRAPHS)


def test_a_listicles_numbered_items_stay_when_the_model_is_on() -> None:
    """Short item titles ("Gozo, Malta") near the related links look like debris; their numbers say otherwise."""
    text = (ROOT / "tests" / "articles" / "listicle.txt").read_text(encoding="utf-8")
    want = (ROOT / "tests" / "articles" / "listicle.expected.txt").read_text(encoding="utf-8")
    got = Pipeline(["decode", "boilerplate", "tidy"], linemodel=True).clean(text).splitlines()
    assert [line for line in want.splitlines() if line not in got] == []


@pytest.mark.parametrize(
    ("text", "items"),
    [
        pytest.param(
            "Intro.\n1\nSchinoussa\nA short ferry ride takes you to tavernas and beaches.\n2\nColonsay\n"
            "One shop and one hotel on a golden beach.\n3\nTavira\nMostly dunes and a long empty beach.\nMore\n",
            set(range(1, 10)),
            id="number-title-text",
        ),
        pytest.param(
            "Intro.\n1. Schinoussa has tavernas and beaches you can walk between.\n"
            "2. Colonsay has one shop and one hotel on a beach.\n3. Tavira is mostly dunes and a long beach.\nMore\n",
            {1, 2, 3},
            id="numbered-sentences",
        ),
        pytest.param(
            "Most read\n1. Storm hits the coast as thousands flee\n2. Minister resigns over budget row\n"
            "3. Markets fall for a third day\n",
            set(),
            id="most-read-headlines",
        ),
        pytest.param("Article text.\n1\n2\n3\n4\nNext\n", set(), id="page-numbers"),
    ],
)
def test_numbered_items_are_the_articles_when_they_hold_sentences(text: str, items: set[int]) -> None:
    assert numbered_items(split(text)) == items


def test_the_compiled_trees_score_as_the_trees_walked_node_by_node(model: LineModel) -> None:
    lines = MENU + HEAD + PARAGRAPHS + FOOTER + ["Der Rat hat am Dienstag beschlossen.", "市议会周二投票决定。"]
    for row in line_features(lines):
        walked = 0.0
        for f, t, left, right, v in model.trees:
            node = 0
            while f[node] >= 0:
                node = left[node] if row[f[node]] <= t[node] else right[node]
            walked += v[node]
        assert model.margin(row) == walked


# Lines for the features that are tested without their regular expression where it cannot match.
TRICKY = [
    "www.example.COM", "See WWW.Example.org/page", "http://x", "a.co.uk b", "net.net", "example . com",
    "© 2024", "(C) Example", "COPYRIGHT", "Copyright ſ", "copyrigh", "(c", "Posted at 10:30 PM", "3 p.m.",
    "1999", "2024-05-01", "19 20", "x20121", "@user", "@ user", "• item", "•item", "* one", "-\u00a0two",
    "“Quoted”", "'single'", "Done.”", "Done.)]", "Done )", "Wait…", "?", "[note]", "(aside)", "İstanbul 2020",
    "Ⅻ 12 ²", "at 9am", "9 A.M.", "9 PM", "9 pm.", "12 noon", "10 Am", "9.30", "ﬁne 1.5", "東京 2024年", "K 10:30", "ſ www.ſ.com", "a | b > c / d", "a » b", "End. Next! Why?", "end.", "a.b", "x 。y", "Mr SMITH 3D and 4x4 in NYC", "1st", "X1 Y2 z",
]  # fmt: skip


@pytest.mark.parametrize("line", TRICKY)
def test_the_shortcuts_give_what_the_regular_expressions_say(line: str) -> None:
    from cleaner.linemodel import features as F

    (row,) = line_features([line], language="English")
    stripped = line.rstrip()
    want = {
        "sentence_end": F.SENTENCE_END.search(stripped),
        "bullet": F.BULLET.match(line),
        "url": F.URL.search(line),
        "handle": F.HANDLE.search(line),
        "time": F.TIME.search(line),
        "year": F.YEAR.search(line),
        "copyright": F.COPYRIGHT.search(line),
        "quote_start": F.QUOTE_START.match(line),
    }
    counts = {
        "separators": len(F.SEPARATOR.findall(line)),
        "log_sentences": math.log1p(len(F.SENTENCE_MARK.findall(line))),
    }
    assert {name: row[NAMES.index(name)] for name in counts} == counts
    assert {name: row[NAMES.index(name)] for name in want} == {name: float(bool(m)) for name, m in want.items()}
    tokens = F.TOKEN.findall(F.CJK.sub(" ", line))
    cased = [t for t in tokens if t[0].isalpha() and t[0].lower() != t[0].upper()]
    caps = sum(t[0].isupper() for t in cased) / len(cased) if cased else MISSING
    upper = sum(t.isupper() and len(t) > 1 for t in cased) / len(cased) if cased else MISSING
    assert (row[NAMES.index("cap_share")], row[NAMES.index("upper_share")]) == (caps, upper)
    digits = len(F.DIGIT.findall(line))
    assert row[NAMES.index("digit_share")] == digits / (len(line) - line.count(" ") or 1)


def test_no_other_character_matches_the_letters_the_shortcuts_look_for_ignoring_case() -> None:
    """The shortcuts look for "copyr", "www.", ".co", ".org", ".net", "am", "pm", "a.m", "p.m" in the
    lower-cased line."""
    import re
    import sys

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for letter in "copyrwgnetam":
        assert set(re.findall(letter, every, re.I)) == {letter, letter.upper()}


def test_the_rules_verdicts_are_features_and_missing_when_unknown() -> None:
    from cleaner.linemodel.features import RULES

    lines = ["Home", "News", "", "The council voted on Tuesday to close two of its four libraries.", "Share"]
    ruled = line_features(lines, taken=[True, True, False, True])
    unknown = line_features(lines)
    taken, near = NAMES.index("taken"), NAMES.index("taken_within_1")
    assert [r[taken] for r in ruled] == [1.0, 1.0, 0.0, 1.0]
    assert [r[near] for r in ruled] == [1.0, 1.0, 2.0, 0.0]
    assert all(r[NAMES.index(name)] == MISSING for r in unknown for name in RULES)
    with pytest.raises(ValueError, match="non-empty lines"):
        line_features(lines, taken=[True])


def test_alone_the_model_sees_what_the_rules_take_as_it_does_in_the_pass(model: LineModel) -> None:
    from cleaner.linemodel.model import rule_verdicts

    lines = ["Skip to main content", *MENU, *HEAD, *PARAGRAPHS, "Share this article", *FOOTER]
    ruled = rule_verdicts(lines)
    assert len(ruled) == len(lines) and ruled[0] and not any(ruled[len(MENU) + 1 : len(MENU) + 1 + len(HEAD)])
    assert [v.score for v in model.score_lines(lines) if v] == [
        v.score for v in model.score_lines(lines, taken=ruled) if v
    ]


def test_a_line_about_other_things_than_the_body_shares_less_of_its_vocabulary() -> None:
    body = [
        "The council voted on Tuesday to close two of the city's four public libraries next spring.",
        "Council members said the libraries cost more to run than the budget allows this year.",
        "Residents asked the council to keep the libraries open and find the money elsewhere.",
    ]
    teaser = "Celebrity chef opens a seafood restaurant by the harbour, with queues around the block."
    echo = "Libraries in the city will close after the council vote, members said on Tuesday."
    rows = line_features([*body, teaser, echo], language="English")
    share = NAMES.index("body_vocab_share")
    assert rows[3][share] < 0.2 < 0.5 < rows[4][share]


def test_the_lexicon_counts_sites_not_lines() -> None:
    """One site's template repeated on every page is one vote; what three sites show is learned."""
    from cleaner.linemodel.lexicon import Lexicon

    article = "The council approved the budget after a long debate on Monday."
    one_site = [("a.com", ["Blogroll", article], "BC")] * 50
    assert "blogroll" not in Lexicon.learn(one_site).lines
    three = [(site, ["Blogroll", "Comments (12)", article], "BBC") for site in ("a.com", "b.org", "c.net")]
    lexicon = Lexicon.learn(three)
    assert lexicon.lines["blogroll"] > 0 > lexicon.words["council"]
    assert lexicon.lines["comments #"] > 0  # any count is one symbol


def test_the_shipped_lexicon_tells_furniture_from_article_words(model: LineModel) -> None:
    assert model.lexicon is not None
    row = dict(zip(NAMES, line_features(["Leave a Reply", PARAGRAPHS[0]], lexicon=model.lexicon)[0], strict=True))
    prose = dict(zip(NAMES, line_features(["Leave a Reply", PARAGRAPHS[0]], lexicon=model.lexicon)[1], strict=True))
    assert row["lexicon_line"] > 2 and row["lexicon_mean"] > prose["lexicon_mean"]
    assert prose["lexicon_line"] == MISSING and prose["lexicon_line@-1"] == row["lexicon_line"]
    assert line_features(["Leave a Reply"])[0][NAMES.index("lexicon_line")] == MISSING  # no lexicon given
