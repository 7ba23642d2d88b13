"""names: one person, one spelling. ``Cai Chongxin’s`` becomes ``Joe Tsai’s``.

Each ``[[names]]`` entry gives a ``canonical`` name, its ``variants``, and
``context_variants`` that may name someone else: those change only in a document
that mentions one of the entry's ``context`` words or the person's unambiguous
names (the canonical name or a plain variant).

Whole names only, longest first, never inside a longer name; a possessive and
the case of the text are kept; a name wrapped onto the next line is found.
Surnames alone, first names alone and names in Chinese characters are never in
the table, so they never change. One compiled matcher (a trie of every variant)
serves the whole table, so its cost stays flat as the table grows.

>>> from cleaner import clean
>>> clean("CAI CHONGXIN met Ma Yun’s team; Ma Yunfei and Mr Ma did not.", passes=["names"])
'JOE TSAI met Jack Ma’s team; Ma Yunfei and Mr Ma did not.'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.document import Document, Edit
from cleaner.errors import RuleError
from cleaner.pipeline import Pass, register
from cleaner.prefilter import TextFilter
from cleaner.rules import Field, Rule

GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # between two words of a name: spaces, or one line break
HYPHEN = "[-‐‑ ]?"  # Chung-hsin, Chung hsin, Chunghsin
POSSESSIVE = r"(?:['’]s)?"
# One romanised Chinese syllable (pinyin or Wade-Giles: fei, hsin, ch'ing, yüan, erh), roughly: initial, vowels, final.
SYLLABLE = r"(?:[bpmfdtnlgkhjqxrzcswy]|zh|ch|sh|hs|ts|tz)?['’]?[aeiouüv]{1,3}(?:ng|rh|n|h|r)?(?![\w'’])"
# A name ends at a word's end; a hyphen may join it to an English word (Joe Tsai-led, Jack Ma-Backed),
# but not to one more syllable of a longer name (Ma Yun-fei, Tsai Chung-hsin-yi) nor to another
# surname (Joseph Tsai-Smith); a street or building named after a person keeps its name (Wu Yongming Road),
# and so does a namesake told apart by a generation (Joseph Tsai Jr.).
COMPOUND_WORDS = (
    "led|backed|owned|founded|controlled|linked|funded|run|style|era|like|related|affiliated|chaired|"
    "appointed|branded|inspired|supported|based|sponsored|designed|approved|endorsed|connected|focused|type"
)
PLACES = "Road|Rd|Street|St|Avenue|Ave|Boulevard|Lane|Bridge|Station|Square|Park|Building|Tower|Hall|Stadium|Airport"
TAIL = (
    rf"(?![\w])(?![-‐‑]{SYLLABLE})(?![-‐‑][^\W\d_]*[\d_])"
    rf"(?![-‐‑](?!(?:{COMPOUND_WORDS})\b)(?-i:[A-Z]))(?![ \t]+(?-i:{PLACES}|{PLACES.upper()})\b)"
    r"(?!,?[ \t]+(?:Jr|Sr|II|III|IV)\b)"
)
NOT_ALNUM = re.compile(r"[\W_]+")
LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters: a word of a name


def key(name: str) -> str:
    """A spelling reduced to what identifies it: letters and digits, lower case."""
    return NOT_ALNUM.sub("", name).casefold()


def _trie_regex(names: list[str]) -> str:
    """One regex for all ``names``: a trie, so a failed first letter costs one test."""
    trie: dict = {}
    for name in names:
        node = trie
        for token in re.findall(r"\s+|-|.", name):
            token = GAP if token.isspace() else HYPHEN if token == "-" else r"\.?" if token == "." else re.escape(token)
            node = node.setdefault(token, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [t + build(child) for t, child in node.items() if t]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@register
class Names(Pass):
    name = "names"
    summary = "one spelling per person from alias tables, keeping possessives and case; context for ambiguous names"
    rule_keys = {
        "canonical": Field(str, required=True),
        "variants": Field(list, default=(), items=str, kept=True),
        "context_variants": Field(list, default=(), items=str, kept=True),
        "context": Field(list, default=(), items=str),
    }

    def setup(self) -> None:
        self.owner: dict[str, tuple[Rule, bool]] = {}  # key of a spelling -> (entry, needs context)
        problems = [p for rule in self.rules.values() for p in _unsafe(rule)]
        canonicals = {key(r["canonical"]): r for r in self.rules.values()}
        for rule in self.rules.values():
            spellings = [(v, False) for v in rule["variants"]] + [(v, True) for v in rule["context_variants"]]
            if rule["context_variants"] and not rule["context"] and not rule["variants"]:
                problems.append(f"{rule.where}: context_variants need context words or variants")
            for spelling, gated in spellings:
                k = key(spelling)
                other = canonicals.get(k)
                if other is not None and other is not rule:
                    problems.append(
                        f"{rule.where}: variant {spelling!r} is the canonical name of '{other.id}' ({other.file})"
                    )
                elif k in self.owner and self.owner[k][0] is not rule:
                    first = self.owner[k][0]
                    problems.append(
                        f"{rule.where}: variant {spelling!r} is also claimed by '{first.id}' ({first.file})"
                    )
                elif k != key(rule["canonical"]):
                    self.owner[k] = (rule, gated)
        if problems:
            raise RuleError(problems)
        spellings = sorted(
            {s for r in self.rules.values() for s in [*r["variants"], *r["context_variants"]]}, key=len, reverse=True
        )
        self.matcher = (
            re.compile(rf"(?<![\w-])(?:{_trie_regex(spellings)}){TAIL}(?P<possessive>{POSSESSIVE})", re.IGNORECASE)
            if spellings
            else None
        )
        self.prescan = TextFilter(self.matcher) if self.matcher is not None else None  # most texts name no one
        self.context = {
            r.id: re.compile(
                r"(?<!\w)(?:"
                + "|".join(re.escape(w) for w in [*r["context"], r["canonical"], *r["variants"]])
                + r")(?!\w)",
                re.IGNORECASE,
            )
            for r in self.rules.values()
            if r["context_variants"]
        }

    def apply(self, text: str, doc: Document) -> str:
        if self.prescan is None or not self.prescan.may_find(text):
            return text
        return self.edit(doc, text, self._edits(text))

    def _edits(self, text: str) -> Iterator[Edit]:
        in_context: dict[str, bool] = {}
        done = 0  # end of the previous edit: an extended match must not reach back over it
        for m in self.matcher.finditer(text):  # type: ignore[union-attr]
            found = m.group()[: len(m.group()) - len(m["possessive"])]
            owner = self.owner.get(key(found))
            if owner is None:
                continue
            rule, gated = owner
            if gated:
                if rule.id not in in_context:
                    in_context[rule.id] = bool(self.context[rule.id].search(text))
                if not in_context[rule.id]:
                    continue
            start, end = m.start(), m.start() + len(found)
            first = rule["canonical"].split()[0]
            before = text[max(done, start - len(first) - 1) : start]
            if " " in rule["canonical"] and before.casefold() == first.casefold() + " ":
                start -= len(before)  # "Joe Tsai Chung-hsin": the English first name goes with the variant
            yield Edit(start, end, respell(text[start:end], rule["canonical"]), rule.id)
            done = end


def _unsafe(rule: Rule) -> Iterator[str]:
    """What in an entry would change text that is not this person's name: a spelling without
    letters matches around punctuation anywhere, a single word ("the", a surname) names others."""
    if not LETTERS.search(rule["canonical"]):
        yield f"{rule.where}: canonical {rule['canonical']!r} has no letters"
    for spelling in [*rule["variants"], *rule["context_variants"]]:
        if len(LETTERS.findall(spelling)) < 2:
            yield (
                f"{rule.where}: variant {spelling!r} is not a whole name of two words or more "
                "(a single word, such as a surname alone or a common word, would change other people's names)"
            )
    for word in rule["context"]:
        if not key(word):
            yield f"{rule.where}: context word {word!r} has no letters or digits (it would be found everywhere)"


def respell(found: str, canonical: str) -> str:
    """``canonical`` in the case of ``found``, keeping a line break where the name was wrapped."""
    letters = [c for c in found if c.isalpha()]
    out = canonical.upper() if letters and all(c.isupper() for c in letters) else canonical
    if "\n" in found:
        gaps = re.findall(r"\s+", found)
        at = min(next(i for i, g in enumerate(gaps) if "\n" in g), out.count(" ") - 1)
        if at >= 0:
            words = out.split(" ")
            out = " ".join(words[: at + 1]) + "\n" + " ".join(words[at + 1 :])
    return out
