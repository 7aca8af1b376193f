"""The Python API: ``kg.build``, ``kg.load`` and ``KnowledgeGraph``.

    >>> import kg                                   # cheap: spaCy loads on first build
    >>> g = kg.build(["sources/"])                  # doctest: +SKIP
    >>> g.query("SELECT ?w WHERE { ?w a kgo:Production }")   # doctest: +SKIP

A ``KnowledgeGraph`` answers SPARQL (``query``), named questions (``ask``) and "who says so?"
(``why``); lists ``entities`` and ``facts``; becomes a networkx graph (``to_networkx``) or files
for other tools (``export``); and shows itself as a compact summary in Jupyter.
"""
from __future__ import annotations

import html
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import OutputError, UsageError
from kg.vocab import DEFAULT_BASE, KGO

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    import pyoxigraph
    from rdflib import Dataset

    from kg.query.engine import Engine
    from kg.rdf import Quads

PREAMBLE = f"PREFIX kgo: <{KGO}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" \
           "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n" \
           "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX schema: <https://schema.org/>\n"


class Rows(list[dict[str, Any]]):
    """Rows as dicts (a plain list), that know their columns and become a pandas DataFrame.

    >>> rows = Rows([{"name": "Jane Doe", "n": 2}], ["name", "n"])
    >>> rows == [{"name": "Jane Doe", "n": 2}], rows.columns
    (True, ('name', 'n'))
    """

    def __init__(self, rows: Iterable[dict[str, Any]] = (), columns: Sequence[str] = ()) -> None:
        super().__init__(rows)
        self.columns = tuple(columns) or (tuple(self[0]) if self else ())

    def to_dataframe(self) -> pd.DataFrame:
        """The rows as a ``pandas.DataFrame`` with the columns in order (needs pandas installed)."""
        try:
            import pandas as pd
        except ImportError:
            raise UsageError("to_dataframe needs pandas: pip install pandas") from None
        return pd.DataFrame(list(self), columns=list(self.columns))


