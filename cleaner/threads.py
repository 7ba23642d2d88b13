"""Comment threads: a block of repeated units (who, when, what they wrote, Reply) after the article.

A thread shows itself by its structure, not by one word: lines that sign a comment ("Julie
wrote:", "Matt Evans July 17, 2012 at 12:48 am", "Posted 10/18/2012 at 2:57 pm | Permalink",
"3 hours ago") and widget lines ("Reply", "[Reply]", "Report abuse", "Like 0") recur every few
lines, usually under a header ("16 Comments", "One Response to ...", "Join the conversation").
A run of such marks is a thread when it has at least two units and something only comments
have: a widget line, a signature that says "says:" or "wrote:", a Permalink, or a comment
header. Timestamps alone are not enough: a live blog's entries carry them too, and they are
article text.

Under a header that counts its comments ("{ 167 comments }", "48 Responses to ..."), a thread may
show no more than the commenters' names, each alone on a line above what they wrote. And a header
whose first comments are long, with their signatures far apart, still starts the thread those
signatures continue.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.blocks import Block

GAP = 6  # lines of comment text allowed between two marks of one thread
LONG_COMMENT = 20  # lines between two threads that make them one (a long comment in between); see reach()
SIGNATURE_WORDS = 18  # a signature line is short

HEADER = re.compile(
    r"(?i)[{(\[]?\s*(?:\d+|no|one|two|three)\s+(?:comments?|responses?|replies|thoughts?|reactions?)\b.{0,120}"
    r"|\d+ (?:users?|readers?|people) (?:responded|commented)\b.{0,120}"
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
    r"|[+-]?\d+\s*(?:likes?|points?|votes?|replies|recommendations?)|re:.{0,80}\(\s*score:\s*-?\d+.{0,20}\))"
    r"\s*[\])]?(?:\s*[|/·•]\s*.{0,30})?"
)
SAYS = re.compile(r"(?i)\b(?:says|said|wrote|writes|replied|commented)\s*(?::|\.\.\.|…|,$)|\|\s*permalink\b")
# Who signs a comment: a name or handle, a few words without a clause's comma ("As you may recall, X writes:").
SIGNER = re.compile(r"[^,;]{1,60}")
# Who signs with "said," at the end of a line: a name or handle of up to four words, not a clause's subject
# ("The minister said," before a quotation is article text).
COMMA_SIGNER = re.compile(
    r"(?i)(?!(?:the|a|an|he|she|they|it|we|i|you|his|her|its|our|their|this|that|these|those)\b)\S+(?: \S+){0,3}"
)
CLOCK = re.compile(r"(?i)\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\b\.?)?")
DATE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?"
    r"\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*day\b|\byesterday\b|\btoday\b"
)
AGO = re.compile(r"(?i)\b(?:\d+|an?|one)\s*(?:seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b")
TOOLS = re.compile(r"(?i)\b(?:reply|permalink|report|flag|quote)\b")  # widget words on a signature line
BULLET = re.compile(r"^(?:[*+•·o-] )+")  # a list bullet a converter puts before a widget line ("* Reply")
NAME_APART = re.compile(r"\s[-–—|·•]\s")  # "William Kirk - August 8, 2012"
POSTED = re.compile(r"(?i)^(?:posted|submitted|written)\s+(?:by|on|at)\b")
# What is left of a line that is a date and nothing else ("November 12, 2012", "12.11.2012 at 10:48").
NOT_DATE = re.compile(r"(?i)\b(?:19|20)\d\d\b|\b(?:at|on)\b|[\W_]+")
# A header that counts its comments: "{ 167 comments }", "48 Responses to ...", "Comments (12)".
COUNTED = re.compile(r"(?i)\D*?(\d[\d,.]*).*|\W*(one|two|three)\b.*")
WORD_COUNTS = {"one": 1, "two": 2, "three": 3}
NAME_WORDS = 5  # a commenter's name on its own line is short
ARTICLE_WORDS = 30  # words of sentences above a header that stands under the article, not beside its title


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
    names: int = 0  # commenters' names alone on a line, under a header that counts the comments

    @property
    def comments(self) -> int:
        return max(self.units, self.names)

    @property
    def strong(self) -> bool:
        """Many comments, with widget lines or under a header: comments even when long ones follow."""
        return self.units >= 5 and (self.widgets >= 3 or bool(self.header))

    @property
    def why(self) -> str:
        parts = [f"{self.comments} comments"]
        if self.signatures:
            parts.append(f"{self.signatures} signed lines")
        if self.widgets:
            parts.append(f"{self.widgets} widget lines")
        if self.names:
            parts.append(f"{self.names} names alone on a line")
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
            self.names + other.names,
        )


def mark(block: Block) -> str:
    """What a line is to a thread: ``h`` header, ``s`` signature with a comment's own cue,
    ``t`` signature by date and time only, ``d`` a date alone, ``w`` widget line, or ``""``."""
    key = BULLET.sub("", block.key)
    if block.words <= 12 and WIDGET.fullmatch(key):
        return "w"
    if block.words <= SIGNATURE_WORDS:
        says = SAYS.search(key)
        signer = key[: says.start()].strip() if says else ""
        if says and says.group().endswith(",") and not COMMA_SIGNER.fullmatch(signer):
            says = None
        if says and (SIGNER.fullmatch(signer or "x") or CLOCK.search(key) or DATE.search(key)):
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
        if block.words <= 8 and DATE.search(key) and not NOT_DATE.sub("", DATE.sub("", CLOCK.sub("", key))):
            return "d"  # a date alone on a line ("November 12, 2012"): a comment's signature under a header
    if block.words <= 16 and HEADER.fullmatch(key):
        return "h"
    return ""


def find(blocks: Sequence[Block], after: int = 0, memo: dict[tuple[str, int], str] | None = None) -> list[Thread]:
    """The comment threads among ``blocks`` that start after block ``after``; ``memo`` keeps each line's
    :func:`mark` for another call on much the same lines.

    Marks no more than ``GAP`` lines apart form a run. A run with a comment's own evidence starts
    a thread; the runs after it, up to ``LONG_COMMENT`` lines on (a long comment or a poem in
    between), continue it even when they show only dates. A header whose run shows too little
    (its first comments are long) waits for the runs that follow it, as far.
    """
    if memo is None:
        memo = {}
    for b in blocks[after + 1 :]:
        if (b.key, b.words) not in memo:
            memo[b.key, b.words] = mark(b)
    marks = [(b.number, m) for b in blocks[after + 1 :] if (m := memo[b.key, b.words])]
    said = list(itertools.accumulate((b.words if b.ends_sentence and b.words >= 8 else 0 for b in blocks), initial=0))
    below_text = {n for n, m in marks if m == "h" and said[n] >= ARTICLE_WORDS}  # headers under the article
    marks = sorted([*marks, *names(blocks, marks, below_text)])
    threads: list[Thread] = []
    waiting: Thread | None = None  # a header, and what followed it, that is not yet a thread
    run: list[tuple[int, str]] = []
    for item in [*marks, (10**9, "")]:
        if run and item[0] - run[-1][0] > GAP:
            for piece in at_headers(run):
                near = [t for t in (waiting, threads[-1] if threads else None) if t is not None]
                headed = any(t.header and piece[0][0] - t.last <= LONG_COMMENT for t in near)
                part = judge(blocks, piece, headed)
                if part is not None and threads and part.first - threads[-1].last <= reach(threads[-1]):
                    threads[-1] += part
                elif part is not None:
                    if waiting is not None and not part.header and part.first - waiting.last <= LONG_COMMENT:
                        part = waiting + part
                    waiting = None
                    if part.evident and (
                        part.units >= 2
                        or (part.header and part.names >= 2)
                        or (part.header and part.signatures and part.widgets)
                    ):
                        threads.append(part)
                    elif part.header and part.first in below_text:
                        waiting = part
            run = []
        if item[1]:
            run.append(item)
    return threads


def reach(thread: Thread) -> int:
    """How many lines on a thread may continue: twice as far under a header or after many comments."""
    return LONG_COMMENT * (2 if thread.strong or thread.header else 1)


def at_headers(run: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The run cut before each header that is not among the first marks of its piece: what comes
    above a comment header (trackbacks, a list of dated links) is judged apart from the thread."""
    pieces: list[list[tuple[int, str]]] = [[]]
    for item in run:
        if item[1] == "h" and len(pieces[-1]) >= 3:
            pieces.append([])
        pieces[-1].append(item)
    return pieces


