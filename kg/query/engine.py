"""Queries run in worker processes kg owns: a crash costs one query, a timeout ends the work.

Oxigraph evaluates a query in native code. Some queries make it panic (a sort whose comparison
is not a total order aborts the whole process), some run for minutes, some build strings of
hundreds of megabytes. So no query runs in the process that asked for it: an :class:`Engine`
keeps one or more worker processes (:mod:`kg.query._worker`), each with the store open
read-only, and hands each query to an idle one over a pipe. Then:

* a worker that dies (a panic, the kernel's OOM killer) costs that query only: the caller gets
  :class:`EngineCrash`, naming what the engine said as it died, and the next query gets a new
  worker;
* at the timeout the worker is killed, so the work stops with the wait (:class:`QueryTimeout`);
* the worker counts the answer as it writes it, and stops at ``limit`` results
  (:class:`TooManyResults`) or ``max_bytes`` bytes (:class:`AnswerTooLarge`), so no answer is
  held whole past its caps, in the worker or here;
* the guard (:func:`kg.query.guard.check_query`) runs in the worker too, under the same timeout.

Workers listen on no socket and die with their parent (see :mod:`kg.query._worker`); unless
the engine is made with ``network=True`` (for ``SERVICE`` to allowed endpoints) they run, on
Linux where the kernel allows, in a network namespace with no interface up, so a query that got
past the guard still reaches no host. The pool is for POSIX systems (it waits on pipes with
``select``).

Examples
--------
>>> import pyoxigraph
>>> store = pyoxigraph.Store()
>>> store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://e/a"), pyoxigraph.NamedNode("http://e/p"),
...                           pyoxigraph.Literal("1")))
>>> with Engine(store) as engine:
...     answer = engine.query("SELECT ?s WHERE { ?s ?p ?o }", timeout=30, limit=10)
>>> answer.kind, answer.data
('select', b'?s\\n<http://e/a>\\n')
"""
from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from kg.errors import OutputError, QueryError

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["DEFAULT_MAX_BYTES", "AnswerTooLarge", "Answer", "Engine", "EngineBusy", "EngineCrash", "QueryTimeout",
           "TooManyResults", "mb"]

DEFAULT_MAX_BYTES = 50_000_000  # bytes an answer may hold, as the engine writes it (kg serve's default too)
START_TIMEOUT = 60.0  # seconds a new worker may take to open its store
QUEUE_TIMEOUT = 60.0  # seconds a query may wait for a free worker
_LENGTH = 4


class QueryTimeout(QueryError):
    """The query ran past its timeout; its worker was killed."""

    def __init__(self, timeout: float) -> None:
        super().__init__(f"the query ran past the timeout of {timeout:g} s and was stopped: narrow it down "
                         "(a LIMIT, a more selective pattern) or raise the timeout with --timeout")
        self.timeout = timeout


class TooManyResults(QueryError):
    """The answer has more results than the cap."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the answer has more than {limit} results, the cap here: add a LIMIT to the query "
                         "(or raise the cap with --limit)")
        self.limit = limit


class AnswerTooLarge(QueryError):
    """The answer is bigger than the byte cap."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"the answer is larger than {mb(max_bytes)}, the cap here: ask for fewer or shorter "
                         "values (or raise the cap with --max-bytes)")
        self.max_bytes = max_bytes


class EngineBusy(QueryError):
    """Every worker stayed busy for longer than the engine lets a query wait."""


class EngineCrash(QueryError):
    """The worker died while running the query (a panic in Oxigraph, or killed)."""


def mb(size: int) -> str:
    """``size`` bytes for people: ``50 MB``, ``1.5 MB``, ``900 bytes``."""
    if size < 1_000_000:
        return f"{size} bytes"
    return f"{size / 1_000_000:g} MB"


@dataclass(frozen=True)
class Answer:
    """What a worker sent back: ``select`` (TSV), ``ask`` (``boolean``), ``graph`` (N-Triples) or
    ``quads`` (N-Quads)."""

    kind: str
    data: bytes = b""
    boolean: bool | None = None


