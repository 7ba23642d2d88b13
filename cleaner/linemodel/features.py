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
from itertools import accumulate, chain
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleaner.linemodel.lexicon import Lexicon

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
# The same tests without a regular expression (see _base).
ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+")  # TOKEN on ASCII text
CJK_RUN = re.compile(f"{CJK.pattern}+")  # CJK counted by its runs' lengths: far fewer matches than characters
NON_CJK_TOKEN = re.compile(r"[^\W_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")  # TOKEN, CJK made spaces
ASCII_DIGIT = re.compile(r"[0-9]")
ASCII_UPPER = re.compile(r"[A-Z]")
ENDERS = frozenset(".!?…。！？")  # SENTENCE_END: one of these, then only CLOSERS
CLOSERS = "\"'”’»)]"
BULLETS = frozenset("*+-•·▪►▶◦‣")  # BULLET: one of these, then a space
QUOTES = frozenset("\"“”„«‘’'")  # QUOTE_START

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
    "body_vocab_share",
    "body_vocab_share_3",
)
# What the boilerplate pass's rules and comment-thread layer took before the model looks
# (``taken``): the line itself, its neighbours, and the island of lines left between takings.
RULES = (
    "taken",
    "taken_within_1",
    "taken_within_3",
    "taken_within_5",
    "log_dist_taken_before",
    "log_dist_taken_after",
    "log_free_run",
    "log_free_run_words",
    "doc_taken_share",
)
# What the model's lexicon (:class:`cleaner.linemodel.lexicon.Lexicon`) says of the line's words,
# of the line as a whole, and of its neighbours.
LEXICAL = (
    "lexicon_mean",
    "lexicon_min",
    "lexicon_max",
    "lexicon_known",
    "lexicon_first",
    "lexicon_line",
    "lexicon_mean@-1",
    "lexicon_mean@+1",
    "lexicon_line@-1",
    "lexicon_line@+1",
)
LEXICON_MEMO = "lexicon"  # the key of the lexicon's own memo in ``line_features``' memo
NAMES: tuple[str, ...] = (
    BASE + tuple(f"{name}@{o:+d}" for o in OFFSETS for name in NEIGHBOUR) + CONTEXT + RULES + LEXICAL
)
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
    words = words[:5000]
    counts = Counter(words)
    votes: dict[str, int] = {}
    for w in index.keys() & counts.keys():  # each stop word once, with its count
        k = counts[w]
        for lang in index[w]:
            votes[lang] = votes.get(lang, 0) + k
    if not votes:
        return None
    lang, n = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "English", kv[0]))
    return lang if n >= 0.1 * len(words) else None


def count_words(line: str) -> int:
    """Words as the labels count them: runs of letters and digits, each CJK ideograph or kana one word.

    >>> count_words("Tokyo 東京 2024"), count_words("• | »")
    (4, 0)
    """
    cjk = len(CJK.findall(line))
    return len(TOKEN.findall(CJK.sub(" ", line) if cjk else line)) + cjk


# -- features ----------------------------------------------------------------------------------


class _Kinds(dict[str, int]):
    """Of a word's first character: 0 unless it is a letter with case, 2 if an upper-case one, else 1."""

    def __missing__(self, c: str) -> int:
        kind = (2 if c.isupper() else 1) if c.isalpha() and c.lower() != c.upper() else 0
        self[c] = kind
        return kind


_KIND = _Kinds()
_FIRST = itemgetter(0)
_NEIGHBOURS = itemgetter(*_NEIGHBOUR_IDX)


