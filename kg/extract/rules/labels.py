"""Record labels of singers and bands: *X signed to L*, *X signed with L*, *L signed X*, *X, who is
signed to L*, *X signed a deal with L*, *X recorded five albums for L*, *L artist X*. Wikidata
states a label of the artist as well as of the work (P264); the label of a work is read by the
music family (*released by L*). A label is an organisation whose name or the noun before it says
so (*Records*, *Music*, *the label X*; never *Entertainment*, which names studios and wrestling companies too). Its words are in ``labels.json``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.rules import Produced, rule
from kg.extract.rules.music import band_at
from kg.extract.sents import lemmas_of, tokens_of
from kg.model import GROUP, ORGANIZATION, PERSON, Candidate, Mention

__all__ = ["label_artist", "words"]


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The family's word lists (``labels.json``), read once, as frozen sets."""
    raw = json.loads(Path(__file__).with_name("labels.json").read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    return {k: frozenset(v) for k, v in raw.items()}


def _label(ctx: Context, tok: Token) -> Mention | None:
    """The record label ``tok`` names: an organisation of the kind, with a label word in its name,
    or called a label by the noun before it (*the label X*, *the X label*)."""
    m = ctx.mention_at(tok)
    w = words()
    if m is None and tok.lower_ in w["label_nouns"]:
        # "his Roc-A-Fella record label", "the RCA label": the name the noun's modifiers give
        named = [x for c in tok.children if c.dep_ in ("compound", "nmod", "amod") and c.i < tok.i
                 for x in [ctx.mention_at(c)] if x is not None]
        m = named[-1] if named else None
        if m is not None and not m.ref and m.type in (ORGANIZATION, PERSON, GROUP) and m.kind != "Broadcaster":
            return m if m.type == ORGANIZATION else None
        return None
    if m is None or m.ref or m.type != ORGANIZATION or m.kind == "Broadcaster":
        return None
    if m.kind == "RecordLabel" or any(x in w["label_words"] for x in m.text.split()):
        return m
    doc = ctx.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return m if before in w["label_nouns"] or after in w["label_nouns"] else None


def _artists(ctx: Context, tok: Token, subject: bool = False) -> list[Mention]:
    """The singers or bands ``tok`` names (a list, a relative *who*; a band the music family
    establishes, whatever NER called it). As the subject of signing (``subject``), also *the band*
    or a pronoun for the singer or band the article is about (*the band signed with L*); never as
    its object, where *L signed him* may mean anyone."""
    if tok.lower_ in ("who", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    out = []
    for t in ctx.conjuncts(tok):
        band = band_at(ctx, t)
        if band is not None and (not band.ref or subject and band.type == GROUP):
            out.append(band)
            continue
        found = ctx.names(t) or ([m] if subject and (m := ctx.refer(t)) is not None else [])
        out += [m for m in found if m.type in (PERSON, GROUP) and m not in out and (
            not m.ref or subject and (m.ref == "pronoun" or m.ref == "definite" and m.type == GROUP))]
    return out


@rule("kg.label_artist.v2", produces=("recordLabel",))
def label_artist(ctx: Context) -> Iterator[Produced]:
    """*X signed to/with L*, *L signed X*, *X, who is signed to L*, *X signed a deal with L*, *X
    recorded albums for L*, *L artist X*: the label a singer or band records for."""
    w = words()
    doc = ctx.doc
    name = label_artist.rule_name  # type: ignore[attr-defined]  (the registry's name)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        pairs: list[tuple[Mention, Mention]] = []
        if lemma in w["signing_verbs"] and tok.pos_ in ("VERB", "ADJ") and not ctx.negated([tok]) \
                and not ctx.planned(tok):
            # ("signed X up to L": the parse hangs "to" on the particle)
            heads = [tok, *(c for c in tok.children if c.dep_ == "prt")]
            labels = [lb for _, p in ctx.preps(heads, {"to", "with", "by"}) for t in ctx.conjuncts(p)
                      if (lb := _label(ctx, t)) is not None]
            # "signed a deal with L": the preposition on the noun
            for d in (c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in w["deal_nouns"]):
                labels += [lb for _, p in ctx.preps([d], {"with"}) for t in ctx.conjuncts(p)
                           if (lb := _label(ctx, t)) is not None]
            subjects = [s for s in ctx.subjects(tok)]
            if labels:
                # "A signed B (up) to L": B is who records for L; else the subject is
                signed = [a for o in ctx.children([tok], ("dobj",)) for a in _artists(ctx, o)]
                artists = signed or [a for s in subjects for a in _artists(ctx, s, subject=True)]
                pairs = [(a, lb) for a in artists for lb in labels]
            else:  # "L signed X"
                labels = [lb for s in subjects if (lb := _label(ctx, s)) is not None]
                artists = [a for o in ctx.children([tok], ("dobj",)) for a in _artists(ctx, o)]
                pairs = [(a, lb) for a in artists for lb in labels]
        elif lemma == "record" and tok.pos_ == "VERB" and not ctx.negated([tok]):
            # "recorded for L", "recorded five albums for L"
            heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
            labels = [lb for _, p in ctx.preps(heads, {"for"}) if (lb := _label(ctx, p)) is not None]
            pairs = [(a, lb) for s in ctx.subjects(tok) for a in _artists(ctx, s, subject=True) for lb in labels]
        elif tok.lower_ in ("artist", "artists", "act", "acts") and tok.i + 1 < len(doc):
            # "L artist X": the label's name right before the noun, the artist's right after it
            lb = _label(ctx, doc[tok.i - 1]) if tok.i > 0 else None
            nxt = ctx.mention_at(doc[tok.i + 1])
            if lb is not None and nxt is not None and nxt.type in (PERSON, GROUP) and not nxt.ref:
                pairs = [(nxt, lb)]
        if not pairs:
            continue
        ev = ctx.evidence([tok], name, 0.75)
        for artist, lb in pairs:
            if artist is not lb:
                yield Candidate(artist, "recordLabel", lb, ev)
