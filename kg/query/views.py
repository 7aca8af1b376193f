"""Views of a built graph for other tools: entities, facts, a networkx graph, and files to export.

Everything here reads the Oxigraph store with fixed queries (what varies is bound with
``substitutions``), so the same views come out of a build on disk and a graph in memory.

* :func:`entities` — the labelled entities, of a class or below;
* :func:`facts` — the direct facts (about one entity, or all), with provenance counts;
* :func:`to_networkx` — entities as nodes, facts between them as edges, with labels, types and
  provenance counts as attributes;
* :func:`export` — the graph as Turtle, TriG, N-Quads, N-Triples or JSON-LD (pyoxigraph), GraphML
  or GEXF (networkx), or ``nodes.csv`` and ``edges.csv`` for spreadsheets.

Examples
--------
>>> import pyoxigraph
>>> store = pyoxigraph.Store()
>>> store.load(b'''@prefix kgo: <https://w3id.org/kg/ontology#> . @prefix : <https://w3id.org/kg/id/> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... :show a kgo:Miniseries ; rdfs:label "The Show" ; kgo:director :jane .
... :jane a kgo:Person ; rdfs:label "Jane Doe" .''', format=pyoxigraph.RdfFormat.TURTLE)
>>> [e["label"] for e in entities(store, "Production")]
['The Show']
>>> [(f["subject_label"], f["property"].rsplit("#")[-1], f["object_label"]) for f in facts(store, "jane doe")]
[('The Show', 'director', 'Jane Doe')]
>>> sorted(to_networkx(store).edges(keys=True))
[('https://w3id.org/kg/id/show', 'https://w3id.org/kg/id/jane', 'director')]
"""
from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph

from kg.errors import QueryError, UsageError
from kg.query.cells import write_rows
from kg.query.lookup import expand_iri, resolve, subclasses
from kg.query.prefixes import prefixes_for
from kg.query.result import run_query
from kg.vocab import ONTOLOGY_IRI

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EXPORT_FORMATS", "entities", "export", "facts", "to_networkx"]

# entities: labelled nodes of the default graph, with their classes, aliases and how often articles back them
_ENTITIES = """
SELECT ?entity ?label (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes)
       (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases)
       (COUNT(DISTINCT ?statement) AS ?statements) (COUNT(DISTINCT ?article) AS ?articles)
WHERE {
  ?entity rdfs:label ?label .
  OPTIONAL { ?entity a ?class }
  OPTIONAL { ?entity skos:altLabel ?alias }
  OPTIONAL { GRAPH ?graph { { ?statement rdf:subject ?entity } UNION { ?statement rdf:object ?entity }
                            ?statement kgo:article ?article } }
}
GROUP BY ?entity ?label
ORDER BY LCASE(?label) ?entity
"""
# facts: kg's direct triples, with the statements that back each (a fact about ?about, when bound)
_FACTS = """
SELECT ?about ?subject ?property ?object ?subjectLabel ?objectLabel
       (COUNT(DISTINCT ?statement) AS ?statements) (COUNT(DISTINCT ?article) AS ?articles)
       (MAX(?c) AS ?confidence)
WHERE {
  ?subject ?property ?object .
  FILTER(STRSTARTS(STR(?property), "https://w3id.org/kg/ontology#"))
  FILTER EXISTS { ?subject rdfs:label ?anyLabel }
  FILTER(?about = ?subject || ?about = ?object || !isIRI(?about))
  OPTIONAL { ?subject rdfs:label ?subjectLabel }
  OPTIONAL { ?object rdfs:label ?objectLabel }
  OPTIONAL { GRAPH ?graph { ?statement rdf:subject ?subject ; rdf:predicate ?property ; rdf:object ?object ;
                                       kgo:article ?article . OPTIONAL { ?statement kgo:confidence ?c } } }
}
GROUP BY ?about ?subject ?property ?object ?subjectLabel ?objectLabel
ORDER BY LCASE(?subjectLabel) ?property LCASE(STR(?objectLabel)) STR(?object)
"""
_NO_ENTITY = pyoxigraph.Literal("")  # ?about bound to a literal: "every fact" (a literal is never a subject)
_SEP = "\u001f"


