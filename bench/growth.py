"""How the time of each pass grows with the size of hostile inputs: every pass must be linear.

For each input shape of a catalogue (long runs of one character class, text
without spaces or line breaks, ``a.B`` chains, long addresses, entity debris,
mojibake, CJK, names, deep quotes, boilerplate-like lines repeated, ...) each
pass alone and the full default pipeline are timed at sizes n, 2n, 4n and 8n,
where n is chosen per shape and target so that the run at n takes a few
milliseconds (n is capped so that 8n stays within the processor's caches, whose
edge would read as super-linear growth). Each time is the best of several runs,
with garbage collection off, in processor time (the machine may be shared).
The growth exponent is the slope of log(time) over log(size) from n to 8n:
about 1 for linear work, 2 for quadratic. A shape marked ``!`` grows faster
than linearly (exponent above ``--limit``, confirmed by a second measurement
with more repeats). A run projected to take longer than ``--max-seconds`` is
not started: the series stops there (marked ``*``), its exponent taken over the sizes measured.

    python bench/growth.py                      # every shape, every pass: a few minutes
    python bench/growth.py --list               # the catalogue
    python bench/growth.py --shapes 'space|a\\.B' --targets spacing,tidy
    python bench/growth.py --quick              # one shape per family: seconds
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import math
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cleaner import Pipeline
from cleaner.errors import CleanerError
from cleaner.passes import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
PROSE = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*/*.txt")))
CHINESE = (
    "阿里巴巴集团今天在杭州发布了新的人工智能模型，这家公司表示，该模型在多项测试中表现优异。"
    "分析人士认为，中国科技企业正在加快研发步伐，以便在全球竞争中占据有利位置。"
    "据悉，这一模型将首先向企业客户开放，随后逐步推广到普通用户。"
)
JAPANESE = "きょうはとてもいいてんきですね。カタカナもまぜてみましょう。アリババのモデルについてかきます。"


def repeat(unit: str) -> Callable[[int], str]:
    """Text made of ``unit`` repeated to about ``size`` characters."""
    return lambda size: unit * max(1, size // len(unit))


def run_of(unit: str, head: str = "", tail: str = "x") -> Callable[[int], str]:
    """One long run of ``unit`` between ``head`` and ``tail``."""
    return lambda size: head + unit * max(1, size // len(unit)) + tail


def cut(text: str) -> Callable[[int], str]:
    """The first 2,000 characters of ``text`` repeated and cut to ``size``: the same mix at every size."""
    block = text[:2000]
    return lambda size: (block * (size // len(block) + 1))[:size]


def nested_quotes(size: int) -> str:
    depth = max(1, size // 4)
    return "“‘" * depth + "word" + "’”" * depth


def url(size: int) -> str:
    return "https://www.example.com/" + "Path.Segment/" * max(1, size // 13) + "Index.Html"


def boilerplate_lines(size: int) -> str:
    lines = ["Share this article", "Advertisement", "Read more", "Comments", "Europe", "Video", "Opinion"]
    block = "\n".join(lines) + "\n"
    return PROSE[:2000] + "\n" + block * max(1, size // len(block))


def title_repeated(size: int) -> str:
    title = PROSE.split("\n", 1)[0] + "\n"
    return title * max(1, size // len(title))


NO_SPACES = PROSE.replace(" ", "")
ONE_LINE = PROSE.replace("\n", " ")
MOJIBAKE = PROSE.encode("utf-8").decode("cp1252", errors="replace")
MOJIBAKE_TWICE = MOJIBAKE.encode("utf-8").decode("cp1252", errors="replace")
GBK_MISREAD = CHINESE.encode("utf-8").decode("gbk", errors="replace")
FULL_WIDTH_PROSE = PROSE[:3000].translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
WHITESPACE_KINDS = " \t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000"
INVISIBLES = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202c\u2060\u2063\ufeff"

# family -> [(name, make(size) -> text)]
CATALOGUE: dict[str, list[tuple[str, Callable[[int], str]]]] = {
    "runs": [
        ("spaces", run_of(" ")),
        ("spaces-then-newline", run_of(" ", "x", "\nx")),
        ("tabs", run_of("\t")),
        ("nbsp", run_of("\u00a0")),
        ("ideographic-space", run_of("\u3000")),
        ("zero-width-space", run_of("\u200b")),
        ("invisibles-mixed", run_of(INVISIBLES)),
        ("whitespace-every-kind", run_of(WHITESPACE_KINDS)),
        ("whitespace-kinds-between-words", repeat("word" + WHITESPACE_KINDS)),
        ("newlines", run_of("\n", "x", "x")),
        ("crlf", run_of("\r\n", "x", "x")),
        ("cr", run_of("\r", "x", "x")),
        ("space-lines", run_of(" \n", "x", "x")),
        ("nbsp-lines", run_of("\u00a0\n", "x", "x")),
        ("letters", run_of("a", "", "")),
        ("capitals", run_of("A", "", "")),
        ("digits", run_of("7", "", "")),
        ("dots", run_of(".", "a", "B")),
        ("exclamations", run_of("!", "a", "B")),
        ("questions", run_of("?", "a", "B")),
        ("commas", run_of(",", "a", "B")),
        ("semicolons", run_of(";")),
        ("colons", run_of(":", "a ", "")),
        ("straight-quotes", run_of('"', "a.", "B")),
        ("curly-closing-quotes", run_of("”", "a.", "B")),
        ("apostrophes", run_of("'")),
        ("hyphens", run_of("-")),
        ("em-dashes", run_of("—")),
        ("slashes", run_of("/")),
        ("underscores", run_of("_")),
        ("at-signs", run_of("@")),
        ("ellipsis-chars", run_of("…")),
        ("parentheses", run_of("(")),
    ],
    "no-breaks": [
        ("prose-without-spaces", cut(NO_SPACES)),
        ("prose-one-line", cut(ONE_LINE)),
        ("prose-normal", cut(PROSE)),
        ("many-short-lines", repeat("a\n")),
        ("many-sentence-lines", repeat("Word.\n")),
        ("many-blank-lines-between", repeat("a\n\n\n\n")),
        ("trailing-spaces-each-line", repeat("Word here.   \t\n")),
    ],
    "punctuation": [
        ("a.B", repeat("a.B")),
        ("ab.Cd", repeat("ab.Cd")),
        ("a.B-spaced", repeat("a.B ")),
        ("a,B", repeat("a,B")),
        ("a?B", repeat("a?B")),
        ("a!B", repeat("a!B")),
        ("1.B", repeat("1.B")),
        ("a...B", repeat("a...B")),
        ("a.”B", repeat("a.”B")),
        ("a.“B", repeat("a.“B")),
        ("a.I'", repeat("a.I'")),
        ("space-before-comma", repeat("a ,")),
        ("space-before-stop", repeat("Holding . ")),
        ("spaces-before-punct", run_of(" ", "a", ",")),
        ("identifier-chain", repeat("HLA-DR4.RagKO")),
        ("sentences-glued", repeat("It rose in 2024.Most said so.")),
        ("dot-space-dot", repeat(". ")),
    ],
    "addresses": [
        ("long-url", url),
        ("long-domain", run_of("a.", "www.", "com")),
        ("dotted-capitals", run_of("Ab.", "", "Com")),
        ("email-like", repeat("a@b.")),
        ("emails-spaced", repeat("press.Office@example.com ")),
        ("urls-glued", repeat("http://a.com/X.Y")),
    ],
    "entities": [
        ("ampersands", run_of("&")),
        ("amp-entities", repeat("&amp;")),
        ("amp-escaped-deep", run_of("amp;", "&", "quot;")),
        ("spaced-broken", repeat("word.& rdquo; ")),
        ("bare-rdquo", repeat("rdquo;")),
        ("ampersand-space", repeat("& ")),
        ("numeric-broken", repeat("&#8217")),
        ("numeric-prefix", repeat("&#")),
        ("missing-semicolon", repeat("&nbsp")),
        ("long-entity-name", run_of("a", "&", ";")),
    ],
    "mojibake": [
        ("mojibake-quote", repeat("â€™")),
        ("mojibake-prose", cut(MOJIBAKE)),
        ("mojibake-twice", cut(MOJIBAKE_TWICE)),
        ("a-tilde-run", run_of("Ã")),
        ("replacement-chars", run_of("\ufffd")),
        ("gbk-misread", cut(GBK_MISREAD)),
        ("c1-controls", repeat("".join(map(chr, range(0x80, 0xA0))))),
        ("latin1-letters", repeat("ÃƒÂ©Ã¢â‚¬")),
    ],
    "full-width": [
        ("full-width-letters", run_of("Ａ")),
        ("full-width-stops", run_of("。", "a", "B")),
        ("full-width-alternating", repeat("a。")),
        ("full-width-comma-words", repeat("word，")),
        ("full-width-prose", cut(FULL_WIDTH_PROSE)),
    ],
    "scripts": [
        ("chinese", cut(CHINESE)),
        ("chinese-ascii-stops", repeat("中文.A")),
        ("chinese-glued-english", repeat("阿里巴巴发布了model.The公司表示,Apple也")),
        ("japanese", cut(JAPANESE)),
        ("mixed-scripts", repeat("aб中ا")),
        ("arabic-direction-marks", repeat("مرحبا\u200f \u202b")),
        ("emoji", repeat("😀👍🏽👨‍👩‍👧")),
        ("combining-marks", repeat("e\u0301")),
        ("decomposed-prose", lambda size: __import__("unicodedata").normalize("NFD", cut("Café São Ñandú. ")(size))),
    ],
    "names": [
        ("capitalised-words", repeat("Word ")),
        ("capitalised-no-spaces", repeat("Word")),
        ("name-table-hits", repeat("Joseph Tsai and Tsai Chung-hsin. ")),
        ("names-glued", repeat("JosephTsai")),
        ("hyphenated-capitals", repeat("Ab-")),
        ("honorifics", repeat("Mr. Smith ")),
        ("initials", repeat("J.R.")),
    ],
    "nesting": [
        ("deep-quotes", nested_quotes),
        ("straight-quote-pairs", run_of('"', "", "a")),
        ("parentheses-deep", lambda size: "(" * (size // 2) + ")" * (size // 2)),
    ],
    "controls": [
        ("control-chars", run_of("\x01")),
        ("controls-mixed", repeat("".join(map(chr, range(1, 32))))),
        ("nul-and-text", repeat("a\x00")),
    ],
    "boilerplate": [
        ("boilerplate-lines", boilerplate_lines),
        ("repeated-title", title_repeated),
        ("counters", repeat("12\n")),
        ("label-lines", repeat("Europe\nVideo\nOpinion\nComment\n")),
        ("share-lines", repeat("Share this article\n")),
        ("byline-like", repeat("By John Smith\n")),
        ("breadcrumb-like", repeat("News > World > Asia > China\n")),
        ("breadcrumb-long-line", repeat("News > ")),
        ("photo-credit-line", repeat("Photo: Reuters ")),
    ],
}


@dataclass
class Series:
    sizes: list[int]
    times: list[float]
    stopped: bool = False  # a larger size was projected to take too long

    @property
    def exponent(self) -> float:
        """Least-squares slope of log(time) over log(size), over the sizes measured."""
        xs = [math.log(s) for s in self.sizes]
        ys = [math.log(max(t, 1e-9)) for t in self.times]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


class Target:
    """One pass alone, or the whole default pipeline; decode (and the pipeline) gets UTF-8 bytes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pipeline = Pipeline(None if name == "pipeline" else [name])
        self.wants_bytes = name in ("pipeline", "decode")

    def time(self, text: str) -> float:
        """Processor seconds to clean ``text`` once (not wall time: the machine may be shared)."""
        data: str | bytes = text.encode("utf-8", "surrogatepass") if self.wants_bytes else text
        t0 = time.process_time()
        with contextlib.suppress(CleanerError):  # refused (binary data): the time to say so counts
            self.pipeline.clean(data)
        return time.process_time() - t0


