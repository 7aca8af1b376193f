"""Awards and nominations: who or what won an award (P166), who was nominated for one (P1411),
with the win or nomination as a dated event and the number won as a statistic.

The rules read the parse around the words of ``awards.json``: verbs of winning (*won*,
*scooped*, *picked up*, *took home*, *was awarded*), of nomination (*was nominated for*,
*shortlisted*, *is up for*), nouns that carry an award (*a Tony award*, *an Emmy
nomination*, *trophies at the Oscars*), modifiers (*the Bafta-winning actress X*, *Oscar winner
X*, *Grammy nominee X*) and possessives (*her Bafta win*). An award counts only when the
article names it: *took the best actor award* names none. A win that is hoped for, tipped or
predicted (*is favourite to win*, *will win*, *if she wins*) is not a fact and gives nothing.

Examples
--------
>>> sorted(words()["nominate_verbs"])[:2]
['nominate', 'short-list']
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.dates import parse_number
from kg.extract.dates import normalise_date
from kg.extract.rules import _BOUNDS, Produced, _date_of, rule
from kg.extract.sents import lemmas_of, lowers_of, sent_of, tokens_of
from kg.model import AWARD, GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Candidate, EventCandidate, Mention, StatCandidate

_HERE = Path(__file__).with_name("awards.json")
WON, NOMINATED = "awardReceived", "nominatedFor"
_EVENT = {WON: "AwardWin", NOMINATED: "AwardNomination"}
_HOLDERS = (PERSON, PRODUCTION, GROUP)


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The family's word lists (``awards.json``), read once; lists become frozen sets."""
    raw = json.loads(_HERE.read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in raw.items()}


def _holder(m: Mention | None) -> bool:
    """A thing that can win or be nominated: a person, a group or a work (named or referred to)."""
    return m is not None and m.type in _HOLDERS


def _award_of(ctx: Context, tok: Token) -> Mention | None:
    """The named award at ``tok``, or named on it: *the Oscar*, *a Golden Globe award*, *the award
    for Best Film* (the mention holds the category)."""
    m = ctx.mention_at(tok)
    if m is not None and (m.type == AWARD or _honour_roll(m)):
        return m
    deps = ("compound", "nmod", "npadvmod", "amod", "nsubj") if tok.pos_ == "NOUN" else ("compound", "nmod", "npadvmod", "amod")
    for c in tok.children:  # "her Bafta win" is sometimes parsed with the award as the noun's subject
        if c.dep_ in deps and c.i < tok.i:
            cm = ctx.mention_at(c)
            if cm is not None and cm.type == AWARD:
                return cm
    if m is None and tok.pos_ in ("NOUN", "ADJ", "NUM"):  # "her first ever Grammy", "a best new artist Grammy"
        for c in tok.children:
            if c.dep_ == "appos" and c.i > tok.i and (cm := ctx.mention_at(c)) is not None and cm.type == AWARD:
                return cm
    return None


def _honour_roll(m: Mention) -> bool:
    """A roll of honour NER takes for an organisation or a place (*the Rock and Roll Hall of Fame*,
    *Hollywood's Walk of Fame*): being inducted into it, or given a star on it, is an honour won."""
    return not m.ref and m.type in (ORGANIZATION, PLACE) and m.text.endswith(tuple(words()["honour_rolls"]))


def _awards_at(ctx: Context, toks: list[Token], preps: set[str]) -> list[Mention]:
    """The named awards after *at* / *in* / *for* on any of ``toks``: *trophies at A, B and
    C* (a list of ceremonies), *best actor at the Oscars*."""
    out: list[Mention] = []
    for _, pobj in ctx.preps(toks, preps):
        for t in ctx.conjuncts(pobj):
            aw = _award_of(ctx, t)
            if aw is None:
                continue
            # the small models hang long lists of names loosely: the names written in one list
            for a in (aw, *ctx.surface_list(aw)):
                if a.type == AWARD and a not in out:
                    out.append(a)
    return out


def _is_category(tok: Token, w: dict[str, Any]) -> bool:
    """*best actor*, *outstanding drama series*, *album of the year*: a category, not an award."""
    if tok.lemma_.lower() in w["category_heads"] and any(
            c.lower_ in w["category_modifiers"] for c in tok.subtree if c.i < tok.i):
        return True
    return tok.lemma_.lower() in w["category_heads"] and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ == "year" for g in c.subtree) for c in tok.children)


def _objects(ctx: Context, verb: Token, w: dict[str, Any], nominate: bool) -> list[tuple[str, Mention, Token]]:
    """What a verb of winning or nominating gives: (property, award, the noun that names it)."""
    out: list[tuple[str, Mention, Token]] = []
    objs = ctx.children([verb], ("dobj", "attr", "oprd"))
    if nominate or verb.lemma_.lower() in ("present", "honour", "honor"):
        objs += [p for _, p in ctx.preps([verb], {"for", "with"})]
    # "nominated in six Y categories", "won in two categories at the Y Awards"
    objs += [p for _, p in ctx.preps([verb], {"in"}) if p.lemma_.lower() == "category"]
    if verb.lemma_.lower() == "induct":
        objs += [p for _, p in ctx.preps([verb], {"into"})]
    loose = verb.lemma_.lower() in w["loose_win_verbs"]
    for o in objs:
        for t in ctx.conjuncts(o):
            if t.lemma_.lower() in w["quantity_nouns"] and ctx.mention_at(t) is None:
                # "a pair of Brit Awards", "a string of Grammy Awards", "one of the top prizes at X"
                t = next((p for _, p in ctx.preps([t], {"of"})), t)
            lemma = t.lemma_.lower()
            prop = NOMINATED if nominate else WON
            aw = _award_of(ctx, t)
            roll = aw is None and lemma in w["roll_places"]
            if roll:  # "received a star on the Y Walk of Fame", "was given his own star on Y"
                aw = next((m for _, p in ctx.preps([t], {"on", "in"}) if (m := ctx.mention_at(p)) is not None
                           and _honour_roll(m)), None)
            if lemma in w["nomination_nouns"]:  # "earned an Emmy nomination", "a nomination for an Oscar"
                prop = NOMINATED
                # "scooped seven nominations at this year's Y Awards"
                aw = aw or next(iter(_awards_at(ctx, [t], {"for", "at"}) or _awards_at(ctx, [verb], {"at"})), None)
                if any(_holder(m) and m.type != AWARD for _, p in ctx.preps([t], {"for"}) for m in ctx.names(p)):
                    continue  # "the film scored Oscar nominations for A and B": A's and B's (kg.award_noun)
            elif lemma in w["win_nouns"] and aw is not None:  # "picked up a Critics' Choice win"
                prop = WON
            elif aw is None and (lemma in w["award_nouns"] or _is_category(t, w) or lemma == "category"):
                # "took trophies at A and B", "won best actor at the Oscars"
                found = _awards_at(ctx, [t], {"at", "in"}) or _awards_at(ctx, [verb], {"at", "in"})
                out += [(prop, a, t) for a in found if (prop, a, t) not in out]
                continue
            elif aw is not None and loose and not roll and ctx.mention_at(t) is None \
                    and lemma not in w["award_nouns"] \
                    and not any(c.dep_ == "appos" and ctx.mention_at(c) is aw for c in t.children):
                continue  # "got Oscar buzz": a loose verb needs the award itself as its object
            if aw is not None:
                out.append((prop, aw, t))
    return out


