"""Events of people's lives and careers: deaths, births, marriages, engagements, divorces and
splits, lawsuits, retirements, departures and appointments, tours, concerts and ceremonies —
each with its kind (an ontology Event subclass), its date, its place and who took part.

Two rules read the words of ``events.json``: a verb of the event with its subject and the other
side (*X married Y in May 2009*, *X and Y split in 2016*, *X, who died in Genoa*, *X quit the
group in 2003*), and a noun of the event with whose it is (*X's death in March 1988*, *their gig
in Cardiff on Friday*, *the Grammy ceremony on 8 February*). An event counts
only with a date the sentence gives, an absolute one or one relative to the article's own date
(*on Monday*, *last year*); a denied, conditional or questioned one gives nothing. Legal events
(arrests, convictions, settlements) are read by ``kg.event.v2``, wins and nominations by the
awards family, premieres and releases by ``kg.release.v2``.

Examples
--------
>>> words()["verbs"]["marry"], words()["nouns"]["gig"]
('Marriage', 'Concert')
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.dates import normalise_date
from kg.extract.rules import Produced, _date_of, rule
from kg.extract.sents import ent_at, ents_of, lemmas_of, lowers_of, sent_of, tokens_of, with_lemmas
from kg.model import PERSON, PLACE, EventCandidate, Mention

_HERE = Path(__file__).with_name("events.json")
_CLAUSES = ("relcl", "ccomp", "xcomp", "advcl", "acl", "conj", "pcomp", "csubj", "parataxis")


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The family's word lists (``events.json``), read once; lists of words become frozen sets."""
    raw = json.loads(_HERE.read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    return {k: frozenset(v) if isinstance(v, list) and all(isinstance(x, str) for x in v) else v
            for k, v in raw.items()}


def _own(tok: Token, head: Token) -> bool:
    """Whether ``tok`` belongs to ``head``'s own clause: the path up to it enters no other clause."""
    t = tok
    while t.i != head.i:
        if t.dep_ in _CLAUSES or t.head.i == t.i:
            return False
        t = t.head
    return True


def _when_where(ctx: Context, head: Token, subjects: bool = True,
                bounds: bool = True) -> tuple[str | None, Mention | None]:
    """The date and the place written in ``head``'s own clause (*in July 2014*, *on Monday*,
    *in Genoa*); ages (*aged 94*) and spans (*after ten years*) are no dates. ``subjects=False``:
    never inside the subject (*X's 2005 album was recorded in Paris*: 2005 is the album's)."""
    date: str | None = None
    place: Mention | None = None
    skip = {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree} if not subjects else set()
    for t in head.subtree:
        if t.i == head.i or t.i in skip or not _own(t, head):
            continue
        new_date = t.head.lower_ == "for" and t.head.head.i == head.i and head.lemma_.lower() in words()["moving_verbs"]
        if date is None and t.ent_type_ == "DATE" and (t.head.lemma_.lower() not in ("age", "aged", "after", "for")
                                                       or new_date) \
                and not _clock(ctx, t) and (bounds or t.head.lower_ not in _SPAN_EDGES) and not _heading(ctx, t):
            d = _date_of(ctx, t)
            if d:
                date = d
        m = ctx.mention_at(t)
        if place is None and m is not None and m.type == PLACE and not m.ref:
            place = m
    return date, place


_SPAN_EDGES = frozenset({"since", "until", "till", "by", "before", "from", "between", "through"})  # a span's edge
_CLOCK = frozenset({"gmt", "bst", "est", "edt", "pst", "pdt", "cet", "et", "pt", "hrs", "hours", "am", "pm", "a.m.", "p.m."})


def _clock(ctx: Context, tok: Token) -> bool:
    """*at 2010 GMT*, *2300 BST*: a time of day written like a year."""
    nxt = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
    return nxt is not None and nxt.lower_ in _CLOCK


def _people(ctx: Context, toks: list[Token], types: frozenset[str], kind: str | None = None) -> list[Mention]:
    """The names at ``toks``; a relative pronoun stands for all of a coordinated antecedent
    (*A and B, who became engaged in 2019*); *the couple*, *the pair* for the two people last
    named together (``_couple``), and so does *they* (*their*) of an event only two people share
    (``kind`` one of ``couple_kinds``: *A and B wed in 1990. They split in 2006*)."""
    out: list[Mention] = []
    for t in toks:
        if kind in words()["couple_kinds"] and PERSON in types and _plural_pronoun(t) and (pair := _couple(ctx, t)):
            out += [m for m in pair if m not in out]  # (none: a band's "they", left to the resolver)
            continue
        if t.lower_ in ("who", "that") and t.head.dep_ == "relcl":
            t = t.head.head
            while t.dep_ == "conj" and t.head.pos_ in ("PROPN", "NOUN"):
                t = t.head
        if t.lemma_.lower() in words()["couple_nouns"] and t.pos_ == "NOUN" and PERSON in types \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in t.children) and not ctx.names(t):
            out += [m for m in _couple(ctx, t) if m not in out]
            continue
        out += [m for m in ctx.names(t) if m.type in types and m not in out]
    return out


def _plural_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON" and tok.lower_ in ("they", "them", "their")


