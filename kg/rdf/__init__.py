"""Resolved entities and facts → RDF quads (shape: docs/design.md).

The default graph holds entities, direct facts in Wikidata's direction, roles, statistics,
events and the article nodes; each article's named graph holds a statement node per fact it
supports (subject, property, object, sentence, offsets, rule, confidence). IRIs are derived from
names and content hashes only, so the same input gives the same graph.

The graph is built as Oxigraph terms in a :class:`Quads` (what the serialisers, the store, the
page and the report read, without an RDF store in between: building an rdflib ``Dataset`` of a
thousand articles took longer than everything after resolution); ``Quads.to_rdflib`` gives the
rdflib ``Dataset`` for Python users who want one.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import pyoxigraph
from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad
from rdflib import namespace as rdf

from kg.model import AWARD, CHARACTER, GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Document, Evidence, Value
from kg.resolve import ROLE_PROPS, Resolved, slug
from kg.vocab import DEFAULT_BASE, KGO, SCHEMA, WD, WDT, Terms

if TYPE_CHECKING:
    from rdflib import Dataset

_XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {"kgo": str(KGO), "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#", "xsd": _XSD,
            "schema": str(SCHEMA), "wd": str(WD), "wdt": str(WDT), "owl": "http://www.w3.org/2002/07/owl#",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
Term = NamedNode | BlankNode | pyoxigraph.Literal


K = Terms(KGO, NamedNode)
RDF, RDFS, SKOS, PROV, XSD, SCH = (Terms(ns, NamedNode) for ns in (rdf.RDF, rdf.RDFS, rdf.SKOS, rdf.PROV, rdf.XSD,
                                                                    SCHEMA))
CLASS_OF_TYPE = {PERSON: "Person", PRODUCTION: "Production", ORGANIZATION: "Organization", GROUP: "Group",
                 AWARD: "Award", PLACE: "Place", CHARACTER: "Character"}
DATE_TYPES = {10: "date", 7: "gYearMonth", 4: "gYear"}
DEFAULT_GRAPH = DefaultGraph()


def _h(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _decimal(text: str) -> str:
    """The canonical ``xsd:decimal`` form of ``text`` (``.5`` → ``0.5``, ``2.5e3`` → ``2500``), or ``text``."""
    try:
        return format(Decimal(text), "f")
    except (InvalidOperation, ValueError):
        return text


def literal(v: Value) -> pyoxigraph.Literal:
    """A typed literal for a value: dates by their precision, numbers as numbers.

    >>> literal(Value("2019-05", "date")).datatype.value.rsplit("#", 1)[1]
    'gYearMonth'
    >>> literal(Value("007", "integer")).value, literal(Value(".5", "decimal")).value
    ('7', '0.5')
    """
    if v.datatype == "date":
        return date_literal(v.text)
    if v.datatype == "integer":
        return pyoxigraph.Literal(str(int(v.text)), datatype=XSD.integer)
    if v.datatype == "decimal":
        return pyoxigraph.Literal(_decimal(v.text), datatype=XSD.decimal)
    return pyoxigraph.Literal(v.text)


def date_literal(text: str) -> pyoxigraph.Literal:
    if text.startswith("--"):
        return pyoxigraph.Literal(text, datatype=XSD.gMonthDay)
    return pyoxigraph.Literal(text, datatype=getattr(XSD, DATE_TYPES.get(len(text), "string")))


def number_literal(x: float) -> pyoxigraph.Literal:
    if float(x).is_integer():
        return pyoxigraph.Literal(str(int(x)), datatype=XSD.integer)
    return pyoxigraph.Literal(_decimal(str(x)), datatype=XSD.decimal)


class Quads:
    """A built graph: Oxigraph quads, each once, and the prefixes to write them with.

    Iterating gives the quads sorted by graph, subject, predicate and object, the order every
    output file is written in.

    >>> q = Quads({"ex": "http://example.org/"})
    >>> a, p = NamedNode("http://example.org/a"), NamedNode("http://example.org/p")
    >>> q.add(a, p, pyoxigraph.Literal("x")); q.add(a, p, pyoxigraph.Literal("x"))
    >>> len(q)
    1
    >>> len(q.to_rdflib().default_graph)
    1
    """

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = dict(prefixes)
        self._items: dict[tuple[Term, NamedNode, Term, NamedNode | DefaultGraph], None] = {}
        self._sorted: list[Quad] | None = None

    def add(self, s: Term, p: NamedNode, o: Term, g: NamedNode | DefaultGraph = DEFAULT_GRAPH) -> None:
        self._items[(s, p, o, g)] = None
        self._sorted = None

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Quad]:
        if self._sorted is None:
            quads = [Quad(*t) for t in self._items]
            quads.sort(key=lambda q: (str(q.graph_name), str(q)))  # graph first, then the quad as N-Quads
            self._sorted = quads
        return iter(self._sorted)

    def tuples(self) -> Iterator[tuple[Term, NamedNode, Term, NamedNode | DefaultGraph]]:
        """The quads as tuples of terms, in the order they were added (cheaper than sorting)."""
        return iter(self._items)

    def namespaces(self) -> list[tuple[str, str]]:
        return sorted(self.prefixes.items())

    @classmethod
    def from_rdflib(cls, ds: Dataset) -> Quads:
        """The quads of an rdflib ``Dataset`` (or ``Graph``), with its bound prefixes."""
        from kg.rdf.terms import from_rdflib

        out = cls({p: str(ns) for p, ns in ds.namespaces() if p})
        for t in from_rdflib(ds):
            out.add(*t)
        return out

    def to_rdflib(self) -> Dataset:
        """The graph as an rdflib ``Dataset``, prefixes bound."""
        from kg.rdf.terms import to_rdflib

        return to_rdflib(self, self.prefixes)


class _Writer:
    def __init__(self, base: str, documents: dict[str, Document]) -> None:
        self.base = base
        self.quads = Quads({**PREFIXES, "kgr": base})
        self.documents = documents
        self._iris: dict[str, NamedNode] = {}

    def iri(self, path: str) -> NamedNode:
        if (node := self._iris.get(path)) is None:
            node = self._iris[path] = NamedNode(self.base + path)
        return node

    def article(self, doc_id: str) -> NamedNode:
        return self.iri(f"article/{doc_id}")

    def statement(self, s: NamedNode, p: NamedNode, o: Term, ev: Evidence) -> NamedNode:
        art = self.article(ev.doc_id)
        st = NamedNode(self.base + _statement_path(s, p, o, ev))
        add = self.quads.add
        add(st, RDF.type, K.Statement, art)
        add(st, RDF.subject, s, art)
        add(st, RDF.predicate, p, art)
        add(st, RDF.object, o, art)
        add(st, K.article, art, art)
        add(st, PROV.wasDerivedFrom, art, art)
        add(st, K.sentence, pyoxigraph.Literal(ev.sentence), art)
        add(st, K.sentenceStart, pyoxigraph.Literal(str(ev.sentence_start), datatype=XSD.integer), art)
        add(st, K.startChar, pyoxigraph.Literal(str(ev.start), datatype=XSD.integer), art)
        add(st, K.endChar, pyoxigraph.Literal(str(ev.end), datatype=XSD.integer), art)
        add(st, K.rule, pyoxigraph.Literal(ev.rule), art)
        add(st, K.confidence, pyoxigraph.Literal(f"{ev.confidence:.3f}", datatype=XSD.decimal), art)
        add(st, K.status, pyoxigraph.Literal(ev.status), art)
        if ev.speaker_key:
            add(st, PROV.wasAttributedTo, self.iri(ev.speaker_key), art)
        if ev.qualifier:
            add(st, K.qualifier, pyoxigraph.Literal(ev.qualifier), art)
        return st


def _distinct(evidence: Sequence[Evidence]) -> list[Evidence]:
    """One evidence per statement node (the same rule reading the same span twice, say once hedged):
    the surest of them, so that every statement has exactly one confidence."""
    best: dict[tuple, Evidence] = {}
    for ev in evidence:
        key = (ev.doc_id, ev.start, ev.end, ev.rule)
        if key not in best or ev.confidence > best[key].confidence:
            best[key] = ev
    return list(best.values())


def _statement_path(s: NamedNode, p: NamedNode, o: Term, ev: Evidence) -> str:
    """Where the statement node for ``s p o`` from ``ev`` lives under the base: it hashes the terms'
    IRIs or lexical forms and the evidence's place and rule."""
    return f"statement/{_h(s.value, p.value, o.value, ev.doc_id, ev.start, ev.end, ev.rule)}"


