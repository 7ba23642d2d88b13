"""Finding spellings that probably name the same person, for a person to review.

``cleaner names suggest`` reads a corpus, finds romanised Chinese names and
English-first-name forms, and groups them when

- they share a given name (``Cai Chongxin`` / ``Chua Chongxin``, also across
  pinyin and Wade-Giles: ``Chongxin`` / ``Chung-hsin``), or nearly (rapidfuzz);
- an English name is followed by a Chinese given name (``Eddie Wu Yongming`` /
  ``Eddie Wu`` / ``Wu Yongming``);
- an English-name form has a surname romanised from the same Chinese surname
  (Cai / Tsai / Choi / Chua) and its first name appears beside the Chinese form.

Surname romanisations come from pypinyin (pinyin, Wade-Giles) and ToJyutping
(Cantonese), plus a short table of Hokkien spellings no library provides. It
never changes text; it prints groups with counts, examples and a TOML entry: for
a person already in the names table, that entry with the missing spellings added.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cleaner.passes.names import key
from cleaner.rules import Rule

# The hundred most common Chinese surnames (simplified), whose romanisations are looked up.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Hokkien and Teochew spellings (Singapore, Malaysia, the Philippines), which no romanisation library covers.
HOKKIEN = {
    "蔡": "chua", "陈": "tan", "林": "lim", "黄": "ng wee", "吴": "goh", "张": "teo", "李": "lee", "王": "ong",
    "郑": "tay teh", "杨": "yeo", "许": "koh", "谢": "chia", "郭": "quek", "洪": "ang", "邱": "khoo", "刘": "lau",
    "周": "chew", "何": "ho", "叶": "yap", "曾": "chan", "庄": "chng", "苏": "soh",
}  # fmt: skip
# Jyutping spelled the Hong Kong way (coi -> choi, zoeng -> cheung, ng -> ng).
JYUTPING_INITIALS = (("gw", "kw"), ("z", "ch"), ("c", "ch"), ("j", "y"), ("g", "k"), ("d", "t"), ("b", "p"))
JYUTPING_FINALS = (("oeng", "eung"), ("eoi", "ui"), ("eon", "un"), ("yu", "u"), ("aa", "a"), ("ou", "o"), ("ei", "ee"))

# Capitalised words that start sentences or are titles, never part of a name.
NOT_NAMES = frozenset(
    "the a an in on at for and but or as by of to with from after before later then when while since meanwhile "
    "however also so if yet now today yesterday here there this that these those his her their our its "
    "chairman chief president vice executive founder co-founder director minister premier mr mrs ms dr professor "
    "ceo cfo cto chair secretary general governor mayor senator reporter editor".split()
)
NAME = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:[ \t]+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}(?![\w-])")


def _plain(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and c.isalpha()).lower()


@lru_cache(maxsize=1)
def surname_families() -> dict[str, set[str]]:
    """Romanised surname (lower case) -> the Chinese surnames it may stand for."""
    import ToJyutping
    from pypinyin import Style, lazy_pinyin

    families: dict[str, set[str]] = defaultdict(set)
    for ch in SURNAMES:
        forms = {_plain(lazy_pinyin(ch)[0]), _plain(lazy_pinyin(ch, style=Style.WADEGILES)[0])}
        jyut = re.sub(r"\d", "", ToJyutping.get_jyutping_list(ch)[0][1] or "")
        forms.add(jyut)
        for a, b in JYUTPING_INITIALS:
            if jyut.startswith(a):
                jyut = b + jyut[len(a) :]
                break
        for a, b in JYUTPING_FINALS:
            jyut = jyut.replace(a, b)
        forms.add(jyut)
        forms.update(HOKKIEN.get(ch, "").split())
        for form in forms - {""}:
            families[form].add(ch)
    return families


@lru_cache(maxsize=1)
def syllables() -> tuple[frozenset[str], dict[str, set[str]]]:
    """Pinyin syllables, and Wade-Giles syllables with the pinyin they stand for (from pypinyin)."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    pinyin: set[str] = set()
    wade: dict[str, set[str]] = defaultdict(set)
    for codepoint in pinyin_dict:
        ch = chr(codepoint)
        if not "\u4e00" <= ch <= "\u9fff":
            continue
        py = _plain(lazy_pinyin(ch)[0])
        pinyin.add(py)
        wade[_plain(lazy_pinyin(ch, style=Style.WADEGILES)[0])].add(py)
    return frozenset(pinyin), wade


