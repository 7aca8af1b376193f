"""Relation rules: each a small function ``(ctx) -> Iterator[candidate]`` registered under a
versioned name that is stamped into every fact's provenance.

Rules read the dependency parse, never particular names: verbs of making (*directed*,
*co-wrote*, *stars*), role nouns (*creator X*), possessives (*X's series*), cast lists far from
their verb, numbers with units, dates with verbs of release, nationality adjectives.
"""
from __future__ import annotations

import re

from collections.abc import Callable, Iterator
from typing import Union

from spacy.tokens import Span, Token

from kg.extract.context import Context, quotations
from kg.extract.dates import normalise_date, parse_number
from kg.extract.mention_types import RETYPABLE  # (the guesses a sentence may overrule)
from kg.extract.mentions import past_list_opener
from kg.extract.rules._named import listed_after, named, sibling_title, titleish
from kg.extract.registry import RULES, SPECS, RuleSpec, rule  # noqa: F401  (re-exported for the families)
from kg.extract.sents import lemmas_of, lowers_of, sent_of, tokens_of
from kg.model import (AWARD, CHARACTER, GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Candidate, EventCandidate,
                      Mention, QuoteCandidate, StatCandidate, Value)

Produced = Union[Candidate, StatCandidate, EventCandidate, QuoteCandidate]
Rule = Callable[[Context], Iterator[Produced]]


def _verb_lemma(tok: Token) -> str:
    """The lemma with its hyphenated or compound prefix: *co-wrote* → co-write."""
    lemma = tok.lemma_.lower()
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
        return f"{doc[tok.i - 2].lower_}-{lemma}"
    if tok.i >= 1 and doc[tok.i - 1].lower_ == "executive":
        return f"executive-{lemma}"
    if "-" in tok.text:
        pre, _, rest = tok.lower_.partition("-")
        return f"{pre}-{tok.lemma_.lower().partition('-')[2] or rest}"
    return lemma


def _is_passive(verbs: list[Token]) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for v in verbs for c in v.children) or \
        any(v.tag_ == "VBN" and v.dep_ in ("acl", "relcl", "amod") for v in verbs)


def _candidates(ctx: Context, works: list[Mention], prop: str, people: list[Mention], toks: list[Token],
                name: str, conf: float) -> Iterator[Candidate]:
    ev = ctx.evidence(toks, name, conf)
    for w in works:
        for p in people:
            if w is not p:
                yield Candidate(w, prop, p, ev)


_WRITING = {"Song": "composer", "Album": "composer", "Book": "author"}  # a book's writer is its author (P50)


def _article_kind(ctx: Context, w: Mention, tok: Token) -> str | None:
    """The kind of work ``w`` is, as far as the article says: its own kind, that of another
    mention of the same name, or the production noun its first sentence gives it (*"X" is a 1967
    single*); a pronoun (*It was written by ...*) takes the kind of the last work named before it."""
    if w.kind:
        return w.kind
    target: Mention | None = w
    if w.ref == "pronoun":
        # the work the sentences before were about (their subjects), else the last one named
        target = None
        sent = sent_of(tok)
        k = sent.start
        for _ in range(2):
            if k <= 0 or target is not None:
                break
            prev = sent_of(ctx.doc[k - 1])
            subjects = [ctx.refer(t) for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
            target = next((m for m in subjects if m is not None and m.type == PRODUCTION
                           and (not m.ref or m.ref == "definite" and m.kind)), None)
            k = prev.start
        if target is None:
            before = [m for m in ctx.mentions if m.type == PRODUCTION and m.end <= tok.idx
                      and (not m.ref or m.ref == "definite" and m.kind)]
            target = max(before, key=lambda m: m.end) if before else None
        if target is not None and target.ref:
            return target.kind  # "The song was a hit. It was written by ..."
    if target is None or target.ref:
        return None
    same = [m for m in ctx.mentions if not m.ref and m.text == target.text]
    kind = target.kind or next((m.kind for m in same if m.kind), None)
    if kind:
        return kind
    for first in sorted(same or [target], key=lambda m: m.start)[:4]:
        span = ctx.doc.char_span(first.start, first.end, alignment_mode="expand")
        if span is None:
            continue
        # "the song "X"", "the novel X": the production noun right before the title
        k = span.start - 1
        while k > sent_of(span[0]).start and ctx.doc[k].is_quote:
            k -= 1
        if k >= 0 and ctx.doc[k].pos_ == "NOUN" and ctx.doc[k].is_lower:
            found = ctx.production_nouns.get(ctx.doc[k].lower_) or ctx.production_nouns.get(ctx.doc[k].lemma_.lower())
            if found:
                return found
        stop = min(sent_of(span[0]).end, span.end + 8)
        for t in ctx.doc[span.end:stop]:
            other = ctx.mention_at(t)
            if other is not None and other.text != first.text and not other.ref:
                break
            if t.pos_ == "NOUN":
                found = ctx.production_nouns.get(t.lower_) or ctx.production_nouns.get(t.lemma_.lower())
                if found:
                    return found
    return None


@rule("kg.role_verb.v4")
def role_verb(ctx: Context) -> Iterator[Produced]:
    """*X directed Y*, *Y was produced, directed and co-written by X*, *Y, written by X*."""
    roles = ctx.lex.role_verbs
    for tok in tokens_of(ctx.doc):
        if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
            continue
        prop = roles.get(_verb_lemma(tok))
        if prop is None:
            continue
        chain = ctx.verb_chain(tok)
        passive = _is_passive(chain)
        if passive:
            works = [m for s in ctx.subjects(tok) for m in ctx.names(s)]
            # its own "by" first ("written by A and directed by B"); else the list's shared one
            agents = ctx.agents([tok])
            for later in (v for v in chain if v.i > tok.i):
                agents = agents or ctx.agents([later])
            people = [m for a in agents for m in ctx.names(a)]
        else:
            people = [m for s in ctx.subjects(tok) for m in ctx.names(s)]
            skip = frozenset(roles) | {v.lemma_.lower() for v in chain}
            objs = ctx.objects([tok], skip)
            if not any(ctx.refer(o) is not None for o in objs):
                objs = ctx.objects(chain, skip)
            works = [m for o in objs for m in ctx.names(o)]
        # "its music and songs were composed by X": the music of the work in focus
        music = set(ctx.lex.music_nouns)
        if prop == "composer" and not works and any(
                s.lemma_.lower() in music for s in ctx.subjects(tok) for s in ctx.conjuncts(s)):
            works = [ctx.focus(tok)]
        works = [w for w in works if w.type in (PRODUCTION,) or w.ref and w.type != PERSON]
        people = [p for p in people if p.type != PRODUCTION and not (p.ref and p.type != PERSON)]
        for w in works:  # one writes a song or an album as its composer, a book as its author
            wprop = _WRITING.get(_article_kind(ctx, w, tok) or "", prop) if prop == "screenwriter" else prop
            yield from _candidates(ctx, [w], wprop, people, [tok], "kg.role_verb.v4", 0.9)
        # "shot the film Paper Rivers in 2011": the year of making dates the work
        if not passive:
            for _, pobj in ctx.preps([tok], {"in"}):
                d = _date_of(ctx, pobj)
                if d and len(d) == 4:
                    for w in works:
                        if not w.ref:
                            yield Candidate(w, "publicationDate", Value(d, "date"),
                                            ctx.evidence([tok, pobj], "kg.role_verb.v4", 0.6))
        # "... directed Y for Sky": the commissioning broadcaster
        for _, pobj in ctx.preps([tok], {"for"}):
            m = ctx.mention_at(pobj)
            if m is None or m.ref or m.type != ORGANIZATION:
                continue
            for w in works:
                kind = w.kind or ""
                if m.kind == "Broadcaster" or kind in ("Series", "Miniseries", "Episode"):
                    yield Candidate(w, "originalBroadcaster", m, ctx.evidence([tok, pobj], "kg.role_verb.v4", 0.75))


@rule("kg.song_by.v3")
def song_by(ctx: Context) -> Iterator[Produced]:
    """*a song by X*, *recorded by X*, *a single credited to X*, *released by/on/through X Records*: performer
    and label."""
    music = {"Song", "Album"}
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        low = lowers[tok.i]
        kind = ctx.production_nouns.get(low) or ctx.production_nouns.get(lemmas[tok.i])
        if kind in music and (tok.pos_ == "PROPN" or _nounish(tok)):
            work = ctx.refer(tok)
            if work is None and tok.dep_ == "attr" and tok.head.lemma_ == "be":  # an adjective's tag misleads refer
                work = next((m for s in ctx.subjects(tok.head) for m in ctx.names(s)), None)
            # "a single credited to X": the artist it is credited to performs it
            credited = [v for v in tok.children if v.dep_ == "acl" and lemmas[v.i] == "credit"]
            for _, p in [*ctx.preps([tok], {"by", "from"}), *ctx.preps(credited, {"to"})]:
                for m in ctx.names(p):
                    if work is not None and work.type == PRODUCTION and m.type in (PERSON, GROUP, ORGANIZATION):
                        prop = "performer" if _ == "by" else "performer"
                        yield Candidate(work, prop, m, ctx.evidence([tok, p], "kg.song_by.v3", 0.8))
        elif lemmas[tok.i] == "credit" and tok.pos_ == "VERB" and _is_passive(ctx.verb_chain(tok)) \
                and not ctx.negated(ctx.verb_chain(tok)):
            # "The song is credited to X": a work of music credited to an artist is performed by them
            works = [w for s in ctx.subjects(tok) for w in ctx.names(s)
                     if w.type == PRODUCTION and w.kind in music or w.ref == "pronoun" and w.type == PRODUCTION]
            for _, p in ctx.preps([tok], {"to"}):
                for m in ctx.names(p):
                    if m.type in (PERSON, GROUP):
                        for w in works:
                            yield Candidate(w, "performer", m, ctx.evidence([tok, p], "kg.song_by.v3", 0.75))
        elif lemmas[tok.i] in ("record", "perform", "sing", "release", "issue") and tok.pos_ == "VERB":
            chain = ctx.verb_chain(tok)
            if not _is_passive(chain) or ctx.negated(chain):
                continue
            subjects = [m for s in ctx.subjects(tok) for m in ctx.names(s)]
            # "It came out as the album's third single": the work is music, whatever "it" is
            as_music = any(p.lemma_.lower() in _MUSIC_RELEASES for _, p in ctx.preps([tok], {"as"}))
            works = [w for w in subjects if w.type == PRODUCTION and (w.kind in music or as_music)
                     or w.ref and (w.kind in music or as_music)]
            # a pronoun of unknown kind, released "under the X Records label": music too, by the label
            unknown = [w for w in subjects if w.ref == "pronoun" and w not in works]
            agents = ctx.agents([tok])
            if as_music:  # "issued as a single … by X": the parser hangs "by X" on "single"
                agents += [a for _, p in ctx.preps([tok], {"as"}) for _, a in ctx.preps([p], {"by"})]
            for a in agents:
                for m in ctx.names(a):
                    prop = "recordLabel" if _looks_like_label(m) or tok.lemma_ in ("release", "issue") else "performer"
                    for w in works + (unknown if _looks_like_label(m) else []):
                        yield Candidate(w, prop, m, ctx.evidence([tok, a], "kg.song_by.v3", 0.75))
            for _, p in ctx.preps([tok], {"on", "through", "via", "under"}):
                label_word = p.lower_ in ("label", "imprint")
                named = ctx.names(p) or ([m for c in p.children if c.dep_ == "compound" and c.i < p.i
                                          and (m := ctx.mention_at(c)) is not None][:1] if label_word else [])
                for m in named:
                    if m.type == ORGANIZATION:
                        for w in works + (unknown if label_word or _looks_like_label(m) else []):
                            yield Candidate(w, "recordLabel", m, ctx.evidence([tok, p], "kg.song_by.v3", 0.75))


_MUSIC_RELEASES = frozenset({"single", "album", "ep", "song", "track", "b-side"})


def _looks_like_label(m: Mention) -> bool:
    return m.type == ORGANIZATION and any(w in m.text for w in ("Records", "Recordings", "Music", "Entertainment"))


# kg.birth.v1 moved to kg/extract/rules/people.py (kg.birth.v2)


@rule("kg.title_year.v2")
def title_year(ctx: Context) -> Iterator[Produced]:
    """*Lantern (2006)*, *Harbour Lights (1994 – 96)*: a work written with its year (or the span of years
    it ran) in brackets was first published that year."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.type != PRODUCTION or m.ref:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.end + 2 >= len(doc):
            continue
        a, b = doc[span.end], doc[span.end + 1]
        ran = re.fullmatch(r"((?:18|19|20)\d\d)[-–—](?:\d\d|\d{4})", b.text)  # "2001–2003" as one token
        if ran and a.text == "(" and doc[span.end + 2].text == ")":
            yield Candidate(m, "publicationDate", Value(ran.group(1), "date"),
                            ctx.evidence([*span, b], "kg.title_year.v2", 0.75, clause=False))
            continue
        if a.text != "(" or len(b.text) != 4 or not b.text.isdigit() or b.text[:2] not in ("18", "19", "20"):
            continue
        rest = doc[span.end + 2:min(len(doc), span.end + 6)]
        close = next((t.i for t in rest if t.text == ")"), None)
        # nothing but a dash and an end year ("– 93", "-1994", "–present") between the year and ")"
        if close is None or not all(t.text in ("-", "–", "—") or t.text.isdigit() or t.lower_ == "present"
                                    for t in doc[span.end + 2:close]):
            continue
        yield Candidate(m, "publicationDate", Value(b.text, "date"),
                        ctx.evidence([*span, b], "kg.title_year.v2", 0.75, clause=False))


@rule("kg.year_possessive.v1")
def year_possessive(ctx: Context) -> Iterator[Produced]:
    """*1999's The Long Field*: a year in the possessive before a work dates it."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.type != PRODUCTION or m.ref:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start < 2:
            continue
        year, pos = doc[span.start - 2], doc[span.start - 1]
        if pos.lower_ in ("'s", "\u2019s") and len(year.text) == 4 and year.text.isdigit() and year.text[:2] in ("18", "19", "20"):
            yield Candidate(m, "publicationDate", Value(year.text, "date"),
                            ctx.evidence([year, *span], "kg.year_possessive.v1", 0.8, clause=False))


@rule("kg.stars.v6")
def stars(ctx: Context) -> Iterator[Produced]:
    """*Y stars A, B and C*; *starring A as C*; *A stars in Y*."""
    verbs = set(ctx.lex.cast_verbs)
    cast_nouns = set(ctx.lex.cast_nouns)
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        leads = lemmas[tok.i] == "lead" and tok.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lower_ in cast_nouns for c in tok.children)
        if not leads and (lemmas[tok.i] not in verbs
                          or tok.pos_ not in ("VERB", "NOUN", "AUX") and not tok.tag_.startswith("VB")):
            continue
        yield from _stars_as(ctx, tok)
        if lemmas[tok.i] == "lead":
            continue  # "A leads the cast as C": only with its "as"
        # "The film stars A": the small models often tag this verb as a plural noun with a subject
        if tok.pos_ == "NOUN" and lowers[tok.i] != "starring" and not any(c.dep_ == "nsubj" for c in tok.children):
            continue
        objs = ctx.children([tok], ("dobj", "pobj", "attr", "oprd", "appos"))
        subs = ctx.subjects(tok)
        if lowers[tok.i] == "starring" and tok.dep_ in ("acl", "advcl", "prep", "amod"):
            subs = [tok.head]
        works = [m for s in subs for m in ctx.names(s)]
        people = [m for o in objs for m in ctx.names(o)]
        # "stars A as a mayor and B as his chief of staff": the parser hangs B on the first role
        for h in (tok, *objs):
            for as_ in (c for c in h.children if c.dep_ == "prep" and c.lower_ == "as"):
                for pobj in (c for c in as_.children if c.dep_ == "pobj"):
                    for conj in Context.conjuncts(pobj)[1:]:
                        m = ctx.mention_at(conj)
                        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None else None
                        if m is not None and m.type == PERSON and not m.ref and m not in people and span is not None \
                                and span.end < len(ctx.doc) and ctx.doc[span.end].lower_ == "as":
                            people.append(m)
        # "A stars in Y"
        ins = [p for _, p in ctx.preps([tok], {"in"})]
        if ins and works and all(w.type != PRODUCTION and not (w.ref and w.type != PERSON) for w in works):
            people, works = works, [m for p in ins for m in ctx.names(p)]
        # "Lena Brandt and Idris Palmer will star.": no object, no title: the work in focus
        elif not objs and not ins and works and tok.pos_ == "VERB" and tok.dep_ != "relcl" \
                and (tok.dep_ != "amod" or _work_named_before(ctx, tok)) \
                and all(w.type == PERSON and not w.ref for w in works) \
                and not any(c.dep_ == "prep" for c in tok.children) \
                and (_screen_context(ctx, sent_of(tok)) or sent_of(tok).start > 0
                     and _screen_context(ctx, sent_of(ctx.doc[sent_of(tok).start - 1]))):
            people, works = works, [ctx.focus(tok)]  # (the sentence, or the one before, is about a work)
        works = [w for w in works if w.type == PRODUCTION or (w.ref and w.type != PERSON)]
        if lemmas[tok.i] == "feature":  # a song or an album features a guest singer, not a cast
            works = [w for w in works if _article_kind(ctx, w, tok) not in ("Song", "Album")]
        people = [p for p in people if (p.type == PERSON or p.type in (ORGANIZATION, PLACE) and not p.ref)
                  and not _named_as_character(ctx, p) and not _past_closing_dash(ctx, tok, p)]
        ev = ctx.evidence([tok], "kg.stars.v6", 0.85)
        for p, character in _with_characters(ctx, people, objs):
            for w in works:
                yield Candidate(w, "castMember", p, ev, character.text if character is not None else None)
            if character is not None:
                yield Candidate(_character(ctx, character), "performer", p, ev)


