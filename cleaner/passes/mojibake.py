"""mojibake: text that was decoded with the wrong code page, once or more.

Line by line, and only for lines that can hold mojibake (one cheap check):

1. Chinese or Japanese words misread as a CJK code page (GBK, GB18030, Big5,
   Shift-JIS) inside other text: each run of non-ASCII characters is re-read
   alone (``West Lake (瑗挎箹)`` -> ``West Lake (西湖)``);
2. ftfy, configured for this project's policy (curly quotes, full-width
   characters, ligatures and HTML entities are left to other passes), on the
   line with its odd spaces made plain too, as the unicode pass will leave them;
3. then what ftfy does not do: a whole line, or one odd word, of UTF-8 read as
   GBK/GB18030 or Big5, or as a code page ftfy's heuristics miss (``estГЎ``).
   Text is re-encoded and decoded as UTF-8 only when that succeeds strictly
   *and* the result is clearly less odd (see :func:`oddity`);
4. all again while anything changed, for text garbled in more than one layer,
   and once more on the line as later passes will leave it (odd spaces plain,
   invisible and C1 characters gone, ligatures apart), so that cleaning twice
   finds nothing more to repair.

A false repair is worse than a missed one: every step needs strict decoding, and
a byte a decoder dropped is put back only when the context decides it (a lost
quote or dash), never guessed for a Han or kana character: in a run of Chinese or
Japanese that character stays lost (U+FFFD) and the rest of the run is read again.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cleaner.document import Document, Edit
from cleaner.errors import ConfigError
from cleaner.lazyre import lazy_compile
from cleaner.passes.unicode import CONTROL, FULL_WIDTH, INVISIBLE, LIGATURE, ODD_SPACE, narrow_in_english
from cleaner.pipeline import Pass, register
from cleaner.prefilter import TextFilter

if TYPE_CHECKING:
    import ftfy

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
OTHER_ALPHABETS = "\u0370-\u03ff\u0400-\u04ff"
HALF_WIDTH_KANA = "\uff61-\uff9f"  # what Shift-JIS makes of UTF-8 lead bytes (é -> ﾃｩ)

# Code pages that UTF-8 is commonly misread as, tried after ftfy in this order, each with
# the characters its mojibake is made of: no such character, no such mojibake.
_HAN = lazy_compile(f"[{CJK}\ue000-\uf8ff]")
_LATIN_EXTRA = lazy_compile("[\u0080-\u024f\u02c6-\u02dd\u2013-\u203a\u20ac\u2122\u2200-\u22ff]")
CODEPAGES = (
    ("gb18030", _HAN),
    ("gbk", _HAN),
    ("big5", _HAN),
    ("sloppy-windows-1252", _LATIN_EXTRA),
    ("latin-1", _LATIN_EXTRA),
    ("sloppy-windows-1251", re.compile("[\u0400-\u04ff]")),
    ("sloppy-windows-1250", _LATIN_EXTRA),
    ("sloppy-windows-1253", re.compile("[\u0370-\u03ff]")),
    ("sloppy-windows-1254", _LATIN_EXTRA),
    ("sloppy-windows-1257", _LATIN_EXTRA),
    ("iso-8859-2", _LATIN_EXTRA),
    ("macroman", _LATIN_EXTRA),
    ("cp932", lazy_compile(f"[{HALF_WIDTH_KANA}]")),
)

# Characters that are never good text, or that ftfy's other enabled fixes handle.
SPECIAL = "\u0080-\u009f\ud800-\udfff\ue000-\uf8ff\ufffd"


@lru_cache(maxsize=1)
def _suspects() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Cheap checks: (what ftfy may fix, what either step may fix).

    UTF-8 read with a single-byte code page shows a character from a lead byte
    followed by one from a continuation byte; the classes are built from the
    code pages ftfy knows, so a line without such a pair is skipped.
    """
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-* codecs)
    from ftfy.chardata import CHARMAP_ENCODINGS

    def chars(encoding: str, low: int, high: int) -> set[str]:
        return {bytes([b]).decode(encoding, "ignore") for b in range(low, high)} - {""}

    lead = set().union(*(chars(e, 0xC2, 0xF5) for e in CHARMAP_ENCODINGS))
    cont = set().union(*(chars(e, 0x80, 0xC0) for e in CHARMAP_ENCODINGS))
    cls = lambda cs: "[" + "".join(re.escape(c) for c in sorted(cs)) + "]"  # noqa: E731
    ftfy_suspect = f"{cls(lead)}{cls(cont)}|[\u00c2\u00c3] |[{SPECIAL}]"
    return re.compile(ftfy_suspect), re.compile(f"{ftfy_suspect}|[{CJK}{HALF_WIDTH_KANA}]")


