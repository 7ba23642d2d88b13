"""Hypothesis strategies for scraped-news documents, used by the property tests and ``bench/fuzz.py``.

A document is built from parts, one per line or paragraph: prose (English, French, German,
Chinese, Japanese, Russian), site debris (menus, share bars, comment widgets, cookie and
newsletter lines), names from ``rules/names/people.toml`` and their variants, symbol-only
lines, and prose dirtied the way scrapers dirty it (HTML entities whole and broken,
mojibake one or two layers deep, odd spaces, invisible and control characters, full-width
punctuation), joined with the layouts scraped pages have.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent

# --- words and prose -------------------------------------------------------------------------

WORDS = (
    "the council said on monday that new bridge would open next spring after two years of delays and "
    "rising costs engineers had warned about old structure for months residents welcomed decision but "
    "some asked why it took so long mayor told reporters city budget was under pressure shares fell "
    "percent in early trading investors weighed latest figures from central bank inflation eased "
    "slightly march analysts expected company report quarterly results week chief executive plans "
    "hire hundred workers factory north region government announced package support small firms "
    "farmers police arrested man suspicion fraud court heard evidence three witnesses team won match "
    "goals second half coach praised players energy prices rose sharply winter households struggled "
    "pay bills scientists found evidence water moon study published journal"
).split()

NUMBERS = ("3", "12", "2025", "9.6", "1,200", "40%", "$85,000", "10m", "06.00", "3.5")


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """An English sentence of ASCII words, sometimes with a number, a comma or a quotation."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=16))
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(NUMBERS)))
    if len(words) > 6 and draw(st.booleans()):
        words[2] += ","
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    end = draw(st.sampled_from([".", ".", ".", "?", "!"]))
    if draw(st.integers(0, 5)) == 0:
        return f'"{text}," {draw(st.sampled_from(["she said", "he said", "the minister said"]))}.'
    return text + end


@st.composite
def paragraph(draw: st.DrawFn, min_sentences: int = 1, max_sentences: int = 4) -> str:
    """An English prose paragraph of ASCII sentences on one line."""
    return " ".join(draw(st.lists(sentence(), min_size=min_sentences, max_size=max_sentences)))


def _article_prose() -> list[str]:
    """Body paragraphs kept in the test articles' expected outputs (long lines only)."""
    lines: set[str] = set()
    for p in sorted((ROOT / "tests" / "articles").glob("*.expected.txt")):
        lines.update(line.strip() for line in p.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 12)
    return sorted(lines)


ARTICLE_PROSE = _article_prose()

FOREIGN_PROSE = (
    "Le conseil municipal a annoncé lundi que le nouveau pont ouvrira au printemps prochain.",
    "« C’est une très bonne nouvelle », a déclaré la maire, qui attendait ce projet depuis des années.",
    "Les prix de l’énergie ont augmenté de 12 % cet hiver ; les ménages s’inquiètent.",
    "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke im Frühjahr eröffnet wird.",
    "„Das ist eine gute Nachricht“, sagte die Bürgermeisterin. Die Kosten stiegen um 40 Prozent.",
    "Größere Unternehmen müssen ab 2025 über ihre Emissionen berichten.",
    "阿里巴巴集团周一公布了最新季度财报，营收同比增长百分之八。",
    "市政府表示，新大桥将于明年春天通车，工程已经延误两年。",
    "蔡崇信在杭州出席了会议，并回答了记者的提问。",
    "東京株式市場で日経平均株価は3日続伸し、終値は前日比120円高となった。",
    "政府は月曜日、中小企業を支援する新たな経済対策を発表した。",
    "Городской совет в понедельник объявил, что новый мост откроется весной.",
    "«Это хорошая новость», — сказала мэр города. Цены на энергию выросли на 12%.",
)

# --- debris ------------------------------------------------------------------------------------

