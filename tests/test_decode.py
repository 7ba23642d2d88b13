"""decode: every encoding a scraper meets comes out as the text that was written; binary is refused."""

from __future__ import annotations

import codecs
import random

import pytest

import cleaner
from cleaner import Pipeline
from cleaner.errors import ConfigError, DecodeError
from cleaner.passes.decode import decode_bytes

FR = "Le président a déclaré que l'économie française était « très forte ». Où est le café ?"
DE = "Die Bundesregierung hat beschlossen, die Förderung für Elektroautos zu verlängern. Größere Änderungen gibt es nicht."
PT = "O presidente afirmou que a economia brasileira está em recuperação e que não há motivo para preocupação. Ações subiram."
EN = "He said “it’s fine” — and left. The café was closed… for good."
ZH = "阿里巴巴集团董事会主席蔡崇信在迪拜举行的世界政府峰会上发表讲话，谈到了人工智能的发展。"
JA = "アリババグループの会長は、ドバイで開催された世界政府サミットで講演し、人工知能について語った。"

CASES = [
    ("utf-8", EN.encode("utf-8"), EN),
    ("utf-8-bom", codecs.BOM_UTF8 + ZH.encode("utf-8"), ZH),
    ("utf-16-le-bom", codecs.BOM_UTF16_LE + FR.encode("utf-16-le"), FR),
    ("utf-16-be-bom", codecs.BOM_UTF16_BE + EN.encode("utf-16-be"), EN),
    ("utf-32-le-bom", codecs.BOM_UTF32_LE + DE.encode("utf-32-le"), DE),
    ("utf-16-le-no-bom-latin", DE.encode("utf-16-le"), DE),
    ("utf-16-be-no-bom-latin", FR.encode("utf-16-be"), FR),
    ("utf-16-le-no-bom-chinese", ZH.encode("utf-16-le"), ZH),
    ("utf-16-le-no-bom-mixed", ("Alibaba 阿里巴巴 " + EN).encode("utf-16-le"), "Alibaba 阿里巴巴 " + EN),
    ("cp1252-french", FR.encode("cp1252"), FR),
    ("cp1252-portuguese", PT.encode("cp1252"), PT),
    ("cp1252-curly-quotes", EN.encode("cp1252"), EN),
    ("latin-1-german", DE.encode("latin-1"), DE),
    ("latin-1-portuguese", PT.encode("latin-1"), PT),
    ("gb18030-chinese", ZH.encode("gb18030"), ZH),
    ("gb18030-english-with-quotes", EN.replace("…", "...").encode("gb18030"), EN.replace("…", "...")),
    ("shift-jis-japanese", JA.encode("shift_jis"), JA),
    (
        "utf-8-with-stray-cp1252-byte",
        "Caf\u00e9 – “quoted” – ".encode() + b"na\xefve \x93here\x94",
        "Café – “quoted” – naïve “here”",
    ),
    (
        "utf-16-le-no-bom-chinese-with-zero-bytes",
        "一丈中文".encode("utf-16-le") + ZH.encode("utf-16-le"),
        "一丈中文" + ZH,
    ),
    ("utf-16-be-no-bom-chinese-with-zero-bytes", ("一" + ZH).encode("utf-16-be"), "一" + ZH),
    ("gb18030-holding-latin-mojibake", "prÃ©sident Ã©tÃ©".encode("gb18030"), "prÃ©sident Ã©tÃ©"),
    ("empty", b"", ""),
]


@pytest.mark.parametrize(("data", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_decodes_to_the_original_text(data: bytes, expected: str) -> None:
    assert decode_bytes(data).text == expected


def test_records_encoding_and_confidence() -> None:
    d = decode_bytes(PT.encode("cp1252"))
    assert (d.encoding, d.rule) == ("cp1252", "decode.detected")
    assert 0.5 < d.confidence <= 1.0
    assert decode_bytes(ZH.encode("utf-8")).confidence == 1.0


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
BINARY = [
    ("png", PNG, "PNG image"),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)), "gzip"),
    ("zero-bytes", b"abc\x00\x00\x00\x01\x02\xff\xfe\x00\x17" * 20, "zero bytes"),
    ("control-characters", bytes(range(1, 9)) * 40 + b"text", "control characters"),
    ("bad-utf-16-after-bom", codecs.BOM_UTF16_LE + b"\x00\xd8\x41", "not valid utf-16-le"),
]


@pytest.mark.parametrize(("data", "reason"), [c[1:] for c in BINARY], ids=[c[0] for c in BINARY])
def test_binary_is_refused_with_a_plain_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


# The reports that the table of encodings generalises (tests/test_decode_table.py).
REPORTED = [
    (
        "stray-ff-after-utf-8",
        "Café owners in São Paulo…\nThe line ends in a stray byte ".encode() + b"\xff",
        "Café owners in São Paulo…\nThe line ends in a stray byte ÿ",
    ),
    ("cp1252-apostrophe-in-ascii", b"It\x92s", "It’s"),
    ("cp1252-word", "café".encode("cp1252"), "café"),
    ("stray-nul-in-ascii", b"hello\x00", "hello\x00"),
    ("cut-mid-character", "Café owners in São Paulo…".encode()[:-2], "Café owners in São Paulo"),
]


