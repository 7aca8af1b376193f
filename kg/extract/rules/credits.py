"""Credits read from a name phrase: *the Dana Whitlock film Paper Rivers* says who made the film.

A person's name written between a determiner and a production noun, with the work's title right
after the noun, names the work's maker by the noun's kind: a film's or documentary's director, a
series' creator, a song's or album's performer, a book's author. A noun of no clear kind (*drama*,
*comedy*) says nothing of the role, and no fact is made.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.registry import rule
from kg.extract.rules import _WRITING, Produced, _article_kind, _character, _date_of, _verb_lemma
from kg.extract.sents import lemmas_of, lowers_of, sent_of, tokens_of
from kg.model import CHARACTER, GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Candidate, Mention, Value

DATA = Path(__file__).with_suffix(".json")


@lru_cache(maxsize=1)
def _words() -> dict:
    return {k: v for k, v in json.loads(DATA.read_text(encoding="utf-8")).items() if not k.startswith("_")}


@rule("kg.person_work_compound.v2", produces=("director", "creator", "performer", "author"))
def person_work_compound(ctx: Context) -> Iterator[Candidate]:
    """*the Marek Olsen thriller Cold Lanterns*: determiner, person, production noun, title."""
    doc = ctx.doc
    words = _words()
    makers, dets = words["maker_by_kind"], frozenset(words["determiners"])
    nouns = ctx.production_nouns
    for person in ctx.mentions:
        if person.ref or person.type != PERSON:
            continue
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None or span.start == 0 or doc[span.start - 1].lower_ not in dets:
            continue
        k = span.end
        if k + 1 >= len(doc):
            continue
        # the noun: one word, or two ("drama film"); the last decides the kind
        noun_end = k + 1 if doc[k].lower_ in nouns else (k + 2 if f"{doc[k].lower_} {doc[k + 1].lower_}" in nouns
                                                          or doc[k + 1].lower_ in nouns else k)
        if noun_end == k or noun_end >= len(doc):
            continue
        last = doc[noun_end - 1].lower_
        phrase = f"{doc[k].lower_} {last}" if noun_end == k + 2 else last
        kind = nouns.get(phrase) or nouns.get(last)
        prop = makers.get(kind or "")
        title = ctx.mention_at(doc[noun_end])
        if prop is None or title is None or title.ref or title is person or title.type in (PERSON, PLACE):
            continue
        t_span = doc.char_span(title.start, title.end, alignment_mode="expand")
        if t_span is None or t_span.start != noun_end:
            continue
        yield Candidate(title, prop, person,
                        ctx.evidence([*span, *doc[k:noun_end], *t_span], "kg.person_work_compound.v2", 0.75,
                                     clause=False))


_QUOTES = frozenset({'"', "'", "\u201c", "\u2018"})
_ROLE_PROPS = frozenset({"director", "screenwriter", "producer", "executiveProducer", "creator", "composer",
                         "distributor"})


def _opens_sentence(ctx: Context, tok: Token) -> bool:
    """Whether ``tok`` opens its sentence, past adverbs of time (*Originally released in …*)."""
    adverbs = frozenset(_words()["opening_adverbs"])
    sent = sent_of(tok)
    return all(t.lower_ in adverbs for t in ctx.doc[sent.start:tok.i])


def _clause_subject(ctx: Context, tok: Token, role: str | None) -> tuple[Mention | None, int]:
    """What an opening participle clause describes: the first work or character named after one
    of its commas (*Written by A, B and C, the song …*; *Released in 1991, "X" reached …*), read on
    the surface, since the small models often mis-parse such sentences; and the comma's index.
    A comma inside the list of agents is passed over; any other name after a comma ends the search.
    A person named there is a character when the clause says who created it."""
    doc = ctx.doc
    sent = sent_of(tok)
    for k in range(tok.i + 1, sent.end - 1):
        if doc[k].text != ",":
            continue
        j = k + 1
        while j < sent.end and ctx.mention_at(doc[j]) is None and (
                doc[j].text in _QUOTES or doc[j].pos_ in ("DET", "ADJ", "NUM") or doc[j].lower_ in ("the", "its")):
            j += 1  # "the", "the acclaimed", a quote mark
        if j >= sent.end:
            return None, k
        m = ctx.mention_at(doc[j])
        if m is None and (doc[j].lower_ in ctx.production_nouns or doc[j].lemma_.lower() in ctx.production_nouns):
            m = ctx.refer(doc[j])  # "the song", "the film Paper Rivers"
        if m is not None and m.type == PERSON and not m.ref and doc[j - 1].text == ",":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.end < sent.end and doc[span.end].lower_ in (",", "and", "&"):
                continue  # "Written by A, B and C, …": one more of the agents
        if m is not None and m.type == PERSON and not m.ref and role == "creator":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")  # "Created by A, Milo Crane …"
            m = _character(ctx, span) if span is not None else None
        if m is None or m.type not in (PRODUCTION, CHARACTER) or m.ref and m.ref != "definite":
            return None, k
        return m, k
    return None, -1


@rule("kg.opening_participle.v1", produces=("director", "screenwriter", "producer", "executiveProducer", "creator",
                                            "composer", "author", "publicationDate"))
def opening_participle(ctx: Context) -> Iterator[Produced]:
    """*Directed by A, the film …*, *Written by A and B, "X" …*, *Created by A, X is …*, *Released
    in 1991, "X" reached …*: a clause that opens the sentence with a participle of making or of
    release says it of the work named right after it."""
    doc = ctx.doc
    roles = ctx.lex.role_verbs
    releasing = {**ctx.lex.premiere_verbs, "publish": "Release"}
    for sent in doc.sents:
        tok = next((t for t in sent if t.lower_ not in _words()["opening_adverbs"]), None)
        if tok is None or tok.tag_ not in ("VBN", "VBD") or not tok.text[:1].isupper() and tok.i != sent.start:
            continue
        lemma = _verb_lemma(tok)
        prop = roles.get(lemma)
        if (prop is None or prop not in _ROLE_PROPS) and lemma not in releasing:
            continue
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ not in ("by", "in", "on", "as", "for", "and", ",", "with"):
            continue  # ("Created a stir, X …" has an object: no participle of a work)
        work, comma = _clause_subject(ctx, tok, prop)
        if work is None or ctx.negated([tok]):
            continue
        clause = doc[tok.i:comma]
        if prop is not None:
            # the names after its own "by", up to the next verb ("… and animated by C": not the maker)
            by = next((t.i for t in clause if t.lower_ == "by"), None)
            end = next((t.i for t in clause if t.i > tok.i and t.pos_ in ("VERB", "AUX")), comma)
            people = list(dict.fromkeys(
                m for t in (doc[by + 1:end] if by is not None and by < end else [])
                if (m := ctx.mention_at(t)) is not None and not m.ref and m.type in (PERSON, ORGANIZATION)))
            if prop == "screenwriter":
                prop = _WRITING.get(_article_kind(ctx, work, tok) or "", prop)
            if work.type == CHARACTER and prop != "creator":
                people = []
            for p in people:
                yield Candidate(work, prop, p, ctx.evidence([tok, doc[comma]], "kg.opening_participle.v1", 0.8))
        if lemma in releasing or prop is not None:
            # "Released in January 1991, …", "Written in 1969, …": the year it came out or was made
            dated = [t for t in clause if t.ent_type_ == "DATE" and t.head.dep_ == "pobj" or
                     t.ent_type_ == "DATE" and t.dep_ == "pobj" and t.head.lower_ in ("in", "on")]
            if not dated or work.type != PRODUCTION or work.ref:
                continue
            d = _date_of(ctx, dated[0].head if dated[0].dep_ != "pobj" else dated[0])
            if d and (lemma in releasing or len(d) == 4):
                yield Candidate(work, "publicationDate", Value(d, "date"),
                                ctx.evidence([tok, dated[0]], "kg.opening_participle.v1", 0.8))


def _character_named(ctx: Context, noun: Token) -> Mention | None:
    """The character a character noun describes: *X is a character …*, *X, a character …*, *the
    character X*; as a character mention of its own."""
    doc = ctx.doc
    holder: Mention | None = None
    if noun.dep_ in ("attr",) and noun.head.lemma_ == "be":
        holder = next((m for s in noun.head.children if s.dep_ == "nsubj" for m in [ctx.mention_at(s)]
                       if m is not None), None)
    elif noun.dep_ == "appos":
        holder = ctx.mention_at(noun.head)
    elif noun.i + 1 < len(doc):
        holder = ctx.mention_at(doc[noun.i + 1])
        if holder is not None and holder.start != doc[noun.i + 1].idx:
            holder = None
    if holder is None or holder.ref or holder.type in (PRODUCTION, PLACE) and holder.type != CHARACTER:
        return None
    if holder.type == CHARACTER:
        return holder
    span = doc.char_span(holder.start, holder.end, alignment_mode="expand")
    return _character(ctx, span) if span is not None else None


def _owner_of_work(ctx: Context, tok: Token) -> list[Mention]:
    """Who a work phrase says made the work: *X's 1967 film Y*, *the novel Y by X*."""
    owners = [m for c in tok.children if c.dep_ == "poss" for m in [ctx.mention_at(c)]
              if m is not None and not m.ref and m.type in (PERSON, ORGANIZATION, GROUP)]
    owners += [m for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children
               if p.dep_ == "pobj" for m in [ctx.mention_at(p)] if m is not None and not m.ref and m.type == PERSON]
    return owners


