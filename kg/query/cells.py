"""Spreadsheet-safe cells: no formula injection through CSV.

A spreadsheet that opens a CSV file runs a cell starting with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or carriage return) as a formula, so an article saying ``=HYPERLINK("http://…")``
would turn a label into a live link or worse (OWASP "CSV injection"). Every CSV kg writes passes
its cells through :func:`neutralise`, which puts an apostrophe before such a cell — the mark
spreadsheets themselves use for "text, not a formula" — unless the cell is a plain number such
as ``-3`` or ``+1.5``, which no spreadsheet reads as anything else.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["neutralise", "neutralise_csv", "neutralise_tsv", "write_rows"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# a SPARQL TSV literal: its lexical form in quotes, then a language tag or a datatype
_TSV_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"(.*)', re.DOTALL)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(cell: Any) -> Any:
    """``cell`` unchanged, or with an apostrophe in front when a spreadsheet would run it."""
    if isinstance(cell, str) and cell.startswith(_TRIGGERS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def write_rows(rows: Iterable[Sequence[Any]], *, delimiter: str = ",") -> str:
    """Rows (the header first) as CSV text with every cell neutralised.

    Lines end in CRLF as RFC 4180 has it, which also makes the writer quote a cell holding a lone
    carriage return (with ``\\n`` alone it would not, and the row would break in other readers).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([neutralise(c) for c in row] for row in rows)
    return buffer.getvalue()


def neutralise_csv(text: str) -> str:
    """CSV text (as a SPARQL results serialiser wrote it) rewritten with every cell neutralised.

    Untouched when no cell needs it, so the serialiser's own quoting and line ends stay as they were.
    """
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(neutralise(c) is not c for row in rows for c in row):
        return text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([neutralise(c) for c in row] for row in rows)
    return buffer.getvalue()


def neutralise_tsv(text: str) -> str:
    """SPARQL results TSV rewritten so that no cell is a formula to a spreadsheet.

    TSV cells are terms in SPARQL's syntax (``"text"@en``, ``<iri>``, ``42``); a spreadsheet drops
    a literal's quotes and would run ``"=HYPERLINK(…)"`` as a formula, so an apostrophe goes in
    front of such a literal's text, inside its quotes (``"'=HYPERLINK(…)"``). Numbers, IRIs and
    blank nodes are left as they are; text needing nothing is returned untouched.

    >>> neutralise_tsv('?a\\t?n\\n"=1+1"@en\\t-3\\n"plain"\\t"+2"\\n').split("\\n")
    ['?a\\t?n', '"\\'=1+1"@en\\t-3', '"plain"\\t"+2"', '']
    """
    changed = False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        for j, cell in enumerate(cells):
            m = _TSV_LITERAL.fullmatch(cell)
            if m and neutralise(m.group(1)) != m.group(1):
                cells[j] = f'"\'{m.group(1)}"{m.group(2)}'
                changed = True
        lines[i] = "\t".join(cells)
    return "\n".join(lines) if changed else text
