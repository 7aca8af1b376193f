"""Resolved entities and facts → an rdflib ``Dataset`` (shape: docs/design.md).

The default graph holds entities, direct facts in Wikidata's direction, roles, statistics,
events and the article nodes; each article's named graph holds a statement node per fact it
supports (subject, property, object, sentence, offsets, rule, confidence). IRIs are derived from
names and content hashes only, so the same input gives the same graph.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import XSD, Dataset, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.model import AWARD, CHARACTER, GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Document, Evidence, Value
from kg.resolve import ROLE_PROPS, Resolved, slug
from kg.vocab import DEFAULT_BASE, KGO, SCHEMA, WD, WDT

CLASS_OF_TYPE = {PERSON: KGO.Person, PRODUCTION: KGO.Production, ORGANIZATION: KGO.Organization,
                 GROUP: KGO.Group, AWARD: KGO.Award, PLACE: KGO.Place, CHARACTER: KGO.Character}
DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}
PREFIXES = {"kgo": str(KGO), "rdfs": str(RDFS), "skos": str(SKOS), "prov": str(PROV), "xsd": str(XSD),
            "schema": str(SCHEMA), "wd": str(WD), "wdt": str(WDT), "owl": str(OWL), "rdf": str(RDF)}


def _h(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def literal(v: Value) -> Literal:
    """A typed literal for a value: dates by their precision, numbers as numbers."""
    if v.datatype == "date":
        if v.text.startswith("--"):
            return Literal(v.text, datatype=XSD.gMonthDay)
        return Literal(v.text, datatype=DATE_TYPES.get(len(v.text), XSD.string))
    if v.datatype == "integer":
        return Literal(int(v.text), datatype=XSD.integer)
    if v.datatype == "decimal":
        return Literal(v.text, datatype=XSD.decimal)
    return Literal(v.text)


def date_literal(text: str) -> Literal:
    return literal(Value(text, "date"))


def number_literal(x: float) -> Literal:
    return Literal(int(x), datatype=XSD.integer) if float(x).is_integer() else Literal(str(x), datatype=XSD.decimal)


class _Writer:
    def __init__(self, base: str, documents: dict[str, Document]) -> None:
        self.base = base
        self.ds = Dataset()
        for p, ns in PREFIXES.items():
            self.ds.bind(p, ns)
        self.ds.bind("kgr", base)
        self.g = self.ds.default_graph
        self.documents = documents

    def iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def article(self, doc_id: str) -> URIRef:
        return self.iri(f"article/{doc_id}")

    def statement(self, s: URIRef, p: URIRef, o: URIRef | Literal, ev: Evidence) -> URIRef:
        art = self.article(ev.doc_id)
        graph = self.ds.graph(art)
        st = self.iri(f"statement/{_h(s, p, o, ev.doc_id, ev.start, ev.end, ev.rule)}")
        graph.add((st, RDF.type, KGO.Statement))
        graph.add((st, RDF.subject, s))
        graph.add((st, RDF.predicate, p))
        graph.add((st, RDF.object, o))
        graph.add((st, KGO.article, art))
        graph.add((st, PROV.wasDerivedFrom, art))
        graph.add((st, KGO.sentence, Literal(ev.sentence)))
        graph.add((st, KGO.sentenceStart, Literal(ev.sentence_start, datatype=XSD.integer)))
        graph.add((st, KGO.startChar, Literal(ev.start, datatype=XSD.integer)))
        graph.add((st, KGO.endChar, Literal(ev.end, datatype=XSD.integer)))
        graph.add((st, KGO.rule, Literal(ev.rule)))
        graph.add((st, KGO.confidence, Literal(f"{ev.confidence:.3f}", datatype=XSD.decimal)))
        graph.add((st, KGO.status, Literal(ev.status)))
        if ev.speaker_key:
            graph.add((st, PROV.wasAttributedTo, self.iri(ev.speaker_key)))
        if ev.qualifier:
            graph.add((st, KGO.qualifier, Literal(ev.qualifier)))
        return st


def occupation_key(text: str) -> str:
    return f"occupation/{slug(text)}"


def to_dataset(resolved: Resolved, documents: Iterable[Document], *, base: str = DEFAULT_BASE,
               min_confidence: float = 0.0) -> Dataset:
    """Build the dataset: entities, direct facts (confidence ≥ ``min_confidence``), n-ary nodes,
    articles, and statement nodes with provenance in one named graph per article."""
    w = _Writer(base, {d.id: d for d in documents})
    g = w.g
    for e in sorted(resolved.entities.values(), key=lambda e: e.key):
        node = w.iri(e.key)
        g.add((node, RDF.type, getattr(KGO, e.kind) if e.kind else CLASS_OF_TYPE[e.type]))
        g.add((node, RDFS.label, Literal(e.label)))
        for a in e.aliases:
            g.add((node, SKOS.altLabel, Literal(a)))
    for doc in sorted(w.documents.values(), key=lambda d: d.id):
        art = w.article(doc.id)
        g = w.ds.graph(art)  # an article describes itself in its own graph: graph.ttl stays name-free
        g.add((art, RDF.type, KGO.Article))
        g.add((art, KGO.sourcePath, Literal(doc.source)))
        if doc.title:
            g.add((art, SCHEMA.headline, Literal(doc.title)))
        if doc.url:
            g.add((art, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI)))
        if doc.date:
            g.add((art, SCHEMA.datePublished, date_literal(doc.date)))
    g = w.g
    for f in resolved.facts:
        s = w.iri(f.subject)
        p = getattr(KGO, f.prop)
        if isinstance(f.object, Value):
            if f.prop == "occupation":
                o: URIRef | Literal = w.iri(occupation_key(f.object.text))
                g.add((o, RDF.type, KGO.Occupation))
                g.add((o, RDFS.label, Literal(f.object.text)))
            else:
                o = literal(f.object)
        else:
            o = w.iri(f.object)
        if f.confidence >= min_confidence and f.confidence > 0:  # denied-only facts never enter it
            g.add((s, p, o))
        for ev in f.evidence:
            w.statement(s, p, o, ev)
        if f.prop in ROLE_PROPS and isinstance(o, URIRef):
            for character in f.characters or (None,):
                role = w.iri(f"role/{_h(f.subject, f.prop, f.object, character)}")
                g.add((role, RDF.type, KGO.Role))
                g.add((role, KGO.production, s))
                g.add((role, KGO.person, o))
                g.add((role, KGO.roleKind, getattr(KGO, ROLE_PROPS[f.prop])))
                if character:
                    g.add((role, KGO.characterName, Literal(character)))
                for ev in f.evidence:
                    w.statement(role, RDF.type, KGO.Role, ev)
    for st in resolved.statistics:
        node = w.iri(f"statistic/{_h(st.about, st.value, st.unit, st.as_of, st.evidence[0].doc_id)}")
        g.add((node, RDF.type, KGO.Statistic))
        g.add((node, KGO.about, w.iri(st.about)))
        g.add((node, KGO.value, number_literal(st.value)))
        g.add((node, KGO.unit, Literal(st.unit)))
        g.add((node, KGO.measure, Literal(st.measure)))
        if st.as_of:
            g.add((node, KGO.asOf, date_literal(st.as_of)))
        if st.reported_by:
            g.add((node, KGO.reportedBy, w.iri(st.reported_by)))
        g.add((node, PROV.wasDerivedFrom, w.article(st.evidence[0].doc_id)))
        for ev in st.evidence:
            w.statement(node, RDF.type, KGO.Statistic, ev)
    for e in resolved.events:
        node = w.iri(f"event/{_h(e.kind, e.date, e.place, e.award, *e.participants)}")
        cls = getattr(KGO, e.kind)
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(_event_label(e.kind, e.date))))
        if e.date:
            g.add((node, KGO.date, date_literal(e.date)))
        if e.place:
            g.add((node, KGO.place, w.iri(e.place)))
        if e.award:
            g.add((node, KGO.award, w.iri(e.award)))
        for p in e.participants:
            g.add((node, KGO.participant, w.iri(p)))
        for ev in e.evidence:
            w.statement(node, RDF.type, cls, ev)
    for q in resolved.quotations:
        ev = q.evidence
        node = w.iri(f"quote/{_h(ev.doc_id, ev.start, ev.end)}")
        art = w.article(ev.doc_id)
        graph = w.ds.graph(art)
        graph.add((node, RDF.type, KGO.Quotation))
        graph.add((node, KGO.text, Literal(q.text)))
        graph.add((node, KGO.article, art))
        graph.add((node, PROV.wasDerivedFrom, art))
        graph.add((node, KGO.sentence, Literal(ev.sentence)))
        graph.add((node, KGO.startChar, Literal(ev.start, datatype=XSD.integer)))
        graph.add((node, KGO.endChar, Literal(ev.end, datatype=XSD.integer)))
        if q.speaker:
            graph.add((node, KGO.speaker, w.iri(q.speaker)))
            graph.add((node, PROV.wasAttributedTo, w.iri(q.speaker)))
    for c in resolved.conflicts:
        node = w.iri(f"conflict/{_h(c.kind, c.about, c.prop, *(v for v, _ in c.sides))}")
        g.add((node, RDF.type, KGO.Conflict))
        g.add((node, RDFS.label, Literal(f"{c.kind} conflict on {c.prop}")))
        g.add((node, KGO.about, w.iri(c.about)))
        g.add((node, KGO.property, KGO.Statistic if c.prop == "Statistic" else getattr(KGO, c.prop)))
        for _value, evs in c.sides:
            for ev in evs:
                g.add((node, KGO.side, _statement_iri(w, c, _value, ev, resolved)))
    return w.ds


def _statement_iri(w: _Writer, c, value: str, ev: Evidence, resolved: Resolved) -> URIRef:
    """The IRI of the statement node ``ev`` produced for one side of a conflict."""
    s = w.iri(c.about)
    if c.prop == "Statistic":
        st = next(x for x in resolved.statistics if ev in x.evidence)
        node = w.iri(f"statistic/{_h(st.about, st.value, st.unit, st.as_of, st.evidence[0].doc_id)}")
        return w.iri(f"statement/{_h(node, RDF.type, KGO.Statistic, ev.doc_id, ev.start, ev.end, ev.rule)}")
    f = next(x for x in resolved.facts if x.subject == c.about and x.prop == c.prop and ev in x.evidence)
    p = getattr(KGO, f.prop)
    if isinstance(f.object, Value):
        o = w.iri(occupation_key(f.object.text)) if f.prop == "occupation" else literal(f.object)
    else:
        o = w.iri(f.object)
    return w.iri(f"statement/{_h(s, p, o, ev.doc_id, ev.start, ev.end, ev.rule)}")


def _event_label(kind: str, date: str | None) -> str:
    words = "".join(" " + c.lower() if c.isupper() else c for c in kind).strip()
    return f"{words} ({date})" if date else words
