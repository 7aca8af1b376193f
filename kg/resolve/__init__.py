"""Resolution: mentions in many articles → one entity per real thing; candidates → facts.

1. In each article, a partial name (*Ferrante*, *the Three*) joins the one full name it is part
   of; where two full names share a surname it joins the one named more often so far (or first,
   where they were brought in apart), and neither where they were brought in together.
2. Across articles, names are merged by normalised form and their types are voted over every
   mention and every fact they take part in (*directed by X* is a vote for X being a person).
3. References (*she*, *the series*, *the men*, the work in focus) take the nearest earlier
   entity of a compatible type in the same article.
4. Candidates become facts keyed by (subject, property, object); their evidence is pooled and
   confidence combined (noisy-or), so agreement across sentences and articles raises it.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.extract import Extraction
from kg.extract.lexicon import PRONOUN_GENDER, TITLE_GENDER, first_names, name_genders
from kg.ontology import role_properties
from kg.model import (AWARD, CHARACTER, ENTITY_TYPES, GROUP, KIN_RULE, ORGANIZATION, PERSON, PLACE, PRODUCTION,
                      SIGNATURES, Evidence, Mention, Value)

ROLE_PROPS = role_properties()  # direct property -> its kgo:RoleKind, from the ontology
KIND_FAMILY = {"Series": "Series", "Miniseries": "Series", "Episode": "Series", "Film": "Film", "Documentary": "Film"}
# an occupation noun beside a name (*X, the state broadcaster*) does not show X is a person
WEAK_TYPE_EVIDENCE = {"occupation"}
CHARACTER_WEIGHT = 2.0  # "A as C" says C is fictional; NER's PERSON label cannot tell the difference
# "X is a 2019 film", "X, a fictional character": the text saying what a thing is outweighs NER's
# guesses at each repetition of its name
DEFINITION_RULES = {"kg.copula_title.v4": 3.0}
ONE_WORD_ORG_WEIGHT = 0.5  # NER's organisation label on one capitalised word, in the type vote
SIGNATURE_VOTE = 0.6  # a fact's typed end outweighs one uncertain NER label (ORG 0.55)
# the measures a rule gives a figure when the text says nothing more specific
GENERIC_MEASURES = frozenset({"amount", "count", "number", "figure", "sum", "total"})
WINDOW = 600  # characters before a reference where its antecedent is looked for first
KIND_RANK = ["Production", "Series", "Film", "Book", "Album", "Song", "Episode", "Miniseries", "Documentary"]


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Fold a name for matching: case, accents (*Beyonce* is *Beyoncé*), quotes, possessive,
    leading *the*, hyphens and spaces."""
    t = unicodedata.normalize("NFKD", text)
    t = unicodedata.normalize("NFKC", "".join(ch for ch in t if not unicodedata.combining(ch)))
    t = t.replace("\u2019", "'").replace("\u2018", "'").strip()
    t = re.sub(r"^#", "", t)
    t = re.sub(r"(?:'s|')$", "", t).casefold()
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"[\s\-_]+", " ", t)
    return t.strip(" .,;:\"'")


def compact(text: str) -> str:
    """A name with no spaces or punctuation at all (matches hashtags: *#TheShow* ~ *The Show*)."""
    return re.sub(r"[\W_]+", "", norm(text))


def slug(text: str) -> str:
    """ASCII slug for IRIs: *Nadia Ferrante* → ``nadia-ferrante``.

    A name with no Latin letters or digits (*Ζωή Παπαδοπούλου*) gets ``x`` and the first ten hex
    digits of its SHA-256: the same in every process, unlike Python's salted ``hash()``.
    """
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:80] or "x" + hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")
                                          ).hexdigest()[:10]


@dataclass(frozen=True)
class Entity:
    """One real thing: its IRI key (``person/ava-duvernay``), type, most specific kind, names."""

    key: str
    type: str
    kind: str | None
    label: str
    aliases: tuple[str, ...]
    mentions: int
    # the type votes it was given, best first (NER labels, the sentence's cues, the facts it is in),
    # so that a report can say why a thing is a film
    votes: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Fact:
    """A direct fact between entity keys (or an entity and a literal), with all its evidence."""

    subject: str
    prop: str
    object: str | Value
    evidence: tuple[Evidence, ...]
    confidence: float
    characters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statistic:
    about: str
    value: float
    unit: str
    measure: str
    as_of: str | None
    evidence: tuple[Evidence, ...]
    reported_by: str | None = None


