"""Quantities: the numbers news gives about a thing, each a statistic tied through the parse to
what it measures, with its value scaled out, its unit, its measure and, where the text gives
it, the date it held.

- ``kg.statistic.v46`` counts: audiences (*watched by 8.2 million viewers*, *an audience of 4.1
  million*, *X's audience rose by 300,000 to 7.2 million*, *X's ratings fell to 4 million viewers*), sales (*sold two million copies*, *sales of X's books have exceeded 75 million*, *X, whose debut album sold 1.6 million copies*),
  followings (a subject of *drew N viewers* mention detection read no name in is a show),
  and small counts a verb of having or making owns (*X has two children*, *X
  released three albums*, *her three sons*);
- ``kg.money.v47`` sums: box office (*X took $40.8m*), prices (*bought X for $900*, *X sold for
  £3m*, *X bought the house for $4m*: X's home price), fines, settlements, deals, fees and fortunes (*a $10m deal*, *was fined £5,000*, *fined 50,000 euros*, *is
  worth £50m*), a work's takings at its place in a round-up (*X in third position with $10m*); in a box-office story the
  subject of a takings verb mention detection read no name in is a film (*A Tale of X, starring Y, took $30m*); a sum converted in brackets (*$50m (£27m)*) and *pounds* of weight are not sums;
- ``kg.age.v45`` ages: *X, 71,*, *the 45-year-old X*, *aged 81*, *at the age of 79*, *29 years of
  age*, *turned 50*, *X's 60th birthday*, *At 17, X ...*, *died of cancer aged 55*; *the 52-year-old* or *the comedian, 38,*
  alone only when one person is clearly the article's (named twice, twice as often as anyone), or
  is the one person named before it in its sentence or as the subject of the sentence before;
- ``kg.chart.v48`` chart positions: *went straight in at number one*, *reached No 17*, *slipped
  to six with X*, *in second place*, *X in third position*, *came second in the poll*, *X was second*, *topped the charts*, *topped the
  box office*, and weeks there (*for a fourth week*); in a chart story the subject of a chart verb
  mention detection read no name in is a work (*X went straight in at number two*);
- ``kg.share.v42`` percentages: *a 35% share*, *received 61% of the votes*, *five per cent of
  X's population*, *fell 15%*;
- ``kg.term.v40`` terms: *jailed for 18 months*, *sentenced to ten years*, *given a two-year ban*.
- ``kg.parent_count.v27`` children: *mother-of-two X*, *X, a father of three,*.

What a figure is about is read from the parse: the subject of the verb it is the object of (or
the object, for a price), the possessor of its noun, the name it stands in apposition to, the
work named with *with* (*went to number one with X*); *it* or *the film* in a round-up of many
works is the work the last clause before it was about. A figure the clause denies, plans or
hedges gives nothing (an age is presupposed, whatever its clause says). Words live in
``quantities.json``.

Examples
--------
>>> amount("$40.8m")
(40800000, 'USD')
>>> amount("more than 1.2 billion")
(1200000000, None)
>>> amount("thirty-four"), amount("£275")
((34, None), (275, 'GBP'))
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from kg.extract.context import Context
from kg.extract.dates import normalise_date
from kg.extract.lexicon import first_names
from kg.extract.rules import Produced, _date_of, _dates_near, _work_of, rule
from kg.extract.rules._named import SMALL, name_run, named, titleish
from kg.extract.rules.events import _couple
from kg.extract.rules.events import words as couple_words
from kg.extract.sents import ents_of, lemmas_of, lowers_of, sent_of, text_of, tokens_of, with_lemmas
from kg.model import GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Mention, StatCandidate

_HERE = Path(__file__).with_name("quantities.json")
_HOLDERS = (PERSON, GROUP, ORGANIZATION, PRODUCTION)
_AGED = (PERSON, PLACE, ORGANIZATION)  # what an age may be about: a person's name typed wrongly too (see _personal)
_NOT_SAID = ("denied", "planned", "hedged")
_FIRST_PERSON = frozenset({"i", "me", "my"})
# patterns the per-token loops test on every token, compiled once (``re.fullmatch(str, …)`` looks
# its pattern up in re's cache on each call)
_UP_TO_3_DIGITS = re.compile(r"\d{1,3}")
_ORDINAL_DIGITS = re.compile(r"(\d{1,3})(?:st|nd|rd|th)")
_NO_DIGITS = re.compile(r"no\.?(\d{1,3})")
_HEDGES = re.compile(r"^(?:more than|over|nearly|almost|about|around|some|roughly|approximately|at least|"
                     r"just under|just over|up to|fewer than|less than|under|close to|upwards of|in excess of|"
                     r"a staggering|a whopping|an estimated|a reported|an extra|a further|another|a record|"
                     r"a total of|only|just|a mere|the|a|an)\s+")


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The family's word lists (``quantities.json``), read once; lists become frozen sets."""
    raw = json.loads(_HERE.read_text(encoding="utf-8"))
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in raw.items() if not k.startswith("_")}


# -- numbers ----------------------------------------------------------------------------------------
def _exact(x: Decimal) -> int | float:
    """A value as the graph writes it: an integer when it is one (4.1 million is 4100000)."""
    return int(x) if x == x.to_integral_value() else float(round(x, 4))


def _word_number(t: str) -> Decimal | None:
    """*five*, *thirty-four*, *thirty four*, *a dozen*."""
    nums = words()["number_words"]
    if t in nums:
        return Decimal(str(nums[t]))
    parts = re.split(r"[\s-]+", t)
    if len(parts) == 2 and parts[0] in nums and parts[1] in nums and 20 <= nums[parts[0]] <= 90 \
            and 1 <= nums[parts[1]] <= 9 and nums[parts[0]] % 10 == 0:
        return Decimal(nums[parts[0]] + nums[parts[1]])
    return None


def amount(text: str) -> tuple[int | float, str | None] | None:
    """The number a phrase writes, scaled out, and its currency (ISO code) when it names one.

    >>> amount("£7m"), amount("14m"), amount("US$1.5 billion"), amount("3,000")
    ((7000000, 'GBP'), (14000000, None), (1500000000, 'USD'), (3000, None))
    >>> amount("five million dollars"), amount("a third"), amount("the city") is None
    ((5000000, 'USD'), (33.3, None), True)
    """
    w = words()
    t = text.strip().lower().replace("\u2019", "'")
    prev = None
    while prev != t:
        if t in w["fractions"]:
            return _exact(Decimal(str(w["fractions"][t]))), None
        prev, t = t, _HEDGES.sub("", t)
    currency = None
    for sym in sorted(w["currencies"], key=len, reverse=True):
        if t.startswith(sym.lower()):
            currency, t = w["currencies"][sym], t[len(sym):].strip()
            break
    m = re.fullmatch(r"(.*?)\s*\b(usd|gbp|eur|jpy|aud|cad|inr|cny|chf|nzd|hkd)\b", t)
    if m:
        t, currency = m.group(1), currency or m.group(2).upper()
    m = re.fullmatch(r"(.*?)\s*\b(dollars?|pounds?|sterling|euros?|yen|rupees?|yuan|francs?)\b", t)
    if m:
        word = m.group(2).rstrip("s") if m.group(2) not in ("yen",) else "yen"
        t, currency = m.group(1), currency or w["currency_words"].get(word)
    t = t.replace(",", "").rstrip("+.").strip()
    scales = w["scales"]
    scale = Decimal(1)
    m = re.fullmatch(r"(.*?)\s*-?\s*([a-z]+)", t)
    if m and m.group(2) in scales and (m.group(1) or "").strip():
        t, scale = m.group(1).strip(), Decimal(scales[m.group(2)])
    try:
        if re.fullmatch(r"\d+(?:\.\d+)?", t):
            return _exact(Decimal(t) * scale), currency
    except InvalidOperation:
        return None
    n = _word_number(t)
    if n is not None and (scale != 1 or t not in ("a", "an")):
        return _exact(n * scale), currency
    if t in ("million", "billion", "trillion", "thousand"):  # "a billion", after "a" is stripped
        return _exact(Decimal(scales[t])), currency
    return None


def _small_int(tok: Token, ordinal: bool = False) -> int | None:
    """The whole number one token writes (*12*, *four*; with ``ordinal``, *60th*, *third*)."""
    t = tok.lower_
    if ordinal:
        m = _ORDINAL_DIGITS.fullmatch(t)
        if m:
            return int(m.group(1))
        o = words()["ordinals"].get(t)
        return int(o) if o else None
    if _UP_TO_3_DIGITS.fullmatch(t):
        return int(t)
    if t in ("a", "an"):
        return None
    n = _word_number(t)
    return int(n) if n is not None and n == n.to_integral_value() else None


# -- what a figure is about ----------------------------------------------------------------------------
def _at(ctx: Context, tok: Token) -> Mention | None:
    """The mention at ``tok``: one a rule family established there, else mention detection's."""
    return named(ctx).at(tok)


def _fits(m: Mention | None, types: Iterable[str]) -> bool:
    return m is not None and m.type in types and not _numeric(m)


def _numeric(m: Mention) -> bool:
    """Whether a mention is a figure written as a name (*$7.7m* taken for a title): nothing a figure is about."""
    return any(ch.isdigit() for ch in m.text) and amount(m.text) is not None or m.text.lower() in words()["ordinals"]


def _named(ctx: Context, tok: Token | None, types: Iterable[str]) -> list[Mention]:
    """The names (or references) ``tok`` stands for that are of one of ``types``."""
    if tok is None:
        return []
    types = tuple(types)
    if tok.lower_ in _FIRST_PERSON and tok.pos_ == "PRON":
        # "'I have two children,' X said": the speaker of the quotation, where one is named
        who = ctx.speaker_of(tok)
        # (a pronoun speaker, "..., she said", is whom the pronoun stands for, resolved later)
        return [who] if who is not None and who.ref in (None, "pronoun") and who.type == PERSON and PERSON in types \
            and not ctx.is_character(who) else []
    est = named(ctx).by_token.get(tok.i)  # a name a family established (*the hit X*)
    if est is not None:
        return [est] if _fits(est, types) else []
    own = ctx.refer(tok) or _described(ctx, tok)
    if own is not None and not own.ref:  # what a family made of the same name (*the single X*: a song)
        span = ctx.doc.char_span(own.start, own.end, alignment_mode="expand")
        est = named(ctx).by_token.get(span.root.i) if span is not None else None
        own = est if est is not None and est.start == own.start and est.end == own.end else own
    if own is not None and own.ref and tok.tag_ in ("NNS", "NNPS"):
        return []  # "the top 12 films": several things, none of them named
    if own is not None and own.ref == "pronoun" and tok.lower_ == "it" and (title := _title_before(ctx, tok)):
        # "X took sixth place ..., but it led the non-US chart": "it" is the title X, which mention detection left
        # unread (a family may have set it down since: then that work), never a work of a sentence before
        return [title[0]] if title[0] is not None and _fits(title[0], types) else []
    if own is not None and own.ref and own.type == PRODUCTION and _source_of(tok):
        return []  # "the novel on which the film is based": another work than the one just named
    if own is not None and own.ref and own.type == PRODUCTION:
        recent = _recent_work(ctx, tok)  # "it", "the film": the work just named, in a round-up of many
        if recent is None and not any(not m.ref and m.type == PRODUCTION and m.end <= tok.idx for m in ctx.mentions):
            return []  # "it" before any work is named: whatever it is, the article has not named it yet
        own = recent or own
    if own is not None and (own.ref or not any(c.dep_ == "conj" for c in tok.children)):
        found = [own]  # one name: never widened over a list the parser did not join to it
    else:
        found = ctx.names(tok)
    # a pronoun is no character's name ("as she earned $5m": *as* opens a clause, not a role)
    return [m for m in found if _fits(m, types) and (m.ref == "pronoun" or not ctx.is_character(m))][:3]


def _title_before(ctx: Context, tok: Token) -> tuple[Mention | None] | None:
    """Where a clause of the sentence before ``tok`` has for its subject a capitalised name that mention
    detection left unread, and no work is named between: what *it* then most likely is (the work a
    family has since set down at that name, or None)."""
    sent = sent_of(tok)
    if any(not m.ref and m.type == PRODUCTION and sent.start_char <= m.start and m.end <= tok.idx
           for m in ctx.mentions):
        return None
    for t in ctx.doc[sent.start:tok.i]:
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha \
                and t.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP", "LOC") and ctx.mention_at(t) is None:
            est = named(ctx).by_token.get(t.i)
            return (est if est is not None and est.type == PRODUCTION else None,)
    return None


def _source_of(tok: Token) -> bool:
    """Whether a noun is described as what another work comes from (*the thriller upon which the
    film is based*, *the novel the series was adapted from*)."""
    if any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _SOURCE_VERBS
           and any(t.lower_ in ("which", "that") and t.head.lower_ in ("on", "upon", "from", "by") or
                   t.dep_ == "prep" and t.lower_ in ("on", "upon", "from") and not list(t.children)
                   for t in c.subtree) for c in tok.children):
        return True
    # the parse may hang "upon which" elsewhere: the words right after the noun still say it
    doc, end = tok.doc, sent_of(tok).end
    k = tok.i + 1
    return k + 1 < end and doc[k].lower_ in ("on", "upon", "from") and doc[k + 1].lower_ in ("which", "whom") and any(
        doc[j].lemma_.lower() in _SOURCE_VERBS for j in range(k + 2, min(end, k + 9)))


_SOURCE_VERBS = frozenset({"base", "adapt", "inspire", "draw"})


def _described(ctx: Context, tok: Token) -> Mention | None:
    """*the family adventure*, *the blockbuster*, *the band*: a definite description of a work or a
    band that mention detection does not read as a reference; it stands for the one in focus."""
    if not (tok.pos_ == "NOUN" and tok.tag_ == "NN" or tok.pos_ == "ADJ" and tok.dep_ in ("nsubj", "nsubjpass", "dobj")):
        return None  # (the tagger takes a noun heading a clause for an adjective: "the single has sold")
    etype = words()["description_nouns"].get(tok.lemma_.lower())
    kind = None
    if etype is None and tok.dep_ == "pobj" and tok.head.lower_ == "of" and not any(
            c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN" for c in tok.children):
        # "five episodes of the show": the work the parts are of (refer reads none there); never
        # "of the new Y drama", a work named by what it is about, not the one in focus
        kind = ctx.production_nouns.get(tok.lower_) or ctx.production_nouns.get(tok.lemma_.lower())
        etype = PRODUCTION if kind is not None else None
    if etype is None or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
        return None
    return ctx.ref(tok, etype, "definite", kind)


def _person_described(ctx: Context, tok: Token) -> Mention | None:
    """*the songstress*, *the actor*: a definite description of a person by what they do or are."""
    if tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    low = tok.lower_
    if low in ctx.role_nouns or low in ctx.occupations or low in words()["gendered_nouns"]:
        return ctx.ref(tok, PERSON, "definite")
    return None


def _recent_work(ctx: Context, tok: Token) -> Mention | None:
    """The work named last before ``tok``, in its sentence or the one before: what *it* or *the
    film* stands for where an article runs through many works (a box-office or chart round-up)."""
    sent = sent_of(tok)
    start = sent_of(ctx.doc[sent.start - 1]).start if sent.start > 0 else sent.start
    lo = ctx.doc[start].idx
    works = [m for m in ctx.mentions if not m.ref and m.type == PRODUCTION and lo <= m.start and m.end <= tok.idx]

    # the last work a clause was about (its subject) first: "X, sequel to Y, has topped …. The film took …" is X
    # ("Top of the chart was X": the complement of *be* is what the clause is about too)
    subjects = [m for m in works if (r := ctx.root_of(m)) is not None and (r.dep_ in ("nsubj", "nsubjpass") or
                r.dep_ in ("appos", "compound") and r.head.dep_ in ("nsubj", "nsubjpass", "attr") or
                r.dep_ == "attr" and r.head.lemma_ == "be")]
    return max(subjects or works, key=lambda m: m.start) if works else None


def _owner(ctx: Context, noun: Token, types: Iterable[str]) -> list[Mention]:
    """Whose a noun is: its possessor (*X's audience*, *her three sons*), or the work it is *of*."""
    for c in noun.children:
        if c.dep_ == "poss":
            return _named(ctx, c, types)
    for c in noun.children:  # "ratings for X"
        if c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ == "for" and noun.lemma_.lower() in
                                 words()["audience_nouns"]):
            for p in c.children:
                if p.dep_ == "pobj":
                    work = _work_of(ctx, p)
                    if work is not None and work.type in types:
                        return [work]
                    got = _named(ctx, p, types)
                    if got:
                        return got
    return []


def _verb_side(ctx: Context, tok: Token) -> tuple[Token | None, str]:
    """The verb a noun phrase hangs on and how: ``subj`` when the phrase is its subject, ``obj``
    when it is its object or sits in one of its prepositional phrases."""
    t = tok
    for _ in range(3):
        if t.dep_ == "nsubj" and t.head.dep_ == "pcomp" and t.head.head.lower_ == "with" and _is_verb(t.head.head.head):
            return t.head.head.head, "obj"  # "X have had success, with eight singles reaching the top 20"
        if t.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return t.head, "subj"
        if t.dep_ in ("dobj", "attr", "oprd", "npadvmod", "acomp", "advmod", "dative", "ccomp", "xcomp"):
            return t.head, "obj"
        if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent") and t.head.head.pos_ in ("VERB", "AUX"):
            return t.head.head, "obj"
        if t.dep_ == "pobj" and t.head.dep_ in ("prep",) and t.head.head.dep_ == "prt":
            return t.head.head.head, "obj"
        if t.dep_ in ("conj", "appos") and t.head.pos_ in ("NOUN", "PROPN", "NUM"):
            t = t.head
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
            t = t.head.head  # "an audience of 3.9 million, a 17% share": the share is the audience's
            continue
        break
    return None, ""


def _is_verb(tok: Token | None) -> bool:
    return tok is not None and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"))


def _subjects(ctx: Context, verb: Token, types: Iterable[str]) -> list[Mention]:
    out: list[Mention] = []
    subs = ctx.subjects(verb)
    # "X's romantic comedy Hitch dropped to second place": the parser may make the noun and an unread
    # title right after it two subjects; the noun then names the title, never the work named before
    unread = {t.i for t in subs if t.pos_ == "PROPN" and titleish(t) and _at(ctx, t) is None}
    for s in subs:
        if s.pos_ == "NOUN" and (s.i + 1 in unread or _source_of(s)) and _at(ctx, s) is None:
            continue  # (nor a name after "the novel on which the film X is based": X is not the novel)
        if any(t.pos_ == "NOUN" and _source_of(t) for t in ctx.doc[sent_of(s).start:s.i]) and s.i < verb.i:
            continue  # "the thriller upon which the movie X is based has sold ...": the parser's subject is the clause's
        work = _work_of(ctx, s) or _version_of(ctx, s) or _priced(ctx, s)
        if work is not None and work.type in types:
            return [work]
        if s.pos_ == "NOUN" and _at(ctx, s) is None:  # "her latest release X went in at number two": X
            named_ = [m for c in s.children if c.dep_ == "appos" and (m := _at(ctx, c)) is not None
                      and not m.ref and m.type in types and not ctx.is_character(m)]
            if not named_ and (after := _name_after(ctx, s, types)) is not None:
                named_ = [after]
            if named_:
                out += [m for m in named_ if m not in out]
                continue
        out += [m for m in _named(ctx, s, types) if m not in out]
        if not out and s.lower_ in ("which", "who", "that") and s.head.dep_ == "relcl":
            out = _antecedent(ctx, s.head.head, types) or _before_relative(ctx, s, types)
    # "The rapper X was jailed": the parser may give both words as subjects; the name, not the noun
    return [m for m in out if not m.ref] or out


