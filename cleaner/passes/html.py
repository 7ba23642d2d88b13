"""html: a web page becomes the text of its article, for the other passes to clean.

What is HTML (option ``input_format``: ``auto``, ``html`` or ``text``): in ``auto``, a
document whose file name ends in ``.html``, ``.htm`` or ``.xhtml`` (and that holds a tag),
or whose first kilobytes hold a doctype, ``<html>``, ``<head>`` or ``<body>``, or many
tags close together. Anything else is text and passes untouched (one look at 4,096 characters).

A page (it has a doctype, ``<html>``, ``<head>``, ``<body>`` or ``<title>``), its hidden
elements removed, goes to trafilatura, which picks the main content: paragraphs, lists,
in-article headings and tables, no comments unless ``html_comments`` is set; when its text
holds under a quarter of the words the page shows, the page is extracted again in its recall
and precision modes and the text with the most prose is kept (see ``RETRY_SHARE``). Recall is
helped after it: paragraphs it missed in the containers it took the article from come
back (:func:`restore_siblings`). Each block
becomes a line, blocks separated by a blank line (the items of a list or the rows of a
table stay together). The headline comes first, once (unless ``html_title`` is off; one the
article's text starts with is not repeated): the line above the article's first paragraph
that reads as the page's title, else the nearest heading there (a blog's page title is
often the blog's name), else the page's title. A byline or dateline between the headline
and the first paragraph that the extraction left out comes back (:func:`find_head`). A fragment of markup
without page structure (the body of an article a scraper kept as HTML) is the article
itself: all of its visible text is kept. So is a page in which no article is found,
flagged, rather than an empty document.

The whole replacement is one recorded change, whose note says what was kept and what
kinds of blocks were dropped (navigation, comments, share bars, ...), with line counts.
The page's metadata (title, author, date, URL, site name) goes to ``doc.meta["page"]``,
and the host of its URL to ``doc.meta["host"]`` (for source recognition) unless the
caller gave one.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping
from html import unescape
from typing import Any, NamedTuple

from cleaner.document import Document, Edit
from cleaner.errors import CleanerError, ConfigError
from cleaner.pipeline import Pass, register

INPUT_FORMATS = ("auto", "html", "text")
EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
HEAD = 4096  # characters looked at to recognise HTML
PAGE = re.compile(r"<(?:!doctype\s+html|html|head|body|title)[\s>]", re.IGNORECASE)
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]{0,9})\b[^<>]{0,2000}>")
TAG_NAMES = frozenset(
    "a abbr article aside b blockquote body br caption code dd div dl dt em figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label li link main meta nav noscript ol "
    "option p pre script section select small source span strong style sub sup table tbody td th thead "
    "time title tr u ul".split()
)
MIN_TAGS = 8  # tags from TAG_NAMES in the first HEAD characters, at least...
MIN_TAG_SHARE = 0.1  # ...and covering this share of them, for markup without page structure
XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")

# Elements whose content a reader never sees as text.
INVISIBLE = frozenset(
    "script style noscript template head svg math iframe object embed canvas select option datalist textarea".split()
)
# Elements that start a new line of text.
BLOCKS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead "
    "title tr ul".split()
)
# What a dropped block was, from its element or an ancestor's name, class or id; innermost first.
KIND_BY_TAG = {"nav": "navigation", "header": "header", "footer": "footer", "aside": "sidebar", "form": "forms"}
KIND_BY_HINT = (
    (re.compile(r"comment|disqus|discussion|respon[sd]", re.I), "comments"),
    (re.compile(r"share|social|sharing|follow", re.I), "share and follow bars"),
    (re.compile(r"related|recommend|popular|more-stories|trending|read-?more|outbrain|taboola", re.I), "related links"),
    (re.compile(r"newsletter|subscri|sign-?up|paywall|regwall", re.I), "newsletter and paywall boxes"),
    (re.compile(r"cookie|consent|gdpr", re.I), "cookie notices"),
    (re.compile(r"(?:^|[-_ ])(?:ad|ads|advert\w*|sponsor\w*|promo\w*|banner)(?:$|[-_ ])", re.I), "ads and promotions"),
    (re.compile(r"breadcrumb|menu|(?:^|[-_ ])nav|masthead|topbar|navbar", re.I), "navigation"),
    (re.compile(r"footer", re.I), "footer"),
    (re.compile(r"header", re.I), "header"),
    (re.compile(r"sidebar|widget|rail", re.I), "sidebar"),
    (re.compile(r"caption|credit", re.I), "captions and credits"),
)
SPACE = re.compile(r"\s+")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
TITLE_SEPARATOR = re.compile(r"\s+[|–—·:-]\s+|\s+::\s+")
WORD = re.compile(r"\w+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
MIN_RESTORED_WORDS = 10
# The headline and byline above an article: a heading (h1 to h3, or a block whose class names a
# headline) or the page's title, among the lines just above the article's first paragraph.
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
HEADLINE_HINT = re.compile(r"headline|subhead|(?:entry|post|article|story)[-_]?title", re.I)
MAX_DATELINE_WORDS = 6  # a heading this short that reads as a date is the dateline of a blog's post, not its headline
NEAR_START = 8  # page lines above the article's first paragraph where its headline is looked for...
NEAR_TITLE = 30  # ...or a line reading as the page's title
MAX_HEADLINE_WORDS = 30
MAX_BYLINE_WORDS = 20
BYLINE = re.compile(
    r"\b(?:by|posted|published|updated|written|filed)\b|\d{1,2}:\d\d|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
# Kinds of block (see KIND_BY_HINT) that hold no headline or byline of the article.
FURNITURE = frozenset(
    "title|navigation|comments|footer|sidebar|forms|share and follow bars|related links|captions and credits|"
    "newsletter and paywall boxes|cookie notices|ads and promotions".split("|")
)
# trafilatura's options, chosen by measurement on the article-extraction benchmark
# (bench/score_extraction.py) and the labelled pages (bench/score_html_pages.py): its
# balanced mode (which retries short extractions with recall settings); favor_recall
# brings gallery captions and sidebars: F1 -0.002 on the benchmark, +0.002 on a third of
# the labelled pages (recall +0.001), not worth it. Without tables or with deduplication
# recall falls on both (no tables: F1 -0.003 and -0.001, content lines lost 8 % -> 13 %).
# Dates only from the page's markup: a guess from its text (a copyright year) would be a
# wrong fact in the metadata.
EXTRACTION: dict[str, Any] = {
    "favor_recall": False,
    "include_tables": True,
    "include_formatting": False,
    "deduplicate": False,
    "with_metadata": True,
    "date_extraction_params": {"extensive_search": False},
}
# Two more extractions, in trafilatura's recall and precision modes, when the first holds under
# RETRY_SHARE of the words the page shows (a blog's sidebar, an events box or a list of links
# taken for the article): the one with the most words of prose (paragraphs of sentences) is
# kept, the first on a tie. Measured on the labelled pages (bench/score_html_pages.py):
# recall 0.957 -> 0.962, F1 0.949 -> 0.953 (Dragnet's blogs; Scrapinghub and Readability
# pages and the article-extraction benchmark unchanged), about a third more time on HTML.
# Recall mode alone, kept when longer, brought gallery captions and footers (benchmark F1
# -0.002); a threshold of 0.15 retries half as many pages for recall 0.961 (estimated).
RETRY_SHARE = 0.25
RETRY_MODES = ("favor_recall", "favor_precision")
MAX_RETRIED = 1_000_000  # characters of markup at most: each extraction takes about 4 s a megabyte
MAX_LINES_SUMMARISED = 20_000
# Characters of markup given to trafilatura at most: it takes about 4 s a megabyte, and some
# of its steps are long calls into lxml that the time budget's signal cannot interrupt.
MAX_EXTRACTED = 10_000_000  # lines of a page weighed for the summary of what was dropped

for _name in ("trafilatura", "htmldate", "courlan"):
    # Their warnings ("discarding data") are not the user's business; an application can still collect them.
    logging.getLogger(_name).addHandler(logging.NullHandler())


class PageError(CleanerError):
    """Markup that cannot be read as a page at all."""


class Article(NamedTuple):
    """What the extraction gave: the headline it added (None if not), the text, paragraphs and bylines
    restored, and whether it is another mode's extraction (see RETRY_SHARE)."""

    title: str | None
    text: str
    restored: int
    bylines: int = 0
    retried: bool = False


