"""From bytes to clean text: corrupted paragraphs, saved in the encodings scrapers meet, come back exactly."""

from __future__ import annotations

import codecs

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)
import pytest

from cleaner import Pipeline

PARAS = {
    "en": "Alibaba’s chairman said the “open source” strategy — unlike its rivals’ — would pay off… Shares rose 5%.",
    "fr": "Le président a déclaré que l’économie française était « très forte ». Où est passé l’été ?",
    "de": "Die Förderung wird verlängert. Größere Änderungen gibt es nicht: „Wir sind zufrieden.“",
    "pt": "O presidente afirmou que a economia está em recuperação e que não há motivo para preocupação.",
    "zh": "阿里巴巴集团董事会主席蔡崇信在迪拜举行的世界政府峰会上发表讲话，谈到了人工智能的发展。",
    "ja": "アリババグループの蔡崇信会長は、ドバイで開催されたサミットで講演し、人工知能について語った。",
}
CORRUPTIONS = {
    "intact": lambda t: t,
    "cp1252": lambda t: t.encode().decode("sloppy-windows-1252"),
    "latin-1": lambda t: t.encode().decode("latin-1"),
    "cp1251": lambda t: t.encode().decode("sloppy-windows-1251"),
    "twice": lambda t: t.encode().decode("sloppy-windows-1252").encode().decode("sloppy-windows-1252"),
    "entities": lambda t: t.replace("’", "&rsquo;").replace("é", "&eacute;").replace("。", "&#12290;"),
}
SAVED = {
    "utf-8": lambda t: t.encode(),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode(),
    "cp1252": lambda t: t.encode("cp1252"),
    "latin-1": lambda t: t.encode("latin-1"),
    "utf-16-bom": lambda t: t.encode("utf-16"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "gb18030": lambda t: t.encode("gb18030"),
}


def cases() -> list:
    out = []
    for lang, text in PARAS.items():
        for cname, corrupt in CORRUPTIONS.items():
            for sname, save in SAVED.items():
                try:
                    data = save(corrupt(text))
                except UnicodeEncodeError:
                    continue  # this text cannot be saved in this encoding
                out.append(pytest.param(data, text, id=f"{lang}-{cname}-saved-{sname}"))
    return out


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(("data", "expected"), cases())
def test_comes_back_exactly(pipeline: Pipeline, data: bytes, expected: str) -> None:
    assert pipeline.clean(data) == expected + "\n"
