"""Broadcasting: who presents a programme (*hosted by X*, *W presenter X*, *X, the host of W*,
*X hosts W*, *her debut as new W host*). The broadcaster rules (``kg.broadcaster``,
``kg.made_for``, ``kg.broadcaster_modifier``, ``kg.commission``) live in ``rules/__init__``.

A presenter is a person; the programme is a named production, or a name the article calls one
elsewhere. Word lists: ``broadcasting.json`` beside this module.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.rules import Produced, rule
from kg.extract.sents import lemmas_of, lowers_of, sent_of, tokens_of
from kg.extract.rules.works import _title_after
from kg.model import ORGANIZATION, PERSON, PRODUCTION, Candidate, Mention

__all__ = ["broadcaster_description", "channel_works", "presenter_noun", "presenter_verb", "words"]


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The family's word lists (``broadcasting.json``), read once, as frozen sets."""
    raw: dict[str, Any] = json.loads(Path(__file__).with_name("broadcasting.json").read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    return {k: frozenset(v) for k, v in raw.items()}


# NER's guesses a presenter noun overrules: a programme's name taken for a building, a product or
# an unknown work; never an organisation (*CNN host X*: a channel employs its hosts) nor an event
_LOOSE_NER = frozenset({"kg.ner_fac.v1", "kg.ner_product.v1", "kg.ner_work_of_art.v1"})


def _programme(ctx: Context, m: Mention | None, loose: bool = False, described: bool = False) -> Mention | None:
    """``m`` when it names a programme: a production, or a name the article calls one elsewhere;
    ``loose``: also a name NER guessed to be a building or product, beside a presenter noun;
    ``described``: also *the show* standing for the programme in focus (never *her last show*)."""
    if m is None or m.ref and not (described and m.type == PRODUCTION and m.ref == "definite"):
        return None
    if m.kind == "Broadcaster" or m.text in set(ctx.lex.broadcasters) or any(
            w in words()["channel_words"] for w in m.text.lower().split()):
        return None  # "Radio One presenter X": a station employs its presenters
    if m.type == PRODUCTION or any(o.type == PRODUCTION and not o.ref and o.text == m.text for o in ctx.mentions):
        return m
    if loose and not m.ref and m.rule in _LOOSE_NER and m.kind != "Broadcaster":
        return m
    return None


# capitalised words before a presenter noun that name no programme (*TV presenter*, *US host*)
_NOT_TITLES = frozenset({"TV", "Tv", "US", "UK", "Radio", "Television", "Film", "News", "Chat", "Talk", "Game",
                         "Show", "Breakfast", "Sports", "Sport", "Music", "Former", "New", "Veteran", "Ex"})


def _title_before(ctx: Context, tok: Token) -> Mention | None:
    """A title-case name no mention covers, written right before a presenter noun (*Night Talk
    2007 presenter X*), as a production mention of its own."""
    doc = ctx.doc
    start = sent_of(tok).start
    k = tok.i
    while k - 1 >= start and (doc[k - 1].text[:1].isupper() or doc[k - 1].like_num and k - 1 > start
                              and doc[k - 2].text[:1].isupper()) and ctx.mention_at(doc[k - 1]) is None \
            and doc[k - 1].ent_type_ in ("", "WORK_OF_ART", "PRODUCT", "DATE", "CARDINAL", "PERSON"):
        k -= 1
    span = doc[k:tok.i]
    if not len(span) or k == start or all(t.text in _NOT_TITLES for t in span) \
            or span[0].like_num or k > 0 and ctx.mention_at(doc[k - 1]) is not None:
        return None
    m = Mention(ctx.document.id, span.start_char, span.end_char, span.text, PRODUCTION, "kg.programme_title.v1", 0.6)
    ctx.mentions.append(m)
    return m


def _person(ctx: Context, m: Mention | None) -> Mention | None:
    if m is None or m.type != PERSON or m.ref and m.ref != "pronoun" or ctx.is_character(m):
        return None
    return m


def _named_before(ctx: Context, tok: Token) -> Mention | None:
    """The name written right before ``tok`` (past *'s*): *W presenter*, *W's host*, *new W host*."""
    doc = ctx.doc
    k = tok.i - 1
    if k > 0 and doc[k].lower_ in ("'s", "\u2019s"):
        k -= 1
    return ctx.mention_at(doc[k]) if k >= sent_of(tok).start else None


@rule("kg.presenter_noun.v6", produces=("presenter",))
def presenter_noun(ctx: Context) -> Iterator[Produced]:
    """*W presenter X*, *W's host X*, *X, the host of W*, *X is the new host of W*, *her debut as
    new W host*, *ex-presenter X* (of the programme in focus when it is named in the sentence)."""
    nouns = words()["presenter_nouns"]
    doc = ctx.doc
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if tok.pos_ not in ("NOUN", "PROPN") or lowers[tok.i] not in nouns:
            continue
        # the programme: written before the noun, or after "of"
        before = _named_before(ctx, tok)
        show = _programme(ctx, before, loose=True)
        if show is None:
            show = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "on")
                         for x in c.children if x.dep_ == "pobj" and (p := _programme(ctx, ctx.refer(x), True))), None)
        if show is None:
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            show = _programme(ctx, ctx.refer(poss)) if poss is not None else None
        if show is None and tok.i + 2 < len(doc) and lowers[tok.i + 1] in ("of", "on"):
            show = _programme_after(ctx, tok.i + 2)  # "host of the quiz show W": the parse often breaks there
        # the presenter: the name after the noun, the name it is in apposition to, the copula's
        # subject, or "her debut as W host" (the subject of the clause)
        people: list[Mention] = []
        if tok.i + 1 < len(doc) and (nxt := _person(ctx, ctx.mention_at(doc[tok.i + 1]))) is not None:
            people = [nxt]
        elif tok.dep_ == "appos" and (p := _person(ctx, ctx.mention_at(tok.head))) is not None:
            people = [p]
        elif tok.i >= 2 and doc[_start(doc, tok) - 1].text == "," and (
                p := _person(ctx, ctx.mention_at(doc[_start(doc, tok) - 2]))) is not None:
            people = [p]
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be" or tok.dep_ in ("oprd", "xcomp", "attr") \
                and tok.head.lemma_.lower() in ("name", "appoint", "become", "remain", "confirm", "unveil"):
            # "X is the host of W"; "X was named (the new) host of W", "X became host of W"
            people = [p for s in ctx.subjects(tok.head) for m in ctx.names(s) if (p := _person(ctx, m))]
        elif tok.dep_ == "pobj" and tok.head.lower_ == "as":
            holder = tok.head.head
            holder = holder.head if holder.pos_ == "NOUN" and holder.dep_ in ("dobj", "pobj", "attr") else holder
            people = [p for s in ctx.subjects(holder) for m in ctx.names(s) if (p := _person(ctx, m))] \
                if holder.pos_ in ("VERB", "AUX") else []
        if show is None and before is None and people:
            show = _title_before(ctx, tok)
        if show is None or not people or show in people:
            continue
        ev = ctx.evidence([tok], "kg.presenter_noun.v6", 0.75, clause=False, description=True)
        for p in people:
            yield Candidate(show, "presenter", p, ev)


