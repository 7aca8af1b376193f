"""People: what a person does (occupation P106), who employs them (P108), their country (P27),
their family (child P40, sibling P3373, partner P451), where they studied (P69) and live
(P551), and their birth and death (P19, P569, P570, P20, P509).

The rules read the words around a person's name, the way news introduces people:

- before the name: *actor X*, *Org bassist X*, *Org spokesman X*, *British director X*,
  *writer and broadcaster X*, *judges A, B and C*, *choreographers such as A and B*;
- in apposition: *X, 45, a British actor*, *X, news editor of Y*, *the director of the film, X*;
- after a copula or *as*: *X is a comedian*, *she became a teacher*, *he worked as a pilot with Y*;
- a definite description standing for the one person it can mean: *the actress said*;
- kinship nouns: *her son X*, *X's mother, Y*, *his girlfriend X*;
- verbs and nouns of dying: *X died of cancer at his home in Y on Monday*, *X's death in 1929*.

The object of an occupation is the occupation as written (the longest one of ``people.json``
ending at the noun: *bass player*, not *player*). A relative date (*on Monday*) is read only
against the article's own date.

Examples
--------
>>> "bass player" in words()["occupations"], "player" in words()["occupations"]
(True, False)
>>> words()["kin"]["mother"]
('child', 'named')
"""
from __future__ import annotations

import re

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.extract.context import Context
from kg.extract.dates import MONTHS, normalise_date
from kg.extract.lexicon import PRONOUN_GENDER, TITLE_GENDER, name_genders
from kg.extract.rules import Produced, rule
from kg.extract.sents import lemmas_of, lowers_of, sent_of, tokens_of
from kg.model import AWARD, ORGANIZATION, PERSON, PLACE, PRODUCTION, Candidate, Mention, Value