def _recipients(ctx: Context, verb: Token, w: dict[str, Any]) -> list[Mention]:
    """Who won: the subject, or *her* in *X's turn gained her a Tony*, or *Y* in *awarded it to
    Y*; a performance's owner in *his role won ...*."""
    dative = [c for c in verb.children if c.dep_ == "dative" and c.lower_ != "to"]
    if dative:
        subs = dative
    else:
        to = [p for _, p in ctx.preps([verb], {"to"})] if verb.lemma_.lower() in ("award", "give", "present") \
            and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) else []
        subs = to
        if not subs and verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "X won A and Y have won B" run together: the names just before the verb, not the first
            # clause's ("X went on to land an A nomination and take two Bs": an award is no one)
            subs = [t for t in ctx.nearest_name_before(verb) if any(_holder(m) for m in ctx.names(t))]
            # "W was directed by X and won A": the agent of the passive before is not who won; its subject is
            root = subs[0] if subs else None
            while root is not None and root.dep_ in ("compound", "flat") and root.head.i != root.i:
                root = root.head
            if root is not None and root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head.i == verb.head.i:
                subs = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if not subs and (be := _first_to(ctx, verb, w)) is not None:
            subs = [c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")]
        subs = subs or ctx.subjects(verb)
    # "X's role as Y gained him ...": the performance's owner wins, and is the "him"
    heads = [verb, verb.head] if verb.dep_ in ("ccomp", "xcomp") else [verb]  # "... has seen him win"
    owners = [m for h in heads for s in ctx.subjects(h) if s.lemma_.lower() in w["cause_nouns"]
              for c in s.children if c.dep_ == "poss" for m in ctx.names(c) if not m.ref and m.type == PERSON]
    out: list[Mention] = []
    for s in subs:
        named = _holder_names(ctx, s, w)
        if owners and (not named or all(m.ref == "pronoun" for m in named)):
            named = owners
        if len(named) == 1 and named[0].ref == "pronoun" and s.lower_ in ("he", "she"):
            # "X won A, and she picked up B": the pronoun of a coordinated clause is the first clause's subject
            first = _coordinated_subject(ctx, verb)
            named = [first] if first is not None else named
        out += [m for m in named if _holder(m) and m not in out]
    return out


def _holder_names(ctx: Context, tok: Token, w: dict[str, Any]) -> list[Mention]:
    """``ctx.names`` (*the band, who won ...* is no one: which band is a guess the resolver gets
    wrong as often as not)."""
    return ctx.names(tok)


def _coordinated_subject(ctx: Context, verb: Token) -> Mention | None:
    """The one named person that is the subject of the verb ``verb`` is coordinated with."""
    v = verb
    while v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
        v = v.head
        subs = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subs:
            if len(subs) != 1 or any(c.dep_ == "conj" for c in subs[0].children):
                return None
            m = ctx.mention_at(subs[0])
            return m if m is not None and not m.ref and m.type == PERSON else None
    return None


def _included_works(ctx: Context, noun: Token, verb: Token, w: dict[str, Any]) -> list[Mention]:
    """*X took four Grammys, including song of the year for Y*: the work a category names."""
    out: list[Mention] = []
    for inc in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "including"):
        for cat in (p for p in inc.children if p.dep_ == "pobj"):
            if cat.lemma_.lower() not in w["work_categories"]:
                continue
            fors = [p for _, p in ctx.preps([cat], {"for"})] + [
                p for _, p in ctx.preps([verb], {"for"}) if p.i > cat.i]
            # the work's type is settled by resolution (NER often calls an album's title a company)
            out += [m for p in fors for m in ctx.names(p)
                    if m.type in (PRODUCTION, ORGANIZATION) and not m.ref and m not in out]
    return out


def _only_hoped(ctx: Context, verb: Token, w: dict[str, Any]) -> bool:
    """A win or nomination the sentence does not assert: denied, to come, hoped for, tipped,
    conditional (*if she wins*), or a question."""
    if ctx.negated([verb]):
        return True
    kids = list(verb.children)
    if any(c.dep_ == "mark" and c.lower_ in w["conditional_marks"] for c in kids):
        return True
    if _planned_honour(verb, w):
        return False  # "X will receive the Y Award", "X is to be presented with it": an honour announced
    if ctx.planned(verb) or any(c.tag_ == "MD" for c in kids):
        return True
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        if _first_to(ctx, verb, w) is not None:
            return False  # "X was the only band to win a Y", "X became the first artist to receive a Y"
        head = verb.head
        # "went on to win three Emmys", "beat A and B to win" are wins; "favourite to win", "tipped to win" are not
        past = head.tag_ in ("VBD", "VBN", "VBZ") and not ctx.negated([head]) \
            and not any(c.tag_ == "MD" for c in head.children)
        return not (past and (head.lemma_.lower() == "go" and any(c.lower_ == "on" for c in head.children)
                              or head.lemma_.lower() in w["winning_heads"] and verb.dep_ in ("advcl", "xcomp")))
    head = verb.head
    if head is not verb and (head.lemma_.lower() in w["not_wins_after"] or head.lower_ in w["not_wins_after"]):
        return True
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and (head.head.lemma_.lower() in w["not_wins_after"]
                                                        or head.head.lower_ in w["not_wins_after"]):
        return True  # "odds of winning", "her chances of winning"
    if verb.dep_ in ("relcl", "acl") and verb.head.lemma_.lower() in ("who", "which"):
        return False
    return any(t.text == "?" for t in verb.sent if t.i > verb.i)


def _first_to(ctx: Context, verb: Token, w: dict[str, Any]) -> Token | None:
    """The verb *be* or *become* of *X was the only band to win a Y*, *X became the first woman
    to receive a Y* (a fact, where it is stated, not hoped for); None when the sentence is not so."""
    noun = verb.head
    if verb.dep_ not in ("acl", "relcl") or noun.dep_ != "attr":
        return None
    if not (noun.lower_ in w["first_words"] or any(c.dep_ == "amod" and c.lower_ in w["first_words"]
                                                   for c in noun.children)):
        return None
    be = noun.head
    if be.lemma_.lower() not in ("be", "become") or be.tag_ not in ("VBD", "VBZ", "VBP", "VBN") \
            or ctx.negated([be]) or any(c.tag_ == "MD" for c in be.children):
        return None
    return be


