"""Music: bands and their members, songs and albums and who performs them.

Entertainment news names a band by what it is (*rock band X*, *X frontman Y*, *X's drummer*)
and a song by its noun (*the hit X*, *their album X*, *the X track Y*). These rules read those
patterns (words in ``music.json``), establish the band as a group and the song or album as a
work wherever the article names them (:mod:`kg.extract.rules._named`), and state:

- ``memberOf`` (person → band): *X guitarist Y*, *Y, the X singer*, *Y of X*, *X's Y*, *Y joined
  / quit / formed X*, *Y has been in X*, *band members A, B and C*, and *drummer Y* in an article
  about one band;
- ``performer`` (song or album → singer or band): *X's album Y*, *the X track Y*, *their hits A,
  B and C*, *Y, the single by X*, *Y was (became) a hit for X*, *X released the album Y*, *X had a
  hit with Y*, *a version of Y sung by X*.

Examples
--------
>>> sorted(_words()["work_nouns"].items())[:2]
[('album', 'Album'), ('albums', 'Album')]
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from kg.extract.context import RELATIVE, Context
from kg.extract.lexicon import first_names
from kg.extract.rules import Produced, rule
from kg.extract.rules._named import (QUOTES, gerund_subject, name_run, named, possessive_before, quoted_list, title_list,
                                     titleish)
from kg.extract.sents import lemmas_of, lowers_of, sent_of, tokens_of
from kg.model import AWARD, GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Candidate, Mention

BAND_RULE = "kg.band_name.v1"
SONG_RULE = "kg.song_name.v1"
_NOT_NAMES = frozenset({"NORP", "GPE", "LOC", "DATE", "TIME", "ORDINAL", "CARDINAL", "LANGUAGE", "MONEY", "PERCENT"})
_PARTICLES = frozenset({"of", "the", "and", "&", "de", "la", "le", "van", "von", "der", "du", "di", "del", "da"})
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "this", "that", "these", "those", "his", "her",
                       "their", "its", "our", "my", "your"})


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    for key, value in list(data.items()):
        if isinstance(value, list):
            data[key] = frozenset(value)
    # the last words of every member noun, for a quick first look at each token
    data["member_heads"] = frozenset(data["member_nouns"] | data["loose_member_nouns"]
                                     | {n.split()[-1] for n in data["two_word_member_nouns"]})
    return data


# -- bands ---------------------------------------------------------------------------------------
def _member_noun(tok: Token) -> tuple[int, bool] | None:
    """(first token, strong) when ``tok`` ends a member noun: *guitarist*, *lead singer*, *star*."""
    w = _words()
    low = tok.lower_
    if low not in w["member_heads"]:
        return None
    if tok.i > 0 and f"{tok.doc[tok.i - 1].lower_} {low}" in w["two_word_member_nouns"]:
        return tok.i - 1, True
    if low in w["member_nouns"]:
        return tok.i, True
    if low in w["loose_member_nouns"]:
        return tok.i, False
    return None


def _group_noun(tok: Token) -> bool:
    """*band*, *rockers*; *group* or *outfit* only beside a music word (*pop group*, *girl group*)."""
    w = _words()
    if tok.text[:1].isupper() and not tok.is_sent_start:
        return False
    if tok.lower_ in w["group_nouns"]:
        return True  # (whatever the parser calls it: "rockers" is often a verb to it)
    if tok.lower_ in w["loose_group_nouns"]:  # (any part of speech: "pop outfits" is a verb to the parser)
        before = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
        return before in w["music_words"] or any(c.lower_ in w["music_words"] for c in tok.children
                                                  if c.dep_ in ("compound", "amod"))
    return False


def _is_genre(text: str) -> bool:
    """*R&B*, *Hip Hop*, *Pop*: a kind of music is not a band (*R&B singer Y*)."""
    low = text.lower()
    return low in _words()["music_words"] or low in _words()["genres"] or low.replace(" ", "-") in _words()["genres"]


def _usable(ctx: Context, start: int, end: int, *, named_as_band: bool = False) -> bool:
    """Whether tokens ``start:end`` may be a band's name (not a place, a nationality, a date);
    right after *band* (``named_as_band``) NER's places are often bands (*rockers Tinfoil*)."""
    doc = ctx.doc
    if start >= end or end - start > 6 or _is_genre(doc[start:end].text):
        return False
    toks = doc[start:end]
    allowed = {"GPE", "LOC"} if named_as_band or end - start > 1 else set()
    if any(t.ent_type_ in _NOT_NAMES - allowed and not (t.ent_type_ in ("CARDINAL", "ORDINAL") and not t.like_num)
           for t in toks) or toks[0].lower_ in _PRONOUNS:
        return False  # ("5ive" is a name, "five" a number)
    after_the = start > 0 and doc[start - 1].text == "The" and not doc[start - 1].is_sent_start
    if toks[0].is_sent_start and not after_the and not any(
            t.pos_ in ("PROPN", "NUM") or t.text[:1].isdigit() or t.is_upper and len(t) > 1 for t in toks):
        return False  # "Former guitarist", "Lead singer": a capitalised word at a sentence's start
    m = ctx.mention_at(toks[-1])
    if m is not None and m.type == PLACE and not named_as_band:
        return len(m.text.split()) > 1 and end - start > 1  # "London guitarist": a place; "Velvet Harbour": a name
    return m is None or m.type != AWARD


