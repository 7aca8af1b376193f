"""What a query may not do here: updates and ``SERVICE`` are refused before Oxigraph sees them.

Updates (``INSERT``, ``DELETE``, ``LOAD``, ``DROP``, …) because the query path is read-only, and
``SERVICE`` because Oxigraph would fetch the URL it names from the machine running kg (a
server-side request forgery in waiting). The check lexes the query the way SPARQL does:
strings, IRIs, comments, prefixed names, variables and language tags are whole tokens, and
only the bare words left are keywords, so ``"… SERVICE …"`` as a literal, ``<http://x/load>``
or ``ex:drop`` still run.

Examples
--------
>>> check_query('SELECT ?s WHERE { ?s ?p "INSERT a SERVICE" } # DROP it')
>>> check_query("DROP ALL")
Traceback (most recent call last):
...
kg.errors.QueryError: updates are refused here (DROP at 1:1): queries over kg's graphs are read-only
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from kg.errors import QueryError

__all__ = ["UPDATE_KEYWORDS", "Token", "check_query", "tokens"]

# Words that only SPARQL 1.1 Update uses; none of them is a keyword, function or operator of a query.
UPDATE_KEYWORDS = frozenset(
    {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with", "using"})

_ESCAPED = r"""\\[_~.\-!$&'()*+,;=/?#@%]"""
_PERCENT = r"%[0-9A-Fa-f]{2}"
_PN_PREFIX = r"[^\W\d_][\w.\-\u00b7]*"
_PN_LOCAL = rf"(?:[\w:]|{_PERCENT}|{_ESCAPED})(?:[\w.:\-\u00b7]|{_PERCENT}|{_ESCAPED})*"
_LEXER = re.compile(
    r"""
    (?P<ws>[\ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\r\n]|\\.)*"
              | '(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[\w][\w.\-\u00b7]*)
  | (?P<pname>(?:"""
    + _PN_PREFIX
    + r""")?:(?:"""
    + _PN_LOCAL
    + r""")?)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Token(NamedTuple):
    """One lexical token: its kind (``word``, ``iri``, ``string``, …), its text and offset."""

    kind: str
    text: str
    start: int


def tokens(sparql: str) -> Iterator[Token]:
    """The query's tokens in order, whitespace and comments left out."""
    for m in _LEXER.finditer(sparql):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield Token(kind, m.group(), m.start())


def check_query(sparql: str, *, allow_service: tuple[str, ...] = ()) -> None:
    """Raise ``QueryError`` for an update, or a ``SERVICE`` whose endpoint is not in ``allow_service``.

    An allowed endpoint must be written as a full IRI (``SERVICE <http://…>``); ``SERVICE ?var``
    and prefixed names are always refused, since what they fetch is only known at run time.
    """
    toks = list(tokens(sparql))
    for i, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        word = tok.text.lower()
        if word in UPDATE_KEYWORDS:
            raise QueryError(f"updates are refused here ({tok.text.upper()} at {_where(sparql, tok.start)}): "
                             "queries over kg's graphs are read-only")
        if word == "service":
            j = i + 1
            if j < len(toks) and toks[j].kind == "word" and toks[j].text.lower() == "silent":
                j += 1
            endpoint = toks[j].text[1:-1] if j < len(toks) and toks[j].kind == "iri" else None
            if endpoint is None or endpoint not in allow_service:
                raise QueryError(f"SERVICE is refused (at {_where(sparql, tok.start)}): it would make this "
                                 "machine fetch the URL it names; query the local graph only")


def _where(text: str, offset: int) -> str:
    """``line:column`` (both from 1) of ``offset``, as Oxigraph reports syntax errors."""
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return f"{line}:{column}"