class Line(NamedTuple):
    """A line of a page's visible text, what kind of block it stands in, and whether it is a heading."""

    text: str
    kind: str
    heading: bool = False


def extension_says_html(path: str | None) -> bool:
    return bool(path) and str(path).lower().endswith(EXTENSIONS)


def looks_like_html(text: str) -> bool:
    """Markup by content: page structure, or many known tags close together, in the first kilobytes.

    >>> looks_like_html("<!DOCTYPE html><title>x</title>"), looks_like_html("Use <b> for bold.")
    (True, False)
    """
    head = text[:HEAD]
    if "<" not in head:
        return False
    tags = [m for m in TAG.finditer(head) if m.group(1).lower() in TAG_NAMES]
    if PAGE.search(head) and len(tags) >= 2:
        return True
    return len(tags) >= MIN_TAGS and sum(m.end() - m.start() for m in tags) >= MIN_TAG_SHARE * len(head)


def is_page(text: str) -> bool:
    """A whole page (doctype, html, head, body or title), not a fragment of markup."""
    return PAGE.search(text[:HEAD]) is not None


def parse(text: str) -> tuple[Any, list[str]]:
    """The page's tree (lxml), and what the parser could not read (nesting too deep, text too long)."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)
    try:
        tree = etree.fromstring(XML_DECLARATION.sub("", text, count=1), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as e:
        raise PageError(f"the markup could not be read as HTML ({e})") from None
    if tree is None:
        raise PageError("the markup holds no HTML elements")
    problems = []
    for entry in parser.error_log:
        message = entry.message.lower()
        if "depth" in message:
            problems.append("elements nested deeper than 256 levels: the parser read no further")
        elif "huge" in message or "too long" in message or "too large" in message:
            problems.append(f"the parser stopped early ({entry.message.strip()})")
    return tree, sorted(set(problems))


def prune_hidden(tree: Any) -> int:
    """Remove the elements a browser does not show (``hidden``, ``display: none``, ``visibility: hidden``)."""
    hidden = [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and (el.get("hidden") is not None or HIDDEN_STYLE.search(el.get("style") or "") is not None)
    ]
    for el in hidden:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:  # the text after a removed element stays
            before = el.getprevious()
            if before is not None:
                before.tail = (before.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
    return len(hidden)


def site_suffix_removed(title: str, site: str | None, hostname: str | None) -> str:
    """A page title without the site's name after or before it (``Title | Site``, ``Site - Title``).

    >>> site_suffix_removed("Big News | Example Times", "Example Times", None)
    'Big News'
    """
    names = {_normal(n).replace(" ", "") for n in (site, (hostname or "").removeprefix("www.").split(".")[0]) if n}
    names.discard("")
    cuts = list(TITLE_SEPARATOR.finditer(title))
    if not cuts or not names:
        return title
    last, first = cuts[-1], cuts[0]
    if _normal(title[last.end() :]).replace(" ", "") in names:
        return title[: last.start()]
    if _normal(title[: first.start()]).replace(" ", "") in names:
        return title[first.end() :]
    return title


def _kind(element: Any, inherited: str) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in KIND_BY_TAG:
        return KIND_BY_TAG[tag]
    hint = " ".join(str(element.get(a) or "") for a in ("class", "id", "role"))
    if hint.strip():
        for pattern, kind in KIND_BY_HINT:
            if pattern.search(hint):
                return kind
    return inherited


def visible_lines(tree: Any) -> list[Line]:
    """The text a reader sees, one line per block, each with the kind of block around it (iterative: any depth)."""
    from lxml import etree

    lines: list[Line] = []
    parts: list[str] = []
    kinds = ["other text"]
    headings = [False]

    def flush() -> None:
        line = SPACE.sub(" ", "".join(parts)).strip()
        parts.clear()
        if line:
            lines.append(Line(line, kinds[-1], headings[-1]))

    body = tree.find("body")
    title = tree.findtext("head/title")
    if title and title.strip():
        lines.append(Line(SPACE.sub(" ", title).strip(), "title"))
    walker = etree.iterwalk(body if body is not None else tree, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in INVISIBLE:
                walker.skip_subtree()
                kinds.append(kinds[-1])
                headings.append(headings[-1])
                continue
            if tag in BLOCKS:
                flush()
            kinds.append(_kind(element, kinds[-1]))
            headings.append(headings[-1] or _is_heading(element, tag))
            if element.text:
                parts.append(element.text)
        else:
            if tag in BLOCKS:
                flush()
            kinds.pop()
            headings.pop()
            if element.tail:
                parts.append(element.tail)
    flush()
    return lines


def _normal(text: str) -> str:
    """The words of ``text``, lower-cased, entities read: what stays the same between page and extraction."""
    return " ".join(WORD.findall(unescape(text).lower()))


def dropped_summary(page: list[Line], kept: str) -> str:
    """What kinds of block the extraction dropped, with their line counts, most first."""
    joined = f" {_normal(kept)} "
    kept_lines = {_normal(line) for line in kept.splitlines()}
    dropped: Counter[str] = Counter()
    for line in page[:MAX_LINES_SUMMARISED]:
        key = _normal(line.text)
        if line.kind == "title" or not key or key in kept_lines:
            continue
        if key.count(" ") >= 3 and len(joined) < 1_000_000 and f" {key} " in joined:
            continue  # a block the extraction joined to another
        dropped[line.kind] += 1
    if not dropped:
        return "dropped: nothing"
    return "dropped: " + ", ".join(f"{kind} {n} line{'s' * (n != 1)}" for kind, n in dropped.most_common())


def _layout(text: str) -> str:
    """Blocks one a line with a blank line between them; the items of a list, the rows of a table together."""
    out: list[str] = []
    previous = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        grouped = line.startswith(("- ", "| ")) and previous.startswith(line[:2])
        if out and not grouped:
            out.append("")
        out.append(line)
        previous = line
    return "\n".join(out)


def _signature(element: Any) -> tuple[str, ...] | None:
    """Where a paragraph stands: its parent's and grandparent's tag and class (None without any class)."""
    parent = element.getparent()
    grand = parent.getparent() if parent is not None else None
    if parent is None:
        return None
    sig = (parent.tag, parent.get("class") or "", *((grand.tag, grand.get("class") or "") if grand is not None else ()))
    return sig if any(sig[1::2]) else None


def _reads_as_prose(text: str) -> bool:
    """A paragraph of sentences: ten words or more (forty characters of CJK), not in capitals, ending like one."""
    words = len(WORD.findall(text))
    cjk = len(CJK.findall(text))
    return (
        (words >= MIN_RESTORED_WORDS or cjk >= 4 * MIN_RESTORED_WORDS)
        and not text.isupper()
        and bool(SENTENCE_END.search(text))
    )


def _partly_kept(key: str, joined: str) -> bool:
    """Whether the extraction holds this paragraph's text, whole or a line of it (split at a ``<br>``)."""
    words = key.split()
    head, tail = " ".join(words[:6]), " ".join(words[-6:])
    return f" {key} " in joined or f" {head} " in joined or f" {tail} " in joined


