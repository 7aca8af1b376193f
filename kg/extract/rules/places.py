"""Where places lie: *Carrow, Westmark* (the second place holds the first), *the Grand Arena in
Leeds* (a venue in its town). A country as the holder gives ``country`` (P17), any other place
``locatedIn`` (P131).

Lists of places are not holders of each other: *Paris, London and Rome* says nothing of where
Paris lies, so a comma pair counts only when neither side is coordinated and no list word follows.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.registry import rule
from kg.extract.sents import tokens_of
from kg.model import PLACE, Candidate, Mention

DATA = Path(__file__).with_suffix(".json")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


@lru_cache(maxsize=4)
def _countries(ctx_lex_id: int, demonyms: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(v.casefold() for _, v in demonyms) | frozenset(k.casefold() for k, _ in demonyms)


def _is_country(ctx: Context, m: Mention) -> bool:
    demonyms = ctx.lex.demonyms
    names = _countries(id(demonyms), tuple(sorted((k, v) for k, v in demonyms.items() if not k.startswith("_"))))
    return (m.canonical or m.text).casefold() in names or m.text.casefold() in names


def _span_tokens(ctx: Context, m: Mention) -> tuple[int, int] | None:
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


_PLACE_NER = frozenset({"GPE", "LOC", "FAC"})


def _placeish(ctx: Context, m: Mention) -> bool:
    """A place by its mention's type, or by what NER called its words (the type vote comes later)."""
    if m.type == PLACE:
        return True
    span = _span_tokens(ctx, m)
    return span is not None and all(ctx.doc[k].ent_type_ in _PLACE_NER for k in range(*span))


def _coordinated(tok: Token) -> bool:
    return tok.dep_ == "conj" or any(c.dep_ in ("conj", "cc") for c in tok.children)


def _prop(ctx: Context, holder: Mention) -> str:
    return "country" if _is_country(ctx, holder) else "locatedIn"


@rule("kg.place_apposition.v2", produces=("locatedIn", "country"))
def place_apposition(ctx: Context) -> Iterator[Candidate]:
    """*Dunmore, Kilbridge*: a place, a comma and another place that is no list's next item."""
    doc = ctx.doc
    lists = _words()["list_words"]
    for tok in tokens_of(doc):
        if tok.text != "," or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        inner, outer = ctx.mention_at(doc[tok.i - 1]), ctx.mention_at(doc[tok.i + 1])
        if inner is None or outer is None or inner is outer or inner.ref or outer.ref:
            continue
        if not _placeish(ctx, inner) or not _placeish(ctx, outer) or _is_country(ctx, inner):
            continue
        a, b = _span_tokens(ctx, inner), _span_tokens(ctx, outer)
        if a is None or b is None or a[1] != tok.i or b[0] != tok.i + 1:
            continue
        # "Paris, London and Rome", "Paris, London, Rome": a list, not a holder
        after = doc[b[1]] if b[1] < len(doc) else None
        if after is not None and (after.lower_ in lists or (after.text == "," and b[1] + 1 < len(doc)
                                                            and ctx.mention_at(doc[b[1] + 1]) is not None
                                                            and ctx.mention_at(doc[b[1] + 1]).type == PLACE
                                                            and _is_list_after(ctx, b[1] + 1, lists))):
            continue
        before = doc[a[0] - 1] if a[0] > 0 else None
        if before is not None and before.text == "," and a[0] >= 2 and ctx.mention_at(doc[a[0] - 2]) is not None \
                and ctx.mention_at(doc[a[0] - 2]).type == PLACE and not _chain_ok(ctx, a[0] - 2):
            continue
        if any(_coordinated(t) for t in doc[b[0]:b[1]] if t.head.i < b[0] or t.head.i >= b[1]):
            continue
        yield Candidate(inner, _prop(ctx, outer), outer,
                        ctx.evidence([doc[a[0]], doc[b[1] - 1]], "kg.place_apposition.v2", 0.8, clause=False))


def _is_list_after(ctx: Context, start: int, lists: frozenset[str]) -> bool:
    """Whether the place at ``start`` is followed by a list word: *A, B, C and D*."""
    doc = ctx.doc
    m = ctx.mention_at(doc[start])
    span = _span_tokens(ctx, m) if m is not None else None
    return span is not None and span[1] < len(doc) and doc[span[1]].lower_ in lists | {","}


def _chain_ok(ctx: Context, k: int) -> bool:
    """*Dunmore, Kilbridge, Westmark* is a chain of holders, *A, B, C and D* a list: a chain ends in no list word."""
    doc = ctx.doc
    i = k
    while i < len(doc) and doc[i].sent is doc[k].sent and doc[i].lower_ not in _words()["list_words"]:
        if doc[i].is_punct and doc[i].text not in (",",):
            return True
        i += 1
    return i >= len(doc) or doc[i].lower_ not in _words()["list_words"]


@rule("kg.venue_in.v1", produces=("locatedIn", "country"))
def venue_in(ctx: Context) -> Iterator[Candidate]:
    """*the Grand Arena in Leeds*: a name ending in a venue word, right after it *in*/*at*, and a place."""
    doc = ctx.doc
    words = _words()
    for m in ctx.mentions:
        if m.ref:
            continue
        span = _span_tokens(ctx, m)
        if span is None or span[1] >= len(doc) - 1:
            continue
        last = doc[span[1] - 1]
        if last.lower_ not in words["venue_heads"]:
            continue
        prep = doc[span[1]]
        if prep.lower_ not in words["located_preps"]:  # right after the name, wherever the parser hung it
            continue
        place = next((ctx.mention_at(c) for c in prep.children if c.dep_ == "pobj"), None)
        if place is None or place is m or place.ref or not _placeish(ctx, place):
            continue
        yield Candidate(m, _prop(ctx, place), place,
                        ctx.evidence([doc[span[0]], prep, *[c for c in prep.children if c.dep_ == "pobj"]],
                                     "kg.venue_in.v1", 0.75, clause=False))
