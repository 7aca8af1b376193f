"""``kg push``: a build's graphs into any SPARQL 1.1 store, idempotently, one named graph per article.

The store is named by its query endpoint (the URL ``kg query --endpoint`` takes). Graphs are
written with the SPARQL 1.1 Graph Store HTTP Protocol — one ``PUT`` per graph, which replaces
the graph whole, so sending it twice leaves the same graph — or, where the store has no graph
store service, with SPARQL 1.1 Update: ``DROP SILENT GRAPH`` then ``INSERT DATA``, many graphs to
a request, in batches of about ``batch`` triples. The build's default graph (entities and
direct facts) goes to the store's default graph, or to the named graph ``default_graph``.

**Which graphs are kg's.** A manifest graph (``{base}manifest`` unless told otherwise) lists
every graph kg wrote, with its triple count and a SHA-256 of its sorted N-Triples:

.. code-block:: turtle

    <https://w3id.org/kg/id/manifest> a void:Dataset ; void:documents 1042 ;   # graphs listed
        sd:defaultGraph <https://w3id.org/kg/id/manifest#default> ;
        dcterms:hasPart <https://w3id.org/kg/id/article/0f3c…> , … .
    <https://w3id.org/kg/id/article/0f3c…> void:triples 112 ; dcterms:identifier "sha256:…" .

A push reads the manifest first, sends only the graphs whose hash changed (all of them with
``force``), removes the graphs of articles that left the build, and writes the manifest last.
Before it writes a graph the manifest does not list yet, it adds that graph to the manifest
without a hash, so a push that is interrupted leaves nothing kg does not know it owns: the next
push finishes the work. Graphs kg did not write are never touched. One push at a time per
manifest.

Examples
--------
>>> report = push("output/", "http://127.0.0.1:7878/query")      # doctest: +SKIP
>>> report["sent"], report["unchanged"], report["removed"]          # doctest: +SKIP
(4, 0, 0)
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph

from kg.errors import EndpointError, UsageError
from kg.store import open_store
from kg.store.endpoint import Connection, check_url, credentials, server_message
from kg.vocab import DEFAULT_BASE

__all__ = ["DEFAULT_BATCH", "PROTOCOLS", "Manifest", "push"]

DEFAULT_BATCH = 20_000  # triples per SPARQL Update request
MANIFEST_PAGE = 5_000  # triples of the manifest read per query (under Virtuoso's default cap of 10,000)
PROTOCOLS = ("auto", "gsp", "update")
DEFAULT_KEY = ""  # the store's default graph, in a manifest's table of graphs
_VOID = "http://rdfs.org/ns/void#"
_DCT = "http://purl.org/dc/terms/"
_SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_NT = "application/n-triples"
_NO_SERVICE = (404, 405, 501)  # what a URL that is not a graph store (or update service) answers


@dataclass
class Manifest:
    """The graphs kg wrote to a store: graph IRI (``""`` for the default graph) → (triples, hash).

    A hash of ``None`` marks a graph being written: kg owns it but its content is not known.
    """

    iri: str
    graphs: dict[str, tuple[int, str | None]] = field(default_factory=dict)

    def to_ntriples(self) -> bytes:
        m = f"<{self.iri}>"
        lines = [f"{m} <{_RDF_TYPE}> <{_VOID}Dataset> .",
                 f'{m} <{_VOID}documents> "{len(self.graphs)}"^^<{_XSD_INTEGER}> .']  # graphs listed
        for graph, (count, digest) in self.graphs.items():
            node = f"<{self.iri}#default>" if graph == DEFAULT_KEY else f"<{graph}>"
            lines.append(f"{m} <{_SD}defaultGraph> {node} ." if graph == DEFAULT_KEY
                         else f"{m} <{_DCT}hasPart> {node} .")
            lines.append(f'{node} <{_VOID}triples> "{count}"^^<{_XSD_INTEGER}> .')
            if digest is not None:
                lines.append(f'{node} <{_DCT}identifier> "{digest}" .')
        return ("\n".join(sorted(lines)) + "\n").encode()

    @classmethod
    def from_triples(cls, iri: str, triples: Iterable[pyoxigraph.Triple]) -> Manifest:
        parts: dict[str, str] = {}
        counts: dict[str, int] = {}
        digests: dict[str, str] = {}
        for t in triples:
            s, p, o = t.subject, t.predicate.value, t.object
            if isinstance(s, pyoxigraph.NamedNode) and s.value == iri and isinstance(o, pyoxigraph.NamedNode):
                if p == _DCT + "hasPart":
                    parts[o.value] = o.value
                elif p == _SD + "defaultGraph":
                    parts[o.value] = DEFAULT_KEY
            elif isinstance(s, pyoxigraph.NamedNode) and isinstance(o, pyoxigraph.Literal):
                if p == _VOID + "triples":
                    counts[s.value] = int(o.value)
                elif p == _DCT + "identifier":
                    digests[s.value] = o.value
        return cls(iri, {key: (counts.get(node, 0), digests.get(node)) for node, key in parts.items()})


@dataclass
class _Graph:
    key: str  # its IRI, or DEFAULT_KEY
    target: str | None  # where it goes in the store: a graph IRI, None for the store's default graph
    data: bytes
    count: int
    digest: str


def _local_graphs(out: Path, default_graph: str | None) -> Iterator[_Graph]:
    """The build's graphs, one at a time, as sorted N-Triples with their count and hash."""
    store = open_store(out / "store")
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode))
    for name in [None, *names]:
        graph = pyoxigraph.DefaultGraph() if name is None else pyoxigraph.NamedNode(name)
        lines = sorted((store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=graph) or b"").splitlines())
        data = b"\n".join(lines) + b"\n" if lines else b""
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if name is None:
            key = default_graph or DEFAULT_KEY
            yield _Graph(key, default_graph, data, len(lines), digest)
        else:
            yield _Graph(name, name, data, len(lines), digest)


