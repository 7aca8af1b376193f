"""The build's RDF files as bytes: ``graph.ttl`` (the default graph), ``graph.trig`` (every graph)
and ``graph.jsonld`` (every graph, compacted with a context).

Turtle and TriG are written by Oxigraph's serialisers, from quads in a fixed order (graph,
subject, predicate, object), so the same articles give byte-identical files, and about thirty
times faster than rdflib's. JSON-LD is written here, compacted against kg's prefixes (Oxigraph
writes expanded JSON-LD only, and rdflib's compaction is slow).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph

from kg.rdf import Quads
from kg.vocab import plain_prefixes

if TYPE_CHECKING:
    from rdflib import Dataset

__all__ = ["JSONLD_CONTEXT_TERMS", "as_quads", "serialise"]

JSONLD_CONTEXT_TERMS = ("kgo", "kgr", "rdfs", "skos", "prov", "xsd", "schema")


def as_quads(data: Quads | Dataset) -> Quads:
    """``data`` as ``Quads``: as it is, or read from an rdflib ``Dataset``."""
    return data if isinstance(data, Quads) else Quads.from_rdflib(data)


def _used_prefixes(namespaces: Iterable[tuple[str, str]], quads: Iterable[pyoxigraph.Quad]) -> dict[str, str]:
    """The dataset's prefixes that write every IRI under them as a plain name (``kgo:director``);
    a prefix that would need escapes (``kgr:person\\/jane-doe``) is left out, and its IRIs are
    written whole. Prefixes no IRI uses are left out too."""
    iris = {t.value for q in quads for t in (q.subject, q.predicate, q.object, q.graph_name)
            if isinstance(t, pyoxigraph.NamedNode)}
    iris |= {q.object.datatype.value for q in quads if isinstance(q.object, pyoxigraph.Literal)}
    return plain_prefixes(sorted(namespaces), iris)


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


def serialise(data: Quads | Dataset) -> dict[str, bytes]:
    """``{"graph.ttl": …, "graph.trig": …, "graph.jsonld": …}`` for ``data``."""
    graph = as_quads(data)
    quads = list(graph)
    default = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads
               if isinstance(q.graph_name, pyoxigraph.DefaultGraph)]
    prefixes = _used_prefixes(graph.namespaces(), quads)
    ttl = _spaced(pyoxigraph.serialize(default, format=pyoxigraph.RdfFormat.TURTLE, prefixes=prefixes) or b"")
    trig = _spaced(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=prefixes) or b"")
    context = {p: ns for p, ns in graph.namespaces() if p in JSONLD_CONTEXT_TERMS}
    return {"graph.ttl": ttl, "graph.trig": trig, "graph.jsonld": _jsonld(quads, context)}


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _jsonld(quads: list[pyoxigraph.Quad], context: dict[str, str]) -> bytes:
    """Compacted JSON-LD: a ``@context`` of kg's prefixes, the default graph's nodes in ``@graph``
    and each named graph as a node with its own ``@graph``; names shortened to ``kgo:director``
    where a prefix fits, types as ``@type``, literals as ``@value`` with ``@type`` or ``@language``."""
    spaces = sorted(context.items(), key=lambda kv: -len(kv[1]))

    seen: dict[str, str] = {}

    def compact(iri: str) -> str:
        # (a JSON-LD compact IRI may hold any suffix but one starting with "//": kgr:person/jane-doe)
        if (done := seen.get(iri)) is not None:
            return done
        seen[iri] = iri
        for prefix, ns in spaces:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                seen[iri] = f"{prefix}:{iri[len(ns):]}"
                break
        return seen[iri]

    def node_id(t: object) -> str:
        return f"_:{t.value}" if isinstance(t, pyoxigraph.BlankNode) else compact(t.value)  # type: ignore[attr-defined]

    def value(t: object) -> dict[str, str]:
        if isinstance(t, pyoxigraph.Literal):
            out = {"@value": t.value}
            if t.language:
                out["@language"] = t.language
            elif t.datatype.value != _XSD_STRING:
                out["@type"] = compact(t.datatype.value)
            return out
        return {"@id": node_id(t)}

    graphs: dict[str, dict[str, dict]] = {}
    for q in quads:  # sorted: nodes and their properties come out in a fixed order
        g = "" if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else node_id(q.graph_name)
        node = graphs.setdefault(g, {}).setdefault(node_id(q.subject), {"@id": node_id(q.subject)})
        if q.predicate.value == _RDF_TYPE and not isinstance(q.object, pyoxigraph.Literal):
            node.setdefault("@type", []).append(node_id(q.object))
        else:
            node.setdefault(compact(q.predicate.value), []).append(value(q.object))
    # one node per line, each written by json's C encoder (an indented dump runs its Python
    # encoder, several times slower on a large graph); a named graph opens on its own line
    line = json.JSONEncoder(ensure_ascii=False).encode
    items = [line(node) for node in graphs.pop("", {}).values()]
    items += [f'{{"@id": {line(g)}, "@graph": [\n  ' + ",\n  ".join(map(line, nodes.values())) + "]}"
              for g, nodes in graphs.items()]
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=1)[:-2]
    return (head + ',\n "@graph": [\n' + ",\n".join(items) + "\n ]\n}\n").encode("utf-8")
