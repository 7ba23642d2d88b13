"""Property tests (hypothesis): the invariants every cleaned document keeps, over generated scraped news.

The inputs mix prose in several languages, site debris, names, entities whole and broken,
mojibake, odd characters and layouts (``tests/strategies.py``), plus arbitrary text and bytes;
the invariants are in ``tests/invariants.py``.

Profiles, chosen with the environment variable ``CLEANER_HYPOTHESIS_PROFILE``:

- ``ci`` (default): 100 examples per test, the same ones every run (derandomized), seconds per test;
- ``long``: 5,000 examples per test, for a run by hand::

    CLEANER_HYPOTHESIS_PROFILE=long python -m pytest -q -p no:cacheprovider tests/test_properties.py

For a campaign of minutes that reports every distinct failure minimised, run ``bench/fuzz.py``.
The ``@example`` cases are failures such campaigns found, kept as regression tests.
"""

from __future__ import annotations

import os

import invariants as inv
import strategies as gen
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

_COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
}
settings.register_profile("ci", max_examples=100, derandomize=True, **_COMMON)
settings.register_profile("long", max_examples=5000, **_COMMON)
settings.load_profile(os.environ.get("CLEANER_HYPOTHESIS_PROFILE", "ci"))

HEAD_DEBRIS_THEN_ARTICLE = (
    "What do you think?\nPosted 2 hours ago\n\n"
    "The council said on Monday that the new bridge would open next spring, after two years of delays. "
    "Engineers had warned about the old structure for months. Residents welcomed the decision.\n\n"
    "Shares fell 3 percent in early trading as investors weighed the latest figures from the central bank. "
    "Analysts expected the company to report quarterly results this week. Inflation eased slightly.\n\n"
    "The team won the match with two goals in the second half. The coach praised the players. "
    "Police arrested a man on suspicion of fraud, the court heard.\n"
)
BODY = HEAD_DEBRIS_THEN_ARTICLE.split("\n\n")[1:]


@given(gen.document())
@example("The.\xa0â€™\xa0The.")
@example("Share this article\nThe.\nThe the the Cai Chongxin")
@example("Share this article\nComment\nThe council said on Monday that the bridge would open next spring.")
@example("Eddie Wu Yongming\nEddie Wu")
@example("He said it was &rdqu\xado; over.")
@example('"BYDcaf√©， is setting the pace for the whole industry," said Tu Le.')
@example('"BYD&a\x00mp; is setting the pace for the whole industry," said Tu Le.')
@example("Share this article\n* * *\ndonâ€™t\ndonâ€™t")
@example(
    "Les prix ont augmenté de 12 % cet hiver ; les ménages s’inquiètent.\n"
    '"Every litter matters for a population this small," said Yelena Petrova.\n'
    "Les prix ont augmenté de 12 % cet hiver ; les ménages s’inquiètent."
)
def test_clean_is_idempotent_on_documents(text: str) -> None:
    inv.check_idempotent(text)


@given(st.text(max_size=200))
@example("0\xa0√¨")
@example('rdquo\xa0;"The&amp; the the the," she said.')
@example("He said ï¿½rdquo; it was over.")
@example('&r&amp;amp;dquo;"The the the the," she said.')
@example('"The the the the," &#x2\uff21019;she said.')
@example("！000000000000鈥毬磖")
@example("&rdqu\u200bo;")
def test_clean_is_idempotent_on_any_text(text: str) -> None:
    inv.check_idempotent(text)


@given(gen.any_text())
def test_no_exception_on_any_text(text: str) -> None:
    inv.check_no_exception(text)


@given(gen.any_bytes())
def test_no_exception_on_any_bytes_but_decode_error(data: bytes) -> None:
    inv.check_no_exception(data)


@given(gen.any_text())
@example("∆°")
@example("* * *")
@example("...")
@example("😀😀😀")
def test_never_emptied_silently(text: str) -> None:
    inv.check_not_emptied(text)


@given(gen.any_bytes())
@example(b"!")
def test_bytes_never_emptied_silently(data: bytes) -> None:
    inv.check_not_emptied(data)


@given(gen.cut_prose())
@example("市政府表示，新大桥将于明年春天通车".encode("gb18030")[:-1])
@example("The bridge will open.\n".encode("utf-16")[:-1])
def test_text_cut_short_is_still_read(data: bytes) -> None:
    inv.check_cut_text_decodes(data)


@given(gen.utf8_with_stray_byte())
@example(
    (
        b"TOKYO (AP) \xe2\x80\x94 Japan's economy grew at an annual rate of 2.8% in the October-December quarter, "
        b"the government said Monday, beating expectations as business investment picked up.\n"
        b'"The the the the," she said. "The the the the the," she said.\x92\n',
        [
            "TOKYO (AP) \u2014 Japan's economy grew at an annual rate of 2.8% in the October-December quarter, "
            "the government said Monday, beating expectations as business investment picked up.",
            '"The the the the," she said. "The the the the the," she said.',
        ],
        1,
    )
)
def test_one_bad_byte_in_utf8_stays_local(case: tuple[bytes, list[str], int]) -> None:
    inv.check_stray_byte_stays_local(*case)


@given(gen.article_under_debris())
@example((HEAD_DEBRIS_THEN_ARTICLE, BODY))
def test_article_body_under_debris_is_kept_or_flagged(case: tuple[str, list[str]]) -> None:
    inv.check_body_kept(*case)


@given(gen.document())
def test_no_invented_words(text: str) -> None:
    inv.check_no_invented_words(text)


@given(gen.ascii_document())
def test_ascii_output_lines_are_input_lines(text: str) -> None:
    inv.check_lines_from_input(text)


@given(gen.any_text())
def test_change_log_replays(text: str) -> None:
    inv.check_replays(text)


@given(gen.any_text())
def test_line_count_never_grows(text: str) -> None:
    inv.check_line_count(text)


@given(gen.prose_document())
@example(
    (
        "阿里巴巴集团周一公布了最新季度财报，营收同比增长百分之八。\nRodrygo and Brahim Diaz scored as Madrid took the lead\n",
        "\n",
        2,
    )
)
def test_prose_paragraph_layout_is_kept(case: tuple[str, str, int]) -> None:
    inv.check_prose_layout(*case)