@pytest.mark.parametrize(("data", "expected"), [c[1:] for c in REPORTED], ids=[c[0] for c in REPORTED])
def test_reported_cases(data: bytes, expected: str) -> None:
    assert decode_bytes(data).text == expected


def test_a_stray_nul_is_removed_later_and_utf_16_needs_evidence() -> None:
    assert decode_bytes(b"hello\x00").encoding == "utf-8"
    assert cleaner.clean(b"hello\x00") == "hello\n"
    assert cleaner.clean("Hi".encode("utf-16-le")) == "Hi\n"  # two code units prove nothing, and lose nothing
    assert decode_bytes("Hello there".encode("utf-16-be")).encoding == "utf-16-be"


def test_a_cut_last_character_is_dropped_noted_and_flagged() -> None:
    doc = Pipeline().document("Price: 5 €".encode()[:-1], explain=True)
    assert doc.text == "Price: 5\n"
    notes = [c for c in doc.changes or [] if c.rule == "decode.cut-at-end"]
    assert len(notes) == 1 and "e2 82" in notes[0].note
    assert any("cut off" in flag for flag in doc.flags)


def test_a_tie_between_readings_is_a_coin_flip_and_a_paragraph_is_not() -> None:
    word = decode_bytes("Gdańsk".encode("cp1250"))  # Gdañsk in Windows-1252 is as good a word
    assert word.confidence <= 0.55
    pl = "Rząd zapowiedział, że podatek nie wzrośnie. Minister finansów podkreślił, że złoty się umacnia."
    paragraph = decode_bytes(pl.encode("cp1250"))
    assert (paragraph.text, paragraph.encoding) == (pl, "cp1250")
    assert 0.8 <= paragraph.confidence < 1.0


def test_the_encoding_a_user_names_is_used() -> None:
    data = "Dzień dobry".encode("cp1250")  # reads as Spanish ñ when guessed
    assert cleaner.clean(data, encoding="cp1250") == "Dzień dobry\n"
    assert Pipeline(encoding="cp1250").clean(data) == "Dzień dobry\n"
    doc = Pipeline(encoding="CP1250").document(data, explain=True)
    assert (doc.meta["encoding"], doc.changes[0].rule) == ("CP1250", "decode.given")  # type: ignore[index]
    assert cleaner.clean(codecs.BOM_UTF8 + b"x", encoding="utf-8") == "x\n"
    assert cleaner.clean("text, not bytes", encoding="cp1250") == "text, not bytes\n"


@pytest.mark.parametrize(("name", "message"), [("klingon", "unknown encoding 'klingon'"), ("rot13", "not a text")])
def test_an_unknown_encoding_is_refused_when_the_pipeline_is_built(name: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Pipeline(encoding=name)


def test_bytes_the_named_encoding_cannot_read_say_where() -> None:
    with pytest.raises(DecodeError, match="not valid utf-8: byte ff at offset 6"):
        Pipeline(encoding="utf-8").clean(b"caf\xc3\xa9 \xff")


MORE_BINARY = [
    (
        "pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 40 /Filter /FlateDecode >>\nstream\nx\x9c\x00\x00\x01\x02\x03"
        * 4,
    ),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256))),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" * 8),
    ("nul-bytes", b"\x00" * 64),
    ("random-bytes", random.Random(1).randbytes(4096)),
]


@pytest.mark.parametrize("data", [c[1] for c in MORE_BINARY], ids=[c[0] for c in MORE_BINARY])
def test_more_binary_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary data"):
        decode_bytes(data)


def test_any_bytes_give_text_or_a_decode_error() -> None:
    rng = random.Random(7)
    for _ in range(300):
        data = rng.randbytes(rng.randint(1, 40))
        try:
            decoded = decode_bytes(data)
        except DecodeError:
            continue
        assert isinstance(decoded.text, str) and 0.0 < decoded.confidence <= 1.0


CUT_OR_MARKED = [
    ("utf-16-le-cut", FR.encode("utf-16-le")[:-1], FR[:-1], b"?"),
    ("utf-16-be-bom-cut", codecs.BOM_UTF16_BE + FR.encode("utf-16-be")[:-1], FR[:-1], b"\x00"),
    ("utf-32-le-bom-cut", codecs.BOM_UTF32_LE + DE.encode("utf-32-le")[:-2], DE[:-1], b".\x00"),
    ("utf-8-bom-stray-byte", codecs.BOM_UTF8 + b"caf\xe9 " + EN.encode(), "café " + EN, b""),
]


@pytest.mark.parametrize(
    ("data", "expected", "dropped"), [c[1:] for c in CUT_OR_MARKED], ids=[c[0] for c in CUT_OR_MARKED]
)
def test_a_byte_order_mark_or_utf_16_cut_short_keeps_its_text(data: bytes, expected: str, dropped: bytes) -> None:
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.dropped) == (expected, dropped)
    assert decoded.confidence < 1.0
