"""SPARQL over a built graph: run a query against Oxigraph, refuse what must not run, format results.

Examples
--------
>>> import pyoxigraph
>>> store = pyoxigraph.Store()
>>> store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("https://w3id.org/kg/id/production/x"),
...                           pyoxigraph.NamedNode("https://w3id.org/kg/ontology#director"),
...                           pyoxigraph.NamedNode("https://w3id.org/kg/id/person/jane-doe")))
>>> result = run_query(store, "SELECT ?w ?p WHERE { ?w kgo:director ?p }")
>>> print(format_result(result, "table"), end="")
w                 p
----------------  -------------------
kgr:production/x  kgr:person/jane-doe
(1 row)
"""
from __future__ import annotations

from kg.query.formats import FORMATS, check_format, format_result, render_term
from kg.query.guard import check_query
from kg.query.prefixes import PREFIXES, shorten_iri
from kg.query.result import QueryResult, run_query

__all__ = ["FORMATS", "PREFIXES", "QueryResult", "check_format", "check_query", "format_result",
           "render_term", "run_query", "shorten_iri"]