def _whose(ctx: Context, verb: Token, types: Iterable[str]) -> list[Mention]:
    """*X, whose debut album sold 1.6 million copies*: a count of the unnamed thing of X's is X's."""
    for s in ctx.subjects(verb):
        if s.head.dep_ == "relcl" and _at(ctx, s) is None and any(c.dep_ == "poss" and c.lower_ == "whose"
                                                                   for c in s.children):
            return _antecedent(ctx, s.head.head, types)
    return []


def _name_after(ctx: Context, noun: Token, types: Iterable[str]) -> Mention | None:
    """*her latest release X*, *the charity record X*: the name right after a noun that describes a
    work, however the parser hung the name (often read as a clause: *We Can Fly*) on the sentence."""
    doc = ctx.doc
    w = words()
    if noun.i + 1 >= len(doc) or not (noun.lemma_.lower() in ctx.production_nouns or noun.lower_ in ctx.production_nouns
                                      or w["description_nouns"].get(noun.lemma_.lower()) == PRODUCTION):
        return None
    nxt = doc[noun.i + 1]
    m = _at(ctx, nxt)
    if m is None or m.ref or m.type not in tuple(types) or m.start != nxt.idx or ctx.is_character(m):
        return None
    return m if m.type == PRODUCTION else None  # (the parser may make such a name a sentence of its own)


def _priced(ctx: Context, tok: Token) -> Mention | None:
    """*tickets for X cost £60*: what the tickets (seats, entry) are for."""
    if tok.lemma_.lower() not in words()["price_holders"]:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "to"):
            for p in c.children:
                m = _at(ctx, p) if p.dep_ == "pobj" else None
                if m is not None and not m.ref:
                    return m
    return None


def _version_of(ctx: Context, tok: Token) -> Mention | None:
    """*a new version of X*, *the re-release of X*: the named work a form of it stands for."""
    if tok.lemma_.lower() not in words()["version_nouns"]:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                m = _at(ctx, p) if p.dep_ == "pobj" else None
                if m is not None and not m.ref and m.type == PRODUCTION:
                    return m
    return None


def _before_relative(ctx: Context, rel: Token, types: Iterable[str]) -> list[Mention]:
    """The name a relative pronoun follows when the parser hangs its clause on a word of an aside
    (*X - now in its fourth week in the charts - which took $24m*): the last name before it in
    the sentence, with no verb between them."""
    if rel.lower_ != "which":
        return []  # "a warrior who conquered …": a person's clause hangs on the noun it is about
    sent = sent_of(rel)
    for k in range(rel.i - 1, max(sent.start, rel.i - 15) - 1, -1):
        t = ctx.tokens[k]
        if t.pos_ in ("VERB", "AUX"):
            return []
        m = _at(ctx, t)
        if m is not None:
            return [m] if m.type in types and not m.ref and not ctx.is_character(m) else []
    return []


def _antecedent(ctx: Context, tok: Token, types: Iterable[str]) -> list[Mention]:
    """The name a relative clause is about when the parser hangs it on a word inside the name's
    apposition (*X, the 1987 story of a voyage, which won …*): up through the phrase to the name."""
    t = tok
    for _ in range(5):
        m = _at(ctx, t) or ((ctx.refer(t) or _described(ctx, t) or _person_described(ctx, t))
                            if t.i == tok.i and t.pos_ == "NOUN" else None)
        if m is not None and m.ref == "definite" and m.type == PRODUCTION and PRODUCTION in tuple(types):
            return _named(ctx, t, types)  # "the three-hour epic, which cost $150m": the work it stands for
        if m is not None:  # "the songstress, who turned 37": the person the description stands for
            return [m] if m.type in types and (not m.ref or m.ref == "definite" and m.type == PERSON) else []
        if t.dep_ not in ("pobj", "prep", "conj", "appos", "compound") or t.head is t:
            return []
        t = t.head
    return []


_SINCE = frozenset({"since", "after", "from", "until", "till", "before"})  # a span's edge is not the day a figure held


def _as_of(ctx: Context, heads: list[Token]) -> str | None:
    """The date a figure held: *as of June 25*, or a date on the verb or noun it hangs on, never
    one inside a comparison beside it (*took $12m, compared with $20m in 2003*: 2003 is $20m's)."""
    sent = sent_of(heads[0])
    for t in sent:
        if t.lower_ == "as" and t.i + 2 < sent.end and ctx.doc[t.i + 1].lower_ == "of":
            d = _date_of(ctx, ctx.doc[t.i + 2])
            if d:
                return d
    heads = [h for h in heads if h is not None]
    beside = {head.i for h in heads for head, _ in _comparisons(ctx, h)}
    for v in heads:  # (the verb's own words, as _dates_near reads them, less the comparisons)
        for c in v.children:
            if c.i not in beside and c.lower_ not in _SINCE and (c.dep_ in ("prep", "npadvmod", "advmod", "tmod",
                                                                             "pobj", "dobj") or c.ent_type_ == "DATE"):
                d = _date_of(ctx, c)
                if d:
                    return d
    return None