def _established_band(reg: Any, a: int, b: int) -> bool:
    """Whether the article has established tokens ``a:b`` as a band's name (*the rock band X*),
    so that a sentence-initial capital there is the name's, not the sentence's."""
    m = reg.by_token.get(a)
    return m is not None and m.type == GROUP and m.rule == BAND_RULE and reg.ctx.doc[a:b].text == m.text


def _name_before(ctx: Context, i: int) -> list[tuple[int, int]]:
    """The names written right before token ``i`` (*Rust Engine and Velvet Harbour* singer: two)."""
    doc = ctx.doc
    start = sent_of(doc[i]).start if i < len(doc) else 0
    if i <= start or not titleish(doc[i - 1]):
        return []
    a = b = i
    while a > start and (titleish(doc[a - 1]) or doc[a - 1].lower_ in _PARTICLES
                         and a - 1 > start and titleish(doc[a - 2])
                         or doc[a - 1].text in ("'", "\u2019") and a - 1 > start and not doc[a - 2].whitespace_):
        a -= 1  # ("Rollin' Tide": an apostrophe inside the name)
    m = ctx.mention_at(doc[a])
    span = doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None and not m.ref else None
    if span is not None and span.start < a:
        return []  # the end of a longer name ("... and Sons guitarist"?): not read
    quals = set(ctx.lex.time_qualifiers)
    reg = named(ctx)
    while a < b and (doc[a].lower_ in ("the", "of", "and", "&") or doc[a].lower_ in quals
                     or doc[a].is_sent_start and doc[a].pos_ not in ("PROPN", "NUM")
                     and not _established_band(reg, a, b)):
        a += 1  # "Former Crown guitarist": the band is Crown; "Crown bassist Y" where the article
        # has called Crown a band elsewhere: Crown, though the parser reads it as a common noun
    m = ctx.mention_at(doc[i - 1])
    if a >= b:
        return []
    if m is not None and m.type == PERSON and b - a >= 2 and doc[a].lower_ in first_names():
        return []  # a person's full name, not a band's
    # "X and Y singer", "The Night Owls and The Quiet Hours drummer": two bands
    for k in range(a + 1, b - 1):
        if doc[k].lower_ in ("and", "&") and (doc[k + 1].text == "The" or any(
                t.dep_ == "conj" and t.head.i < k for t in doc[k + 1:b])):
            return [(a, k), (k + 2 if doc[k + 1].lower_ == "the" and k + 2 < b else k + 1, b)]
    return [(a, b)]


def bands(ctx: Context) -> dict[str, Mention]:
    """The bands this article names by what they are, each established as a group everywhere
    the article writes its name (by name; computed once per article)."""
    reg = named(ctx)
    cached = getattr(reg, "bands", None)
    if cached is not None:
        return cached
    found: dict[str, Mention] = {}
    reg.bands = found  # type: ignore[attr-defined]
    doc = ctx.doc
    w = _words()

    def establish(a: int, b: int, named_as_band: bool = False) -> None:
        if _usable(ctx, a, b, named_as_band=named_as_band):
            m = reg.everywhere(a, b, GROUP, BAND_RULE, 0.9)
            if m is not None:
                found.setdefault(m.text, m)

    triggers = w["group_nouns"] | w["loose_group_nouns"] | w["member_heads"]
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if lowers[tok.i] not in triggers:
            continue
        if _group_noun(tok):
            i = tok.i + 1
            if i < len(doc):
                m = ctx.mention_at(doc[i])
                span = doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None and not m.ref else None
                end = max(span.end if span is not None and span.start == i else i, name_run(doc, i))
                # "the band Lena Holt formed": a clause on the noun whose subject is the name
                clause = end < len(doc) and doc[end].pos_ in ("VERB", "AUX") and doc[end].dep_ in ("relcl", "acl")
                if end > i and not clause and not (end < len(doc) and doc[end].lower_ in ("'s", "\u2019s")
                                                   and doc[end - 1].ent_type_ == "PERSON"):
                    if lowers[tok.i] in w["plural_group_nouns"]:  # "the pop outfits A and B"
                        for a, b in title_list(doc, i):
                            establish(a, b, named_as_band=True)
                    else:
                        establish(i, end, named_as_band=True)
            # "X, a rock band", "X are a pop group": the name the noun describes
            if tok.dep_ == "appos" or tok.dep_ == "attr" and tok.head.lemma_ == "be":
                head = tok.head if tok.dep_ == "appos" else next(
                    (c for c in tok.head.children if c.dep_ == "nsubj"), None)
                hm = ctx.mention_at(head) if head is not None else None
                if hm is not None and not hm.ref and hm.type != PERSON or hm is not None and hm.type == PERSON \
                        and len(hm.text.split()) == 1:
                    span = doc.char_span(hm.start, hm.end, alignment_mode="expand")
                    if span is not None:
                        establish(span.start, span.end)
                elif hm is None and head is not None and titleish(head) and head.pos_ == "PROPN":
                    a = head.left_edge.i + (1 if head.left_edge.lower_ == "the" else 0)
                    if name_run(doc, a) == head.i + 1:  # "The Hub is an American ensemble"
                        establish(a, head.i + 1)
            continue
        noun = _member_noun(tok)
        if noun is None or not noun[1]:
            continue
        first, _ = noun
        # "X guitarist Y", "X and Z singer Y" (lead singer: strong)
        for a, b in _name_before(ctx, first):
            establish(a, b)
        # "guitarist with X", "a bandmate of Y's in X": the name after a preposition
        k = _name_after_prep(doc, tok)
        if k is not None:
            if titleish(doc[k]) and not doc[k].is_sent_start:
                m = ctx.mention_at(doc[k])
                span = doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None and not m.ref else None
                end = max(span.end if span is not None and span.start == k else k, name_run(doc, k))
                if end > k and (m is None or m.type != PERSON) and not (
                        end < len(doc) and doc[end].lower_ in ("'s", "\u2019s")):
                    establish(k, end)
        # "Kestrel Lane's guitarist"
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ not in _PRONOUNS:
                m = ctx.mention_at(c)
                span = doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None else None
                if span is not None:
                    establish(span.start, span.end)
                elif titleish(c):
                    establish(c.i, c.i + 1)
    return found