def _couple(ctx: Context, tok: Token) -> list[Mention]:
    """Whom *the couple* or *the pair* means: the two people last named together, joined by *and*
    (*A and B*, *A and her husband B*), in its sentence before it or in the two sentences before;
    none when a later pair is named there too (only the nearest pair is meant) or no pair is."""
    doc = ctx.doc
    sent = sent_of(tok)
    start = sent.start
    for _ in range(2):
        if start > 0:
            start = sent_of(doc[start - 1]).start
    lo, hi = doc[start].idx, tok.idx
    people = [m for m in ctx.mentions if m.type == PERSON and not m.ref and lo <= m.start < hi]
    at = {}
    for m in people:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            at[span.root.i] = m
    pairs = []
    for i, m in at.items():
        t = doc[i]
        if t.dep_ == "conj" and t.head.i in at and at[t.head.i] != m:
            pairs.append((t.i, [at[t.head.i], m]))
        elif (other := _other_side(ctx, t, at)) is not None and other != m:
            pairs.append((t.i, [other, m]))  # "A filed for divorce from B", "A's marriage to B"
        elif t.dep_ == "appos" and t.head.dep_ == "conj" and t.head.head.i in at:
            pairs.append((t.i, [at[t.head.head.i], m]))  # "A and her husband B"
        else:  # "A's husband B", "B, A's wife,": a partner noun with a named owner
            nouns = [t] + [c for c in t.children if c.dep_ in ("compound", "appos")] + [t.head] * (t.dep_ == "appos")
            for n in nouns:
                if n.lemma_.lower() in words()["partner_nouns"]:
                    owner = next((at[c.i] for c in n.children if c.dep_ == "poss" and c.i in at and at[c.i] != m), None)
                    if owner is None and n is t:
                        continue
                    owner = owner or next((at[c.i] for c in t.children if c.dep_ == "poss" and c.i in at
                                           and at[c.i] != m), None)
                    if owner is None and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in n.children):
                        owner = _clause_subject(ctx, n, at, m)  # "A was with his ex-wife B": his is A
                    if owner is not None:
                        pairs.append((t.i, [owner, m]))
                        break
    if not pairs:
        return []
    pairs.sort(key=lambda p: p[0])
    return pairs[-1][1]


def _clause_subject(ctx: Context, noun: Token, at: dict[int, Mention], other: Mention) -> Mention | None:
    """The name that is the subject of the verb a noun phrase hangs on (through prepositions and
    appositions), other than ``other``: whom *his* or *her* of a partner noun there means."""
    t = noun
    while t.dep_ in ("pobj", "prep", "appos", "dobj", "attr", "conj") and t.head is not t:
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            break
    if t.pos_ not in ("VERB", "AUX"):
        return None
    return next((at[c.i] for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in at
                 and at[c.i] != other), None)


def _other_side(ctx: Context, tok: Token, at: dict[int, Mention]) -> Mention | None:
    """Who is the first side of an event two people share when ``tok`` is its other side, brought by
    *from*, *to* or *with* (*A married B*, *A filed for divorce from B*, *A's split from B*): the
    subject of its verb or the owner of its noun, where a name stands there."""
    w = words()
    if tok.dep_ == "pobj" and tok.head.lower_ in ("from", "to", "with"):
        ev = tok.head.head
    elif tok.dep_ == "dobj":
        ev = tok.head
    else:
        return None
    lemma = ev.lemma_.lower()
    if ev.pos_ == "VERB" and tok.dep_ == "pobj" and w["verbs"].get(lemma) not in w["couple_kinds"] and any(
            w["nouns"].get(n.lemma_.lower()) in w["couple_kinds"] for n in ev.subtree if n.dep_ in ("dobj", "pobj")
            and n.head.i in (ev.i, *(c.i for c in ev.children if c.dep_ == "prep"))):
        verb = ev  # "A filed for divorce from B", where the parser hangs "from B" on the verb
    elif ev.pos_ == "VERB" and w["verbs"].get(lemma) in w["couple_kinds"]:
        verb = ev
    elif ev.pos_ == "NOUN" and w["nouns"].get(lemma) in w["couple_kinds"]:
        owner = next((at[c.i] for c in ev.children if c.dep_ == "poss" and c.i in at), None)
        if owner is not None:
            return owner
        verb = ev.head.head if ev.dep_ == "pobj" and ev.head.head.pos_ == "VERB" else ev.head
    else:
        return None
    if verb.pos_ != "VERB" or tok.dep_ == "dobj" and verb is not ev:
        return None
    return next((at[s_.i] for s_ in verb.children if s_.dep_ in ("nsubj", "nsubjpass") and s_.i in at), None)


def _refused(ctx: Context, verb: Token) -> bool:
    """Denied, conditional or asked: *did not marry*, *if they split*, *will they tour?*."""
    if ctx.negated([verb]) or any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    wishing = words()["wishing_verbs"]
    if verb.dep_ == "xcomp" and (verb.head.lemma_.lower() in wishing or verb.head.lower_ in wishing):
        return True  # "is hoping to tour in 2005": wished for, not planned
    if verb.dep_ in ("acl", "advcl", "xcomp", "relcl") and verb.head.pos_ == "NOUN" \
            and verb.head.lemma_.lower() in words()["wishing_nouns"] and any(c.lower_ == "to" for c in verb.children):
        return True  # "there were calls for it to be cancelled in 2003": asked for, not done
    art = tokens_of(verb.doc)
    return any(art[k].text == "?" for k in range(verb.i + 1, sent_of(verb).end))


_BY_VERB: list[tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]] = []


