"""Fast sentence and token lookup for the article being read.

spaCy's ``Token.sent`` and ``Span.sent`` walk the document's sentences on every call, which made
sentence lookups most of extraction's time on long articles. The rules ask for sentences
thousands of times per article, so the sentences of the article being read are listed once and
indexed by token.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

__all__ = ["ent_at", "ents_of", "lemmas_of", "lowers_of", "sent_of", "text_of", "tokens_of", "with_lemmas"]

class _Article:
    """The article being read: its tokens, and its sentences indexed by token, made on first use.
    One article at a time, so memory stays flat."""

    doc: Doc | None = None
    tokens: list[Token] = []
    sents: list[Span] | None = None
    index: list[int] = []
    ents: list[Span] | None = None
    ent_index: list[int] = []
    text: str | None = None
    lemmas: list[str] | None = None
    lowers: list[str] | None = None
    by_lemma: dict[str, list[int]] | None = None


def _article(doc: Doc) -> type[_Article]:
    if _Article.doc is not doc:
        _Article.doc, _Article.tokens, _Article.sents, _Article.index = doc, list(doc), None, []
        _Article.ents, _Article.ent_index, _Article.text, _Article.lemmas = None, [], None, None
        _Article.lowers, _Article.by_lemma = None, None
    return _Article


def sent_of(x: Token | Span) -> Span:
    """The sentence ``x`` is in (for a span, the one it starts in): ``x.sent``, in constant time."""
    doc = x.doc
    a = _article(doc)
    if a.sents is None:
        a.sents = list(doc.sents)
        a.index = [0] * len(doc)
        for k, s in enumerate(a.sents):
            a.index[s.start:s.end] = [k] * (s.end - s.start)
    if not a.index:
        return doc[0:len(doc)]
    i = x.i if isinstance(x, Token) else x.start
    return a.sents[a.index[min(i, len(a.index) - 1)]]


def tokens_of(doc: Doc) -> list[Token]:
    """The article's tokens as one list, made once: iterating a ``Doc`` builds every ``Token``
    object anew, and the rules walk each article dozens of times."""
    return _article(doc).tokens


def text_of(doc: Doc) -> str:
    """The article's text (``doc.text``), made once: spaCy joins every token's text anew on each
    ``doc.text``.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("One two.")
    >>> text_of(doc) == doc.text
    True
    """
    a = _article(doc)
    if a.text is None:
        a.text = doc.text
    return a.text


def lemmas_of(doc: Doc) -> list[str]:
    """Every token's lemma in lower case (``tok.lemma_.lower()``), by token index, made once: the
    rules test the lemma of every token of the article, each rule anew.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Ships SAIL.")
    >>> lemmas_of(doc) == [t.lemma_.lower() for t in doc]
    True
    """
    a = _article(doc)
    if a.lemmas is None:
        a.lemmas = [t.lemma_.lower() for t in a.tokens]
    return a.lemmas


def with_lemmas(doc: Doc, lemmas: Iterable[str]) -> list[Token]:
    """The article's tokens whose lemma in lower case (as :func:`lemmas_of`) is one of ``lemmas``,
    in the article's order: a rule that reads only a few words finds them without testing every
    token (the tokens of each lemma are listed once per article).

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Ships sail; a ship sails.")
    >>> for t in doc:
    ...     t.lemma_ = {"Ships": "Ship", "sails": "sail"}.get(t.text, t.text)
    >>> [t.i for t in with_lemmas(doc, {"ship", "sail"})]
    [0, 1, 4, 5]
    """
    a = _article(doc)
    if a.by_lemma is None:
        a.by_lemma = {}
        for k, lemma in enumerate(lemmas_of(doc)):
            a.by_lemma.setdefault(lemma, []).append(k)
    toks, index = a.tokens, a.by_lemma
    return [toks[k] for k in sorted({k for lemma in lemmas for k in index.get(lemma, ())})]


def lowers_of(doc: Doc) -> list[str]:
    """Every token's text in lower case (``tok.lower_``), by token index, made once (spaCy makes
    a new string on each ``tok.lower_``).

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Ships SAIL.")
    >>> lowers_of(doc)
    ['ships', 'sail', '.']
    """
    a = _article(doc)
    if a.lowers is None:
        a.lowers = [t.lower_ for t in a.tokens]
    return a.lowers


def ents_of(doc: Doc) -> list[Span]:
    """The article's named entities (``doc.ents``), made once: spaCy builds every ``Span`` anew
    on each ``doc.ents``."""
    a = _article(doc)
    if a.ents is None:
        a.ents = list(doc.ents)
        a.ent_index = [-1] * len(doc)
        for k, e in enumerate(a.ents):
            a.ent_index[e.start:e.end] = [k] * (e.end - e.start)
    return a.ents


def ent_at(tok: Token) -> Span | None:
    """The named entity ``tok`` is part of, if any, in constant time."""
    ents = ents_of(tok.doc)
    k = _Article.ent_index[tok.i] if tok.i < len(_Article.ent_index) else -1
    return ents[k] if k >= 0 else None