def band_at(ctx: Context, tok: Token) -> Mention | None:
    """The band ``tok`` names, for the other families (see ``_band_at``)."""
    return _band_at(ctx, tok)


def _band_at(ctx: Context, tok: Token) -> Mention | None:
    """The band ``tok`` names: one this article establishes, a group mention, or *the band*."""
    reg = named(ctx)
    bands(ctx)
    m = reg.by_token.get(tok.i)
    if m is not None and m.type == GROUP:
        return m
    m = ctx.mention_at(tok)
    if m is not None and m.type == GROUP:
        return m
    if _group_noun(tok) and tok.i + 1 < len(tok.doc):  # "by boy band X": the name after the noun
        after = reg.by_token.get(tok.i + 1)
        if after is not None and after.type == GROUP:
            return after
    if m is None and tok.lower_ in ("band", "group") and any(c.lower_ in ("the", "this") for c in tok.children):
        return ctx.ref(tok, GROUP, "definite")
    return None


def _name_after_prep(doc, noun: Token) -> int | None:  # type: ignore[no-untyped-def]
    """Where the name starts that *with*, *in*, *of* or *for* brings in after a member noun, past
    *the 1980s* and a possessive person (*a bandmate of Y's in X*); None when there is none."""
    j = next((j for j in range(noun.i + 1, min(len(doc), noun.i + 8)) if doc[j].lower_ in ("with", "in", "of", "for")
              and not (j + 2 < len(doc) and doc[j + 2].lower_ in ("'s", "\u2019s"))), None)
    if j is None or any(t.is_punct or t.pos_ == "VERB" and not _group_noun(t) for t in doc[noun.i + 1:j]):
        return None
    k = j + 1
    while k < min(len(doc), j + 6) and (doc[k].like_num or doc[k].is_lower and not doc[k].is_punct
                                        and doc[k].lower_ not in ("and", "or", "who", "which", "that", "whose")):
        k += 1  # (the parser calls "pop" in "the 1990s pop duos X" anything)
    return k if k < len(doc) else None


def band_named(ctx: Context, tok: Token) -> Mention | None:
    """The band a group noun stands for: *X is an American ensemble formed in 1986 consisting of ...*."""
    if not _group_noun(tok):
        return None
    m = ctx.refer(tok)
    if m is not None and m.type == GROUP and not m.ref:
        return m
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        for s in (c for c in tok.head.children if c.dep_ == "nsubj"):
            return _band_at(ctx, s)
    return None


def _band_after(ctx: Context, prep: Token) -> list[Mention]:
    """The band a preposition brings in, read on the surface: *with late 1980s rockers X*."""
    doc = ctx.doc
    for k in range(prep.i + 1, min(len(doc), prep.i + 6)):
        if doc[k].is_punct or doc[k].pos_ in ("VERB", "AUX", "ADP") and not _group_noun(doc[k]):
            break
        band = _band_at(ctx, doc[k])
        if band is not None and not band.ref:
            return [band]
    return []


def _person_at(ctx: Context, tok: Token) -> Mention | None:
    m = ctx.refer(tok)
    if m is None or m.type != PERSON or named(ctx).by_token.get(tok.i) is not None:
        return None  # (a name the article established as a band or a song is not a person)
    return m


def _dominant_band(ctx: Context) -> Mention | None:
    """The band an article is about: named three times at least, twice as often as any other."""
    found = bands(ctx)
    if not found:
        return None
    times = Counter(m.text for m in set(named(ctx).by_token.values()) if m.type == GROUP and m.rule == BAND_RULE)
    ranked = times.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return found[ranked[0][0]]
    return None


