"""Who says so? The sentences, articles, offsets, rules and confidences behind one fact.

Every fact kg writes has one statement node per supporting sentence in the article's named
graph (``rdf:subject``/``rdf:predicate``/``rdf:object``, ``kgo:sentence``, offsets, ``kgo:rule``,
``kgo:confidence``, ``kgo:article``). :func:`why` finds them for a fact named the way a person
would: labels or IRIs for the subject and object, ``director``, ``kgo:director`` or a full IRI
for the property, ``*`` for "any". Given the wrong way round (``person director work``), the
fact is looked up the way kg stores it (work → director → person). Nothing a user types is
pasted into SPARQL: entities are resolved first (:mod:`kg.query.lookup`) and bound with
``substitutions``.

Examples
--------
>>> import pyoxigraph
>>> store = pyoxigraph.Store()
>>> store.load(b'''
... @prefix kgo: <https://w3id.org/kg/ontology#> . @prefix : <https://w3id.org/kg/id/> .
... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... :the-show rdfs:label "The Show" ; kgo:director :jane-doe .  :jane-doe rdfs:label "Jane Doe" .
... :article-a { :article-a kgo:sourcePath "a.txt" .
...   :statement-1 a kgo:Statement ; rdf:subject :the-show ; rdf:predicate kgo:director ; rdf:object :jane-doe ;
...     kgo:article :article-a ; kgo:sentence "The Show was directed by Jane Doe." ; kgo:sentenceStart 0 ;
...     kgo:startChar 25 ; kgo:endChar 33 ; kgo:rule "kg.passive_by.v1" ; kgo:confidence 0.9 . }
... ''', format=pyoxigraph.RdfFormat.TRIG)
>>> [(e["evidence"], e["rule"], e["confidence"], e["source"]) for e in why(store, "Jane Doe", "director", "the show")]
[('Jane Doe', 'kg.passive_by.v1', 0.9, 'a.txt')]
"""
from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence
from typing import Any

import pyoxigraph

from kg.errors import QueryError
from kg.query.lookup import Entity, expand_iri, find_entities, suggest
from kg.query.prefixes import shorten_iri
from kg.query.result import run_query
from kg.vocab import KGO, ONTOLOGY_IRI

__all__ = ["EVIDENCE_FIELDS", "format_why", "resolve_property", "why"]

ANY = "*"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EVIDENCE_FIELDS = ("subject", "subject_label", "property", "object", "object_label", "sentence", "evidence",
                   "sentence_start", "start", "end", "rule", "confidence", "article", "source", "headline", "url",
                   "published", "statement", "status", "speaker", "qualifier", "as_of")

_STATEMENTS = """
SELECT ?subject ?predicate ?object ?statement ?sentence ?sentenceStart ?start ?end ?rule ?confidence ?article
       ?source ?headline ?url ?published ?status ?speaker ?qualifier ?asOf
WHERE {
  GRAPH ?graph {
    ?statement a kgo:Statement ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
    OPTIONAL { ?statement kgo:status ?status }
    OPTIONAL { ?statement kgo:qualifier ?qualifier }
    OPTIONAL { ?statement kgo:sentence ?sentence }
    OPTIONAL { ?statement kgo:sentenceStart ?sentenceStart }
    OPTIONAL { ?statement kgo:startChar ?start }
    OPTIONAL { ?statement kgo:endChar ?end }
    OPTIONAL { ?statement kgo:rule ?rule }
    OPTIONAL { ?statement kgo:confidence ?confidence }
    OPTIONAL { ?statement kgo:article ?article }
  }
  OPTIONAL { ?article kgo:sourcePath ?source }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?statement prov:wasAttributedTo ?who . ?who rdfs:label ?speaker }
  OPTIONAL { ?subject kgo:asOf ?asOf }
}
ORDER BY DESC(?confidence) ?source ?start
"""
# statistics about a thing (optionally with one value): their nodes, whose statements say so
_STATISTICS = """
SELECT ?statistic ?value ?about WHERE { ?statistic a kgo:Statistic ; kgo:about ?about ; kgo:value ?value }
"""
STATISTIC_WORDS = ("statistic", "statistics", "figure", "figures", "value")
# the literal objects a subject's property has, to match a typed value such as "4" or "2016"
_VALUES = """
SELECT DISTINCT ?subject ?predicate ?object WHERE {
  GRAPH ?graph { ?statement rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object }
  FILTER(isLiteral(?object))
}
"""
_LABEL = "SELECT ?entity ?label WHERE { ?entity rdfs:label ?label }"
_SAID = """
SELECT DISTINCT ?subject ?predicate ?object WHERE {
  GRAPH ?graph { ?statement rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object }
}
"""