# Signs of mojibake that ftfy's own check does not see.
MIXED_WORD = lazy_compile(
    f"[{LATIN}][{OTHER_ALPHABETS}{HALF_WIDTH_KANA}]|[{OTHER_ALPHABETS}{HALF_WIDTH_KANA}][{LATIN}]"
    f"|(?<=[{LATIN}])[{CJK}]{{1,2}}(?![{CJK}])|(?<![{CJK}])[{CJK}]{{1,2}}(?=[{LATIN}])"
)
# Joins a re-reading must not make: an English letter next to Latin Extended-B, IPA, Greek, Cyrillic,
# Hebrew, Arabic... (Han re-read as a two-byte UTF-8 character: 专L -> רL), or an accented letter
# before a capitalised word (么Longjing -> ôLongjing).
_IMPROBABLE = "\u0180-\u02ba\u02bd-\u07ff"
ODD_JOIN = lazy_compile(f"[A-Za-z](?=[{_IMPROBABLE}])|[{_IMPROBABLE}](?=[A-Za-z])|[\u00c0-\u024f](?=[A-Z][a-z])")
# What every match of MIXED_WORD holds, both: a cheaper first look at a line.
MIXED_MATERIAL = lazy_compile(f"[{OTHER_ALPHABETS}{HALF_WIDTH_KANA}{CJK}]")
LATIN_LETTER = lazy_compile(f"[{LATIN}]")
HAN = lazy_compile(f"[{CJK}]")
ODD_CHARS = lazy_compile("[\u0080-\u009f\ue000-\uf8ff\ufffd]")
C1_CONTROLS = lazy_compile("[\u0080-\u009f]")  # as ftfy's C1_CONTROL_RE


@lru_cache(maxsize=1)
def _rare_cjk() -> re.Pattern[str]:
    """Han characters outside GB2312 level 1 (its 3,755 most common)."""
    common = {
        bytes([lead, trail]).decode("gb2312", "ignore") for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)
    }
    return re.compile("[" + "".join(c for c in map(chr, range(0x3400, 0xA000)) if c not in common) + "]")


@lru_cache(maxsize=1)
def _rare_in_any_cjk_language() -> re.Pattern[str]:
    """Han characters common in none of Chinese (GB2312 level 1, Big5 level 1) or Japanese (JIS level 1)."""

    def decoded(encoding: str, leads: range, trails: range) -> set[str]:
        return {bytes([lead, trail]).decode(encoding, "ignore") for lead in leads for trail in trails}

    common = (
        decoded("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
        | decoded("big5", range(0xA4, 0xC7), range(0x40, 0xFF))
        | decoded("shift_jis", range(0x88, 0x99), range(0x40, 0xFD))
    )
    return re.compile("[" + "".join(c for c in map(chr, range(0x3400, 0xA000)) if c not in common) + "]")


@lru_cache(maxsize=1)
def _badness_reach() -> int | None:
    """How many characters a match of ftfy's badness pattern spans at most, when each of its alternatives
    needs a non-ASCII character at a fixed place and looks at nothing but the characters it matches (the
    start of the text aside); else None. Then a match lies within that many characters of a non-ASCII one."""
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]

    from ftfy.badness import BADNESS_RE

    def non_ascii(op: Any, av: Any) -> bool:
        if op is C.LITERAL:
            return av >= 0x80
        return op is C.IN and all((o is C.LITERAL and a >= 0x80) or (o is C.RANGE and a[0] >= 0x80) for o, a in av)

    def plain(op: Any, av: Any) -> bool:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            return all(plain(*item) for item in av[2])
        return op in (C.LITERAL, C.IN, C.ANY) or (op is C.AT and av is C.AT_BEGINNING)

    try:
        tree = P.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    except re.error:  # pragma: no cover - ftfy's own pattern
        return None
    alternatives = tree[0][1][1] if len(tree) == 1 and tree[0][0] is C.BRANCH else [tree]
    if not all(all(plain(*item) for item in alt) and any(non_ascii(*item) for item in alt) for alt in alternatives):
        return None
    reach = max(alt.getwidth()[1] for alt in alternatives)
    return reach if reach < 100 else None