@dataclass(frozen=True)
class Event:
    kind: str
    date: str | None
    place: str | None
    participants: tuple[str, ...]
    award: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Quotation:
    speaker: str | None
    text: str
    evidence: Evidence


@dataclass(frozen=True)
class Conflict:
    """Articles that disagree about ``prop`` of ``about``: each side is a value with its evidence.

    ``kind``: ``figure`` (two values for one measure at one date), ``value`` (two values of a
    single-valued property) or ``denial`` (one article asserts what another denies).
    """

    kind: str
    about: str
    prop: str
    sides: tuple[tuple[str, tuple[Evidence, ...]], ...]


@dataclass
class Resolved:
    """Everything the RDF stage needs."""

    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def noisy_or(confidences: Iterable[float]) -> float:
    p = 1.0
    for c in confidences:
        p *= 1.0 - max(0.0, min(1.0, c))
    return round(1.0 - p, 3)


def _name(m: Mention) -> str:
    text = m.canonical or m.text
    text = re.sub(r"(?:'s|\u2019s|'|\u2019)$", "", text.strip())
    return text


class _Doc:
    """Per-article bookkeeping: which name each mention stands for."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.names = [m for m in ex.mentions if not m.ref]
        self.refs = [m for m in ex.mentions if m.ref]
        self.full: dict[Mention, str] = {}  # mention -> normalised full name in this article
        self.partial: set[Mention] = set()
        self.headline = _headline_chars(ex.document.text)
        self._link_partials()

    def _link_partials(self) -> None:
        longer: dict[str, list[Mention]] = defaultdict(list)
        for m in self.names:
            longer[norm(_name(m))].append(m)
        multi = [n for n, ms in longer.items() if len(n.split()) > 1 and any(x.type in (PERSON, GROUP) for x in ms)]
        first_seen = {n: min(x.start for x in longer[n]) for n in multi}
        shapes = [(f, f.split()[0], _surname(f), _initials(f)) for f in multi]
        # organisations: their initials, and their first word where the rest is an organisation's
        # head (*Corporation*, *Records*); never a channel's name (*BBC* is not *BBC One*)
        org_names = [n for n, ms in longer.items() if len(n.split()) > 1 and n not in multi
                     and any(x.type == ORGANIZATION for x in ms) and not any(x.rule == "kg.lexicon_org.v1" for x in ms)]
        orgs = [(f, f.split()[0], all(w in _org_heads() for w in f.split()[1:]), _initials(f)) for f in org_names]
        first_seen.update({n: min(x.start for x in longer[n]) for n in org_names})
        # works: their initials, once the article has used the title (*CGS* after *Canada's Got Singers*)
        work_names = [n for n, ms in longer.items() if len(n.split()) > 1 and any(x.type == PRODUCTION for x in ms)]
        work_seen = {n: min(x.start for x in longer[n]) for n in work_names}
        text = self.ex.document.text

        def middle_dropped(short: str, f: str, mentions: list[Mention]) -> bool:
            # *Tom Vale* for the one *Tom Henry Vale* the article names: the same first and last
            # names, the middle ones left out
            words = short.split()
            return (len(f.split()) > len(words) and f.split()[0] == words[0] and f.split()[-1] == words[-1]
                    and any(x.type == PERSON for x in longer[f])
                    and not set(f.split()[1:-1]) & {"and", "&", "or", "of"}  # ("George and Amal Clooney": two people)
                    # (never two named side by side: "Anna Vale and Anna Maria Vale arrived")
                    and not any(abs(x.start - y.start) < 80 and re.search(
                        r"\band\b|&|,", text[min(x.end, y.end):max(x.start, y.start)])
                        for x in longer[f] for y in mentions))

        for m in self.names:
            n = norm(_name(m))
            self.full[m] = n
            short = _without_honorific(n)
            if m.type == PRODUCTION and len(short.split()) == 1 and (acronym := _acronym(_name(m))) is not None:
                hits = [f for f in work_names if _initials(f) == acronym and work_seen[f] < m.start]
                if len(hits) == 1:
                    self.full[m] = hits[0]
                    self.partial.add(m)
                continue
            if len(short.split()) > 1 and m.type != PRODUCTION and m.rule != KIN_RULE:
                # a surname of two words or more (*De Luca*, *Van Dyke*, *Bonham Carter*) stands for
                # the one longer person's name the article has already used that it ends
                tails = [f for f in multi if f != n and f.endswith(" " + n) and first_seen[f] < m.start
                         and any(x.type == PERSON for x in longer[f])]
                if not tails and m.type == PERSON:
                    # *Tom Vale* for the one *Tom Henry Vale* the article names: the same first and
                    # last names, the middle ones left out
                    tails = [f for f in multi if f != n and middle_dropped(short, f, [m])]
                if len(tails) == 1:
                    self.full[m] = tails[0]
                    self.partial.add(m)
                continue
            if len(short.split()) != 1 or m.rule == KIN_RULE or m.type == PRODUCTION and m.rule not in _GUESSED_WORKS:
                continue
            # a short form stands for a full name the article has already used; failing that, for
            # the one full name it uses later (a headline's *Keller and Vane triumph* before the story
            # names them); *Mr Keller* is a short form of *Tom Keller*
            acronym = _acronym(_name(m))
            hits = [f for f, first, last, initials in shapes
                    if (short == first or short == last or acronym == initials or _diminutive(short, first)) and f != n]
            earlier = [f for f in hits if first_seen[f] < m.start]
            # (a later full name only for a headline's short form: in the story, a surname before
            # the full name may well be someone else's, "Ferrante, her brother, ... Nadia Ferrante")
            hits = earlier or (hits if m.start < self.headline and m.type != PRODUCTION else [])
            # a full name and its form without the middle names (*Tom Vale*, *Tom Henry Vale*) are one
            # person, who the short form stands for: the longer name is the one they both resolve to
            hits = [f for f in hits if not any(middle_dropped(f, g, longer[f]) for g in hits)]
            if not hits and m.type not in (PLACE, PRODUCTION) and m.rule != "kg.lexicon_org.v1":
                # *WWE* after *World Wrestling Entertainment*, *Taito* after *Taito Corporation*
                hits = [f for f, first, heads, initials in orgs if acronym == initials or short == first and heads]
            if len(hits) > 1 and m.type == PERSON and m.rule != KIN_RULE \
                    and all(first_seen[f] < m.start for f in hits):
                # two full names with this surname (*Tessa Quint*, later her brother *Omar Quint*): the
                # one the article has named more often so far, or first where they were brought in
                # apart; two brought in together (*Anna and Leo Brook arrived*) leave it to neither
                seen = {f: sum(1 for x in longer[f] if x.start < m.start) for f in hits}
                ranked = sorted(hits, key=lambda f: (-seen[f], first_seen[f]))
                a, b = ranked[0], ranked[1]
                if seen[a] > seen[b] or abs(first_seen[a] - first_seen[b]) >= 100:
                    hits = ranked[:1]
            if len(hits) == 1:
                self.full[m] = hits[0]
                self.partial.add(m)


# a one-word work only NER's guess or its list's other members made one: where it is the given
# name or surname of a person the article has named, it is that person (*Selena's puppy* after
# *Selena Doe*; *... and Spielberg* at a list's end)
_GUESSED_WORKS = frozenset({"kg.ner_work_of_art.v1", "kg.type_coordination.v1"})


def _diminutive(short: str, first: str) -> bool:
    """Whether a given name is a short form of a longer one it begins (*Leo*: *Leonardo*, *Chris*:
    *Christopher*): three letters at least, and itself a given name.

    >>> _diminutive("leo", "leonardo"), _diminutive("leon", "leo"), _diminutive("al", "alan")
    (True, False, False)
    """
    return len(short) >= 3 and len(first) > len(short) and first.startswith(short) and short in first_names()


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    """The lexicon's organisation head words, folded as ``norm`` folds names."""
    from kg.extract.lexicon import lexicon

    return frozenset(norm(w) for w in lexicon().organization_heads)


