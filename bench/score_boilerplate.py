"""Score boilerplate removal on article/reference pairs with 4-word shingles.

For each ``NAME.txt`` with a hand-made ``NAME.expected.txt`` beside it, the
cleaner's output (decode, boilerplate, tidy), the untouched text and jusText
applied line by line are compared with the reference: tokens are ``\\w+`` runs,
each text a multiset of 4-token shingles; precision and recall per document,
then averaged over documents (the article-extraction benchmark's metric).

    python bench/score_boilerplate.py                  # tests/articles
    python bench/score_boilerplate.py path/to/pairs -v # per document
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from cleaner import Pipeline

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text.lower())
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def precision_recall(got: str, want: str) -> tuple[float, float]:
    g, w = shingles(got), shingles(want)
    common = sum((g & w).values())
    return (common / sum(g.values()) if g else 1.0), (common / sum(w.values()) if w else 1.0)


def justext_lines(text: str) -> str:
    import html

    import justext

    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    paragraphs = justext.justext(page + "</body></html>", justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "tests" / "articles")
    parser.add_argument("-v", "--verbose", action="store_true")
    opts = parser.parse_args()
    pipeline = Pipeline(["decode", "boilerplate", "tidy"])
    systems: dict[str, Callable[[str], str]] = {
        "cleaner": pipeline.clean,
        "cleaner, model on": Pipeline(["decode", "boilerplate", "tidy"], linemodel=True).clean,
        "cleaner, model off": Pipeline(["decode", "boilerplate", "tidy"], linemodel=False).clean,
        "untouched": lambda t: t,
        "jusText by line": justext_lines,
    }
    pairs = sorted(p for p in opts.folder.glob("*.txt") if not p.name.endswith(".expected.txt"))
    totals = {name: [0.0, 0.0] for name in systems}
    for path in pairs:
        text = path.read_text(encoding="utf-8")
        want = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8")
        for name, system in systems.items():
            p, r = precision_recall(system(text), want)
            totals[name][0] += p
            totals[name][1] += r
            if opts.verbose and name == "cleaner":
                print(f"  {path.stem:20} P {p:.3f}  R {r:.3f}")
    print(f"{len(pairs)} documents in {opts.folder}")
    for name, (p, r) in totals.items():
        print(f"{name:16} precision {p / len(pairs):.3f}  recall {r / len(pairs):.3f}")


if __name__ == "__main__":
    main()
