"""A query with a deadline and caps: what ``kg query`` and ``KnowledgeGraph.query`` run.

``run_query`` reads a whole answer in this process; over a graph of a few thousand articles a
cartesian product (``{ ?a ?b ?c . ?d ?e ?f }``) has billions of solutions, one ``ORDER BY`` can
make Oxigraph abort the process, one ``CONCAT`` chain can build a string of gigabytes. So
``run_limited`` runs a query over a build's store (a store folder, or a ``pyoxigraph.Store`` in
memory) in a worker process of :mod:`kg.query.engine`: at ``timeout`` seconds the worker is
killed and the work ends with the wait; the answer is counted as it is written and refused past
``limit`` solutions or triples or ``max_bytes`` bytes, so a huge answer is never held whole; a
crash of the engine costs that query a ``QueryError`` naming it, never the caller. All end with
a ``QueryError`` that says which limit was hit and what to do, as ``kg serve`` does (same
defaults: 30 s, 10,000 results, 50 MB).

A remote store (``kg query --endpoint``, :class:`kg.query.remote.RemoteStore`) is asked over
HTTP from a thread of this process instead, under the same limits: the work there is the
remote server's.

Examples
--------
>>> import pyoxigraph
>>> store = pyoxigraph.Store()
>>> for i in range(5):
...     store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"http://e/{i}"), pyoxigraph.NamedNode("http://e/p"),
...                               pyoxigraph.Literal(str(i))))
>>> len(run_limited(store, "SELECT * { ?s ?p ?o }", limit=5).rows)
5
>>> run_limited(store, "SELECT * { ?s ?p ?o }", limit=4)
Traceback (most recent call last):
...
kg.query.engine.TooManyResults: the answer has more than 4 results, the cap here: add a LIMIT to the query (or raise the cap with --limit)
"""
from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pyoxigraph

from kg.errors import QueryError
from kg.query.engine import DEFAULT_MAX_BYTES, AnswerTooLarge, Answer, Engine, QueryTimeout, TooManyResults
from kg.query.guard import check_query
from kg.query.prefixes import PREFIXES
from kg.query.result import QueryResult
from kg.query.syntax import explain

if TYPE_CHECKING:
    from kg.query.result import SparqlStore, Term