def names(blocks: Sequence[Block], marks: list[tuple[int, str]], headers: set[int]) -> list[tuple[int, str]]:
    """Commenters' names alone on a line (``n``) under one of ``headers`` that counts its comments:
    short lines, not sentences, each above a longer line, no more than ``LONG_COMMENT`` lines apart,
    and at least a third as many as the header counts (a count far above them is a link to the
    comments, and the short lines under it are the article's subheads)."""
    found: list[tuple[int, str]] = []
    kind = dict(marks)
    for n in sorted(headers):
        count = COUNTED.fullmatch(blocks[n].key)
        if not count or (found and n <= found[-1][0]):
            continue
        number = int(re.sub(r"\D", "", count[1])) if count[1] else WORD_COUNTS[count[2].casefold()]
        last, here = n, []
        for b, below in itertools.pairwise(blocks[n + 1 :]):
            if b.number - last > LONG_COMMENT:
                break
            if b.number in kind:
                last = b.number
            elif (
                b.words <= NAME_WORDS
                and len(b.key) <= 50
                and not b.ends_sentence
                and not b.key.endswith(",")
                and kind.get(below.number, "d") == "d"
                and below.words >= 3
                and below.words > b.words
            ):
                here.append((b.number, "n"))
                last = b.number
        if number and 3 * len(here) >= number:
            found += here
    return found