def _headline_chars(text: str) -> int:
    """Where an article's headline ends (a first line of at most 20 words, no full stop at its
    end, then a blank line); 0 when it has none.

    Examples
    --------
    >>> _headline_chars("Quint and Holt win\\n\\nTessa Quint won."), _headline_chars("One line. Then more.")
    (18, 0)
    """
    cut = text.find("\n\n")
    head = text[:cut] if cut > 0 else ""
    if not head.strip() or "\n" in head.strip() or len(head.split()) > 20 or head.rstrip().endswith("."):
        return 0
    return cut


NUMBER_DIGITS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10"}


NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _surname(n: str) -> str:
    """The last word of a normalised name that is not a suffix: *william demott ii* → ``demott``."""
    words = n.split()
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words[-1]


_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\.?\s+$")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "mx"})


def _without_honorific(n: str) -> str:
    """A normalised name without a leading honorific: *mr keller* → ``keller``.

    Examples
    --------
    >>> _without_honorific("mr. keller"), _without_honorific("dame edna"), _without_honorific("tom keller")
    ('keller', 'edna', 'tom keller')
    """
    words = n.split()
    if len(words) == 2 and words[0].rstrip(".") in HONORIFICS:
        return words[1]
    return n


def _acronym(text: str) -> str | None:
    """*CP5* → ``cp5``; None for anything that is not an all-capitals short form."""
    return text.lower() if re.fullmatch(r"[A-Z]{2,}[0-9]*", text) else None