def _planned_honour(verb: Token, w: dict[str, Any]) -> bool:
    """*will receive*, *will be presented with*, *is to be honoured*, *is set to receive*: an
    honour announced for a day to come (a win to come, *will win*, is a guess)."""
    if verb.lemma_.lower() not in w["planned_win_verbs"]:
        return False
    kids = list(verb.children)
    if any(c.tag_ == "MD" and c.lower_ in ("will", "'ll") for c in kids) and not any(c.dep_ == "neg" for c in kids):
        return True
    head = verb.head
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and verb.dep_ == "xcomp" \
        and head.lemma_.lower() in w["plan_heads"] and head.tag_ in ("VBZ", "VBP", "VBN") \
        and not any(c.dep_ == "neg" or c.tag_ == "MD" for c in head.children)


def _count(ctx: Context, noun: Token) -> float | None:
    """*three Emmys*, *eight Grammy Awards*, *two nominations*: how many."""
    num = next((c for c in noun.children if c.dep_ == "nummod"), None)
    if num is None:
        return None
    n = parse_number(num.text, {}, ctx.lex.number_words)
    return n if n is not None and n == int(n) and 1 < n < 1000 else None


def _yield_award(ctx: Context, holders: list[Mention], prop: str, aw: Mention, toks: list[Token], name: str,
                 conf: float, verb: Token | None, noun: Token | None, *, clause: bool = True) -> Iterator[Produced]:
    ev = ctx.evidence(toks, name, conf, clause=clause)
    when = _win_date(ctx, verb) if verb is not None else None
    if when is None and noun is not None:
        when = _award_date(ctx, noun)
    n = _count(ctx, noun) if noun is not None else None
    for h in holders:
        if h is aw:
            continue
        yield Candidate(h, prop, aw, ev)
        yield EventCandidate(_EVENT[prop], ev, when, None, (h,), aw)
        if n is not None:
            unit = "nominations" if prop == NOMINATED else "awards"
            yield StatCandidate(h, n, unit, aw.canonical or aw.text, ev)


def _clean_date(ctx: Context, date_tok: Token, top: Token) -> bool:
    """A date under ``top`` that dates the win: none that names a work's year on the way up
    (*for his 2014 documentary*, *the classic 1982 film*)."""
    t = date_tok
    for _ in range(12):
        h = t.head
        if t.i == top.i or h.i == t.i:
            break
        if h.pos_ in ("NOUN", "PROPN") and t.dep_ in ("compound", "amod", "nummod", "nmod", "poss", "npadvmod") \
                and not _award_word(ctx, h):
            return False
        t = h
    return True


def _award_word(ctx: Context, tok: Token) -> bool:
    w = words()
    m = ctx.mention_at(tok)
    return (m is not None and m.type == AWARD) or tok.lemma_.lower() in w["award_nouns"] \
        or tok.lemma_.lower() in w["nomination_nouns"] or tok.lemma_.lower() in ("ceremony", "awards")


def _date_in(ctx: Context, top: Token) -> str | None:
    dates = [t for t in top.subtree if t.ent_type_ == "DATE"]
    for t in dates:
        if _clean_date(ctx, t, top):
            ent = next(e for e in ctx.doc.ents if e.start <= t.i < e.end)
            d = normalise_date(ent.text, ctx.document.date)
            if d:
                return d
    if dates:
        return None
    return _date_of(ctx, top)


def _win_date(ctx: Context, verb: Token) -> str | None:
    """The date a verb's own words give (*in 1995*, *at the 2004 Brit Awards*, *won the 2003 Y
    award*), never a work's (*for his 2014 documentary*), nor one that bounds a time (*has won
    three Y awards since 2001*: not one of them need be 2001's)."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _BOUNDS:
            continue
        if c.dep_ in ("prep", "npadvmod", "advmod", "tmod", "pobj", "dobj") or c.ent_type_ == "DATE":
            d = _date_in(ctx, c)
            if d:
                return d
    be = _first_to(ctx, verb, words()) if verb.tag_ == "VB" else None
    return _win_date(ctx, be) if be is not None else None  # "In 2013 X became the first to receive a Y"


def _award_date(ctx: Context, noun: Token) -> str | None:
    """The year an award's own name gives: *winners at the 2004 Y Awards*, *the 1997 Y Prize*."""
    for t in noun.subtree:
        m = ctx.mention_at(t)
        if m is not None and m.type == AWARD:
            d = _date_in(ctx, t)
            if d:
                return d
    return None


def _verb_awards(ctx: Context, w: dict[str, Any]) -> Iterator[tuple[Token, list[tuple[str, Mention, Token]]]]:
    """Each verb of winning or nominating that asserts a named award, with what it gives
    (property, award, the noun that names it), in text order."""
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        lemma = lemmas[tok.i]
        nominate = lemma in w["nominate_verbs"]
        ups = [c for c in tok.children if c.lower_ == "up" and c.dep_ in ("advmod", "prt", "acomp", "prep")]
        up_for = lemma == "be" and bool(ups)
        # "X was best actress for W at the Y Awards": a category the copula gives, at a named award
        cats = [a for a in tok.children if a.dep_ == "attr" and _is_category(a, w)] if lemma == "be" else []
        if cats and tok.pos_ in ("VERB", "AUX") and not _only_hoped(ctx, tok, w):
            found = [(WON, aw, c) for c in cats for aw in
                     (_awards_at(ctx, [c, *[x for _, x in ctx.preps([c], {"for"})]], {"at", "in"})
                      or _awards_at(ctx, [tok], {"at", "in"}))]
            if found:
                yield tok, found
                continue
        if not (nominate or up_for or lemma in w["win_verbs"]) or not (tok.pos_ in ("VERB", "AUX")):
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
            tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl"))
        if lemma in w["passive_only_verbs"] and not passive and lemma not in ("award", "give", "present"):
            continue
        parts = w["particles"].get(lemma)
        if parts and not any(c.lower_ in parts for c in tok.children if c.dep_ in ("prt", "advmod", "npadvmod")) \
                and lemma in ("pick", "rack"):
            continue  # "pick" wins only as "pick up"
        if _only_hoped(ctx, tok, w):
            continue
        if up_for:  # ("up for" also as a preposition's: "is up / for best director")
            found = [(NOMINATED, a, p) for _, p in ctx.preps([tok, *ups], {"for"}) for t in ctx.conjuncts(p)
                     if (a := _award_of(ctx, t)) is not None]
            # "is up for the best director award at the Baftas": a category, the ceremony after "at"
            found += [(NOMINATED, a, t) for _, p in ctx.preps([tok, *ups], {"for"}) for t in ctx.conjuncts(p)
                      if _award_of(ctx, t) is None
                      and (t.lemma_.lower() in w["award_nouns"] or _is_category(t, w))
                      for a in _awards_at(ctx, [t, *[x for _, x in ctx.preps([t], {"for"})]], {"at", "in"})
                      or _awards_at(ctx, [tok], {"at"})]
        else:
            found = _objects(ctx, tok, w, nominate)
        if found:
            yield tok, found


