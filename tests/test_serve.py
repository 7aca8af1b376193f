"""``kg serve``: the endpoint (uvicorn, Starlette, query workers over the real store), on free loopback ports,
queried by real clients."""
from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.errors import UsageError
from kg.query import run_query
from kg.query.serve import Endpoint
from kg.store import open_store
from tests.listener import Listener

KGO = "https://w3id.org/kg/ontology#"
DIRECTORS = "SELECT ?work ?person WHERE { ?work kgo:director ?person } ORDER BY ?work ?person"
CONSTRUCT = "CONSTRUCT { ?w kgo:director ?p } WHERE { ?w kgo:director ?p }"


@pytest.fixture(scope="module")
def endpoint(built_output: Path) -> Iterator[Endpoint]:
    with Endpoint(built_output, port=0, timeout=20, limit=100_000) as ep:
        yield ep


Answer = tuple[int, str, bytes]


def http(url: str, *, data: bytes | None = None, accept: str | None = None, ctype: str | None = None,
         method: str | None = None) -> Answer:
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", ctype)) if v}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def get(endpoint: Endpoint, query: str, accept: str | None = None, path: str = "query") -> Answer:
    return http(endpoint.url + path + "?" + urllib.parse.urlencode({"query": query}), accept=accept)


def bindings(body: bytes) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def test_binds_loopback_by_default(endpoint: Endpoint) -> None:
    assert endpoint.host == "127.0.0.1" and endpoint.url.startswith("http://127.0.0.1:")
    assert Endpoint.__init__.__kwdefaults__["host"] == "127.0.0.1"


def test_get_select_as_json_matches_the_store(endpoint: Endpoint, built_output: Path) -> None:
    status, ctype, body = get(endpoint, DIRECTORS)
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    rows = bindings(body)
    direct = run_query(open_store(built_output / "store"), DIRECTORS)
    assert [(r["work"], r["person"]) for r in rows] == [(w.value, p.value) for w, p in direct.rows]
    assert rows, "the seed articles' productions have directors"


def test_post_query_body_and_form(endpoint: Endpoint) -> None:
    direct = http(endpoint.query_url, data=DIRECTORS.encode(), ctype="application/sparql-query",
                  accept="application/sparql-results+json")
    form = http(endpoint.url + "sparql", data=urllib.parse.urlencode({"query": DIRECTORS}).encode(),
                ctype="application/x-www-form-urlencoded", accept="application/sparql-results+json")
    assert direct[0] == form[0] == 200
    assert bindings(direct[2]) == bindings(form[2]) == bindings(get(endpoint, DIRECTORS)[2])


def test_results_formats_by_accept_and_parameter(endpoint: Endpoint) -> None:
    rows = bindings(get(endpoint, DIRECTORS)[2])
    status, ctype, body = get(endpoint, DIRECTORS, accept="text/csv")
    assert status == 200 and ctype.startswith("text/csv")
    table = list(csv.reader(io.StringIO(body.decode())))
    assert table[0] == ["work", "person"] and len(table) == len(rows) + 1
    status, ctype, body = get(endpoint, DIRECTORS, accept="text/tab-separated-values")
    assert ctype.startswith("text/tab-separated-values") and body.decode().splitlines()[0] == "?work\t?person"
    status, ctype, body = get(endpoint, DIRECTORS, accept="application/sparql-results+xml;q=1, */*;q=0.1")
    assert ctype.startswith("application/sparql-results+xml") and body.count(b"<result>") == len(rows)
    status, ctype, _ = http(endpoint.query_url + "?" + urllib.parse.urlencode({"query": DIRECTORS, "format": "csv"}))
    assert status == 200 and ctype.startswith("text/csv")
    status, _, body = get(endpoint, "ASK { ?w kgo:director ?p }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"), (None, "turtle")])
def test_construct_in_graph_formats(endpoint: Endpoint, built_output: Path, accept: str | None,
                                    rdflib_format: str) -> None:
    status, _, body = get(endpoint, CONSTRUCT, accept=accept)
    assert status == 200
    g = Graph().parse(data=body.decode(), format=rdflib_format)
    expected = run_query(open_store(built_output / "store"), CONSTRUCT).triples
    assert len(g) == len(expected) > 0
    assert all(p == URIRef(KGO + "director") for _, p, _ in g)