def given_forms(given: str) -> set[str]:
    """The pinyin spellings a romanised given name may stand for; empty if it is not one."""
    pinyin, wade = syllables()
    parts = [_plain(p) for p in re.split(r"[-\s]", given) if p]
    if len(parts) == 1:
        word = parts[0]
        splits = [[word[:i], word[i:]] for i in range(1, len(word))] + [[word]]
        parts_options = [p for p in splits if all(s in pinyin for s in p)]
        if parts_options:
            return {"".join(p) for p in parts_options}
        parts = [word]
    options = [""]
    for part in parts:
        readings = ({part} if part in pinyin else set()) | wade.get(part, set())
        if not readings:
            return set()
        options = [o + r for o in options for r in readings]
    return set(options)


@dataclass
class Mention:
    name: str
    kind: str  # "chinese" (Cai Chongxin), "english" (Joe Tsai), "mixed" (Eddie Wu Yongming)
    count: int = 0
    docs: set[int] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)


def classify(name: str) -> str | None:
    families = surname_families()
    words = name.split()
    if len(words) == 2 and _plain(words[0]) in families and given_forms(words[1]):
        return "chinese"
    if len(words) == 2 and _plain(words[1]) in families and not given_forms(words[0]):
        return "english"
    if len(words) == 3 and _plain(words[1]) in families and given_forms(words[2]) and not given_forms(words[0]):
        return "mixed"
    return None


def mentions(texts: list[str]) -> dict[str, Mention]:
    """Every name that looks like a romanised Chinese name or an English first name with a Chinese surname."""
    found: dict[str, Mention] = {}
    for i, text in enumerate(texts):
        for m in NAME.finditer(text):
            words = m.group().split()
            while words and words[0].lower() in NOT_NAMES:
                words.pop(0)
            name = " ".join(words)
            if name not in found:
                kind = classify(name)
                if kind is None:
                    continue
                found[name] = Mention(name, kind)
            mention = found[name]
            mention.count += 1
            mention.docs.add(i)
            if len(mention.examples) < 2:
                stop = text.rfind(". ", 0, m.start())
                start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, m.start()) + 1)
                end = min(x for x in (text.find(". ", m.end()), text.find("\n", m.end()), len(text)) if x >= 0)
                mention.examples.append(text[start : end + 1].strip())
    return found


