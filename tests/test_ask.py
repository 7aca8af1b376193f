"""Named questions (``kg ask``) on the graph built from the bundled articles, and on small made-up graphs.

Extraction changes under these tests, so they assert what must hold whatever the counts: the
seed articles' main production has a director who is a person, a cast of people, a broadcaster.
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
from kg.errors import QueryError, UsageError
from kg.query import format_result, run_query
from kg.query.questions import ask, parse_question, questions
from kg.store import open_store

SOURCES = Path(__file__).resolve().parents[1] / "sources"
SHOW = "When They See Us"  # the production all three bundled articles are about
NAMES = {"who-made", "cast", "person", "statistics", "timeline", "by-broadcaster", "connected"}
runner = CliRunner()


@pytest.fixture(scope="module")
def store(built_output: Path) -> pyoxigraph.Store:
    return open_store(built_output / "store")


def rows(result) -> list[dict[str, object]]:
    return [{v: (t.value if t is not None else None) for v, t in zip(result.variables, row)} for row in result.rows]


def director(store: pyoxigraph.Store) -> str:
    """The show's director's label, read from the graph rather than assumed."""
    found = run_query(store, f'SELECT ?name WHERE {{ ?w rdfs:label "{SHOW}" ; kgo:director ?p . ?p rdfs:label ?name }}')
    assert found.rows, "the bundled articles' main production has a director"
    return found.rows[0][0].value


def test_every_question_is_documented() -> None:
    known = questions()
    assert NAMES <= set(known)
    for name, question in known.items():
        assert question.summary and question.description, name
        assert question.examples and all(e.startswith(f"kg ask {name}") for e in question.examples), name
        for param in question.params:
            assert re.search(rf"SELECT[^{{]*\?{param.name}\b", question.sparql, re.S), (name, param.name)
        assert "\n#" not in question.sparql.split("SELECT", 1)[1], "comments belong in the header"


def test_question_headers_are_checked() -> None:
    with pytest.raises(QueryError, match="must start with"):
        parse_question("SELECT ?x WHERE { ?x ?p ?o }", "x")
    with pytest.raises(QueryError, match="projected"):
        parse_question("# x: a question\n# param thing kgo:Person: a thing\nSELECT ?y WHERE { ?thing ?p ?y }", "x")
    with pytest.raises(QueryError, match="unknown prefix"):
        parse_question("# x: a question\n# param thing nope:Person: a thing\nSELECT ?thing WHERE { ?thing ?p ?y }", "x")


def test_who_made(store: pyoxigraph.Store) -> None:
    made = rows(ask(store, "who-made", [SHOW]))
    name = director(store)
    directors = [r for r in made if r["role"] == "https://w3id.org/kg/ontology#director"]
    assert any(r["name"] == name and r["type"] == "Person" for r in directors)
    assert "production" not in ask(store, "who-made", [SHOW]).variables  # the argument's column is left out
    assert all(int(r["statements"]) >= 1 and int(r["articles"]) >= 1 for r in made)  # type: ignore[arg-type]
    iri = run_query(store, f'SELECT ?w WHERE {{ ?w rdfs:label "{SHOW}" }}').rows[0][0].value
    for same in (SHOW.upper(), f"<{iri}>", iri, "kgr:" + iri.split("/id/", 1)[1]):
        assert rows(ask(store, "who-made", [same])) == made, same


def test_cast(store: pyoxigraph.Store) -> None:
    cast = rows(ask(store, "cast", [SHOW.lower()]))
    assert len(cast) >= 3
    for r in cast:
        assert run_query(store, "ASK { ?p a kgo:Person }", substitutions={"p": pyoxigraph.NamedNode(
            str(r["actor"]))}).boolean, r


def test_cast_with_characters() -> None:
    """Characters come from a role's character name or a character entity tied to the production."""
    graph = pyoxigraph.Store()
    graph.load(b"""
    @prefix kgo: <https://w3id.org/kg/ontology#> . @prefix : <https://w3id.org/kg/id/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    :show a kgo:Series ; rdfs:label "Harbour Lights" ; kgo:castMember :ann, :bo ; kgo:director :cy .
    :ann a kgo:Person ; rdfs:label "Ann Avery" .   :bo a kgo:Person ; rdfs:label "Bo Brandt" .
    :cy a kgo:Person ; rdfs:label "Cy Cole" .
    :role1 a kgo:Role ; kgo:production :show ; kgo:person :ann ; kgo:roleKind kgo:CastMemberRole ;
        kgo:characterName "Detective Rhee" .
    :captain a kgo:Character ; rdfs:label "Captain Moss" ; kgo:performer :bo .
    :show kgo:mainSubject :captain .
    """, format=pyoxigraph.RdfFormat.TURTLE)
    cast = {(r["name"], r["character"]) for r in rows(ask(graph, "cast", ["harbour lights"]))}
    assert cast == {("Ann Avery", "Detective Rhee"), ("Bo Brandt", "Captain Moss")}
    with pytest.raises(QueryError, match="is a Person, not a Production"):
        ask(graph, "cast", ["Cy Cole"])


def test_person_with_sources(store: pyoxigraph.Store) -> None:
    name = director(store)
    surname = name.split()[-1]
    facts = rows(ask(store, "person", [surname]))  # an alias finds the person too
    assert facts == rows(ask(store, "person", [name]))
    directed = [r for r in facts if r["property"] == "https://w3id.org/kg/ontology#director" and r["object"] == name]
    assert any(r["subject"] == SHOW for r in directed)
    for r in directed:
        assert int(r["statements"]) >= 1  # type: ignore[arg-type]
        for source in str(r["sources"]).split(" | "):  # headline, else the article's path
            assert (SOURCES / Path(source).name).is_file(), source