def _programme_after(ctx: Context, k: int) -> Mention | None:
    """The programme named from token ``k`` on, over lowercase words only (*the quiz show W*)."""
    doc = ctx.doc
    j = k
    while j < min(k + 7, len(doc)):
        m = ctx.mention_at(doc[j])
        if m is not None and m.kind == "Broadcaster":  # "host of the BBC quiz W"
            j = next((t.i for t in doc[j:] if t.idx >= m.end), len(doc))
            continue
        if m is not None:
            return _programme(ctx, m)
        if not doc[j].text[:1].islower() or doc[j].pos_ in ("ADP", "VERB", "AUX", "PRON", "CCONJ") \
                and doc[j].lower_ not in ctx.production_nouns:
            return None  # ("host of the party at the Arena": what follows is no programme's name)
        j += 1
    return None


def _start(doc, tok: Token) -> int:
    """First token of the noun phrase ``tok`` heads (its determiner and modifiers)."""
    return min([tok.i, *[c.i for c in tok.lefts]])


@rule("kg.presenter_verb.v4", produces=("presenter",))
def presenter_verb(ctx: Context) -> Iterator[Produced]:
    """*W is hosted by X*, *W, presented by X and Y*, *X hosts W*, *X, who presents W*: the
    presenter of a named programme (an event hosted by someone is no programme)."""
    verbs = words()["presenter_verbs"]
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        if lemmas[tok.i] not in verbs or tok.pos_ != "VERB" or ctx.negated([tok]):
            continue
        passive = tok.tag_ == "VBN" and (tok.dep_ in ("acl", "amod") or any(
            c.dep_ in ("auxpass", "nsubjpass") for c in tok.children))
        if passive:
            people = [p for a in ctx.agents([tok]) for m in ctx.names(a) if (p := _person(ctx, m))]
            holders = [tok.head] if tok.dep_ in ("acl", "amod") else ctx.subjects(tok)
        else:
            people = [p for s in ctx.subjects(tok) for m in ctx.names(s) if (p := _person(ctx, m))]
            holders = [c for c in tok.children if c.dep_ == "dobj"]
        shows = [s for h in holders for m in ctx.names(h) if (s := _programme(ctx, m)) is not None]
        # "The show is presented by X": the programme in focus, only in the passive with "the"
        shows += [s for h in holders if passive and any(c.dep_ == "det" and c.lower_ == "the" for c in h.children)
                  and (s := _programme(ctx, ctx.refer(h), described=True)) is not None and s not in shows]
        if lemmas[tok.i] == "present" and not passive:
            # "X presented the award": only a programme's name after "present"
            shows = [s for s in shows if not s.ref]
        if not people or not shows:
            continue
        ev = ctx.evidence([tok], "kg.presenter_verb.v4", 0.8)
        for s in shows:
            for p in people:
                if p is not s:
                    yield Candidate(s, "presenter", p, ev)