def _properties() -> list[str]:
    return [name for name in KGO.__annotations__ if name[:1].islower()]


def resolve_property(text: str) -> str:
    """``director``, ``cast member``, ``kgo:director``, ``a`` or a full IRI as the property's IRI."""
    text = text.strip()
    if text == "a":
        return RDF_TYPE
    iri = expand_iri(text)
    if iri is not None:
        return iri
    words = re.split(r"[\s_-]+", text)
    camel = words[0][:1].lower() + words[0][1:] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    names = _properties()
    by_lower = {n.lower(): n for n in names}
    if camel.lower() in by_lower:
        return ONTOLOGY_IRI + by_lower[camel.lower()]
    close = difflib.get_close_matches(camel, names, n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise QueryError(f"no property called {text!r}: {hint}properties are kg's (director, castMember, kgo:…) "
                     "or full IRIs")


def _entities_or_values(store: pyoxigraph.Store, text: str) -> list[Entity] | None:
    """The entities ``text`` names, or None when it is a value rather than an entity (or ``*``)."""
    if text.strip() == ANY:
        return None
    return find_entities(store, text)


def _matching_values(store: pyoxigraph.Store, text: str, subjects: Sequence[Entity] | None,
                     prop: str | None) -> list[pyoxigraph.Literal]:
    """Literal objects equal to ``text`` (as text, ignoring case, or as a number)."""
    subs: list[dict[str, Any]] = []
    for subject in subjects or [None]:  # type: ignore[list-item]
        binding: dict[str, Any] = {}
        if subject is not None:
            binding["subject"] = subject.node
        if prop is not None:
            binding["predicate"] = pyoxigraph.NamedNode(prop)
        subs.append(binding)
    wanted = text.strip()
    found: list[pyoxigraph.Literal] = []
    for binding in subs:
        for _, _, value in run_query(store, _VALUES, substitutions=binding).rows:
            if value in found:
                continue
            if value.value.lower() == wanted.lower() or _same_number(value.value, wanted):
                found.append(value)
    return found


def _same_number(a: str, b: str) -> bool:
    try:
        return float(a) == float(b.replace(",", ""))
    except ValueError:
        return False


def why(store: pyoxigraph.Store, subject: str, prop: str, obj: str) -> list[dict[str, Any]]:
    """Every statement behind ``subject prop obj``: one dict per supporting sentence, best first.

    ``subject`` and ``obj`` are labels, aliases, IRIs or prefixed names (``*`` for any); ``obj``
    may also be a value (``4``, ``2016``). ``prop`` is a kg property name, prefixed name or IRI
    (``*`` for any). Each dict has the keys of :data:`EVIDENCE_FIELDS`. Raises ``QueryError``
    naming close labels when an entity is not found, or saying what the graph does say when no
    statement supports the fact.
    """
    if subject.strip() == ANY and obj.strip() == ANY:
        raise QueryError("name the subject or the object (or both): '*' for both would list every statement")
    if prop.strip().lower() in STATISTIC_WORDS:
        return _statistic_evidence(store, subject, obj)
    prop_iri = None if prop.strip() == ANY else resolve_property(prop)
    subjects = _entities_or_values(store, subject)
    if subjects == []:
        raise QueryError(_not_found(store, subject))
    objects = _entities_or_values(store, obj)
    values: list[pyoxigraph.Literal] = []
    if objects == []:
        values = _matching_values(store, obj, subjects, prop_iri)
        if not values:
            raise QueryError(_not_found(store, obj, value=True))
    object_terms: list[Any] = [e.node for e in objects] if objects else values or [None]
    subject_terms: list[Any] = [e.node for e in subjects] if subjects else [None]
    rows = _statements(store, subject_terms, prop_iri, object_terms)
    if not rows and not values and (subjects or objects):  # the other way round: person director work
        rows = _statements(store, [t for t in object_terms], prop_iri, subject_terms)
    if not rows and objects:  # a value that is also some entity's name ("documentary", "Documentary")
        values = _matching_values(store, obj, subjects, prop_iri)
        rows = _statements(store, subject_terms, prop_iri, values) if values else []
    if not rows:
        raise QueryError(_nothing_says(store, subject, prop, obj, subject_terms, prop_iri))
    return _evidence(store, rows)


def _statistic_evidence(store: pyoxigraph.Store, subject: str, value: str) -> list[dict[str, Any]]:
    """The statements behind the figures reported about ``subject`` (all of them, or one value)."""
    things = _entities_or_values(store, subject)
    if not things:
        raise QueryError(_not_found(store, subject))
    nodes = [row[0] for t in things for row in run_query(store, _STATISTICS, substitutions={"about": t.node}).rows
             if value.strip() == ANY or _same_number(row[1].value, value)]
    if not nodes:
        raise QueryError(f"no figure {value} is reported about {subject}")
    rows = _statements(store, nodes, RDF_TYPE, [None])
    return _evidence(store, rows)


def _statements(store: pyoxigraph.Store, subjects: Sequence[Any], prop: str | None,
                objects: Sequence[Any]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    seen: set[Any] = set()
    for s, o in itertools.product(subjects, objects):
        binding: dict[str, Any] = {}
        if s is not None:
            binding["subject"] = s
        if prop is not None:
            binding["predicate"] = pyoxigraph.NamedNode(prop)
        if o is not None:
            binding["object"] = o
        for row in run_query(store, _STATEMENTS, substitutions=binding).rows:
            if row[3] not in seen:
                seen.add(row[3])
                rows.append(row)
    rows.sort(key=lambda r: (-float(r[9].value) if r[9] is not None else 0.0,
                             r[10].value if r[10] is not None else "", int(r[6].value) if r[6] is not None else 0))
    return rows


def _label(store: pyoxigraph.Store, term: Any, cache: dict[Any, str | None]) -> str | None:
    if not isinstance(term, pyoxigraph.NamedNode):
        return term.value if term is not None else None
    if term not in cache:
        rows = run_query(store, _LABEL, substitutions={"entity": term}).rows
        cache[term] = rows[0][1].value if rows else None
    return cache[term]


def _evidence(store: pyoxigraph.Store, rows: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
    labels: dict[Any, str | None] = {}
    out: list[dict[str, Any]] = []
    for (s, p, o, statement, sentence, sentence_start, start, end, rule, confidence, article, source, headline, url,
         published, status, speaker, qualifier, as_of) in rows:
        text = sentence.value if sentence is not None else None
        span = None
        if text is not None and None not in (sentence_start, start, end):
            a, b = int(start.value) - int(sentence_start.value), int(end.value) - int(sentence_start.value)
            if 0 <= a <= b <= len(text):
                span = text[a:b]
        out.append({
            "subject": s.value, "subject_label": _label(store, s, labels), "property": p.value,
            "object": o.value, "object_label": _label(store, o, labels), "sentence": text, "evidence": span,
            "sentence_start": _int(sentence_start), "start": _int(start), "end": _int(end),
            "rule": rule.value if rule is not None else None,
            "confidence": float(confidence.value) if confidence is not None else None,
            "article": article.value if article is not None else None,
            "source": source.value if source is not None else None,
            "headline": headline.value if headline is not None else None,
            "url": url.value if url is not None else None,
            "published": published.value if published is not None else None,
            "statement": statement.value,
            "status": status.value if status is not None else None,
            "speaker": speaker.value if speaker is not None else None,
            "qualifier": qualifier.value if qualifier is not None else None,
            "as_of": as_of.value if as_of is not None else None,
        })
    return out


def _int(term: Any) -> int | None:
    return int(term.value) if term is not None else None


def _not_found(store: pyoxigraph.Store, text: str, value: bool = False) -> str:
    close = suggest(store, text)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    what = "entity or value" if value else "entity"
    return f"no {what} called {text!r} in the graph{hint}"


def _nothing_says(store: pyoxigraph.Store, subject: str, prop: str, obj: str, subjects: Sequence[Any],
                  prop_iri: str | None) -> str:
    message = f"no statement in the graph says {subject} {prop} {obj}"
    said: list[str] = []
    labels: dict[Any, str | None] = {}
    for s in subjects:
        binding: dict[str, Any] = {"subject": s} if s is not None else {}
        if prop_iri is not None:
            binding["predicate"] = pyoxigraph.NamedNode(prop_iri)
        if not binding:
            continue
        for _, p, o in run_query(store, _SAID, substitutions=binding).rows[:8]:
            if p.value == RDF_TYPE:
                continue
            said.append(f"{_label(store, s, labels) or shorten_iri(s.value)} {shorten_iri(p.value)} "
                        f"{_label(store, o, labels) or o.value}")
    if said:
        message += f"; it says: {'; '.join(sorted(set(said))[:5])}"
    return message


def format_why(evidence: Sequence[dict[str, Any]]) -> str:
    """The evidence for people: each fact as a heading, then one block per statement, best first."""
    lines: list[str] = []
    facts: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for e in evidence:
        facts.setdefault((e["subject"], e["property"], e["object"]), []).append(e)
    for fact, items in facts.items():
        first = items[0]
        articles = {e["article"] for e in items}
        noun = "statement" if len(items) == 1 else "statements"
        lines.append(f"{first['subject_label'] or shorten_iri(fact[0])}  {shorten_iri(fact[1])}  "
                     f"{first['object_label'] or fact[2]}: {len(items)} {noun} in {len(articles)} "
                     f"article{'' if len(articles) == 1 else 's'}")
        for i, e in enumerate(items, start=1):
            where = e["headline"] or e["source"] or e["article"] or "?"
            if e["headline"] and e["source"]:
                where = f"{e['source']} ({e['headline']})"
            offsets = f"chars {e['start']}–{e['end']}" if e["start"] is not None else "no offsets"
            confidence = f"{e['confidence']:.2f}" if e["confidence"] is not None else "?"
            lines.append(f"  {i}. {confidence}  {e['rule'] or '?'}  {where}  {offsets}")
            claim = [x for x in (
                e.get("status") if e.get("status") not in (None, "asserted") else None,
                f"says {e['speaker']}" if e.get("speaker") else None,
                f"published {e['published']}" if e.get("published") else None,
                f"as of {e['as_of']}" if e.get("as_of") else None,
                e.get("qualifier")) if x]
            if claim:
                lines.append(f"     ({', '.join(claim)})")
            sentence = (e["sentence"] or "").strip().replace("\n", " ")
            if e["evidence"] and e["sentence"]:
                a = e["start"] - e["sentence_start"]
                raw = e["sentence"]
                sentence = (raw[:a] + "«" + e["evidence"] + "»" + raw[a + len(e["evidence"]):]).strip()
                sentence = re.sub(r"\s*\n\s*", " ", sentence)
            if sentence:
                lines.append(f"     {sentence}")
        lines.append("")
    return "\n".join(lines)
