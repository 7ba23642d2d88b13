"""unicode: one form per character; odd spaces and invisible characters; full-width punctuation in English."""

from __future__ import annotations

import pytest

from cleaner import Pipeline

CASES = [
    ("nfc", "cafe\u0301 Zu\u0308rich", "café Zürich"),
    ("nbsp-and-thin-spaces", "a\u00a0b\u2009c\u202fd\u3000e", "a b c d e"),
    ("zero-width-and-soft-hyphen", "Ali\u200bbaba co\u00adoperation\u2060x\ufeffy", "Alibaba cooperationxy"),
    ("direction-marks-in-english", "Hello\u200e world\u200f", "Hello world"),
    ("control-characters", "a\x00b\x07c\x1bd\x7fe\x85f", "abcdef"),
    ("fullwidth-stop-in-english", "develop AI)。You know", "develop AI). You know"),
    ("fullwidth-comma-after-number", "in 2024，the year", "in 2024, the year"),
    ("fullwidth-comma-at-end", "in 2024，", "in 2024,"),
    ("fullwidth-brackets", "the plan（draft）was", "the plan (draft) was"),
    ("fullwidth-letters-digits", "ＡＢＣ stock rose １２%", "ABC stock rose 12%"),
    ("fullwidth-question", "Really？Yes。", "Really? Yes."),
    ("fullwidth-comma-before-quote", "the company said，“yes”。", "the company said, “yes”."),
]


@pytest.fixture(scope="module")
def unicode_pass() -> Pipeline:
    return Pipeline(["unicode"])


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalises(unicode_pass: Pipeline, text: str, expected: str) -> None:
    assert unicode_pass.clean(text) == expected


UNTOUCHED = [
    ("chinese-punctuation", "阿里巴巴集团董事会主席蔡崇信在迪拜发表讲话，谈到了人工智能。他说：“开源非常重要。”"),
    ("japanese-fullwidth", "東京都は７日、感染者が新たに確認されたと発表した。"),
    ("chinese-with-latin-word", "我们用AI。然后，"),
    ("ideographic-space-in-japanese", "\u3000日本語の段落です。"),
    ("curly-quotes-dashes-ellipsis", "“Quoted” — ‘single’ … – done"),
    ("emoji-zwj-sequence", "family 👨\u200d👩\u200d👧 here"),
    ("persian-zwnj", "می\u200cخواهم"),
    ("hebrew-with-marks", "שלום\u200f world"),
    ("tabs-and-newlines", "a\tb\nc"),
]


@pytest.mark.parametrize("text", [c[1] for c in UNTOUCHED], ids=[c[0] for c in UNTOUCHED])
def test_leaves_alone(unicode_pass: Pipeline, text: str) -> None:
    assert unicode_pass.clean(text) == text


def test_straightening_quotes_is_an_option() -> None:
    text = "“It’s” ‘fine’"
    assert Pipeline(["unicode"]).clean(text) == text
    assert Pipeline(["unicode"], straighten_quotes=True).clean(text) == "\"It's\" 'fine'"


LIGATURES = [
    ("croatian-digraphs", "korišteǌem dovoǉno Ǉubljana ǅep", "korištenjem dovoljno LJubljana Džep"),
    ("afrikaans-n", "ŉ Chloroplas", "ʼn Chloroplas"),
    ("dutch-ij", "Ĳsselmeer en ĳs", "IJsselmeer en ijs"),
    ("typographic-ligatures", "ﬁnal ﬂow eﬀect oﬃce waﬄe", "final flow effect office waffle"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in LIGATURES], ids=[c[0] for c in LIGATURES])
def test_takes_ligatures_and_digraphs_apart(unicode_pass: Pipeline, text: str, expected: str) -> None:
    assert unicode_pass.clean(text) == expected


def test_ligatures_are_ftfys() -> None:
    from ftfy.chardata import LIGATURES as FTFY

    from cleaner.passes.unicode import LIGATURE

    assert {c for c in map(chr, range(0x10000)) if LIGATURE.fullmatch(c)} == set(map(chr, FTFY))


def test_the_classes_looked_for_beyond_plain_ascii_hold_none_of_it() -> None:
    """The unicode and entities passes look for these classes only among a text's other characters."""
    from cleaner.passes.entities import HIDDEN
    from cleaner.passes.unicode import CHANGEABLE, beyond_plain_ascii

    plain = "\t\n" + "".join(map(chr, range(0x20, 0x7F)))
    assert CHANGEABLE.search(plain) is None and HIDDEN.search(plain) is None
    assert beyond_plain_ascii("a\x01b\u00e9\td\n\ud800\u3000 x\r") == "\x01\u00e9\ud800\u3000\r"
