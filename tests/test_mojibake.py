"""mojibake: text decoded with the wrong code page comes back exactly; good text is never touched."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs used to corrupt text)
import pytest

from cleaner import Pipeline

PARAS = {
    "en": "Alibaba’s chairman said the company’s “open source” strategy — unlike its rivals’ — would pay off… Shares rose 5%.",
    "fr": "Le président a déclaré que l’économie française était « très forte » et qu’il n’y avait pas de crise. Où est passé l’été ?",
    "de": "Die Bundesregierung hat beschlossen, die Förderung zu verlängern. Größere Änderungen gibt es nicht: „Wir sind zufrieden.“",
    "pt": "O presidente afirmou que a economia brasileira está em recuperação e que não há motivo para preocupação. Ações subiram.",
    "zh": "阿里巴巴集团董事会主席蔡崇信在迪拜举行的世界政府峰会上发表讲话，谈到了人工智能的发展。",
    "ja": "アリババグループの蔡崇信会長は、ドバイで開催された世界政府サミットで講演し、人工知能の将来について語った。",
}


def misread(text: str, *codepages: str) -> str:
    """UTF-8 bytes read with the wrong code page, once per code page given."""
    for cp in codepages:
        text = text.encode("utf-8").decode(cp, errors="replace")
    return text


CORRUPTIONS = {
    "cp1252": ("sloppy-windows-1252",),
    "latin-1": ("latin-1",),
    "cp1251": ("sloppy-windows-1251",),
    "cp1250": ("sloppy-windows-1250",),
    "cp1252-twice": ("sloppy-windows-1252", "sloppy-windows-1252"),
    "gb18030": ("gb18030",),
    "gbk": ("gbk",),
}
# A GBK decoder drops bytes it cannot pair (U+FFFD); those cases are below, with context that decides them.
CASES = [
    pytest.param(misread(text, *cps), text, id=f"{lang}-{name}")
    for lang, text in PARAS.items()
    for name, cps in CORRUPTIONS.items()
    if "\ufffd" not in misread(text, *cps)
]
CASES += [
    pytest.param(misread("西湖", "gbk"), "西湖", id="zh-gbk-issue-example"),
    pytest.param(
        misread("アリババの会長は語った。", "gb18030"), "アリババの会長は語った。", id="ja-gb18030-final-byte-lost"
    ),
    pytest.param(
        misread("It is “open” — and it’s ours", "gbk"), "It is “open” — and it’s ours", id="en-gbk-bytes-lost"
    ),
    pytest.param(
        misread("Le président a déclaré « très forte »", "gbk"), "Le président a déclaré « très forte »", id="fr-gbk"
    ),
    pytest.param(
        misread("Größere Änderungen: „Wir sind zufrieden.“", "gbk"),
        "Größere Änderungen: „Wir sind zufrieden.“",
        id="de-gbk-bytes-lost",
    ),
    pytest.param("Le Vigne di Zam√≤", "Le Vigne di Zamò", id="macroman"),
    pytest.param(misread(PARAS["fr"], "cp932"), PARAS["fr"], id="fr-shift-jis"),
    pytest.param(  # half-width katakana alone, no Han: ñ, ó, ú read as ﾃｱ, ﾃｳ, ﾃｺ
        misread("El Gobierno español aprobó la reforma, según el ministro.", "cp932"),
        "El Gobierno español aprobó la reforma, según el ministro.",
        id="es-shift-jis-no-han",
    ),
    pytest.param(
        misread("Regeringen meddelade. ”Det är ett viktigt besked”, sade finansministern.", "gbk"),
        "Regeringen meddelade. ”Det är ett viktigt besked”, sade finansministern.",
        id="sv-gbk-lost-closing-quote-like-the-opening",
    ),
    pytest.param(  # byte A0 of 格 and of 정 made a plain space by some process after the misreading
        misread(PARAS["zh"], "sloppy-windows-1252").replace("\xa0", " "), PARAS["zh"], id="zh-cp1252-a0-made-a-space"
    ),
    pytest.param(
        misread(
            "정부는 수요일 새로운 경제 대책을 발표했다. 총 규모는 약 20조 원에 달한다.", "sloppy-windows-1252"
        ).replace("\xa0", " "),
        "정부는 수요일 새로운 경제 대책을 발표했다. 총 규모는 약 20조 원에 달한다.",
        id="ko-cp1252-a0-made-a-space",
    ),
    pytest.param(  # its non-breaking space is a byte of 정: made plain, ftfy would read only half the line
        misread("정부는 수요일 새로운 경제 대책을 발표했다.", "sloppy-windows-1251"),
        "정부는 수요일 새로운 경제 대책을 발표했다.",
        id="ko-cp1251-nbsp-is-a-byte",
    ),
    pytest.param("naïve " + misread("“good”", "gbk") + " day", "naïve “good” day", id="word-in-good-text"),
    pytest.param(misread(misread("café", "sloppy-windows-1252"), "gbk"), "café", id="cp1252-then-gbk"),
]


@pytest.fixture(scope="module")
def mojibake() -> Pipeline:
    return Pipeline(["mojibake"])


@pytest.mark.parametrize(("garbled", "expected"), CASES)
def test_repairs_exactly(mojibake: Pipeline, garbled: str, expected: str) -> None:
    assert garbled != expected
    assert mojibake.clean(garbled) == expected


# A GBK or Shift-JIS decoder that drops a byte of a Han or kana character loses that character for
# good: it comes back as U+FFFD, never guessed, and the rest of the paragraph is read again.
LOST_CHARACTERS = [
    ("zh-gbk", "国家统计局周三公布的数据显示，十月份全国居民消费价格同比上涨百分之二点一，涨幅比上月有所回落。", "gbk"),
    ("ja-gbk", "政府は水曜日、新たな経済対策を閣議決定した。総額は約二十兆円に上り、物価高への対応が柱となる。", "gbk"),
    (
        "ja-cp932",
        "政府は水曜日、新たな経済対策を閣議決定した。総額は約二十兆円に上り、物価高への対応が柱となる。",
        "cp932",
    ),
]


@pytest.mark.parametrize(("text", "codepage"), [c[1:] for c in LOST_CHARACTERS], ids=[c[0] for c in LOST_CHARACTERS])
def test_reads_cjk_again_around_lost_characters(mojibake: Pipeline, text: str, codepage: str) -> None:
    garbled = misread(text, codepage)
    out = mojibake.clean(garbled)
    lost = out.count("\ufffd")
    assert 0 < lost <= garbled.count("\ufffd")
    assert len(out) == len(text)  # a character for each, the lost ones shown as U+FFFD
    assert all(a == b for a, b in zip(out, text, strict=True) if a != "\ufffd")


UNTOUCHED = [
    ("chinese-with-a-lost-character", "国家统计局�周三公布的数据显示，十月份全国居民消费价格同比上涨。"),
    ("plain-english", "He said “it’s fine” — and left… 5% up."),
    ("latin-accents", "naïve café résumé São Paulo Ångström Łódź"),
    ("chinese-with-brand", "用iPhone拍照很方便。"),
    ("traditional-chinese", "香港特區政府今日宣佈，將於下月推出新一輪消費券計劃。"),
    ("japanese-half-width-katakana", "ﾗｰﾒﾝ(Ramen)とﾁｬｰｼｭｰ、ﾃｽﾄTest ﾃﾞｰﾀ 800円です。"),
    ("japanese-fullwidth", "東京都は７日、感染者が新たに確認されたと発表した。"),
    ("russian", "Москва — столица России."),
    ("greek", "Ελλάδα και Κύπρος."),
    ("ukrainian-letter-in-latin-word", "SENSЕ - Oleg Tsedryk"),
    ("symbols", "Ⅷ ① ™ € – — “” ‘’ … μ-law α-helix √2 ≤ 3"),
    ("curly-quotes-kept", "“Quoted” and ‘single’"),
    ("fullwidth-kept", "ＡＢＣ１２３"),
    ("entities-left-for-entities-pass", "AT&amp;T &rdquo;"),
]


@pytest.mark.parametrize("text", [c[1] for c in UNTOUCHED], ids=[c[0] for c in UNTOUCHED])
def test_leaves_good_text_alone(mojibake: Pipeline, text: str) -> None:
    assert mojibake.clean(text) == text


def test_change_log_says_which_repair_applied(mojibake: Pipeline) -> None:
    _, changes = mojibake.clean_and_explain("It was Ã©tÃ©.\nOK\n" + misread("西湖", "gbk"))
    assert [(c.rule, c.line) for c in changes] == [("mojibake.ftfy", 1), ("mojibake.codepage", 3)]
    assert "encode latin-1" in changes[0].note and "gb18030" in changes[1].note


FTFY_CASES = next(
    (p / "shared/benchdata/ftfy-test-cases" for p in Path(__file__).resolve().parents if (p / "shared").is_dir()),
    Path("ftfy-test-cases-not-found"),
)


def ftfy_cases() -> list:
    files = ["in-the-wild.json", "language-names.json", "synthetic.json", "negative.json"]
    if not FTFY_CASES.is_dir():
        return []
    return [
        pytest.param(c, id=f"{f}:{c['label'][:40]}") for f in files for c in json.loads((FTFY_CASES / f).read_text())
    ]


@pytest.mark.parametrize("case", ftfy_cases())
def test_keeps_everything_ftfy_repairs(mojibake: Pipeline, case: dict) -> None:
    """ftfy's own cases; its expected outputs also straighten quotes etc., which this pass leaves alone.

    Where ftfy shows a lost byte as U+FFFD and the context decides it (a quote opened before), the
    character put back is the only difference allowed.
    """
    import ftfy

    others = ftfy.TextFixerConfig(fix_encoding=False, unescape_html=False)
    expected = case.get("fixed-encoding", case["fixed"])
    ours = mojibake.clean(case["original"])
    put_back = len(ours) == len(expected) and all(
        a == b or (b == "\ufffd" and a in "’”“‘—–") for a, b in zip(ours, expected, strict=True)
    )
    assert ours == expected or put_back or ftfy.fix_text(ours, others) == ftfy.fix_text(expected, others)


# What the unicode pass, after this one, turns into a space or removes: odd spaces, invisible and C1 characters.
ODD_SPACES = ["\u00a0", "\u2009", "\u202f", "\u2007", "\u200b", "\u00a0\u00a0", "\u00ad", "\x81", "\x9d", "\ufeff"]
MOJIBAKE = ["â€™", "â€œitâ€\x9d", "â€”", "cafÃ©", "Ã©tÃ©", "Ð¼Ð¸Ñ€", "瑗挎箹", "縺吶＠"]
REPAIRED = ["’", "“it”", "—", "café", "été", "мир", "西湖", "すし"]


@pytest.mark.parametrize("space", ODD_SPACES, ids=[f"U+{ord(s[0]):04X}x{len(s)}" for s in ODD_SPACES])
@pytest.mark.parametrize(("garbled", "good"), list(zip(MOJIBAKE, REPAIRED, strict=True)), ids=REPAIRED)
def test_mojibake_next_to_odd_spaces_is_repaired_in_one_run(space: str, garbled: str, good: str) -> None:
    """The unicode pass cleans up odd spaces after this pass; a second cleaning must find nothing left to do."""
    import cleaner

    for text in (f"The.{space}{garbled}{space}The.", f"{garbled}{space}x", f"Say{space}{garbled}.\nNext line."):
        once = cleaner.clean(text)
        assert good in once
        assert cleaner.clean(once) == once


# UTF-8 Chinese or Japanese words misread as a CJK code page inside good English text (words whose
# misreading lost no byte: those come back exactly; a lost byte of a Han character cannot be inferred).
CJK_WORDS = [("西湖", "gbk"), ("谢谢", "gbk"), ("東京", "gbk"), ("すし", "gbk"), ("ラーメン", "gb18030")]
CJK_WORDS += [("谢谢", "big5"), ("東京", "cp932"), ("こんにちは", "cp932"), ("アリババ", "cp932")]
PLACES = [
    ("parentheses", "West Lake ({}) is in Hangzhou."),
    ("straight-quotes", 'The word "{}" is common.'),
    ("curly-quotes", "They call it “{}”, he said."),
    ("after-punctuation", "He said:{}. Then left."),
    ("glued-to-latin", "Tea from {}Longjing is good."),
    ("line-start", "{} is a word."),
]


@pytest.mark.parametrize(("word", "codepage"), CJK_WORDS, ids=[f"{w}-{cp}" for w, cp in CJK_WORDS])
@pytest.mark.parametrize("template", [t for _, t in PLACES], ids=[name for name, _ in PLACES])
def test_cjk_word_misread_in_english_comes_back(mojibake: Pipeline, word: str, codepage: str, template: str) -> None:
    garbled = misread(word, codepage)
    assert "\ufffd" not in garbled
    assert mojibake.clean(template.format(garbled)) == template.format(word)


def test_several_misread_words_in_one_line(mojibake: Pipeline) -> None:
    good = "Hangzhou’s West Lake (西湖), Tokyo (東京) and “ラーメン” are all 谢谢-worthy."
    garbled = "Hangzhou’s West Lake (瑗挎箹), Tokyo (譚ｱ莠ｬ) and “銉┿兗銉°兂” are all 璋㈣阿-worthy."
    assert garbled == good.replace("西湖", misread("西湖", "gbk")).replace("東京", misread("東京", "cp932")).replace(
        "ラーメン", misread("ラーメン", "gbk")
    ).replace("谢谢", misread("谢谢", "gbk"))
    assert mojibake.clean(garbled) == good


GENUINE_CJK = [
    ("chinese-sentence", "杭州西湖是中国最著名的风景区之一，每年吸引数百万游客。"),
    ("japanese-sentence", "東京でラーメンを食べました。すしもおいしかったです。"),
    ("traditional-chinese", "臺北市政府今日宣佈，將於下月推出新一輪消費券計劃。"),
    ("rare-characters", "龘靐齉齾爩鱻麤龗灪"),
    ("english-with-chinese-words", "West Lake (西湖) and Longjing (龙井) tea, said Ma Yun (马云)."),
    ("english-with-japanese-words", "The word “すし” and Tokyo (東京) and “こんにちは”."),
    ("chinese-with-english", "阿里巴巴的Qwen2.5-Max模型在AI领域很强，用iPhone拍照。"),
    ("single-characters", "The character 中 and 人 and 的 stand alone."),
    ("half-width-katakana", "ｶﾀｶﾅ is half-width katakana."),
    ("bopomofo", "ㄅㄆㄇㄈ are bopomofo letters."),
]


@pytest.mark.parametrize("text", [t for _, t in GENUINE_CJK], ids=[name for name, _ in GENUINE_CJK])
def test_genuine_cjk_is_never_repaired(mojibake: Pipeline, text: str) -> None:
    assert mojibake.clean(text) == text


@pytest.mark.parametrize("word", ["杭州", "聯絡電話", "さくら", "最北の市で"])
@pytest.mark.parametrize("codepage", ["gbk", "big5", "cp932"])
def test_lost_bytes_of_han_or_kana_are_not_guessed(mojibake: Pipeline, word: str, codepage: str) -> None:
    """A byte the decoder dropped from a Han or kana character could be any of dozens: no guess is made."""
    garbled = misread(word, codepage)
    han_and_kana = re.compile("[\u3040-\u30ff\u4e00-\u9fff]+")
    out = mojibake.clean(f"It is ({garbled}) here.")
    assert han_and_kana.findall(out) in (han_and_kana.findall(garbled), [word])


@pytest.mark.parametrize("ligature", ["ǌ", "ﬁ", "ŉ", "Ĳ"])
def test_mojibake_next_to_a_ligature_is_repaired_in_one_run(ligature: str) -> None:
    import cleaner

    for garbled, good in (("瑗挎箹", "西湖"), ("â€™", "’"), ("縺吶＠", "すし")):
        once = cleaner.clean(f"{ligature}{garbled}{ligature} and {garbled}{ligature}.")
        assert once.count(good) == 2
        assert cleaner.clean(once) == once


def test_cleaning_twice_changes_nothing_more_on_mixtures() -> None:
    """Seeded mixtures of mojibake, misread CJK, entities, odd spaces, invisible and C1 characters, ligatures."""
    import random

    import cleaner

    pieces = [
        *("The. ", "said ", "the ", ". ", ", ", "!", "(", ")", "\n", "\n\n", " ", "a", "é", "„Ja", "“", "’"),
        *("&amp;", "& rdquo;", "ldquo;", "\xa0", "\u2009", "\u202f", "\u200b", "\xad", "\x81", "\x9d", "\ufffd"),
        *("ǌ", "ﬁ", "ŉ", "Ã", "Â", "Ð", "ｶ", "鈥", "西湖"),
        *(misread(w, "sloppy-windows-1252") for w in ("’", "“hi”", "café", "мир")),
        *(misread(w, cp) for w, cp in (("西湖", "gbk"), ("すし", "cp932"), ("杭州", "gbk"), ("東京", "cp932"))),
    ]
    rng = random.Random(13)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        once = cleaner.clean(text)
        assert cleaner.clean(once) == once, text


def test_badness_with_long_ascii_runs_left_out_counts_as_ftfy_does() -> None:
    """The oddity score counts ftfy's badness on the text around non-ASCII characters only: the same
    count as ftfy's own on the whole text, whatever the runs of ASCII between them."""
    import random

    from ftfy.badness import badness as ftfy_badness

    from cleaner.passes.mojibake import _badness_reach, badness

    assert _badness_reach() is not None  # ftfy's pattern is one the shortcut is proven for
    rng = random.Random(7)
    odd = "ÃÂâ€œ™Ã©Ã¨Ð°Ñ‚Ð¾ГўВЂВβ€ā€°²³×Œœ√±≈‚Ä鈥檚茅 \xa0"
    ascii_ = "abcdefghij XYZ.,?!\n\t"
    for _ in range(3000):
        text = "".join(
            "".join(rng.choice(ascii_) for _ in range(rng.choice((0, 1, 6, 7, 8, 14, 15, 16, 40))))
            + "".join(rng.choice(odd) for _ in range(rng.randrange(4)))
            for _ in range(rng.randrange(1, 6))
        )
        assert badness(text) == ftfy_badness(text), text


