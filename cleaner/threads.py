"""Comment threads: a block of repeated units (who, when, what they wrote, Reply) after the article.

A thread shows itself by its structure, not by one word: lines that sign a comment ("Julie
wrote:", "Matt Evans July 17, 2012 at 12:48 am", "Posted 10/18/2012 at 2:57 pm | Permalink",
"3 hours ago") and widget lines ("Reply", "[Reply]", "Report abuse", "Like 0") recur every few
lines, usually under a header ("16 Comments", "One Response to ...", "Join the conversation").
A run of such marks is a thread when it has at least two units and something only comments
have: a widget line, a signature that says "says:" or "wrote:", a Permalink, or a comment
header. Timestamps alone are not enough: a live blog's entries carry them too, and they are
article text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.blocks import Block

GAP = 6  # lines of comment text allowed between two marks of one thread
LONG_COMMENT = 20  # lines between two threads that make them one (a long comment in between)
SIGNATURE_WORDS = 18  # a signature line is short

HEADER = re.compile(
    r"(?i)[{(\[]?\s*(?:\d+|no|one|two|three)\s+(?:comments?|responses?|replies|thoughts?|reactions?)\b.{0,120}"
    r"|(?:[\w’']+\s+){0,2}(?:comments?|responses?|discussion|conversation)\s*"
    r"[(\[]?\s*\d*\s*[)\]]?\s*[:»]?"
    r"|(?:post|leave|add|write)\s+a\s+(?:new\s+)?(?:comment|reply)\b.{0,60}"
    r"|join the (?:conversation|discussion)\b.{0,60}|(?:there are )?\d+ comments? (?:about|on)\b.{0,120}"
    r"|(?:jump to|show|view|read) (?:all )?(?:\d+ )?comments?\b.{0,40}"
)
WIDGET = re.compile(
    r"(?i)[\[(]?\s*(?:reply(?:\s*(?:↓|to this(?: comment| parent)?(?: share)?|delete))?|replydelete|permalink"
    r"|report(?: abuse| post| comment| this)?(?:\s*»)?|flag(?: as inappropriate)?|like(?:\s*\d+)?|quote"
    r"|delete|edit|recommend(?:ed)?|link to this comment|log\s*in to reply|login or register to post comments"
    r"|report abuse\s*\|\s*quote|vote (?:up|down)|(?:please )?rate this(?: comment)?:?.{0,20}"
    r"|[+-]?\d+\s*(?:likes?|points?|votes?|replies|recommendations?)|re:.{0,80}\(score:\s*-?\d+.{0,20}\))"
    r"\s*[\])]?(?:\s*[|/·•]\s*.{0,30})?"
)
SAYS = re.compile(r"(?i)\b(?:says|said|wrote|writes|replied|commented)\s*(?::|\.\.\.|…)|\|\s*permalink\b")
# Who signs a comment: a name or handle, a few words without a clause's comma ("As you may recall, X writes:").
SIGNER = re.compile(r"[^,;]{1,60}")
CLOCK = re.compile(r"(?i)\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\b\.?)?")
DATE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?"
    r"\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*day\b|\byesterday\b|\btoday\b"
)
AGO = re.compile(r"(?i)\b(?:\d+|an?|one)\s*(?:seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b")
TOOLS = re.compile(r"(?i)\b(?:reply|permalink|report|flag|quote)\b")  # widget words on a signature line
NAME_APART = re.compile(r"\s[-–—|·•]\s")  # "William Kirk - August 8, 2012"
POSTED = re.compile(r"(?i)^(?:posted|submitted|written)\s+(?:by|on|at)\b")


@dataclass(frozen=True)
class Thread:
    """Blocks ``first`` to ``last`` (block numbers, inclusive) and the evidence that they are a thread."""

    first: int
    last: int
    units: int
    signatures: int
    widgets: int
    header: str = ""
    evident: bool = True

    @property
    def strong(self) -> bool:
        """Many comments, with widget lines or under a header: comments even when long ones follow."""
        return self.units >= 5 and (self.widgets >= 3 or bool(self.header))

    @property
    def why(self) -> str:
        parts = [f"{self.units} comments"]
        if self.signatures:
            parts.append(f"{self.signatures} signed lines")
        if self.widgets:
            parts.append(f"{self.widgets} widget lines")
        if self.header:
            parts.append(f"header {self.header[:40]!r}")
        return ", ".join(parts)

    def __add__(self, other: Thread) -> Thread:
        """This thread and a later one, with the lines between (a long comment): one thread."""
        return Thread(
            self.first,
            other.last,
            self.units + other.units,
            self.signatures + other.signatures,
            self.widgets + other.widgets,
            self.header or other.header,
            self.evident or other.evident,
        )


def mark(block: Block) -> str:
    """What a line is to a thread: ``h`` header, ``s`` signature with a comment's own cue,
    ``t`` signature by date and time only, ``w`` widget line, or ``""``."""
    key = block.key
    if block.words <= 12 and WIDGET.fullmatch(key):
        return "w"
    if block.words <= SIGNATURE_WORDS:
        says = SAYS.search(key)
        if says and (SIGNER.fullmatch(key[: says.start()].strip() or "x") or CLOCK.search(key) or DATE.search(key)):
            return "s"
        apart = NAME_APART.search(key)
        dated_name = apart is not None and block.words <= 12 and DATE.search(key, apart.end()) is not None
        if (
            AGO.search(key)
            or (CLOCK.search(key) and DATE.search(key))
            or (POSTED.match(key) and DATE.search(key))
            or dated_name
        ):
            return "s" if TOOLS.search(key) else "t"
    if block.words <= 16 and HEADER.fullmatch(key):
        return "h"
    return ""


def find(blocks: Sequence[Block], after: int = 0) -> list[Thread]:
    """The comment threads among ``blocks`` that start after block ``after``.

    Marks no more than ``GAP`` lines apart form a run. A run with a comment's own evidence starts
    a thread; the runs after it, up to ``LONG_COMMENT`` lines on (a long comment or a poem in
    between), continue it even when they show only dates.
    """
    marks = [(b.number, m) for b in blocks[after + 1 :] if (m := mark(b))]
    threads: list[Thread] = []
    run: list[tuple[int, str]] = []
    for item in [*marks, (10**9, "")]:
        if run and item[0] - run[-1][0] > GAP:
            part = judge(blocks, run)
            if part is not None and threads and part.first - threads[-1].last <= LONG_COMMENT:
                threads[-1] += part
            elif (
                part is not None
                and part.evident
                and (part.units >= 2 or (part.header and part.signatures and part.widgets))
            ):
                threads.append(part)
            run = []
        if item[1]:
            run.append(item)
    return threads


def named_above(blocks: Sequence[Block], signatures: list[int]) -> bool:
    """Whether this thread's signatures have the commenter's name on the line above (``Janet`` /
    ``Posted 10/18/2012 at 2:57 pm``): a short line that is not a sentence, above most of the others."""
    named = 0
    for n in signatures[1:]:
        above = blocks[n - 1] if n > 0 else None
        named += above is not None and above.words <= 4 and not above.ends_sentence and not mark(above)
    return len(signatures) >= 2 and named >= 0.6 * (len(signatures) - 1)


def judge(blocks: Sequence[Block], run: list[tuple[int, str]]) -> Thread | None:
    """A run of marks as (part of) a thread, with its extent and evidence; None when it has no comment.

    ``evident``: the run shows what only comments have (a widget line, a header, signatures
    that say "says:" or "wrote:" with a date), not just dated entries (a live blog's timeline)
    or "X wrote:" lines (a quoted exchange).
    """
    heads = [i for i, (_, m) in enumerate(run[:3]) if m == "h"]
    if heads:
        run = run[heads[0] :]  # a signature above the header is the article's own ("Posted by Kathy | Permalink")
    kinds = "".join(m for _, m in run)
    signatures = kinds.count("s") + kinds.count("t")
    widgets = kinds.count("w")
    # Widget lines next to each other ("Edit" / "Delete", "Reply" / "Report") are one comment's tools.
    groups = sum(1 for i, (n, m) in enumerate(run) if m == "w" and not (i and run[i - 1] == (n - 1, "w")))
    units = max(signatures, groups)
    header = run[0][1] == "h"
    if not units:
        return None
    dated = sum(1 for n, m in run if m in "st" and (DATE.search(blocks[n].key) or CLOCK.search(blocks[n].key)))
    evident = bool(widgets or header or (kinds.count("s") and dated >= 2))
    first = run[0][0]
    above = blocks[first - 1] if first > 0 else None
    if not header and above and above.words <= 4 and named_above(blocks, [n for n, m in run if m in "st"]):
        first -= 1  # the commenter's name above the signature
    last = run[-1][0]
    # The last comment's text, when comments follow their signature, runs on after the last mark.
    follows = [b - a for (a, m), (b, _) in itertools.pairwise(run) if m in "st"]
    if run[-1][1] in "st" and follows:
        span = min(max(follows) - 1, GAP)
        tail = blocks[last + 1 : last + 1 + span]
        last += next((i for i, b in enumerate(tail) if b.words <= 3 and not mark(b)), len(tail))
    return Thread(first, last, units, signatures, widgets, blocks[run[0][0]].key if header else "", evident)
