"""boilerplate: remove the debris around an article by rules, judging each line in its context.

Rules are data (``[[boilerplate]]`` in ``rules/``); each has a ``kind``:

- ``line``: the whole line matches ``pattern`` (never a word inside a sentence),
  optionally only when short (``max_words``) or in the document's ``head`` or
  ``tail`` (``where``; ``within``: the share of the words counted as head or tail);
- ``header``: a header line, and the list of headlines under it (up to
  ``max_lines`` items of 2 to ``item_words`` words, or matching ``members``);
- ``zone``: a widget's first line, and the lines after it that match
  ``members`` or have at most ``item_words`` words, up to ``max_lines``;
- ``tail``: a marker that removes everything from it to the end, when it sits
  in the last ``within`` share of the document and what follows it is not
  article prose, or anywhere when one of the lines after it matches
  ``members`` (a comment thread shows itself by its widget lines);
- ``trim``: a line that matches ``pattern`` (with the same ``max_words``, ``where``
  and ``within``) loses the text of its groups named ``cut...`` (debris glued to a
  dateline: ``Mar 3, 2025, 10:42 AM 2 min read``); the rest of the line stays;
- ``keep``: a line that matches ``pattern`` (with the same ``max_words``,
  ``where`` and ``within``) stays, whatever another rule, the comment-thread
  layer or the line model says of it; ``explain`` notes what it kept the line from;
- ``builtin``: judged by code (a repeated title, a pull quote, lone symbols,
  counters, an author box and the bio in it, short label lines above the title or
  after the article's last sentence, and in the head above the article's first
  sentence a caption over its photo credit, a tab label, a bare count, a repeated
  section label); the rule entry names it and can switch it off.

Guards: a generic ``line``, ``header`` or ``zone`` rule never removes a line
that reads like article prose (long, ending like a sentence), unless the rule
says ``prose_ok = true`` (its pattern is specific to boilerplate); nothing is
removed when the rules would take more than ``max_removed_share`` of the
words. Either way the document is flagged for review.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from cleaner import threads
from cleaner.blocks import WORD, Block, split, without
from cleaner.document import Document, Edit
from cleaner.errors import ConfigError, RuleError
from cleaner.pipeline import Pass, register
from cleaner.prefilter import LineFilter, literal
from cleaner.rules import Field, Rule

KINDS = ("line", "header", "zone", "tail", "trim", "keep", "builtin")
QUOTE_OPEN = "‘“\"'«"
QUOTE_CLOSE = "’”\"'»"
WORD_OR_BREAK = re.compile(f"{WORD.pattern}|\n")
COUNTER = re.compile(r"[+\-]?\d[\d,.]*[kKmM]?|\(\d+\)")
NO_LETTERS = re.compile(r"[\W_]+")
BYLINE = re.compile(r"(?i:by)\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\b")
# A quotation that names its speaker inside is article text, not a pull quote.
ATTRIBUTED = re.compile(
    r"[”\"’],?\s+(?:[\w.,'’-]+\s+){0,8}?(?:said|says|told|tells|added|adds|according|wrote|writes)\b"
)
# Short lines that belong to the article even above its title or below its end:
# datelines, bylines and credits ("Story by X"), sources, contacts, lines with a year or a time.
KEEP_NEAR_ARTICLE = re.compile(
    r"^(?:source\b|contacts?\b|media contacts?\b|updated\b|published\b|posted\b|reporting\b|\()|\bby\b"
    r"|[—–-]{1,2}$|\b(?:19|20)\d\d\b|@|\d{1,2}:\d\d",
    re.IGNORECASE,
)


MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# One piece of a dateline that a page shows over several lines: "23" / "July" / "2012".
DATE_PART = re.compile(rf"(?i)(?:\d{{1,4}}(?:st|nd|rd|th)?|{MONTH}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?),?")
MONTH_NAME = re.compile(rf"(?i){MONTH}")
YEAR = re.compile(r"(?:19|20)\d\d")

# A label and a count in brackets, the count not a year: "Applications (94)", "July 2011 (7)".
COUNTED = re.compile(r".{1,60}?\s*[(\[](?!(?:19|20)\d\d[)\]])\d[\d,.]*[)\]]")
COUNTED_RUN = 4

MAX_ROUNDS = 3  # looks at what is left after removing debris
# The line model looks only where short lines (8 words or fewer, not a sentence) are left:
# at least this many, and at least this share of the lines left.
MODEL_MIN_SHORT = 4
MODEL_MIN_SHORT_SHARE = 0.2
PROSE_CERTAINTY = 0.995  # the line model's score needed to remove a line that reads like prose
THREAD_GAP = 4  # lines a comment thread may run without a widget line (a time, Reply, a counter)


ARTICLE_LEFT = 60  # words of sentences that must stay for a page of mostly debris to be cleaned


def article_left(blocks: list[Block], taken: Decisions) -> bool:
    """Whether an article stays when ``taken`` goes: lines that end like sentences (8 words or more),
    ``ARTICLE_LEFT`` words in all, and more of them than of the prose taken. A short article on a big
    page may be one paragraph."""
    sentences = [b.words for b in blocks if b.number not in taken and b.ends_sentence and b.words >= 8]
    prose_taken = sum(blocks[n].words for n in taken if n not in taken.evident and blocks[n].prose)
    return sum(sentences) >= ARTICLE_LEFT and prose_taken < sum(sentences)


def article_before(blocks: list[Block], b: Block, taken: Decisions) -> bool:
    """Whether article text (sentences of 8 words or more, 30 words in all) stands before ``b``, not taken."""
    words = sum(x.words for x in blocks[: b.number] if x.number not in taken and x.ends_sentence and x.words >= 8)
    return words >= 30


# The header of an author box after the article, and the counts it shows; a rule must have removed it
# (an "About the author" heading alone may head a bio the article keeps).
AUTHOR_HEADER = re.compile(
    r"(?i)(?:written by|about the author) [\w .'’-]{1,40}|\d[\d.,]*\s*[kKmM]?\s*(?:followers|subscribers)"
)
# Rules that remove a line crediting a picture, and only that ("Photo by X"; an agency's name alone may be a byline).
CREDITS = ("caption.credit",)
CAPTION_WORDS = 30
# An editor's note about the article, which stays wherever it stands ("This article was updated to ...").
EDITORS_NOTE = re.compile(
    r"(?i)^(?:corrections?|clarifications?|updated?|editor[’']?s[’']? note|note)\b"
    r"|\bthis (?:article|story|interview|post|piece|report) (?:was|has been|is|contains)\b"
)
BIO_LINES = 2
BIO_WORDS = 40

ITEM_NUMBER = re.compile(r"(\d{1,3})(?:[.):]|\s*[-–—])?(?=\s|$)")


def numbered_items(blocks: list[Block]) -> set[int]:
    """Blocks of the article's numbered items (a listicle): numbers that count up or down by one,
    three or more, each with its text, most items holding a sentence. A list of headlines
    ("Most read": 1. 2. 3. without sentences) and page numbers (1 2 3 on adjacent lines) are not."""
    numbered = [(b.number, int(m[1])) for b in blocks if (m := ITEM_NUMBER.match(b.key))]
    found: set[int] = set()
    chain: list[tuple[int, int]] = []
    for item in [*numbered, (len(blocks), -10)]:
        step = item[1] - chain[-1][1] if chain else 0  # the sentinel's step is never 1
        same_way = len(chain) < 2 or step == chain[-1][1] - chain[-2][1]
        if abs(step) == 1 and same_way and (item[0] > chain[-1][0] + 1 or blocks[item[0]].words >= 4):
            chain.append(item)
            continue
        if len(chain) >= 3:
            found |= _items(blocks, [n for n, _ in chain])
        chain = [item]
    return found


def ranked(run: list[Block]) -> bool:
    """Whether short lines hold a ranked list or a line-up ("1. Alvarez GK" / "2. Brandt RB"): two or more
    numbered items, each with its text, counting up by one (or from 1 again, the next team's). A list of
    short items is the article's."""
    numbers = [int(m[1]) for b in run if b.words >= 2 and (m := ITEM_NUMBER.match(b.key))]
    steps = [b - a for a, b in itertools.pairwise(numbers)]
    return 1 in steps and all(step == 1 or b == 1 for step, b in zip(steps, numbers[1:], strict=True))


def split_dateline(blocks: list[Block]) -> set[int]:
    """Blocks of a date shown over consecutive lines ("23" / "July" / "2012"), one naming a month."""
    found: set[int] = set()
    run: list[Block] = []
    for b in [*blocks, None]:
        if b is not None and b.words <= 2 and DATE_PART.fullmatch(b.key):
            run.append(b)
            continue
        if len(run) >= 2 and any(MONTH_NAME.fullmatch(x.key.rstrip(",")) for x in run):
            found |= {x.number for x in run}
        run = []
    return found


def headline(blocks: list[Block]) -> int | None:
    """The block most likely to be the article's headline: the nearest line of 3 to 30 words that
    does not end with a full stop above where the article's prose begins (bylines, datelines
    and short labels in between are passed over), or None."""
    for b in blocks:
        if not b.prose or not any(x.words >= 15 for x in blocks[b.number + 1 : b.number + 5]):
            continue
        for above in reversed(blocks[max(0, b.number - 8) : b.number]):
            if above.prose:
                return None
            if 3 <= above.words <= 30 and not above.key.endswith(".") and not KEEP_NEAR_ARTICLE.search(above.key):
                return above.number
        return None
    return None


HEAD_SHARE = 0.5  # the article's first sentence stands within this share of the words, or there is no head


def opening(blocks: list[Block], taken: Decisions) -> int:
    """The block where the article's text begins, or 0 when it does not begin near the top: what stands above
    it is the head (title, standfirst, byline, dateline and the debris among them).

    The text begins with the first sentence (8 words or more, not taken) that another follows; a
    standfirst that ends like a sentence has the byline under it. Without two in a row (a live
    page's entries, each under its time), with the first sentence.
    """

    def sentence(b: Block) -> bool:
        return b.ends_sentence and b.words >= 8

    left = [b for b in blocks if b.number not in taken]
    first = next((a for a, b in itertools.pairwise(left) if sentence(a) and sentence(b)), None)
    if first is None or first.share >= HEAD_SHARE:
        first = next((b for b in left if sentence(b)), None)
    return first.number if first is not None and first.share < HEAD_SHARE else 0


def next_left(blocks: list[Block], taken: Decisions, b: Block) -> Block | None:
    """The first block after ``b`` that is not taken, or None."""
    return next((blocks[n] for n in range(b.number + 1, len(blocks)) if n not in taken), None)


def cut_groups(pattern: Any) -> list[str]:
    """The groups of a trim rule's pattern whose text goes: those named ``cut`` or ``cut_...``."""
    return [g for g in pattern.groupindex if g == "cut" or g.startswith("cut_")]


def glued(rest: str) -> bool:
    """Whether ``rest``, after a copy of the title, is debris glued on (alt text, a site's name): not the
    phrase going on after a comma ("Amhole with a bike, a nice one")."""
    return rest[:1] not in ",;"


def _items(blocks: list[Block], starts: list[int]) -> set[int]:
    """The blocks of items that start at ``starts``, when most of them hold a sentence."""
    gaps = sorted(b - a for a, b in itertools.pairwise(starts))
    if gaps[len(gaps) // 2] > 6:
        return set()
    spans = [range(a, b) for a, b in itertools.pairwise(starts)]
    spans.append(range(starts[-1], min(len(blocks), starts[-1] + gaps[len(gaps) // 2])))
    with_sentence = sum(any(blocks[n].ends_sentence and blocks[n].words >= 6 for n in span) for span in spans)
    if with_sentence < 0.5 * len(spans):
        return set()
    return {n for span in spans for n in span}


class Plan(NamedTuple):
    """A source's rules, worked out once: by kind (in order), and for the line rules what the hot loop reads:
    (rule, pattern, most words, where, within, prefilter slot) each, the most words any takes, their slots."""

    kinds: dict[str, list[Rule]]
    specs: list[tuple[Any, ...]]
    longest: int
    slots: frozenset[int]


class Decisions(dict[int, tuple[Rule, str]]):
    """Block number -> the rule that removes it, and why (for the change log); and what to flag.

    ``evident`` holds blocks whose removal rests on evidence (a comment widget
    seen), which the guard does not count against its limit.
    """

    def __init__(self, memo: dict[Any, Any] | None = None) -> None:
        super().__init__()
        self.memo = {} if memo is None else memo  # pattern matches by line text, kept across looks
        self.flags: list[str] = []
        self.evident: set[int] = set()
        self.kept: dict[int, Rule] = {}  # block -> the keep rule that protects it
        self.spared: dict[int, tuple[Rule, Rule]] = {}  # block -> (keep rule, the rule it was kept from)
        self.end = 10**9  # the block of the article's last sentence, once line rules have run
        self.cuts: dict[int, Rule] = {}  # block -> the trim rule that cuts debris out of its line

    def find_end(self, blocks: list[Block]) -> Block | None:
        """The article's last sentence: the last block not taken that ends like one and has 8+ words."""
        last = next((b for b in reversed(blocks) if b.number not in self and b.ends_sentence and b.words >= 8), None)
        self.end = last.number if last else 10**9
        return last

    def take(self, block: Block, rule: Rule, why: str = "") -> None:
        keeper = self.kept.get(block.number)
        if keeper is None:
            self.setdefault(block.number, (rule, why))
        elif block.number not in self.spared:
            self.spared[block.number] = (keeper, rule)


@register
class Boilerplate(Pass):
    name = "boilerplate"
    summary = "site debris by rules: navigation, captions, share bars, newsletter boxes, lists, comments, disclaimers"
    rule_keys = {
        "kind": Field(str, default="line", choices=KINDS),
        "pattern": Field(str, regex=True),
        "members": Field(list, regex=True, default=()),
        "max_words": Field(int, default=0),
        "where": Field(str, default="anywhere", choices=("anywhere", "head", "tail")),
        "within": Field(float, default=0.3, high=1),
        "max_lines": Field(int, default=12),
        "item_words": Field(int, default=0),
        "prose_ok": Field(bool, default=False),
    }
    defaults = {"max_removed_share": 0.7, "linemodel": True}

    def setup(self) -> None:
        share = self.options["max_removed_share"]
        if not 0 < share <= 1:
            raise ConfigError(f"option max_removed_share is a share of the words, above 0 and at most 1; got {share!r}")
        missing = [
            f"{r.file}: rule '{r.id}': a {r['kind']} rule needs a 'pattern'"
            for r in self.rules.values()
            if r["kind"] != "builtin" and r["pattern"] is None
        ]
        missing += [
            f"{r.file}: rule '{r.id}': a trim rule's pattern needs a group named 'cut' (what it removes)"
            for r in self.rules.values()
            if r["kind"] == "trim" and r["pattern"] is not None and not cut_groups(r["pattern"])
        ]
        if missing:
            raise RuleError(missing)
        self.model = None
        if self.options["linemodel"] and "boilerplate.linemodel" in self.rules:
            from cleaner.linemodel import LineModel

            self.model = LineModel.load()
        patterned = [r for r in self.rules.values() if r["pattern"] is not None]
        self.slot = {r.id: i for i, r in enumerate(patterned)}  # rule -> its pattern's number in the prefilter
        self.prefilter = LineFilter([r["pattern"] for r in patterned])
        self.arrange()
        # Each source's signatures, with the text a plain one is (found by a substring test first).
        self.signed = {src.id: [(p, literal(p)) for p in src.signatures] for src in self.sources.values()}

    def apply(self, text: str, doc: Document) -> str:
        """Judge the lines and remove what the rules find; again on what is left, until nothing more goes.

        Positions (head, tail, the title, the article's end) shift when debris is removed, so a
        second look can find more; repeating until stable makes cleaning clean text change nothing.
        Each look is guarded as a fresh document would be; more than ``max_removed_share`` of the
        words removed over several looks is flagged.
        """
        total = removed = 0
        memo: dict[Any, Any] = {}
        blocks = split(text)
        for _ in range(MAX_ROUNDS):
            if not blocks:
                break
            words = sum(b.words for b in blocks)
            total = total or words
            source = self.detect(text, doc)
            plan = self.plans.get(source) or self.plans[None]  # a source without rules: the generic ones
            taken = self.decide(plan, blocks, doc.changes is not None, memo)
            for number, (keeper, rule) in sorted(taken.spared.items()):
                self.note(doc, keeper.id, f"kept line {blocks[number].line} from {rule.id}")
            if "boilerplate.guard" in self.rules:
                self.guard(blocks, taken, doc, words)
            if not taken and not taken.cuts:
                break
            removed += sum(blocks[n].words for n in taken if n not in taken.evident)
            cut = len(text) - sum(blocks[n].end - blocks[n].start for n in taken)
            text = self.edit(doc, text, self.removals(blocks, taken, text))
            # split(text), from what is known of each line; split again should an edit not have been made
            blocks = without(blocks, taken) if len(text) == cut else split(text)
        share = self.options["max_removed_share"]
        if "boilerplate.guard" in self.rules and total and removed > share * total:
            self.flag(doc, f"removed {removed / total:.0%} of the words in several looks (limit {share:.0%} a look)")
        return text

    def arrange(self) -> None:
        """Each source's rules and their :meth:`plan`, from ``self.rules`` (read-only while cleaning)."""
        by_source: dict[str | None, list[Rule]] = defaultdict(list)
        for r in self.rules.values():
            by_source[r.source].append(r)
        self.by_source = dict(by_source)
        self.plans = {source: self.plan(self.rules_for(source)) for source in {None, *self.by_source}}

    def rules_for(self, source: str | None) -> list[Rule]:
        return (self.by_source.get(source, []) if source else []) + self.by_source.get(None, [])

    def plan(self, rules: list[Rule]) -> Plan:
        """``rules`` sorted by kind, in order, and what :meth:`lines` reads of the line rules."""
        kinds = {kind: [r for r in rules if r["kind"] == kind] for kind in KINDS}
        specs = [
            (r, r["pattern"], r["max_words"] or 10**9, r["where"], r["within"], self.slot[r.id]) for r in kinds["line"]
        ]
        longest = max((spec[2] for spec in specs), default=0)
        return Plan(kinds, specs, longest, frozenset(spec[5] for spec in specs))

    def decide(
        self, plan: Plan | list[Rule], blocks: list[Block], explain: bool = False, memo: dict[Any, Any] | None = None
    ) -> Decisions:
        """Every rule's verdict on the blocks, in a fixed order: lines, headers, zones, tails, builtins,
        and the line model (when switched on) on what they left. ``plan``: the rules, or their :meth:`plan`."""
        taken = Decisions(memo)
        plan = plan if isinstance(plan, Plan) else self.plan(plan)
        by_kind = plan.kinds
        for rule in by_kind["keep"]:
            for b in self.visited(rule, blocks, taken):  # the blocks the prefilter lets through, in order
                if b.number not in taken.kept and self.matches(rule, b, taken):
                    taken.kept[b.number] = rule
        self.lines(plan, blocks, taken)
        taken.find_end(blocks)
        for kind, judge in (("header", self.headers), ("zone", self.zones), ("tail", self.tails)):
            for rule in by_kind[kind]:
                judge(rule, blocks, taken)
        if rule := self.rules.get("boilerplate.comment-thread"):
            self.comment_threads(rule, blocks, taken)
        self.builtins(blocks, taken)
        if self.model is not None:
            self.by_model(self.rules["boilerplate.linemodel"], blocks, taken, explain)
        for rule in by_kind["trim"]:
            for b in self.visited(rule, blocks, taken):
                if b.number in taken or b.number in taken.kept or not self.matches(rule, b, taken):
                    continue
                m = rule["pattern"].fullmatch(b.key)
                if any(m[g] for g in cut_groups(rule["pattern"])):
                    taken.cuts.setdefault(b.number, rule)
        return taken

    def by_model(self, rule: Rule, blocks: list[Block], taken: Decisions, explain: bool) -> None:
        """Lines the trained model scores as boilerplate, with the score and its main reasons; the model
        sees which lines the rules and the comment-thread layer took.

        Bylines, datelines and credits near the top stay, and so do the headline, a listicle's
        numbered items and lines that read like article prose unless the model is all but certain.
        """
        left = [b for b in blocks if b.number not in taken]
        short = sum(1 for b in left if b.words <= 8 and not b.ends_sentence)
        if short < MODEL_MIN_SHORT or short < MODEL_MIN_SHORT_SHARE * len(left):
            return  # article text alone: nothing for the model to find, and scoring it costs time
        memo = taken.memo.setdefault(("linemodel", None), {})  # the lines' own features, for the next look
        ruled = [b.number in taken for b in blocks]
        spared = numbered_items(blocks) | {headline(blocks)}
        # Lines the model may take: not taken, not spared, not a byline, dateline or credit near the top.
        free = [
            not ruled[b.number] and b.number not in spared and not (b.share < 0.2 and KEEP_NEAR_ARTICLE.search(b.key))
            for b in blocks
        ]
        verdicts = self.model.score_lines(  # type: ignore[union-attr]
            [b.key for b in blocks], reasons=3 if explain else 0, taken=ruled, memo=memo, wanted=free
        )
        for b, v in zip(blocks, verdicts, strict=True):
            if v is None or not v.remove or not free[b.number] or (b.prose and v.score < PROSE_CERTAINTY):
                continue
            taken.take(b, rule, v.why() if explain else "")

    # -- sources -----------------------------------------------------------------

    def detect(self, text: str, doc: Document) -> str | None:
        """The document's source: as given, else the one whose hosts include the page's (a record's URL),
        else the one whose signatures match most."""
        if doc.source is not None:
            return doc.source
        host = doc.meta.get("host")
        by_host = next((src for src in self.sources.values() if host and src.has_host(host)), None)
        if by_host is not None:
            doc.source = by_host.id
            self.note(doc, "boilerplate.source", f"source {by_host.id} recognised by its host {host}")
            return doc.source
        best: tuple[int, str, str] | None = None
        for src in self.sources.values():
            signed = self.signed[src.id]
            hits = [p.pattern for p, plain in signed if (plain in text if plain is not None else p.search(text))]
            if hits and (best is None or len(hits) > best[0]):
                best = (len(hits), src.id, hits[0])
        if best is None:
            return None
        doc.source = best[1]
        self.note(doc, "boilerplate.source", f"source {best[1]} recognised by signature {best[2]!r}")
        return doc.source

    # -- rule kinds --------------------------------------------------------------

    @staticmethod
    def placed(rule: Rule, block: Block, taken: Decisions) -> bool:
        """Whether ``block`` is where ``rule`` may act: head and tail are shares of the words;
        a header or zone after the article's last sentence is in the tail too."""
        where = "tail" if rule["kind"] == "tail" else rule["where"]
        if where == "head":
            return block.number == 0 or block.share < rule["within"]
        if where == "tail":
            return block.share >= 1 - rule["within"] or (rule["kind"] != "tail" and block.number > taken.end)
        return True

    def candidates(self, key: str, memo: dict[Any, Any]) -> frozenset[int]:
        """The slots of the patterns that may fullmatch the line ``key`` (one scan for all), remembered."""
        found = memo.get((None, key))
        if found is None:
            found = memo[(None, key)] = self.prefilter.candidates(key)
        return found

    def visited(self, rule: Rule, blocks: list[Block], taken: Decisions) -> list[Block]:
        """The blocks, in order, whose line ``rule``'s pattern may match (by the prefilter); no other can."""
        index = taken.memo.get((None, None))
        if index is None or index[0] is not blocks:
            by_slot: dict[int, list[Block]] = defaultdict(list)
            for b in blocks:
                for slot in self.candidates(b.key, taken.memo):
                    by_slot[slot].append(b)
            index = taken.memo[(None, None)] = (blocks, by_slot)
        return index[1].get(self.slot[rule.id], [])

    def matches(self, rule: Rule, block: Block, taken: Decisions) -> bool:
        if self.slot[rule.id] not in self.candidates(block.key, taken.memo):
            return False
        if rule["max_words"] and block.words > rule["max_words"]:
            return False
        if not self.placed(rule, block, taken):
            return False
        hit = taken.memo.get((rule.id, block.key))
        if hit is None:
            hit = taken.memo[(rule.id, block.key)] = rule["pattern"].fullmatch(block.key) is not None
        return hit

    def lines(self, plan: Plan, blocks: list[Block], taken: Decisions) -> None:
        """Whole-line rules, in order, the first that matches a block taking it (the hot loop).

        Which patterns match a line is worked out once per line text and remembered across
        the pass's looks; where the line stands is checked each look.
        """
        _, specs, longest, slots = plan
        memo = taken.memo
        for b in blocks:
            if b.words > longest or b.number in taken:
                continue
            hits = memo.get(b.key)
            if hits is None:
                found = self.candidates(b.key, memo)
                hits = memo[b.key] = (
                    [
                        spec
                        for spec in specs
                        if b.words <= spec[2] and spec[5] in found and spec[1].fullmatch(b.key) is not None
                    ]
                    if not slots.isdisjoint(found)
                    else []
                )
            for rule, _, _, where, within, _ in hits:
                if where == "head" and not (b.number == 0 or b.share < within):
                    continue
                if where == "tail" and b.share < 1 - within:
                    continue
                taken.take(b, rule)
                break

    def headers(self, rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """A header and the headlines under it; a generic list stops at a line that reads like a sentence."""
        item_words = rule["item_words"] or 25

        def listed(item: Block) -> bool:
            headline = 2 <= item.words <= item_words and (
                rule.source is not None or not item.ends_sentence or item.words <= 12
            )
            return headline or self.member(rule, item)

        self.led_by(rule, blocks, taken, listed, "listed under line {}")

    def zones(self, rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """A widget's first line and its short or member lines."""

        def inside(item: Block) -> bool:
            if self.member(rule, item):
                return True
            if item.words > rule["item_words"] or item.ends_sentence:
                return False
            after = blocks[item.number + 1] if item.number + 1 < len(blocks) else None
            # The article starts: a byline or dateline, or the headline right above one.
            return not (KEEP_NEAR_ARTICLE.search(item.key) or (after and BYLINE.match(after.key)))

        self.led_by(rule, blocks, taken, inside, "in the zone that starts at line {}")

    def led_by(
        self, rule: Rule, blocks: list[Block], taken: Decisions, belongs: Callable[[Block], bool], why: str
    ) -> None:
        """Each line the rule matches, and up to ``max_lines`` lines after it that belong to it or are taken."""
        for b in self.visited(rule, blocks, taken):
            if b.number in taken or not self.matches(rule, b, taken):
                continue
            taken.take(b, rule)
            for item in blocks[b.number + 1 : b.number + 1 + rule["max_lines"]]:
                if item.number in taken:
                    continue  # already found by another rule: part of the same widget
                if not belongs(item):
                    break
                taken.take(item, rule, why.format(b.line))

    @staticmethod
    def member(rule: Rule, block: Block) -> bool:
        return any(m.fullmatch(block.key) for m in rule["members"])

    def tails(self, rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        for b in self.visited(rule, blocks, taken):
            if not rule["pattern"].fullmatch(b.key) or (rule["max_words"] and b.words > rule["max_words"]):
                continue
            thread = self.thread(rule, blocks, b)
            if thread:
                if not article_before(blocks, b, taken):
                    taken.flags.append(
                        f"kept line {b.line} and what follows: {rule.id} matched, but no article text comes before it"
                    )
                    continue
                for item in thread:
                    taken.take(item, rule, "" if item is b else f"in the thread that starts at line {b.line}")
                    taken.evident.add(item.number)
                return
            if self.placed(rule, b, taken):
                if rule.source is None and sum(item.prose for item in blocks[b.number + 1 :]) > 1:
                    taken.flags.append(f"kept line {b.line} and what follows: article prose after {rule.id}")
                    return
                for item in blocks[b.number :]:
                    taken.take(item, rule, "" if item is b else f"after the marker at line {b.line}")
                return

    @staticmethod
    def comment_threads(rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """Comment threads shown by their structure (:mod:`cleaner.threads`), below the first line of prose;
        with little or no article above them only when no prose follows."""
        start = next((b.number for b in blocks if b.prose and b.number not in taken), None)
        if start is None:
            return
        found = threads.find(blocks, start, taken.memo.setdefault(("threads", None), {}))
        if not found:
            return
        free = (b.words if b.prose and b.number not in taken else 0 for b in blocks)
        prose = list(itertools.accumulate(free, initial=0))  # prose words before each block
        for thread in found:
            before, after = prose[thread.first], prose[-1] - prose[thread.last + 1]
            if after > before and not thread.strong:
                continue  # the article goes on after it: not the comments under it
            if after and not article_before(blocks, blocks[thread.first], taken):
                continue  # little article above it and prose below: the thread may stand above the article
            for item in blocks[thread.first : thread.last + 1]:
                taken.take(
                    item,
                    rule,
                    f"comment thread, lines {blocks[thread.first].line}-{blocks[thread.last].line}: {thread.why}",
                )
                taken.evident.add(item.number)

    def thread(self, rule: Rule, blocks: list[Block], marker: Block) -> list[Block]:
        """The marker and the thread its widget lines (``members``) show: empty if none is seen.

        Widget lines (a time, Reply, Report, a counter) must recur: the thread runs while no more
        than ``THREAD_GAP`` lines pass without one, and ends with the line after the last one, or
        with the page when only a few short lines follow.
        """
        last = None
        for item in blocks[marker.number + 1 :]:
            if self.member(rule, item):
                last = item.number
            elif item.number - (marker.number if last is None else last) > (8 if last is None else THREAD_GAP):
                break
        if last is None:
            return []
        rest = blocks[last + 1 :]
        if len(rest) <= THREAD_GAP and not any(b.prose for b in rest):
            return blocks[marker.number :]  # the page ends with the thread (a comment form's last lines)
        return blocks[marker.number : last + 2]

    # -- rules judged by code ----------------------------------------------------

    def builtins(self, blocks: list[Block], taken: Decisions) -> None:
        on = self.rules.get
        if rule := on("boilerplate.head-zone"):
            self.head_zone(rule, blocks, taken)
        start = opening(blocks, taken)  # where the article begins: the rules of the head look above it
        if rule := on("boilerplate.repeated-label"):
            self.repeated_labels(rule, blocks, taken, start)
        if rule := on("boilerplate.tab-label"):
            self.tab_labels(rule, blocks, taken, start)
        if rule := on("boilerplate.credit-caption"):
            self.credit_captions(rule, blocks, taken, start)
        if rule := on("boilerplate.head-counter"):
            self.head_counters(rule, blocks, taken, start)
        if rule := on("boilerplate.repeated-title"):
            self.repeated_title(rule, blocks, taken)
        if rule := on("boilerplate.pull-quote"):
            self.pull_quotes(rule, blocks, taken)
        if rule := on("boilerplate.counted-list"):
            self.counted_lists(rule, blocks, taken)
        if rule := on("boilerplate.lone-symbol"):
            for b in blocks:
                if NO_LETTERS.fullmatch(b.key):
                    taken.take(b, rule)
        if rule := on("boilerplate.author-box"):
            self.author_box(rule, blocks, taken)
        if rule := on("boilerplate.tail-zone"):  # after the author box: its title and links are labels beside it
            self.tail_zone(rule, blocks, taken)
        if rule := on("boilerplate.trailing-counter"):
            for b in reversed(blocks):
                if b.number in taken:
                    continue
                if not COUNTER.fullmatch(b.key):
                    break
                taken.take(b, rule)
            for b in reversed(blocks[:-1]):
                if b.number not in taken and b.number + 1 in taken and COUNTER.fullmatch(b.key):
                    taken.take(b, rule, f"a counter of the widget on line {blocks[b.number + 1].line}")

    @staticmethod
    def counted_lists(rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """Runs of ``COUNTED_RUN`` lines or more that are a label and a count: a blog's categories,
        tags or archive months ("Applications (94)", "July 2011 (7)")."""
        run: list[Block] = []
        for b in [*blocks, None]:
            if b is not None and b.key.endswith((")", "]")) and COUNTED.fullmatch(b.key):
                run.append(b)
                continue
            if len(run) >= COUNTED_RUN:
                for item in run:
                    taken.take(item, rule, f"one of {len(run)} counted labels from line {run[0].line}")
            run = []

    @staticmethod
    def label_runs(
        blocks: list[Block], taken: Decisions, first: int, last: int, words: int, capitals: int = 0
    ) -> Iterator[Block]:
        """Short label lines between ``first`` and ``last`` in runs that touch a removed line: ``words`` or
        fewer, or ``capitals`` or fewer all in capitals (a masthead, ``EL DIARIO DEL SUR``).

        A label is only ever taken as part of debris that a rule already found:
        alone, a short line may be an event detail, a poll answer or a credit.
        """
        run: list[Block] = []
        for b in [*blocks[first : last + 1], None]:
            short = b is not None and (b.words <= words or (b.words <= capitals and b.key.isupper()))
            label = short and b.number not in taken and not b.ends_sentence  # type: ignore[union-attr]
            if label and not KEEP_NEAR_ARTICLE.search(b.key):  # type: ignore[union-attr]
                run.append(b)  # type: ignore[arg-type]
                continue
            if run and (run[0].number - 1 in taken or run[-1].number + 1 in taken) and not ranked(run):
                yield from run
            run = []

    def head_zone(self, rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """Short label lines above the title: next to debris found there, or opening the page (site, section)."""
        title = next((b for b in blocks if b.number not in taken and 5 <= b.words <= 30 and not b.ends_sentence), None)
        if title is None or title.share > 0.2 or title.number > 12:
            return
        dateline = split_dateline(blocks[: title.number])
        for b in blocks[: title.number]:
            if b.words >= 2 and KEEP_NEAR_ARTICLE.search(blocks[b.number + 1].key):
                continue  # a short headline over its dateline or byline ("Lancia Delta Review" / "August 9, 2012")
            label = b.words <= 2 or (b.words <= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in b.key.split()))
            if b.number not in taken and label and not KEEP_NEAR_ARTICLE.search(b.key) and b.number not in dateline:
                taken.take(b, rule, f"a label opening the page above the title on line {title.line}")
        # After those: a page tool's lower-case label among them goes with them ("Minimize to nav").
        for b in self.label_runs(blocks, taken, 0, title.number - 1, 3, capitals=4):
            if b.number not in dateline and not (b.words >= 2 and KEEP_NEAR_ARTICLE.search(blocks[b.number + 1].key)):
                taken.take(b, rule, f"a label above the title on line {title.line}, next to other debris")

    @staticmethod
    def repeated_labels(rule: Rule, blocks: list[Block], taken: Decisions, start: int) -> None:
        """A label among the removed lines that open the page, printed again in the byline block: below a
        title, above the article's first sentence, over a byline or dateline. A headline listed at the top
        of a blog (recent posts) and printed again over its post is not: the post follows it, not a byline."""
        first = next((b for b in blocks if b.number not in taken), None)
        if first is None:
            return
        top = {b.key.casefold(): b for b in reversed(blocks[: first.number]) if b.words <= 3 and not b.ends_sentence}
        titled = False
        for b in blocks[first.number : start]:
            if b.number in taken:
                continue
            label = top.get(b.key.casefold())
            after = next_left(blocks, taken, b)
            if label and titled and after is not None and after.words <= 12 and KEEP_NEAR_ARTICLE.search(after.key):
                taken.take(b, rule, f"repeats the label removed on line {label.line}")
            titled = titled or (5 <= b.words <= 30 and not b.ends_sentence)

    def tab_labels(self, rule: Rule, blocks: list[Block], taken: Decisions, start: int) -> None:
        """A page's tab labels in the head (``Summary`` on a live page) that head nothing: debris comes next,
        or a timestamp after no more than other tabs and one-word controls (``Filter``), not the text a
        heading of that name would have under it."""
        tabs = {
            b.number for b in self.visited(rule, blocks, taken) if b.number < start and self.matches(rule, b, taken)
        }
        for n in sorted(tabs):
            if n in taken:
                continue
            if blocks[n + 1].number in taken:
                taken.take(blocks[n], rule, f"a tab label: line {blocks[n + 1].line} below is debris")
                continue
            run = [blocks[n]]
            for after in blocks[n + 1 :]:
                if not (
                    after.number in tabs or after.number in taken or (after.words == 1 and not after.ends_sentence)
                ):
                    break
                run += [after] if after.number in tabs else []
            if after.words <= 8 and threads.CLOCK.search(after.key):
                for tab in run:
                    taken.take(
                        tab, rule, f"a tab label: the first line below it that is not a tab is a time ({after.line})"
                    )

    @staticmethod
    def credit_captions(rule: Rule, blocks: list[Block], taken: Decisions, start: int) -> None:
        """A picture's caption in the head, on the line right above its credit (removed by a ``CREDITS`` rule):
        a short sentence below the title's next line (a standfirst stays; a headline does not end like a
        sentence), not a byline, and, in a text of paragraphs, in the same paragraph as the credit."""
        credited = [
            b
            for b in blocks[:start]
            if b.number not in taken and b.number + 1 in taken and taken[b.number + 1][0].id in CREDITS
        ]
        if not credited:
            return  # most pages: no picture credit taken in the head
        title = next((b.number for b in blocks if b.number not in taken and 5 <= b.words <= 30), None)
        paragraphs = any(b.line > a.line + 1 for a, b in itertools.pairwise(blocks))
        for b in credited:
            credit = blocks[b.number + 1]
            above = next((x for x in reversed(blocks[: b.number]) if x.number not in taken), None)
            if above is None or title is None or above.number <= title or not 3 <= b.words <= CAPTION_WORDS:
                continue
            if not b.ends_sentence or BYLINE.match(b.key):
                continue
            if not paragraphs or credit.line == b.line + 1:
                taken.take(b, rule, f"the caption of the picture credited on line {credit.line}")

    @staticmethod
    def head_counters(rule: Rule, blocks: list[Block], taken: Decisions, start: int) -> None:
        """A bare count under the byline or dateline, above the article (its comments or shares): not a
        listicle's first number, which a number one apart follows as another item."""
        dateline = split_dateline(blocks[:start])
        for b in blocks[1:start]:
            above = blocks[b.number - 1]
            if b.number in taken or b.number in dateline or not COUNTER.fullmatch(b.key) or YEAR.fullmatch(b.key):
                continue
            if above.number in taken or above.words > 12 or not KEEP_NEAR_ARTICLE.search(above.key):
                continue
            item = ITEM_NUMBER.match(b.key)
            after = (ITEM_NUMBER.match(x.key) for x in blocks[b.number + 1 :])
            if item is None or not {int(item[1]) - 1, int(item[1]) + 1} & {int(m[1]) for m in after if m}:
                taken.take(b, rule, f"a count under the byline or dateline on line {above.line}")

    def tail_zone(self, rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """Short label lines after the article's last sentence, next to debris found there (tags, footer links)."""
        last = taken.find_end(blocks)
        if last is None:
            return
        free = [b for b in blocks if b.number not in taken]
        before = sum(b.words for b in free if b.number <= last.number)
        if before >= 0.5 * sum(b.words for b in free):  # the article's end, not a sentence near its start
            for b in self.label_runs(blocks, taken, last.number + 1, len(blocks) - 1, 5):
                taken.take(b, rule, f"a label after the article's last sentence on line {last.line}, next to debris")

    @staticmethod
    def author_box(rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """The byline's name alone near the end with the bio after it, or a bio that starts with the name;
        and the bio in an author box that a rule removed (:meth:`bio_in_box`)."""
        Boilerplate.bio_in_box(rule, blocks, taken)
        byline = next((m for b in blocks if b.share < 0.2 and (m := BYLINE.match(b.key))), None)
        if byline is None:
            return
        name = byline[1]
        surname = name.split()[-1].casefold()
        bio_of = re.compile(rf"{re.escape(name)},? (?:is|was|covers|writes|reports)\b", re.IGNORECASE)
        for b in blocks:
            if b.share < 0.6 or b.number in taken:
                continue
            if b.key.casefold() == name.casefold():
                taken.take(b, rule, f"the byline's name ({name}) again after the article")
                bio = blocks[b.number + 1] if b.number + 1 < len(blocks) else None
                if bio and bio.number not in taken and bio.words <= 30 and surname in bio.key.casefold():
                    taken.take(bio, rule, f"the bio of {name}")
            elif b.words <= 30 and bio_of.match(b.key):
                taken.take(b, rule, f"the bio of {name}, the byline's author")

    @staticmethod
    def bio_in_box(rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """The author's bio inside an author box after the article: one or two lines of up to ``BIO_WORDS``
        words below the box's header (``Written by X``, a followers count: removed by ``author.box``)
        and its other lines, with more debris or the page's end under them."""
        for b in blocks:
            if b.share < 0.5 or b.number not in taken or taken[b.number][0].id != "author.box":
                continue
            if not AUTHOR_HEADER.fullmatch(b.key):
                continue
            # The box's own lines (a followers count, a follow button) may come first, taken.
            start = next((x.number for x in blocks[b.number + 1 : b.number + 4] if x.number not in taken), None)
            if start is None:
                continue
            bio = list(itertools.takewhile(lambda x: x.number not in taken, blocks[start : start + BIO_LINES + 1]))
            below = bio[-1].number + 1
            if len(bio) > BIO_LINES or any(x.words > BIO_WORDS or EDITORS_NOTE.search(x.key) for x in bio):
                continue
            if not article_before(blocks, b, taken):
                continue
            if below == len(blocks) or below in taken:
                for x in bio:
                    taken.take(x, rule, f"the bio in the author box at line {b.line}")

    @staticmethod
    def repeated_title(rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """The title printed again, alone or with a caption or site name glued on (``...插图``).

        Of the plain copies, the one that stays is the last above the article's first paragraph
        (the headline over its byline and body); the others (a breadcrumb's, a share box's) go.
        """
        title = next((b for b in blocks if b.number not in taken), None)
        if title is None or title.words > 40 or title.words < 2:
            return
        fold = title.key.casefold()  # a key's white space is even already
        after = blocks[title.number + 1 :]
        if not after:
            return
        copies, glued_on = [title], []
        for b, text in zip(after, "\n".join(b.key for b in after).casefold().split("\n"), strict=True):
            if not text.startswith(fold):
                continue
            rest = text[len(fold) :]
            if not rest:
                copies.append(b)
            elif title.words >= 4 and len(WORD.findall(rest)) <= 3 and not rest.strip().endswith(".") and glued(rest):
                glued_on.append(b)
        body = next((b.number for b in blocks if b.prose and b.number not in taken), None)
        above = [c for c in copies if body is not None and c.number < body]
        kept = above[-1] if above else title
        for b in sorted([*copies, *glued_on]):
            if b is not kept:
                taken.take(b, rule, f"repeats the title on line {kept.line}")

    @staticmethod
    def pull_quotes(rule: Rule, blocks: list[Block], taken: Decisions) -> None:
        """A quotation set apart that repeats words of the article, and the short attribution under it."""
        quotes = [  # of two copies, the first (the article's own) stays: from the end
            b
            for b in reversed(blocks)
            if b.number not in taken
            and 8 <= b.words <= 60
            and b.key[0] in QUOTE_OPEN
            and b.key.rstrip(".")[-1] in QUOTE_CLOSE
            and not ATTRIBUTED.search(b.key)
        ]
        if not quotes:
            return
        # The words of what is left (a comment quoting the article is not it), in one scan: a line
        # break between lines makes the trigrams across them, which no quotation's can equal.
        words = WORD_OR_BREAK.findall("\n".join(b.key for b in blocks if b.number not in taken).casefold())
        everywhere = Counter(zip(words, words[1:], words[2:], strict=False))
        for b in quotes:  # taking one takes only it and the line after it: the list stays as found
            words = WORD.findall(b.key.casefold())
            mine = Counter(zip(words, words[1:], words[2:], strict=False))
            elsewhere = [t for t in mine if everywhere[t] > mine[t]]
            if mine and len(elsewhere) >= 0.5 * len(mine):
                taken.take(b, rule, "repeats words of the article")
                for t, k in mine.items():  # its twin is the article's own paragraph: it stays
                    everywhere[t] -= k
                after = blocks[b.number + 1] if b.number + 1 < len(blocks) else None
                if after and after.words <= 8 and not after.ends_sentence and after.number not in taken:
                    taken.take(after, rule, f"attribution of the pull quote on line {b.line}")

    # -- guard and output --------------------------------------------------------

    def guard(self, blocks: list[Block], taken: Decisions, doc: Document, total: int) -> None:
        """Keep prose from generic line rules; keep everything if too much would go. Flag either way.

        ``total`` is the words of the blocks. A comment thread shown by its widget lines is not
        counted, and more than ``max_removed_share`` may go from a page that is mostly debris when
        an article stays (:func:`article_left`); but nothing may take every line that holds text.
        """
        for why in taken.flags:
            self.flag(doc, why)
        for number, (rule, _) in list(taken.items()):
            b = blocks[number]
            if b.prose and rule.source is None and rule["kind"] in ("line", "header", "zone") and not rule["prose_ok"]:
                del taken[number]
                self.flag(doc, f"kept line {b.line}, which reads like article prose, from rule {rule.id}")
        now = sum(blocks[n].words for n in taken if n not in taken.evident)
        share = self.options["max_removed_share"]
        if total and now > share * total and article_left(blocks, taken):
            self.flag(doc, f"removed {now / total:.0%} of the words (over {share:.0%}): the article's sentences stay")
            return
        if total and now > share * total:
            why = f"kept everything: rules would remove {now / total:.0%} of the words (limit {share:.0%})"
        elif taken and len(taken) == len(blocks):
            why = "kept everything: rules would remove every line"
        else:
            return
        self.flag(doc, why)
        for number, (rule, _) in sorted(taken.items()):
            self.note(doc, rule.id, f"kept by the guard: line {blocks[number].line}: {blocks[number].key[:60]!r}")
        taken.clear()
        taken.cuts.clear()

    def flag(self, doc: Document, why: str) -> None:
        if why in doc.flags:
            return
        doc.flags.append(why)
        self.note(doc, "boilerplate.guard", why)

    @staticmethod
    def removals(blocks: list[Block], taken: Decisions, text: str) -> Iterator[Edit]:
        """The lines taken, whole, and the debris cut out of the lines a trim rule matched, in order."""
        for number in sorted({*taken, *taken.cuts}):
            b = blocks[number]
            if number in taken:
                rule, why = taken[number]
                yield Edit(b.start, b.end, "", rule.id, why)
                continue
            rule = taken.cuts[number]
            line = text[b.start : b.end].rstrip("\n")
            indent = len(line) - len(line.lstrip())
            m = rule["pattern"].fullmatch(line.strip())  # the line as it is, should its spaces differ from the key's
            spans = sorted(m.span(g) for g in cut_groups(rule["pattern"]) if m[g]) if m else []
            for start, end in spans:
                yield Edit(b.start + indent + start, b.start + indent + end, "", rule.id, f"cut {line[start:end]!r}")
