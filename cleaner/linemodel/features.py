"""Line features that need no HTML: what a line looks like, and what surrounds it.

A document is a list of lines; empty lines are skipped (their neighbours are the nearest
non-empty lines). Each non-empty line gets one row of floats, named by :data:`NAMES`.
Pure Python; the only data read is jusText's stop-word lists (about a hundred languages),
found on disk without importing jusText.

>>> rows = line_features(["Home", "News", "The minister said on Monday that the plan would go ahead.", ""])
>>> len(rows), len(rows[0]) == len(NAMES)
(3, True)
>>> rows[2][NAMES.index("stop_share")] == 6 / 11  # the, said, on, that, the, would
True
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TOKEN = re.compile(r"[^\W_]+")
DIGIT = re.compile(r"\d")
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
SENTENCE_MARK = re.compile(r"[.!?。！？](?:\s|$)")
SEPARATOR = re.compile(r"[|»«•·›‹►▶◄>/–—]")
BULLET = re.compile(r"^[*+\-•·▪►▶◦‣]\s")
URL = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b", re.I)
HANDLE = re.compile(r"@\w")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2} ?[ap]\.?m\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.I)
QUOTE_START = re.compile(r"^[\"“”„«‘’']")

# Words of page furniture (share bars, comment widgets, menus, footers) in a few languages: the
# features count them; a long line that merely mentions one still reads like prose.
CUES = frozenset(
    """share shares shared tweet facebook twitter linkedin pinterest whatsapp email e-mail print comment comments
    reply replies login log sign subscribe subscription newsletter advertisement advertising ad ads sponsored related
    popular trending recommended read more follow posted says wrote copyright rights reserved privacy policy terms
    cookies cookie menu home search next previous prev tags tagged category categories permalink report like likes
    loading click here view photo photos video videos gallery image credit contact about sitemap rss feed archive
    archives top back newer older page comentarios compartir teilen kommentare antworten partager commentaires
    commenti condividi comentários compartilhar поделиться комментарии ответить""".split()
)
SHORT = 4  # a line of at most this many words is short (menu items, labels, counters)
PROSE = 12  # a line this long that ends like a sentence reads like prose
MISSING = -1.0  # the value of a feature that does not exist (no neighbour, no stop-word list)

BASE = (
    "log_words",
    "log_chars",
    "mean_word_len",
    "stop_share",
    "log_stop_words",
    "digit_share",
    "number_share",
    "cap_share",
    "upper_share",
    "punct_share",
    "sentence_end",
    "ends_colon",
    "ends_ellipsis",
    "log_sentences",
    "comma_rate",
    "separators",
    "bullet",
    "url",
    "handle",
    "time",
    "year",
    "copyright",
    "cjk_share",
    "bracketed",
    "quote_start",
    "cue_words",
    "log_repeats",
)
NEIGHBOUR = ("log_words", "stop_share", "sentence_end", "cap_share", "separators", "digit_share", "cue_words")
OFFSETS = (-3, -2, -1, 1, 2, 3)
CONTEXT = (
    "rel_line",
    "rel_words",
    "log_lines",
    "doc_stop_share",
    "has_stoplist",
    "short",
    "log_short_run",
    "short_within_5",
    "mean_log_words_3",
    "prose_within_5",
    "log_dist_prose_before",
    "log_dist_prose_after",
    "in_body",
    "log_lines_before_body",
    "log_lines_after_body",
    "body_word_share",
    "mean_log_words_10",
    "sentence_end_share_10",
    "short_share_10",
    "numeric_within_3",
    "cue_within_5",
)
NAMES: tuple[str, ...] = BASE + tuple(f"{name}@{o:+d}" for o in OFFSETS for name in NEIGHBOUR) + CONTEXT
_B = {name: i for i, name in enumerate(BASE)}
_NEIGHBOUR_IDX = [_B[name] for name in NEIGHBOUR]


# -- stop words ------------------------------------------------------------------------------


@cache
def _stoplist_dir() -> Path | None:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    return folder if folder.is_dir() else None


def casefolded_words(text: str) -> list[str]:
    """The runs of letters and digits of ``text``, casefolded (what stop-word lists are matched against)."""
    return TOKEN.findall(text.casefold())


@cache
def _detector() -> dict[str, tuple[str, ...]]:
    """Each of the 100 most frequent stop words of every list, and the languages it belongs to."""
    folder = _stoplist_dir()
    index: dict[str, set[str]] = {}
    if folder is None:
        return {}
    for path in sorted(folder.glob("*.txt")):
        with path.open(encoding="utf-8") as f:
            head = [f.readline() for _ in range(100)]
        for word in casefolded_words(" ".join(head)):
            index.setdefault(word, set()).add(path.stem)
    return {w: tuple(sorted(langs)) for w, langs in index.items()}


@cache
def stopwords(language: str) -> frozenset[str]:
    """The jusText stop-word list of ``language`` (e.g. ``"English"``), casefolded; empty if unknown."""
    folder = _stoplist_dir()
    path = folder / f"{language}.txt" if folder else None
    if path is None or not path.is_file():
        return frozenset()
    return frozenset(casefolded_words(path.read_text(encoding="utf-8")))


def guess_language(words: Sequence[str]) -> str | None:
    """The stop-word list that covers most of ``words`` (casefolded), or None below 10 % cover.

    >>> guess_language("der die und das ist nicht mit einem".split())
    'German'
    >>> guess_language(["東京", "大阪"]) is None
    True
    """
    index = _detector()
    votes: Counter[str] = Counter()
    for w in words[:5000]:
        for lang in index.get(w, ()):
            votes[lang] += 1
    if not votes:
        return None
    lang, n = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "English", kv[0]))
    return lang if n >= 0.1 * len(words[:5000]) else None


def count_words(line: str) -> int:
    """Words as the labels count them: runs of letters and digits, each CJK ideograph or kana one word.

    >>> count_words("Tokyo 東京 2024"), count_words("• | »")
    (4, 0)
    """
    cjk = len(CJK.findall(line))
    return len(TOKEN.findall(CJK.sub(" ", line) if cjk else line)) + cjk


# -- features ----------------------------------------------------------------------------------


def _base(line: str, stops: frozenset[str] | None) -> tuple[list[float], int, int]:
    """The features of one line alone (all but ``log_repeats``), its words and its stop words."""
    cjk = len(CJK.findall(line))
    text = CJK.sub(" ", line) if cjk else line
    tokens = TOKEN.findall(text)
    folded = [t.casefold() for t in tokens]
    n_words = len(tokens) + cjk
    chars = len(line)
    visible = chars - line.count(" ") or 1
    digits = len(DIGIT.findall(line))
    alnum = sum(len(t) for t in tokens) + cjk
    cased = [t for t in tokens if t[0].isalpha() and t[0].lower() != t[0].upper()]
    caps = sum(t[0].isupper() for t in cased)
    upper = sum(t.isupper() and len(t) > 1 for t in cased)
    numbers = sum(t.isdigit() for t in tokens)
    if stops:
        stop_n = sum(w in stops for w in folded)
        stop_share = stop_n / len(tokens) if tokens else 0.0
    else:
        stop_n, stop_share = 0, MISSING
    stripped = line.rstrip()
    row = [
        math.log1p(n_words),
        math.log1p(chars),
        (alnum / n_words) if n_words else 0.0,
        stop_share,
        math.log1p(stop_n),
        digits / visible,
        numbers / len(tokens) if tokens else 0.0,
        caps / len(cased) if cased else MISSING,
        upper / len(cased) if cased else MISSING,
        (visible - alnum) / visible,
        1.0 if SENTENCE_END.search(stripped) else 0.0,
        1.0 if stripped.endswith((":", "：")) else 0.0,
        1.0 if stripped.endswith(("…", "...")) else 0.0,
        math.log1p(len(SENTENCE_MARK.findall(line))),
        line.count(",") / n_words if n_words else 0.0,
        float(len(SEPARATOR.findall(line))),
        1.0 if BULLET.match(line) else 0.0,
        1.0 if URL.search(line) else 0.0,
        1.0 if HANDLE.search(line) else 0.0,
        1.0 if TIME.search(line) else 0.0,
        1.0 if YEAR.search(line) else 0.0,
        1.0 if COPYRIGHT.search(line) else 0.0,
        cjk / visible,
        1.0 if stripped[:1] in "[(" and stripped[-1:] in "])" else 0.0,
        1.0 if QUOTE_START.match(line) else 0.0,
        float(sum(w in CUES for w in folded)),
        0.0,
    ]
    return row, n_words, stop_n


def _run_lengths(flags: list[bool]) -> list[int]:
    """For each position, the length of the run of True values it lies in (0 where False)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