def groups(found: dict[str, Mention], texts: list[str]) -> list[tuple[list[Mention], list[str]]]:
    """Groups of two or more mentions, with the reasons that joined them."""
    from rapidfuzz import fuzz

    parent = {n: n for n in found}
    why: dict[str, list[str]] = defaultdict(list)

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def join(a: str, b: str, reason: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra
            why[ra] += why.pop(rb, [])
        why[ra].append(reason)

    families = surname_families()
    chinese = [m for m in found.values() if m.kind == "chinese"]
    for i, a in enumerate(chinese):
        for b in chinese[i + 1 :]:
            ga, gb = a.name.split()[1], b.name.split()[1]
            same = given_forms(ga) & given_forms(gb)
            if same and len(next(iter(same))) >= 5:
                join(a.name, b.name, f"{a.name} and {b.name} share the given name {ga}")
            elif families[_plain(a.name.split()[0])] & families[_plain(b.name.split()[0])] and fuzz.ratio(ga, gb) >= 90:
                join(a.name, b.name, f"{a.name} and {b.name}: same surname, given names {ga} and {gb} nearly alike")
    for m in found.values():
        if m.kind == "mixed":
            first, surname, given = m.name.split()
            for short in (f"{first} {surname}", f"{surname} {given}"):
                if short in found:
                    join(m.name, short, f"{m.name} is {first} {surname} with the Chinese given name {given}")
    for e in (m for m in found.values() if m.kind == "english"):
        first, surname = e.name.split()
        alone = re.compile(rf"\b{re.escape(first)}\b(?![ \t]+[A-Z])")
        for c in chinese:
            shared = families[_plain(surname)] & families[_plain(c.name.split()[0])]
            if shared and any(alone.search(texts[d]) for d in c.docs):
                join(e.name, c.name, f"{surname} and {c.name.split()[0]} both romanise {''.join(sorted(shared))}, "
                     f"and '{first}' appears beside {c.name}")  # fmt: skip
    members: dict[str, list[Mention]] = defaultdict(list)
    for n, m in found.items():
        members[root(n)].append(m)
    out = [
        (sorted(ms, key=lambda m: -m.count), list(dict.fromkeys(why[r]))) for r, ms in members.items() if len(ms) > 1
    ]
    return sorted(out, key=lambda g: -sum(m.count for m in g[0]))


def entry(group: list[Mention]) -> tuple[str, list[str]]:
    """The canonical name to propose (the commonest English-style form) and the variants."""
    english = [m for m in group if m.kind == "english"]
    canonical = (english or group)[0].name
    return canonical, [m.name for m in group if m.name != canonical]


def render(found_groups: list[tuple[list[Mention], list[str]]], entries: Sequence[Rule] = ()) -> str:
    """The report: each group with counts, examples and why, and the ``[[names]]`` entry to paste.

    ``entries`` is the names table in use. A group it already covers gets its entry, with the
    spellings it lacks added to the variants and all else kept, to paste under the same id;
    a group that spans two entries gets none.
    """
    if not found_groups:
        return "no groups of spellings found\n"
    owner = {
        key(s): rule for rule in entries for s in [rule["canonical"], *rule["variants"], *rule["context_variants"]]
    }
    taken_ids = {rule.id for rule in entries}
    lines = []
    for number, (group, reasons) in enumerate(found_groups, 1):
        canonical, variants = entry(group)
        rules = list({owner[key(m.name)].id: owner[key(m.name)] for m in group if key(m.name) in owner}.values())
        missing = [m.name for m in group if key(m.name) not in owner]
        known = f"  (already in the table: {', '.join(f'{r.id}, {r.file}:{r.line}' for r in rules)})" if rules else ""
        lines.append(f"group {number}: {rules[0]['canonical'] if len(rules) == 1 else canonical}{known}")
        for m in group:
            where = f"  in {owner[key(m.name)].id}" if key(m.name) in owner else ""
            lines.append(f"  {m.name:<22} {m.count:>4} × in {len(m.docs)} document{'s' * (len(m.docs) != 1)}{where}")
            lines += [f'      e.g. "{ex[:140]}"' for ex in m.examples[:1]]
        lines += [f"  why: {r}" for r in reasons]
        if len(rules) > 1:
            lines += [f"  spans {len(rules)} entries of the table: review them by hand, nothing to paste", ""]
        elif rules and not missing:
            lines += [f"  every spelling is already in {rules[0].id}: nothing to add", ""]
        elif rules:
            lines += [
                f"  to add {', '.join(map(repr, missing))} to {rules[0].id}, paste this into a rules folder;",
                "  it replaces that entry and keeps its spellings (move a new spelling to context_variants",
                "  if it may name someone else):",
                *_toml(rules[0].id, rules[0]["canonical"], [*rules[0]["variants"], *missing], rules[0]),
            ]
        else:
            slug = "names." + (re.sub(r"[^a-z0-9]+", "-", canonical.lower()).strip("-") or "person")
            while slug in taken_ids:
                slug += "-2"
            lines += _toml(slug, canonical, variants, None)
    return "\n".join(lines) + "\n"


def _toml(rule_id: str, canonical: str, variants: list[str], old: Rule | None) -> list[str]:
    """A ``[[names]]`` entry, indented, with a blank line around it; an old entry's context is kept."""

    def strings(items: Sequence[str]) -> str:
        return "[" + ", ".join(json.dumps(s, ensure_ascii=False) for s in items) + "]"

    out = ["", "  [[names]]", f'  id = "{rule_id}"', f"  canonical = {json.dumps(canonical, ensure_ascii=False)}"]
    out.append(f"  variants = {strings(variants)}")
    if old is not None and old["context_variants"]:
        out += [f"  context_variants = {strings(old['context_variants'])}", f"  context = {strings(old['context'])}"]
    comment = old.comment if old is not None else "Suggested by cleaner names suggest; checked by: ..."
    return [*out, f"  comment = {json.dumps(comment, ensure_ascii=False)}", ""]
