"""The graph page's data: a built graph reduced to what the page draws and explains.

:func:`graph_view` reads the RDF shape of ``docs/design.md`` (entities and facts in the default
graph, one named graph of statement nodes per article) and returns plain JSON-able data:

* ``nodes``: every entity (Person, Organization, Group, Production, Award, Place and their
  subclasses), occupations as small value nodes, and statistics and events as small labelled
  nodes (``"23,000,000 accounts · --06-25"``, ``"arrest · 1989-04"``);
* ``edges``: the facts between drawn nodes, merged per ordered pair and labelled by property;
  a role with a character name becomes the label ``"cast member (as Detective Smith)"``;
* ``evidence``: one record per statement node, its sentence already split around the evidence
  span (Python counts code points, JavaScript UTF-16 units, so the split is done here);
* ``articles``, ``classes`` (the legend) and ``timeline`` (dated events, statistics and facts).

Everything is sorted, so the same dataset always gives the same data.

The graph comes as ``kg.rdf.Quads`` (what a build makes) or an rdflib ``Dataset`` or ``Graph``;
either is read into plain Python terms first (:class:`Iri`, :class:`Blank`, :class:`Lit`), which
hash and compare as strings and tuples do, so the reader spends its time on the page and not on
term objects.

Examples
--------
>>> from rdflib import Dataset, Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> from kg.vocab import KGO
>>> ds = Dataset()
>>> show = URIRef("https://w3id.org/kg/id/production/the-show")
>>> jane = URIRef("https://w3id.org/kg/id/person/jane-doe")
>>> for triple in [(show, RDF.type, KGO.Miniseries), (show, RDFS.label, Literal("The Show")),
...                (jane, RDF.type, KGO.Person), (show, KGO.director, jane)]:
...     _ = ds.default_graph.add(triple)
>>> view = graph_view(ds)
>>> [n["label"] for n in view["nodes"]]
['jane doe', 'The Show']
>>> view["edges"][0]["label"]
'director'
"""
from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from typing import NamedTuple

from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.vocab import KGO, SCHEMA, Terms


class Iri(str):
    """An IRI: the text of the IRI."""

    __slots__ = ()


class Blank(str):
    """A blank node: its label."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal: lexical form, datatype IRI (None for a plain string) and language tag."""

    text: str
    datatype: str | None = None
    language: str | None = None

    def __str__(self) -> str:
        return self.text


Node = Iri | Blank | Lit


OWL, PROV, RDF, RDFS, SKOS, XSD, KGO, SCHEMA = (  # type: ignore[misc]
    Terms(ns, Iri) for ns in (OWL, PROV, RDF, RDFS, SKOS, XSD, KGO, SCHEMA))

__all__ = ["CATEGORIES", "graph_view", "words"]

