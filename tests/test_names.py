"""names: every variant becomes the canonical name; surnames, first names, namesakes and hanzi stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Pipeline
from cleaner.errors import RuleError


@pytest.fixture(scope="module")
def names() -> Pipeline:
    return Pipeline(["names"])


CASES = [
    ("pinyin", "Cai Chongxin spoke in Dubai.", "Joe Tsai spoke in Dubai."),
    ("mistranslation", "There are two Chua Chongxin.", "There are two Joe Tsai."),
    ("wade-giles", "Tsai Chung-hsin was born in Taipei.", "Joe Tsai was born in Taipei."),
    ("wade-giles-unhyphenated", "Tsai Chung hsin was born in Taipei.", "Joe Tsai was born in Taipei."),
    ("formal-english", "Joseph C. Tsai and Joseph Tsai are one man.", "Joe Tsai and Joe Tsai are one man."),
    ("possessive-curly", "Cai Chongxin’s speech", "Joe Tsai’s speech"),
    ("possessive-straight", "Ma Yun's company", "Jack Ma's company"),
    ("upper-case", "CAI CHONGXIN SAID", "JOE TSAI SAID"),
    ("upper-case-possessive", "MA YUN’S VISION", "JACK MA’S VISION"),
    ("longest-first", "Jack Ma Yun founded Alibaba.", "Jack Ma founded Alibaba."),
    ("english-then-chinese-given-name", "Eddie Wu Yongming became CEO.", "Eddie Wu became CEO."),
    ("chinese-name", "Wu Yongming became CEO.", "Eddie Wu became CEO."),
    ("full-with-given-name", "Daniel Zhang Yong stepped down.", "Daniel Zhang stepped down."),
    ("wrapped-line", "The talk by Cai\nChongxin was long.", "The talk by Joe\nTsai was long."),
    ("context-word", "Zhang Yong ran Alibaba for years.", "Daniel Zhang ran Alibaba for years."),
    (
        "context-unambiguous-name",
        "Daniel Zhang Yong retired. Later, Zhang Yong said so.",
        "Daniel Zhang retired. Later, Daniel Zhang said so.",
    ),
    ("in-quotes", "‘Cai Chongxin’ and “Ma Yun”", "‘Joe Tsai’ and “Jack Ma”"),
    ("english-first-name-before-variant", "Joe Tsai Chung-hsin spoke.", "Joe Tsai spoke."),
    ("first-name-then-comma", "Joe, Cai Chongxin said.", "Joe, Joe Tsai said."),
    ("compound-led", "the Joseph Tsai-led group", "the Joe Tsai-led group"),
    ("compound-backed", "a Cai Chongxin-backed fund", "a Joe Tsai-backed fund"),
    ("compound-style", "the Ma Yun-style speech", "the Jack Ma-style speech"),
    ("compound-upper-case", "JOSEPH TSAI-LED TEAM", "JOE TSAI-LED TEAM"),
    ("compound-title-case", "Jack Ma Yun-Backed Ant Group Files For IPO", "Jack Ma-Backed Ant Group Files For IPO"),
    ("compound-of-hyphenated-variant", "a Tsai Chung-hsin-owned firm", "a Joe Tsai-owned firm"),
    ("compound-non-breaking-hyphen", "the Wu Yongming\u2011era plan", "the Eddie Wu\u2011era plan"),
    (
        "possessive-then-compound",
        "Cai Chongxin’s Nets-owned arena and a Joseph Tsai-era team’s",
        "Joe Tsai’s Nets-owned arena and a Joe Tsai-era team’s",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_standardises(names: Pipeline, text: str, expected: str) -> None:
    assert names.clean(text) == expected


TRAPS = [
    ("surname-only", "Tsai said the deal was done, and Mr Ma agreed."),
    ("first-name-only", "They said, Joe, when you come back, you will only be chairman."),
    ("hanzi", "蔡崇信和马云在杭州。"),
    ("longer-given-name", "Ma Yunfei is a footballer."),
    ("other-tsai", "Joseph Tsang is a different person."),
    ("same-surname-artist", "Cai Guo-Qiang staged fireworks."),
    ("same-surname-athlete", "Ma Long won the final."),
    ("same-surname-founder", "Zhang Yiming founded ByteDance."),
    ("same-surname-politician", "Wu Yi led the talks."),
    ("namesake-without-context", "Zhang Yong opened another Haidilao restaurant."),
    ("longer-hyphenated-given-name", "Ma Yun-fei paints; MA YUN-FEI; Ma Yun\u2011fei."),
    ("longer-wade-giles-name", "Tsai Chung-hsin-yi and Tsai Chung-hsin-ch'ing are made up."),
    ("hyphen-then-digit", "the Ma Yun-2 draft"),
    ("double-barrelled-surname", "Joseph Tsai-Smith is a lawyer in Ohio; JOSEPH TSAI-SMITH."),
    ("namesake-of-another-generation", "Joseph Tsai Jr. and Wu Yongming, Sr. are other people."),
    ("street-named-after-someone", "Wu Yongming Road is closed, and so is MA YUN STREET."),
    ("canonical-already", "Joe Tsai and Jack Ma met Eddie Wu."),
    ("plural-first-name", "There are two Joes."),
]


@pytest.mark.parametrize("text", [c[1] for c in TRAPS], ids=[c[0] for c in TRAPS])
def test_leaves_traps_alone(names: Pipeline, text: str) -> None:
    assert names.clean(text) == text


def test_each_change_names_the_entry(names: Pipeline) -> None:
    changes = names.clean_and_explain("Ma Yun and Cai Chongxin").changes
    assert [(c.rule, c.before, c.after) for c in changes] == [
        ("names.jack-ma", "Ma Yun", "Jack Ma"),
        ("names.joe-tsai", "Cai Chongxin", "Joe Tsai"),
    ]


def write(folder: Path, text: str) -> Path:
    (folder / "people.toml").write_text(text, encoding="utf-8")
    return folder


def test_users_add_people_without_code(tmp_path: Path) -> None:
    rules = write(
        tmp_path,
        '[[names]]\nid = "names.pony-ma"\ncanonical = "Pony Ma"\nvariants = ["Ma Huateng"]\n'
        'comment = "Tencent founder."\n',
    )
    assert Pipeline(["names"], rules=rules).clean("Ma Huateng and Ma Yun") == "Pony Ma and Jack Ma"


CLASHES = [
    ("variant-claimed-twice", '"Some One"', '["Ma Yun"]', r"names\.x'.*'Ma Yun' is also claimed by 'names\.jack-ma'"),
    (
        "variant-is-a-canonical",
        '"Somebody"',
        '["Joe Tsai"]',
        r"variant 'Joe Tsai' is the canonical name of 'names\.joe-tsai'",
    ),
]


@pytest.mark.parametrize(("canonical", "variants", "message"), [c[1:] for c in CLASHES], ids=[c[0] for c in CLASHES])
def test_clashing_entries_are_errors_naming_both(tmp_path: Path, canonical: str, variants: str, message: str) -> None:
    rules = write(
        tmp_path, f'[[names]]\nid = "names.x"\ncanonical = {canonical}\nvariants = {variants}\ncomment = "c"\n'
    )
    with pytest.raises(RuleError, match=message):
        Pipeline(["names"], rules=rules)
