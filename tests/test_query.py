"""SPARQL over a store built from a hand-written graph.trig: every query form, every format,
the union of graphs, syntax errors, and what is refused."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, URIRef

from kg.errors import QueryError
from kg.query import FORMATS, PREFIXES, QueryResult, check_query, format_result, run_query, shorten_iri
from tests.test_store import ARTICLE, JANE, KGO, SHOW, STATEMENT, write_output

DIRECTORS = "SELECT ?work ?person WHERE { ?work kgo:director ?person }"
CONSTRUCT = "CONSTRUCT { ?w kgo:director ?p ; rdfs:label ?l } WHERE { ?w kgo:director ?p ; rdfs:label ?l }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> pyoxigraph.Store:
    from kg.store import open_store

    out = write_output(tmp_path_factory.mktemp("query") / "out")
    return open_store(out / "store")


# --- query forms -------------------------------------------------------------------------------

def test_select(store) -> None:
    result = run_query(store, DIRECTORS)
    assert result.kind == "select" and result.variables == ("work", "person")
    assert result.rows == ((pyoxigraph.NamedNode(SHOW), pyoxigraph.NamedNode(JANE)),)
    assert result.boolean is None and result.triples == ()


def test_unbound_variables_are_none(store) -> None:
    result = run_query(store, "SELECT ?p ?alt WHERE { ?p a kgo:Person OPTIONAL { ?p kgo:spouse ?alt } }")
    assert result.rows == ((pyoxigraph.NamedNode(JANE), None),)


def test_literals_keep_datatype_and_language(store) -> None:
    result = run_query(store, 'SELECT ?n ?d ?t WHERE { ?w kgo:numberOfEpisodes ?n ; kgo:publicationDate ?d '
                              'BIND(STRLANG("Die Show", "de") AS ?t) }')
    n, d, t = result.rows[0]
    assert (n.value, n.datatype.value) == ("4", "http://www.w3.org/2001/XMLSchema#integer")
    assert d.datatype.value == "http://www.w3.org/2001/XMLSchema#gMonthDay"
    assert t.language == "de"


def test_ask(store) -> None:
    assert run_query(store, "ASK { ?w kgo:director ?p }") == QueryResult("ask", boolean=True)
    assert run_query(store, "ASK { ?w kgo:castMember ?p }").boolean is False


def test_construct_and_describe(store) -> None:
    built = run_query(store, CONSTRUCT)
    assert built.kind == "graph" and len(built.triples) == 2
    assert pyoxigraph.Triple(pyoxigraph.NamedNode(SHOW), pyoxigraph.NamedNode(KGO + "director"),
                             pyoxigraph.NamedNode(JANE)) in built.triples
    described = run_query(store, f"DESCRIBE <{JANE}>")
    assert described.kind == "graph" and {t.subject.value for t in described.triples} == {JANE}


def test_results_are_frozen(store) -> None:
    result = run_query(store, DIRECTORS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.kind = "ask"  # type: ignore[misc]


def test_substitutions(store) -> None:
    result = run_query(store, "SELECT ?x ?l WHERE { ?x rdfs:label ?l }", substitutions={"x": pyoxigraph.NamedNode(JANE)})
    assert [row[1].value for row in result.rows] == ["Jane Doe"]


# --- the union of graphs -----------------------------------------------------------------------

def test_the_default_graph_is_the_union_of_all_graphs(store) -> None:
    q = "SELECT ?s ?rule WHERE { ?s a kgo:Statement ; kgo:rule ?rule ; rdf:object ?p . ?p rdfs:label ?l }"
    result = run_query(store, q)  # a statement (named graph) joined with a label (default graph)
    assert [(s.value, rule.value) for s, rule in result.rows] == [(STATEMENT, "kg.passive_by.v1")]


def test_without_the_union_the_default_graph_is_its_own(store) -> None:
    statements = "SELECT ?s WHERE { ?s a kgo:Statement }"
    assert run_query(store, statements, use_default_graph_as_union=False).rows == ()
    assert run_query(store, DIRECTORS, use_default_graph_as_union=False).rows  # entities live there
    in_graph = run_query(store, "SELECT ?g WHERE { GRAPH ?g { ?s a kgo:Statement } }", use_default_graph_as_union=False)
    assert in_graph.rows == ((pyoxigraph.NamedNode(ARTICLE),),)


# --- formats -----------------------------------------------------------------------------------

def test_csv_parses_back(store) -> None:
    text = format_result(run_query(store, DIRECTORS), "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["work", "person"], [SHOW, JANE]]
    headline = format_result(run_query(store, "SELECT ?h WHERE { ?a schema:headline ?h }"), "csv")
    assert list(csv.reader(io.StringIO(headline)))[1] == [
        "Jane Doe's \"The Show\": a public SERVICE, and how to INSERT a twist"]  # quotes and commas survive


def test_tsv_keeps_terms(store) -> None:
    lines = format_result(run_query(store, "SELECT ?w ?n WHERE { ?w kgo:numberOfEpisodes ?n }"), "tsv").splitlines()
    assert lines[0] == "?w\t?n"
    assert lines[1].split("\t") == [f"<{SHOW}>", "4"]


def test_json_is_sparql_results_json(store) -> None:
    data = json.loads(format_result(run_query(store, "SELECT ?w ?d WHERE { ?w kgo:publicationDate ?d }"), "json"))
    assert data["head"]["vars"] == ["w", "d"]
    assert data["results"]["bindings"] == [{
        "w": {"type": "uri", "value": SHOW},
        "d": {"type": "literal", "value": "--05-31", "datatype": "http://www.w3.org/2001/XMLSchema#gMonthDay"},
    }]
    assert json.loads(format_result(run_query(store, "ASK { ?s ?p ?o }"), "json")) == {"head": {}, "boolean": True}


def test_ask_as_text(store) -> None:
    answer = run_query(store, "ASK { ?w kgo:castMember ?p }")
    assert format_result(answer, "table") == "false\n"
    assert format_result(answer, "csv").strip() == "false"


def test_turtle_parses_back(store) -> None:
    built = run_query(store, CONSTRUCT)
    text = format_result(built, "ttl")
    assert "@prefix kgo:" in text and "@prefix foaf:" not in text  # only the prefixes it uses
    g = Graph().parse(data=text, format="turtle")
    assert len(g) == len(built.triples)
    assert (URIRef(SHOW), URIRef(KGO + "director"), URIRef(JANE)) in g


def test_graph_results_as_json_ld_and_csv(store) -> None:
    built = run_query(store, CONSTRUCT)
    ds = Dataset().parse(data=format_result(built, "json"), format="json-ld")
    assert (URIRef(SHOW), URIRef(KGO + "director"), URIRef(JANE)) in ds
    rows = list(csv.reader(io.StringIO(format_result(built, "csv"))))
    assert rows[0] == ["subject", "predicate", "object"]
    assert sorted(rows[1:]) == sorted([[SHOW, KGO + "director", JANE], [SHOW, PREFIXES["rdfs"] + "label", "The Show"]])


def test_ttl_needs_a_graph_result(store) -> None:
    with pytest.raises(QueryError, match="^ttl needs a CONSTRUCT or DESCRIBE query; SELECT and ASK answers are "):
        format_result(run_query(store, DIRECTORS), "ttl")


def test_unknown_format_lists_the_valid_ones(store) -> None:
    with pytest.raises(QueryError, match="choose one of table, csv, tsv, json, xml, ttl, nt, jsonld"):
        format_result(run_query(store, DIRECTORS), "yaml")
    assert FORMATS == ("table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld")


def test_every_format_ends_with_a_newline(store) -> None:
    for query in (DIRECTORS, "ASK { ?s ?p ?o }", CONSTRUCT):
        result = run_query(store, query)
        for fmt in FORMATS:
            if fmt in ("ttl", "nt", "jsonld") and result.kind != "graph":
                continue
            assert format_result(result, fmt).endswith("\n"), (query, fmt)


# --- the table ---------------------------------------------------------------------------------

def test_table_shortens_iris_and_aligns(store) -> None:
    table = format_result(run_query(store, DIRECTORS), "table").splitlines()
    assert table == [
        "work                     person",
        "-----------------------  -------------------",
        "kgr:production/the-show  kgr:person/jane-doe",
        "(1 row)",
    ]
    graph = format_result(run_query(store, CONSTRUCT), "table")
    assert "kgo:director" in graph and "rdfs:label" in graph and graph.endswith("(2 triples)\n")


def test_table_truncates_long_cells_to_the_width(store) -> None:
    q = "SELECT ?a ?h ?s WHERE { ?a schema:headline ?h . ?x kgo:sentence ?s }"
    wide = format_result(run_query(store, q), "table")
    assert "…" not in wide and "how to INSERT a twist" in wide  # no width, nothing cut
    for width in (40, 60, 80):
        lines = format_result(run_query(store, q), "table", width=width).splitlines()
        assert all(len(line) <= width for line in lines), width
        assert any(line.endswith("…") or "… " in line for line in lines[2:-1])


def test_table_right_aligns_numbers_and_cleans_control_characters(store) -> None:
    q = 'SELECT ?label ?n WHERE { VALUES (?label ?n) { ("two\\nlines\\u001b[31m" 4) ("x" 1234) } }'
    lines = format_result(run_query(store, q), "table").splitlines()
    assert lines[2] == "two lines [31m     4"
    assert lines[3] == "x               1234"


def test_prefixes() -> None:
    for prefix in ("kgo", "kgr", "rdf", "rdfs", "xsd", "owl", "skos", "prov", "schema", "wd", "wdt"):
        assert prefix in PREFIXES
    assert shorten_iri(KGO + "Person") == "kgo:Person"
    assert shorten_iri("http://www.wikidata.org/entity/Q42") == "wd:Q42"
    assert shorten_iri("https://schema.org/headline") == "schema:headline"
    assert shorten_iri("http://example.org/a b") == "<http://example.org/a b>"


# --- errors and refusals -----------------------------------------------------------------------

def test_syntax_error_names_line_and_column(store) -> None:
    with pytest.raises(QueryError, match=r"^SPARQL syntax error at 1:\d+: "):
        run_query(store, "SELEC ?x WHERE {}")
    with pytest.raises(QueryError, match=r"at 3:\d+"):
        run_query(store, "SELECT ?x\nWHERE {\n  ?x ?y }")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE {SERVICE<http://127.0.0.1:9/>{?s ?p ?o}}",
    "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:9/> } SERVICE ?e { ?s ?p ?o } }",
    "PREFIX e: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
    'SELECT * WHERE { ?s ?p "x" . # a comment\n SeRvIcE <http://127.0.0.1:9/> { ?s ?p ?o } }',
])
def test_service_is_refused(store, query: str) -> None:
    with pytest.raises(QueryError, match="SERVICE is refused"):
        run_query(store, query)


@pytest.mark.parametrize("query", [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "DROP ALL",
    "clear default",
    "CREATE GRAPH <http://example.org/g>",
    "COPY DEFAULT TO <http://example.org/g>",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { ex:a ex:b ex:c }",
])
def test_updates_are_refused(store, query: str) -> None:
    with pytest.raises(QueryError, match=r"updates are refused here \([A-Z]+ at \d+:\d+\)"):
        run_query(store, query)
    assert len(store) == 24


def test_words_in_strings_iris_comments_and_names_are_not_keywords(store) -> None:
    q = 'SELECT ?a WHERE { ?a schema:headline ?h FILTER(CONTAINS(?h, "SERVICE")) }'
    assert run_query(store, q).rows == ((pyoxigraph.NamedNode(ARTICLE),),)  # the literal runs, and matches
    for q in [
        'SELECT ?s WHERE { ?s ?p "SERVICE and INSERT" } # DROP this\n',
        "SELECT ?s WHERE { ?s ?p '''LOAD\n<http://127.0.0.1:9/> SERVICE''' }",
        "SELECT ?s WHERE { ?s <http://example.org/service/load> ?o }",
        "PREFIX service: <http://example.org/> SELECT ?service ?delete WHERE { ?service service:drop ?delete }",
        'SELECT ?s WHERE { ?s ?p "clear"@en-with }',
        r"PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ex:a\-copy ex:b-service }",
    ]:
        check_query(q)
        assert run_query(store, q).rows == ()


def test_escaped_keywords_do_not_slip_through(store) -> None:
    # rdflib unescapes \u before it parses (Oxigraph does not, outside strings): refused, never a fetch
    with pytest.raises(QueryError, match="SERVICE is refused"):
        run_query(store, r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_service_allowed_only_for_listed_endpoints(store) -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/a> { ?s ?p ?o } }"
    check_query(q, allow_service=("http://127.0.0.1:9/a",))
    with pytest.raises(QueryError, match="refused"):
        check_query(q, allow_service=("http://127.0.0.1:9/b",))
    with pytest.raises(QueryError, match="refused"):  # the listed one does not vouch for a variable one
        check_query(q[:-1] + "SERVICE ?e { ?s ?p ?o } }", allow_service=("http://127.0.0.1:9/a",))
    # allowed, it runs, and a failure while evaluating is a QueryError too (port 9 is never fetched)
    with pytest.raises(QueryError, match="^the query failed: "):
        run_query(store, q, allow_service=("http://127.0.0.1:9/a",))


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "LOAD <{url}>",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_refusals_reach_no_listener(store, built_output: Path, template: str) -> None:
    """A real HTTP listener on loopback hears nothing from a refused query, through run_query or the API."""
    import kg
    from tests.listener import Listener

    graph = kg.load(built_output)
    with Listener() as listener:
        query = template.format(url=listener.url)
        with pytest.raises(QueryError, match="refused"):
            run_query(store, query)
        with pytest.raises(QueryError, match="refused"):
            graph.query(query)
        with pytest.raises(QueryError, match="refused"):  # allowing another endpoint does not vouch for this one
            graph.query(query, allow_service=(listener.url + "/other",))
        assert not listener.heard(within=0.3)


def test_allowed_service_reaches_the_listener(store, built_output: Path) -> None:
    """The control: pyoxigraph does fetch an allowed endpoint, so the listener's silence above means refusal."""
    import kg
    from tests.listener import Listener

    with Listener() as listener:
        query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
        assert run_query(store, query, allow_service=(listener.url,)).rows == ()
        assert listener.heard(within=5)
        listener.requests.clear()
        assert kg.load(built_output).query(query, allow_service=[listener.url]) == []
        assert listener.heard(within=5)


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"),
                                                    ("xml", "xml")])