def _statistic_path(st: Any) -> str:
    """Where a statistic's node lives under the base."""
    return f"statistic/{_h(st.about, st.value, st.unit, st.as_of, st.evidence[0].doc_id)}"


def occupation_key(text: str) -> str:
    return f"occupation/{slug(text)}"


def to_quads(resolved: Resolved, documents: Iterable[Document], *, base: str = DEFAULT_BASE,
             min_confidence: float = 0.0) -> Quads:
    """Build the graph: entities, direct facts (confidence ≥ ``min_confidence``), n-ary nodes,
    articles, and statement nodes with provenance in one named graph per article."""
    w = _Writer(base, {d.id: d for d in documents})
    add = w.quads.add
    for e in sorted(resolved.entities.values(), key=lambda e: e.key):
        node = w.iri(e.key)
        add(node, RDF.type, getattr(K, e.kind or CLASS_OF_TYPE[e.type]))
        add(node, RDFS.label, pyoxigraph.Literal(e.label))
        for a in e.aliases:
            add(node, SKOS.altLabel, pyoxigraph.Literal(a))
    for doc in sorted(w.documents.values(), key=lambda d: d.id):
        art = w.article(doc.id)  # an article describes itself in its own graph: graph.ttl stays name-free
        add(art, RDF.type, K.Article, art)
        add(art, K.sourcePath, pyoxigraph.Literal(doc.source), art)
        if doc.title:
            add(art, SCH.headline, pyoxigraph.Literal(doc.title), art)
        if doc.url:
            add(art, SCH.url, pyoxigraph.Literal(doc.url, datatype=XSD.anyURI), art)
        if doc.date:
            add(art, SCH.datePublished, date_literal(doc.date), art)
    for f in resolved.facts:
        s = w.iri(f.subject)
        p = getattr(K, f.prop)
        o: Term
        if isinstance(f.object, Value):
            if f.prop == "occupation":
                o = w.iri(occupation_key(f.object.text))
                add(o, RDF.type, K.Occupation)
                add(o, RDFS.label, pyoxigraph.Literal(f.object.text))
            else:
                o = literal(f.object)
        else:
            o = w.iri(f.object)
        if f.confidence >= min_confidence and f.confidence > 0:  # denied-only facts never enter it
            add(s, p, o)
        evidence = _distinct(f.evidence)
        for ev in evidence:
            w.statement(s, p, o, ev)
        ends = resolved.entities.get(f.subject), resolved.entities.get(f.object) if isinstance(f.object, str) else None
        if f.prop in ROLE_PROPS and isinstance(o, NamedNode) and ends[0] is not None and ends[1] is not None \
                and ends[0].type == PRODUCTION and ends[1].type == PERSON:  # a role: a person's part in a work
            for character in f.characters or (None,):
                role = w.iri(f"role/{_h(f.subject, f.prop, f.object, character)}")
                add(role, RDF.type, K.Role)
                add(role, K.production, s)
                add(role, K.person, o)
                add(role, K.roleKind, getattr(K, ROLE_PROPS[f.prop]))
                if character:
                    add(role, K.characterName, pyoxigraph.Literal(character))
                for ev in evidence:
                    w.statement(role, RDF.type, K.Role, ev)
    for st in resolved.statistics:
        node = w.iri(_statistic_path(st))
        add(node, RDF.type, K.Statistic)
        add(node, K.about, w.iri(st.about))
        add(node, K.value, number_literal(st.value))
        add(node, K.unit, pyoxigraph.Literal(st.unit))
        add(node, K.measure, pyoxigraph.Literal(st.measure))
        if st.as_of:
            add(node, K.asOf, date_literal(st.as_of))
        if st.reported_by:
            add(node, K.reportedBy, w.iri(st.reported_by))
        add(node, PROV.wasDerivedFrom, w.article(st.evidence[0].doc_id))
        for ev in st.evidence:
            w.statement(node, RDF.type, K.Statistic, ev)
    for e in resolved.events:
        node = w.iri(f"event/{_h(e.kind, e.date, e.place, e.award, *e.participants)}")
        cls = getattr(K, e.kind)
        add(node, RDF.type, cls)
        add(node, RDFS.label, pyoxigraph.Literal(_event_label(e.kind, e.date)))
        if e.date:
            add(node, K.date, date_literal(e.date))
        if e.place:
            add(node, K.place, w.iri(e.place))
        if e.award:
            add(node, K.award, w.iri(e.award))
        for p in e.participants:
            add(node, K.participant, w.iri(p))
        for ev in e.evidence:
            w.statement(node, RDF.type, cls, ev)
    for q in resolved.quotations:
        ev = q.evidence
        node = w.iri(f"quote/{_h(ev.doc_id, ev.start, ev.end)}")
        art = w.article(ev.doc_id)
        add(node, RDF.type, K.Quotation, art)
        add(node, K.text, pyoxigraph.Literal(q.text), art)
        add(node, K.article, art, art)
        add(node, PROV.wasDerivedFrom, art, art)
        add(node, K.sentence, pyoxigraph.Literal(ev.sentence), art)
        add(node, K.startChar, pyoxigraph.Literal(str(ev.start), datatype=XSD.integer), art)
        add(node, K.endChar, pyoxigraph.Literal(str(ev.end), datatype=XSD.integer), art)
        if q.speaker:
            add(node, K.speaker, w.iri(q.speaker), art)
            add(node, PROV.wasAttributedTo, w.iri(q.speaker), art)
    for c in resolved.conflicts:
        node = w.iri(f"conflict/{_h(c.kind, c.about, c.prop, *(v for v, _ in c.sides))}")
        add(node, RDF.type, K.Conflict)
        add(node, RDFS.label, pyoxigraph.Literal(f"{c.kind} conflict on {c.prop}"))
        add(node, K.about, w.iri(c.about))
        add(node, K.property, K.Statistic if c.prop == "Statistic" else getattr(K, c.prop))
        for _value, evs in c.sides:
            for ev in evs:
                add(node, K.side, _statement_iri(w, c, _value, ev, resolved))
    return w.quads


