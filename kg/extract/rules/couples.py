"""Couples: the tie a divorce, a separation, dating, an engagement, a relationship or a split names
between two people (*A divorced B*, *A filed for divorce from B*, *A and B, who have been dating
since May*, *her split from B*). A divorce or a separation ends a marriage, so it gives spouses (as
Wikidata keeps former spouses); the others give partners. Rumours, beliefs, denials, wishes and
questions give nothing; nor does a relationship with a relative or a working one.

Its words are in ``couples.json``; whose pronoun a possessive is, is read as the people family
reads it (``people.antecedent``).
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
from kg.extract.rules.people import antecedent
from kg.extract.rules.people import words as people_words
from kg.extract.sents import lemmas_of, tokens_of
from kg.model import PERSON, Candidate, Mention

__all__ = ["couple", "words"]


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The family's word lists (``couples.json``), read once; lists become frozen sets."""
    raw = json.loads(Path(__file__).with_name("couples.json").read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    return {k: frozenset(v) if isinstance(v, list) else {w: tuple(t) for w, t in v.items() if w != "_comment"}
            for k, v in raw.items()}


def _hedged_tie(tok: Token, hedges: frozenset[str]) -> bool:
    """*rumoured to be dating*, *if they split*, *denied the dating rumours*, *they may divorce*: a
    tie the article does not assert (the trigger, the verbs above it and their modifiers)."""
    for t in [tok, *list(tok.ancestors)[:3]]:
        if t.lemma_.lower() in hedges or t.lower_ in hedges:
            return True
        if any(c.dep_ in ("aux", "advmod", "mark", "neg") and (c.lemma_.lower() in hedges or c.dep_ == "neg")
               for c in t.children):
            return True
    return False


def _people_at(ctx: Context, tok: Token) -> list[Mention]:
    """The people ``tok`` names: a name or a list of names, a pronoun standing for one person, the
    couple a relative *who* stands for (*A and B, who have been dating*)."""
    if tok.lower_ in ("who", "that") and tok.head.dep_ in ("relcl", "acl"):
        head = tok.head.head
        tok = head.head if head.dep_ == "conj" and head.head.pos_ == "PROPN" else head
    if tok.pos_ == "PRON":
        m = antecedent(ctx, tok, strict=True)
        return [m] if m is not None and m.type == PERSON and not m.ref else []
    return [m for m in ctx.names(tok) if m.type == PERSON and not m.ref]


def _partners_after(ctx: Context, heads: list[Token], words_: set[str], kin: dict) -> list[Mention]:
    """The named people after *from / with / to* on ``heads`` (*split from Y*, *engaged to Y*),
    never a relative (*her relationship with daughter Y*)."""
    out: list[Mention] = []
    for _, pobj in ctx.preps(heads, words_):
        if any(t.lower_ in kin or t.lemma_.lower() in kin for t in pobj.subtree if t.i <= pobj.i):
            continue
        out += [m for m in ctx.names(pobj) if m.type == PERSON and not m.ref]
    return out


@rule("kg.couple.v1", produces=("spouse", "partner"))
def couple(ctx: Context) -> Iterator[Produced]:
    """*A divorced B*, *A filed for divorce from B*, *A and B split*, *her split from B*, *A is
    engaged to B*, *A and B, who have been dating since May*, *A was in a relationship with B*: two
    people whose tie a divorce or separation (spouses) or dating, an engagement, a relationship or a
    split (partners) names; never a rumour, a denial, a wish or a question."""
    w = words()
    ties, hedges, mods, kin = w["ties"], w["hedges"], w["modifiers"], people_words()["kin"]
    name = couple.rule_name  # type: ignore[attr-defined]  (the registry's name)
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        tie = ties.get(lemmas[tok.i])
        if tie is None or ctx.negated([tok]) or _hedged_tie(tok, hedges):
            continue
        prop, conf = tie
        pairs: list[tuple[Mention, Mention]] = []
        if tok.pos_ in ("VERB", "ADJ") or tok.tag_ == "VBN":
            if lemmas[tok.i] == "break" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
                continue  # "broke the record"
            if lemmas[tok.i] == "date" and tok.tag_ != "VBG":
                continue  # "dated to 1850"; "dating" only
            subjects = [m for s in ctx.subjects(tok) for m in _people_at(ctx, s)]
            others = [m for o in ctx.children([tok], ("dobj",)) for m in ctx.names(o) if m.type == PERSON and not m.ref]
            others += _partners_after(ctx, [tok], {"from", "with", "to"}, kin)
            if others:
                pairs = [(a, b) for a in subjects for b in others]
            elif len(subjects) == 2:  # "A and B divorced in 2003"
                pairs = [(subjects[0], subjects[1])]
        elif tok.pos_ == "NOUN":
            if any(c.dep_ in ("amod", "compound") and not c.like_num and c.ent_type_ != "DATE"
                   and c.lower_ not in mods for c in tok.children):
                continue  # "a working relationship", "the band's split", "a business relationship"
            others = _partners_after(ctx, [tok], {"from", "with", "to"}, kin)
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            owners = _people_at(ctx, owner) if owner is not None else []
            if owner is None and tok.dep_ in ("pobj", "dobj"):
                # "A filed for divorce from B", "A was in a relationship with B": the governing verb's subject
                verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                if verb.pos_ in ("VERB", "AUX") and not _hedged_tie(verb, hedges):
                    owners = [m for s in ctx.subjects(verb) for m in _people_at(ctx, s)]
                    if not others:
                        others = _partners_after(ctx, [verb], {"from", "with"}, kin)
            pairs = [(a, b) for a in owners for b in others]
        if not pairs:
            continue
        ev = ctx.evidence([tok], name, conf)
        for a, b in pairs:
            if a is not b and a.text != b.text:
                yield Candidate(a, prop, b, ev)
                yield Candidate(b, prop, a, ev)  # (a tie of two, stated both ways as the spouse rule does)

