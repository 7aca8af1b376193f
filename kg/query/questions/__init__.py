"""Named questions: SPARQL queries in ``.rq`` files that answer common questions without SPARQL.

Each question is one file in this folder, ``NAME.rq``, whose leading comment block is its
docstring::

    # who-made: who made a production, and in which roles
    #
    # Free text: what the answer holds and how to read it.
    #
    # param production kgo:Production: the production, by label or IRI
    # param entity? : an optional parameter (``?``), of any class
    # example: kg ask who-made "Some Title"
    SELECT ?production ?role ?who … WHERE { ?production ?role ?who … }

A parameter is a variable of the query, projected by its SELECT (pyoxigraph substitutes only
projected variables). An argument is resolved to entities first (a label or alias, ignoring
case, or an IRI; of the parameter's class or below; see :mod:`kg.query.lookup`) and each is
bound with ``substitutions``: user text is never pasted into SPARQL. A parameter whose class
is an ``xsd:`` datatype takes the argument as a literal of that type. An optional parameter
left out stays unbound, so the query must use it only where unbound means "any" (inside
``FILTER EXISTS``). Parameter columns are left out of the answer, which repeats them
otherwise, unless an argument named several entities.

Examples
--------
>>> {"who-made", "cast", "timeline"} <= set(questions())
True
>>> questions()["who-made"].usage()
'kg ask who-made PRODUCTION'
"""
from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pyoxigraph

from kg.errors import QueryError, UsageError
from kg.query.lookup import resolve
from kg.query.prefixes import PREFIXES
from kg.query.result import QueryResult, run_query

__all__ = ["MAX_COMBINATIONS", "Param", "Question", "ask", "get_question", "parse_question", "questions"]

MAX_COMBINATIONS = 25  # runs of one question when arguments name several entities each
XSD = "http://www.w3.org/2001/XMLSchema#"
_TITLE = re.compile(r"#\s*(?P<name>[a-z][a-z0-9-]*)\s*:\s*(?P<summary>.+)")
_PARAM = re.compile(r"#\s*param\s+(?P<name>[A-Za-z_]\w*)(?P<optional>\?)?\s*(?P<cls>[\w-]*:[\w-]+)?\s*:\s*"
                    r"(?P<description>.*)")
_EXAMPLE = re.compile(r"#\s*example\s*:\s*(?P<text>.+)")


@dataclass(frozen=True)
class Param:
    """A question's parameter: its variable, the class (or datatype) an argument must name, and help."""

    name: str
    cls: str | None
    optional: bool
    description: str

    @property
    def is_literal(self) -> bool:
        return bool(self.cls and self.cls.startswith(XSD))

    def label(self) -> str:
        return f"[{self.name.upper()}]" if self.optional else self.name.upper()


@dataclass(frozen=True)
class Question:
    """A named question: its name, one-line summary, description, parameters, examples and query."""

    name: str
    summary: str
    description: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    sparql: str

    def usage(self) -> str:
        return " ".join(["kg ask", self.name, *(p.label() for p in self.params)])


def parse_question(text: str, name: str) -> Question:
    """Read a question from the text of its ``.rq`` file (``name`` is the file's stem)."""
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    title = _TITLE.fullmatch(header[0].strip()) if header else None
    if title is None or title.group("name") != name:
        raise QueryError(f"the question must start with '# {name}: what it answers'", path=f"{name}.rq", line=1)
    params: list[Param] = []
    examples: list[str] = []
    description: list[str] = []
    for number, line in enumerate(header[1:], start=2):
        if m := _PARAM.fullmatch(line.strip()):
            cls = m.group("cls")
            if cls is not None:
                prefix, _, local = cls.partition(":")
                if prefix not in PREFIXES:
                    raise QueryError(f"unknown prefix {prefix!r} in the parameter's class", path=f"{name}.rq",
                                     line=number)
                cls = PREFIXES[prefix] + local
            if not re.search(rf"(?is)\bSELECT\b[^{{]*\?{m.group('name')}\b", text):
                raise QueryError(f"parameter ?{m.group('name')} must be projected by the SELECT",
                                 path=f"{name}.rq", line=number)
            params.append(Param(m.group("name"), cls, bool(m.group("optional")), m.group("description").strip()))
        elif m := _EXAMPLE.fullmatch(line.strip()):
            examples.append(m.group("text").strip())
        else:
            description.append(line[1:].strip())
    optional_seen = False
    for p in params:
        if optional_seen and not p.optional:
            raise QueryError("a required parameter cannot follow an optional one", path=f"{name}.rq")
        optional_seen |= p.optional
    return Question(name, title.group("summary").strip(), "\n".join(description).strip(), tuple(params),
                    tuple(examples), text)