def _distances(flags: list[bool], reverse: bool) -> list[float]:
    """Lines to the nearest True before (or after, with ``reverse``) each position; 1000 if none."""
    n = len(flags)
    out = [1000.0] * n
    last: int | None = None
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        if last is not None:
            out[i] = float(abs(i - last))
        if flags[i]:
            last = i
    return out


def _body(words: list[int], prose: list[bool]) -> tuple[int, int]:
    """The span of lines with the most prose words, each other line costing 5 (maximum subarray)."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, (w, p) in enumerate(zip(words, prose, strict=True)):
        total += w if p else -5.0
        if total <= 0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_span = total, (start, i)
    return best_span


def _prefix(values: Sequence[float]) -> list[float]:
    out = [0.0]
    for v in values:
        out.append(out[-1] + v)
    return out


def _count(prefix: list[float], lo: int, hi: int) -> float:
    """The sum of the values in positions ``lo`` to ``hi - 1`` (clipped to the document)."""
    lo, hi = max(0, lo), min(len(prefix) - 1, hi)
    return prefix[hi] - prefix[lo]


def _mean(prefix: list[float], lo: int, hi: int) -> float:
    lo, hi = max(0, lo), min(len(prefix) - 1, hi)
    return (prefix[hi] - prefix[lo]) / (hi - lo)


def line_features(lines: Sequence[str], language: str | None = None) -> list[list[float]]:
    """One row of features (:data:`NAMES`) per non-empty line of ``lines``, in order.

    ``language`` names a jusText stop-word list ("English"); by default it is guessed from the text.
    """
    kept = [line.strip() for line in lines]
    kept = [line for line in kept if line]
    n = len(kept)
    if not n:
        return []
    if language is None:
        language = guess_language(casefolded_words(" ".join(kept)))
    stops = stopwords(language) if language else None
    rows: list[list[float]] = []
    all_stop = all_tokens = 0
    counts = Counter(kept)
    n_words: list[int] = []
    for line in kept:
        row, words, stop_n = _base(line, stops)
        row[-1] = math.log(counts[line])
        rows.append(row)
        n_words.append(words)
        all_stop += stop_n
        all_tokens += words
    doc_stop = all_stop / all_tokens if stops and all_tokens else MISSING
    total_words = sum(n_words) or 1
    short = [w <= SHORT for w in n_words]
    prose = [w >= PROSE and row[_B["sentence_end"]] > 0 for w, row in zip(n_words, rows, strict=True)]
    runs = _run_lengths(short)
    before_prose, after_prose = _distances(prose, False), _distances(prose, True)
    body_start, body_end = _body(n_words, prose)
    body_words = sum(n_words[body_start : body_end + 1])
    log_words = [row[0] for row in rows]
    ends = [row[_B["sentence_end"]] for row in rows]
    numeric = [row[_B["digit_share"]] >= 0.3 for row in rows]
    cues = [row[_B["cue_words"]] > 0 for row in rows]
    sums = {name: _prefix(values) for name, values in (("w", log_words), ("e", ends), ("s", short))}
    sums["n"], sums["c"] = _prefix(numeric), _prefix(cues)
    missing = [MISSING] * len(NEIGHBOUR)
    neighbours = [[row[k] for k in _NEIGHBOUR_IDX] for row in rows]
    out: list[list[float]] = []
    words_before = 0
    for i, row in enumerate(rows):
        feats = list(row)
        for o in OFFSETS:
            j = i + o
            feats.extend(neighbours[j] if 0 <= j < n else missing)
        lo, hi = max(0, i - 5), min(n, i + 6)
        window = log_words[max(0, i - 3) : i + 4]
        feats.extend(
            (
                i / (n - 1) if n > 1 else 0.0,
                words_before / total_words,
                math.log1p(n),
                doc_stop,
                1.0 if stops else 0.0,
                1.0 if short[i] else 0.0,
                math.log1p(runs[i]),
                float(sum(short[lo:hi])) - short[i],
                sum(window) / len(window),
                float(sum(prose[lo:hi])) - prose[i],
                math.log1p(before_prose[i]),
                math.log1p(after_prose[i]),
                1.0 if body_start <= i <= body_end else 0.0,
                math.log1p(max(0, body_start - i)),
                math.log1p(max(0, i - body_end)) if body_end >= 0 else math.log1p(i),
                body_words / total_words,
                _mean(sums["w"], i - 10, i + 11),
                _mean(sums["e"], i - 10, i + 11),
                _mean(sums["s"], i - 10, i + 11),
                _count(sums["n"], i - 3, i + 4) - numeric[i],
                _count(sums["c"], lo, hi) - cues[i],
            )
        )
        words_before += n_words[i]
        out.append(feats)
    return out
