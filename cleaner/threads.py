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
SIGNATURE_WORDS = 18  # a signature line is short

HEADER = re.compile(
    r"(?i)[{(\[]?\s*(?:\d+|no|one|two|three)\s+(?:comments?|responses?|replies|thoughts?|reactions?)\b.{0,120}"
    r"|(?:(?:reader|user|visitor)s?[’']?\s+)?(?:comments?|responses?|discussion|conversation)\s*"
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
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?"
    r"\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*day\b|\byesterday\b|\btoday\b"
)
AGO = re.compile(r"(?i)\b(?:\d+|an?|one)\s*(?:seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b")
POSTED = re.compile(r"(?i)^(?:posted|submitted|written)\s+(?:by|on|at)\b")


@dataclass(frozen=True)
class Thread:
    """Blocks ``first`` to ``last`` (block numbers, inclusive) and the evidence that they are a thread."""

    first: int
    last: int
    why: str


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
        if AGO.search(key) or (CLOCK.search(key) and DATE.search(key)) or (POSTED.match(key) and DATE.search(key)):
            return "t"
    if block.words <= 16 and HEADER.fullmatch(key):
        return "h"
    return ""


def find(blocks: Sequence[Block], after: int = 0) -> list[Thread]:
    """The comment threads among ``blocks`` that start after block ``after``."""
    marks = [(b.number, m) for b in blocks[after + 1 :] if (m := mark(b))]
    threads: list[Thread] = []
    run: list[tuple[int, str]] = []
    for item in [*marks, (10**9, "")]:
        if run and item[0] - run[-1][0] > GAP:
            thread = judge(blocks, run)
            if thread is not None:
                threads.append(thread)
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
    """A run of marks as a thread, with its extent and evidence, or None when it is not one."""
    heads = [i for i, (_, m) in enumerate(run[:3]) if m == "h"]
    if heads:
        run = run[heads[0] :]  # a signature above the header is the article's own ("Posted by Kathy | Permalink")
    kinds = "".join(m for _, m in run)
    signatures = kinds.count("s") + kinds.count("t")
    widgets = kinds.count("w")
    units = max(signatures, widgets)
    header = run[0][1] == "h"
    if units < 2 and not (header and signatures and widgets):
        return None
    dated = sum(1 for n, m in run if m in "st" and (DATE.search(blocks[n].key) or CLOCK.search(blocks[n].key)))
    if not (widgets or header or (kinds.count("s") and dated >= 2)):
        return None  # dated entries alone are a live blog's timeline; "X wrote:" alone, a quoted exchange
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
    parts = [f"{units} comments"]
    if signatures:
        parts.append(f"{signatures} signed lines")
    if widgets:
        parts.append(f"{widgets} widget lines")
    if header:
        parts.append(f"header {blocks[run[0][0]].key[:40]!r}")
    return Thread(first, last, ", ".join(parts))