# The legend: category id → (shape, fill, border). Okabe–Ito colours, which stay apart for the
# common kinds of colour blindness; each category also has its own shape.
CATEGORIES: dict[str, tuple[str, str, str]] = {
    "Person": ("dot", "#56B4E9", "#1f6f9c"),
    "Organization": ("square", "#E69F00", "#8a5f00"),
    "Group": ("hexagon", "#CC79A7", "#8a3f6e"),
    "Production": ("diamond", "#009E73", "#00664a"),
    "Award": ("star", "#F0E442", "#9a9000"),
    "Place": ("triangle", "#0072B2", "#004a75"),
    "Occupation": ("dot", "#bdbdbd", "#7a7a7a"),
    "Statistic": ("box", "#fde2cc", "#D55E00"),
    "Event": ("ellipse", "#e3dcff", "#6a4fd8"),
}
ENTITY_CATEGORIES = ("Person", "Organization", "Group", "Production", "Award", "Place")
ROOTS: dict[Iri, str] = {
    KGO.Person: "Person",
    KGO.Organization: "Organization",
    KGO.Group: "Group",
    KGO.Production: "Production",
    KGO.Award: "Award",
    KGO.Place: "Place",
    KGO.Occupation: "Occupation",
    KGO.Statistic: "Statistic",
    KGO.Event: "Event",
    KGO.Role: "Role",
}
# The class tree of docs/design.md; rdfs:subClassOf triples in the dataset extend it.
PARENTS: dict[Iri, Iri] = {
    KGO.Broadcaster: KGO.Organization,
    KGO.ProductionCompany: KGO.Organization,
    KGO.Publisher: KGO.Organization,
    KGO.RecordLabel: KGO.Organization,
    KGO.Series: KGO.Production,
    KGO.Miniseries: KGO.Series,
    KGO.Film: KGO.Production,
    KGO.Documentary: KGO.Film,
    KGO.Episode: KGO.Production,
    KGO.Song: KGO.Production,
    KGO.Album: KGO.Production,
    KGO.Book: KGO.Production,
    KGO.Country: KGO.Place,
    **{
        cls: KGO.Event
        for cls in (
            KGO.Premiere, KGO.Release, KGO.Arrest, KGO.Trial, KGO.Conviction,
            KGO.Exoneration, KGO.Settlement, KGO.AwardWin, KGO.AwardNomination,
        )
    },
}
# Predicates that name or type a node rather than state a fact about it.
NAMING = {RDF.type, RDFS.label, SKOS.altLabel, SKOS.prefLabel, RDFS.comment, OWL.sameAs}
DATE_TYPES = {XSD.date, XSD.dateTime, XSD.gYear, XSD.gYearMonth, XSD.gMonthDay}
INVERSE_LINKS = {"of", "in", "for", "about", "by", "from", "on", "to", "with", "at"}


def words(name: str) -> str:
    """A camelCase local name as lower-case words: ``castMember`` → ``"cast member"``.

    Examples
    --------
    >>> words("originalBroadcaster"), words("CastMemberRole"), words("numberOfEpisodes")
    ('original broadcaster', 'cast member role', 'number of episodes')
    """
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name)
    return re.sub(r"[\s_]+", " ", spaced).strip().lower()


def local_name(term: Node) -> str:
    """The last segment of an IRI (after ``#`` or ``/``)."""
    text = str(term)
    for sep in ("#", "/"):
        if sep in text.rstrip(sep):
            text = text.rstrip(sep).rsplit(sep, 1)[1]
    return text


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _quads(data: Any) -> Iterator[tuple[Node, Iri, Node, Node | None]]:
    """Every triple with the graph it sits in (``None`` for the default graph or a plain graph),
    as plain terms."""
    if hasattr(data, "tuples"):  # kg.rdf.Quads: Oxigraph terms
        import pyoxigraph

        seen: dict[Any, Node] = {}

        def plain(t: Any) -> Node:
            if (done := seen.get(t)) is not None:
                return done
            if isinstance(t, pyoxigraph.NamedNode):
                out: Node = Iri(t.value)
            elif isinstance(t, pyoxigraph.Literal):
                dt = t.datatype.value
                out = Lit(t.value, None if dt == _XSD_STRING or t.language else dt, t.language)
            else:
                out = Blank(t.value)
            seen[t] = out
            return out

        for s, p, o, g in data.tuples():
            yield plain(s), plain(p), plain(o), None if isinstance(g, pyoxigraph.DefaultGraph) else plain(g)
        return
    from rdflib import BNode, Graph, Literal, URIRef

    converted: dict[Any, Node] = {}

    def from_rdflib(t: Any) -> Node:
        if (done := converted.get(t)) is not None:
            return done
        if isinstance(t, URIRef):
            out: Node = Iri(t)
        elif isinstance(t, Literal):
            out = Lit(str(t), str(t.datatype) if t.datatype is not None and str(t.datatype) != _XSD_STRING else None,
                      t.language or None)
        elif isinstance(t, BNode):
            out = Blank(t)
        else:
            out = Iri(str(t))
        converted[t] = out
        return out

    if hasattr(data, "quads"):  # Dataset (and ConjunctiveGraph): every graph, named ones too
        for s, p, o, g in data.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            yield from_rdflib(s), from_rdflib(p), from_rdflib(o), None if name is None else from_rdflib(name)
    else:
        for s, p, o in data.triples((None, None, None)):
            yield from_rdflib(s), from_rdflib(p), from_rdflib(o), None