def _initials(name: str) -> str:
    """Initials of a normalised name, number words as digits: *central park five* → ``cp5``."""
    return "".join(NUMBER_DIGITS.get(w, w[0]) for w in name.split())


def resolve(extractions: Iterable[Extraction]) -> Resolved:
    """Resolve the mentions and candidates of many articles into entities and facts."""
    docs = [_Doc(ex) for ex in extractions]

    # -- cross-article identity by normalised full name (hashtags by their compact form) -----
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for d in docs:
        # a short form joined to a full name (*Selena*, *Quint*) is a mention of that thing: it votes
        # for the type the full name's own mentions have, not for NER's guess at the one word
        own: dict[str, Counter[str]] = defaultdict(Counter)
        for m in d.names:
            if m not in d.partial:
                own[d.full[m]][m.type] += m.confidence
        for m in d.names:
            n = d.full[m]
            weight = m.confidence * (0.3 if m in d.partial else 1.0)
            if m in d.partial and own.get(n) and m.type not in own[n]:
                m = replace(m, type=own[n].most_common(1)[0][0])
            if m.type == CHARACTER:
                weight *= CHARACTER_WEIGHT
            weight *= DEFINITION_RULES.get(m.rule, 1.0)
            if m.rule == "kg.ner_org.v1" and " " not in m.text.strip() and not m.text.isupper():
                # the small pipeline's most common slip: a singer known by one name (*Quinella*)
                # labelled an organisation; one word in capitals (*ABC*) keeps its full vote
                weight *= ONE_WORD_ORG_WEIGHT
            votes[n][m.type] += weight
            if m.kind:
                kinds[n][m.kind] += 1
            surfaces[n][_name(m)] += 1
            if m.canonical and m.canonical != m.text:
                surfaces[n][m.text] += 0  # the written form (*American*) is another name of it
    by_compact: dict[str, str] = {}
    for n in sorted(votes, key=lambda n: (-len(n), n)):
        by_compact.setdefault(compact(n), n)
    def _top(n: str) -> str:
        return votes[n].most_common(1)[0][0]

    # one compact form is one thing, except a person's name and a place's
    # (a rapper *Lo Vega* is not a town *Lovega*)
    alias_of = {n: t if (t := by_compact[compact(n)]) == n or {_top(t), _top(n)} != {PERSON, PLACE} else n
                for n in votes}
    # signature votes: being the subject or object of a typed property says what a thing is
    for d in docs:
        for c in d.ex.candidates:
            if c.prop in WEAK_TYPE_EVIDENCE:
                continue
            stypes, otypes = SIGNATURES.get(c.prop, ((), ()))
            for m, types in ((c.subject, stypes), (c.object, otypes)):
                if isinstance(m, Mention) and not m.ref and len(types) == 1 and m in d.full:
                    votes[alias_of[d.full[m]]][types[0]] += SIGNATURE_VOTE
    merged_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for n, v in votes.items():
        merged_votes[alias_of[n]].update(v)
    etype = {n: v.most_common(1)[0][0] for n, v in merged_votes.items()}

    # "Mr Keller" with no full name in its article joins the one person of that surname
    persons_by_last: dict[str, list[str]] = defaultdict(list)
    for n, t in etype.items():
        if t == PERSON and len(n.split()) > 1 and _without_honorific(n) == n:
            persons_by_last[_surname(n)].append(n)
    # ...unless an article that names both kept them apart (a relative, an ambiguous surname)
    kept_apart: set[str] = set()
    for d in docs:
        surnames = {_surname(f) for f in d.full.values() if len(f.split()) > 1}
        kept_apart.update(d.full[m] for m in d.names if m.rule == KIN_RULE or (
            len(d.full[m].split()) == 1 and d.full[m] in surnames))
    titled: set[str] = set()  # one-word names written after an honorific ("Mr Keller")
    for d in docs:
        text = d.ex.document.text
        titled.update(d.full[m] for m in d.names if len(d.full[m].split()) == 1
                      and _HONORIFIC_BEFORE.search(text[max(0, m.start - 6):m.start]))
    for n, t in list(etype.items()):
        if n in kept_apart:
            continue
        last = _without_honorific(n)  # "Mr Keller" in an article that never gives his first name
        if last == n and n not in titled:
            # a bare one-word name in another article is no evidence of the same person: a
            # mononym (*Tinsley*) or someone else of that surname; only *Mr Keller* joins
            continue
        # (a word the articles take for a place is a place's name: a city is not the one person
        # who has it as a surname)
        if len(last.split()) == 1 and last in persons_by_last and len(persons_by_last[last]) == 1 and \
                (last != n and t == PERSON or t != PLACE and
                 merged_votes[n][PERSON] + merged_votes[n][ORGANIZATION] + merged_votes[n][PLACE] > 0):
            target = persons_by_last[last][0]
            for k, v in alias_of.items():
                if v == n:
                    alias_of[k] = target
            merged_votes[target].update(merged_votes.pop(n))
            etype.pop(n)

    # an acronym with no full name in its article joins the one organisation or group it spells
    spelled: dict[str, list[str]] = defaultdict(list)
    for n, t in etype.items():
        if t in (ORGANIZATION, GROUP) and len(n.split()) > 1 and alias_of.get(n, n) == n:
            spelled[_initials(n)].append(n)
    for n, t in list(etype.items()):
        if len(n.split()) != 1 or not any(_acronym(s) for s in surfaces[n]) \
                or len(spelled.get(n, ())) != 1 or t not in (ORGANIZATION, GROUP, PRODUCTION):
            continue
        target = spelled[n][0]
        for k, v in alias_of.items():
            if v == n:
                alias_of[k] = target
        merged_votes[target].update(merged_votes.pop(n, {}))
        etype.pop(n)

    def canonical(n: str) -> str:
        return alias_of.get(n, n)

    # -- entities ---------------------------------------------------------------------------
    res = Resolved()
    key_of: dict[str, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for n in votes:
        groups[canonical(n)].append(n)
    for c, members in sorted(groups.items()):
        t = etype.get(c)
        if t not in ENTITY_TYPES:
            continue
        names: Counter[str] = Counter()
        kind_votes: Counter[str] = Counter()
        for n in members:
            names.update(surfaces[n])
            kind_votes.update(kinds[n])
        full = [s for s in names if norm(s) == c] or list(names)
        label = sorted(full, key=lambda s: (-names[s], -len(s), s))[0]
        aliases = tuple(sorted({s for s in names if s != label and norm(s) != norm(label) or s.startswith("#")} - {label}))
        names = Counter({s: c for s, c in names.items() if c})
        if t == AWARD and " for " in label:
            # "Academy Award for Best Actress" is also called by its category
            aliases = tuple(sorted({*aliases, label.split(" for ", 1)[1]}))
        kind = _best_kind(t, kind_votes)
        key = f"{_kind_path(t)}/{slug(label)}"
        key_of[c] = key
        res.entities[key] = Entity(key, t, kind, label, aliases, sum(names.values()),
                                   tuple(sorted(((ty, round(w, 3)) for ty, w in merged_votes.get(c, {}).items()),
                                                key=lambda tw: -tw[1])))

    # -- per article: references, then facts --------------------------------------------------
    fact_ev: dict[tuple, list[Evidence]] = defaultdict(list)
    chars: dict[tuple, set[str]] = defaultdict(set)
    stat_ev: dict[tuple, list[Evidence]] = defaultdict(list)
    event_ev: dict[tuple, list[Evidence]] = defaultdict(list)
    event_people: dict[tuple, set[str]] = defaultdict(set)
    ref_kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for d in docs:
        entity_at = _refs(d, key_of, canonical, res.entities)
        for r in d.refs:
            if r.kind and r.ref == "definite" and (k := entity_at(r)) is not None:
                ref_kinds[k][r.kind] += 1
        def resolved_ev(ev: Evidence) -> Evidence:
            if ev.speaker is None:
                return ev
            key = entity_at(ev.speaker)
            if key is None or res.entities[key].type not in SPEAKER_TYPES:
                # whoever "says so" is a person, organisation or group, never a place or a work
                return replace(ev, speaker=None, status="asserted" if ev.status == "reported" else ev.status)
            return replace(ev, speaker=None, speaker_key=key)

        for q in d.ex.quotes:
            ev = resolved_ev(q.evidence)
            res.quotations.append(Quotation(ev.speaker_key, q.text, ev))
        for c in d.ex.candidates:
            s = entity_at(c.subject)
            o: str | Value | None = entity_at(c.object) if isinstance(c.object, Mention) else c.object
            prop = c.prop
            if prop == "producer" and isinstance(o, str) and o in res.entities and res.entities[o].type == ORGANIZATION:
                prop = "productionCompany"  # "produced by Northlight": a company, not a person
            if s is None or o is None or s == o or not _fits(prop, s, o, res.entities):
                continue
            if c.prop == "occupation" and isinstance(o, Value):
                o = Value(o.text.replace("-", " ") if o.text.replace("-", " ") == o.text.replace("-", " ") else o.text, "string")
            k = (s, prop, o)
            fact_ev[k].append(resolved_ev(c.evidence))
            if c.character:
                chars[k].add(c.character)
        for st in d.ex.statistics:
            about = entity_at(st.about)
            if about is None:
                continue
            k2 = (about, st.value, st.unit, st.measure, st.as_of, d.ex.document.id)
            stat_ev[k2].append(resolved_ev(st.evidence))
        for ev in d.ex.events:
            people = {p for p in (entity_at(m) for m in ev.participants) if p is not None}
            if not people:
                continue
            place = entity_at(ev.place) if ev.place else None
            award = entity_at(ev.award) if ev.award else None
            k3 = (ev.kind, ev.date, place, award, min(people))
            event_ev[k3].append(resolved_ev(ev.evidence))
            event_people[k3] |= people
    for key, votes_ in sorted(ref_kinds.items()):
        e = res.entities[key]
        if e.type == PRODUCTION and e.kind in (None, "Production"):  # "the drama X … the film": a film
            best = votes_.most_common(1)[0][0]
            res.entities[key] = replace(e, kind=best if best != "Production" else e.kind)
    for k in fact_ev:
        fact_ev[k] = list(dict.fromkeys(fact_ev[k]))  # one rule may reach a fact twice in a sentence
    for (s, p, o), evs in sorted(fact_ev.items(), key=lambda kv: str(kv[0])):
        res.facts.append(Fact(s, p, o, tuple(evs), noisy_or(e.confidence for e in evs if e.status != "denied"),
                              tuple(sorted(chars.get((s, p, o), ())))))
    # one figure of one article read by two rules under two measures ("amount", "investment") is one
    # statistic, under the most specific measure: a statistic has one measure (ontology/shapes.ttl)
    same_figure: dict[tuple, list[tuple[str, list]]] = defaultdict(list)
    for (about, value, unit, measure, as_of, doc), evs in sorted(stat_ev.items(), key=lambda kv: str(kv[0])):
        same_figure[(about, value, unit, as_of, doc)].append((measure, evs))
    for (about, value, unit, as_of, _), readings in same_figure.items():
        measure = max(readings, key=lambda r: (r[0] not in GENERIC_MEASURES, sum(e.confidence for e in r[1]),
                                               r[0]))[0]
        evs = list(dict.fromkeys(e for _, ev in readings for e in ev))
        by = next((e.speaker_key for e in evs if e.speaker_key), None)
        res.statistics.append(Statistic(about, value, unit, measure, as_of, tuple(evs), by))
    for k3, evs in sorted(event_ev.items(), key=lambda kv: str(kv[0])):
        kind, date, place, award, _ = k3
        res.events.append(Event(kind, date, place, tuple(sorted(event_people[k3])), award, tuple(evs)))
    res.quotations.sort(key=lambda q: (q.evidence.doc_id, q.evidence.start))
    res.conflicts = find_conflicts(res)
    return res


SPEAKER_TYPES = (PERSON, ORGANIZATION, GROUP)
SINGLE_VALUED = ("publicationDate", "numberOfEpisodes", "dateOfBirth", "placeOfBirth")


def _dates_agree(a: str, b: str) -> bool:
    """*--05-31* agrees with *2019-05-31*, *2019* with *2019-05*; *2019-05-31* not with *2019-06-01*."""
    if a.startswith("--") or b.startswith("--"):
        md_a, md_b = a[-5:], b[-5:]
        return md_a == md_b if (len(a) in (7, 10)) and (len(b) in (7, 10)) else True
    return a.startswith(b) or b.startswith(a)


def find_conflicts(res: Resolved) -> list[Conflict]:
    """Where articles disagree (see ``Conflict``). A later figure for a growing measure is a new
    value, not a conflict: figures conflict only when they share their as-of date."""
    out: list[Conflict] = []
    figures: dict[tuple, dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    for st in res.statistics:
        if st.as_of:
            figures[(st.about, st.unit, st.measure, st.as_of)][_num(st.value)].extend(st.evidence)
    for (about, unit, _, _), sides in sorted(figures.items(), key=lambda kv: str(kv[0])):
        if len(sides) > 1 and len({e.doc_id for evs in sides.values() for e in evs}) > 1:
            out.append(Conflict("figure", about, "Statistic", tuple((v, tuple(e)) for v, e in sorted(sides.items()))))
    values: dict[tuple[str, str], dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    for f in res.facts:
        live = [e for e in f.evidence if e.status not in ("denied", "planned", "hedged")]
        if f.prop in SINGLE_VALUED and live:
            values[(f.subject, f.prop)][f.object.text if isinstance(f.object, Value) else f.object].extend(live)
        denied = [e for e in f.evidence if e.status == "denied"]
        said = [e for e in f.evidence if e.status in ("asserted", "reported")]
        if denied and said:
            obj = f.object.text if isinstance(f.object, Value) else f.object
            out.append(Conflict("denial", f.subject, f.prop, ((obj, tuple(said)), (f"not {obj}", tuple(denied)))))
    for (s, p), sides in sorted(values.items()):
        keys = sorted(sides)
        clash = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]
                 if not (p in ("publicationDate", "dateOfBirth") and _dates_agree(a, b))]
        docs = {e.doc_id for evs in sides.values() for e in evs}
        if clash and len(docs) > 1:
            involved = sorted({v for pair in clash for v in pair})
            out.append(Conflict("value", s, p, tuple((v, tuple(sides[v])) for v in involved)))
    return out


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)




