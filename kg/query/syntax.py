"""Oxigraph's SPARQL syntax errors made readable: where, what was expected, the line itself.

Oxigraph reports ``error at LINE:COLUMN: expected one of …`` with the grammar's character
classes spelled out. :func:`explain` keeps the position, the keywords that were expected and
Oxigraph's own words otherwise, shows the line with the spot marked, and turns "Prefix not
found" into the prefix's name and the prefixes there are.

Examples
--------
>>> print(explain("SELECT ?x WHERE {\\n  ?x foo:bar ?y }", "error at 2:13: expected one of Prefix not found, ['%']"))
SPARQL syntax error at 2:13: unknown prefix foo: declare it (PREFIX foo: <…>) or use one of kgo, kgr, …; line 2: "?x foo:bar⟨here⟩ ?y }"
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from kg.query.guard import tokens
from kg.query.prefixes import PREFIXES

__all__ = ["explain"]

_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.S)
_KEYWORD = re.compile(r"[A-Za-z][A-Za-z ]*")
MAX_LINE = 80


def explain(sparql: str, message: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """One line: ``SPARQL syntax error at L:C: what; line L: "… ⟨here⟩ …"``."""
    m = _POSITION.search(message)
    if m is None:
        return f"SPARQL syntax error: {' '.join(message.split())}"
    line_no, column = int(m.group(1)), int(m.group(2))
    what = " ".join(m.group(3).split())
    unknown = _unknown_prefix(sparql, prefixes) if "Prefix not found" in what else None
    if unknown is not None:
        some = ", ".join(list(prefixes)[:2])
        what = (f"unknown prefix {unknown}: declare it (PREFIX {unknown}: <…>) or use one of {some}, …"
                if len(prefixes) > 2 else f"unknown prefix {unknown}: declare it (PREFIX {unknown}: <…>)")
    elif what.startswith("expected"):
        head, _, alternatives = what.partition(" one of ")
        if alternatives:
            words = [a.strip() for a in alternatives.split(", ") if _KEYWORD.fullmatch(a.strip())]
            what = f"expected one of {', '.join(words)}" if words else "unexpected text"
    lines = sparql.splitlines() or [""]
    shown = ""
    if 1 <= line_no <= len(lines):
        text = lines[line_no - 1]
        cut = min(max(column - 1, 0), len(text))
        before, after = text[:cut].lstrip(), text[cut:].rstrip()
        if len(before) > MAX_LINE // 2:
            before = "…" + before[-(MAX_LINE // 2):]
        if len(after) > MAX_LINE // 2:
            after = after[: MAX_LINE // 2] + "…"
        shown = f'; line {line_no}: "{before}⟨here⟩{after}"'
    elif line_no > len(lines):
        shown = "; at the end of the query"
    return f"SPARQL syntax error at {line_no}:{column}: {what}{shown}"


def _unknown_prefix(sparql: str, prefixes: Mapping[str, str]) -> str | None:
    """The first prefix the query uses without declaring it and that kg does not predeclare."""
    toks = list(tokens(sparql))
    declared = {toks[i + 1].text[:-1] for i, t in enumerate(toks[:-1])
                if t.kind == "word" and t.text.lower() == "prefix" and toks[i + 1].kind == "pname"}
    for tok in toks:
        if tok.kind == "pname":
            prefix = tok.text.split(":", 1)[0]
            if prefix not in declared and prefix not in prefixes:
                return prefix
    return None
