"""decode: bytes to text, and one kind of line break.

Order of decisions: a byte order mark; zero bytes in the pattern of UTF-16 or
UTF-32 (otherwise zero bytes mean binary data); strict UTF-8; UTF-8 with a few
stray Windows-1252 bytes; else charset-normalizer, preferring the web's common
encodings among equally good candidates. Binary data is refused with a
:class:`~cleaner.errors.DecodeError`, never turned into garbage text.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from cleaner.document import Document
from cleaner.errors import DecodeError
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

# Among candidates charset-normalizer rates alike, the most common on the web wins.
PREFERRED = ("cp1252", "gb18030", "utf_16_le", "utf_16_be", "cp932", "big5", "cp949", "cp1251")

# Characters outside the scripts and punctuation that news text is written in.
ATYPICAL = re.compile(
    "[^\\x00-\\u024f\\u0370-\\u052f\\u0590-\\u06ff\\u0e00-\\u0e7f\\u2010-\\u206f\\u20ac\\u2122"
    "\\u3000-\\u30ff\\u3400-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef]"
)
# Characters that real text is made of, to tell UTF-16 byte orders apart by content.
PLAUSIBLE = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u206f\u20ac\u2122"
    "\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff00-\uffef]"
)
GB18030_FOUR_BYTES = re.compile(rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]")
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
NON_ASCII = re.compile(rb"[\x80-\xff]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029]")
BOM_CHAR = re.compile(r"\A\ufeff")


class Decoded(NamedTuple):
    text: str
    encoding: str
    confidence: float
    rule: str


def _cp1252_for_stray_bytes(err: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as Windows-1252 (else Latin-1)."""
    bad = err.object[err.start : err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


codecs.register_error("cleaner.cp1252", _cp1252_for_stray_bytes)


def _binary(data: bytes, why: str) -> DecodeError:
    kind = next((name for magic, name in MAGIC if data.startswith(magic)), None)
    return DecodeError(f"binary data ({kind}), not text" if kind else f"binary data ({why}), not text")


def _zero_pattern(data: bytes) -> str | None:
    """UTF-16/32 without a BOM, told by where the zero bytes of ASCII characters fall."""
    head = data[:4096]
    n = len(head)
    if n < 4:
        return None
    for width, enc_le, enc_be in ((4, "utf-32-le", "utf-32-be"), (2, "utf-16-le", "utf-16-be")):
        if len(data) % width:
            continue
        lanes = [head[i::width].count(0) / (n // width) for i in range(width)]
        if width == 4:
            if min(lanes[1:]) > 0.9 and lanes[0] < 0.1:
                return enc_le
            if min(lanes[:3]) > 0.9 and lanes[3] < 0.1:
                return enc_be
        else:
            if lanes[1] > 0.3 and lanes[0] < 0.05:
                return enc_le
            if lanes[0] > 0.3 and lanes[1] < 0.05:
                return enc_be
    return None


def _utf16(data: bytes) -> Decoded | None:
    """UTF-16 or UTF-32 without a BOM: by where zero bytes fall, else by which byte order reads as text."""
    encoding = _zero_pattern(data)
    if encoding is not None:
        try:
            return Decoded(data.decode(encoding), encoding, 0.99, "decode.utf-16")
        except UnicodeDecodeError:
            return None
    if len(data) % 2:
        return None
    readings = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = len(PLAUSIBLE.findall(text, 0, 4096)) / max(1, min(len(text), 4096))
        readings.append((share, encoding, text))
    good = [r for r in readings if r[0] >= 0.9]
    if len(good) != 1:
        return None
    share, encoding, text = good[0]
    return Decoded(text, encoding, round(share, 2), "decode.utf-16")


def _gb18030(data: bytes) -> Decoded | None:
    """GB18030 shows itself by four-byte sequences (byte, digit, byte, digit) no other encoding has."""
    if not GB18030_FOUR_BYTES.search(data):
        return None
    try:
        return Decoded(data.decode("gb18030"), "gb18030", 0.95, "decode.gb18030")
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> Decoded | None:
    """charset-normalizer's candidates as good as its best, narrowed to those giving typical text.

    Its ranking breaks ties by a language guess that can favour a rare code page
    (ISO-8859-14 for French); so drop candidates yielding more atypical
    characters than the cleanest one, take the best coherence, and let the
    web's common encodings win what is still a tie.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01]
    odd = {m.encoding: len(ATYPICAL.findall(str(m))) for m in tied}
    fewest = min(odd.values())
    tied = [m for m in tied if odd[m.encoding] == fewest]
    top = max(m.coherence for m in tied)
    rank = {enc: i for i, enc in enumerate(PREFERRED)}
    chosen = min((m for m in tied if m.coherence >= top - 0.01), key=lambda m: rank.get(m.encoding, len(rank)))
    return Decoded(str(chosen), chosen.encoding.replace("_", "-"), round(1.0 - chosen.chaos, 2), "decode.detected")


def decode_bytes(data: bytes) -> Decoded:
    """Turn raw bytes into text, saying which encoding was chosen and how sure that is."""
    if not data:
        return Decoded("", "utf-8", 1.0, "decode.utf-8")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding, 1.0, "decode.bom")
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"starts with a {encoding} byte order mark but is not valid {encoding}: {e.reason}"
                ) from None
    if b"\x00" in data:
        decoded = _utf16(data)  # type: ignore[assignment]
        if decoded is None:
            raise _binary(data, "zero bytes")
    else:
        try:
            decoded = Decoded(data.decode("utf-8"), "utf-8", 1.0, "decode.utf-8")
        except UnicodeDecodeError:
            decoded = _mixed_utf8(data) or _gb18030(data) or _detect(data) or _utf16(data)  # type: ignore[assignment]
            if decoded is None:
                raise _binary(data, "no text encoding fits") from None
    controls = len(CONTROL.findall(decoded.text, 0, 65536))
    if controls > max(2, len(decoded.text[:65536]) // 100):
        raise _binary(data, "control characters")
    return decoded


def _mixed_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bytes of Windows-1252 pasted in: keep both readable."""
    good = len(UTF8_MULTIBYTE.findall(data))
    stray = len(NON_ASCII.findall(UTF8_MULTIBYTE.sub(b"", data)))
    if good < 3 or stray > good:
        return None
    text = data.decode("utf-8", errors="cleaner.cp1252")
    return Decoded(text, "utf-8", round(good / (good + stray), 2), "decode.utf-8-mixed")


@register
class Decode(Pass):
    """Decode bytes; strip a leading BOM character; make every line break LF."""

    name = "decode"
    summary = "bytes to text (BOM, UTF-8, UTF-16, else charset detection; binary refused); LF line breaks"

    def run(self, doc: Document) -> None:
        if doc.data is not None:
            decoded = decode_bytes(doc.data)
            doc.meta["encoding"] = decoded.encoding
            doc.meta["confidence"] = decoded.confidence
            self.note(doc, decoded.rule, f"read as {decoded.encoding} (confidence {decoded.confidence:.2f})")
            doc.text, doc.data = decoded.text, None
            if doc.changes is not None:
                doc.meta["original"] = doc.text  # the text the change log applies to
        doc.text = self.apply(doc.text, doc)

    def apply(self, text: str, doc: Document) -> str:
        text = self.sub(doc, "decode.bom-character", BOM_CHAR, "", text)
        return self.sub(doc, "decode.line-breaks", LINE_BREAK, "\n", text)
