"""A query's answer as text: ``table`` for people; csv, tsv, json, xml, ttl, nt, jsonld for programs.

The machine formats are written by pyoxigraph's own serialisers: SPARQL 1.1 Query Results
CSV, TSV, JSON and XML for SELECT and ASK; Turtle, N-Triples, JSON-LD and RDF/XML for CONSTRUCT
and DESCRIBE (whose csv and tsv are the triples as ``subject, predicate, object`` solutions,
and whose json is JSON-LD). CSV cells a spreadsheet would run as formulas are neutralised
(:mod:`kg.query.cells`), in TSV inside a literal's quotes, since TSV keeps SPARQL's N-Triples
term syntax for programs. Turtle and RDF/XML use the known prefixes that keep names plain.
Every format ends with a newline.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pyoxigraph
from rich.cells import cell_len, set_cell_size

from kg.errors import QueryError
from kg.query.cells import neutralise_csv, neutralise_tsv
from kg.query.prefixes import prefixes_for, shorten_iri
from kg.query.result import QueryResult

__all__ = ["FORMATS", "check_format", "format_result", "render_term"]

_RESULTS_FORMATS = {"csv": pyoxigraph.QueryResultsFormat.CSV, "tsv": pyoxigraph.QueryResultsFormat.TSV,
                    "xml": pyoxigraph.QueryResultsFormat.XML,
                    "json": pyoxigraph.QueryResultsFormat.JSON}
_NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong")}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
MIN_CELL = 4  # a column is never truncated below this many cells (3 characters and "…")
GAP = "  "


def _table(result: QueryResult, fmt: str, width: int | None) -> str:
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        header: Sequence[str] = ("subject", "predicate", "object")
        rows: Sequence[Sequence[object]] = [(t.subject, t.predicate, t.object) for t in result.triples]
        noun = "triple"
    else:
        header, rows, noun = result.variables, result.rows, "row"
    footer = f"({len(rows)} {noun}{'' if len(rows) == 1 else 's'})\n"
    if not header:
        return footer
    cells = [[render_term(term) for term in row] for row in rows]
    numeric = [bool(rows) and all(_is_number(row[i]) for row in rows) for i in range(len(header))]
    natural = [max([cell_len(h), *(cell_len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    widths = _fit(natural, None if width is None else width - len(GAP) * (len(header) - 1))

    def line(values: Sequence[str], right: Sequence[bool]) -> str:
        parts = [_pad(_truncate(v, w), w, r) for v, w, r in zip(values, widths, right)]
        return GAP.join(parts).rstrip()

    left = [False] * len(header)
    out = [line(header, left), GAP.join("-" * w for w in widths)]
    out += [line(row, numeric) for row in cells]
    return "\n".join(out) + "\n" + footer


def _results(result: QueryResult, fmt: str, width: int | None) -> str:
    if result.kind == "graph":
        return _graph_as_solutions(result, fmt)
    if not result.sparql_json:
        raise ValueError("this QueryResult has no sparql_json: results to format come from run_query")
    if fmt == "json":
        data = result.sparql_json
    else:
        parsed = pyoxigraph.parse_query_results(result.sparql_json, format=_RESULTS_FORMATS["json"])
        data = parsed.serialize(format=_RESULTS_FORMATS[fmt])
    return _neutralised(_text(data), fmt)


_GRAPH_FORMATS = {"ttl": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
                  "jsonld": pyoxigraph.RdfFormat.JSON_LD, "xml": pyoxigraph.RdfFormat.RDF_XML}


def _graph(result: QueryResult, fmt: str, width: int | None) -> str:
    """CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML; SELECT/ASK as SPARQL results XML."""
    if result.kind != "graph":
        if fmt == "xml":
            return _results(result, fmt, width)
        raise QueryError(f"{fmt} needs a CONSTRUCT or DESCRIBE query; SELECT and ASK answers are table, csv, tsv, "
                         "json or xml")
    rdf_format = _GRAPH_FORMATS[fmt]
    prefixes = None
    if rdf_format in (pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.RDF_XML):
        used = [iri for triple in result.triples for term in (triple.subject, triple.predicate, triple.object)
                for iri in _iris(term)]
        prefixes = prefixes_for(used)
    data = pyoxigraph.serialize(result.triples, format=rdf_format, prefixes=prefixes)
    return _text(data or (b"[]" if fmt == "jsonld" else b""))


def _graph_as_solutions(result: QueryResult, fmt: str) -> str:
    """CONSTRUCT/DESCRIBE in a results format: JSON-LD for json, else one solution per triple."""
    if fmt == "json":
        return _text(pyoxigraph.serialize(result.triples, format=pyoxigraph.RdfFormat.JSON_LD) or b"[]")
    scratch = pyoxigraph.Store()
    scratch.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in result.triples)
    solutions = scratch.query("SELECT ?subject ?predicate ?object WHERE { ?subject ?predicate ?object } "
                              "ORDER BY ?subject ?predicate ?object")
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return _neutralised(_text(solutions.serialize(format=_RESULTS_FORMATS[fmt])), fmt)


def _neutralised(text: str, fmt: str) -> str:
    """CSV and TSV with no cell a spreadsheet would run as a formula (:mod:`kg.query.cells`)."""
    if fmt == "csv":
        return neutralise_csv(text)
    if fmt == "tsv":
        return neutralise_tsv(text)
    return text


_FORMATTERS: dict[str, Callable[[QueryResult, str, int | None], str]] = {
    "table": _table,
    "csv": _results,
    "tsv": _results,
    "json": _results,
    "xml": _graph,
    "ttl": _graph,
    "nt": _graph,
    "jsonld": _graph,
}
FORMATS: tuple[str, ...] = tuple(_FORMATTERS)


def format_result(result: QueryResult, fmt: str = "table", *, width: int | None = None) -> str:
    """Render ``result`` as ``table``, ``csv``, ``tsv``, ``json``, ``xml``, ``ttl``, ``nt`` or ``jsonld``.

    ``table`` aligns columns, shortens IRIs with :data:`kg.query.PREFIXES` and, given a
    ``width`` (a terminal's columns), truncates the longest cells with "…" until rows fit;
    without one nothing is cut. ``xml`` is SPARQL results XML for SELECT and ASK, RDF/XML for
    CONSTRUCT and DESCRIBE; ``ttl``, ``nt`` and ``jsonld`` need a CONSTRUCT or DESCRIBE. An unknown
    ``fmt`` raises ``QueryError`` listing the valid ones.
    """
    check_format(fmt)
    return _FORMATTERS[fmt](result, fmt, width)


def check_format(fmt: str) -> None:
    """Raise ``QueryError`` listing the valid formats unless ``fmt`` is one of them."""
    if fmt not in _FORMATTERS:
        raise QueryError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def render_term(term: object) -> str:
    """A term for people: prefixed names or ``<iri>``, literals as their text, ``_:id``, ``<< s p o >>``."""
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode):
        return shorten_iri(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.Triple):
        return f"<< {render_term(term.subject)} {render_term(term.predicate)} {render_term(term.object)} >>"
    if isinstance(term, pyoxigraph.Literal):
        return _CONTROL.sub(" ", term.value)  # no newlines or terminal escapes from the data
    return _CONTROL.sub(" ", str(term))


def _iris(term: object) -> list[str]:
    """The IRIs a term writes out in Turtle: itself, a literal's datatype, a triple term's parts."""
    if isinstance(term, pyoxigraph.NamedNode):
        return [term.value]
    if isinstance(term, pyoxigraph.Literal):
        return [term.datatype.value]
    if isinstance(term, pyoxigraph.Triple):
        return [iri for part in (term.subject, term.predicate, term.object) for iri in _iris(part)]
    return []


def _is_number(term: object) -> bool:
    return term is None or (isinstance(term, pyoxigraph.Literal) and term.datatype.value in _NUMERIC)


def _fit(natural: list[int], budget: int | None) -> list[int]:
    """Column widths that fit ``budget`` cells: the widest columns give way first, to ``MIN_CELL``."""
    if budget is None or sum(natural) <= budget:
        return natural
    floor = [min(w, MIN_CELL) for w in natural]
    if sum(floor) >= budget:
        return floor  # too many columns for the width: keep them readable and let lines run over
    # the largest cap c with sum(min(w, max(c, floor))) <= budget, found by bisection
    lo, hi = MIN_CELL, max(natural)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(min(w, mid) for w in natural) <= budget:
            lo = mid
        else:
            hi = mid - 1
    widths = [min(w, lo) for w in natural]
    spare = budget - sum(widths)
    for i, w in enumerate(natural):  # hand out what is left, one cell each, left to right
        if spare and w > widths[i]:
            widths[i] += 1
            spare -= 1
    return widths


def _truncate(text: str, width: int) -> str:
    return text if cell_len(text) <= width else set_cell_size(text, width - 1).rstrip() + "…"


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(width - cell_len(text), 0)
    return space + text if right else text + space


def _text(data: bytes | None) -> str:
    text = (data or b"").decode("utf-8")
    return text if not text or text.endswith("\n") else text + "\n"