@rule("kg.award.v18", produces=("awardReceived", "nominatedFor", "Event", "Statistic"))
def award(ctx: Context) -> Iterator[Produced]:
    """*Y won two Tonys*, *X's role gained him an Emmy*, *took trophies at A and B*, *scooped
    the Grammy*, *picked up an Oscar*, *was awarded the Turner Prize*, *went on to land a Bafta
    nomination*, *was shortlisted for a Tony*, *is up for an Emmy*: the award, the event of
    winning it, and how many."""
    w = words()
    for tok, found in _verb_awards(ctx, w):
        holders = _recipients(ctx, tok, w)
        for prop, aw, noun in found:
            yield from _yield_award(ctx, holders, prop, aw, [tok, noun], "kg.award.v18", 0.8, tok, noun)
            if prop == WON:
                yield from _yield_award(ctx, _included_works(ctx, noun, tok, w), prop, aw, [tok, noun],
                                        "kg.award.v18", 0.7, tok, None)
    for tok, aw, noun, holders in _award_subjects(ctx, w):
        yield from _yield_award(ctx, holders, WON, aw, [tok, noun], "kg.award.v18", 0.75, tok, noun)
    for tok, aw, noun, holders in _leading(ctx, w):
        yield from _yield_award(ctx, holders, NOMINATED, aw, [tok, noun], "kg.award.v18", 0.75, tok, None)


def _leading(ctx: Context, w: dict[str, Any]) -> Iterator[tuple[Token, Mention, Token, list[Mention]]]:
    """*X leads the field at this year's Y Awards with five nominations*, *X leads the Y field with
    11 nominations*, *X leads the nominations for the Y Awards*, *X, who leads the race for the Ys
    with 10 nominations*: a nomination for the award the lead is in (verb, award, its noun, who)."""
    lemmas = lemmas_of(ctx.doc)
    for tok in tokens_of(ctx.doc):
        if tok.pos_ != "VERB" or lemmas[tok.i] not in w["leading_verbs"]:
            continue
        objs = ctx.children([tok], ("dobj",))
        noms = [p for _, p in ctx.preps([tok, *objs], {"with"}) if p.lemma_.lower() in w["nomination_nouns"]]
        noms += [o for o in objs if o.lemma_.lower() in w["nomination_nouns"]]
        if not noms or not objs or _only_hoped(ctx, tok, w):
            continue
        found: list[tuple[Mention, Token]] = []
        for o in objs:
            if o.lemma_.lower() not in w["lead_nouns"] and o.lemma_.lower() not in w["nomination_nouns"]:
                continue
            aw = _award_of(ctx, o) or next(iter(_awards_at(ctx, [o], {"at", "for", "in"})), None)
            if aw is not None:
                found.append((aw, o))
        if not found:
            found = [(a, objs[0]) for a in _awards_at(ctx, [tok], {"at", "in"})][:1]
        holders = _recipients(ctx, tok, w)
        for aw, o in found:
            yield tok, aw, o, holders


def _award_subjects(ctx: Context, w: dict[str, Any]) -> Iterator[tuple[Token, Mention, Token, list[Mention]]]:
    """A named award as the subject: *the Y Prize was won by X*, *the Y Award went to X*, *X has
    been named winner of the Y Award*, *X were named the Y Newcomer Award* (verb, award, its noun,
    who won)."""
    lemmas = lemmas_of(ctx.doc)
    for tok in tokens_of(ctx.doc):
        lemma = lemmas[tok.i]
        if tok.pos_ not in ("VERB", "AUX") or lemma not in ("win", "go", *w["naming_verbs"]):
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
            tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl"))
        if lemma == "win" and passive:  # "the Y Prize was won by X", "the Y Trophy, which was won by X"
            nouns = ctx.subjects(tok)
            holders_at = [p for a in ctx.agents([tok]) for p in [a]]
        elif lemma == "go" and not passive:  # "the Y Award went to X"
            nouns = [c for c in tok.children if c.dep_ == "nsubj"]
            holders_at = [p for _, p in ctx.preps([tok], {"to"})]
        elif lemma in w["naming_verbs"] and passive:  # "X was named winner of Y", "X were named the Y Award"
            nouns = [c for c in tok.children if c.dep_ in ("oprd", "attr", "dobj", "xcomp")]
            holders_at = [c for c in tok.children if c.dep_ == "nsubjpass"]

        else:
            continue
        if not nouns or not holders_at or _only_hoped(ctx, tok, w):
            continue
        for n in nouns:
            if n.lower_ in ("which", "that") and n.head.dep_ == "relcl":
                n = n.head.head  # "the Y Trophy, which was won by X"
            for t in ctx.conjuncts(n):
                aw = _award_of(ctx, t)
                if aw is None and lemma in w["naming_verbs"] and t.lemma_.lower() in w["winner_nouns"]:
                    aw = next(iter(_awards_at(ctx, [t], {"of", "at"})), None)  # "named the winners of the Y Awards"
                elif aw is None and lemma in w["naming_verbs"] and _is_category(t, w):
                    # "X was named best new play in the Y Awards", "named best film at the Y Awards"
                    aw = next(iter(_awards_at(ctx, [t], {"at", "in"}) or _awards_at(ctx, [tok], {"at", "in"})), None)
                if aw is None:
                    continue
                if lemma in ("win", "go") and ctx.mention_at(t) is None and t.lemma_.lower() not in w["award_nouns"]:
                    continue  # "the Y category went to X": the award itself must be the subject
                holders = [m for h in holders_at for m in _holder_names(ctx, h, w) if _holder(m) and m is not aw]
                if holders:
                    yield tok, aw, t, holders


def _hyphened(ctx: Context, tok: Token) -> Mention | None:
    """The award before *-winning* / *-nominated*: *Bafta-winning*, *Oscar-nominated*."""
    doc = ctx.doc
    k = tok.i - 1
    if k >= 1 and doc[k].text in ("-", "\u2011"):
        k -= 1
    if k < 0:
        return None
    m = ctx.mention_at(doc[k])
    return m if m is not None and m.type == AWARD else None


def _described(ctx: Context, noun: Token) -> list[Mention]:
    """Who a describing noun phrase is about: the name it modifies or stands in apposition to
    (*the Bafta-winning actress Lena Holt*, *Oscar winner Lena Holt*, *Holt, an Oscar winner*,
    *Holt is an Emmy nominee*) — never a pronoun or description, which would be a guess."""
    m = ctx.mention_at(noun)
    if m is not None and not m.ref and m.type != AWARD:
        return [m]
    out: list[Mention] = []
    for c in noun.children:
        if c.dep_ == "appos" or (c.dep_ in ("compound", "flat") and c.i > noun.i):
            cm = ctx.mention_at(c)
            if cm is not None and not cm.ref and _holder(cm):
                out.append(cm)
    if out:
        return out
    head = noun.head
    if noun.dep_ in ("compound", "amod", "nmod") and head.i > noun.i:
        hm = ctx.mention_at(head)
        if hm is not None and not hm.ref and _holder(hm):
            return [hm]
        return _described(ctx, head) if head.pos_ in ("NOUN", "PROPN") and head is not noun else []
    if noun.dep_ == "appos":
        hm = ctx.mention_at(head)
        return [hm] if hm is not None and not hm.ref and _holder(hm) else []
    if noun.dep_ == "attr" and head.lemma_ == "be" and not ctx.negated([head]):  # "A and B were both winners at the Y Awards"
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        named = ctx.names(subj) if subj is not None else []
        return [m for m in named if not m.ref and _holder(m)]
    if noun.dep_ == "nsubj" and head.lemma_ == "be" and not ctx.negated([head]):
        # "last year's big winner at the Y Awards was X"
        return [m for a in ctx.children([head], ("attr",)) for m in ctx.names(a) if not m.ref and _holder(m)]
    return []


