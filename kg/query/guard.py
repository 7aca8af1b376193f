"""What a query may not do here: updates and ``SERVICE`` are refused before Oxigraph sees them.

Updates (``INSERT``, ``DELETE``, ``LOAD``, ``DROP``, …) because the query path is read-only, and
``SERVICE`` because Oxigraph would fetch the URL it names from the machine running kg (a
server-side request forgery in waiting).

The decision is made on the *parsed* query, not on words: rdflib's SPARQL 1.1 parser reads the
query whole, and a ``SERVICE`` anywhere in its parse tree is refused (unless it names, as a full
IRI, an endpoint in ``allow_service``). Two parsers may read one text two ways, so a second,
independent reading backs the first: a lexer that splits strings, IRIs, comments, prefixed names
and variables the way SPARQL does, and refuses the bare words ``SERVICE`` and the update keywords
it finds. A query is refused when *either* reading finds one; ``"… SERVICE …"`` as a literal,
``<http://x/load>`` or ``ex:drop`` still run.

A query rdflib cannot read is never run: Oxigraph could read it differently. To still give
Oxigraph's own syntax error (with its line and column), such a query is handed to Oxigraph's
parser over an empty in-memory store only when its text holds no ``service`` in any case, the
one keyword through which a query reaches the network; if Oxigraph reads it, it is refused all
the same, with rdflib's complaint.

Examples
--------
>>> check_query('SELECT ?s WHERE { ?s ?p "INSERT a SERVICE" } # DROP it')
>>> check_query("DROP ALL")
Traceback (most recent call last):
...
kg.errors.QueryError: updates are refused here (DROP at 1:1): queries over kg's graphs are read-only
>>> check_query("SELECT * WHERE { FILTER(1<2)SERVICE#>\\n<http://127.0.0.1:9/x> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.QueryError: SERVICE is refused (at 1:29): it would make this machine fetch the URL it names; query the local graph only
"""
from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from typing import Any, NamedTuple

from kg.errors import QueryError

__all__ = ["UPDATE_KEYWORDS", "Token", "check_query", "tokens"]

# Words that only SPARQL 1.1 Update uses; none of them is a keyword, function or operator of a query.
UPDATE_KEYWORDS = frozenset(
    {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with", "using"})
# rdflib's names for the parts of an update request (rdflib.plugins.sparql.parser)
_UPDATE_PARTS = frozenset({"Load", "Clear", "Drop", "Create", "Add", "Move", "Copy", "InsertData", "DeleteData",
                           "DeleteWhere", "Modify"})
_ANY_SERVICE = re.compile(r"service", re.IGNORECASE)
_TOO_DEEP = "the query is nested too deeply"

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
    """Raise ``QueryError`` for an update, a ``SERVICE`` whose endpoint is not in ``allow_service``,
    or a query rdflib's SPARQL 1.1 parser cannot read (a syntax error, as Oxigraph words it where
    that is safe to ask).

    An allowed endpoint must be written as a full IRI (``SERVICE <http://…>``); ``SERVICE ?var``
    and prefixed names are always refused, since what they fetch is only known at run time.
    """
    _check(sparql, tuple(allow_service))


@functools.lru_cache(maxsize=256)  # kg's own queries (views, why, lookup) are checked once each
def _check(sparql: str, allow_service: tuple[str, ...]) -> None:
    _check_words(sparql, allow_service)
    tree, complaint = _parse(sparql)
    if tree is None:
        if _ANY_SERVICE.search(sparql):
            raise _service_refused(sparql)  # what rdflib cannot read may hide a SERVICE: Oxigraph never sees it
        if complaint != _TOO_DEEP:  # Oxigraph's parser overflows its stack on those
            _oxigraph_syntax(sparql)
        raise QueryError(f"SPARQL that kg's check (rdflib's SPARQL 1.1 parser) cannot read is not run: {complaint}")
    for node in _nodes(tree):
        name = getattr(node, "name", None)
        if name in _UPDATE_PARTS:
            raise QueryError("updates are refused here: queries over kg's graphs are read-only")
        if name == "ServiceGraphPattern":
            endpoint = dict.get(node, "term")
            if not (_is_iri(endpoint) and str(endpoint) in allow_service):
                raise _service_refused(sparql)


def _check_words(sparql: str, allow_service: tuple[str, ...]) -> None:
    """The lexer's reading: a bare update keyword or ``SERVICE`` (to an endpoint not allowed) is refused."""
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
                raise _service_refused(sparql, tok.start)


def _service_refused(sparql: str, offset: int | None = None) -> QueryError:
    if offset is None:
        found = _ANY_SERVICE.search(sparql)
        offset = found.start() if found else 0
    return QueryError(f"SERVICE is refused (at {_where(sparql, offset)}): it would make this machine fetch the "
                      "URL it names; query the local graph only")


def _parse(sparql: str) -> tuple[Any, str]:
    """rdflib's parse tree of the query, or None and why it could not read it.

    The parse runs on a thread of its own: pyparsing leaves cycles of exceptions behind whose
    tracebacks hold every frame below them, and from a caller's frame they would keep its locals
    (a store's answer, which pyoxigraph wants dropped by the thread that made it) until the
    garbage collector frees them, on whatever thread it runs.
    """
    box: dict[str, tuple[Any, str]] = {}
    thread = threading.Thread(target=lambda: box.update(parsed=_parse_here(sparql)), name="kg-sparql-parse")
    thread.start()
    thread.join()
    return box.get("parsed", (None, "the query could not be read"))


def _parse_here(sparql: str) -> tuple[Any, str]:
    from pyparsing import ParseBaseException, ParserElement
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return parseQuery(sparql), ""
    except ParseBaseException as exc:
        return None, f"{exc.msg} at {exc.lineno}:{exc.col}"
    except RecursionError:
        return None, _TOO_DEEP
    except Exception as exc:  # noqa: BLE001 - whatever rdflib raises, the query is not run
        return None, " ".join(str(exc).split()) or type(exc).__name__
    finally:
        # pyparsing's packrat cache keeps the exceptions it met, their tracebacks, and through them
        # the caller's frames and locals (a store's answer, which must be dropped where it was made)
        ParserElement.reset_cache()


def _oxigraph_syntax(sparql: str) -> None:
    """Raise Oxigraph's syntax error for ``sparql`` (which holds no SERVICE), read over an empty store."""
    import pyoxigraph

    from kg.query.prefixes import PREFIXES
    from kg.query.syntax import explain

    try:
        answer = pyoxigraph.Store().query(sparql, prefixes=dict(PREFIXES))
    except SyntaxError as exc:
        raise QueryError(explain(sparql, str(exc))) from None
    except (OSError, RuntimeError, ValueError):
        return
    del answer


def _nodes(tree: Any) -> Iterator[Any]:
    """Every node of rdflib's parse tree (CompValues, lists, terms), without recursion."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):  # CompValue is an OrderedDict
            stack.extend(dict.values(node))
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(node)


def _is_iri(term: Any) -> bool:
    from rdflib import URIRef

    return isinstance(term, URIRef)


def _where(text: str, offset: int) -> str:
    """``line:column`` (both from 1) of ``offset``, as Oxigraph reports syntax errors."""
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return f"{line}:{column}"