def _work_named_before(ctx: Context, tok: Token) -> bool:
    """*The comedy Y - starring A and B -*: a work named before the verb, in its sentence (where
    the parse made *starring* a modifier of the names, the work in focus is then that one)."""
    sent = sent_of(tok)
    return any(m.type == PRODUCTION and not m.ref and sent.start_char <= m.start < tok.idx for m in ctx.mentions)


_DASHES = frozenset({"-", "–", "—", "--"})


def _past_closing_dash(ctx: Context, tok: Token, m: Mention) -> bool:
    """*A - starring B and C - D and E*: a name after the dash that closes the aside the verb
    opened is the sentence's next item, not the aside's (a dash before the verb opens it)."""
    doc = ctx.doc
    sent = sent_of(tok)
    if tok.i == sent.start or doc[tok.i - 1].text not in _DASHES:
        return False
    return any(doc[k].text in _DASHES for k in range(tok.i + 1, sent.end) if doc[k].idx < m.start)


def _stars_as(ctx: Context, tok: Token) -> Iterator[Produced]:
    """*A stars as C (in Y)*, *B stars as his sister Mara*: an actor, the character after *as*, and
    the work named with *in* or else the one in focus. (The small models often parse "Brandt
    stars" as a noun phrase, the name a compound of "stars".)"""
    objects = [c for c in tok.children if c.dep_ == "dobj"]  # "leads the cast as C": "as" may hang on "cast"
    as_ = next((c for h in (tok, *objects) for c in h.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    pobj = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
    if pobj is not None and not pobj.text[:1].isupper():  # "as his sister, Mara": the name in apposition
        pobj = next((c for c in pobj.children if c.dep_ == "appos" and c.text[:1].isupper()), None)
    if pobj is None or not pobj.text[:1].isupper():
        return
    holders = [c for c in tok.children if c.dep_ in ("nsubj", "compound") and c.i < tok.i]
    # (NER often types a surname alone as an organisation or place; the vote across mentions decides)
    people = [m for h in holders for m in ctx.names(h) if m.type in (PERSON, ORGANIZATION, PLACE) and not m.ref
              or m.ref == "pronoun" and m.type == PERSON]
    if not people:
        return
    works = [m for _, w in ctx.preps([pobj, tok], {"in", "on"}) for m in ctx.names(w)
             if m.type == PRODUCTION or m.ref and m.type != PERSON]
    if not works and not _screen_context(ctx, sent_of(tok)):
        return
    works = works or [ctx.focus(tok)]
    char_span = _name_span(ctx, pobj)
    # "his estranged sister Mara": the name, not the description before it
    while len(char_span) > 1 and not char_span[0].text[:1].isupper():
        char_span = char_span[1:]
    ev = ctx.evidence([tok, pobj], "kg.stars.v6", 0.8)
    for p in people:
        for w in works:
            yield Candidate(w, "castMember", p, ev, char_span.text)
        yield Candidate(_character(ctx, char_span), "performer", p, ev)


def _screen_context(ctx: Context, sent: Span, besides: Token | None = None) -> bool:
    """Whether a sentence is about screen or stage work: a cast or role word, a production noun,
    or a production named in it. ``besides``: a word that does not count (the rule's own verb:
    *plays* is a screen word, but *Mirza plays Jankovic next* is tennis)."""
    words = set(ctx.lex.screen_words) | set(ctx.production_nouns)
    skip = besides.i if besides is not None else -1
    return any(t.i != skip and (t.lower_ in words or t.lemma_.lower() in words) for t in sent) or any(
        (m := ctx.mention_at(t)) is not None and m.type == PRODUCTION and not m.ref for t in sent)


_WEAK_WORK_RULES = frozenset({"kg.parenthesised_work.v1", "kg.title_repeat.v3"})


def _production_before(ctx: Context, tok: Token) -> bool:
    """Whether the article has named a production before ``tok`` (so a work is in focus), by
    more than a bracket after a name or a repeat of one."""
    return any(m.type == PRODUCTION and not m.ref and m.start < tok.idx and m.rule not in _WEAK_WORK_RULES
               for m in ctx.mentions)


def _named_as_character(ctx: Context, m: Mention) -> bool:
    """*with the character Milo Crane*: a name introduced by the word *character*."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.start > 0 and ctx.doc[span.start - 1].lemma_.lower() == "character"


def _with_characters(ctx: Context, people: list[Mention], objs: list[Token]) -> Iterator[tuple[Mention, Span | None]]:
    """Pair each person with the character after *as* (*A as Detective B*), when given."""
    chars: dict[int, Span] = {}
    for m in people:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "as":
                    p = next((x for x in c.children if x.dep_ == "pobj"), None)
                    if p is not None:
                        chars[m.start] = _name_span(ctx, p)
        nxt = span.end
        if m.start not in chars and nxt + 1 < len(ctx.doc) and ctx.doc[nxt].lower_ == "as":
            # the parse may hang "as" elsewhere: read the name written right after it
            end = nxt + 1
            while end < len(ctx.doc) and (ctx.doc[end].text[:1].isupper() or ctx.doc[end].lower_ in ("'s", "\u2019s")):
                end += 1
            if end > nxt + 1:
                chars[m.start] = ctx.doc[nxt + 1:end]
    for p in people:
        yield p, chars.get(p.start)


def _name_span(ctx: Context, tok: Token) -> Span:
    """The name a noun heads: its compounds and flat name parts, without determiners or clauses."""
    start = min([tok.i] + [c.i for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "case")
                           and c.text[:1].isupper() or c.dep_ == "compound"])
    return ctx.doc[start:tok.i + 1]


def _character(ctx: Context, span: Span) -> Mention:
    """A character named in the text (*Inspector Dana Whitlow*), as a mention of its own; its
    name without rank words (*Dana Whitlow*) is the one it is known by."""
    words = span.text.split()
    titles = set(ctx.lex.name_titles)
    k = 0
    while k < len(words) - 2 and words[k] in titles:
        k += 1  # as for people: keep two words at least (*Captain Orla* stays whole)
    canonical = " ".join(words[k:]) if k else None
    m = Mention(ctx.document.id, span.start_char, span.end_char, span.text, CHARACTER, "kg.character.v1", 0.9,
                None, None, canonical)
    ctx.mentions.append(m)
    return m


@rule("kg.plays.v4")
def plays(ctx: Context) -> Iterator[Produced]:
    """*A plays C in Y*; *C, played by A*."""
    verbs = set(ctx.lex.play_verbs)
    kin = set(ctx.lex.kinship_nouns)
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        if lemmas[tok.i] not in verbs or tok.pos_ != "VERB" or ctx.negated([tok]):
            continue
        chain = ctx.verb_chain(tok)
        if _is_passive(chain):
            actors = [m for a in ctx.agents(chain) for m in ctx.names(a)]
            char_toks = ctx.subjects(tok)
        else:
            actors = [m for s in ctx.subjects(tok) for m in ctx.names(s)]
            char_toks = ctx.children([tok], ("dobj",))
        # (an actor the sentence only describes must be one by trade: "portrayed by the author" is a
        # writer's portrayal, no part played)
        acting = set(ctx.lex.cast_nouns) | {"actor", "actress", "star"}
        actors = [a for a in actors if a.type == PERSON and not (a.ref == "definite" and a.text.lower() not in acting)]
        if not actors or not char_toks or char_toks[0].pos_ == "PRON":
            continue  # ("He is portrayed as a peasant": a pronoun is no character's name)
        char_span = _name_span(ctx, char_toks[0])
        character = char_span.text
        # "who plays her estranged brother": a character described, not named, is still a part
        described = not character[:1].isupper() and char_toks[0].lemma_.lower() in kin and any(
            c.dep_ == "poss" for c in char_toks[0].children)
        if not character[:1].isupper() and not described:
            continue  # "plays a role", not a character name
        works = [m for _, p in ctx.preps([tok], {"in", "on"}) for m in ctx.names(p) if m.type == PRODUCTION or m.ref]
        if not works and not _screen_context(ctx, sent_of(tok), besides=tok) and not _production_before(ctx, tok):
            continue  # "Mirza plays Jankovic next": a match, not a role; no work named yet
        unnamed = not works and any(t.dep_ == "pobj" and t.head.lower_ in ("in", "on") and t.tag_ == "NNS"
                                    and t.is_lower and t.lower_ != t.lemma_.lower() and ctx.mention_at(t) is None
                                    for t in tok.subtree)
        if not works and not unnamed:
            works = [ctx.focus(tok)]  # (never for "plays C in the Y films", "in the two later games":
            # works it does not name)
        ev = ctx.evidence([tok], "kg.plays.v4", 0.8)
        for a in actors:
            for w in works:
                yield Candidate(w, "castMember", a, ev, None if described else character)
            if not described:
                yield Candidate(_character(ctx, char_span), "performer", a, ev)


_ROLE_HAVING_VERBS = frozenset({"have", "land", "win", "play", "take", "get", "earn", "reprise", "secure", "bag"})


@rule("kg.character_actor.v3")
def character_actor(ctx: Context) -> Iterator[Produced]:
    """*Derek Mills (Tom Avery)*: a character with the actor who plays them in brackets;
    *his role as C on W*: a person's role as a character in a work."""
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        if tok.text == "(" and 0 < tok.i < len(doc) - 2:
            if not _screen_context(ctx, sent_of(tok)):
                continue  # "Ross Beattie (Northampton Saints)" in a squad list is no cast
            before, inside = ctx.mention_at(doc[tok.i - 1]), ctx.mention_at(doc[tok.i + 1])
            if before is None or inside is None or before.ref or inside.ref or before.type != PERSON \
                    or inside.type != PERSON or " " not in inside.text.strip():
                continue  # (an actor is named in full; "Mike (Ruddock)" only says who Mike is)
            span = ctx.doc.char_span(inside.start, inside.end, alignment_mode="expand")
            if span is None or span.end >= len(doc) or doc[span.end].text != ")":
                continue
            bspan = ctx.doc.char_span(before.start, before.end, alignment_mode="expand")
            ev = ctx.evidence([doc[tok.i - 1], *span], "kg.character_actor.v3", 0.7, clause=False)
            yield Candidate(ctx.focus(tok), "castMember", inside, ev, before.text)
            if bspan is not None:
                yield Candidate(_character(ctx, bspan), "performer", inside, ev)
        elif lemmas[tok.i] in ("role", "part") and tok.pos_ == "NOUN":
            as_ = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            pobj = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
            if pobj is not None and not pobj.text[:1].isupper():
                pobj = None  # "his role as a doctor": no character's name
            person = next((ctx.refer(c) for c in tok.children if c.dep_ == "poss"), None)
            if person is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _ROLE_HAVING_VERBS \
                    and not ctx.negated([tok.head]):
                # "A had a recurring role on W", "A landed the role of C in W"
                person = next((m for sj in ctx.subjects(tok.head) for m in ctx.names(sj)), None)
            if person is None or person.type != PERSON:
                continue
            # "roles in X", or with the parser hanging "in X" on the verb: "has had roles in X"
            holders = [*([pobj] if pobj is not None else []), tok, *([tok.head] if tok.dep_ == "dobj" else [])]
            works = [m for p in holders for _, w in ctx.preps([p], {"on", "in"})
                     for m in (ctx.names(w) or _works_named_by(ctx, w)) if m.type == PRODUCTION]
            works = listed_after(ctx, works, lambda k: sibling_title(ctx, k))  # "roles in A (2005) and B (2006)"
            if pobj is None:
                ev = ctx.evidence([tok], "kg.character_actor.v3", 0.7, clause=False)
                for w in works:
                    yield Candidate(w, "castMember", person, ev)
                continue
            char_span = _name_span(ctx, pobj)
            ev = ctx.evidence([tok, pobj], "kg.character_actor.v3", 0.75, clause=False)
            for w in works:
                yield Candidate(w, "castMember", person, ev, char_span.text)
            yield Candidate(_character(ctx, char_span), "performer", person, ev)


@rule("kg.cast_list.v6")
def cast_list(ctx: Context) -> Iterator[Produced]:
    """*The cast includes A, B and C*: a cast noun with a verb of inclusion, far from any title."""
    cast_nouns = set(ctx.lex.cast_nouns)
    include = set(ctx.lex.include_verbs)
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        if lemmas[tok.i] not in include or tok.pos_ not in ("VERB", "AUX"):
            continue
        subs = ctx.subjects(tok)
        cast = next((s for s in subs if s.lower_ in cast_nouns or s.lemma_.lower() in cast_nouns), None)
        if cast is None and any(s.lower_ in ("which", "who", "that") for s in subs):
            # "the actors playing ..., which include A and B": the parse may hang the clause elsewhere
            cast = next((t for t in sent_of(tok) if t.i < tok.i and (t.lower_ in cast_nouns or t.lemma_ in cast_nouns)), None)
        if cast is None:
            continue
        objs = ctx.children([tok], ("dobj", "attr"))
        people = [m for o in objs for m in ctx.names(o) if m.type == PERSON or m.type in (ORGANIZATION, PLACE) and not m.ref]
        owner = _cast_owner(ctx, cast)
        if owner is None:
            continue
        ev = ctx.evidence([tok], "kg.cast_list.v6", 0.8)
        for p in people:
            yield Candidate(owner, "castMember", p, ev)


_OCCUPATION_LIKE_CAST = frozenset({"actors", "actresses", "performers", "players", "stars"})
# words before such a noun that rank people within a cast (*leading actors A and B*)
_CAST_RANKS = frozenset({"lead", "leading", "main", "principal", "supporting", "starring", "guest",
                         "co-starring"})


@rule("kg.cast_noun.v6")
def cast_noun(ctx: Context) -> Iterator[Produced]:
    """*the ensemble cast of A, B and C*; *leading actors A, B*; *the main protagonists are A and
    B*; *A and B are the leads*: names attached to a cast noun."""
    cast_nouns = set(ctx.lex.cast_nouns)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        if lowers[tok.i] not in cast_nouns or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        names: list[Mention] = []
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        copula = tok.head if tok.head.lemma_ == "be" and tok.head.i != tok.i else None
        # "A and B are actors" says what they do, not whose cast they are: a noun that is also an
        # occupation needs a determiner to name a cast ("A and B are the stars")
        definite = lowers[tok.i] not in _OCCUPATION_LIKE_CAST or any(c.dep_ in ("det", "poss") for c in tok.children)
        works = [m for p in (of.children if of is not None else ()) if p.dep_ == "pobj"
                 and (m := ctx.refer(p)) is not None and m.type == PRODUCTION]
        if copula is not None and tok.dep_ == "attr" and definite and (of is None or works):
            names = [m for sj in ctx.subjects(copula) for m in ctx.names(sj)]  # "A and B are the leads (of X)"
        elif of is not None:
            names = [m for p in of.children if p.dep_ == "pobj" for m in ctx.names(p)]
        elif copula is not None and tok.dep_ == "nsubj":  # "the main protagonists are A and B"
            names = [m for a in copula.children if a.dep_ == "attr" for m in ctx.names(a)]
        elif tok.i + 1 < len(ctx.doc) and (first := ctx.mention_at(ctx.doc[tok.i + 1])) is not None \
                and not first.ref and first.type == PERSON:
            names = [first, *ctx.surface_list(first)]
        people = [m for m in names if m.type == PERSON and not ctx.is_character(m)]
        if not people:
            continue
        owner = works[0] if works else _cast_owner(ctx, tok)
        if owner is None:
            continue
        ev = ctx.evidence([tok], "kg.cast_noun.v6", 0.75, clause=False)
        for p in people:
            yield Candidate(owner, "castMember", p, ev)


def _cast_owner(ctx: Context, cast: Token) -> Mention | None:
    """Whose cast: a possessive on the cast noun, else one in the sentence, else the work in focus.

    A plural noun that is also an occupation (*actors*, *stars*) says what people do, not whose
    cast they are: with a word before it that sorts them (but not one that ranks them in a cast:
    *leading actors A and B*) (*Other actors expected at the gala are
    A and B*, *British stars A and B*, *fellow stars*) or as *actors* at all (*the awards were
    presented by actors A and B*), it is a cast only where its own clause names the work (*other
    stars to have appeared in W include A*); a bare *stars A and B* in an article about one work
    is that work's. None where no owner is named."""
    cast_nouns = set(ctx.lex.cast_nouns)
    for t in [cast, *[x for x in sent_of(cast) if x.lower_ in cast_nouns and x != cast]]:
        for c in t.children:
            if c.dep_ == "poss":
                m = ctx.refer(c)
                if m is not None and m.type == PRODUCTION:
                    return m
    if cast.dep_ in ("dobj", "attr"):
        for s in ctx.subjects(cast.head):
            m = ctx.refer(s)
            if m is not None and (m.type == PRODUCTION or m.ref and m.type != PERSON):
                return m
    doc = cast.doc
    co = cast.i >= 2 and doc[cast.i - 1].text == "-" and doc[cast.i - 2].lower_ == "co"  # "co-stars": a cast
    if cast.lower_ in _OCCUPATION_LIKE_CAST and not co and not _bare_stars(cast):
        before = cast.doc[cast.i - 1] if cast.i > 0 else None
        if before is not None and before.lower_ in ctx.production_nouns and any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in before.children):
            return ctx.focus(cast)  # "The film stars A, B and C", the verb read as a noun
        obj = cast.head if cast.dep_ == "compound" else cast  # ("cast actors A and B": a compound of A)
        if before is not None and before.lower_ in _CAST_RANKS or obj.dep_ == "dobj" \
                and obj.head.lemma_.lower() == "cast":
            return ctx.focus(cast)  # "leading actors A and B", "X cast newcomers ... actors A and B"
        return _work_in_clause(ctx, cast)
    return ctx.focus(cast)


def _bare_stars(noun: Token) -> bool:
    """*stars* with no word before it that modifies it (*while stars A and B are nominated*,
    *awards for stars A and B*; not *British stars*, *fellow stars*, *other stars*)."""
    if noun.lower_ != "stars" or noun.i == 0:
        return noun.lower_ == "stars"
    before = noun.doc[noun.i - 1]
    return (before.is_punct or before.pos_ in ("ADP", "SCONJ", "CCONJ", "VERB", "AUX", "PUNCT", "PART")) \
        and before.lower_ not in ("other",)


def _work_in_clause(ctx: Context, noun: Token) -> Mention | None:
    """A work named in *in* or *on* in a clause on ``noun`` (*stars to have appeared in W*)."""
    for t in noun.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "on") and t.head.head.pos_ in ("VERB", "AUX") \
                and t.head.head.i > noun.i and t.head.head.dep_ in ("acl", "relcl", "xcomp", "advcl"):
            m = ctx.refer(t)
            if m is not None and m.type == PRODUCTION and not m.ref:
                return m
    return None


