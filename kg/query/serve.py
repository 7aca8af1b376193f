"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a build, on one port.

The HTTP side is an ASGI application (Starlette) under uvicorn; the queries run in worker
processes of :mod:`kg.query.engine`, each with the store open read-only, which listen on no
socket: the port ``kg serve`` opens is the only one. Unless ``allow_service`` names endpoints,
the workers run cut off from the network where the kernel allows it. The endpoint:

* refuses updates and ``SERVICE`` (unless the endpoint is allowed) with HTTP 400 and the reason,
  decided on the parsed query in the worker (:func:`kg.query.check_query`), as ``kg query`` does;
* predeclares kg's prefixes (``kgo:``, ``kgr:``, ``rdfs:``, …) that a query uses without declaring;
* stops a query at the timeout by killing its worker (HTTP 503), and refuses an answer of more
  than ``limit`` solutions or triples or ``max_bytes`` bytes (HTTP 400), never a silently
  truncated one;
* answers a query that crashes the engine (an Oxigraph panic) with HTTP 500 naming the crash,
  and goes on serving: the pool starts a new worker for the next query;
* answers in the format the client asks for (``Accept``, or a ``format=`` parameter): SPARQL
  results as JSON, XML, CSV or TSV (CSV and TSV cells neutralised against formula injection,
  :mod:`kg.query.cells`); graphs as Turtle, N-Triples, RDF/XML, JSON-LD, N-Quads, TriG or N3,
  all written by pyoxigraph's serialisers;
* serves a query page of its own at ``/`` (Yasgui, vendored in ``kg/query/page/`` with its
  licence; kg's prefixes in the page; a Content-Security-Policy that lets the page reach this
  origin only) and the read side of the Graph Store Protocol (``GET /store``, ``?default``,
  ``?graph=IRI``).

Routes: ``/query`` and ``/sparql`` (GET ``?query=``, POST ``application/sparql-query`` or
``application/x-www-form-urlencoded``); ``/update`` is refused.

Examples
--------
>>> from kg.query.serve import Endpoint
>>> with Endpoint("output/store", port=0) as endpoint:        # doctest: +SKIP
...     print(endpoint.query_url)
http://127.0.0.1:40211/query
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs

import pyoxigraph

from kg.errors import QueryError, UsageError
from kg.query.cells import neutralise_csv, neutralise_tsv
from kg.query.engine import (DEFAULT_MAX_BYTES, AnswerTooLarge, Engine, EngineBusy, EngineCrash, QueryTimeout,
                             TooManyResults, mb)
from kg.query.prefixes import PREFIXES, prefixes_for

__all__ = ["DEFAULT_LIMIT", "DEFAULT_MAX_BYTES", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "DEFAULT_WORKERS", "Endpoint",
           "find_oxigraph", "serve"]

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0  # seconds a query may run
DEFAULT_LIMIT = 10_000  # solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer may hold
DEFAULT_WORKERS = 2  # queries that run at once; more wait for a free worker, within their timeout
MAX_REQUEST = 1 << 20  # bytes of a POST body
QUERY_PATHS = ("/query", "/sparql")
ALLOW = "GET, HEAD, POST, OPTIONS"
# the page may load its own files and query this origin, and nothing else
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
               "frame-ancestors 'none'")

_RESULTS = {f.media_type.split(";")[0]: f for f in (
    pyoxigraph.QueryResultsFormat.JSON, pyoxigraph.QueryResultsFormat.XML, pyoxigraph.QueryResultsFormat.CSV,
    pyoxigraph.QueryResultsFormat.TSV)}
_RESULTS["application/json"] = pyoxigraph.QueryResultsFormat.JSON
_RESULTS["application/xml"] = pyoxigraph.QueryResultsFormat.XML
_GRAPHS = {f.media_type: f for f in (
    pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.N_TRIPLES, pyoxigraph.RdfFormat.RDF_XML,
    pyoxigraph.RdfFormat.JSON_LD, pyoxigraph.RdfFormat.N_QUADS, pyoxigraph.RdfFormat.TRIG, pyoxigraph.RdfFormat.N3)}
