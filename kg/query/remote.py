"""``kg query --endpoint`` and ``kg ask --endpoint``: kg's queries against a remote SPARQL 1.1 store.

:class:`RemoteStore` answers ``query`` the way ``pyoxigraph.Store.query`` does (solutions, a
boolean, or triples, as pyoxigraph objects), so everything that runs a query over a build —
:func:`kg.query.run_query`, the limits of :mod:`kg.query.limits`, the named questions, label
lookup — runs unchanged over any store that speaks the SPARQL 1.1 Protocol (Oxigraph, Fuseki,
Virtuoso, QLever, GraphDB, …), with the same refusals (updates, ``SERVICE``) checked here before
anything is sent, and the same output formats.

What pyoxigraph does in the store is done in the text sent:

* kg's prefixes (``kgo:``, ``kgr:``, …) are declared in front of the query where it uses them
  without declaring them;
* ``substitutions`` (how named questions bind their arguments, SEP-0007) are written into the
  query as constant terms: in the SELECT clause as ``(term AS ?var)``, in ``GROUP BY`` and
  ``ORDER BY`` as ``(term)``, elsewhere as the term itself. The terms are pyoxigraph's own
  N-Triples spelling, so what a user typed arrives as one escaped literal, never as SPARQL.

What the default graph is belongs to the store: kg's questions read entities from the default
graph and provenance through ``GRAPH``, which works where ``kg push`` put them; a query written
for ``kg query``'s union of all graphs needs a store whose default graph is that union
(Virtuoso; ``oxigraph serve --union-default-graph``; Fuseki's ``unionDefaultGraph``).

Examples
--------
>>> import pyoxigraph
>>> bind("SELECT ?p ?n WHERE { ?p rdfs:label ?n } ORDER BY ?p", {"p": pyoxigraph.NamedNode("http://e/x")})
'SELECT (<http://e/x> AS ?p) ?n WHERE { <http://e/x> rdfs:label ?n } ORDER BY (<http://e/x>)'
>>> bind('SELECT ?t WHERE { FILTER(?t = "x") }', {"t": pyoxigraph.Literal('say "hi"')})
'SELECT ("say \\\\"hi\\\\"" AS ?t) WHERE { FILTER("say \\\\"hi\\\\"" = "x") }'
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph

from kg.errors import EndpointError, QueryError
from kg.query.guard import Token, tokens
from kg.query.syntax import explain
from kg.store.endpoint import Connection, check_url, server_message

__all__ = ["RemoteStore", "bind", "query_form", "with_prefixes"]

RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8, application/ld+json;q=0.7"
_RESULTS = {"application/sparql-results+json": pyoxigraph.QueryResultsFormat.JSON,
            "application/json": pyoxigraph.QueryResultsFormat.JSON,
            "application/sparql-results+xml": pyoxigraph.QueryResultsFormat.XML,
            "application/xml": pyoxigraph.QueryResultsFormat.XML,
            "text/tab-separated-values": pyoxigraph.QueryResultsFormat.TSV}
_GRAPHS = {"application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES, "text/plain": pyoxigraph.RdfFormat.N_TRIPLES,
           "text/turtle": pyoxigraph.RdfFormat.TURTLE, "application/x-turtle": pyoxigraph.RdfFormat.TURTLE,
           "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML, "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
           "application/n-quads": pyoxigraph.RdfFormat.N_QUADS, "application/trig": pyoxigraph.RdfFormat.TRIG}
_POSITION = re.compile(r"error at (\d+):(\d+)")
_FORMS = ("select", "ask", "construct", "describe")
_ENDS_PROJECTION = {"where", "from", "{"}
_ENDS_ORDERING = {"limit", "offset", "having", "values", "order", "group", "}"}


def query_form(sparql: str) -> str:
    """``select``, ``ask``, ``construct`` or ``describe``: the query's first form keyword."""
    for tok in tokens(sparql):
        if tok.kind == "word" and tok.text.lower() in _FORMS:
            return tok.text.lower()
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def with_prefixes(sparql: str, prefixes: Mapping[str, str] | None) -> str:
    """``sparql`` with a ``PREFIX`` line in front for each of ``prefixes`` it uses and does not declare."""
    if not prefixes:
        return sparql
    toks = list(tokens(sparql))
    declared = {toks[i + 1].text[:-1] for i, t in enumerate(toks[:-1])
                if t.kind == "word" and t.text.lower() == "prefix" and toks[i + 1].kind == "pname"}
    used = {t.text.split(":", 1)[0] for t in toks if t.kind == "pname"}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in prefixes.items() if p in used and p not in declared]
    return "\n".join([*missing, sparql]) if missing else sparql


