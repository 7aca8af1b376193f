"""From what a person types to the entities it names: labels, aliases, IRIs and prefixed names.

A label is matched against ``rdfs:label`` and ``skos:altLabel`` case-insensitively by a query
whose text never changes: the label is bound to a variable with pyoxigraph's ``substitutions``
and compared in a ``FILTER``, so nothing a user types is pasted into SPARQL. When nothing
matches, :func:`suggest` offers the closest labels.

Examples
--------
>>> import pyoxigraph
>>> store = pyoxigraph.Store()
>>> store.load(b'<https://w3id.org/kg/id/person/jane-doe> a <https://w3id.org/kg/ontology#Person> ;'
...            b' <http://www.w3.org/2000/01/rdf-schema#label> "Jane Doe" ;'
...            b' <http://www.w3.org/2004/02/skos/core#altLabel> "Doe" .', format=pyoxigraph.RdfFormat.TURTLE)
>>> [e.label for e in find_entities(store, "doe")]
['Jane Doe']
>>> [e.iri for e in find_entities(store, "kgr:person/jane-doe")]
['https://w3id.org/kg/id/person/jane-doe']
>>> suggest(store, "Jane Do")
['Jane Doe']
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

import pyoxigraph

from kg.errors import QueryError
from kg.query.prefixes import PREFIXES
from kg.query.result import run_query

__all__ = ["Entity", "expand_iri", "find_entities", "resolve", "subclasses", "suggest"]

_PNAME = re.compile(r"([A-Za-z][\w.-]*)?:([^\s<>\"]*)")

# fixed texts: what varies is bound with substitutions, never pasted in
_BY_LABEL = """
SELECT ?text ?entity ?rank ?label ?type WHERE {
  { ?entity rdfs:label ?name BIND(0 AS ?rank) } UNION { ?entity skos:altLabel ?name BIND(1 AS ?rank) }
  FILTER(LCASE(STR(?name)) = LCASE(STR(?text)))
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity a ?type }
}
"""
_BY_IRI = """
SELECT ?entity ?label ?type ?used WHERE {
  BIND(EXISTS { ?entity ?p ?o } || EXISTS { ?s ?q ?entity } AS ?used)
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity a ?type }
}
"""
_ALL_LABELS = "SELECT DISTINCT ?entity ?name ?type WHERE { ?entity rdfs:label|skos:altLabel ?name OPTIONAL { ?entity a ?type } }"


@dataclass(frozen=True)
class Entity:
    """An entity found for what was typed: its IRI, its label and its classes (IRIs)."""

    iri: str
    label: str | None
    types: frozenset[str]

    @property
    def node(self) -> pyoxigraph.NamedNode:
        return pyoxigraph.NamedNode(self.iri)

    def name(self) -> str:
        """The label, else the IRI as a prefixed name."""
        from kg.query.prefixes import shorten_iri

        return self.label or shorten_iri(self.iri)


def expand_iri(text: str) -> str | None:
    """``<iri>``, ``http(s)://…`` or a known prefixed name (``kgr:person/x``) as a full IRI; else None."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if re.match(r"(?i)^(https?|urn|file):\S+$", text):
        return text
    m = _PNAME.fullmatch(text)
    if m and (m.group(1) or "") in PREFIXES:
        return PREFIXES[m.group(1) or ""] + m.group(2)
    return None


