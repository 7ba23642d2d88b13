"""Mojibake repair in several languages: cleaner against bare ftfy, on the same corrupted paragraphs.

One news paragraph in each of 18 languages, corrupted the ways UTF-8 text is commonly misread
(a legacy code page, twice, with the bytes a strict decoder could not read replaced or dropped,
with byte A0 made a plain space afterwards). For each corruption it prints how many paragraphs
each system gives back exactly, and the mean similarity of its output to the paragraph
(``difflib`` ratio: partial repairs count). cleaner runs its whole default pipeline on a
document of a headline, a blank line and the paragraph, and is scored on the paragraph.

    PYTHONPATH=. python bench/score_repair_languages.py [-v]
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Callable

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-* codecs

from cleaner import Pipeline

PARAGRAPHS = {
    "fr": "Le président de la République a déclaré jeudi qu’il ne reculerait pas : « Nous irons jusqu’au bout », "
    "a-t-il affirmé devant les élus réunis à l’Élysée.",
    "de": "Die Bundesregierung hat am Donnerstag beschlossen, die Förderung für Wärmepumpen zu erhöhen. "
    "„Das ist ein großer Schritt“, sagte die Ministerin in Berlin.",
    "es": "El Gobierno español aprobó el martes una reforma que, según el ministro, «cambiará la economía». "
    "La oposición criticó la decisión en el Congreso.",
    "pt": "O presidente do Brasil afirmou nesta terça-feira que a inflação está sob controle e que o governo não "
    "pretende aumentar os impostos até o fim do ano.",
    "it": "Il governo italiano ha approvato venerdì la legge di bilancio. «È una manovra equilibrata», ha detto il "
    "ministro dell’Economia ai giornalisti.",
    "pl": "Prezydent Polski powiedział w środę, że rząd przygotuje nową ustawę o ochronie środowiska. Zmiany mają "
    "wejść w życie w przyszłym roku.",
    "cs": "Česká vláda ve středu schválila návrh zákona o státním rozpočtu. Ministr financí řekl, že schodek bude "
    "nižší než v loňském roce.",
    "hu": "A kormány szerdán jóváhagyta a költségvetést. Őszintén szólva ez jó hír, mondta a miniszter.",
    "ro": "Guvernul României a aprobat miercuri bugetul pentru anul viitor. Ministrul de finanțe a spus că "
    "deficitul va scădea.",
    "tr": "Türkiye Cumhurbaşkanı çarşamba günü yaptığı açıklamada, ekonominin güçlü olduğunu ve enflasyonun "
    "düşeceğini söyledi.",
    "sv": "Regeringen meddelade på onsdagen att skatten på bensin sänks från årsskiftet. ”Det är ett viktigt "
    "besked”, sade finansministern.",
    "vi": "Thủ tướng Chính phủ hôm thứ Tư cho biết nền kinh tế Việt Nam đang phục hồi mạnh mẽ sau đại dịch.",
    "ru": "Президент России заявил в среду, что правительство подготовит новый закон об охране окружающей среды. "
    "Изменения вступят в силу в следующем году.",
    "el": "Ο πρωθυπουργός της Ελλάδας δήλωσε την Τετάρτη ότι η κυβέρνηση θα παρουσιάσει νέο νομοσχέδιο για "
    "την οικονομία.",
    "zh": "国家统计局周三公布的数据显示，十月份全国居民消费价格同比上涨百分之二点一，涨幅比上月有所回落。",
    "ja": "政府は水曜日、新たな経済対策を閣議決定した。総額は約二十兆円に上り、物価高への対応が柱となる。",
    "ko": "정부는 수요일 새로운 경제 대책을 발표했다. 총 규모는 약 20조 원에 달하며 물가 대응이 중심이 된다.",
    "en": "The company’s chairman said the “open source” strategy — unlike its rivals’ — would pay off… "
    "Shares rose 5%.",
}


def misread(codepage: str, errors: str = "strict") -> Callable[[str], str]:
    return lambda text: text.encode("utf-8").decode(codepage, errors)


def twice(first: Callable[[str], str], second: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: second(first(text))


CORRUPTIONS: dict[str, Callable[[str], str]] = {
    "windows-1252": misread("sloppy-windows-1252"),
    "latin-1": misread("latin-1"),
    "windows-1252 twice": twice(misread("sloppy-windows-1252"), misread("sloppy-windows-1252")),
    "latin-1 then windows-1252": twice(misread("latin-1"), misread("sloppy-windows-1252")),
    "windows-1252, A0 made a space": lambda t: misread("sloppy-windows-1252")(t).replace("\xa0", " "),
    "windows-1252 strict, lost bytes shown": misread("cp1252", "replace"),
    "windows-1252 strict, lost bytes dropped": misread("cp1252", "ignore"),
    "windows-1250": misread("sloppy-windows-1250"),
    "windows-1251": misread("sloppy-windows-1251"),
    "windows-1253": misread("sloppy-windows-1253"),
    "windows-1254": misread("sloppy-windows-1254"),
    "iso-8859-2": misread("iso-8859-2", "replace"),
    "mac roman": misread("mac_roman"),
    "gbk, lost bytes shown": misread("gbk", "replace"),
    "gbk, lost bytes dropped": misread("gbk", "ignore"),
    "shift-jis, lost bytes shown": misread("cp932", "replace"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print each paragraph cleaner misses")
    opts = parser.parse_args()
    pipeline = Pipeline()
    totals = {"cleaner": [0, 0.0], "ftfy": [0, 0.0]}
    n_all = 0
    print(f"{'corruption':40} {'n':>3}  {'cleaner exact':>13} {'ftfy exact':>10}  {'cleaner sim':>11} {'ftfy sim':>8}")
    for name, corrupt in CORRUPTIONS.items():
        rows = {"cleaner": [0, 0.0], "ftfy": [0, 0.0]}
        n = 0
        for lang, paragraph in PARAGRAPHS.items():
            garbled = corrupt(paragraph)
            if garbled == paragraph:
                continue
            n += 1
            ours = pipeline.clean(f"Headline of the day\n\n{garbled}\n").split("\n\n", 1)[-1].rstrip("\n")
            theirs = ftfy.fix_text(garbled)
            for system, out in (("cleaner", ours), ("ftfy", theirs)):
                rows[system][0] += out == paragraph
                rows[system][1] += difflib.SequenceMatcher(None, out, paragraph, autojunk=False).ratio()
            if opts.verbose and ours != paragraph:
                print(f"    {lang}: {ours[:90]}")
        if not n:
            continue
        n_all += n
        for system in rows:
            totals[system][0] += rows[system][0]
            totals[system][1] += rows[system][1]
        c, f = rows["cleaner"], rows["ftfy"]
        print(f"{name:40} {n:3}  {c[0]:13} {f[0]:10}  {c[1] / n:11.3f} {f[1] / n:8.3f}")
    c, f = totals["cleaner"], totals["ftfy"]
    print(f"{'all':40} {n_all:3}  {c[0]:13} {f[0]:10}  {c[1] / n_all:11.3f} {f[1] / n_all:8.3f}")


if __name__ == "__main__":
    main()
