"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a build, served by Oxigraph.

The SPARQL engine and the query page are Oxigraph's own server (``oxigraph serve-read-only``
from the ``oxigraph`` package), run on an internal loopback port. In front of it sits a small
reverse proxy of ours, because the server cannot refuse ``SERVICE`` (it would fetch any URL a
query names, from this machine) and has no cap on the size of an answer. The proxy:

* refuses updates and ``SERVICE`` (unless the endpoint is allowed) with HTTP 400 and the reason,
  using the same check as ``kg query`` (:func:`kg.query.check_query`);
* predeclares kg's prefixes (``kgo:``, ``kgr:``, ``rdfs:``, …) that a query uses without declaring;
* stops a query at the timeout (HTTP 503; Oxigraph's own ``--timeout-s`` stops the work a second
  later) and refuses an answer of more than ``limit`` solutions or triples (HTTP 400: add a
  ``LIMIT``), never a silently truncated one;
* answers in the format the client asks for (``Accept``, or a ``format=`` parameter): SPARQL
  results as JSON, XML, CSV or TSV; graphs as Turtle, N-Triples, RDF/XML, JSON-LD, N-Quads, TriG
  or N3, all written by pyoxigraph's serialisers;
* passes the query page (``/``, Oxigraph's bundled YASGUI, no CDN) and the read side of the
  Graph Store Protocol (``GET /store``) through unchanged.

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

import contextlib
import http.client
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pyoxigraph

from kg.errors import QueryError, UsageError
from kg.query.guard import check_query, tokens
from kg.query.prefixes import PREFIXES, prefixes_for
from kg.query.syntax import explain

__all__ = ["DEFAULT_LIMIT", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "Endpoint", "find_oxigraph", "serve"]

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0  # seconds a query may run
DEFAULT_LIMIT = 10_000  # solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer may hold
MAX_REQUEST = 1 << 20  # bytes of a POST body
QUERY_PATHS = ("/query", "/sparql")
PASS_THROUGH_HEADERS = ("content-type", "cache-control", "etag", "last-modified")

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
_SHORT = {"json": "application/sparql-results+json, application/ld+json",
          "xml": "application/sparql-results+xml, application/rdf+xml", "csv": "text/csv",
          "tsv": "text/tab-separated-values", "ttl": "text/turtle", "turtle": "text/turtle",
          "nt": "application/n-triples", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
          "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml",
          "nq": "application/n-quads", "trig": "application/trig", "n3": "text/n3"}
# what the proxy asks Oxigraph for: one solution or triple a line, so an answer is counted as it arrives
_UPSTREAM_ACCEPT = "text/tab-separated-values, application/n-triples"


def find_oxigraph() -> str:
    """The ``oxigraph`` server binary: beside this Python (a virtualenv's ``bin/``), else on ``PATH``."""
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if exe is None:
        raise UsageError("the Oxigraph server is not installed: pip install oxigraph (the version in kg's "
                         "pyproject.toml)")
    return exe


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the Oxigraph child gets SIGTERM if kg dies, so no server outlives ``kg serve``."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class _Oxigraph:
    """``oxigraph serve-read-only`` over a store, on a free loopback port, until ``stop``."""

    def __init__(self, store: Path, timeout: float) -> None:
        self.store = store
        self.timeout = timeout
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self, wait: float = 20.0) -> None:
        exe = find_oxigraph()
        for _attempt in range(3):  # the free port can be taken between choosing it and binding it
            self.port = _free_port()
            self._log = tempfile.TemporaryFile()
            cmd = [exe, "serve-read-only", "--location", str(self.store), "--bind", f"127.0.0.1:{self.port}",
                   "--union-default-graph", "--timeout-s", str(math.ceil(self.timeout) + 1)]
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log,
                                         preexec_fn=_die_with_parent if sys.platform == "linux" else None)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
                time.sleep(0.05)
            message = self._stderr()
            self.stop()
            if "address" not in message.lower() or "in use" not in message.lower():
                raise QueryError(f"the Oxigraph server did not start: {message or f'no answer within {wait:.0f} s'}")
        raise QueryError("the Oxigraph server found no free loopback port")

    def _stderr(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace").strip()
        return " ".join(text.splitlines()[-3:])

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None


@dataclass(frozen=True)
class _Settings:
    upstream_port: int
    timeout: float
    limit: int
    allow_service: tuple[str, ...]
    cors: bool
    log: bool = False
    prefixes: dict[str, str] = field(default_factory=lambda: dict(PREFIXES))


class _Reply(Exception):
    """An answer of the proxy's own: a status and a plain-text message."""

    def __init__(self, status: HTTPStatus, message: str, headers: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    timeout = 120  # an idle client connection is closed after this many seconds
    settings: _Settings  # set on the subclass made for each endpoint

    # --- HTTP verbs

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self._dispatch(body=b"")

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch(body=b"", head=True)

    def do_POST(self) -> None:  # noqa: N802
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_REQUEST:
            self._send_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > 0 else HTTPStatus.BAD_REQUEST,
                            f"a request body must have a Content-Length of at most {MAX_REQUEST} bytes")
            self.close_connection = True
            return
        self._dispatch(body=self.rfile.read(length))

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self._cors_headers(preflight=True)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _refuse_method(self) -> None:
        self._send_text(HTTPStatus.METHOD_NOT_ALLOWED, "read-only endpoint: use GET or POST",
                        [("Allow", "GET, HEAD, POST, OPTIONS")])

    do_PUT = do_DELETE = do_PATCH = _refuse_method  # noqa: N815

    # --- routing

    def _dispatch(self, body: bytes, head: bool = False) -> None:
        path = urlsplit(self.path).path
        try:
            if path in QUERY_PATHS:
                self._query(body, head)
            elif path == "/update" or self.headers.get_content_type() == "application/sparql-update":
                raise _Reply(HTTPStatus.FORBIDDEN, "updates are refused: kg serve is read-only")
            elif self.command == "POST":
                raise _Reply(HTTPStatus.METHOD_NOT_ALLOWED, f"POST is for {' and '.join(QUERY_PATHS)} only")
            else:
                self._pass_through(head)
        except _Reply as reply:
            self._send_text(reply.status, reply.message, reply.headers, head=head)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _query(self, body: bytes, head: bool) -> None:
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if self.command == "POST":
            kind = self.headers.get_content_type()
            charset = self.headers.get_content_charset() or "utf-8"
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
        query = queries[0]
        try:
            check_query(query, allow_service=self.settings.allow_service)
        except QueryError as exc:
            raise _Reply(HTTPStatus.BAD_REQUEST, str(exc)) from None
        wanted = self._wanted(params)
        text, shift = with_prefixes(query, self.settings.prefixes)
        graphs = [(k, v) for k in ("default-graph-uri", "named-graph-uri") for v in params.get(k, [])]
        status, ctype, data = self._upstream_query(text, graphs)
        if status != HTTPStatus.OK:
            message = data.decode("utf-8", "replace")
            try:
                code = HTTPStatus(status)
            except ValueError:
                code = HTTPStatus.BAD_GATEWAY
            if code == HTTPStatus.BAD_REQUEST and "error at" in message:
                message = explain(query, _shift_positions(message, shift), self.settings.prefixes)
            raise _Reply(code, message)
        media, out = self._convert(ctype, data, wanted)
        self._send(HTTPStatus.OK, media, out, head=head)

    # --- the query, upstream

    def _upstream_query(self, text: str, graphs: list[tuple[str, str]]) -> tuple[int, str, bytes]:
        """Send the query to Oxigraph; read its answer within the timeout, counting lines against the cap."""
        settings = self.settings
        started = time.monotonic()
        deadline = started + settings.timeout
        conn = http.client.HTTPConnection("127.0.0.1", settings.upstream_port, timeout=settings.timeout)
        try:
            conn.request("POST", "/query" + (f"?{urlencode(graphs)}" if graphs else ""), body=text.encode("utf-8"),
                         headers={"Content-Type": "application/sparql-query; charset=utf-8",
                                  "Accept": _UPSTREAM_ACCEPT})
            response = conn.getresponse()
            ctype = response.getheader("Content-Type", "")
            if response.status != HTTPStatus.OK:
                return response.status, ctype, response.read()
            chunks: list[bytes] = []
            lines = 0
            allowed = settings.limit + 1  # TSV has a header line; N-Triples has none, so this errs generous by 1
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise socket.timeout
                if conn.sock is not None:
                    conn.sock.settimeout(left)
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                lines += chunk.count(b"\n")
                if lines > allowed:
                    raise _Reply(HTTPStatus.BAD_REQUEST,
                                 f"the answer has more than {settings.limit} results, the cap of this endpoint: "
                                 "add a LIMIT to the query (or start kg serve with a higher --limit)")
            return response.status, ctype, b"".join(chunks)
        except (socket.timeout, TimeoutError):
            raise _Reply(HTTPStatus.SERVICE_UNAVAILABLE,
                         f"the query ran past the timeout of {settings.timeout:g} s and was stopped: narrow it down "
                         "(or start kg serve with a longer --timeout)") from None
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            if time.monotonic() - started >= settings.timeout * 0.9:
                raise _Reply(HTTPStatus.SERVICE_UNAVAILABLE,
                             f"the query ran past the timeout of {settings.timeout:g} s and was stopped") from None
            raise _Reply(HTTPStatus.BAD_GATEWAY, f"the Oxigraph server failed: {exc}") from None
        finally:
            conn.close()

    def _convert(self, ctype: str, data: bytes, wanted: list[str]) -> tuple[str, bytes]:
        """Oxigraph's TSV or N-Triples answer in the client's format (checked whole on the way)."""
        try:
            if ctype.startswith("application/n-triples"):
                fmt = self._pick(wanted, _GRAPHS, pyoxigraph.RdfFormat.TURTLE)
                triples = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES))
                prefixes = prefixes_for(t.value for tr in triples for t in (tr.subject, tr.predicate, tr.object)
                                        if isinstance(t, pyoxigraph.NamedNode))
                out = pyoxigraph.serialize(triples, format=fmt, prefixes=prefixes)
                return fmt.media_type, out or b""
            results = pyoxigraph.parse_query_results(data, format=pyoxigraph.QueryResultsFormat.TSV)
            rfmt = self._pick(wanted, _RESULTS, pyoxigraph.QueryResultsFormat.JSON)
            media = rfmt.media_type if "charset" in rfmt.media_type else f"{rfmt.media_type}; charset=utf-8"
            return media, results.serialize(format=rfmt) or b""
        except SyntaxError:
            tail = data[-200:].decode("utf-8", "replace")
            if "cancel" in tail.lower():
                raise _Reply(HTTPStatus.SERVICE_UNAVAILABLE,
                             f"the query ran past the timeout of {self.settings.timeout:g} s and was stopped") from None
            raise _Reply(HTTPStatus.BAD_GATEWAY, f"the Oxigraph server sent a broken answer: …{tail}") from None

    # --- content negotiation

    def _wanted(self, params: dict[str, list[str]]) -> list[str]:
        """Media types the client accepts, best first (a ``format``/``output`` parameter wins)."""
        for key in ("format", "output"):
            for value in params.get(key, []):
                value = value.strip().lower()
                return [m.strip() for m in _SHORT.get(value, value).split(",")]
        accept = self.headers.get("Accept") or "*/*"
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

    @staticmethod
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

    # --- everything else: Oxigraph's query page and the read side of the Graph Store Protocol

    def _pass_through(self, head: bool) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.settings.upstream_port, timeout=self.settings.timeout)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() in ("accept", "if-none-match",
                                                                                  "if-modified-since")}
            conn.request(self.command, self.path, headers=headers)
            response = conn.getresponse()
            data = response.read()
            self.send_response(response.status)
            for name, value in response.getheaders():
                if name.lower() in PASS_THROUGH_HEADERS:
                    self.send_header(name, value)
            self._cors_headers()
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if not head:
                self.wfile.write(data)
        except (socket.timeout, TimeoutError, ConnectionError, http.client.HTTPException, OSError) as exc:
            raise _Reply(HTTPStatus.BAD_GATEWAY, f"the Oxigraph server failed: {exc}") from None
        finally:
            conn.close()

    # --- writing answers

    def _send(self, status: HTTPStatus, media: str, data: bytes, headers: Sequence[tuple[str, str]] = (),
              head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept")
        for name, value in headers:
            self.send_header(name, value)
        self._cors_headers()
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _send_text(self, status: HTTPStatus, message: str, headers: Sequence[tuple[str, str]] = (),
                   head: bool = False) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers, head=head)

    def _cors_headers(self, preflight: bool = False) -> None:
        if not self.settings.cors:
            return
        self.send_header("Access-Control-Allow-Origin", "*")
        if preflight:
            self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        if self.settings.log:
            sys.stderr.write(f"kg serve: {self.address_string()} {format % args}\n")