DEBRIS = (
    "Share this article",
    "Share",
    "Share this:",
    "Share on Facebook",
    "Facebook Twitter WhatsApp Email",
    "Follow us on Twitter and Facebook",
    "Reply",
    "Report",
    "Like",
    "Comment",
    "Comments",
    "Leave a comment",
    "Leave a Reply Cancel reply",
    "Load more",
    "Click to rate",
    "View comments",
    "Join the conversation",
    "What do you think?",
    "Read our community guidelines here.",
    "Menu",
    "Home",
    "Search",
    "Skip to main content",
    "Sign in",
    "Subscribe",
    "Back to top",
    "Home > Business > Markets",
    "Tech / AI / Policy",
    "Europe",
    "Video",
    "Opinion",
    "Advertisement",
    "Story continues below",
    "Continue reading",
    "Listen to this article",
    "Related articles",
    "Most popular",
    "Most viewed",
    "You might also like",
    "Tags: AI, Alibaba",
    "Getty Images",
    "Photograph: Reuters",
    "Source: Xinhua",
    "Sign up to Business Today",
    "Free daily newsletter",
    "after newsletter promotion",
    "A weekly newsletter about the best apps and gadgets.",
    "We use cookies to improve your experience on our site.",
    "Accept all",
    "Reject all",
    "Manage preferences",
    "Subscribe to continue reading. Already a subscriber? Log in.",
    "This article is more than 1 month old",
    "Please turn on JavaScript in your browser to get the best experience.",
    "Copyright 2025 Reuters. All rights reserved.",
    "Terms | Privacy Policy | Contact Us | Sitemap",
    "Reuse this content",
    "The comments below have not been moderated.",
)

COUNTED_DEBRIS = (
    "Posted {n} hours ago",
    "Updated {n} minutes ago",
    "Comments ({n})",
    "{n} Comments",
    "{n} likes",
    "Read {n} Comments",
    "{n} min read",
    "johnb, London, {n} hours ago",
)


@st.composite
def debris_line(draw: st.DrawFn) -> str:
    """One line of site debris, ASCII only."""
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(COUNTED_DEBRIS)).format(n=draw(st.integers(1, 300)))
    return draw(st.sampled_from(DEBRIS))


SYMBOL_LINES = ("* * *", "...", "∆°", "•", "|", "—", "___", "·", "😀😀😀", "┒(⌣˛⌣)┎", "→", "-", "#", "()")

# --- names -----------------------------------------------------------------------------------------


def _people() -> list[str]:
    table = tomllib.loads((ROOT / "rules" / "names" / "people.toml").read_text(encoding="utf-8"))
    spellings: list[str] = []
    for entry in table.get("names", []):
        spellings += [entry["canonical"], *entry.get("variants", []), *entry.get("context_variants", [])]
    return spellings


PEOPLE = _people()
CANONICAL_NAMES = tuple(
    e["canonical"]
    for e in tomllib.loads((ROOT / "rules" / "names" / "people.toml").read_text(encoding="utf-8")).get("names", [])
)


@st.composite
def name(draw: st.DrawFn) -> str:
    """A person's name from the alias table, in one of its spellings, cases and possessives."""
    n = draw(st.sampled_from(PEOPLE))
    n = draw(st.sampled_from([n, n, n.upper(), n.lower()]))
    return n + draw(st.sampled_from(["", "", "'s", "’s", ",", "."]))


@st.composite
def sentence_with_name(draw: st.DrawFn) -> str:
    words = draw(sentence()).split(" ")
    words.insert(draw(st.integers(0, len(words) - 1)), draw(name()))
    return " ".join(words)


# --- dirt --------------------------------------------------------------------------------------------

ENTITIES = (
    "&amp;",
    "&amp;amp;",
    "&rdquo;",
    "&ldquo;",
    "&rsquo;",
    "&#8217;",
    "&#x2019;",
    "&nbsp;",
    "&eacute;",
    "&eacute",
    "&pound;",
    "& rdquo;",
    "& ldquo;",
    "rdquo;",
    "rsquo;",
    "&hellip;",
    "AT&T",
    "&lt;b&gt;",
)

