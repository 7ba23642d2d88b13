"""decode across encodings: a table of short and long texts, each with the text it must decode to.

Single words in a legacy encoding, paragraphs, UTF-16 with and without a byte order
mark, UTF-8 with stray Windows-1252 bytes, UTF-8 cut in the middle of its last
character. Each case is ``(id, data, expected)``; ids start with the encoding.
"""

from __future__ import annotations

import codecs

import pytest

from cleaner.passes.decode import decode_bytes

SHORT = {
    "cp1252": [
        "café",
        "naïve",
        "résumé",
        "Müller",
        "Straße",
        "señor",
        "façade",
        "déjà vu",
        "It’s",
        "“Yes”",
        "crème brûlée",
        "Zürich",
        "São Paulo",
        "Øresund",
        "œuvre",
        "5 €",
        "Ça va ?",
        "Málaga",
    ],
    "latin-1": ["Köln", "Ålesund", "Bogotá", "niño", "Ærø", "Genève"],
    "cp1251": ["Москва", "Привет, мир", "Київ", "България", "Путин заявил", "Сбербанк"],
    "cp1250": [
        "Łódź",
        "Dzień dobry",
        "Příliš žluťoučký kůň",
        "Gdańsk",
        "Wrocław",
        "Žižkov",
        "Szczęście",
        "Győr",
        "Čačak",
    ],
    "gb18030": ["北京", "中国", "你好，世界", "阿里巴巴", "人工智能", "上海市"],
    "big5": ["台灣", "香港", "繁體中文", "臺北市", "中華民國"],
    "shift_jis": ["東京", "こんにちは", "日本語", "カタカナ", "ありがとう"],
}

LONG = {
    "cp1252": {
        "fr": "Le président a déclaré mardi que l’économie française était « très forte » malgré la hausse des "
        "prix de l’énergie. Où est passé l’été ? Les négociations reprendront à Bruxelles dès la rentrée.",
        "de": "Die Bundesregierung hat beschlossen, die Förderung für Elektroautos zu verlängern. Größere "
        "Änderungen gibt es nicht: „Wir sind zufrieden“, sagte ein Sprecher des Ministeriums in München.",
        "es": "El presidente afirmó que la economía española crecerá este año más de lo previsto. «No hay "
        "motivo de preocupación», dijo el ministro, que señaló la subida del turismo en Andalucía.",
        "pt": "O presidente afirmou que a economia brasileira está em recuperação e que não há motivo para "
        "preocupação. As ações da Petrobras subiram após o anúncio, disse a agência em São Paulo.",
        "en": "Alibaba’s chairman said the “open source” strategy — unlike its rivals’ — would pay off… Shares "
        "rose 5% to €84 on Tuesday, and the company’s cloud unit grew faster than expected.",
    },
    "latin-1": {
        "de": "Die Förderung wird verlängert. Größere Änderungen gibt es nicht, sagte die Ministerin in Köln. "
        "Die Bürger müssen sich über die neuen Regeln für Mieter und Vermieter informieren.",
        "pt": "A economia está em recuperação e não há motivo para preocupação, disse o ministro. O índice "
        "de confiança subiu pelo terceiro mês, e a inflação caiu para o nível mais baixo do ano.",
    },
    "cp1251": {
        "ru": "Президент заявил во вторник, что экономика страны растёт быстрее, чем ожидалось. По словам "
        "министра, инфляция в этом году снизится, а курс рубля останется стабильным до конца года.",
        "uk": "Уряд України ухвалив рішення про підвищення мінімальної заробітної плати з першого січня. "
        "Міністр фінансів заявив, що бюджет має достатньо коштів для виконання всіх зобов’язань.",
        "bg": "Правителството на България одобри проекта на бюджета за следващата година. Министърът на "
        "финансите заяви, че дефицитът ще бъде под три процента от брутния вътрешен продукт.",
    },
    "cp1250": {
        "pl": "Rząd zapowiedział w środę, że podatek od nieruchomości nie wzrośnie w przyszłym roku. Minister "
        "finansów podkreślił, że gospodarka rośnie szybciej, niż się spodziewano, a złoty się umacnia.",
        "cs": "Vláda ve středu schválila návrh rozpočtu na příští rok. Ministr financí uvedl, že schodek "
        "bude nižší, než se očekávalo, a že růst ekonomiky zůstane stabilní až do konce roku.",
        "hu": "A kormány szerdán jóváhagyta a jövő évi költségvetés tervezetét. A pénzügyminiszter szerint "
        "a hiány kisebb lesz a vártnál, és a gazdasági növekedés az év végéig stabil marad.",
        "hr": "Vlada je u srijedu odobrila prijedlog proračuna za sljedeću godinu. Ministar financija rekao "
        "je da će manjak biti manji od očekivanog, a gospodarski rast ostat će stabilan do kraja godine.",
    },
    "gb18030": {
        "zh": "阿里巴巴集团董事会主席蔡崇信在迪拜举行的世界政府峰会上发表讲话，谈到了人工智能的发展。"
        "他表示，开源模型将降低企业使用人工智能的成本，并推动整个行业的创新。",
    },
    "big5": {
        "zh-tw": "台灣的半導體產業在全球供應鏈中扮演重要角色，政府表示將持續投資研發與人才培育。"
        "經濟部長說，今年出口成長超出預期，主要受惠於人工智慧伺服器的需求。",
    },
    "shift_jis": {
        "ja": "アリババグループの会長は、ドバイで開催された世界政府サミットで講演し、人工知能について語った。"
        "同氏は、オープンソースのモデルが企業の導入コストを下げると述べた。",
    },
}

