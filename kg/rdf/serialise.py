"""The build's RDF files as bytes: ``graph.ttl`` (the default graph), ``graph.trig`` (every graph)
and ``graph.jsonld`` (every graph, compacted with a context).

Turtle and TriG are written by Oxigraph's serialisers, from quads in a fixed order (graph,
subject, predicate, object), so the same articles give byte-identical files, and about thirty
times faster than rdflib's. JSON-LD is compacted by rdflib against kg's prefixes, which Oxigraph
does not do.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

__all__ = ["JSONLD_CONTEXT_TERMS", "oxigraph_quads", "serialise"]

JSONLD_CONTEXT_TERMS = ("kgo", "kgr", "rdfs", "skos", "prov", "xsd", "schema")


def _term(t: object) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
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


def oxigraph_quads(ds: Dataset) -> list[pyoxigraph.Quad]:
    """Every quad of ``ds`` as Oxigraph quads, sorted by graph, subject, predicate and object."""
    out = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        graph = pyoxigraph.DefaultGraph() if name is None or name == DATASET_DEFAULT_GRAPH_ID else _term(name)
        out.append(pyoxigraph.Quad(_term(s), _term(p), _term(o), graph))
    out.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    return out


_PLAIN_LOCAL = re.compile(r"[A-Za-z_][\w-]*")


def _used_prefixes(ds: Dataset, quads: Iterable[pyoxigraph.Quad]) -> dict[str, str]:
    """The dataset's prefixes that write every IRI under them as a plain name (``kgo:director``);
    a prefix that would need escapes (``kgr:person\\/jane-doe``) is left out, and its IRIs are
    written whole. Prefixes no IRI uses are left out too."""
    iris = {t.value for q in quads for t in (q.subject, q.predicate, q.object, q.graph_name)
            if isinstance(t, pyoxigraph.NamedNode)}
    iris |= {q.object.datatype.value for q in quads if isinstance(q.object, pyoxigraph.Literal)}
    out = {}
    for prefix, ns in sorted(ds.namespaces()):
        names = [i[len(str(ns)):] for i in iris if i.startswith(str(ns))]
        if prefix and names and all(_PLAIN_LOCAL.fullmatch(n) for n in names):
            out[prefix] = str(ns)
    return out


def _spaced(turtle: bytes) -> bytes:
    """A blank line between subjects (and graphs), and after the prefixes, for people reading the file."""
    lines = turtle.split(b"\n")
    out: list[bytes] = []
    for line in lines:
        if out and line and not line[:1].isspace() and not line.startswith(b"}") \
                and (out[-1].endswith((b" .", b"}")) or out[-1].startswith(b"@prefix")) \
                and not (line.startswith(b"@prefix") and out[-1].startswith(b"@prefix")):
            out.append(b"")
        out.append(line)
    return b"\n".join(out)


def serialise(ds: Dataset) -> dict[str, bytes]:
    """``{"graph.ttl": …, "graph.trig": …, "graph.jsonld": …}`` for ``ds``."""
    quads = oxigraph_quads(ds)
    default = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads
               if isinstance(q.graph_name, pyoxigraph.DefaultGraph)]
    prefixes = _used_prefixes(ds, quads)
    ttl = _spaced(pyoxigraph.serialize(default, format=pyoxigraph.RdfFormat.TURTLE, prefixes=prefixes) or b"")
    trig = _spaced(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=prefixes) or b"")
    context = {p: str(ns) for p, ns in ds.namespaces() if p in JSONLD_CONTEXT_TERMS}
    jsonld = ds.serialize(format="json-ld", context=context, indent=1, encoding="utf-8")
    return {"graph.ttl": ttl, "graph.trig": trig, "graph.jsonld": jsonld}