def _phrases_by_verb(w: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """``w``'s verb phrases by their verb, each verb's in the order written; made once for the
    word lists (read once, never changed)."""
    if not _BY_VERB or _BY_VERB[0][0] is not w:
        out: dict[str, list[dict[str, Any]]] = {}
        for phrase in w["phrases"]:
            out.setdefault(phrase["verb"], []).append(phrase)
        _BY_VERB[:] = [(w, out)]
    return _BY_VERB[0][1]


def _phrase_kind(verb: Token, w: dict[str, Any]) -> str | None:
    """Events a verb names only with its particle, object or complement: *passed away*, *was
    killed*, *was charged with*, *was found guilty*, *stood trial*, *went on trial*."""
    phrases = _phrases_by_verb(w).get(verb.lemma_.lower())
    if not phrases:
        return None
    kids = list(verb.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    for phrase in phrases:
        if phrase.get("passive") and not passive:
            continue
        need = phrase["with"]
        if not need:  # "was killed": the passive alone
            return str(phrase["kind"])
        if any(c.lower_ == need and c.dep_ in phrase["deps"] or c.dep_ == "prep" and any(
                g.lower_ == need for g in c.children) and "prep" in phrase["deps"] for c in kids):
            return str(phrase["kind"])
    return None


def _not_guilty(verb: Token) -> bool:
    return any(c.lower_ == "guilty" and any(g.dep_ == "neg" for g in c.children) for c in verb.children) or any(
        c.dep_ == "neg" for c in verb.children)


@rule("kg.life_event.v22", produces=("Event",))
def life_event(ctx: Context) -> Iterator[Produced]:
    """*X married Y in May 2009*, *X and Y became engaged in 2019*, *tied the knot in 2021*, *X,
    who died in Genoa in 1988*, *X and Y split in 2016*, *X sued Y in 2004*, *she retired in 1971*,
    *X quit the group in 2003*, *X toured Asia in 1958*, *X passed away on Monday*, *X was charged
    with assault on Friday*, *X was found guilty in 2005*: the event, its date, place and people."""
    w = words()
    types = w["participant_types"]
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        if tok.pos_ == "ADJ" and lowers[tok.i] in ("married", "wed"):
            yield from _married_misparsed(ctx, tok, types)
            continue
        if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
            continue
        lemma = lemmas[tok.i]
        kind = w["verbs"].get(lemma)
        knot = w["knot_verbs"].get(lemma)
        if knot and any(c.dep_ == "dobj" and c.lower_ == knot for c in tok.children):
            kind = "Marriage"  # "tied the knot"
        elif lemma in ("get", "become", "be") and any(c.lower_ in ("married", "engaged") and c.dep_ in ("acomp", "attr", "oprd")
                                                     for c in tok.children):
            kind = "Marriage" if any(c.lower_ == "married" for c in tok.children) else "Engagement"
        kind = kind or _phrase_kind(tok, w)
        if kind is None:
            continue
        if lemma in w["only_as_participle"] and tok.tag_ != "VBN":
            continue
        if lemma == "bear" and (lowers[tok.i] != "born" or not any(c.dep_ == "nsubjpass" for c in tok.children)
                                and tok.dep_ not in ("acl", "relcl", "advcl", "appos", "parataxis")):
            continue  # "she was born in London", "Born in 1934, X ...", "X, born in Leeds in 1947,": never "bore the brunt"
        if lemma == "split" and any(c.dep_ == "dobj" for c in tok.children):
            continue  # "split the vote": a split of something, not of people
        if kind == "Conviction" and lemma == "find" and _not_guilty(tok):
            kind = "Exoneration"  # "was found not guilty": the negation is the verdict, not a denial
        elif _refused(ctx, tok):
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj" and c.lower_ not in (knot, "trial", "birth")]
        if lemma in w["needs_object"] and not any((m := ctx.refer(o)) is not None and m.type in w["left_types"]
                                                   for o in objs):
            continue  # "left school", "quit the music business", "the crash left him with ...": no band, firm or show
        date, place = _when_where(ctx, tok)
        if date is None:
            continue
        people = _people(ctx, ctx.subjects(tok), types, kind)
        if kind in w["object_participants"]:
            people += [m for m in _people(ctx, objs, types) if m not in people]
        others = w["with"].get(kind, [])
        state = [c for c in tok.children if c.lower_ in ("married", "engaged") and c.dep_ in ("acomp", "attr", "oprd")]
        people += [m for m in _people(ctx, [p for _, p in ctx.preps([tok, *state], set(others))], types) if m not in people]
        if kind == "Tour":
            place = place or next((m for o in objs for m in ctx.names(o) if m.type == PLACE), None)
        people = [p for p in people if p.type != PLACE and (kind != "Birth" or p.type == PERSON)]
        if not people:
            continue
        paired = _respective_dates(ctx, tok, people)
        if paired:  # "A and B were born in 1970 and 1975 respectively": each their own date
            for m, d in paired:
                yield EventCandidate(kind, ctx.evidence([tok], "kg.life_event.v22", 0.75), d, place, (m,))
            continue
        yield EventCandidate(kind, ctx.evidence([tok], "kg.life_event.v22", 0.75), date, place, tuple(people))


def _respective_dates(ctx: Context, verb: Token, people: list[Mention]) -> list[tuple[Mention, str]]:
    """*A and B were born in 1970 and 1975 respectively*: each person with the date in the same
    place of the list of dates; nothing unless *respectively* says so and the two lists match."""
    if len(people) < 2 or not any(t.lower_ == "respectively" for t in verb.subtree):
        return []
    lo, hi = verb.left_edge.i, verb.right_edge.i
    dates: list[str] = []
    for ent in ents_of(ctx.doc):
        if ent.label_ == "DATE" and lo <= ent.start and ent.end <= hi + 1:
            d = _date_of(ctx, ent.root)
            if d:
                dates.append(d)
    if len(dates) != len(people):
        return []
    ordered = sorted(people, key=lambda m: m.start)
    return list(zip(ordered, dates))


def _married_misparsed(ctx: Context, tok: Token, types: frozenset[str]) -> Iterator[Produced]:
    """*X married Y in March 2002* that the small model reads as an adjective before a name (*X*
    a modifier of *married Y*): a name right before, a name it modifies right after, and the date
    given to that name."""
    doc = ctx.doc
    if tok.dep_ != "amod" or tok.i == 0 or tok.head.i <= tok.i or tok.head.ent_type_ != "PERSON":
        return
    before, after = ctx.mention_at(doc[tok.i - 1]), ctx.mention_at(tok.head)
    if before is None or after is None or before.type != PERSON or after.type != PERSON or before is after:
        return
    if any(c.dep_ == "det" for c in tok.head.children):
        return  # "the married Y": a description
    date, place = _when_where(ctx, tok.head)
    if date is None:
        return
    yield EventCandidate("Marriage", ctx.evidence([tok], "kg.life_event.v22", 0.6), date, place, (before, after))


def _noun_owners(ctx: Context, noun: Token, types: frozenset[str], kind: str | None = None) -> list[Mention]:
    """Whose event a noun names: *X's death*, *the death of X*, *the Night Owls concert*, *the wedding
    of X and Y*, *the Grammy ceremony*, *a concert by X*, *X and Y's split*; *their divorce* of the
    two people last named together (``_people``)."""
    out: list[Mention] = []
    for c in noun.children:
        if c.dep_ == "poss" and kind in words()["couple_kinds"] and _plural_pronoun(c):
            out += [m for m in _people(ctx, [c], types, kind) if m not in out]
        elif c.dep_ == "poss" or (c.dep_ == "compound" and c.i < noun.i):
            out += [m for m in ctx.names(c) if m.type in types and m not in out]
        elif c.dep_ == "prep" and c.lower_ in ("of", "by", "between", "to", "from", "with"):
            out += [m for p in c.children if p.dep_ == "pobj" for m in ctx.names(p) if m.type in types and m not in out]
    return out


@rule("kg.event_noun_life.v21", produces=("Event",))
def event_noun_life(ctx: Context) -> Iterator[Produced]:
    """*shortly after X's death in March 1988*, *the wedding of X and Y on Saturday*, *their gig
    in Cardiff on Friday*, *The Night Owls played a concert in Derby on Monday*, *the Grammy
    ceremony will be held on 8 February*, *filed for divorce from Y in 2016*, *gave birth to Y in
    2006*: an event named by its noun, dated in its own phrase or by the verb it is the object or
    subject of; *the festival, which runs from 10 to 20 February*, *their divorce, which was agreed in
    2008*, *the Bafta awards, which take place on 12 February*: dated by a relative clause of a
    verb of happening; a festival's own name is its participant (*the Silent Harbour Film Festival*)."""
    w = words()
    types = w["participant_types"]
    nouns = w["nouns"]
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    held_only = w["held_nouns"]
    for tok in tokens_of(ctx.doc):
        kind = nouns.get(lemmas[tok.i]) or nouns.get(lowers[tok.i])
        if kind is None or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        named = ctx.mention_at(tok)
        if named is not None and (lemmas[tok.i] not in w["named_nouns"] or named.ref):
            continue  # a name that holds the word ("The Wedding Singer") is no event; a festival's name is
        held = lowers[tok.i] in held_only or lemmas[tok.i] in held_only
        people = [named] if named is not None else _noun_owners(ctx, tok, types, kind)
        date, place = _when_where(ctx, tok) if not held else (None, None)
        if date is None:  # "the festival, which runs from 10 to 20 February", "the ceremony, to be held on 20 March"
            date, place = _held_clause(ctx, tok, w, place)
        verb = tok.head
        dep = tok.dep_
        if dep == "pobj" and verb.dep_ == "prep" and verb.head.pos_ == "VERB":
            verb, dep = verb.head, "dobj"  # "filed for divorce from Y": the verb's own event
        if verb.pos_ in ("VERB", "AUX") and verb is not tok:
            if _refused(ctx, verb):
                continue
            vlemma = verb.lemma_.lower()
            own_verb = dep == "dobj" and vlemma in w["own_event_verbs"]
            subj_verb = dep in ("nsubj", "nsubjpass") and vlemma in w["subject_verbs"]
            if held and not subj_verb and date is None:
                continue  # "won awards in 2004": the awards a date holds are a ceremony only when held
            if own_verb or subj_verb:
                vdate, vplace = _when_where(ctx, verb)
                date, place = date or vdate, place or vplace
            # "The band cancelled their concert": the subject's event when the possessive is theirs
            if own_verb and (not people or all(m.ref == "pronoun" for m in people)):
                people += [m for m in _people(ctx, ctx.subjects(verb), types, kind) if m not in people]
            if own_verb:  # "filed for divorce from Y", "gave birth to Y"
                people += [m for m in _people(ctx, [p for _, p in ctx.preps([verb], {"from", "to", "with", "against"})],
                                              types) if m not in people]
        if date is None and not held:
            date = _date_right_after(ctx, tok)  # "kept a low profile after his split from Y in September 2016"
        if date is None:
            continue
        people = [p for p in people if p.type != PLACE]
        at_one = tok.dep_ == "pobj" and tok.head.lower_ == "at" and tok.head.head.lemma_.lower() in w["ceremony_verbs"]
        if not people and kind == "Ceremony" and (at_one or any(
                c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "poss" for c in tok.children)):
            # "The ceremony, hosted by X, takes place on 27 February", "the winners will be announced at a
            # ceremony in London on 30 November": the award of the article
            people = _award_before(ctx, tok)
        if not people and lemmas[tok.i] in w["named_nouns"] and any(
                c.dep_ in ("det", "poss") for c in tok.children):
            people = _named_before(ctx, tok, lemmas[tok.i])  # "The festival itself runs until 24 January"
        if not people:
            continue
        yield EventCandidate(kind, ctx.evidence([tok], "kg.event_noun_life.v21", 0.7), date, place, tuple(people))


def _date_right_after(ctx: Context, noun: Token) -> str | None:
    """The date written right after an event phrase that a preposition of time brings (*after his
    split from Y in September 2016*, *following their wedding on 3 May*), where the parser hung the
    date on the verb beyond: the phrase it follows is what it dates."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in words()["time_preps"]:
        return None
    k = noun.right_edge.i + 1
    if k + 1 >= len(ctx.doc):
        return None
    prep = ctx.doc[k]
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "on") or prep.head.i != noun.head.head.i:
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "DATE"), None)
    return _date_of(ctx, obj) if obj is not None else None


def _held_clause(ctx: Context, noun: Token, w: dict[str, Any], place: Mention | None) -> tuple[str | None, Mention | None]:
    """The date of a clause that says when an event named by ``noun`` is held: a relative clause
    (*the festival, which runs from 10 to 20 February*, *their divorce, which was agreed in 2008*)
    or a participle (*the ceremony, to be held in London on 20 March*). Only verbs of happening
    (``held_verbs``); never one denied, conditional or asked."""
    # the clause may hang on the event's other side: "their divorce from Y, which was agreed in 2008"
    sides = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "between", "to")
             for p in c.children if p.dep_ == "pobj"]
    for c in [c for t in [noun, *sides] for c in t.children]:
        if c.dep_ not in ("relcl", "acl") or c.pos_ not in ("VERB", "AUX"):
            continue
        if c.lemma_.lower() not in w["held_verbs"] or _refused(ctx, c):
            continue
        if c.dep_ == "relcl" and not any(s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in ("which", "that")
                                         for s in c.children):
            continue  # "the concert she gave in 2004": the clause's subject is another's
        if c.lemma_.lower() == "take" and not any(o.lower_ == "place" for o in c.children):
            continue
        if c.lemma_.lower() in ("start", "begin", "set") and any(x.dep_ in ("auxpass", "nsubjpass") for x in c.children):
            continue  # "the awards, which were started in 1997": founded, not held
        date, vplace = _when_where(ctx, c, subjects=False)
        if date:
            return _first_day(ctx, c) or date, place or vplace
    return None, place


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _first_day(ctx: Context, verb: Token) -> str | None:
    """The first day of a span given to the verb: *runs from 10 to 20 February*, *from 10-20 February
    2005*: the event begins on the 10th."""
    for t in verb.subtree:
        if t.ent_type_ != "DATE" or not t.text.isdigit() or len(t.text) > 2:
            continue
        rest = [x for x in ctx.doc[t.i + 1:t.i + 6]]
        words = [x.lower_ for x in rest]
        if not words or words[0] not in ("-", "to", "\u2013", "until", "and"):
            continue
        month = next((x for x in words if x in _MONTHS), None)
        if month is None:
            return None
        k = words.index(month)
        year = words[k + 1] if k + 1 < len(words) and words[k + 1].isdigit() and len(words[k + 1]) == 4 else ""
        return normalise_date(f"{t.text} {month} {year}".strip(), ctx.document.date)
    return None


def _two_sentences_before(ctx: Context, tok: Token) -> int:
    """The character offset where the sentence two before ``tok``'s begins (its own, at the article's start)."""
    start = sent_of(tok).start
    for _ in range(2):
        if start > 0:
            start = sent_of(ctx.doc[start - 1]).start
    return ctx.doc[start].idx


def _named_before(ctx: Context, tok: Token, word: str) -> list[Mention]:
    """The one name holding ``word`` (*the Bangkok Film Festival*) in ``tok``'s sentence or the two before."""
    lo = _two_sentences_before(ctx, tok)
    found = {m.text.lower(): m for m in ctx.mentions if not m.ref and lo <= m.start < tok.idx
             and word in m.text.lower().split()}
    return [max(found.values(), key=lambda m: m.start)] if len(found) == 1 else []


def _award_before(ctx: Context, tok: Token) -> list[Mention]:
    """The award *the ceremony* is of: the one award named in its sentence or the two before it."""
    lo = _two_sentences_before(ctx, tok)
    awards = {m.text.lower(): m for m in ctx.mentions if m.type == "AWARD" and not m.ref and lo <= m.start < tok.idx}
    if not awards:  # none near: the one award the article has named before, however often
        awards = {(m.canonical or m.text).lower(): m for m in ctx.mentions if m.type == "AWARD" and not m.ref
                  and m.start < tok.idx}
    return [max(awards.values(), key=lambda m: m.start)] if len(awards) == 1 else []


def _has_prep(tok: Token, preps: Any) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in preps for c in tok.children)


