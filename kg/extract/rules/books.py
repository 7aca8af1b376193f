"""Books: who wrote a book, and who published it.

News names a book by its noun (*her new novel X*, *the memoir X*) and its writer by a possessive,
a *by*, a verb of writing or an author noun (*X, the author of Y*; *Y author X*). These rules
read those patterns (words in ``books.json``), establish the title as a book where the article
names it (:mod:`kg.extract.rules._named`) and state ``author`` (book → person) and ``publisher``
(book → organisation, *published by X*). Adaptations (*based on the novel X*) are the works
family's (``basedOn``): the book established here is the one it reads.

Examples
--------
>>> _words()["book_nouns"]["memoir"]
'Book'
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from kg.extract.context import Context
from kg.extract.lexicon import first_names
from kg.extract.rules import Produced, rule
from kg.extract.rules._named import name_run, named, possessive_before, title_list, titleish
from kg.extract.sents import lemmas_of, lowers_of, sent_of, tokens_of
from kg.model import ORGANIZATION, PERSON, PRODUCTION, Candidate, Mention

BOOK_RULE = "kg.book_name.v1"
_NOT_TITLES = frozenset({"NORP", "GPE", "LOC", "DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "PERSON"})
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "this", "that", "his", "her", "their", "its"})


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in data.items()}


def _books_after(ctx: Context, noun: Token) -> list[Mention]:
    """The books a book noun names right after it (*the novel X*, *his books A and B*)."""
    doc = ctx.doc
    i = noun.i + 1
    if i < len(doc) and doc[i].text == "," and any(c.dep_ in ("det", "poss") for c in noun.children):
        i += 1  # "his first novel, X"
    if i >= len(doc) or not titleish(doc[i]) or doc[i].lower_ in _PRONOUNS:
        return []
    if doc[i].ent_type_ in _NOT_TITLES and not (doc[i].ent_type_ == "PERSON" and i == noun.i + 1
                                                 and _not_a_person(ctx, doc[i])):
        return []  # ("the novel Paper Rivers", which NER took for a person: no given name, named once)
    spans = title_list(doc, i) if noun.tag_ == "NNS" else [(i, name_run(doc, i))]
    out = []
    for a, b in spans:
        if b <= a or b < len(doc) and doc[b].pos_ in ("VERB", "AUX") and any(
                c.dep_ == "nsubj" and a <= c.i < b for c in doc[b].children):
            break  # "the book Jane Doe wrote": a clause on the noun, not a title
        m = named(ctx).everywhere(a, b, PRODUCTION, BOOK_RULE, 0.85, "Book")
        if m is not None:
            out.append(m)
    return out


def _book_at(ctx: Context, tok: Token) -> Mention | None:
    m = named(ctx).by_token.get(tok.i) or ctx.refer(tok)
    return m if m is not None and m.type == PRODUCTION and m.kind == "Book" else None


def _people(ctx: Context, tok: Token) -> list[Mention]:
    out = []
    for t in ctx.conjuncts(tok):
        m = ctx.refer(t)
        if m is not None and m.type == PERSON and named(ctx).by_token.get(t.i) is None:
            out.append(m)
    return out


def _owner(ctx: Context, noun: Token) -> list[Mention]:
    """Whose the book is: *X's (first) novel*, *her new book* (on the surface)."""
    doc = ctx.doc
    tok = possessive_before(noun, _PRONOUNS)
    if tok is None:
        return []
    k = tok.i
    if doc[k].lower_ in ("his", "her"):
        verb = ctx.governing_verb(doc[k])  # "X wrote about Y in her memoir": X's
        named_subjects = [m for s in verb.children if s.dep_ == "nsubj" for m in _people(ctx, s) if not m.ref]
        if named_subjects:
            return named_subjects[:1]
        later = [t for t in sent_of(doc[k]) if t.i > noun.i and t.pos_ == "PROPN" and not (
            (m := ctx.mention_at(t)) is not None and m.type == PRODUCTION and m.rule != "kg.type_apposition.v1")]
        # "In his new book, Y, X argues …": a proper name after the pronoun may be whom it anticipates
        # (a title counts only as a title of its own, not as one more name in apposition to the book)
        return [] if later else _people(ctx, doc[k])
    if doc[k].lower_ in ("'s", "\u2019s", "'", "\u2019") and k > 0:
        return _people(ctx, doc[k - 1])
    return []