@rule("kg.character_creator.v1", produces=("creator",))
def character_creator(ctx: Context) -> Iterator[Produced]:
    """*X is a fictional character created by Y*, *X, a character invented by Y*, *X is a character
    introduced in Y's 1967 film Z*, *a character in Y's novel Z*: who created a fictional character."""
    w = _words()
    nouns, creating, appearing = frozenset(w["character_nouns"]), frozenset(w["creating_verbs"]), \
        frozenset(w["appearing_verbs"])
    lowers = lowers_of(ctx.doc)
    for tok in tokens_of(ctx.doc):
        if lowers[tok.i] not in nouns or tok.pos_ != "NOUN":
            continue
        makers: list[Mention] = []
        anchor = tok
        for c in tok.children:
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in creating and not ctx.negated([c]):
                makers += [m for a in ctx.agents([c]) for m in ctx.names(a)
                           if not m.ref and m.type in (PERSON, ORGANIZATION, GROUP)]
                anchor = c
            elif lowers[tok.i] in ("character", "protagonist", "antagonist"):
                holders = [c] if c.dep_ == "prep" and c.lower_ in ("in", "from") else \
                    [p for p in c.children if p.dep_ == "prep" and p.lower_ == "in"] \
                    if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in appearing else []
                for prep in holders:
                    for work in (p for p in prep.children if p.dep_ == "pobj"):
                        found = _owner_of_work(ctx, work)
                        if found:
                            makers += found
                            anchor = work
        if not makers:
            continue
        character = _character_named(ctx, tok)
        if character is None:
            continue
        ev = ctx.evidence([tok, anchor], "kg.character_creator.v1", 0.75, clause=False)
        for m in dict.fromkeys(makers):
            if m.text != character.text:
                yield Candidate(character, "creator", m, ev)