@rule("kg.channel_works.v2", produces=("originalBroadcaster",))
def channel_works(ctx: Context) -> Iterator[Produced]:
    """*the network's reality shows, such as X*, *BBC dramas including X and Y*: the channel a
    list of named programmes is said to belong to (its possessive or the name before the noun)."""
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        if tok.tag_ not in ("NNS", "NNPS") or lemmas[tok.i] not in ctx.production_nouns \
                or ctx.production_nouns.get(lemmas[tok.i]) in ("Book", "Song", "Album"):
            continue
        owners = [ctx.refer(c) for c in tok.children if c.dep_ == "poss"]
        owners += [ctx.mention_at(c) for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
        # "the network's": the channel in focus, only where the article has named one before
        channel = next((o for o in owners if o is not None and o.type == ORGANIZATION and (
            o.kind == "Broadcaster" and not o.ref or o.ref == "definite" and o.text.lower() in ctx.broadcaster_nouns
            and any(m.kind == "Broadcaster" and not m.ref and m.start < o.start for m in ctx.mentions))), None)
        if channel is None:
            continue
        works = _title_after(ctx, tok)
        ev = ctx.evidence([tok], "kg.channel_works.v2", 0.7, clause=False)
        for w in works:
            if w.kind not in ("Album", "Song", "Book"):
                yield Candidate(w, "originalBroadcaster", channel, ev)


def _described_work(ctx: Context, noun: Token) -> Mention | None:
    """The named programme a noun phrase describes: the subject of its copula (*Y is a BBC
    sitcom*) or the name it stands in apposition to (*Y, a BBC children's programme*)."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subs = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        m = ctx.mention_at(subs[0]) if len(subs) == 1 else None
    elif noun.dep_ == "appos":
        m = ctx.mention_at(noun.head)
    else:
        return None
    return _programme(ctx, m)


@rule("kg.broadcaster_description.v1", produces=("originalBroadcaster",))
def broadcaster_description(ctx: Context) -> Iterator[Produced]:
    """*Y is a BBC sitcom*, *Y, an NBC drama, …*, *Y, a BBC children's quiz programme*: a
    broadcaster written before the programme noun that describes a named programme (a copula's
    noun or an apposition; ``kg.broadcaster_modifier`` reads the title written after the noun)."""
    doc = ctx.doc
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        kind = ctx.production_nouns.get(lowers[tok.i]) or ctx.production_nouns.get(tok.lemma_.lower())
        if not kind or kind in ("Book", "Song", "Album") or tok.pos_ != "NOUN":
            continue
        work = _described_work(ctx, tok)
        if work is None:
            continue
        start = sent_of(tok).start
        k = tok.i - 1
        # back over lower-case modifiers and possessives: "a BBC children's quiz programme"
        while k >= start and (doc[k].pos_ in ("NOUN", "ADJ") and doc[k].text[:1].islower()
                              or doc[k].lower_ in ("'s", "\u2019s") and k > start and doc[k - 1].text[:1].islower()
                              or doc[k].text == "-" and not doc[k].whitespace_):
            k -= 1
        if k < start or doc[k].i not in {t.i for t in tok.subtree}:
            continue  # (the broadcaster must be the noun's own modifier)
        org = ctx.mention_at(doc[k])
        if org is not None and not org.ref and org.type == ORGANIZATION and org.kind == "Broadcaster":
            yield Candidate(work, "originalBroadcaster", org,
                            ctx.evidence([doc[k], tok], "kg.broadcaster_description.v1", 0.8, clause=False))
