"""The ontology's terms as rdflib namespaces.

``KGO`` mirrors ``ontology/kg.ttl`` term for term (a test keeps the two in sync); with
``_fail = True`` a typo such as ``KGO.directer`` raises instead of minting a new IRI.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg/ontology#"
DEFAULT_BASE = "https://w3id.org/kg/id/"

WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SCHEMA = Namespace("https://schema.org/")


class KGO(DefinedNamespace):
    """kg's ontology (``ontology/kg.ttl``)."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # --- classes: things
    Person: URIRef
    Organization: URIRef
    Broadcaster: URIRef
    ProductionCompany: URIRef
    Publisher: URIRef
    RecordLabel: URIRef
    Group: URIRef
    Production: URIRef
    Series: URIRef
    Miniseries: URIRef
    Film: URIRef
    Documentary: URIRef
    Episode: URIRef
    Song: URIRef
    Album: URIRef
    Book: URIRef
    Award: URIRef
    Place: URIRef
    Country: URIRef
    Occupation: URIRef
    Character: URIRef
    # --- classes: n-ary nodes
    Role: URIRef
    RoleKind: URIRef
    Statistic: URIRef
    Event: URIRef
    Premiere: URIRef
    Release: URIRef
    Arrest: URIRef
    Trial: URIRef
    Conviction: URIRef
    Exoneration: URIRef
    Settlement: URIRef
    AwardWin: URIRef
    AwardNomination: URIRef
    Charge: URIRef
    Death: URIRef
    Birth: URIRef
    Marriage: URIRef
    Engagement: URIRef
    Divorce: URIRef
    Separation: URIRef
    Lawsuit: URIRef
    Retirement: URIRef
    Departure: URIRef
    Appointment: URIRef
    Tour: URIRef
    Concert: URIRef
    Ceremony: URIRef
    # --- classes: provenance
    Article: URIRef
    Statement: URIRef
    Rule: URIRef
    # --- classes: claims
    Quotation: URIRef
    Conflict: URIRef

    # --- direct properties (Wikidata's direction)
    director: URIRef
    screenwriter: URIRef
    producer: URIRef
    executiveProducer: URIRef
    creator: URIRef
    castMember: URIRef
    composer: URIRef
    performer: URIRef
    originalBroadcaster: URIRef
    distributor: URIRef
    productionCompany: URIRef
    recordLabel: URIRef
    publisher: URIRef
    publicationDate: URIRef
    numberOfEpisodes: URIRef
    mainSubject: URIRef
    basedOn: URIRef
    genre: URIRef
    countryOfOrigin: URIRef
    memberOf: URIRef
    hasMember: URIRef
    occupation: URIRef
    countryOfCitizenship: URIRef
    dateOfBirth: URIRef
    placeOfBirth: URIRef
    spouse: URIRef
    notableWork: URIRef
    awardReceived: URIRef
    nominatedFor: URIRef
    locatedIn: URIRef
    country: URIRef
    presenter: URIRef
    employer: URIRef
    positionHeld: URIRef
    author: URIRef
    winner: URIRef
    contestant: URIRef
    narrativeLocation: URIRef
    filmingLocation: URIRef
    follows: URIRef
    voiceActor: URIRef
    characters: URIRef
    partOfTheSeries: URIRef
    dateOfDeath: URIRef
    placeOfDeath: URIRef
    causeOfDeath: URIRef
    partner: URIRef
    child: URIRef
    sibling: URIRef
    educatedAt: URIRef
    residence: URIRef
    foundedBy: URIRef
    inception: URIRef
    locationOfFormation: URIRef
    ownedBy: URIRef
    parentOrganization: URIRef
    headquartersLocation: URIRef
    convictedOf: URIRef
    organizer: URIRef
    partOf: URIRef
    hasPart: URIRef

    # --- n-ary: roles
    person: URIRef
    production: URIRef
    roleKind: URIRef
    characterName: URIRef
    # --- n-ary: statistics
    about: URIRef
    measure: URIRef
    value: URIRef
    unit: URIRef
    asOf: URIRef
    reportedBy: URIRef
    # --- n-ary: events
    date: URIRef
    place: URIRef
    participant: URIRef
    award: URIRef
    # --- provenance
    article: URIRef
    sentence: URIRef
    sentenceStart: URIRef
    startChar: URIRef
    endChar: URIRef
    rule: URIRef
    confidence: URIRef
    sourcePath: URIRef
    # --- claims: status, quotations, conflicts, time qualifiers
    status: URIRef
    speaker: URIRef
    text: URIRef
    side: URIRef
    property: URIRef
    qualifier: URIRef

    # --- role kinds (individuals of RoleKind)
    DirectorRole: URIRef
    ScreenwriterRole: URIRef
    ProducerRole: URIRef
    ExecutiveProducerRole: URIRef
    CreatorRole: URIRef
    CastMemberRole: URIRef
    ComposerRole: URIRef
    PerformerRole: URIRef


_PLAIN_LOCAL = re.compile(r"[A-Za-z_][\w-]*")


def plain_prefixes(namespaces: Iterable[tuple[str, str]], iris: Iterable[str]) -> dict[str, str]:
    """Those of ``namespaces`` (prefix, IRI pairs, kept in their order) that some of ``iris``
    start with and that write every one of them as a plain name (``kgo:director``). A prefix
    under which some IRI would need escapes in Turtle (``kgr:person\\/jane-doe``) is left out,
    so those IRIs are written whole.

    >>> plain_prefixes([("kgo", "https://w3id.org/kg/ontology#"), ("kgr", "https://w3id.org/kg/id/")],
    ...                ["https://w3id.org/kg/ontology#director", "https://w3id.org/kg/id/person/jane-doe"])
    {'kgo': 'https://w3id.org/kg/ontology#'}
    """
    used = set(iris)
    chosen: dict[str, str] = {}
    for prefix, ns in namespaces:
        names = [iri[len(ns):] for iri in used if iri.startswith(ns)]
        if prefix and names and all(_PLAIN_LOCAL.fullmatch(name) for name in names):
            chosen[prefix] = ns
    return chosen


class Terms:
    """A namespace's terms made once each, as ``make(iri)``, and kept as plain attributes: rdflib
    namespaces build every term anew on each lookup, and the RDF writer and the page look terms
    up hundreds of thousands of times. Names are checked by the namespace behind it where it
    checks them (``KGO.directer`` raises).

    >>> kgo = Terms(KGO, str)
    >>> kgo.director, str(kgo)
    ('https://w3id.org/kg/ontology#director', 'https://w3id.org/kg/ontology#')
    """

    def __init__(self, namespace: Any, make: Callable[[str], Any]) -> None:
        self._namespace = namespace
        self._make = make

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)  # (copy, pickle and friends probe for dunders)
        term = self._make(str(getattr(self._namespace, name)))
        self.__dict__[name] = term
        return term

    def __str__(self) -> str:
        return str(self._namespace)