def _py(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        kind = term.datatype.value.rsplit("#", 1)[-1]
        if kind in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"):
            return int(term.value)
        if kind in ("decimal", "double", "float"):
            return float(term.value)
        if kind == "boolean":
            return term.value == "true"
    return term.value


def _class_iri(cls: str) -> str:
    iri = expand_iri(cls)
    return iri if iri is not None else ONTOLOGY_IRI + cls[:1].upper() + cls[1:]


def entities(store: pyoxigraph.Store, type: str | None = None) -> list[dict[str, Any]]:  # noqa: A002
    """The labelled entities (of class ``type`` or below: ``Person``, ``kgo:Production``, an IRI).

    Each as a dict: ``iri``, ``label``, ``type`` (the most specific class's name), ``types``,
    ``aliases``, and how many ``statements`` in how many ``articles`` mention it.
    """
    wanted = subclasses(_class_iri(type)) if type else None
    out = []
    for entity, label, classes, aliases, statements, articles in run_query(
            store, _ENTITIES, use_default_graph_as_union=False).rows:
        types = sorted(classes.value.split()) if classes is not None and classes.value else []
        if wanted is not None and not wanted & set(types):
            continue
        names = sorted(t.rsplit("#", 1)[-1] for t in types)
        out.append({"iri": entity.value, "label": label.value, "type": names[0] if names else None,
                    "types": names, "aliases": sorted(a for a in (aliases.value if aliases else "").split(_SEP) if a),
                    "statements": int(statements.value), "articles": int(articles.value)})
    return out


def facts(store: pyoxigraph.Store, about: str | None = None) -> list[dict[str, Any]]:
    """The direct facts, all of them or those ``about`` an entity (a label or IRI; either end).

    Each as a dict: ``subject``, ``subject_label``, ``property`` (IRI), ``object`` (IRI or value),
    ``object_label``, and how many ``statements`` in how many ``articles`` back it, with the best
    ``confidence`` among them (None for facts no statement backs, such as event participants).
    """
    bindings: list[Any] = [_NO_ENTITY]
    if about is not None:
        bindings = [e.node for e in resolve(store, about)]
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for node in bindings:
        for (_, s, p, o, s_label, o_label, statements, articles, confidence) in run_query(
                store, _FACTS, substitutions={"about": node}, use_default_graph_as_union=False).rows:
            key = (s.value, p.value, o.value)
            if key in seen or p.value == ONTOLOGY_IRI + "roleKind":
                continue
            seen.add(key)
            out.append({"subject": s.value, "subject_label": _py(s_label), "property": p.value,
                        "object": _py(o) if isinstance(o, pyoxigraph.Literal) else o.value,
                        "object_label": _py(o_label) if o_label is not None else (
                            _py(o) if isinstance(o, pyoxigraph.Literal) else None),
                        "statements": int(statements.value), "articles": int(articles.value),
                        "confidence": _py(confidence)})
    return out


def to_networkx(store: pyoxigraph.Store) -> nx.MultiDiGraph:
    """Entities as nodes, direct facts between two entities as edges (keyed by property name).

    Node attributes: ``label``, ``type`` (the first class name), ``types``, ``aliases``,
    ``statements``, ``articles``. Edge attributes: ``property`` (its name), ``iri``,
    ``statements``, ``articles``, ``confidence``.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for e in entities(store):
        graph.add_node(e["iri"], label=e["label"], type=e["type"], types=e["types"], aliases=e["aliases"],
                       statements=e["statements"], articles=e["articles"])
    for f in facts(store):
        if f["subject"] in graph and isinstance(f["object"], str) and f["object"] in graph:
            name = f["property"].rsplit("#", 1)[-1]
            graph.add_edge(f["subject"], f["object"], key=name, property=name, iri=f["property"],
                           statements=f["statements"], articles=f["articles"], confidence=f["confidence"])
    return graph


# --- export --------------------------------------------------------------------------------------

def _flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML and GEXF can hold: lists joined with "; ", no None."""
    flat = graph.copy()
    for attrs in [d for _, d in flat.nodes(data=True)] + [d for _, _, d in flat.edges(data=True)]:
        for key, value in list(attrs.items()):
            if value is None:
                del attrs[key]
            elif isinstance(value, (list, tuple)):
                attrs[key] = "; ".join(map(str, value))
    return flat


def _rdf(fmt: pyoxigraph.RdfFormat, default_only: bool) -> Callable[[pyoxigraph.Store, IO[bytes]], None]:
    def write(store: pyoxigraph.Store, out: IO[bytes]) -> None:
        graph = pyoxigraph.DefaultGraph() if default_only else None
        prefixes = None
        if fmt in (pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.TRIG, pyoxigraph.RdfFormat.JSON_LD):
            prefixes = prefixes_for(t.value for q in store.quads_for_pattern(None, None, None, graph)
                                    for t in (q.subject, q.predicate, q.object) if isinstance(t, pyoxigraph.NamedNode))
        store.dump(out, fmt, from_graph=graph, prefixes=prefixes)
    return write


def _networkx_writer(kind: str) -> Callable[[pyoxigraph.Store, IO[bytes]], None]:
    def write(store: pyoxigraph.Store, out: IO[bytes]) -> None:
        import networkx as nx

        graph = _flat(to_networkx(store))
        (nx.write_graphml if kind == "graphml" else nx.write_gexf)(graph, out)
    return write


EXPORT_FORMATS: dict[str, tuple[str, Callable[[pyoxigraph.Store, IO[bytes]], None] | None]] = {
    "ttl": ("the entities and direct facts (the default graph) as Turtle", _rdf(pyoxigraph.RdfFormat.TURTLE, True)),
    "nt": ("the default graph as N-Triples", _rdf(pyoxigraph.RdfFormat.N_TRIPLES, True)),
    "trig": ("every graph, provenance included, as TriG", _rdf(pyoxigraph.RdfFormat.TRIG, False)),
    "nq": ("every graph as N-Quads", _rdf(pyoxigraph.RdfFormat.N_QUADS, False)),
    "jsonld": ("every graph as JSON-LD", _rdf(pyoxigraph.RdfFormat.JSON_LD, False)),
    "graphml": ("entities and facts as a GraphML graph (networkx)", _networkx_writer("graphml")),
    "gexf": ("entities and facts as a GEXF graph for Gephi (networkx)", _networkx_writer("gexf")),
    "csv": ("nodes.csv and edges.csv in a folder, for spreadsheets", None),
}


@contextmanager
def _atomic(path: Path) -> Iterator[IO[bytes]]:
    """A file written beside ``path`` and moved over it only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _csv(store: pyoxigraph.Store, folder: Path) -> list[Path]:
    graph = to_networkx(store)
    tables = {
        "nodes.csv": (["id", "label", "type", "types", "aliases", "statements", "articles"],
                      [[n, d["label"], d["type"] or "", "; ".join(d["types"]), "; ".join(d["aliases"]),
                        d["statements"], d["articles"]] for n, d in graph.nodes(data=True)]),
        "edges.csv": (["source", "target", "property", "statements", "articles", "confidence"],
                      [[s, t, d["property"], d["statements"], d["articles"],
                        "" if d["confidence"] is None else d["confidence"]] for s, t, d in graph.edges(data=True)]),
    }
    written = []
    for name, (header, rows) in tables.items():
        with _atomic(folder / name) as out:
            out.write(write_rows([header, *rows]).encode("utf-8"))
        written.append(folder / name)
    return written


def export(store: pyoxigraph.Store, fmt: str, target: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write the graph as ``fmt`` (see :data:`EXPORT_FORMATS`) to ``target``: a file (or, for csv, a
    folder), written whole or not at all; ``None`` or ``"-"`` writes a one-file format to stdout.
    Returns the files written."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    _, writer = EXPORT_FORMATS[fmt]
    if writer is None:
        if target is None or str(target) == "-":
            raise UsageError("csv writes two files (nodes.csv, edges.csv): give a folder with -o")
        return _csv(store, Path(target))
    try:
        if target is None or str(target) == "-":
            buffer = io.BytesIO()
            writer(store, buffer)
            sys.stdout.buffer.write(buffer.getvalue())
            sys.stdout.buffer.flush()
            return []
        path = Path(target)
        with _atomic(path) as out:
            writer(store, out)
        return [path]
    except OSError as exc:
        raise QueryError(f"cannot export ({exc})") from None
