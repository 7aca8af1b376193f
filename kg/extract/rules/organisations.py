"""Organisations (and bands): who founded them, when and where, where they are based, who owns them.

- ``foundedBy``, ``inception``, ``locationOfFormation``: *X founded Y in 1950*, *Y was formed in
  Glasgow in 2001*, *Y, set up by X*, *before forming Y*, *X, the founder of Y*, *Y founder X*;
- ``headquartersLocation``: *Y, based in X*, *the X-based Y*, *Y is headquartered in X*;
- ``ownedBy``, ``parentOrganization``: *Y, owned by X*, *the X-owned Y*, *Y, a subsidiary of X*.

Words in ``organisations.json``; bands are the music family's (:func:`kg.extract.rules.music.bands`).

Examples
--------
>>> "found" in _words()["founding_verbs"]
True
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
from kg.extract.rules import Produced, rule
from kg.extract.lexicon import first_names
from kg.extract.rules._named import gerund_subject, named
from kg.extract.rules.music import band_named, bands
from kg.extract.sents import lemmas_of, lowers_of, tokens_of
from kg.model import GROUP, ORGANIZATION, PERSON, PLACE, Candidate, Mention, Value


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return {k: frozenset(v) for k, v in data.items()}


def _org(ctx: Context, tok: Token, types: tuple[str, ...] = (ORGANIZATION, GROUP)) -> Mention | None:
    m = named(ctx).by_token.get(tok.i) or (band_named(ctx, tok) if GROUP in types else None) or ctx.refer(tok)
    return m if m is not None and m.type in types and not m.ref else None


def _people(ctx: Context, tok: Token) -> list[Mention]:
    return [m for t in ctx.conjuncts(tok) if (m := ctx.refer(t)) is not None and m.type == PERSON
            and named(ctx).by_token.get(t.i) is None]


def _founding(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma == "set":
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children)
    return lemma in _words()["founding_verbs"] and tok.pos_ == "VERB"


def _name_founded(ctx: Context, tok: Token) -> Mention | None:
    """*established the Festival Trust*: a capitalised name NER left untyped, as the object of a
    verb of founding, names an organisation (never a person's name or a place)."""
    if ctx.mention_at(tok) is not None or not tok.text[:1].isupper() or tok.ent_type_ in (
            "PERSON", "GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
        return None
    doc = ctx.doc
    start = tok.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i \
            and doc[start - 1].text[:1].isupper():
        start -= 1
    if any(ctx.mention_at(t) is not None for t in doc[start:tok.i + 1]) or doc[start].lower_ in first_names():
        return None
    return named(ctx).everywhere(start, tok.i + 1, ORGANIZATION, "kg.founded_name.v1", 0.7)


@rule("kg.org_founding.v4", produces=("foundedBy", "inception", "locationOfFormation"))
def org_founding(ctx: Context) -> Iterator[Produced]:
    """*X founded Y in 1950*, *Y was formed in Glasgow*, *before forming Y*, *Y founder X*."""
    bands(ctx)
    name = "kg.org_founding.v4"
    w = _words()
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        if _founding(tok):
            if ctx.negated([tok]):
                continue
            chain = ctx.verb_chain(tok)
            passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children) or \
                tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl")
            if passive:
                orgs = [m for s in ctx.subjects(tok) if (m := _org(ctx, s)) is not None]
                people = [p for a in ctx.agents([tok]) for p in _people(ctx, a)]
            else:
                orgs = [m for o in ctx.children([tok], ("dobj",)) for t in ctx.conjuncts(o)
                        if (m := _org(ctx, t) or _name_founded(ctx, t)) is not None]
                people = [p for s in ctx.subjects(tok) for p in _people(ctx, s)] or \
                    [p for s in gerund_subject(ctx, tok) for p in _people(ctx, s)]
            if not orgs:
                continue
            ev = ctx.evidence([tok], name, 0.75)
            for org in orgs:
                for p in people:
                    yield Candidate(org, "foundedBy", p, ev)
            for _, pobj in ctx.preps(chain[:1] or [tok], {"in"}):
                place = ctx.mention_at(pobj)
                if place is not None and place.type == PLACE and not place.ref:
                    for org in orgs:
                        yield Candidate(org, "locationOfFormation", place, ctx.evidence([tok, pobj], name, 0.7))
                elif pobj.ent_type_ == "DATE":
                    ent = next((e for e in ctx.doc.ents if e.start <= pobj.i < e.end), None)
                    d = normalise_date(ent.text) if ent is not None else None
                    if d and len(d) >= 4 and not d.startswith("--"):
                        for org in orgs:
                            yield Candidate(org, "inception", Value(d, "date"), ctx.evidence([tok, pobj], name, 0.7))
        elif lowers[tok.i] in w["founder_nouns"] and not tok.text[:1].isupper():
            orgs = [m for _, o in ctx.preps([tok], {"of"}) for t in ctx.conjuncts(o) if (m := _org(ctx, t)) is not None]
            if tok.i > 0 and (m := _org(ctx, ctx.doc[tok.i - 1])) is not None:
                orgs.append(m)  # "Virgin founder X"
            if not orgs:
                continue
            people: list[Mention] = []
            nxt = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
            if nxt is not None and (m := ctx.mention_at(nxt)) is not None and m.type == PERSON and not m.ref:
                people.append(m)
            elif tok.dep_ == "appos":
                people += _people(ctx, tok.head)
            elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
                people += [p for s in ctx.subjects(tok.head) for p in _people(ctx, s)]
            for org in orgs:
                for p in people:
                    if org is not p:
                        yield Candidate(org, "foundedBy", p, ctx.evidence([tok], name, 0.75, clause=False))


@rule("kg.org_seat.v3", produces=("headquartersLocation",))
def org_seat(ctx: Context) -> Iterator[Produced]:
    """*Y, based in X*, *Y is headquartered in X*, *the X-based Y*: where an organisation is based."""
    doc = ctx.doc
    w = _words()
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if lowers[tok.i] not in w["seat_words"]:
            continue
        # "the London-based label Y", "the London-based Y"
        if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
            place = ctx.mention_at(doc[tok.i - 2])
            org = None
            for k in range(tok.i + 1, min(len(doc), tok.i + 4)):
                org = _org(ctx, doc[k], (ORGANIZATION,))
                if org is not None or doc[k].is_punct:
                    break
            if org is None and tok.head.pos_ in ("NOUN", "PROPN"):
                org = _org(ctx, tok.head, (ORGANIZATION,))
            if place is not None and place.type == PLACE and not place.ref and org is not None:
                yield Candidate(org, "headquartersLocation", place,
                                ctx.evidence([doc[tok.i - 2], tok], "kg.org_seat.v3", 0.7, clause=False))
            continue
        places = [m for _, p in ctx.preps([tok], {"in"}) for t in ctx.conjuncts(p)
                  if (m := ctx.mention_at(t)) is not None and m.type == PLACE and not m.ref]
        if not places:
            continue
        if tok.dep_ in ("acl", "amod") or tok.dep_ == "appos":
            orgs = [o for o in [_org(ctx, tok.head, (ORGANIZATION,))] if o is not None]
        else:
            orgs = [o for s in ctx.subjects(tok) if (o := _org(ctx, s, (ORGANIZATION,))) is not None]
        for org in orgs:
            for place in places:
                yield Candidate(org, "headquartersLocation", place, ctx.evidence([tok], "kg.org_seat.v3", 0.7))


@rule("kg.org_owner.v3", produces=("ownedBy", "parentOrganization"))
def org_owner(ctx: Context) -> Iterator[Produced]:
    """*Y, owned by X*, *Y is owned by X*, *the X-owned Y*, *Y, a subsidiary of X*."""
    doc = ctx.doc
    w = _words()
    owners = (ORGANIZATION, PERSON)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        if lemma in w["owning_verbs"] and tok.tag_ == "VBN":
            if ctx.negated([tok]):
                continue
            if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
                owner = _org(ctx, doc[tok.i - 2], owners)  # "the X-owned Y"
                owned = next((m for k in range(tok.i + 1, min(len(doc), tok.i + 4))
                              if (m := _org(ctx, doc[k], (ORGANIZATION,))) is not None), None)
                if owner is not None and owned is not None and owner is not owned:
                    yield Candidate(owned, "ownedBy", owner, ctx.evidence([tok], "kg.org_owner.v3", 0.7, clause=False))
                continue
            agents = [m for a in ctx.agents([tok]) for t in ctx.conjuncts(a) if (m := _org(ctx, t, owners)) is not None]
            owned_list = [m for s in ctx.subjects(tok) if (m := _org(ctx, s, (ORGANIZATION,))) is not None]
            for owned in owned_list:
                for owner in agents:
                    if owner is not owned:
                        yield Candidate(owned, "ownedBy", owner, ctx.evidence([tok], "kg.org_owner.v3", 0.75))
        elif lowers[tok.i] in w["parent_nouns"] and tok.dep_ in ("appos", "attr"):
            parents = [m for _, o in ctx.preps([tok], {"of"}) if (m := _org(ctx, o, (ORGANIZATION,))) is not None]
            if not parents:
                continue
            if tok.dep_ == "appos":
                child = _org(ctx, tok.head, (ORGANIZATION,))
            else:
                child = next((m for s in ctx.subjects(tok.head) if (m := _org(ctx, s, (ORGANIZATION,))) is not None),
                             None)
            for parent in parents:
                if child is not None and child is not parent:
                    yield Candidate(child, "parentOrganization", parent,
                                    ctx.evidence([tok], "kg.org_owner.v3", 0.7, clause=False))
