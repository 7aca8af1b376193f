"""The embedded Oxigraph store: loading graph.trig, opening it read-only, and what goes wrong."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from kg.errors import OutputError
from kg.store import create_store, open_store

KGO = "https://w3id.org/kg/ontology#"
KGR = "https://w3id.org/kg/id/"
SHOW = f"{KGR}production/the-show"
JANE = f"{KGR}person/jane-doe"
ARTICLE = f"{KGR}article/0f3c"
STATEMENT = f"{KGR}statement/77aa"

# The shape of docs/design.md: entities and direct facts in the default graph, one named graph per
# article holding a statement node per fact. The headline holds words a naive guard would refuse.
TRIG = f"""\
@prefix kgo: <{KGO}> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .

<{SHOW}> a kgo:Miniseries ;
    rdfs:label "The Show" ;
    kgo:director <{JANE}> ;
    kgo:numberOfEpisodes 4 ;
    kgo:publicationDate "--05-31"^^xsd:gMonthDay .
<{JANE}> a kgo:Person ;
    rdfs:label "Jane Doe" ;
    skos:altLabel "Doe" .
<{ARTICLE}> a kgo:Article ;
    schema:headline "Jane Doe's \\"The Show\\": a public SERVICE, and how to INSERT a twist" ;
    schema:url <https://news.example/the-show> ;
    schema:datePublished "2019-05-31"^^xsd:date .

<{ARTICLE}> {{
    <{STATEMENT}> a kgo:Statement ;
        rdf:subject <{SHOW}> ; rdf:predicate kgo:director ; rdf:object <{JANE}> ;
        prov:wasDerivedFrom <{ARTICLE}> ; kgo:article <{ARTICLE}> ;
        kgo:sentence "The show was directed by Jane Doe." ;
        kgo:sentenceStart 120 ; kgo:startChar 145 ; kgo:endChar 153 ;
        kgo:rule "kg.passive_by.v1" ; kgo:confidence 0.9 .
}}
"""
DEFAULT_TRIPLES = 12
NAMED_TRIPLES = 12


def write_output(folder: Path, trig: str = TRIG) -> Path:
    """An output folder as a build leaves it, as far as the store goes: graph.trig and store/."""
    folder.mkdir(parents=True)
    (folder / "graph.trig").write_text(trig, encoding="utf-8")
    create_store(folder / "store", folder / "graph.trig")
    return folder


def test_create_then_open_holds_the_default_and_named_graphs(tmp_path: Path) -> None:
    out = write_output(tmp_path / "out")
    store = open_store(out / "store")
    assert len(store) == DEFAULT_TRIPLES + NAMED_TRIPLES
    assert list(store.named_graphs()) == [pyoxigraph.NamedNode(ARTICLE)]
    in_default = list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    assert len(in_default) == DEFAULT_TRIPLES
    statement = list(store.quads_for_pattern(pyoxigraph.NamedNode(STATEMENT), None, None))
    assert statement and {q.graph_name for q in statement} == {pyoxigraph.NamedNode(ARTICLE)}


def test_create_store_releases_its_lock(tmp_path: Path) -> None:
    out = write_output(tmp_path / "out")
    reopened = pyoxigraph.Store(str(out / "store"))  # would fail with "lock hold" if still open
    assert len(reopened) == DEFAULT_TRIPLES + NAMED_TRIPLES


def test_open_store_is_read_only_and_shared(tmp_path: Path) -> None:
    out = write_output(tmp_path / "out")
    first, second = open_store(out / "store"), open_store(out / "store")
    assert len(first) == len(second)
    quad = pyoxigraph.Quad(pyoxigraph.NamedNode("http://example.org/a"), pyoxigraph.NamedNode("http://example.org/b"),
                           pyoxigraph.Literal("c"))
    with pytest.raises((OSError, RuntimeError), match="read-write"):
        first.add(quad)


def test_create_store_refuses_an_existing_folder(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text(TRIG, encoding="utf-8")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists"):
        create_store(tmp_path / "store", tmp_path / "graph.trig")
    assert (tmp_path / "store" / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_bad_trig_leaves_no_store_behind(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text("<http://example.org/a> <http://example.org/b> .\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"graph\.trig: not valid TriG \(.*line 1"):
        create_store(tmp_path / "store", tmp_path / "graph.trig")
    assert not (tmp_path / "store").exists()


def test_missing_trig(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no TriG file"):
        create_store(tmp_path / "store", tmp_path / "graph.trig")
    assert not (tmp_path / "store").exists()


def test_missing_store_names_the_build_to_run(tmp_path: Path) -> None:
    out = tmp_path / "nothing"
    with pytest.raises(OutputError) as err:
        open_store(out / "store")
    assert str(err.value) == f"no graph at {out}: run `kg build SOURCES --out {out}` first"


@pytest.mark.parametrize("make", [
    lambda store: store.mkdir(),                                             # an empty folder
    lambda store: (store.mkdir(), (store / "notes.txt").write_text("x")),    # a folder of something else
    lambda store: store.write_text("x"),                                     # a file
])
def test_a_folder_that_is_not_a_store(tmp_path: Path, make) -> None:
    make(tmp_path / "store")
    with pytest.raises(OutputError, match=f"no graph at {tmp_path}: run `kg build SOURCES --out {tmp_path}` first"):
        open_store(tmp_path / "store")