class KnowledgeGraph:
    """A built graph: the RDF dataset, its report, SPARQL over it, and views of it.

    Examples
    --------
    >>> import tempfile, pathlib, kg
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    >>> g = kg.build([folder])
    >>> g.query("SELECT ?name WHERE { ?film kgo:director ?p . ?p rdfs:label ?name }")
    [{'name': 'Nadia Ferrante'}]
    >>> [e["label"] for e in g.entities(type="Person")]
    ['Nadia Ferrante']
    >>> evidence = g.why("Blue Hour", "director", "Nadia Ferrante")
    >>> evidence[0]["sentence"], evidence[0]["rule"].startswith("kg.")
    ('The film Blue Hour was directed by Nadia Ferrante.', True)
    >>> g.ask("who-made", "blue hour")[0]["name"]
    'Nadia Ferrante'
    >>> sorted(d["property"] for _, _, d in g.to_networkx().edges(data=True))
    ['director']
    """

    def __init__(self, dataset: Dataset | Quads | None, report: dict[str, Any], *, path: Path | None = None) -> None:
        self._graph = dataset  # None: read from path/graph.trig when first asked for
        self.report = report
        self.path = path

    @cached_property
    def dataset(self) -> Dataset:
        """The graph as an rdflib ``Dataset`` (the default graph and one named graph per article)."""
        from rdflib import Dataset

        if self._graph is None:
            ds = Dataset()
            ds.parse(self.path / "graph.trig", format="trig")  # type: ignore[operator]
            return ds
        return self._graph if isinstance(self._graph, Dataset) else self._graph.to_rdflib()

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
        from kg.rdf.serialise import as_quads

        store = pyoxigraph.Store()
        store.extend(as_quads(self._graph if self._graph is not None else self.dataset))
        return store

    @cached_property
    def _engine(self) -> Engine:
        """The worker process that runs :meth:`query` (started on the first query, kept for the next),
        cut off from the network."""
        return self._new_engine(network=False)

    @cached_property
    def _networked_engine(self) -> Engine:
        """The worker for queries that ``allow_service`` lets call endpoints."""
        return self._new_engine(network=True)

    def _new_engine(self, network: bool) -> Engine:
        from kg.query.engine import Engine

        if self.path is not None and (self.path / "store").is_dir():
            return Engine(self.path / "store", network=network)
        return Engine(self.store, network=network)

    def query(self, sparql: str, *, allow_service: Sequence[str] = (), timeout: float | None = 30.0,
              limit: int | None = 10_000,
              max_bytes: int | None = 50_000_000) -> Rows | bool | list[tuple[Any, Any, Any]]:
        """Run SPARQL 1.1 over every graph. SELECT → :class:`Rows` (dicts of Python values, with
        ``.to_dataframe()``); ASK → bool; CONSTRUCT/DESCRIBE → triples. kg's prefixes (``kgo:``,
        ``kgr:``, ``rdfs:``, ``skos:``, ``prov:``, ``rdf:``, ``schema:``, …) are predeclared. Updates
        are refused, and so is ``SERVICE`` unless every endpoint it names is in ``allow_service``.
        A query that runs past ``timeout`` seconds, or whose answer holds more than ``limit``
        solutions or triples or ``max_bytes`` bytes, raises ``QueryError`` (None: no limit; see
        :mod:`kg.query.limits`). Queries run in a worker process: one that crashes the engine costs
        a ``QueryError`` naming the crash, never this process."""
        from kg.query.limits import run_limited

        engine = self._networked_engine if allow_service else self._engine
        result = run_limited(engine, sparql, allow_service=tuple(allow_service), timeout=timeout, limit=limit,
                             max_bytes=max_bytes)
        if result.kind == "ask":
            return bool(result.boolean)
        if result.kind == "graph":
            return [tuple(_py(x) for x in t) for t in result.triples]
        return Rows(({v: _py(x) for v, x in zip(result.variables, row)} for row in result.rows), result.variables)

    def why(self, subject: str, prop: str, obj: str) -> Rows:
        """Who says so? One dict per statement behind ``subject prop obj`` (labels or IRIs; ``prop``
        as ``director``, ``kgo:director`` or an IRI): sentence, evidence span, offsets, rule,
        confidence, article and source, best first. See :func:`kg.query.why.why`."""
        from kg.query.why import EVIDENCE_FIELDS, why

        return Rows(why(self.store, subject, prop, obj), EVIDENCE_FIELDS)

    def ask(self, name: str, *args: str) -> Rows:
        """Answer a named question (``kg ask --list``) with labels or IRIs as its arguments."""
        from kg.query.questions import ask

        result = ask(self.store, name, args)
        return Rows(({v: _py(x) for v, x in zip(result.variables, row)} for row in result.rows), result.variables)

    def entities(self, type: str | None = None) -> Rows:  # noqa: A002 - the word users expect
        """The labelled entities, of class ``type`` or below (``"Person"``, ``"kgo:Production"``, an IRI):
        ``iri``, ``label``, ``type``, ``types``, ``aliases`` and provenance counts."""
        from kg.query.views import entities

        return Rows(entities(self.store, type), ("iri", "label", "type", "types", "aliases", "statements",
                                                 "articles"))

    def facts(self, about: str | None = None) -> Rows:
        """The direct facts, all or those ``about`` an entity (label or IRI, at either end), with how
        many statements in how many articles back each and the best confidence."""
        from kg.query.views import facts

        return Rows(facts(self.store, about), ("subject", "subject_label", "property", "object", "object_label",
                                                "statements", "articles", "confidence"))

    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities as nodes (``label``, ``type``, ``types``, ``aliases``, ``statements``, ``articles``),
        direct facts between them as edges keyed by property name (``property``, ``iri``,
        ``statements``, ``articles``, ``confidence``)."""
        from kg.query.views import to_networkx

        return to_networkx(self.store)

    def export(self, target: str | os.PathLike[str] | None, format: str = "ttl") -> list[Path]:  # noqa: A002
        """Write the graph for other tools: ``ttl``, ``nt``, ``trig``, ``nq``, ``jsonld``, ``graphml``,
        ``gexf``, or ``csv`` (``nodes.csv`` and ``edges.csv`` in the folder ``target``)."""
        from kg.query.views import export

        return export(self.store, format, target)

    def _repr_html_(self) -> str:
        """A compact summary for Jupyter: counts, the commonest classes and properties, the articles."""
        from kg.query.views import entities, facts

        ents, fcts = entities(self.store), facts(self.store)
        classes = Counter(e["type"] or "untyped" for e in ents).most_common(6)
        properties = Counter(f["property"].rsplit("#", 1)[-1] for f in fcts).most_common(6)
        articles = sorted(self.report.get("per_article", {}))

        def cells(pairs: Iterable[tuple[str, int]]) -> str:
            return ", ".join(f"{html.escape(str(name))}&nbsp;{count}" for name, count in pairs) or "—"

        source = f" from <code>{html.escape(str(self.path))}</code>" if self.path is not None else ""
        shown = ", ".join(html.escape(a) for a in articles[:5]) + (f", … ({len(articles)})" if len(articles) > 5 else "")
        return (f"<div class='kg-summary'><b>KnowledgeGraph</b>{source}: {len(ents)} entities, {len(fcts)} facts"
                f"{', ' + str(self.report['articles']) + ' articles' if 'articles' in self.report else ''}"
                f"<table><tr><th style='text-align:left'>classes</th><td style='text-align:left'>{cells(classes)}"
                f"</td></tr><tr><th style='text-align:left'>properties</th><td style='text-align:left'>"
                f"{cells(properties)}</td></tr>"
                + (f"<tr><th style='text-align:left'>articles</th><td style='text-align:left'>{shown}</td></tr>"
                   if articles else "") + "</table></div>")

    def save(self, out: str | os.PathLike[str] = "output") -> Path:
        """Write the output folder (graph.ttl, graph.trig, graph.jsonld, store/, graph.html, report.json)."""
        from kg.pipeline import write_output

        write_output(self._graph if self._graph is not None else self.dataset, self.report, out)
        self.path = Path(out)
        self.__dict__.pop("store", None)
        for name in ("_engine", "_networked_engine"):
            engine = self.__dict__.pop(name, None)
            if engine is not None:
                engine.close()
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
    folder = Path(path)
    trig = folder / "graph.trig"
    if not trig.is_file():
        raise OutputError(f"no graph at {folder}: run `kg build SOURCES --out {folder}` first", path=str(folder))
    report_file = folder / "report.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.is_file() else {}
    return KnowledgeGraph(None, report, path=folder)