def test_graph_formats(store, fmt: str, rdflib_format: str) -> None:
    built = run_query(store, "CONSTRUCT { ?w kgo:director ?p ; rdfs:label ?l } WHERE { ?w kgo:director ?p ; rdfs:label ?l }")
    text = format_result(built, fmt)
    assert len(Graph().parse(data=text, format=rdflib_format)) == len(built.triples) > 0
    assert "\\/" not in text  # a prefix is used only where names stay plain (no kgr:person\/x)


def test_select_as_xml_and_graph_only_formats(store) -> None:
    result = run_query(store, DIRECTORS)
    xml = format_result(result, "xml")
    assert xml.startswith("<?xml") and xml.count("<result>") == len(result.rows)
    assert "<boolean>true</boolean>" in format_result(run_query(store, "ASK { ?s ?p ?o }"), "xml")
    for fmt in ("ttl", "nt", "jsonld"):
        with pytest.raises(QueryError, match="CONSTRUCT or DESCRIBE"):
            format_result(result, fmt)


def test_syntax_errors_show_the_line_and_unknown_prefixes_what_exists(store) -> None:
    with pytest.raises(QueryError, match=r'at 3:\d+: .*; line 3: "BIND\(\?x AS\)⟨here⟩ }"$') as bad:
        run_query(store, "SELECT ?x\nWHERE { ?x ?y ?z .\n  BIND(?x AS) }")
    assert "\n" not in str(bad.value)
    with pytest.raises(QueryError, match=r"unknown prefix foo: declare it \(PREFIX foo: <…>\) or use one of kgo"):
        run_query(store, "SELECT ?x WHERE {\n  ?x foo:bar ?y }")