@rule("kg.award_modifier.v13", produces=("awardReceived", "nominatedFor", "Event", "Statistic"))
def award_modifier(ctx: Context) -> Iterator[Produced]:
    """*the Bafta-winning actress X*, *the Oscar-nominated film Y*, *Oscar winner X*, *two-time
    Grammy winner X*, *X, an Emmy nominee*, *winner of the Turner Prize X*: an award read off the
    words that describe someone."""
    w = words()
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        low = lowers[tok.i]
        lemma = lemmas[tok.i]
        if low in ("winning", "nominated") and tok.dep_ in ("amod", "compound", "acl", "nmod"):
            aw = _hyphened(ctx, tok)
            if aw is None:
                continue
            prop = WON if low == "winning" else NOMINATED
            noun = tok.head
            targets = _described(ctx, noun) if noun is not tok else []
            if not targets and noun.pos_ == "PROPN":
                targets = [m for m in [ctx.mention_at(noun)] if m is not None and not m.ref and _holder(m)]
            yield from _yield_award(ctx, targets, prop, aw, [tok], "kg.award_modifier.v13", 0.8, None, None,
                                    clause=False)
        elif lemma in w["winner_nouns"] or lemma in w["nominee_nouns"]:
            prop = WON if lemma in w["winner_nouns"] else NOMINATED
            aw = _award_of(ctx, tok) or _hyphened(ctx, tok)
            if aw is None:  # "winner of the Y Prize", "winners at the 2004 Y Awards", "a nominee for the Y Award"
                at = [tok.head] if tok.dep_ == "attr" and tok.head.lemma_ == "be" else []  # "A was a winner at Y"
                aw = next(iter(_awards_at(ctx, [tok], {"of", "for", "at"}) or _awards_at(ctx, at, {"at"})), None)
            if aw is None:
                continue
            targets = _described(ctx, tok)
            yield from _yield_award(ctx, targets, prop, aw, [tok], "kg.award_modifier.v13", 0.75, None, tok,
                                    clause=False)


@rule("kg.award_noun.v12", produces=("awardReceived", "nominatedFor", "Event", "Statistic"))
def award_noun(ctx: Context) -> Iterator[Produced]:
    """*her Bafta win*, *X's Oscar nomination*, *Oscar nominations for X and Y*: an award win or
    nomination named by its noun, with whose it is."""
    w = words()
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        lemma = lemmas[tok.i]
        if tok.pos_ != "NOUN" or not (lemma in w["win_nouns"] or lemma in w["nomination_nouns"]):
            continue
        aw = _award_of(ctx, tok)
        if aw is None:
            continue
        prop = WON if lemma in w["win_nouns"] else NOMINATED
        # a named owner only: "her Bafta win" would hang on whoever the pronoun is guessed to be
        holders = [m for c in tok.children if c.dep_ == "poss" for m in ctx.names(c) if _holder(m) and not m.ref]
        if prop == NOMINATED:  # "Oscar nominations for Holt and Reed" (not "for best actress")
            holders += [m for _, p in ctx.preps([tok], {"for"}) for m in ctx.names(p)
                        if _holder(m) and m.type != AWARD and m not in holders]
        if not holders:
            continue
        verb = Context.governing_verb(tok)
        if verb.lemma_.lower() in w["hope_verbs"] or verb.lower_ in w["hope_verbs"] or any(c.lower_ in w["hope_modifiers"] for c in tok.children):
            continue  # "hopes for an Oscar nomination", "a possible Bafta win": not had
        yield from _yield_award(ctx, holders, prop, aw, [tok], "kg.award_noun.v12", 0.75,
                                verb if verb.pos_ in ("VERB", "AUX") else None, tok, clause=False)


@rule("kg.award_count.v11", produces=("Statistic",))
def award_count(ctx: Context) -> Iterator[Produced]:
    """*X has seven nominations*, *X received three nominations*, *the film leads with eleven
    nominations*, *X, who has 12 Grammys*: how many awards or nominations someone has, when the
    award itself is not named with a verb of winning (``kg.award`` counts those)."""
    w = words()
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue  # (before the award is looked for on the token's children: most tokens are not nouns)
        lemma = lemmas[tok.i]
        aw = _award_of(ctx, tok)
        nomination = lemma in w["nomination_nouns"]
        if not (nomination or lemma in w["award_nouns"] or aw is not None):
            continue
        n = _count(ctx, tok)
        if n is None:
            continue
        verb = tok.head
        if tok.dep_ == "pobj" and verb.lower_ == "with":
            verb = verb.head  # "leads the field with eleven nominations"
        elif tok.dep_ != "dobj":
            continue
        vlemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or vlemma not in w["count_verbs"] or _only_hoped(ctx, verb, w):
            continue
        if aw is not None and vlemma in w["win_verbs"]:
            continue  # "won three Emmys": kg.award gives the award and its count
        unit = "nominations" if nomination else "awards"
        ev = ctx.evidence([verb, tok], "kg.award_count.v11", 0.75)
        for h in _recipients(ctx, verb, w):
            yield StatCandidate(h, n, unit, aw.canonical or aw.text if aw is not None else unit, ev)


def _award_key(m: Mention) -> str:
    name = (m.canonical or m.text).lower()
    return name[:-1] if name.endswith("s") else name


def _dominant_award(ctx: Context, w: dict[str, Any]) -> Mention | None:
    """The award an article is about: named at least ``dominant_min`` times and more than twice
    as often as any other (a category written alone, *best actress*, is then that award's)."""
    counts: dict[str, list[Mention]] = {}
    for m in ctx.mentions:
        if m.type == AWARD and not m.ref:
            counts.setdefault(_award_key(m), []).append(m)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < w["dominant_min"] or len(ranked) > 1 and len(ranked[0]) <= 2 * len(ranked[1]):
        return None
    return ranked[0][0]


def _ceremony_key(m: Mention) -> str:
    """An award's key without its noun: *the Golden Globe Awards* and *a Golden Globe* are one."""
    key = _award_key(m)
    for noun in (" awards", " award"):
        if key.endswith(noun) and len(key) > len(noun):
            return key[: -len(noun)]
    return key


