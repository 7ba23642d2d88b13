"""HTML input: recognised by content, name or option; the article extracted and cleaned; explained; bad pages survive."""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import cleaner
from cleaner import Pipeline, replay
from cleaner.cli import main
from cleaner.document import Document
from cleaner.passes import html as html_pass
from cleaner.passes.decode import decode_bytes
from cleaner.passes.html import looks_like_html

ARTICLE = [
    "The council voted on Tuesday to rebuild the old harbour bridge, ending a debate that has run for a decade.",
    "Engineers said the new bridge would carry twice the traffic and open to cyclists for the first time.",
    "Residents who spoke at the meeting were divided, but most welcomed the end of the long closures.",
    "Work is due to start in the spring and to finish within three years, the council said in a statement.",
]


def page(
    *,
    head: str = "",
    body_extra: str = "",
    title: str = "Harbour bridge to be rebuilt | Example Gazette",
    paragraphs: list[str] = ARTICLE,
) -> str:
    """A news page: navigation, the article (headline, paragraphs, a heading, a list), share bar, comments, footer."""
    ps = [f"<p>{p}</p>" for p in paragraphs]
    half = len(ps) // 2
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="https://www.example-gazette.com/news/harbour-bridge">
<meta name="author" content="Ann Writer">{head}</head>
<body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Harbour bridge to be rebuilt</h1>
{"".join(ps[:half])}
<h2>What happens next</h2>
<ul><li>Demolition of the old deck in March</li><li>New piers driven by the summer</li></ul>
{"".join(ps[half:])}
{body_extra}
</article>
<div class="share-buttons"><a>Share on Facebook</a> <a>Share on X</a></div>
<section id="comments"><h3>2 comments</h3>
<div class="comment"><p>Finally! This should have happened years ago, says a reader.</p></div>
<div class="comment"><p>What a waste of public money, says another reader here.</p></div></section>
<footer><p>Copyright 2024 Example Gazette. All rights reserved.</p></footer>
</body></html>
"""


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# -- recognition ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(page(), True, id="doctype page"),
        pytest.param("<html><body><p>Short page.</p></body></html>", True, id="html and body"),
        pytest.param("  \n<body><div><p>Only a body.</p></div></body>", True, id="body alone"),
        pytest.param(
            "<div><p>One.</p><p>Two.</p><p>Three.</p><ul><li>a</li><li>b</li></ul></div>", True, id="dense tags"
        ),
        pytest.param("Plain article text.\n\nA second paragraph.\n", False, id="plain text"),
        pytest.param("Use the <b> tag for bold, and <i> for italics, in your HTML.\n" * 3, False, id="text about tags"),
        pytest.param("a < b and c > d, said the mathematician.\n", False, id="comparison signs"),
    ],
)
def test_html_is_recognised_by_its_content(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_cleaning_a_page_gives_the_article_not_the_markup() -> None:
    out = cleaner.clean(page())
    assert "<" not in out and "Home" not in lines(out)
    assert ARTICLE[0] in lines(out)


def test_a_file_named_html_is_html_and_the_option_decides_over_content_and_name() -> None:
    fragment = "<p>A paragraph.</p> <p>Another one.</p>"  # too few tags to be recognised by content
    pipeline = Pipeline()
    as_text = pipeline.run(Document(text=fragment))
    assert as_text.text.startswith("<p>")
    by_name = pipeline.run(Document(text=fragment, path="saved/page.html"))
    assert lines(by_name.text) == ["A paragraph.", "Another one."]
    forced = Pipeline(input_format="html").clean(fragment)
    assert lines(forced) == ["A paragraph.", "Another one."]
    untouched = Pipeline(input_format="text").clean(page())
    assert f"<p>{ARTICLE[0]}</p>" in untouched


def test_a_file_named_html_without_a_tag_stays_text() -> None:
    doc = Pipeline().run(Document(text="First line.\nSecond line.\n", path="notes.html"))
    assert doc.text == "First line.\nSecond line.\n"


def test_an_unknown_input_format_is_a_configuration_error() -> None:
    with pytest.raises(cleaner.ConfigError, match="input_format"):
        Pipeline(input_format="pdf")


def test_text_is_left_alone_by_the_html_pass() -> None:
    text = "Body text with a < sign & an ampersand.\n\nSecond paragraph.\n"
    doc = Pipeline(["decode", "html"]).document(text, explain=True)
    assert doc.text == text and doc.counts["html"] == 0


# -- the extraction -------------------------------------------------------------


def test_the_article_keeps_its_title_once_headings_and_lists_and_loses_the_page_around_it() -> None:
    out = lines(cleaner.clean(page()))
    assert out[0] == "Harbour bridge to be rebuilt"
    assert sum("Harbour bridge to be rebuilt" in line for line in out) == 1
    assert "What happens next" in out
    assert "- Demolition of the old deck in March" in out and "- New piers driven by the summer" in out
    assert all(p in out for p in ARTICLE)
    for debris in ("Home", "Sport", "Share on Facebook", "2 comments", "Copyright 2024"):
        assert not any(debris in line for line in out), debris
    assert not any("reader" in line for line in out)  # comments are off by default


def test_paragraphs_are_separated_by_a_blank_line_and_list_items_stay_together() -> None:
    out = cleaner.clean(page())
    assert f"{ARTICLE[0]}\n\n{ARTICLE[1]}" in out
    assert "- Demolition of the old deck in March\n- New piers driven by the summer" in out


def test_the_title_comes_from_the_page_when_the_article_has_no_headline() -> None:
    html = page().replace("<h1>Harbour bridge to be rebuilt</h1>", "")
    out = lines(cleaner.clean(html))
    assert out[0] == "Harbour bridge to be rebuilt"  # the site's name after "|" is not part of it
    assert lines(cleaner.clean(html, html_title=False))[0] == ARTICLE[0]


def blog_post() -> str:
    """A blog's post: the page's title is the blog's name; a date header, the post's title and its byline above it."""
    return (
        '<!DOCTYPE html><html><head><title>Coastal Cycling</title><meta property="og:site_name" content="Coastal Cycling">'
        '</head><body><header id="blog-header"><h1><a href="/">Coastal Cycling</a></h1><p>Notes from the saddle</p>'
        '</header><div class="main"><h2 class="date-header">Sunday, May 8, 2016</h2><div class="post">'
        '<h3 class="post-title"><a href="/2016/05/harbour">Harbour bridge to be rebuilt</a></h3>'
        '<div class="post-meta">Posted by Ann Writer at 9:12 PM</div>'
        '<div class="share-tools"><a>Share by email</a> <a>Tweet</a></div>'
        f'<div class="post-body">{"".join(f"<p>{p}</p>" for p in ARTICLE)}</div></div></div>'
        '<div class="sidebar"><h2>Blog archive</h2><ul><li><a>May 2016 (3)</a></li><li><a>April 2016 (5)</a></li>'
        "</ul></div></body></html>"
    )


def test_a_blog_post_keeps_its_own_headline_and_byline_not_the_blogs_name() -> None:
    out = lines(cleaner.clean(blog_post()))
    assert out[0] == "Harbour bridge to be rebuilt"  # neither the blog's name nor the date header
    assert sum("Harbour bridge to be rebuilt" in line for line in out) == 1
    assert out.count("Posted by Ann Writer at 9:12 PM") == 1  # a byline the extraction leaves out comes back
    assert out[out.index("Posted by Ann Writer at 9:12 PM") + 1] == ARTICLE[0]
    assert all(p in out for p in ARTICLE)
    for debris in ("Coastal Cycling", "Share by email", "Blog archive", "May 2016 (3)"):
        assert not any(debris in line for line in out), debris


def test_a_section_heading_the_extraction_misses_between_two_paragraphs_comes_back() -> None:
    # a long article: its paragraphs carry it, and a heading set in a <div> is easily lost
    more = [f"{a[:-1]}, and {b[0].lower()}{b[1:]}" for a, b in zip(ARTICLE, ARTICLE[1:] + ARTICLE[:1], strict=True)]
    subhead = '<div class="article-subhead">Who pays for the new bridge?</div>'
    html = page(paragraphs=[*ARTICLE, "@@", *more]).replace("<p>@@</p>", subhead)
    out = lines(cleaner.clean(html))
    assert out.count("Who pays for the new bridge?") == 1
    assert out[out.index("Who pays for the new bridge?") - 1] == "- New piers driven by the summer"
    assert out[out.index("Who pays for the new bridge?") + 1] == more[0]
    assert "Share on Facebook" not in " ".join(out)  # the page around the article stays out


def test_comments_are_kept_when_asked() -> None:
    # the boilerplate pass judges comment threads on its own: without it, the comments stay
    out = Pipeline(["decode", "html", "tidy"], html_comments=True).clean(page())
    assert "Finally! This should have happened years ago, says a reader." in out


def test_entities_and_mojibake_inside_the_markup_are_repaired_by_the_later_passes() -> None:
    extra = "<p>The mayor called it &amp;ldquo;a great day&amp;rdquo; for the cityâ€™s caf&amp;eacute;s, she said.</p>"
    out = cleaner.clean(page(body_extra=extra))
    assert "The mayor called it “a great day” for the city’s cafés, she said." in out


def test_hidden_elements_are_not_text() -> None:
    extra = '<div style="display: none">Hidden tracking text that nobody sees.</div><p hidden>Also hidden away.</p>'
    out = cleaner.clean(page(body_extra=extra))
    assert "Hidden tracking" not in out and "Also hidden" not in out


def test_a_fragment_of_markup_is_the_article_all_of_its_text_kept() -> None:
    fragment = (
        "<div>" + "".join(f"<p>{p}</p>" for p in ARTICLE[:2]) + "<p>Short one.</p><ul><li>x</li><li>y</li></ul></div>"
    )
    out = lines(Pipeline(["decode", "html", "tidy"]).clean(fragment))
    assert out == [ARTICLE[0], ARTICLE[1], "Short one.", "x", "y"]


def test_the_page_metadata_is_kept_and_its_host_names_the_source(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "gazette.toml").write_text(
        '[source]\nid = "gazette"\nname = "Example Gazette"\nhosts = ["example-gazette.com"]\n', encoding="utf-8"
    )
    doc = Pipeline(rules=rules).document(page())
    assert doc.meta["page"]["title"].startswith("Harbour bridge to be rebuilt")
    assert doc.meta["page"]["author"] == "Ann Writer"
    assert doc.meta["page"]["url"] == "https://www.example-gazette.com/news/harbour-bridge"
    assert doc.meta["host"] == "example-gazette.com"
    assert doc.source == "gazette"


def test_records_of_html_are_annotated_with_the_page_metadata() -> None:
    (out,) = Pipeline().clean_records([{"id": 7, "html": page()}], "html", annotate="cleaner")
    assert out["id"] == 7 and ARTICLE[0] in out["html"]
    assert out["cleaner"]["page"]["author"] == "Ann Writer"
    assert out["cleaner"]["host"] == "example-gazette.com"


# -- explained and replayable ---------------------------------------------------


def test_the_extraction_is_one_change_saying_what_was_kept_and_dropped() -> None:
    text, changes = cleaner.clean_and_explain(page())
    (extract,) = [c for c in changes if c.rule == "html.extract"]
    assert extract.before.startswith("<!DOCTYPE html>")
    assert "kept: " in extract.note and "list items" in extract.note
    assert "navigation 3 lines" in extract.note
    assert "comments 3 lines" in extract.note and "footer 1 line" in extract.note
    assert "share and follow bars" in extract.note
    assert any(c.rule == "html.metadata" and "Ann Writer" in c.note for c in changes)
    assert replay(page(), changes) == text


def test_replay_holds_for_a_page_given_as_bytes_in_a_legacy_encoding() -> None:
    raw = page(head="").replace('charset="utf-8"', 'charset="windows-1252"').replace("Work is", "Café work is")
    raw_bytes = raw.encode("cp1252")
    doc = Pipeline().document(raw_bytes, explain=True)
    assert "Café work is due" in doc.text
    assert replay(doc.meta["original"], doc.changes or []) == doc.text


def test_explain_shows_the_extraction_briefly(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page(), encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "html.extract (1)" in result.output
    assert "dropped: navigation 3 lines" in result.output
    assert "html.metadata: page: title" in result.output
    assert len(result.output.splitlines()) < 40  # no tag by tag listing


# -- meta charset --------------------------------------------------------------


@pytest.mark.parametrize(
    "declaration, encoding, word",
    [
        pytest.param('<meta charset="iso-8859-1">', "cp1252", "Café “quoted”", id="latin-1 read as Windows-1252"),
        pytest.param(
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">',
            "cp1250",
            "Łódź",
            id="http-equiv",
        ),
        pytest.param("<meta charset=shift_jis>", "cp932", "東京", id="unquoted Japanese"),
    ],
)
def test_decode_honours_the_pages_meta_charset(declaration: str, encoding: str, word: str) -> None:
    html = f"<html><head>{declaration}</head><body><p>{word}</p></body></html>"
    decoded = decode_bytes(html.encode(encoding))
    assert decoded.rule == "decode.meta-charset"
    assert word in decoded.text


def test_utf8_bytes_stay_utf8_whatever_an_old_declaration_says() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Café Zürich</p></body></html>'
    decoded = decode_bytes(html.encode("utf-8"))
    assert decoded.encoding == "utf-8" and "Café Zürich" in decoded.text


def test_a_declaration_the_bytes_contradict_is_no_evidence() -> None:
    html = '<html><head><meta charset="utf-8"></head><body><p>caf\xe9</p></body></html>'
    decoded = decode_bytes(html.encode("cp1252"))
    assert "café" in decoded.text and decoded.rule != "decode.meta-charset"


def test_a_bom_wins_over_the_declaration() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><p>Zürich</p></body></html>'
    decoded = decode_bytes(b"\xef\xbb\xbf" + html.encode("utf-8"))
    assert decoded.rule == "decode.bom" and "Zürich" in decoded.text


# -- bad HTML ------------------------------------------------------------------


def test_truncated_and_malformed_pages_give_their_text() -> None:
    truncated = page()[: page().index(ARTICLE[3]) + 20]
    out = cleaner.clean(truncated)
    assert ARTICLE[0] in out and "<" not in out
    malformed = page().replace("</p>", "", 3).replace("<h2>", "<h2><b><i>") + "</div></span><<<>>>&&&"
    out = cleaner.clean(malformed)
    assert ARTICLE[1] in out or ARTICLE[1] in out.replace("\n", " ")


def test_deep_nesting_is_flagged_not_fatal() -> None:
    deep = "<html><body><p>" + ARTICLE[0] + "</p>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>"
    started = time.perf_counter()
    doc = Pipeline().document(deep)
    assert time.perf_counter() - started < 10
    assert ARTICLE[0] in doc.text
    assert any("nested deeper than 256" in f for f in doc.flags)


def test_a_page_without_an_article_keeps_its_visible_text_or_is_flagged_empty() -> None:
    doc = Pipeline(["decode", "html", "tidy"]).document(
        "<html><body><div><span>Opening hours: 9 to 5</span></div></body></html>"
    )
    assert "Opening hours: 9 to 5" in doc.text
    empty = Pipeline().document("<html><head><title></title></head><body><div></div></body></html>")
    assert empty.text == ""
    assert any("no visible text" in f for f in empty.flags)


def test_a_folder_of_pages_is_cleaned_and_one_bad_page_does_not_stop_the_batch(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.html").write_text(page(), encoding="utf-8")
    (src / "saved-as-text.txt").write_text(page(), encoding="utf-8")
    (src / "empty-page.htm").write_text("<html><body></body></html>", encoding="utf-8")
    (src / "plain.txt").write_text("Plain article text.\n", encoding="utf-8")
    out = tmp_path / "out"
    report = tmp_path / "run.json"
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "-j", "1", "--report", str(report)])
    assert result.exit_code == 0, result.output
    for name in ("good.html", "saved-as-text.txt"):
        assert lines((out / name).read_text(encoding="utf-8"))[0] == "Harbour bridge to be rebuilt"
    assert (out / "plain.txt").read_text(encoding="utf-8") == "Plain article text.\n"
    assert (out / "empty-page.htm").read_text(encoding="utf-8") == ""
    entries = {Path(e["input"]).name: e for e in json.loads(report.read_text())["inputs"]}
    assert entries["empty-page.htm"]["flags"]


def test_the_input_format_option_of_the_command_line(tmp_path: Path) -> None:
    src = tmp_path / "page.txt"
    src.write_text(page(), encoding="utf-8")
    as_text = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "a.txt"), "--input-format", "text"])
    assert as_text.exit_code == 0, as_text.output
    assert "<p>" in (tmp_path / "a.txt").read_text(encoding="utf-8")
    auto = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "b.txt")])
    assert auto.exit_code == 0, auto.output
    assert "<p>" not in (tmp_path / "b.txt").read_text(encoding="utf-8")
    fragment = tmp_path / "fragment.txt"
    fragment.write_text("<p>One paragraph.</p><p>Two.</p>", encoding="utf-8")
    forced = CliRunner().invoke(main, ["clean", str(fragment), "-o", str(tmp_path / "c.txt"), "--input-format", "html"])
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == "One paragraph.\n\nTwo.\n"
    bad = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "d.txt"), "--input-format", "pdf"])
    assert bad.exit_code == 2


def test_a_page_over_the_extraction_limit_keeps_its_visible_text_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_pass, "MAX_EXTRACTED", 1000)
    doc = Pipeline(["decode", "html", "tidy"]).document(page())
    assert ARTICLE[0] in doc.text and "<p>" not in doc.text
    assert any("over the extraction limit" in f for f in doc.flags)


@pytest.mark.slow
def test_a_huge_page_gives_a_result_or_a_clear_error_within_its_budget() -> None:
    paragraph = "<div class='c'><p>Paragraph {i} of a very long page, with words enough to look like prose.</p></div>"
    html = "<html><body><article>" + "".join(paragraph.format(i=i) for i in range(60_000)) + "</article></body></html>"
    started = time.perf_counter()
    try:
        doc = Pipeline(time_limit=20).document(html)
    except cleaner.budget.OverBudget as e:
        assert "time budget" in str(e)
    else:
        assert "Paragraph 59999 of a very long page" in doc.text
    assert time.perf_counter() - started < 20 + 5 * len(html) / 1e6 + 15


def _extraction(text: str) -> SimpleNamespace:
    """What trafilatura's ``bare_extraction`` gives, with ``text`` as the article's text."""
    return SimpleNamespace(text=text, title=None, comments=None, sitename=None, hostname=None)


def test_an_extraction_holding_little_of_the_page_is_redone_and_the_one_with_most_prose_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    links = [f"Read more stories from our archive, part {n}" for n in range(40)]  # longer, but no prose
    texts = {"first": ARTICLE[:1], "favor_recall": ARTICLE[:1] + links, "favor_precision": ARTICLE}
    modes = []

    def extract(tree: object, **options: object) -> SimpleNamespace:
        mode = next((m for m in ("favor_recall", "favor_precision") if options.get(m)), "first")
        modes.append(mode)
        return _extraction("\n".join(texts[mode]))

    monkeypatch.setattr(trafilatura, "bare_extraction", extract)
    doc = Pipeline(["decode", "html"]).document(page().encode(), explain=True)
    assert modes == ["first", "favor_recall", "favor_precision"]
    for paragraph in ARTICLE:
        assert paragraph in doc.text
    assert "archive" not in doc.text
    (extraction,) = [c for c in doc.changes if c.rule == "html.extract"]
    assert "extracted again" in extraction.note


def test_an_extraction_holding_most_of_the_page_is_done_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    modes = []
    real = trafilatura.bare_extraction

    def extract(tree: object, **options: object) -> object:
        modes.append((options["favor_recall"], options.get("favor_precision", False)))
        return real(tree, **options)

    monkeypatch.setattr(trafilatura, "bare_extraction", extract)
    text = Pipeline(["decode", "html"]).clean(page().encode())
    assert modes == [(False, False)]
    assert ARTICLE[-1] in text


def test_a_page_over_the_retry_limit_is_extracted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    modes = []

    def extract(tree: object, **options: object) -> SimpleNamespace:
        modes.append(options["favor_recall"] or options.get("favor_precision", False))
        return _extraction(ARTICLE[0])

    monkeypatch.setattr(trafilatura, "bare_extraction", extract)
    monkeypatch.setattr(html_pass, "MAX_RETRIED", 1000)  # the page is about 2,000 characters
    text = Pipeline(["decode", "html"]).clean(page().encode())
    assert modes == [False]
    assert ARTICLE[0] in text
