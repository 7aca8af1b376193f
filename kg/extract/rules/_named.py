"""Names a rule family establishes from its own patterns (*rock band X*, *the hit X*), shared by
the family modules of this package (a leading underscore: loaded by them, registering no rule).

NER often misses a band or a song, or calls it a person. Where a family's pattern says what a
name is, the family adds a mention of that type at every place the article writes the name, so
that resolution's type vote hears it; the mention detection stage (``kg.extract.mentions``) is
left as it is, and its mentions are read first.

Examples
--------
>>> import spacy
>>> doc = spacy.blank("en")("the hits Blue Lantern, Summer Rain and I'm Still Here.")
>>> [doc[a:b].text for a, b in title_list(doc, 2)]
['Blue Lantern', 'Summer Rain', "I'm Still Here"]
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from kg.extract.sents import sent_of
from kg.model import ORGANIZATION, PLACE, PRODUCTION, Mention

if TYPE_CHECKING:
    from kg.extract.context import Context

SMALL = frozenset({"of", "the", "a", "an", "and", "in", "on", "at", "to", "for", "with", "from", "by", "or", "&",
                   "my", "me", "you", "it", "your", "our", "all", "no", "up", "de", "la", "le"})
_CONNECTIVES = frozenset({"of", "the", "a", "an", "and", "in", "on", "at", "to", "for", "with", "from", "by", "or", "&"})
CONTRACTIONS = frozenset({"'s", "'ve", "'m", "'re", "'ll", "'d", "n't", "\u2019s", "\u2019ve", "\u2019m", "\u2019re",
                          "\u2019ll", "\u2019d", "n\u2019t"})
QUOTES = {"\u2018": "\u2019", "\u201c": "\u201d", '"': '"', "'": "'"}
_STOP = frozenset({",", ".", ";", ":", "(", ")", "[", "]", "\"", "\u201c", "\u201d", "\u2014", "\u2013", "--"})


def titleish(tok: Token) -> bool:
    """A word that may begin or carry on a name: capitalised or a number (*4ever*, *Unit-47*)."""
    t = tok.text
    return bool(t) and (t[0].isupper() or t[0].isdigit()) and not tok.is_punct


def _sent_end(tok: Token) -> int:
    """Where the sentence of ``tok`` ends; a break the parser makes with no full stop before it
    (*a hit with Every | Quiet Night*) does not end a name."""
    doc = tok.doc
    try:
        end = sent_of(tok).end
    except ValueError:  # a document with no sentence boundaries
        return len(doc)
    while end < len(doc) and not (doc[end - 1].is_punct or "\n" in doc[end - 1].text or doc[end - 1].is_space):
        end = sent_of(doc[end]).end
    return end


_PLACES = frozenset({"GPE", "FAC", "LOC", "DATE", "TIME", "NORP"})


def _noun_phrase_after(doc: Doc, k: int, stop: int) -> bool:
    """Whether the capitalised words from ``k`` end in a lowercase noun (*to the Arena audience*)."""
    while k < stop and titleish(doc[k]):
        k += 1
    return k < stop and doc[k].pos_ == "NOUN" and doc[k].is_lower


def name_run(doc: Doc, i: int, limit: int = 10, *, listed: bool = False) -> int:
    """End (exclusive) of the title-case name starting at token ``i``; ``i`` when none starts there.

    Small words (*of*, *the*, *I*) and contractions (*'s*, *'ve*) carry a name on only when a
    capitalised word follows; a preposition the parser hangs on a word before the name ends it
    (*played The Day I Left to the crowd*). In a list (``listed``) *and* ends a name.
    """
    if i >= len(doc):
        return i
    stop = min(_sent_end(doc[i]), i + limit, len(doc))
    j = i
    while j < stop:
        tok = doc[j]
        if tok.text in _STOP:
            break
        if titleish(tok) or j > i and tok.is_alpha and tok.is_lower and not doc[j - 1].whitespace_ \
                and titleish(doc[j - 1]) and len(tok) <= 3:
            j += 1  # ("Wan na Stay Home": a word the tokenizer split)
            continue
        if j == i or listed and tok.lower_ in ("and", "&"):
            break
        if tok.text in ("-", "!", "?", "'") and not doc[j - 1].whitespace_:
            k = j + 1
        else:
            k = j
            while k < stop and k < j + 3 and (doc[k].lower_ in SMALL or doc[k].lower_ in CONTRACTIONS):
                k += 1
        if k == j or k >= stop or not titleish(doc[k]) or tok.pos_ == "ADP" and (
                tok.head.i < i or doc[k].ent_type_ in _PLACES or doc[k].ent_type_ == "PERSON"
                or _noun_phrase_after(doc, k, stop)):
            break
        j = k
    while j > i and (doc[j - 1].lower_ in _CONNECTIVES or doc[j - 1].lower_ in CONTRACTIONS or doc[j - 1].text == "-"):
        j -= 1
    return j


def title_list(doc: Doc, i: int, limit: int = 40) -> list[tuple[int, int]]:
    """Names written as one list from token ``i``: *A, B and C* (each a :func:`name_run`)."""
    out: list[tuple[int, int]] = []
    stop = min(len(doc), i + limit)
    while i < stop:
        j = name_run(doc, i, listed=True)
        if j <= i:
            break
        out.append((i, j))
        k = j
        while k < stop and doc[k].lower_ in (",", "and", "&") and k < j + 2:
            k += 1
        if k == j or k >= stop or not titleish(doc[k]):
            break
        i = k
    return out


def gerund_subject(ctx, verb: Token) -> list[Token]:  # type: ignore[no-untyped-def]
    """*X was a singer before forming Y*: the subject of the clause a gerund after *before*, *after*,
    *since* or *while* hangs on, read on the surface where the parser broke the sentence there
    (the first subject before it, back to the last full stop)."""
    if verb.tag_ != "VBG" or verb.i == 0 or verb.doc[verb.i - 1].lower_ not in ("before", "after", "since", "while"):
        return []
    doc = verb.doc
    k = verb.i - 1
    while k > 0 and not (doc[k - 1].text in (".", "!", "?") or "\n" in doc[k - 1].text):
        k -= 1
    return [t for t in doc[k:verb.i] if t.dep_ in ("nsubj", "nsubjpass") and ctx.refer(t) is not None][:1]


def quoted_list(doc: Doc, i: int, limit: int = 40) -> list[tuple[int, int]]:
    """Quoted titles written as one list from the opening quote at token ``i``: *"A", "B" and "C"*
    (each capitalised and at most 12 tokens long)."""
    out: list[tuple[int, int]] = []
    stop = min(len(doc), i + limit)
    while i < stop and doc[i].text in QUOTES:
        close = next((k for k in range(i + 1, min(stop, i + 14)) if doc[k].text == QUOTES[doc[i].text]
                      or doc[k].text in ("\u201d", "\u2019", '"')), None)
        if close is None or close == i + 1 or not titleish(doc[i + 1]):
            break
        end = close - 1 if doc[close - 1].text in (",", ".") else close
        out.append((i + 1, end))
        k = close + 1
        while k < stop and doc[k].lower_ in (",", "and", "&") and k < close + 3:
            k += 1
        if k == close + 1:
            break
        i = k
    return out


class Named:
    """The mentions this article's rule families have established, by token (one per article)."""

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        self.ctx = ctx
        self.by_token: dict[int, Mention] = {}
        self.done: set[tuple[str, str]] = set()

    def at(self, tok: Token) -> Mention | None:
        """What a family established at ``tok``, else what mention detection found there."""
        return self.by_token.get(tok.i) or self.ctx.mention_at(tok)

    def add(self, start: int, end: int, etype: str, rule: str, conf: float, kind: str | None = None) -> Mention | None:
        """A mention of ``etype`` over tokens ``start:end``; None where a longer mention covers more."""
        doc = self.ctx.doc
        for k in range(start, end):
            old = self.by_token.get(k)
            if old is not None:
                return old if old.type == etype else None
        span = doc[start:end]
        for k in range(start, end):
            old = self.ctx.mention_at(doc[k])
            if old is not None and (old.start < span.start_char or old.end > span.end_char):
                return None  # part of a longer name (the band Queen inside a title)
        old = self.ctx.mention_at(doc[start])
        if old is not None and old.start == span.start_char and old.end == span.end_char and old.type == etype \
                and (kind is None or old.kind == kind):
            for k in range(start, end):
                self.by_token[k] = old
            return old
        m = Mention(self.ctx.document.id, span.start_char, span.end_char, span.text, etype, rule, conf, kind)
        self.ctx.mentions.append(m)
        for k in range(start, end):
            self.by_token[k] = m
        return m

    def everywhere(self, start: int, end: int, etype: str, rule: str, conf: float,
                   kind: str | None = None) -> Mention | None:
        """:meth:`add` at tokens ``start:end`` and wherever else the article writes the same name;
        the mention at ``start`` is returned."""
        doc = self.ctx.doc
        name = doc[start:end].text
        here = self.add(start, end, etype, rule, conf, kind)
        if (name, etype) in self.done or here is None:
            return here
        self.done.add((name, etype))
        for m in re.finditer(rf"(?<![\w'\u2019-]){re.escape(name)}(?![\w-]|'[a-rt-z]|\u2019[a-rt-z])", doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="strict")
            if span is not None and span.start != start:
                self.add(span.start, span.end, etype, rule, conf, kind)
        return here


