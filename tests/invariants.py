"""The invariants of cleaning, as checks that raise :class:`Violation` naming the rules involved.

Used by ``tests/test_properties.py`` (hypothesis, in CI) and ``bench/fuzz.py`` (a long campaign
by hand). Each check runs the default pipeline on one input; a violation carries a *family*:
the property and the pass/rule ids that made the offending change, so a campaign can tell one
bug from another and report each once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from strategies import CANONICAL_NAMES

import cleaner
from cleaner import Change, Document, Pipeline

PIPELINE = Pipeline()
DECODE = Pipeline(["decode"])
REPAIR = Pipeline(["entities", "mojibake"])
INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs"})
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")


class Violation(AssertionError):
    """An invariant that does not hold; ``family`` is (property, pass/rule ids involved...)."""

    def __init__(self, message: str, family: Iterable[str]) -> None:
        self.family = tuple(family)
        super().__init__(f"{message}\n  family: {' '.join(self.family)}")


def run(text: str | bytes) -> Document:
    """The default pipeline over ``text``, explaining."""
    return PIPELINE.document(text, explain=True)


def rules_of(changes: Iterable[Change], keep: object = None) -> list[str]:
    """``pass/rule`` of each change that changed text (and satisfies ``keep``), sorted, without repeats."""
    pick = keep if callable(keep) else (lambda c: True)
    return sorted({f"{c.pass_name}/{c.rule}" for c in changes if c.before != c.after and pick(c)})


def removed(doc: Document) -> list[str]:
    """The rules whose changes removed visible text."""
    return rules_of(doc.changes or [], lambda c: visible(c.before) and not visible(c.after))


def visible(text: str) -> bool:
    """Whether ``text`` has a character other than spaces, line breaks, controls and format characters."""
    return any(unicodedata.category(ch) not in INVISIBLE for ch in text)


def squash(line: str) -> str:
    """A line without its whitespace: equal squashed lines differ only in spacing."""
    return "".join(line.split())


def check_idempotent(text: str | bytes) -> None:
    try:
        once = cleaner.clean(text)
    except cleaner.DecodeError:
        if isinstance(text, str):
            raise
        return  # bytes that are not text are refused, with a reason
    twice = cleaner.clean_and_explain(once)
    if twice.text != once:
        first = next(c for c in twice.changes if c.before != c.after)
        raise Violation(
            f"clean(clean(x)) != clean(x)\n  once:  {once!r}\n  twice: {twice.text!r}",
            ("idempotence", f"{first.pass_name}/{first.rule}"),
        )


def crash_family(e: BaseException) -> tuple[str, ...]:
    """An exception's family: its type and the file and line it was raised at."""
    tb = e.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}" if tb else "?"
    return ("exception", type(e).__name__, where)


def check_no_exception(data: str | bytes) -> None:
    try:
        run(data)
    except cleaner.DecodeError:
        if isinstance(data, str):
            raise
    except Exception as e:
        raise Violation(f"{type(e).__name__}: {e}", crash_family(e)) from e


def check_cut_text_decodes(data: bytes) -> None:
    """Text in a known encoding, cut anywhere (byte-capped scrapers cut files), is still read as text."""
    try:
        run(data)
    except cleaner.DecodeError as e:
        raise Violation(f"refused: {e}", ("cut-refused", str(e).split(":")[0])) from e


def check_not_emptied(text: str | bytes) -> None:
    try:
        doc = run(text)
    except cleaner.DecodeError:
        if isinstance(text, str):
            raise
        return  # bytes that are not text are refused, with a reason
    shown = text if isinstance(text, str) else _decoded(text)
    # An entity for a space (&nbsp;) is no visible character: judge the input with its entities decoded.
    if visible(shown) and visible(REPAIR.clean(shown)) and not visible(doc.text) and not doc.flags:
        raise Violation(
            f"a document with visible characters came out empty without a flag: {doc.text!r}",
            ("emptied", *removed(doc)),
        )


def _decoded(data: bytes) -> str:
    """The text the decode pass reads from ``data``."""
    return DECODE.clean(data)