# --- the library: views, exports, docstring examples ---------------------------------------------

SEED_SHOW = "When They See Us"  # the production all three bundled articles are about


def test_entities_and_facts(built_output: Path) -> None:
    import kg

    g = kg.load(built_output)
    people = g.entities(type="Person")
    assert people and all("Person" in e["types"] for e in people)
    productions = g.entities("kgo:Production")
    show = next(e for e in productions if e["label"] == SEED_SHOW)
    assert show["statements"] >= 1 and show["articles"] >= 1
    about = g.facts(about=SEED_SHOW)
    directed = [f for f in about if f["property"].endswith("#director") and f["subject"] == show["iri"]]
    assert directed and directed[0]["object"] in {p["iri"] for p in people}
    assert all(f["statements"] >= 1 and 0 < f["confidence"] <= 1 for f in directed)
    everything = g.facts()
    assert {(f["subject"], f["property"], f["object"]) for f in about} <= {
        (f["subject"], f["property"], f["object"]) for f in everything}


def test_to_networkx_keeps_labels_types_and_provenance(built_output: Path) -> None:
    import kg

    g = kg.load(built_output)
    graph = g.to_networkx()
    show = next(n for n, d in graph.nodes(data=True) if d["label"] == SEED_SHOW)
    edges = [(t, d) for _, t, d in graph.out_edges(show, data=True) if d["property"] == "director"]
    assert edges
    person, data = edges[0]
    assert graph.nodes[person]["type"] == "Person" and graph.nodes[person]["statements"] >= 1
    assert data["statements"] >= 1 and data["articles"] >= 1 and data["iri"].endswith("#director")


