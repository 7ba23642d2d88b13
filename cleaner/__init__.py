"""cleaner: turn scraped news text into clean, trustworthy text.

>>> import cleaner
>>> cleaner.clean("Body text.   \\n\\n\\n\\nMore.")
'Body text.\\n\\nMore.\\n'

``clean`` and ``clean_and_explain`` build their pipeline once per set of
arguments and reuse it; build a :class:`Pipeline` yourself to hold one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cleaner.document import Change, Document, replay
from cleaner.errors import CleanerError, ConfigError, DecodeError, RuleError
from cleaner.pipeline import Explained, Pass, Pipeline, register, shared_pipeline

__version__ = "0.2.0"

__all__ = [
    "Change",
    "CleanerError",
    "ConfigError",
    "DecodeError",
    "Document",
    "Explained",
    "Pass",
    "Pipeline",
    "RuleError",
    "clean",
    "clean_and_explain",
    "register",
    "replay",
]


def clean(
    text: str | bytes,
    *,
    source: str | None = None,
    passes: Sequence[str] | None = None,
    rules: str | Path | Sequence[str | Path] | None = None,
    **options: Any,
) -> str:
    """Clean one text (or raw bytes, decoded first) with the default passes."""
    return shared_pipeline(passes, rules, **options).clean(text, source)


def clean_and_explain(
    text: str | bytes,
    *,
    source: str | None = None,
    passes: Sequence[str] | None = None,
    rules: str | Path | Sequence[str | Path] | None = None,
    **options: Any,
) -> Explained:
    """Like :func:`clean`, and also return every change made: pass, rule, line, offsets, before, after."""
    return shared_pipeline(passes, rules, **options).clean_and_explain(text, source)