_GRAPHS["application/json"] = pyoxigraph.RdfFormat.JSON_LD
_GRAPHS["text/plain"] = pyoxigraph.RdfFormat.N_TRIPLES
_GRAPHS["application/xml"] = pyoxigraph.RdfFormat.RDF_XML
_DATASETS = {f.media_type: f for f in (pyoxigraph.RdfFormat.N_QUADS, pyoxigraph.RdfFormat.TRIG)}
_SHORT = {"json": "application/sparql-results+json, application/ld+json",
          "xml": "application/sparql-results+xml, application/rdf+xml", "csv": "text/csv",
          "tsv": "text/tab-separated-values", "ttl": "text/turtle", "turtle": "text/turtle",
          "nt": "application/n-triples", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
          "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml",
          "nq": "application/n-quads", "trig": "application/trig", "n3": "text/n3"}
_ASSETS = {"/yasgui.min.js": "application/javascript; charset=utf-8", "/yasgui.min.css": "text/css; charset=utf-8",
           "/kg-yasgui.js": "application/javascript; charset=utf-8", "/LICENSE.txt": "text/plain; charset=utf-8"}


def find_oxigraph() -> str:
    """The ``oxigraph`` server binary (beside this Python, else on ``PATH``): kg itself runs none,
    but ``kg push`` targets and the tests start one."""
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if exe is None:
        raise UsageError("the Oxigraph server is not installed: pip install oxigraph (the version in kg's "
                         "pyproject.toml)")
    return exe