def measure(
    make: Callable[[int], str], target: Target, repeats: int, floor: float, min_n: int, max_n: int, limit: float
) -> Series:
    """Time ``target`` at n, 2n, 4n, 8n, with n grown from ``min_n`` until the run at n takes ``floor`` seconds.

    A first run per size grows the series (and stops it when the next size is projected
    to take over ``limit`` seconds); the other runs go round the sizes in turn, so that a
    burst of load from elsewhere on the machine hits every size alike.
    """
    n = min_n
    t = target.time(make(n))
    while t < floor and n < max_n:
        n *= 2 ** max(1, min(4, int(math.log2(floor / max(t, 1e-7)))))
        n = min(n, max_n)
        t = target.time(make(n))
    series, texts = Series([], []), []
    for k in range(4):
        if len(series.times) >= 2:
            last, before = series.times[-1], series.times[-2]
            if last * max(2.0, last / max(before, 1e-9)) > limit:
                series.stopped = True
                break
        texts.append(make(n * 2**k))
        series.sizes.append(n * 2**k)
        series.times.append(target.time(texts[-1]))
    for _ in range(repeats - 1):
        for i, text in enumerate(texts):
            if series.times[i] < limit / 4:  # a run that slow is not repeated
                series.times[i] = min(series.times[i], target.time(text))
    return series


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", help="regex: only the shapes (or families) whose name matches")
    parser.add_argument("--targets", help="comma-separated passes, and/or 'pipeline' (default: all)")
    parser.add_argument("--quick", action="store_true", help="one shape per family")
    parser.add_argument("--repeats", type=int, default=2, help="runs per size; the best counts (default 2)")
    parser.add_argument("--floor-ms", type=float, default=2.0, help="time of the run at n (default 2 ms)")
    parser.add_argument("--min-n", type=int, default=2048, help="smallest n in characters (default 2048)")
    parser.add_argument("--max-n", type=int, default=1 << 14, help="largest n in characters (default 16384)")
    parser.add_argument("--limit", type=float, default=1.3, help="exponent above which growth is super-linear")
    parser.add_argument("--max-seconds", type=float, default=5.0, help="longest run (projected) to start")
    parser.add_argument("--list", action="store_true", help="print the catalogue and exit")
    args = parser.parse_args(argv)

    shapes = [(fam, name, make) for fam, items in CATALOGUE.items() for name, make in items]
    if args.quick:
        shapes = [next(s for s in shapes if s[0] == fam) for fam in CATALOGUE]
    if args.shapes:
        wanted = re.compile(args.shapes)
        shapes = [s for s in shapes if wanted.search(s[1]) or wanted.search(s[0])]
    if args.list:
        for fam, name, make in shapes:
            print(f"{fam:12} {name:32} {make(40)[:40]!r}")
        print(f"{len(shapes)} shapes")
        return 0
    names = args.targets.split(",") if args.targets else [*DEFAULT, "pipeline"]
    targets = [Target(name) for name in names]
    repeats = args.repeats

    width = max(len(s[1]) for s in shapes)
    print(f"exponent of time over size, n..8n (1 = linear); '!' = above {args.limit}; '*' = next size too slow")
    print(f"{'shape':{width}} {'n(pipe)':>8} " + " ".join(f"{t.name[:9]:>9}" for t in targets))
    bad: list[tuple[str, str, Series]] = []
    started = time.perf_counter()
    gc.disable()
    try:
        for _, name, make in shapes:
            cells, n_pipe = [], 0
            for target in targets:
                series = measure(make, target, repeats, args.floor_ms / 1000, args.min_n, args.max_n, args.max_seconds)
                if series.exponent > args.limit:  # confirm with more repeats
                    series = measure(
                        make, target, repeats * 2 + 1, args.floor_ms / 1000, args.min_n, args.max_n, args.max_seconds
                    )
                if target.name == "pipeline":
                    n_pipe = series.sizes[0]
                high = series.exponent > args.limit
                if high:
                    bad.append((name, target.name, series))
                cells.append(f"{series.exponent:.2f}" + ("!" if high else "*" if series.stopped else " "))
            print(f"{name:{width}} {n_pipe:>8} " + " ".join(f"{c:>9}" for c in cells), flush=True)
    finally:
        gc.enable()
    print(f"\n{len(shapes)} shapes x {len(targets)} targets in {time.perf_counter() - started:.0f} s")
    print(f"super-linear: {len(bad)} (shape, target) pairs, {len({b[0] for b in bad})} shapes")
    for name, target, series in bad:
        timings = ", ".join(f"{s}: {t * 1000:.1f} ms" for s, t in zip(series.sizes, series.times, strict=True))
        print(f"  {name} / {target}: {timings}{' (stopped)' if series.stopped else ''}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