@functools.lru_cache(maxsize=1)
def _hierarchy() -> dict[str, frozenset[str]]:
    """Each class of kg's ontology with its subclasses (itself included), from ``ontology/kg.ttl``."""
    from kg.rdf.validate import ONTOLOGY_FILE, ontology_dir

    path = ontology_dir() / ONTOLOGY_FILE
    parents: dict[str, set[str]] = {}
    try:
        for triple in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
            if triple.predicate.value == "http://www.w3.org/2000/01/rdf-schema#subClassOf" \
                    and isinstance(triple.object, pyoxigraph.NamedNode):
                parents.setdefault(triple.subject.value, set()).add(triple.object.value)
    except (OSError, SyntaxError):
        return {}
    below: dict[str, set[str]] = {}
    for cls in parents:
        stack, seen = [cls], set()
        while stack:
            current = stack.pop()
            for parent in parents.get(current, ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        for ancestor in seen | {cls}:
            below.setdefault(ancestor, {ancestor}).add(cls)
    return {cls: frozenset(subs) for cls, subs in below.items()}


def subclasses(cls: str) -> frozenset[str]:
    """``cls`` and every class below it in kg's ontology."""
    return _hierarchy().get(cls, frozenset({cls}))


def _entities(rows: dict[str, tuple[str | None, set[str]]]) -> list[Entity]:
    return [Entity(iri, label, frozenset(types)) for iri, (label, types) in sorted(
        rows.items(), key=lambda kv: ((kv[1][0] or "").lower(), kv[0]))]


def find_entities(store: pyoxigraph.Store, text: str, cls: str | None = None) -> list[Entity]:
    """The entities ``text`` names: an IRI (or prefixed name) the graph uses, or the entities whose
    label, else whose alias, equals ``text`` ignoring case; only those of class ``cls`` (or below)."""
    allowed = subclasses(cls) if cls else None
    iri = expand_iri(text)
    found: dict[str, tuple[str | None, set[str]]] = {}
    if iri is not None:
        result = run_query(store, _BY_IRI, substitutions={"entity": pyoxigraph.NamedNode(iri)})
        for _, label, kind, used in result.rows:
            if used is not None and used.value == "true":
                entry = found.setdefault(iri, (label.value if label is not None else None, set()))
                if kind is not None:
                    entry[1].add(kind.value)
    else:
        result = run_query(store, _BY_LABEL, substitutions={"text": pyoxigraph.Literal(text.strip())})
        best = min((int(row[2].value) for row in result.rows), default=0)
        for _, entity, rank, label, kind in result.rows:
            if int(rank.value) != best or not isinstance(entity, pyoxigraph.NamedNode):
                continue
            entry = found.setdefault(entity.value, (label.value if label is not None else None, set()))
            if kind is not None:
                entry[1].add(kind.value)
    entities = _entities(found)
    if allowed is not None:
        entities = [e for e in entities if e.types & allowed]
    return entities


def suggest(store: pyoxigraph.Store, text: str, cls: str | None = None, n: int = 5) -> list[str]:
    """Labels close to ``text`` (by spelling, or containing it), of class ``cls`` when given."""
    allowed = subclasses(cls) if cls else None
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    for entity, name, kind in run_query(store, _ALL_LABELS).rows:
        if allowed is not None and (kind is None or kind.value not in allowed):
            continue
        names.setdefault(name.value.lower(), entity.value)
    for entity, name in run_query(store, "SELECT ?e ?n WHERE { ?e rdfs:label ?n }").rows:
        labels.setdefault(entity.value, name.value)
    wanted = text.strip().lower()
    close = difflib.get_close_matches(wanted, list(names), n=n, cutoff=0.6)
    close += sorted(k for k in names if wanted and wanted in k and k not in close)
    out: list[str] = []
    for key in close:
        label = labels.get(names[key], key)
        if label not in out:
            out.append(label)
    return out[:n]


def resolve(store: pyoxigraph.Store, text: str, cls: str | None = None, what: str = "entity") -> list[Entity]:
    """:func:`find_entities`, or a ``QueryError`` that names close labels when there is none."""
    entities = find_entities(store, text, cls)
    if entities:
        return entities
    if cls is not None and find_entities(store, text):
        other = find_entities(store, text)[0]
        kinds = ", ".join(sorted(t.rsplit("#", 1)[-1] for t in other.types)) or "untyped"
        raise QueryError(f"{text!r} is a {kinds}, not a {cls.rsplit('#', 1)[-1]}")
    close = suggest(store, text, cls)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise QueryError(f"no {what} called {text!r} in the graph{hint}")