def badness(text: str) -> int:
    """ftfy's ``badness`` of ``text``, counted on the text with the middle of each long ASCII run left out:
    no match comes near it (see :func:`_badness_reach`), and no match can span the join."""
    from ftfy.badness import BADNESS_RE

    reach = _badness_reach()
    if reach is None:
        return len(BADNESS_RE.findall(text))
    if text.isascii():
        return 0
    return len(BADNESS_RE.findall(_long_ascii(reach).sub(lambda m: m[0][:reach] + m[0][-reach:], text)))


@lru_cache(maxsize=1)
def _long_ascii(reach: int) -> re.Pattern[str]:
    return re.compile(rf"[\x00-\x7f]{{{2 * reach + 1},}}")


def cjk_oddity(text: str) -> int:
    """:func:`oddity` for Chinese or Japanese: Han rare in all of them, and the signs a misreading leaves."""
    return (
        badness(text)
        + 2 * len(ODD_CHARS.findall(text))
        + len(_rare_in_any_cjk_language().findall(text))
        + len(MISREAD_SIGNS.findall(text))
    )


def mixed_words(text: str) -> int:
    """How many mixed-script words (MIXED_WORD) ``text`` holds."""
    return len(MIXED_WORD.findall(text)) if may_mix(text) else 0


def may_mix(text: str) -> bool:
    """Whether ``text`` holds what a mixed-script word is made of (both scripts): if not, MIXED_WORD finds none."""
    return MIXED_MATERIAL.search(text) is not None and LATIN_LETTER.search(text) is not None


def oddity(text: str) -> int:
    """How much ``text`` looks like mojibake: mixed-script words, rare Han, control and private-use characters."""
    return badness(text) + 2 * mixed_words(text) + 2 * len(ODD_CHARS.findall(text)) + len(_rare_cjk().findall(text))


