"""Frozen records passed between the stages: Document → Mention / Candidate → Entity / Fact.

Offsets are character offsets into ``Document.text``. Stages only ever build new records;
nothing downstream mutates what an upstream stage produced.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# What each direct property links (subject types, object types), read from ontology/kg.ttl on first
# use (kg.ontology, the one source of property facts): the rules produce facts of these shapes, and
# resolution votes types with it and drops facts whose ends have the wrong type.
from kg.ontology import SIGNATURES

# Coarse entity types; each maps to an ontology class in kg.rdf.
PERSON = "PERSON"
PRODUCTION = "PRODUCTION"
ORGANIZATION = "ORGANIZATION"
GROUP = "GROUP"
AWARD = "AWARD"
PLACE = "PLACE"
CHARACTER = "CHARACTER"
ENTITY_TYPES = (PERSON, PRODUCTION, ORGANIZATION, GROUP, AWARD, PLACE, CHARACTER)

# the rule that marks a one-word name as a relative of a person named beside it, never a short form
KIN_RULE = "kg.kin_distinct.v1"


def content_id(text: str) -> str:
    """Stable identifier of an article: a prefix of the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from a source.

    ``source`` is where it came from, for messages and provenance (``path`` or ``path:line``
    for JSON lines). ``date`` is an ISO date (``YYYY-MM-DD``) when the source gives one.
    """

    text: str
    source: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that names (or refers to) a thing.

    ``kind`` refines ``type`` (``Miniseries``, ``Broadcaster``, ...) when the text says so.
    ``ref`` says how a reference mention refers (``pronoun``, ``definite``, ``focus``); for a
    pronoun (a person's or *it*), ``prefers`` is the start offset of the name the parse favours
    as its antecedent (the subject of its clause or of the sentence before), which resolution
    weighs against nearness and salience.
    """

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    rule: str
    confidence: float
    kind: str | None = None
    ref: str | None = None
    canonical: str | None = None
    prefers: int | None = None


STATUSES = ("asserted", "reported", "planned", "hedged", "denied")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the article, the sentence, the span, the rule and how sure it is.

    ``status`` says how the article states it (one of ``STATUSES``); ``speaker`` is the mention
    of whoever the article attributes it to (*X said*, *according to X*), which resolution
    turns into ``speaker_key``; ``qualifier`` keeps a time qualifier (*former*, *then*).
    """

    doc_id: str
    sentence: str
    sentence_start: int
    start: int
    end: int
    rule: str
    confidence: float
    status: str = "asserted"
    speaker: Mention | None = None
    speaker_key: str | None = None
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class Value:
    """A literal object: a date (ISO, ``--MM-DD`` or ``YYYY``), a number, or a plain string."""

    text: str
    datatype: str  # "date" | "integer" | "decimal" | "string"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A binary fact proposed by a rule: ``subject prop object`` (prop: an ontology local name)."""

    subject: Mention
    prop: str
    object: Mention | Value
    evidence: Evidence
    character: str | None = None  # for cast facts: the character played, when stated


@dataclass(frozen=True, slots=True)
class StatCandidate:
    """A measured value about a thing: *watched by 12 million households as of July 4*."""

    about: Mention
    value: float
    unit: str
    measure: str
    evidence: Evidence
    as_of: str | None = None
    reported_by: Mention | None = None


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    """Words an article quotes directly, and who it says said them (None when it does not say)."""

    speaker: Mention | None
    text: str
    start: int
    end: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """Something that happened: kind (an ontology Event subclass), date, place, participants."""

    kind: str
    evidence: Evidence
    date: str | None = None
    place: Mention | None = None
    participants: tuple[Mention, ...] = ()
    award: Mention | None = None