__all__ = ["DEFAULT_LIMIT", "DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "result_of", "run_limited"]

DEFAULT_TIMEOUT = 30.0  # seconds a query may run (kg serve's default too)
DEFAULT_LIMIT = 10_000  # solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer may hold

_TSV = pyoxigraph.QueryResultsFormat.TSV
_JSON = pyoxigraph.QueryResultsFormat.JSON


def run_limited(store: str | os.PathLike[str] | pyoxigraph.Store | Engine | SparqlStore, sparql: str, *,
                timeout: float | None = DEFAULT_TIMEOUT, limit: int | None = DEFAULT_LIMIT,
                max_bytes: int | None = DEFAULT_MAX_BYTES, use_default_graph_as_union: bool = True,
                allow_service: tuple[str, ...] = (),
                substitutions: Mapping[str, Term] | None = None) -> QueryResult:
    """``kg.query.run_query`` in a worker process, stopped after ``timeout`` seconds, ``limit``
    results or ``max_bytes`` bytes (None: no limit).

    ``store`` is a store folder, a ``pyoxigraph.Store``, an :class:`~kg.query.engine.Engine` (kept
    between queries) or a remote store. Raises ``QueryError`` as ``run_query`` does, and its
    subclasses for a query that runs past the timeout, an answer past a cap, or a crash of the engine.
    """
    if timeout is not None and timeout <= 0:
        raise QueryError(f"the timeout must be more than 0 seconds, not {timeout:g}")
    if limit is not None and limit < 1:
        raise QueryError(f"the cap must be at least 1 result, not {limit}")
    if max_bytes is not None and max_bytes < 1:
        raise QueryError(f"the byte cap must be at least 1 byte, not {max_bytes}")
    if isinstance(store, (Engine, str, os.PathLike, pyoxigraph.Store)):
        engine = store if isinstance(store, Engine) else Engine(store, network=bool(allow_service))
        try:
            answer = engine.query(sparql, timeout=timeout, limit=limit, max_bytes=max_bytes,
                                  use_default_graph_as_union=use_default_graph_as_union,
                                  allow_service=allow_service, substitutions=substitutions)
        finally:
            if engine is not store:
                engine.close()
        return result_of(answer)
    return _run_remote(store, sparql, timeout=timeout, limit=limit, max_bytes=max_bytes,
                       use_default_graph_as_union=use_default_graph_as_union, allow_service=allow_service,
                       substitutions=substitutions)


def result_of(answer: Answer) -> QueryResult:
    """An engine's answer (TSV, N-Triples or a boolean) as a ``QueryResult``."""
    if answer.kind == "ask":
        boolean = bool(answer.boolean)
        return QueryResult("ask", boolean=boolean, sparql_json=b'{"head":{},"boolean":%s}' % str(boolean).lower().encode())
    if answer.kind == "select":
        return _solutions(answer.data)
    triples = tuple(t.triple for t in pyoxigraph.parse(answer.data, format=pyoxigraph.RdfFormat.N_TRIPLES))
    return QueryResult("graph", triples=triples)


def _solutions(tsv: bytes) -> QueryResult:
    parsed_tsv = pyoxigraph.parse_query_results(tsv, format=_TSV)
    assert isinstance(parsed_tsv, pyoxigraph.QuerySolutions)
    raw = parsed_tsv.serialize(format=_JSON)
    parsed = pyoxigraph.parse_query_results(raw, format=_JSON)
    assert isinstance(parsed, pyoxigraph.QuerySolutions)
    names = tuple(v.value for v in parsed.variables)
    rows = tuple(tuple(solution[name] for name in names) for solution in parsed)
    return QueryResult("select", names, rows, sparql_json=raw)


class _Stop(Exception):
    """Raised inside the worker to end the evaluation: the cap was hit or the caller gave up."""


class _Capped(io.RawIOBase):
    """Where Oxigraph writes a SELECT answer as TSV (one line per solution, newlines in values
    escaped): counts lines against the cap and ends the evaluation once the caller has gone."""

    def __init__(self, limit: int | None, max_bytes: int | None, stop: threading.Event) -> None:
        super().__init__()
        self.limit, self.max_bytes = limit, max_bytes
        self.stop = stop
        self.lines = self.size = 0
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.stop.is_set():
            raise _Stop
        chunk = bytes(data)
        self.lines += chunk.count(b"\n")
        self.size += len(chunk)
        if self.max_bytes is not None and self.size > self.max_bytes:
            raise _Stop("bytes")
        if self.limit is not None and self.lines - 1 > self.limit:  # the first line is the header
            raise _Stop("cap")
        self.parts.append(chunk)
        return len(chunk)


def _run_remote(store: SparqlStore, sparql: str, *, timeout: float | None, limit: int | None,
                max_bytes: int | None, use_default_graph_as_union: bool, allow_service: tuple[str, ...],
                substitutions: Mapping[str, Term] | None) -> QueryResult:
    """A remote store, asked from a thread here: the wait ends at the timeout (the work is the server's)."""
    check_query(sparql, allow_service=allow_service)
    subs = {pyoxigraph.Variable(name): term for name, term in (substitutions or {}).items()}
    stop = threading.Event()
    box: dict[str, Any] = {}

    def work() -> None:
        # Oxigraph's answer iterators must be dropped by the thread that made them: nothing that
        # leaves this function (an error's traceback, its context) may still refer to one.
        answer = None
        try:
            answer = store.query(sparql, prefixes=dict(PREFIXES), substitutions=subs or None,
                                 use_default_graph_as_union=use_default_graph_as_union)
            box["result"] = _read(answer, limit, max_bytes, stop)
        except BaseException as exc:  # handed to the caller's thread, without its frames
            exc.__traceback__ = exc.__context__ = exc.__cause__ = None
            box["error"] = exc
        finally:
            del answer

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        stop.set()
        raise QueryTimeout(timeout or 0.0)
    error = box.get("error")
    if isinstance(error, _Stop) and str(error) == "bytes":
        raise AnswerTooLarge(max_bytes or 0) from None
    if isinstance(error, _Stop):
        raise TooManyResults(limit or 0) from None
    if isinstance(error, SyntaxError):
        raise QueryError(explain(sparql, str(error))) from None
    if isinstance(error, (OSError, RuntimeError, ValueError)):
        raise QueryError(f"the query failed: {error}") from None
    if error is not None:
        raise error
    result: QueryResult = box["result"]
    if timeout is not None and time.monotonic() - started > timeout:  # pragma: no cover - a race at the edge
        raise QueryTimeout(timeout)
    return result


def _read(answer: Any, limit: int | None, max_bytes: int | None, stop: threading.Event) -> QueryResult:
    """The answer as a ``QueryResult``, read as it streams out; ``_Stop`` past the cap or when told."""
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer), sparql_json=answer.serialize(format=_JSON))
    if isinstance(answer, pyoxigraph.QuerySolutions):
        sink = _Capped(limit, max_bytes, stop)
        answer.serialize(sink, format=_TSV)
        return _solutions(b"".join(sink.parts))
    triples = []
    for triple in answer:
        if stop.is_set():
            raise _Stop
        triples.append(triple)
        if limit is not None and len(triples) > limit:
            raise _Stop("cap")
    return QueryResult("graph", triples=tuple(triples))