@rule("kg.band_member.v12", produces=("memberOf",))
def band_member(ctx: Context) -> Iterator[Produced]:
    """*X guitarist Y*, *Y, the X singer*, *Y, guitarist with X*, *Y of X*, *X's Y*, *Y joined X*,
    *band members A, B and C*; *drummer Y* where the article is about one band."""
    doc = ctx.doc
    w = _words()
    if not bands(ctx) and not any(m.type == GROUP and not m.ref for m in ctx.mentions):
        return  # no band in the article
    dominant = _dominant_band(ctx)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        noun = _member_noun(tok)
        if noun is not None:
            yield from _member_noun_facts(ctx, tok, noun[0], noun[1], dominant)
        # "Y of X": a person, then of and the band
        elif lowers[tok.i] == "of" and tok.head.i < tok.i:
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            band = _band_at(ctx, obj) if obj is not None else None
            person = _person_at(ctx, tok.head) if band is not None and not band.ref else None
            if person is not None and band is not None and not band.ref and not person.ref:
                yield Candidate(person, "memberOf", band, ctx.evidence([tok.head, obj], "kg.band_member.v12", 0.75,
                                                                       clause=False))
        # "Kestrel Lane's Tom Ashby"
        elif lowers[tok.i] in ("'s", "\u2019s") and tok.i > 0 and tok.i + 1 < len(doc):
            band = _band_at(ctx, doc[tok.i - 1])
            person = ctx.mention_at(doc[tok.i + 1])
            if band is not None and not band.ref and person is not None and person.type == PERSON and not person.ref \
                    and named(ctx).by_token.get(tok.i + 1) is None:
                yield Candidate(person, "memberOf", band, ctx.evidence([doc[tok.i - 1], doc[tok.i + 1]],
                                                                       "kg.band_member.v12", 0.7, clause=False))
        # "Y joined / quit / formed X", "Y left the band"
        elif tok.pos_ == "VERB" and lemmas[tok.i] in w["membership_verbs"]:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            groups = [b for o in objs for t in ctx.conjuncts(o) if (b := _band_at(ctx, t)) is not None]
            if not groups:
                continue
            # its own subject, never one inherited through "ask X to leave": X is not who leaves
            own = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not own and tok.dep_ == "xcomp":  # "wants to quit": the wanter; "asked X to leave": X
                own = [c for c in tok.head.children if c.dep_ == "dobj"] or ctx.subjects(tok.head)
            elif not own and tok.dep_ in ("conj", "relcl", "acl") or not own and tok.dep_ == "advcl" \
                    and tok.tag_ == "VBG":
                own = ctx.subjects(tok)
            people = [p for s in own for t in ctx.conjuncts(s) if (p := _person_at(ctx, t)) is not None
                      and _band_at(ctx, t) is None]
            if not people:  # "... before forming Y", where the parser broke the sentence
                people = [p for s in gerund_subject(ctx, tok) for t in ctx.conjuncts(s)
                          if (p := _person_at(ctx, t)) is not None]
            for p in people:
                for g in groups:
                    yield Candidate(p, "memberOf", g, ctx.evidence([tok, *objs], "kg.band_member.v12", 0.75))
        # "X, consisting of A, B and C", "the band comprises A and B"
        elif lemmas[tok.i] in w["lineup_verbs"]:
            objs = [p for _, p in ctx.preps([tok], {"of"})] + [c for c in tok.children if c.dep_ == "dobj"]
            people = [m for o in objs for m in ctx.names(o) if m.type == PERSON and not m.ref
                      and named(ctx).by_token.get(ctx.doc.char_span(m.start, m.end, alignment_mode="expand").start)
                      is None]
            heads = ctx.subjects(tok) if tok.dep_ not in ("acl", "relcl") else [tok.head]
            groups = [g for h in heads if (g := _band_at(ctx, h) or band_named(ctx, h)) is not None and not g.ref]
            for g in groups:
                for p in people:
                    yield Candidate(p, "memberOf", g, ctx.evidence([tok], "kg.band_member.v12", 0.75))
        # "Y has been in X", "Y played in X"
        elif lemmas[tok.i] in ("be", "play") and tok.pos_ in ("AUX", "VERB"):
            for _, pobj in ctx.preps([tok], {"in"}):
                band = _band_at(ctx, pobj)
                if band is None or band.ref:
                    continue
                for s in ctx.subjects(tok):
                    person = _person_at(ctx, s)
                    if person is not None:
                        yield Candidate(person, "memberOf", band, ctx.evidence([tok, pobj], "kg.band_member.v12", 0.7))


def _member_noun_facts(ctx: Context, tok: Token, first: int, strong: bool,
                       dominant: Mention | None) -> Iterator[Produced]:
    doc = ctx.doc
    groups: list[Mention] = []
    for a, b in _name_before(ctx, first):
        if _is_genre(doc[a:b].text):
            continue
        m = _band_at(ctx, doc[a])
        if m is None and tok.lower_ in ("member", "members"):  # "former Labour Party member Y": any group
            m = ctx.mention_at(doc[a])
            m = m if m is not None and m.type in (GROUP, ORGANIZATION) else None
        if m is not None and not m.ref:
            groups.append(m)
    for c in tok.children:
        if c.dep_ == "poss" and (g := _band_at(ctx, c)) is not None:
            groups.append(g)
        elif c.dep_ == "poss" and c.lower_ in ("their",):
            groups.append(ctx.refer(c) or ctx.ref(c, GROUP, "pronoun"))
        if c.dep_ == "prep" and c.lower_ in ("with", "of", "in", "for", "from"):
            groups += [g for p in c.children if p.dep_ == "pobj" for t in ctx.conjuncts(p)
                       if (g := _band_at(ctx, t)) is not None] or _band_after(ctx, c)
    if not groups and (k := _name_after_prep(doc, tok)) is not None:
        g = _band_at(ctx, doc[k])
        groups += [g] if g is not None and not g.ref else []
    people: list[Mention] = []
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == "," and nxt.i + 1 < len(doc) and groups:
        nxt = doc[nxt.i + 1]  # "former X member, Y"
    if nxt is not None and ctx.mention_at(nxt) is None and titleish(nxt) and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]  # "frontwoman Ana Matronic" where NER found only the surname
    if nxt is not None and (m := _person_at(ctx, nxt)) is not None and not m.ref:
        people.append(m)
        if tok.tag_ == "NNS":  # "band members A, B and C"
            people += [p for p in ctx.surface_list(m) if p.type == PERSON]
    elif tok.dep_ == "appos" and (m := _person_at(ctx, tok.head)) is not None:
        people.append(m)  # "Y, the X frontman"
    elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
        people += [m for s in ctx.subjects(tok.head) if (m := _person_at(ctx, s)) is not None]
    elif tok.dep_ == "compound" and (m := _person_at(ctx, tok.head)) is not None:
        people.append(m)
    elif tok.dep_ == "pobj" and tok.head.lower_ == "as" and (m := _known_as(ctx, tok.head.head)) is not None:
        people.append(m)  # "Y, best known as the lead vocalist of X", "Y served as X's drummer"
    else:  # "Y, formerly one half of X", "Y, a former member of X": the person before the comma
        k = first - 1
        while k > 0 and doc[k].is_lower and doc[k].is_alpha and k > first - 4:
            k -= 1
        if k > 0 and doc[k].text == "," and (m := _person_at(ctx, doc[k - 1])) is not None and not m.ref:
            people.append(m)
    if tok.lower_ in ("members", "bandmates") and not groups:
        for c in tok.children:  # "band members A, B and C": the band of the article
            if c.lower_ == "band" and c.dep_ == "compound" and dominant is not None:
                groups.append(dominant)
    if not groups and strong and dominant is not None and not any(
            c.dep_ == "poss" for c in tok.children) and tok.lower_ not in ("bandmate", "bandmates"):
        # "drummer Y" in an article about one band
        yield from (Candidate(p, "memberOf", dominant, ctx.evidence([tok], "kg.band_member.v12", 0.55, clause=False))
                    for p in people if not p.ref)
        return
    for p in people:
        for g in groups:
            if g is not p:
                yield Candidate(p, "memberOf", g, ctx.evidence([tok], "kg.band_member.v12", 0.8, clause=False))