def named_above(blocks: Sequence[Block], signatures: list[int]) -> bool:
    """Whether this thread's signatures have the commenter's name on the line above (``Janet`` /
    ``Posted 10/18/2012 at 2:57 pm``): a short line that is not a sentence, above most of the others."""
    named = 0
    for n in signatures[1:]:
        above = blocks[n - 1] if n > 0 else None
        named += above is not None and above.words <= 4 and not above.ends_sentence and not mark(above)
    return len(signatures) >= 2 and named >= 0.6 * (len(signatures) - 1)


def judge(blocks: Sequence[Block], run: list[tuple[int, str]], headed: bool = False) -> Thread | None:
    """A run of marks as (part of) a thread, with its extent and evidence; None when it has no comment.
    ``headed``: the run follows a comment header closely (dates alone are signatures there).

    ``evident``: the run shows what only comments have (a widget line, a header, signatures
    that say "says:" or "wrote:" with a date), not just dated entries (a live blog's timeline)
    or "X wrote:" lines (a quoted exchange).
    """
    heads = [i for i, (_, m) in enumerate(run[:3]) if m == "h"]
    if heads:
        run = run[heads[0] :]  # a signature above the header is the article's own ("Posted by Kathy | Permalink")
    elif len(run) > 1 and POSTED.match(blocks[run[0][0]].key) and not POSTED.match(blocks[run[1][0]].key):
        run = run[1:]  # the post's own signature ("Posted on August 9th, 2012 by lucky") above its comments'
    header = run[0][1] == "h"
    if not header and not headed:  # dates alone count only under a header (else: headlines, bylines and dates)
        run = [(n, m) for n, m in run if m != "d"]
        if not run:
            return None
    kinds = "".join(m for _, m in run)
    named = kinds.count("n")
    signatures = kinds.count("s") + kinds.count("t") + kinds.count("d")
    widgets = kinds.count("w")
    # Widget lines next to each other ("Edit" / "Delete", "Reply" / "Report") are one comment's tools.
    groups = sum(1 for i, (n, m) in enumerate(run) if m == "w" and not (i and run[i - 1] == (n - 1, "w")))
    units = max(signatures, groups)
    if not units and not named and not header:
        return None
    dated = sum(1 for n, m in run if m in "std" and (DATE.search(blocks[n].key) or CLOCK.search(blocks[n].key)))
    evident = bool(widgets or header or (kinds.count("s") and dated >= 2))
    first = run[0][0]
    above = blocks[first - 1] if first > 0 else None
    if not header and above and above.words <= 4 and named_above(blocks, [n for n, m in run if m in "st"]):
        first -= 1  # the commenter's name above the signature
    last = run[-1][0]
    # The last comment's text, when comments follow their signature, runs on after the last mark.
    follows = [b - a for (a, m), (b, _) in itertools.pairwise(run) if m in "stdn"]
    if run[-1][1] in "stdn" and follows:
        span = min(max(follows) - 1, GAP)
        tail = blocks[last + 1 : last + 1 + span]
        last += next((i for i, b in enumerate(tail) if b.words <= 3 and not mark(b)), len(tail))
    key = blocks[run[0][0]].key if header else ""
    return Thread(first, last, units, signatures, widgets, key, evident, named)
