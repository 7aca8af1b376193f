"""Cast: who is in a work, beyond the verbs of ``kg.stars`` and ``kg.plays`` (``rules/__init__``).

News names a cast member through a part (*her role as C in W*, *A's portrayal of C in W*, *won for
playing a nurse in W*), an appearance (*A was seen in W alongside B*, *co-starred with B in
W*), a label (*W star A*, *former W actress A*) or a participle far from its verb (*the comedy W,
starring A*). The works such sentences name are often titles nobody has called a film yet; the
words of acting around them are what says they are works, so a title-case name after *in* there is
read as a production (rule ``kg.cast_title.v1``) when no other mention covers it.

Word lists: ``cast.json`` beside this module.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from kg.extract.context import RELATIVE, Context
from kg.extract.mentions import SMALL_WORDS
from kg.extract.rules import Produced, _character, _name_span, rule
from kg.extract.rules._named import listed_after, sibling_title
from kg.extract.sents import lemmas_of, lowers_of, sent_of, tokens_of
from kg.model import CHARACTER, GROUP, PERSON, PRODUCTION, Candidate, Mention, Value

__all__ = ["acted_possessive", "appearance_year", "appeared_as", "appears_with", "cast_label", "fame_in", "part_in", "starring_after", "voice", "words"]

# what NER may call a title it does not know (people, places, dates and numbers are not titles)
_TITLE_NER = frozenset({"", "WORK_OF_ART", "PRODUCT", "EVENT", "ORG"})


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The family's word lists (``cast.json``), read once, as frozen sets."""
    raw: dict[str, Any] = json.loads(Path(__file__).with_name("cast.json").read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    return {k: frozenset(v) for k, v in raw.items()}


def _titleish(tok: Token) -> bool:
    return tok.text[:1].isupper() and not tok.is_punct


def _title_ner(tok: Token) -> bool:
    """Whether NER's label leaves ``tok`` free to be part of a title (a capitalised word NER read
    as an amount, *Thousand Pound …*, is one too)."""
    return tok.ent_type_ in _TITLE_NER or tok.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY") and tok.is_alpha


def _title_end(ctx: Context, start: int) -> int:
    """End (exclusive) of a title-case run from ``start``: capitalised words, with the small words,
    possessives and marks titles carry (*Nobody's Fool Again*, *Hooray!*), never past a
    preposition that brings in something else (*W in 2004*, *W at Cannes*)."""
    doc = ctx.doc
    end_of_sent = sent_of(doc[start]).end
    j = start
    while j < min(end_of_sent, start + 10):
        t = doc[j]
        if _titleish(t) and _title_ner(t):
            j += 1
        elif t.lower_ in SMALL_WORDS and j > start and j + 1 < end_of_sent and _titleish(doc[j + 1]) \
                and _title_ner(doc[j + 1]) and (t.pos_ != "ADP" or t.lower_ == "of"):
            j += 1
        elif t.lower_ in ("'s", "\u2019s") and j > start and j + 1 < end_of_sent and _titleish(doc[j + 1]):
            j += 1
        elif t.lower_ in ("n't", "n\u2019t") and j > start and not doc[j - 1].whitespace_:
            j += 1  # "Boys Don't Cry"
        elif t.text in ("!", "?") and j > start and (j + 1 >= end_of_sent or not _titleish(doc[j + 1])):
            return j + 1
        else:
            break
    return j


# NER's guesses that a word of acting before *in* overrules: an unknown title is often taken for a
# company, a building or an event ("a nurse in Iron Orchard")
_LOOSE_NER = frozenset({"kg.ner_org.v1", "kg.ner_fac.v1", "kg.ner_event.v1", "kg.ner_product.v1",
                        "kg.ner_work_of_art.v1"})


def _acting_work(ctx: Context, m: Mention, strong: bool) -> Mention | None:
    """``m`` as the work a part is played in: a production, or a name NER guessed to be an
    organisation or a building (never a broadcaster); with a named part (``strong``), also a
    one-word name NER took for a person (*her portrayal of C in Ray*)."""
    if _is_work(ctx, m):
        return m
    if m.ref or m.kind == "Broadcaster" or m.text in set(ctx.lex.broadcasters):
        return None
    if m.rule in _LOOSE_NER:
        return m
    if strong and m.rule in ("kg.ner_person.v1", "kg.type_place_preposition.v1") and " " not in m.text:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        nxt = ctx.doc[span.end] if span is not None and span.end < len(ctx.doc) else None
        # (a one-word name, not the first word of a longer title: "in Pens and Needles")
        if nxt is None or not (nxt.lower_ in ("and", "of", "&", "'s", "\u2019s") or _titleish(nxt)):
            return m
    return None


def _work_after(ctx: Context, k: int, strong: bool = False) -> Mention | None:
    """The work named at token ``k`` after a word of acting and *in*: a production mention, or a
    title-case name no mention covers, which becomes one."""
    doc = ctx.doc
    if k + 1 < len(doc) and doc[k].lower_ == "the" and (doc[k].text == "the" or ctx.mention_at(doc[k]) is None
                                                           and ctx.mention_at(doc[k + 1]) is not None):
        k += 1  # "in the Lantern films"; "in The Glass Harbour" where NER left "The" out of the name
    if k >= len(doc):
        return None
    m = ctx.mention_at(doc[k])
    if m is not None:
        return _acting_work(ctx, m, strong)
    if doc[k].text in ("'", "\u2018", '"', "\u201c") and k + 1 < len(doc):
        k += 1
        m = ctx.mention_at(doc[k])
        if m is not None:
            return _acting_work(ctx, m, strong)
    if not _titleish(doc[k]) or not _title_ner(doc[k]) or doc[k].lower_ in RELATIVE:
        return None
    end = _title_end(ctx, k)
    if end <= k or any(ctx.mention_at(t) is not None for t in doc[k:end]):
        return None
    # "in Jean Roux's A Long Night": the possessor (a person) is no part of the title
    owner_end = next((j for j in range(k + 1, end - 1) if doc[j].lower_ in ("'s", "\u2019s")), None)
    if owner_end is not None and any(t.ent_type_ == "PERSON" for t in doc[k:owner_end]):
        k = owner_end + 1
    span = doc[k:end]
    if span.text in set(ctx.lex.broadcasters) or end < len(doc) and (
            doc[end].lower_ in ("'s", "\u2019s") or doc[end].pos_ == "NOUN" and doc[end].text.islower()):
        return None  # a possessor ("in Chelsea's win") or a modifier ("in the TV drama series X") is no title
    m = Mention(ctx.document.id, span.start_char, span.end_char, span.text, PRODUCTION, "kg.cast_title.v1", 0.6)
    ctx.mentions.append(m)
    return m


def _works_in(ctx: Context, in_tok: Token, strong: bool = False) -> list[Mention]:
    """The works named after *in* in a sentence of acting: the titles its object names (*in the NBC
    drama X*, *in X (2005) and Y (2006)*), else the title written right after it."""
    found: list[Mention] = []
    for pobj in (c for c in in_tok.children if c.dep_ == "pobj"):
        found = [m for m in ctx.names(pobj) if not m.ref and _acting_work(ctx, m, strong) is not None] \
            or _such_as(ctx, pobj)
        if found:
            break
    if not found:
        work = _work_after(ctx, in_tok.i + 1, strong)
        found = [work] if work is not None else []
    return listed_after(ctx, found, lambda k: _work_after(ctx, k, strong) or sibling_title(ctx, k))


def _such_as(ctx: Context, noun: Token) -> list[Mention]:
    """The works a production noun is given examples of: *films such as A, B and C*, *such shows
    as A and B* (never what a noun of another kind lists: *directors such as A*)."""
    low = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or low not in ctx.production_nouns and noun.lower_ not in ctx.production_nouns:
        return []
    such = [c for c in noun.children if c.lower_ == "such"]
    # (the parser hangs "as" on the noun or on its "such", and "such" on the noun or on "as")
    preps = [a for h in [noun, *such] for a in h.children if a.dep_ == "prep" and a.lower_ == "as"
             and (such or any(c.lower_ == "such" for c in a.children))]
    found: list[Mention] = []
    for p in (c for a in preps for c in a.children if c.dep_ == "pobj"):
        for t in ctx.conjuncts(p):
            m = ctx.mention_at(t) or _work_after(ctx, t.left_edge.i)
            if m is not None and not m.ref and m not in found and _acting_work(ctx, m, False) is not None:
                found.append(m)
    return found


def _series_of(ctx: Context, work: Mention) -> Mention | None:
    """The series an episode is named *of* right after its title (*the "E" episode of W*, *in E,
    an episode of W*): a production mention."""
    doc = ctx.doc
    span = doc.char_span(work.start, work.end, alignment_mode="expand")
    if span is None:
        return None
    k = span.end
    while k < len(doc) and k < span.end + 4 and (doc[k].is_quote or doc[k].text in (",", "an", "a", "the")):
        k += 1
    if k + 2 < len(doc) and doc[k].lower_ in ("episode", "episodes") and doc[k + 1].lower_ == "of":
        j = k + 2
        if doc[j].lower_ in ("the", "tv", "television") and j + 1 < len(doc):
            j += 1
        m = ctx.mention_at(doc[j])
        if m is not None and m.type == PRODUCTION and not m.ref and m is not work:
            return m
    return None


def _about_screen_work(ctx: Context, tok: Token, works: list[Mention]) -> list[Mention]:
    """``works`` as far as the sentence of ``tok`` is about screen or stage work: a work the article
    calls a production always counts; a name NER guessed (an organisation, a building) or a title
    read here counts only when something besides the acting words says so — a production noun, a
    screen word, a named production (*Henry starred in Arsenal's win*, *a leading role in the bid*)."""
    if all(w.type == PRODUCTION and w.rule != "kg.cast_title.v1" for w in works):
        return works
    acting = words()["part_nouns"] | words()["portray_verbs"] | words()["appear_verbs"]
    screen = (set(ctx.lex.screen_words) | set(ctx.production_nouns)) - acting
    sent = sent_of(tok)
    parts = words()["part_nouns"]
    said = any(t.lemma_.lower() not in acting and t.lower_ not in acting
               and not (t.dep_ in ("amod", "compound") and t.head.lower_ in parts)  # "a leading role"
               and (t.lower_ in screen or t.lemma_.lower() in screen) for t in sent) or any(
        (m := ctx.mention_at(t)) is not None and m.type == PRODUCTION and not m.ref and m.rule != "kg.cast_title.v1"
        for t in sent)
    return works if said else [w for w in works if w.type == PRODUCTION and w.rule != "kg.cast_title.v1"]


def _is_work(ctx: Context, m: Mention) -> bool:
    """A production mention, or a name the article calls a production elsewhere (NER typed this
    one as a person)."""
    if m.ref:
        return m.type == PRODUCTION and m.ref == "definite"
    return m.type == PRODUCTION or any(o.type == PRODUCTION and not o.ref and o.text == m.text for o in ctx.mentions)


def _in_after(ctx: Context, tok: Token, limit: int = 10) -> int | None:
    """Index of the *in* (or *on*) that follows ``tok`` in its clause, within ``limit`` words and
    past no verb or clause break: *role as Mara Quinn in W*, *playing a nurse in W*."""
    doc = ctx.doc
    sent = sent_of(tok)
    for k in range(tok.i + 1, min(sent.end, tok.i + limit)):
        t = doc[k]
        if t.lower_ in ("in", "on") and t.pos_ == "ADP":
            return k
        if t.text in (",", ";", ":", "(", ")", "-", "\u2013", "\u2014") and not (t.text == "-" and not t.whitespace_) \
                or t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" and not (t.tag_ in ("VBN", "VBD") and t.dep_ in ("amod", "acl")) \
                or t.lower_ in RELATIVE:
            return None
    return None


def _character_after(ctx: Context, tok: Token, stop: int) -> Span | None:
    """The character named between ``tok`` and ``stop`` after *as* / *of* (*as Mara Quinn*)."""
    doc = ctx.doc
    for k in range(tok.i + 1, stop):
        if doc[k].lower_ in ("as", "of") and k + 1 < stop:
            j = k + 1
            while j < stop and not _titleish(doc[j]) and doc[j].pos_ in ("ADJ", "NOUN", "PUNCT", "DET"):
                j += 1  # "of late soul-singer Ray Vance": the name after its description
            end = j
            while end < stop and _titleish(doc[end]):
                end += 1
            if end > j:
                return doc[j:end]
    return None


def _person_subjects(ctx: Context, verb: Token) -> list[Mention]:
    """The people a verb of acting is said of, climbing out of *for playing*, *after starring*."""
    v = verb
    for _ in range(3):
        if v.dep_ == "pcomp" and v.head.dep_ == "prep":
            v = v.head.head
        elif v.dep_ in ("xcomp", "advcl", "conj") and v.head.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            v = v.head
        else:
            break
        if v.pos_ not in ("VERB", "AUX"):
            break
    out = [m for s in ctx.subjects(v) for m in ctx.names(s)]
    return [m for m in out if m.type == PERSON and (not m.ref or m.ref == "pronoun")]


@rule("kg.part_in.v10", produces=("castMember", "voiceActor"))
def part_in(ctx: Context) -> Iterator[Produced]:
    """*her role as C in W*, *A's portrayal of C in W*, *A won for playing a nurse in W*, *A plays
    C in W*: a part in a work makes its player a cast member (with the character when named)."""
    w = words()
    parts, verbs, not_roles = w["part_nouns"], w["portray_verbs"], w["not_roles"]
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        people: list[Mention] = []
        described = False  # "playing a retired nurse": the part is a person described
        if tok.pos_ == "NOUN" and (lowers[tok.i] in parts or lemma in parts):
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            m = ctx.refer(owner) if owner is not None else None
            if m is not None and m.type == PERSON and (not m.ref or m.ref == "pronoun"):
                people = [m]
        elif tok.pos_ == "VERB" and lemma in verbs and not ctx.negated([tok]):
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is None or obj.lower_ in not_roles or obj.lemma_.lower() in not_roles or obj.pos_ == "PRON":
                continue
            if not _titleish(obj) and not any(c.dep_ in ("det", "poss") for c in obj.children):
                continue  # "plays football": a part has an article or a name
            people = _person_subjects(ctx, tok)
            described = obj.lemma_.lower() in ctx.occupations or obj.lemma_.lower() in ctx.people_nouns \
                or obj.lower_ in ctx.occupations or obj.lower_ in ctx.people_nouns
        if not people:
            continue
        k = _in_after(ctx, tok)
        if k is None:
            continue
        character = _character_after(ctx, tok, k)
        works = [w for w in _works_in(ctx, doc[k], strong=character is not None) if w not in people]
        works = _about_screen_work(ctx, tok, works) if character is None and not described else works
        if tok.pos_ == "VERB":
            # "played a guest in W1, and the barman in W2": each part its own work
            # (the parse hangs the second part on the object, the verb or the first work)
            more = [t for t in tok.subtree if t.dep_ == "conj" and t.pos_ == "NOUN" and t.i > k]
            for part in more:
                for c in part.children:
                    if c.dep_ == "prep" and c.lower_ == "in":
                        works += [x for x in _works_in(ctx, c) if x not in people and x not in works
                                  and x.type == PRODUCTION]
        # "in the "E" episode of W": a part in an episode is a part in its series too
        works += [x for w_ in works if (x := _series_of(ctx, w_)) is not None and x not in works and x not in people]
        if not works:
            continue
        ev = ctx.evidence([tok, doc[k]], "kg.part_in.v10", 0.75, clause=tok.pos_ == "VERB")
        # (the character rides on the cast fact's role node; a performer fact on a character the
        # article may mean as a real person, "her portrayal of Ray Vance", would say too much)
        for p in people:
            for work in works:
                yield Candidate(work, "castMember", p, ev, character.text if character is not None else None)
                if lemma == "voice":
                    yield Candidate(work, "voiceActor", p, ev)


@rule("kg.fame_in.v3", produces=("castMember",))
def fame_in(ctx: Context) -> Iterator[Produced]:
    """*A first found fame in the comedy W*, *A rose to fame in W*, *A made her name in W*: the work
    an actor became known in has them in its cast, where the sentence is about screen or stage work."""
    w = words()
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        if lemmas[tok.i] not in w["fame_nouns"] or tok.pos_ != "NOUN":
            continue
        if tok.dep_ == "dobj":  # "found fame", "made her name"
            verb = tok.head
            if lemmas[tok.i] == "name" and not any(c.dep_ == "poss" for c in tok.children):
                continue  # "made a name for herself" is read through its "for"; "made name" is not this
        elif tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.pos_ == "VERB":
            verb = tok.head.head  # "rose to fame", "shot to stardom"
        else:
            continue
        if lemmas[verb.i] not in w["fame_verbs"] or ctx.negated([verb]):
            continue
        people = _person_subjects(ctx, verb)
        if not people or any(lemmas[t.i] in w["contest_words"] for t in sent_of(tok)):
            continue  # "shot to fame on the talent show W": a contestant, not its cast
        for holder in (verb, tok):
            for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in ("in", "with", "on")):
                works = [m for m in _works_in(ctx, prep, strong=False) if m not in people and m.type == PRODUCTION]
                works = _about_screen_work(ctx, tok, works)
                ev = ctx.evidence([verb, tok, prep], "kg.fame_in.v3", 0.7)
                for p in people:
                    for work in works:
                        yield Candidate(work, "castMember", p, ev)


