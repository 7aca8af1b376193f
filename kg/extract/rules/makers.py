"""Makers: the organisation a sentence names as the maker of works, without a verb of making:
*X, the company behind W*, *X (the people behind A, B and other reality shows)*, *W makers X*,
*the makers of W, X*, and a producer's own company (*produced by Y under his banner X*). Each gives
the work's production company. A work is a production mention; the maker is an organisation,
never a broadcaster (a channel airs what others make). Its words are in ``makers.json``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.rules import Produced, rule
from kg.extract.sents import lowers_of, sent_of, tokens_of
from kg.model import ORGANIZATION, PRODUCTION, Candidate, Mention

__all__ = ["makers", "words"]


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The family's word lists (``makers.json``), read once, as frozen sets."""
    raw = json.loads(Path(__file__).with_name("makers.json").read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    return {k: frozenset(v) for k, v in raw.items()}


def _company(m: Mention | None) -> Mention | None:
    return m if m is not None and not m.ref and m.type == ORGANIZATION and m.kind != "Broadcaster" else None


def _named_before(ctx: Context, tok: Token) -> Mention | None:
    """The organisation named right before the noun phrase of ``tok``, past *the*, a comma or a
    bracket (*X, the company behind*, *X (the people behind*)."""
    doc = ctx.doc
    k = tok.left_edge.i - 1
    while k >= sent_of(tok).start and doc[k].text in (",", "(", "-", "\u2013", "\u2014"):
        k -= 1
    return _company(ctx.mention_at(doc[k])) if k >= sent_of(tok).start else None


def _works(ctx: Context, tok: Token) -> list[Mention]:
    """The works a preposition's object names, a list of them too (*behind A, B and C*)."""
    out: list[Mention] = []
    for p in (c for c in tok.children if c.dep_ == "pobj"):
        for t in ctx.conjuncts(p):
            out += [m for m in ctx.names(t) if m.type == PRODUCTION and not m.ref and m not in out]
        if out:
            out += [m for m in ctx.surface_list(out[0]) if m.type == PRODUCTION and not m.ref and m not in out]
    return out


@rule("kg.makers.v1", produces=("productionCompany",))
def makers(ctx: Context) -> Iterator[Produced]:
    """*X, the company behind W*, *X (the people behind A, B and C)*, *W makers X*, *the makers of
    W, X*, *produced by Y under his banner X*: the production company of the works named."""
    w = words()
    doc = ctx.doc
    name = makers.rule_name  # type: ignore[attr-defined]  (the registry's name)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        low = lowers[tok.i]
        pairs: list[tuple[Mention, Mention]] = []
        if low == "behind" and tok.head.pos_ == "NOUN" and tok.head.lower_ in w["company_nouns"]:
            company = _named_before(ctx, tok.head)
            if company is None and tok.head.dep_ == "appos":
                company = _company(ctx.mention_at(tok.head.head))
            if company is not None:
                pairs = [(wk, company) for wk in _works(ctx, tok)]
        elif low in w["maker_nouns"] and tok.pos_ == "NOUN":
            works = [m for c in tok.children if c.dep_ == "compound" and c.i < tok.i
                     for m in [ctx.mention_at(c)] if m is not None and m.type == PRODUCTION and not m.ref]
            works += [m for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for m in _works(ctx, c)]
            company = _company(ctx.mention_at(doc[tok.i + 1])) if tok.i + 1 < len(doc) else None
            if company is None:
                company = next((_company(ctx.mention_at(c)) for c in tok.children if c.dep_ == "appos"), None)
            if company is None and tok.dep_ == "appos":
                company = _company(ctx.mention_at(tok.head))
            if company is None:  # "the makers of W, X,": the parse hangs X on the title
                company = next((c for t in tok.subtree if t.dep_ == "appos" and t.i > tok.i
                                for c in [_company(ctx.mention_at(t))] if c is not None), None)
            if company is not None:
                pairs = [(wk, company) for wk in works]
        elif low in w["banner_nouns"] and tok.head.lower_ == "under" and tok.head.head.lemma_.lower() == "produce":
            # "produced by Y under his banner X": the producer's own company
            company = next((_company(ctx.mention_at(c)) for c in tok.children if c.dep_ in ("appos", "compound")), None)
            if company is None and tok.i + 1 < len(doc):
                company = _company(ctx.mention_at(doc[tok.i + 1]))
            verb = tok.head.head
            works = [m for s in ctx.subjects(verb) if (m := ctx.refer(s)) is not None and m.type == PRODUCTION]
            if company is not None:
                pairs = [(wk, company) for wk in works]
        if not pairs:
            continue
        ev = ctx.evidence([tok], name, 0.7, clause=False)
        for work, company in pairs:
            yield Candidate(work, "productionCompany", company, ev)
