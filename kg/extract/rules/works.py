"""Works: what a production is and where it comes from — its genre (*the teen comedy X*, *X, a
period drama*), what it is about (*a documentary about X*, *the X biopic Y*), what it is based on
(*based on the novel X*, *an adaptation of X*), what it follows (*the sequel to X*), the series it
belongs to (*the third film in the X series*), where it is set (*set in X*) and filmed (*filmed in
X*, *shooting of Y was moved to X*).

Every rule reads the parse around a word of its lexicon (``works.json`` beside this module), never
particular titles. A work is a named production mention; a definite description (*the film*)
stands for one only where the rule says so, since the resolver links it to the work in focus.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from kg.extract.context import Context
from kg.extract.mentions import past_list_opener
from kg.extract.rules import Produced, rule
from kg.extract.sents import lemmas_of, lowers_of, sent_of, tokens_of
from kg.model import GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Candidate, Mention, Value

__all__ = ["artist_genre", "based_on", "filming", "genre", "genre_phrase", "music_genre", "main_subject", "sequel", "series_member", "setting",
           "words"]

_QUOTES = frozenset({'"', "'", "\u201c", "\u2018"})


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The family's word lists (``works.json``), read once, as frozen sets (mappings stay mappings)."""
    raw: dict[str, Any] = json.loads(Path(__file__).with_name("works.json").read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in raw.items()}


def _word_ending_at(doc: Doc, i: int) -> tuple[str, int]:
    """The word that ends at token ``i``, hyphenated parts joined (*sci-fi*, *coming-of-age*), and
    the index of its first token."""
    start = i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
            and not doc[start - 1].whitespace_:
        start -= 2
    return doc[start:i + 1].text, start


def genre_phrase(doc: Doc, head: Token) -> str | None:
    """The genre a noun phrase ending at ``head`` says: *the 1994 comedy* → comedy, *teen comedy*,
    *reality TV show*, *the crime drama series* → crime drama, *animated series*; None when the
    phrase names no genre (*the film*, *a new series*).

    Examples
    --------
    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline()("They watched the reality TV show and an old period drama.")
    >>> genre_phrase(doc, doc[5]), genre_phrase(doc, doc[10])
    ('reality TV show', 'period drama')
    """
    w = words()
    nouns, heads, mods, links = w["genre_nouns"], w["generic_work_heads"], w["genre_modifiers"], w["genre_connectors"]
    head_word, start = _word_ending_at(doc, head.i)
    low = head_word.lower()
    if low not in nouns and low not in heads:
        return None
    if head.tag_ in ("NNS", "NNPS") and "-" not in head_word:
        head_word = head.lemma_.lower()
    sent = sent_of(head)
    parts: list[tuple[str, bool]] = []  # (word, is a genre noun)
    k = start - 1
    while k >= sent.start:
        word, ks = _word_ending_at(doc, k)
        wl = word.lower()
        if not (word.islower() or wl in links) or wl not in mods and wl not in nouns and wl not in links:
            break
        parts.insert(0, (word, wl in nouns))
        k = ks - 1
    while parts and parts[0][0].lower() in links:
        parts.pop(0)
    if low in nouns:
        return " ".join([*(p for p, _ in parts), head_word])
    last_noun = max((j for j, (_, is_noun) in enumerate(parts) if is_noun), default=-1)
    if last_noun >= 0:
        return " ".join(p for p, _ in parts[:last_noun + 1])
    return " ".join([*(p for p, _ in parts), head_word]) if parts else None


def _phrase_start(doc: Doc, head: Token) -> int:
    """The first token of the lower-case words written before ``head`` in its noun phrase."""
    k = head.i
    while k - 1 >= sent_of(head).start and doc[k - 1].dep_ in ("compound", "amod", "nmod", "punct", "nummod") \
            and doc[k - 1].head.i >= k - 1 and doc[k - 1].head.i <= head.i and doc[k - 1].text not in (",", "(", ")"):
        k -= 1
    return k


