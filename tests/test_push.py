"""``kg push`` and ``kg query/ask --endpoint`` against real stores: an ``oxigraph serve`` started on a free
loopback port with a fresh location for each test, and Virtuoso (Debian's ``virtuoso-opensource``)
where it is installed. Errors (no server, a page that is not SPARQL, a server that wants a password)
are tried on real sockets."""
from __future__ import annotations

import base64
import contextlib
import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph
import pytest
import requests
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EndpointError, UsageError
from kg.pipeline import build
from kg.query.serve import find_oxigraph
from kg.store import open_store
from kg.store.push import push

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
EXTRA = {
    "blue-hour.txt": "The film Blue Hour was directed by Nadia Ferrante. It stars Lena Brandt as Mara.",
    "harbour.txt": "The series Harbour Lights was created by Omar Haddad for the BBC. It premiered on 4 May 2019.",
}
QUESTIONS = [("who-made", "When They See Us"), ("cast", "When They See Us"), ("statistics", "When They See Us"),
             ("person", "Ava DuVernay"), ("connected", "Ava DuVernay"), ("quotes", "Ava DuVernay"),
             ("by-broadcaster",), ("by-broadcaster", "Netflix"), ("conflicts",), ("timeline",)]
runner = CliRunner()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server stopped"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise AssertionError(f"no server on port {port} after {seconds} s")