_HERE = Path(__file__).with_name("people.json")
_NOT_SUBJECTS = (PRODUCTION, PLACE, AWARD)
_DETS = {"a", "an", "the", "his", "her", "their", "its", "my", "our", "your", "this", "that"}
_NP_ADVERBS = {"then", "now", "also", "once", "still", "currently", "formerly"}
_CLOSERS = {",", ".", ";", ":", "(", ")", "!", "?", "\u2014", "\u2013", '"', "\u201d", "\u201c"}


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The family's word lists (``people.json``), read once; lists become frozen sets, kin pairs tuples."""
    raw = json.loads(_HERE.read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    out: dict[str, Any] = {}
    for k, v in raw.items():
        if isinstance(v, list):
            out[k] = frozenset(v)
        elif k == "kin":
            out[k] = {w: tuple(pair) for w, pair in v.items()}
        else:
            out[k] = {w: tuple(x) if isinstance(x, list) else x for w, x in v.items()}
    # the shared lexicon's occupations count too (its not_occupations are roles of a work or an
    # organisation there; this family reads spokesman and host itself)
    from kg.extract.lexicon import lexicon

    lex = lexicon()
    shared = set(lex.occupation_nouns) - (set(lex.not_occupations) - {"spokesman", "spokeswoman", "spokesperson", "host"})
    out["occupations"] = (out["occupations"] | frozenset(shared) | out["named_occupations"]) - out["not_alone"]
    out["lasts"] = frozenset(o.replace("-", " ").split()[-1] for o in out["occupations"])
    out["longest"] = max(len(o.replace("-", " - ").split()) for o in out["occupations"])
    return out


# -- reading an occupation phrase ---------------------------------------------------------------
def _phrase(toks: list[Token], lemma_last: bool) -> str:
    parts = []
    for n, t in enumerate(toks):
        w = t.lemma_.lower() if lemma_last and n == len(toks) - 1 else t.lower_
        parts.append(w + (t.whitespace_ and " " if n < len(toks) - 1 else ""))
    return "".join(parts)


def _word_ok(t: Token, first: bool) -> bool:
    """Part of an occupation as news writes it: lowercase (*bassist*), an acronym (*DJ*, *NFL*),
    or capitalised at the start of its sentence (*Guitarist X said*)."""
    if t.text == "-" or t.is_lower or (t.is_upper and len(t.text) <= 4):
        return True
    return first and t.text[:1].isupper() and t.text[1:].islower() and (
        t.is_sent_start or t.i == 0 or t.doc[t.i - 1].text in ("\n", "\n\n", '"', "\u201c", "'", "(")
        or "\n" in t.doc[t.i - 1].text)


def occupation_ending(doc: Doc, i: int, lo: int) -> tuple[int, str] | None:
    """The longest occupation of ``people.json`` whose last word is ``doc[i]`` and which starts at
    ``lo`` or later: ``(start, phrase)``; a plural last word is read as its singular."""
    w = words()
    occ = w["occupations"]
    if i < 0 or doc[i].pos_ in ("PUNCT", "DET", "ADP", "PRON", "NUM"):
        return None
    last = doc[i].lower_.rpartition("-")[2]
    if last not in w["lasts"] and doc[i].lemma_.lower().rpartition("-")[2] not in w["lasts"]:
        return None  # no occupation ends in this word
    for k in range(max(lo, i - w["longest"] - 2), i + 1):
        toks = list(doc[k:i + 1])
        if not all(_word_ok(t, n == 0) for n, t in enumerate(toks)) or toks[0].text == "-":
            continue
        for lemma_last in (False, True):
            p = _phrase(toks, lemma_last)
            if p in occ:
                return k, p
    return None


def _np_start(doc: Doc, k: int, lo: int) -> int:
    """Where the noun phrase whose words end just before ``k`` begins: its modifiers (adjectives,
    nouns, names, a possessive, a number, a determiner), not past punctuation or a verb."""
    j = k
    while j - 1 >= lo:
        t = doc[j - 1]
        if t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or t.text in ("-", "'s", "'", "\u2019s") or t.tag_ == "POS" \
                or t.lower_ in _DETS:
            j -= 1
            if t.lower_ in _DETS:
                break
            continue
        break
    return j


class _Facts:
    """Helpers shared by the rules of one article."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.w = words()
        self.demonyms: dict[str, str] = ctx.lex.demonyms
        self.org_roles = set(ctx.lex.organisation_roles)
        self.described: dict[str, set[str]] = {}  # occupation → the names it was read for

    def country_in(self, toks: list[Token], rule_name: str) -> Iterator[Mention]:
        """The country a nationality word among ``toks`` names (*British*, *the UK's*), as a mention."""
        ctx = self.ctx
        for t in toks:
            m = ctx.mention_at(t)
            if m is not None:
                if m.type == PLACE and not m.ref and t.i + 1 < len(self.doc) and self.doc[t.i + 1].tag_ == "POS" \
                        and (m.text in self.demonyms or m.text in self.demonyms.values()):
                    yield m  # "the UK's first woman astronaut"
                continue
            if t.text not in self.demonyms or t.ent_type_ not in ("NORP", "GPE", ""):
                continue
            nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
            if nxt is not None and (nxt.text == "-" or nxt.text[:1].isupper() and ctx.mention_at(nxt) is not None):
                continue  # "British-born", "American Show judge": a demonym inside a name
            mention = Mention(ctx.document.id, t.idx, t.idx + len(t.text), t.text, PLACE, rule_name, 0.8, "Country",
                              None, self.demonyms[t.text])
            ctx.mentions.append(mention)
            yield mention

    def org_in(self, toks: list[Token]) -> Mention | None:
        """The organisation named among the words before an occupation (*Orbit Pictures director
        X*); never one ending an *of* phrase of a title (*The Keeper of the Opera director X*: the
        director of a work, not of an opera house), where the words before *of* are a person's or a
        work's name, or a capitalised word after a capitalised *The* inside the sentence."""
        doc = self.doc
        for t in toks:
            m = self.ctx.mention_at(t)
            if m is None or m.type != ORGANIZATION or m.ref:
                continue
            span = _span(self.ctx, m)
            k = span.start - 1 if span is not None else -1
            if k >= 1 and doc[k].lower_ == "the":
                k -= 1
            if k >= 1 and doc[k].lower_ == "of":
                owner = self.ctx.mention_at(doc[k - 1])
                if owner is not None and owner.type != ORGANIZATION or owner is None and k >= 2 \
                        and doc[k - 1].text[:1].isupper() and doc[k - 2].text == "The" \
                        and not doc[k - 2].is_sent_start:
                    continue
            return m
        return None

    def org_after(self, head: Token) -> Mention | None:
        """*editor of Org*, *a pilot with the Org*, *director of music for the Org*:
        the organisation after a preposition on the occupation noun (or on its *of* phrase)."""
        ctx = self.ctx
        preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in self.w["employer_preps"]]
        for p in list(preps):
            for o in p.children:
                if o.dep_ == "pobj" and ctx.mention_at(o) is None:
                    preps += [c for c in o.children if c.dep_ == "prep" and c.lower_ in ("for", "at", "with")]
        for p in preps:
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                m = ctx.mention_at(o)
                if m is None:  # "of the trade paper Org": the name inside the phrase
                    # (but not one that only modifies a plural noun of people: "of Orbit organisers")
                    m = next((mm for c in o.subtree if (mm := ctx.mention_at(c)) is not None
                              and mm.type == ORGANIZATION
                              and not (o.tag_ == "NNS" and c.head.i == o.i and c.i < o.i
                                       and c.dep_ in ("compound", "nmod", "amod"))), None)
                if m is not None and m.type == ORGANIZATION and not m.ref:
                    return m
        return None

    def org_after_verb(self, verb: Token) -> Mention | None:
        for _, pobj in self.ctx.preps([verb], {"for", "with", "at"}):
            m = self.ctx.mention_at(pobj)
            if m is not None and m.type == ORGANIZATION and not m.ref:
                return m
        return None

    def describe(self, person: Mention, head: Token, phrase: str, mods: list[Token], rule_name: str,
                 conf: float, org: Mention | None = None) -> Iterator[Produced]:
        """Occupation, and employer and citizenship read in the same words."""
        ctx = self.ctx
        if person.type != PERSON and phrase.split()[-1] in self.org_roles:
            return  # "X, the state broadcaster": X may well be an organisation
        if _group_like(ctx, person):
            return  # "artists such as Paper Sisters", "The Lanterns, aka rapper ...": a band
        if mods and (prev := ctx.mention_at(mods[-1])) is not None and prev.type == PERSON and prev is not person:
            return  # "a Keller critic", "a Ferrante fan": someone else's
        first = min(t.i for t in mods) if mods else head.i
        if first > 0 and self.doc[first - 1].lemma_.lower() in ("play", "portray", "playing"):
            return  # "she plays detective X": a character
        if any(t.lower_ in ("best", "outstanding") for t in mods):
            return  # "was best supporting actor": an award's category
        ev = ctx.evidence([head], rule_name, conf, clause=False, description=True)
        self.described.setdefault(phrase, set()).add(person.text)
        yield Candidate(person, "occupation", Value(phrase, "string"), ev)
        if org is None:
            org = self.org_in(mods)
        if org is not None and org is not person and phrase in self.w["employee_roles"]:
            yield Candidate(person, "employer", org, ev)
        for country in self.country_in(mods, rule_name):
            yield Candidate(person, "countryOfCitizenship", country, ev)


def _group_like(ctx: Context, m: Mention) -> bool:
    """A name written as a band's or a group's: a plural last word (*Paper Sisters*, *the
    Killers*) or *The* at its start; no one person's occupation."""
    if m.ref:
        return False
    span = _span(ctx, m)
    if span is None:
        return False
    if m.text.split()[0] == "The":
        return True
    if span[-1].tag_ != "NNPS":
        return False
    # (a surname ending in s may be tagged a plural too: not after a given name, nor alone)
    first = m.text.split()[0].lower()
    return span.start > 0 and ctx.doc[span.start - 1].lower_ == "the" or \
        len(span) > 1 and first not in name_genders() and first not in TITLE_GENDER


def _nounish(t: Token) -> bool:
    """A noun, or a lowercase word the tagger took for a name (*prima ballerina*)."""
    return t.pos_ == "NOUN" or t.pos_ == "PROPN" and t.is_lower



def given_name(ctx: Context, m: Mention) -> str:
    """The given name of a person's mention, lowercase; of a surname alone, the given name of the
    full name it is part of (*Keller* after *Tom Keller*)."""
    ws = m.text.split()
    if len(ws) == 1:
        full = next((o.text.split() for o in ctx.mentions if not o.ref and o.type == PERSON
                     and len(o.text.split()) > 1 and o.text.split()[-1] == ws[0]), None)
        if full:
            ws = full
    return ws[0].lower().rstrip(".")


def _clause_subject(ctx: Context, tok: Token) -> tuple[bool, Mention | None]:
    """The named subject of the clause a pronoun stands in (*X performed with her brother*: X), as
    ``(found, mention)``: ``found`` when that subject is a name, ``mention`` None when the name is
    no person the article names (then the pronoun stands for someone it cannot tie)."""
    up = tok
    for _ in range(8):
        if up.head is up:
            return False, None
        if up.dep_ in ("relcl", "ccomp", "advcl", "conj", "parataxis", "xcomp", "csubj", "pcomp", "acl") \
                and up.pos_ in ("VERB", "AUX"):
            return False, None  # the pronoun's clause has no subject of its own
        up = up.head
        if up.pos_ in ("VERB", "AUX"):
            break
    else:
        return False, None
    subj = next((c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")
                 and not (c.left_edge.i <= tok.i <= c.right_edge.i)), None)
    if subj is None or subj.i > tok.i:
        return False, None
    names = [subj, *[c for c in subj.children if c.dep_ == "appos"]]
    for n in names:
        m = ctx.mention_at(n)
        if m is not None and not m.ref:
            return True, m
    quote = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"}
    if subj.pos_ == "PROPN" and subj.text[:1].isupper() and subj.left_edge.i > 0 \
            and ctx.doc[subj.left_edge.i - 1].text not in quote and not any(t.text in quote for t in subj.subtree):
        return True, None  # a name the article's mentions missed (not a quoted title)
    return False, None


def antecedent(ctx: Context, tok: Token, besides: tuple[Mention, ...] = (), strict: bool = False) -> Mention | None:
    """The person a possessive or personal pronoun at ``tok`` stands for; a name at ``tok`` is itself.

    The name the pronoun's phrase is coordinated with, if its gender fits; else, among the people
    named before it (within the resolver's window, not inside a quotation the
    pronoun is outside of) whose given name or title does not say the other gender, the nearest
    one that is the subject of its clause (*X retired … he moved*, not *starring Y
    … he moved*); else the person the article names most, if named three times or more; else none.
    """
    m = ctx.refer(tok)
    if m is None or not m.ref or m.type != PERSON:
        return m
    want = PRONOUN_GENDER.get(tok.lower_)
    if want is None:
        return m  # "the actress": left to the resolver
    genders = name_genders()
    # "X and his wife Y", "X, a baker, and his wife Y": the name the phrase is
    # coordinated with
    up = tok.head
    for _ in range(3):
        if up.dep_ not in ("conj", "appos") or up.head is up:
            break
        up = up.head
        near = next((mm for k in range(up.i, up.left_edge.i - 1, -1) if (mm := ctx.mention_at(ctx.doc[k])) is not None),
                    None)  # "Jean-Marc de la Roche and his wife": the name however it was split
        if near is None and up.pos_ == "NOUN":
            return None  # "the soap starlet and her husband X": she is described, not named
        if strict and up.pos_ == "PROPN" and (near is None or near.ref or near.type != PERSON):
            return None  # "A and her sister Y" where A is no person the article names
        if near is not None and not near.ref and near.type == PERSON and near not in besides:
            first = near.text.split()[0].lower().rstrip(".")
            if TITLE_GENDER.get(first, genders.get(first, want)) == want:
                return near
    # "X performed with her brother Y": the named subject of the pronoun's own clause
    found, subject_m = _clause_subject(ctx, tok)
    if found:
        if subject_m is None:
            return None
        if strict and subject_m.type != PERSON:
            return None  # "Org attended with her husband": she is someone the article's names miss
        if subject_m.type == PERSON and subject_m not in besides:
            first = given_name(ctx, subject_m)
            if TITLE_GENDER.get(first, genders.get(first, want)) == want:
                return subject_m
    quoted = [(a, b) for a, b, _ in ctx.quotes]
    inside = any(a <= tok.idx < b for a, b in quoted)
    best: Mention | None = None
    counts: dict[str, int] = {}
    fits: dict[str, Mention] = {}
    full: dict[str, str] = {}  # a one-word name (a surname alone) counts for the full name it is part of
    given: dict[str, str] = {}  # ... and has its given name (Keller of Tom Keller is a man)
    people = sorted((c for c in ctx.mentions if not c.ref and c.type == PERSON and c not in besides),
                    key=lambda c: c.start)
    for cand in people:
        ws = cand.text.split()
        if len(ws) > 1:
            for x in ws:
                full.setdefault(x, ws[-1])
            given.setdefault(ws[-1], ws[0])
    for cand in people:
        first = given.get(cand.text, cand.text.split()[0]).lower().rstrip(".")
        gender = TITLE_GENDER.get(first, genders.get(first))
        if gender not in (None, want) or ctx.is_character(cand):
            continue
        key = full.get(cand.text, cand.text.split()[-1])
        counts[key] = counts.get(key, 0) + 1
        fits.setdefault(key, cand)
        if cand.start >= tok.idx or cand.start < tok.idx - 1000 \
                or not inside and any(a <= cand.start < b for a, b in quoted):
            continue
        root = ctx.root_of(cand)
        subject = root is not None and (root.dep_ in ("nsubj", "nsubjpass") or root.dep_ == "poss"
                                        and root.head.dep_ in ("nsubj", "nsubjpass"))
        if subject and (best is None or cand.start > best.start):
            best = cand
    if strict:
        return _strict_pick(ctx, tok, best, people, want, full, given)
    if best is None and counts:
        key, n = max(counts.items(), key=lambda kv: kv[1])
        ranked = sorted(counts.values(), reverse=True)
        best = fits[key] if n >= 3 and (len(ranked) == 1 or ranked[1] < n) else None
    return best


def _strict_pick(ctx: Context, tok: Token, best: Mention | None, people: list[Mention], want: str,
                 full: dict[str, str], given: dict[str, str]) -> Mention | None:
    """For a family tie, where a wrong person is worse than none: the person whose name may fit the
    pronoun named nearest before it, in its sentence or the one before, if it is also the nearest
    such subject (or no subject fits); else the person the article is about, when the subjects of
    the sentences before the pronoun name no one else."""
    genders = name_genders()
    sent = sent_of(tok)
    lo = sent.start if sent.start == 0 else sent_of(ctx.doc[sent.start - 1]).start
    key_of = lambda m: full.get(m.text, m.text.split()[-1])  # noqa: E731

    def fits(m: Mention) -> bool:
        first = given.get(m.text, m.text.split()[0]).lower().rstrip(".")
        return TITLE_GENDER.get(first, genders.get(first)) in (None, want) and not ctx.is_character(m)

    near = [m for m in people if ctx.doc[lo].idx <= m.start < tok.idx and fits(m)]
    if near:
        nearest = near[-1]
        verb = next((h for h in [tok, *tok.ancestors] if h.pos_ in ("VERB", "AUX")), None)
        if verb is not None and verb.dep_ == "relcl" and ctx.mention_at(verb.head) is nearest:
            return None  # "Y, whom her brother shares with ...": who she is, the clause does not say
        if best is not None and key_of(best) != key_of(nearest) and not (
                best.start < sent.start_char <= nearest.start):
            return None  # (a name in the pronoun's own sentence beats a subject before it)
        if any(key_of(m) != key_of(nearest) for m in near if m.start > max((best or nearest).start, sent.start_char)
               or best is not None and best.start >= sent.start_char and m.start > best.start):
            return None
        return nearest
    dom = dominant_person(ctx)
    if dom is None or not fits(dom):
        return None
    # the subjects of the sentences before: pronouns and descriptions pass, a name decides
    k = sent.start
    for _ in range(4):
        if k <= 0:
            break
        prev = sent_of(ctx.doc[k - 1])
        k = prev.start
        for t in prev:
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT":
                m = ctx.mention_at(t)
                if m is not None and not m.ref:
                    return dom if m.type == PERSON and key_of(m) == key_of(dom) else None
                if t.pos_ == "PROPN":
                    return None
    return dom


def _span(ctx: Context, m: Mention) -> Span | None:
    return ctx.doc.char_span(m.start, m.end, alignment_mode="expand")


def _subject_ok(m: Mention | None) -> bool:
    return m is not None and m.type not in _NOT_SUBJECTS


# -- occupation, employer and citizenship from the words around a name -----------------------
@rule("kg.occupation.v18", produces=("occupation", "employer", "countryOfCitizenship"))
def occupation(ctx: Context) -> Iterator[Produced]:
    """*actor X*, *Org spokesman X*, *judges A and B*, *X, 45, a British actor*, *X, editor
    of Y*, *the director of the film, X*, *X is a comedian*, *she worked as a pilot with Y*."""
    f = _Facts(ctx)
    doc, w = ctx.doc, f.w
    name = occupation.rule_name  # type: ignore[attr-defined]  (the registry's name)
    for m in list(ctx.mentions):
        if m.ref or not _subject_ok(m) or ctx.is_character(m):
            continue
        span = _span(ctx, m)
        if span is None:
            continue
        sent = sent_of(span)
        # before the name: "Org bassist X", "writer and broadcaster X"
        i = span.start - 1
        found = occupation_ending(doc, i, sent.start) if i >= sent.start else None
        while found is not None and doc[i].lower_ not in w["not_before_name"]:
            k, phrase = found
            if (k > sent.start and doc[k - 1].lower_ == "as"):
                break
            start = _np_start(doc, k, sent.start)
            mods = list(doc[start:k]) + [c for c in span.root.lefts if c.i < span.start and c.i < k]
            yield from f.describe(m, doc[i], phrase, mods, name, 0.8)
            # "writer and broadcaster X": the occupation coordinated before it
            if k - 2 >= sent.start and doc[k - 1].lower_ in ("and", "&"):
                i = k - 2
                found = occupation_ending(doc, i, sent.start)
                continue
            break
        # a role word the name took in: "Novelist Tom Keller" read as one name
        for j in (span.start, span.start + 1):
            if j < span.end - 1 and (got := occupation_ending(doc, j, span.start)) is not None \
                    and got[0] == span.start and doc[j + 1].text[:1].isupper():
                yield from f.describe(m, doc[j], got[1], [], name, 0.75)
                break
        # after the name: "X, 45, a British actor", "X, news editor of Y"
        yield from _apposition_after(f, m, span, name)
        # before the name, in apposition: "the Russian impresario, X"
        root = span.root
        h = root.head
        if root.dep_ == "appos" and h.i < span.start and doc[span.start - 1].text == "," and _nounish(h):
            got = occupation_ending(doc, h.i, h.left_edge.i)
            if got is not None:
                mods = list(doc[h.left_edge.i:got[0]])
                yield from f.describe(m, h, got[1], mods, name, 0.75, f.org_after(h))
    yield from _plural_lists(f, name)
    yield from _copulas(f, name)
    yield from _definite(f, name, f.described)


def _subject_after_adverbial(span: Span, head: Token, nxt: Token | None) -> bool:
    """*Talking to X, the singer said ...*: the noun after the comma is the subject of the verb
    right after it, and the name sits in the adverbial before it: no apposition of the name."""
    if nxt is None or nxt.pos_ not in ("VERB", "AUX") or head.dep_ not in ("nsubj", "nsubjpass") \
            or head.head.i != nxt.i and head.head.i != nxt.head.i \
            or any(t.pos_ == "VERB" for t in span.doc[span.end:head.i]):
        return False
    root = span.root
    return root.dep_ == "pobj" or any(a.dep_ == "advcl" for a in root.ancestors if a.i < head.i)


def _apposition_after(f: _Facts, m: Mention, span: Span, name: str) -> Iterator[Produced]:
    doc, w = f.doc, f.w
    sent = sent_of(span)
    k = span.end
    if k >= sent.end or doc[k].text != ",":
        return
    k += 1
    if k + 1 < sent.end and doc[k].like_num and doc[k + 1].text == ",":
        k += 2  # "X, 45, a British actor"
    start = k
    while k < sent.end and doc[k].lower_ in _NP_ADVERBS | {"former", "ex"}:
        k += 1
    head: Token | None = None
    j = k
    while j < sent.end:
        t = doc[j]
        if t.text in _CLOSERS or t.lower_ in ("who", "which", "that", "and", "or", "but", "of", "at", "for", "with",
                                               "in", "from", "on", "to", "as", "by") \
                or t.text == "-" and t.whitespace_ and doc[t.i - 1].whitespace_:
            break  # (a spaced hyphen is a dash: "X, Y - Z's editor - said" is no apposition of X)
        if t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG") and f.ctx.mention_at(t) is None:
            break
        if _nounish(t) or (t.is_upper and len(t.text) <= 4):
            head = t
        j += 1
    if head is None or head.i != j - 1:
        return
    if _subject_after_adverbial(span, head, doc[j] if j < sent.end else None):
        return
    if j < sent.end and doc[j].lower_ == "of" and head.tag_ != "NNS":
        post = _post_of(f, head, j, sent.end)
        if post is not None:  # "X, head of distribution at Org", "X, the head of Org"
            phrase, org = post
            yield from f.describe(m, head, phrase, list(doc[start:head.i]), name, 0.75, org)
            if org is not None and phrase not in w["employee_roles"]:
                yield Candidate(m, "employer", org, f.ctx.evidence([head], name, 0.75, clause=False, description=True))
            return
    got = occupation_ending(doc, head.i, start)
    if got is None or head.tag_ == "NNS":
        return
    mods = list(doc[start:got[0]])
    org = None
    if j < sent.end and doc[j].lower_ in w["employer_preps"]:
        org = f.org_after(head) or _org_after_surface(f, j)
    yield from f.describe(m, head, got[1], mods, name, 0.8, org)
    # "X, a singer and actress": the occupation coordinated after it
    if j + 1 < sent.end and doc[j].lower_ == "and":
        e = j + 1
        while e < sent.end and doc[e].text not in _CLOSERS and doc[e].pos_ in ("NOUN", "ADJ", "PROPN"):
            e += 1
        if e > j + 1:
            got2 = occupation_ending(doc, e - 1, j + 1)
            if got2 is not None and doc[e - 1].pos_ == "NOUN":
                yield from f.describe(m, doc[e - 1], got2[1], [], name, 0.75)


# the nouns of a post that say only with an *of* what the post is (*head of drama*, *chief of staff*)
_POST_HEADS = frozenset({"head", "chief"})


def _post_of(f: _Facts, head: Token, j: int, end: int) -> tuple[str, Mention | None] | None:
    """A post written with its field, and where it is held, after *of* at ``j``: *head of
    distribution at Org*, *director of programmes for Org* (the occupation *head of
    distribution*, the employer Org); *head of Org*, *chief of the Org*: the post *head* at Org.
    ``head`` is a post noun (*head*, *chief*) or an occupation of the lexicon whose own words it
    is (*director*, *editor*: *managing director* is not a *director of* work)."""
    doc = f.doc
    post = head.lower_
    if post not in _POST_HEADS and occupation_ending(doc, head.i, head.i) is None:
        return None
    k = j + 1
    while k < end and k - j <= 3 and doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ") \
            and f.ctx.mention_at(doc[k]) is None:
        k += 1
    if k > j + 1:  # a field, then where: "of music for the Org"
        if k >= end or doc[k].lower_ not in ("at", "for", "with") or doc[k - 1].pos_ != "NOUN":
            return None
        org = _org_after_surface(f, k)
        return (f"{post} of {doc[j + 1:k].text.lower()}", org) if org is not None else None
    if post in _POST_HEADS:  # "the head of the Org"
        org = _org_after_surface(f, j)
        return (post, org) if org is not None else None
    return None


def _org_after_surface(f: _Facts, j: int) -> Mention | None:
    """The first organisation named within a few words after the preposition at ``j``; none where
    the name only modifies a plural noun after it (*president of Orbit organisers*: of the
    organisers, who are not the organisation's own name)."""
    doc = f.doc
    for t in doc[j + 1:min(len(doc), j + 6)]:
        if t.text in _CLOSERS:
            return None
        m = f.ctx.mention_at(t)
        if m is not None:
            if m.type != ORGANIZATION or m.ref:
                return None
            span = _span(f.ctx, m)
            if span is not None and span.end < len(doc) and doc[span.end].tag_ == "NNS" \
                    and doc[span.end].is_lower:
                return None  # (a field keeps it: "head of Orbit drama" heads Orbit's drama)
            return m
    return None


def _plural_lists(f: _Facts, name: str) -> Iterator[Produced]:
    """*judges A, B and C*, *choreographers such as A and B*, *artists including A*."""
    ctx, doc, w = f.ctx, f.doc, f.w
    for t in tokens_of(doc):
        if t.tag_ not in ("NNS", "NNPS") or t.i + 1 >= len(doc):
            continue
        sent = sent_of(t)
        got = occupation_ending(doc, t.i, sent.start)
        if got is None:
            continue
        k = t.i + 1
        if doc[k].lower_ in ("including", "like"):
            k += 1
        elif doc[k].lower_ == "such" and k + 1 < len(doc) and doc[k + 1].lower_ == "as":
            k += 2
        if k >= sent.end:
            continue
        first = ctx.mention_at(doc[k])
        if first is None or first.ref or first.type != PERSON:
            continue
        fs = _span(ctx, first)
        if fs is None or fs.start != k:
            continue
        people = [first, *[p for p in ctx.surface_list(first) if p.type == PERSON and p.start > first.start]]
        mods = list(doc[_np_start(doc, got[0], sent.start):got[0]])
        for p in people:
            yield from f.describe(p, t, got[1], mods, name, 0.75)


def _copulas(f: _Facts, name: str) -> Iterator[Produced]:
    """*X is a comedian*, *she became a teacher*, *X, who is a designer*, *he worked as a pilot*."""
    ctx, doc, w = f.ctx, f.doc, f.w
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for t in tokens_of(doc):
        nouns: list[Token] = []
        verb: Token | None = None
        if lemmas[t.i] in w["copulas"] and t.pos_ in ("AUX", "VERB"):
            verb = t
            nouns = [c for c in t.children if c.dep_ == "attr" and _nounish(c)]
        elif lowers[t.i] == "as" and t.dep_ == "prep":
            head = t.head
            if head.pos_ == "NOUN" and head.lower_ in w["as_verbs"]:  # "a career as a teacher"
                head = head.head if head.head.pos_ in ("VERB", "AUX") else head
            elif not (head.pos_ == "VERB" and (head.lemma_.lower() in w["as_verbs"] or any(
                    c.dep_ == "dobj" and c.lower_ in w["as_verbs"] for c in head.children))):
                continue  # "worked as", "found a job as"; not "known as", "such as"
            verb = head
            nouns = [c for c in t.children if c.dep_ == "pobj" and _nounish(c)]
        if verb is None or not nouns or ctx.negated([verb]):
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            continue  # "wants to become an actor": not (yet) what they are
        subs = ctx.subjects(verb)
        if not subs:
            continue
        person = antecedent(ctx, subs[0])
        if not _subject_ok(person) or person is None or person.type != PERSON and person.ref:
            continue
        for noun in [x for n in nouns for x in ctx.conjuncts(n)]:
            if not _nounish(noun) or noun.tag_ == "NNS":
                continue
            got = occupation_ending(doc, noun.i, noun.left_edge.i)
            if got is None:
                continue
            if any(c.lower_ in ("no", "not", "best", "outstanding") for c in noun.children) or \
                    any(lowers[t.i] in ("best", "outstanding") for t in doc[noun.left_edge.i:noun.i]):
                continue  # "is not a lawyer", "was best supporting actor" (an award's category)
            if _group_like(ctx, person):
                continue  # "The Glass Hounds are a rock band"
            ev_conf = 0.75 if person.ref else 0.8
            mods = list(doc[noun.left_edge.i:got[0]])
            if person.type != PERSON and got[1].split()[-1] in f.org_roles:
                continue
            ev = ctx.evidence([verb, noun], name, ev_conf)
            yield Candidate(person, "occupation", Value(got[1], "string"), ev)
            org = f.org_after(noun)
            if org is None and lowers[t.i] == "as":  # "X worked as an engineer with Org"
                org = f.org_after_verb(verb)
            if org is not None and got[1] in w["employee_roles"]:
                yield Candidate(person, "employer", org, ev)
            for country in f.country_in(mods, name):
                yield Candidate(person, "countryOfCitizenship", country, ev)


def dominant_person(ctx: Context) -> Mention | None:
    """The person an article is about, when one is: named three times or more, and more than twice
    as often as anyone else (a surname alone counts for the full name it is part of)."""
    people = [m for m in ctx.mentions if not m.ref and m.type == PERSON and not ctx.is_character(m)]
    full: dict[str, str] = {}
    for m in people:
        ws = m.text.split()
        if len(ws) > 1:
            for x in ws:
                full.setdefault(x, ws[-1])
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for m in people:
        key = full.get(m.text, m.text.split()[-1])
        counts[key] = counts.get(key, 0) + 1
        if len(m.text.split()) > len(first.get(key, m).text.split()) or key not in first:
            first[key] = m
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    key, n = ranked[0]
    if n < 3 or len(ranked) > 1 and ranked[1][1] * 2 >= n:
        return None
    return first[key]


def _name_words(text: str) -> set[str]:
    """The capitalised words of a name, without a possessive (*Lena Holt's* → Lena, Holt)."""
    return {w for w in re.sub(r"['\u2019]s?$", "", text).split() if w[:1].isupper()}


def _definite(f: _Facts, name: str, described: dict[str, set[str]]) -> Iterator[Produced]:
    """*the filmmaker announced*, *the fashion designer opened up*, *the Paper Rivers actress
    said*: an occupation noun standing for the person the article is about, only where it
    can mean that one person: the article has one dominant person, the noun fits their gender, no
    one else named in the article is described by it, it is the only such noun in its sentence, and
    it is no word an organisation may be (*the broadcaster*, *the host*)."""
    ctx, doc, w = f.ctx, f.doc, f.w
    person = dominant_person(ctx)
    first = person.text.split()[0].lower().rstrip(".") if person is not None else ""
    gender = TITLE_GENDER.get(first, name_genders().get(first))
    seen_sents: dict[int, int] = {}
    cands: list[tuple[Token, str]] = []
    for tok in tokens_of(doc):
        if tok.tag_ != "NN" or tok.dep_ not in ("nsubj", "nsubjpass", "poss") or tok.text[:1].isupper():
            continue
        got = occupation_ending(doc, tok.i, tok.left_edge.i)
        if got is None:
            continue
        phrase = got[1]
        if phrase.split()[-1] in f.org_roles or phrase in ("spokesman", "spokeswoman", "spokesperson"):
            continue
        if tok.left_edge.i == got[0] - 1 and phrase in w["named_occupations"]:
            continue  # "the waiter said": as often someone the article never names
        if doc[tok.left_edge.i].lower_ != "the" or any(c.dep_ in ("prep", "appos") for c in tok.children):
            continue  # "the director of the film": may be someone else
        bare = tok.left_edge.i == tok.i - 1
        if not bare and (person is None or any(c.dep_ in ("relcl", "acl") for c in tok.children)):
            continue
        if any(c.dep_ in ("relcl", "acl") for c in tok.children) and not (
                tok.i + 1 < len(doc) and doc[tok.i + 1].text == ","):
            continue  # "the actor who will voice the pig": someone yet to be named
        mods = [ctx.mention_at(t) for t in doc[tok.left_edge.i:got[0]]]
        if any(m is not None and m.type != PRODUCTION for m in mods):
            continue  # "the Night Owls guitarist", "the BBC presenter": one of theirs, not necessarily ours
        if tok.i + 1 < len(doc) and ctx.mention_at(doc[tok.i + 1]) is not None:
            continue
        if any(m.type == PERSON and not m.ref and m.start > tok.idx
               and (person is None or _name_words(m.text) & _name_words(person.text))
               for t in sent_of(tok) if (m := ctx.mention_at(t)) is not None):
            continue  # "The stylist, who ..., is helping Lena": the one it would be taken for is named beside it
        if gender is not None and w["gendered"].get(phrase.split()[-1], gender) != gender:
            continue
        if not bare and described.get(phrase, set()) - {person.text}:
            continue  # "director X" earlier: "the director" is X
        s = sent_of(tok).start
        seen_sents[s] = seen_sents.get(s, 0) + 1
        cands.append((tok, phrase))
    for tok, phrase in cands:
        if seen_sents[sent_of(tok).start] > 1:
            continue  # "the singer … while the former player …": two people described
        # a bare noun (the actress) is left to the resolver's salience; a described one (the
        # Paper Rivers actress) only to the person the article is about
        subject = ctx.ref(tok, PERSON, "definite") if tok.left_edge.i == tok.i - 1 else person
        if subject is not None:
            yield Candidate(subject, "occupation", Value(phrase, "string"),
                            ctx.evidence([tok], name, 0.6, clause=False))


# -- employer without an occupation word -----------------------------------------------------
@rule("kg.employer.v11", produces=("employer", "residence"))
def employer(ctx: Context) -> Iterator[Produced]:
    """*The Observer's X*, *X of The Times*, *X, from the Daily News*, *X works for Y*, *X joined
    Y as ...*; *a 12-year-old from Leeds*: a place after *from* is where the person lives."""
    doc = ctx.doc
    name = employer.rule_name  # type: ignore[attr-defined]  (the registry's name)
    speaking = words()["judging_verbs"]  # (not every verb of attribution: "X's Y is writing an episode")
    for m in list(ctx.mentions):
        if m.ref or m.type != PERSON or ctx.is_character(m):
            continue
        span = _span(ctx, m)
        if span is None:
            continue
        root = span.root
        for c in root.children:
            # "Org's X": an organisation's possessive on the name
            # (only for who speaks or judges: "said the Org's X", not "with The Night Owls' X")
            if c.dep_ == "poss" and c.i < span.start and (org := ctx.mention_at(c)) is not None \
                    and org.type == ORGANIZATION and not org.ref and doc[span.start - 1].tag_ == "POS" \
                    and root.dep_ == "nsubj" and root.head.lemma_.lower() in speaking:
                yield Candidate(m, "employer", org, ctx.evidence([c, root], name, 0.7, clause=False, description=True))
            # "X of Org", "X, from the Org", "X from Y (a place)"
            if c.dep_ == "prep" and c.i >= span.end and c.lower_ in ("of", "from") and c.i <= span.end + 1:
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                other = ctx.mention_at(pobj) if pobj is not None else None
                if other is None or other.ref:
                    continue
                ev = ctx.evidence([c, pobj], name, 0.7, clause=False, description=True)
                speaks = root.dep_ == "nsubj" and root.head.lemma_.lower() in speaking
                if other.type == ORGANIZATION and speaks:  # "said X of Org"
                    yield Candidate(m, "employer", other, ev)
                elif other.type == PLACE and c.lower_ == "from" and other.text not in ctx.lex.demonyms:
                    yield Candidate(m, "residence", other, ev)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        if tok.pos_ != "VERB" or lemma not in ("work", "join") or ctx.negated([tok]):
            continue
        orgs: list[Mention] = []
        if lemma == "work":
            orgs = [o for p, pobj in ctx.preps([tok], {"for", "at"}) if (o := ctx.mention_at(pobj)) is not None]
        elif any(c.lower_ == "as" and c.dep_ == "prep" for c in tok.children):  # "joined Fox as president"
            orgs = [o for d in ctx.children([tok], ("dobj",)) if (o := ctx.mention_at(d)) is not None]
        orgs = [o for o in orgs if o.type == ORGANIZATION and not o.ref]
        if not orgs:
            continue
        for s in ctx.subjects(tok):
            person = antecedent(ctx, s)
            if person is not None and person.type == PERSON:
                for org in orgs:
                    yield Candidate(person, "employer", org, ctx.evidence([tok], name, 0.7))


# -- family ------------------------------------------------------------------------------------
def _not_real(tok: Token, w: dict[str, Any]) -> bool:
    """*her television husband*, *his on-screen mother*: a part played; *father and brother of X*:
    two relatives, the names beside them in an order the parse does not give."""
    if any(c.dep_ in ("amod", "compound") and c.lower_ in w["screen_kin"] for c in tok.children):
        return True
    return tok.dep_ == "conj" and tok.head.lower_ in w["kin"] or any(c.dep_ == "conj" and c.lower_ in w["kin"]
                                                                     for c in tok.children)


def _kin_unsure(ctx: Context, tok: Token, w: dict[str, Any]) -> bool:
    """*her daughter-in-law*, *his rumoured girlfriend*, *his former Org partner*, *a role as
    X's mother*, *plays Y's mum*: no tie of blood or love the article asserts."""
    doc = ctx.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "-in", "-in-law") or "-" in tok.text and "law" in tok.lower_:
        return True
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in ("in", "in-law"):
        return True
    if any(c.lower_ in w["unsure_kin"] for c in tok.children if c.dep_ in ("amod", "advmod", "compound")):
        return True
    lo = tok.left_edge.i
    if any((m := ctx.mention_at(t)) is not None and m.type in (ORGANIZATION, PRODUCTION) or
           m is not None and m.type not in (PERSON, PLACE) for t in doc[lo:tok.i] if doc[t.i + 1].tag_ != "POS"
           and t.tag_ != "POS"):
        return True  # "his former Wham! partner", "her Paper Rivers husband"
    before = [t for t in doc[max(0, lo - 3):lo]]
    return any(t.lemma_.lower() in ("play", "portray", "role", "part", "character", "cameo") for t in before) or \
        tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in ("role", "part", "cameo", "star", "cast", "play")


