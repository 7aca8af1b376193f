"""SPARQL over a built graph: run a query against Oxigraph, refuse what must not run, format results.

Two kinds of query are refused before Oxigraph sees them: updates (``INSERT``, ``LOAD``,
``DROP``, …), because the query path is read-only, and ``SERVICE``, because Oxigraph would fetch
the URL it names from the machine running kg. The check reads the query's tokens with strings,
IRIs and comments removed, so a literal that merely contains the word still runs.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError
from kg.vocab import DEFAULT_BASE, ONTOLOGY_IRI

if TYPE_CHECKING:
    import pyoxigraph

FORMATS = ("table", "csv", "tsv", "json", "ttl")
PREFIXES = {
    "kgo": ONTOLOGY_IRI, "kgr": DEFAULT_BASE, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "xsd": "http://www.w3.org/2001/XMLSchema#", "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#", "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}
UPDATE_WORDS = {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"}
_NEUTRAL = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*")


def keywords(sparql: str) -> list[str]:
    """The bare words of a query, lower-cased, outside strings, IRIs and comments."""
    return re.findall(r"(?<![\w:?$])[A-Za-z]+(?![\w:])", _NEUTRAL.sub(" ", sparql))


def check_query(sparql: str, *, allow_service: tuple[str, ...] = ()) -> None:
    """Refuse updates, and ``SERVICE`` unless every endpoint it names is in ``allow_service``."""
    words = [w.lower() for w in keywords(sparql)]
    updates = sorted(set(words) & UPDATE_WORDS)
    if updates:
        raise QueryError(f"updates are refused here ({updates[0].upper()}): kg's graphs are read-only through queries")
    if "service" in words:
        named = re.findall(r"(?i)\bSERVICE\s+(?:SILENT\s+)?<([^>]*)>", re.sub(r"#[^\n]*", " ", sparql))
        if not allow_service or not named or any(u not in allow_service for u in named):
            raise QueryError("SERVICE is refused: it makes this machine fetch the URL it names; allow chosen "
                             "endpoints explicitly (--allow-service URL)")


@dataclass(frozen=True)
class QueryResult:
    """A query's answer, kind ``select``, ``ask`` or ``graph`` (CONSTRUCT / DESCRIBE).

    ``rows`` hold pyoxigraph terms (``NamedNode``, ``Literal``, ``BlankNode``) or None where a
    variable is unbound; ``triples`` hold pyoxigraph ``Triple`` objects.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Any, ...] = ()


def run_query(store: pyoxigraph.Store, sparql: str, *, use_default_graph_as_union: bool = True,
              allow_service: tuple[str, ...] = (), substitutions: dict[str, Any] | None = None) -> QueryResult:
    """Run SPARQL 1.1 over every graph of ``store`` (the union, unless asked otherwise)."""
    import pyoxigraph

    check_query(sparql, allow_service=allow_service)
    subs = {pyoxigraph.Variable(k): v for k, v in (substitutions or {}).items()}
    try:
        result = store.query(sparql, use_default_graph_as_union=use_default_graph_as_union,
                             prefixes=PREFIXES, substitutions=subs or None)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(result, pyoxigraph.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, pyoxigraph.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(sol[v] for v in variables) for sol in result)
        return QueryResult("select", variables, rows)
    return QueryResult("graph", triples=tuple(result))


def shorten(term: Any) -> str:
    """A term for people: IRIs as prefixed names, literals as their text."""
    if term is None:
        return ""
    value = term.value
    if type(term).__name__ == "NamedNode":
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if value.startswith(ns) and re.fullmatch(r"[\w./-]*", value[len(ns):]):
                return f"{prefix}:{value[len(ns):]}"
        return f"<{value}>"
    if type(term).__name__ == "BlankNode":
        return f"_:{value}"
    return value


def format_result(result: QueryResult, fmt: str = "table", *, width: int | None = None) -> str:
    """Render a result as ``table``, ``csv``, ``tsv``, ``json`` (SPARQL results JSON) or ``ttl``."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        return _graph(result, fmt)
    if fmt == "ttl":
        raise QueryError("ttl needs a CONSTRUCT or DESCRIBE query")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return ("true" if result.boolean else "false")
    if fmt == "json":
        return json.dumps(_results_json(result), ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([("" if t is None else t.value) for t in row])
        return buf.getvalue().rstrip("\n")
    return _table(result, width or shutil.get_terminal_size((120, 24)).columns)


def _results_json(result: QueryResult) -> dict[str, Any]:
    def term(t: Any) -> dict[str, str]:
        kind = type(t).__name__
        if kind == "NamedNode":
            return {"type": "uri", "value": t.value}
        if kind == "BlankNode":
            return {"type": "bnode", "value": t.value}
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out

    return {"head": {"vars": list(result.variables)},
            "results": {"bindings": [{v: term(t) for v, t in zip(result.variables, row) if t is not None}
                                     for row in result.rows]}}


def _table(result: QueryResult, width: int) -> str:
    header = list(result.variables)
    cells = [[shorten(t) for t in row] for row in result.rows]
    if not header:
        return "(no variables)"
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    budget = max(width - 2 * (len(header) - 1), 10 * len(header))
    while sum(widths) > budget and max(widths) > 10:
        i = widths.index(max(widths))
        widths[i] -= 1

    def fit(text: str, w: int) -> str:
        text = text.replace("\n", " ")
        return text if len(text) <= w else text[: w - 1] + "…"

    lines = ["  ".join(fit(h, w).ljust(w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(fit(c, w).ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def _graph(result: QueryResult, fmt: str) -> str:
    import pyoxigraph

    if fmt in ("ttl", "table"):
        data = pyoxigraph.serialize(result.triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIXES)
        return data.decode("utf-8") if data else ""
    if fmt == "json":
        data = pyoxigraph.serialize(result.triples, format=pyoxigraph.RdfFormat.JSON_LD)
        return data.decode("utf-8") if data else "[]"
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    writer.writerow(["subject", "predicate", "object"])
    for t in result.triples:
        writer.writerow([t.subject.value, t.predicate.value, t.object.value])
    return buf.getvalue().rstrip("\n")
