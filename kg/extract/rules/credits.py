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

from kg.extract.context import Context
from kg.extract.registry import rule
from kg.model import PERSON, PLACE, Candidate

DATA = Path(__file__).with_suffix(".json")


@lru_cache(maxsize=1)
def _words() -> dict:
    return {k: v for k, v in json.loads(DATA.read_text(encoding="utf-8")).items() if not k.startswith("_")}


@rule("kg.person_work_compound.v1", produces=("director", "creator", "performer", "author"))
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
                        ctx.evidence([*span, *doc[k:noun_end], *t_span], "kg.person_work_compound.v1", 0.75,
                                     clause=False))