def _title_after(ctx: Context, noun: Token) -> list[Mention]:
    """Named productions written right after ``noun``: *the comedy X*, *her cookbook, X*, *shows
    such as X and Y*, *the drama "X"*."""
    doc = ctx.doc
    k = noun.i + 1
    plural = noun.tag_ in ("NNS", "NNPS")
    if plural:
        opened = past_list_opener(doc, k)
        if opened == k:
            return []
        k = opened
        if k < len(doc) and doc[k].lower_ in ("the", "a", "an") and ctx.mention_at(doc[k]) is None:
            k += 1
    elif k + 1 < len(doc) and doc[k].text == ",":
        # "her cookbook, X": a name in apposition is the work, whatever NER guessed it was
        nxt = ctx.mention_at(doc[k + 1])
        if nxt is None or nxt.ref or nxt.type not in (PRODUCTION, PLACE, ORGANIZATION) or not any(
                t.dep_ == "appos" and t.head.i == noun.i for t in doc[k + 1:min(len(doc), k + 8)]
                if ctx.mention_at(t) is nxt):
            return []
        return [nxt] if nxt.start == doc[k + 1].idx else []
    if k < len(doc) and doc[k].text in _QUOTES and ctx.mention_at(doc[k]) is None:
        k += 1
    if k >= len(doc):
        return []
    first = ctx.mention_at(doc[k])
    if first is None or first.ref or first.type != PRODUCTION or first.start < doc[k].idx:
        return []
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is not None and span.end < len(doc) and doc[span.end].lower_ in ("'s", "\u2019s"):
        return []  # "horror films such as X's Y": X owns the title, it is none
    if not plural:
        return [first]
    return [first, *[m for m in ctx.surface_list(first) if m.type == PRODUCTION and not m.ref]]