def _best_literal(values: Iterable[Node]) -> str | None:
    """The English (or untagged) literal first, then any other; ties broken by text."""
    lits = [v for v in values if isinstance(v, Lit)]
    if not lits:
        return None
    lits.sort(key=lambda v: (0 if v.language in (None, "en") or str(v.language).startswith("en-") else 1, str(v)))
    return str(lits[0])


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Node | None) -> int | None:
    if isinstance(value, Lit):
        try:
            return int(str(value))
        except ValueError:
            return None
    return None


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
                                "unsignedShort", "unsignedByte")}


def literal_value(lit: Lit) -> Any:
    """A literal's value as Python reads it: numbers by their datatype, ``True``/``False``, else
    the text (and the text too where the form does not fit its datatype).

    >>> literal_value(Lit("007", _XSD + "integer")), literal_value(Lit("1.50", _XSD + "decimal"))
    (7, Decimal('1.50'))
    >>> literal_value(Lit("true", _XSD + "boolean")), literal_value(Lit("n/a", _XSD + "integer"))
    (True, 'n/a')
    """
    dt = lit.datatype
    try:
        if dt in _INTEGERS:
            return int(lit.text)
        if dt == _XSD + "decimal":
            return Decimal(lit.text)
        if dt in (_XSD + "double", _XSD + "float"):
            return float(lit.text)
    except (ValueError, ArithmeticError):
        return lit.text
    if dt == _XSD + "boolean" and lit.text in ("true", "false", "1", "0"):
        return lit.text in ("true", "1")
    return lit.text


def format_literal(lit: Lit) -> str:
    """A literal as a reader expects it: ``23000000`` → ``"23,000,000"``, dates as written."""
    if lit.datatype in DATE_TYPES:
        return str(lit)
    value = literal_value(lit)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        return format(value, ",f") if abs(value) >= 1000 else str(value)
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:.6g}"
    return str(lit)


