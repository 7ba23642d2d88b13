"""decode: bytes to text, and one kind of line break.

Order of decisions, each needing evidence before it is taken:

1. an encoding the user named (option ``encoding``): decoded strictly, or a clear error;
2. a byte order mark, then the charset a web page declares (``<meta charset>``, see
   :func:`_declared`), when the bytes read strictly in it;
3. strict UTF-8 (one ``bytes.decode``: the common case); a stray zero byte in it is a
   control character, which the unicode pass removes. A word of legacy bytes can be
   valid UTF-8 by accident (GBK 顺应 reads ``˳Ӧ``): with few multi-byte characters the
   confidence says so, but UTF-8 stays the reading, as it is the web's encoding (taking
   a legacy reading there misread more real UTF-8 words than it repaired GBK ones);
4. UTF-16 or UTF-32 without a BOM, only on real evidence: four zero bytes or more, all
   in one lane of the code units, or (text without ASCII) 16 characters or more that
   read as text in one byte order only; other zero bytes in quantity mean binary data;
5. almost UTF-8: a last character cut off (dropped, noted and flagged), stray bytes of
   another encoding (read as Windows-1252 where they are, U+FFFD for the five bytes it
   leaves undefined). Taken outright with three good UTF-8 characters or more and no
   more stray bytes than those; with less evidence that reading competes in 6;
6. a legacy encoding. Each common one (Windows-1252, -1250, -1251, GB18030, Big5,
   Shift_JIS) reads the bytes, and each reading is scored by how much of its non-ASCII
   text looks written (:func:`score_reading`): words in one script whose accented
   letters belong to one language's alphabet, common CJK characters, punctuation where
   text puts it. This works on a single word, where charset-normalizer has nothing to
   go on. On long text (48 non-ASCII bytes or more), or when no reading is clean,
   charset-normalizer is asked too; its choice (it knows Korean, Greek, Hebrew, ...)
   wins if it reads as well as ours on long text, clearly better on short text.

Binary data is refused with a :class:`~cleaner.errors.DecodeError`, never turned into
garbage text. ``confidence`` is 1.0 only when nothing was guessed: a BOM, an encoding
the user named, ASCII, UTF-8 with enough multi-byte characters. A guess between
readings reports 0.5 for a tie (won by the more common encoding), more with every
character's worth of evidence for the chosen reading over the next different one,
and never 1.0.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from cleaner.document import Document
from cleaner.errors import ConfigError, DecodeError
from cleaner.lazyre import lazy_compile
from cleaner.pipeline import Pass, register

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# What binary data looks like, to say so in the error message.
MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office or EPUB file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
)

SAMPLE = 1024  # characters of each reading that are scored
# The legacy encodings a news scraper meets most, in the order that wins a tie.
LEGACY = ("cp1252", "cp1250", "gb18030", "big5", "cp932", "cp1251")
# Among candidates charset-normalizer rates alike, the most common on the web wins.
PREFERRED = ("cp1252", "gb18030", "cp932", "big5", "cp949", "cp1251", "cp1250")

# Characters outside the scripts and punctuation that news text is written in.
ATYPICAL = lazy_compile(
    "[^\\x00-\\u024f\\u0370-\\u052f\\u0590-\\u06ff\\u0e00-\\u0e7f\\u2010-\\u206f\\u20ac\\u2122"
    "\\u3000-\\u30ff\\u3400-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef]"
)
# Characters that real text is made of, to tell UTF-16 byte orders apart by content.
PLAUSIBLE = lazy_compile(
    "[\t\n\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u206f\u20ac\u2122"
    "\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff00-\uffef]"
)
GB18030_FOUR_BYTES = lazy_compile(rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]")
HIGH_BYTE = lazy_compile(rb"[\x80-\xff]")
HIGH_BYTES = bytes(range(0x80, 0x100))
OUTSIDE_WORDS = lazy_compile(r"[^\w\x00-\x7f\ufffd]")  # U+FFFD: a byte no encoding defines, no evidence
# Whole UTF-8 characters by the range of their lead byte: symbols, letters, punctuation (E2),
# CJK, Hangul, compatibility forms, emoji.
LEAD_KINDS = tuple(
    (first, last, re.compile(pattern))
    for first, last, pattern in (
        (0xC2, 0xC2, rb"\xc2[\x80-\xbf]"),
        (0xC3, 0xDF, rb"[\xc3-\xdf][\x80-\xbf]"),
        (0xE2, 0xE2, rb"\xe2[\x80-\xbf]{2}"),
        (0xE0, 0xE9, rb"[\xe0\xe1\xe3-\xe9][\x80-\xbf]{2}"),
        (0xEA, 0xED, rb"[\xea-\xed][\x80-\xbf]{2}"),
        (0xEE, 0xEF, rb"[\xee\xef][\x80-\xbf]{2}"),
        (0xF0, 0xF4, rb"[\xf0-\xf4][\x80-\xbf]{3}"),
    )
)
ESCAPED = lazy_compile(r"[\udc80-\udcff]")  # bytes kept by the surrogateescape error handler
CONTROL = lazy_compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
LINE_BREAK = lazy_compile(r"\r\n?|[\u2028\u2029]")
BOM_CHAR = lazy_compile(r"\A\ufeff")
WORD = lazy_compile(r"[^\W\d_]+")

# A stray byte in UTF-8 text reads as Windows-1252; the five bytes that code page leaves
# undefined carry no character in any Western encoding (Latin-1 makes them C1 controls),
# so they become U+FFFD, which marks the spot instead of vanishing.
STRAY = tuple(bytes([b]).decode("cp1252", errors="replace") for b in range(256))
UNDEFINED_IN_CP1252 = b"\x81\x8d\x8f\x90\x9d"

# Non-ASCII letters of the languages written in Windows-1252 and -1250, one alphabet each.
# A word whose accented letters do not all belong to one of them is not a word.
ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "àâçéèêëîïôœùûüÿ",  # French
        "äöüßé",  # German
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçèéíïòóúü",  # Catalan
        "áéëíïóöúü",  # Dutch
        "æøåéó",  # Danish, Norwegian
        "åäöéšž",  # Swedish, Finnish
        "áðéíóúýþæö",  # Icelandic
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "čćđšž",  # Croatian, Bosnian, Serbian, Slovene
        "ăâîșțşţ",  # Romanian
        "äëöüçéè",  # Albanian, Luxembourgish
        "âçğıîöşûü",  # Turkish
    )
)
# Which common-character list judges a CJK reading, by encoding.
CJK_FAMILY = {
    **dict.fromkeys(("gb18030", "gbk", "gb2312", "cp936", "hz"), "zh-hans"),
    **dict.fromkeys(("big5", "cp950", "big5hkscs"), "zh-hant"),
    **dict.fromkeys(
        ("cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213"), "ja"
    ),
    **dict.fromkeys(("cp949", "euc_kr", "johab"), "ko"),  # Korean is written in Hangul: Hanja are rare
}
QUOTES = frozenset("’‘“”„‚«»‹›–—…")  # may stand next to each other (…” or ”—)
CURRENCY = frozenset("€£¥")  # never right before a letter
INSIDE_WORDS = frozenset("’–—·")  # the only punctuation between two letters
# ASCII that text does not put next to a letter of another script: a sign of double-byte text misread.
ODD_ASCII = lazy_compile(r"[^\x00-\x7f][@\[\\\]^_`{|}~]|[@\[\\\]^_`{|}~][^\x00-\x7f]")
# Punctuation that ordinary text uses, in the legacy code pages and in CJK text.
PUNCTUATION = frozenset(
    "\u00a0’‘“”„‚–—…«»‹›€£¥°©®™•·§¿¡±×÷½¼¾²³"
    "\u3000、。〃〈〉《》「」『』【】〔〕〖〗〜・ー！＂＃％＆＇（）＊＋，－．／：；＜＝＞？［］｛｝～￥￡￠"
)


class Decoded(NamedTuple):
    text: str
    encoding: str
    confidence: float
    rule: str
    dropped: bytes = b""  # an incomplete character cut off at the end


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Turn raw bytes into text, saying which encoding was chosen and how sure that is.

    >>> decode_bytes("café".encode("cp1252"))[:2]
    ('café', 'cp1252')
    """
    if encoding is not None:
        decoded = _given(data, encoding)
    elif not data:
        return Decoded("", "utf-8", 1.0, "decode.utf-8")
    elif (bom := _bom(data)) is not None:
        decoded = bom
    elif (declared := _declared(data)) is not None:
        decoded = declared
    elif b"\x00" in data:
        decoded = _with_zero_bytes(data)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            decoded = _not_utf8(data)
        else:
            decoded = Decoded(text, "utf-8", _utf8_confidence(data, text), "decode.utf-8")
    controls = len(CONTROL.findall(decoded.text, 0, 65536))
    if controls > max(2, len(decoded.text[:65536]) // 100):
        raise _binary(data, "zero bytes" if b"\x00\x00" in data else "control characters")
    return decoded


def check_encoding(name: str) -> str:
    """The codec's canonical name, or a :class:`ConfigError` if Python has no such text encoding."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ConfigError(f"unknown encoding {name!r} (option encoding)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ConfigError(f"{name!r} is not a text encoding (option encoding)")
    return info.name


def _given(data: bytes, encoding: str) -> Decoded:
    """The encoding the user named, strictly: a byte it cannot read is an error, with its offset."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        bad = " ".join(f"{b:02x}" for b in data[e.start : min(e.end, e.start + 4)])
        raise DecodeError(f"not valid {encoding}: byte {bad} at offset {e.start} ({e.reason})") from None
    return Decoded(text, encoding, 1.0, "decode.given")


def _bom(data: bytes) -> Decoded | None:
    """The encoding a byte order mark names. A file cut short loses its incomplete last unit;
    UTF-8 after the mark keeps its stray bytes, read as Windows-1252."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            payload = data[len(bom) :]
            if encoding == "utf-8":
                try:
                    return Decoded(payload.decode(encoding), encoding, 1.0, "decode.bom")
                except UnicodeDecodeError:
                    repaired = _repaired_utf8(payload)[0]
                    assert repaired is not None
                    return repaired._replace(confidence=0.99)
            cut = len(payload) % (4 if encoding.startswith("utf-32") else 2)
            try:
                text = payload[: len(payload) - cut].decode(encoding)
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"starts with a {encoding} byte order mark but is not valid {encoding}: {e.reason}"
                ) from None
            return Decoded(text, encoding, 0.99 if cut else 1.0, "decode.bom", payload[len(payload) - cut :])
    return None


# A page's declared charset, in the first bytes: <meta charset="x"> or <meta http-equiv content="...; charset=x">.
META_CHARSET = lazy_compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
META_SCAN = 4096  # bytes of a page searched for its declaration
# Labels browsers read as a superset (the WHATWG Encoding Standard): ISO-8859-1 is read as Windows-1252.
DECLARED_AS = {
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "utf-16": "utf-8",  # a page whose declaration reads in ASCII is not in UTF-16
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}


def _declared(data: bytes) -> Decoded | None:
    """The charset a web page declares, when the bytes read strictly in it.

    Pages converted to UTF-8 often keep their old declaration: valid UTF-8 holding
    multi-byte characters is read as UTF-8 whatever the page says (step 3). A
    declaration the bytes contradict (they do not decode), or an unknown name, is no
    evidence: the bytes are judged as if none were made. A legacy charset that reads is
    not certain (pages mislabel Central European text as ISO-8859-1): confidence 0.95.
    """
    if b"<" not in data[:META_SCAN]:
        return None
    found = META_CHARSET.search(data, 0, META_SCAN)
    if found is None:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    encoding = DECLARED_AS.get(name, name)
    if encoding != "utf-8" and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return Decoded(text, encoding, 1.0 if encoding == "utf-8" else 0.95, "decode.meta-charset")


def _utf8_confidence(data: bytes, text: str) -> float:
    """Valid UTF-8 is certain for ASCII, and all but certain once a few multi-byte characters agree.

    Legacy text is rarely valid UTF-8 by accident, and the chance shrinks with every
    continuation byte (each must fall in 80-BF right after a lead byte).
    """
    continuation = len(data) - len(text)
    if continuation == 0 or continuation >= 6:
        return 1.0
    return min(0.99, round(1 - 0.3**continuation, 2))


def _binary(data: bytes, why: str) -> DecodeError:
    kind = next((name for magic, name in MAGIC if data.startswith(magic)), None)
    return DecodeError(f"binary data ({kind}), not text" if kind else f"binary data ({why}), not text")


def _with_zero_bytes(data: bytes) -> Decoded:
    """UTF-16/32 if the zero bytes say so; a few stray zero bytes in text are control characters."""
    decoded = _utf16_by_lanes(data)
    if decoded is not None:
        return decoded
    if data.count(0) > max(2, len(data) // 100):
        raise _binary(data, "zero bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _not_utf8(data)
    return Decoded(text, "utf-8", _utf8_confidence(data, text), "decode.utf-8")


def _utf16_by_lanes(data: bytes) -> Decoded | None:
    """UTF-16 or UTF-32 without a BOM, told by where the zero bytes of ASCII and Latin characters fall.

    Real evidence only: at least four zero bytes, all in one lane of the code units;
    when they are few (text mostly in another script) the reading must also be text.
    A file cut short loses its incomplete last code unit.
    """
    head = data[:4096]
    n = len(head) - len(head) % 4
    for width, enc_le, enc_be in ((4, "utf-32-le", "utf-32-be"), (2, "utf-16-le", "utf-16-be")):
        if n < 4 * width:
            continue
        cut = len(data) % width
        zeros = [head[i:n:width].count(0) for i in range(width)]
        units = n // width
        if width == 4:
            le = min(zeros[2:]) == units and zeros[1] > 0.9 * units and zeros[0] < 0.1 * units
            be = min(zeros[:2]) == units and zeros[2] > 0.9 * units and zeros[3] < 0.1 * units
        else:
            le = zeros[1] >= 4 and zeros[0] < 0.05 * units
            be = zeros[0] >= 4 and zeros[1] < 0.05 * units
        if not (le or be):
            continue
        encoding = enc_le if le else enc_be
        try:
            text = data[: len(data) - cut].decode(encoding)
        except UnicodeDecodeError:
            return None
        evidence = max(zeros)
        if evidence < 0.3 * units and len(PLAUSIBLE.findall(text, 0, 2048)) < 0.95 * min(len(text), 2048):
            return None
        return Decoded(text, encoding, 0.99 if evidence >= 16 else 0.9, "decode.utf-16", data[len(data) - cut :])
    return None


def _utf16_by_content(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM or zero bytes (text in a non-Latin script): one byte order reads as text.

    Needs 16 characters or more, a share of high bytes no legacy Western text has, and
    the other byte order not reading as text.
    """
    if len(data) % 2 or len(data) < 32 or len(HIGH_BYTE.findall(data, 0, 4096)) < 0.25 * min(len(data), 4096):
        return None
    shares = {}
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        shares[encoding] = (len(PLAUSIBLE.findall(text, 0, 2048)) / min(len(text), 2048), text)
    good = [(share, enc, text) for enc, (share, text) in shares.items() if share >= 0.95]
    if len(good) != 1 or any(s > 0.5 for s, _ in shares.values() if s < 0.95):
        return None
    _, encoding, text = good[0]
    return Decoded(text, encoding, 0.95, "decode.utf-16")


def _cut_at_end(data: bytes) -> int:
    """How many bytes at the end are an incomplete UTF-8 character (a lead byte and continuation bytes).

    Two or three bytes of a character are a cut one. A lone lead byte is one if the text
    has whole characters of its kind (same lead byte range), or if it starts a symbol
    (C2), punctuation (E2) or an emoji (F0), or reads as a capital after other letters;
    otherwise it is a Windows-1252 letter (``caf\\xe9``).
    """
    for k in (1, 2, 3):
        if len(data) < k:
            return 0
        byte = data[-k]
        if 0xC2 <= byte <= 0xF4:
            try:
                data[-k:].decode("utf-8")
            except UnicodeDecodeError as e:
                if e.reason != "unexpected end of data":
                    return 0
                return k if k > 1 or _lone_lead_is_cut(data) else 0
            return 0
        if not 0x80 <= byte <= 0xBF:
            return 0
    return 0


def _lone_lead_is_cut(data: bytes) -> bool:
    """See :func:`_cut_at_end`."""
    byte = data[-1]
    kind = next(pattern for first, last, pattern in LEAD_KINDS if first <= byte <= last)
    if kind.search(data, 0, len(data) - 1):
        return True
    before = data[-5:-1].decode("utf-8", "replace")[-1:]
    if not data[:-1].strip():
        return False
    if byte in (0xC2, 0xE2, 0xF0):  # a symbol, punctuation or an emoji: they follow anything
        return True
    if not before.isalpha():
        return False
    return STRAY[byte].isupper() or not (before.isascii() or _script(before) == "LATIN")


def _not_utf8(data: bytes) -> Decoded:
    """Almost UTF-8 (cut at the end, or a few stray bytes), else another encoding.

    With three or more good UTF-8 characters and no more stray bytes, the text is taken
    for UTF-8; with fewer, the UTF-8 reading competes with the legacy encodings'
    (:func:`_legacy`) and wins ties, unless stray bytes outnumber good characters
    more than twice over (legacy text that happens to hold a few valid sequences).
    """
    utf8, good, stray = _repaired_utf8(data, plausible_only=True)
    if utf8 is not None and stray <= good and (good >= 3 or (not stray and len(utf8.dropped) > 1)):
        return utf8
    decoded = _gb18030(data)
    if decoded is not None:
        return decoded
    offered = [d for d in (utf8, _utf16_by_content(data)) if d is not None]
    return _legacy(data, offered, ties_to_legacy=stray > 0 and good < 2)


def _repaired_utf8(data: bytes, plausible_only: bool = False) -> tuple[Decoded | None, int, int]:
    """UTF-8 with its stray bytes read as Windows-1252 and a cut last character dropped;
    with the number of good multi-byte characters and of stray bytes.

    ``plausible_only``: no reading (None) when no character is good and none was cut,
    or when stray bytes outnumber good characters more than twice over.
    """
    cut = _cut_at_end(data)
    body, dropped = data[: len(data) - cut], data[len(data) - cut :]
    escaped = body.decode("utf-8", "surrogateescape")
    stray = len(escaped) - len(escaped.encode("utf-8", "ignore").decode("utf-8"))
    good = len(escaped) - stray - len(body.translate(None, HIGH_BYTES))
    if plausible_only and (not (good or cut) or (stray and (not good or stray > 2 * good + 2))):
        return None, good, stray
    if not stray:  # only the last character is broken
        confidence = min(0.99, _utf8_confidence(body, escaped)) if good else 0.8
        return Decoded(escaped, "utf-8", confidence, "decode.utf-8", dropped), good, stray
    text = ESCAPED.sub(lambda m: STRAY[ord(m.group()) - 0xDC00], escaped)
    return Decoded(text, "utf-8", _mixed_confidence(good, stray), "decode.utf-8-mixed", dropped), good, stray


def _mixed_confidence(good: int, stray: int) -> float:
    """UTF-8 with stray bytes: sure in proportion to how much of the text is UTF-8."""
    return min(0.99, round(0.7 + 0.3 * good / (good + stray + 1), 2))


def _gb18030(data: bytes) -> Decoded | None:
    """GB18030 shows itself by four-byte sequences (byte, digit, byte, digit) no other encoding has."""
    if not GB18030_FOUR_BYTES.search(data):
        return None
    try:
        return Decoded(data.decode("gb18030"), "gb18030", 0.95, "decode.gb18030")
    except UnicodeDecodeError:
        return None


def _legacy(data: bytes, offered: list[Decoded], ties_to_legacy: bool = False) -> Decoded:
    """The legacy encoding whose reading looks most like written text; see the module docstring.

    ``offered`` readings (UTF-8 with stray bytes, UTF-16 read by content) compete too,
    and win ties, unless ``ties_to_legacy`` (a single good UTF-8 character is no evidence).
    """
    readings: dict[str, str] = {}
    cut: dict[str, bytes] = {}  # an incomplete last character, cut off by a byte-capped scraper
    for encoding in LEGACY:
        try:
            readings[encoding] = data.decode(encoding)
        except UnicodeDecodeError as e:
            if e.start >= len(data) - 3 and "incomplete" in e.reason:
                try:
                    readings[encoding], cut[encoding] = data[: e.start].decode(encoding), data[e.start :]
                except UnicodeDecodeError:
                    continue
    if "cp1252" not in readings and sum(data.count(b) for b in UNDEFINED_IN_CP1252) == 1:
        readings["cp1252"] = data.decode("cp1252", "replace")  # one byte no text encoding defines: U+FFFD
    scored = {enc: _score(text[:SAMPLE].replace("\ufffd", "\x80"), enc) for enc, text in readings.items()}
    scores = {enc: score for enc, (score, _) in scored.items()}
    units = {enc: n for enc, (_, n) in scored.items()}
    others = {d.rule: d for d in offered}  # decode.utf-8 (cut), decode.utf-8-mixed, decode.utf-16
    scores.update({key: score_reading(d.text[:SAMPLE], "utf-8") for key, d in others.items()})
    order = [*LEGACY, *others] if ties_to_legacy else [*others, *LEGACY]
    ranked = sorted(scores, key=lambda e: (-round(scores[e], 6), order.index(e)))
    evidence = len(HIGH_BYTE.findall(data, 0, 4096))
    best = ranked[0] if ranked else None
    if best in others:
        return others[best]
    best_score = scores[best] if best is not None else 0.0
    if evidence >= 48 or best_score < 0.9:
        # charset-normalizer knows more encodings and languages, and needs text to judge:
        # on long text its choice stands unless it reads worse than ours (Czech read as
        # Windows-1252); on short text it must read clearly better (Turkish).
        detected = _detect(data)
        if detected is None and best_score < 0.5:
            if offered:
                return offered[0]
            raise _binary(data, "no text encoding fits")
        if detected is not None:
            fit = score_reading(detected.text[:SAMPLE], detected.encoding)
            if best_score < 0.5 or fit >= best_score + (-0.02 if evidence >= 48 else 0.1):
                confidence = min(detected.confidence, fit, 0.5 if evidence < 48 else 0.95)
                return detected._replace(confidence=max(0.05, round(confidence, 2)))
    assert best is not None
    rivals = [e for e in ranked[1:] if readings.get(e) != readings[best]]
    gap = (best_score - (scores[rivals[0]] if rivals else 0.0)) * units[best]
    return Decoded(readings[best], best, _legacy_confidence(best_score, gap), "decode.detected", cut.get(best, b""))


def _legacy_confidence(score: float, gap: float) -> float:
    """A guess between legacy encodings: surer the more text-like its reading and the more
    characters' worth of evidence (``gap``) set it above the next different reading."""
    return round(min(0.97, score * (1 - 0.5 * math.exp(-0.7 * gap))), 2)


def _detect(data: bytes) -> Decoded | None:
    """charset-normalizer's candidates nearly as good as its best, narrowed to those giving typical text.

    UTF-16 and UTF-32 are left out: they are decided above, on evidence. Its ranking
    breaks ties by a language guess that can favour a rare code page (ISO-8859-14 for
    French); so drop candidates yielding more atypical characters than the cleanest
    one or reading less like text (:func:`score_reading`), take the best coherence,
    and let the web's common encodings win what is still a tie.
    """
    from charset_normalizer import from_bytes

    matches = list(
        from_bytes(data, cp_exclusion=["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"])
    )
    if not matches:
        return None
    best = matches[0]
    near = [m for m in matches if m.chaos <= best.chaos + 0.05]
    odd = {m.encoding: len(ATYPICAL.findall(str(m), 0, 4 * SAMPLE)) for m in near}
    fewest = min(odd.values())
    near = [m for m in near if odd[m.encoding] == fewest]
    fit = {m.encoding: score_reading(str(m)[:SAMPLE], m.encoding) for m in near}
    top_fit = max(fit.values())
    near = [m for m in near if fit[m.encoding] >= top_fit - 0.02]
    top = max(m.coherence for m in near)
    rank = {enc: i for i, enc in enumerate(PREFERRED)}
    chosen = min((m for m in near if m.coherence >= top - 0.01), key=lambda m: rank.get(m.encoding, len(rank)))
    confidence = round(min(0.95, 0.5 + 0.45 * fit[chosen.encoding] * (1.0 - chosen.chaos)), 2)
    return Decoded(str(chosen), chosen.encoding.replace("_", "-"), confidence, "decode.detected")


def score_reading(text: str, encoding: str) -> float:
    """Share of the non-ASCII characters of ``text`` that look written in ``encoding`` (0 to 1).

    A letter counts if its word is in one script, in one case pattern, and, in Latin
    script, if the word's accented letters all belong to one language's alphabet (a
    quarter if that is not the alphabet most of the text's accented letters belong to,
    half if every letter of a longer word is accented; three quarters for a word in
    capitals); a CJK character counts if it is common in the encoding's language;
    punctuation counts where text puts it. An odd ASCII
    character next to a non-ASCII one (``{``, ``_``, ``|``, ...) counts against.

    >>> score_reading("Wrocław", "cp1250"), score_reading("Wroc³aw", "cp1252")
    (1.0, 0.0)
    """
    return _score(text, encoding)[0]


def _score(text: str, encoding: str) -> tuple[float, int]:
    """:func:`score_reading`, and how many characters it weighed."""
    good = 0.0
    total = 0
    accented: Counter[str] = Counter()  # letters of Latin words that passed, to weigh by alphabet
    for word in WORD.findall(text):
        if not word.isascii():
            weight, count, letters = _word_weights(word, encoding)
            good += weight
            total += count
            accented.update(letters)
    if accented:
        alphabet = max(ALPHABETS, key=lambda a: sum(n for c, n in accented.items() if c in a))
        good -= 0.75 * sum(n for c, n in accented.items() if c not in alphabet)
    for m in OUTSIDE_WORDS.finditer(text):
        good += _punctuation_weight(text, m.start())
        total += 1
    total += len(ODD_ASCII.findall(text))
    return (good / total if total else 1.0), total


@lru_cache(maxsize=8192)
def _word_weights(word: str, encoding: str) -> tuple[float, int, tuple[str, ...]]:
    """The summed weights of a word's non-ASCII characters, their number, and its accented Latin letters."""
    at = [c for c in word if not c.isascii()]
    scripts = {_script(c) for c in at}
    if scripts <= {"CJK", "HALFWIDTH"}:
        glued = 0.5 if len(at) < len(word) else 1.0  # Latin letters and CJK in one word: It壇 for It’s
        return glued * sum(_cjk_weight(c, encoding) for c in at), len(at), ()
    cased = word.isupper() or not any(c.isupper() for c in word[1:])
    if len(scripts) > 1 or not word.isalpha() or not cased:
        return 0.0, len(at), ()
    caps = 0.75 if len(word) > 1 and word.isupper() else 1.0  # a word in capitals is rarer than one in lowercase
    if scripts != {"LATIN"}:  # another alphabet: the whole word in it
        return float(len(at) == len(word)) * caps * len(at), len(at), ()
    letters = tuple(c for c in (c.lower()[0] for c in at) if not c.isascii())  # İ lowers to i and a dot
    if not any(set(letters) <= alphabet for alphabet in ALPHABETS):
        return 0.0, len(at), ()
    ok = 0.5 if len(at) == len(word) > 1 else 1.0
    return ok * caps * len(at), len(at), letters if ok * caps == 1.0 else ()


def _punctuation_weight(text: str, i: int) -> float:
    """1 for punctuation where text puts it, and for emoji; else 0."""
    c = text[i]
    if c not in PUNCTUATION:
        return float(c >= "\U0001f000" or "\u2600" <= c <= "\u27bf" or c in "\u200d\ufe0f")  # emoji
    if c >= "\u3000":
        return 1.0
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalpha() and after.isalpha():
        return float(c in INSIDE_WORDS)
    if (c in CURRENCY and after.isalpha()) or (c in "¿¡" and before.isalnum()):
        return 0.0
    for near in (before, after):
        if not near.isascii() and not near.isalpha() and not (c in QUOTES and near in QUOTES):
            return 0.0
    return 1.0


@lru_cache(maxsize=4096)
def _script(c: str) -> str:
    name = unicodedata.name(c, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA")):
        return "CJK"
    if name.startswith("HALFWIDTH"):
        return "HALFWIDTH"
    return name.split(" ", 1)[0]


@lru_cache(maxsize=8192)
def _cjk_weight(c: str, encoding: str) -> float:
    """How common a CJK character is in text written in ``encoding``'s language (any of them if unknown)."""
    if c in PUNCTUATION:
        return 1.0
    family = CJK_FAMILY.get(encoding.replace("-", "_"))
    if family is None:
        return max(_cjk_weight(c, e) for e in ("gb18030", "big5", "cp932"))
    kana = "\u3040" <= c <= "\u30ff"
    if family == "ja":
        if kana:
            return 1.0
        if unicodedata.name(c, "").startswith("HALFWIDTH"):
            return 0.1
        return 1.0 if 0x88 <= _lead_byte(c, "cp932") <= 0x98 else 0.3
    if kana:
        return 0.2
    if family == "ko":
        return 0.3
    if family == "zh-hans":
        return 1.0 if 0xB0 <= _lead_byte(c, "gb2312") <= 0xD7 else 0.3
    return 1.0 if 0xA4 <= _lead_byte(c, "big5") <= 0xC6 else 0.3


def _lead_byte(c: str, encoding: str) -> int:
    try:
        return c.encode(encoding)[0]
    except UnicodeEncodeError:
        return 0


@register
class Decode(Pass):
    """Decode bytes; strip a leading BOM character; make every line break LF."""

    name = "decode"
    summary = (
        "bytes to text (option encoding; BOM; UTF-8, also with stray or cut bytes; UTF-16; "
        "legacy encodings by how their reading looks; binary refused); LF line breaks"
    )
    defaults: Mapping[str, Any] = {"encoding": None}

    def setup(self) -> None:
        encoding = self.options["encoding"]
        if encoding is not None:
            if not isinstance(encoding, str):
                raise ConfigError(f"option encoding must be the name of an encoding, not {encoding!r}")
            check_encoding(encoding)

    def run(self, doc: Document) -> None:
        if doc.data is not None:
            decoded = decode_bytes(doc.data, self.options["encoding"])
            doc.meta["encoding"] = decoded.encoding
            doc.meta["confidence"] = decoded.confidence
            self.note(doc, decoded.rule, f"read as {decoded.encoding} (confidence {decoded.confidence:.2f})")
            if decoded.dropped:
                cut = " ".join(f"{b:02x}" for b in decoded.dropped)
                why = f"the last character was cut off: dropped its first {len(decoded.dropped)} byte(s) ({cut})"
                self.note(doc, "decode.cut-at-end", why)
                doc.flags.append(f"decode: {why}")
            doc.text, doc.data = decoded.text, None
            if doc.changes is not None:
                doc.meta["original"] = doc.text  # the text the change log applies to
        doc.text = self.apply(doc.text, doc)

    def apply(self, text: str, doc: Document) -> str:
        if text.startswith("\ufeff"):
            text = self.sub(doc, "decode.bom-character", BOM_CHAR, "", text)
        if "\r" in text or "\u2028" in text or "\u2029" in text:
            text = self.sub(doc, "decode.line-breaks", LINE_BREAK, "\n", text)
        return text
