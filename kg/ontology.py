"""What kg knows of its properties, read from ``ontology/kg.ttl``: the one source of property facts.

Each direct property (one aligned to a Wikidata property) has its Wikidata id, whether it links
things or holds a value, the coarse entity types of its subject and object (from ``rdfs:domain``
and ``rdfs:range``, unions included), whether it is single-valued (``owl:FunctionalProperty``),
its inverse, and the role kind that makes it n-ary (a ``kgo:RoleKind`` individual ``skos:related``
to it: a director, a cast member, with a role node carrying the character). The type signatures
the resolver checks, the role properties of the RDF writer and the tests' property lists are all
derived from here, so adding a relation is one block in the ontology.

The file is parsed by pyoxigraph (a few milliseconds) on first use, not on import.

Examples
--------
>>> props = properties()
>>> props["director"].wikidata, props["director"].domain, props["director"].range
('P57', ('PRODUCTION',), ('PERSON',))
>>> props["producer"].range
('PERSON', 'ORGANIZATION')
>>> props["dateOfBirth"].literal, props["castMember"].role_kind
(True, 'CastMemberRole')
>>> signatures()["memberOf"]
(('PERSON',), ('GROUP', 'ORGANIZATION'))
>>> by_wikidata()["P161"].name
'castMember'
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Property", "by_wikidata", "ontology_file", "properties", "role_properties", "signatures"]

KGO = "https://w3id.org/kg/ontology#"
WDT = "http://www.wikidata.org/prop/direct/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"

# the ontology class of each coarse entity type the extractor and resolver use (kg.model)
TYPE_OF_CLASS = {"Person": "PERSON", "Production": "PRODUCTION", "Organization": "ORGANIZATION",
                 "Group": "GROUP", "Award": "AWARD", "Place": "PLACE", "Character": "CHARACTER"}


@dataclass(frozen=True, slots=True)
class Property:
    """One direct property of kg's ontology, as ``ontology/kg.ttl`` declares it."""

    name: str  # local name: kgo:<name>
    label: str
    wikidata: str  # P57
    literal: bool  # an owl:DatatypeProperty: the object is a value, not a thing
    domain: tuple[str, ...]  # coarse subject types; () when the ontology sets none
    range: tuple[str, ...]  # coarse object types; () for values or when the ontology sets none
    functional: bool = False  # single-valued
    inverse: str | None = None  # local name of its inverse property
    role_kind: str | None = None  # the kgo:RoleKind making it n-ary (a role node per fact)

    @property
    def iri(self) -> str:
        return KGO + self.name


def ontology_file() -> Path:
    """``ontology/kg.ttl`` of this checkout."""
    return Path(__file__).resolve().parents[1] / "ontology" / "kg.ttl"


@lru_cache(maxsize=1)
def properties() -> dict[str, Property]:
    """Every property of the ontology that aligns to a Wikidata property, by local name."""
    import pyoxigraph

    triples = [(q.subject, q.predicate, q.object)
               for q in pyoxigraph.parse(path=str(ontology_file()), format=pyoxigraph.RdfFormat.TURTLE)]
    out: dict[str, list] = {}
    by_subject: dict[object, list[tuple[str, object]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, []).append((p.value, o))

    def values(node: object, pred: str) -> list:
        return [o for p, o in by_subject.get(node, ()) if p == pred]

    def rdf_list(node: object) -> Iterator[object]:
        while node is not None and getattr(node, "value", None) != _RDF + "nil":
            yield from values(node, _RDF + "first")
            rest = values(node, _RDF + "rest")
            node = rest[0] if rest else None

    def coarse(node: object) -> tuple[str, ...]:
        union = values(node, _OWL + "unionOf")
        classes = [c for u in union for c in rdf_list(u)] if union else [node]
        names = [c.value.removeprefix(KGO) for c in classes if getattr(c, "value", "").startswith(KGO)]
        return tuple(TYPE_OF_CLASS[n] for n in names if n in TYPE_OF_CLASS)

    roles: dict[str, str] = {}
    for s, p, o in triples:
        if p.value == _RDF + "type" and o.value == KGO + "RoleKind":
            for rel in values(s, _SKOS + "related"):
                roles[rel.value.removeprefix(KGO)] = s.value.removeprefix(KGO)
    for node, pairs in by_subject.items():
        iri = getattr(node, "value", "")
        if not iri.startswith(KGO):
            continue
        wd = [o.value.removeprefix(WDT) for p, o in pairs if p == _OWL + "equivalentProperty"
              and o.value.startswith(WDT)]
        if not wd:
            continue
        types = {o.value for p, o in pairs if p == _RDF + "type"}
        name = iri.removeprefix(KGO)
        literal = _OWL + "DatatypeProperty" in types
        domain = values(node, _RDFS + "domain")
        rng = values(node, _RDFS + "range")
        inverse = values(node, _OWL + "inverseOf")
        label = values(node, _RDFS + "label")
        out[name] = [name, label[0].value if label else name, wd[0], literal,
                     coarse(domain[0]) if domain else (), () if literal or not rng else coarse(rng[0]),
                     _OWL + "FunctionalProperty" in types,
                     inverse[0].value.removeprefix(KGO) if inverse else None, roles.get(name)]
    for name, fields in out.items():  # an inverse declared on one side holds on both
        if fields[7] and fields[7] in out and out[fields[7]][7] is None:
            out[fields[7]][7] = name
    return {name: Property(*fields) for name, fields in sorted(out.items())}


@lru_cache(maxsize=1)
def by_wikidata() -> dict[str, Property]:
    """The direct properties by Wikidata id (``P57`` → director)."""
    return {p.wikidata: p for p in properties().values()}


class _Signatures(Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]):
    """``property → (subject types, object types)``, read from the ontology when first used."""

    def _table(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        return signatures()

    def __getitem__(self, key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


@lru_cache(maxsize=1)
def signatures() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """What each direct property links: ``(subject types, object types)``, coarse types (kg.model)."""
    return {name: (p.domain, p.range) for name, p in properties().items()}


def role_properties() -> dict[str, str]:
    """Direct properties written with a role node too, and the role kind of each."""
    return {name: p.role_kind for name, p in properties().items() if p.role_kind}


SIGNATURES: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = _Signatures()
