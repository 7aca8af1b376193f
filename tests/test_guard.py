"""The SERVICE guard decides on the parsed query (issue 16, item 1): the lexer bypass, and a generated
corpus of SERVICE spellings, each refused, each shown to be a real SERVICE to Oxigraph (allowed, it
reaches a loopback listener), and the same words where they are data, which must still run."""
from __future__ import annotations

import itertools
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph
import pytest

from kg.errors import QueryError
from kg.query import check_query, run_query
from tests.listener import Listener

# the bypass of issue 16: the old lexer read `<2)SERVICE#>` as one IRI, Oxigraph reads `<`, SERVICE, a comment
BYPASS = "SELECT * WHERE {{ FILTER(1<2)SERVICE#>\n<{url}> {{ ?s ?p ?o }} }}"


def _store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://example.org/a"), pyoxigraph.NamedNode("http://example.org/p"),
                              pyoxigraph.Literal("service desk")))
    return store


def spellings(url: str) -> list[str]:
    """SERVICE written every way SPARQL allows: case, SILENT, whitespace and comments between the
    words, the endpoint as an IRI, and the pattern at every depth of nesting."""
    keywords = ["SERVICE", "service", "Service", "sErViCe"]
    silents = ["", "SILENT ", "silent ", "Silent\n"]
    gaps = [" ", "\n", "\t", "  \r\n ", " # a comment\n", "#>\n", "\n#<\n"]
    calls = [f"{k}{g}{s}<{url}>{g}{{ ?s ?p ?o }}" for k, g, s in itertools.product(keywords, gaps, silents)]
    wraps = ["{call}", "OPTIONAL {{ {call} }}", "{{ ?a ?b ?c }} UNION {{ {call} }}", "MINUS {{ {call} }}",
             "FILTER EXISTS {{ {call} }}", "FILTER NOT EXISTS {{ {call} }}", "GRAPH ?g {{ {call} }}",
             "{{ SELECT * WHERE {{ {call} }} }}", "FILTER(1<2){call}", "BIND(1 AS ?x){call}",
             "?a ?b ?c .{call}"]
    queries = [f"SELECT * WHERE {{ {w.format(call=c)} }}" for c, w in zip(calls, itertools.cycle(wraps))]
    queries += [f"SELECT * WHERE {{ {w.format(call=calls[0])} }}" for w in wraps]
    queries += [f"ASK {{ {calls[1]} }}", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {calls[2]} }}",
                f"DESCRIBE ?s WHERE {{ {calls[3]} }}", BYPASS.format(url=url),
                f"SELECT * WHERE {{ FILTER(1<2)SERVICE#>\n<{url}> {{ ?s ?p ?o }} SERVICE <{url}> {{ }} }}"]
    return queries


def unknown_endpoints(url: str) -> list[str]:
    """SERVICE to an endpoint known only at run time: always refused, allowed list or not."""
    base = url.rsplit("/", 1)[0] + "/"
    return [f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE SILENT ?e {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} service\n$e {{ ?s ?p ?o }} }}",
            f"PREFIX x: <{base}>\nSELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
            f"PREFIX : <{base}>\nSELECT * WHERE {{ FILTER(1<2)SERVICE#>\n:sparql {{ ?s ?p ?o }} }}",
            f"BASE <{base}>\nSELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE <{url}> {{ SERVICE <{url}/2> {{ ?s ?p ?o }} }} }}"]


def test_the_bypass_of_issue_16_is_refused() -> None:
    with pytest.raises(QueryError, match="SERVICE is refused"):
        check_query(BYPASS.format(url="http://127.0.0.1:9/x"))


def test_every_spelling_is_refused_and_the_listener_hears_nothing() -> None:
    store = _store()
    with Listener() as listener:
        queries = spellings(listener.url) + unknown_endpoints(listener.url)
        assert len(queries) > 100
        for query in queries:
            with pytest.raises(QueryError, match="SERVICE is refused"):
                check_query(query)
            with pytest.raises(QueryError, match="SERVICE is refused"):
                run_query(store, query)
            with pytest.raises(QueryError, match="refused"):  # another endpoint allowed vouches for none of these
                check_query(query, allow_service=(listener.url + "/other",))
        assert not listener.heard(within=0.3)
        for query in unknown_endpoints(listener.url):
            with pytest.raises(QueryError, match="refused"):
                check_query(query, allow_service=(listener.url,))