@rule("kg.kin.v14", produces=("child", "sibling", "partner", "spouse"))
def kin(ctx: Context) -> Iterator[Produced]:
    """*her son X*, *X's mother, Y*, *his girlfriend X*, *X, the daughter of Y*: the relative named
    beside a kinship noun, and whose relative they are (a possessive or an *of*)."""
    doc, w = ctx.doc, words()
    name = kin.rule_name  # type: ignore[attr-defined]  (the registry's name)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        low = lowers[tok.i]
        if tok.pos_ not in ("NOUN", "PROPN") or not tok.is_lower:
            continue
        key = f"twin {low}" if tok.i > 0 and doc[tok.i - 1].lower_ == "twin" else low
        if key in w["partner_nouns"]:
            if any(c.lower_ not in w["partner_modifiers"] for c in tok.children if c.dep_ in ("compound", "amod")):
                continue  # "his producing partner", "her business partner"
            pair: tuple[str, str] | None = ("partner", "owner")
        else:
            pair = w["kin"].get(key) or w["kin"].get(lemmas[tok.i])
        if pair is None or ctx.negated([tok]) or _not_real(tok, w) or _kin_unsure(ctx, tok, w) \
                or tok.dep_ in ("attr", "acomp") and ctx.negated([tok.head]):
            continue  # ("tests proved Y was not X's son": a denial)
        named: list[Mention] = []
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nm := ctx.mention_at(nxt)) is not None:
            named = [nm]  # "her son Jack"
        elif nxt is not None and nxt.text == "," and tok.i + 2 < len(doc) and (nm := ctx.mention_at(doc[tok.i + 2])) \
                is not None and (r := ctx.root_of(nm)) is not None and r.dep_ == "appos" and r.head.i == tok.i:
            named = [nm]  # "his aunt, Y,"
        elif tok.dep_ == "appos" and (hm := ctx.mention_at(tok.head)) is not None \
                and (hs := _span(ctx, hm)) is not None and all(
                    t.text in (",", "(") or t.lower_ in _DETS or t.is_lower for t in doc[hs.end:tok.i]):
            named = [hm]  # "X, the son of Y", "X (daughter of Y)": the name right before it
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            named = [sm] if subj is not None and (sm := ctx.mention_at(subj)) is not None else []
        elif tok.dep_ == "nsubj" and tok.head.lemma_ == "be" and tok.tag_ in ("NNS", "NNPS"):
            # "his parents are A and B": the names the verb's complement gives
            attr = next((c for c in tok.head.children if c.dep_ == "attr"), None)
            named = [am] if attr is not None and (am := ctx.mention_at(attr)) is not None else []
        if named and tok.tag_ in ("NNS", "NNPS"):
            named += [p for p in ctx.surface_list(named[0]) if p.start > named[0].start]
        owners: list[Mention] = []
        for c in tok.children:
            if c.dep_ == "poss":
                owner = antecedent(ctx, c, tuple(named), strict=True)
                owners = [owner] if owner is not None else []
            elif c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                owner = ctx.refer(pobj) if pobj is not None else None
                owners = [owner] if owner is not None else []
                if owner is not None and not owner.ref and pair == ("child", "owner") and pobj is not None:
                    both = [m for m in ctx.names(pobj) if m.type == PERSON and not m.ref]  # "the son of A and B"
                    if len(both) == 2 and _AND_ONLY.fullmatch(ctx.document.text[both[0].end:both[1].start]):
                        owners = both  # (never "a daughter of A, and Y, a son of B": a list of children)
        if not owners and named and key not in w["partner_nouns"] and not any(c.dep_ in ("det", "poss")
                                                                             for c in tok.children):
            # (not "with partner Y": a dance, a business or a life partner, it does not say)
            owners = _bare_kin_owner(ctx, tok, named[0], pair[0] in ("spouse", "partner"))
        owners = [o for o in owners if o.type == PERSON]
        if low == "parents":  # "his parents are A and B": a couple, whoever's parents they are
            yield from _co_parents(ctx, [m for m in named if not m.ref and m.type == PERSON], tok, name)
        if not owners:
            continue
        prop, direction = pair
        ev = ctx.evidence([tok], name, 0.75, clause=False)
        for owner in owners:
            for rel in named:
                if rel.ref or rel.type != PERSON or rel is owner or rel.text == owner.text:
                    continue
                if direction == "owner":
                    yield Candidate(owner, prop, rel, ev)
                else:
                    yield Candidate(rel, prop, owner, ev)
        if pair == ("child", "owner"):
            yield from _co_parents(ctx, owners, tok, name)
    # "X was born in Y to A and B": the parents a birth names
    for tok in tokens_of(doc):
        if lowers[tok.i] != "born" or ctx.mention_at(tok) is not None:
            continue
        to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        pobj = next((x for x in to.children if x.dep_ == "pobj"), None) if to is not None else None
        if pobj is None:
            continue
        parents = [m for m in ctx.names(pobj) if m.type == PERSON and not m.ref]
        subs = ctx.subjects(tok)
        child = antecedent(ctx, subs[0]) if subs else None
        if child is None or child.type != PERSON or not parents:
            continue
        ev = ctx.evidence([tok, to], name, 0.75, clause=False)
        for p in parents:
            if p.text != child.text:
                yield Candidate(p, "child", child, ev)
        yield from _co_parents(ctx, parents, to, name)


