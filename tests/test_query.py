"""SPARQL over the built store: every query form, every format, refusals, errors."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import OutputError, QueryError
from kg.query import check_query, format_result, run_query
from kg.store import open_store

DIRECTORS = "SELECT ?w ?p WHERE { ?w kgo:director ?p } ORDER BY ?w"


@pytest.fixture(scope="module")
def store(built_output: Path):
    return open_store(built_output / "store")


def test_select_reads_the_union_of_graphs(store) -> None:
    result = run_query(store, DIRECTORS)
    assert result.kind == "select" and result.variables == ("w", "p")
    assert any(r[1].value.endswith("/person/ava-duvernay") for r in result.rows)
    statements = run_query(store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kgo:Statement }")
    assert int(statements.rows[0][0].value) > 50  # they live in the articles' named graphs


def test_ask_construct_describe(store) -> None:
    assert run_query(store, "ASK { ?w kgo:castMember ?p }").boolean is True
    built = run_query(store, "CONSTRUCT { ?w kgo:director ?p } WHERE { ?w kgo:director ?p }")
    assert built.kind == "graph" and built.triples
    g = Graph().parse(data=format_result(built, "ttl"), format="turtle")
    assert len(g) == len(built.triples)
    described = run_query(store, "DESCRIBE ?w WHERE { ?w kgo:director ?p }")
    assert described.triples


def test_formats(store) -> None:
    result = run_query(store, DIRECTORS)
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[0] == ["w", "p"] and len(rows) == len(result.rows) + 1
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0] == "w\tp"
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"] == ["w", "p"] and len(data["results"]["bindings"]) == len(result.rows)
    table = format_result(result, "table", width=60)
    assert "kgr:person/ava-duvernay" in table and all(len(line) <= 60 for line in table.splitlines())
    with pytest.raises(QueryError, match="CONSTRUCT or DESCRIBE"):
        format_result(result, "ttl")
    with pytest.raises(QueryError, match="choose one of"):
        format_result(result, "xml")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DROP ALL",
    "LOAD <http://127.0.0.1:9/x.ttl>",
])
def test_refused(store, query: str) -> None:
    with pytest.raises(QueryError, match="refused"):
        run_query(store, query)


def test_words_inside_strings_iris_and_comments_are_not_keywords(store) -> None:
    query = 'SELECT ?s WHERE { ?s ?p "SERVICE and INSERT" } # DROP this\n'
    check_query(query)
    assert run_query(store, query).rows == ()
    check_query("SELECT ?s WHERE { ?s <http://example.org/service/load> ?o }")


def test_service_allowed_only_for_listed_endpoints() -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/a> { ?s ?p ?o } }"
    check_query(q, allow_service=("http://127.0.0.1:9/a",))
    with pytest.raises(QueryError):
        check_query(q, allow_service=("http://127.0.0.1:9/b",))


def test_syntax_error_names_line_and_column(store) -> None:
    with pytest.raises(QueryError, match=r"1:\d+"):
        run_query(store, "SELEC ?x WHERE {}")


def test_missing_store(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="kg build"):
        open_store(tmp_path / "nothing" / "store")
