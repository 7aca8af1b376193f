"""Run a SPARQL query against an Oxigraph store and keep its answer as a plain value."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias

import pyoxigraph

from kg.errors import QueryError
from kg.query.guard import check_query
from kg.query.prefixes import PREFIXES
from kg.query.syntax import explain

if TYPE_CHECKING:
    Term: TypeAlias = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple

__all__ = ["QueryResult", "SparqlStore", "run_query"]


class SparqlStore(Protocol):
    """What queries run against: a ``pyoxigraph.Store`` (a build's), or a remote endpoint
    (``kg.query.remote.RemoteStore``) that answers ``query`` with the same kinds of objects."""

    def query(self, query: str, *, prefixes: Mapping[str, str] | None = ..., substitutions: Any = ...,
              use_default_graph_as_union: bool = ...) -> Any: ...


@dataclass(frozen=True)
class QueryResult:
    """A query's answer, materialised (the store's iterator is consumed once, here).

    Terms stay pyoxigraph objects (``NamedNode``, ``BlankNode``, ``Literal``, or ``Triple`` for a
    triple term): they carry datatypes and language tags, and compare and hash by value.

    Attributes
    ----------
    kind
        ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT and DESCRIBE).
    variables
        The SELECT's variable names, without ``?``, in projection order.
    rows
        One tuple per solution, aligned with ``variables``; ``None`` where a variable is unbound.
    boolean
        The ASK's answer (``None`` for the other kinds).
    triples
        The CONSTRUCT or DESCRIBE graph as pyoxigraph ``Triple`` objects.
    sparql_json
        SELECT and ASK answers as pyoxigraph serialised them (SPARQL 1.1 Query Results JSON);
        the csv, tsv and json formats are written from it by pyoxigraph's own serialisers.
    """

    kind: Literal["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[pyoxigraph.Triple, ...] = ()
    sparql_json: bytes = field(default=b"", repr=False, compare=False)


def run_query(store: pyoxigraph.Store | SparqlStore, sparql: str, *, use_default_graph_as_union: bool = True,
              allow_service: tuple[str, ...] = (),
              substitutions: Mapping[str, Term] | None = None) -> QueryResult:
    """Run a SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE query over ``store``.

    The default graph is the union of all graphs (entities and every article's statements)
    unless ``use_default_graph_as_union`` is False. The prefixes of :data:`kg.query.PREFIXES`
    are predeclared. Updates and ``SERVICE`` are refused (see :mod:`kg.query.guard`);
    ``substitutions`` binds variables to terms before evaluation (SEP-0007).

    Raises ``QueryError`` for a refused query, a syntax error (with Oxigraph's ``line:column``)
    or a failure while evaluating.
    """
    check_query(sparql, allow_service=allow_service)
    subs = {pyoxigraph.Variable(name): term for name, term in (substitutions or {}).items()}
    answer = None
    try:
        answer = store.query(sparql, prefixes=dict(PREFIXES), substitutions=subs or None,
                             use_default_graph_as_union=use_default_graph_as_union)
        # evaluation is lazy: errors surface while the answer is read, so read it in here
        if isinstance(answer, pyoxigraph.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer),
                               sparql_json=answer.serialize(format=pyoxigraph.QueryResultsFormat.JSON))
        if isinstance(answer, pyoxigraph.QuerySolutions):
            raw = answer.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
            parsed = pyoxigraph.parse_query_results(raw, format=pyoxigraph.QueryResultsFormat.JSON)
            assert isinstance(parsed, pyoxigraph.QuerySolutions)
            names = tuple(v.value for v in parsed.variables)
            rows = tuple(tuple(solution[name] for name in names) for solution in parsed)
            return QueryResult("select", names, rows, sparql_json=raw)
        return QueryResult("graph", triples=tuple(answer))
    except SyntaxError as exc:
        message = explain(sparql, str(exc))
    except (OSError, RuntimeError, ValueError) as exc:
        message = f"the query failed: {exc}"
    finally:
        # pyoxigraph's answers must be dropped by the thread that made them: never left to a
        # frame that an exception's traceback (or the garbage collector, elsewhere) keeps
        del answer
    raise QueryError(message)
