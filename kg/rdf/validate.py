"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

The statements live in one named graph per article and point at nodes in the default graph,
so the union of all graphs is validated at once. ``ontology/kg.ttl`` is mixed into the data,
so that ``sh:targetClass`` and ``sh:class`` follow ``rdfs:subClassOf`` (a ``kgo:Miniseries``
is checked as a ``kgo:Production``), and role kinds are known ``kgo:RoleKind`` individuals.

Examples
--------
>>> from rdflib import Graph
>>> report = validate(Graph())
>>> report.conforms, report.violations
(True, ())
"""
from __future__ import annotations

import contextlib
import functools
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH, SKOS, XSD
from rdflib.term import Node
from rdflib.util import guess_format

from kg.errors import InputError, KGError
from kg.vocab import DEFAULT_BASE, ONTOLOGY_IRI, SCHEMA

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"
OUTPUT_GRAPH = "graph.trig"
_RDFLIB_INTERNAL_DEPRECATIONS = r"(Dataset\.default_context|ConjunctiveGraph|Dataset\.contexts) is deprecated"

__all__ = ["ValidationReport", "ontology_dir", "validate"]


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of a validation: ``conforms`` and one line per violation.

    Each line reads ``<focus node> <path>: <message> (value: <value>)``, IRIs shortened with
    the data's prefixes; the path and value parts appear when the result has them.
    """

    conforms: bool
    violations: tuple[str, ...] = ()


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl`` (the ontology) and ``shapes.ttl`` (the SHACL shapes)."""
    return Path(__file__).resolve().parents[2] / "ontology"


def validate(data: Graph | Dataset | str | Path) -> ValidationReport:
    """Check a graph against kg's SHACL shapes.

    Parameters
    ----------
    data
        An rdflib ``Graph`` or ``Dataset`` (all its graphs are validated as one), or the path
        of an output folder (its ``graph.trig`` is read) or of an RDF file.

    Returns
    -------
    ValidationReport
        ``conforms`` and one human-readable line per violation, sorted.

    Raises
    ------
    InputError
        The path does not exist or its RDF cannot be parsed.
    KGError
        ``ontology/kg.ttl`` or ``ontology/shapes.ttl`` is missing or broken.
    """
    if isinstance(data, (str, Path)):
        data = _read(Path(data))
    union = _union(data)
    ontology, shapes = _load_ontology(ontology_dir())

    from pyshacl import validate as shacl_validate  # heavy; loaded on first use

    # No RDFS entailment: SHACL already follows rdfs:subClassOf of the mixed-in ontology for
    # sh:targetClass and sh:class, while rdfs:domain/range entailment would type every object of
    # kgo:director as a kgo:Person and so hide exactly the errors the shapes are there to catch.
    conforms, results, _text = shacl_validate(union, shacl_graph=shapes, ont_graph=ontology, inference="none")
    prefixes = _prefixes(data)
    # top-level results only: those under sh:detail repeat a parent result's failure
    top = (r for report in results.subjects(RDF.type, SH.ValidationReport)
           for r in results.objects(report, SH.result))
    lines = sorted({_describe(results, r, prefixes) for r in top})
    return ValidationReport(conforms=bool(conforms), violations=tuple(lines))


# -- reading ----------------------------------------------------------------------------------

def _read(path: Path) -> Dataset:
    """Parse an output folder's ``graph.trig`` or an RDF file into a Dataset."""
    if path.is_dir():
        folder, path = path, path / OUTPUT_GRAPH
        if not path.is_file():
            raise InputError(f"no {OUTPUT_GRAPH} in this folder; build it with `kg build ... --out {folder}`",
                             path=str(folder))
    elif not path.is_file():
        raise InputError("no such file or folder", path=str(path))
    fmt = "json-ld" if path.suffix.lower() == ".jsonld" else guess_format(str(path)) or "turtle"
    ds = Dataset()
    try:
        with _rdflib_dataset_quiet():
            ds.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many kinds (BadSyntax, SAXParseException, ValueError, ...)
        raise _parse_error(InputError, exc, path, fmt) from exc
    return ds