def restore_siblings(tree: Any, body: str) -> tuple[str, int]:
    """``body`` with the paragraphs the extraction missed from the containers it took the article from.

    An article split into several blocks of one kind (a container per section) is often
    taken in part: a paragraph (``<p>``) whose parent and grandparent have the tag and
    class of two kept paragraphs' or more is article text too. It goes back where the
    page has it, after the kept paragraph before it. Returns the text and how many came back.
    """
    from lxml import etree

    etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)
    blocks = body.split("\n\n")
    index = {}
    for i, block in enumerate(blocks):
        index.setdefault(_normal(block), i)
    paragraphs = []
    for el in tree.iter("p"):
        text = SPACE.sub(" ", "".join(el.itertext())).strip()
        if text:
            paragraphs.append((text, _normal(text), _signature(el)))
    kept_by_signature = Counter(sig for _, key, sig in paragraphs if sig is not None and key in index)
    article = {sig for sig, n in kept_by_signature.items() if n >= 2}
    if not article:
        return body, 0
    after: dict[int, list[str]] = {}
    last = 0  # the block a missing paragraph follows; 0: the first (the title or first paragraph)
    restored = 0
    seen = Counter(key for _, key, _ in paragraphs)
    joined = f" {_normal(body)} "
    for text, key, sig in paragraphs:
        if key in index:
            last = index[key]
        elif sig in article and seen[key] == 1 and _reads_as_prose(text) and not _partly_kept(key, joined):
            after.setdefault(last, []).append(text)
            restored += 1
    if not restored:
        return body, 0
    out = []
    for i, block in enumerate(blocks):
        out.append(block)
        out.extend(after.get(i, ()))
    return "\n\n".join(out), restored