def bind(sparql: str, substitutions: Mapping[str, Any]) -> str:
    """``sparql`` with each variable of ``substitutions`` replaced by its term (see the module's notes).

    Raises ``QueryError`` for a variable the query assigns (``AS ?var``, ``VALUES ?var``), which
    cannot be bound from outside.
    """
    if not substitutions:
        return sparql
    toks = list(tokens(sparql))
    out: list[str] = []
    at = 0
    zone = None  # "projection" after SELECT, "ordering" after GROUP BY / ORDER BY
    depth = 0  # parentheses since the zone began
    previous: Token | None = None
    for tok in toks:
        word = tok.text.lower() if tok.kind == "word" else tok.text
        if tok.kind == "word" and word == "select":
            zone, depth = "projection", 0
        elif tok.kind == "word" and word == "by" and previous is not None and previous.text.lower() in ("group",
                                                                                                          "order"):
            zone, depth = "ordering", 0
        elif zone == "projection" and depth == 0 and word in _ENDS_PROJECTION:
            zone = None
        elif zone == "ordering" and depth == 0 and word in _ENDS_ORDERING:
            zone = None
        elif tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth -= 1
        name = tok.text[1:]
        if tok.kind == "var" and name in substitutions:
            if previous is not None and previous.kind == "word" and previous.text.lower() in ("as", "values"):
                raise QueryError(f"cannot bind ?{name}: the query assigns it ({previous.text.upper()} ?{name})")
            term = str(substitutions[name])
            if zone == "projection" and depth == 0:
                term = f"({term} AS {tok.text})"
            elif zone == "ordering" and depth == 0:
                term = f"({term})"
            out.append(sparql[at:tok.start])
            out.append(term)
            at = tok.start + len(tok.text)
        previous = tok
    out.append(sparql[at:])
    return "".join(out)