def _bare_kin_owner(ctx: Context, tok: Token, rel: Mention, couple: bool) -> list[Mention]:
    """Whose relative a kinship noun with no possessive is (*husband Y*): the one person, named or
    a pronoun, that is the subject of the verb a *with* phrase hangs on (*X arrived with husband
    Y*, *she battled problems with husband Y*, *X posed with daughter A and son B*: both); for a
    spouse or partner (``couple``) also the person it is coordinated with (*X and husband Y
    attended*; never a child in a list of children: *A, 9, and daughter B*). None where neither
    is said (*husband Y said*), or where two subjects leave it open (*A and B came with boyfriend Y*)."""
    root = ctx.root_of(rel)
    if root is None or tok.head.i != root.i and tok.i != root.i:
        return []
    top = root
    while top.dep_ == "conj" and top.head is not top:
        top = top.head
        head = ctx.mention_at(top)
        span = _span(ctx, head) if head is not None else None
        if couple and head is not None and span is not None and not head.ref and head is not rel \
                and head.type == PERSON and not (span.start > 0 and _kin_word(ctx, ctx.doc[span.start - 1])):
            return [head]  # "X and husband Y"; (not "daughter A and son B": A is a relative too)
    if top.dep_ == "pobj" and top.head.lower_ in ("with", "alongside", "beside"):
        verb = ctx.governing_verb(top.head)
        subs = [c for s in ctx.subjects(verb) for c in ctx.conjuncts(s)] \
            if verb.pos_ in ("VERB", "AUX") else []
        if len(subs) != 1 or not (subs[0].pos_ == "PRON" or (m := ctx.mention_at(subs[0])) is not None
                                  and m.type == PERSON and not m.ref):
            return []  # (one person, named or a pronoun: not "the Y star", whose Y is a title)
        owner = antecedent(ctx, subs[0], (rel,), strict=True)
        return [owner] if owner is not None else []
    return []