# -- comparisons: the same measure at another time -------------------------------------------------------
def _comparisons(ctx: Context, head: Token) -> list[tuple[Token, Token]]:
    """(the comparison's word, the figure's token) for each figure a word sets beside ``head``'s own:
    *compared with $20m*, *compared to 1.5 million*, *against 7.2 million*, *up from 25%*, *down from
    9 million*."""
    w = words()
    out = []
    for c in head.children:
        if c.dep_ in ("prep", "advcl", "acl") and c.lemma_.lower() in w["compare_verbs"] or \
                c.dep_ == "prep" and c.lower_ in ("compared", "contrasted"):
            figs = [p for g in c.children if g.dep_ == "prep" and g.lower_ in ("with", "to") for p in g.children
                    if p.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ in w["compare_preps"]:
            figs = [p for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ == "advmod" and c.lower_ in w["compare_adverbs"]:
            figs = [p for g in c.children if g.dep_ == "prep" and g.lower_ == "from" for p in g.children
                    if p.dep_ == "pobj"]
        else:
            continue
        out += [(c, f) for f in figs]
    return out


def _figure_at(ctx: Context, tok: Token) -> tuple[Span, int | float, str | None] | None:
    """The figure written at a comparison's object: its entity, its value and its currency or
    ``"percent"`` (*$20m*, *1.5 million*, *25%*)."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    for ent in ents_of(ctx.doc):
        if lo <= ent.start <= hi and ent.label_ in ("MONEY", "CARDINAL", "PERCENT", "QUANTITY") and ent.root.i in (
                tok.i, *(c.i for c in tok.children)) or ent.start <= tok.i < ent.end and ent.label_ in (
                "MONEY", "CARDINAL", "PERCENT"):
            if ent.label_ == "PERCENT":
                got = amount(re.sub(r"\s*(%|per ?cent|percent|pc)$", "", ent.text, flags=re.I))
                return (ent, got[0], "percent") if got is not None and got[1] is None else None
            phrase = _money_phrase(ctx, ent) if ent.label_ == "MONEY" or _currency_after(ctx, ent) else ent
            got = amount(phrase.text)
            return (ent, got[0], got[1]) if got is not None else None
    return None


def _currency_units() -> frozenset[str]:
    w = words()
    return frozenset(w["currencies"].values()) | frozenset(w["currency_words"].values()) | frozenset(w["currency_codes"])


def _and_compared(ctx: Context, produced: Iterable[Produced], name: str) -> Iterator[Produced]:
    """The figures a rule read, and beside each the figures compared with it: *X took $12m, compared
    with $20m in 2003* gives X's $20m of 2003 too, *X's 7m viewers, down from 9 million* X's 9m; a
    comparison *for* another thing is that thing's when it is named (*compared with $20m for Y*),
    else nobody's (*for its predecessor*). Never a figure read already in its own right."""
    got = list(produced)
    yield from got
    stats = [c for c in got if isinstance(c, StatCandidate)]
    if not stats:
        return
    read = [(c.evidence.start, c.evidence.end) for c in stats]
    money_units = _currency_units()
    done: set[tuple[str, int]] = set()
    for c in stats:
        span = ctx.doc.char_span(c.evidence.start, c.evidence.end, alignment_mode="expand")
        if span is None:
            continue
        heads = {ctx.governing_verb(t).i: ctx.governing_verb(t) for t in span}
        heads.update({t.head.i: t.head for t in span if t.head.pos_ in ("NOUN", "PROPN")})
        for head in heads.values():
            for word, fig in _comparisons(ctx, head):
                figure = _figure_at(ctx, fig)
                if figure is None:
                    continue
                ent, value, unit = figure
                if any(a <= ent.start_char < b for a, b in read) or not value:
                    continue
                if c.unit in money_units:
                    if ent.label_ != "MONEY" and unit is None or unit == "percent":
                        continue
                    unit = unit or c.unit
                elif c.unit == "percent":
                    if unit != "percent":
                        continue
                elif unit is not None or ent.label_ == "MONEY" and _currency_near(ctx, ent):
                    continue
                else:
                    unit = c.unit
                date, about = None, c.about
                for t in word.subtree:
                    if ent.start <= t.i < ent.end:
                        continue
                    if t.ent_type_ == "DATE" and date is None:
                        date = _date_of(ctx, t)
                    if t.dep_ == "prep" and t.lower_ == "for":
                        for p in t.children:
                            if p.dep_ == "pobj" and p.ent_type_ != "DATE":
                                named_ = _named(ctx, p, _HOLDERS)
                                about = named_[0] if named_ else None
                if about is None or (c.about.start, ent.start) in done:
                    continue
                done.add((c.about.start, ent.start))
                ev = _said(ctx, [word, *ent], name, 0.6)
                if ev is not None:
                    yield StatCandidate(about, value, unit, c.measure, ev, date)


def _said(ctx: Context, toks: list[Token], name: str, conf: float, *, clause: bool = True):
    """Evidence for a figure, or None when the clause does not assert it. ``clause=False`` for a
    figure the sentence presupposes whatever its clause says (*X, 71, will not attend*)."""
    ev = ctx.evidence(toks, name, conf, clause=clause)
    return None if ev.status in _NOT_SAID else ev


# -- counts: audiences, sales, people, works --------------------------------------------------------------
def _numbers(ctx: Context) -> Iterator[tuple[list[Token], Token]]:
    """Each written count once: the tokens of its number and the token the number hangs on; never a
    place written with *No.* or *number* (*his first No. 1 hit*: a chart place, not one hit)."""
    doc = ctx.doc
    seen: set[int] = {k for t in tokens_of(doc) if t.lower_ in ("no.", "no", "#", "number") and t.i > 0
                      for k in (t.i + 1, t.i + 2) if k < len(doc) and doc[k].like_num
                      and (k == t.i + 1 or doc[t.i + 1].text == "." and t.text[:1] == "N")}  # "No. 1", "No . 1"
    for ent in ents_of(ctx.doc):
        if ent.start in seen and len(ent) == 1:
            continue
        # NER calls some counts money ("more than 20 million records"): a sum keeps its currency
        if ent.label_ in ("CARDINAL", "QUANTITY") or ent.label_ == "MONEY" and not _currency_near(ctx, ent):
            seen.update(range(ent.start, ent.end))
            yield list(ent), ent.root
        elif ent.label_ == "DATE" and (num := _count_before_date(ent)) is not None:
            seen.add(num.i)  # "fell from 96 in 2002 to 70 last year": NER dates the count with its year
            yield [num], num
    for tok in tokens_of(ctx.doc):
        if tok.i in seen or tok.dep_ != "nummod" or tok.ent_type_ in ("MONEY", "PERCENT", "ORDINAL", "TIME"):
            continue
        if _small_int(tok) is not None:
            yield [tok], tok


def _count_before_date(ent: Span) -> Token | None:
    """The count a DATE entity opens with where NER joined it to the relative date after it (*to 81
    last year*, *50 this year*): a plain number (no year, no day of a month) that is a preposition's
    object, before *last*, *this* or *next*."""
    num = ent[0]
    if len(ent) < 2 or ent[1].lower_ not in ("last", "this", "next") or num.dep_ != "pobj" \
            or not (num.like_num and _small_int(num) is not None or re.fullmatch(r"\d[\d,.]*", num.text)) \
            or re.fullmatch(r"1[89]\d\d|20\d\d", num.text):
        return None
    return num


def _currency_near(ctx: Context, ent: Span) -> bool:
    """Whether a MONEY entity writes a currency: a sign or code before it, a currency word in or after it."""
    w = words()
    phrase = _money_phrase(ctx, ent)
    return any(t.text in w["currencies"] or t.text.upper() in w["currency_codes"] or
               t.lemma_.lower() in w["currency_words"] for t in phrase)


def _unit_noun(root: Token, units: dict[str, Any]) -> Token | None:
    """The noun a number counts: *12 million viewers*, *12 million Hulu subscribers*, *nine best-selling novels*."""
    head = root.head if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") else root
    for _ in range(3):
        if head.lemma_.lower() in units or head.lower_ in units:
            return head
        if head.dep_ in ("compound", "nummod", "amod") and head.head.i > head.i:
            head = head.head
            continue
        return None
    return None


def _watched(m: Mention) -> bool:
    """Whether an audience may be this mention's: never a country or city; a name of two words or
    more typed as a place may be a show's (*a soap named for a street*)."""
    return m.type != PLACE or m.kind is None and not m.ref and len(m.text.split()) > 1


def _show_named(m: Mention) -> bool:
    """Whether a count of viewers may be this mention's: a name typed as a person's only when it
    opens with no given name (NER takes many a show's name for a person's: *Blue X drew 9 million
    viewers*; *Tom X was watched by 3 million viewers* is no show's figure)."""
    return m.type != PERSON or not m.ref and m.text.split()[0].lower() not in first_names()


def _figure_word(tok: Token) -> Token:
    """*an average of 12.8 million viewers*: the figure's noun stands where the unit would."""
    figures = words()["figure_nouns"]
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" \
            and tok.head.head.lemma_.lower() in figures:
        tok = tok.head.head
    return tok


@rule("kg.statistic.v46", produces=("Statistic",))
def statistic(ctx: Context) -> Iterator[Produced]:
    """*Y has been watched by more than 12 million households (as of July 4)*; *X has two
    children*; *an audience of 4.1 million*; *X's audience rose by 300,000 to 7.2 million*.
    A figure compared with this one is read beside it (``_and_compared``)."""
    yield from _and_compared(ctx, _statistic(ctx), statistic.rule_name)


_WINDOW = re.compile(r"^(?:(?:single|hit|album|record|song)s? )?(?:in a row|running|on the trot|of the (?:year|decade|"
                     r"century|week|month)|of \d{4}|this (?:year|week|month|decade)|in (?:\S+ ){1,2}(?:weeks|years|months|days)"
                     r"|since|so far)")


def _ordinal_ones(ctx: Context) -> Iterator[Produced]:
    """*X has landed her 14th number one album*, *X's fifth UK number one*: a possessed ordinal
    chart-topper tells how many X has had (never *the 900th number one*, the chart's own count)."""
    doc = ctx.doc
    for tok in tokens_of(doc):
        if tok.dep_ != "amod" or not (tok.ent_type_ == "ORDINAL" or _ORDINAL_DIGITS.fullmatch(tok.lower_)):
            continue
        n = _small_int(tok, ordinal=True)
        head = tok.head
        if n is None or n < 2 or head.lower_ not in ("number", "no", "no.") or head.i + 1 >= len(doc) \
                or doc[head.i + 1].lower_ not in ("one", "1"):
            continue
        after = " ".join(t.lower_ for t in doc[head.i + 2:head.i + 8])
        if _WINDOW.match(after):
            continue  # "her third number one in a row", "his sixth number one of the decade": no career total
        # the possessive hangs on "number" or, where the parser made "number" a compound, on "one"
        owned = next((t for t in (head, head.head) if any(c.dep_ == "poss" for c in t.children)), None)
        if owned is not None:
            yield from _ones(ctx, [tok, head, doc[head.i + 1]], owned, n)


def _statistic(ctx: Context) -> Iterator[Produced]:
    w = words()
    units = w["units"]
    yield from _ordinal_ones(ctx)
    for toks, root in _numbers(ctx):
        text = " ".join(t.text for t in toks)
        got = amount(text)
        unit_tok = None
        if got is None and len(toks) > 1:
            # "1.2 billion minutes": NER keeps the unit in the quantity; the number is before it
            k = next((j for j, t in enumerate(toks) if j and (t.lemma_.lower() in units)), None)
            if k is not None:
                got, unit_tok = amount(" ".join(t.text for t in toks[:k])), toks[k]
        if got is None and root.dep_ == "pobj" and (cut := next((j for j, t in enumerate(toks) if j and t.lower_ == "to"),
                                                                 None)) is not None:
            # "rose by 300,000 to 7.2 million" arrives as one number: the change, then the new level
            low, high = amount(" ".join(t.text for t in toks[:cut])), amount(" ".join(t.text for t in toks[cut + 1:]))
            if low is not None and high is not None and low[1] is None and high[1] is None:
                yield from _audience(ctx, toks[:cut], root, low[0], root.head.lower_)
                yield from _audience(ctx, toks[cut + 1:], root, high[0], "to")
            continue
        if got is None or got[1] is not None:
            continue
        value = got[0]
        if (ones := _number_ones(root)) is not None:
            yield from _ones(ctx, toks, ones, value)
            continue
        unit_tok = unit_tok or _unit_noun(root, units)
        if unit_tok is not None:
            yield from _count(ctx, toks, unit_tok, value)
        elif root.dep_ == "nsubj" and (polled := _polled(ctx, root)) is not None:
            yield from polled  # "four of the nine critics backed X": X's backers
        elif root.dep_ == "nummod" and root.head.lower_ == "times":
            yield from _times(ctx, toks, root.head, value)
        elif root.dep_ == "nummod" and root.head.lemma_.lower() in w["making_spans"]:
            yield from _time_to_make(ctx, toks, root.head, value)
        elif root.dep_ == "nummod" and root.head.tag_ in ("NNS", "NNPS") and root.head.pos_ == "NOUN":
            yield from _other_count(ctx, toks, root.head, value)
        else:
            yield from _audience(ctx, toks, root, value)
            yield from _sales(ctx, toks, root, value)


def _polled(ctx: Context, num: Token) -> list[Produced] | None:
    """*Four of the nine critics backed X (to win)*, *three of the judges voted for X*: how many of
    a polled group back X, the object of a verb of backing (or the name after its *for*); the
    unit is the group's noun. None where the number is no such share of a group."""
    w = words()
    verb = num.head
    group = next((p for c in num.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj" and p.tag_ == "NNS" and p.pos_ == "NOUN"), None)
    if group is None or not _is_verb(verb) or verb.lemma_.lower() not in w["backing_verbs"] \
            or group.lemma_.lower() in ctx.production_nouns:  # ("two of the films": no polled group)
        return None
    got = amount(num.text)
    if got is None or got[1] is not None or not 0 < got[0] < 1000:
        return None
    targets = [o for o in ctx.children([verb], ("dobj",))] + [p for _, p in ctx.preps([verb], {"for"})]
    about = [m for t in targets for m in _named(ctx, t, _HOLDERS) if not m.ref]
    if len(about) != 1:
        return None
    ev = _said(ctx, [num, group, verb], statistic.rule_name, 0.6)
    if ev is None:
        return None
    unit = group.lower_
    return [StatCandidate(about[0], got[0], unit, f"{unit} backing", ev, _as_of(ctx, [verb]))]


def _number_ones(root: Token) -> Token | None:
    """The noun a count of chart-toppers counts: *three number ones*, *12 number one singles*,
    *nine UK No 1s*."""
    if root.dep_ != "nummod":
        return None
    head = root.head
    if head.lower_ in ("ones", "1s") and any(c.lower_ in ("number", "no", "no.") for c in head.children):
        return head
    if head.lower_ in ("number", "no", "no.") and root.i < head.i and head.i + 1 < len(head.doc) and head.doc[head.i + 1].lower_ in (
            "one", "1") and head.head.tag_ in ("NNS", "NNPS") and head.head.i > head.i:
        return head.head  # "12 number one singles": the parse hangs the count on "number"
    return None


def _ones(ctx: Context, toks: list[Token], noun: Token, value: int | float) -> Iterator[Produced]:
    """*X has had three number ones*, *X's nine UK number ones*: how many chart-toppers X has had,
    owned by its possessor or by the subject of a verb of having or scoring."""
    w = words()
    types = (PERSON, GROUP, PRODUCTION, ORGANIZATION)
    about = _owner(ctx, noun, types)
    verb = None
    if not about:
        verb, side = _verb_side(ctx, noun)
        if not _is_verb(verb) or side != "obj" or verb.lemma_.lower() not in w["count_verbs"]:
            return
        about = [m for m in _subjects(ctx, verb, types) if not m.ref or m.ref == "pronoun"]
    if not about or value < 1:
        return
    ev = _said(ctx, toks + [noun], statistic.rule_name, 0.7)
    if ev is None:
        return
    as_of = _as_of(ctx, [verb] if verb is not None else [noun])
    for m in about:
        yield StatCandidate(m, value, "number ones", "number ones", ev, as_of)


def _sales(ctx: Context, toks: list[Token], root: Token, value: int | float) -> Iterator[Produced]:
    """*Sales of X have exceeded 75 million*, *X's sales topped one million*: a count of copies sold,
    the figure a verb of reaching or rising takes with *sales* its subject."""
    w = words()
    if value < 1000 or any(t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") for t in toks):
        return
    verb = root.head if root.dep_ in ("dobj", "attr", "npadvmod", "advmod") else \
        root.head.head if root.dep_ == "pobj" and root.head.lower_ in ("to", "at", "past", "over") else None
    if not _is_verb(verb) or verb.lemma_.lower() not in w["sales_verbs"]:
        return
    subj = next((s_ for s_ in ctx.subjects(verb) if s_.lemma_.lower() == "sale" and s_.tag_ == "NNS"), None)
    if subj is None or any(c.dep_ in ("compound", "amod") and c.lower_ in w["sales_stop"] for c in subj.children):
        return  # "ticket sales", "download sales": not copies of a work
    types = (PRODUCTION, PERSON, GROUP)
    about = [m for m in _owner(ctx, subj, types) if not m.ref or m.ref == "pronoun"]
    if not about:  # "sales of X's books": X's
        about = [m for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj" for m in _owner(ctx, p, types) if not m.ref][:1]
    if not about:
        return
    ev = _said(ctx, toks + [subj, verb], statistic.rule_name, 0.7)
    if ev is None:
        return
    for m in about:
        yield StatCandidate(m, value, "copies", "sales", ev, _as_of(ctx, [verb]))


def _other_count(ctx: Context, toks: list[Token], noun: Token, value: int | float) -> Iterator[Produced]:
    """*X seized 18,000 fake DVDs*, *X has written 30 plays*, *X's 12 restaurants*: a count of a
    noun the unit table does not name, owned by its possessor or by the subject of a count verb."""
    w = words()
    lemma = noun.lemma_.lower()
    if value < 2 or lemma in w["count_stop_nouns"] or noun.lower_ in w["count_stop_nouns"] or noun.ent_type_ in (
            "DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
        return
    if toks[0].i > 0 and ctx.doc[toks[0].i - 1].lower_ in ("top", "number", "no", "no.", "of", "the", "these", "those"):
        return  # "the top 10 films", "one of 12 films", "the two actors": a ranking, a share or the ones named
    if any(t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL") for t in toks):
        return
    about = _owner(ctx, noun, _HOLDERS)
    verb = None
    if not about and lemma in w["complaint_nouns"]:
        # "the regulator received 1,200 complaints about X": X's, not the regulator's
        about = [m for c in noun.children if c.dep_ == "prep" and c.lower_ in ("about", "over", "against")
                 for p in c.children if p.dep_ == "pobj" for m in _named(ctx, p, _HOLDERS) if not m.ref][:1]
    if not about:
        verb, side = _verb_side(ctx, noun)
        if not _is_verb(verb) or side != "obj" or verb.lemma_.lower() not in w["count_verbs"] \
                or noun.dep_ not in ("dobj",):
            return
        about = [m for m in _subjects(ctx, verb, _HOLDERS) if not m.ref or m.ref == "pronoun"]
    if not about:
        return
    ev = _said(ctx, toks + [noun], statistic.rule_name, 0.6)
    if ev is None:
        return
    as_of = _as_of(ctx, [verb] if verb is not None else [noun])
    unit = noun.lower_
    for m in about:
        yield StatCandidate(m, value, unit, unit, ev, as_of)


def _time_to_make(ctx: Context, toks: list[Token], span: Token, value: int | float) -> Iterator[Produced]:
    """*The novel took four years to write*, *X took ten years to bring Y to the screen*: how long a
    work took to make, the work's (the subject, or the object of the verb of making)."""
    w = words()
    verb = span.head
    if span.dep_ not in ("dobj", "npadvmod") or not _is_verb(verb) or verb.lemma_.lower() != "take":
        return
    make = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in w["making_verbs"]
                 and any(a.lower_ == "to" for a in c.children)), None)
    if make is None:
        return
    about = [m for m in _subjects(ctx, verb, (PRODUCTION,)) if not m.ref or m.ref == "definite"] or [
        m for o in ctx.children([make], ("dobj",)) for m in _named(ctx, o, (PRODUCTION,)) if not m.ref]
    if not about:
        return
    ev = _said(ctx, toks + [span, verb], statistic.rule_name, 0.65)
    if ev is None:
        return
    unit = w["making_spans"][span.lemma_.lower()]
    for m in about:
        yield StatCandidate(m, value, unit, "time to make", ev, None)


def _count(ctx: Context, toks: list[Token], noun: Token, value: int | float) -> Iterator[Produced]:
    w = words()
    if toks[0].i > 0 and ctx.doc[toks[0].i - 1].lower_ in ("top", "number", "no", "no."):
        return  # "two top 10 albums", "his third number one single": a chart's size or place, not a count
    lemma = noun.lemma_.lower() if noun.lemma_.lower() in w["units"] else noun.lower_
    unit, types = w["units"][lemma]
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in w["tour_nouns"] and toks[-1].i + 2 == noun.i \
            and ctx.doc[toks[-1].i + 1].text == "-":
        yield from _tour_count(ctx, toks, noun, noun.head, value, unit, types)  # "X's five-date UK tour"
        return
    if unit in w["audience_units"]:
        types = (*types, PLACE)  # a show named like a street (mention detection may call it a place)
    small = lemma in w["small_units"]
    if value < 1 or (value < 1000 and not small) or noun.i < toks[0].i:
        return  # ("season 24 of X", "episode 5": a number after its noun names one, it counts none)
    about = _owner(ctx, noun, types)
    if not about and unit in w["family_units"]:
        about = _couple_of(ctx, noun, None)  # "the couple's six kids"
    owned = bool(about)  # a possessor's count is presupposed ("what will happen to her three sons")
    if not about and unit in w["attendance_units"]:  # "3,000 attendees of a gala preview at Y": Y's
        about = [m for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "at")
                 for p in c.children if p.dep_ == "pobj" for m in _place_of_event(ctx, p) if m.type in types][:1]
    if not about and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in w["whole_nouns"]:
        about = _owner(ctx, noun.head.head, types)  # "X's population of 60 million people"
    verb = None
    if not about:
        verb, side = _verb_side(ctx, _figure_word(noun))
        if not _is_verb(verb):
            return
        if small and verb.lemma_.lower() not in w["count_verbs"]:
            return
        if side == "subj":  # "12 million viewers watched X", "... tuned in to see the last part of X"
            chain = ctx.verb_chain(verb)
            chain += [c for v in chain for c in v.children if c.dep_ in ("xcomp", "advcl") and _is_verb(c)]
            objs = ctx.children(chain, ("dobj",)) + [p for _, p in ctx.preps(chain, {"to", "into"})]
            works = [wk for o in objs if (wk := _work_of(ctx, o) or (_part_of_show(ctx, o) if unit in
                                                                       w["audience_units"] or verb.lemma_.lower()
                                                                       in w["watch_verbs"] else None)) is not None
                     and wk.type in types]
            about = works or [m for o in objs for m in _named(ctx, o, types)]
            if not about and not objs and noun.dep_ in ("nsubj", "nsubjpass"):
                about = _counted_in_place(ctx, noun, verb)  # "31 Irish films were shot in the UK"
                if about:  # its year only from the verb's own "in 2004", never from an aside's
                    verb_year = next((d for _, p in ctx.preps([verb], {"in"}) if (d := _date_of(ctx, p))), None)
                    ev = _said(ctx, toks + [noun], statistic.rule_name, 0.65)
                    if ev is not None:
                        for m in about:
                            yield StatCandidate(m, value, noun.lower_, noun.lower_, ev, verb_year)
                    return
        else:
            about = _subjects(ctx, verb, types) or _whose(ctx, verb, types)
            if not about and unit in w["audience_units"] and not (
                    verb.lemma_.lower() in w["rise_verbs"] and not (noun.dep_ == "pobj" and noun.head.lower_ == "to")):
                # "X's ratings fell to 4 million viewers", "X's audience peaked at 9 million viewers": the figure's owner
                about = [m for s_ in ctx.subjects(verb) if s_.lemma_.lower() in w["audience_nouns"]
                         or s_.lemma_.lower() in w["figure_nouns"] for m in _owner(ctx, s_, types)][:1]
    if not about and unit in w["audience_units"] and verb is not None and side != "subj" \
            and verb.lemma_.lower() in w["watch_verbs"]:
        about = _watched_thing(ctx, verb)  # "the first episode of X was watched by 4.2 million viewers"
    if not about and unit in w["audience_units"] and verb is not None and side == "obj" \
            and verb.lemma_.lower() in w["audience_verbs"] and ctx.claim(verb)[0] not in _NOT_SAID:
        about = _box_office_title(ctx, verb, SHOW_TITLE_RULE, None)  # "X drew 6.2 million viewers": X is a show
    if not about and unit in w["sales_units"] and verb is not None and side == "obj" \
            and verb.lemma_.lower() in w["sales_count_verbs"] and ctx.claim(verb)[0] not in _NOT_SAID:
        about = _box_office_title(ctx, verb, SALES_TITLE_RULE, None)  # "Blue X has sold two million copies": a work
    if not about and unit in w["family_units"]:
        about = _couple_of(ctx, noun, verb)  # "the couple have four children", "the pair's two sons": both's
    about = [m for m in about if _watched(m) and _show_named(m) or unit not in w["audience_units"]]
    if not about:
        return
    # a tour's dates are its schedule's, however far off they are ("X is due to play six dates")
    scheduled = unit in w["schedule_units"] and ctx.claim(toks[0])[0] == "planned"
    ev = _said(ctx, toks + [noun], statistic.rule_name, 0.8 if not small else 0.7, clause=not (owned or scheduled))
    if ev is None:
        return
    as_of = _as_of(ctx, [verb] if verb is not None else [noun])  # "in 2004": the year the figure held
    for m in about:
        yield StatCandidate(m, value, unit, unit, ev, as_of)


def _tour_count(ctx: Context, toks: list[Token], noun: Token, tour: Token, value: int | float, unit: str,
                types: Iterable[str]) -> Iterator[Produced]:
    """*X's five-date UK tour*, *X announced a 12-date tour*: how many dates (nights, cities) a tour
    has, the tour's owner's or the subject's of the verb the tour is the object of; a tour planned
    is counted as planned, one denied or hedged is not."""
    about = _owner(ctx, tour, types)
    verb = None
    if not about:
        verb, side = _verb_side(ctx, tour)
        if not _is_verb(verb) or side != "obj":
            return
        about = [m for m in _subjects(ctx, verb, types) if not m.ref or m.ref == "pronoun"]
    if not about or value < 2:
        return
    status = ctx.claim(verb if verb is not None else toks[0])[0]
    ev = _said(ctx, toks + [noun, tour], statistic.rule_name, 0.7, clause=status not in ("planned", "asserted", "reported"))
    if ev is None or status in ("denied", "hedged"):
        return
    for m in about:
        yield StatCandidate(m, value, unit, unit, ev, None)


def _couple_of(ctx: Context, noun: Token, verb: Token | None) -> list[Mention]:
    """Whose children *the couple* has: the two people last named together (``events._couple``),
    where *the couple* (*the pair*) owns the noun or is the subject of the verb of having it."""
    holders = [c for c in noun.children if c.dep_ == "poss"]
    if not holders and verb is not None and _is_verb(verb) and verb.lemma_.lower() in words()["count_verbs"]:
        holders = [s_ for s_ in ctx.subjects(verb) if s_.dep_ in ("nsubj", "nsubjpass")]
    for h in holders:
        if h.lemma_.lower() in couple_words()["couple_nouns"] and h.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in h.children) and not ctx.names(h):
            return _couple(ctx, h)
    return []


def _place_in(ctx: Context, tok: Token, depth: int = 0) -> list[Mention]:
    """The country or city a counted phrase is bounded by: *films shot in Spain*, *the number
    of X in Britain*, *co-productions in France*: a named place after *in* in the phrase itself."""
    if depth > 3:
        return []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                m = ctx.mention_at(p) if p.dep_ == "pobj" else None
                if m is not None and m.type == PLACE and not m.ref:
                    return [m]
        elif c.dep_ == "prep" and c.lower_ == "of" or c.dep_ == "acl" and c.tag_ == "VBN":
            for p in ([g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [c]):
                got = _place_in(ctx, p, depth + 1)
                if got:
                    return got
    return []


def _counted_in_place(ctx: Context, noun: Token, verb: Token) -> list[Mention]:
    """*31 Irish films were shot in the UK*, *the number of films shot in Spain fell*: the
    place the counted things are of, in the subject's phrase or after the passive verb's *in*."""
    if noun.tag_ not in ("NNS", "NNPS") and noun.lemma_.lower() not in ("number", "total"):
        return []
    got = _place_in(ctx, noun)
    if not got and any(c.dep_ == "auxpass" for c in verb.children):
        got = _place_in(ctx, verb)
    return got


def _show_under(ctx: Context, tok: Token) -> Token:
    """The word a part of a show hangs its show on, down at most three *of*s (*the first episode
    of the second series of X*: X); ``tok`` itself where it names no part."""
    t = tok
    for _ in range(3):
        if not (t.lower_ in ctx.production_nouns or t.lemma_.lower() in ctx.production_nouns
                or t.lemma_.lower() in ("final", "finale", "season", "part", "launch", "debut", "premiere")):
            break
        of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        p = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if p is None:
            break
        t = p
    return t


def _part_of_show(ctx: Context, tok: Token) -> Mention | None:
    """*the first episode of the latest series of X*, watched by so many: X, whatever type mention
    detection gave the name (a show named like a place); never a reference."""
    t = _show_under(ctx, tok)
    if t is tok:
        return None
    m = ctx.mention_at(t)
    return m if m is not None and not m.ref and m.type in (PRODUCTION, PLACE) and not ctx.is_character(m) else None


def _watched_thing(ctx: Context, verb: Token) -> list[Mention]:
    """What was watched, whatever type mention detection gave its name: being watched by millions
    says it is a show (*the final of X was seen by 9 million people*, *X was watched by ...*); the
    name after *of* a production noun, else the subject's own name, never a reference."""
    out: list[Mention] = []
    for s in ctx.subjects(verb):
        t = _show_under(ctx, s)
        m = ctx.mention_at(t)
        # whatever type its name was given (NER takes many a show's name for a person's or a firm's)
        kinds = (PRODUCTION, PLACE, PERSON, ORGANIZATION, GROUP)
        if m is not None and not m.ref and m.type in kinds and not ctx.is_character(m):
            out.append(m)
    return out


def _audience(ctx: Context, toks: list[Token], root: Token, value: int | float,
              word: str | None = None) -> Iterator[Produced]:
    """A figure with no unit noun: *an audience of 4.1 million*, *watched by 8.2 million*, *ratings
    fell to 7.2 million*. ``word``: the preposition the figure stands after, where NER joined two."""
    w = words()
    strong = _strong_noun(ctx, root)  # "a 2,700-strong crowd": the crowd counted as "a crowd of 2,700"
    if root.dep_ != "pobj" and strong is None:
        return
    small = value < 1000  # (an audience is counted in thousands; a place's count of things need not be)
    if small and strong is None and not (root.head.lower_ in ("from", "to", "by") and _is_verb(root.head.head)
                                         and root.head.head.lemma_.lower() in w["rise_verbs"]):
        return
    prep, host = (root.head, root.head.head) if strong is None else (root, strong)
    if strong is not None:
        word = "of"
    if prep.lower_ == "of" and host.lemma_.lower() in w["figure_nouns"] and host.lemma_.lower() not in w["audience_nouns"] \
            and host.dep_ == "pobj":
        root, prep, host = host, host.head, host.head.head  # "watched by an average of 12 million"
    pw = word or prep.lower_
    if word is None and pw == "from" and toks[0].i > 0 and ctx.doc[toks[0].i - 1].lower_ == "to":
        pw = "to"  # "fell from 9 million to 7.5 million": the parser hangs both on "from"
    as_of_given: str | None = None
    types = (PRODUCTION, ORGANIZATION, PLACE)
    about: list[Mention] = []
    measure = unit = None
    verb = None
    if pw == "of" and host.lemma_.lower() in w["audience_nouns"]:  # "an audience of 4.1 million"
        unit = w["audience_nouns"][host.lemma_.lower()]
        measure = unit
        about = _owner(ctx, host, types)
        if not about:
            verb, side = _verb_side(ctx, host)
            if _is_verb(verb) and verb.lemma_.lower() in w["perform_verbs"]:  # "X played to a crowd of 70,000 at Y": the people who came to see X (at Y)
                unit = measure = "people"
            if _is_verb(verb) and side == "obj":
                about = _subjects(ctx, verb, types + ((PERSON, GROUP) if unit == "people" else ()))
                if not about and unit == "people":
                    about = _event_place(ctx, verb)  # "the concert at Y drew a crowd of 70,000": Y's
            elif _is_verb(verb) and side == "subj" and verb.lemma_.lower() in w["watch_verbs"]:
                about = _objects_watched(ctx, verb, types)  # "an audience of 4 million watched X"
    elif pw == "by" and _is_verb(host) and host.lemma_.lower() in w["watch_verbs"]:
        unit, measure, verb = "viewers", "viewers", host  # "was watched by 8.2 million"
        about = _subjects(ctx, host, types)
    elif pw in ("to", "by", "from") and _is_verb(host) and host.lemma_.lower() in w["rise_verbs"]:
        # "X's audience rose by 300,000 to 7.2 million": the subject is a figure noun of X's
        verb = host
        subj = next((s for s in ctx.subjects(host) if s.lemma_.lower() in w["audience_nouns"]), None)
        if subj is None:  # "co-productions in France dropped from 64 to 50": counts of the place
            things = next((s for s in ctx.subjects(host) if s.tag_ in ("NNS", "NNPS") and _place_in(ctx, s)), None)
            about = _place_in(ctx, things) if things is not None else []
            if things is None:  # "A and B co-productions in C fell": the parser may make the
                # counted noun a conjunct of the first name and hang the place on that name
                subs = ctx.subjects(host)
                things = max((c for s in subs for c in s.conjuncts if c.tag_ == "NNS" and c.pos_ == "NOUN"
                              and c.is_alpha and ctx.mention_at(c) is None), key=lambda c: c.i, default=None)
                about = next((got for s in subs if (got := _place_in(ctx, s))), []) if things is not None else []
            if things is None or not about:
                return
            unit = things.lower_
            measure = unit if pw == "to" else f"{unit} before" if pw == "from" else f"{unit} change"
            ev = _said(ctx, toks + [host], statistic.rule_name, 0.7)
            if ev is not None:
                as_of = _year_after(ctx, toks[-1])  # "from 96 in 2001 to 70 in 2002"
                for m in about:
                    yield StatCandidate(m, value, unit, measure, ev, as_of)
            return
        if small:
            return
        unit = w["audience_nouns"][subj.lemma_.lower()]
        measure = unit if pw == "to" else f"{unit} before" if pw == "from" else f"{unit} lost" if host.lemma_.lower() in (
            "fall", "drop", "slump", "plunge", "dip", "slip", "decline", "tumble", "shrink", "decrease") \
            else f"{unit} gained"
        about = _owner(ctx, subj, types + (GROUP, PERSON)) or [
            m for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
            if p.dep_ == "pobj" for m in _named(ctx, _show_under(ctx, p), types) if not m.ref][:1]  # "the audience of X"
        if pw in ("from", "to") and (d := _year_after(ctx, toks[-1])):
            as_of_given = d  # "fell from 9 million in 2003 to 7.5 million in 2004": each figure its own year
    about = [m for m in about if _watched(m)]
    if not about or unit is None or measure is None:
        return
    ev = _said(ctx, toks + [host], statistic.rule_name, 0.75)
    if ev is None:
        return
    as_of = _as_of(ctx, [verb] if verb is not None else [host])
    if as_of is None and verb is not None:
        as_of = _aired(ctx, verb)
    if as_of and len(as_of) < 7:
        as_of = None
    as_of = as_of_given or as_of
    for m in about:
        yield StatCandidate(m, value, unit, measure, ev, as_of)


def _strong_noun(ctx: Context, num: Token) -> Token | None:
    """*a 2,700-strong crowd*: the crowd a number-hyphen-*strong* counts."""
    doc = ctx.doc
    k = num.i + 1
    if k + 1 < len(doc) and doc[k].text == "-" and doc[k + 1].lower_ == "strong":
        strong = doc[k + 1]
    elif k < len(doc) and doc[k].lower_ in ("-strong", "strong") and doc[k].text.startswith("-"):
        strong = doc[k]
    else:
        return None
    noun = strong.head if strong.dep_ in ("amod", "compound") else num.head if num.head.i > strong.i else None
    return noun if noun is not None and noun.lemma_.lower() in words()["audience_nouns"] else None


def _event_place(ctx: Context, verb: Token) -> list[Mention]:
    """*the concert at Y drew a crowd of 70,000*: the named place an unnamed event's subject stands at."""
    for s_ in ctx.subjects(verb):
        if got := _place_of_event(ctx, s_):
            return got
    return []


def _place_of_event(ctx: Context, noun: Token) -> list[Mention]:
    """*the concert at Y*, *a gala preview at Y*: the named place an unnamed event noun stands at."""
    if noun.lemma_.lower() not in words()["live_event_nouns"]:
        return []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("at", "in"):
            got = [m for p in c.children if p.dep_ == "pobj" and (m := ctx.mention_at(p)) is not None
                   and m.type in (PLACE, ORGANIZATION) and not m.ref]
            if got:
                return got
    return []


def _year_after(ctx: Context, last: Token) -> str | None:
    """The date written right after a figure, *in 2003* or *in May 2004*, however the parser hung it
    (*fell from 96 in 2001 to 70 in 2002*: 2001 is 96's)."""
    doc = ctx.doc
    k = last.i + 1
    if k + 1 < len(doc) and doc[k].lower_ in ("in", "during") and doc[k + 1].ent_type_ == "DATE":
        return _date_of(ctx, doc[k + 1])
    if k + 1 < len(doc) and doc[k].lower_ in ("last", "this", "next") and doc[k].ent_type_ == "DATE" \
            and last.ent_type_ == "DATE":  # "to 81 last year", NER's one entity: the date is the words after 81
        ent = next(e for e in doc.ents if e.start <= k < e.end)
        return normalise_date(doc[k:ent.end].text, ctx.document.date)
    return None


def _objects_watched(ctx: Context, verb: Token, types: Iterable[str]) -> list[Mention]:
    """What the subject of a watch verb watched: its object, or what it tuned in *to* (*an
    audience of 4 million watched the final of X*, *... tuned in to see X*)."""
    types = tuple(types)
    chain = ctx.verb_chain(verb)
    chain += [c for v in chain for c in v.children if c.dep_ in ("xcomp", "advcl") and _is_verb(c)]
    objs = ctx.children(chain, ("dobj",)) + [p for _, p in ctx.preps(chain, {"to", "into"})]
    works = [wk for o in objs if (wk := _work_of(ctx, o)) is not None and wk.type in types]
    return works or [m for o in objs for m in _named(ctx, o, types)]


def _times(ctx: Context, toks: list[Token], times: Token, value: int | float) -> Iterator[Produced]:
    """*X was downloaded 3 million times*, *fans streamed X 40 million times*: a count of plays."""
    verb = times.head
    unit = words()["times_verbs"].get(verb.lemma_.lower()) if _is_verb(verb) else None
    if unit is None or value < 1000 or times.dep_ != "npadvmod":
        return
    types = (PRODUCTION,)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        about = _subjects(ctx, verb, types)
    else:
        about = [m for o in ctx.children([verb], ("dobj",)) for m in _named(ctx, o, types)]
    about = [m for m in about if not m.ref or m.ref == "pronoun" or m.type == PRODUCTION]
    if not about:
        return
    ev = _said(ctx, toks + [times], statistic.rule_name, 0.75)
    if ev is None:
        return
    as_of = _as_of(ctx, [verb])
    for m in about:
        yield StatCandidate(m, value, unit, unit, ev, as_of)


def _aired(ctx: Context, verb: Token) -> str | None:
    """*X, the pilot of which was aired on 9 May, drew …*: the date of the airing the
    subject's own clause gives."""
    for s in ctx.subjects(verb):
        if s.head.dep_ in ("relcl", "acl") and s.head.lemma_.lower() in ("show", "air", "broadcast", "screen",
                                                                          "premiere", "debut"):
            d, _ = _dates_near(ctx, [s.head])  # "X, the pilot of which was aired on 9 May,"
            if d:
                return d
        for c in s.subtree:
            if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in ("show", "air", "broadcast", "screen", "premiere",
                                                                    "debut", "open", "launch", "release"):
                d, _ = _dates_near(ctx, [c])
                if d:
                    return d
    return None


# -- money ------------------------------------------------------------------------------------------------------
def _money_phrase(ctx: Context, ent: Span) -> Span:
    """The sum as written, with the currency sign and scale NER leaves outside it (*$* *40.8* *m*)."""
    doc, w = ctx.doc, words()
    start, end = ent.start, ent.end
    if start > 0 and (doc[start - 1].text in w["currencies"] or doc[start - 1].text.upper() in w["currency_codes"]):
        start -= 1
    if end < len(doc) and doc[end].lower_.rstrip(".") in w["scales"]:
        end += 1
    if end < len(doc) and (doc[end].lemma_.lower() in w["currency_words"] or _currency_word(doc[end])):
        end += 1
    return doc[start:end]


BOX_TITLE_RULE = "kg.box_office_title.v1"
CHART_TITLE_RULE = "kg.chart_title.v2"
SHOW_TITLE_RULE = "kg.show_title.v1"
NOMINEE_TITLE_RULE = "kg.nominee_title.v1"
SALES_TITLE_RULE = "kg.sales_title.v1"


def _box_office_title(ctx: Context, verb: Token, rule: str = BOX_TITLE_RULE, kind: str | None = "Film") -> list[Mention]:
    """The film a box-office verb's subject names where mention detection read no name there (*A
    Series of X, starring Y, took $30.2m*, *The X took $9.4m*), or the work a chart verb's does
    (*X went straight in at number two*): a capitalised run ending in the subject's own word, set
    down as a work wherever the article writes it."""
    doc = ctx.doc
    subs = ctx.subjects(verb)
    for s_ in subs:
        if s_.dep_ not in ("nsubj", "nsubjpass") or s_.head.i != verb.i or _at(ctx, s_) is not None:
            continue
        if not titleish(s_) and s_.pos_ == "NOUN" and any(t.i == s_.i + 1 and t.pos_ == "PROPN" for t in subs):
            continue  # "X's romantic comedy Hitch dropped": the noun and the title read as two subjects
        if not titleish(s_) and s_.pos_ == "NOUN" and (app := next((c for c in s_.children if c.dep_ == "appos"
                                                                   and c.i == s_.i + 1), None)) is not None:
            s_ = app  # "Comedy adventure X of the Y came in at four": the parser makes the title the noun's apposition
        sent = sent_of(s_)
        after_noun = any(t.i == s_.i - 1 and t.pos_ == "NOUN" for t in subs)  # (NER's "nationality" after
        # a work noun is the title: "the comedy Hitch")
        if not titleish(s_) or not (s_.pos_ == "PROPN" or s_.i != sent.start) or s_.like_num \
                or _small_int(s_, ordinal=True) is not None or s_.ent_type_ in (
                "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "GPE", "LOC") \
                or s_.ent_type_ == "NORP" and not after_noun:
            return []
        a = s_.left_edge.i
        if doc[a].lower_ in ("the", "a", "an") and doc[a].i + 1 <= s_.i:
            a = a + 1 if not doc[a].text[0].isupper() else a
        lower = [k for k in range(a, s_.i) if not titleish(doc[k]) and doc[k].lower_ not in SMALL and doc[k].is_alpha]
        if lower and doc[lower[-1]].pos_ == "NOUN" and doc[lower[-1]].head.i == s_.i:
            a = lower[-1] + 1  # "Comedy adventure X of the Y came in at four", "new movie X opened": the title after its noun
        b = s_.i + 1
        while b < len(doc) and doc[b].head.i == s_.i and doc[b].dep_ == "nummod" and doc[b].text.isdigit():
            b += 1  # "X 2"
        run = name_run(doc, a)  # "A Tale of X": the title runs on past the subject's word, inside its phrase
        if run > b and all(s_.left_edge.i <= k <= s_.right_edge.i for k in range(b, run)):
            b = run
        span = doc[a:b]
        words_ = [t for t in span if not t.is_punct]
        if not words_ or not titleish(words_[0]) or any(not titleish(t) and t.lower_ not in SMALL for t in words_) \
                or any(t.is_punct and t.text not in ("'", "-", ":", "!", "?", "&") for t in span) or len(words_) > 8:
            return []
        if any(ctx.mention_at(t) is not None for t in span) or words_[-1].lower_ in SMALL:
            return []
        if len(words_) == 1 and words_[0].lower_ in words()["not_titles"]:
            return []
        m = named(ctx).everywhere(a, b, PRODUCTION, rule, 0.65, kind)
        return [m] if m is not None else []
    return []


def _unread_sums(ctx: Context) -> list[Span]:
    """Numbers right after a currency sign that NER read as no entity (*for £1m.* ending a sentence)."""
    doc, w = ctx.doc, words()
    return [doc[t.i + 1:t.i + 2] for t in tokens_of(doc) if t.text in w["currencies"] and t.i + 1 < len(doc)
            and re.fullmatch(r"\d[\d,]*(?:\.\d+)?", doc[t.i + 1].text) and not doc[t.i + 1].ent_type_]


def _currency_after(ctx: Context, ent: Span) -> bool:
    """Whether a number is followed by a currency word (*50,000 euros*, *2.6bn euros*, *5.45m Euros*:
    capitalised, the tagger takes it for a name)."""
    doc, w = ctx.doc, words()
    k = ent.end
    if k < len(doc) and doc[k].lower_.rstrip(".") in w["scales"]:
        k += 1
    return k < len(doc) and _currency_word(doc[k])


def _currency_word(tok: Token) -> bool:
    """*euros*, *dollars*; capitalised too (*Euros*, which the tagger takes for a name), but never
    *Pounds*, as often a weight as a sum (a sum in pounds is written with its sign)."""
    w = words()
    if tok.tag_ in ("NNP", "NNPS"):
        low = tok.lower_[:-1] if tok.lower_.endswith("s") else tok.lower_
        return low in w["currency_words"] and low != "pound"
    return tok.lemma_.lower() in w["currency_words"] and tok.tag_ in ("NNS", "NN")


def _phrase_root(phrase: Span) -> Token:
    """The word a sum hangs on the clause by: of its words whose head is outside it, one that is a
    verb's argument before a particle or modifier (*it made over $60m*: *over* is the verb's particle)."""
    outside = [t for t in phrase if not phrase.start <= t.head.i < phrase.end or t.head is t]
    args = [t for t in outside if t.dep_ not in ("prt", "advmod", "quantmod", "amod", "punct", "cc", "det")]
    return (args or outside or [phrase.root])[0] if len(outside) > 1 else phrase.root


def _weight(ctx: Context, phrase: Span) -> bool:
    """Whether *pounds* written out is a weight: a verb of losing or weighing, or words of the body."""
    if not any(t.lemma_.lower() == "pound" for t in phrase):
        return False
    verb = ctx.governing_verb(phrase.root)
    body = {"weigh", "weight", "lose", "shed", "gain", "drop", "pile", "diet", "lbs", "kilo", "kilos", "stone", "slim"}
    return verb.lemma_.lower() in body or any(t.lemma_.lower() in body for t in sent_of(phrase.root))


def _conversion(ctx: Context, phrase: Span) -> bool:
    """*$50m (£27m)*: a sum in brackets right after another is the same sum converted."""
    k = phrase.start - 1
    return k >= 1 and ctx.doc[k].text == "(" and ctx.doc[k - 1].ent_type_ == "MONEY" or \
        k >= 1 and ctx.doc[k].text == "(" and ctx.doc[k - 1].lower_ in words()["scales"]


def _lemma(tok: Token) -> str:
    """The verb's lemma, mended where the tagger errs (*fined* is not *fin*)."""
    return words()["lemma_fixes"].get(tok.lower_, tok.lemma_.lower())


_PAID_TO = frozenset({"fine", "award", "pay", "grant", "hand", "offer", "order"})  # verbs whose second object is paid


@rule("kg.money.v47", produces=("Statistic",))
def money(ctx: Context) -> Iterator[Produced]:
    """*X took $40.8m at the box office*, *bought X for $900*, *X was fined £5,000*, *a $10m deal*.
    A figure compared with this one is read beside it (``_and_compared``)."""
    yield from _and_compared(ctx, _money(ctx), money.rule_name)


def _money(ctx: Context) -> Iterator[Produced]:
    w = words()
    box = "box office" in text_of(ctx.doc).lower()
    for ent in [*ents_of(ctx.doc), *_unread_sums(ctx)]:
        if ent.label_ != "MONEY" and not (ent.label_ == "CARDINAL" and _currency_after(ctx, ent)) \
                and not (ent.label_ == "" and ent.start > 0 and ctx.doc[ent.start - 1].text in w["currencies"]):
            continue  # NER leaves "50,000 euros" a number before a currency word, "£1m." at a sentence's end none
        phrase = _money_phrase(ctx, ent)
        got = amount(phrase.text)
        if got is None or got[1] is None or not got[0]:
            continue
        if not any(t.text in w["currencies"] for t in phrase) and _weight(ctx, phrase):
            continue  # "has lost 20 pounds": a weight
        value, currency = got
        if _conversion(ctx, phrase):
            continue
        root = _phrase_root(phrase)
        if phrase[-1].text.endswith(".") and len(phrase[-1].text) > 1 and root.head.i >= phrase.end:
            continue  # "... over £35m.  X's statements": the parse ran on past the sentence's end
        if root.dep_ in ("nummod", "compound", "npadvmod") and root.head.i >= phrase.end and \
                root.head.lower_.rstrip(".") in w["scales"]:
            root = root.head  # "with $7.4m (£3.9m)": the parser hangs the sum on a scale word after the brackets
        about: list[Mention] = []
        measure = "amount"
        anchor: Token = root
        verb: Token | None = None
        after = ctx.doc[phrase.end] if phrase.end < len(ctx.doc) else None
        if after is not None and after.pos_ == "NOUN" and after.lemma_.lower() in w["money_nouns"] \
                and after.lemma_.lower() not in w["home_nouns"] and root.head.i != after.i and root.dep_ in (
                "pobj", "punct", "dobj", "nmod", "npadvmod"):
            noun_after: Token | None = after  # the parse lost the sum's noun: "free on $1m bail"
        else:
            noun_after = None
        if noun_after is not None or \
                root.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
            noun = noun_after if noun_after is not None else root.head  # "a $10m deal", "the £2m musical X"
            anchor = noun
            measure = w["money_nouns"].get(noun.lemma_.lower()) or w["money_nouns"].get(noun.lower_, "")  # "damages"
            # "the £2m musical X" is X's cost; "a £7m musical" is a new one, never a work named before
            work = None if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children) else ctx.refer(noun)
            if work is not None and not work.ref and work.type in _HOLDERS and not measure:
                about, measure = [work], "cost"
            elif not measure:
                continue  # "their $30 breakfast": a price of something not named
            else:
                about = _owner(ctx, noun, _HOLDERS)
            if not about and noun.dep_ == "pobj" and noun.head.lower_ == "with" and _is_verb(noun.head.head) \
                    and measure in ("fine", "damages sought", "settlement", "damages", "bill"):
                verb = noun.head.head  # "landed X with a $550,000 fine", "hit X with a $5m lawsuit": X's
                about = [m for o in ctx.children([verb], ("dobj",)) for t in (o, *(c for c in o.children if c.dep_ ==
                         "compound")) for m in _named(ctx, t, _HOLDERS)][:1]
            if not about and noun.dep_ == "pobj" and noun.head.lower_ == "with":
                about = _with_holder(ctx, noun.head)  # "X is the highest new entry, with a £67m fortune"
            if not about:
                verb, side = _verb_side(ctx, noun)
                if _is_verb(verb) and side == "obj":
                    datives = [m for c in verb.children if c.dep_ == "dative" for m in _named(ctx, c, _HOLDERS)]
                    if datives and _lemma(verb) in ("award", "give", "grant", "hand", "offer", "pay", "order"):
                        about = datives  # "the court awarded X £250,000 damages": X's
                    else:
                        about = _subjects(ctx, verb, _HOLDERS)
        elif root.dep_ == "conj" and root.head.dep_ in ("dobj", "attr") and _is_verb(root.head.head):
            verb = root.head.head  # "who took fourth place and almost $42.7m"
            measure = w["money_verbs"].get(_lemma(verb), "amount")
            about = _subjects(ctx, verb, _HOLDERS)
        elif root.dep_ == "pobj" and root.head.lower_ == "with" and (held := _holder_of_place(ctx, root.head.head)):
            anchor = root.head.head  # "with the comedy X in third position with $10.85m": X's
            about, measure = [held], "box office" if box else "amount"
        elif root.dep_ == "pobj" and root.head.lower_ == "with" and (held := _with_holder(ctx, root.head)):
            anchor = root.head.head  # "X is a new entry on the rich list with £5m": X's
            about = held
        elif root.dep_ == "pobj":
            prep, host = root.head, root.head.head
            if prep.lower_ == "of" and host.pos_ == "NOUN" or prep.lower_ == "for" and host.pos_ == "NOUN" and \
                    host.lemma_.lower() in w["money_nouns"]:  # "a fine of £5,000", "a cheque for $150,000"
                anchor = host
                measure = w["money_nouns"].get(host.lemma_.lower(), host.lemma_.lower())
                about = _owner(ctx, host, _HOLDERS)
                if not about:
                    verb, side = _verb_side(ctx, host)
                    if _is_verb(verb):
                        about = _subjects(ctx, verb, _HOLDERS)
                if prep.lower_ == "for" and host.lemma_.lower() not in w["money_nouns"]:
                    about = []
            elif _is_verb(host) and _lemma(host) not in ("compare", "contrast") and prep.lower_ not in (
                    "into", "in", "on", "against", "about", "despite", "like", "than"):  # "turned into a £7m musical"
                verb = host
                lemma = _lemma(host)
                if prep.lower_ == "for" and lemma in w["price_verbs"]:
                    # "bought X for $900": the price of X; "X sold for $3m": of X too
                    measure = w["money_verbs"].get(lemma, "price")
                    objs = ctx.children([host], ("dobj",))
                    about = [m for o in objs for m in _named(ctx, o, _HOLDERS)]
                    if not about and not objs:
                        about = _subjects(ctx, host, _HOLDERS)
                    elif not about and (home := next((o for o in objs if o.lemma_.lower() in w["home_nouns"]), None)):
                        about = _subjects(ctx, host, (PERSON, GROUP))  # "X bought the house for $4m": X's home
                        measure = w["money_nouns"].get(home.lemma_.lower(), "home price")
                else:
                    measure = w["money_verbs"].get(lemma, "amount")
                    about = _subjects(ctx, host, _HOLDERS)
        elif root.head.lower_ == "worth" and _is_verb(root.head.head):
            verb = root.head.head  # "X is worth £50m"
            measure = "wealth" if any(m.type == PERSON for m in _subjects(ctx, verb, _HOLDERS)) else "valuation"
            about = _subjects(ctx, verb, _HOLDERS)
        elif root.dep_ in ("dobj", "pobj") and (tot := root.head if root.dep_ == "dobj" else root.head.head) is not None \
                and tot.dep_ == "acl" and tot.lemma_.lower() in w["total_verbs"] and tot.head.pos_ == "NOUN" \
                and (tot.head.lemma_.lower() in w["money_nouns"] or tot.head.lower_ in w["money_nouns"]):
            noun = tot.head  # "paid fines totalling $1.7m", "damages amounting to $5m": the noun's sum
            anchor = noun
            measure = w["money_nouns"].get(noun.lemma_.lower()) or w["money_nouns"][noun.lower_]
            about = _owner(ctx, noun, _HOLDERS)
            if not about:
                verb, side = _verb_side(ctx, noun)
                if _is_verb(verb):
                    about = _subjects(ctx, verb, _HOLDERS)
        elif root.dep_ == "appos" and root.head.dep_ in ("dative", "dobj") and _is_verb(root.head.head) \
                and _lemma(root.head.head) in _PAID_TO:
            verb = root.head.head  # "the regulator fined X $550,000 (£300,000)": the parser makes the sum X's apposition
            measure = w["money_verbs"].get(_lemma(verb), "amount")
            about = _named(ctx, root.head, _HOLDERS)
        elif root.dep_ in ("dobj", "attr", "oprd", "npadvmod", "acomp", "advmod", "dative") and _is_verb(root.head) \
                and not (root.i > 0 and ctx.doc[phrase.start - 1].lower_ in ("up", "down", "by")):
            verb = root.head  # "X took $40.8m", "X was fined £5,000", "it cost $50m"
            lemma = _lemma(verb)
            measure = w["money_verbs"].get(lemma, "amount")
            fors = [p for _, p in ctx.preps([verb], {"for"})]
            works = [m for p in fors for m in _named(ctx, p, (PRODUCTION,))]
            datives = [m for c in verb.children if c.dep_ == "dative" for m in _named(ctx, c, _HOLDERS)]
            if lemma in ("pay", "spend", "offer", "bid") and works:
                about, measure = works, "price"  # "paid $5m for X": the price of X
            elif datives and lemma in ("award", "give", "grant", "hand", "offer", "pay", "win", "net", "earn", "make",
                                       "bring"):  # "helped net him £35m": his
                about = datives  # "the court awarded X £50,000 in damages"
                measure = "damages" if any(p.lemma_.lower() == "damage" for _, p in ctx.preps([verb], {"in"})) else measure
            elif lemma == "fine" and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
                # "the regulator fined X $550,000": X's fine, never the regulator's, whether the parser makes X
                # the verb's object or a modifier of the sum ("fined X $550,000 (£300,000)")
                about = [m for c in verb.children if c.dep_ in ("dobj", "dative") and c.i != root.i
                         for m in _named(ctx, c, _HOLDERS)] or [m for c in root.children if c.dep_ in (
                             "nmod", "compound") and c.i < phrase.start for m in _named(ctx, c, _HOLDERS)]
            else:
                about = _subjects(ctx, verb, _HOLDERS)
        if not about and box and verb is not None and _is_verb(verb) and (_lemma(verb) in w["takings_verbs"] or (
                any(t.dep_ == "pobj" and t.head.lower_ == "with" for t in (root, anchor))
                and _lemma(verb) in w["chart_verbs"])) \
                and ctx.claim(verb)[0] not in _NOT_SAID:
            about = _box_office_title(ctx, verb)  # "X, starring Y, took $30.2m", "X came in at four with $7.7m":
            # a name NER left unread is a film's
        if not about and verb is not None and _is_verb(verb):
            # "her net worth has been estimated at $300m", "X's wealth rose to £700m": the sum noun's owner
            for s_ in ctx.subjects(verb):
                if s_.lemma_.lower() in w["money_nouns"] or s_.lemma_.lower() in w["wealth_nouns"]:
                    about = _owner(ctx, s_, _HOLDERS)
                    measure = w["wealth_nouns"].get(s_.lemma_.lower()) or w["money_nouns"][s_.lemma_.lower()]
                    if verb.lemma_.lower() in w["rise_verbs"] and not (root.dep_ == "pobj" and root.head.lower_ == "to"):
                        measure += " change"  # "rose £300m to £700m": £300m is the rise, £700m the level
                    break
        if not about:
            continue
        if box and verb is not None and _lemma(verb) in ("take", "earn", "make", "gross", "open", "bring",
                                                                 "collect", "pull", "rake") or box and verb is not None \
                and root.dep_ == "pobj" and root.head.lower_ == "with" and _lemma(verb) in w["chart_verbs"]:
            measure = "box office"  # "fell to fourth place with $7.4m" in a box-office round-up
        ev = _said(ctx, list(ent) + [anchor], money.rule_name, 0.75)
        if ev is None and verb is not None and (_reportedly(ctx, verb) or _estimated(ctx, verb)):
            # "X reportedly cost $150m", "X is expected to fetch $1m": the report, the estimate is what the
            # article asserts; only of a thing its subject names itself ("a guitar belonging to X", "the
            # epic, which reportedly cost": never X's, never a guess at which work)
            if _estimated(ctx, verb):
                measure = "estimated sale price"
            ev = ctx.evidence(list(ent) + [anchor], money.rule_name, 0.6)
            subs = _subject_words(verb)
            thing = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "that")
                        for v in (verb, verb.head) for c in v.children)
            about = [m for m in about if not m.ref and any(m.start <= t.idx < m.end for t in subs)
                     and not (thing and m.type == PERSON and measure == "estimated sale price")]
            # ("a trumpet which belonged to X, which is expected to fetch": no person is sold)
        if ev is None or ev.status == "denied":
            continue
        as_of = _as_of(ctx, [verb] if verb is not None else [anchor])
        for m in about:
            yield StatCandidate(m, value, currency, measure, ev, as_of)


def _with_holder(ctx: Context, prep: Token) -> list[Mention]:
    """Whose sum a *with* phrase gives when it hangs on what a copula says its subject is (*X is
    the highest new entry, with a £67m fortune*; *X is a new entry on the list with £5m*): the
    subject's, a person or a band; none where the phrase hangs on a verb of its own or the noun
    is no complement of *be*."""
    t = prep.head
    for _ in range(6):
        if t.dep_ == "attr" and t.head.lemma_ == "be":
            return [m for m in _subjects(ctx, t.head, (PERSON, GROUP)) if not m.ref or m.ref == "definite"]
        if t.dep_ in ("pobj", "prep", "appos", "compound", "conj") and t.head is not t and t.pos_ != "VERB":
            t = t.head
            continue
        break
    return []


def _subject_words(verb: Token) -> list[Token]:
    """The words of the subject itself (of the verb, or of the verb it completes), where a name must
    stand: the first subject (the parser may make a name inside it a second), what a relative
    pronoun stands for, and the names in apposition or compound with it."""
    subs = [next(iter(c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None) for v in (verb, verb.head)]
    subs = [t for t in subs if t is not None]
    subs = [t.head.head if t.lower_ in ("which", "that", "who") and t.head.dep_ == "relcl" else t for t in subs]
    return subs + [c for t in subs for c in t.children if c.dep_ in ("appos", "compound") and c.i > t.i]


def _reportedly(ctx: Context, verb: Token) -> bool:
    """*X reportedly cost $150m*, *X is reputedly worth £50m*: a sum the article reports, hedged
    only by an adverb of report (never a modal, a condition or a denial beside it)."""
    w = words()
    kids = list(verb.children)
    return any(c.dep_ == "advmod" and c.lower_ in w["report_adverbs"] for c in kids) and not any(
        c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in ("could", "may", "might", "would") or
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids)


def _estimated(ctx: Context, verb: Token) -> bool:
    """*X is expected to fetch $1m*, *X is estimated to sell for $5m*, *X could fetch up to £9m*: a
    sale's estimate, a verb of fetching under a verb of expecting or a modal; never denied."""
    w = words()
    if _lemma(verb) not in w["estimate_sale_verbs"] or any(c.dep_ == "neg" for c in verb.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in w["estimate_modals"] for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and _is_verb(head) and head.lemma_.lower() in w["estimate_verbs"] \
        and not any(c.dep_ == "neg" for c in head.children)


# -- ages -----------------------------------------------------------------------------------------------------
def _year_old(doc, tok: Token) -> tuple[int, int] | None:
    """(age, index of its number) for the word *old* of *52-year-old*, *52 years old*."""
    k = tok.i - 1
    if k >= 0 and doc[k].text == "-":
        k -= 1
    if k < 1 or doc[k].lower_ not in ("year", "years"):
        return None
    k -= 1
    if doc[k].text == "-":
        k -= 1
    if k < 0:
        return None
    n = _small_int(doc[k])
    if n is not None and k >= 2 and doc[k - 1].text == "-" and _small_int(doc[k - 2]) is not None:
        n, k = n + (_small_int(doc[k - 2]) or 0), k - 2  # "forty-five-year-old"
    return (n, k) if n is not None and 0 < n < 120 else None


def _person(ctx: Context, tok: Token | None) -> list[Mention]:
    return _named(ctx, tok, _AGED)


def _personal(ctx: Context, m: Mention) -> bool:
    """Whether a name mention detection typed as a place or a company may be a person's, as an age
    says it is: the tagger read it as a person's, or a title or a word of what people do is before it
    (*broadcaster Peter Hall has died at the age of 81*)."""
    if m.type == PERSON:
        return True
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) < 2 or not all(t.text[:1].isupper() for t in span):
        return False
    if span.root.ent_type_ == "PERSON":
        return True
    k = span.start - 1
    return k >= 0 and (ctx.tokens[k].lower_ in ctx.role_nouns or ctx.tokens[k].lower_ in ctx.occupations
                       or ctx.tokens[k].lower_.rstrip(".") in ("mr", "mrs", "ms", "miss", "sir", "dame", "dr", "lord", "lady"))


def _event_verb(noun: Token) -> Token | None:
    """The verb an event noun an age was parsed onto is an argument of (*died of cancer aged 55*,
    *had a heart attack aged 65*, *died in hospital aged 81*): never a noun for people (*a man aged 30*)."""
    if noun.tag_ != "NN" or noun.lemma_.lower() not in words()["age_event_nouns"]:
        return None
    if noun.dep_ == "dobj" and _is_verb(noun.head):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and _is_verb(noun.head.head):
        return noun.head.head
    return None


def _clause_people(ctx: Context, tok: Token) -> tuple[list[Mention], Token | None]:
    """Who a phrase inside a clause is about: a person it hangs on (*X, aged 30*), else the
    subject of the clause's verb (*who has died at home aged 81*)."""
    h = tok.head
    for _ in range(5):
        if _is_verb(h):
            return _subjects(ctx, h, _AGED), h
        m = _at(ctx, h)
        if m is not None and _personal(ctx, m):
            return [m], h
        if h.head is h:
            break
        h = h.head
    return [], None


@rule("kg.age.v45", produces=("Statistic",))
def age(ctx: Context) -> Iterator[Produced]:
    """*X, 71,*; *the 45-year-old X*; *the 52-year-old said*; *aged 81*; *at the age of 79*;
    *turned 50*; *X's 60th birthday*."""
    w = words()
    doc = ctx.doc
    art = tokens_of(doc)  # the article's tokens (doc[k] makes a new Token on each call)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in art:
        low = lowers[tok.i]
        found: tuple[int, list[Mention], list[Token], Token | None] | None = None
        if low == "old" and (yo := _year_old(doc, tok)) is not None:
            found = _aged_old(ctx, tok, *yo)
        elif low == "aged" and tok.i + 1 < len(doc) and (n := _small_int(art[tok.i + 1])) is not None and 0 < n < 120 \
                and not (tok.i + 2 < len(doc) and art[tok.i + 2].lower_ in ("to", "-", "and", "or", "between")):
            host = _at(ctx, tok.head)
            if tok.head.pos_ == "NOUN" and host is None:
                verb = _event_verb(tok.head)
                if verb is None:
                    continue  # "pupils aged ten", "a man aged 30": whoever it is, nobody named
                # "has died of lung cancer aged 55", "had a heart attack aged 65": the age is the subject's
                found = (n, _subjects(ctx, verb, _AGED), [tok, art[tok.i + 1]], verb)
            else:
                people, at = _clause_people(ctx, tok)
                found = (n, people, [tok, art[tok.i + 1]], at)
        elif low == "age" and tok.head.lower_ == "of" and tok.head.head.lower_ in ("years", "year") and tok.i >= 3 \
                and (n := _small_int(art[tok.i - 3])) is not None and 0 < n < 120:
            yrs = tok.head.head  # "she was 29 years of age"
            people = _subjects(ctx, yrs.head, _AGED) if _is_verb(yrs.head) else []
            found = (n, people, [art[tok.i - 3], tok], yrs.head)
        elif low == "age" and tok.head.lower_ in ("at", "since", "from", "until", "by", "before", "after", "beyond"):
            n = next((_small_int(p) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
            if n is None:
                n = next((_small_int(c) for c in tok.children if c.dep_ in ("nummod", "appos", "npadvmod")), None)
            if n is not None and 0 < n < 120:
                host = tok.head.head
                people = [] if _is_verb(host) else _owner(ctx, host, _AGED)
                if not people and not _is_verb(host):
                    people, host = _clause_people(ctx, tok.head)
                elif _is_verb(host):
                    people = _subjects(ctx, host, _AGED)
                    if not any(m.type == PERSON for m in people):  # "they kept her at home until the age of
                        # 16": where no person is the subject, the person the verb acts on
                        people = [m for o in ctx.children([host], ("dobj",)) for m in _named(ctx, o, (PERSON,))][:1] \
                            or people
                found = (n, people, [tok], host if tok.head.lower_ == "at" else None)
        elif low == "at" and tok.dep_ == "prep" and _is_verb(tok.head) and (
                tok.head.lemma_.lower() in w["age_verbs_at"] or tok.head.dep_ == "xcomp"
                and tok.head.head.lemma_.lower() in w["age_verbs_at"]) \
                and (num := next((c for c in tok.children if c.dep_ == "pobj"), None)) is not None \
                and _UP_TO_3_DIGITS.fullmatch(num.text) and 0 < int(num.text) < 120 and not list(num.children):
            verb = tok.head if tok.head.lemma_.lower() in w["age_verbs_at"] else tok.head.head  # "began acting at 12"
            found = (int(num.text), _subjects(ctx, verb, _AGED), [tok, num], verb)  # "has died at 66"
        elif tok.lemma_ == "be" and (num := next((c for c in tok.children if c.dep_ in ("attr", "acomp")
                                                  and _UP_TO_3_DIGITS.fullmatch(c.text)), None)) is not None \
                and 0 < int(num.text) < 120 and not [c for c in num.children if not (  # "X was 67 when he died"
                    c.dep_ in ("relcl", "advcl") and any(g.lower_ == "when" for g in c.children)
                    or c.dep_ == "advmod" and c.lower_ in w["age_adverbs"])] and (num.i + 1 >= len(doc) or not (
                    art[num.i + 1].pos_ in ("NOUN", "PROPN", "NUM") or art[num.i + 1].text in ("%", "-", "/", ":"))):
            people = [m for s_ in ctx.subjects(tok) if s_.dep_ in ("nsubj",) for m in _person(ctx, s_)]
            if any(c.dep_ == "advmod" for c in num.children):  # "X was just 19 when ...": a name, never a pronoun
                people = [m for m in people if not m.ref]
            found = (int(num.text), people, [tok, num], tok)  # "X, who was 16 at the time"
        elif lemmas[tok.i] == "turn" and _is_verb(tok) and ctx.claim(tok)[0] not in _NOT_SAID:  # not "will turn 102"
            num = next((c for c in tok.children if c.dep_ in ("dobj", "attr", "npadvmod", "oprd", "acomp", "advmod")
                        and (_small_int(c) is not None)), None)
            if num is not None and 0 < (_small_int(num) or 0) < 120 and not [
                    c for c in num.children if c.dep_ == "prep" and c.lower_ != "in" or c.dep_ in ("compound", "nummod")]:
                found = (_small_int(num) or 0, _subjects(ctx, tok, _AGED), [tok, num], tok)
        elif low in w["birthday_nouns"]:
            near = [*tok.children, *(tok.head.children if tok.dep_ == "compound" else ())]  # "60th birthday party"
            n = next((_small_int(c, ordinal=True) for c in near if c.dep_ in ("amod", "nummod", "compound")
                      and _small_int(c, ordinal=True)), None)
            if n is not None and 0 < n < 120:
                people = _owner(ctx, tok, _AGED)
                if not people and tok.dep_ == "compound":
                    people = _owner(ctx, tok.head, _AGED)  # "X's 60th birthday party"
                verb, side = _verb_side(ctx, tok)
                if (not people or people[0].ref) and _is_verb(verb) and side == "obj":
                    named = [m for m in _subjects(ctx, verb, _AGED) if not m.ref]
                    if named and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
                        people = named  # "X celebrated her 40th birthday": her is X
                elif people and people[0].ref and people[0].text.lower() in ("his", "her"):
                    # "A and X, just back from his 50th birthday": the nearest person named before it
                    sent = sent_of(tok)
                    before = [m for m in ctx.mentions if not m.ref and m.type == PERSON and
                              sent.start_char <= m.start < people[0].start and not ctx.is_character(m)]
                    people = [max(before, key=lambda m: m.start)] if before else people
                found = (n, people, [tok], None)
        elif (_UP_TO_3_DIGITS.fullmatch(tok.text) or lowers[tok.i] in w["number_words"] and lowers[tok.i] not in ("a", "an", "one")) \
                and tok.i >= 2 and (art[tok.i - 1].text in (",", "(") or lowers[tok.i - 1] == "now" and tok.i >= 3
                                    and art[tok.i - 2].text == ","):
            found = _apposed_age(ctx, tok)
        elif low == "at" and tok.i + 2 < len(doc) and art[tok.i + 2].text == "," and (tok.i == sent_of(tok).start) \
                and (n := _small_int(art[tok.i + 1])) is not None and 0 < n < 120:
            verb = tok.head  # "At 17, X is already one of the best"
            people = _subjects(ctx, verb, _AGED) if _is_verb(verb) else []
            found = (n, people, [tok, art[tok.i + 1]], None)
        if found is None:
            continue
        n, people, toks, host = found
        if any(m.ref == "definite" for m in people):  # "the singer, who turned 50": a clear main person,
            nouns = [sp.root for m in people if m.ref == "definite"
                     and (sp := doc.char_span(m.start, m.end, alignment_mode="expand")) is not None][:1]
            people = [m for m in people if m.ref != "definite"] or _focus_person(ctx, toks[0], *nouns) or people
        people = [m for m in people if _personal(ctx, m)]
        if not people:
            continue
        ev = _said(ctx, toks, age.rule_name, 0.8, clause=False)
        if ev is None:
            continue
        as_of = _as_of(ctx, [host]) if host is not None and ctx.claim(toks[0])[0] not in _NOT_SAID else None
        for m in people:
            yield StatCandidate(m, n, "years", "age", ev, as_of)


def _aged_old(ctx: Context, tok: Token, n: int, k: int):
    """Who *the 45-year-old* is: the name it describes, or whoever the article means by it."""
    doc = ctx.doc
    toks = [doc[k], tok]
    w = words()
    if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
        noun = tok.head
        people = _person(ctx, noun)
        if (not people or people[0].ref) and noun.dep_ == "compound" and noun.head.i > noun.i:
            # "the 15-year-old singer Jo Bloggs", "the 81-year-old actor X died" (*actor* read as a reference)
            people = [m for m in _person(ctx, noun.head) if not m.ref] or people
        if not people:
            people = _surname(ctx, noun)  # "the 74-year-old Eastwood"
        if not people and noun.lower_ in w["person_nouns"]:
            return None  # "a 30-year-old man": nobody named
        if not people or people[0].ref:
            if noun.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
                return None
            people = _focus_person(ctx, tok, noun)  # "said the 66-year-old presenter"
        return n, people, toks, ctx.governing_verb(noun)
    if tok.dep_ == "acomp" and _is_verb(tok.head):  # "X is 45 years old"
        return n, _subjects(ctx, tok.head, _AGED), toks, tok.head
    if tok.dep_ == "appos":  # "X, a 45-year-old,"
        m = _at(ctx, tok.head)
        return (n, [m], toks, ctx.governing_verb(tok.head)) if m is not None and _personal(ctx, m) else None
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") and tok.tag_ != "NNS":
        if tok.dep_ == "pobj" and tok.head.lower_ == "of":
            return None  # "one of the 45-year-olds"
        det = [c for c in tok.children if c.dep_ == "det"]
        if det and det[0].lower_ == "the":  # "The 52-year-old said": whoever the article means
            return n, _focus_person(ctx, tok), toks, ctx.governing_verb(tok)
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":  # "X is a 45-year-old"
        return n, _subjects(ctx, tok.head, _AGED), toks, tok.head
    return None


def _focus_person(ctx: Context, tok: Token, noun: Token | None = None) -> list[Mention]:
    """Whom *the 23-year-old* means: the one person named in its sentence before it or in the
    sentence before (*X has opened up ... the 23-year-old has admitted*) where the article has no
    clear main person (:func:`_main_person`), else the only person the article has named up to
    it (:func:`_only_person`)."""
    head = noun if noun is not None else tok
    verb = ctx.governing_verb(head)
    as_object = head.dep_ not in ("nsubj", "nsubjpass")
    if not as_object and head.head.pos_ == "ADJ" and head.head.dep_ in ("ccomp", "xcomp", "oprd", "advcl") \
            and _is_verb(head.head.head):
        verb, as_object = head.head.head, True  # "found the 57-year-old unresponsive": the object of "found"
    # "He and two aides found the 57-year-old singer": the person just named is whom "he" means, not the singer
    sex = words()["gendered_nouns"].get(noun.lower_) if noun is not None else None
    other = {"m": "she", "f": "he"}.get(sex or "")  # "He told the 43-year-old actress": he is not she
    pronoun_subject = as_object and any(
        t.lower_ in ("he", "she", "they") and t.lower_ != other for s_ in ctx.subjects(verb)
        if s_.dep_ in ("nsubj", "nsubjpass") for t in (s_, *s_.conjuncts))
    found = _main_person(ctx, tok, noun) or (None if pronoun_subject else _recent_person(ctx, tok, noun)) \
        or _only_person(ctx, tok, noun)
    if found and pronoun_subject:  # nor the person the pronoun itself most likely means: the last one named
        start = sent_of(head).start_char
        last = max((m for m in ctx.mentions if not m.ref and m.type == PERSON and m.end <= start
                    and m.text.split()), key=lambda m: m.start, default=None)
        if last is not None and last.text.split()[-1].lower() == found[0].text.split()[-1].lower():
            return []
    if found and head.dep_ not in ("nsubj", "nsubjpass") and _subject_of_same_verb(ctx, found[0], head):
        return []  # "X told the 61-year-old host": whoever the host is, not X
    return found


def _subject_of_same_verb(ctx: Context, m: Mention, head: Token) -> bool:
    """Whether a person is named as the subject of the clause the description stands in."""
    sent = sent_of(head)
    verb = ctx.governing_verb(head)
    key = m.text.split()[-1].lower()
    return any(o.text.split() and o.text.split()[-1].lower() == key and sent.start_char <= o.start < sent.end_char
               and (r := ctx.root_of(o)) is not None and r.dep_ in ("nsubj", "nsubjpass")
               and ctx.governing_verb(r).i == verb.i for o in ctx.mentions if not o.ref)


def _only_person(ctx: Context, tok: Token, noun: Token | None = None) -> list[Mention]:
    """The one person the article has named before *the 43-year-old comic* (however far back,
    and however often): nobody else it can mean. None where a second person is named before it (or
    in its own sentence after it), or where a noun of sex or the sentence's pronouns say the other
    sex (*the 88-year-old monarch ... she*)."""
    sent = sent_of(tok)
    people = [m for m in ctx.mentions if not m.ref and m.type == PERSON and m.start < sent.end_char
              and m.text.split() and not ctx.is_character(m)]

    def word(w_: str) -> str:
        return re.sub(r"['\u2019]s?$", "", w_.lower())
    given = {word(m.text.split()[0]): word(m.text.split()[-1]) for m in people if len(m.text.split()) > 1}
    keys = {_key(m, word, given) for m in people}
    before = [m for m in people if m.end <= tok.idx]
    if len(keys) != 1 or not before:
        return []
    sex = words()["gendered_nouns"].get(noun.lower_) if noun is not None else None
    if sex is None:  # "the 88-year-old monarch ... she vowed": the pronouns of its sentence say the sex
        prons = {t.lower_ for t in sent if t.pos_ == "PRON"}
        he, she = bool(prons & {"he", "him", "his", "himself"}), bool(prons & {"she", "her", "hers", "herself"})
        sex = "m" if he and not she else "f" if she and not he else None
    if sex is not None and _sexes(people, word).get(next(iter(keys))) not in (sex, None):
        return []
    return [before[-1]]


def _recent_person(ctx: Context, tok: Token, noun: Token | None = None) -> list[Mention]:
    """The one person named in the description's sentence before it or in the sentence before,
    not the subject of the verb the description is the object of (*X told the 61-year-old host*);
    none where two people are named there."""
    sent = sent_of(tok)
    lo = sent_of(ctx.doc[sent.start - 1]).start_char if sent.start > 0 else sent.start_char
    head = noun if noun is not None else tok
    verb = ctx.governing_verb(head)
    is_subject = head.dep_ in ("nsubj", "nsubjpass")
    people = [m for m in ctx.mentions if not m.ref and m.type == PERSON and lo <= m.start and m.end <= tok.idx
              and m.text.split() and not ctx.is_character(m)]

    def word(w_: str) -> str:
        return re.sub(r"['\u2019]s?$", "", w_.lower())
    given = {word(m.text.split()[0]): word(m.text.split()[-1]) for m in ctx.mentions
             if not m.ref and m.type == PERSON and len(m.text.split()) > 1}
    sex = words()["gendered_nouns"].get(noun.lower_) if noun is not None else None
    if sex is not None:
        known = _sexes([m for m in ctx.mentions if not m.ref and m.type == PERSON], word)
        people = [m for m in people if known.get(_key(m, word, given)) in (sex, None)]
    if not is_subject:
        people = [m for m in people if not ((r := ctx.root_of(m)) is not None and r.dep_ in ("nsubj", "nsubjpass")
                                            and ctx.governing_verb(r).i == verb.i)]
    keys = {_key(m, word, given) for m in people}
    # in the sentence before, only a clause's subject (or whose it is: *X's new film*) is what the next is about
    people = [m for m in people if m.start >= sent.start_char or _subject_name(ctx, m)]
    if len(keys) != 1 or not people:
        return []  # two people named there: either may be meant
    return [max(people, key=lambda m: m.start)]


def _subject_name(ctx: Context, m: Mention) -> bool:
    """Whether a name is a clause's subject, or the possessor or apposition of one."""
    r = ctx.root_of(m)
    for _ in range(2):
        if r is None:
            return False
        if r.dep_ in ("nsubj", "nsubjpass"):
            return True
        if r.dep_ not in ("poss", "appos", "compound"):
            return False
        r = r.head
    return False


def _main_person(ctx: Context, tok: Token, noun: Token | None = None) -> list[Mention]:
    """Whom *the 45-year-old* means: the person the article has named most up to here (by surname;
    ties: the one named first), as news writes the phrase for the person the story is about. A noun
    that says a sex (*the 47-year-old actress*) leaves out the people whose names say the other one,
    and the clear main person is sought among the rest."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    last: dict[str, Mention] = {}
    people = [m for m in ctx.mentions if not m.ref and m.type == PERSON and m.start < tok.idx and m.text.split()
              and not ctx.is_character(m)]

    def word(w_: str) -> str:
        return re.sub(r"['\u2019]s?$", "", w_.lower())
    given = {word(m.text.split()[0]): word(m.text.split()[-1]) for m in people if len(m.text.split()) > 1}
    sex = words()["gendered_nouns"].get(noun.lower_) if noun is not None else None
    if sex is not None:
        known = _sexes(people, word)
        people = [m for m in people if known.get(_key(m, word, given)) in (sex, None)]
    for m in people:
        parts = m.text.split()
        key = word(parts[-1])
        key = given.get(key, key) if len(parts) == 1 else key  # "Jo" is "Jo Bloggs"
        counts[key] = counts.get(key, 0) + 1
        first[key] = min(first.get(key, m.start), m.start)
        if key not in last or m.start > last[key].start:
            last[key] = m
    if not counts:
        return []
    ranked = sorted(counts, key=lambda k: (counts[k], -first[k]), reverse=True)
    best = ranked[0]
    # only a clear main person: named at least twice, twice as often as anyone else
    if counts[best] < 2 or len(ranked) > 1 and counts[best] < 2 * counts[ranked[1]]:
        return []
    return [last[best]]


def _key(m: Mention, word: Any, given: dict[str, str]) -> str:
    """A person's surname key: *Jo* stands for *Jo Bloggs* where the article gives the full name."""
    parts = m.text.split()
    key = word(parts[-1])
    return given.get(key, key) if len(parts) == 1 else key


def _sexes(people: list[Mention], word: Any) -> dict[str, str]:
    """Surname key -> ``m`` or ``f`` where a full name's given name or title says it."""
    from kg.extract.lexicon import TITLE_GENDER, name_genders
    genders = name_genders()
    out: dict[str, str] = {}
    for m in people:
        parts = m.text.split()
        if len(parts) < 2:
            continue
        first = parts[0].lower().rstrip(".")
        sex = TITLE_GENDER.get(first) or genders.get(first)
        if sex:
            out.setdefault(word(parts[-1]), sex)
    return out


def _surname(ctx: Context, tok: Token) -> list[Mention]:
    """*the 74-year-old Eastwood* where mention detection took the surname for a common word: the
    person named before with that surname, when only one was."""
    if not tok.text[:1].isupper() or tok.i == sent_of(tok).start:
        return []
    found = {m.text: m for m in ctx.mentions if not m.ref and m.type == PERSON and m.end <= tok.idx
             and len(m.text.split()) > 1 and m.text.split()[-1] == tok.text and not ctx.is_character(m)}
    return list(found.values()) if len(found) == 1 else []


def _apposed_age(ctx: Context, tok: Token):
    """*X, 71,* and *X (71)*: a bare number right after a person's name, set off by commas or brackets."""
    doc = ctx.doc
    i = tok.i
    o = i - 2 if doc[i - 1].lower_ == "now" else i - 1  # "X, now 71,"
    if o < 1 or i + 1 >= len(doc):
        return None
    opener, closer = doc[o].text, doc[i + 1].text
    if not (opener == "," and closer in (",", ".", ";", ":", "\u2014", "\u2013", "-", "--") or opener == "(" and closer == ")"):
        return None
    if closer == "," and i + 2 < len(doc) and (doc[i + 2].like_num and doc[i + 2].lower_ not in words()["ordinals"]
                                              or doc[i + 2].ent_type_ in ("DATE", "MONEY")):
        return None  # "..., 12, 14, 16": a list of numbers (not "X, 50, first sparked ...")
    n = _small_int(tok)
    if n is None or not 0 < n < 120:
        return None
    m = _at(ctx, doc[o - 1])
    if m is None:  # "The presenter, 58, said": whoever the article means, when one person is clearly meant
        noun = doc[o - 1]
        if noun.tag_ == "NN" and (noun.lower_ in ctx.role_nouns or noun.lower_ in ctx.occupations
                                  or noun.lower_ in words()["gendered_nouns"]) \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            people = _focus_person(ctx, noun, noun)
            return (n, people, [tok], ctx.governing_verb(noun)) if people else None
        return None
    if not _personal(ctx, m) or ctx.is_character(m):
        return None
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.end != o:
        return None
    return n, [m], [tok], ctx.governing_verb(span.root)


# -- chart positions ----------------------------------------------------------------------------------------------
def _chart_context(ctx: Context, tok: Token) -> bool:
    """Whether the sentence, or one of the two before it, speaks of a chart."""
    sent = sent_of(tok)
    start = sent.start
    for _ in range(2):
        if start > 0:
            start = sent_of(ctx.doc[start - 1]).start
    words_ = {t.lower_ for t in ctx.doc[start:sent.end]}
    return bool(words_ & {"chart", "charts", "chart-topper", "chart-topping", "top-selling", "countdown", "single",
                          "singles", "album", "albums", "billboard", "poll", "rankings", "bestseller", "best-seller", "bestsellers",
                          "list"}) or bool(
        re.search(r"\b(?:number|no\.?) (?:one|1)\b|\btop (?:5|10|20|40|100|five|ten|twenty|forty)\b|box.office",
                  ctx.doc[start:sent.end].text.lower()))


def _positions(ctx: Context) -> Iterator[tuple[int, Token, list[Token]]]:
    """(position, the phrase's head, its tokens) for *number one*, *No 3*, *top spot*, *to four*."""
    w = words()
    doc = ctx.doc
    art = tokens_of(doc)  # the article's tokens (doc[k] makes a new Token on each call)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in art:
        low = lowers[tok.i]
        nxt = art[tok.i + 1] if tok.i + 1 < len(doc) else None
        if low in ("place", "position", "spot") and not (tok.dep_ == "pobj" and tok.head.lower_ == "from") and (o := next((_small_int(c, ordinal=True) for c in tok.children if c.dep_ == "amod"
                                          and _small_int(c, ordinal=True)), None)) and _chart_context(ctx, tok):
            yield o, tok, [tok]  # "slipped to third place", "entered in ninth place", "fell to fourth position"
            continue
        if tok.dep_ in ("acomp", "attr") and tok.head.lemma_ == "be" and (o := _small_int(tok, ordinal=True)) \
                and not any(c.dep_ not in ("prep", "punct", "advmod") or c.dep_ == "prep" and c.lower_ not in (
                    "in", "with", "on", "at") for c in tok.children) and not any(
                    c.dep_ in ("xcomp", "ccomp", "advcl") and c.i > tok.i and c.tag_ == "VB" for c in tok.head.children) \
                and not (nxt is not None and nxt.lower_ in ("to", "time", "person", "one")) and _chart_context(ctx, tok):
            yield o, tok, [tok]  # "X was second, taking $20m", "X was third in the poll"
            continue
        if lemmas[tok.i] in w["rank_verbs"] and _is_verb(tok):
            o = next((_small_int(c, ordinal=True) or (1 if c.lower_ == "top" else None) for c in tok.children
                      if c.dep_ in ("advmod", "npadvmod", "acomp", "oprd", "attr", "dobj")
                      and (_small_int(c, ordinal=True) or c.lower_ == "top")), None)  # "came top of the poll"
            if o and _chart_context(ctx, tok):
                yield o, tok, [tok]  # "came third in the poll", "finished second"
            continue
        if low in w["number_heads"] and nxt is not None:
            if low.startswith("no") and low != "number" and not (tok.text[0] == "N" and _UP_TO_3_DIGITS.fullmatch(nxt.text)):
                continue
            if low == "#" and not _UP_TO_3_DIGITS.fullmatch(nxt.text):
                continue
            n = _small_int(nxt)
            if n is not None and 0 < n <= 200 and (nxt.i + 1 >= len(doc) or art[nxt.i + 1].lower_ not in ("of", "-")):
                head = nxt if tok.head.i == nxt.i else tok
                yield n, head, [tok, nxt]
        elif (m := _NO_DIGITS.fullmatch(low)) and tok.text[0] == "N":
            yield int(m.group(1)), tok, [tok]
        elif low == "top" and nxt is not None and (nxt.lower_ == "spot" or (
                nxt.lower_ == "of" and any(k < len(doc) and art[k].lower_ in w["top_objects"] | {"chart", "charts"}
                                           and all(art[j].pos_ in ("NOUN", "PROPN", "ADJ") for j in range(tok.i + 3, k))
                                           for k in (tok.i + 3, tok.i + 4)))):  # "the top of the singles chart"
            if _chart_context(ctx, tok):
                yield 1, nxt if nxt.lower_ == "spot" else tok, [tok, nxt]
        elif tok.dep_ == "pobj" and (tok.head.lower_ in ("to", "at") and (n := _small_int(tok)) is not None or (
                tok.head.lower_ in ("to", "in") and (n := _small_int(tok, ordinal=True)) is not None
                and not list(tok.children))) \
                and 0 < n <= 100 and tok.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT") \
                and _is_verb(tok.head.head) and (tok.head.head.lemma_.lower() in w["chart_verbs"] or (
                    title := _title_around(ctx, tok.head.head)) is not None and title[1].lemma_.lower() in w["chart_verbs"]) \
                and art[tok.i - 1].lower_ not in w["number_heads"] and _chart_context(ctx, tok) \
                and not any(c.dep_ == "compound" or c.dep_ == "prep" and c.lower_ != "with" for c in tok.children):
            yield n, tok, [tok]  # "slipped two places to six", "followed by X at seven"


def _title_around(ctx: Context, tok: Token) -> tuple[Mention, Token] | None:
    """The work whose name ``tok`` is a word of (a title the parser read as a clause: *We Will
    Run*), with the first word above it outside the name; None where ``tok`` is no title's."""
    m = _at(ctx, tok)
    if m is None or m.ref or m.type != PRODUCTION or _numeric(m) or ctx.is_character(m):
        return None
    up = tok
    for _ in range(8):
        if not m.start <= up.idx < m.end:
            return (m, up) if _is_verb(up) else None
        if up.head.i == up.i:
            return None
        up = up.head
    return None


def _title_in(ctx: Context, prep: Token) -> Mention | None:
    """*with the charity record X*: the work named right after a work noun anywhere in the phrase a
    preposition brings (the parser hangs a title read as a clause outside it)."""
    for t in prep.subtree:
        if t.i > prep.i and (m := _name_after(ctx, t, (PRODUCTION,))) is not None and not _numeric(m):
            return m
    return None


def _followed_by(ctx: Context, verb: Token, placed: list[Mention]) -> list[Mention]:
    """*X remains at number one, followed by Y*: Y, the one name after *followed by* on the verb of
    a place, with no place of its own (*followed by Y at five* gives its own) and no list of names."""
    for c in verb.children:
        if c.dep_ not in ("advcl", "conj") or c.lemma_.lower() != "follow" or c.tag_ != "VBN":
            continue
        if any(_small_int(t) is not None or _small_int(t, ordinal=True) is not None for t in c.subtree
               if t.i > c.i and t.dep_ in ("pobj", "nummod", "amod")):
            return []
        agents = [a for a in ctx.agents([c])]
        if len(agents) != 1 or any(x.dep_ == "conj" for x in agents[0].children):
            return []
        names = [m for m in _named(ctx, agents[0], (PRODUCTION, PERSON, GROUP, ORGANIZATION))
                 if not m.ref and not _numeric(m) and not ctx.is_character(m) and m not in placed]
        works = [m for m in names if m.type == PRODUCTION]
        return (works or names)[:1]
    return []


def _holder_of_place(ctx: Context, place: Token) -> Mention | None:
    """*the comedy X in third position*, *X, in second place*: the work a place in a chart hangs on
    as the noun phrase's own *in* (no verb between them); never a reference."""
    if place.lemma_.lower() not in ("place", "position", "spot") or place.dep_ != "pobj" or place.head.lower_ != "in":
        return None
    noun = place.head.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    m = _at(ctx, noun)
    if m is None:
        m = _name_after(ctx, noun, (PRODUCTION,))
    return m if m is not None and not m.ref and m.type == PRODUCTION and not ctx.is_character(m) \
        and not _numeric(m) else None


def _chart_works(ctx: Context, verb: Token) -> list[Mention]:
    """What went where: the work named with *with*, the verb's object, else its subject."""
    for _, p in ctx.preps([verb], {"with"}):
        work = _work_of(ctx, p) or _name_after(ctx, p, (PRODUCTION,))
        if work is not None:
            return [work]
        # "with X", "with a version of X": the name (any type the tagger gave it), never a reference
        for t in [p, *(q for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for q in c.children
                       if q.dep_ == "pobj")]:
            m = _at(ctx, t) or ctx.refer(t)  # "with her debut hit X": the name beside the noun
            if m is not None and not m.ref and m.type != PLACE and not _numeric(m):
                return [m]
        if (m := _title_in(ctx, p)) is not None:
            return [m]  # "with the charity record X", X read as a clause of its own
    objs = [m for o in ctx.children([verb], ("dobj",)) for m in _named(ctx, o, (PRODUCTION,))]
    if objs:
        return objs
    if verb.lemma_.lower() == "follow":  # "…, followed by X at seven": X is at seven
        agents = [m for a in ctx.agents([verb]) for m in _named(ctx, a, (PRODUCTION, PERSON, GROUP, ORGANIZATION))]
        if agents:
            return agents
    subs = _subjects(ctx, verb, (PRODUCTION, PERSON, GROUP, ORGANIZATION))
    if subs and all(m.ref for m in subs) and any(
            c.dep_ == "appos" and c.i == s_.i + 1 and titleish(c) and _at(ctx, c) is None
            for s_ in ctx.subjects(verb) if s_.pos_ == "NOUN" and not titleish(s_) for c in s_.children):
        return []  # "Comedy adventure X of the Y came in at four": the title the noun is followed by, not a work before
    if not subs:  # "Last week's chart-topper, the thriller X, fell to number four": the subject's apposition
        subs = [m for s_ in ctx.subjects(verb) if s_.dep_ in ("nsubj", "nsubjpass") for c in s_.children
                if c.dep_ == "appos" for m in _named(ctx, c, (PRODUCTION,)) if not m.ref][:1]
    if not subs and verb.lemma_ == "be":  # "At number two is X by Y": the inverted copula's complement
        subs = [m for c in verb.children if c.dep_ == "attr" for m in _named(ctx, c, (PRODUCTION, PERSON, GROUP,
                                                                                        ORGANIZATION)) if not m.ref]
    works = [m for m in subs if m.type == PRODUCTION]
    return works or subs


_LIST_GLUE = re.compile(r"\s*(?:,|,?\s+and|&|,\s*and)\s*")


def _respective(ctx: Context) -> Iterator[Produced]:
    """*X and Y reached numbers 19 and 10 respectively*, *beat X and Y into second and third place
    respectively*, *X and Y, at number eight and 10 respectively*: a list of places, each the one of
    a list of names in the same order, named together just before the places."""
    doc = ctx.doc
    lowers = lowers_of(doc)
    art = tokens_of(doc)
    for tok in art:
        if lowers[tok.i] != "respectively":
            continue
        sent = sent_of(tok)
        places: list[tuple[int, Token]] = []
        first: Token | None = None
        for t in art[sent.start:tok.i]:
            low = lowers[t.i]
            prev = lowers[t.i - 1] if t.i > sent.start else ""
            n = _small_int(t)
            ordinal = n is None
            n = n if n is not None else _small_int(t, ordinal=True)
            if n is None or t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
                if places and low not in (",", "and", "&"):
                    break
                continue
            if not places:
                nxt_place = any(lowers[k] in ("place", "places", "position", "positions", "spot", "spots")
                                for k in range(t.i + 1, min(t.i + 5, tok.i)))
                if not (prev in ("number", "numbers", "no", "nos", "no.") or ordinal and nxt_place):
                    continue
                first = t
            elif prev not in (",", "and", "&"):
                break
            places.append((n, t))
        if len(places) < 2 or first is None or any(not 0 < n <= 100 for n, _ in places) or not _chart_context(ctx, first):
            continue
        names = [m for m in ctx.mentions if not m.ref and sent.start_char <= m.start and m.end <= first.idx
                 and m.type in _HOLDERS and not _numeric(m) and not ctx.is_character(m)]
        names = sorted({(m.start, m.end): m for m in names}.values(), key=lambda m: m.start)
        if len(names) < len(places):
            continue
        run = names[-len(places):]
        text = doc.text
        if not all(_LIST_GLUE.fullmatch(text[a.end:b.start]) for a, b in zip(run, run[1:])):
            continue  # the names must be one list: "X, Y and Z"
        ev = _said(ctx, [first, tok], chart.rule_name, 0.7)
        if ev is None:
            continue
        for m, (n, _) in zip(run, places):
            measure = {"Album": "album chart", "Song": "singles chart"}.get(m.kind or "", "chart")
            yield StatCandidate(m, n, "chart position", measure, ev, None)


@rule("kg.chart.v48", produces=("Statistic",))
def chart(ctx: Context) -> Iterator[Produced]:
    """*X went straight in at number one*, *X reached No 17*, *slipped to six with X*, *the number
    two single X*, *X topped the charts (for a fourth week)*, *X and Y reached numbers 19 and 10
    respectively*."""
    w = words()
    doc = ctx.doc
    yield from _respective(ctx)
    found: list[tuple[int, Token, list[Token]]] = list(_positions(ctx))
    for tok in with_lemmas(doc, w["top_verbs"]):  # "X topped the singles chart"
        if _is_verb(tok):
            objs = ctx.children([tok], ("dobj",))
            # "topped the charts", "topped the US box office", "topped a radio station's poll of the year"
            if any(o.lemma_.lower() in w["top_objects"] or o.lower_ in w["top_objects"] or
                   any(c.dep_ == "compound" and c.lower_ in w["top_objects"] for c in o.children) or
                   any(p.lemma_.lower() in w["top_objects"] for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj") for o in objs):
                found.append((1, tok, [tok, *objs]))
    for n, head, toks in found:
        verb: Token | None = None
        about: list[Mention] = []
        if head.dep_ == "pobj" and head.head.lower_ == "from" or head.dep_ in ("nummod", "amod", "compound") \
                and head.head.dep_ == "pobj" and head.head.head.lower_ == "from":
            continue  # "knocked X from the top spot", "pushed X from number one to three": a place left
        if _is_verb(head) and (head.lemma_.lower() in w["top_verbs"] or head.lemma_.lower() in w["rank_verbs"]):
            verb = head  # "X topped the poll", "X came second": X, never what was topped
            about = [m for _, p in ctx.preps([verb], {"with"}) for m in _named(ctx, p, (PRODUCTION,)) if not m.ref] \
                or _subjects(ctx, verb, (PRODUCTION, PERSON, GROUP, ORGANIZATION))
        elif head.dep_ == "pobj" and _is_verb(head.head.head):
            verb = head.head.head
            if head.head.lower_ == "at" and any(
                    c.dep_ == "prep" and c.i < head.head.i and c.lower_ == "at" and any(
                        p.dep_ == "pobj" and (p.lower_ in ("number", "no", "no.") or _small_int(p, ordinal=True))
                        for p in c.children) for c in verb.children):
                continue  # "X came in at number four ..., just ahead of Y at five": one place a clause's subject holds
            # "followed by X at five with the record Y": the work hangs on the position
            about = [m for _, p in ctx.preps([head], {"with"}) if (m := _work_of(ctx, p) or _at(ctx, p)
                                                                 or _name_after(ctx, p, (PRODUCTION,))) is not None
                     and not m.ref and m.type == PRODUCTION and not _numeric(m)]
            if not about and (title := _title_around(ctx, verb)) is not None:
                # "pushing down Y's We Will Run to three": the parser made the title a clause, and
                # hung the place on the title's own verb; the work is the title, the verb the one above it
                about, verb = [title[0]], title[1]
                toks = [verb, *toks]  # the claim is the verb's above the title ("We Will Run" plans nothing)
            about = about or _chart_works(ctx, verb)
        elif head.dep_ == "pobj" and (noun := head.head.head).lemma_.lower() in w["chart_nouns"] and (
                v := noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None) is not None \
                and _is_verb(v):
            verb = v  # "entering the US charts at number six", "went into the charts at number 3"
            about = _chart_works(ctx, verb)
        elif head.dep_ == "pobj" and head.head.head.dep_ == "prt" and _is_verb(head.head.head.head):
            verb = head.head.head.head
            about = _chart_works(ctx, verb)
        elif head.dep_ in ("dobj", "attr", "npadvmod", "advmod", "oprd", "acomp", "xcomp", "advcl", "ccomp") \
                and _is_verb(head.head):
            verb = head.head  # "X reached number 17", "X is number one", "climbed to number nine"
            about = _chart_works(ctx, verb)
        elif head.dep_ in ("compound", "nmod", "amod", "nummod") and head.head.pos_ in ("NOUN", "PROPN") \
                and head.head.tag_ not in ("NNS", "NNPS"):
            # "the number one single X": the name of the noun itself or after it, never one before it in a list
            about = [m for m in _named(ctx, head.head, (PRODUCTION,)) if not m.ref and m.end > head.head.idx]
        elif head.dep_ == "appos":
            about = _named(ctx, head.head, (PRODUCTION,))
        elif (held := _holder_of_place(ctx, head)) is not None:
            about = [held]  # "with the comedy X in third position"
        if verb is not None and not (verb.lemma_.lower() in w["chart_verbs"] or verb.lemma_.lower() in w["top_verbs"]
                                     or verb.lemma_.lower() in w["rank_verbs"]):
            continue
        if not about and verb is not None and _is_verb(verb) and verb.lemma_.lower() in w["chart_verbs"] \
                and not any((a_ := _at(ctx, p)) is not None and not _numeric(a_) or ctx.refer(p) is not None
                            for _, p in ctx.preps([verb], {"with"})) \
                and not any(
                    o.lemma_.lower() not in w["chart_nouns"] for o in ctx.children([verb], ("dobj",))) and _chart_context(ctx, head) and ctx.claim(verb)[0] not in _NOT_SAID:
            about = _box_office_title(ctx, verb, CHART_TITLE_RULE, None)  # "X went in at number two": X is a work
        if not about or not _chart_context(ctx, head):
            continue
        ev = _said(ctx, toks, chart.rule_name, 0.75)
        if ev is None:
            continue
        as_of = (_as_of(ctx, [verb, head]) or _clause_date(ctx, verb)) if verb is not None else None
        weeks = _weeks(ctx, verb) if verb is not None else None
        for m in about:
            measure = {"Album": "album chart", "Song": "singles chart"}.get(m.kind or "", "chart")
            yield StatCandidate(m, n, "chart position", measure, ev, as_of)
            if weeks is not None:
                yield StatCandidate(m, weeks, "weeks", f"weeks at number {n}", ev, as_of)
        if verb is not None and n < 100:
            for m in _followed_by(ctx, verb, about):
                if (ev_next := _said(ctx, toks, chart.rule_name, 0.7)) is not None:
                    measure = {"Album": "album chart", "Song": "singles chart"}.get(m.kind or "", "chart")
                    yield StatCandidate(m, n + 1, "chart position", measure, ev_next, as_of)


def _clause_date(ctx: Context, verb: Token) -> str | None:
    """The one date an *in*, *on* or *during* phrase gives in a verb's own clause, where the parser
    hung it on a clause it joined to the verb (*climbed to number one in Spain with his first hit X
    in May 2001*, the title read as a verb); never one inside a noun's modifier (*X, released
    in 1999, ...*), and none where the clause gives two."""
    found: list[str] = []
    todo = [verb]
    while todo:
        v = todo.pop()
        for c in v.children:
            if c.dep_ in ("advcl", "conj", "xcomp") and _is_verb(c) and not any(
                    x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                todo.append(c)  # a clause with no subject of its own goes on with the verb's
            elif c.dep_ == "prep" and c.lower_ in ("in", "on", "during"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.ent_type_ == "DATE" and (d := _date_of(ctx, p)):
                        found.append(d)
    return found[0] if len(set(found)) == 1 else None


def _weeks(ctx: Context, verb: Token) -> int | None:
    """*for a fourth week*, *for two weeks*: how long the position has been held."""
    wk = words()["week_nouns"]
    for _, p in ctx.preps([verb], {"for"}):
        if p.lower_ in wk:
            for c in p.children:
                n = _small_int(c, ordinal=True) if c.dep_ == "amod" else _small_int(c) if c.dep_ == "nummod" else None
                if n:
                    return n
    return None


# -- shares --------------------------------------------------------------------------------------------------------
@rule("kg.share.v42", produces=("Statistic",))
def share(ctx: Context) -> Iterator[Produced]:
    """*a 35% share*, *received 61% of the votes*, *five per cent of X's population*, *fell 15%*.
    A figure compared with this one is read beside it (``_and_compared``)."""
    yield from _and_compared(ctx, _share(ctx), share.rule_name)


def _share(ctx: Context) -> Iterator[Produced]:
    w = words()
    for root in tokens_of(ctx.doc):
        if not (root.lower_ in ("%", "percent", "pc") or root.lower_ == "cent" and root.i > 0
                and ctx.doc[root.i - 1].lower_ == "per"):
            continue
        num = next((c for c in root.children if c.dep_ in ("nummod", "compound") and c.i < root.i and
                    (c.like_num or c.lower_ in w["number_words"])), None)
        if num is None:
            continue
        got = amount(ctx.doc[num.left_edge.i:num.i + 1].text)
        if got is None or got[1] is not None:
            continue
        value = got[0]
        about: list[Mention] = []
        measure = "share"
        verb = None
        whole = next((p for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
        if whole is not None:
            measure = f"share of {whole.lemma_.lower()}"
            about = _owner(ctx, whole, _HOLDERS + (PLACE,))  # "five per cent of X's population"
        if not about:
            host = root
            if root.dep_ in ("compound", "nummod", "amod", "nmod") and root.head.lemma_.lower() in w["share_nouns"]:
                host = root.head  # "a 35% share"
                measure = host.lemma_.lower() if measure == "share" else measure
                about = _owner(ctx, host, _HOLDERS)
            if not about:
                verb, side = _verb_side(ctx, host)
                if _is_verb(verb) and side == "obj":
                    if verb.lemma_.lower() in w["rise_verbs"]:
                        measure = "percentage change"
                    about = _subjects(ctx, verb, _HOLDERS)
                    if not about:  # "the number of films shot in Spain fell 12%"
                        about = [m for s_ in ctx.subjects(verb) for m in _counted_in_place(ctx, s_, verb)][:1]
            if not about and (level := _share_level(ctx, root)) is not None:
                about, measure, verb = level  # "X's share of viewers slipped from 14% to 12.5%"
        if not about:
            continue
        ev = _said(ctx, [num, root], share.rule_name, 0.7)
        if ev is None:
            continue
        as_of = _as_of(ctx, [verb] if verb is not None else [root])
        if measure in ("share", "share before") and verb is not None and root.dep_ == "pobj" \
                and root.head.lower_ in ("to", "from") and (
                    any(t.lower_ == "from" for t in verb.subtree) and any(t.lower_ == "to" for t in verb.subtree)):
            as_of = _year_after(ctx, root)  # "rose from 8% in 2003 to 11% in 2004": each level its own year
        for m in about:
            yield StatCandidate(m, value, "percent", measure, ev, as_of)


def _share_level(ctx: Context, root: Token) -> tuple[list[Mention], str, Token] | None:
    """*X's share fell to 9.6%*, *X's audience share rose from 8% to 11%*: the level a possessed
    share noun, the subject of a verb of rising or falling, stands at after *to* (or stood at
    before, after *from*); a change (*by 2%*, *fell 2%*) is no level. Whose, the measure and the verb."""
    w = words()
    if root.dep_ != "pobj" or root.head.lower_ not in ("to", "from"):
        return None
    prep = root.head
    verb = prep.head.head if prep.head.dep_ == "prep" and prep.head.lower_ == "from" else prep.head
    if not _is_verb(verb) or verb.lemma_.lower() not in w["rise_verbs"]:
        return None
    subj = next((s_ for s_ in ctx.subjects(verb) if s_.lemma_.lower() in w["share_nouns"]
                 and s_.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    about = [m for m in _owner(ctx, subj, _HOLDERS) if not m.ref]
    return (about, "share" if prep.lower_ == "to" else "share before", verb) if about else None


# -- terms: prison sentences and bans ---------------------------------------------------------------------------
def _duration(ctx: Context, tok: Token) -> tuple[int | float, str] | None:
    """(N, unit) for *18 months*, *two years* at a noun of time, or *a two-year* / *18-month* before one."""
    w = words()
    if tok.lemma_.lower() in w["term_units"]:
        num = next((c for c in tok.children if c.dep_ == "nummod"), None)
        got = amount(ctx.doc[num.left_edge.i:num.i + 1].text) if num is not None else None
        if got is not None and got[1] is None:
            return got[0], w["term_units"][tok.lemma_.lower()]
    return None


def _hyphen_duration(ctx: Context, noun: Token) -> tuple[int | float, str] | None:
    """*a two-year sentence*, *an 18-month ban*: the duration written before the noun."""
    w = words()
    doc = ctx.doc
    k = noun.i - 1
    while k >= 0 and doc[k].dep_ in ("amod", "compound") and doc[k].lemma_.lower() not in w["term_units"] \
            and doc[k].head.i == noun.i and doc[k].lower_ not in ("-",):
        k -= 1  # "a two-year prison sentence"
    if k < 2 or doc[k].lemma_.lower() not in w["term_units"] or doc[k - 1].text != "-":
        return None
    got = amount(doc[k - 2].text)
    return (got[0], w["term_units"][doc[k].lemma_.lower()]) if got is not None and got[1] is None else None


@rule("kg.term.v40", produces=("Statistic",))
def term(ctx: Context) -> Iterator[Produced]:
    """*X was jailed for 18 months*, *sentenced X to ten years*, *was given a two-year ban*."""
    w = words()
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in with_lemmas(ctx.doc, w["term_verbs"].keys() | w["term_nouns"].keys()):  # (no other word reads one)
        lemma = lemmas[tok.i]
        got: tuple[int | float, str] | None = None
        verb = None
        measure = ""
        if _is_verb(tok) and lemma in w["term_verbs"]:
            verb, measure = tok, w["term_verbs"][lemma]
            for _, p in ctx.preps([tok], {"for", "to"}):
                got = _duration(ctx, p) or got
        elif tok.pos_ == "NOUN" and lemma in w["term_nouns"]:
            got = _hyphen_duration(ctx, tok)
            measure = w["term_nouns"][lemma]
            v, side = _verb_side(ctx, tok)
            verb = v if _is_verb(v) and side == "obj" and v.lemma_.lower() in w["term_givers"] else None
            if verb is None:
                continue
        if got is None or verb is None:
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or verb.tag_ == "VBN" and \
            verb.dep_ in ("acl", "relcl")
        if passive or tok is not verb:
            about = _subjects(ctx, verb, (PERSON, GROUP, ORGANIZATION))
        else:  # "the court jailed X for two years"
            about = [m for o in ctx.children([verb], ("dobj",)) for m in _named(ctx, o, (PERSON, GROUP, ORGANIZATION))]
        if tok is not verb and any(c.dep_ == "dative" for c in verb.children):  # "handed X a two-year ban"
            about = [m for c in verb.children if c.dep_ == "dative" for m in _named(ctx, c, (PERSON, GROUP))] or about
        if not about:
            continue
        ev = _said(ctx, [verb, tok], term.rule_name, 0.75)
        if ev is None:
            continue
        as_of = _as_of(ctx, [verb])
        for m in about:
            yield StatCandidate(m, got[0], got[1], measure, ev, as_of)


@rule("kg.parent_count.v27", produces=("Statistic",))
def parent_count(ctx: Context) -> Iterator[Produced]:
    """*Mother-of-two X won*, *X, a mother of three,*, *the father-of-four X*, *X, who is a father of
    two,*: how many children the parent the noun describes has."""
    w = words()
    for tok in with_lemmas(ctx.doc, w["parent_nouns"]):
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        num = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                    if p.dep_ == "pobj"), None)
        n = _small_int(num) if num is not None else None
        if n is None or not 2 <= n <= 20 or num.ent_type_ in ("DATE", "MONEY", "PERCENT"):
            continue
        if any(c.dep_ in ("compound", "amod", "nmod") and c.i > num.i for c in num.children):
            continue  # "the mother of two famous writers": whom she is the mother of, named
        people: list[Mention] = []
        if tok.dep_ in ("appos", "nmod", "compound") and tok.head.pos_ == "PROPN":
            people = _person(ctx, tok.head)  # "X, a mother of three,", "mother-of-two X"
        if not people:
            people = [m for c in tok.children if c.dep_ == "appos" for m in _person(ctx, c)]  # "the father-of-four X"
        if not people and tok.dep_ == "attr" and tok.head.lemma_ == "be":
            people = _subjects(ctx, tok.head, _AGED)  # "X, who is a father of two"
        people = [m for m in people if m.type == PERSON]
        if not people:
            continue
        ev = _said(ctx, [tok, num], parent_count.rule_name, 0.75, clause=False)
        if ev is None:
            continue
        for m in people:
            yield StatCandidate(m, n, "children", "children", ev, None)


# -- tallies of awards and nominations ----------------------------------------------------------------------
def _tally_about(ctx: Context, tok: Token) -> list[Mention]:
    """Whose a tally is: the subject of the verb over ``tok`` (*X is up for six awards*, *X, which is
    nominated in 11 categories*)."""
    verb = ctx.governing_verb(tok)
    if not _is_verb(verb):
        return []
    if verb.lemma_.lower() in words()["tally_nomination_verbs"] and not any(
            c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and verb.tag_ != "VBN":
        # "the guild nominated X for six awards": X's, never the guild's
        return [m for o in ctx.children([verb], ("dobj",)) for m in _named(ctx, o, _HOLDERS) if not m.ref]
    subs = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ in ("ccomp", "advcl", "xcomp") and subs and all(
            s.lemma_.lower() in words()["tally_race_nouns"] | {"field", "pack"} for s in subs) and _is_verb(verb.head):
        verb = verb.head  # "X led the pack going into the gala with nine nominations": X's
    return [m for m in _subjects(ctx, verb, _HOLDERS) if not m.ref or m.ref == "pronoun"]


def _at_ceremony(ctx: Context, noun: Token) -> bool:
    """Whether a count of prizes is placed at a ceremony: *three prizes at the Y Awards*, *at the
    ceremony*."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "at":
            for p in c.children:
                if p.dep_ == "pobj" and (_fits(_at(ctx, p), ("AWARD", "EVENT")) or p.lemma_.lower() in ("ceremony", "awards", "gala")):
                    return True
    return False


def _times_tally(ctx: Context, num: Token, time: Token, n: int) -> Iterator[Produced]:
    """*X is a three-time Y winner*, *three-time Y nominee X*, *X has been nominated five times*,
    *X has won the award three times*: a tally written as times."""
    w = words()
    about: list[Mention] = []
    unit = None
    if num.i + 1 < len(ctx.doc) and ctx.doc[num.i + 1].text == "-" or "-" in time.text:
        holder = time.head  # "three-time winner"
        while holder.dep_ == "compound" and holder.head.pos_ in ("NOUN", "PROPN") and \
                holder.lemma_.lower() not in w["tally_winner_nouns"] and holder.lemma_.lower() not in w["tally_nominee_nouns"]:
            holder = holder.head
        hl = holder.lemma_.lower()
        unit = "awards" if hl in w["tally_winner_nouns"] else "nominations" if hl in w["tally_nominee_nouns"] else None
        if unit is None:
            return
        if holder.dep_ == "attr":
            about = _tally_about(ctx, holder)  # "X is a three-time winner"
        elif holder.dep_ in ("compound", "appos", "nmod"):
            about = [m for m in _named(ctx, holder.head, _HOLDERS) if not m.ref]  # "three-time nominee X"
    elif time.lower_ == "times" and time.dep_ == "npadvmod" and _is_verb(time.head):
        verb = time.head
        vl = verb.lemma_.lower()
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if vl in w["tally_nomination_verbs"] and passive:
            unit = "nominations"  # "has been nominated five times"
        elif vl in w["tally_win_verbs"] and any(c.dep_ == "dobj" and (c.lemma_.lower() in w["tally_award_nouns"] or
                                                _fits(_at(ctx, c), ("AWARD",))) for c in verb.children):
            unit = "awards"  # "has won the award three times"
        if unit is None:
            return
        about = _tally_about(ctx, verb)
    if not about:
        return
    ev = _said(ctx, [num, time], award_tally.rule_name, 0.65)
    if ev is None:
        return
    for m in about:
        yield StatCandidate(m, n, unit, unit, ev, None)


def _tally_held(ctx: Context, noun: Token, lemma: str) -> tuple[list[Mention], str, list[Token]] | None:
    """A tally held where the awards family's verbs of having do not reach it: *X won a total of 10
    awards*, *X clinched two awards*, *X has amassed 53 nominations*, *despite three nominations, X
    failed ...*, *X will lead ... after getting three nominations*, *X's four nominations include ...*:
    whose it is, the unit and the words that say so; None where it is none of these."""
    w = words()
    unit = "nominations" if lemma in w["tally_nomination_nouns"] else "awards"
    if unit == "awards" and lemma not in w["tally_award_nouns"]:
        return None  # "three Grammys": the awards family counts a named award
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None and poss.pos_ == "PROPN" and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") \
            and unit == "nominations":
        about = [m for m in _named(ctx, poss, _HOLDERS) if not m.ref]
        return (about, unit, [poss]) if about else None  # "X's four nominations include best album"
    slot = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() == "total":
        slot = noun.head.head  # "a total of 10 awards"
    head = slot.head
    if slot.dep_ == "pobj" and head.lower_ in w["tally_despite_preps"] and _is_verb(head.head):
        about = _tally_about(ctx, head.head)  # "despite three nominations, X failed to win"
        return (about, unit, [head]) if about else None
    if slot.dep_ != "dobj" or not _is_verb(head):
        return None
    vl = head.lemma_.lower()
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in head.children)
    if slot is noun and vl not in w["tally_extra_verbs"] and not (
            head.dep_ in ("pcomp", "advcl") and not own_subject and vl in w["tally_have_verbs"]):
        return None  # "X has 16 nominations": the awards family's
    if vl not in w["tally_have_verbs"] and vl not in w["tally_extra_verbs"]:
        return None
    if ctx.claim(head)[0] in _NOT_SAID:
        return None
    if head.dep_ in ("pcomp", "advcl") and not own_subject:
        main = head.head.head if head.dep_ == "pcomp" and head.head.dep_ == "prep" else head.head
        if not _is_verb(main):
            return None
        about = _tally_about(ctx, main)  # "X will lead ... after getting three nominations"
    else:
        about = _tally_about(ctx, head)
    return (about, unit, [head]) if about else None


@rule("kg.award_tally.v18", produces=("Statistic",))
def award_tally(ctx: Context) -> Iterator[Produced]:
    """*X is nominated in 11 categories*, *X leads with nominations in 13 categories*, *X is up for
    six Y Awards*, *X is in the running for eight Y Awards*, *X has taken pole position with 11
    nominations*: how many nominations (or awards) a thing has, where no verb of having counts
    them (the awards family reads *X has 11 nominations*, *X won three Y Awards*). An award a
    clause denies, plans or hopes for gives nothing."""
    w = words()
    for tok in tokens_of(ctx.doc):
        if tok.dep_ != "nummod" or tok.head.pos_ not in ("NOUN", "PROPN"):
            continue
        n = _small_int(tok)
        if n is None or n < 1 or n > 200:
            continue
        noun = tok.head
        lemma = noun.lemma_.lower()
        if lemma == "time":
            yield from _times_tally(ctx, tok, noun, n)
            continue
        if (lemma in w["tally_nomination_nouns"] or lemma in w["tally_award_nouns"] or _fits(_at(ctx, noun), ("AWARD",))) \
                and (got := _tally_held(ctx, noun, lemma)) is not None:
            about, unit, toks = got  # "won a total of 10 awards", "despite three nominations", "X's four nominations"
            # a tally after "despite" is presupposed, whatever its clause says ("never won, despite four nominations")
            ev = _said(ctx, [tok, noun, *toks], award_tally.rule_name, 0.65,
                       clause=toks[0].lower_ not in w["tally_despite_preps"])
            if ev is not None:
                for m in about:
                    yield StatCandidate(m, n, unit, unit, ev, None)
            continue
        prep = noun.head if noun.dep_ == "pobj" else None
        if prep is None or prep.dep_ != "prep":
            continue
        host = prep.head
        hlemma = host.lemma_.lower()
        unit = None
        if lemma in w["tally_category_nouns"] and prep.lower_ in ("in", "across"):
            if hlemma in w["tally_nomination_verbs"] or hlemma in w["tally_nomination_nouns"]:
                unit = "nominations"  # "nominated in 11 categories", "nominations in 13 categories"
            elif hlemma in w["tally_win_verbs"] or hlemma in ("award", "prize"):
                unit = "awards"  # "won in five categories"
        elif prep.lower_ == "for" and (lemma in w["tally_award_nouns"] or lemma in w["tally_nomination_nouns"]
                                       or _fits(_at(ctx, noun), ("AWARD",))):
            if hlemma in w["tally_nomination_verbs"] or hlemma in w["tally_race_nouns"] and host.dep_ == "pobj":
                unit = "nominations"  # "up for six awards", "in the running for eight Y Awards", "shortlisted for four"
            elif _is_verb(host) and any(c.dep_ == "prep" and c.lower_ == "in" and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in w["tally_race_nouns"] for g in c.children) for c in host.children):
                unit = "nominations"  # "is in contention for 10 awards": the parser hangs *for* on the verb
        elif prep.lower_ == "with" and lemma in w["tally_nomination_nouns"]:
            verb = ctx.governing_verb(host)
            if _is_verb(verb) and not (host.i == verb.i and verb.lemma_.lower() in w["tally_have_verbs"]):
                unit = "nominations"  # "has taken pole position with 11 nominations" ("leads with": the awards family)
        elif prep.lower_ == "with" and (lemma in w["tally_award_nouns"] or _fits(_at(ctx, noun), ("AWARD",))) \
                and (hlemma in w["tally_winner_nouns"] or hlemma in w["tally_leaving_verbs"] or _at_ceremony(ctx, noun)):
            unit = "awards"  # "was the big winner with five awards", "walked away with three prizes",
            # "ended the season with four prizes at the Y Awards"
        if unit is None:
            continue
        about = _tally_about(ctx, host)
        verb = ctx.governing_verb(host)
        if not about and _is_verb(verb) and ctx.claim(verb)[0] not in _NOT_SAID and not (
                verb.lemma_.lower() in w["tally_nomination_verbs"] and not any(
                c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and verb.tag_ != "VBN"):
            about = _box_office_title(ctx, verb, NOMINEE_TITLE_RULE, None)  # "Red X is up for six awards": a work
        if not about:
            continue
        ev = _said(ctx, [tok, noun, host], award_tally.rule_name, 0.7)
        if ev is None:
            continue
        for m in about:
            yield StatCandidate(m, n, unit, unit, ev, None)