def _lead_awards(ctx: Context, w: dict[str, Any]) -> set[str]:
    """The awards the article's first sentence names (*has dominated this year's Spirit Awards*):
    awards, and ceremonies NER typed otherwise whose name ends in an award noun."""
    if not len(ctx.doc):
        return set()
    first = sent_of(ctx.doc[0])
    out: set[str] = set()
    for m in ctx.mentions:
        if m.ref or not first.start_char <= m.start < first.end_char:
            continue
        last = m.text.split()[-1].lower() if m.text.split() else ""
        if m.type == AWARD or last.rstrip("s") in w["award_nouns"]:
            out.add(_ceremony_key(m))
    return out


def _names_category(tok: Token, w: dict[str, Any]) -> bool:
    """*best actress*, *the best supporting actor award*, *the top prize for best cast*."""
    if _is_category(tok, w):
        return True
    return tok.lemma_.lower() in w["award_nouns"] and (
        any(c.lower_ in w["category_modifiers"] for c in tok.subtree if c.i < tok.i)
        or any(p.dep_ == "prep" and p.lower_ == "for" and any(_is_category(g, w) for g in p.subtree)
               for p in tok.children))


@rule("kg.award_category.v16", produces=("nominatedFor", "awardReceived", "Event"))
def award_category(ctx: Context) -> Iterator[Produced]:
    """*X is shortlisted for best score (alongside Y)*, *X, nominated for best screenplay*, *X
    won best actress*, *X took the best supporting actor award*, *X triumphed as best actress*,
    *X - nominated for the drama W - is an outsider*, *the other films nominated are A and B*:
    a nomination or a win in a category (or for a work) the sentence names without its award: the award of
    the article's first win or nomination of a named award, or else the award the article is
    about above all others; never when the sentence names an award of its own, nor when the
    article's first sentence names awards and not that one (*dominated this year's Spirit
    Awards*: its categories are not the Oscars the article names more often)."""
    w = words()
    dominant: Mention | None = None
    lead: set[str] = set()
    asserted: list[tuple[int, dict[str, Mention]]] = []
    looked = False
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        lemma = lemmas[tok.i]
        nominate = lemma in w["nominate_verbs"]
        if not (nominate or lemma in w["category_win_verbs"]) or tok.pos_ != "VERB" or _only_hoped(ctx, tok, w):
            continue
        if nominate:
            cats = [p for _, p in ctx.preps([tok], {"for"}) for t in ctx.conjuncts(p) if _is_category(t, w)]
            if not cats:  # "X - nominated for the drama W -", "the other films nominated are A and B"
                cats = [p for _, p in ctx.preps([tok], {"for"}) if any(
                    m.type in (PRODUCTION, ORGANIZATION) and not m.ref for t in ctx.conjuncts(p) for m in ctx.names(t))]
                if not cats and not any(c.dep_ == "prep" for c in tok.children) and _listed_after(ctx, tok):
                    cats = [tok]
        else:
            if lemma in w["passive_only_verbs"] and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
                continue
            parts = w["particles"].get(lemma)
            if parts and not any(c.lower_ in parts for c in tok.children if c.dep_ in ("prt", "advmod", "npadvmod")) \
                    and lemma in ("pick", "rack"):
                continue
            verb_for = any(_is_category(p, w) for _, p in ctx.preps([tok], {"for"}))  # "took the award for best actor"
            cats = [t for o in ctx.children([tok], ("dobj",)) for t in ctx.conjuncts(o)
                    if _names_category(t, w) or (verb_for and t.lemma_.lower() in w["award_nouns"])]
            cats += [p for _, p in ctx.preps([tok], {"as"}) for t in ctx.conjuncts(p) if _is_category(t, w)
                     if lemma in w["category_as_verbs"]]
        if not cats or any(ctx.mention_at(t) is not None and ctx.mention_at(t).type == AWARD for t in tok.sent):
            continue
        if not looked:
            dominant, looked = _dominant_award(ctx, w), True
            lead = _lead_awards(ctx, w)
            asserted = [(t.i, {_award_key(a): a for _, a, _ in found}) for t, found in _verb_awards(ctx, w)]
        # the ceremony of the article's news: its first win or nomination of a named award (when
        # it names one award there), else the award the article names above all others
        first = next((aws for i, aws in asserted if i < tok.i), {})
        award_now = next(iter(first.values())) if len(first) == 1 else dominant
        if award_now is None or lead and _ceremony_key(award_now) not in lead:
            continue
        holders = _recipients(ctx, tok, w) if cats != [tok] else _listed_after(ctx, tok)
        if nominate:
            holders += [m for _, p in ctx.preps([tok, *cats], {"alongside"}) for m in ctx.names(p)
                        if _holder(m) and m not in holders]
        yield from _yield_award(ctx, holders, NOMINATED if nominate else WON, award_now, [tok, cats[0]],
                                "kg.award_category.v16", 0.6, tok, None)