def _kin_word(ctx: Context, tok: Token) -> bool:
    """A kinship or spouse noun (*daughter*, *wife*)."""
    w = words()
    return tok.is_lower and (tok.lower_ in w["kin"] or tok.lower_ in w["partner_nouns"]
                             or tok.lower_ in ctx.lex.spouse_nouns)


_AND_ONLY = re.compile(r"\s+and\s+(?:(?:the|a|an)\s+)?(?:[a-z\-]+\s+){0,3}")


def _co_parents(ctx: Context, parents: list[Mention], tok: Token, name: str) -> Iterator[Produced]:
    """Two parents named together (*the daughter of A and B*, *his parents are A and B*, *born
    to A and B*) are a couple: spouses, at a confidence below a stated marriage."""
    people = [p for p in parents if p.type == PERSON and not p.ref]
    if len(people) != 2 or people[0].text == people[1].text:
        return
    ev = ctx.evidence([tok], name, 0.6, clause=False)
    yield Candidate(people[0], "spouse", people[1], ev)


def _date_text(ent: Span) -> str:
    """A date entity's words with the day NER often leaves out before a month (*29 | December
    1928*: a number, then the month the entity starts with)."""
    doc = ent.doc
    if ent.start > 0 and ent[0].lower_.rstrip(".") in MONTHS:
        day = doc[ent.start - 1]
        num = day.text.lower().rstrip("stndrh") if day.text[:1].isdigit() else ""
        if num.isdigit() and 1 <= int(num) <= 31 and day.whitespace_:
            return f"{num} {ent.text}"
    return ent.text