def _company(m: Mention | None) -> bool:
    return m is not None and not m.ref and m.type == ORGANIZATION and m.kind != "Broadcaster" and \
        m.text.split()[-1].rstrip("'") in _words()["company_heads"]


@rule("kg.company_work.v1", produces=("productionCompany",))
def company_work(ctx: Context) -> Iterator[Produced]:
    """*Harbour Pictures' 2009 film Y*, *Y is a Harbour Films production*, *the Lantern Studios
    animated feature Y*: a company whose name says it makes films, before the noun of a work it made."""
    doc = ctx.doc
    nouns = frozenset(_words()["company_work_nouns"])
    lowers = lowers_of(doc)
    for tok in tokens_of(doc):
        if lowers[tok.i] not in nouns or tok.pos_ != "NOUN":
            continue
        # the company: a possessive on the noun, or the name written before its lower-case modifiers
        k = tok.i - 1
        while k >= sent_of(tok).start and (doc[k].pos_ in ("ADJ", "NUM", "NOUN", "VERB") and doc[k].text[:1].islower()
                                           or doc[k].like_num or doc[k].text == "-"):
            k -= 1
        if k >= 0 and doc[k].lower_ in ("'s", "'", "\u2019s", "\u2019"):
            k -= 1
        company = ctx.mention_at(doc[k]) if k >= 0 else None
        if not _company(company):
            continue
        work = ctx.refer(tok)
        if (work is None or work.ref) and tok.i + 2 < len(doc) and doc[tok.i + 1].text == ",":
            work = ctx.mention_at(doc[tok.i + 2])  # "X Pictures' film, Y"
        if work is None or work.ref or work.type != PRODUCTION or work is company:
            continue
        yield Candidate(work, "productionCompany", company,
                        ctx.evidence([doc[k], tok], "kg.company_work.v1", 0.75, clause=False))