def gender_of(e: Entity) -> str | None:
    """``m`` or ``f`` where a person's names show it (a title, *Mrs Keller*; a given name the census
    lists give to one sex only, *Tessa Quint*); None where they do not.

    Examples
    --------
    >>> gender_of(Entity("person/tessa-quint", PERSON, None, "Tessa Quint", ("Quint",), 2))
    'f'
    >>> gender_of(Entity("person/quint", PERSON, None, "Quint", (), 1)) is None
    True
    """
    genders = name_genders()
    for name in (e.label, *e.aliases):
        words = name.split()
        if not words:
            continue
        first = words[0].lower().rstrip(".")
        if first in TITLE_GENDER:
            return TITLE_GENDER[first]
        if len(words) > 1 and first in genders:
            return genders[first]
    return None


# role nouns of one sex: "the actress" is no man the article names
_NOUN_GENDER = {w: "f" for w in ("actress", "waitress", "hostess", "businesswoman", "spokeswoman", "chairwoman",
                                      "sportswoman", "comedienne", "ballerina", "songstress", "heiress", "duchess",
                                      "princess", "queen", "mother", "wife", "daughter", "sister", "girl", "woman",
                                      "grandmother", "aunt", "niece", "actresses")} | {
    w: "m" for w in ("businessman", "spokesman", "chairman", "sportsman", "king", "prince", "duke", "father",
                        "husband", "son", "brother", "boy", "man", "grandfather", "uncle", "nephew")}

