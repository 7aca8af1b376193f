"""A query with a deadline and a cap: what ``kg query`` and ``KnowledgeGraph.query`` run.

``run_query`` reads a whole answer; over a graph of a few thousand articles a cartesian product
(``{ ?a ?b ?c . ?d ?e ?f }``) has billions of solutions, and nothing would stop it but the
machine. ``run_limited`` runs the same query in a worker thread (Oxigraph lets go of the GIL
while it evaluates) and stops waiting at ``timeout`` seconds; it reads the answer as it streams
out and stops reading at ``limit`` solutions or triples, so a huge answer is never held whole.
Both end with a ``QueryError`` that says which limit was hit and what to do, as ``kg serve``
does (same defaults: 30 s and 10,000 results).

The worker stops at the next solution it writes after the deadline. A query that computes for
long without producing anything (a ``FILTER`` that rejects every row of a product) runs on in the
background until it ends; the ``kg`` command exits at once, and the Python caller gets its error
at the deadline either way.

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
kg.errors.QueryError: the answer has more than 4 results, the cap here: add a LIMIT to the query (or raise the cap with --limit)
"""
from __future__ import annotations

import io
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pyoxigraph

from kg.errors import QueryError
from kg.query.guard import check_query
from kg.query.prefixes import PREFIXES
from kg.query.result import QueryResult
from kg.query.syntax import explain

if TYPE_CHECKING:
    from kg.query.result import SparqlStore, Term

__all__ = ["DEFAULT_LIMIT", "DEFAULT_TIMEOUT", "run_limited"]

DEFAULT_TIMEOUT = 30.0  # seconds a query may run (kg serve's default too)
DEFAULT_LIMIT = 10_000  # solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer may hold

_TSV = pyoxigraph.QueryResultsFormat.TSV
_JSON = pyoxigraph.QueryResultsFormat.JSON


class _Stop(Exception):
    """Raised inside the worker to end the evaluation: the cap was hit or the caller gave up."""


class _Capped(io.RawIOBase):
    """Where Oxigraph writes a SELECT answer as TSV (one line per solution, newlines in values
    escaped): counts lines against the cap and ends the evaluation once the caller has gone."""

    def __init__(self, limit: int | None, stop: threading.Event) -> None:
        super().__init__()
        self.limit = limit
        self.stop = stop
        self.lines = 0
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.stop.is_set():
            raise _Stop
        chunk = bytes(data)
        self.lines += chunk.count(b"\n")
        if self.limit is not None and self.lines - 1 > self.limit:  # the first line is the header
            raise _Stop("cap")
        self.parts.append(chunk)
        return len(chunk)


def run_limited(store: pyoxigraph.Store | SparqlStore, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
                limit: int | None = DEFAULT_LIMIT, use_default_graph_as_union: bool = True,
                allow_service: tuple[str, ...] = (),
                substitutions: Mapping[str, Term] | None = None) -> QueryResult:
    """``kg.query.run_query`` stopped after ``timeout`` seconds or ``limit`` results (None: no limit).

    Raises ``QueryError`` as ``run_query`` does, and for a query that runs past the timeout or an
    answer with more than ``limit`` solutions or triples.
    """
    if timeout is not None and timeout <= 0:
        raise QueryError(f"the timeout must be more than 0 seconds, not {timeout:g}")
    if limit is not None and limit < 1:
        raise QueryError(f"the cap must be at least 1 result, not {limit}")
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
            box["result"] = _read(answer, limit, stop)
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
        raise QueryError(f"the query ran past the timeout of {timeout:g} s and was stopped: narrow it down "
                         "(a LIMIT, a more selective pattern) or raise the timeout with --timeout")
    error = box.get("error")
    if isinstance(error, _Stop):
        raise QueryError(f"the answer has more than {limit} results, the cap here: add a LIMIT to the query "
                         "(or raise the cap with --limit)") from None
    if isinstance(error, SyntaxError):
        raise QueryError(explain(sparql, str(error))) from None
    if isinstance(error, (OSError, RuntimeError, ValueError)):
        raise QueryError(f"the query failed: {error}") from None
    if error is not None:
        raise error
    result: QueryResult = box["result"]
    if timeout is not None and time.monotonic() - started > timeout:  # pragma: no cover - a race at the edge
        raise QueryError(f"the query ran past the timeout of {timeout:g} s and was stopped")
    return result


def _read(answer: Any, limit: int | None, stop: threading.Event) -> QueryResult:
    """The answer as a ``QueryResult``, read as it streams out; ``_Stop`` past the cap or when told."""
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer), sparql_json=answer.serialize(format=_JSON))
    if isinstance(answer, pyoxigraph.QuerySolutions):
        sink = _Capped(limit, stop)
        answer.serialize(sink, format=_TSV)
        tsv = pyoxigraph.parse_query_results(b"".join(sink.parts), format=_TSV)
        assert isinstance(tsv, pyoxigraph.QuerySolutions)
        raw = tsv.serialize(format=_JSON)
        parsed = pyoxigraph.parse_query_results(raw, format=_JSON)
        assert isinstance(parsed, pyoxigraph.QuerySolutions)
        names = tuple(v.value for v in parsed.variables)
        rows = tuple(tuple(solution[name] for name in names) for solution in parsed)
        return QueryResult("select", names, rows, sparql_json=raw)
    triples = []
    for triple in answer:
        if stop.is_set():
            raise _Stop
        triples.append(triple)
        if limit is not None and len(triples) > limit:
            raise _Stop("cap")
    return QueryResult("graph", triples=tuple(triples))
