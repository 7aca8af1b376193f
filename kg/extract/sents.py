"""Fast sentence and token lookup for the article being read.

spaCy's ``Token.sent`` and ``Span.sent`` walk the document's sentences on every call, which made
sentence lookups most of extraction's time on long articles. The rules ask for sentences
thousands of times per article, so the sentences of the article being read are listed once and
indexed by token.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

__all__ = ["sent_of", "tokens_of"]

class _Article:
    """The article being read: its tokens, and its sentences indexed by token, made on first use.
    One article at a time, so memory stays flat."""

    doc: Doc | None = None
    tokens: list[Token] = []
    sents: list[Span] | None = None
    index: list[int] = []


def _article(doc: Doc) -> type[_Article]:
    if _Article.doc is not doc:
        _Article.doc, _Article.tokens, _Article.sents, _Article.index = doc, list(doc), None, []
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