def date_key(text: str) -> tuple[int, int, int, int, str]:
    """Sort key for ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD[T…]`` and year-less ``--MM-DD``."""
    m = re.match(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if m:
        return (0, int(m[1]), int(m[2] or 0), int(m[3] or 0), text)
    m = re.match(r"^--(\d{2})-(\d{2})", text)
    if m:
        return (1, 0, int(m[1]), int(m[2]), text)
    return (2, 0, 0, 0, text)


@dataclass
class _Statement:
    iri: str
    graph: Node | None
    props: dict[Node, list[Node]] = field(default_factory=lambda: defaultdict(list))

    def one(self, pred: Node) -> Node | None:
        values = sorted(self.props.get(pred, []), key=str)
        return values[0] if values else None


@dataclass
class _Fact:
    """One fact between two drawn nodes (or a node and a value), with its evidence."""

    label: str
    prop: str
    evidence: list[int]
    characters: list[str] = field(default_factory=list)
    value: str | None = None
    date: str | None = None


class _Reader:
    """One dataset indexed: statement nodes apart, every other triple by subject and predicate."""

    def __init__(self, data: Any) -> None:
        quads = list(_quads(data))
        statement_ids = {s for s, p, o, g in quads if p == RDF.subject} | {
            s for s, p, o, g in quads if p == RDF.type and o == KGO.Statement
        }
        self.statements: dict[Node, _Statement] = {}
        triples: set[tuple[Node, Node, Node]] = set()
        for s, p, o, g in quads:
            if s in statement_ids:
                if (st := self.statements.get(s)) is None:
                    st = self.statements[s] = _Statement(str(s), g)
                st.props[p].append(o)  # a statement node lives in one graph: its triples are distinct
            else:
                triples.add((s, p, o))

        def key(t: tuple[Node, Node, Node]) -> tuple[str, str, int, str, str, str]:
            o = t[2]
            if isinstance(o, Lit):
                return t[0], t[1], 1, o.text, o.datatype or "", o.language or ""
            return t[0], t[1], 0 if isinstance(o, Iri) else 2, o, "", ""

        self.props: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in sorted(triples, key=key):
            self.props[s][p].append(o)
        self.parents = dict(PARENTS)
        subclasses = [(s, o) for s, p, o in triples if p == RDFS.subClassOf and isinstance(s, Iri) and isinstance(o, Iri)]
        for s, o in sorted(subclasses):
            if s not in self.parents and s not in ROOTS:
                self.parents[s] = o

    # --- names -------------------------------------------------------------------------------
    def label_of(self, term: Node) -> str | None:
        return _best_literal(self.props.get(term, {}).get(RDFS.label, []))

    def term_label(self, term: Node) -> str:
        """A property's or class's label: ``rdfs:label`` from the ontology, else its words."""
        return self.label_of(term) or words(local_name(term))

    def class_label(self, cls: Node) -> str:
        text = self.term_label(cls)
        return text[:1].upper() + text[1:]

    def category(self, cls: Node) -> tuple[str | None, int]:
        """The legend category of a class and its depth below it (deeper is more specific)."""
        seen: set[Node] = set()
        depth = 0
        while cls not in ROOTS:
            if cls in seen or cls not in self.parents:
                return None, 0
            seen.add(cls)
            cls = self.parents[cls]
            depth += 1
        return ROOTS[cls], depth

    def typing(self, node: Node) -> tuple[str | None, Node | None]:
        """The node's category and its most specific class in that category.

        Entity categories win over n-ary ones, then the deepest class, then the IRI.
        """
        best: tuple[tuple[int, int, str], str, Node] | None = None
        for cls in self.props.get(node, {}).get(RDF.type, []):
            cat, depth = self.category(cls)
            if cat is None:
                continue
            key = (list(ROOTS.values()).index(cat), -depth, str(cls))
            if best is None or key < best[0]:
                best = (key, cat, cls)
        return (best[1], best[2]) if best else (None, None)

    # --- evidence ------------------------------------------------------------------------------
    def article_of(self, st: _Statement) -> Node | None:
        return st.one(KGO.article) or st.one(PROV.wasDerivedFrom) or st.graph


_WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\)")


def shareable_sources(sources: Iterable[str]) -> dict[str, str]:
    """How the page names each article's source path: as it was given, unless that names places
    on the machine that built it. Absolute paths (POSIX or Windows), and relative ones that climb
    out with ``..``, are shown relative to the folder they all share, so a page meant to be shared
    says ``politics/a.txt``, not ``/home/alice/news/politics/a.txt``.

    Examples
    --------
    >>> shown = shareable_sources(["/home/alice/news/a.txt", "/home/alice/news/politics/b.jsonl:3",
    ...                            "sources/c.txt", "../../srv/d.html", r"C:\\Users\\bob\\e.txt"])
    >>> [shown[s] for s in sorted(shown)]
    ['d.html', 'a.txt', 'politics/b.jsonl:3', 'e.txt', 'sources/c.txt']
    """
    from pathlib import PurePath, PurePosixPath, PureWindowsPath

    groups: dict[str, list[tuple[str, PurePath]]] = defaultdict(list)
    shown: dict[str, str] = {}
    for source in dict.fromkeys(sources):
        path: PurePath = PureWindowsPath(source) if _WINDOWS_PATH.match(source) else PurePosixPath(source)
        if path.is_absolute():
            groups[f"{type(path).__name__} absolute"].append((source, path))
        elif path.parts[:1] == ("..",):
            groups[f"{type(path).__name__} up"].append((source, path))
        else:
            shown[source] = source
    for members in groups.values():
        common = members[0][1].parent.parts
        for _, path in members[1:]:
            parts = path.parent.parts
            n = 0
            while n < min(len(common), len(parts)) and common[n] == parts[n]:
                n += 1
            common = common[:n]
        for source, path in members:
            shown[source] = "/".join(path.parts[len(common):])
    return shown


