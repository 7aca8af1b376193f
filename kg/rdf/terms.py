"""Oxigraph terms ↔ rdflib terms, for the places where kg meets rdflib: a ``Dataset`` handed to
``kg.pipeline.write_output``, ``KnowledgeGraph.dataset`` and the page reading a built graph.

A plain literal is ``xsd:string`` in Oxigraph and has no datatype in rdflib, as rdflib's own
parsers read it; a term seen once is converted once.

>>> import pyoxigraph
>>> from rdflib import Literal, URIRef
>>> convert = RdflibTerms()
>>> convert(pyoxigraph.Literal("x")) == Literal("x"), convert(pyoxigraph.NamedNode("http://e/a")) == URIRef("http://e/a")
(True, True)
>>> oxigraph_term(Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))).value
'7'
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pyoxigraph

if TYPE_CHECKING:
    from rdflib import Dataset
    from rdflib.term import Node

__all__ = ["RdflibTerms", "from_rdflib", "oxigraph_term", "to_rdflib"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class RdflibTerms:
    """Call it on an Oxigraph term to get the rdflib term; each distinct term is converted once."""

    def __init__(self) -> None:
        from rdflib import BNode, Literal, URIRef

        self._uri, self._bnode, self._literal = URIRef, BNode, Literal
        self._seen: dict[Any, Node] = {}

    def __call__(self, t: Any) -> Node:
        if (done := self._seen.get(t)) is not None:
            return done
        if isinstance(t, pyoxigraph.Literal):
            if t.language:
                out = self._literal(t.value, lang=t.language)
            elif t.datatype.value == _XSD_STRING:
                out = self._literal(t.value)
            else:
                out = self._literal(t.value, datatype=self(t.datatype))
        else:
            out = self._uri(t.value) if isinstance(t, pyoxigraph.NamedNode) else self._bnode(t.value)
        self._seen[t] = out
        return out


def to_rdflib(quads: Iterable[pyoxigraph.Quad], prefixes: dict[str, str]) -> Dataset:
    """An rdflib ``Dataset`` holding ``quads``, with ``prefixes`` bound."""
    from rdflib import Dataset, URIRef

    ds = Dataset()
    for prefix, ns in prefixes.items():
        ds.bind(prefix, ns)
    convert = RdflibTerms()
    graphs: dict[Any, Any] = {}
    for q in quads:
        g = q.graph_name
        if (graph := graphs.get(g)) is None:
            graph = graphs[g] = ds.default_graph if isinstance(g, pyoxigraph.DefaultGraph) \
                else ds.graph(URIRef(g.value) if isinstance(g, pyoxigraph.NamedNode) else convert(g))
        graph.add((convert(q.subject), convert(q.predicate), convert(q.object)))
    return ds


def oxigraph_term(t: Node) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    """An rdflib term as an Oxigraph term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, URIRef):
        return pyoxigraph.NamedNode(str(t))
    if isinstance(t, BNode):
        return pyoxigraph.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return pyoxigraph.Literal(str(t), language=t.language)
        if t.datatype is not None:
            return pyoxigraph.Literal(str(t), datatype=pyoxigraph.NamedNode(str(t.datatype)))
        return pyoxigraph.Literal(str(t))
    raise TypeError(f"not an RDF term: {t!r}")


def from_rdflib(data: Any) -> Iterator[tuple[Any, Any, Any, Any]]:
    """Every quad of an rdflib ``Dataset`` (or triple of a ``Graph``) as Oxigraph terms."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    default = pyoxigraph.DefaultGraph()
    if hasattr(data, "quads"):
        for s, p, o, g in data.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            graph = default if name is None or name == DATASET_DEFAULT_GRAPH_ID else oxigraph_term(name)
            yield oxigraph_term(s), oxigraph_term(p), oxigraph_term(o), graph
    else:
        for s, p, o in data:
            yield oxigraph_term(s), oxigraph_term(p), oxigraph_term(o), default