# -- death ---------------------------------------------------------------------------------------
def _date_in(ctx: Context, toks: list[Token]) -> tuple[str | None, Token | None]:
    """A date named on any of ``toks`` (*on Monday*, *in June 2004*, *last week*), read against
    the article's own date when it is relative."""
    for t in toks:
        for c in t.children:
            cands = [c] if c.dep_ in ("npadvmod", "tmod") else \
                [x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in ("on", "in") else []
            for x in cands:
                if x.ent_type_ == "DATE":
                    ent = next((e for e in ctx.doc.ents if e.start <= x.i < e.end), None)
                    if ent is not None:
                        d = normalise_date(_date_text(ent), ctx.document.date)
                        if d:
                            return d, x
    return None, None


def _place_in(ctx: Context, toks: list[Token]) -> tuple[Mention | None, Token | None]:
    """*in Y*, *at his home in Y*, *in a hospital in Y*: the place a death happened."""
    home = words()["home_nouns"] | {"hospital", "clinic", "hospice"}
    for _, pobj in ctx.preps(toks, {"in", "at"}):
        m = ctx.mention_at(pobj)
        if m is not None:
            return (m, pobj) if m.type == PLACE and not m.ref else (None, None)
        if pobj.lower_ in home:
            for _, inner in ctx.preps([pobj], {"in"}):
                im = ctx.mention_at(inner)
                if im is not None and im.type == PLACE and not im.ref:
                    return im, inner
    # "died in his sleep …, after dinner with his family at his home in Y": their home further on
    for t in toks:
        if t.pos_ != "VERB":
            continue
        for x in t.subtree:
            if x.lower_ in words()["home_nouns"] and x.dep_ == "pobj" and any(c.dep_ == "poss" for c in x.children) \
                    and sent_of(x) == sent_of(t):
                for _, inner in ctx.preps([x], {"in"}):
                    im = ctx.mention_at(inner)
                    if im is not None and im.type == PLACE and not im.ref:
                        return im, inner
    return None, None


def _cause(ctx: Context, toks: list[Token]) -> tuple[str | None, Token | None]:
    """*of cancer*, *from a heart attack*: the cause as words (no determiner)."""
    w = words()
    for _, pobj in ctx.preps(toks, set(w["cause_preps"])):
        if ctx.mention_at(pobj) is not None or pobj.pos_ != "NOUN" or pobj.lower_ in w["not_causes"]:
            continue
        mods = [c for c in pobj.children if c.dep_ in ("compound", "amod") and c.i < pobj.i]
        start = min([pobj.i, *[c.left_edge.i for c in mods]])
        words_ = [t for t in ctx.doc[start:pobj.i + 1] if t.lower_ not in _DETS and t.pos_ != "DET"]
        if any(t.lower_ in ("suspected", "possible", "apparent", "alleged") for t in words_):
            return None, None  # a suspected overdose is no cause of death yet
        return " ".join(t.lower_ for t in words_), pobj
    return None, None


@rule("kg.death.v15", produces=("dateOfDeath", "placeOfDeath", "causeOfDeath"))
def death(ctx: Context) -> Iterator[Produced]:
    """*X died of cancer at his home in Y on Monday*, *X, who died in Y at 90*, *X's death
    in 1929*, *the death of X in June 2004*, *X (1920 – 2004)*."""
    doc, w = ctx.doc, words()
    name = death.rule_name  # type: ignore[attr-defined]  (the registry's name)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        person: Mention | None = None
        if ctx.mention_at(tok) is not None or tok.text[:1].isupper() and not tok.is_sent_start:
            continue  # "Kings Die Slowly" is a title
        if tok.pos_ == "VERB" and (lemma == "die" or lemma == "pass" and any(
                c.dep_ == "prt" and c.lower_ == "away" for c in tok.children)):
            if ctx.negated([tok]) or any(c.lower_ in ("nearly", "almost") for c in tok.children):
                continue
            subs = ctx.subjects(tok)
            person = antecedent(ctx, subs[0]) if subs else None
        elif tok.pos_ == "NOUN" and lemma in w["death_nouns"] and tok.dep_ != "compound":
            for c in tok.children:
                if c.dep_ == "poss":
                    person = antecedent(ctx, c)
                elif c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                    person = ctx.mention_at(pobj) if pobj is not None else None
        if person is None or person.type != PERSON:
            continue
        clause = tok.pos_ == "VERB"  # "X's death in 1929" is presupposed, whatever its clause says
        when, wt = _date_in(ctx, [tok])
        if when and len(when) >= 4 and not when.startswith("--"):
            yield Candidate(person, "dateOfDeath", Value(when, "date"), ctx.evidence([tok, wt], name, 0.8, clause=clause))
        where, pt = _place_in(ctx, [tok])
        if where is not None:
            yield Candidate(person, "placeOfDeath", where, ctx.evidence([tok, pt], name, 0.75, clause=clause))
        cause, ct = _cause(ctx, [tok])
        if cause:
            yield Candidate(person, "causeOfDeath", Value(cause, "string"),
                            ctx.evidence([tok, ct], name, 0.75, clause=clause))
    # "X (1920 – 2004)", "X (11 May 1920 in Y – 4 July 2004 in Z)": a life in brackets after a name
    for m in ctx.mentions:
        if m.ref or m.type != PERSON:
            continue
        span = _span(ctx, m)
        if span is None:
            continue
        for prop, value, toks in _life_span(ctx, span):
            yield Candidate(m, prop, value, ctx.evidence(toks, name, 0.8, clause=False))


_MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
               r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# one end of a life: a date with a year (day and month or month alone optional), then where
_LIFE_END = re.compile(
    r"\s*(?:c\.|ca\.|circa)?\s*(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+%s,?\s+|%s\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?"
    r"(?:1[0-9]|20)\d\d)(?:\s*,?\s+in\s+(?P<place>[^()]+?))?\s*" % (_MONTH_WORD, _MONTH_WORD), re.IGNORECASE)
_LIFE_DASH = re.compile(r"\s+(?:[-\u2013\u2014]|to)\s+|\s*[\u2013\u2014]\s*|(?<=\d)-(?=[A-Za-z0-9])")


def _life_span(ctx: Context, span: Span) -> list[tuple[str, Value | Mention, list[Token]]]:
    """What brackets right after a person's name say of a life: *(11 January 1930 – 6 November
    2005)*, *(May 19, 1896-April 12, 1970)*, *(; 22 June 1940 – 4 July 2016)*, *(other names;
    1913 in Y, Z – 2004 in W)*: dates of birth and death, and the places named after *in*. One
    part of the brackets (between semicolons) must be nothing but the two ends and a dash, the
    first year before the second; years alone must be 15 to 110 apart (a life, not a tenure)."""
    doc, art = ctx.doc, ctx.tokens
    if span.end + 3 >= len(doc) or not art[span.end].text.startswith("("):  # ("(;" is one token)
        return []
    close = next((t.i for t in art[span.end + 1:min(len(doc), span.end + 45)] if t.text in (")", "(")), None)
    if close is None or art[close].text != ")":
        return []
    base = art[span.end].idx + 1
    inner = doc.text[base:art[close].idx]
    offset = 0
    for part in inner.split(";"):
        here, offset = offset, offset + len(part) + 1
        stripped = part.lstrip(" ,")
        lead = len(part) - len(stripped)
        halves = [(h.start(), h.end()) for h in _LIFE_DASH.finditer(stripped)]
        for a, b in halves:
            one, two = _LIFE_END.fullmatch(stripped[:a]), _LIFE_END.fullmatch(stripped[b:])
            if not (one and two):
                continue
            born, died = normalise_date(one.group("date")), normalise_date(two.group("date"))
            if not born or not died or born.startswith("--") or died.startswith("--"):
                continue
            gap = int(died[:4]) - int(born[:4])
            if not (0 <= gap <= 120 and (len(born) > 4 and len(died) > 4 or 15 <= gap <= 110)):
                continue
            toks = [art[span.end], art[close]]
            out: list[tuple[str, Value | Mention, list[Token]]] = [
                ("dateOfBirth", Value(born, "date"), toks), ("dateOfDeath", Value(died, "date"), toks)]
            for prop, end, at in (("placeOfBirth", one, base + here + lead), ("placeOfDeath", two, base + here + lead + b)):
                if end.group("place"):
                    first = at + end.start("place")
                    place = next((x for x in ctx.mentions if x.type == PLACE and not x.ref
                                  and x.start == first), None)
                    if place is not None:
                        out.append((prop, place, toks))
            return out
    return []


# -- residence and education -----------------------------------------------------------------
@rule("kg.residence.v12", produces=("residence", "educatedAt"))
def residence(ctx: Context) -> Iterator[Produced]:
    """*he moved to Y*, *X lives in London*, *X, who is based in Paris*; *she studied at Y*,
    *graduated from Y*, *attended Y College*, *X, a graduate of Y*."""
    doc, w = ctx.doc, words()
    name = residence.rule_name  # type: ignore[attr-defined]  (the registry's name)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        lemma = lemmas[tok.i]
        if tok.pos_ not in ("VERB", "NOUN"):
            continue
        if not (tok.pos_ == "VERB" and (lemma in w["residence_verbs"] or lemma in w["study_verbs"])
                or tok.pos_ == "NOUN" and lowers[tok.i] in w["graduate_nouns"]):
            continue  # (no branch below applies: skipped before the negation check walks its children)
        if ctx.negated([tok]):
            continue
        prop, places = None, []
        if tok.pos_ == "VERB" and lemma in w["residence_verbs"]:
            prop = "residence"
            places = [m for _, p in ctx.preps([tok], set(w["residence_verbs"][lemma]))
                      if (m := ctx.mention_at(p)) is not None and m.type == PLACE and not m.ref]
        elif tok.pos_ == "VERB" and lemma in w["study_verbs"]:
            prop = "educatedAt"
            preps = set(w["study_verbs"][lemma])
            cands = [p for _, p in ctx.preps([tok], preps)] if preps else ctx.children([tok], ("dobj",))
            places = [m for p in cands if (m := ctx.mention_at(p)) is not None and m.type == ORGANIZATION
                      and not m.ref and (preps or any(h in m.text.lower().split() for h in w["school_heads"]))]
        elif tok.pos_ == "NOUN" and lowers[tok.i] in w["graduate_nouns"]:
            prop = "educatedAt"
            places = [m for _, p in ctx.preps([tok], {"of", "at"}) if (m := ctx.mention_at(p)) is not None
                      and m.type == ORGANIZATION and not m.ref]
        if not places:
            continue
        if tok.pos_ == "VERB":
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.lemma_.lower() in (
                    "want", "plan", "hope", "wish", "intend"):
                continue
            if any(c.lower_ in ("whether", "if") for c in tok.children):
                continue  # "fighting over whether to live in Y"
            subs = ctx.subjects(tok)
            people = [antecedent(ctx, subs[0])] if subs else []
        else:
            people = [ctx.refer(tok)]
        for person in people:
            if person is None or person.type != PERSON:
                continue
            for place in places:
                yield Candidate(person, prop, place, ctx.evidence([tok], name, 0.7))


# -- birth and marriage (moved from rules/__init__.py) --------------------------------------
def _place_after(ctx: Context, k: int, stop: int) -> Mention | None:
    """The place named first after ``k``, past a determiner and a few lowercase or nationality
    words (*born in the Danish capital Y*, *in The Hague*)."""
    doc = ctx.doc
    for j in range(k, min(stop, k + 5)):
        m = ctx.mention_at(doc[j])
        if m is not None:
            return m if m.type == PLACE and not m.ref else None
        t = doc[j]
        if not (t.is_lower or t.lower_ in ("the",) or t.text in ctx.lex.demonyms):
            return None
    return None


@rule("kg.birth.v16", produces=("dateOfBirth", "placeOfBirth"))
def birth(ctx: Context) -> Iterator[Produced]:
    """*X (born 1 October 1985)*, *X was born in Paris on ...*, *he was born in the Danish capital
    Y*: date and place of birth."""
    name = birth.rule_name  # type: ignore[attr-defined]  (the registry's name)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        if lowers[tok.i] != "born" or ctx.mention_at(tok) is not None:
            continue  # "Born in the Rain" as a title is no birth
        person: Mention | None = None
        if tok.i >= 2 and ctx.tokens[tok.i - 1].text.startswith("("):
            # "A and B (born 1978)": the name the brackets follow, whatever the parse conjoins
            before = ctx.mention_at(ctx.tokens[tok.i - 2])
            person = before if before is not None and not before.ref and before.type == PERSON else None
        subs = ctx.subjects(tok) if person is None else []
        if subs:
            person = antecedent(ctx, subs[0])
        if person is None or person.type != PERSON:
            # "X (born ...)", "X (...); born ...": the nearest person named before it in the sentence
            person = next((m for k in range(tok.i - 1, sent_of(tok).start - 1, -1)
                           if (m := ctx.mention_at(ctx.doc[k])) is not None and not m.ref and m.type == PERSON), None)
        if person is None:
            continue
        stop = next((t.i for t in ctx.doc[tok.i + 1: tok.i + 25] if t.text in (")", ";") or t.is_sent_start), tok.i + 25)
        stop = min(stop, len(ctx.doc))
        if tok.is_sent_start and tok.dep_ in ("advcl", "acl", "ROOT"):
            # "Born in Y, Z, she starred in 1989's W": the opening phrase only, not the clause after it
            head = tok.head
            if head.i > tok.i:
                subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i), None)
                stop = min(stop, subj.left_edge.i if subj is not None else head.i)
        window = ctx.doc[tok.i + 1: stop]
        for ent in window.ents:
            if ent.label_ == "DATE":
                d = normalise_date(_date_text(ent))
                if d and len(d) >= 4 and not d.startswith("--"):
                    yield Candidate(person, "dateOfBirth", Value(d, "date"),
                                    ctx.evidence([tok, *ent], name, 0.85, clause=False))
                break
        for t in window:
            if t.lower_ == "in" or t.text == ",":
                # "born in Paris", "(born May 2, 1960, Town, State)": the first place named
                place = _place_after(ctx, t.i + 1, stop)
                if place is not None:
                    yield Candidate(person, "placeOfBirth", place, ctx.evidence([tok, t], name, 0.8, clause=False))
                    break


