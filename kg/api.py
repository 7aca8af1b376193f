"""The Python API: ``kg.build``, ``kg.load`` and ``KnowledgeGraph``.

    >>> import kg                                   # cheap: spaCy loads on first build
    >>> g = kg.build(["sources/"])                  # doctest: +SKIP
    >>> g.query("SELECT ?w WHERE { ?w a kgo:Production }")   # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import OutputError
from kg.vocab import DEFAULT_BASE, KGO

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph
    from rdflib import Dataset

PREAMBLE = f"PREFIX kgo: <{KGO}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" \
           "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n" \
           "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX schema: <https://schema.org/>\n"


class KnowledgeGraph:
    """A built graph: the RDF dataset, its report, SPARQL over it, and views of it."""

    def __init__(self, dataset: Dataset, report: dict[str, Any], *, path: Path | None = None) -> None:
        self.dataset = dataset
        self.report = report
        self.path = path

    def __repr__(self) -> str:
        return (f"<KnowledgeGraph {self.report.get('articles', '?')} articles, "
                f"{self.report.get('entities', '?')} entities, {self.report.get('facts', '?')} facts>")

    @cached_property
    def store(self) -> pyoxigraph.Store:
        """An Oxigraph store over the dataset: the built one when loaded from disk, else in memory."""
        import pyoxigraph

        from kg.store import open_store

        if self.path is not None and (self.path / "store").is_dir():
            return open_store(self.path / "store")
        store = pyoxigraph.Store()
        store.load(self.dataset.serialize(format="trig").encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG)
        return store

    def query(self, sparql: str, *, allow_service: Sequence[str] = ()
              ) -> list[dict[str, Any]] | bool | list[tuple[Any, Any, Any]]:
        """Run SPARQL 1.1 over every graph. SELECT → rows as dicts of Python values; ASK → bool;
        CONSTRUCT/DESCRIBE → triples. The ``kgo:``, ``rdfs:``, ``skos:``, ``prov:``, ``rdf:`` and
        ``schema:`` prefixes are predeclared. Updates are refused, and so is ``SERVICE`` unless
        every endpoint it names is in ``allow_service``."""
        from kg.query import run_query

        text = sparql if "prefix kgo:" in sparql.lower() else PREAMBLE + sparql
        result = run_query(self.store, text, allow_service=tuple(allow_service))
        if result.kind == "ask":
            return bool(result.boolean)
        if result.kind == "graph":
            return [tuple(_py(x) for x in t) for t in result.triples]
        return [{v: _py(x) for v, x in zip(result.variables, row)} for row in result.rows]

    def why(self, subject: str, prop: str, obj: str) -> list[dict[str, Any]]:
        """Who says so? One dict per statement behind ``subject prop obj`` (labels or IRIs; ``prop``
        as ``director``, ``kgo:director`` or an IRI): sentence, evidence span, offsets, rule,
        confidence, article and source, best first. See :func:`kg.query.why.why`."""
        from kg.query.why import why

        return why(self.store, subject, prop, obj)

    def ask(self, name: str, *args: str) -> list[dict[str, Any]]:
        """Answer a named question (``kg ask --list``) with labels or IRIs as its arguments; rows as dicts."""
        from kg.query.questions import ask

        result = ask(self.store, name, args)
        return [{v: _py(x) for v, x in zip(result.variables, row)} for row in result.rows]

    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities as nodes (with ``label`` and ``type``), direct facts between them as edges."""
        import networkx as nx
        from rdflib import URIRef
        from rdflib.namespace import RDF, RDFS

        g = self.dataset.default_graph
        out = nx.MultiDiGraph()
        labelled = {s for s in g.subjects(RDFS.label, None)}
        for s in labelled:
            types = sorted(str(t).rsplit("#", 1)[-1] for t in g.objects(s, RDF.type))
            out.add_node(str(s), label=str(g.value(s, RDFS.label)), type=types[0] if types else None)
        for s, p, o in g:
            if isinstance(o, URIRef) and s in labelled and o in labelled and p != RDF.type and str(p).startswith(str(KGO)):
                out.add_edge(str(s), str(o), key=str(p).rsplit("#", 1)[-1], property=str(p).rsplit("#", 1)[-1])
        return out

    def save(self, out: str | os.PathLike[str] = "output") -> Path:
        """Write the output folder (graph.ttl, graph.trig, graph.jsonld, store/, graph.html, report.json)."""
        from kg.pipeline import write_output

        write_output(self.dataset, self.report, out)
        self.path = Path(out)
        self.__dict__.pop("store", None)
        return self.path


def _py(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (IRIs as strings, literals by datatype)."""
    if term is None:
        return None
    value = getattr(term, "value", term)
    datatype = str(getattr(getattr(term, "datatype", None), "value", ""))
    if datatype.endswith(("#integer", "#int", "#long")):
        return int(value)
    if datatype.endswith(("#decimal", "#double", "#float")):
        return float(value)
    if datatype.endswith("#boolean"):
        return value == "true"
    return value


def build(sources: Sequence[str | os.PathLike[str]], *, model: str | None = None, base: str = DEFAULT_BASE,
          min_confidence: float = 0.0, strict: bool = False) -> KnowledgeGraph:
    """Build a knowledge graph from articles (files or folders) in memory; ``save`` writes it."""
    from kg.pipeline import DEFAULT_MODEL, run_pipeline

    ds, report = run_pipeline(sources, model=model or DEFAULT_MODEL, base=base, min_confidence=min_confidence,
                              strict=strict, quiet=True)
    return KnowledgeGraph(ds, report)


def load(path: str | os.PathLike[str] = "output") -> KnowledgeGraph:
    """Load a built output folder."""
    from rdflib import Dataset

    folder = Path(path)
    trig = folder / "graph.trig"
    if not trig.is_file():
        raise OutputError(f"no graph at {folder}: run `kg build SOURCES --out {folder}` first", path=str(folder))
    ds = Dataset()
    ds.parse(trig, format="trig")
    report_file = folder / "report.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.is_file() else {}
    return KnowledgeGraph(ds, report, path=folder)
