"""This machine: the task in this process, or in worker processes with a bounded number of items in flight.

Items are read from their iterator only as results are taken, so memory stays
flat however many there are, and results come back in the order of the items.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Task = Callable[[Any, Item], Result]

_worker: tuple[Callable[[Any, Any], Any], Any] | None = None


def _init_worker(task: Callable[[Any, Any], Any], state: Any) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = (task, state)


def _call(item: Any) -> Any:
    assert _worker is not None
    return _worker[0](_worker[1], item)


def ordered_map(task: Task, state: Any, items: Iterable[Item], workers: int = 1, window: int = 0) -> Iterator[Result]:
    """``task(state, item)`` for every item, in order; in ``workers`` processes when more than one.

    At most ``window`` items (default: four per worker) are in flight at once.
    Closing the iterator early (or Ctrl-C) stops the workers.
    """
    if workers <= 1:
        for item in items:
            yield task(state, item)
        return
    import multiprocessing

    window = window or 4 * workers
    with multiprocessing.Pool(workers, _init_worker, (task, state)) as pool:
        pending: deque[Any] = deque()
        for item in items:
            pending.append(pool.apply_async(_call, (item,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


class Local:
    """This machine: ``workers`` processes (one: this process)."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers

    def map(self, task: Task, state: Any, items: Iterable[Item]) -> Iterator[Result]:
        return ordered_map(task, state, items, self.workers)

    def close(self) -> None:
        """Nothing to release: worker pools live as long as one ``map``."""


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of up to ``size`` items, in order, read lazily."""
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