@contextlib.contextmanager
def oxigraph(folder: Path) -> Iterator[str]:
    """``oxigraph serve`` (read-write) over a new location; yields its query URL."""
    port = free_port()
    proc = subprocess.Popen([find_oxigraph(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, proc, 20)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[str]:
    with oxigraph(tmp_path / "oxigraph") as url:
        yield url


def dump(url: str) -> dict[str, set[str]]:
    """Every graph in the store (``""`` for the default graph) as a set of N-Triples lines."""
    data = requests.get(url.rsplit("/", 1)[0] + "/store", headers={"Accept": "application/n-quads"}, timeout=30)
    graphs: dict[str, set[str]] = {}
    for quad in pyoxigraph.parse(data.content, format=pyoxigraph.RdfFormat.N_QUADS):
        name = "" if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else quad.graph_name.value
        graphs.setdefault(name, set()).add(str(quad.triple) + " .")
    return graphs


def local(out: Path) -> dict[str, set[str]]:
    """The build's graphs, as :func:`dump` shows a store's."""
    graphs: dict[str, set[str]] = {}
    for quad in open_store(out / "store"):
        name = "" if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else quad.graph_name.value
        graphs.setdefault(name, set()).add(str(quad.triple) + " .")
    return graphs


def corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in SOURCES.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def kg(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


MANIFEST = "https://w3id.org/kg/id/manifest"


def test_push_then_push_again_changes_nothing(built_output: Path, store: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.store.push.MANIFEST_PAGE", 5)  # the manifest is read back in pages of 5 triples
    report = push(built_output, store)
    graphs = local(built_output)
    assert report["protocol"] == "gsp" and report["sent"] == len(graphs) and report["removed"] == 0
    remote = dump(store)
    assert {k: v for k, v in remote.items() if k != MANIFEST} == graphs  # every graph, as built
    assert len(remote[MANIFEST]) == 2 + 3 * len(graphs)  # its type and size; a part, a count and a hash per graph
    again = push(built_output, store)
    assert again["sent"] == 0 and again["unchanged"] == len(graphs) and again["protocol"] == "none"
    assert dump(store) == remote
    forced = push(built_output, store, force=True)
    assert forced["sent"] == len(graphs) and dump(store) == remote


def test_a_rebuilt_article_replaces_its_graph_and_a_deleted_one_is_removed(tmp_path: Path, store: str) -> None:
    articles, out, cache = corpus(tmp_path / "articles"), tmp_path / "out", tmp_path / "cache"
    build([articles], out=out, quiet=True, cache=cache)
    first = local(out)
    code, said, _ = kg("push", str(out), "--endpoint", store)
    assert code == 0 and said.startswith(f"pushed {out}/ to {store}: {len(first)} graphs sent")
    (articles / "blue-hour.txt").write_text(EXTRA["blue-hour.txt"] + " It premiered on Netflix.", encoding="utf-8")
    (articles / "harbour.txt").unlink()
    build([articles], out=out, quiet=True, cache=cache)
    second = local(out)
    report = push(out, store)
    assert report["removed"] == 2  # the two articles' old graphs: the edited one has a new content id
    assert report["sent"] == 2 and report["unchanged"] == len(second) - 2  # its new graph and the default graph
    remote = dump(store)
    assert {k: v for k, v in remote.items() if k != MANIFEST} == second
    assert not (set(first) - set(second)) & set(remote)


def test_sparql_update_when_there_is_no_graph_store(built_output: Path, tmp_path: Path) -> None:
    with oxigraph(tmp_path / "a") as by_gsp, oxigraph(tmp_path / "b") as by_update:
        push(built_output, by_gsp)
        report = push(built_output, by_update, protocol="update", batch=100)
        assert report["protocol"] == "update" and report["update"].endswith("/update")
        assert dump(by_update) == dump(by_gsp)
        assert push(built_output, by_update, protocol="update")["sent"] == 0


def test_ask_and_query_with_endpoint_answer_as_the_build(built_output: Path, store: str) -> None:
    push(built_output, store)
    for question in QUESTIONS:
        here = kg("ask", *question, "--out", str(built_output), "--format", "json")
        there = kg("ask", *question, "--endpoint", store, "--format", "json")
        assert here[0] == 0 and there == here, question
    who = kg("ask", "who-made", "When They See Us", "--endpoint", store)
    assert who[0] == 0 and "Ava DuVernay" in who[1]
    # who says so, and where the articles disagree: the same answers from the store as from the build
    for command in (("why", "When They See Us", "director", "Ava DuVernay", "--format", "json"),
                    ("why", "When They See Us", "statistic", "*", "--format", "csv"),
                    ("conflicts", "--format", "json")):
        here = kg(*command, "--out", str(built_output))
        assert here[0] == 0 and kg(*command, "--endpoint", store) == here, command
    assert json.loads(kg("why", "When They See Us", "director", "Ava DuVernay", "--format", "json",
                         "--endpoint", store)[1])[0]["sentence"]
    readme = """SELECT ?sentence ?rule ?article WHERE {
      ?st rdf:subject ?work ; rdf:predicate kgo:director ; rdf:object ?person ;
          kgo:sentence ?sentence ; kgo:rule ?rule ; kgo:article ?article .
      ?work rdfs:label "When They See Us" . } ORDER BY ?article ?sentence"""
    for sparql, fmt in ((readme, "table"), (readme, "csv"), ("ASK { ?w kgo:director ?p }", "json"),
                        ("CONSTRUCT { ?w kgo:director ?p } WHERE { ?w kgo:director ?p }", "ttl")):
        here = kg("query", sparql, "--out", str(built_output), "--format", fmt)
        assert kg("query", sparql, "--endpoint", store, "--format", fmt) == here and here[0] == 0, sparql
    assert kg("query", "SELECT * WHERE { ?s ?p }", "--endpoint", store)[2] == kg(
        "query", "SELECT * WHERE { ?s ?p }", "--out", str(built_output))[2]  # the same syntax error, same spot


def test_refusals_and_errors_are_one_line(built_output: Path, tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}/query"
    code, _, err = kg("query", "DROP ALL", "--endpoint", closed)  # refused before anything is sent
    assert code == 1 and err.startswith("kg: error: updates are refused here")
    code, _, err = kg("query", "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "--endpoint", closed)
    assert code == 1 and "SERVICE is refused" in err
    code, _, err = kg("query", "ASK {}", "--endpoint", closed)
    assert (code, err) == (1, f"kg: error: cannot reach http://{closed.split('/')[2]} (connection refused): is the URL "
                              "right and the store running?\n")
    code, _, err = kg("push", str(built_output), "--endpoint", closed)
    assert code == 1 and "cannot reach" in err and err.count("\n") == 1
    code, _, err = kg("push", str(built_output), "--endpoint", "http://me:secret@127.0.0.1/query")
    assert code == 1 and "not in the URL" in err and "secret" not in err
    with pytest.raises(UsageError):
        push(built_output, "ftp://127.0.0.1/query")


class _Page(BaseHTTPRequestHandler):
    """Not a SPARQL endpoint: a web page, behind a password when ``password`` is set."""

    password: str | None = None
    seen: list[str] = []

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append(self.headers.get("Authorization") or "")
        wanted = "Basic " + base64.b64encode(f"kg:{self.password}".encode()).decode() if self.password else None
        if wanted is not None and self.headers.get("Authorization") != wanted:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            body = b"<html><body><h1>401</h1>Who are you?</body></html>"
        else:
            self.send_response(200)
            body = b"<!doctype html><html><head><title>Welcome</title></head><body>Hello</body></html>"
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def page(password: str | None) -> Iterator[tuple[str, list[str]]]:
    handler = type("Handler", (_Page,), {"password": password, "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", handler.seen
    finally:
        server.shutdown()
        server.server_close()


def test_credentials_come_from_the_environment_or_netrc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    with page(password="s3cret") as (url, seen):
        code, _, err = kg("query", "ASK {}", "--endpoint", url)
        assert code == 1 and err == (f"kg: error: {url} asks for credentials to answer the query (401): set "
                                     "KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or add the host to ~/.netrc\n")
        monkeypatch.setenv("KG_ENDPOINT_USER", "kg")
        monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "wrong")
        code, _, err = kg("query", "ASK {}", "--endpoint", url)
        assert code == 1 and "did not accept the credentials" in err
        monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
        code, _, err = kg("query", "ASK {}", "--endpoint", url)  # let in, and then: not SPARQL
        assert code == 1 and err.startswith(f"kg: error: {url} did not answer as a SPARQL endpoint (text/html)")
        monkeypatch.delenv("KG_ENDPOINT_USER")
        monkeypatch.delenv("KG_ENDPOINT_PASSWORD")
        (tmp_path / "netrc").write_text("machine 127.0.0.1 login kg password s3cret\n", encoding="utf-8")
        (tmp_path / "netrc").chmod(0o600)
        monkeypatch.setenv("NETRC", str(tmp_path / "netrc"))
        code, _, err = kg("query", "ASK {}", "--endpoint", url)
        assert code == 1 and "did not answer as a SPARQL endpoint" in err
        assert seen[-1] == "Basic " + base64.b64encode(b"kg:s3cret").decode()
        from kg.query.remote import RemoteStore

        with pytest.raises(EndpointError, match="did not answer as a SPARQL endpoint"):
            RemoteStore(url).query("SELECT * WHERE { ?s ?p ?o }")


# -- Virtuoso, where Debian's virtuoso-opensource is installed (.ci/run installs it) ---------

VIRTUOSO_INI = """
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 5
ServerThreads = 5
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("virtuoso-t") is None, reason="Virtuoso is not installed (apt-get install "
                    "virtuoso-opensource)")
def test_virtuoso(built_output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "virtuoso"
    folder.mkdir()
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http), encoding="utf-8")
    proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        wait_for(http, proc, 60)
        monkeypatch.setenv("KG_ENDPOINT_USER", "dba")  # a new database's administrator, over HTTP Digest
        monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "dba")
        with pytest.raises(EndpointError, match="no writable default graph.*--default-graph IRI"):
            push(built_output, url)
        entities = "https://w3id.org/kg/id/entities"
        report = push(built_output, url, default_graph=entities)
        assert report["protocol"] == "gsp" and report["graph_store"].endswith("/sparql-graph-crud-auth")
        assert push(built_output, url, default_graph=entities)["sent"] == 0
        graphs = local(built_output)
        count = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "  # not Virtuoso's own graphs
                 f'FILTER(STRSTARTS(STR(?g), "https://w3id.org/kg/id/") && ?g != <{MANIFEST}>) }}')
        answer = requests.post(url, data={"query": count}, headers={"Accept": "application/sparql-results+json"},
                               timeout=30).json()
        assert int(answer["results"]["bindings"][0]["n"]["value"]) == sum(len(g) for g in graphs.values())
        monkeypatch.delenv("KG_ENDPOINT_USER")
        monkeypatch.delenv("KG_ENDPOINT_PASSWORD")
        for question in (("who-made", "When They See Us"), ("cast", "When They See Us")):
            here = json.loads(kg("ask", *question, "--out", str(built_output), "--format", "json")[1])
            code, said, err = kg("ask", *question, "--endpoint", url, "--format", "json")
            assert code == 0, err
            assert json.loads(said)["results"]["bindings"] == here["results"]["bindings"]
        assert kg("query", "ASK { ?w kgo:director ?p }", "--endpoint", url)[1] == "true\n"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