def _names(out: Path, default_graph: str | None) -> list[str]:
    store = open_store(out / "store")
    return [default_graph or DEFAULT_KEY, *sorted(g.value for g in store.named_graphs()
                                                  if isinstance(g, pyoxigraph.NamedNode))]


def _sibling(url: str, name: str) -> str:
    """``url`` with its last path segment replaced by ``name`` (``…/query`` → ``…/store``)."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    parent = path.rsplit("/", 1)[0] if "/" in path else ""
    return urlunsplit((parts.scheme, parts.netloc, f"{parent}/{name}", "", ""))


class _Store:
    """The remote store's services: the query endpoint, and the graph store or update service found."""

    def __init__(self, endpoint: str, *, graph_store: str | None, update: str | None, protocol: str,
                 timeout: float) -> None:
        self.endpoint = check_url(endpoint)
        self.http = Connection(endpoint, timeout=timeout, retries=3)
        self.protocol = protocol
        self.graph_store = check_url(graph_store) if graph_store else None
        self.update = check_url(update) if update else None
        self.server = ""
        self.chosen: str | None = None  # "gsp" or "update", once a write has worked

    # -- reading

    def read_manifest(self, iri: str) -> Manifest:
        """The manifest in the store (empty when there is none), read in pages: stores cap answers
        (Virtuoso's ``ResultSetMaxRows``), and a manifest cut short would hide graphs kg owns."""
        triples: list[pyoxigraph.Triple] = []
        while True:
            page = self._manifest_page(iri, len(triples))
            triples += page
            if len(page) < MANIFEST_PAGE:
                break
        manifest = Manifest.from_triples(iri, triples)
        listed = next((int(t.object.value) for t in triples if t.predicate.value == _VOID + "documents"
                       and isinstance(t.object, pyoxigraph.Literal)), len(manifest.graphs))
        if len(manifest.graphs) != listed:
            raise EndpointError(f"{self.endpoint} gave {len(manifest.graphs)} of the {listed} graphs kg's manifest "
                                "lists: its answers are cut short; raise its result limit (Virtuoso: "
                                "ResultSetMaxRows)")
        return manifest

    def _manifest_page(self, iri: str, offset: int) -> list[pyoxigraph.Triple]:
        query = (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o "
                 f"LIMIT {MANIFEST_PAGE} OFFSET {offset}")
        response = self.http.request("POST", self.endpoint, data={"query": query},
                                     headers={"Accept": f"{_NT}, text/turtle;q=0.9"}, what="read kg's manifest")
        self.server = response.headers.get("Server", "")
        media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if response.status_code != 200:
            raise EndpointError(f"{self.endpoint} answered {response.status_code} {response.reason} to a query: "
                                f"{server_message(response)} (give the store's SPARQL query URL: Oxigraph …/query, "
                                "Fuseki …/DATASET/sparql, Virtuoso …/sparql)")
        formats = {_NT: pyoxigraph.RdfFormat.N_TRIPLES, "text/plain": pyoxigraph.RdfFormat.N_TRIPLES,
                   "text/turtle": pyoxigraph.RdfFormat.TURTLE}
        if media not in formats:
            raise EndpointError(f"{self.endpoint} did not answer as a SPARQL endpoint ({media or 'no content type'})"
                                ": give the store's query URL (Oxigraph …/query, Fuseki …/DATASET/sparql, "
                                "Virtuoso …/sparql)")
        try:
            return [q.triple for q in pyoxigraph.parse(response.content, format=formats[media])]
        except SyntaxError as exc:
            raise EndpointError(f"{self.endpoint} sent a graph that does not parse ({exc})") from None

    # -- where to write

    def _gsp_candidates(self) -> list[str]:
        if self.graph_store:
            return [self.graph_store]
        server = self.server.lower()
        virtuoso = [_sibling(self.endpoint, "sparql-graph-crud-auth" if credentials(self.endpoint)
                             else "sparql-graph-crud")]
        if "virtuoso" in server:
            return virtuoso
        if "fuseki" in server or "jetty" in server:
            return [_sibling(self.endpoint, "data")]
        return [_sibling(self.endpoint, "store"), _sibling(self.endpoint, "data")]

    def _update_candidates(self) -> list[str]:
        if self.update:
            return [self.update]
        if "virtuoso" in self.server.lower():
            return [_sibling(self.endpoint, "sparql-auth") if credentials(self.endpoint) else self.endpoint]
        return [_sibling(self.endpoint, "update"), self.endpoint]

    # -- writing

    def put(self, target: str | None, data: bytes) -> None:
        """Replace one graph (None: the default graph) with ``data`` (N-Triples)."""
        if self.protocol != "update" and self.chosen != "update":
            chosen = self.graph_store if self.chosen == "gsp" else None
            for url in [chosen] if chosen else self._gsp_candidates():
                params = {"default": ""} if target is None else {"graph": target}
                response = self.http.request("PUT", url, params=params, data=data,
                                             headers={"Content-Type": _NT}, what="write a graph")
                if response.ok:
                    self.chosen, self.graph_store = "gsp", url
                    return
                if response.status_code in _NO_SERVICE and self.chosen is None:
                    continue
                raise self._refused(url, response, target)
            if self.protocol == "gsp":
                raise EndpointError(f"no Graph Store Protocol service found beside {self.endpoint} (tried "
                                    f"{', '.join(self._gsp_candidates())}): give it with --graph-store URL")
        self.run_update(_replace(target, data))

    def delete(self, target: str) -> None:
        """Remove one graph kg wrote (a graph already gone is not an error)."""
        if self.chosen == "gsp" and self.graph_store:
            response = self.http.request("DELETE", self.graph_store, params={"graph": target},
                                         what="remove a graph")
            if response.ok or response.status_code == 404:
                return
            raise self._refused(self.graph_store, response, target)
        self.run_update(f"DROP SILENT GRAPH <{target}>")

    def run_update(self, update: str) -> None:
        if self.protocol == "gsp":
            raise EndpointError("SPARQL Update is not allowed with --protocol gsp")
        chosen = self.update if self.chosen == "update" else None
        for url in [chosen] if chosen else self._update_candidates():
            response = self.http.request("POST", url, data=update.encode("utf-8"),
                                         headers={"Content-Type": "application/sparql-update; charset=utf-8"},
                                         what="run a SPARQL update")
            if response.ok:
                self.chosen, self.update = "update", url
                return
            if response.status_code in _NO_SERVICE and self.chosen is None:
                continue
            raise self._refused(url, response, None)
        raise EndpointError(f"{self.endpoint} takes neither the Graph Store Protocol nor SPARQL Update here (tried "
                            f"{', '.join(self._update_candidates())}): give the services with --graph-store URL or "
                            "--update URL")

    def _refused(self, url: str, response: Any, target: str | None) -> EndpointError:
        said = server_message(response)
        if target is None and "default" in said.lower():
            return EndpointError(f"{url} has no writable default graph ({said}): put the entities in a named graph "
                                 "with --default-graph IRI")
        return EndpointError(f"{url} refused to write ({response.status_code} {response.reason}): {said}")