def test_not_acceptable(endpoint: Endpoint) -> None:
    status, _, body = get(endpoint, DIRECTORS, accept="image/png")
    assert status == 406 and b"application/sparql-results+json" in body


def test_rdflib_sparqlstore(endpoint: Endpoint) -> None:
    for method in ("GET", "POST", "POST_FORM"):
        store = SPARQLStore(query_endpoint=endpoint.query_url, method=method)
        g = Graph(store=store)
        rows = list(g.query("SELECT ?work ?person WHERE { ?work <%sdirector> ?person }" % KGO))
        assert rows and all(isinstance(r[1], URIRef) for r in rows), method  # type: ignore[index]
        labels = {str(r[0]) for r in g.query(  # type: ignore[index]
            "SELECT ?l WHERE { ?p a <%sPerson> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }" % KGO)}
        assert any(" " in label for label in labels)
        assert g.query("ASK { ?s ?p ?o }").askAnswer is True
        built = g.query("CONSTRUCT { ?w <%sdirector> ?p } WHERE { ?w <%sdirector> ?p }" % (KGO, KGO)).graph
        assert built is not None and len(built) == len(rows)
        store.close()


def test_the_store_is_the_union_of_graphs(endpoint: Endpoint) -> None:
    status, _, body = get(endpoint, "SELECT (COUNT(?st) AS ?n) WHERE { ?st a kgo:Statement ; kgo:sentence ?s }")
    assert status == 200 and int(bindings(body)[0]["n"]) > 0  # statements live in the articles' named graphs
    status, _, body = get(endpoint, "SELECT (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?a a kgo:Article } }")
    assert int(bindings(body)[0]["n"]) >= 3


def test_query_page_is_served_without_a_cdn(endpoint: Endpoint) -> None:
    status, ctype, body = http(endpoint.url, accept="text/html")
    assert status == 200 and ctype.startswith("text/html")
    page = body.decode()
    assert "<script" in page and not re.search(r"""(src|href)=["']https?://""", page)
    for asset in re.findall(r"""(?:src|href)=["']\.?/?([\w.-]+\.(?:js|css))["']""", page):
        assert http(endpoint.url + asset)[0] == 200, asset