def _listed_after(ctx: Context, verb: Token) -> list[Mention]:
    """The works or people a copula lists after a noun the verb qualifies: *the other films
    nominated are A, B and C*, *those shortlisted are A and B*."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.dep_ != "nsubj" or noun.head.lemma_ != "be":
        return []
    return [m for a in ctx.children([noun.head], ("attr",)) for m in ctx.names(a) if _holder(m) and not m.ref]


def _shows_named(ctx: Context, toks: list[Token], types: tuple[str, ...] = (PRODUCTION,)) -> list[Mention]:
    """The named shows or competitions at or on ``toks``: *Star House* in *Star House
    housemate*, *the Star House house*, *the show's contestants*. A show's title is often taken
    for a name of another kind where it modifies a noun; ``types`` says which kinds are let in
    (being a show's subject then votes it a production), a possessive only ever a production."""
    out: list[Mention] = []
    for tok in toks:
        for t in (tok, *(c for c in tok.children if c.dep_ in ("compound", "nmod", "poss", "npadvmod") and c.i < tok.i)):
            m = ctx.mention_at(t)
            if m is None or m.ref or ctx.is_character(m) or m in out or m.canonical:
                continue  # (a canonical name is a nationality or a country word: "British contestant")
            if m.type == PRODUCTION or (m.type in types and t.dep_ != "poss"):
                out.append(m)
    return out


def _show_of(ctx: Context, noun: Token, w: dict[str, Any], winner: bool) -> list[Mention]:
    """The show a contestant noun belongs to: *Star House housemate*, *a contestant on Y*, *a
    finalist in Y*, *Y's contestants*, *a contestant in the Y house*; a winner's only a show
    named before it (*Pop Idol winner*) or after *of*."""
    own = ctx.mention_at(noun)
    before = (PRODUCTION, ORGANIZATION) if winner else (PRODUCTION, ORGANIZATION, PERSON)
    out = [m for m in _shows_named(ctx, [noun], before) if m is not own]
    if not out and noun.i > 0 and noun.dep_ != "pobj":  # the parse left the title loose: the name just before
        out = [m for m in _shows_named(ctx, [ctx.tokens[noun.i - 1]], before) if m is not own]
    if not winner:  # "the latest contestant to be evicted from Y"
        for v in (c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"):
            out += [m for m in _part_shows(ctx, v, w) if m not in out]
    for prep, p in ctx.preps([noun], {"of"} if winner else set(w["contestant_preps"])):
        for t in ctx.conjuncts(p):
            # "a contestant on Y" is a show's (a title after "on" is often taken for a place)
            kinds = {"from": (PRODUCTION,), "on": (PRODUCTION, ORGANIZATION, PLACE, PERSON)}.get(
                prep, (PRODUCTION, ORGANIZATION))
            if t.lemma_.lower() in w["show_parts"]:  # "a contestant on the third season of Y"
                t = next((p for _, p in ctx.preps([t], {"of"})), t)
            out += [m for m in _shows_named(ctx, [t], kinds) if m not in out]
    return out


def _taking_part(ctx: Context, m: Mention) -> bool:
    return m.type in (PERSON, GROUP) and not ctx.is_character(m) and m.ref in (None, "", "pronoun")


def _contestants(ctx: Context, noun: Token) -> list[Mention]:
    """Who the contestant noun is about: *housemate Ann Reed*, *Ann Reed, a contestant on Y*,
    *Ann Reed is a Y finalist*, *Y contestants Ann Reed and Tom Biggs*, *the housemates were
    A and B*, *the finalists include A and B* (named people or groups only)."""
    out = [m for m in _described(ctx, noun) if _taking_part(ctx, m) and not m.ref]
    for c in noun.children:
        if c.dep_ == "appos":
            out += [m for m in ctx.names(c) if _taking_part(ctx, m) and not m.ref and m not in out]
    nxt = ctx.mention_at(ctx.tokens[noun.i + 1]) if noun.i + 1 < len(ctx.doc) else None
    if not out and nxt is not None and not nxt.ref and _taking_part(ctx, nxt):
        out += [m for m in (nxt, *ctx.surface_list(nxt)) if _taking_part(ctx, m) and m not in out]
    head = noun.head
    if noun.dep_ == "attr" and head.lemma_.lower() in ("become", "remain") and not ctx.negated([head]):
        out += [m for s in ctx.subjects(head) for m in ctx.names(s) if _taking_part(ctx, m) and not m.ref and m not in out]
    if noun.dep_ == "nsubj" and head.lemma_.lower() in ("be", "include") and not ctx.negated([head]):
        for o in ctx.children([head], ("attr", "dobj")):
            out += [m for m in ctx.names(o) if _taking_part(ctx, m) and not m.ref and m not in out]
    return out


def _not_asserted(ctx: Context, verb: Token, w: dict[str, Any]) -> bool:
    """Denied, conditional, merely possible or hoped-for (a planned one, *will compete*, is a fact)."""
    kids = list(verb.children)
    if ctx.negated([verb]) or any(c.dep_ == "mark" and c.lower_ in w["conditional_marks"] for c in kids):
        return True
    if any(c.tag_ == "MD" and c.lower_ not in ("will", "'ll", "wo") for c in kids):
        return True
    head = verb.head
    if head is not verb and (head.lemma_.lower() in w["not_wins_after"] or head.lower_ in w["not_wins_after"]
                             or head.lemma_.lower() in w["hope_verbs"]):
        return True
    return any(t.text == "?" for t in verb.sent if t.i > verb.i)


def _part_shows(ctx: Context, verb: Token, w: dict[str, Any]) -> list[Mention]:
    """The show a verb of taking part names: *competed on Y*, *took part in Y*, *entered the Y
    house*, *was evicted from Y*, *represented Britain at Y*."""
    lemma = verb.lemma_.lower()
    spec = w["taking_part_verbs"].get(lemma)
    if spec is None:
        return []
    need, preps = spec["with"], set(spec["preps"])
    if need == "part" and not any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children):
        return []
    if need == "passive" and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) \
            and not (verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl")):
        return []
    pairs = list(ctx.preps([verb, *(c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "part")], preps))
    toks = [p for _, p in pairs]
    if need == "object":
        toks += [o for o in ctx.children([verb], ("dobj",))
                 if ctx.mention_at(o) is not None or o.lemma_.lower() in w["contest_places"]]
    # "competed on Y", "was voted off Y", "evicted from Y": a show's title, whatever it was taken for
    loose = {p.i for prep, p in pairs if prep in ("on", "off") or prep == "from" and lemma in ("evict", "vote")}
    out: list[Mention] = []
    shows = set(w["contest_places"]) | set(w["show_parts"])
    for t in toks:
        kinds = (PRODUCTION, ORGANIZATION, PLACE, PERSON) if t.i in loose else (PRODUCTION, ORGANIZATION)
        for c in ctx.conjuncts(t):
            if c.lemma_.lower() in w["show_parts"]:  # "competed on the third season of Y"
                c = next((p for _, p in ctx.preps([c], {"of"})), c)
            if c.pos_ == "NOUN" and ctx.mention_at(c) is None and c.lemma_.lower() not in shows:
                continue  # "took part in a Y discussion": a name that modifies another thing is no show taken part in
            out += [m for m in _shows_named(ctx, [c], kinds) if m not in out]
    return out


def _dominant_show(ctx: Context, w: dict[str, Any]) -> Mention | None:
    """The show an article about contestants is about: a production named at least
    ``dominant_min`` times and more than twice as often as any other, in an article that speaks
    of contestants (or housemates, finalists) at least twice."""
    lemmas = lemmas_of(ctx.doc)
    if sum(1 for t in tokens_of(ctx.doc) if lemmas[t.i] in w["contestant_nouns"]) < 2:
        return None
    counts: dict[str, list[Mention]] = {}
    for m in ctx.mentions:
        # (a word of two or three letters is a medium taken for a title, "TV", not a show)
        if m.type == PRODUCTION and not m.ref and not ctx.is_character(m) and len(m.text) > 3:
            counts.setdefault((m.canonical or m.text).lower(), []).append(m)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < w["dominant_min"] or len(ranked) > 1 and len(ranked[0]) <= 2 * len(ranked[1]):
        return None
    return ranked[0][0]


@rule("kg.contestant.v9", produces=("contestant", "winner"))
def contestant(ctx: Context) -> Iterator[Produced]:
    """Who takes part in a show or competition (P710) and who won it (P1346): *Star House
    housemate Ann Reed*, *Ann Reed, a contestant on Y*, *Y finalists A and B*, *A competed on
    Y*, *A took part in Y*, *A entered the Y house*, *A was evicted from Y*; *Y winner A*, *A,
    the winner of Y*, *A won Y* (Y a named production: a talent or reality show, a contest);
    a contestant noun with no show is of the show an article about contestants is about."""
    w = words()
    lemmas = lemmas_of(ctx.doc)
    dominant: Mention | None = None
    looked = False
    for tok in tokens_of(ctx.doc):
        lemma = lemmas[tok.i]
        # (a sentence's first word is often tagged a proper noun: "Housemate Ann Reed ...")
        if (tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and ctx.mention_at(tok) is None) and (
                lemma in w["contestant_nouns"] or lemma in w["winner_nouns"]):
            prop = "winner" if lemma in w["winner_nouns"] else "contestant"
            shows = _show_of(ctx, tok, w, prop == "winner")
            if not shows and prop == "contestant":  # "housemate Ann Reed" in an article about one show
                if not looked:
                    dominant, looked = _dominant_show(ctx, w), True
                shows = [dominant] if dominant is not None else []
            if not shows:
                continue
            people = _contestants(ctx, tok)
            ev = ctx.evidence([tok], "kg.contestant.v9", 0.7, clause=False)
            for show in shows:
                for p in people:
                    if p is not show:
                        yield Candidate(show, prop, p, ev)
        elif tok.pos_ in ("VERB", "AUX") and (lemma in w["taking_part_verbs"] or lemma == "win"):
            if lemma == "win":
                shows = [m for o in ctx.children([tok], ("dobj",)) for c in ctx.conjuncts(o)
                         for m in _shows_named(ctx, [c])]
                prop = "winner"
            else:
                shows = _part_shows(ctx, tok, w)
                prop = "contestant"
            if not shows or _not_asserted(ctx, tok, w) or (lemma == "win" and _only_hoped(ctx, tok, w)):
                continue
            people = [m for s in ctx.subjects(tok) for m in ctx.names(s) if _taking_part(ctx, m)]
            ev = ctx.evidence([tok], "kg.contestant.v9", 0.7)
            for show in shows:
                for p in people:
                    if p is not show:
                        yield Candidate(show, prop, p, ev)


# -- what a win or a nomination for a work says the person did in it -------------------------
@rule("kg.award_credit.v7", produces=("castMember", "director", "screenwriter"))
def award_credit(ctx: Context) -> Iterator[Produced]:
    """*X won best actor for W*, *X was nominated for her role in W*, *X picked up the best
    actress award for her turn as C in W*, *X earned a best director nomination for W*, *X, a
    best actress nominee for W*: a win or a nomination for a work says what the person did in it
    — by its category (actor, actress, performance: the cast; director: the director;
    screenplay: the writer) or by the performance it names (*role*, *portrayal*, *turn*: *X was
    crowned best actor for W*, *X was praised for her performance in W*); nothing
    where neither says (*a nominee for W*: an actor, a director or a writer). A credit holds
    whether or not the award was won, so hopes and denials are no matter here."""
    w = words()
    cats: dict[str, str] = w["credit_categories"]
    lemmas = lemmas_of(ctx.doc)
    name = award_credit.rule_name  # type: ignore[attr-defined]  (the registry's name)
    for tok in tokens_of(ctx.doc):
        lemma = lemmas[tok.i]
        if tok.pos_ in ("VERB", "AUX") and (lemma in w["win_verbs"] or lemma in w["category_win_verbs"]
                                            or lemma in w["nominate_verbs"] or lemma in w["credit_verbs"]):
            holders = [m for m in _recipients(ctx, tok, w) if m.type == PERSON and not ctx.is_character(m)]
            heads = [tok, *ctx.children([tok], ("dobj", "oprd", "attr"))]
        elif tok.pos_ == "NOUN" and lemma in w["credit_nouns"] and any(
                c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
            holders = _noun_holders(ctx, tok)
            heads = [tok]
        else:
            continue
        if not holders:
            continue
        prop, works, toks, n_cats = _credit_for(ctx, heads, cats, w)
        if prop is None or not works or len(holders) > 1 and (len(works) > 1 or n_cats > 1):
            continue  # (two people for two works or in two categories: which for which is not said)
        sent = tok.sent
        works = [m for m in works if sent.start_char <= m.start and m.end <= sent.end_char]
        ev = ctx.evidence([tok, *toks], name, 0.65)
        for work in works:
            for h in holders:
                if h is not work:
                    yield Candidate(work, prop, h, ev)


def _noun_holders(ctx: Context, noun: Token) -> list[Mention]:
    """Who a nominee or nomination noun is of: *X, a nominee for W*, *X's nomination for W*, *X
    is a nominee for W*."""
    if noun.dep_ == "appos":
        toks = [noun.head]
    elif noun.dep_ == "attr":
        toks = ctx.subjects(noun.head)
    else:
        toks = [c for c in noun.children if c.dep_ == "poss"]
    return [m for t in toks for m in ctx.names(t) if m.type == PERSON and not m.ref and not ctx.is_character(m)]


def _credit_for(ctx: Context, heads: list[Token], cats: dict[str, str],
                w: dict[str, Any]) -> tuple[str | None, list[Mention], list[Token], int]:
    """The credit a win or nomination names (from its category or its performance noun) and the
    works it is for: each *for* phrase on the verb, its object, or a category or performance after
    *for*; a performance's work after its *in* (*for her role as a nurse in W*)."""
    prop: str | None = None
    works: list[Mention] = []
    toks: list[Token] = []
    named_cats: set[int] = set()  # the category words read: two say two credits ("best actor and best actress")
    todo, seen = list(heads), set()
    while todo:
        head = todo.pop(0)
        if head.i in seen:
            continue
        seen.add(head.i)
        for t in head.subtree if head.pos_ == "NOUN" else [head]:  # the category on the noun: "the best actress award"
            if t.i < head.i and ctx.mention_at(t) is None and (cat := cats.get(t.lemma_.lower())) is not None:
                prop = prop or cat
                named_cats.add(t.i)
        if ctx.mention_at(head) is None and (cat := cats.get(head.lemma_.lower())) is not None:
            prop = prop or cat
            named_cats.add(head.i)
        for _, p in ctx.preps([head], {"for"}):
            for t in ctx.conjuncts(p):
                # (the work's type is settled by resolution: NER often calls a film's title a company)
                named = [m for m in ctx.names(t) if m.type in (PRODUCTION, ORGANIZATION) and not m.ref
                         and not ctx.is_character(m)]
                if named:  # "for W", "for the drama W"
                    works += named
                    toks.append(t)
                elif t.lemma_.lower() in w["cause_nouns"]:
                    # "for her role in W" is acting; "for his work on W" may be anyone's (a composer's)
                    if t.lemma_.lower() not in w["acting_causes"]:
                        continue
                    prop = prop or "castMember"
                    for _, q in ctx.preps([x for x in t.subtree if x.dep_ != "prep" or x.lower_ in ("in", "on")],
                                          {"in", "on"}):
                        if (wm := ctx.mention_at(q)) is not None and wm.type in (PRODUCTION, ORGANIZATION) \
                                and not wm.ref:
                            works.append(wm)
                            toks.append(q)
                else:
                    todo.append(t)  # "for best actor for W": a category, with its own "for"
    return prop, list(dict.fromkeys(works)), toks, len(named_cats)