ODD_CHARS = (
    "\xa0",
    "\u2009",
    "\u202f",
    "\u3000",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9d",
    "\t",
    "\r",
    "\r\n",
    "\u2028",
    "\ufffd",
)

FULL_WIDTH = ("，", "。", "！", "？", "（", "）", "：", "；", "“", "”", "、", "Ａ", "１")

MOJIBAKE_SOURCES = (
    "café",
    "don’t",
    "“quoted”",
    "São Paulo",
    "naïve résumé",
    "—",
    "…",
    "€5",
    "Zürich",
    "西湖",
    "北京市",
    "ありがとう",
    "Москва",
    "It’s",
    "国家统计局周三公布的数据显示，十月份价格上涨。",
    "政府は水曜日、新たな経済対策を閣議決定した。",
)


@st.composite
def mojibake(draw: st.DrawFn) -> str:
    """A UTF-8 phrase read as a legacy code page, once or twice."""
    text = draw(st.sampled_from(MOJIBAKE_SOURCES))
    for _ in range(draw(st.integers(1, 2))):
        codec = draw(st.sampled_from(["cp1252", "latin-1", "gbk", "cp1251", "mac_roman", "cp932"]))
        text = text.encode("utf-8").decode(codec, errors=draw(st.sampled_from(["replace", "ignore"])))
    return text


@st.composite
def dirty_paragraph(draw: st.DrawFn) -> str:
    """A prose paragraph with dirt put between or inside its words."""
    words = draw(st.one_of(paragraph(), st.sampled_from(ARTICLE_PROSE), sentence_with_name())).split(" ")
    for _ in range(draw(st.integers(1, 4))):
        dirt = draw(
            st.one_of(
                st.sampled_from(ENTITIES),
                mojibake(),
                st.sampled_from(ODD_CHARS),
                st.sampled_from(FULL_WIDTH),
            )
        )
        i = draw(st.integers(0, len(words) - 1))
        how = draw(st.integers(0, 3))
        if how == 0:
            words[i] += dirt  # glued to the end of a word
        elif how == 1:
            words[i] = dirt + words[i]
        elif how == 2:
            words.insert(i, dirt)  # a word of its own
        else:
            cut = draw(st.integers(0, len(words[i])))
            words[i] = words[i][:cut] + dirt + words[i][cut:]  # inside a word
    return " ".join(words)


@st.composite
def cjk_run(draw: st.DrawFn) -> str:
    """Chinese or Japanese text without spaces, sometimes with ASCII or full-width punctuation glued on."""
    parts = draw(st.lists(st.sampled_from(FOREIGN_PROSE[6:11]), min_size=1, max_size=3))
    glue = draw(st.sampled_from(["", "", ".", ",", "  ", "，"]))
    return glue.join(parts)


# --- documents -----------------------------------------------------------------------------------------

SEPARATORS = ("\n", "\n\n", "\n\n", "\n\n\n", "\n \n", "\r\n", "\r\n\r\n")


@st.composite
def layout(draw: st.DrawFn, parts: list[str]) -> str:
    """Join parts one per line or blank-line separated (one style per document, sometimes mixed)."""
    if not parts:
        return ""
    style = draw(st.sampled_from(SEPARATORS))
    out = parts[0]
    for p in parts[1:]:
        sep = style if draw(st.integers(0, 5)) else draw(st.sampled_from(SEPARATORS))
        out += sep + p
    lead = draw(st.sampled_from(["", "", "\n", "  ", "\n\n"]))
    trail = draw(st.sampled_from(["", "\n", "\n", "\n\n\n", "  \n", " "]))
    return lead + out + trail