def named(ctx) -> Named:  # type: ignore[no-untyped-def]
    """The article's :class:`Named` registry, made on first use."""
    reg = getattr(ctx, "_kg_named", None)
    if reg is None:
        reg = Named(ctx)
        ctx._kg_named = reg
    return reg


def possessive_before(noun: Token, stop: frozenset[str]) -> Token | None:
    """The word that says whose ``noun`` is, read on the surface (the parser often hangs the
    possessive on a title after the noun): walking back over up to four lower-case modifiers
    (*her new*, *X's latest*), the possessive pronoun or the *'s* reached, else None. Words in
    ``stop`` (pronouns) end the walk."""
    doc = noun.doc
    k = noun.i - 1
    modifier = ("ADJ", "NOUN", "NUM", "ADV", "VERB")
    while k >= 0 and k > noun.i - 7 and ((doc[k].is_alpha and doc[k].is_lower or doc[k].like_num)
                                         and doc[k].lower_ not in stop and doc[k].pos_ in modifier
                                         or doc[k].text == "-" and k > 0 and not doc[k - 1].whitespace_
                                         and not doc[k].whitespace_):
        k -= 1  # (a hyphened modifier, "best-selling", is one word of three tokens)
    return doc[k] if k >= 0 else None


def listed_after(ctx: Context, works: list[Mention], more: Callable[[int], Mention | None]) -> list[Mention]:
    """``works`` and the titles listed right after the last of them that the parse or NER left
    out (*roles in A, B and C*, *in A (2004) and B (2006)*): ``more(k)`` says what title starts at
    token ``k``; the list ends at anything that is not one."""
    doc = ctx.doc
    out = list(works)
    while out:
        span = doc.char_span(out[-1].start, out[-1].end, alignment_mode="expand")
        if span is None:
            break
        k = span.end
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 1].like_num and doc[k + 2].text == ")":
            k += 3  # a bracketed year
        if k < len(doc) and doc[k].text in ("\u201d", '"', "'", "\u2019"):
            k += 1  # a closing quote
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ("and", "or"):
            k += 2
        elif k < len(doc) and (doc[k].text == "," or doc[k].lower_ in ("and", "or", "&")):
            k += 1
        else:
            break
        if k < len(doc) and doc[k].text in ("\u201c", '"', "'", "\u2018"):
            k += 1  # an opening quote
        nxt = more(k) if k < len(doc) else None
        if nxt is None or nxt in out or nxt.start < out[-1].end:
            break
        out.append(nxt)
    return out


def sibling_title(ctx: Context, k: int) -> Mention | None:
    """The name at token ``k`` as the next title of a list of works: a production, or a name NER
    took for a place or a company (its type is settled by resolution); never a country word, a
    broadcaster or a person."""
    m = ctx.mention_at(ctx.doc[k])
    if m is None or m.ref or m.canonical or m.type not in (PRODUCTION, PLACE, ORGANIZATION) \
            or m.kind == "Broadcaster" or m.text in set(ctx.lex.broadcasters) or m.text in ctx.lex.demonyms.values():
        return None
    return m