@rule("kg.happening.v17", produces=("Event",))
def happening(ctx: Context) -> Iterator[Produced]:
    """Other dated happenings, from the table ``happenings`` of ``events.json``: *X moved to Canada
    in 1947*, *X signed to Y in 2001*, *X and Y began dating in 2010*, *X was named chairman in
    2003*, *X stepped down on Monday*, *X broke up with Y in 2005*, *the show was first broadcast
    on 3 May*, *it was turned into a film in 1967*, *X formed the band in 1998*, *X pleaded guilty
    on Friday*: the happening's kind, its date and place and who took part (the subject; the
    object or the other side where the table says so). Only with a date the clause gives, never
    denied, conditional, asked or wished for."""
    w = words()
    table = w["happenings"]
    types = w["participant_types"]
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in with_lemmas(ctx.doc, table):  # (no other word is one)
        if tok.pos_ != "VERB":
            continue
        spec = table.get(lemmas[tok.i])
        if spec is None:
            continue
        kids = list(tok.children)
        if spec.get("prt") and not any(c.dep_ in ("prt", "advmod") and c.lower_ == spec["prt"] for c in kids):
            continue
        if not spec.get("prt") and any(c.dep_ == "prt" for c in kids) and lemmas[tok.i] not in ("turn",):
            continue  # "broke off", "set out", "turned down": another verb than the table's
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids) or tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl")
        if spec.get("passive") and not passive:
            continue
        if passive and any(c.dep_ == "dobj" for c in kids) and spec["kind"] == "Premiere":
            continue  # "they were first shown the interview": the subject saw it, nothing was first shown
        if spec.get("needs_prep") and not _has_prep(tok, spec["needs_prep"]):
            continue
        if any(p.lemma_.lower() == "court" for _, p in ctx.preps([tok], {"in", "at", "before"})):
            continue  # "appeared in court": a hearing (below)
        if _refused(ctx, tok):
            continue
        date, place = _when_where(ctx, tok, subjects=False)
        if date is None and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("begin", "start", "continue"):
            date, place = _when_where(ctx, tok.head, subjects=False)  # "began dating in 2010"
        if date is None:
            continue
        objs = [c for c in kids if c.dep_ == "dobj"]
        if spec.get("obj_words") and not any(o.lower_ in spec["obj_words"] for o in objs):
            continue  # "hit theatres", "filed a lawsuit": only with the object the table names
        if "bare_objs" in spec and any(o.lemma_.lower() not in spec["bare_objs"] for o in objs):
            continue  # "played a villain at the Old Vic": a role, not a gig
        obj_types = frozenset(spec.get("obj_types", types))
        others: list[Mention] = []
        if spec.get("obj"):
            others = [m for m in _people(ctx, objs, types) if m.type in obj_types and m.type != PLACE]
        if spec.get("only_objs") and not others:
            continue  # "won the case": only what the table lets be won
        if spec.get("obj_types") and spec.get("obj") and objs and not others and not passive:
            continue  # "joined the protest", "formed a plan": not a band, a firm or a show
        kind = spec["kind"]
        people = _people(ctx, ctx.subjects(tok), types)
        if not people and passive:  # "X's gig in Y is rescheduled for 9 October": X's gig, at Y
            for s_ in ctx.subjects(tok):
                if s_.lemma_.lower() in w["nouns"]:
                    people = _people(ctx, [c for c in s_.children if c.dep_ == "poss"], types)
                    kind = w["nouns"][s_.lemma_.lower()] if people and kind == "Event" else kind
                    place = place or next((m for _, p in ctx.preps([s_], {"in", "at"}) if (m := ctx.mention_at(p))
                                           is not None and m.type == PLACE and not m.ref), None)
        people += [m for m in others if m not in people]
        people += [m for m in _people(ctx, [p for _, p in ctx.preps([tok], set(spec.get("prep", [])))], types)
                   if m not in people and m.type != PLACE]
        if passive and "by" in spec.get("prep", []):  # "was founded by X": the agent
            people += [m for m in _people(ctx, ctx.agents([tok]), types) if m not in people and m.type != PLACE]
        people = [p for p in people if p.type != PLACE and (p.type == PERSON or not spec.get("person"))]
        if not people:
            continue
        yield EventCandidate(kind, ctx.evidence([tok], "kg.happening.v17", 0.65), date, place, tuple(people))
    yield from _in_court(ctx)
    yield from _held_named(ctx)