@pytest.mark.browser
def test_query_page_runs_a_query_in_a_browser(endpoint: Endpoint) -> None:
    """kg's own Yasgui page loads, runs a query with kg's prefixes predeclared, and asks nothing of any
    origin but the endpoint's (issue 16: Oxigraph's page fetched http://prefix.cc/)."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's headless Chromium (/usr/bin/chromium) is not installed")
    from playwright.sync_api import sync_playwright

    elsewhere: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium),
                                     args=["--headless", "--no-sandbox", "--disable-gpu",
                                           "--disable-background-networking"])
        try:
            page = browser.new_page()

            def route(r: object) -> None:
                url = r.request.url  # type: ignore[attr-defined]
                if url.startswith(endpoint.url):
                    r.continue_()  # type: ignore[attr-defined]
                else:
                    elsewhere.append(url)
                    r.abort()  # type: ignore[attr-defined]

            page.route("**/*", route)
            requested: list[str] = []
            page.on("request", lambda r: requested.append(r.url))
            page.goto(endpoint.url)
            page.wait_for_selector(".CodeMirror", timeout=20_000)
            page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.setValue("
                          "'SELECT ?work ?person WHERE { ?work kgo:director ?person }')")
            page.click(".yasqe_queryButton")
            deadline = time.monotonic() + 20
            text = ""
            while time.monotonic() < deadline and "person/" not in text:
                page.wait_for_timeout(100)
                text = page.evaluate("() => (document.querySelector('.yasr') || {}).innerText || ''")
            assert "kgr:person/" in text and "results" in text  # the table shortens with kg's prefixes
        finally:
            browser.close()
    assert elsewhere == []
    assert any(url.startswith(endpoint.query_url) for url in requested), requested  # the query went here
    assert all(url.startswith(endpoint.url) for url in requested), requested


def test_predeclared_prefixes_and_own_declarations(endpoint: Endpoint) -> None:
    own = f"PREFIX kgo: <{KGO}>\n" + DIRECTORS
    assert bindings(get(endpoint, own)[2]) == bindings(get(endpoint, DIRECTORS)[2])
    other = "PREFIX kgo: <http://example.org/not-kg#>\n" + DIRECTORS  # a query's own declaration wins
    assert get(endpoint, other)[0] == 200 and bindings(get(endpoint, other)[2]) == []


def test_syntax_error_names_the_users_line(endpoint: Endpoint) -> None:
    status, ctype, body = get(endpoint, "SELECT ?x WHERE {\n  ?x ?y\n}")
    assert status == 400 and ctype.startswith("text/plain") and body.startswith(b"SPARQL syntax error at 3:")


def test_updates_refused(endpoint: Endpoint) -> None:
    with Listener() as listener:
        for query in (f"LOAD <{listener.url}>", "INSERT DATA { <http://a> <http://b> <http://c> }", "DROP ALL"):
            status, _, body = get(endpoint, query)
            assert status == 400 and b"refused" in body, query
        status, _, body = http(endpoint.url + "update", data=urllib.parse.urlencode(
            {"update": f"LOAD <{listener.url}>"}).encode(), ctype="application/x-www-form-urlencoded")
        assert status == 403 and b"read-only" in body
        status, _, _ = http(endpoint.query_url, data=urllib.parse.urlencode(
            {"update": f"LOAD <{listener.url}>"}).encode(), ctype="application/x-www-form-urlencoded")
        assert status == 403
        status, _, _ = http(endpoint.query_url, data=f"LOAD <{listener.url}>".encode(),
                            ctype="application/sparql-update")
        assert status == 403
        assert http(endpoint.url + "store", data=b"<http://a> <http://b> <http://c> .", ctype="text/turtle",
                    method="PUT")[0] == 405
        assert not listener.heard()
    assert int(bindings(get(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { <http://a> ?p ?o }")[2])[0]["n"]) == 0


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "PREFIX x: <{base}>\nSELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
])
def test_service_refused_and_the_listener_hears_nothing(endpoint: Endpoint, template: str) -> None:
    with Listener() as listener:
        query = template.format(url=listener.url, base=listener.url.rsplit("/", 1)[0] + "/")
        for status, _, body in (get(endpoint, query),
                                http(endpoint.query_url, data=query.encode(), ctype="application/sparql-query")):
            assert status == 400 and b"SERVICE is refused" in body
        assert not listener.heard(within=0.3)


def test_allowed_service_reaches_the_listener(built_output: Path) -> None:
    """The control for the test above: Oxigraph does call an allowed endpoint, so silence means refusal."""
    with Listener() as listener, Endpoint(built_output, port=0, allow_service=[listener.url]) as ep:
        status, _, body = get(ep, f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
        assert status == 200, body
        assert listener.heard(within=5) and listener.requests[0][0] in ("GET", "POST")
        other = listener.url.replace("/sparql", "/other")
        assert get(ep, f"SELECT * WHERE {{ SERVICE <{other}> {{ ?s ?p ?o }} }}")[0] == 400


def test_result_cap(built_output: Path) -> None:
    with Endpoint(built_output, port=0, limit=5) as ep:
        status, _, body = get(ep, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 400 and b"LIMIT" in body and b"5" in body
        status, _, body = get(ep, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
        assert status == 200 and len(bindings(body)) == 5
        status, _, body = get(ep, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert status == 400 and b"LIMIT" in body


def test_timeout(built_output: Path) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with Endpoint(built_output, port=0, timeout=1) as ep:
        started = time.monotonic()
        status, _, body = get(ep, heavy)
        elapsed = time.monotonic() - started
        assert status == 503 and b"timeout" in body
        assert elapsed < 5
        assert get(ep, "ASK { ?s ?p ?o }")[0] == 200  # the endpoint still answers


def test_port_taken_and_bad_settings(endpoint: Endpoint, built_output: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--port"):
        Endpoint(built_output, port=endpoint.port).start()
    with pytest.raises(UsageError, match="kg build"):
        Endpoint(tmp_path)
    with pytest.raises(UsageError, match="--timeout"):
        Endpoint(built_output, timeout=0)
    with pytest.raises(UsageError, match="--limit"):
        Endpoint(built_output, limit=0)


def _kg_serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _first_url(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    first = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/query", first)
    assert match, first
    return match.group(0)


def _stop(proc: subprocess.Popen[str], sig: int) -> tuple[str, str]:
    proc.send_signal(sig)
    try:
        return proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate(timeout=5)


def test_kg_serve_command(built_output: Path) -> None:
    with _kg_serve(str(built_output), "--port", "0", "--timeout", "5", "--limit", "50") as proc:
        try:
            url = _first_url(proc)
            status, _, body = http(url + "?" + urllib.parse.urlencode({"query": DIRECTORS}))
            assert status == 200 and bindings(body)
            status, _, body = http(url + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}))
            assert status == 400 and b"50" in body
        finally:
            _, err = _stop(proc, signal.SIGINT)
    assert proc.returncode == 0, err
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=2)


def test_kg_serve_refuses_service_unless_allowed(built_output: Path) -> None:
    query = "SELECT * WHERE {{ SERVICE <{}> {{ ?s ?p ?o }} }}"
    with Listener() as listener:
        for allow in ([], ["--allow-service", listener.url]):
            with _kg_serve(str(built_output), "--port", "0", *allow) as proc:
                try:
                    url = _first_url(proc)
                    status, _, _ = http(url + "?" + urllib.parse.urlencode({"query": query.format(listener.url)}))
                finally:
                    _stop(proc, signal.SIGTERM)
            assert proc.returncode == 0
            if allow:
                assert status == 200 and listener.heard(within=5)
            else:
                assert status == 400 and not listener.heard(within=0.3)


def test_kg_serve_without_a_build(tmp_path: Path) -> None:
    with _kg_serve(str(tmp_path / "none"), "--port", "0") as proc:
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1 and "kg build" in err and out == ""


def test_graph_store_read_side_and_head(endpoint: Endpoint, built_output: Path) -> None:
    graphs = run_query(open_store(built_output / "store"), "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    article = graphs.rows[0][0].value
    status, ctype, body = http(endpoint.url + "store?" + urllib.parse.urlencode({"graph": article}),
                               accept="application/n-triples")
    assert status == 200 and ctype.startswith("application/n-triples")
    assert len(Graph().parse(data=body.decode(), format="nt")) > 0
    status, ctype, body = http(endpoint.url + "store?default", accept="text/turtle")
    assert status == 200 and ctype.startswith("text/turtle") and len(Graph().parse(data=body.decode(),
                                                                                     format="turtle")) > 0
    status, ctype, body = http(endpoint.url + "store", accept="application/n-quads")
    assert status == 200 and body.count(b"\n") > 100
    assert http(endpoint.url + "store?graph=not%20an%20iri")[0] == 400
    request = urllib.request.Request(endpoint.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"}),
                                     method="HEAD")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200 and int(response.headers["Content-Length"]) > 0 and response.read() == b""
    with Endpoint(built_output, port=0, limit=5) as small:
        status, _, body = http(small.url + "store")
        assert status == 400 and b"LIMIT" in body


def test_log_lines(built_output: Path, capfd: pytest.CaptureFixture[str]) -> None:
    with Endpoint(built_output, port=0, log=True) as ep:
        assert get(ep, "ASK { ?s ?p ?o }")[0] == 200
    err = capfd.readouterr().err
    assert re.search(r'kg serve: 127\.0\.0\.1 "GET /query" 200 \d+ ms', err), err


def test_default_and_named_graph_uri(endpoint: Endpoint, built_output: Path) -> None:
    """The SPARQL 1.1 Protocol's dataset parameters: one article's graph as the default graph, or
    as the only named graph, instead of the union."""
    graphs = run_query(open_store(built_output / "store"), "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    article = graphs.rows[0][0].value
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    everything = int(bindings(get(endpoint, count)[2])[0]["n"])
    url = endpoint.query_url + "?" + urllib.parse.urlencode({"query": count, "default-graph-uri": article})
    one = int(bindings(http(url)[2])[0]["n"])
    assert 0 < one < everything
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    url = endpoint.query_url + "?" + urllib.parse.urlencode({"query": named, "named-graph-uri": article})
    assert int(bindings(http(url)[2])[0]["n"]) == 1
    url = endpoint.query_url + "?" + urllib.parse.urlencode({"query": count, "default-graph-uri": "not an iri"})
    assert http(url)[0] == 400