def _not_a_person(ctx: Context, tok: Token) -> bool:
    """NER calls many titles people (*the author of Paper Moons*): a name that starts with no
    given name and that the article never uses as a person's is taken as a title."""
    m = ctx.mention_at(tok)
    if m is None or m.type != PERSON:
        return True
    first = m.text.split()[0].lower()
    return first not in first_names() and sum(1 for x in ctx.mentions if x.text == m.text) == 1


def _title_before(ctx: Context, noun: Token) -> Mention | None:
    """The title written right before an author noun that a person's name follows (*the Paper
    Rivers author Ann Vale*): title-case words NER took for nothing, not at a sentence's start
    alone, nor a nationality, a place or a date (*Scottish author Y*, *Oxford author Y*)."""
    doc = ctx.doc
    k = noun.i + 1
    if noun.i == 0 or k >= len(doc) or (m := ctx.mention_at(doc[k])) is None or m.type != PERSON or m.ref:
        return None
    start = sent_of(noun).start
    a = noun.i
    while a > start and titleish(doc[a - 1]) and ctx.mention_at(doc[a - 1]) is None \
            and doc[a - 1].ent_type_ not in _NOT_TITLES and not doc[a - 1].is_punct:
        a -= 1
    if a < noun.i and doc[a].lower_ == "the":
        a += 1  # ("The Paper Rivers author Y": the article is the sentence's)
    if a == noun.i or a == start and not any(t.pos_ == "PROPN" for t in doc[a + 1:noun.i]) \
            or any(t.text.endswith(("-winning", "-nominated", "'s")) or t.text in ("'s", "’s")
                   for t in doc[a:noun.i]):
        return None
    return named(ctx).everywhere(a, noun.i, PRODUCTION, BOOK_RULE, 0.75, "Book")