def _described(ctx: Context, noun: Token) -> Mention | None:
    """The named production a noun describes: *X, a romantic drama*, *X is a documentary*."""
    doc = ctx.doc
    if noun.dep_ == "appos":
        m = ctx.refer(noun.head)  # (the head may be a production noun with its title: "the drama X, a …")
        if m is not None and m.type == PRODUCTION and not m.ref:
            return m
    det = next((c for c in noun.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
    first = _phrase_start(doc, noun)
    lead = det.i if det is not None and det.i < first else first
    if lead >= 2 and doc[lead - 1].text == "," and noun.dep_ in ("appos", "npadvmod", "ROOT", "dobj", "attr",
                                                                 "conj", "nsubj", "pobj"):
        m = ctx.mention_at(doc[lead - 2])
        if m is not None and m.type == PRODUCTION and not m.ref and noun.dep_ != "pobj":
            return m
    if noun.dep_ in ("attr", "acomp") and noun.head.lemma_ == "be":
        for s in (c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")):
            m = ctx.refer(s)
            if m is not None and m.type == PRODUCTION and not m.ref:
                return m
    return None


def _works_of(ctx: Context, noun: Token) -> list[Mention]:
    """The named works a production noun stands for: a title after it, or the name it describes."""
    after = _title_after(ctx, noun)
    if after:
        return after
    described = _described(ctx, noun)
    return [described] if described is not None else []


def _is_phrase_head(ctx: Context, noun: Token) -> bool:
    """Whether ``noun`` heads its phrase (*the comedy X*), rather than describing another noun
    (*the comedy star*, *drama teacher*); a title the parser hung the noun on counts as its own."""
    if noun.dep_ not in ("compound", "amod", "nmod"):
        return True
    m = ctx.mention_at(noun.head)
    return m is not None and m.type == PRODUCTION and noun.head.i > noun.i


_SCREEN_KINDS = frozenset({"Film", "Series", "Miniseries", "Documentary", "Episode"})


@rule("kg.genre.v6", produces=("genre",))
def genre(ctx: Context) -> Iterator[Produced]:
    """*the teen comedy X*, *period drama X*, *X, a romantic comedy*, *X is a documentary*, *reality
    shows such as X*: the genre word of a named work (the word itself: kg has no genre entities)."""
    w = words()
    nouns, heads = w["genre_nouns"], w["generic_work_heads"]
    doc = ctx.doc
    art = tokens_of(doc)  # the article's tokens (doc[k] makes a new Token on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in art:
        low = lowers[tok.i]
        if low not in nouns and low not in heads and not (
                tok.i >= 2 and art[tok.i - 1].text == "-" and _word_ending_at(doc, tok.i)[0].lower() in nouns):
            continue
        if tok.pos_ not in ("NOUN", "PROPN") or not _is_phrase_head(ctx, tok):
            continue
        value = genre_phrase(doc, tok)
        if value is None:
            continue
        works = _works_of(ctx, tok)
        if value.split()[-1] in w["book_genres"]:
            # "the film of the novel X" where the film is called X too: the names merge, so a book's
            # genre would be said of the film
            screen = {m.text for m in ctx.mentions if m.type == PRODUCTION and m.kind in _SCREEN_KINDS}
            works = [m for m in works if m.text not in screen]
        if not works:
            continue
        ev = ctx.evidence([doc[_phrase_start(doc, tok)], tok], "kg.genre.v6", 0.8, clause=False)
        for work in works:
            yield Candidate(work, "genre", Value(value, "string"), ev)


def music_genre(doc: Doc, head: Token) -> str | None:
    """The genre of music an artist noun says: *Welsh rock band* → rock, *ska punk artists* →
    ska punk, *soul-singer* → soul, *boy band* → boy band; None when it names none.

    Examples
    --------
    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline()("She saw the US indie rock band and a local boy band.")
    >>> music_genre(doc, doc[6]), music_genre(doc, doc[11])
    ('indie rock', 'boy band')
    """
    w = words()
    genres, nouns, kinds = w["music_genres"], w["artist_nouns"], w["band_kinds"]
    word, start = _word_ending_at(doc, head.i)
    low = word.lower()
    parts: list[str] = []
    if "-" in low and low.rpartition("-")[2] in nouns and low.rpartition("-")[0] in genres:
        parts, low = [word.rpartition("-")[0]], low.rpartition("-")[2]  # "soul-singer"
    if low not in nouns:
        return None
    sent = sent_of(head)
    k = start - 1
    if not parts and k >= sent.start and doc[k].lower_ in kinds and head.lower_ in ("band", "group", "bands", "groups"):
        return str(kinds[doc[k].lower_])
    while k >= sent.start:
        word, ks = _word_ending_at(doc, k)
        if word.lower() not in genres:
            break
        parts.insert(0, word)
        k = ks - 1
    if parts and k >= sent.start and doc[k].lower_ == "and" and k - 1 >= sent.start and \
            doc[k - 1].lower_ in genres:  # "country and western"
        parts = [doc[k - 1].text, "and", *parts]
    if not parts or parts[-1].lower() == "western" and len(parts) == 1:
        return None
    return " ".join(p if p.isupper() and len(p) > 1 else p.lower() if p != "Britpop" else p for p in parts)


@rule("kg.artist_genre.v6", produces=("genre",))
def artist_genre(ctx: Context) -> Iterator[Produced]:
    """*Welsh rock band X*, *folk duo X*, *X, the boy band*, *soul singer X*, *ska punk
    artists such as X and Y*: the genre of music an artist (a band or a person) plays."""
    nouns = words()["artist_nouns"]
    doc = ctx.doc
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if lowers[tok.i] not in nouns and not ("-" in tok.text and lowers[tok.i].rpartition("-")[2] in nouns) \
                or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        value = music_genre(doc, tok)
        if value is None:
            continue
        artists: list[Mention] = []
        k = tok.i + 1
        if tok.tag_ in ("NNS", "NNPS"):
            k = past_list_opener(doc, k)
        nxt = ctx.mention_at(doc[k]) if k < len(doc) and k > tok.i else None
        if nxt is not None and not nxt.ref and nxt.type in (GROUP, PERSON, ORGANIZATION) \
                and nxt.start == doc[k].idx and nxt.kind != "Broadcaster":
            artists = [nxt]
            if tok.tag_ in ("NNS", "NNPS"):
                artists += [m for m in ctx.surface_list(nxt) if m.type in (GROUP, PERSON, ORGANIZATION)]
        elif tok.dep_ == "appos" and not any(c.dep_ == "conj" for c in tok.head.children):
            # (never in a list: "children A, B and C, a blues artist" says it of one of them)
            m = ctx.mention_at(tok.head)
            artists = [m] if m is not None and not m.ref and m.type in (GROUP, PERSON) else []
        if not artists:
            continue
        ev = ctx.evidence([tok], "kg.artist_genre.v6", 0.75, clause=False, description=True)
        for a in artists:
            yield Candidate(a, "genre", Value(value, "string"), ev)


_SUBJECT_TYPES = (PERSON, GROUP, ORGANIZATION, PLACE)


def _subject_target(ctx: Context, tok: Token) -> Mention | None:
    """What a phrase after *about* is about: a name, through *the life/story of X*."""
    story = set(ctx.lex.subject_nouns)
    for _ in range(3):
        m = ctx.mention_at(tok)
        if m is not None:
            return m if not m.ref and m.type in _SUBJECT_TYPES and m.kind != "Broadcaster" else None
        if tok.lower_ not in story and tok.lemma_.lower() not in story:
            return None
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        nxt = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if nxt is None:
            return None
        tok = nxt
    return None


@rule("kg.main_subject.v6", produces=("mainSubject",))
def main_subject(ctx: Context) -> Iterator[Produced]:
    """*the X biopic Y*, *Y, a documentary about X*, *a biopic of X*, *a film chronicling the life of
    X*: what a named work is about."""
    w = words()
    subject_nouns, preps = w["subject_nouns"], w["about_preps"]
    work_nouns = set(ctx.production_nouns) | w["genre_nouns"] | w["generic_work_heads"]
    doc = ctx.doc
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        low = lowers[tok.i]
        if low not in work_nouns or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        targets: list[tuple[Mention, Token]] = []
        if low in subject_nouns:
            # "the Nora Vale biopic": a name written as the noun's modifier
            for c in tok.children:
                if c.dep_ in ("compound", "nmod") and c.i < tok.i:
                    m = ctx.mention_at(c)
                    if m is not None and not m.ref and m.type in (PERSON, GROUP) and \
                            ctx.doc.char_span(m.start, m.end, alignment_mode="expand").end == tok.i:
                        targets.append((m, c))
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps and (c.lower_ not in ("of", "on") or low in subject_nouns):
                for p in (x for x in c.children if x.dep_ == "pobj"):
                    m = _subject_target(ctx, p)
                    if m is not None:
                        targets.append((m, p))
            elif c.dep_ == "acl" and c.lower_ in preps:  # "a film chronicling the life of X"
                objs = [x for x in c.children if x.dep_ == "dobj"]
                objs += [p for x in c.children if x.dep_ == "prep" and x.lower_ == "on" for p in x.children
                         if p.dep_ == "pobj"]  # "focusing on X"
                for o in objs:
                    m = _subject_target(ctx, o)
                    if m is not None:
                        targets.append((m, o))
        if not targets:
            continue
        works = [m for m in _works_of(ctx, tok) if all(m is not t for t, _ in targets)]
        for target, at in targets:
            ev = ctx.evidence([tok, at], "kg.main_subject.v6", 0.7, clause=False)
            for work in works:
                yield Candidate(work, "mainSubject", target, ev)


def _source_works(ctx: Context, tok: Token) -> list[Mention]:
    """The named work a phrase after *based on* / *adaptation of* stands for: *the novel X*, *X*,
    *Y's book X*."""
    m = ctx.mention_at(tok)
    if m is not None:
        return [m] if m.type == PRODUCTION and not m.ref else []
    sources = words()["source_nouns"]
    if tok.lower_ in sources or tok.lemma_.lower() in sources:
        return _works_of(ctx, tok)
    return []


def _work_at(ctx: Context, tok: Token) -> Mention | None:
    """The production a subject word names: a title, or *the film* (a reference the resolver links)."""
    m = ctx.refer(tok)
    if m is not None and m.type == PRODUCTION and (not m.ref or m.ref == "definite"):
        return m
    return None


@rule("kg.based_on.v4", produces=("basedOn",))
def based_on(ctx: Context) -> Iterator[Produced]:
    """*Y is based on the novel X*, *Y, adapted from X*, *Y, an adaptation of X*, *X was adapted to
    become Y*: the work another one is based on."""
    w = words()
    adapt_verbs, adapt_nouns = w["adapt_verbs"], w["adaptation_nouns"]
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        pairs: list[tuple[Mention, Mention]] = []
        if lemma in adapt_verbs and tok.tag_ in ("VBN", "VBD") and not ctx.negated([tok]):
            preps = {"base": ("on", "upon"), "adapt": ("from",), "remake": ("from",)}[lemma]
            sources = [m for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" for m in _source_works(ctx, p)]
            if sources:
                if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
                    holders = [tok.head]
                else:
                    holders = ctx.subjects(tok)
                works = [m for h in holders if (m := _work_at(ctx, h)) is not None]
                pairs = [(wk, s) for wk in works for s in sources]
            elif lemma == "adapt" and any(c.dep_ in ("nsubjpass",) for c in tok.children):
                # "X was adapted to become Y", "X was adapted into the film Y"
                into = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("into", "as")
                        for p in c.children if p.dep_ == "pobj"]
                into += [a for c in tok.children if c.dep_ in ("xcomp", "advcl") and c.lemma_ == "become"
                         for a in c.children if a.dep_ in ("attr", "dobj")]
                targets = [m for t in into for m in ([ctx.mention_at(t)] if ctx.mention_at(t) else _works_of(ctx, t))
                           if m is not None and m.type == PRODUCTION and not m.ref]
                origin = [m for s in ctx.subjects(tok) if (m := ctx.mention_at(s)) is not None
                          and m.type == PRODUCTION and not m.ref]
                pairs = [(t, o) for t in targets for o in origin]
        elif tok.pos_ == "NOUN" and lowers[tok.i] in adapt_nouns:
            of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj"]
            sources = [m for p in of for m in _source_works(ctx, p)]
            if sources:
                works = [m for m in _works_of(ctx, tok) if m not in sources]
                pairs = [(wk, s) for wk in works for s in sources]
        if not pairs:
            continue
        ev = ctx.evidence([tok], "kg.based_on.v4", 0.75)
        for wk, src in pairs:
            if wk is not src and wk.text != src.text:
                yield Candidate(wk, "basedOn", src, ev)


@rule("kg.sequel.v4", produces=("follows",))
def sequel(ctx: Context) -> Iterator[Produced]:
    """*Y, the sequel to X*, *Y is a follow-up to X*, *the sequel to X, Y*: the work a sequel follows."""
    nouns = words()["sequel_nouns"] - {"prequel"}  # a prequel comes out after the work it precedes
    doc = ctx.doc
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if tok.pos_ != "NOUN" or lowers[tok.i] not in nouns:
            continue
        earlier = [m for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "of")
                   for p in c.children if p.dep_ == "pobj" for m in ctx.names(p) if m.type == PRODUCTION and not m.ref]
        if not earlier:
            continue
        later = [m for m in _works_of(ctx, tok) if m not in earlier]
        if not later:
            # "the sequel to X, Y, …": the title in apposition after the phrase
            end = max(t.i for c in tok.children if c.dep_ == "prep" for t in c.subtree) + 1
            if end + 1 < len(doc) and doc[end].text == ",":
                m = ctx.mention_at(doc[end + 1])
                if m is not None and m.type == PRODUCTION and not m.ref and m not in earlier:
                    later = [m]
        ev = ctx.evidence([tok], "kg.sequel.v4", 0.75, clause=False)
        for wk in later:
            for e in earlier:
                yield Candidate(wk, "follows", e, ev)


@rule("kg.series_member.v4", produces=("partOfTheSeries",))
def series_member(ctx: Context) -> Iterator[Produced]:
    """*Y, the third film in the X series*, *Y is the latest instalment of the X franchise*: the
    series a named work is part of."""
    w = words()
    members, series = w["series_member_nouns"], w["series_nouns"]
    doc = ctx.doc
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if tok.pos_ != "NOUN" or lowers[tok.i] not in members:
            continue
        whole = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                 for p in c.children if p.dep_ == "pobj" and p.lower_ in series]
        if not whole:
            continue
        owners = [m for p in whole if (m := ctx.refer(p)) is not None and m.type == PRODUCTION and not m.ref]
        works = [m for m in _works_of(ctx, tok) if m not in owners]
        ev = ctx.evidence([tok, whole[0]], "kg.series_member.v4", 0.7, clause=False)
        for wk in works:
            for o in owners:
                if wk.text != o.text:
                    yield Candidate(wk, "partOfTheSeries", o, ev)


def _places(ctx: Context, verbs: list[Token], preps: tuple[str, ...]) -> list[tuple[Mention, Token]]:
    """Places after the given prepositions of the verbs (*in X*, *on location in X*)."""
    out = []
    for v in verbs:
        for c in v.children:
            if c.dep_ != "prep" or c.lower_ not in preps:
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if p.lower_ == "location":  # "on location in X"
                    out += _places(ctx, [p], ("in", "at"))
                    continue
                for m in ctx.names(p):
                    if m.type == PLACE and not m.ref:
                        out.append((m, p))
    return out


@rule("kg.filming.v4", produces=("filmingLocation",))
def filming(ctx: Context) -> Iterator[Produced]:
    """*Y was filmed in X*, *Y continued to be shot in X*, *they shot Y in X*, *shooting of Y was
    moved to X*: where a named work was filmed."""
    w = words()
    verbs, nouns, moves = w["filming_verbs"] - {"record"}, w["filming_nouns"], w["filming_moves"]
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        works: list[Mention] = []
        places: list[tuple[Mention, Token]] = []
        if lemma in verbs and tok.pos_ == "VERB" and tok.tag_ != "VBG" and not ctx.negated([tok]):
            chain = ctx.verb_chain(tok)
            if any(c.dep_ in ("nsubjpass", "auxpass") for v in chain for c in v.children) or \
                    tok.tag_ == "VBN" and tok.dep_ in ("acl", "xcomp"):
                holders = ctx.subjects(tok) if tok.dep_ != "acl" else [tok.head]
            else:
                holders = ctx.children([tok], ("dobj",))
            works = [m for h in holders for m in ctx.names(h) if m.type == PRODUCTION and not m.ref]
            works = works or [m for h in holders if (m := _work_at(ctx, h)) is not None]
            places = _places(ctx, [tok], ("in", "at", "on"))
        elif lowers[tok.i] in nouns and tok.pos_ in ("NOUN", "VERB") and tok.dep_ in ("nsubj", "nsubjpass"):
            works = [m for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "for")
                     for p in c.children if p.dep_ == "pobj" for m in ctx.names(p)
                     if m.type == PRODUCTION and not m.ref]
            verb = tok.head
            if verb.lemma_.lower() in moves and not ctx.negated([verb]):
                places = _places(ctx, [verb], ("to", "in", "at"))
        if not works or not places:
            continue
        for place, at in places:
            ev = ctx.evidence([tok, at], "kg.filming.v4", 0.8)
            for wk in works:
                yield Candidate(wk, "filmingLocation", place, ev)