@lru_cache(maxsize=1)
def questions() -> Mapping[str, Question]:
    """Every named question, by name."""
    found: dict[str, Question] = {}
    for entry in sorted(resources.files("kg.query.questions").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_question(entry.read_text(encoding="utf-8"), name)
    return found


def get_question(name: str) -> Question:
    """The question called ``name``; a ``UsageError`` listing the questions there are otherwise."""
    known = questions()
    if name in known:
        return known[name]
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise UsageError(f"no question called {name!r}: {hint}the questions are {', '.join(known)} (kg ask --list)")


def ask(store: pyoxigraph.Store, name: str, args: Sequence[str] = ()) -> QueryResult:
    """Answer the named question with ``args`` (one per parameter; optional ones may be left out)."""
    question = get_question(name)
    required = [p for p in question.params if not p.optional]
    if not len(required) <= len(args) <= len(question.params):
        count = (f"{len(required)}" if len(required) == len(question.params)
                 else f"{len(required)} to {len(question.params)}")
        raise UsageError(f"{name} takes {count} argument{'s' if count != '1' else ''}, not {len(args)}: "
                         f"{question.usage()}")
    choices: list[list[tuple[str, Any]]] = []
    for param, arg in zip(question.params, args):
        if param.is_literal:
            choices.append([(param.name, pyoxigraph.Literal(arg, datatype=pyoxigraph.NamedNode(param.cls or "")))])
        else:
            what = param.cls.rsplit("#", 1)[-1].lower() if param.cls else param.name
            choices.append([(param.name, e.node) for e in resolve(store, arg, param.cls, what=what)])
    combinations = list(itertools.islice(itertools.product(*choices), MAX_COMBINATIONS + 1))
    if len(combinations) > MAX_COMBINATIONS:
        raise UsageError(f"the arguments name too many entities together (over {MAX_COMBINATIONS}): "
                         "be more specific, or give IRIs")
    results = [run_query(store, question.sparql, substitutions=dict(combo)) for combo in combinations]
    ambiguous = {param.name for param, options in zip(question.params, choices) if len(options) > 1}
    hidden = {p.name for p in question.params} - ambiguous
    return merge(results, hide=hidden)


def merge(results: Sequence[QueryResult], hide: set[str] = frozenset()) -> QueryResult:  # type: ignore[assignment]
    """The rows of several answers to one SELECT, in order, without repeats, without the ``hide`` columns."""
    variables = tuple(v for v in results[0].variables if v not in hide) if results else ()
    keep = [results[0].variables.index(v) for v in variables] if results else []
    rows: list[tuple[Any, ...]] = []
    seen: set[tuple[Any, ...]] = set()
    for result in results:
        for row in result.rows:
            picked = tuple(row[i] for i in keep)
            if picked not in seen:
                seen.add(picked)
                rows.append(picked)
    return QueryResult("select", variables, tuple(rows), sparql_json=_results_json(variables, rows))


def _results_json(variables: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """SPARQL 1.1 Query Results JSON for ``rows`` (what the csv, tsv and json formats are written from)."""

    def term(t: Any) -> dict[str, Any]:
        if isinstance(t, pyoxigraph.NamedNode):
            return {"type": "uri", "value": t.value}
        if isinstance(t, pyoxigraph.BlankNode):
            return {"type": "bnode", "value": t.value}
        if isinstance(t, pyoxigraph.Triple):
            return {"type": "triple", "value": {"subject": term(t.subject), "predicate": term(t.predicate),
                                                "object": term(t.object)}}
        out: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD + "string":
            out["datatype"] = t.datatype.value
        return out

    bindings = [{v: term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")