class _Worker:
    """One worker process over ``location`` (a store folder, or ``-`` with ``payload`` N-Quads)."""

    def __init__(self, location: str, payload: bytes | None, network: bool) -> None:
        self._log: IO[bytes] = tempfile.TemporaryFile()
        env = {**os.environ, "RUST_BACKTRACE": "0", "PYTHONUNBUFFERED": "1"}
        # Linux's parent-death signal follows the thread that started the child: ask for it only
        # from the main thread, which lives as long as the process; the watchdog covers the rest
        die = "1" if threading.current_thread() is threading.main_thread() else "0"
        self.proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "kg.query._worker", location, str(os.getpid()), die,
             "1" if network else "0"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, env=env, close_fds=True,
            start_new_session=False)
        self._buffer = bytearray()
        self.ready = False
        self.sandboxed = False
        if payload is not None:
            self._send({"op": "load", "payload": True}, payload)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait_ready(self, deadline: float) -> None:
        header, _ = self._receive(deadline)
        if not header.get("ok"):
            self.kill()
            raise QueryError(header.get("message", "the query engine did not start"))
        self.ready = True
        self.sandboxed = bool(header.get("sandboxed"))

    def call(self, request: dict[str, Any], deadline: float) -> tuple[dict[str, Any], bytes]:
        self._send(request)
        return self._receive(deadline)

    def _send(self, header: dict[str, Any], payload: bytes | None = None) -> None:
        head = json.dumps(header).encode("utf-8")
        parts = [len(head).to_bytes(_LENGTH, "big"), head]
        if payload is not None:
            parts += [len(payload).to_bytes(_LENGTH, "big"), payload]
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(b"".join(parts))
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # it died: _receive reports how

    def _read(self, n: int, deadline: float | None) -> bytes:
        """``n`` bytes from the worker, or ``TimeoutError`` at ``deadline``, ``EOFError`` if it died."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while len(self._buffer) < n:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                raise TimeoutError
            chunk = os.read(fd, max(1 << 16, min(n - len(self._buffer), 1 << 24)))
            if not chunk:
                raise EOFError
            self._buffer += chunk  # a bytearray: appending does not copy what came before
        data = bytes(self._buffer[:n])
        del self._buffer[:n]
        return data

    def _receive(self, deadline: float | None) -> tuple[dict[str, Any], bytes]:
        header = json.loads(self._read(int.from_bytes(self._read(_LENGTH, deadline), "big"), deadline))
        payload = b""
        if header.get("payload"):
            payload = self._read(int.from_bytes(self._read(_LENGTH, deadline), "big"), deadline)
        return header, payload

    def last_words(self) -> str:
        """What the process wrote on stderr, reduced to a Rust panic's message where there is one."""
        self._log.seek(0)
        text = self._log.read()[-20_000:].decode("utf-8", "replace")
        panic = re.search(r"panicked at ([^\n]*?):?\n(.+)", text)
        if panic:
            return f"Oxigraph panicked: {panic.group(2).strip()} ({panic.group(1).strip()})"
        fatal = re.search(r"Fatal Python error: ([^\n]+)", text)
        if fatal:
            return f"the worker died: {fatal.group(1).strip()}"
        lines = [line for line in text.splitlines() if line.strip()]
        return " ".join(lines[-2:])[-300:]

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a process that ignores SIGKILL
            pass
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        self._log.close()