@rule("kg.setting.v4", produces=("narrativeLocation",))
def setting(ctx: Context) -> Iterator[Produced]:
    """*Y is set in X*, *the drama Y, set in X*, *the film takes place in X*: where a work's story is set."""
    doc = ctx.doc
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        holders: list[Token] = []
        if lemma == "set" and tok.tag_ in ("VBN", "VBD") and not any(
                c.dep_ in ("prt", "dobj", "aux") or c.dep_ == "xcomp" for c in tok.children):
            if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
                holders = [tok.head]
            elif any(c.dep_ == "nsubjpass" for c in tok.children):
                holders = ctx.subjects(tok)
        elif lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in tok.children):
            holders = [c for c in tok.children if c.dep_ == "nsubj"]
        if not holders or ctx.negated([tok]):
            continue
        works = [m for h in holders for m in ([ctx.mention_at(h)] if ctx.mention_at(h) else [_work_at(ctx, h)])
                 if m is not None and m.type == PRODUCTION and (not m.ref or m.ref == "definite")]
        if lemma == "take":
            works = [m for m in works if m.ref == "definite" or m.kind not in (None, "Production") or
                     any(t.lower_ in ctx.production_nouns for t in sent_of(tok))]
        if not works:
            continue
        for place, at in _places(ctx, [tok], ("in", "on")):
            ev = ctx.evidence([tok, at], "kg.setting.v4", 0.75)
            for wk in works:
                yield Candidate(wk, "narrativeLocation", place, ev)