def test_every_spelling_is_a_real_service_to_oxigraph() -> None:
    """The control: allowed, each spelling makes Oxigraph call the listener, so the refusals above
    are of queries that would fetch, not of queries that do nothing."""
    store = _store()
    with Listener() as listener:
        for query in spellings(listener.url)[::7] + [BYPASS.format(url=listener.url)]:
            listener.requests.clear()
            run_query(store, query, allow_service=(listener.url,))
            assert listener.heard(within=5), query


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s ?p "service desk" }',
    "SELECT ?s WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }' }",
    'SELECT ?s WHERE { ?s ?p """multi\nSERVICE <http://127.0.0.1:9/x> {}\n""" }',
    "SELECT ?s WHERE { ?s <http://example.org/service/SERVICE> ?o }",
    "PREFIX service: <http://example.org/> SELECT ?service WHERE { ?service service:SERVICE ?o }",
    "SELECT ?s WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/x> { }",
    'SELECT ?s WHERE { ?s ?p "x"@en-service }',
    "SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), \"SERVICE\")) }",
    "SELECT ?s WHERE { ?s ?p ?o FILTER(1<2) }",
])
def test_the_word_as_data_still_runs(query: str) -> None:
    check_query(query)
    assert isinstance(run_query(_store(), query).rows, tuple)


def test_what_rdflib_cannot_read_is_not_run() -> None:
    # SPARQL 1.2 triple terms: Oxigraph reads them, rdflib's SPARQL 1.1 parser does not, so kg does not run them
    with pytest.raises(QueryError, match="cannot read is not run"):
        check_query("SELECT * WHERE { ?s ?p <<( ?a ?b ?c )>> }")
    # with a SERVICE anywhere in the text, Oxigraph is not even asked for its syntax error
    with pytest.raises(QueryError, match="SERVICE is refused"):
        check_query("SELECT * WHERE { ?s ?p <<( ?a ?b ?c )>> SERVICE <http://127.0.0.1:9/x> { } }")
    with pytest.raises(QueryError, match=r"^SPARQL syntax error at 3:"):  # Oxigraph's words where that is safe
        check_query("SELECT ?x WHERE {\n  ?x ?y\n}")
    with pytest.raises(QueryError):
        check_query("SELECT * WHERE " + "{" * 5000 + "}" * 5000)


def test_updates_are_refused_on_the_parse_too() -> None:
    for query in ("INSERT DATA { <http://a> <http://b> <http://c> }", "load <http://127.0.0.1:9/x>",
                  "SELECT * WHERE { FILTER(1<2)LOAD#>\n<http://127.0.0.1:9/x> }"):
        with pytest.raises(QueryError, match="refused|syntax"):
            check_query(query)


# --- the bypass through every door: kg query, the Python API, kg serve (GET, form, sparql-query)

def test_the_bypass_through_kg_query_and_the_api(built_output: Path) -> None:
    with Listener() as listener:
        query = BYPASS.format(url=listener.url)
        result = subprocess.run([sys.executable, "-m", "kg.cli", "query", query, "--out", str(built_output)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 1 and "SERVICE is refused" in result.stderr, result.stderr
        import kg

        with pytest.raises(QueryError, match="SERVICE is refused"):
            kg.load(built_output).query(query)
        assert not listener.heard(within=0.3)


def test_the_bypass_through_kg_serve(built_output: Path) -> None:
    from kg.query.serve import Endpoint

    def call(request: urllib.request.Request) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    with Listener() as listener, Endpoint(built_output, port=0) as ep:
        query = BYPASS.format(url=listener.url)
        requests = [
            urllib.request.Request(ep.query_url + "?" + urllib.parse.urlencode({"query": query})),
            urllib.request.Request(ep.query_url, data=urllib.parse.urlencode({"query": query}).encode(),
                                   headers={"Content-Type": "application/x-www-form-urlencoded"}),
            urllib.request.Request(ep.url + "sparql", data=query.encode(),
                                   headers={"Content-Type": "application/sparql-query"}),
        ]
        for request in requests:
            status, body = call(request)
            assert status == 400 and b"SERVICE is refused" in body, body
        assert not listener.heard(within=0.3)