# words that make a role noun a post in a company or a house, no credit on a work
_POST_QUALIFIERS = frozenset({"managing", "artistic", "general", "creative", "commercial", "marketing", "sales",
                              "finance", "financial", "technical", "regional", "communications", "operations"})


@rule("kg.role_noun.v4")
def role_noun(ctx: Context) -> Iterator[Produced]:
    """*series creator X*, *the film's director X*, *X, the show's creator* (occupations: kg/extract/rules/people.py)."""
    roles = ctx.role_nouns
    for m in list(ctx.mentions):
        # any name: an occupation noun beside it is itself evidence of a person (resolution decides)
        if m.type == PRODUCTION or m.ref:
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        nouns = _role_phrases(ctx, span)
        for noun_tok, phrase in nouns:
            _ = noun_tok
            yield from _role_facts(ctx, m, noun_tok, phrase, roles)


def _role_phrases(ctx: Context, span) -> list[tuple[Token, str]]:
    """Role or occupation noun phrases attached to a person's name."""
    doc = ctx.doc
    out: list[tuple[Token, str]] = []
    # before the name: "prosecutor Linda Doe", "the American actor John Roe"
    i = span.start - 1
    if i >= 0 and doc[i].pos_ in ("NOUN", "PROPN") and (doc[i].text[0].islower() or doc[i].is_sent_start):
        j = i
        while j - 1 >= 0 and doc[j - 1].pos_ in ("NOUN", "ADJ", "PROPN") and doc[j - 1].text[0].islower() \
                and doc[j - 1].lower_ not in ("the", "a", "an"):
            j -= 1
        out.append((doc[i], " ".join(t.lower_ for t in doc[j:i + 1])))
    # after the name: "X, a real-estate developer", "X, then a New York real-estate developer", "X is an actor"
    root = span.root
    candidates = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ in ("nsubj",) and root.head.lemma_ == "be":
        candidates += [c for c in root.head.children if c.dep_ == "attr"]
    for c in candidates:
        for noun in Context.conjuncts(c):
            if noun.pos_ != "NOUN":
                continue
            start = noun.i
            while start - 1 > c.left_edge.i - 1 and (doc[start - 1].is_alpha and doc[start - 1].text[0].islower()
                                                     and doc[start - 1].lower_ not in ("a", "an", "the", "then", "now")
                                                     or doc[start - 1].text == "-"):
                start -= 1
            out.append((noun, doc[start:noun.i + 1].text.lower()))
    return out


