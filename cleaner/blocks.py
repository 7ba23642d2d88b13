"""A document seen as blocks: its non-empty lines, each with what judging it in context needs."""

from __future__ import annotations

import re
from typing import NamedTuple

# A word: a run of letters and digits, except that Chinese and Japanese, written without
# spaces, count a word a character (so a sentence of them is as long as it looks).
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = re.compile(f"[{CJK}]|[^\\W{CJK}]+")
# ASCII text with every character but a word character made a space: its words are what split() gives.
ASCII_WORDS_APART = bytes(c if c < 128 and (chr(c).isalnum() or c == ord("_")) else 32 for c in range(256))
SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")
PROSE_WORDS = 30  # a block this long that ends like a sentence reads like article prose


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

    @property
    def ends_sentence(self) -> bool:
        return bool(SENTENCE_END.search(self.key))

    @property
    def prose(self) -> bool:
        """Long and ending like a sentence: what an article paragraph looks like."""
        return self.words >= PROSE_WORDS and self.ends_sentence


def split(text: str) -> list[Block]:
    """The blocks of ``text``, in order."""
    found: list[tuple[int, int, int, str, int]] = []
    pos = 0
    for number, line in enumerate(text.split("\n")):
        end = pos + len(line)
        key = " ".join(line.split())
        if key:
            words = len(key.encode().translate(ASCII_WORDS_APART).split()) if key.isascii() else len(WORD.findall(key))
            found.append((number + 1, pos, min(end + 1, len(text)), key, words))
        pos = end + 1
    total = sum(f[4] for f in found) or 1
    out: list[Block] = []
    before = 0
    for i, (line, start, end, key, words) in enumerate(found):
        out.append(Block(i, line, start, end, key, words, before / total))
        before += words
    return out