def _base(line: str, stops: frozenset[str] | None) -> tuple[tuple[float, ...], int, int, frozenset[str]]:
    """The features of one line alone (all but ``log_repeats``), its words, its stop words, and
    its topic words (casefolded, of four characters or more, no stop word).

    Each regular expression is tried only where a plain substring test says it could match (its
    literal parts, in lower case where it ignores case: no other character matches those letters).
    """
    is_ascii = line.isascii()
    if is_ascii:  # TOKEN on ASCII text, no CJK, and "|", ">" and "/" the only separators
        cjk = 0
        tokens = ASCII_TOKEN.findall(line)
        separators = line.count("|") + line.count(">") + line.count("/")
        marks = len(SENTENCE_MARK.findall(line)) if "." in line or "!" in line or "?" in line else 0
    else:
        cjk = sum(map(len, CJK_RUN.findall(line)))
        tokens = (NON_CJK_TOKEN if cjk else TOKEN).findall(line)
        separators = len(SEPARATOR.findall(line))
        marks = len(SENTENCE_MARK.findall(line))
    folded = list(map(str.casefold, tokens))
    n_tokens = len(tokens)
    n_words = n_tokens + cjk
    chars = len(line)
    visible = chars - line.count(" ") or 1
    letters = "".join(tokens)
    alpha = letters.isalpha()  # each decimal digit is in a token (none is CJK): none, no number
    digits = 0 if alpha else len(DIGIT.findall(line))
    alnum = len(letters) + cjk
    if is_ascii:  # a word starting with a letter starts with a cased one
        heads = "".join(map(_FIRST, tokens))
        cased = n_tokens if alpha else n_tokens - len(ASCII_DIGIT.findall(heads))
        caps = len(ASCII_UPPER.findall(heads))
    else:
        kinds = list(map(_KIND.__getitem__, map(_FIRST, tokens)))
        cased = n_tokens - kinds.count(0)
        caps = kinds.count(2)
    upper = sum(1 for t in filter(str.isupper, tokens) if len(t) > 1 and _KIND[t[0]])
    numbers = 0 if alpha else sum(map(str.isdigit, tokens))
    if stops:
        stop_n = sum(map(stops.__contains__, folded))
        stop_share = stop_n / n_tokens if tokens else 0.0
    else:
        stop_n, stop_share = 0, MISSING
    stripped = line.rstrip()
    low = line.lower()
    row = (
        math.log1p(n_words),
        math.log1p(chars),
        (alnum / n_words) if n_words else 0.0,
        stop_share,
        math.log1p(stop_n),
        digits / visible,
        numbers / n_tokens if tokens else 0.0,
        caps / cased if cased else MISSING,
        upper / cased if cased else MISSING,
        (visible - alnum) / visible,
        1.0 if stripped.rstrip(CLOSERS)[-1:] in ENDERS else 0.0,  # SENTENCE_END
        1.0 if stripped.endswith((":", "：")) else 0.0,
        1.0 if stripped.endswith(("…", "...")) else 0.0,
        math.log1p(marks),
        line.count(",") / n_words if n_words else 0.0,
        float(separators),
        1.0 if line[:1] in BULLETS and line[1:2].isspace() else 0.0,  # BULLET
        1.0
        if ("://" in line or "www." in low or ".co" in low or ".org" in low or ".net" in low) and URL.search(line)
        else 0.0,
        1.0 if "@" in line and HANDLE.search(line) else 0.0,
        1.0
        if digits and (":" in line or "am" in low or "pm" in low or "a.m" in low or "p.m" in low) and TIME.search(line)
        else 0.0,
        1.0 if ("19" in line or "20" in line) and YEAR.search(line) else 0.0,
        1.0 if ("©" in line or "(c)" in low or "copyr" in low) and COPYRIGHT.search(line) else 0.0,
        cjk / visible,
        1.0 if stripped[:1] in "[(" and stripped[-1:] in "])" else 0.0,
        1.0 if line[:1] in QUOTES else 0.0,  # QUOTE_START
        float(sum(map(CUES.__contains__, folded))),
    )
    topic = frozenset([w for w in folded if len(w) >= 4])
    if stops:
        topic -= stops
    return row, n_words, stop_n, topic


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


