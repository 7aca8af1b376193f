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
from kg.extract.rules import Produced, _date_of, rule
from kg.extract.sents import lemmas_of, lowers_of, tokens_of
from kg.model import PLACE, EventCandidate, Mention

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


def _when_where(ctx: Context, head: Token) -> tuple[str | None, Mention | None]:
    """The date and the place written in ``head``'s own clause (*in July 2014*, *on Monday*,
    *in Genoa*); ages (*aged 94*) and spans (*after ten years*) are no dates."""
    date: str | None = None
    place: Mention | None = None
    for t in head.subtree:
        if t.i == head.i or not _own(t, head):
            continue
        if date is None and t.ent_type_ == "DATE" and t.head.lemma_.lower() not in ("age", "aged", "after", "for"):
            d = _date_of(ctx, t)
            if d:
                date = d
        m = ctx.mention_at(t)
        if place is None and m is not None and m.type == PLACE and not m.ref:
            place = m
    return date, place


def _people(ctx: Context, toks: list[Token], types: frozenset[str]) -> list[Mention]:
    """The names at ``toks``; a relative pronoun stands for all of a coordinated antecedent
    (*A and B, who became engaged in 2019*)."""
    out: list[Mention] = []
    for t in toks:
        if t.lower_ in ("who", "that") and t.head.dep_ == "relcl":
            t = t.head.head
            while t.dep_ == "conj" and t.head.pos_ in ("PROPN", "NOUN"):
                t = t.head
        out += [m for m in ctx.names(t) if m.type in types and m not in out]
    return out


def _refused(ctx: Context, verb: Token) -> bool:
    """Denied, conditional or asked: *did not marry*, *if they split*, *will they tour?*."""
    if ctx.negated([verb]) or any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    wishing = words()["wishing_verbs"]
    if verb.dep_ == "xcomp" and (verb.head.lemma_.lower() in wishing or verb.head.lower_ in wishing):
        return True  # "is hoping to tour in 2005": wished for, not planned
    return any(t.text == "?" for t in verb.sent if t.i > verb.i)


def _phrase_kind(verb: Token, w: dict[str, Any]) -> str | None:
    """Events a verb names only with its particle, object or complement: *passed away*, *was
    killed*, *was charged with*, *was found guilty*, *stood trial*, *went on trial*."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    for phrase in w["phrases"]:
        if phrase["verb"] != lemma or phrase.get("passive") and not passive:
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


@rule("kg.life_event.v4", produces=("Event",))
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
        if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
            continue
        lemma = lemmas[tok.i]
        kind = w["verbs"].get(lemma)
        knot = w["knot_verbs"].get(lemma)
        if knot and any(c.dep_ == "dobj" and c.lower_ == knot for c in tok.children):
            kind = "Marriage"  # "tied the knot"
        elif lemma in ("get", "become") and any(c.lower_ in ("married", "engaged") and c.dep_ in ("acomp", "attr", "oprd")
                                               for c in tok.children):
            kind = "Marriage" if any(c.lower_ == "married" for c in tok.children) else "Engagement"
        kind = kind or _phrase_kind(tok, w)
        if kind is None:
            continue
        if lemma in w["only_as_participle"] and tok.tag_ != "VBN":
            continue
        if lemma == "bear" and (lowers[tok.i] != "born" or not any(c.dep_ == "nsubjpass" for c in tok.children)):
            continue  # "she was born in London": never "bore the brunt"
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
        people = _people(ctx, ctx.subjects(tok), types)
        if kind in w["object_participants"]:
            people += [m for m in _people(ctx, objs, types) if m not in people]
        others = w["with"].get(kind, [])
        people += [m for m in _people(ctx, [p for _, p in ctx.preps([tok], set(others))], types) if m not in people]
        if kind == "Tour":
            place = place or next((m for o in objs for m in ctx.names(o) if m.type == PLACE), None)
        people = [p for p in people if p.type != PLACE]
        if not people:
            continue
        yield EventCandidate(kind, ctx.evidence([tok], "kg.life_event.v4", 0.75), date, place, tuple(people))


def _noun_owners(ctx: Context, noun: Token, types: frozenset[str]) -> list[Mention]:
    """Whose event a noun names: *X's death*, *the death of X*, *the Night Owls concert*, *the wedding
    of X and Y*, *the Grammy ceremony*, *a concert by X*, *X and Y's split*."""
    out: list[Mention] = []
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.i < noun.i):
            out += [m for m in ctx.names(c) if m.type in types and m not in out]
        elif c.dep_ == "prep" and c.lower_ in ("of", "by", "between", "to", "from", "with"):
            out += [m for p in c.children if p.dep_ == "pobj" for m in ctx.names(p) if m.type in types and m not in out]
    return out


@rule("kg.event_noun_life.v4", produces=("Event",))
def event_noun_life(ctx: Context) -> Iterator[Produced]:
    """*shortly after X's death in March 1988*, *the wedding of X and Y on Saturday*, *their gig
    in Cardiff on Friday*, *The Night Owls played a concert in Derby on Monday*, *the Grammy
    ceremony will be held on 8 February*, *filed for divorce from Y in 2016*, *gave birth to Y in
    2006*: an event named by its noun, dated in its own phrase or by the verb it is the object or
    subject of."""
    w = words()
    types = w["participant_types"]
    nouns = w["nouns"]
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        kind = nouns.get(lemmas[tok.i]) or nouns.get(lowers[tok.i])
        if kind is None or tok.pos_ not in ("NOUN", "PROPN") or ctx.mention_at(tok) is not None:
            continue
        people = _noun_owners(ctx, tok, types)
        date, place = _when_where(ctx, tok)
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
            if own_verb or subj_verb:
                vdate, vplace = _when_where(ctx, verb)
                date, place = date or vdate, place or vplace
            # "The band cancelled their concert": the subject's event when the possessive is theirs
            if own_verb and (not people or all(m.ref == "pronoun" for m in people)):
                people += [m for m in _people(ctx, ctx.subjects(verb), types) if m not in people]
            if own_verb:  # "filed for divorce from Y", "gave birth to Y"
                people += [m for m in _people(ctx, [p for _, p in ctx.preps([verb], {"from", "to", "with", "against"})],
                                              types) if m not in people]
        if date is None:
            continue
        people = [p for p in people if p.type != PLACE]
        if not people:
            continue
        yield EventCandidate(kind, ctx.evidence([tok], "kg.event_noun_life.v4", 0.7), date, place, tuple(people))