def _known_as(ctx: Context, verb: Token) -> Mention | None:
    """The person a verb with *as* is said of (*Y served as …*, *Y is known as …*); where the verb
    describes a noun the copula gives the person (*Y was a singer, best known as …*), that person."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "acl" and verb.head.dep_ == "attr" and verb.head.head.lemma_ == "be":
        subs = [c for c in verb.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        subs = ctx.subjects(verb)
    people = [m for s in subs if (m := _person_at(ctx, s)) is not None and not m.ref]
    return people[0] if len(people) == 1 else None


# -- songs and albums ------------------------------------------------------------------------------
def _work_kind(tok: Token) -> str | None:
    return _words()["work_nouns"].get(tok.lower_)


def _titles_after(ctx: Context, noun: Token) -> list[Mention]:
    """The songs or albums a music noun names right after it (*the hit X*, *hits A, B and C*)."""
    doc = ctx.doc
    kind = _work_kind(noun)
    i = noun.i + 1
    if i >= len(doc) or noun.text[:1].isupper():
        return []
    if noun.tag_ == "NNS" and i + 1 < len(doc):
        # "hits including X", "singles such as X", "whose hit songs include X, Y and Z"
        if doc[i].lower_ in ("including", "like", "include", "included", "includes"):
            i += 1
        elif doc[i].lower_ == "such" and doc[i + 1].lower_ == "as":
            i += 2
        elif doc[i].text == "," and doc[i + 1].lower_ in ("including", "like"):
            i += 2
    if i < len(doc) and doc[i].text == "," and i + 1 < len(doc) and titleish(doc[i + 1]) and (any(
            c.dep_ in ("det", "poss") for c in noun.children) or _owned(noun)):
        i += 1  # "their new single, X, ...", "Y's third studio album, X"
    if i >= len(doc):
        return []
    if i < len(doc) and doc[i].text in QUOTES:
        spans = quoted_list(doc, i)  # 'her single "Beautiful"', 'the singles "A" and "B"'
    elif i >= len(doc) or not titleish(doc[i]) or doc[i].pos_ == "NOUN" and not doc[i].text[:1].isupper():
        return []
    else:
        spans = title_list(doc, i) if noun.tag_ == "NNS" else [(i, name_run(doc, i))]
    out = []
    for a, b in spans:
        if b <= a or doc[a].ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL") \
                or doc[a].like_num and b == a + 1:
            break  # (NER's people and places right after a music noun are mostly titles)
        if b < len(doc) and (doc[b].lower_ in ("'s", "\u2019s") or doc[b].pos_ in ("VERB", "AUX")
                             and doc[b].dep_ in ("relcl", "acl") and any(c.dep_ == "nsubj" and a <= c.i < b
                                                                          for c in doc[b].children)):
            break  # "the track Lena Holt wrote", "the album Lena Holt's fans ..."
        if doc[a].lower_ in _PRONOUNS and b - a < 2:
            break
        m = named(ctx).everywhere(a, b, PRODUCTION, SONG_RULE, 0.85, kind)
        if m is not None:
            out.append(m)
    return out


def _owned(noun: Token) -> bool:
    """Whether a possessive is written before ``noun`` (*her fourth studio album*, *Y's debut
    single*), however the parser hung it."""
    tok = possessive_before(noun, _PRONOUNS)
    return tok is not None and tok.lower_ in ("his", "her", "their", "its", "whose", "'s", "\u2019s")


def _artists(ctx: Context, tok: Token) -> list[Mention]:
    """Who ``tok`` names as a singer or band: a person, an established band, a pronoun for one."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "X, who had a hit with Y"
    m = _band_at(ctx, tok)
    if m is not None:
        return [m]
    m = ctx.refer(tok)
    if m is None or named(ctx).by_token.get(tok.i) is not None:
        return []
    if m.type == PERSON or m.type == GROUP:
        return [m]
    return []