def test_ftfy_without_its_idle_last_round_gives_what_ftfy_gives() -> None:
    """Text and steps equal ftfy's own ``fix_and_explain`` with the pass's config: on ftfy's cases, on
    mojibake in one layer or two, next to C1 controls ftfy keeps (its last resort notes them without a
    change) or surrogates, and on text that holds none."""
    import random

    import ftfy

    from cleaner.passes.mojibake import FTFY_AFTER_ENCODING, _ftfy_config, fix_with_ftfy

    config = _ftfy_config()
    fixers = ("fix_c1_controls", "fix_latin_ligatures", "fix_character_width", "uncurl_quotes", "fix_line_breaks")
    fixers += ("fix_surrogates", "remove_terminal_escapes", "remove_control_chars")
    assert config.fix_encoding and not config.unescape_html and config.normalization is None
    assert tuple(f for f in fixers if getattr(config, f)) == FTFY_AFTER_ENCODING  # the shortcut's premise
    texts = [c.values[0]["original"] for c in ftfy_cases()]
    rng = random.Random(3)
    pieces = [*PARAS.values(), "\x81", "\x9d", "\x80", "\ud83d", "\ud83d\udca9", "Ã", "â€", " ", "x"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 5)))
        for codepages in ((), ("sloppy-windows-1252",), ("sloppy-windows-1252", "sloppy-windows-1252"), ("latin-1",)):
            try:
                texts.append(misread(text, *codepages))
            except UnicodeEncodeError:  # a lone surrogate has no UTF-8
                texts.append(text)
    assert len(texts) > 1000
    for text in texts:
        assert fix_with_ftfy(text) == tuple(ftfy.fix_and_explain(text, config)), repr(text)
