"""A Dask cluster (the ``dask`` extra): tasks on its workers, in order, a bounded number in flight.

``Dask("tcp://host:8786")`` joins a running cluster (its workers need this
package installed, and for batches of files, the same file system); with no
address, a ``LocalCluster`` of ``workers`` processes is started here. For Dask
collections of your own, :func:`clean_bag` and :func:`clean_column` map a
pipeline over partitions.

Limit: Dask runs tasks in worker threads, where the time budget of a document
is checked between passes but cannot interrupt a pass (see :mod:`cleaner.budget`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from cleaner.errors import CleanerError
from cleaner.pipeline import Pipeline


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise CleanerError("the Dask engine needs dask.distributed: pip install 'news-cleaner[dask]'") from None
    return distributed


class Dask:
    """A Dask cluster: the one at ``scheduler``, or a local one of ``workers`` processes started on first use."""

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self._client: Any = None
        self._cluster: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            distributed = _distributed()
            if self.scheduler:
                self._client = distributed.Client(self.scheduler)
            else:
                self._cluster = distributed.LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self._client = distributed.Client(self._cluster)
        return self._client

    def map(self, task: Any, state: Any, items: Iterable[Any]) -> Iterator[Any]:
        client = self.client
        shared = client.scatter(state, broadcast=True, hash=False)
        window = 4 * max(1, len(client.scheduler_info()["workers"]))
        pending: deque[Any] = deque()
        try:
            for item in items:
                pending.append(client.submit(task, shared, item, pure=False))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None


def _clean_texts(texts: Iterable[str], pipeline: Pipeline) -> list[str]:
    return list(pipeline.clean_many(texts))


def _clean_records(records: Iterable[dict[str, Any]], pipeline: Pipeline, options: dict[str, Any]) -> list[Any]:
    return list(pipeline.clean_records(records, **options))


def clean_bag(bag: Any, pipeline: Pipeline, text_field: str | None = None, **options: Any) -> Any:
    """A Dask bag of texts (or, with ``text_field``, of records) cleaned partition by partition."""
    if text_field is None:
        return bag.map_partitions(_clean_texts, pipeline)
    return bag.map_partitions(_clean_records, pipeline, {"text_field": text_field, **options})


def _clean_series(series: Any, pipeline: Pipeline) -> Any:
    return series.map(pipeline.clean)


def clean_column(frame: Any, column: str, pipeline: Pipeline) -> Any:
    """A Dask dataframe with ``column`` cleaned, other columns as they were."""
    cleaned = frame[column].map_partitions(_clean_series, pipeline, meta=(column, "object"))
    return frame.assign(**{column: cleaned})