def _person_after(ctx: Context, k: int) -> Mention | None:
    """The person named at token ``k``, over up to three lowercase words (*actor*, *the singer*)."""
    for j in range(k, min(k + 4, len(ctx.doc))):
        m = ctx.mention_at(ctx.doc[j])
        if m is not None:
            return m if m.type == PERSON and not m.ref else None
        if not ctx.doc[j].text[:1].islower() or not ctx.doc[j].is_alpha:
            return None
    return None


def _asked(ctx: Context, verb: Token) -> bool:
    """*Will A and B get married?*: a question or a guess, no marriage."""
    heads = [verb, verb.head] if verb.head.lemma_.lower() == "get" else [verb]
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("has", "have") for h in heads for c in h.children)
    end = next((t.text for t in verb.doc[verb.i:verb.i + 40] if t.text in (".", "!", "?")), "")
    return modal and end == "?" or any(c.dep_ == "aux" and c.lower_ in ("might", "may", "could", "would")
                                                 for h in heads for c in h.children)


def _marry_subjects(ctx: Context, verb: Token) -> list[Mention]:
    """Who marries: the verb's own subject (a pronoun only where it can stand for one person, see
    ``antecedent``), or the subject of the clause it hangs on (*A married B in 1972 and moved*); not
    for a clause with no subject of its own (*the son A adopted while married to B*: the parse gives
    the son as the one married)."""
    subs = ctx.subjects(verb)
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and any(
            c.dep_ == "mark" for c in verb.children):
        return []  # "while married to B", "when married": whose marriage, the parse does not say
    if verb.dep_ == "conj" and verb.head.dep_ in ("dobj", "pobj") and verb.head.head.pos_ == "VERB" \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # "A dethrones B and marries C", where the parse hangs "marries" on B: A marries
        subs = ctx.subjects(verb.head.head)
    out: list[Mention] = []
    for sj in subs:
        if sj.pos_ == "PRON":
            m = antecedent(ctx, sj, strict=True)
            if m is not None and m.type == PERSON and not m.ref:
                out.append(m)
            continue
        out += [m for m in ctx.names(sj) if m.type == PERSON and not (m.ref and sj.pos_ == "NOUN")]
    return out