def to_dataset(resolved: Resolved, documents: Iterable[Document], *, base: str = DEFAULT_BASE,
               min_confidence: float = 0.0) -> Dataset:
    """``to_quads`` as an rdflib ``Dataset``."""
    return to_quads(resolved, documents, base=base, min_confidence=min_confidence).to_rdflib()


def _statement_iri(w: _Writer, c: Any, value: str, ev: Evidence, resolved: Resolved) -> NamedNode:
    """The IRI of the statement node ``ev`` produced for one side of a conflict."""
    s = w.iri(c.about)
    if c.prop == "Statistic":
        st = next(x for x in resolved.statistics if ev in x.evidence)
        node = w.iri(_statistic_path(st))
        return w.iri(_statement_path(node, RDF.type, K.Statistic, ev))
    f = next(x for x in resolved.facts if x.subject == c.about and x.prop == c.prop and ev in x.evidence)
    p = getattr(K, f.prop)
    if isinstance(f.object, Value):
        o: Term = w.iri(occupation_key(f.object.text)) if f.prop == "occupation" else literal(f.object)
    else:
        o = w.iri(f.object)
    return w.iri(_statement_path(s, p, o, ev))


def _event_label(kind: str, date: str | None) -> str:
    words = "".join(" " + c.lower() if c.isupper() else c for c in kind).strip()
    return f"{words} ({date})" if date else words
