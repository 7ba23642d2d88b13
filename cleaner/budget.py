"""A time budget for each document, so that no input can stall a run.

In the main thread (the command line, its worker processes, a script) the budget
is enforced by a timer signal that interrupts whatever runs, even a regular
expression stuck in backtracking. Elsewhere (a thread pool, or when the program
already uses ``SIGALRM``) it is checked between passes. Either way the document
fails with :class:`OverBudget`, naming the pass and, when it can be told, the rule.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from time import monotonic
from types import TracebackType

from cleaner.errors import CleanerError

BASE_SECONDS = 30.0  # every document's budget...
SECONDS_PER_MB = 5.0  # ...plus this for each megabyte beyond the first


def seconds_for(size: int, base: float = BASE_SECONDS) -> float:
    """The budget of a document of ``size`` characters or bytes."""
    return base + SECONDS_PER_MB * max(0.0, size / 1e6 - 1)


class OverBudget(CleanerError):
    """A document took longer than its time budget."""

    def __init__(self, seconds: float, pass_name: str, rule: str | None) -> None:
        self.seconds, self.pass_name, self.rule = seconds, pass_name, rule
        where = f"in pass {pass_name}" + (f", rule {rule}" if rule else "")
        super().__init__(f"took longer than its time budget of {seconds:g} s ({where})")


class Expired(BaseException):
    """Raised by the timer inside whatever code runs; a BaseException so no ``except Exception`` swallows it."""


def _expire(signum: int, frame: object) -> None:
    raise Expired


@contextmanager
def timer(seconds: float | None) -> Iterator[bool]:
    """Raise :class:`Expired` in this block after ``seconds``; yields whether a signal enforces it."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )
    if not usable:
        yield False
        return
    signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


class Deadline:
    """When a document's time is up, checked between passes."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = None if seconds is None else monotonic() + seconds

    def passed(self) -> bool:
        return self.at is not None and monotonic() > self.at


def rule_at(tb: TracebackType | None) -> str | None:
    """The rule that was running where the timer struck: the innermost frame with a rule in hand."""
    from cleaner.rules import Rule, Source

    found = None
    while tb is not None:
        local = tb.tb_frame.f_locals
        rule, rule_id, src = local.get("rule"), local.get("rule_id"), local.get("src")
        if isinstance(rule, Rule):
            found = rule.id
        elif isinstance(rule_id, str) or isinstance(rule, str):
            found = rule_id if isinstance(rule_id, str) else rule
        elif isinstance(src, Source):
            found = f"signatures of source {src.id}"
        tb = tb.tb_next
    return found
