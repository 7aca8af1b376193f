"""Fast sentence and token lookup for the article being read.

spaCy's ``Token.sent`` and ``Span.sent`` walk the document's sentences on every call, which made
sentence lookups most of extraction's time on long articles. The rules ask for sentences
thousands of times per article, so the sentences of the article being read are listed once and
indexed by token.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

__all__ = ["sent_of", "tokens_of"]

# the article being read and its sentences: one at a time, so memory stays flat
_last: list = [None, None]
_tokens: list = [None, []]


def _index(doc: Doc) -> tuple[list[Span], list[int]]:
    if _last[0] is not doc:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for k, s in enumerate(sents):
            index[s.start:s.end] = [k] * (s.end - s.start)
        _last[0], _last[1] = doc, (sents, index)
    return _last[1]


def sent_of(x: Token | Span) -> Span:
    """The sentence ``x`` is in (for a span, the one it starts in): ``x.sent``, in constant time."""
    doc = x.doc
    sents, index = _index(doc)
    i = x.i if isinstance(x, Token) else x.start
    if not sents:
        return doc[0:len(doc)]
    return sents[index[min(i, len(index) - 1)]] if index else sents[0]


def tokens_of(doc: Doc) -> list[Token]:
    """The article's tokens as one list, made once: iterating a ``Doc`` builds every ``Token``
    object anew, and the rules walk each article dozens of times."""
    if _tokens[0] is not doc:
        _tokens[0], _tokens[1] = doc, list(doc)
    return _tokens[1]