def _year_at(tok: Token) -> bool:
    return len(tok.text) == 4 and tok.text.isdigit() and tok.text[:2] in ("18", "19", "20")


def _work_from(ctx: Context, k: int) -> Mention | None:
    """A named production that starts at token ``k`` (past a quote mark or a comma)."""
    doc = ctx.doc
    while k < len(doc) and doc[k].text in (*_QUOTES, ",") and ctx.mention_at(doc[k]) is None:
        k += 1
    m = ctx.mention_at(doc[k]) if k < len(doc) else None
    if m is None or m.ref or m.type != PRODUCTION or m.start != doc[k].idx:
        return None
    return m


def _copula_subject(ctx: Context, noun: Token) -> Mention | None:
    """The named production a work noun is said of by a copula (*"Y" is a 1967 single*, *Y was a
    1994 novel*), or that it stands in apposition to (*Y, a 1967 single*)."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        # (a title that reads as a clause, "Can't Stop Now", is parsed as a clausal subject)
        subs = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    elif noun.dep_ == "appos":
        subs = [noun.head]
    else:
        return None
    m = ctx.mention_at(subs[0]) if len(subs) == 1 else None
    return m if m is not None and not m.ref and m.type == PRODUCTION else None


@rule("kg.work_year.v3", produces=("publicationDate",))
def work_year(ctx: Context) -> Iterator[Produced]:
    """*her 2002 single "Y"*, *the 1966 feature film, Y*, *X's 1958 Y*, *X's 1977 Y album*: a year
    written as the modifier of a work's noun, or of its title, dates the work."""
    doc = ctx.doc
    art = tokens_of(doc)
    nouns = ctx.production_nouns
    lowers = lowers_of(doc)
    for year in art:
        if not _year_at(year) or year.i == 0 or year.i + 2 >= len(doc):
            continue
        before = lowers[year.i - 1]
        if before not in ("the", "a", "his", "her", "their", "its", "'s", "\u2019s", "'", "\u2019", "this", "our"):
            continue  # (a year after "in", "since", "by" dates something else)
        sent_end = sent_of(year).end
        k = year.i + 1
        while k < sent_end and (art[k].text[:1].islower() and art[k].pos_ in ("ADJ", "NOUN", "VERB", "PROPN")
                                and lowers[k] not in nouns or art[k].text == "-" and not art[k].whitespace_):
            k += 1
        work: Mention | None = None
        if k < sent_end and lowers[k] in nouns and art[k].text[:1].islower():
            j = k + 1
            if j + 1 < sent_end and f"{lowers[k]} {lowers[j]}" in nouns:
                j += 1  # "video game", "soap opera"
            work = _work_from(ctx, j)  # "her 2002 single "Y""
            if work is None and before in ("a", "the"):
                work = _copula_subject(ctx, art[k])  # ""Y" is a 1967 single by X"
        elif k == year.i + 1 and (m := _work_from(ctx, k)) is not None:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            after = span.end if span is not None else len(doc)
            # "X's 1958 Y", "X's 1977 Y album", "the 1994 Y series"
            if before in ("'s", "\u2019s", "'", "\u2019") or after < len(doc) and lowers[after] in nouns:
                work = m
        if work is None:
            continue
        yield Candidate(work, "publicationDate", Value(year.text, "date"),
                        ctx.evidence([year, art[k]], "kg.work_year.v3", 0.8, clause=False))