@rule("kg.appears_with.v9", produces=("castMember",))
def appears_with(ctx: Context) -> Iterator[Produced]:
    """*A was seen in W alongside B*, *A co-starred with B in W*, *A appears in W*: people
    who appear in a named work, and the co-stars named with them."""
    w = words()
    verbs, costar = w["appear_verbs"], w["costar_preps"]
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        if lemma not in verbs or tok.pos_ != "VERB" or ctx.negated([tok]):
            continue
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        if lemma in ("see", "feature", "cast", "pair", "team") and not passive:
            continue  # "viewers saw …", "the album features …": only "was seen / featured / cast in W"
        ins = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"]
        if not ins:
            k = _in_after(ctx, tok, limit=8)  # "co-starred with B in W": "in" hung on the co-star
            if k is None or ctx.doc[k].lower_ != "in":
                continue
            ins = [ctx.doc[k]]
        works = _works_in(ctx, ins[0])
        if not works:
            continue
        people = _person_subjects(ctx, tok)
        # (the parser may hang "alongside B" on the title)
        holders = [tok, *[p for p in ins[0].children if p.dep_ == "pobj"]]
        others = [m for h in holders for c in h.children if c.dep_ == "prep" and (
                  c.lower_ in costar or c.lower_ == "with" and lemma in ("co-star", "costar", "star", "pair", "team"))
                  for p in c.children if p.dep_ == "pobj" for m in ctx.names(p) if m.type == PERSON and not m.ref]
        if not others:
            # "seen in W alongside B and C" where a title broke the parse: the names written
            # right after the title and the co-star word
            for work in works:
                span = doc.char_span(work.start, work.end, alignment_mode="expand")
                k = span.end if span is not None else len(doc)
                if k + 1 < len(doc) and doc[k].lower_ in costar and (m := ctx.mention_at(doc[k + 1])) is not None \
                        and m.type == PERSON and not m.ref:
                    others += [x for x in [m, *ctx.surface_list(m)] if x.type == PERSON and not x.ref and x not in others]
        if lemma in ("see", "feature", "perform", "act", "pair", "team") and not others and any(
                w.rule == "kg.cast_title.v1" for w in works):
            continue  # a new title on a weak verb needs a co-star to be a screen appearance
        if not others:  # (co-stars named say it is screen work)
            works = _about_screen_work(ctx, tok, works)
        ev = ctx.evidence([tok, ins[0]], "kg.appears_with.v9", 0.75)
        for work in works:
            for p in [*people, *others]:
                if p is not work:
                    yield Candidate(work, "castMember", p, ev)


