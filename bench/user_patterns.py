"""Regex engines for patterns from a user's rules folder: ``re``, ``regex`` (with a timeout), ``re2``.

For every pattern of the built-in rules (boilerplate patterns and members,
source signatures) it checks that each engine compiles it and finds the same
matches as ``re`` on real lines, times a ``fullmatch`` per line (as the
boilerplate pass calls it) and a ``search`` per document (as signatures run),
and runs hostile patterns to see which engine stops them.

    python bench/user_patterns.py [FOLDER_OF_TEXTS | ground-truth.json]   # default: samples/
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import re2
import regex

from cleaner import rules
from cleaner.blocks import split

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    (r"(a+)+$", "a" * 50 + "!"),
    (r"(\w+\s?)+$", "This is an ordinary sentence of a news article, long enough to hurt!"),
    (r"(a|aa)+$", "a" * 40 + "!"),
    (r"(?:\w+\W?)+:$", "Share this article on Twitter Facebook LinkedIn WhatsApp and email now"),
    (r"(.*,){12}x", "a," * 40),
]
TIMEOUT = 0.2


def builtin_patterns() -> list[str]:
    ruleset = rules.load()
    found: list[str] = []
    for rule in ruleset.rules.values():
        for value in rule.params.values():
            for p in value if isinstance(value, list) else [value]:
                if isinstance(p, re.Pattern):
                    found.append(p.pattern)
    found += [p.pattern for s in ruleset.sources.values() for p in s.signatures]
    return list(dict.fromkeys(found))


def timed(fn, n: int = 1) -> float:
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return time.perf_counter() - t0


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "samples"
    if folder.suffix == ".json":  # the extraction benchmark's ground truth: article bodies
        import json

        texts = [v["articleBody"] for v in json.loads(folder.read_text(encoding="utf-8")).values()]
    else:
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*.txt"))]
    lines = [b.key for t in texts for b in split(t)]
    patterns = builtin_patterns()
    print(f"{len(patterns)} built-in patterns, {len(texts)} texts, {len(lines)} lines")

    engines = {
        "re": lambda p: re.compile(p),
        "regex": lambda p: regex.compile(p),
        "re2": lambda p: re2.compile(p),
    }
    compiled: dict[str, list] = {}
    for name, compile_ in engines.items():
        ok, failed = [], []
        for p in patterns:
            try:
                ok.append(compile_(p))
            except Exception:  # each engine has its own error type
                failed.append(p)
                ok.append(None)
        compiled[name] = ok
        example = f", e.g. {failed[0][:60]!r}..." if failed else ""
        print(f"{name:>5}: {len(failed)} of {len(patterns)} do not compile{example}")

    for name in ("regex", "re2"):
        differ = 0
        for ref, other in zip(compiled["re"], compiled[name], strict=True):
            if other is None:
                continue
            for line in lines:
                a, b = ref.fullmatch(line), other.fullmatch(line)
                if (a and a.span()) != (b and b.span()):
                    differ += 1
                    print(f"   {name} differs: {ref.pattern!r} on {line[:60]!r}: re {bool(a)}, {name} {bool(b)}")
        print(f"{name:>5}: {differ} (pattern, line) fullmatch results differ from re")
    mixed = "café naïve 中文 e\u0301x"
    word = r"\w+"
    for name, mod in (("re", re), ("regex", regex), ("re2", re2)):
        print(f"{name:>5}: {word} on {mixed!r} -> {mod.findall(word, mixed)}")

    both = [(r, g) for r, g in zip(compiled["re"], compiled["regex"], strict=True)]
    calls = len(both) * len(lines)
    t_re = timed(lambda: [r.fullmatch(line) for r, _ in both for line in lines])
    t_rx = timed(lambda: [g.fullmatch(line) for _, g in both for line in lines])
    t_rxt = timed(lambda: [g.fullmatch(line, timeout=TIMEOUT) for _, g in both for line in lines])
    wrapped = [rules.UserPattern(r.pattern, "bench") for r, _ in both]
    t_up = timed(lambda: [w.fullmatch(line) for w in wrapped for line in lines])
    print(f"fullmatch per line, {calls} calls: re {t_re / calls * 1e6:.2f} µs, regex {t_rx / calls * 1e6:.2f} µs, "
          f"regex+timeout {t_rxt / calls * 1e6:.2f} µs, UserPattern {t_up / calls * 1e6:.2f} µs")  # fmt: skip
    r2 = [(r, g) for r, g in zip(compiled["re"], compiled["re2"], strict=True) if g is not None]
    t_r2 = timed(lambda: [g.fullmatch(line) for _, g in r2 for line in lines])
    t_re2ref = timed(lambda: [r.fullmatch(line) for r, _ in r2 for line in lines])
    per = len(r2) * len(lines) / 1e6
    print(
        f"fullmatch per line, the {len(r2)} patterns re2 compiles: re {t_re2ref / per:.2f} µs, re2 {t_r2 / per:.2f} µs"
    )
    sigs = [p.pattern for s in rules.load().sources.values() for p in s.signatures]
    for name, mod in (("re", re), ("regex", regex), ("re2", re2)):
        pats = [mod.compile(p) for p in sigs]
        kw = {"timeout": TIMEOUT} if mod is regex else {}
        t = timed(lambda pats=pats, kw=kw: [p.search(text, **kw) for p in pats for text in texts])
        print(f"signature search per document ({len(pats)} x {len(texts)} texts): {name} {t * 1e3:.1f} ms")

    print(f"hostile patterns (limit {TIMEOUT} s for regex; re stopped at 3 s in a child process):")
    for pattern, text in HOSTILE:
        cells = []
        for name in ("re", "regex", "re2"):
            try:
                if name == "re":
                    t = _re_in_child(pattern, text)
                    cells.append(f"re {'> 3 s' if t is None else f'{t * 1e3:.1f} ms'}")
                    continue
                p = regex.compile(pattern) if name == "regex" else re2.compile(pattern)
                kw = {"timeout": TIMEOUT} if name == "regex" else {}
                t0 = time.perf_counter()
                p.search(text, **kw)
                cells.append(f"{name} {(time.perf_counter() - t0) * 1e3:.1f} ms")
            except TimeoutError:
                cells.append(f"{name} timed out after {(time.perf_counter() - t0) * 1e3:.0f} ms")
            except Exception as e:
                cells.append(f"{name} refuses: {str(e)[:40]}")
        print(f"  {pattern!r:<24} " + "; ".join(cells))


def _re_in_child(pattern: str, text: str) -> float | None:
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        job = pool.apply_async(_time_re, (pattern, text))
        try:
            return job.get(3)
        except multiprocessing.TimeoutError:
            pool.terminate()
            return None


def _time_re(pattern: str, text: str) -> float:
    t0 = time.perf_counter()
    re.search(pattern, text)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