def _role_facts(ctx: Context, person: Mention, noun: Token, phrase: str, roles: dict[str, str]) -> Iterator[Produced]:
    ev = ctx.evidence([noun], "kg.role_noun.v4", 0.8, clause=False, description=True)
    words = phrase.split()
    prop = roles.get(noun.lower_) or (roles.get("executive producer") if phrase.endswith("executive producer") else None)
    if prop is None or any(w in _POST_QUALIFIERS for w in words[:-1]):
        return  # ("managing director X", "artistic director of the theatre": a post, no credit)
    # whose role: a production noun in the phrase ("series creator"), or a possessive ("the show's creator")
    work: Mention | None = None
    for c in noun.children:
        if c.dep_ == "poss":
            work = ctx.refer(c)
        elif c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                work = ctx.refer(pobj)
    if work is None and prop != "composer":  # ("film composer X", "opera composer X": what X does, not of what)
        kinds = [ctx.production_nouns.get(w) for w in words[:-1] if w in ctx.production_nouns]
        if kinds:
            work = ctx.ref(noun, PRODUCTION, "definite", kinds[0])
    if work is None:
        # "the docuseries from director X", "Y, a new drama from creator X": the work it comes from
        span = ctx.doc.char_span(person.start, person.end, alignment_mode="expand")
        root = span.root if span is not None else None
        if root is not None and root.dep_ == "pobj" and root.head.lower_ == "from" and noun.i < root.i:
            work = ctx.refer(root.head.head)
    if work is not None and work.type == PRODUCTION:
        yield Candidate(work, prop, person, ev)


# kg.definite_role.v1 moved to kg/extract/rules/people.py (part of kg.occupation)


_WRITER_WORDS = frozenset({"author", "writer", "novelist", "creator", "cartoonist", "playwright", "screenwriter",
                           "dramatist", "scribe", "co-creator", "illustrator"})
_ACTOR_WORDS = frozenset({"actor", "actress", "star", "co-star", "comedian", "performer"})
_WRITTEN_WORKS = frozenset({"novel", "book", "story", "comic", "strip", "play", "poem", "saga", "legendarium"})


def _owner_role(ctx: Context, owner: Mention) -> str | None:
    """Whether the article calls the owner of *X's character* a writer (creator) or an actor
    (performer): a noun right before a mention of the name (*novelist X*, *actor X*), in apposition
    to it (*X, the author*), or a written work in its possessive (*X's novel*). None when it says both
    or neither."""
    doc = ctx.doc
    said: set[str] = set()
    last = owner.text.split()[-1]
    for m in ctx.mentions:
        if m.ref or m.type != PERSON or m.text.split()[-1] != last:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        near = [doc[span.start - 1]] if span.start > 0 else []
        near += [c for c in span.root.children if c.dep_ == "appos"]
        near += [span.root.head] if span.root.dep_ in ("appos", "compound") else []
        if span.root.dep_ == "poss" and span.root.head.lemma_.lower() in _WRITTEN_WORKS:
            said.add("creator")  # "X's novel", "X's comic strip": a writer's
        for t in near:
            lemma = t.lemma_.lower()
            if lemma in _WRITER_WORDS:
                said.add("creator")
            elif lemma in _ACTOR_WORDS:
                said.add("performer")
    return next(iter(said)) if len(said) == 1 else None