def graph_view(data: Any, *, title: str = "kg", max_nodes: int = 300) -> dict[str, Any]:
    """The page's data for ``data`` (``kg.rdf.Quads``, an ``rdflib.Dataset``, or a plain ``Graph``
    with no provenance).

    Parameters
    ----------
    data
        The knowledge graph as :mod:`kg.rdf` writes it.
    title
        Shown in the page's header.
    max_nodes
        Above this many nodes the page starts from the ``max_nodes`` most connected ones and
        lets the reader expand the others on demand; ``initial`` lists them (``None`` = all).
    """
    r = _Reader(data)

    # --- nodes ---------------------------------------------------------------------------------
    kinds: dict[Node, str] = {}
    cats: dict[Node, str] = {}
    types: dict[Node, Node] = {}
    roles: list[Node] = []
    for subject in r.props:
        if isinstance(subject, Lit):
            continue
        cat, cls = r.typing(subject)
        if cat is None or cls is None:
            continue
        if cat == "Role":
            roles.append(subject)
            continue
        cats[subject], types[subject] = cat, cls
        kinds[subject] = {"Occupation": "occupation", "Statistic": "statistic", "Event": "event"}.get(
            cat, "entity"
        )

    # --- articles and evidence -----------------------------------------------------------------
    article_ids: set[Node] = {
        s for s, po in r.props.items() if KGO.Article in po.get(RDF.type, []) and isinstance(s, Iri)
    }
    for st in r.statements.values():
        art = r.article_of(st)
        if art is not None:
            article_ids.add(art)

    def article_record(art: Node) -> dict[str, Any]:
        po = r.props.get(art, {})
        return {
            "id": str(art),
            "headline": _best_literal(po.get(SCHEMA.headline, [])) or r.label_of(art) or "",
            "url": _best_literal(po.get(SCHEMA.url, []))
            or next((str(u) for u in sorted(po.get(SCHEMA.url, []), key=str)), ""),
            "date": _best_literal(po.get(SCHEMA.datePublished, [])) or "",
            "source": _best_literal(po.get(KGO.sourcePath, [])) or "",
        }

    records = [article_record(a) for a in article_ids]
    shown = shareable_sources(rec["source"] for rec in records)  # no path of the building machine
    for rec in records:
        rec["source"] = shown.get(rec["source"], rec["source"])
    articles = sorted(records, key=lambda a: (a["date"] == "", a["date"], a["headline"], a["source"], a["id"]))
    article_index = {a["id"]: i for i, a in enumerate(articles)}

    evidence: list[dict[str, Any]] = []
    by_triple: dict[tuple[Node, Node, Node], list[int]] = defaultdict(list)
    by_subject_type: dict[Node, list[int]] = defaultdict(list)

    def statement_key(st: _Statement) -> tuple[Any, ...]:
        art = r.article_of(st)
        return (
            article_index.get(str(art), len(articles)) if art is not None else len(articles),
            _int(st.one(KGO.startChar)) or 0,
            str(st.one(KGO.rule) or ""),
            st.iri,
        )

    for st in sorted(r.statements.values(), key=statement_key):
        s, p, o = st.one(RDF.subject), st.one(RDF.predicate), st.one(RDF.object)
        if s is None or p is None or o is None:
            continue
        sentence = str(st.one(KGO.sentence) or "")
        base, start, end = (_int(st.one(x)) for x in (KGO.sentenceStart, KGO.startChar, KGO.endChar))
        parts = [sentence, "", ""]
        if base is not None and start is not None and end is not None and sentence:
            a = min(max(start - base, 0), len(sentence))
            b = min(max(end - base, a), len(sentence))
            parts = [sentence[:a], sentence[a:b], sentence[b:]]
        art = r.article_of(st)
        conf_node = st.one(KGO.confidence)
        conf = _number(conf_node.text if isinstance(conf_node, Lit) else None)
        speaker = st.one(PROV.wasAttributedTo)
        evidence.append(
            {
                "id": st.iri,
                "article": article_index.get(str(art), -1) if art is not None else -1,
                "sentence": parts,
                "rule": str(st.one(KGO.rule) or ""),
                "confidence": None if conf is None else round(conf, 4),
                "status": str(st.one(KGO.status) or "asserted"),
                "speaker": (r.label_of(speaker) or local_name(speaker)) if speaker is not None else "",
            }
        )
        idx = len(evidence) - 1
        by_triple[(s, p, o)].append(idx)
        if p == RDF.type:
            by_subject_type[s].append(idx)

    # --- conflicts: articles that disagree, marked on what they are about -------------------------
    evidence_index = {e["id"]: i for i, e in enumerate(evidence)}
    conflicts_of: dict[Node, list[dict[str, Any]]] = defaultdict(list)
    for c, po in sorted(r.props.items(), key=lambda kv: str(kv[0])):
        if KGO.Conflict not in po.get(RDF.type, []):
            continue
        about = next(iter(po.get(KGO.about, [])), None)
        prop = next(iter(po.get(KGO.property, [])), None)
        sides = sorted(evidence_index[str(x)] for x in po.get(KGO.side, []) if str(x) in evidence_index)
        if about is not None:
            conflicts_of[about].append({"property": r.term_label(prop) if prop is not None else "", "sides": sides})

    # --- facts ---------------------------------------------------------------------------------
    pair_facts: dict[tuple[Node, Node], list[_Fact]] = defaultdict(list)
    fact_index: dict[tuple[Node, Node, Node], _Fact] = {}
    attrs: dict[Node, list[_Fact]] = defaultdict(list)

    def fact_evidence(s: Node, p: Node, o: Node) -> list[int]:
        found = list(by_triple.get((s, p, o), []))
        if not found and o in kinds and kinds.get(s) in ("statistic", "event"):
            found = list(by_subject_type.get(s, []))  # a link of an n-ary node: the node's statements
        return found

    for s in sorted(kinds, key=str):
        for p, objects in r.props[s].items():
            if p in NAMING:
                continue
            for o in objects:
                ev = fact_evidence(s, p, o)
                if o in kinds and o != s:
                    fact = _Fact(r.term_label(p), str(p), ev)
                    pair_facts[(s, o)].append(fact)
                    fact_index[(s, p, o)] = fact
                elif isinstance(o, Lit):
                    attrs[s].append(
                        _Fact(
                            r.term_label(p), str(p), ev, value=format_literal(o),
                            date=str(o) if o.datatype in DATE_TYPES else None,
                        )
                    )
                else:
                    attrs[s].append(_Fact(r.term_label(p), str(p), ev, value=r.label_of(o) or local_name(o)))

    # Roles: a qualifier on the matching direct fact, or an edge of their own when it is missing.
    for role in sorted(roles, key=str):
        po = r.props[role]
        person = next(iter(sorted(po.get(KGO.person, []), key=str)), None)
        production = next(iter(sorted(po.get(KGO.production, []), key=str)), None)
        if person not in kinds or production not in kinds:
            continue
        characters = sorted({str(c) for c in po.get(KGO.characterName, [])})
        ev = list(by_subject_type.get(role, []))
        for kind in sorted(po.get(KGO.roleKind, []) or [KGO.Role], key=str):
            name = local_name(kind)
            prop_name = name[:1].lower() + name[1:-4] if name.endswith("Role") and len(name) > 4 else ""
            prop = Iri(str(KGO) + prop_name) if prop_name else None
            fact = fact_index.get((production, prop, person)) if prop is not None else None
            if fact is None:
                label = r.term_label(prop) if prop is not None and prop in r.props else None
                label = label or (words(name[:-4]) if name.endswith("Role") else words(name)) or "role"
                fact = _Fact(label, str(prop or role), [])
                pair_facts[(production, person)].append(fact)
                if prop is not None:
                    fact_index[(production, prop, person)] = fact
            fact.characters = sorted(set(fact.characters) | set(characters))
            fact.evidence = sorted(set(fact.evidence) | set(ev))

    def conf_of(ev: Iterable[int]) -> float | None:
        values = [evidence[i]["confidence"] for i in ev if evidence[i]["confidence"] is not None]
        return max(values) if values else None

    def arts_of(ev: Iterable[int]) -> list[int]:
        return sorted({evidence[i]["article"] for i in ev if evidence[i]["article"] >= 0})

    def fact_label(f: _Fact) -> str:
        return f"{f.label} (as {', '.join(f.characters)})" if f.characters else f.label

    edges: list[dict[str, Any]] = []
    degree: dict[Node, int] = defaultdict(int)
    nfacts: dict[Node, int] = defaultdict(int)
    node_ev: dict[Node, set[int]] = defaultdict(set)
    for (s, o), facts in sorted(pair_facts.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        facts.sort(key=lambda f: (f.label, f.prop))
        ev_all = sorted({i for f in facts for i in f.evidence})
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": str(s),
                "to": str(o),
                "label": ", ".join(dict.fromkeys(fact_label(f) for f in facts)),
                "facts": [
                    {
                        "label": f.label,
                        "inverse": incoming_heading(f.label),
                        "property": f.prop,
                        "characters": f.characters,
                        "evidence": sorted(f.evidence),
                        "confidence": conf_of(f.evidence),
                    }
                    for f in facts
                ],
                "confidence": conf_of(ev_all),
                "articles": arts_of(ev_all),
            }
        )
        for n in (s, o):
            degree[n] += 1
            nfacts[n] += len(facts)
            node_ev[n].update(ev_all)

    # --- node records --------------------------------------------------------------------------
    def attr_value(node: Node, pred: Node) -> str | None:
        values = sorted(r.props[node].get(pred, []), key=str)
        if not values:
            return None
        v = values[0]
        return format_literal(v) if isinstance(v, Lit) else (r.label_of(v) or local_name(v))

    def display_label(node: Node) -> tuple[str, list[str]]:
        po = r.props[node]
        kind = kinds[node]
        label = r.label_of(node)
        if kind == "statistic":
            value, unit, when = (attr_value(node, x) for x in (KGO.value, KGO.unit, KGO.asOf))
            measure = attr_value(node, KGO.measure)
            head = " ".join(x for x in (value, unit) if x) or label or "statistic"
            text = " · ".join(x for x in (head, when) if x)
            if measure and measure.lower() not in (unit or "").lower():  # "viewers" above "23,000,000 accounts"
                return f"{measure}\n{text}", [measure, text]
            return text, [text]
        if kind == "event":
            name = label or r.term_label(types[node])
            when = attr_value(node, KGO.date)
            if when and name.endswith(f"({when})"):  # "arrest (1989-04)" → "arrest · 1989-04"
                name = name[: -len(when) - 2].rstrip()
            if when and when in name:
                return name, [name]
            return " · ".join(x for x in (name, when) if x), [name]
        names = [label] if label else []
        for p in (SKOS.prefLabel, RDFS.label, SKOS.altLabel):
            for v in sorted((x for x in po.get(p, []) if isinstance(x, Lit)), key=str):
                if str(v) not in names:
                    names.append(str(v))
        if not names:
            names = [local_name(node).replace("-", " ")]
        return names[0], names

    nodes: list[dict[str, Any]] = []
    timeline: list[dict[str, Any]] = []
    for node in sorted(kinds, key=lambda n: (kinds[n] != "entity", str(n))):
        label, names = display_label(node)
        own = sorted(by_subject_type.get(node, []))
        node_attrs = sorted(attrs.get(node, []), key=lambda f: (f.label, f.value or ""))
        all_ev = node_ev[node] | set(own) | {i for f in node_attrs for i in f.evidence}
        count = nfacts[node] + len(node_attrs)
        kind = kinds[node]
        if kind == "occupation":
            size = 7.0
        elif kind in ("statistic", "event"):
            size = 10.0
        else:
            size = round(min(12 + 5 * math.sqrt(count), 42), 1)
        nodes.append(
            {
                "id": str(node),
                "label": label,
                "names": names,
                "kind": kind,
                "category": cats[node],
                "type": r.class_label(types[node]),
                "typeIri": str(types[node]),
                "size": size,
                "facts": count,
                "degree": degree[node],
                "attributes": [
                    {
                        "label": f.label,
                        "property": f.prop,
                        "value": f.value,
                        "evidence": sorted(f.evidence),
                        "confidence": conf_of(f.evidence),
                    }
                    for f in node_attrs
                ],
                "evidence": own,
                "confidence": conf_of(all_ev),
                "articles": arts_of(all_ev),
                "conflicts": conflicts_of.get(node, []),
            }
        )
        if kind in ("statistic", "event"):
            when_pred = KGO.asOf if kind == "statistic" else KGO.date
            for v in sorted(r.props[node].get(when_pred, []), key=str):
                what = label.replace("\n", ": ").rsplit(" · ", 1)[0] if " · " in label else label
                timeline.append({"node": str(node), "date": str(v), "label": what})
        else:
            for f in node_attrs:
                if f.date:
                    timeline.append({"node": str(node), "date": f.date, "label": f"{label} · {f.label}"})
    timeline.sort(key=lambda t: (date_key(t["date"]), t["label"], t["node"]))

    counts: dict[str, int] = defaultdict(int)
    for n in nodes:
        counts[n["category"]] += 1
    classes = [
        {"id": cat, "label": r.class_label(cls_iri) if (cls_iri := _root_iri(cat)) is not None else cat,
         "shape": shape, "color": fill, "border": border, "count": counts[cat]}
        for cat, (shape, fill, border) in CATEGORIES.items()
        if counts[cat]
    ]

    initial: list[str] | None = None
    if len(nodes) > max_nodes:
        initial = sorted(core(nodes, edges, max_nodes))

    return {
        "title": title,
        "classes": classes,
        "articles": articles,
        "evidence": evidence,
        "nodes": nodes,
        "edges": edges,
        "timeline": timeline,
        "initial": initial,
        "counts": {
            "entities": sum(1 for n in nodes if n["kind"] == "entity"),
            "nodes": len(nodes),
            "edges": len(edges),
            "statements": len(evidence),
        },
    }