# Encodings outside the common six: charset-normalizer decides on long text.
OTHER_LONG = {
    "cp1253": "Ο πρωθυπουργός δήλωσε την Τρίτη ότι η οικονομία της χώρας αναπτύσσεται ταχύτερα από ό,τι "
    "αναμενόταν. Σύμφωνα με τον υπουργό, ο πληθωρισμός θα μειωθεί φέτος.",
    "cp1254": "Hükümet çarşamba günü gelecek yılın bütçe taslağını onayladı. Maliye bakanı, açığın "
    "beklenenden düşük olacağını ve ekonomik büyümenin yıl sonuna kadar istikrarlı kalacağını söyledi.",
    "cp949": "정부는 수요일 내년도 예산안을 승인했다. 재정부 장관은 적자가 예상보다 적을 것이며 경제 성장은 "
    "연말까지 안정적으로 유지될 것이라고 말했다.",
    "koi8_r": LONG["cp1251"]["ru"],
    "cp1255": "הממשלה אישרה ביום רביעי את הצעת התקציב לשנה הבאה. שר האוצר אמר כי הגירעון יהיה נמוך מהצפוי "
    "וכי הצמיחה הכלכלית תישאר יציבה עד סוף השנה.",
}

UTF16_TEXTS = {
    "en": LONG["cp1252"]["en"],
    "fr": LONG["cp1252"]["fr"],
    "ru": LONG["cp1251"]["ru"],
    "zh": LONG["gb18030"]["zh"],
    "ja": LONG["shift_jis"]["ja"],
    "short-en": "Hello there",
    "short-fr": "café",
}

# UTF-8 with bytes of another encoding pasted in: the stray bytes read as Windows-1252.
STRAY = [
    (
        "utf-8-stray-ff-after-two-letters",
        "Café owners in São Paulo\nline ending ".encode() + b"\xff",
        "Café owners in São Paulo\nline ending ÿ",
    ),
    ("utf-8-stray-ff-after-one-letter", "Café owners\nline ending ".encode() + b"\xff", "Café owners\nline ending ÿ"),
    ("utf-8-stray-apostrophe-in-ascii", b"It\x92s", "It’s"),
    ("utf-8-stray-apostrophes-in-ascii", b"It\x92s the owner\x92s car.", "It’s the owner’s car."),
    ("utf-8-stray-quotes-one-good", "naïve ".encode() + b"\x93here\x94", "naïve “here”"),
    ("utf-8-stray-three-one-good", b"\x93" + "Café".encode() + b"\x94 is \x96 good", "“Café” is – good"),
    ("utf-8-stray-euro", "Café ".encode() + b"\x80 5", "Café € 5"),
    ("utf-8-stray-after-chinese", "阿里巴巴".encode() + b"\x92s cloud", "阿里巴巴’s cloud"),
    ("utf-8-stray-letter-after-letter", "déjà ".encode() + b"caf\xe9", "déjà café"),
    ("utf-8-stray-undefined-byte", "Café ".encode() + b"\x81 ok", "Café \ufffd ok"),
    ("utf-8-stray-in-long-text", LONG["cp1252"]["en"].encode().replace("’".encode(), b"\x92", 1), LONG["cp1252"]["en"]),
]