def _in_year(verb: Token) -> Token | None:
    """The bare year a verb is dated by with *in* (*produced … in 1995*; never *in May 1995*'s
    month, nor a span)."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and _year_at(pobj) and not any(
                    x.dep_ in ("amod", "compound", "nummod", "prep") for x in pobj.children):
                return pobj
    return None


@rule("kg.made_year.v2", produces=("publicationDate",))
def made_year(ctx: Context) -> Iterator[Produced]:
    """*Y is a telenovela produced by X for Televisa in 1995*, *Y, a film directed by X in 1990*: a
    participle of directing, producing or making that describes the noun a named work is called,
    dated with *in* and a year, dates the work (never writing or filming, which come before it)."""
    made = {v for v, p in ctx.lex.role_verbs.items() if p in ("director", "producer", "creator")} | {"make"}
    for tok in tokens_of(ctx.doc):
        if tok.tag_ != "VBN" or tok.dep_ != "acl" or tok.lemma_.lower() not in made or ctx.negated([tok]):
            continue
        year = _in_year(tok)
        noun = tok.head
        if year is None or noun.pos_ not in ("NOUN", "PROPN") or not ctx.production_nouns.get(noun.lower_) \
                and not ctx.production_nouns.get(noun.lemma_.lower()):
            continue
        work = _copula_subject(ctx, noun)
        if work is not None:
            yield Candidate(work, "publicationDate", Value(year.text, "date"),
                            ctx.evidence([tok, year], "kg.made_year.v2", 0.75))