@rule("kg.music_by.v1", produces=("composer",))
def music_by(ctx: Context) -> Iterator[Produced]:
    """*with music by X*, *the film's score by X*, *Y, with a soundtrack by X*: who wrote a work's music."""
    doc = ctx.doc
    nouns = frozenset(_words()["music_nouns"])
    lowers = lowers_of(doc)
    for tok in tokens_of(doc):
        if lowers[tok.i] not in nouns or tok.pos_ != "NOUN":
            continue
        by = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
        people = [m for p in by for m in ctx.names(p) if not m.ref and m.type in (PERSON, GROUP)]
        if not people:
            continue
        work: Mention | None = None
        for c in tok.children:
            if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("of", "for"):
                for t in [c] if c.dep_ == "poss" else [p for p in c.children if p.dep_ == "pobj"]:
                    m = ctx.refer(t)
                    if m is not None and m.type == PRODUCTION:
                        work = m
        h = tok
        for _ in range(4):  # "Y is a film directed by A, with music by B": up to the work
            if work is not None or h.head.i == h.i:
                break
            h = h.head
            m = ctx.refer(h) if h.pos_ in ("NOUN", "PROPN") else None
            if m is not None and m.type == PRODUCTION:
                work = m
        if work is None or work.ref and work.ref != "definite":
            continue
        ev = ctx.evidence([tok, by[0]], "kg.music_by.v1", 0.75, clause=False)
        for p in people:
            yield Candidate(work, "composer", p, ev)


def _works_in(ctx: Context, tok: Token) -> list[Mention]:
    """The works ``tok`` names: a title, a list of titles, a production noun with its titles
    (*the television series A, B and C*, *films such as A and B*)."""
    out = [m for m in ctx.names(tok) if m.type == PRODUCTION and not m.ref]
    for t in ctx.conjuncts(tok):
        for c in t.children:  # "films such as A and B", "films including A"
            if c.dep_ == "prep" and c.lower_ in ("as", "including", "like") and t.lower_ in ctx.production_nouns:
                out += [m for p in c.children if p.dep_ == "pobj" for m in ctx.names(p)
                        if m.type == PRODUCTION and not m.ref and m not in out]
    return out


@rule("kg.music_for.v1", produces=("composer",))
def music_for(ctx: Context) -> Iterator[Produced]:
    """*Y composed the music for X*, *Y wrote the score to the film X*, *remembered for writing
    the music for X*, *Y's score for X*, *the music for X was written by Y*: a composer named with
    the music and the work it is for."""
    # (songs written for a film are not its music: "wrote songs for X" names no composer of X)
    nouns = frozenset(_words()["music_nouns"]) - {"songs"}
    # the verbs of composing and of writing (the shared lexicon's): "composed / wrote / scored the music"
    verbs = frozenset(v for v, p in ctx.lex.role_verbs.items() if p in ("composer", "screenwriter"))
    lemmas = lemmas_of(ctx.doc)
    for tok in tokens_of(ctx.doc):
        if lemmas[tok.i] not in nouns or tok.pos_ != "NOUN":
            continue
        # the work: "for X" or "to X" on the noun, or on the verb it is the object of
        verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" else None
        holders = [tok] + ([verb] if verb is not None and tok.dep_ == "dobj" else [])
        works = [m for _, p in ctx.preps(holders, {"for", "to"}) for m in _works_in(ctx, p)]
        if not works:
            continue
        people: list[Mention] = []
        if verb is not None and _verb_lemma(verb) in verbs and not ctx.negated([verb]) and not ctx.planned(verb):
            if tok.dep_ == "dobj":  # "Y composed the music for X"
                people = [m for s in ctx.subjects(verb) for m in ctx.names(s)]
            else:  # "the music for X was composed by Y"
                people = [m for a in ctx.agents([verb]) for m in ctx.names(a)]
        elif verb is None or tok.dep_ != "dobj":  # "Y's score for X"
            people = [m for c in tok.children if c.dep_ == "poss" for m in [ctx.refer(c)] if m is not None]
        people = [p for p in people if p.type in (PERSON, GROUP) and not ctx.is_character(p)]
        if not people:
            continue
        ev = ctx.evidence([tok, *([verb] if verb is not None else [])], "kg.music_for.v1", 0.75)
        for work in dict.fromkeys(works):
            for p in people:
                if p is not work:
                    yield Candidate(work, "composer", p, ev)