def test_rows_to_dataframe(built_output: Path) -> None:
    pd = pytest.importorskip("pandas")
    import kg

    rows = kg.load(built_output).query("SELECT ?work ?person WHERE { ?work kgo:director ?person }")
    frame = rows.to_dataframe()
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == ["work", "person"]
    assert len(frame) == len(rows) > 0


def test_notebook_summary(built_output: Path) -> None:
    import kg

    g = kg.load(built_output)
    page = g._repr_html_()
    assert page.startswith("<div") and "<b>KnowledgeGraph</b>" in page and "Person&nbsp;" in page
    assert f"{len(g.entities())} entities, {len(g.facts())} facts" in page
    assert "<script" not in page


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld", "graphml", "gexf", "csv"])
def test_export(built_output: Path, tmp_path: Path, fmt: str) -> None:
    import networkx as nx
    import pyoxigraph

    import kg

    g = kg.load(built_output)
    target = tmp_path / ("csv" if fmt == "csv" else f"graph.{fmt}")
    written = g.export(target, format=fmt)
    assert written and all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert not [p for p in tmp_path.rglob("*.tmp")]  # written whole, then moved into place
    graph = g.to_networkx()
    if fmt in ("graphml", "gexf"):
        back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(target)
        assert back.number_of_nodes() == graph.number_of_nodes()
        assert back.number_of_edges() == graph.number_of_edges()
    elif fmt == "csv":
        nodes = list(csv.DictReader(io.StringIO((target / "nodes.csv").read_text(encoding="utf-8"))))
        edges = list(csv.DictReader(io.StringIO((target / "edges.csv").read_text(encoding="utf-8"))))
        assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
        assert any(e["property"] == "director" for e in edges)
    else:
        rdf_format = {"ttl": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
                      "trig": pyoxigraph.RdfFormat.TRIG, "nq": pyoxigraph.RdfFormat.N_QUADS,
                      "jsonld": pyoxigraph.RdfFormat.JSON_LD}[fmt]
        quads = list(pyoxigraph.parse(path=str(target), format=rdf_format))
        named = {q.graph_name for q in quads if hasattr(q, "graph_name")} - {pyoxigraph.DefaultGraph()}
        assert quads and (bool(named) == (fmt in ("trig", "nq", "jsonld")))