def _parse_error(kind: type[KGError], exc: Exception, path: Path, fmt: str) -> KGError:
    """One line naming the file, the line when the parser knows it, and the parser's reason."""
    why = getattr(exc, "_why", None)  # rdflib's Turtle/TriG BadSyntax: reason and 0-based line
    line = getattr(exc, "lines", None)
    if why is not None and isinstance(line, int):
        return kind(f"cannot parse as {fmt}: {why}", path=str(path), line=line + 1)
    return kind(f"cannot parse as {fmt}: {' '.join(str(exc).split())}", path=str(path))


@contextlib.contextmanager
def _rdflib_dataset_quiet() -> Iterator[None]:
    """Silence the deprecation warnings rdflib 7.6 raises from its *own* Dataset code.

    ``Dataset.parse``/``add`` read ``default_context`` and the TriG parser builds a
    ``ConjunctiveGraph`` internally (RDFLib/rdflib#3475); only warnings attributed to rdflib's
    modules are ignored, so our own use of a deprecated API would still show.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_RDFLIB_INTERNAL_DEPRECATIONS, category=DeprecationWarning,
                                module=r"rdflib\.")
        yield


def _union(data: Graph) -> Graph:
    """One graph holding the triples of every graph in ``data`` (``data`` itself for a plain Graph)."""
    if isinstance(data, Dataset):
        graphs: Iterable[Graph] = data.graphs()
    elif hasattr(data, "contexts"):  # a ConjunctiveGraph
        graphs = data.contexts()
    else:
        return data
    union = Graph(bind_namespaces="none")
    with _rdflib_dataset_quiet():
        for g in graphs:
            for triple in g:
                union.add(triple)
    return union


@functools.lru_cache(maxsize=4)
def _parse_cached(path: Path, mtime_ns: int) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:
        raise _parse_error(KGError, exc, path, "turtle") from exc
    return g


def _load_ontology(folder: Path) -> tuple[Graph, Graph]:
    """The ontology and shapes graphs, parsed once per file version."""
    graphs = []
    for name in (ONTOLOGY_FILE, SHAPES_FILE):
        path = folder / name
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            raise KGError(f"the ontology file is missing; kg needs {ONTOLOGY_FILE} and {SHAPES_FILE} in "
                          f"{folder} (reinstall kg or restore the folder from git)", path=str(path)) from None
        graphs.append(_parse_cached(path, mtime))
    return graphs[0], graphs[1]


# -- reporting --------------------------------------------------------------------------------

def _prefixes(data: Graph) -> list[tuple[str, str]]:
    """Prefixes for report lines: kg's usual ones, overridden by the data's own bindings."""
    table = {"rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "skos": str(SKOS), "sh": str(SH),
             "prov": str(PROV), "schema": str(SCHEMA), "kgo": ONTOLOGY_IRI, "kgr": DEFAULT_BASE}
    table.update((prefix, str(ns)) for prefix, ns in data.namespaces() if prefix)
    return sorted(table.items(), key=lambda pn: -len(pn[1]))  # longest namespace first


def _short(node: Node | None, prefixes: list[tuple[str, str]]) -> str:
    """An IRI as ``prefix:rest`` (longest matching namespace), else ``<iri>``; literals as in Turtle."""
    if isinstance(node, URIRef):
        iri = str(node)
        for prefix, ns in prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(node, Literal):
        text = str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        if node.language:
            return f'"{text}"@{node.language}'
        if node.datatype is not None:
            return f'"{text}"^^{_short(node.datatype, prefixes)}'
        return f'"{text}"'
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _path(results: Graph, path: Node, prefixes: list[tuple[str, str]]) -> str:
    if isinstance(path, URIRef):
        return _short(path, prefixes)
    inverse = results.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return "^" + _short(inverse, prefixes)
    return "(complex path)"


def _describe(results: Graph, result: Node, prefixes: list[tuple[str, str]]) -> str:
    """One line for a sh:ValidationResult: focus, path, message, value."""
    focus = _short(results.value(result, SH.focusNode), prefixes)
    path = results.value(result, SH.resultPath)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    message = "; ".join(messages) or str(results.value(result, SH.sourceConstraintComponent) or "violation")
    head = f"{focus} {_path(results, path, prefixes)}" if path is not None else focus
    value = results.value(result, SH.value)
    severity = results.value(result, SH.resultSeverity)
    line = f"{head}: {message}"
    if value is not None and value != results.value(result, SH.focusNode):
        line += f" (value: {_short(value, prefixes)})"
    if severity is not None and severity != SH.Violation:
        line += f" [{_short(severity, prefixes)}]"
    return line