# A file cut in the middle of its last character: the part of it that is there is dropped.
TRUNCATED = [
    ("utf-8-cut-ellipsis", "Café au lait…".encode()[:-1], "Café au lait"),
    ("utf-8-cut-chinese", "北京市".encode()[:-2], "北京"),
    ("utf-8-cut-emoji", "Smile 😀".encode()[:-1], "Smile "),
    ("utf-8-cut-two-of-three-bytes-in-ascii", "He said “yes”".encode()[:-1], "He said “yes"),
    ("utf-8-cut-two-byte-letter", "Café Müller".encode()[:-5], "Café M"),
    ("utf-8-cut-long", LONG["cp1251"]["ru"].encode()[:-2], LONG["cp1251"]["ru"][:-2]),
]

# A byte Windows-1252 leaves undefined, in text of that code page: U+FFFD marks the spot.
UNDEFINED = [
    (
        "cp1252-long-with-undefined-byte",
        LONG["cp1252"]["fr"].encode("cp1252").replace(b"mardi", b"mardi \x81"),
        LONG["cp1252"]["fr"].replace("mardi", "mardi \ufffd"),
    ),
]

NUL = [
    ("nul-ending-ascii", b"hello\x00", "hello\x00"),
    ("nul-inside-ascii", b"Some text\x00 with a stray NUL in it.", "Some text\x00 with a stray NUL in it."),
]


def cases() -> list[tuple[str, bytes, str]]:
    """Every case of the table: (id, data, expected text)."""
    out: list[tuple[str, bytes, str]] = []
    for enc, words in SHORT.items():
        out += [(f"{enc}-short-{w}", w.encode(enc), w) for w in words]
    for enc, texts in LONG.items():
        out += [(f"{enc}-long-{lang}", t.encode(enc), t) for lang, t in texts.items()]
    out += [(f"{enc}-long-other", t.encode(enc), t) for enc, t in OTHER_LONG.items()]
    for lang, t in UTF16_TEXTS.items():
        out.append((f"utf-16-le-bom-{lang}", codecs.BOM_UTF16_LE + t.encode("utf-16-le"), t))
        out.append((f"utf-16-be-bom-{lang}", codecs.BOM_UTF16_BE + t.encode("utf-16-be"), t))
        out.append((f"utf-16-le-{lang}", t.encode("utf-16-le"), t))
        out.append((f"utf-16-be-{lang}", t.encode("utf-16-be"), t))
    return out + STRAY + TRUNCATED + UNDEFINED + NUL


# One word or two, where the candidate readings are equally plausible letter by letter:
# the tie goes to the more common encoding (Windows-1252 over -1250, GB18030 over -1251).
AMBIGUOUS = {
    "cp1250-short-Dzień dobry": "ń reads as Spanish ñ in Windows-1252",
    "cp1250-short-Gdańsk": "ń reads as Spanish ñ in Windows-1252",
    "cp1250-short-Győr": "ő reads as Portuguese õ in Windows-1252",
    "cp1250-short-Szczęście": "ę and ś read as French ê and œ in Windows-1252",
    "cp1250-short-Čačak": "Č and č read as French È and è in Windows-1252",
    "cp1251-short-Київ": "its four bytes are also two common GB18030 characters",
}


def table() -> list:
    return [
        pytest.param(data, expected, id=cid, marks=[pytest.mark.xfail(reason=AMBIGUOUS[cid], strict=True)])
        if cid in AMBIGUOUS
        else pytest.param(data, expected, id=cid)
        for cid, data, expected in cases()
    ]


@pytest.mark.parametrize(("data", "expected"), table())
def test_decodes_to_the_text_written(data: bytes, expected: str) -> None:
    assert decode_bytes(data).text == expected


@pytest.mark.parametrize(("data", "expected"), [pytest.param(d, e, id=c) for c, d, e in cases()])
def test_confidence_is_below_one_for_a_guess_and_low_when_wrong(data: bytes, expected: str) -> None:
    decoded = decode_bytes(data)
    if decoded.rule not in ("decode.bom", "decode.utf-8") or decoded.dropped:
        assert decoded.confidence < 1.0
    if decoded.text != expected:
        assert decoded.confidence <= 0.55