class _Reply(Exception):
    """An answer of the endpoint's own: a status and a plain-text message."""

    def __init__(self, status: HTTPStatus, message: str, headers: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


@dataclass(frozen=True)
class _Settings:
    timeout: float
    limit: int
    max_bytes: int
    allow_service: tuple[str, ...]
    cors: bool
    log: bool


def _page() -> bytes:
    html = resources.files("kg.query").joinpath("page/index.html").read_text(encoding="utf-8")
    data = json.dumps(dict(PREFIXES), sort_keys=True).replace("<", "\\u003c").replace("&", "\\u0026")
    return html.replace("{{PREFIXES}}", data).encode("utf-8")


def _asset(name: str) -> bytes:
    return resources.files("kg.query").joinpath("page/" + name.lstrip("/")).read_bytes()


class _App:
    """The ASGI application: one engine, the settings, and a function per kind of request."""

    def __init__(self, engine: Engine, settings: _Settings) -> None:
        from starlette.applications import Starlette
        from starlette.routing import Route

        self.engine = engine
        self.settings = settings
        self.page = _page()
        methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
        self.asgi = Starlette(routes=[Route("/{path:path}", self.dispatch, methods=methods)])

    # --- routing

    async def dispatch(self, request: Any) -> Any:
        started = time.monotonic()
        head = request.method == "HEAD"
        try:
            response = await self._route(request)
        except _Reply as reply:
            response = self._text(reply.status, reply.message, reply.headers)
        if head:
            response.body = b""  # the headers (Content-Length included) stay those of GET
        if self.settings.log:
            client = request.client.host if request.client else "-"
            sys.stderr.write(f"kg serve: {client} \"{request.method} {request.url.path}\" {response.status_code} "
                             f"{(time.monotonic() - started) * 1000:.0f} ms\n")
        return response

    async def _route(self, request: Any) -> Any:
        path, method = request.url.path, request.method
        if method == "OPTIONS":
            return self._response(HTTPStatus.NO_CONTENT, "", b"", [("Allow", ALLOW)], preflight=True)
        if method in ("PUT", "DELETE", "PATCH"):
            raise _Reply(HTTPStatus.METHOD_NOT_ALLOWED, "read-only endpoint: use GET or POST", [("Allow", ALLOW)])
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if path in QUERY_PATHS:
            return await self._query(request)
        if path == "/update" or ctype == "application/sparql-update":
            raise _Reply(HTTPStatus.FORBIDDEN, "updates are refused: kg serve is read-only")
        if method == "POST":
            raise _Reply(HTTPStatus.METHOD_NOT_ALLOWED, f"POST is for {' and '.join(QUERY_PATHS)} only")
        if path in ("/", "/index.html"):
            return self._response(HTTPStatus.OK, "text/html; charset=utf-8", self.page,
                                  [("Content-Security-Policy", PAGE_POLICY), ("Cache-Control", "no-cache")])
        if path in _ASSETS:
            return self._response(HTTPStatus.OK, _ASSETS[path], _asset(path),
                                  [("Cache-Control", "max-age=3600")])
        if path == "/store":
            return await self._store(request)
        raise _Reply(HTTPStatus.NOT_FOUND, f"nothing at {path}: the endpoint is {QUERY_PATHS[0]}, the page /")

    # --- queries

    async def _body(self, request: Any) -> bytes:
        length = request.headers.get("content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                raise _Reply(HTTPStatus.BAD_REQUEST, "the Content-Length is not a number") from None
            if declared > MAX_REQUEST:
                raise _Reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                             f"a request body must have a Content-Length of at most {MAX_REQUEST} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_REQUEST:
                raise _Reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                             f"a request body must be at most {MAX_REQUEST} bytes")
        return bytes(body)

    async def _query(self, request: Any) -> Any:
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            charset = _charset(request.headers.get("content-type", ""))
            body = await self._body(request)
            try:
                text = body.decode(charset)
            except (UnicodeDecodeError, LookupError):
                raise _Reply(HTTPStatus.BAD_REQUEST, f"the request body is not {charset} text") from None
            if kind == "application/sparql-update":
                raise _Reply(HTTPStatus.FORBIDDEN, "updates are refused: kg serve is read-only")
            if kind == "application/sparql-query":
                params.setdefault("query", []).append(text)
            elif kind == "application/x-www-form-urlencoded":
                for key, values in parse_qs(text, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            else:
                raise _Reply(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "POST a query as application/sparql-query or as "
                             "application/x-www-form-urlencoded (query=…)")
        if "update" in params:
            raise _Reply(HTTPStatus.FORBIDDEN, "updates are refused: kg serve is read-only")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise _Reply(HTTPStatus.BAD_REQUEST, "give exactly one SPARQL query: ?query=… or a POST body")
        graphs = {key: params.get(key, []) for key in ("default-graph-uri", "named-graph-uri")}
        for iri in graphs["default-graph-uri"] + graphs["named-graph-uri"]:
            if not _ABSOLUTE.match(iri):
                raise _Reply(HTTPStatus.BAD_REQUEST, f"{iri!r} is not an absolute IRI (default-graph-uri, "
                             "named-graph-uri)")
        wanted = _wanted(params, request.headers.get("accept") or "*/*")
        query = queries[0]
        media, data = await asyncio.to_thread(self._run_query, query, wanted, graphs["default-graph-uri"],
                                              graphs["named-graph-uri"])
        return self._response(HTTPStatus.OK, media, data, [("Vary", "Accept")])

    def _run_query(self, query: str, wanted: list[str], default_graph: Sequence[str] = (),
                   named_graphs: Sequence[str] = ()) -> tuple[str, bytes]:
        s = self.settings
        try:
            answer = self.engine.query(query, timeout=s.timeout, limit=s.limit, max_bytes=s.max_bytes,
                                       allow_service=s.allow_service, default_graph=default_graph,
                                       named_graphs=named_graphs)
        except QueryError as exc:
            raise self._refusal(exc) from None
        if answer.kind == "ask":
            fmt = _pick(wanted, _RESULTS, pyoxigraph.QueryResultsFormat.JSON)
            boolean = "true" if answer.boolean else "false"
            text = {pyoxigraph.QueryResultsFormat.JSON: '{"head":{},"boolean":%s}' % boolean,
                    pyoxigraph.QueryResultsFormat.XML: '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/'
                    'sparql-results#"><head></head><boolean>%s</boolean></sparql>' % boolean}.get(fmt, boolean)
            return _media(fmt), text.encode("utf-8")
        if answer.kind == "select":
            fmt = _pick(wanted, _RESULTS, pyoxigraph.QueryResultsFormat.JSON)
            if fmt == pyoxigraph.QueryResultsFormat.TSV:
                out = answer.data
            else:
                results = pyoxigraph.parse_query_results(answer.data, format=pyoxigraph.QueryResultsFormat.TSV)
                out = results.serialize(format=fmt) or b""
            if fmt == pyoxigraph.QueryResultsFormat.CSV:
                out = neutralise_csv(out.decode("utf-8")).encode("utf-8")
            elif fmt == pyoxigraph.QueryResultsFormat.TSV:
                out = neutralise_tsv(out.decode("utf-8")).encode("utf-8")
            return _media(fmt), self._capped(out)
        return self._graph(answer.data, wanted, _GRAPHS, pyoxigraph.RdfFormat.N_TRIPLES)

    def _graph(self, data: bytes, wanted: list[str], table: dict[str, Any], source: Any) -> tuple[str, bytes]:
        fmt = _pick(wanted, table, pyoxigraph.RdfFormat.TURTLE if source == pyoxigraph.RdfFormat.N_TRIPLES
                    else pyoxigraph.RdfFormat.N_QUADS)
        if fmt == source:
            return fmt.media_type, data
        items = list(pyoxigraph.parse(data, format=source))
        terms = (t for item in items for t in (item.subject, item.predicate, item.object))
        prefixes = prefixes_for(t.value for t in terms if isinstance(t, pyoxigraph.NamedNode))
        out = pyoxigraph.serialize(items, format=fmt, prefixes=prefixes) or b""
        return fmt.media_type, self._capped(out)

    def _capped(self, data: bytes) -> bytes:
        """The answer in the client's format, refused when that format made it bigger than the cap."""
        if len(data) > self.settings.max_bytes:
            raise _Reply(HTTPStatus.BAD_REQUEST, self._too_large())
        return data

    def _too_large(self) -> str:
        return (f"the answer is larger than {mb(self.settings.max_bytes)}, the cap of this endpoint: ask for fewer "
                "or shorter values (or start kg serve with a higher --max-bytes)")

    def _refusal(self, exc: QueryError) -> _Reply:
        s = self.settings
        if isinstance(exc, QueryTimeout):
            return _Reply(HTTPStatus.SERVICE_UNAVAILABLE, f"the query ran past the timeout of {s.timeout:g} s and was "
                          "stopped: narrow it down (or start kg serve with a longer --timeout)")
        if isinstance(exc, TooManyResults):
            return _Reply(HTTPStatus.BAD_REQUEST, f"the answer has more than {s.limit} results, the cap of this "
                          "endpoint: add a LIMIT to the query (or start kg serve with a higher --limit)")
        if isinstance(exc, AnswerTooLarge):
            return _Reply(HTTPStatus.BAD_REQUEST, self._too_large())
        if isinstance(exc, EngineBusy):
            return _Reply(HTTPStatus.SERVICE_UNAVAILABLE, str(exc), [("Retry-After", "5")])
        if isinstance(exc, EngineCrash):
            return _Reply(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        return _Reply(HTTPStatus.BAD_REQUEST, str(exc))

    # --- the Graph Store Protocol, read side

    async def _store(self, request: Any) -> Any:
        params = parse_qs(request.url.query, keep_blank_values=True)
        graphs = params.get("graph", [])
        if "default" in params and graphs or len(graphs) > 1:
            raise _Reply(HTTPStatus.BAD_REQUEST, "name one graph: ?default or ?graph=IRI (or neither, for all)")
        graph = "" if "default" in params else graphs[0] if graphs else None
        if graph and not _ABSOLUTE.match(graph):
            raise _Reply(HTTPStatus.BAD_REQUEST, "?graph= must be an absolute IRI")
        wanted = _wanted(params, request.headers.get("accept") or "*/*")
        media, data = await asyncio.to_thread(self._run_dump, graph, wanted)
        return self._response(HTTPStatus.OK, media, data, [("Vary", "Accept")])

    def _run_dump(self, graph: str | None, wanted: list[str]) -> tuple[str, bytes]:
        s = self.settings
        try:
            answer = self.engine.dump(graph, timeout=s.timeout, limit=s.limit, max_bytes=s.max_bytes)
        except TooManyResults:
            raise _Reply(HTTPStatus.BAD_REQUEST, f"the graph has more than {s.limit} triples, the cap of this "
                         "endpoint: read it with a query and a LIMIT (or start kg serve with a higher --limit)") from None
        except QueryError as exc:
            raise self._refusal(exc) from None
        if graph is None:
            return self._graph(answer.data, wanted, _DATASETS, pyoxigraph.RdfFormat.N_QUADS)
        return self._graph(answer.data, wanted, _GRAPHS, pyoxigraph.RdfFormat.N_TRIPLES)

    # --- writing answers

    def _response(self, status: HTTPStatus, media: str, data: bytes, headers: Sequence[tuple[str, str]] = (),
                  preflight: bool = False) -> Any:
        from starlette.responses import Response

        extra = dict(headers)
        if self.settings.cors:
            extra["Access-Control-Allow-Origin"] = "*"
            if preflight:
                extra["Access-Control-Allow-Methods"] = ALLOW
                extra["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        extra.setdefault("X-Content-Type-Options", "nosniff")
        response = Response(content=data, status_code=int(status), headers=extra)
        if media:
            response.headers["content-type"] = media
        return response

    def _text(self, status: HTTPStatus, message: str, headers: Sequence[tuple[str, str]] = ()) -> Any:
        return self._response(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)


_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+\Z")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return "utf-8"


def _media(fmt: Any) -> str:
    return fmt.media_type if "charset" in fmt.media_type else f"{fmt.media_type}; charset=utf-8"


def _wanted(params: dict[str, list[str]], accept: str) -> list[str]:
    """Media types the client accepts, best first (a ``format``/``output`` parameter wins)."""
    for key in ("format", "output"):
        for value in params.get(key, []):
            value = value.strip().lower()
            return [m.strip() for m in _SHORT.get(value, value).split(",")]
    ranked: list[tuple[float, int, str]] = []
    for i, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        q = 1.0
        for p in parts[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if parts[0] and q > 0:
            ranked.append((-q, i, parts[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def _pick(wanted: list[str], table: dict[str, Any], default: Any) -> Any:
    for media in wanted:
        if media in table:
            return table[media]
        if media == "*/*" or default.media_type.startswith(media[:-1]) and media.endswith("/*"):
            return default
        if media.endswith("/*"):
            for key, value in table.items():
                if key.startswith(media[:-1]):
                    return value
    offered = ", ".join(sorted({f.media_type.split(";")[0] for f in table.values()}))
    raise _Reply(HTTPStatus.NOT_ACCEPTABLE, f"no acceptable format for this answer; this endpoint offers {offered}")


class Endpoint:
    """The endpoint over one store: the HTTP server and its query workers; start and stop it, or use ``with``.

    Parameters
    ----------
    store
        A built store folder (``OUT/store``) or an output folder holding one.
    host, port
        Where it listens; loopback by default. Port 0 picks a free one (see ``url``).
    timeout
        Seconds a query may run; then its worker is killed.
    limit
        Solutions or triples an answer may hold.
    max_bytes
        Bytes an answer may hold.
    allow_service
        ``SERVICE`` endpoints queries may call (none by default).
    cors
        Send ``Access-Control-Allow-Origin: *`` so pages from other origins may query.
    workers
        Queries that run at once, each in its own process.
    """

    def __init__(self, store: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT, max_bytes: int = DEFAULT_MAX_BYTES,
                 allow_service: Sequence[str] = (), cors: bool = False, log: bool = False,
                 workers: int = DEFAULT_WORKERS) -> None:
        folder = Path(store)
        if folder.name != "store" and (folder / "store").is_dir():
            folder = folder / "store"
        if not (folder / "CURRENT").is_file():
            out = folder.parent if folder.name == "store" else folder
            raise UsageError(f"no graph at {out}: run `kg build SOURCES --out {out}` first")
        if timeout <= 0:
            raise UsageError(f"--timeout must be more than 0 seconds, not {timeout:g}")
        if limit < 1:
            raise UsageError(f"--limit must be at least 1, not {limit}")
        if max_bytes < 1:
            raise UsageError(f"--max-bytes must be at least 1, not {max_bytes}")
        if workers < 1:
            raise UsageError(f"--workers must be at least 1, not {workers}")
        self.store = folder
        self.host, self.port = host, port
        self.timeout, self.limit, self.max_bytes = float(timeout), int(limit), int(max_bytes)
        self.allow_service = tuple(allow_service)
        self.cors, self.log = cors, log
        self.workers = workers
        self.engine: Engine | None = None
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The query page, ``http://host:port/``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        """The SPARQL endpoint, ``http://host:port/query``."""
        return self.url + "query"

    def _listen(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self.port))
            sock.listen(128)
        except OSError as exc:
            sock.close()
            if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise UsageError(f"port {self.port} on {self.host} is taken: choose another with --port") from None
            raise UsageError(f"cannot listen on {self.host}:{self.port} ({exc.strerror or exc})") from None
        sock.set_inheritable(False)
        return sock

    def start(self) -> Endpoint:
        """Start the query workers and the HTTP server (in a background thread); returns self."""
        import uvicorn

        sock = self._listen()
        self.port = int(sock.getsockname()[1])
        self.engine = Engine(self.store, workers=self.workers, warm=True, network=bool(self.allow_service))
        try:
            self.engine.wait_ready()
        except QueryError:
            sock.close()
            self.engine.close()
            raise
        settings = _Settings(self.timeout, self.limit, self.max_bytes, self.allow_service, self.cors, self.log)
        app = _App(self.engine, settings)
        config = uvicorn.Config(app.asgi, log_config=None, log_level="warning", access_log=False,
                                server_header=False, timeout_keep_alive=30, lifespan="off",
                                h11_max_incomplete_event_size=64 * 1024)
        self._server = uvicorn.Server(config)
        server = self._server

        def run() -> None:  # not the main thread: uvicorn installs no signal handlers here
            asyncio.run(server.serve(sockets=[sock]))

        self._thread = threading.Thread(target=run, name="kg-serve", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not server.started:
            self.stop()
            sock.close()
            raise QueryError("the HTTP server did not start")
        return self

    def stop(self) -> None:
        """Stop the server and the workers; safe to call twice."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._server = None
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    def wait(self) -> None:
        """Block until interrupted (Ctrl-C or SIGTERM), then stop."""
        stop = threading.Event()
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.is_set():
                if self._thread is None or not self._thread.is_alive():
                    raise QueryError("the HTTP server stopped unexpectedly")
                stop.wait(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            self.stop()

    def __enter__(self) -> Endpoint:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


@contextlib.contextmanager
def serve(store: str | os.PathLike[str], **options: Any) -> Iterator[Endpoint]:
    """``with serve("output/") as endpoint:`` — an :class:`Endpoint`, started, stopped on exit."""
    with Endpoint(store, **options) as endpoint:
        yield endpoint