@rule("kg.book_author.v7", produces=("author",))
def book_author(ctx: Context) -> Iterator[Produced]:
    """*X's novel Y*, *the novel Y by X*, *X wrote the book Y*, *X, the author of Y*, *Y author X*."""
    doc = ctx.doc
    w = _words()
    name = "kg.book_author.v7"
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        low = lowers[tok.i]
        if low in w["book_nouns"] and not tok.text[:1].isupper():
            books = _books_after(ctx, tok) or [b for b in [_book_at(ctx, tok)] if b is not None and not b.ref]
            if not books and tok.dep_ == "attr":  # "Y proved to be her final book"
                books = [m for s in ctx.subjects(tok.head) if (m := ctx.refer(s)) is not None
                         and m.type == PRODUCTION and not m.ref]
            if not books:
                continue
            authors = _owner(ctx, tok)
            verb = tok.head if tok.dep_ == "dobj" else None
            if verb is not None and verb.lemma_.lower() in w["publishing_verbs"] | {"release"} and (
                    subjects := [p for s in ctx.subjects(verb) for p in _people(ctx, s)]):
                authors = [a for a in authors if not a.ref] + subjects  # "who published her own cookbook, X"
            elif verb is not None and any(s.lower_ in ("who", "that") for s in ctx.subjects(verb)):
                authors = [a for a in authors if not a.ref]  # "…, who published her cookbook": her is who, unnamed
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    authors += [p for o in c.children if o.dep_ == "pobj" for p in _people(ctx, o)]
            # "X wrote the novel Y" (the parser may make Y the object and the noun its compound)
            verb = tok.head if tok.dep_ == "dobj" else tok.head.head if tok.dep_ == "compound" \
                and tok.head.dep_ == "dobj" else None
            if verb is not None and verb.lemma_.lower() in w["writing_verbs"] and not ctx.negated([verb]):
                authors += [p for s in ctx.subjects(verb) for p in _people(ctx, s)]
            for book in books:
                for person in authors:
                    yield Candidate(book, "author", person, ctx.evidence([tok], name, 0.75, clause=False))
        elif low in w["author_nouns"] and tok.pos_ in ("NOUN", "PROPN") and not tok.text[:1].isupper():
            books: list[Mention] = []
            for c in tok.children:  # "the author of Y"
                if c.dep_ == "prep" and c.lower_ == "of":
                    for o in c.children:
                        if o.dep_ != "pobj":
                            continue
                        b = _book_at(ctx, o) or (ctx.refer(o) if ctx.refer(o) is not None and
                                                 ctx.refer(o).type == PRODUCTION else None)
                        if b is None and titleish(o.left_edge) and (o.left_edge.ent_type_ not in _NOT_TITLES or
                                                                    low == "author" and _not_a_person(ctx, o)):
                            a, e = o.left_edge.i, name_run(doc, o.left_edge.i)
                            b = named(ctx).everywhere(a, e, PRODUCTION, BOOK_RULE, 0.8, "Book") if e > a else None
                        if b is not None and not b.ref:
                            books.append(b)
            # "the Harry Hole author Jo Nesbo": a work named right before the noun
            before = ctx.mention_at(doc[tok.i - 1]) if tok.i > 0 else None
            if before is not None and before.type == PRODUCTION and not before.ref:
                books.append(before)
            elif before is None and (b := _title_before(ctx, tok)) is not None:
                books.append(b)  # "the Paper Rivers author Ann Vale": a title no one named, before the noun
            if not books:
                continue
            people: list[Mention] = []
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and (m := ctx.mention_at(nxt)) is not None and m.type == PERSON:
                people.append(m)
            elif tok.dep_ == "appos":
                people += _people(ctx, tok.head)
            elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
                people += [p for s in ctx.subjects(tok.head) for p in _people(ctx, s)]
            elif tok.dep_ == "compound":
                people += _people(ctx, tok.head)
            for book in books:
                for person in people:
                    if not person.ref:
                        yield Candidate(book, "author", person, ctx.evidence([tok], name, 0.75, clause=False))
        # "Y, written by X"
        elif tok.tag_ == "VBN" and lemmas[tok.i] in w["writing_verbs"] and tok.dep_ in ("acl", "relcl"):
            book = _book_at(ctx, tok.head)
            if book is None or book.ref or ctx.negated([tok]):
                continue
            for p in ctx.agents([tok]):
                for person in _people(ctx, p):
                    yield Candidate(book, "author", person, ctx.evidence([tok, p], name, 0.8))


@rule("kg.book_publisher.v2", produces=("publisher",))
def book_publisher(ctx: Context) -> Iterator[Produced]:
    """*Y was published by X*, *Y, published by X*: the organisation that published a written work."""
    w = _words()
    lemmas = lemmas_of(ctx.doc)  # (tok.lemma_.lower() makes two strings on each call)
    for tok in tokens_of(ctx.doc):
        if lemmas[tok.i] not in w["publishing_verbs"] or tok.tag_ != "VBN" or ctx.negated([tok]):
            continue
        agents = [m for a in ctx.agents([tok]) for t in ctx.conjuncts(a)
                  if (m := ctx.mention_at(t)) is not None and m.type == ORGANIZATION and not m.ref]
        if not agents:
            continue
        works = [m for s in ctx.subjects(tok) if (m := _book_at(ctx, s)) is not None]
        if tok.dep_ in ("acl", "relcl") and (m := _book_at(ctx, tok.head)) is not None:
            works.append(m)
        for work in works:
            for org in agents:
                yield Candidate(work, "publisher", org, ctx.evidence([tok], "kg.book_publisher.v2", 0.75))