def _possessor(ctx: Context, noun: Token) -> list[Mention]:
    """Whose the noun is: *their (new) album*, *X's latest single* (read on the surface: the
    parser often hangs the possessive on the title after the noun)."""
    doc = ctx.doc
    tok = possessive_before(noun, _PRONOUNS)
    if tok is None:
        return []
    k = tok.i
    if doc[k].lower_ in ("his", "her", "their"):
        return _clause_subject(ctx, doc[k]) or _artists(ctx, doc[k])
    if doc[k].lower_ in ("'s", "\u2019s", "'", "\u2019") and k > 0:
        return _artists(ctx, doc[k - 1])
    if doc[k].lower_ == "whose" and k > 0:
        # "the rock band X, whose hit songs include ...": the name the clause is said of
        j = k - 1 if doc[k - 1].text == "," else k
        return _artists(ctx, doc[j - 1]) if j > 0 else []
    return []


def _clause_subject(ctx: Context, pronoun: Token) -> list[Mention]:
    """The named subject of the clause a possessive pronoun is in, which it most often means
    (*X had worked with Y on her albums*: X's); none when the subject is of another kind."""
    verb = ctx.governing_verb(pronoun)
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    want = (PERSON,) if pronoun.lower_ in ("his", "her") else (GROUP, PERSON)
    for s in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        for m in _artists(ctx, s):
            if not m.ref and m.type in want:
                return [m]
    return []


def _sung(ctx: Context, tok: Token) -> list[Mention]:
    """The song a verb of singing has for object at ``tok``: a title with no kind of its own or a
    song's (never a film's or a book's: *performed Hamlet*), or the title a song noun is called
    (*a song called Y*, *the song Y*)."""
    kinds = (None, "Song", "Album")
    if _work_kind(tok) is not None:
        called = [g for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in _words()["naming_verbs"]
                  for g in c.children if g.dep_ in ("oprd", "dobj", "attr")]
        found = _titles_after(ctx, tok) or [m for g in called for m in ctx.names(g)]
        return [m for m in found if m.type == PRODUCTION and not m.ref and m.kind in kinds]
    m = named(ctx).by_token.get(tok.i) or ctx.mention_at(tok)
    if m is None or m.type != PRODUCTION or m.ref or m.kind not in kinds or ctx.is_character(m):
        return []
    # a title without a kind only when written in quotes, as songs are (*performed Hamlet* is a play)
    text = tok.doc.text
    quoted = m.start > 0 and text[m.start - 1] in "\"\u201c\u2018'"
    return [m] if m.kind is not None or quoted else []


def _song_at(ctx: Context, tok: Token) -> Mention | None:
    m = named(ctx).by_token.get(tok.i) or ctx.refer(tok)
    if m is not None and m.type == PRODUCTION and (m.kind in ("Song", "Album") or m.rule == SONG_RULE):
        return m
    return None


def _chart_sentence(sent: Span, w: dict[str, Any]) -> bool:
    """A sentence about the charts: a chart word, or a chart place (*to four*, *at five*, *in at
    two*) — a number word after *to* or *at* with no noun after it; not the box office's, the
    ratings' or the bestseller lists' (*opened at number one at the box office*)."""
    if any(t.lower_ in w["other_charts"] for t in sent):
        return False
    for t in sent:
        if t.lower_ in w["chart_words"]:
            return True
        if (t.like_num or t.lower_ in w["chart_places"]) and t.i > sent.start and sent.doc[t.i - 1].lower_ in ("to", "at") \
                and (t.i + 1 >= sent.end or sent.doc[t.i + 1].pos_ not in ("NOUN", "PROPN", "NUM")) \
                and not any(c in t.text for c in "-:/"):
            return True
    return False


def _chart_verb(with_: Token) -> Token | None:
    """The verb a *with* belongs to, also through the chart place it hangs on (*went in at two
    with Y*)."""
    h = with_.head
    for _ in range(3):
        if h.pos_ in ("VERB", "AUX"):
            return h
        if h.dep_ not in ("pobj", "prep", "advmod", "npadvmod", "nummod") or h.head is h:
            return None
        h = h.head
    return None


def _charted_work(ctx: Context, tok: Token, w: dict[str, Any]) -> Mention | None:
    """The song or album at ``tok`` in a chart sentence: one named as such, a named work, the work
    of *a version (cover, remix) of Y*, or a title-case run no one took for a person or a place."""
    if any(ctx.production_nouns.get(t.lower_) not in (None, "Song", "Album") for t in tok.subtree if t.i <= tok.i):
        return None  # "at the top with comedy Y": a film's week at the top
    if tok.lower_ in w["version_nouns"]:
        of = next((p for _, p in ctx.preps([tok], {"of"})), None)
        if of is None:
            return None
        tok = of
    doc = ctx.doc
    end = tok.i + 1  # the phrase itself, up to a comma or a clause on it ("with Y, followed by Z")
    while end < min(len(doc), tok.right_edge.i + 1) and doc[end].text not in (",", ";", "(", "-") \
            and doc[end].dep_ not in ("acl", "relcl", "cc"):
        end += 1
    noun = next((t for t in doc[tok.i + 1:end] if _work_kind(t) or t.lower_ in w["chart_work_nouns"]), None)
    if noun is not None:  # "with the Harbour Trust record Y": the name before the noun only modifies it
        after = _titles_after(ctx, noun)
        return after[0] if after else None
    song = _song_at(ctx, tok)
    if song is not None:
        return None if song.ref else song
    m = ctx.mention_at(tok)
    if m is not None:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.end < len(ctx.doc) and (_work_kind(ctx.doc[span.end])
                                                             or ctx.doc[span.end].lower_ in w["chart_work_nouns"]):
            after = _titles_after(ctx, ctx.doc[span.end])  # "the Harbour Trust record Y": it only modifies
            return after[0] if after else None
        return m if m.type == PRODUCTION and not m.ref and not ctx.is_character(m) \
            and m.kind in (None, "Song", "Album") else None
    if _work_kind(tok) or tok.lower_ in w["chart_work_nouns"]:  # "with the charity record Y": the title after it
        after = _titles_after(ctx, tok)
        return after[0] if after else None
    if not titleish(tok):
        return None
    a = tok.left_edge.i
    while a < tok.i and not titleish(ctx.doc[a]):
        a += 1
    b = name_run(ctx.doc, a)
    if b < len(ctx.doc) and (_work_kind(ctx.doc[b]) or ctx.doc[b].lower_ in w["chart_work_nouns"]):
        # "the Harbour Trust record Y": the run only modifies the noun
        after = _titles_after(ctx, ctx.doc[b])
        return after[0] if after else None
    if b <= tok.i or any(ctx.mention_at(t) is not None for t in ctx.doc[a:b]):
        return None
    return named(ctx).everywhere(a, b, PRODUCTION, SONG_RULE, 0.75, "Song")