# a name written after "as" (and up to two rank words: "as Detective Sgt"), as a role is named
_AFTER_AS = re.compile(r"\bas\s+(?:[A-Z][\w.]*\s+){0,2}$")
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those)\s+$", re.IGNORECASE)


def _refs(d: _Doc, key_of: dict[str, str], canonical, entities: dict[str, Entity]):
    """A function mapping a mention of article ``d`` to its entity key (or None)."""
    direct: dict[Mention, str] = {}
    for m in d.names:
        key = key_of.get(canonical(d.full[m]))
        if key is not None:
            direct[m] = key
    quoted = [(q.start, q.end) for q in d.ex.quotes]

    def inside(m: Mention) -> bool:
        return any(a <= m.start < b for a, b in quoted)

    ordered = sorted(direct.items(), key=lambda kv: kv[0].start)
    counts = Counter(direct.values())
    text = d.ex.document.text

    def compatible(ref: Mention, key: str) -> bool:
        e = entities[key]
        if ref.type == GROUP:
            return e.type == GROUP
        if ref.type == PRODUCTION:
            if e.type != PRODUCTION:
                return False
            return not ref.kind or not e.kind or "Production" in (ref.kind, e.kind) \
                or KIND_FAMILY.get(ref.kind, ref.kind) == KIND_FAMILY.get(e.kind, e.kind) or ref.ref == "focus"
        return e.type == ref.type

    cache: dict[Mention, str | None] = {}

    def entity_at(m: Mention) -> str | None:
        if not m.ref:
            if m.canonical and m not in direct:
                key = key_of.get(canonical(norm(m.canonical)))
                return key
            return direct.get(m)
        if m in cache:
            return cache[m]
        # salience: among compatible names in the preceding stretch of text, the one the article
        # mentions most (ties: the nearest); with none nearby, the article's most mentioned one
        # names inside a quotation belong to the quoted speech: a pronoun outside it never points in
        outside = not inside(m)
        window = [(mm, k) for mm, k in ordered if m.start - WINDOW <= mm.start and mm.end <= m.start
                  and compatible(m, k) and not (outside and inside(mm))]
        # "this programme" points back to the nearest work it fits, not the most mentioned one
        demonstrative = m.ref == "definite" and _DEMONSTRATIVE.search(text[max(0, m.start - 8):m.start])
        if m.kind and not demonstrative and any(entities[k].kind == m.kind for _, k in window):
            # *the episode*: an episode, not the series; a work of no known kind (*the drama X*) may be
            # it, but never where the text has named an episode (a series is often of no known kind)
            exact = m.kind == "Episode"
            window = [(mm, k) for mm, k in window
                      if entities[k].kind == m.kind or not exact and entities[k].kind in (None, "Production")]
        want = PRONOUN_GENDER.get(m.text.lower()) if m.type == PERSON and m.ref == "pronoun" else None
        if m.type == PERSON and m.ref == "definite":
            want = _NOUN_GENDER.get(m.text.lower())  # "the actress" is no man the article names
        if want is not None:
            # "she" is not the man just named, where the names show his sex
            window = [(mm, k) for mm, k in window if gender_of(entities[k]) in (None, want)]
        found = None
        if window:
            if demonstrative:
                found = window[-1][1]
            elif m.type in (PERSON, GROUP) and m.ref == "pronoun":
                # "… a role as Agent Skip Lowe. He also …": a name played is no antecedent
                played = [mk for mk in window if not _AFTER_AS.search(text[max(0, mk[0].start - 40):mk[0].start])]
                found = (played or window)[-1][1]
                # the subject the parse favours, where its sex fits or no other name's is known to
                preferred = next((k for mm, k in played if mm.start == m.prefers), None)
                if preferred is not None and (gender_of(entities[preferred]) == want or want is None
                                              or not any(gender_of(entities[k]) == want for _, k in played)):
                    found = preferred
            else:
                found = max(window, key=lambda mk: (counts[mk[1]], mk[0].start))[1]
                if m.ref == "pronoun" and m.prefers is not None:  # "X is a song by Y. It was written ...": X
                    found = next((k for mm, k in window if mm.start == m.prefers), found)
        if found is None:
            pool = [k for k in counts if compatible(m, k) and (want is None or gender_of(entities[k]) in (None, want))]
            if m.ref == "definite" and m.kind:
                # a description of a kind (*her novel*) stands for something named before it, never
                # for a work the article only comes to later
                earlier = {k for mm, k in ordered if mm.end <= m.start}
                pool = [k for k in pool if k in earlier]
            found = max(pool, key=lambda k: (counts[k], k)) if pool else None
        cache[m] = found
        return found

    return entity_at