def _spouse_owner_before(ctx: Context, tok: Token, named: tuple[Mention, ...]) -> Mention | None:
    """Whose spouse a noun names where the parse hangs the possessive elsewhere: *X's ex-husband
    Y*, *her director husband Y*, *his late wife Y* (a possessive over up to three lowercase words
    and hyphens), *she and husband Y* (the person the noun is coordinated with)."""
    doc = ctx.doc
    k = tok.i - 1
    lo = max(sent_of(tok).start, tok.i - 4)
    while k >= lo and (doc[k].text == "-" or doc[k].is_lower and doc[k].is_alpha and doc[k].pos_ in ("NOUN", "ADJ", "ADV", "X", "PROPN")
                       and doc[k].lower_ not in ("and", "or", "with", "of")):
        k -= 1
    if k < lo:
        return None
    t = doc[k]
    if t.lower_ in ("his", "her") and t.tag_ == "PRP$":
        return antecedent(ctx, t, named, strict=True)
    if t.tag_ == "POS" and k > 0 and (m := ctx.mention_at(doc[k - 1])) is not None and m.type == PERSON and not m.ref:
        return m
    if t.lower_ == "and" and k == tok.i - 1 and k > 0 and doc[k - 1].lower_ in ("she", "he"):
        return antecedent(ctx, doc[k - 1], named, strict=True)
    return None


# verbs whose infinitive says a wish or a refusal, not a marriage (with their forms: the small model
# lemmatises "hopes" as "hop")
_WISHES = frozenset({"want", "wants", "wanted", "hope", "hopes", "hoped", "hoping", "wish", "wishes",
                     "wished", "refuse", "refuses", "refused", "decline", "declined", "dream", "dreams",
                     "yearn"})


def _a_part_played(ctx: Context, tok: Token) -> bool:
    """*who plays Y's wife Mara*, *her role as Y's husband*: a character's spouse, no one's own."""
    lo = tok.left_edge.i
    return any(t.lemma_.lower() in ("play", "portray", "role", "part", "character", "cameo")
               for t in ctx.doc[max(sent_of(tok).start, lo - 3):lo])


@rule("kg.spouse.v18", produces=("spouse",))
def spouse(ctx: Context) -> Iterator[Produced]:
    """*A married B*, *A is married to B*, *A and B married in 1972*, *his wife, B*, *A's husband B*,
    *his marriage to B*;
    *his* and *her* stand for the nearest person named before them whose name fits the pronoun."""
    spouse_nouns = set(ctx.lex.spouse_nouns) - {"partner"}  # (a business partner is no spouse)
    name = spouse.rule_name  # type: ignore[attr-defined]  (the registry's name)
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(ctx.doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(ctx.doc):
        pairs: list[tuple[Mention, Mention]] = []
        # "A tied the knot with B": the idiom is a verb of marrying
        knot = lemmas[tok.i] == "tie" and any(c.dep_ == "dobj" and c.lower_ == "knot" for c in tok.children)
        wished = tok.dep_ == "xcomp" and (ctx.negated([tok.head]) or lemmas[tok.head.i] in _WISHES
                                          or tok.head.lower_ in _WISHES)
        if (lemmas[tok.i] in ("marry", "married") or knot) and not ctx.negated([tok]) \
                and not _asked(ctx, tok) and not wished:
            # (never "does not want to marry B", "hopes to tie the knot with B")
            subjects = _marry_subjects(ctx, tok)
            others = [m for o in ctx.children([tok], ("dobj",)) for m in ctx.names(o) if m.type == PERSON]
            others += [m for _, p in ctx.preps([tok], {"to", "with"} if knot else {"to"})
                       for m in ctx.names(p) if m.type == PERSON]
            if not others and tok.i + 1 < len(ctx.doc) and lowers[tok.i + 1] == "to":
                # "is married to actor Y": the parser often takes "to actor" for an infinitive
                others = [m for m in [_person_after(ctx, tok.i + 2)] if m is not None]
            if others:
                pairs = [(a, b) for a in subjects for b in others]
            elif len(subjects) == 2 and tok.pos_ == "VERB":  # "A and B married in 1972"
                pairs = [(subjects[0], subjects[1])]
        elif lowers[tok.i] in words()["marriage_nouns"] and tok.pos_ == "NOUN" and not ctx.negated([tok]) \
                and tok.head.lemma_.lower() not in words()["unmade_marriage"] \
                and not any(c.lemma_.lower() in words()["unmade_marriage"] for c in tok.children):
            # "his marriage to B", "A's marriage with B" (never a marriage proposed or planned)
            # (a pronoun no name nearby settles is left to the resolver, as the subject's pronoun)
            owner = next(((antecedent(ctx, c) or ctx.refer(c)) if c.pos_ == "PRON" else ctx.mention_at(c)
                          for c in tok.children if c.dep_ == "poss"), None)
            others = [m for _, p in ctx.preps([tok], {"to", "with"}) for m in ctx.names(p)
                      if m.type == PERSON and not m.ref]
            if not others and tok.i + 1 < len(ctx.doc) and lowers[tok.i + 1] in ("to", "with"):
                others = [m for m in [_person_after(ctx, tok.i + 2)] if m is not None]  # (the parse hung "to" elsewhere)
            if owner is not None and owner.type == PERSON and owner.ref in (None, "pronoun") and len(others) == 1:
                pairs = [(owner, others[0])]
        elif lowers[tok.i] in spouse_nouns and tok.pos_ == "NOUN" and not ctx.negated([tok]) and not _not_real(tok, words()) \
                and not _a_part_played(ctx, tok):
            # the name beside the noun only: "his wife Ilka, daughter Renske" names one wife
            named = [m for c in tok.children if c.dep_ in ("appos", "compound") and (m := ctx.mention_at(c)) is not None]
            if not named and tok.i + 1 < len(ctx.doc):
                nxt = ctx.mention_at(ctx.doc[tok.i + 1])
                named = [nxt] if nxt is not None else []
            if not named and tok.i + 2 < len(ctx.doc) and ctx.doc[tok.i + 1].text == ",":
                nxt = ctx.mention_at(ctx.doc[tok.i + 2])  # "said his wife, Y."
                named = [nxt] if nxt is not None and ctx.root_of(nxt) is not None and \
                    ctx.root_of(nxt).head.i == tok.i else []
            owner = next((antecedent(ctx, c, tuple(named), strict=True) for c in tok.children if c.dep_ == "poss"), None)
            if owner is None and named:
                owner = _spouse_owner_before(ctx, tok, tuple(named))
            if owner is None and named and not any(c.dep_ in ("det", "poss") for c in tok.children):
                # "X arrived with husband Y"
                owner = next(iter(_bare_kin_owner(ctx, tok, named[0], True)), None)
            if owner is not None and owner.type == PERSON:
                pairs = [(owner, m) for m in named if m.type == PERSON and not m.ref]
            elif not named and tok.dep_ in ("appos", "attr") and not any(c.dep_ == "poss" for c in tok.children):
                # "X, the former wife of Y", "X is the husband of Y"
                holder = ctx.mention_at(tok.head) if tok.dep_ == "appos" else next(
                    (ctx.mention_at(c) for c in tok.head.children if c.dep_ == "nsubj"), None)
                of = [m for _, p in ctx.preps([tok], {"of"}) for m in ctx.names(p) if m.type == PERSON and not m.ref]
                if holder is not None and holder.type == PERSON and not holder.ref and len(of) == 1:
                    pairs = [(holder, of[0])]
        if not pairs:
            continue
        ev = ctx.evidence([tok], name, 0.8)
        for a, b in pairs:
            if a is not b and a.text != b.text:
                yield Candidate(a, "spouse", b, ev)
                yield Candidate(b, "spouse", a, ev)


@rule("kg.citizen.v11", produces=("countryOfCitizenship",))
def citizen(ctx: Context) -> Iterator[Produced]:
    """*she became a British citizen*, *he is a US citizen*, *X took French citizenship*, *he
    moved to Y, where he became a citizen*, *a citizen of Ireland*."""
    doc, w = ctx.doc, words()
    f = _Facts(ctx)
    name = citizen.rule_name  # type: ignore[attr-defined]  (the registry's name)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if tok.pos_ != "NOUN" or lowers[tok.i] not in w["citizen_nouns"] or tok.dep_ not in ("attr", "dobj", "nsubjpass"):
            continue
        verb = tok.head
        if verb.pos_ not in ("VERB", "AUX") or ctx.negated([verb]) or \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            continue
        if tok.dep_ == "attr" and verb.lemma_.lower() not in w["copulas"]:
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        countries = list(f.country_in(mods, name))
        for _, pobj in ctx.preps([tok], {"of"}):
            m = ctx.mention_at(pobj)
            if m is not None and m.type == PLACE and not m.ref:
                countries.append(m)
        if not countries and verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            # "settled in Y (in 1950), where she became a citizen": the place named before *where*
            where = next(c for c in verb.children if c.lower_ == "where")
            for k in range(where.i - 1, max(sent_of(tok).start, where.i - 8) - 1, -1):
                m = ctx.mention_at(doc[k])
                if m is not None:
                    if m.type == PLACE and not m.ref:
                        countries.append(m)
                    break
        if not countries:
            continue
        subs = ctx.subjects(verb) if tok.dep_ != "nsubjpass" else \
            [c for c in verb.children if c.dep_ in ("dative", "dobj")]
        person = antecedent(ctx, subs[0]) if subs else None
        if person is None or person.type != PERSON:
            continue
        ev = ctx.evidence([verb, tok], name, 0.8)
        for country in countries:
            yield Candidate(person, "countryOfCitizenship", country, ev)