# -- a series of credit verbs sharing one work -------------------------------------------------
def _series_verb(ctx: Context, tok: Token) -> str | None:
    """The credit a verb of a series gives (*wrote*, *directed*, *co-wrote*, *starred (in)*)."""
    if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
        return None
    lemma = _verb_lemma(tok)
    if lemma in ctx.lex.role_verbs:
        return ctx.lex.role_verbs[lemma]
    return "castMember" if lemma in ("star", "co-star", "costar") else None


@rule("kg.credit_series.v2", produces=("director", "screenwriter", "producer", "creator", "composer", "castMember"))
def credit_series(ctx: Context) -> Iterator[Candidate]:
    """*X wrote, directed and starred in W*, *W, which she wrote, directed and starred in*, *X, who
    stars in and co-wrote W*: two or more credit verbs in a row, joined by commas and *and*, share
    the one work after the last (or the work a relative pronoun before them stands for) and the one
    person who is their subject. Read on the surface, since the parser breaks such runs up."""
    doc = ctx.doc
    n = len(doc)
    seen: set[int] = set()
    for tok in tokens_of(doc):
        if tok.i in seen or _series_verb(ctx, tok) is None:
            continue
        verbs: list[tuple[Token, str]] = []
        k = tok.i
        while k < n:
            prop = _series_verb(ctx, doc[k])
            if prop is None:
                break
            verbs.append((doc[k], prop))
            k += 1
            if k < n and doc[k].lower_ == "in" and prop == "castMember":
                k += 1
            j = k
            while j < n and doc[j].lower_ in (",", "and", "or") and j - k < 2:
                j += 1
            if j == k:
                break
            # the next verb, past a "co-" written apart
            nxt = j + 2 if j + 2 < n and doc[j].lower_ == "co" and doc[j + 1].text == "-" else j
            if nxt >= n or _series_verb(ctx, doc[nxt]) is None:
                break
            k = nxt
        seen.update(v.i for v, _ in verbs)
        if len(verbs) < 2 or any(ctx.negated([v]) for v, _ in verbs):
            continue
        sent = sent_of(tok)
        work = _series_work(ctx, verbs, k, sent.end)
        people = _series_people(ctx, verbs, sent.start)
        if work is None or not people:
            continue
        for verb, prop in verbs:
            if prop == "screenwriter":
                prop = _WRITING.get(_article_kind(ctx, work, verb) or "", prop)
            ev = ctx.evidence([verb], "kg.credit_series.v2", 0.8)
            for p in people:
                if p is not work:
                    yield Candidate(work, prop, p, ev)