class RemoteStore:
    """A remote SPARQL 1.1 Protocol endpoint, queried like a ``pyoxigraph.Store``.

    Parameters
    ----------
    url
        The query endpoint (``http://host:7878/query`` for Oxigraph, ``…/DATASET/sparql`` for
        Fuseki, ``…/sparql`` for Virtuoso).
    timeout
        Seconds to wait for an answer.
    """

    def __init__(self, url: str, *, timeout: float = 30.0) -> None:
        self.url = check_url(url)
        self.timeout = timeout
        self._http: Connection | None = None

    def __repr__(self) -> str:
        return f"<RemoteStore {self.url}>"

    @property
    def http(self) -> Connection:
        if self._http is None:
            self._http = Connection(self.url, timeout=self.timeout)
        return self._http

    def query(self, query: str, *, prefixes: Mapping[str, str] | None = None,
              substitutions: Mapping[Any, Any] | None = None, use_default_graph_as_union: bool = True,
              **_: Any) -> Any:
        """Send ``query`` (SPARQL 1.1 Protocol, POST form); its answer as pyoxigraph would give it:
        ``QuerySolutions``, ``QueryBoolean``, or an iterator of ``Triple``s.

        ``use_default_graph_as_union`` cannot be asked of a store; what its default graph is was
        set when the store was set up.
        """
        names = {getattr(k, "value", k): v for k, v in (substitutions or {}).items()}
        text = with_prefixes(bind(query, names), prefixes)
        form = query_form(text)
        accept = RESULTS_ACCEPT if form in ("select", "ask") else GRAPH_ACCEPT
        response = self.http.request("POST", self.url, data={"query": text}, headers={"Accept": accept},
                                     what="answer the query")
        media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if response.status_code != 200:
            said = server_message(response)
            if response.status_code == 400 and not media.endswith("html"):
                if not names and (m := _POSITION.search(said)):  # Oxigraph's: shown as kg query shows its own
                    line = max(int(m.group(1)) - (text.count("\n") - query.count("\n")), 1)
                    raise QueryError(explain(query, f"error at {line}:{m.group(2)}{said[m.end():]}"))
                raise QueryError(f"the endpoint refused the query: {said}")
            hint = " (is it the store's SPARQL query URL?)" if response.status_code in (404, 405) else ""
            raise EndpointError(f"{self.url} answered {response.status_code} {response.reason}: {said}{hint}")
        if form in ("select", "ask"):
            if media not in _RESULTS:
                raise self._not_sparql(media)
            return _results(response.content, _RESULTS[media], form, self)
        if media not in _GRAPHS:
            raise self._not_sparql(media)
        try:
            quads = list(pyoxigraph.parse(response.content, format=_GRAPHS[media]))
        except SyntaxError as exc:
            raise EndpointError(f"{self.url} sent a graph that does not parse ({exc})") from None
        return _triples(quads)

    def _not_sparql(self, media: str) -> EndpointError:
        return EndpointError(f"{self.url} did not answer as a SPARQL endpoint ({media or 'no content type'}): "
                             "give the store's query URL (Oxigraph …/query, Fuseki …/DATASET/sparql, "
                             "Virtuoso …/sparql)")


def _triples(quads: list[pyoxigraph.Quad]) -> Iterator[pyoxigraph.Triple]:
    for quad in quads:
        yield quad.triple


def _results(data: bytes, fmt: pyoxigraph.QueryResultsFormat, form: str, store: RemoteStore) -> Any:
    """A results document as pyoxigraph's ``QuerySolutions`` or ``QueryBoolean``.

    JSON is read leniently first: the 2005 draft's ``typed-literal`` and extra ``head`` members
    (Virtuoso sends both) are put in SPARQL 1.1's form, and an ASK answered as a one-column
    table (Virtuoso's ``__ASK_RETVAL``) becomes a boolean.
    """
    if fmt == pyoxigraph.QueryResultsFormat.JSON:
        try:
            value = json.loads(data)
            head = value.get("head", {})
            if "boolean" in value:
                data = json.dumps({"head": {}, "boolean": bool(value["boolean"])}).encode()
            else:
                variables = list(head.get("vars", []))
                bindings = value["results"]["bindings"]
                if form == "ask" and variables == ["__ASK_RETVAL"]:
                    answer = any(str(b.get("__ASK_RETVAL", {}).get("value")) in ("1", "true") for b in bindings)
                    data = json.dumps({"head": {}, "boolean": answer}).encode()
                else:
                    data = json.dumps({"head": {"vars": variables},
                                       "results": {"bindings": [{k: _term(t) for k, t in b.items()}
                                                                for b in bindings]}}).encode()
        except (ValueError, KeyError, TypeError, AttributeError):
            raise EndpointError(f"{store.url} sent results that are not SPARQL JSON") from None
    try:
        return pyoxigraph.parse_query_results(data, format=fmt)
    except SyntaxError as exc:
        raise EndpointError(f"{store.url} sent results that do not parse ({exc})") from None


def _term(term: dict[str, Any]) -> dict[str, Any]:
    if term.get("type") == "typed-literal":
        term = {**term, "type": "literal"}
    if term.get("type") == "literal" and term.get("datatype") == "http://www.w3.org/2001/XMLSchema#string":
        term = {k: v for k, v in term.items() if k != "datatype"}
    return term