# UTF-8 Chinese or Japanese read as a CJK code page: a run of non-ASCII characters (an ASCII
# letter a lead byte swallowed comes back on its own), re-read alone; then, if that fails, from
# its first to its last character of the kinds such a misreading is made of (Greek, Cyrillic,
# symbols, CJK, private use, full- and half-width forms, C1), without quotes or accents around it.
CJK_CODEPAGES = ("gb18030", "gbk", "big5", "cp932")
NON_ASCII_RUN = lazy_compile(r"[^\x00-\x7f]+")
MISREAD_MATERIAL = lazy_compile(
    "[\x80-\x9f\u0370-\u04ff\u2460-\u27bf\u2e80-\u9fff\ue000-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
LAST_MATERIAL = lazy_compile(f"(?s:.*){MISREAD_MATERIAL.pattern}")  # up to the last such character
# What such a re-reading must give: Han or kana, with CJK or general punctuation and ASCII at most.
KANA_OR_HAN = lazy_compile(f"[\u3040-\u30ff{CJK}]")
READ_AS_CJK = lazy_compile(f"[\x20-\x7e\u2010-\u205e\u3000-\u30ff{CJK}\uff01-\uff5e]+")
# Characters such a misreading leaves and CJK text seldom has: bopomofo, enclosed and
# compatibility CJK, half-width katakana, box drawing, Greek and Cyrillic (GBK has them all).
MISREAD_SIGNS = lazy_compile("[\u0370-\u04ff\u2460-\u25ff\u3100-\u312f\u3200-\u33ff\uff61-\uff9f\ue000-\uf8ff\ufffd]")


@lru_cache(maxsize=4096)
def redecode_cjk(run: str) -> tuple[str, str] | None:
    """``run`` (non-ASCII characters) re-read as UTF-8 misread as a CJK code page, if clearly less odd.

    Genuine Chinese or Japanese text encoded to these code pages is almost never
    valid UTF-8; on top of that, the re-reading must be Han or kana and lose the
    signs of mojibake (rare Han, bopomofo, half-width katakana...).
    """
    before = None
    best: tuple[int, str, str] | None = None
    for codepage in CJK_CODEPAGES:
        try:
            fixed = utf8_with_lost_chars(_encode_with_lost_bytes(run, codepage, len(run) // LOST_CHAR_SPACING))
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed == run or not READ_AS_CJK.fullmatch(fixed.replace("\ufffd", "")) or not KANA_OR_HAN.search(fixed):
            continue
        if before is None:
            # judged as Chinese mojibake, or as any CJK text, whichever finds it odder
            before = max(cjk_oddity(run), oddity(run) + len(MISREAD_SIGNS.findall(run)))
        score = cjk_oddity(fixed)
        if score < before and (best is None or score < best[0]):
            best = (score, fixed, codepage)
            if score == 0:
                break  # no oddity at all: no later code page can read it better
    return (best[1], best[2]) if best else None


@lru_cache(maxsize=4096)
def reread_run(run: str) -> tuple[str, str] | None:
    """A run of non-ASCII characters with Chinese or Japanese mojibake in it read again, and the code page:
    the whole run, else from its first to its last character of the kinds a misreading is made of
    (see :func:`redecode_cjk`); None when neither reads."""
    if not (KANA_OR_HAN.search(run) or MISREAD_SIGNS.search(run)):
        return None
    first = MISREAD_MATERIAL.search(run)
    inner = run[first.start() : LAST_MATERIAL.match(run).end()] if first else ""  # type: ignore[union-attr]
    for part in (run, inner) if inner and inner != run else (run,):
        found = redecode_cjk(part)
        if found:
            return run.replace(part, found[0], 1), found[1]
    return None


def _worth_trying(text: str) -> bool:
    if (may_mix(text) and MIXED_WORD.search(text)) or ODD_CHARS.search(text):
        return True
    rare = len(_rare_cjk().findall(text))  # seldom any: when fewer than two, no need to count the Han
    return rare >= 2 and rare * 2 >= len(HAN.findall(text)) >= 3


# When a GBK/Big5 decoder dropped a byte (shown as U+FFFD), it was a UTF-8
# continuation byte; these are the characters it most likely completed.
LIKELY_LOST = "’”—“‘–…•。，、」』"
CONTINUATION = [bytes((b,)) for b in range(0x80, 0xC0)]  # the bytes that can continue a UTF-8 sequence


CONTEXT_BYTES = 300  # how far back an open quote is looked for: a bound keeps long lines linear
MAX_GAPS = 16  # lost-byte gaps inferred in a short text; a longer one may have one per 40 characters
# A run of Chinese or Japanese mojibake is re-read with characters lost (shown as U+FFFD) at most
# one per this many of its characters: the rest of the text comes back, and nothing is guessed.
LOST_CHAR_SPACING = 12


def _last_sequence_start(data: bytes) -> int:
    """Where the last UTF-8 sequence of ``data`` starts: back over up to three continuation bytes and
    the lead byte before them, if there is one."""
    start = len(data)
    while start > 0 and len(data) - start < 3 and 0x80 <= data[start - 1] < 0xC0:
        start -= 1
    return start - 1 if start > 0 and data[start - 1] >= 0xC0 else start


def _complete(head: bytes, tail: bytes, lost: int) -> bytes | None:
    """The ``lost`` continuation bytes between ``head`` and ``tail`` that best make valid UTF-8."""
    start = _last_sequence_start(head)
    before = head[max(0, start - CONTEXT_BYTES) : start].decode("utf-8", errors="replace")
    if before.endswith(" "):
        order = "—–“‘" + LIKELY_LOST
    elif before.count("„") > before.count("“"):
        order = "“" + LIKELY_LOST
    elif before.count("“") > before.count("”") or (before.count("”") % 2 and "“" not in before):
        order = "”" + LIKELY_LOST  # an open “, or Swedish and Finnish quoting: ”…”
    elif before.count("‘") > before.count("’"):
        order = "’" + LIKELY_LOST
    else:
        order = LIKELY_LOST
    return _filler(head[start:], tail[:3], not tail, lost, order)


def _fillers(head: bytes, lost: int) -> Iterator[bytes]:
    """Candidates for the ``lost`` continuation bytes after ``head``, in byte order, leaving out those whose
    start already makes invalid UTF-8 (a strict decoder fails on it before its end)."""
    if lost == 1:
        yield from CONTINUATION
        return
    for first in CONTINUATION:
        try:
            codecs.utf_8_decode(head + first, "strict", False)
        except UnicodeDecodeError:
            continue
        for rest in _fillers(head + first, lost - 1):
            yield first + rest


@lru_cache(maxsize=4096)
def _filler(window_head: bytes, probe: bytes, final: bool, lost: int, order: str) -> bytes | None:
    """The filler of :func:`_complete` for one window, given the lost characters in order of likelihood."""
    if not _ends_open(window_head):
        return None  # no character is left open: a continuation byte cannot come next
    options = []
    for filler in _fillers(window_head, lost):
        try:
            window, _ = codecs.utf_8_decode(window_head + filler + probe, "strict", final)
        except UnicodeDecodeError:
            continue
        options.append((window, filler))
    if len(options) <= 1:
        return options[0][1] if options else None
    rank = {c: order.index(c) for c in order}
    known = []
    for w, filler in options:
        ranks = [rank[c] for c in w if c in rank]
        if ranks:
            known.append((min(ranks), w, filler))
    if known:
        return min(known)[2]
    # Otherwise only a filler that alone makes assigned characters is not a guess (何 or 但?): a miss is better.
    assigned = [filler for w, filler in options if all(unicodedata.category(c) != "Cn" for c in w)]
    return assigned[0] if len(assigned) == 1 else None


LOST = b"\xff"  # marks a character whose lost bytes cannot be inferred (text that encodes to it is refused)


def _encode_with_lost_bytes(text: str, codepage: str, lost_chars: int = 0) -> bytes:
    """Encode ``text`` back to bytes, putting back bytes a decoder replaced with U+FFFD.

    Where the lost bytes cannot be inferred (a Han character's), up to ``lost_chars`` gaps are
    marked :data:`LOST` for :func:`utf8_with_lost_chars`; more than that is an error.
    """
    if "\ufffd" not in text:
        return text.encode(codepage)
    if text.count("\ufffd") > max(MAX_GAPS, len(text) // 40):
        raise UnicodeEncodeError(codepage, text, 0, 1, "too many lost bytes to infer")
    pieces = re.split("(\ufffd+)", text)
    # a character the code page lacks fails here, before any gap is filled
    encoded = [part.encode(codepage) for part in pieces[::2]]
    if lost_chars > 0 and any(LOST in part for part in encoded):
        raise UnicodeEncodeError(codepage, text, 0, 1, "the text holds the byte that marks a lost character")
    out = encoded[0]
    for gap, tail in zip(pieces[1::2], encoded[1:], strict=True):
        filler = _complete(out, tail, len(gap)) if len(gap) <= 2 else None
        if filler is None:
            if lost_chars <= 0:
                raise UnicodeEncodeError(codepage, text, 0, 1, "lost bytes cannot be inferred")
            lost_chars -= 1
            filler = LOST
        out += filler + tail
    return out


def _ends_open(data: bytes) -> bool:
    """Whether ``data`` ends inside a UTF-8 sequence: a lead byte, then fewer continuation bytes than it needs."""
    start = _last_sequence_start(data)
    return start < len(data) and data[start] >= 0xC0 and len(data) - start < _utf8_length(data[start])


def _utf8_length(lead: int) -> int:
    """How many bytes the UTF-8 sequence a lead byte starts holds (1 for anything else)."""
    return 2 if 0xC0 <= lead < 0xE0 else 3 if 0xE0 <= lead < 0xF0 else 4 if 0xF0 <= lead < 0xF8 else 1


def utf8_with_lost_chars(data: bytes) -> str:
    """``data`` read strictly as UTF-8, each :data:`LOST` mark with the character it cut shown as U+FFFD.

    Only the bytes of the one character a mark cuts (a lead byte before it, continuation bytes
    after it) are given up; everything else must be valid UTF-8 (else UnicodeDecodeError).
    """
    if LOST not in data:
        return data.decode("utf-8")
    pieces = data.split(LOST)
    for i in range(len(pieces) - 1):  # the cut character's bytes before the mark
        if _ends_open(pieces[i]):
            pieces[i] = pieces[i][: _last_sequence_start(pieces[i])]
    for i in range(1, len(pieces)):  # ...and after it
        tail = pieces[i]
        skip = 0
        while skip < min(3, len(tail)) and 0x80 <= tail[skip] < 0xC0:
            skip += 1
        pieces[i] = tail[skip:]
    return "\ufffd".join(piece.decode("utf-8") for piece in pieces)


# A space where UTF-8 needs a continuation byte was byte A0 (a non-breaking space) before some
# process made it plain; ftfy restores it after a few lead bytes, this after any (Han too).
SPACED_A0 = re.compile(
    b"(?<=[\xc2-\xdf]) |(?<=[\xe0-\xef]) (?=[\x80-\xbf])|(?<=[\xe0-\xef][\x80-\xbf]) "
    b"|(?<=[\xf0-\xf4]) (?=[\x80-\xbf]{2})|(?<=[\xf0-\xf4][\x80-\xbf]) (?=[\x80-\xbf])"
    b"|(?<=[\xf0-\xf4][\x80-\xbf]{2}) "
)


def utf8_restoring_a0(data: bytes) -> str:
    """``data`` read strictly as UTF-8; if that fails, again with each space inside a sequence as byte A0."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if b" " not in data:
            raise
    return SPACED_A0.sub(b"\xa0", data).decode("utf-8")


def redecode(text: str) -> tuple[str, str] | None:
    """The best strict UTF-8 re-reading of ``text`` through one code page, if it is clearly less odd."""
    before = None  # how odd the text is, once a code page reads it (most lines none does)
    joins = None  # its odd joins, likewise
    present: dict[re.Pattern[str], bool] = {}  # whether the text holds what a code page's mojibake is made of
    best: tuple[int, str, str] | None = None
    seen = {text}  # a reading another code page gave already is judged the same: it cannot be better
    for codepage, made_of in CODEPAGES:
        if made_of not in present:
            present[made_of] = made_of.search(text) is not None
        if not present[made_of]:
            continue
        try:
            fixed = utf8_restoring_a0(_encode_with_lost_bytes(text, codepage))
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed in seen:
            continue
        seen.add(fixed)
        if joins is None:
            joins = len(ODD_JOIN.findall(text))
        if len(ODD_JOIN.findall(fixed)) > joins:
            continue
        if before is None:
            before = oddity(text)
        if before == 0:
            return None
        score = oddity(fixed)
        if score < before and (best is None or score < best[0]):
            best = (score, fixed, codepage)
            if score == 0:
                break  # no oddity at all: no later code page can read it better
    return (best[1], best[2]) if best else None


class _Scripts(dict[str, str | None]):
    """Of a character: the first word of its Unicode name (its script) if it is a letter or a mark, else None."""

    def __missing__(self, c: str) -> str | None:
        letter = not c.isspace() and (c.isalpha() or unicodedata.category(c).startswith("M"))
        script = self[c] = unicodedata.name(c, "").split(" ", 1)[0] if letter else None
        return script


_SCRIPT = _Scripts()


def script_changes(text: str) -> int:
    """How often, inside a word, a letter or mark is of another script than the one before (``Sayʉ۪``: once)."""
    changes, previous = 0, ""
    for script in map(_SCRIPT.__getitem__, text):
        if script is None:
            previous = ""
            continue
        changes += bool(previous) and script != previous
        previous = script
    return changes


def _with_plain_spaces(line: str) -> list[tuple[str, str]]:
    """``line`` with odd spaces made plain, as the unicode pass leaves them, then ``line`` as it is.

    A non-breaking or other odd space next to mojibake keeps ftfy from seeing
    it, or misleads it (``Say\xa0â€™`` read as Mac Roman); the line as it is
    stays a candidate, since such a space can be part of the mojibake
    (``Ã\xa0`` is ``à``, though ftfy reads ``Ã `` so too).
    """
    plain = ODD_SPACE.sub(" ", line)
    return [(line, "")] if plain == line else [(plain, "odd spaces made plain, then "), (line, "")]


def _reading_rank(reading: tuple[str, ...] | tuple[str, str, object]) -> tuple[int, int, int]:
    """How a repaired reading ranks among others (lower is better): oddity, mojibake pairs left, script changes."""
    text = reading[0]
    return oddity(text), len(_suspects()[0].findall(text)), script_changes(text)


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One pattern to search for what any of ``patterns`` finds: one character class when they all are one
    (a class repeated, ``[...]+``, finds where the class alone does)."""
    parts = [p.pattern.removesuffix("+") if p.pattern.endswith("]+") else p.pattern for p in patterns]
    if all(x.startswith("[") and x.endswith("]") and "[" not in x[1:-1] for x in parts):
        return lazy_compile("[" + "".join(x[1:-1] for x in parts) + "]")
    return lazy_compile("|".join(f"(?:{x})" for x in parts))


CJK_MATERIAL = _any_of(KANA_OR_HAN, MISREAD_SIGNS)
_LEFT_FOR_UNICODE = _any_of(ODD_SPACE, INVISIBLE, CONTROL, LIGATURE, FULL_WIDTH)


def as_later_passes_leave_it(line: str) -> str:
    """``line`` as later passes leave it, for what ftfy's decisions depend on.

    The unicode pass makes odd spaces plain, removes invisible and control
    characters, takes ligatures apart and makes full-width punctuation ASCII in
    English text; tidy strips spaces at the end.
    """
    if not _LEFT_FOR_UNICODE.search(line):
        return line.rstrip(" \t") if line.endswith((" ", "\t")) else line
    from ftfy.chardata import LIGATURES

    line = CONTROL.sub("", INVISIBLE.sub("", ODD_SPACE.sub(" ", line)))
    line = FULL_WIDTH.sub(narrow_in_english, line)
    return LIGATURE.sub(lambda m: m.group().translate(LIGATURES), line).rstrip(" \t")


@lru_cache(maxsize=1)
def _may_need_repair() -> TextFilter:
    """Whether any line of a text may be looked at: it, or it as later passes leave it, is suspect.

    One scan of the whole text (most texts have no such line); what the unicode pass changes can
    make a line suspect, so such a character counts too.
    """
    return TextFilter(f"{_suspects()[1].pattern}|{_LEFT_FOR_UNICODE.pattern}")


@lru_cache(maxsize=1)
def _ftfy_config() -> ftfy.TextFixerConfig:
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_terminal_escapes=False,
        remove_control_chars=False,
        normalization=None,
        fix_latin_ligatures=False,  # the unicode pass's, wherever they are
        explain=True,
    )


# What the config above leaves on after the encoding, in ftfy's order: its rounds are these and nothing else.
FTFY_AFTER_ENCODING = ("fix_c1_controls", "fix_surrogates")


def fix_with_ftfy(text: str) -> tuple[str, list[Any]]:
    """``ftfy.fix_and_explain(text, config)`` with the config above, steps and all, less a last round known
    to change nothing.

    ftfy repeats rounds until one changes nothing: the encoding repaired (until its steps change
    nothing), then C1 controls and surrogates. When these two leave the text as the encoding left
    it, the next round meets that same text: its encoding step changes nothing and notes nothing (a
    repair of the encoding always shortens the text; only its last resort, C1 controls, notes a step
    without a change, so a text holding some gets that round). That round's scan for mojibake, a
    good part of ftfy's time on a repaired line, is saved.
    """
    import ftfy

    config = _ftfy_config()
    steps: list[Any] = []
    while True:
        start = text
        text, encoding_steps = ftfy.fix_encoding_and_explain(text, config)
        steps.extend(encoding_steps or ())
        encoded = text
        for name in FTFY_AFTER_ENCODING:
            fixed = ftfy.FIXERS[name](text)
            if fixed != text:
                steps.append(ftfy.ExplanationStep("apply", name))
                text = fixed
        if text == start or (text == encoded and not C1_CONTROLS.search(text)):
            return text, steps


@register
class Mojibake(Pass):
    name = "mojibake"
    summary = "mojibake: ftfy for policy, plus UTF-8 misread as GBK/Big5 or code pages ftfy misses; several layers"
    defaults = {"max_layers": 3}

    def setup(self) -> None:
        if self.options["max_layers"] < 1:
            raise ConfigError(f"option max_layers must be at least 1, got {self.options['max_layers']!r}")

    def apply(self, text: str, doc: Document) -> str:
        if text.isascii() or not _may_need_repair().may_find(text):
            return text
        edits = []
        pos = 0
        suspect = _suspects()[1]
        for line in text.split("\n"):
            if line.isascii():
                pos += len(line) + 1
                continue
            # as later passes leave it: needed only when the line as it is shows nothing (else fix_line sees to it)
            settled = None if suspect.search(line) else as_later_passes_leave_it(line)
            if settled is None or (settled is not line and suspect.search(settled)):
                fixed, rule, how = self.fix_line(line, settled)
                if fixed != line:
                    edits.append(Edit(pos, pos + len(line), fixed, rule, how))
            pos += len(line) + 1
        return self.edit(doc, text, edits)

    def fix_line(self, line: str, settled: str | None = None) -> tuple[str, str, str]:
        """Repair one line; return it with the rule and a description of the steps.

        Odd spaces, invisible and C1 control characters or ligatures can hide
        mojibake next to them; later passes clean them up, so a second cleaning
        would find more to repair. What is repaired is looked at again as those
        passes leave it, which keeps cleaning idempotent. (``settled``: the line as they
        leave it, when the caller has it already.)
        """
        fixed, rule, how = self.fix_layers(line)
        for _ in range(self.options["max_layers"]):
            settled = settled if settled is not None and fixed is line else as_later_passes_leave_it(fixed)
            if settled == fixed:
                break
            again, again_rule, again_how = self.fix_layers(settled)
            if again == settled:
                break
            fixed, rule = again, rule or again_rule
            how = ", then ".join(filter(None, (how, "as later passes leave it", again_how)))
        return fixed, rule, how

    def fix_layers(self, line: str) -> tuple[str, str, str]:
        """Repair one line, layer by layer, while anything changes."""
        rule, steps = "", []

        def reread(found: tuple[str, str] | None) -> None:
            nonlocal line, rule
            if found:
                line, codepage = found
                rule = rule or "mojibake.codepage"
                steps.append(f"UTF-8 read as {codepage}")

        codepages = "mojibake.codepage" in self.rules
        for _ in range(self.options["max_layers"]):
            before = line
            if codepages:  # first, while C1 characters a CJK code page left are as it left them
                reread(self.by_run(line))
            if "mojibake.ftfy" in self.rules:
                tried = []
                for candidate, how in _with_plain_spaces(line):
                    if _suspects()[0].search(candidate):
                        fixed, plan = fix_with_ftfy(candidate)
                        if fixed != candidate:
                            tried.append((fixed, how, plan))
                if tried:
                    # of two readings, the less odd, then the one with less mojibake left in it (a space made
                    # plain can cut a character's bytes apart), then the one that changes script less often
                    best = tried[0] if len(tried) == 1 else min(tried, key=_reading_rank)
                    # ftfy may read only part of a line (a character cut apart): the whole line re-read may do better
                    partial = codepages and _suspects()[0].search(best[0]) and _worth_trying(line)
                    whole = redecode(line) if partial else None
                    if whole and _reading_rank(whole) < _reading_rank(best):
                        reread(whole)
                    else:
                        line, how, plan = best
                        rule = rule or "mojibake.ftfy"
                        steps.append(how + "ftfy: " + ", ".join(f"{a} {b}" for a, b in plan or []))
            if codepages and _worth_trying(line):
                reread(redecode(line) or self.by_word(line))
            if line == before:
                break
        return line, rule, ", then ".join(steps)

    def by_word(self, line: str) -> tuple[str, str] | None:
        """When a line mixes good text and mojibake, re-read the odd words one by one."""
        words = line.split(" ")
        used = ""
        for i, word in enumerate(words):
            if len(word) > 1 and not word.isascii() and MIXED_WORD.search(word):
                found = redecode(word)
                if found:
                    words[i], used = found
        return (" ".join(words), used) if used else None

    def by_run(self, line: str) -> tuple[str, str] | None:
        """Re-read each run of non-ASCII characters alone: Chinese or Japanese words in good English."""
        if not CJK_MATERIAL.search(line):
            return None  # no run holds kana, Han or a sign of a misreading: none is re-read
        used = ""

        def reread(m: re.Match[str]) -> str:
            nonlocal used
            found = reread_run(m.group())
            if found is None:
                return m.group()
            used = found[1]
            return found[0]

        fixed = NON_ASCII_RUN.sub(reread, line)
        return (fixed, used) if used else None
