"""spacing: a missing space after a sentence, a stray space before punctuation; never inside tokens."""

from __future__ import annotations

import pytest

from cleaner import Pipeline

CASES = [
    ("after-full-stop", "a year.At that time", "a year. At that time"),
    ("after-number", "rose in 2024.Most analysts", "rose in 2024. Most analysts"),
    ("after-question", "again?Absolutely not", "again? Absolutely not"),
    ("after-exclamation", "stop!Then go", "stop! Then go"),
    ("pronoun-i", "was there.I went in", "was there. I went in"),
    ("ellipsis", "wait...Then it came", "wait... Then it came"),
    ("after-closing-quote", "change direction.”It’s hard", "change direction.” It’s hard"),
    ("before-opening-quote", "with Alibaba.“We are", "with Alibaba. “We are"),
    ("before-opening-quote-and-i", "with Alibaba.“I think", "with Alibaba. “I think"),
    ("after-comma", "iPhone users,Apple has", "iPhone users, Apple has"),
    ("after-decade", "back in the 1990s.The market", "back in the 1990s. The market"),
    ("after-ordinal", "on March 21st.Then it", "on March 21st. Then it"),
    ("after-percent", "rose 3.5%.The rest", "rose 3.5%. The rest"),
    ("after-decimal", "grew by 3.5.Then it", "grew by 3.5. Then it"),
    ("after-time", "closed at 10:30.The next", "closed at 10:30. The next"),
    ("after-hyphenated-word", "it is well-known.The firm", "it is well-known. The firm"),
    ("after-capitalised-word", "a deal with Alibaba.Most of it", "a deal with Alibaba. Most of it"),
    ("before-word-with-apostrophe", "said so.It’s true", "said so. It’s true"),
    ("initials-then-quote", "made in the U.S.”The firm", "made in the U.S.” The firm"),
    (
        "german-umlaut-before",
        "Die Regierung hat es geprüft.Das Gesetz gilt",
        "Die Regierung hat es geprüft. Das Gesetz gilt",
    ),
    ("turkish", "Türkiye ekonomisi büyüdü.Enflasyon düştü.", "Türkiye ekonomisi büyüdü. Enflasyon düştü."),
    ("accented-capital-after", "a été annoncé.Élysée a dit", "a été annoncé. Élysée a dit"),
    ("russian", "Президент выступил в среду.Он сказал", "Президент выступил в среду. Он сказал"),
    ("greek", "Η κυβέρνηση αποφάσισε.Ένας υπουργός είπε", "Η κυβέρνηση αποφάσισε. Ένας υπουργός είπε"),
    ("spanish-opening-question", "habló ayer.¿Qué dijo?", "habló ayer. ¿Qué dijo?"),
    ("space-before-comma", "Alibaba Group Holding , left", "Alibaba Group Holding, left"),
    ("space-before-stop-at-end", "and Unitree Robotics .", "and Unitree Robotics."),
    ("space-before-stop-mid-line", "has reported . Then", "has reported. Then"),
    ("space-before-semicolon-english", "the firm ; and then", "the firm; and then"),
]


@pytest.fixture(scope="module")
def spacing() -> Pipeline:
    return Pipeline(["spacing"])


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_repairs(spacing: Pipeline, text: str, expected: str) -> None:
    assert spacing.clean(text) == expected


UNTOUCHED = [
    ("domain", "see alibaba.com and www.scmp.com today"),
    ("capitalised-domain", "visit Alibaba.Com or www.Example.Org now"),
    ("url", "https://example.com/News.Html here"),
    ("email", "mail press.Office@example.com now"),
    ("initials", "the U.S. Army and J.R.R. Tolkien, Ph.D. holders"),
    ("abbreviation-eg", "e.g. this and i.e. that"),
    ("decimal-and-version", "GPT 3.5 and Qwen2.5-Max, v1.2.3"),
    ("dotnet", "built on ASP.NET and .NET today"),
    ("spaced-ellipsis", "for years … but then . . . nothing"),
    ("ellipsis-before-word", "and so ... on"),
    ("acronym-after-stop", "it was in the U.S.A great country"),
    ("cyrillic-initials", "писатель А.С.Пушкин и ОАО.Газпром"),
    ("all-capitals-after", "the ФСБ.ФСО and ПАО.СБЕР units"),
    ("french-colon", "Il a dit : « non » ; puis il est parti ! Pourquoi ? Parce que la vie est dure pour les gens."),
    ("lowercase-after-stop", "file.txt and node.js"),
    ("number-list", "1,000 and 2,500,000 people"),
    ("strain-name", "Humanized HLA-DR4.RagKO.IL2RγcKO.NOD (DRAG) mice sustain"),
    ("letters-then-digits", "Qwen2.Max and GPT4.Turbo and Foxp3.Cre mice"),
    ("camel-case", "call MyClass.Method or iPhone.Pro and YouTube.Shorts"),
    ("capitalised-right-part", "the DR4.RagKO line and Node.JsRuntime"),
    ("file-suffix", "built on Node.Js and Vue.Js, see report.Pdf and index.Html"),
    ("dotted-name", "using System.Collections.Generic and Microsoft.Extensions.Logging here"),
    ("dotted-after-lower", "in e.g.This and a.b.Cd form"),
    ("comma-in-identifier", "the pair Qwen2,Max and MyList,Other"),
]


@pytest.mark.parametrize("text", [c[1] for c in UNTOUCHED], ids=[c[0] for c in UNTOUCHED])
def test_leaves_alone(spacing: Pipeline, text: str) -> None:
    assert spacing.clean(text) == text


HOSTILE = [
    ("a.B-chain", "a.B" * 20_000),
    ("sentences-without-spaces", "It rose in 2024.Most said so,Then left." * 2_000),
    ("one-token-of-words", "Word.word,Word?" * 10_000),
    ("long-token-then-match", "x" * 150_000 + "a.Bc d"),
    ("chinese-with-stops", "中文.A" * 30_000),
]


@pytest.mark.parametrize("text", [c[1] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_long_tokens_stay_within_the_time_budget(text: str) -> None:
    """150 KB without a space takes milliseconds; a scan from each match through its token took minutes.

    A budget of 5 s fails the document with OverBudget if that comes back (``bench/growth.py`` measures growth).
    """
    Pipeline(["spacing"], time_limit=5).clean(text)
