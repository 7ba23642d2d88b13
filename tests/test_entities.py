"""entities: HTML references whole or broken become characters; text that only looks like one stays."""

from __future__ import annotations

import pytest

from cleaner import Pipeline

CASES = [
    ("named", "&pound;5 &copy; 2025 &eacute;t&eacute;", "£5 © 2025 été"),
    ("numeric-decimal", "it&#8217;s", "it’s"),
    ("numeric-hex", "it&#x2019;s &#X201C;hi&#x201d;", "it’s “hi”"),
    ("windows-1252-number", "2010&#150;2020", "2010–2020"),
    ("escaped-twice", "Fish &amp;amp; chips", "Fish & chips"),
    ("escaped-three-times", "&amp;amp;amp;", "&"),
    ("escaped-reference", "it&amp;rsquo;s &amp;#8220;", "it’s “"),
    ("amp", "Johnson &amp; Johnson", "Johnson & Johnson"),
    ("spaced", "application areas.& rdquo; Cai said", "application areas.” Cai said"),
    ("spaced-at-end", "like Apple.& rdquo;", "like Apple.”"),
    ("spaced-amp", "Johnson & amp; Johnson", "Johnson & Johnson"),
    ("bare-after-punctuation", "unimpeded. rdquo; Most chairmen", "unimpeded.” Most chairmen"),
    ("bare-before-word", "direction. rdquo;It’s hard", "direction.”It’s hard"),
    ("bare-opening-quote", "he said ldquo; hello rdquo; twice", "he said “hello” twice"),
    ("bare-dash", "wait mdash; no", "wait — no"),
    ("bare-after-symbol", "a ½rdquo; b", "a ½” b"),
    ("doubled-closing-quote", "around.” rdquo;", "around.”"),
    ("doubled-closing-spaced", "yourself.”& rdquo;", "yourself.”"),
    ("missing-semicolon", "caf&eacute au lait, 5 &euro each &mdash no", "café au lait, 5 € each — no"),
    ("nbsp", "a&nbsp;b", "a\u00a0b"),
    ("german-closing-quote", "„Das kostet.& ldquo; Ob es reicht?", "„Das kostet.“ Ob es reicht?"),
    ("german-both-broken", "Er sagte: & bdquo;Ja& ldquo; und ging.", "Er sagte: „Ja“ und ging."),
    ("german-bare-closing", "„Ja, ldquo; sagte er", "„Ja,“ sagte er"),
    ("german-spaced-opening", "Er sagte: & bdquo; Ja.& ldquo; Dann", "Er sagte: „Ja.“ Dann"),
    ("german-single-quotes", "Sie nannte es ‚gut& lsquo; und ging.", "Sie nannte es ‚gut‘ und ging."),
    ("german-quote-style-of-document", "„Ja“, sagte er.\nDas kostet.& ldquo; Ob", "„Ja“, sagte er.\nDas kostet.“ Ob"),
    ("english-open-after-closed-german", "„Ja“ & ldquo;Yes& rdquo;", "„Ja“ “Yes”"),
    ("english-single-quotes", "It was & lsquo;fine& rsquo; then", "It was ‘fine’ then"),
]


@pytest.fixture(scope="module")
def entities() -> Pipeline:
    return Pipeline(["entities"])


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_repairs(entities: Pipeline, text: str, expected: str) -> None:
    assert entities.clean(text) == expected


UNTOUCHED = [
    ("ampersand-in-names", "AT&T, R&D, Q&A, S&P 500, B&Q, P&G, M&A"),
    ("ticker-like-legacy-name", "BTC&ETH and &ETH"),
    ("unknown-names", "&foo; &unknown; &madeup;"),
    ("invalid-numbers", "&#0; &#xD800; &#99999999;"),
    ("lone-ampersand", "Tom & Jerry & co"),
    ("word-ending-like-entity", "aquot; and rdquos; and xamp;"),
    ("word-ending-in-entity-name", "herdquo; and Mamp; and x5rdquo;"),
    ("legacy-name-inside-word", "&notice &copyright &amplifier"),
    ("semicolons", "first; second; third;"),
]


@pytest.mark.parametrize("text", [c[1] for c in UNTOUCHED], ids=[c[0] for c in UNTOUCHED])
def test_leaves_lookalikes_alone(entities: Pipeline, text: str) -> None:
    assert entities.clean(text) == text


def test_each_change_names_its_rule(entities: Pipeline) -> None:
    _, changes = entities.clean_and_explain("a &amp;amp; b &pound; c.& rdquo; d &eacute e")
    assert [c.rule for c in changes] == [
        "entities.escaped-again",
        "entities.well-formed",
        "entities.broken",
        "entities.missing-semicolon",
    ]