@rule("kg.possessive_work.v4")
def possessive_work(ctx: Context) -> Iterator[Produced]:
    """*X's series Y* (X a person: creator, or director of a film); *Hulu's comedy Y* (broadcaster)."""
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        if tok.dep_ != "poss":
            continue
        owner = ctx.mention_at(tok)
        noun = tok.head
        if owner is None and lowers[tok.i] in ("his", "her", "their") and noun.lemma_.lower() != "character":
            owner = ctx.refer(tok)  # "her debut album, X": the person she stands for
        if owner is None:
            continue
        if owner.type == PERSON and noun.lemma_.lower() == "character" and noun.i + 1 < len(ctx.doc):
            # "Keller's character Milo Crane": a writer created the character, an actor plays it; the
            # article's words for the owner say which, and with neither it is left unread
            end = noun.i + 1
            while end < len(ctx.doc) and ctx.doc[end].text[:1].isupper() and ctx.doc[end].is_alpha:
                end += 1
            role = _owner_role(ctx, owner)
            if end > noun.i + 1 and role is not None:
                yield Candidate(_character(ctx, ctx.doc[noun.i + 1:end]), role, owner,
                                ctx.evidence([tok, noun], "kg.possessive_work.v4", 0.7, clause=False))
            continue
        work = ctx.refer(noun)
        if work is None or work.type != PRODUCTION or work is owner or work.ref:
            continue  # "Y's afternoon show", "CBS' Late Show": a work the phrase does not name is no earlier title
        if owner.ref == "pronoun" and (any(
                (m := ctx.mention_at(t)) is not None and m.type == PERSON and not m.ref
                for t in sent_of(tok) if t.i > tok.i)):
            # a pronoun's work must be named, and a person named after the pronoun may be whom it
            # anticipates ("In his new book, X, Philippe Sands suggests …")
            continue
        kind = ctx.production_nouns.get(noun.lower_) or work.kind or ""
        if owner.ref == "pronoun" and kind not in ("Song", "Album"):
            # "his next film": whose film a pronoun means is a guess (he may be its star, or
            # another man); an artist's "her debut album" is the one the sentence is about
            continue
        ev = ctx.evidence([tok, noun], "kg.possessive_work.v4", 0.7, clause=False)
        if owner.type == PERSON or owner.type == GROUP:
            if noun.lower_ in ctx.production_nouns or noun.lower_ in ctx.always_nouns:
                prop = {"Film": "director", "Documentary": "director", "Song": "performer",
                        "Album": "performer", "Book": "author"}.get(kind, "creator")
                yield Candidate(work, prop, owner, ev)
        elif owner.type == ORGANIZATION and owner.kind == "Broadcaster":
            yield Candidate(work, "originalBroadcaster", owner, ev)
    # "… and ITV's The Bill": a channel's possessive written right before a title, however parsed
    doc = ctx.doc
    for m in ctx.mentions:
        if m.type != PRODUCTION or m.ref:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start < 2 or doc[span.start - 1].lower_ not in ("'s", "\u2019s"):
            continue
        owner = ctx.mention_at(doc[span.start - 2])
        if owner is None or owner.ref or owner.type != ORGANIZATION or owner.kind != "Broadcaster" \
                or doc[span.start - 2].dep_ == "poss" and doc[span.start - 2].head.i in range(span.start, span.end):
            continue  # (a possessive the parser attached to the title was read above)
        yield Candidate(m, "originalBroadcaster", owner,
                        ctx.evidence([doc[span.start - 2], *span], "kg.possessive_work.v4", 0.7, clause=False))


@rule("kg.broadcaster_modifier.v3")
def broadcaster_modifier(ctx: Context) -> Iterator[Produced]:
    """*the HBO crime drama Y*: a broadcaster written before the production noun of a title."""
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        kind = ctx.production_nouns.get(lowers[tok.i])
        if not kind or kind in ("Book", "Song", "Album") or tok.i + 1 >= len(ctx.doc):
            continue
        work = ctx.mention_at(ctx.doc[tok.i + 1])
        if work is None or work.type != PRODUCTION or work.ref:
            # "The BBC One police drama, created by …": no title after it, the work it stands for
            work = ctx.refer(tok) if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) else None
            if work is None or work.type != PRODUCTION:
                continue
        k = tok.i - 1
        doc = ctx.doc
        # (over lower-case modifiers, hyphenated ones too: "the CW comedy-drama series Y")
        while k >= sent_of(tok).start and (doc[k].pos_ in ("NOUN", "ADJ") and doc[k].text[:1].islower()
                                           or doc[k].text == "-" and not doc[k].whitespace_ and k > 0
                                           and not doc[k - 1].whitespace_ and doc[k - 1].text[:1].islower()):
            k -= 1
        org = ctx.mention_at(doc[k]) if k >= sent_of(tok).start else None
        if org is not None and org.kind == "Broadcaster":
            yield Candidate(work, "originalBroadcaster", org,
                            ctx.evidence([doc[k], tok], "kg.broadcaster_modifier.v3", 0.8, clause=False))


def _bands_of(ctx: Context) -> set[str]:
    """The names of the bands the article establishes (the music family's reading)."""
    from kg.extract.rules.music import bands  # (the family module imports this one)
    return set(bands(ctx)) | {m.text for m in ctx.mentions if m.type == GROUP and not m.ref}


def _credited_otherwise(ctx: Context, span: Span) -> bool:
    """The clause gives the person a part behind the camera: *directed by Y's A*, *Y's A directed
    it*, *Y's A was named best director*, *Y's A, the writer*: Y is what A made, not played in."""
    verbs = {v for v, p in ctx.lex.role_verbs.items() if p != "castMember"}
    nouns = {n for n, p in ctx.lex.role_nouns.items() if p != "castMember"}
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in verbs:
        return True
    nxt = ctx.doc[span.end] if span.end < len(ctx.doc) else None
    if root.dep_ not in ("nsubj", "nsubjpass") and nxt is not None and nxt.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in (nxt.head if nxt.dep_ in ("aux", "auxpass")
                                                                    else nxt).children):
        # "A, B and Y's X was named best director": the parse left the verb's subject in the list
        head = nxt.head if nxt.dep_ in ("aux", "auxpass") else nxt
        root = ctx.doc[span.end - 1]
    elif root.dep_ not in ("nsubj", "nsubjpass"):
        head = root
    if head is not root and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in verbs and not any(c.dep_ == "auxpass" for c in head.children):
            return True  # "Y's X directed it" (not "Y's X was directed to the stage")
        for c in head.children:
            if c.dep_ in ("attr", "oprd", "xcomp", "dobj") and any(
                    t.lower_ in nouns for t in c.subtree if t.i >= head.i):
                return True
    return any(c.dep_ == "appos" and c.lower_ in nouns for c in root.children)


@rule("kg.possessive_actor.v4")
def possessive_actor(ctx: Context) -> Iterator[Produced]:
    """*Y's A* or *A (Y, Z)* in a sentence about actors: A is known for the works Y, Z."""
    cast_words = set(ctx.lex.cast_nouns) | {"actor", "actress", "star", "play", "playing", "cast"}
    band_names: set[str] | None = None  # (read once, where a possessive first asks)
    for m in list(ctx.mentions):
        if m.type != PERSON or m.ref:
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not any(t.lower_ in cast_words or t.lemma_ in cast_words for t in sent_of(span)):
            continue
        works: list[Mention] = []
        if _credited_otherwise(ctx, span):
            continue
        for c in span.root.children:
            if c.dep_ == "poss" or c.dep_ == "nmod" and any(x.dep_ == "case" for x in c.children):
                w = ctx.mention_at(c)
                if w is None or w.type not in (PRODUCTION, ORGANIZATION) or w.kind == "Broadcaster" \
                        or w.rule == "kg.lexicon_org.v1":
                    continue
                if band_names is None:
                    band_names = _bands_of(ctx)
                if w.text not in band_names:
                    works.append(w)  # (never a band the article names: "the band X … X's Y played")
        if span.end < len(ctx.doc) and ctx.doc[span.end].text == "(":
            k = span.end + 1
            while k < len(ctx.doc) and ctx.doc[k].text != ")":
                w = ctx.mention_at(ctx.doc[k])
                if w is not None and w.type == PRODUCTION and w not in works:
                    works.append(w)
                k += 1
        ev = ctx.evidence(list(span), "kg.possessive_actor.v4", 0.6, clause=False)
        for w in works:
            yield Candidate(w, "castMember", m, ev)


_ACTIVE_AIRING = ("air", "broadcast", "screen", "show", "stream", "premiere", "premier")


@rule("kg.broadcaster.v3")
def broadcaster(ctx: Context) -> Iterator[Produced]:
    """*Y is streaming on Peacock*, *Y premiered on HBO*: *on* + a broadcaster after a verb of
    airing; *HBO aired Y*, *the channel will screen Y*: a broadcaster that airs a work."""
    verbs = set(ctx.lex.broadcaster_verbs) | set(ctx.lex.watch_verbs)
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        if lemmas[tok.i] not in verbs or not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            continue
        if lemmas[tok.i] in _ACTIVE_AIRING and not ctx.negated([tok]):
            # "HBO aired Y": a broadcaster as the subject, a work (or a name of no other kind) as the object
            on_air = [b for s in ctx.subjects(tok) for b in ctx.names(s) if b.kind == "Broadcaster" and not b.ref]
            aired = [w for o in ctx.children([tok], ("dobj",)) for w in ctx.names(o)
                     if (w.type == PRODUCTION or w.type in (PERSON, PLACE) and w.rule in RETYPABLE
                         and lemmas[tok.i] not in ("show", "stream"))  # (one shows a person a thing)
                     and w.kind not in ("Album", "Song") and not ctx.is_character(w)]
            if on_air and aired:
                ev = ctx.evidence([tok], "kg.broadcaster.v3", 0.8)
                for w in aired:
                    for b in on_air:
                        yield Candidate(w, "originalBroadcaster", b, ev)
                continue
        chain = ctx.verb_chain(tok)
        orgs = [p for _, p in ctx.preps([tok], {"on", "via", "through"})]
        # "seen by 4 million viewers on HBO": the prep hangs off the agent noun
        for a in ctx.agents([tok]):
            orgs += [p for c in a.children if c.dep_ == "prep" and c.lower_ == "on" for p in c.children if p.dep_ == "pobj"]
        airing = lemmas[tok.i] in set(ctx.lex.broadcaster_verbs)
        bcs = [ctx.mention_at(o) for o in orgs]
        bcs2 = [b for b in bcs if b is not None and not b.ref and (
            b.kind == "Broadcaster" or airing and b.type == ORGANIZATION)]
        if not bcs2:
            continue
        works = [m for s in ctx.subjects(tok) for m in ctx.names(s) if m.type == PRODUCTION or (m.ref and m.type != PERSON)]
        # music is released *on* a label, not a broadcaster (the label rule reads that)
        works = [w for w in works if w.kind not in ("Album", "Song")]
        bcs2 = [b for b in bcs2 if not _looks_like_label(b)]
        ev = ctx.evidence([tok], "kg.broadcaster.v3", 0.85)
        for w in works:
            for b in bcs2:
                yield Candidate(w, "originalBroadcaster", b, ev)


@rule("kg.made_for.v4")
def made_for(ctx: Context) -> Iterator[Produced]:
    """*the adaptation Paper Rivers for Channel 5*, *two sitcoms for BBC1*, *produced Y for Channel 4*:
    a work made *for* a channel is first shown there."""
    making = set(ctx.lex.make_verbs) | set(ctx.lex.role_verbs) | {"develop", "commission"}
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        if lowers[tok.i] != "for" or tok.dep_ != "prep":
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        channel = ctx.mention_at(pobj) if pobj is not None else None
        if channel is None or channel.ref or channel.kind != "Broadcaster" or _looks_like_label(channel):
            continue
        head = tok.head
        if head.pos_ == "VERB" and head.lemma_.lower() in making and not ctx.negated([head]):
            holders = ctx.objects([head])  # "produced two sitcoms for BBC1"
        elif head.pos_ in ("NOUN", "PROPN"):
            holders = [head]  # "the adaptation X for BBC One", "X for the BBC"
        else:
            continue
        works = [m for h in holders for m in ctx.names(h) if m.type == PRODUCTION and not m.ref]
        if not works and any(h.tag_ == "NNS" and _production_noun(ctx, h) for h in holders):
            works = _listed_after(ctx, channel)  # "two sitcoms for BBC1, A (1989) and B (1992)"
        ev = ctx.evidence([tok, pobj], "kg.made_for.v4", 0.75)
        for w in works:
            if w.kind not in ("Album", "Song", "Book"):
                yield Candidate(w, "originalBroadcaster", channel, ev)