def restore_headings(page: list[Line], body: str) -> tuple[str, int]:
    """``body`` with the headings the extraction missed between two of its consecutive blocks.

    A heading (h1 to h6, or a block whose class names a headline or subhead) that the page
    shows between two blocks the extraction kept one after the other, with nothing else
    between them, is the article's section heading. Returns the text and how many came back.
    """
    blocks = body.split("\n\n")
    index: dict[str, int] = {}
    for i, block in enumerate(blocks):
        for line in (block, *block.split("\n")):  # a list's items are one block
            index.setdefault(_normal(line), i)
    before: dict[int, list[str]] = {}
    pending: list[str]
    last, pending = -1, []
    for line in page[:MAX_LINES_SUMMARISED]:
        key = _normal(line.text)
        if not key:
            continue
        at = index.get(key)
        if at is not None:
            if pending and last >= 0 and at == last + 1:
                before[at] = pending
            last, pending = at, []
        elif line.heading and line.kind not in FURNITURE and _words(key) <= MAX_HEADLINE_WORDS and last >= 0:
            pending.append(line.text)
        else:  # other text between the two blocks: not a plain gap in the article
            last, pending = -1, []
    if not before:
        return body, 0
    out = []
    for i, block in enumerate(blocks):
        out.extend(before.get(i, ()))
        out.append(block)
    return "\n\n".join(out), sum(map(len, before.values()))