def _body_vocabulary(topics: list[frozenset[str]], start: int, end: int) -> list[float]:
    """Per line, the share of its topic words that the body's other lines use (``MISSING`` without
    topic words): a teaser or a bio talks of other things than the article beside it."""
    vocab = Counter(chain.from_iterable(topics[start : end + 1]))
    anywhere = vocab.keys()
    elsewhere = {w for w, k in vocab.items() if k > 1}  # for a body line: used by another body line
    return [
        (len(topic & (elsewhere if start <= i <= end else anywhere)) / len(topic)) if topic else MISSING
        for i, topic in enumerate(topics)
    ]


def _rule_features(taken: Sequence[bool], n_words: list[int]) -> list[tuple[float, ...]]:
    """The :data:`RULES` features of each line, from which lines the rules took."""
    n = len(taken)
    flags = list(map(bool, taken))
    sums = list(accumulate(flags, initial=0))
    before = list(map(math.log1p, _distances(flags, False)))
    after = list(map(math.log1p, _distances(flags, True)))
    free = [not f for f in flags]
    runs = _run_lengths(free)
    run_words = [0] * n
    i = 0
    while i < n:
        j = i + max(runs[i], 1)
        if runs[i]:
            run_words[i:j] = [sum(n_words[i:j])] * (j - i)
        i = j
    share = sums[n] / n
    out = []
    for i in range(n):
        t = flags[i]
        out.append(
            (
                1.0 if t else 0.0,
                float(sums[min(n, i + 2)] - sums[max(0, i - 1)] - t),
                float(sums[min(n, i + 4)] - sums[max(0, i - 3)] - t),
                float(sums[min(n, i + 6)] - sums[max(0, i - 5)] - t),
                before[i],
                after[i],
                math.log1p(runs[i]),
                math.log1p(run_words[i]),
                share,
            )
        )
    return out


