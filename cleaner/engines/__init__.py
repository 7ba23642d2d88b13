"""How documents flow through a pipeline: in this process, a pool of worker processes, or a Dask cluster.

Every engine runs a *task*, a module-level function ``task(state, item)``,
over items, and yields results in the items' order with a bounded number in
flight; ``state`` (a pipeline and its settings) is sent to each worker once.
The same tasks run on every engine, so every engine gives the same output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol


class Engine(Protocol):
    """Runs ``task(state, item)`` over items and yields the results in the items' order."""

    workers: int

    def map(self, task: Any, state: Any, items: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


def engine(name: str = "local", workers: int = 1, scheduler: str | None = None) -> Engine:
    """An engine by name: ``local`` (this machine) or ``dask`` (a cluster at ``scheduler``, else a local one)."""
    if name == "dask":
        from cleaner.engines.dask import Dask

        return Dask(scheduler, workers)
    from cleaner.engines.local import Local

    return Local(workers)