def _headline_in(title: str, body: str) -> bool:
    """Whether one of the first blocks of ``body`` is the title, or the title but for a part it adds
    (``Headline - Site slogan``)."""
    words = _normal(title)
    for block in body.split("\n\n", 3)[:3]:
        key = _normal(block)
        if key == words or (key.count(" ") >= 2 and (words.startswith(key + " ") or words.endswith(" " + key))):
            return True
    return False


def _is_heading(element: Any, tag: str) -> bool:
    if tag in HEADINGS:
        return True
    hint = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(hint.strip()) and HEADLINE_HINT.search(hint) is not None


def _words(key: str) -> int:
    return key.count(" ") + 1 if key else 0


def _reads_as_title(key: str, title: str) -> bool:
    """Whether a line (``_normal``) is the page's title, or most of it (the title adds a part)."""
    if not key or not title:
        return False
    if key == title:
        return True
    part = title.startswith(key + " ") or title.endswith(" " + key) or key.startswith(title + " ")
    return _words(key) >= 3 and 2 * _words(key) >= _words(title) and part


def _dateline(key: str, text: str) -> bool:
    """A line of a few words that reads as a date (a blog's date header): no headline."""
    return _words(key) <= MAX_DATELINE_WORDS and BYLINE.search(text) is not None and any(c.isdigit() for c in key)


class Head(NamedTuple):
    """What stands above an article: its headline (None if not found) and its byline and dateline lines."""

    headline: str | None
    bylines: list[str]