@rule("kg.appeared_as.v1", produces=("castMember", "performer"))
def appeared_as(ctx: Context) -> Iterator[Produced]:
    """*A appeared as C in W*, *A returned as C in W*, *A was cast as C in W*, *A spent the season as
    C in the series W*, *A joined the cast of W as C*: the character after *as* (a name, never *as
    a guest* or *as himself*) is played by A, and A is in the cast of the work named with *in*,
    *on* or *the cast of* (``kg.stars`` reads *stars as*)."""
    verbs = words()["as_verbs"]
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        if tok.pos_ != "VERB" or lemmas[tok.i] not in verbs or ctx.negated([tok]):
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        as_ = next((c for h in (tok, *objs) for c in h.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        pobj = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
        if pobj is None or not _titleish(pobj) or pobj.pos_ != "PROPN":
            continue
        named = ctx.mention_at(pobj)
        if named is not None and named.type not in (PERSON, CHARACTER):
            continue  # "joined the firm as Head of Drama", "returned as Mayor of X"
        char_span = _name_span(ctx, pobj)
        while len(char_span) > 1 and not _titleish(char_span[0]):
            char_span = char_span[1:]  # "as his sister Mara": the name, not the description
        inner = doc.char_span(named.start, named.end, alignment_mode="expand") if named is not None else None
        if inner is not None and char_span.start < inner.start < inner.end == char_span.end:
            char_span = inner  # "as NYPD Detective Dan Rook": the name NER found, not the rank before it
        people = [p for p in _person_subjects(ctx, tok) if p.text != char_span.text]
        if not people:
            continue
        works: list[Mention] = []
        for holder in (pobj, tok):
            for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in ("in", "on")):
                works += [m for m in _works_in(ctx, prep) if m.type == PRODUCTION and m not in works]
        for o in objs:  # "joined the cast of W as C"
            if o.lemma_.lower() in ("cast", "season", "series"):
                works += [m for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                          for m in _works_in(ctx, c) if m.type == PRODUCTION and m not in works]
        if not works and (named is None or named.type != CHARACTER):
            continue  # with no work named, only a name the article already calls a character
        ev = ctx.evidence([tok, as_, pobj], "kg.appeared_as.v1", 0.75)
        for p in people:
            for work in works:
                yield Candidate(work, "castMember", p, ev, char_span.text)
            yield Candidate(_character(ctx, char_span), "performer", p, ev)


@rule("kg.acted_possessive.v1", produces=("director",))
def acted_possessive(ctx: Context) -> Iterator[Produced]:
    """*A appeared in X's W (2008)*, *her role in X's W*: in a sentence of acting, the person whose
    possessive stands before the title an actor is in made it — its director, where the work is a
    film or has no kind yet (a series or a song has other makers; *X's* itself may be the actor's,
    so the actor named must be someone else)."""
    w = words()
    acting = w["appear_verbs"] | w["portray_verbs"] | w["part_nouns"]
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        if tok.dep_ != "prep" or tok.lower_ != "in":
            continue
        head = tok.head
        if lemmas[head.i] not in acting or head.pos_ not in ("VERB", "NOUN") or ctx.negated([head]):
            continue
        for pobj in (c for c in tok.children if c.dep_ == "pobj"):
            owner_tok = next((c for c in pobj.children if c.dep_ == "poss"), None)
            owner = ctx.mention_at(owner_tok) if owner_tok is not None else None
            if owner is None or owner.ref or owner.type != PERSON or ctx.is_character(owner):
                continue
            work = ctx.mention_at(pobj)
            if work is None or work.type != PRODUCTION or work.ref or work.kind not in (None, "Film"):
                continue
            span = doc.char_span(work.start, work.end, alignment_mode="expand")
            o_span = doc.char_span(owner.start, owner.end, alignment_mode="expand")
            if span is None or o_span is None or span.start != o_span.end + 1:
                continue  # the title right after "X's" ("X's 1999 thriller W" is kg.possessive_work's)
            if head.pos_ == "VERB":
                actors = _person_subjects(ctx, head)
            else:
                actors = [m for c in head.children if c.dep_ == "poss" for m in [ctx.refer(c)] if m is not None]
            if not actors or any(a is owner or a.text == owner.text for a in actors):
                continue
            yield Candidate(work, "director", owner, ctx.evidence([head, tok, owner_tok], "kg.acted_possessive.v1", 0.7))


@rule("kg.cast_label.v7", produces=("castMember",))
def cast_label(ctx: Context) -> Iterator[Produced]:
    """*W star A*, *former W actress A*, *W's star A*: a work written before an actor noun that
    introduces a name."""
    nouns, music = words()["actor_nouns"], words()["music_words"]
    doc = ctx.doc
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if lowers[tok.i] not in nouns or tok.pos_ not in ("NOUN", "PROPN") or tok.i + 1 >= len(doc) or tok.i < 1:
            continue
        person = ctx.mention_at(doc[tok.i + 1])
        if person is None or person.ref or person.type != PERSON:
            continue
        k = tok.i - 1
        if doc[k].lower_ in ("'s", "\u2019s") and k > 0:
            k -= 1
        work = ctx.mention_at(doc[k])
        if work is None or work is person or not _is_work(ctx, work) or work.ref:
            continue
        if lowers[tok.i] in ("star", "stars") and any(t.lower_ in music for t in sent_of(tok)) or any(
                m.type == GROUP and m.text == work.text for m in ctx.mentions):
            continue  # "former W star X" in a sentence about records: a band's star
        ev = ctx.evidence([doc[k], tok], "kg.cast_label.v7", 0.7, clause=False, description=True)
        yield Candidate(work, "castMember", person, ev)


@rule("kg.starring_after.v7", produces=("castMember",))
def starring_after(ctx: Context) -> Iterator[Produced]:
    """*the comedy W, starring A*, *W starring A*, *W, which starred A*: the work a participle of
    starring (or an active *starred*) is said of, where the parse hangs it elsewhere."""
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if lemmas[tok.i] not in ("star", "co-star", "costar") or tok.pos_ != "VERB" or ctx.negated([tok]):
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        people = [m for o in objs for m in ctx.names(o) if m.type == PERSON and not m.ref and not ctx.is_character(m)]
        if not people:
            continue
        work: Mention | None = None
        if lowers[tok.i] == "starring":
            before = doc[tok.i - 1] if tok.i > 0 else tok
            if before.text == "," and tok.i > 1:
                before = doc[tok.i - 2]
            m = ctx.mention_at(before)
            if m is not None and not m.ref and (m.type != PERSON or tok.dep_ == "acl" and tok.head.i == before.i):
                work = m  # "W starring A": a name that stars someone is a work
            elif m is None and tok.dep_ in ("advcl", "acl", "xcomp"):
                # the nearest title before it in the sentence, over no other title
                k = tok.i - 1
                while k >= sent_of(tok).start and work is None:
                    mk = ctx.mention_at(doc[k])
                    if mk is not None and not mk.ref and mk.type == PRODUCTION:
                        work = mk
                    elif mk is not None and not mk.ref and mk.type == PERSON:
                        break
                    k -= 1
        else:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in RELATIVE:
                clause = tok if tok.dep_ == "relcl" else tok.head
                subj = clause.head if clause.dep_ == "relcl" else None
            m = ctx.mention_at(subj) if subj is not None else None
            if m is not None and not m.ref and (_is_work(ctx, m) or m.rule in _LOOSE_NER):
                work = m  # "X starred A": only a work stars someone (never "Tinseltown stars A, B")
        if work is None:
            continue
        ev = ctx.evidence([tok], "kg.starring_after.v7", 0.75)
        for p in people:
            if p is not work:
                yield Candidate(work, "castMember", p, ev)


@rule("kg.voice.v8", produces=("voiceActor", "castMember"))
def voice(ctx: Context) -> Iterator[Produced]:
    """*C, voiced by A, …in W*, *A provides the voice of C in W*, *A is the voice of C in W*: the
    voice actor of a work (and the character they voice)."""
    doc = ctx.doc
    nouns = words()["voice_nouns"]
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        people: list[Mention] = []
        anchor = tok
        if lemmas[tok.i] == "voice" and tok.tag_ == "VBN" and any(
                c.dep_ == "agent" for c in tok.children):
            people = [m for a in ctx.agents([tok]) for m in ctx.names(a) if m.type == PERSON and not m.ref]
        elif lowers[tok.i] in nouns and tok.pos_ == "NOUN" and any(
                c.dep_ == "prep" and c.lower_ in ("of", "for", "behind") for c in tok.children):
            holder = tok.head
            if tok.dep_ == "dobj" and holder.lemma_.lower() in ("provide", "lend", "be", "do", "supply"):
                people = _person_subjects(ctx, holder)
            elif tok.dep_ == "attr" and holder.lemma_ == "be":
                people = _person_subjects(ctx, holder)
        if not people:
            continue
        k = _in_after(ctx, anchor, limit=8)
        works = _works_in(ctx, doc[k]) if k is not None else []
        ev = ctx.evidence([anchor], "kg.voice.v8", 0.75)
        for work in works:
            for p in people:
                yield Candidate(work, "voiceActor", p, ev)
                yield Candidate(work, "castMember", p, ev)


_YEAR = re.compile(r"(?:18|19|20)\d\d")


def _year_on(ctx: Context, verb: Token) -> Token | None:
    """The year a verb is dated by: *in 2005* (or *In 2005,* opening its clause), a bare year,
    never a span (*from 2005 to 2008*) nor a date of more than a year (*in May 2005*: still one)."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and _YEAR.fullmatch(pobj.text) and pobj.ent_type_ == "DATE" \
                    and not any(x.dep_ in ("amod", "compound", "nummod") for x in pobj.children):
                return pobj
    return None


_SERIAL = frozenset({"Series", "Miniseries", "Episode", "Song", "Album", "Book"})


@rule("kg.appearance_year.v6", produces=("publicationDate",))
def appearance_year(ctx: Context) -> Iterator[Produced]:
    """*In 2007 she appeared in the film W*, *A starred in W in 2005*: a film its actor appeared
    in in a given year came out that year. A series (whose seasons run on) or a sentence about an
    episode or a season is not dated so, nor a work already written with a year in brackets."""
    verbs = words()["appear_verbs"] | {"make"}
    doc = ctx.doc
    lemmas = lemmas_of(doc)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        if tok.pos_ != "VERB" or lemma not in verbs or ctx.negated([tok]):
            continue
        year = _year_on(ctx, tok)
        if year is None:
            continue
        ins = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" and not any(
            p is year for p in c.children)]
        if lemma == "make":  # "made his screen debut in 1990 in W"
            if not any(t.lemma_.lower() == "debut" for t in doc[tok.i + 1:min(len(doc), tok.i + 5)]):
                continue
        sent = sent_of(tok)
        if any(t.lemma_.lower() in ("episode", "season", "series", "stage", "theatre", "play", "musical")
               for t in sent):
            continue
        for in_tok in ins:
            for work in _works_in(ctx, in_tok):
                if work.ref == "definite":  # "in the film W": the title after the noun
                    span = doc.char_span(work.start, work.end, alignment_mode="expand")
                    after = ctx.mention_at(doc[span.end]) if span is not None and span.end < len(doc) else None
                    work = after if after is not None and after.type == PRODUCTION else work
                if work.type != PRODUCTION or work.ref or work.rule == "kg.cast_title.v1" \
                        or (work.kind or "") in _SERIAL:
                    continue
                span = doc.char_span(work.start, work.end, alignment_mode="expand")
                if span is None or span.end < len(doc) and doc[span.end].text == "(":
                    continue
                yield Candidate(work, "publicationDate", Value(year.text, "date"),
                                ctx.evidence([tok, year], "kg.appearance_year.v6", 0.6))