# kg.spouse.v1 moved to kg/extract/rules/people.py (kg.spouse.v2)


@rule("kg.appeared_in.v3")
def appeared_in(ctx: Context) -> Iterator[Produced]:
    """*A appeared in more than 40 films, including X and Y*, *A has appeared in the drama X*:
    a person appearing *in* a named work is in its cast (*on* a programme is a guest, not cast)."""
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        if lemmas[tok.i] != "appear" or tok.pos_ != "VERB" or ctx.negated([tok]):
            continue
        people = [m for sj in ctx.subjects(tok) for m in ctx.names(sj)
                  if m.type == PERSON and (not m.ref or m.ref == "pronoun")]
        works = [m for _, p in ctx.preps([tok], {"in"}) for m in (*ctx.names(p), *_works_named_by(ctx, p))]
        works = [w for w in works if w.type == PRODUCTION and not w.ref and w.kind not in ("Book", "Song", "Album")]
        if not people or not works:
            continue
        works = listed_after(ctx, works, lambda k: sibling_title(ctx, k))  # "in A, B and C"
        ev = ctx.evidence([tok], "kg.appeared_in.v3", 0.75)
        for w in works:
            for person in people:
                yield Candidate(w, "castMember", person, ev)


_ORDER_NOUNS = frozenset({"order", "greenlight", "green-light", "renewal", "commission", "pickup"})


@rule("kg.commission.v2")
def commission(ctx: Context) -> Iterator[Produced]:
    """*HBO has renewed Y for a third season*, *Hulu ordered Y*: the broadcaster that commissions a work."""
    verbs = set(ctx.lex.commission_verbs)
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        lemma = lemmas[tok.i]
        if tok.pos_ != "VERB" or lemma not in verbs and lemma not in ("give", "hand", "grant"):
            continue  # (before the objects are read: most tokens are neither)
        ordered = [o for o in ctx.children([tok], ("dobj",)) if o.lemma_.lower() in _ORDER_NOUNS] \
            if lemma in ("give", "hand", "grant") else []
        if ordered:
            # "Peacock has given a series order to Y"
            tos = [c for h in (tok, *ordered) for c in h.children if c.lower_ == "to" and c.dep_ in ("prep", "dative")]
            works = [m for t in tos for p in t.children if p.dep_ == "pobj" for m in ctx.names(p)]
            works = [w for w in works if w.type == PRODUCTION or w.ref and w.type == PRODUCTION]
            orgs = [o for sj in ctx.subjects(tok) for o in ctx.names(sj) if o.kind == "Broadcaster"]
            for w in works:
                for o in orgs:
                    yield Candidate(w, "originalBroadcaster", o, ctx.evidence([tok, ordered[0]], "kg.commission.v2", 0.75))
            continue
        if lemmas[tok.i] not in verbs or tok.pos_ != "VERB":
            continue
        chain = ctx.verb_chain(tok)
        if _is_passive(chain):
            works = [m for s in ctx.subjects(tok) for m in ctx.names(s)]
            orgs = [m for a in ctx.agents([tok]) for m in ctx.names(a)]
            orgs += [m for _, p in ctx.preps([tok], {"at", "by"}) for m in ctx.names(p)]
        else:
            orgs = [m for s in ctx.subjects(tok) for m in ctx.names(s)]
            works = [m for o in ctx.objects([tok]) for m in ctx.names(o)]
        works = [w for w in works if w.type == PRODUCTION or w.ref and w.type == PRODUCTION]
        orgs = [o for o in orgs if o.kind == "Broadcaster"]
        for w in works:
            for o in orgs:
                yield Candidate(w, "originalBroadcaster", o, ctx.evidence([tok], "kg.commission.v2", 0.75))


@rule("kg.made_by.v3")
def made_by(ctx: Context) -> Iterator[Produced]:
    """*In 2011 HBO and X made the film Y*: people direct, companies produce, the year dates it."""
    verbs = set(ctx.lex.make_verbs)
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        if lemmas[tok.i] not in verbs or tok.pos_ != "VERB" or ctx.negated([tok]):
            continue
        if _is_passive(ctx.verb_chain(tok)):
            # "the series is being made by X": the work the subject names, the maker the agent
            if lemmas[tok.i] != "make":
                continue
            works = [m for s in ctx.subjects(tok) for m in ctx.names(s) if m.type == PRODUCTION]
            makers = [m for a in ctx.agents([tok]) for m in ctx.names(a) if not m.ref]
            ev = ctx.evidence([tok], "kg.made_by.v3", 0.7)
            for w in works:
                film = _article_kind(ctx, w, tok) in (None, "Film", "Documentary", "Production")
                for mk in makers:
                    if film:
                        yield Candidate(w, "director", mk, ev)
                    yield Candidate(w, "productionCompany", mk, ev)
            continue
        objs = ctx.children(ctx.verb_chain(tok), ("dobj",))
        works = [m for o in objs for m in ctx.names(o) if m.type == PRODUCTION and not m.ref]
        if not works:
            continue
        makers = [m for s in ctx.subjects(tok) for m in ctx.names(s)]
        # "while making W", "when filming W": who was at work on it, an actor as likely as its director
        aside = tok.tag_ == "VBG" and (tok.dep_ in ("advcl", "pcomp") or any(c.dep_ == "mark" for c in tok.children))
        ev = ctx.evidence([tok], "kg.made_by.v3", 0.7)
        for w in works:
            # a person directs a film; a series, an episode, a song or a book is made by many hands
            film = _article_kind(ctx, w, tok) in (None, "Film", "Documentary", "Production")
            for mk in makers:
                # the maker's type is settled by resolution: a person directs, a company produces
                if film and not aside:
                    yield Candidate(w, "director", mk, ev)
                yield Candidate(w, "productionCompany", mk, ev)
            for _, p in ctx.preps([tok], {"in"}):
                d = _date_of(ctx, p)
                if d and len(d) == 4:
                    yield Candidate(w, "publicationDate", Value(d, "date"), ctx.evidence([tok, p], "kg.made_by.v3", 0.75))


def _date_of(ctx: Context, tok: Token) -> str | None:
    """The normalised date of the DATE entity at or under ``tok``; failing that, of the words
    under ``tok`` when they read as a date (NER misses some: *on March 3*)."""
    for t in [tok, *tok.subtree]:
        if t.ent_type_ == "DATE":
            ent = next(e for e in ctx.doc.ents if e.start <= t.i < e.end)
            return normalise_date(ent.text, ctx.document.date)
    words = ctx.doc[tok.left_edge.i: tok.right_edge.i + 1]
    if len(words) <= 5:
        return normalise_date(words.text, ctx.document.date)
    return None


_BOUNDS = frozenset({"since", "until", "till", "before", "after", "by"})  # a date they bring bounds a time


def _dates_near(ctx: Context, verbs: list[Token], *, bounds: bool = True) -> tuple[str | None, Token | None]:
    """The first date a verb's own words give, and its token; with ``bounds=False`` a date brought by
    *since*, *until*, *before*, *after* or *by* is not the verb's (*the first album since 1983*)."""
    for v in verbs:
        for c in v.children:
            if not bounds and c.dep_ == "prep" and c.lower_ in _BOUNDS:
                continue
            if c.dep_ in ("prep", "npadvmod", "advmod", "tmod", "pobj", "dobj") or c.ent_type_ == "DATE":
                d = _date_of(ctx, c)
                if d:
                    return d, c
    return None, None


@rule("kg.release.v6")
def release(ctx: Context) -> Iterator[Produced]:
    """*Y premiered on May 31*, *since its May 31 debut*, *a 1970 film*, *a novel first published
    in 1939*, *the albums A and B, both released in 2010*: publication dates and premiere events."""
    verbs = {**ctx.lex.premiere_verbs, "publish": "Release"}
    nouns = ctx.lex.premiere_nouns
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        lemma = lemmas[tok.i]
        if lemma in verbs and tok.pos_ == "VERB":
            chain = ctx.verb_chain(tok)
            d, dt = _dates_near(ctx, [tok], bounds=False)
            bare = tok.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in tok.children)
            works = []
            doc = ctx.doc
            j = tok.i - 1  # (past "first", "originally": "X, first published in 1903")
            while j > 0 and doc[j].pos_ == "ADV" and doc[j].dep_ == "advmod" and doc[j].head.i == tok.i:
                j -= 1
            both = j > 0 and doc[j].lower_ in ("both", "all", "each") and doc[j - 1].text == ","
            if (bare or both) and j >= 0 and (doc[j].text == "," or both):
                # "the film Dough Run, released in 2008": the participle describes the work before it;
                # "the albums A and B, both released in 2010": each of the works listed before it
                works = _nearest_work_before(ctx, doc[j])
                if both and works:
                    works = [*works, *_listed_before(ctx, works[0])]
            elif bare and tok.dep_ == "advcl" and tok.i < tok.head.i \
                    and all(doc[k].pos_ == "ADV" for k in range(sent_of(tok).start, tok.i)):
                # "Released as a single in 1991, X reached number seven": the clause's subject was released
                works = [m for s in ctx.subjects(tok.head) for m in ctx.names(s) if not m.ref]
            elif bare and tok.dep_ == "acl" and _production_noun(ctx, tok.head):
                # "an English novel by X first published in 1939": the work the noun stands for
                w = ctx.refer(tok.head)
                works = [w] if w is not None and not w.ref else []
            if works:
                pass
            elif _is_passive(chain) or verbs[lemma] == "Premiere":
                works = [m for s in ctx.subjects(tok) for m in ctx.names(s)]
                # "The first season premiered on May 3": a series first aired with its first season
                works = works or [ctx.focus(tok) for s in ctx.subjects(tok) if s.lemma_.lower() == "season"
                                  and any(c.lower_ in ("first", "1st", "debut", "inaugural", "opening")
                                          for c in s.children)]
            else:
                works = [m for o in ctx.children([tok], ("dobj",)) for m in ctx.names(o)]
            kind = verbs[lemma]
            bcs = [m for _, p in ctx.preps([tok], {"on", "by", "via"}) if (m := ctx.mention_at(p)) is not None
                   and m.type == ORGANIZATION]
        elif lemma in nouns and tok.pos_ == "NOUN":
            d = None
            dt = None
            for c in tok.children:
                if c.ent_type_ == "DATE" or c.dep_ in ("compound", "nummod", "amod", "poss"):
                    d = d or _date_of(ctx, c)
                    dt = dt or c
            works = [m for c in tok.children if c.dep_ == "poss" for m in [ctx.refer(c)] if m is not None]
            kind = nouns[lemma]
            bcs = []
        else:
            continue
        works = [w for w in works if w.type == PRODUCTION or (w.ref and w.type != PERSON)]
        if not works or not d:
            continue
        toks = [tok] + ([dt] if dt is not None else [])
        ev = ctx.evidence(toks, "kg.release.v6", 0.85)
        for w in works:
            yield Candidate(w, "publicationDate", Value(d, "date"), ev)
            if ev.status != "denied":  # ("X did not open in 2003": no premiere took place)
                yield EventCandidate(kind, ev, d, None, (w, *bcs))
    # "a 1970 American drama film", "a 1997 Welsh-language coming-of-age film", "a 1952 film
    # biography": a year modifying a production noun, however many modifiers lie between
    for year in tokens_of(ctx.doc):
        if year.ent_type_ != "DATE" or len(year.text) != 4 or not year.text.isdigit() \
                or year.dep_ not in ("nummod", "amod", "compound"):
            continue
        tok = year.head
        while not _production_noun(ctx, tok) and tok.dep_ in ("compound", "amod", "nummod") and tok.head.i > tok.i:
            tok = tok.head
        if _production_noun(ctx, tok):
            while tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
                tok = tok.head  # "drama" in "drama film": the phrase's head names the work
            w = ctx.refer(tok)
            if (w is None or w.ref) and tok.i + 2 < len(ctx.doc) and ctx.doc[tok.i + 1].text == ",":
                w = ctx.mention_at(ctx.doc[tok.i + 2])  # "the 2004 film, Paper Rivers"
            if w is not None and w.type == PRODUCTION and not w.ref:
                yield Candidate(w, "publicationDate", Value(year.text, "date"),
                                ctx.evidence([year, tok], "kg.release.v6", 0.8))