def _replace(target: str | None, data: bytes) -> str:
    """A SPARQL update that replaces one graph with N-Triples ``data`` (valid SPARQL terms as they are)."""
    body = data.decode("utf-8")
    if target is None:
        return f"DROP SILENT DEFAULT ;\nINSERT DATA {{\n{body}}}" if body else "DROP SILENT DEFAULT"
    return (f"DROP SILENT GRAPH <{target}> ;\nINSERT DATA {{ GRAPH <{target}> {{\n{body}}} }}" if body
            else f"DROP SILENT GRAPH <{target}>")


def push(out: str | Path, endpoint: str, *, graph_store: str | None = None, update: str | None = None,
         protocol: str = "auto", manifest: str | None = None, default_graph: str | None = None,
         batch: int = DEFAULT_BATCH, force: bool = False, timeout: float = 60.0,
         progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Push the build in ``out`` to the store whose query endpoint is ``endpoint``; return a report.

    Parameters
    ----------
    graph_store, update
        The store's Graph Store Protocol and SPARQL Update URLs, when they are not found beside
        ``endpoint`` (Oxigraph ``…/store`` and ``…/update``; Fuseki ``…/data``, ``…/update``;
        Virtuoso ``…/sparql-graph-crud(-auth)``, ``…/sparql(-auth)``).
    protocol
        ``auto`` (the Graph Store Protocol where there is one, else SPARQL Update), ``gsp`` or
        ``update``.
    manifest
        IRI of the graph listing kg's graphs (default ``{base}manifest``, the build's base).
    default_graph
        Put the build's default graph in this named graph instead of the store's default graph
        (for stores without a writable default graph, such as Virtuoso's graph store).
    batch
        Triples per SPARQL Update request.
    force
        Send every graph, whatever the manifest says.
    progress
        Called with (graphs done, graphs in all) as the push goes.
    """
    out = Path(out)
    if protocol not in PROTOCOLS:
        raise UsageError(f"unknown protocol {protocol!r}: choose one of {', '.join(PROTOCOLS)}")
    if batch < 1:
        raise UsageError(f"--batch must be at least 1, not {batch}")
    for iri in (manifest, default_graph):
        if iri is not None:
            _check_iri(iri)
    t0 = time.perf_counter()
    names = _names(out, default_graph)
    base = _base(out)
    manifest_iri = manifest or f"{base}manifest"
    if manifest_iri in names:
        raise UsageError(f"the manifest graph {manifest_iri} is one of the build's graphs: choose another with "
                         "--manifest")
    store = _Store(endpoint, graph_store=graph_store, update=update, protocol=protocol, timeout=timeout)
    try:
        old = store.read_manifest(manifest_iri)
        new = Manifest(manifest_iri, dict(old.graphs))
        unknown = [n for n in names if n not in old.graphs]
        if unknown:  # own them before writing them
            for name in unknown:
                new.graphs[name] = (0, None)
            store.put(manifest_iri, new.to_ntriples())
        sent = unchanged = triples = 0
        pending: list[str] = []
        pending_triples = 0

        def flush() -> None:
            nonlocal pending, pending_triples
            if pending:
                store.run_update(" ;\n".join(pending))
                pending, pending_triples = [], 0

        for done, graph in enumerate(_local_graphs(out, default_graph), start=1):
            if not force and old.graphs.get(graph.key, (0, None))[1] == graph.digest:
                unchanged += 1
            else:
                if store.protocol == "update" or store.chosen == "update":
                    pending.append(_replace(graph.target, graph.data))
                    pending_triples += graph.count
                    if pending_triples >= batch:
                        flush()
                else:
                    store.put(graph.target, graph.data)
                new.graphs[graph.key] = (graph.count, graph.digest)
                sent += 1
                triples += graph.count
            if progress is not None:
                progress(done, len(names))
        flush()
        gone = [g for g in old.graphs if g not in names]
        for name in gone:
            if name != DEFAULT_KEY:
                store.delete(name)
            elif old.graphs[name][1] is not None:
                store.put(None, b"")
            else:  # listed before a write to the default graph that may never have happened
                try:
                    store.put(None, b"")
                except EndpointError:
                    pass  # a store without a writable default graph holds nothing there to remove
            del new.graphs[name]
        if new.to_ntriples() != old.to_ntriples():
            store.put(manifest_iri, new.to_ntriples())
    finally:
        store.http.close()
    seconds = time.perf_counter() - t0
    return {"endpoint": endpoint, "protocol": store.chosen or "none", "graph_store": store.graph_store,
            "update": store.update, "manifest": manifest_iri, "graphs": len(names), "sent": sent,
            "unchanged": unchanged, "removed": len(gone), "triples_sent": triples, "seconds": round(seconds, 3),
            "triples_per_second": round(triples / seconds, 1) if seconds > 0 else None}


def _base(out: Path) -> str:
    try:
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        base = report.get("base") if isinstance(report, dict) else None
    except (OSError, ValueError):
        base = None
    return base if isinstance(base, str) and base else DEFAULT_BASE


def _check_iri(iri: str) -> None:
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError as exc:
        raise UsageError(f"not an absolute IRI: {iri!r} ({exc})") from None
    if not urlsplit(iri).scheme:
        raise UsageError(f"not an absolute IRI: {iri!r}")
