"""decode: every encoding a scraper meets comes out as the text that was written; binary is refused."""

from __future__ import annotations

import codecs

import pytest

from cleaner.errors import DecodeError
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
