"""Attribution: a title followed by whose it is (*"Blue Lanterns" by Mara Quinn*, *Corazón Abierto
by the singer Juan Vela*), or a possessive right before a quoted title (*Etta Vane's "At Dusk"*),
in a sentence about songs, albums or books: the performer of a song or an album, the author of a
book. The title's kind (the article's word for it) says which; a title of no kind counts only in a
sentence with music words or book words and none of the words that make *W by X* name someone else
(a film's director, a remix's remixer, a play's writer). Its words are in ``attribution.json``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span

from kg.extract.context import Context
from kg.extract.rules import Produced, rule
from kg.extract.sents import sent_of
from kg.model import GROUP, PERSON, PRODUCTION, Candidate, Mention

__all__ = ["words", "work_by"]

_MUSIC_KINDS = frozenset({"Song", "Album"})


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The family's word lists (``attribution.json``), read once, as frozen sets."""
    raw = json.loads(Path(__file__).with_name("attribution.json").read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    return {k: frozenset(v) for k, v in raw.items()}


def _sense(sent: Span, kind: str | None, between: Span) -> str | None:
    """What a title's credit is in its sentence: *performer*, *author*, or none (``between``: the
    words between *by* and the name, *by the singer X*)."""
    if kind in _MUSIC_KINDS:
        return "performer"
    if kind == "Book":
        return "author"
    if kind is not None:
        return None  # a film, a series, an episode: "W by X" may name its director or writer
    w = words()
    said = {t.lower_ for t in between}
    if said & w["music_makers"]:
        return "performer"
    if said & w["book_makers"]:
        return "author"
    lows = {t.lower_ for t in sent}
    if lows & w["other_words"]:
        return None
    music, book = bool(lows & w["music_words"]), bool(lows & w["book_words"])
    return "performer" if music and not book else "author" if book and not music else None


def _maker_after(ctx: Context, k: int, stop: int) -> Mention | None:
    """The person or band named from token ``k``, over a determiner and up to three lowercase words
    (*by the singer X*, *by Canadian band X*)."""
    doc = ctx.doc
    for j in range(k, min(k + 4, stop)):
        m = ctx.mention_at(doc[j])
        if m is not None:
            return m if m.type in (PERSON, GROUP) and not m.ref else None
        if not (doc[j].is_lower or doc[j].ent_type_ == "NORP") or not doc[j].is_alpha:
            return None
    return None


@rule("kg.work_by.v1", produces=("performer", "author"))
def work_by(ctx: Context) -> Iterator[Produced]:
    """*"W" by X*, *W by the singer X*, *X's "W"*: the performer of a song or album, the author of a
    book, where the title's kind or its sentence's words say which (see the module docstring)."""
    doc = ctx.doc
    name = work_by.rule_name  # type: ignore[attr-defined]  (the registry's name)
    for m in list(ctx.mentions):
        if m.ref or m.type != PRODUCTION:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        sent = sent_of(span[0])
        maker: Mention | None = None
        between = doc[0:0]
        k = span.end
        while k < sent.end and k < span.end + 2 and doc[k].is_quote:
            k += 1
        if k + 1 < sent.end and doc[k].lower_ == "by":
            maker = _maker_after(ctx, k + 1, sent.end)
            at = [doc[k]]
            if maker is not None:
                between = doc[k + 1:doc.char_span(maker.start, maker.end, alignment_mode="expand").start]
        else:
            # "Etta Vane's "At Dusk"": a possessive right before the quoted title
            j = span.start - 1
            if j >= sent.start and doc[j].is_quote and j - 1 > sent.start and (
                    doc[j - 1].tag_ == "POS" or doc[j - 1].lower_ in ("'s", "\u2019s", "\u2019")):
                owner = ctx.mention_at(doc[j - 2])
                maker = owner if owner is not None and owner.type in (PERSON, GROUP) and not owner.ref else None
                at = [doc[j - 1]]
        if maker is None or maker.text == m.text:
            continue
        prop = _sense(sent, m.kind, between)
        if prop is None or prop == "author" and maker.type != PERSON:
            continue
        yield Candidate(m, prop, maker, ctx.evidence([span[0], *at], name, 0.7, clause=False))