# where an adjective stands as a noun phrase's head, the tagger was wrong ("a 1967 single")
_HEAD_DEPS = frozenset({"attr", "pobj", "dobj", "nsubj", "nsubjpass", "appos", "conj"})


def _nounish(tok: Token) -> bool:
    """A noun, or a word tagged as an adjective that heads a noun phrase (*is a 1967 single*)."""
    return tok.pos_ == "NOUN" or tok.pos_ == "ADJ" and tok.dep_ in _HEAD_DEPS and any(
        c.dep_ == "det" for c in tok.children)


def _production_noun(ctx: Context, tok: Token) -> bool:
    """A noun that names a kind of work, itself or through a compound (*film biography*)."""
    if not _nounish(tok):
        return False
    nouns = ctx.production_nouns
    return any(t.lower_ in nouns or t.lemma_.lower() in nouns
               for t in (tok, *(c for c in tok.children if c.dep_ == "compound" and c.i < tok.i)))


_SMALL_TITLE_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "at", "to", "for", "with", "from", "or",
                                "&"})


def _listed_after(ctx: Context, m: Mention) -> list[Mention]:
    """The works listed right after ``m`` and a comma or colon (*for BBC1, A (1989 – 94) and B*),
    each possibly followed by its years in brackets."""
    doc = ctx.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc) or doc[span.end].text not in (",", ":"):
        return []
    out: list[Mention] = []
    k = span.end + 1
    end = sent_of(doc[span.start]).end
    while k < end:
        w = ctx.mention_at(doc[k])
        if w is None and titleish(doc[k]):
            # a title-case name with its years in brackets is a title NER did not see
            b = k  # up to the bracket: capitalised words and the small words between them
            while b < min(end, k + 8) and (titleish(doc[b]) or doc[b].lower_ in _SMALL_TITLE_WORDS and b > k):
                b += 1
            if b > k and titleish(doc[b - 1]) and b + 1 < end and doc[b].text == "(" and re.fullmatch(r"(?:18|19|20)\d\d", doc[b + 1].text) \
                    and not any(ctx.mention_at(t) is not None for t in doc[k:b]):
                w = named(ctx).everywhere(k, b, PRODUCTION, "kg.listed_title.v1", 0.7)
        if w is None or w.ref or w.type != PRODUCTION or w in out:
            break
        out.append(w)
        wspan = doc.char_span(w.start, w.end, alignment_mode="expand")
        k = wspan.end if wspan is not None else end
        if k < end and doc[k].text == "(":  # its years
            close = next((j for j in range(k, min(end, k + 8)) if doc[j].text == ")"), None)
            k = close + 1 if close is not None else end
        if k < end and doc[k].text == ",":
            k += 1
        if k < end and doc[k].lower_ == "and":
            k += 1
        elif out and k < end and ctx.mention_at(doc[k]) is None:
            break
    return out


def _listed_before(ctx: Context, m: Mention) -> list[Mention]:
    """The works written in one list before ``m``, joined to it by commas and *and* (*A, B and m*)."""
    doc = ctx.doc
    out: list[Mention] = []
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    k = span.start - 1 if span is not None else -1
    while k > 0 and doc[k].lower_ in (",", "and", "&"):
        j = k - 1
        while j >= 0 and doc[j].lower_ in (",", "and"):
            j -= 1
        prev = ctx.mention_at(doc[j]) if j >= 0 else None
        if prev is None or prev.ref or prev.type != PRODUCTION or prev in out:
            break
        out.append(prev)
        pspan = doc.char_span(prev.start, prev.end, alignment_mode="expand")
        k = pspan.start - 1 if pspan is not None else -1
    return out


def _nearest_work_before(ctx: Context, tok: Token) -> list[Mention]:
    for k in range(tok.i - 1, sent_of(tok).start - 1, -1):
        m = ctx.mention_at(ctx.doc[k])
        if m is not None and not m.ref and m.type == PRODUCTION:
            return [m]
    return []


@rule("kg.episodes.v2")
def episodes(ctx: Context) -> Iterator[Produced]:
    """*a four-part series*, *the six-episode drama*, *Y has ten episodes*."""
    ep_nouns = set(ctx.lex.episode_nouns)
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        if lemmas[tok.i] not in ep_nouns:
            continue
        num_tok = None
        if tok.i >= 2 and ctx.doc[tok.i - 1].text == "-":
            num_tok = ctx.doc[tok.i - 2]
        else:
            num_tok = next((c for c in tok.children if c.dep_ == "nummod"), None)
        if num_tok is None:
            continue
        n = parse_number(num_tok.text, {}, ctx.lex.number_words)
        if n is None or n != int(n) or not 0 < n < 10000:
            continue
        # the production: the noun this modifies ("four-part series"), or the subject of "has N episodes"
        target = tok.head if tok.dep_ in ("amod", "compound", "nmod") else None
        if target is None and tok.head.lemma_ in ("have", "consist", "comprise", "run", "span"):
            subs = ctx.subjects(tok.head)
            target = subs[0] if subs else None
        if target is None and tok.head.dep_ == "pobj":
            target = tok.head.head.head
        if target is None:
            continue
        work = ctx.refer(target)
        if work is None or not (work.type == PRODUCTION or (work.ref and work.type != PERSON)):
            continue
        yield Candidate(work, "numberOfEpisodes", Value(str(int(n)), "integer"),
                        ctx.evidence([num_tok, tok], "kg.episodes.v2", 0.85, clause=False))


# the award rules live in kg/extract/rules/awards.py (the awards family)


@rule("kg.membership.v2")
def membership(ctx: Context) -> Iterator[Produced]:
    """*A, one of the Three*; *three dockers — A, B and C —* where the article names a group of three."""
    groups = [m for m in ctx.mentions if m.type == GROUP and not m.ref]
    numbers = {w.lower(): n for w, n in ctx.lex.number_words.items()}
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        # "one of the Three"
        if lowers[tok.i] == "one" and tok.dep_ == "appos":
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            person = ctx.mention_at(tok.head)
            if pobj is not None and person is not None and person.type == PERSON:
                grp = ctx.mention_at(pobj) or _group_named(groups, pobj.text)
                if grp is not None and grp.type == GROUP:
                    yield Candidate(person, "memberOf", grp, ctx.evidence([tok.head, pobj], "kg.membership.v2", 0.8, clause=False))
        # "N people-nouns — A, B, ... —" and a group named "... N"
        if tok.tag_ != "NNS":
            continue
        num = next((c for c in tok.children if c.dep_ == "nummod"), None)
        if num is None:
            continue
        n = numbers.get(num.lower_) or (int(num.text) if num.text.isdigit() else None)
        k = tok.i + 1
        while k < len(ctx.doc) and ctx.doc[k].text in ("\u2014", "\u2013", "-", ":", ",", "(", "--"):
            k += 1
        first = ctx.mention_at(ctx.doc[k]) if k < len(ctx.doc) and k > tok.i + 1 else None
        members = [first, *ctx.surface_list(first)] if first is not None and not first.ref else []
        if not n or len(members) != n:
            continue
        for grp in groups:
            last = grp.text.split()[-1].lower()
            if numbers.get(last) == n:
                ev = ctx.evidence([num, tok], "kg.membership.v2", 0.7, clause=False)
                for m in members:
                    yield Candidate(m, "memberOf", grp, ev)
                break


def _group_named(groups: list[Mention], word: str) -> Mention | None:
    for g in groups:
        if g.text.split()[-1] == word:
            return g
    return None


@rule("kg.subject_of.v2")
def subject_of(ctx: Context) -> Iterator[Produced]:
    """*a drama about the Harbour Three*, *based on the true story of X*: main subject."""
    subject_nouns = set(ctx.lex.subject_nouns)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        target: Token | None = None
        work_tok: Token | None = None
        if tok.dep_ == "prep" and lowers[tok.i] == "about" and tok.head.lower_ in ctx.production_nouns:
            target = next((c for c in tok.children if c.dep_ == "pobj"), None)
            work_tok = tok.head
        elif tok.lemma_ == "base" and tok.tag_ == "VBN":
            on = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"), None)
            target = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
            subs = ctx.subjects(tok)
            work_tok = subs[0] if subs else (tok.head if tok.dep_ in ("acl", "amod") else None)
        elif tok.lemma_ in ("tell", "recount", "chronicle", "follow", "dramatize", "dramatise", "explore", "depict") \
                and tok.pos_ == "VERB":
            target = next((c for c in tok.children if c.dep_ == "dobj"), None)
            subs = ctx.subjects(tok)
            work_tok = subs[0] if subs else None
        if target is None or work_tok is None:
            continue
        # "the true story of X": follow "of" from a story noun
        while target.lower_ in subject_nouns or target.lemma_ in subject_nouns:
            of = next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            nxt = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if nxt is None:
                break
            target = nxt
        work = ctx.refer(work_tok)
        about = ctx.mention_at(target)
        if work is None or about is None or not (work.type == PRODUCTION or work.ref) or about.type not in (GROUP, PERSON):
            continue
        yield Candidate(work, "mainSubject", about, ctx.evidence([tok, target], "kg.subject_of.v2", 0.75))


def _attributive_country(tok: Token) -> bool:
    """A country's abbreviation NER calls a place, used as a nationality word before a noun
    (*US playwright Y*, *the UK star Y*, *a US drama*): an upper-case name of one token that
    modifies the noun after it."""
    return tok.ent_type_ == "GPE" and tok.ent_iob_ == "B" \
        and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_type_ != "GPE") \
        and tok.text.replace(".", "").isupper() and tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i