def find_head(page: list[Line], body: str, title: str | None) -> Head:
    """The headline the page shows above the article's first paragraph, and the bylines between them.

    The article's first paragraph (not a heading) of four words or more is found among the page's lines;
    above it, the nearest line reading as the page's title (``title``), else the nearest
    heading close to it, is the headline. Short lines between the two that read as a byline
    or dateline (``By ...``, ``Posted ...``, a date or time) and the extraction left out
    come back under it. Lines of navigation, sidebars, share bars and the like are never either.
    """
    blocks = [_normal(block) for block in body.split("\n\n")[:50]]
    keys = [_normal(line.text) for line in page[:MAX_LINES_SUMMARISED]]
    start = None
    for first in (key for key in blocks[:10] if _words(key) >= 4):
        at_line = (i for i, key in enumerate(keys) if key and (key == first or first.startswith(key + " ")))
        start = next(at_line, None)
        if start is not None and not page[start].heading:
            break
    if start is None:
        return Head(None, [])
    title_key = _normal(title or "")
    kept = set(blocks)
    near = [i for i in range(max(start - NEAR_TITLE, 0), start) if keys[i] and not _dateline(keys[i], page[i].text)]
    found = [i for i in near if page[i].kind != "title" and keys[i] == title_key]
    if not found:
        found = [i for i in near if page[i].kind != "title" and _reads_as_title(keys[i], title_key)]
    if not found:
        found = [
            i
            for i in near
            if i >= start - NEAR_START
            and page[i].heading
            and page[i].kind not in FURNITURE
            and _words(keys[i]) <= MAX_HEADLINE_WORDS
        ]
    if not found:
        return Head(None, [])
    at = found[-1]
    bylines = [
        page[i].text
        for i in range(max(at + 1, start - NEAR_START), start)
        if keys[i]
        and page[i].kind not in FURNITURE
        and keys[i] not in kept
        and _words(keys[i]) <= MAX_BYLINE_WORDS
        and BYLINE.search(page[i].text)
    ]
    return Head(page[at].text, bylines)


def _words_of(found: Any) -> int:
    """Words of an extraction's text (0 without one)."""
    return len((found.text or "").split()) if found is not None else 0


def _prose_words(found: Any) -> int:
    """Words of an extraction's text in lines that read as prose: what an article is made of."""
    text = (found.text or "") if found is not None else ""
    return sum(len(line.split()) for line in text.splitlines() if _reads_as_prose(line.strip()))