def _held_named(ctx: Context) -> Iterator[Produced]:
    """*T in the Park will be held at Balado on 9 July*, *the Quill Awards take place on 12
    February*, *Meltdown, which begins on 11 June*, *Big Night runs until 24 January*: a named
    thing (no person, no place) that a verb of being held has as its subject is an event on that
    date; an award's is its ceremony. Never with an object (*X began his career in 1990*), never
    held *by* someone (*the seat was held by the Tories*); a place only as the subject itself of
    *held* or *take place* (NER takes some events for places), never a relative clause's antecedent
    (*the trials at Y Park, which take place on 5 March*)."""
    w = words()
    types = w["participant_types"]
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in with_lemmas(ctx.doc, w["held_named_verbs"]):
        lemma = lemmas[tok.i]
        if tok.pos_ != "VERB":
            continue
        kids = list(tok.children)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
        if lemma == "hold" and not passive or lemma != "hold" and passive:
            continue
        if lemma == "take" and not any(c.dep_ == "dobj" and c.lower_ == "place" for c in kids):
            continue
        if lemma != "take" and any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in kids):
            continue  # "began his career", "started to sing"
        if _refused(ctx, tok):
            continue
        subs = ctx.subjects(tok)
        # a place "held" or "taking place" is an event NER took for a place ("Silent Park will be held at ...")
        if lemma == "hold" and any(c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by" for c in kids):
            continue  # "the seat had been held by the Tories since 1970": owned, not staged
        ok = (PERSON,) if lemma in ("hold", "take") and tok.dep_ != "relcl" else (PERSON, PLACE)
        people = [m for m in _people(ctx, subs, types | {PLACE}) if m.type not in ok and not m.ref]
        if not people or any(m.type == PERSON for m in _people(ctx, subs, types)):
            continue
        date, place = _when_where(ctx, tok, subjects=False)
        if date is None:
            continue
        date = _first_day(ctx, tok) or date
        kind = "Ceremony" if all(m.type == "AWARD" for m in people) else "Event"
        yield EventCandidate(kind, ctx.evidence([tok], "kg.happening.v17", 0.6), date, place, tuple(people))


def _in_court(ctx: Context) -> Iterator[Produced]:
    """*X is due in court on 20 December*, *X appeared at Y Crown Court on Monday*: a hearing."""
    w = words()
    types = w["participant_types"]
    for tok in with_lemmas(ctx.doc, ("court",)):
        if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "at", "before"):
            continue
        head = tok.head.head
        if head.lemma_.lower() not in w["court_verbs"] and head.lower_ not in w["court_verbs"]:
            continue
        verb = head if head.pos_ in ("VERB", "AUX") else head.head if head.head.pos_ in ("VERB", "AUX") else None
        if verb is None or _refused(ctx, verb):
            continue
        date, place = _when_where(ctx, verb, subjects=False)
        if date is None:
            continue
        people = [p for p in _people(ctx, ctx.subjects(verb), types) if p.type in (PERSON, "GROUP", "ORGANIZATION")]
        if people:
            yield EventCandidate("Trial", ctx.evidence([verb, tok], "kg.happening.v17", 0.65), date, place, tuple(people))