def _fits(prop: str, s: str, o: str | Value, entities: dict[str, Entity]) -> bool:
    stypes, otypes = SIGNATURES.get(prop, ((), ()))
    if stypes and (s not in entities or entities[s].type not in stypes):
        return False
    if isinstance(o, str):
        return o in entities and (not otypes or entities[o].type in otypes)
    return True


ORGANIZATION_KINDS = ("Broadcaster", "RecordLabel", "ProductionCompany")  # ties go to the first


def _best_kind(etype: str, votes: Counter[str]) -> str | None:
    if etype == PRODUCTION:
        ranked = [k for k in votes if k in KIND_RANK]
        if not ranked:
            return None
        return max(ranked, key=lambda k: (votes[k], KIND_RANK.index(k)))
    if etype == ORGANIZATION:
        ranked = [k for k in ORGANIZATION_KINDS if votes.get(k)]
        return max(ranked, key=lambda k: (votes[k], -ORGANIZATION_KINDS.index(k))) if ranked else None
    if etype == PLACE and votes.get("Country"):
        return "Country"
    return None


def _kind_path(etype: str) -> str:
    return {PERSON: "person", PRODUCTION: "production", ORGANIZATION: "organization", GROUP: "group",
            AWARD: "award", PLACE: "place", CHARACTER: "character"}[etype]