@rule("kg.nationality.v3")
def nationality(ctx: Context) -> Iterator[Produced]:
    """*an American actor*, *US playwright Y* → citizenship; *a 1970 American drama film* → country of
    origin."""
    demonyms = ctx.lex.demonyms
    for tok in tokens_of(ctx.doc):
        if tok.text not in demonyms or tok.ent_type_ != "NORP" and not _attributive_country(tok):
            continue
        noun = tok.head
        while noun.dep_ in ("compound", "amod") and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
            noun = noun.head
        country = Mention(ctx.document.id, tok.idx, tok.idx + len(tok.text), tok.text, PLACE, "kg.nationality.v3",
                          0.8, "Country", None, demonyms[tok.text])
        ev = ctx.evidence([tok, noun], "kg.nationality.v3", 0.8, clause=False)
        if _production_noun(ctx, noun):
            works = _works_named_by(ctx, noun)
            if works:
                ctx.mentions.append(country)
            for work in works:
                yield Candidate(work, "countryOfOrigin", country, ev)
        elif noun.lower_ in ctx.occupations:
            person = None
            nxt = noun.i + 1
            if nxt < len(ctx.doc) and (pm := ctx.mention_at(ctx.doc[nxt])) is not None and pm.type == PERSON:
                person = pm
            elif noun.dep_ in ("attr", "appos"):
                person = ctx.refer(noun)
            if person is not None and person.type == PERSON and not person.ref:
                ctx.mentions.append(country)
                yield Candidate(person, "countryOfCitizenship", country,
                                ctx.evidence([tok, noun], "kg.nationality.v3", 0.8, clause=False, description=True))


    # "the UK's medical dramas A and B": a country in the possessive on a production noun
    for tok in tokens_of(ctx.doc):
        if tok.dep_ != "poss" or (place := ctx.mention_at(tok)) is None or place.type != PLACE \
                or place.text not in demonyms and place.text not in demonyms.values():
            continue
        noun = tok.head
        while noun.dep_ in ("compound", "amod") and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
            noun = noun.head
        if noun.lower_ in ctx.production_nouns or noun.lemma_.lower() in ctx.production_nouns:
            ev = ctx.evidence([tok, noun], "kg.nationality.v3", 0.75, clause=False)
            for work in _works_named_by(ctx, noun):
                yield Candidate(work, "countryOfOrigin", place, ev)


def _works_named_by(ctx: Context, noun: Token) -> list[Mention]:
    """The work a production noun names (*the drama X*), or each work of a plural one (*the dramas X and Y*)."""
    work = ctx.refer(noun)
    out = [work] if work is not None and work.type == PRODUCTION and not work.ref else []
    doc = ctx.doc
    k = past_list_opener(doc, noun.i + 1)  # "films including A, B and C"
    if k + 1 < len(doc) and doc[k].lower_ in ("the", "a", "an") and ctx.mention_at(doc[k]) is None:
        k += 1  # "the films The Long Road and …": the title's own article
    if noun.tag_ in ("NNS", "NNPS") and k < len(doc) and (first := ctx.mention_at(doc[k])) \
            and first.type == PRODUCTION and not first.ref:
        out += [m for m in (first, *ctx.surface_list(first)) if m.type == PRODUCTION and not m.ref and m not in out]
    return out


def _work_of(ctx: Context, tok: Token) -> Mention | None:
    """The named work at the end of a chain of production nouns joined by *of*: *the finale of
    the second series of X* → X."""
    seen = 0
    while tok.lower_ in ctx.production_nouns or tok.lemma_.lower() in ctx.production_nouns \
            or tok.lemma_.lower() in ("season", "finale", "part", "run"):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None or seen > 4:
            return None
        m = ctx.mention_at(pobj)
        if m is not None and m.type == PRODUCTION and not m.ref:
            return m
        tok, seen = pobj, seen + 1
    return None


@rule("kg.event.v2")
def event(ctx: Context) -> Iterator[Produced]:
    """*A, B and C were arrested and convicted in the April 1989 rape ... in Central Park*;
    *the men's convictions were vacated in 2002*: event kind, date, place and participants."""
    verbs = ctx.lex.event_verbs
    nouns = ctx.lex.event_nouns
    vacate = set(ctx.lex.vacate_verbs)
    done: set[int] = set()
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        lemma = lemmas[tok.i]
        if lemma not in verbs or tok.pos_ != "VERB" or tok.i in done or ctx.negated([tok]):
            continue
        if verbs[lemma] == "Settlement" and not _legal_settling(tok):
            continue  # "had to settle for bronze", "help him settle in"
        if lemma in _LOOSE_CLEARING and not _legal_clearing(tok, nouns):
            continue  # "cleared to play", "cleared the ball", "quashes speculation"
        kind = verbs[lemma]
        chain = [v for v in ctx.verb_chain(tok) if v.lemma_.lower() in verbs]
        done.update(v.i for v in chain)
        subs = ctx.subjects(tok)
        if tok.dep_ == "amod":
            subs = [tok.head]  # "the wrongly convicted men": the men, not the sentence's subject
        elif not _is_passive(ctx.verb_chain(tok)) and not (lemma in vacate):
            subs = ctx.children(chain, ("dobj",)) or subs
        participants: list[Mention] = []
        for s in subs:
            if lemma in vacate or s.lemma_.lower() in nouns:
                # "the men's convictions were vacated": the people are the possessor
                if s.lemma_.lower() in nouns:
                    kind = "Exoneration" if lemma in vacate else nouns[s.lemma_.lower()]
                for c in s.children:
                    if c.dep_ == "poss":
                        participants += ctx.names(c)
                    elif c.dep_ == "prep" and c.lower_ == "of":  # "the convictions of A and B"
                        participants += [m for g in c.children if g.dep_ == "pobj" for m in ctx.names(g)]
            else:
                participants += ctx.names(s)
        participants = [p for p in participants if p.type in (PERSON, GROUP) or p.ref and p.type in (PERSON, GROUP)]
        if not participants:
            continue
        span_toks = [t for v in chain for t in v.subtree if t.i > v.i]
        date = None
        place = None
        for t in span_toks:
            if t.ent_type_ == "DATE" and date is None:
                date = _date_of(ctx, t)
            m = ctx.mention_at(t)
            if m is not None and m.type == PLACE and not m.ref:
                place = m
        if lemma in vacate:
            ev = ctx.evidence(chain, "kg.event.v2", 0.75)
            yield EventCandidate(kind, ev, date, place, tuple(participants))
            continue
        # "arrested in 1987 and convicted in 1988": each verb its own date when it has one;
        # "arrested and convicted in April 1989": the date they share
        others = {v.i for v in chain}
        own: dict[str, str | None] = {}
        for v in chain:
            inside = [t for t in v.subtree if t.i > v.i and _governed_by(t, v, others)]
            own_date = next((d for t in inside if t.ent_type_ == "DATE" and (d := _date_of(ctx, t))), None)
            k = verbs[v.lemma_.lower()]
            own[k] = own.get(k) or own_date
        for k in sorted(own):
            ev = ctx.evidence(chain, "kg.event.v2", 0.75)
            yield EventCandidate(k, ev, own[k] or date, place, tuple(participants))


_GETTING_VERBS = frozenset({"receive", "reach", "win", "secure", "get", "obtain", "accept"})
_SETTLED_THINGS = frozenset({"case", "cases", "claim", "claims", "lawsuit", "lawsuits", "suit", "suits", "dispute",
                             "action", "litigation"})


_LOOSE_CLEARING = frozenset({"clear", "quash", "overturn"})
_LEGAL_OBJECTS = frozenset({"verdict", "ruling", "charge", "charges", "decision", "judgment", "judgement"})


def _legal_clearing(verb: Token, event_nouns: dict[str, str]) -> bool:
    """*cleared of doping offences*, *cleared on appeal*, *the conviction was quashed*: a court's
    clearing; *cleared to play*, *cleared the ball*, *quashes speculation* are not."""
    kids = list(verb.children)
    if any(c.dep_ == "xcomp" for c in kids):
        return False
    objects = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    if any(o.lemma_.lower() in event_nouns or o.lower_ in _LEGAL_OBJECTS for o in objects):
        return True
    if verb.lemma_.lower() != "clear":
        return False
    return any(c.dep_ == "prep" and (c.lower_ in ("of", "over") or c.lower_ == "on" and any(
        g.lemma_.lower() == "appeal" for g in c.children)) for c in kids)


def _legal_settling(verb: Token) -> bool:
    """*The city settled the case (for $41 million)*, *settled with the men*, *settled out of court*,
    *the suit was settled*: a settlement; *settle for bronze*, *settle in*, *settled into the team*
    are not."""
    kids = list(verb.children)
    if any(c.dep_ == "prt" or c.dep_ == "prep" and (c.lower_ == "into" or c.lower_ in ("in", "down", "on") and not any(
            g.dep_ == "pobj" for g in c.children)) for c in kids):
        return False  # (a particle, not "settled … in 2014")
    objects = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    if any(o.lower_ in _SETTLED_THINGS for o in objects):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in kids) or any(
        c.lower_ == "out" and any(g.lower_ == "court" for g in c.subtree) for c in kids)


@rule("kg.event_noun.v2")
def event_noun(ctx: Context) -> Iterator[Produced]:
    """*The men received a $9 million settlement from the city in 2014*: an event named by its noun
    as what someone got, dated by the verb's own date."""
    nouns = ctx.lex.event_nouns
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        kind = nouns.get(lemmas[tok.i])
        if kind is None:
            continue
        verb = tok.head
        if tok.pos_ != "NOUN" or tok.dep_ != "dobj" or verb.lemma_.lower() not in _GETTING_VERBS \
                or ctx.negated([verb]):
            continue
        participants = [m for s in ctx.subjects(verb) for m in ctx.names(s)
                        if m.type in (PERSON, GROUP) or m.ref and m.type in (PERSON, GROUP)]
        if not participants:
            continue
        date = next((d for t in verb.subtree if t.i > verb.i and t.ent_type_ == "DATE" and (d := _date_of(ctx, t))), None)
        yield EventCandidate(kind, ctx.evidence([verb, tok], "kg.event_noun.v2", 0.7), date, None, tuple(participants))


def _governed_by(tok: Token, verb: Token, others: set[int]) -> bool:
    """Whether the path up from ``tok`` reaches ``verb`` without passing another of ``others``."""
    t = tok
    while t.i != verb.i:
        if t.i in others or t.head.i == t.i:
            return False
        t = t.head
    return True


@rule("kg.quotation.v1")
def quotation(ctx: Context) -> Iterator[Produced]:
    """Direct quotations with their speakers (*"...," she said*; *X tweeted: "..."*)."""
    yield from quotations(ctx)


# Rule families, one module each (kg/extract/rules/<family>.py), each registering its rules with
# @rule("kg.<name>.vN") like the ones above; every module of this package is loaded, in name order.
def _load_families() -> None:
    import importlib
    import pkgutil
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def run_rules(ctx: Context) -> Iterator[Produced]:
    """Every registered rule over one article, in registration order."""
    for fn in RULES.values():
        yield from fn(ctx)


_load_families()