@rule("kg.dated_ceremony.v15", produces=("Event",))
def dated_ceremony(ctx: Context) -> Iterator[Produced]:
    """*X won best actor at the 2005 Y Awards*, *the 2004 Y Awards were held in London*, *X is
    nominated for this year's Y Awards*: an award written with its year is that year's ceremony;
    the award and whoever the clause around it says won, was given, was nominated or performed
    there take part."""
    w = words()
    types = w["participant_types"]
    verbs = w["ceremony_verbs"]
    doc = ctx.doc
    art = tokens_of(doc)
    for m in ctx.mentions:
        if m.type != "AWARD" or m.ref:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        k = span.start - 1
        year = next((t for t in span if _year_word(t, inside=True)), None)  # (NER may read "the 2004 X Awards" as one name)
        if year is None and k >= 0 and _year_word(art[k], inside=span[0].ent_iob_ == "I"):  # (one NER name with it)
            year = art[k]  # "the 2005 Brit Awards"
        if year is None:
            continue
        date = normalise_date(year.text, ctx.document.date)
        if date is None:
            continue
        people: list[Mention] = [m]
        verb = ctx.governing_verb(span.root)
        if _is_event_verb(verb, verbs) and not _refused(ctx, verb):
            people += [p for p in _people(ctx, ctx.subjects(verb), types) if p not in people and p.type != "AWARD"]
            if verb.lemma_.lower() in ("award", "present", "give", "name", "crown", "honour", "honor"):
                people += [p for p in _people(ctx, [c for c in verb.children if c.dep_ in ("dobj", "dative")], types)
                           if p not in people and p.type != "AWARD"]
        elif verb.pos_ in ("VERB", "AUX") and _refused(ctx, verb):
            continue
        elif verb.pos_ in ("VERB", "AUX") and span.root.dep_ == "pobj" and span.root.head.lower_ == "at" \
                and span.root.head.head.i == verb.i:
            # "X stunned at the 2017 Y Awards", "X was best film at the 2005 Y Awards": X was there
            people += [p for p in _people(ctx, ctx.subjects(verb), types) if p not in people and p.type != "AWARD"]
        place = next((p for p in ctx.mentions if p.type == PLACE and not p.ref and verb.pos_ in ("VERB", "AUX")
                      and (t := doc.char_span(p.start, p.end, alignment_mode="expand")) is not None
                      and t.root.head.dep_ == "prep" and t.root.head.lower_ == "in" and t.root.head.head.i in
                      (verb.i, span.root.i)), None)
        ev = ctx.evidence([year, span.root], "kg.dated_ceremony.v15", 0.7, clause=False)
        yield EventCandidate("Ceremony", ev, date, place, tuple(people), m)