class Engine:
    """A pool of up to ``workers`` worker processes over one store.

    Parameters
    ----------
    store
        A store folder (``OUT/store``), or a ``pyoxigraph.Store`` (its quads are copied into each
        worker, for graphs built in memory).
    workers
        How many queries may run at once; more wait for a free worker (within their timeout).
    warm
        Start the workers now rather than on the first queries.
    queue_timeout
        Seconds a query may wait for a free worker (then :class:`EngineBusy`); its own timeout
        starts when it has one.
    network
        Whether the workers may reach the network (for ``SERVICE`` calls to allowed endpoints).
        Without it, on Linux, each worker moves into a network namespace of its own with no
        interface up, where the kernel allows that (see :attr:`sandboxed`): a ``SERVICE`` that got
        past the guard could fetch nothing.
    """

    def __init__(self, store: str | os.PathLike[str] | pyoxigraph.Store, *, workers: int = 1,
                 warm: bool = False, queue_timeout: float = QUEUE_TIMEOUT, network: bool = False) -> None:
        if workers < 1:
            raise ValueError("an engine needs at least one worker")
        if isinstance(store, (str, os.PathLike)):
            folder = Path(store)
            if not folder.is_dir():
                out = folder.parent if folder.name == "store" else folder
                raise OutputError(f"no graph at {out}: run `kg build SOURCES --out {out}` first")
            self._location, self._payload = str(folder.resolve()), None
        else:
            import pyoxigraph

            self._location = "-"
            self._payload = store.dump(format=pyoxigraph.RdfFormat.N_QUADS) or b""
        self.size = workers
        self.queue_timeout = queue_timeout
        self.network = network
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._lock = threading.Condition()
        self._closed = False
        self.crashes = 0  # workers lost to a crash or a timeout, for tests and logs
        if warm:  # started now, awaited at their first query: their start-up overlaps the caller's
            self._idle.extend(self._spawn() for _ in range(workers))

    def wait_ready(self) -> None:
        """Wait until every idle worker has opened its store (``QueryError`` if one cannot)."""
        deadline = time.monotonic() + START_TIMEOUT
        with self._lock:
            waiting = [w for w in self._idle if not w.ready]
        for worker in waiting:
            try:
                self._start(worker, deadline)
            except QueryError:
                with self._lock:
                    if worker in self._idle:
                        self._idle.remove(worker)
                raise

    # --- the pool

    def _spawn(self) -> _Worker:
        return _Worker(self._location, self._payload, self.network)

    def _start(self, worker: _Worker, deadline: float) -> None:
        try:
            worker.wait_ready(deadline)
        except (TimeoutError, EOFError, ValueError):
            words = worker.last_words()
            worker.kill()
            raise QueryError(f"the query engine did not start: {words or 'no answer in time'}") from None

    def _acquire(self, deadline: float, timeout: float | None) -> _Worker:
        """An idle worker, or a new one when fewer than ``size`` run; waits (until ``deadline``) for one."""
        worker: _Worker | None = None
        with self._lock:
            while worker is None:
                if self._closed:
                    raise QueryError("the query engine is closed")
                while self._idle and worker is None:
                    candidate = self._idle.pop()
                    if candidate.alive():
                        worker = candidate
                    else:
                        candidate.kill()  # died while idle (a signal, its parent thread): start another
                if worker is None and len(self._busy) < self.size:
                    worker = self._spawn()
                if worker is None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise EngineBusy(f"every query worker was busy for {self.queue_timeout:g} s: try again "
                                         "later")
                    self._lock.wait(left)
            self._busy.add(worker)
        if not worker.ready:
            try:
                self._start(worker, max(deadline, time.monotonic() + START_TIMEOUT))
            except BaseException:
                self._release(worker, keep=False)
                raise
        return worker

    def _release(self, worker: _Worker, keep: bool) -> None:
        with self._lock:
            self._busy.discard(worker)
            if keep and not self._closed and worker.alive():
                self._idle.append(worker)
            else:
                worker.kill()
                if not self._closed and len(self._idle) + len(self._busy) < self.size:
                    self._idle.append(self._spawn())  # its replacement starts now, for the next query
            self._lock.notify()

    @property
    def sandboxed(self) -> bool:
        """Whether the started workers are all cut off from the network (False before one has started)."""
        with self._lock:
            started = [w for w in [*self._idle, *self._busy] if w.ready]
        return bool(started) and all(w.sandboxed for w in started)

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (idle and busy)."""
        with self._lock:
            return [w.pid for w in [*self._idle, *self._busy]]

    # --- queries

    def query(self, sparql: str, **kwargs: Any) -> Answer:
        """Run ``sparql`` in a worker (see :meth:`_query`). A worker that dies without a word before
        answering may have died while idle (killed from outside); the query gets one more worker."""
        try:
            return self._query(sparql, **kwargs)
        except EngineCrash as exc:
            if "without a word" not in str(exc):
                raise
            return self._query(sparql, **kwargs)

    def _query(self, sparql: str, *, timeout: float | None, limit: int | None, max_bytes: int | None = DEFAULT_MAX_BYTES,
              use_default_graph_as_union: bool = True, allow_service: Sequence[str] = (),
              substitutions: Mapping[str, Any] | None = None, prefixes: Mapping[str, str] | None = None,
              default_graph: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> Answer:
        """Run ``sparql`` in a worker; the answer as the worker wrote it (see :class:`Answer`).

        Raises ``QueryError`` for a refused query or a syntax error, and its subclasses
        :class:`QueryTimeout`, :class:`TooManyResults`, :class:`AnswerTooLarge` and
        :class:`EngineCrash`. ``default_graph`` and ``named_graphs`` (graph IRIs) set the dataset
        the query sees, as the SPARQL 1.1 Protocol's ``default-graph-uri`` and ``named-graph-uri`` do.
        """
        if prefixes is None:
            from kg.query.prefixes import PREFIXES

            prefixes = PREFIXES
        request = {"op": "query", "sparql": sparql, "union": use_default_graph_as_union, "limit": limit,
                   "max_bytes": max_bytes, "allow_service": list(allow_service), "prefixes": dict(prefixes),
                   "substitutions": {k: str(v) for k, v in (substitutions or {}).items()},
                   "default_graph": list(default_graph), "named_graphs": list(named_graphs)}
        return self._run(request, timeout, limit, max_bytes)

    def dump(self, graph: str | None = None, *, timeout: float | None, limit: int | None,
             max_bytes: int | None = DEFAULT_MAX_BYTES) -> Answer:
        """The whole dataset as N-Quads (``graph`` None), or one graph as N-Triples (``""``: the default graph)."""
        return self._run({"op": "dump", "graph": graph, "limit": limit, "max_bytes": max_bytes}, timeout, limit,
                         max_bytes)

    def _run(self, request: dict[str, Any], timeout: float | None, limit: int | None,
             max_bytes: int | None) -> Answer:
        # the timeout is the query's: waiting for a busy pool has a bound of its own, and a worker's
        # start-up counts in neither
        wait_until = time.monotonic() + self.queue_timeout
        worker = self._acquire(wait_until, timeout)
        deadline = time.monotonic() + timeout if timeout is not None else float("inf")
        keep = False
        try:
            try:
                header, payload = worker.call(request, deadline if timeout is not None else None)  # type: ignore[arg-type]
            except TimeoutError:
                self.crashes += 1
                raise QueryTimeout(timeout or 0.0) from None
            except (EOFError, ValueError):
                try:
                    worker.proc.wait(timeout=5)  # its last words are complete once it has gone
                except subprocess.TimeoutExpired:
                    pass
                self.crashes += 1
                words = worker.last_words()
                raise EngineCrash(f"the query engine crashed on this query, which has no answer "
                                  f"({words or 'it ended without a word'}); nothing else is affected") from None
            keep = True
        finally:
            self._release(worker, keep)
        if header.get("ok"):
            return Answer(header["kind"], payload, header.get("boolean"))
        error = header.get("error")
        if error == "rows":
            raise TooManyResults(limit or 0)
        if error == "bytes":
            raise AnswerTooLarge(max_bytes or 0)
        raise QueryError(header.get("message") or "the query failed")

    # --- lifetime

    def close(self) -> None:
        """Stop every worker (a running query ends with an error); safe to call twice."""
        with self._lock:
            self._closed = True
            workers = [*self._idle, *self._busy]
            self._idle.clear()
            self._lock.notify_all()
        for worker in workers:
            worker.kill()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001, S110 - at interpreter exit anything may be gone
            pass
