"""Who says so? (``kg why``, ``KnowledgeGraph.why``) on the graph built from the bundled articles.

The facts asserted are the robust ones (the main production's director is a person named in
the articles); the offsets are checked against the articles' own text.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.errors import QueryError
from kg.query import run_query
from kg.query.why import EVIDENCE_FIELDS, resolve_property, why
from kg.store import open_store

SOURCES = Path(__file__).resolve().parents[1] / "sources"
SHOW = "When They See Us"
KGO = "https://w3id.org/kg/ontology#"
runner = CliRunner()


@pytest.fixture(scope="module")
def store(built_output: Path) -> pyoxigraph.Store:
    return open_store(built_output / "store")


@pytest.fixture(scope="module")
def director(store: pyoxigraph.Store) -> tuple[str, str]:
    """The main production's director: (IRI, label), read from the graph."""
    found = run_query(store, f'SELECT ?p ?name WHERE {{ ?w rdfs:label "{SHOW}" ; kgo:director ?p . '
                             "?p a kgo:Person ; rdfs:label ?name }")
    assert found.rows, "the bundled articles' main production has a director who is a person"
    return found.rows[0][0].value, found.rows[0][1].value


def test_the_directors_sentences(store: pyoxigraph.Store, director: tuple[str, str]) -> None:
    iri, name = director
    evidence = why(store, SHOW, "director", name)
    assert evidence and all(set(e) == set(EVIDENCE_FIELDS) for e in evidence)
    surname = name.split()[-1]
    assert any(surname in e["sentence"] for e in evidence)
    for e in evidence:
        assert e["subject_label"] == SHOW and e["property"] == KGO + "director" and e["object"] == iri
        assert re.fullmatch(r"kg\.\w+\.v\d+", e["rule"]) and 0 <= e["confidence"] <= 1
        assert e["sentence_start"] <= e["start"] < e["end"] <= e["sentence_start"] + len(e["sentence"])
        text = (SOURCES / Path(e["source"]).name).read_text(encoding="utf-8")
        assert text[e["start"]:e["end"]] == e["evidence"]  # offsets point into the article itself
        assert text[e["sentence_start"]:].startswith(e["sentence"].rstrip())
        assert e["statement"].startswith("https://") and e["article"].startswith("https://")
    confidences = [e["confidence"] for e in evidence]
    assert confidences == sorted(confidences, reverse=True)


def test_ways_to_name_the_fact(store: pyoxigraph.Store, director: tuple[str, str]) -> None:
    iri, name = director
    expected = why(store, SHOW, "director", name)
    show = run_query(store, f'SELECT ?w WHERE {{ ?w rdfs:label "{SHOW}" }}').rows[0][0].value
    for subject, prop, obj in [
        (SHOW.lower(), "kgo:director", name.upper()),
        (show, KGO + "director", f"<{iri}>"),
        ("kgr:" + show.split("/id/", 1)[1], "Director", name.split()[-1]),  # an alias for the person
        (name, "director", SHOW),  # the wrong way round: person director work
    ]:
        assert why(store, subject, prop, obj) == expected, (subject, prop, obj)
    everyone = why(store, SHOW, "director", "*")
    assert {e["statement"] for e in expected} <= {e["statement"] for e in everyone}
    assert {e["property"] for e in why(store, SHOW, "*", name)} >= {KGO + "director"}


def test_a_value(store: pyoxigraph.Store) -> None:
    """A fact whose object is a value (a date, a count) is named by the value's text."""
    found = run_query(store, """SELECT ?label ?p ?o WHERE {
        GRAPH ?g { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } FILTER(isLiteral(?o))
        ?s rdfs:label ?label } LIMIT 1""")
    assert found.rows, "the seed articles give a date or a count"
    label, prop, value = found.rows[0]
    evidence = why(store, label.value, prop.value, value.value)
    assert evidence and all(e["object"] == value.value and e["object_label"] == value.value for e in evidence)