def _year_word(tok: Token, inside: bool = False) -> bool:
    """A year written as a number, read by NER as a date or (``inside`` an award's name) as part of
    the name."""
    return len(tok.text) == 4 and tok.text.isdigit() and 1900 <= int(tok.text) <= 2099 and (
        inside or tok.ent_type_ in ("DATE", "EVENT", ""))


def _is_event_verb(verb: Token, verbs: Any) -> bool:
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in verbs


_BULLETS = frozenset({"\u25ba", "\u25b6", "\u2022", "\u25a0", "*", "|"})


def _heading(ctx: Context, tok: Token) -> bool:
    """Whether a date is the heading of what follows (*... reprimand ► September 2016: X was ...*, a
    list of dated items run together): after a bullet, or right before a colon; it dates nothing
    before it."""
    art = tokens_of(ctx.doc)
    ent = ent_at(tok)
    lo, hi = (ent.start, ent.end) if ent is not None else (tok.i, tok.i + 1)
    return lo > 0 and art[lo - 1].text in _BULLETS or hi < len(art) and art[hi].text == ":"


def _verb_date(ctx: Context, verb: Token) -> tuple[str | None, Token | None]:
    """A date given to the verb itself: *in 2004*, *on Sunday, September 17*, *last March*, *May 3*
    as its own modifier; never one after *since*, *until*, *by*, *before* or *after* (a span's edge)."""
    preps = words()["action_date_preps"]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ == "DATE" and not _clock(ctx, p):
                    d = _date_of(ctx, p)
                    if d:
                        return d, p
        elif c.dep_ in ("npadvmod", "tmod") and c.ent_type_ == "DATE" and not _heading(ctx, c):
            d = _date_of(ctx, c)
            if d:
                return d, c
    return None, None