def check_replays(text: str) -> None:
    out = cleaner.clean_and_explain(text)
    try:
        replayed = cleaner.replay(text, out.changes)
    except ValueError as e:
        raise Violation(f"the change log does not apply: {e}", ("replay", "mismatch")) from e
    if replayed != out.text:
        raise Violation(f"replay gives {replayed!r}, output is {out.text!r}", ("replay", "differs"))


def output_lines(text: str) -> list[str]:
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n") if text else []


def check_line_count(text: str) -> None:
    doc = run(text)
    n_in, n_out = len(text.splitlines()), len(output_lines(doc.text))
    if n_out > n_in:
        grew = rules_of(doc.changes or [], lambda c: c.after.count("\n") > c.before.count("\n"))
        raise Violation(f"{n_in} lines in, {n_out} out: {doc.text!r}", ("line-count", *grew))


def _words_allowed(text: str) -> str:
    """Where output words may come from: the input without invisible characters, the input with its
    entities decoded and mojibake repaired (repairs may turn bytes into letters), their NFKC forms
    (ligatures, full-width letters), and the canonical names."""
    bare = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\n\t")
    repaired = REPAIR.clean(text)
    forms = [bare, repaired, *(unicodedata.normalize("NFKC", t) for t in (bare, repaired)), *CANONICAL_NAMES]
    return "\n".join(forms)


def check_no_invented_words(text: str) -> None:
    """Every ASCII word of the output is in the input (or is part of a canonical name)."""
    doc = run(text)
    allowed = _words_allowed(text)
    allowed_lower = allowed.lower()
    for w in ASCII_WORD.findall(doc.text):
        if w not in allowed and not (w.isupper() and w.lower() in allowed_lower):
            raise Violation(
                f"word {w!r} of the output is not in the input: {doc.text!r}",
                ("invented", *rules_of(doc.changes or [], lambda c, w=w: w in c.after)),
            )


def check_lines_from_input(text: str) -> None:
    """For ASCII prose and debris: every output line is an input line up to whitespace."""
    doc = run(text)
    lines = {squash(line) for line in text.splitlines()}
    for n, line in enumerate(output_lines(doc.text), 1):
        if squash(line) and squash(line) not in lines:
            raise Violation(
                f"output line {n} {line!r} is no input line",
                ("not-an-input-line", *rules_of(doc.changes or [], lambda c, s=line: c.after and c.after in s)),
            )


def check_prose_layout(text: str, sep: str, paragraphs: int) -> None:
    """Prose paragraphs come out as many, in the same layout (one per line or blank-line separated)."""
    doc = run(text)
    got = doc.text.rstrip("\n").split(sep) if doc.text else []
    if len(got) != paragraphs or any("\n" in p or not p.strip() for p in got):
        raise Violation(
            f"{paragraphs} paragraphs separated by {sep!r} came out as {doc.text!r}",
            ("layout", *(removed(doc) or rules_of(doc.changes or [], lambda c: "\n" in c.before + c.after))),
        )


def check_body_kept(text: str, body: list[str]) -> None:
    """An article body under debris lines is kept whole, or the document is flagged."""
    doc = run(text)
    if doc.flags:
        return
    kept = {squash(line) for line in output_lines(doc.text)}
    lost = [p for p in body if squash(p) not in kept]
    if lost:
        raise Violation(
            f"{len(lost)} of {len(body)} body paragraphs lost without a flag; output {doc.text!r}",
            ("body-lost", *rules_of(doc.changes or [], lambda c: any(squash(p) in squash(c.before) for p in lost))),
        )


def check_stray_byte_stays_local(data: bytes, lines: list[str], k: int) -> None:
    """UTF-8 text with one bad byte is read as UTF-8: every line the clean text keeps whole, but the one
    holding the byte, comes out whole."""
    doc = run(data)
    kept = {squash(line) for line in output_lines(doc.text)}
    kept_without = {squash(line) for line in output_lines(cleaner.clean("\n".join(lines) + "\n"))}
    for j, line in enumerate(lines):
        if j != k and squash(line) in kept_without and squash(line) not in kept:
            note = next((c.note for c in doc.changes or [] if c.pass_name == "decode"), "")
            raise Violation(
                f"line {j + 1} {line!r} did not come out whole ({note}): {doc.text!r}",
                ("stray-byte", note.split(" (")[0]),
            )