def _series_work(ctx: Context, verbs: list[tuple[Token, str]], after: int, end: int) -> Mention | None:
    """The work a series of credit verbs shares: named right after the last verb (through a
    determiner or a production noun, *the film W*), or the antecedent of a *which* or *that* just
    before the series' subject."""
    doc = ctx.doc
    if after < end:
        m = None
        j = after  # (a name right after the verb, or past a determiner: "the film W")
        while j < end and doc[j].pos_ in ("DET", "ADJ", "NUM") and ctx.mention_at(doc[j]) is None:
            j += 1
        if j < end and (doc[j].lower_ in ctx.production_nouns or ctx.mention_at(doc[j]) is not None):
            m = ctx.refer(doc[j])
        if m is not None:
            return m if m.type == PRODUCTION else None
        if doc[after].pos_ not in ("PUNCT", "ADP", "CCONJ"):
            return None  # something else is the object: no shared work
    first = verbs[0][0]
    rel = next((t for t in doc[max(0, first.i - 3):first.i] if t.lower_ in ("which", "that")), None)
    if rel is not None and rel.i >= 2 and doc[rel.i - 1].text == ",":
        m = ctx.mention_at(doc[rel.i - 2])
        if m is not None and m.type == PRODUCTION and not m.ref:
            return m
    return None


def _series_people(ctx: Context, verbs: list[tuple[Token, str]], start: int) -> list[Mention]:
    """Who the series' verbs are of: the subject of one of them (a pronoun's antecedent, *who*'s
    person), else the person named just before it with only commas and an age between
    (*X, 45, wrote, directed and ...*)."""
    doc = ctx.doc
    for v, _ in verbs:
        subs = [s for s in ctx.subjects(v) if s.i < verbs[0][0].i]
        people = [m for s in subs for m in ctx.names(s) if m.type == PERSON and not ctx.is_character(m)]
        if people:
            return people
    k = verbs[0][0].i - 1
    if k < start or doc[k].text != ",":
        return []
    k -= 1
    if k - 1 >= start and doc[k].like_num and doc[k - 1].text == ",":
        k -= 2
    m = ctx.mention_at(doc[k]) if k >= start else None
    return [m] if m is not None and m.type == PERSON and not m.ref else []


def _said_of(ctx: Context, verb: Token) -> list[Mention]:
    """The people a verb with *as* is said of (*Y served as …*, *Y is best known as …*); where the
    verb describes a noun a copula gives the person (*Y was a writer, best known as …*), that person."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    if verb.dep_ == "acl" and verb.head.dep_ == "attr" and verb.head.head.lemma_ == "be":
        subs = [c for c in verb.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        subs = ctx.subjects(verb)
    return [m for s in subs for m in ctx.names(s) if m.type == PERSON and (not m.ref or m.ref == "pronoun")]


@rule("kg.role_as.v1", produces=("director", "screenwriter", "producer", "executiveProducer", "creator", "composer",
                                 "castMember"))
def role_as(ctx: Context) -> Iterator[Candidate]:
    """*Y is best known as the creator of the series W*, *Y served as executive producer on W*, *Y
    worked as a writer on W*, *Y, known as W's composer*: a role noun after *as*, with the work it is
    a role *of*, *on* or *for* (or the work's possessive), says what the person did for the work
    (``kg.role_noun`` reads *Y, the creator of W* and *Y is the creator of W*)."""
    doc = ctx.doc
    roles = ctx.role_nouns
    lowers = lowers_of(doc)
    for tok in tokens_of(doc):
        if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ != "as":
            continue
        phrase = f"{lowers[tok.i - 1]} {lowers[tok.i]}" if tok.i > 0 else ""
        prop = roles.get(phrase) or roles.get(lowers[tok.i])
        verb = tok.head.head
        if prop is None or ctx.negated([verb]):
            continue
        # (the parse may hang "on W" on the verb: "served as executive producer on W")
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "for")] + \
            [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "for") and c.i > tok.i]
        works = [m for c in preps for p in c.children if p.dep_ == "pobj" for t in ctx.conjuncts(p)
                 for m in [ctx.refer(t)] if m is not None and m.type == PRODUCTION and not m.ref]
        works += [m for c in tok.children if c.dep_ == "poss" for m in [ctx.refer(c)]
                  if m is not None and m.type == PRODUCTION and not m.ref]
        if not works:
            continue
        people = _said_of(ctx, verb)
        ev = ctx.evidence([verb, tok], "kg.role_as.v1", 0.75)
        for p in people:
            for w in works:
                if w is not p:
                    yield Candidate(w, prop, p, ev)