@rule("kg.dated_action.v16", produces=("Event",))
def dated_action(ctx: Context) -> Iterator[Produced]:
    """*X cheered on Y at the game on Sunday, September 17*, *X sang at the gala in 2004*, *X
    wore a red gown on 20 January*: whatever else a named subject did on a date given to the verb
    itself, as a plain Event with the subject, a named object and whoever it was done *with*.
    Verbs of saying, thinking, being and having are no happenings; verbs with a kind of their own
    are the other rules'; denied, conditional, asked and wished-for ones give nothing."""
    w = words()
    types = w["participant_types"]
    stop = w["action_stop_verbs"]
    own = set(w["verbs"]) | set(w["happenings"]) | set(w["own_event_verbs"]) | set(w["knot_verbs"]) \
        | set(ctx.lex.event_verbs) | set(ctx.lex.premiere_verbs) | {"publish", "win", "receive", "nominate", "award"}
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        if tok.pos_ != "VERB" or lemmas[tok.i] in stop or lemmas[tok.i] in own:
            continue
        if tok.dep_ in ("amod", "compound") or _phrase_kind(tok, w) is not None:
            continue
        date, dtok = _verb_date(ctx, tok)
        if date is None or _refused(ctx, tok):
            continue
        subs = ctx.subjects(tok)
        people = [m for m in _people(ctx, subs, types) if m.type != PLACE]
        if not people:
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        people += [m for m in _people(ctx, objs, types) if m not in people and m.type != PLACE]
        people += [m for m in _people(ctx, [p for _, p in ctx.preps([tok], {"with", "alongside", "against", "on", "for"})],
                                      (PERSON, "GROUP")) if m not in people]  # "cheered on Y", "sang for Y"
        _, place = _when_where(ctx, tok, subjects=False)
        yield EventCandidate("Event", ctx.evidence([tok, dtok], "kg.dated_action.v16", 0.5), date, place, tuple(people))


def _owners(ctx: Context, noun: Token, types: frozenset[str]) -> list[Mention]:
    """Whose a work or an honour is: its possessor (*X's first novel*, *her debut album*)."""
    return _people(ctx, [c for c in noun.children if c.dep_ == "poss"], types)


def _named_kind(ctx: Context, tok: Token, kinds: tuple[str, ...]) -> bool:
    """Whether a name of one of ``kinds`` is written at or under ``tok`` (*the Quill Award*, *the album Y*)."""
    return any(m.type in kinds and not m.ref for t in tok.subtree for m in ctx.names(t))


def _rumoured(tok: Token, w: dict[str, Any]) -> bool:
    """*rumours that X would release an album in May*: the clause a noun of rumour holds."""
    t = tok
    while t.head.i != t.i and t.dep_ in ("ccomp", "acl", "relcl", "xcomp", "conj", "advcl"):
        t = t.head
        if t.pos_ == "NOUN" and t.lemma_.lower() in w["hedge_nouns"]:
            return True
    return False


@rule("kg.career_event.v10", produces=("Event",))
def career_event(ctx: Context) -> Iterator[Produced]:
    """*X released her debut album in 2001*, *X's first novel was published in 1975*, *the band's
    album, released in May 2003*, *X received a lifetime achievement award in 2002*, *X was awarded
    an OBE in 2002*: a dated release of a work, or a win of an honour, that the article does not
    name, with whose work or honour it was. A named work or award is left to the release and awards
    rules (they read it with its name); denied, conditional, asked or wished-for ones give nothing."""
    w = words()
    table = w["career_verbs"]
    types = frozenset({PERSON, "GROUP", "ORGANIZATION"})
    lemmas = lemmas_of(ctx.doc)
    for tok in with_lemmas(ctx.doc, table):  # (no other word is one)
        if tok.pos_ != "VERB":
            continue
        lemma = lemmas[tok.i]
        kind = table.get(lemma)
        if kind is None:
            continue
        kids = list(tok.children)
        prt = w["career_particles"].get(lemma)
        if prt and not any(c.dep_ == "prt" and c.lower_ == prt for c in kids):
            continue
        if not prt and any(c.dep_ == "prt" for c in kids):
            continue  # "gave up", "won over": another verb
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids) or tok.tag_ == "VBN" and tok.dep_ == "acl"
        if lemma in w["career_passive_only"] and not passive:
            continue  # "X gave a speech": only "X was given an award"
        nouns = w["work_nouns"] if kind == "Release" else w["honour_nouns"]
        named_kinds = ("PRODUCTION",) if kind == "Release" else ("AWARD",)
        people: list[Mention] = []
        if kind == "AwardWin" and passive:
            things = [c for c in kids if c.dep_ in ("dobj", "dative")] + [p for c in kids if c.dep_ == "prep" and
                                                                         c.lower_ == "with" for p in c.children if p.dep_ == "pobj"]
            holders = ctx.subjects(tok)
        elif passive:
            things = ctx.subjects(tok) if tok.dep_ != "acl" else [tok.head]
            holders = []
        else:
            things = [c for c in kids if c.dep_ == "dobj"]
            holders = ctx.subjects(tok)
        works: list[Mention] = []
        if kind == "Release" and not passive:
            # "X released the album Y in 2003": X takes part beside Y (the release rule reads Y alone)
            works = [m for t in things for m in _people(ctx, [t], frozenset(named_kinds)) if not m.ref]
        things = [t for t in things if t.lemma_.lower() in nouns or t.lower_ in nouns]
        if works:
            things = things or [c for c in kids if c.dep_ == "dobj"][:1]
        elif not things or any(_named_kind(ctx, t, named_kinds) for t in things):
            continue
        elif any((m := ctx.mention_at(t)) is not None and not m.ref for t in things):
            continue  # a noun that is itself a name ("the Album"): not a work of a kind
        people = [m for m in _people(ctx, holders, types) if m.type != PLACE]
        for t in things:
            people += [m for m in _owners(ctx, t, types) if m not in people]
        if not people or _refused(ctx, tok) or ctx.claim(tok)[0] in ("denied", "hedged") or _rumoured(tok, w):
            continue
        # "the album" standing for a work named before: it takes part too, where resolution finds it
        people += [m for t in things if (m := ctx.mention_at(t)) is not None and m.ref and m.type in named_kinds]
        people += [m for m in works if m not in people]
        date, place = _when_where(ctx, tok, subjects=False, bounds=False)  # "has released 25 albums since 1995"
        if date is None:
            continue
        yield EventCandidate(kind, ctx.evidence([tok, things[0]], "kg.career_event.v10", 0.6), date, place,
                             tuple(people))