def _kept_summary(title: str | None, text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    items = sum(ln.startswith("- ") for ln in lines)
    words = len(text.split())
    what = ["the title"] if title else []
    what.append(f"{len(lines) - items - bool(title)} blocks")
    if items:
        what.append(f"{items} list items")
    return f"kept: {', '.join(what)} ({words:,} words)"


@register
class Html(Pass):
    """A web page (or a fragment of markup) becomes text: the article's, or all the visible text."""

    name = "html"
    summary = (
        "a web page becomes its article's text (trafilatura: title once, paragraphs, lists, headings; "
        "no comments unless html_comments); markup without page structure becomes its visible text"
    )
    defaults: Mapping[str, Any] = {"input_format": "auto", "html_comments": False, "html_title": True}
    may_empty = True  # markup holding no visible text is an empty document (flagged by the pipeline)

    def setup(self) -> None:
        if self.options["input_format"] not in INPUT_FORMATS:
            choices = ", ".join(INPUT_FORMATS)
            raise ConfigError(f"option input_format takes one of {choices}, got {self.options['input_format']!r}")

    def wanted(self, text: str, doc: Document) -> bool:
        """Whether ``text`` is to be read as HTML (see the module docstring)."""
        chosen = self.options["input_format"]
        if chosen != "auto":
            return chosen == "html"
        if extension_says_html(doc.path):
            return TAG.search(text, 0, HEAD) is not None  # a .html file without a single tag is text
        return looks_like_html(text)

    def apply(self, text: str, doc: Document) -> str:
        if not text.strip() or not self.wanted(text, doc):
            return text
        tree, problems = parse(text)
        prune_hidden(tree)
        for problem in problems:
            doc.flags.append(f"html: {problem}")
            self.note(doc, "html.unreadable", problem)
        page = visible_lines(tree)
        if not is_page(text):
            out = "\n\n".join(line.text for line in page)
            why = f"markup without page structure: kept its visible text, {len(page)} lines"
            return self._replace(doc, text, out, "html.visible-text", why)
        if len(text) > MAX_EXTRACTED:
            why = (
                f"the page ({len(text) / 1e6:.0f} million characters) is over the extraction limit of "
                f"{MAX_EXTRACTED / 1e6:.0f} million: kept all of its visible text for the other passes to clean"
            )
            doc.flags.append(f"html: {why}")
            out = "\n\n".join(line.text for line in page if line.kind != "title")
            return self._replace(doc, text, out, "html.visible-text", why)
        article = self._extract(tree, doc, page, len(text))
        if article is None:
            why = "no article found in the page: kept all of its visible text for the other passes to clean"
            if not page:
                why = "the page holds no visible text"
            doc.flags.append(f"html: {why}")
            out = "\n\n".join(line.text for line in page if line.kind != "title")
            return self._replace(doc, text, out, "html.visible-text", why)
        title, body, restored, bylines, retried = article
        note = f"{_kept_summary(title, body)}; {dropped_summary(page, body)}"
        if retried:
            note += "; extracted again in another mode, with more prose (the first extraction held little of the page)"
        if restored:
            note += f"; {restored} paragraphs and headings the extraction missed restored from the article"
        if bylines:
            note += f"; {bylines} byline or dateline lines above the article restored"
        return self._replace(doc, text, body, "html.extract", note)

    def _replace(self, doc: Document, text: str, out: str, rule: str, note: str) -> str:
        if rule not in self.rules:
            return text
        return self.edit(doc, text, [Edit(0, len(text), out + "\n" if out else "", rule, note)])

    def _extract(self, tree: Any, doc: Document, page: list[Line], size: int) -> Article | None:
        """The article (its title when added, its text, the paragraphs restored); None when none is found."""
        import trafilatura

        try:
            found = trafilatura.bare_extraction(tree, include_comments=self.options["html_comments"], **EXTRACTION)
        except Exception as e:  # a page trafilatura cannot handle (RecursionError, a bug) still gives text
            why = f"the extraction failed ({type(e).__name__}: {e})"
            doc.flags.append(f"html: {why}")
            self.note(doc, "html.unreadable", why)
            return None
        first = found
        found = self._retried(tree, found, page) if size <= MAX_RETRIED else found
        retried = found is not first
        if found is None:
            return None
        self._metadata(found, doc)
        body, restored = restore_siblings(tree, _layout(found.text or ""))
        body, headings = restore_headings(page, body)
        restored += headings
        if self.options["html_comments"] and found.comments:
            body = f"{body}\n\n{_layout(found.comments)}"
        if not body.strip():
            return None
        title = SPACE.sub(" ", found.title or "").strip()
        title = site_suffix_removed(title, found.sitename, found.hostname) or None
        site = title and site_suffix_removed(f"{title} | {title}", found.sitename, found.hostname) == title
        head = find_head(page, body, None if site else title)  # a title that is the site's name is no headline
        blocks = body.split("\n\n")
        keys = {_normal(block) for block in blocks}
        shown = next((h for h in (title, head.headline) if h and (_headline_in(h, body) or _normal(h) in keys)), None)
        if head.bylines:
            at = next((i + 1 for i, b in enumerate(blocks[:3]) if shown and _headline_in(shown, b)), 0)
            blocks[at:at] = head.bylines
            body = "\n\n".join(blocks)
        headline = None if shown else head.headline or title
        if headline and self.options["html_title"]:
            return Article(headline, f"{headline}\n\n{body}", restored, len(head.bylines), retried)
        return Article(None, body, restored, len(head.bylines), retried)

    def _retried(self, tree: Any, found: Any, page: list[Line]) -> Any:
        """``found``, or another mode's extraction with more prose when ``found`` holds little of the page."""
        import trafilatura

        shown = sum(len(line.text.split()) for line in page if line.kind != "title")
        if not shown or _words_of(found) >= RETRY_SHARE * shown:
            return found
        best, most = found, _prose_words(found)
        for mode in RETRY_MODES:
            options = {**EXTRACTION, "favor_recall": False, mode: True}
            try:
                again = trafilatura.bare_extraction(tree, include_comments=self.options["html_comments"], **options)
            except Exception:  # the first extraction stands
                continue
            if (prose := _prose_words(again)) > most:
                best, most = again, prose
        return best

    def _metadata(self, found: Any, doc: Document) -> None:
        from cleaner.records import host

        page = {
            key: value
            for key in ("title", "author", "date", "url", "sitename")
            if isinstance(value := getattr(found, key, None), str) and value.strip()
        }
        if not page:
            return
        doc.meta["page"] = page
        if doc.meta.get("host") is None and host(page.get("url")):
            doc.meta["host"] = host(page["url"])
        self.note(doc, "html.metadata", "page: " + "; ".join(f"{k} {v!r}" for k, v in page.items()))