def line_features(
    lines: Sequence[str],
    language: str | None = None,
    taken: Sequence[bool] | None = None,
    memo: dict[str | None, dict[str, Any]] | None = None,
    lexicon: Lexicon | None = None,
    only: Sequence[bool] | None = None,
) -> list[list[float]]:
    """One row of features (:data:`NAMES`) per non-empty line of ``lines``, in order.

    ``language`` names a jusText stop-word list ("English"); by default it is guessed from the text.
    ``taken`` says, per non-empty line, whether the boilerplate pass's rules removed it; without
    it, the :data:`RULES` features are :data:`MISSING`; so are the :data:`LEXICAL` ones without ``lexicon``.
    ``memo`` keeps what a line alone gives, by language, for another call on much the same lines.
    ``only`` says, per non-empty line, whether its row is wanted: the rows of the others are left
    out (each row is still that of the line among all of them).
    """
    kept = [line for line in map(str.strip, lines) if line]
    n = len(kept)
    if not n:
        return []
    if taken is not None and len(taken) != n:
        raise ValueError(f"taken has {len(taken)} values for {n} non-empty lines")
    if only is not None and len(only) != n:
        raise ValueError(f"only has {len(only)} values for {n} non-empty lines")
    if language is None:
        language = guess_language(casefolded_words(" ".join(kept)))
    stops = stopwords(language) if language else None
    counts = Counter(kept)
    alone = {} if memo is None else memo.setdefault(language, {})
    for line in counts.keys() - alone.keys():  # a repeated line is looked at once
        alone[line] = _base(line, stops)
    repeats = {line: math.log(k) for line, k in counts.items()}
    done = [alone[line] for line in kept]
    rows = [row for row, _, _, _ in done]
    n_words = [words for _, words, _, _ in done]
    all_tokens = sum(n_words)
    doc_stop = sum(stop_n for _, _, stop_n, _ in done) / all_tokens if stops and all_tokens else MISSING
    total_words = all_tokens or 1
    log_words = [row[0] for row in rows]
    ends = [row[_B["sentence_end"]] for row in rows]
    short = [w <= SHORT for w in n_words]
    prose = [w >= PROSE and e > 0 for w, e in zip(n_words, ends, strict=True)]
    numeric = [row[_B["digit_share"]] >= 0.3 for row in rows]
    cues = [row[_B["cue_words"]] > 0 for row in rows]
    runs = list(map(math.log1p, _run_lengths(short)))
    before_prose = list(map(math.log1p, _distances(prose, False)))
    after_prose = list(map(math.log1p, _distances(prose, True)))
    body_start, body_end = _body(n_words, prose)
    body_share = sum(n_words[body_start : body_end + 1]) / total_words
    topics = [topic for _, _, _, topic in done]
    shared = _body_vocabulary(topics, body_start, body_end)
    sum_shared = list(accumulate((max(x, 0.0) for x in shared), initial=0.0))
    # Sums of the values before each position: exact counts (ints), and the running float sums
    # the windowed means have always been computed from.
    words_before = list(accumulate(n_words, initial=0))
    short_n = list(accumulate(short, initial=0))
    prose_n = list(accumulate(prose, initial=0))
    sum_words = list(accumulate(log_words, initial=0.0))
    sum_ends = list(accumulate(ends, initial=0.0))
    sum_short = list(accumulate(short, initial=0.0))
    sum_numeric = list(accumulate(numeric, initial=0.0))
    sum_cues = list(accumulate(cues, initial=0.0))
    # The neighbours' features: three lines before position i are ``three[i]``, three after ``three[i + 4]``.
    pad = [(MISSING,) * len(NEIGHBOUR)] * 3
    padded = pad + list(map(_NEIGHBOURS, rows)) + pad
    three = [a + b + c for a, b, c in zip(padded, padded[1:], padded[2:], strict=False)]
    log_lines = math.log1p(n)
    has_stoplist = 1.0 if stops else 0.0
    last = n - 1
    ruled = _rule_features(taken, n_words) if taken is not None else [(MISSING,) * len(RULES)] * n
    if lexicon is None:
        lexical = [(MISSING,) * len(LEXICAL)] * n
    else:
        lexical = lexicon.rows(kept, None if memo is None else memo.setdefault(LEXICON_MEMO, {}))
    out: list[list[float]] = []
    for i, line in enumerate(kept):
        if only is not None and not only[i]:
            continue
        lo3, hi3 = max(0, i - 3), min(n, i + 4)
        lo5, hi5 = max(0, i - 5), min(n, i + 6)
        lo10, hi10 = max(0, i - 10), min(n, i + 11)
        out.append(
            [
                *rows[i],
                repeats[line],
                *three[i],
                *three[i + 4],
                i / last if n > 1 else 0.0,
                words_before[i] / total_words,
                log_lines,
                doc_stop,
                has_stoplist,
                1.0 if short[i] else 0.0,
                runs[i],
                float(short_n[hi5] - short_n[lo5]) - short[i],
                sum(log_words[lo3:hi3]) / (hi3 - lo3),
                float(prose_n[hi5] - prose_n[lo5]) - prose[i],
                before_prose[i],
                after_prose[i],
                1.0 if body_start <= i <= body_end else 0.0,
                math.log1p(max(0, body_start - i)),
                math.log1p(max(0, i - body_end)) if body_end >= 0 else math.log1p(i),
                body_share,
                (sum_words[hi10] - sum_words[lo10]) / (hi10 - lo10),
                (sum_ends[hi10] - sum_ends[lo10]) / (hi10 - lo10),
                (sum_short[hi10] - sum_short[lo10]) / (hi10 - lo10),
                sum_numeric[hi3] - sum_numeric[lo3] - numeric[i],
                sum_cues[hi5] - sum_cues[lo5] - cues[i],
                shared[i],
                (sum_shared[hi3] - sum_shared[lo3] - max(shared[i], 0.0)) / max(1, hi3 - lo3 - 1),
                *ruled[i],
                *lexical[i],
            ]
        )
    return out