def with_prefixes(query: str, prefixes: dict[str, str]) -> tuple[str, int]:
    """``query`` with a first line declaring the known prefixes it does not declare itself.

    Returns the text and how many lines were added (0 or 1), so error positions can be moved back.
    """
    toks = list(tokens(query))
    declared = {toks[i + 1].text[:-1] for i, t in enumerate(toks[:-1])
                if t.kind == "word" and t.text.lower() == "prefix" and toks[i + 1].kind == "pname"}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in prefixes.items() if p not in declared]
    if not missing:
        return query, 0
    return " ".join(missing) + "\n" + query, 1


def _shift_positions(message: str, lines: int) -> str:
    """Oxigraph's ``error at L:C`` with the added prefix line taken off."""
    if not lines:
        return message
    return re.sub(r"\b(at )(\d+):(\d+)", lambda m: f"{m.group(1)}{max(int(m.group(2)) - lines, 1)}:{m.group(3)}",
                  message)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # a client that went away
        super().handle_error(request, client_address)


class Endpoint:
    """The endpoint over one store: Oxigraph behind the proxy; start and stop it, or use ``with``.

    Parameters
    ----------
    store
        A built store folder (``OUT/store``) or an output folder holding one.
    host, port
        Where the proxy listens; loopback by default. Port 0 picks a free one (see ``url``).
    timeout
        Seconds a query may run.
    limit
        Solutions or triples an answer may hold.
    allow_service
        ``SERVICE`` endpoints queries may call (none by default).
    cors
        Send ``Access-Control-Allow-Origin: *`` so pages from other origins may query.
    """

    def __init__(self, store: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT, allow_service: Sequence[str] = (),
                 cors: bool = False, log: bool = False) -> None:
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
        self.store = folder
        self.host, self.port = host, port
        self.timeout, self.limit = float(timeout), int(limit)
        self.allow_service = tuple(allow_service)
        self.cors, self.log = cors, log
        self._oxigraph = _Oxigraph(folder, self.timeout)
        self._server: _Server | None = None
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

    def start(self) -> Endpoint:
        """Start Oxigraph and the proxy (in a background thread); returns self."""
        self._oxigraph.start()
        settings = _Settings(self._oxigraph.port, self.timeout, self.limit, self.allow_service, self.cors, self.log)
        handler = type("Handler", (_Handler,), {"settings": settings})
        try:
            server_class = _Server
            if ":" in self.host:
                server_class = type("Server6", (_Server,), {"address_family": socket.AF_INET6})
            self._server = server_class((self.host, self.port), handler)
        except OSError as exc:
            self._oxigraph.stop()
            if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise UsageError(f"port {self.port} on {self.host} is taken: choose another with --port") from None
            raise UsageError(f"cannot listen on {self.host}:{self.port} ({exc.strerror or exc})") from None
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the proxy and Oxigraph; safe to call twice."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._oxigraph.stop()

    def wait(self) -> None:
        """Block until interrupted (Ctrl-C or SIGTERM), then stop."""
        stop = threading.Event()
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.is_set():
                proc = self._oxigraph.proc
                if proc is None or proc.poll() is not None:
                    raise QueryError("the Oxigraph server stopped unexpectedly")
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