def core(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], size: int) -> set[str]:
    """The ``size`` nodes a big graph starts from: its hubs, and what links them.

    Greedy: start from the best connected node, then always add the node with the most links
    into the chosen set (ties: more links overall, entities first, IRI), so the start is a
    connected picture of the hubs rather than hubs floating apart from their neighbours.
    A new component is entered at its best connected node when the current one is used up.
    """
    neighbours: dict[str, set[str]] = {n["id"]: set() for n in nodes}
    for e in edges:
        neighbours[e["from"]].add(e["to"])
        neighbours[e["to"]].add(e["from"])
    info = {n["id"]: n for n in nodes}

    def rank(node_id: str) -> tuple[int, int, bool, str]:
        n = info[node_id]
        return (-len(neighbours[node_id]), -n["facts"], n["kind"] != "entity", node_id)

    seeds = sorted(info, key=rank)
    links: dict[str, int] = defaultdict(int)
    heap: list[tuple[int, int, int, bool, str]] = []
    chosen: set[str] = set()
    next_seed = 0
    while len(chosen) < min(size, len(nodes)):
        while heap and (heap[0][-1] in chosen or -heap[0][0] != links[heap[0][-1]]):
            heapq.heappop(heap)  # stale entries
        if heap:
            pick = heapq.heappop(heap)[-1]
        else:
            while seeds[next_seed] in chosen:
                next_seed += 1
            pick = seeds[next_seed]
        chosen.add(pick)
        for other in neighbours[pick]:
            if other not in chosen:
                links[other] += 1
                heapq.heappush(heap, (-links[other], *rank(other)))
    return chosen


def _root_iri(category: str) -> Iri | None:
    for iri, cat in ROOTS.items():
        if cat == category:
            return iri
    return None


def incoming_heading(label: str) -> str:
    """How a fact reads from its object's side: ``director`` → ``"director of"``."""
    last = label.rsplit(" ", 1)[-1]
    return f"← {label}" if last in INVERSE_LINKS else f"{label} of"