@rule("kg.music_work.v15", produces=("performer", "recordLabel"))
def music_work(ctx: Context) -> Iterator[Produced]:
    """*X's album Y*, *the X track Y*, *their hits A, B and C*, *the single Y by X*, *X released
    the album Y*, *X had a hit with Y*, *a version of Y sung by X*: the performer of a song."""
    doc = ctx.doc
    bands(ctx)
    w = _words()
    name = "kg.music_work.v15"
    art = tokens_of(doc)  # the article's tokens (art[k] makes a new Token on each call)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in art:
        if _work_kind(tok) and not tok.text[:1].isupper() and (tok.pos_ in ("NOUN", "PROPN") or tok.i > 0 and (
                art[tok.i - 1].pos_ in ("PROPN", "DET", "ADJ", "NUM") or art[tok.i - 1].tag_ == "PRP$")):
            # (the parser often takes "track" or "hit" after a name for a verb)
            if tok.i + 1 < len(doc) and art[tok.i + 1].pos_ == "NOUN" and not titleish(art[tok.i + 1]):
                continue  # "album charts", "hit film": the noun describes another
            works = _titles_after(ctx, tok)
            if not works:
                works = [m for m in [_song_at(ctx, tok)] if m is not None and not m.ref]
            if not works and tok.dep_ == "attr" and lemmas[tok.head.i] in ("become", "remain"):
                # "Y became a hit for X": the song the subject is (never a film: only a song or album)
                works = [m for c in tok.head.children if c.dep_ == "nsubj"
                         and (m := _song_at(ctx, c)) is not None and not m.ref]
            artists: list[Mention] = _possessor(ctx, tok)
            for c in tok.children:
                # "the single Y by X"; "Y, a number one hit for X": whose hit it was (only a hit:
                # "a song for X" is written for X, whoever sings it)
                if c.dep_ == "prep" and (c.lower_ in ("by", "from")
                                         or c.lower_ == "for" and lowers[tok.i] == "hit"):
                    artists += [a for p in c.children if p.dep_ == "pobj" for t in ctx.conjuncts(p)
                                for a in _artists(ctx, t)]
            # "the Nadia Ferrante track X", "Kestrel Lane hit X"
            if tok.i > 0 and not artists:
                before = art[tok.i - 1]
                m = named(ctx).by_token.get(before.i) or ctx.mention_at(before)
                if m is not None and not m.ref and (m.type == GROUP or m.type == PERSON and
                                                    named(ctx).by_token.get(before.i) is None):
                    artists.append(m)
            # "X released the album Y" (who performs "the Y track" of another is not its performer)
            if tok.dep_ == "dobj" and tok.head.lemma_.lower() in w["release_verbs"] and not ctx.negated([tok.head]) \
                    and not artists:
                artists += [a for s in ctx.subjects(tok.head) for t in ctx.conjuncts(s) for a in _artists(ctx, t)]
            # "X had a hit with Y"
            if lowers[tok.i] in ("hit", "hits"):
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ == "with":
                        for p in (x for x in c.children if x.dep_ == "pobj"):
                            a = p.left_edge.i
                            b = name_run(doc, a)
                            if b > a and titleish(art[a]):
                                s = named(ctx).everywhere(a, b, PRODUCTION, SONG_RULE, 0.85, "Song")
                                works += [s] if s is not None else []
                if tok.dep_ == "dobj":
                    artists += [a for s in ctx.subjects(tok.head) for t in ctx.conjuncts(s) for a in _artists(ctx, t)]
            if tok.dep_ == "attr" and all(a.ref for a in artists):
                continue  # "X was her swan song": a copula's noun with only a pronoun is no credit
            seen = set()
            for work in works:
                for artist in artists:
                    if artist is work or (work.start, artist.start) in seen:
                        continue
                    seen.add((work.start, artist.start))
                    yield Candidate(work, "performer", artist, ctx.evidence([tok], name, 0.75, clause=False))
        # "a version of Y sung by X", "Y, recorded by X"
        elif lemmas[tok.i] in w["release_verbs"] and lemmas[tok.i] != "release" \
                and tok.tag_ in ("VBN", "VBD") and tok.i + 2 < len(doc) and art[tok.i + 1].lower_ == "by":
            after = art[tok.i + 2]
            while after.i + 1 < len(doc) and not titleish(after) and after.i < tok.i + 5:
                after = art[after.i + 1]  # "by boy band X"
            agents = _artists(ctx, after)
            end = tok.i - 1 if art[tok.i - 1].text == "," else tok.i
            works: list[Mention] = []
            if agents and end > 0 and not ctx.negated([tok]):
                song = _song_at(ctx, art[end - 1])
                if song is not None and not song.ref:
                    works.append(song)
                else:  # the name after "a version of"
                    k = next((k for k in range(end - 2, max(0, end - 10), -1) if art[k].lower_ == "of"), 0)
                    if k > 0 and art[k - 1].lower_ in ("version", "versions", "cover", "rendition"):
                        a, b = k + 1, name_run(doc, k + 1)
                        if b == end and (s := named(ctx).everywhere(a, b, PRODUCTION, SONG_RULE, 0.8, "Song")):
                            works.append(s)
            for work in works:
                for artist in agents:
                    yield Candidate(work, "performer", artist, ctx.evidence([tok, after], name, 0.75))
        # "X released Y", "Epic released Y": a song or album named as one; a label releases it too
        elif tok.pos_ == "VERB" and (lemmas[tok.i] in ("release", "issue", "record") or lemmas[tok.i] in w["sing_verbs"]) \
                and not ctx.negated([tok]):
            sings = lemmas[tok.i] in w["sing_verbs"]
            objs = [t for o in tok.children if o.dep_ == "dobj" for t in ctx.conjuncts(o)]
            songs = [m for t in objs if (m := _song_at(ctx, t)) is not None and not m.ref and _work_kind(t) is None]
            if sings and not songs:
                # "she sang "Y"", "to perform Y", "performing a song called Y": what is sung is a song
                # (not another's: "singing X's Y" is a cover, whose performer is X)
                songs = [m for t in objs if not any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in t.children)
                         for m in _sung(ctx, t)]
            if not songs:
                continue
            for s in ctx.subjects(tok):
                m = _band_at(ctx, s) or ctx.refer(s)
                if m is None or m.ref and m.type != GROUP and not (sings and m.type == PERSON and m.ref == "pronoun"):
                    continue
                prop = "recordLabel" if m.type == ORGANIZATION and not _band_at(ctx, s) else "performer"
                if prop == "recordLabel" and lemmas[tok.i] == "record" or sings and m.type not in (PERSON, GROUP):
                    continue  # (a company records nothing; only a singer or a band sings)
                for song in songs:
                    yield Candidate(song, prop, m, ctx.evidence([tok], name, 0.7))
        # "Y (featuring X)": the artists a song features perform it
        elif lowers[tok.i] in ("featuring", "feat", "feat.", "ft.") and tok.i >= 2 and (
                art[tok.i - 1].text == "(" or art[tok.i - 1].pos_ == "ADV" and art[tok.i - 2].text == "("):
            k = tok.i - 2 if art[tok.i - 1].text == "(" else tok.i - 3  # "(sometimes featuring X)"
            if k >= 0 and art[k].text in QUOTES.values():
                k -= 1
            song = _song_at(ctx, art[k]) if k >= 0 else None
            if song is None or song.ref:
                m = ctx.mention_at(art[k]) if k >= 0 else None
                song = m if m is not None and m.type == PRODUCTION and not m.ref else None
            nxt = art[tok.i + 1] if tok.i + 1 < len(doc) else None
            artist = ctx.mention_at(nxt) if nxt is not None else None
            if song is not None and artist is not None and artist.type in (PERSON, GROUP) and not artist.ref:
                for a in [artist, *ctx.surface_list(artist)]:
                    yield Candidate(song, "performer", a, ctx.evidence([tok], name, 0.7, clause=False))
        # "X went to number one with Y", "X slipped to four with Y", "X went to number one with a
        # version of Y": in a sentence about the charts, what a singer or band got there with
        elif lowers[tok.i] == "with" and tok.dep_ == "prep" and _chart_verb(tok) is not None:
            if not _chart_sentence(sent_of(tok), w):
                continue
            songs = [s for p in tok.children if p.dep_ == "pobj" for t in ctx.conjuncts(p)
                     if (s := _charted_work(ctx, t, w)) is not None]
            if not songs:
                continue
            verb = _chart_verb(tok)
            # "A at four, followed by B at five with Y": B's; (the chart makes a name's company a band)
            who = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"] \
                if verb.lemma_.lower() == "follow" else ctx.subjects(verb)
            for s in who:
                artists = _artists(ctx, s) or [m for m in ctx.names(s) if m.type == ORGANIZATION and not m.ref]
                for artist in artists:
                    for song in songs:
                        yield Candidate(song, "performer", artist, ctx.evidence([verb, tok], name, 0.7))
    yield from _charted_possessives(ctx, w, name)


def _charted_possessives(ctx: Context, w: dict[str, Any], name: str) -> Iterator[Produced]:
    """*X's Y remains at number one*, *followed by X's Y*: in a sentence about the charts, a
    singer's or band's possessive written right before a title is its performer."""
    doc = ctx.doc
    for m in list(ctx.mentions):
        if m.type != PRODUCTION or m.ref or ctx.is_character(m):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start < 2 or doc[span.start - 1].lower_ not in ("'s", "\u2019s", "'", "\u2019"):
            continue
        owner_tok = doc[span.start - 2]
        owner = ctx.mention_at(owner_tok)
        if owner is None or owner.ref or owner.type not in (PERSON, GROUP) or ctx.is_character(owner):
            continue
        if not _chart_sentence(span.sent, w):
            continue
        yield Candidate(m, "performer", owner, ctx.evidence([owner_tok, *span], name, 0.7, clause=False))
