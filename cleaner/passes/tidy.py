"""tidy: the last pass; whitespace at line ends and between paragraphs.

Leading indentation and the paragraph layout are kept: blank-line-separated
text stays so, one-paragraph-per-line text stays so.

>>> from cleaner import clean
>>> clean("Title  \\n\\n\\n\\nBody.\\u00a0\\n\\u200b\\n", passes=["tidy"])
'Title\\n\\nBody.\\n'
"""

from __future__ import annotations

import re
from functools import cache

from cleaner.document import Document, Edit
from cleaner.pipeline import Pass, register

# White space other than a line break, and characters that show nothing (one class: fast to scan).
INVISIBLE = (
    "[\t\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff]"
)

STEPS = (
    ("tidy.invisible-line", re.compile(rf"^{INVISIBLE}+$", re.MULTILINE), ""),
    # Tried only where a run starts (its first character, then nothing like it before): retried at each
    # of its characters, a long run would cost its square. Starting with the class lets the engine skip ahead.
    ("tidy.trailing-space", re.compile(rf"{INVISIBLE}(?<!{INVISIBLE}{INVISIBLE}){INVISIBLE}*$", re.MULTILINE), ""),
    ("tidy.blank-lines", re.compile(r"\n(?<=\n\n\n)\n*"), ""),  # a third line break on, and the rest of the run
    ("tidy.leading-blank-lines", re.compile(r"\A\n+"), ""),
)


@cache
def _invisible() -> frozenset[str]:
    """The characters of INVISIBLE."""
    return frozenset(re.findall(INVISIBLE, "".join(map(chr, range(0x10000)))))


def ends_invisible(text: str) -> bool:
    """Whether some line ends in white space or an invisible character (INVISIBLE), where the first two
    steps can match (a test of each line's last character costs less than a pattern's try at every position)."""
    return not _invisible().isdisjoint([line[-1:] for line in text.split("\n")])


# A quick look that tells when a step has nothing to do (most texts): the rule's step runs only if it says yes.
MAY_MATCH = {
    "tidy.invisible-line": ends_invisible,
    "tidy.trailing-space": ends_invisible,
    "tidy.blank-lines": lambda text: "\n\n\n" in text,
    "tidy.leading-blank-lines": lambda text: text.startswith("\n"),
}


@register
class Tidy(Pass):
    name = "tidy"
    summary = "trailing spaces, invisible-only lines, runs of blank lines, exactly one final newline"

    def apply(self, text: str, doc: Document) -> str:
        for rule, pattern, repl in STEPS:
            if MAY_MATCH[rule](text):
                text = self.sub(doc, rule, pattern, repl, text)
        end = len(text)
        while end and text[end - 1] == "\n":  # (no copy of the text to find it)
            end -= 1
        if end and text[end:] != "\n":
            text = self.edit(doc, text, [Edit(end, len(text), "\n", "tidy.final-newline")])
        return text