def test_statistics(store: pyoxigraph.Store) -> None:
    stats = rows(ask(store, "statistics", [SHOW]))
    assert stats and all(float(str(r["value"])) > 0 for r in stats)
    dated = [str(r["asOf"]) for r in stats if r["asOf"] and not str(r["asOf"]).startswith("--")]
    assert dated == sorted(dated)


def test_timeline(store: pyoxigraph.Store) -> None:
    events = rows(ask(store, "timeline", []))
    assert events and all(r["kind"] and r["participants"] for r in events)
    dates = [str(r["date"]) for r in events if r["date"] is not None]
    with_year = [d for d in dates if not d.startswith("--")]
    assert with_year == sorted(with_year) and dates[: len(with_year)] == with_year
    assert events[-1]["date"] is None or all(r["date"] is not None for r in events)  # undated last
    group = run_query(store, "SELECT ?name WHERE { ?e kgo:participant ?g . ?g a kgo:Group ; rdfs:label ?name }")
    assert group.rows, "the seed articles have events with a group taking part"
    some = rows(ask(store, "timeline", [group.rows[0][0].value]))
    assert some and {r["event"] for r in some} < {r["event"] for r in events}


def test_by_broadcaster(store: pyoxigraph.Store) -> None:
    everything = rows(ask(store, "by-broadcaster", []))
    aired = [r for r in everything if r["title"] == SHOW and r["relation"].endswith("#originalBroadcaster")]
    assert aired, "the show has a broadcaster"
    network = str(aired[0]["organization"])
    one = rows(ask(store, "by-broadcaster", [network]))
    assert one and all(r["organization"] == network for r in one)
    assert one == [r for r in everything if r["organization"] == network]


def test_connected(store: pyoxigraph.Store) -> None:
    member = run_query(store, "SELECT ?name WHERE { ?p kgo:memberOf ?g ; rdfs:label ?name } ORDER BY ?name LIMIT 1")
    assert member.rows, "the seed articles name members of a group"
    name = member.rows[0][0].value
    people = rows(ask(store, "connected", [name]))
    assert people and name not in {r["name"] for r in people}
    assert all(int(str(r["distance"])) in (1, 2) and r["via"] for r in people)
    distances = [int(str(r["distance"])) for r in people]
    assert distances == sorted(distances)


def test_arguments_are_bound_not_pasted(store: pyoxigraph.Store) -> None:
    for hostile in ['" } ; DROP ALL ; #', 'x") || true || ("', "?production", "} UNION { ?s ?p ?o"]:
        with pytest.raises(QueryError, match="no production called"):
            ask(store, "who-made", [hostile])


def test_errors(store: pyoxigraph.Store) -> None:
    with pytest.raises(UsageError, match="did you mean 'who-made'.*the questions are"):
        ask(store, "whomade", [SHOW])
    with pytest.raises(UsageError, match="takes 1 argument, not 0"):
        ask(store, "who-made", [])
    with pytest.raises(UsageError, match="takes 0 to 1 arguments, not 2"):
        ask(store, "timeline", ["a", "b"])
    with pytest.raises(QueryError, match=f"did you mean '{SHOW}'"):
        ask(store, "who-made", ["When They Saw Us"])
    with pytest.raises(QueryError, match="is a Person, not a Production"):
        ask(store, "who-made", [director(store)])


def test_python_api(built_output: Path, store: pyoxigraph.Store) -> None:
    g = kg.load(built_output)
    made = g.ask("who-made", SHOW)
    assert any(r["name"] == director(store) for r in made)
    assert isinstance(made[0]["statements"], int)


def test_kg_ask_command(built_output: Path, store: pyoxigraph.Store) -> None:
    listed = runner.invoke(app, ["ask", "--list"])
    assert listed.exit_code == 0 and all(name in listed.stdout for name in NAMES)
    described = json.loads(runner.invoke(app, ["ask", "--list", "--format", "json"]).stdout)
    assert {q["name"] for q in described} >= NAMES
    table = runner.invoke(app, ["ask", "who-made", SHOW, "--out", str(built_output)])
    assert table.exit_code == 0 and director(store) in table.stdout and table.stdout.rstrip().endswith("rows)")
    as_csv = runner.invoke(app, ["ask", "cast", SHOW, "--out", str(built_output), "--format", "csv"])
    lines = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert lines[0] == ["actor", "name", "character", "statements"] and len(lines) > 3
    as_json = json.loads(runner.invoke(app, ["ask", "timeline", "--out", str(built_output), "--format", "json"]).stdout)
    assert as_json["results"]["bindings"]
    expected = format_result(ask(store, "who-made", [SHOW]), "tsv")
    assert runner.invoke(app, ["ask", "who-made", SHOW, "--out", str(built_output), "--format", "tsv"]).stdout == expected
    unknown = runner.invoke(app, ["ask", "nope", "--out", str(built_output)])
    assert unknown.exit_code == 1 and "the questions are" in unknown.stderr
    missing = runner.invoke(app, ["ask", "who-made", "No Such Show", "--out", str(built_output)])
    assert missing.exit_code == 1 and "no production called" in missing.stderr
