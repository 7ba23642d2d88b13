"""A document seen as blocks: its non-empty lines, each with what judging it in context needs."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

# A word: a run of letters and digits, except that Chinese and Japanese, written without
# spaces, count a word a character (so a sentence of them is as long as it looks).
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = re.compile(f"[{CJK}]|[^\\W{CJK}]+")
# ASCII text with every character but a word character made a space: its words are what split() gives.
ASCII_WORDS_APART = bytes(c if c < 128 and (chr(c).isalnum() or c == ord("_")) else 32 for c in range(256))
PROSE_WORDS = 30  # a block this long that ends like a sentence reads like article prose


HAS_CJK = re.compile(f"[{CJK}]")
# WORD's words of a line with CJK, counted apart: the CJK characters by the lengths of their runs
# (far fewer matches than characters), then the other words.
CJK_RUN = re.compile(f"[{CJK}]+")
NON_CJK_WORD = re.compile(f"[^\\W{CJK}]+")
ASCII_BYTES = bytes(range(128))
# UTF-8 with every byte made a space but those of word characters (any byte of a non-ASCII character
# is taken for one) and line breaks: split, the words of each line of a text without CJK.
UTF8_WORDS_APART = bytes(c if c == 10 else ASCII_WORDS_APART[c] if c < 128 else ord("a") for c in range(256))
# What str.split() takes for white space besides a space and a line break (str.isspace()).
OTHER_SPACE = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
ASCII_OTHER_SPACE = bytes(c for c in map(ord, OTHER_SPACE) if c < 128)
NON_ASCII_SPACE = frozenset(c for c in OTHER_SPACE if c >= "\x80")
# A line ends like a sentence: one of ENDERS, then only CLOSERS.
ENDERS = frozenset(".!?…:;。！？")
CLOSERS = "\"'”’»)]"


class Block(NamedTuple):
    """One non-empty line: where it is, its text with its spaces evened out, its size.

    Rules match ``key``: with each run of white space one space long, a pattern
    whose white-space quantifiers can share a run (``\\s+(?:x\\s+)?\\s*``) has only
    one way to split it, not as many as the run is long.
    """

    number: int  # position among the blocks, from 0
    line: int  # line number in the text, from 1
    start: int  # offset of the line in the text
    end: int  # offset just past the line's line break (or the text's end)
    key: str  # the line, stripped, each run of white space made one space
    words: int
    share: float = 0.0  # share of the document's words that come before this block
    ends_sentence: bool = False  # ``key`` ends like a sentence (ENDERS, then CLOSERS)
    prose: bool = False  # long and ending like a sentence: what an article paragraph looks like


def word_counts(lines: list[str], data: bytes, others: str) -> list[int]:
    """The words (``WORD``) of each of ``lines``, the lines of a text: ``data`` is its UTF-8, ``others``
    its non-ASCII characters (in order, or any order).

    Without CJK, a word is a run of word characters: with the other non-ASCII characters made
    spaces, the text's UTF-8 bytes tell them apart (every byte of a non-ASCII character is
    then part of a word), in one translation for all the lines.
    """
    if others:
        if HAS_CJK.search(others):
            return [sum(map(len, CJK_RUN.findall(line))) + len(NON_CJK_WORD.findall(line)) for line in lines]
        for c in set(others):
            if not c.isalnum():  # "_", the one \w character isalnum() leaves out, is ASCII
                data = data.replace(c.encode("utf-8", "surrogatepass"), b" ")  # UTF-8: never inside another
    return list(map(len, map(bytes.split, data.translate(UTF8_WORDS_APART).split(b"\n"))))


def spaced_plainly(data: bytes, others: str) -> bool:
    """Whether every line of a text (``data``: its UTF-8, ``others``: its non-ASCII characters) is its own
    key: no white space but single spaces between other characters (``" ".join(line.split())`` keeps it)."""
    return not (
        data[:1] == b" "
        or data[-1:] == b" "
        or b"  " in data
        or b" \n" in data
        or b"\n " in data
        or len(data.translate(None, ASCII_OTHER_SPACE)) < len(data)
        or (others and not NON_ASCII_SPACE.isdisjoint(others))
    )


def split(text: str) -> list[Block]:
    """The blocks of ``text``, in order."""
    lines = text.split("\n")
    data = text.encode("utf-8", "surrogatepass")
    others = "" if text.isascii() else data.translate(None, ASCII_BYTES).decode("utf-8", "surrogatepass")
    counts = word_counts(lines, data, others)
    plain = spaced_plainly(data, others)
    found: list[tuple[int, int, int, str, int]] = []
    pos = 0
    size = len(text)
    for number, line in enumerate(lines):
        end = pos + len(line) + 1
        key = line if plain else " ".join(line.split())
        if key:
            found.append((number, pos, min(end, size), key, counts[number]))
        pos = end
    total = sum(f[4] for f in found) or 1
    out: list[Block] = []
    before = 0
    make = Block._make
    for i, (number, start, end, key, words) in enumerate(found):
        ends = key.rstrip(CLOSERS)[-1:] in ENDERS
        out.append(make((i, number + 1, start, end, key, words, before / total, ends, ends and words >= PROSE_WORDS)))
        before += words
    return out


def without(blocks: list[Block], gone: Collection[int]) -> list[Block]:
    """What :func:`split` gives on the text left when the lines of the blocks numbered ``gone`` are cut
    out of it, each with its line break (``text[b.start : b.end]``): the others, numbered, placed and
    shared out again."""
    kept = [b for b in blocks if b.number not in gone]
    total = sum(b.words for b in kept) or 1
    out: list[Block] = []
    make = Block._make
    shift = lines = before = 0
    for b in blocks:
        if b.number in gone:
            shift += b.end - b.start
            lines += 1
            continue
        placed = (len(out), b.line - lines, b.start - shift, b.end - shift)
        out.append(make((*placed, b.key, b.words, before / total, b.ends_sentence, b.prose)))
        before += b.words
    return out