def test_a_value_that_is_also_an_entitys_name(store: pyoxigraph.Store) -> None:
    """A value named like some entity (a genre *documentary* beside an entity *Documentary*) is
    still the value the fact states."""
    found = run_query(store, """SELECT ?label ?p ?o WHERE {
        GRAPH ?g { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } FILTER(isLiteral(?o))
        ?s rdfs:label ?label } LIMIT 1""")
    label, prop, value = found.rows[0]
    twin = pyoxigraph.Store()
    twin.extend(store.quads_for_pattern(None, None, None, None))
    namesake = pyoxigraph.NamedNode("https://w3id.org/kg/id/organization/namesake")
    twin.add(pyoxigraph.Quad(namesake, pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                             pyoxigraph.Literal(value.value.upper())))
    twin.add(pyoxigraph.Quad(namesake, pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                             pyoxigraph.NamedNode(KGO + "Organization")))
    evidence = why(twin, label.value, prop.value, value.value)
    assert evidence and all(e["object"] == value.value for e in evidence)


def test_property_names() -> None:
    assert resolve_property("director") == KGO + "director"
    assert resolve_property("cast member") == resolve_property("cast-member") == KGO + "castMember"
    assert resolve_property("a") == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert resolve_property("http://example.org/p") == "http://example.org/p"
    with pytest.raises(QueryError, match="did you mean director"):
        resolve_property("directer")


def test_clear_errors(store: pyoxigraph.Store, director: tuple[str, str]) -> None:
    _, name = director
    with pytest.raises(QueryError, match=f"no entity called 'When They Saw Us'.*did you mean '{SHOW}'"):
        why(store, "When They Saw Us", "director", name)
    with pytest.raises(QueryError, match=f"no statement in the graph says .*it says: {SHOW} kgo:director {name}"):
        why(store, SHOW, "director", "Central Park")
    with pytest.raises(QueryError, match="no entity or value called"):
        why(store, SHOW, "director", "Nobody Atall")
    with pytest.raises(QueryError, match="name the subject or the object"):
        why(store, "*", "director", "*")


def test_hostile_text_is_never_sparql(store: pyoxigraph.Store) -> None:
    for hostile in ['" } ; DROP ALL ; #', "?s", "} UNION { ?s ?p ?o"]:
        with pytest.raises(QueryError, match="no entity"):
            why(store, hostile, "director", "*")


def test_python_api(built_output: Path, store: pyoxigraph.Store, director: tuple[str, str]) -> None:
    _, name = director
    assert kg.load(built_output).why(SHOW, "director", name) == why(store, SHOW, "director", name)


def test_kg_why_command(built_output: Path, store: pyoxigraph.Store, director: tuple[str, str]) -> None:
    _, name = director
    surname = name.split()[-1]
    table = runner.invoke(app, ["why", SHOW, "director", name, "--out", str(built_output)])
    assert table.exit_code == 0, table.stderr
    assert table.stdout.startswith(f"{SHOW}  kgo:director  {name}: ") and surname in table.stdout
    assert re.search(r"kg\.\w+\.v\d+", table.stdout) and "«" in table.stdout and "chars " in table.stdout
    as_json = json.loads(runner.invoke(app, ["why", SHOW, "kgo:director", name, "--out", str(built_output),
                                             "--format", "json"]).stdout)
    assert as_json == why(store, SHOW, "director", name)
    as_csv = list(csv.DictReader(io.StringIO(runner.invoke(
        app, ["why", SHOW, "director", name, "--out", str(built_output), "--format", "csv"]).stdout)))
    assert [r["statement"] for r in as_csv] == [e["statement"] for e in as_json]
    missing = runner.invoke(app, ["why", "When They Saw Us", "director", name, "--out", str(built_output)])
    assert missing.exit_code == 1 and "did you mean" in missing.stderr and missing.stdout == ""