def line_part() -> st.SearchStrategy[str]:
    """One part of a scraped document: any kind of line."""
    return st.one_of(
        paragraph(),
        st.sampled_from(ARTICLE_PROSE),
        st.sampled_from(FOREIGN_PROSE),
        debris_line(),
        dirty_paragraph(),
        sentence_with_name(),
        name(),
        cjk_run(),
        st.sampled_from(SYMBOL_LINES),
        st.sampled_from(ENTITIES),
        mojibake(),
    )


@st.composite
def document(draw: st.DrawFn, max_parts: int = 10) -> str:
    """A scraped-news document mixing every kind of part."""
    return draw(layout(draw(st.lists(line_part(), min_size=1, max_size=max_parts))))


@st.composite
def ascii_document(draw: st.DrawFn) -> str:
    """ASCII prose and debris lines only: no entities, mojibake, names or odd characters."""
    parts = draw(st.lists(st.one_of(paragraph(), debris_line()), min_size=1, max_size=10))
    return draw(layout(parts))


@st.composite
def article_under_debris(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Debris lines at the head, then an article body of several long prose paragraphs.

    Returns the document and its body paragraphs.
    """
    head = draw(st.lists(debris_line(), min_size=1, max_size=5))
    body = draw(st.lists(paragraph(min_sentences=3, max_sentences=5), min_size=2, max_size=5))
    head_text = draw(layout(head)).strip("\n")
    return head_text + draw(st.sampled_from(["\n", "\n\n"])) + "\n\n".join(body) + "\n", body


@st.composite
def prose_document(draw: st.DrawFn) -> tuple[str, str, int]:
    """Prose paragraphs only (English or other languages), one layout: (text, separator, paragraphs)."""
    parts = draw(
        st.lists(
            st.one_of(paragraph(min_sentences=2), st.sampled_from(ARTICLE_PROSE), st.sampled_from(FOREIGN_PROSE)),
            min_size=1,
            max_size=8,
            unique=True,
        )
    )
    sep = draw(st.sampled_from(["\n", "\n\n"]))
    return sep.join(parts) + "\n", sep, len(parts)


def any_text() -> st.SearchStrategy[str]:
    """Generated documents, fully arbitrary text, and arbitrary text mixed into documents."""
    return st.one_of(
        document(),
        st.text(max_size=200),
        st.lists(st.one_of(line_part(), st.text(max_size=30)), min_size=1, max_size=8).map("\n".join),
    )


def encoded_document() -> st.SearchStrategy[bytes]:
    """Documents as bytes in the encodings scraped files come in, sometimes cut short."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        text = draw(document(max_parts=5))
        codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "gb18030", "latin-1", "shift_jis"]))
        data = text.encode(codec, errors="replace")
        if draw(st.integers(0, 4)) == 0:
            data = data[: draw(st.integers(0, len(data)))]
        return data

    return build()


def any_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=300), encoded_document())


@st.composite
def cut_prose(draw: st.DrawFn) -> bytes:
    """Prose encoded as scraped files are (UTF-8, UTF-16 with its byte order mark, cp1252, GB18030), cut short."""
    text = draw(prose_document())[0]
    codec = draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "gb18030"]))
    data = text.encode(codec, errors="replace")
    return data[: draw(st.integers(len(data) // 2, len(data)))]


@st.composite
def utf8_with_stray_byte(draw: st.DrawFn) -> tuple[bytes, list[str], int]:
    """Prose in UTF-8 with one stray byte (a Windows-1252 quote, a Latin-1 letter, 0xFF) at the end of one line.

    Returns the bytes, the prose lines and the index of the line that got the byte.
    """
    text = draw(prose_document())[0]
    lines = text.splitlines()
    k = draw(st.integers(0, len(lines) - 1))
    byte = draw(st.sampled_from([b"\x92", b"\x93", b"\x96", b"\xa0", b"\xe9", b"\xff", b"\x80"]))
    data = b"\n".join(line.encode("utf-8") + (byte if i == k else b"") for i, line in enumerate(lines)) + b"\n"
    return data, lines, k
