"""The whole pipeline on the bundled articles and on small texts of our own: outputs, provenance,
SHACL conformance, determinism, atomic writes, and the Python API."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import RDF, RDFS

import kg
from kg.pipeline import build
from kg.errors import InputError, OutputError
from kg.rdf.validate import validate
from kg.vocab import KGO

DATA = Path(__file__).parent / "data"


def test_build_writes_every_output(built_output: Path) -> None:
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "report.json"):
        assert (built_output / name).is_file(), name
    assert (built_output / "store").is_dir()
    report = json.loads((built_output / "report.json").read_text())
    assert report["articles"] == 3
    assert report["entities"] > 20 and report["facts"] > 20
    assert {"parse_and_extract", "resolve", "rdf", "write_rdf", "store", "page"} <= set(report["seconds"])
    assert report["classes"]["Person"] > 10
    assert len(report["per_article"]) == 3 and all(a["statements"] > 0 for a in report["per_article"].values())


def test_graph_conforms_to_the_shapes(built_output: Path) -> None:
    result = validate(built_output)
    assert result.conforms, "\n".join(result.violations[:20])


def test_every_statement_carries_provenance(built_output: Path) -> None:
    ds = Dataset()
    ds.parse(built_output / "graph.trig", format="trig")
    graphs = [g for g in ds.graphs() if str(g.identifier).startswith("https://w3id.org/kg/id/article/")]
    assert len(graphs) == 3
    text_of = {}
    for f in sorted((Path(__file__).resolve().parents[1] / "sources").glob("*.txt")):
        text_of[f.read_text(encoding="utf-8")[:60]] = f.read_text(encoding="utf-8")
    statements = 0
    for g in graphs:
        for st in g.subjects(RDF.type, KGO.Statement):
            statements += 1
            sentence = str(g.value(st, KGO.sentence))
            start, end = int(g.value(st, KGO.startChar)), int(g.value(st, KGO.endChar))
            s_start = int(g.value(st, KGO.sentenceStart))
            assert s_start <= start < end <= s_start + len(sentence)
            assert str(g.value(st, KGO.rule)).startswith("kg.")
            assert 0 < float(g.value(st, KGO.confidence)) <= 1
            assert g.value(st, KGO.article) == g.identifier
    assert statements > 50


def test_direct_facts_follow_wikidata_direction(built_output: Path) -> None:
    g = Graph().parse(built_output / "graph.ttl")
    directors = list(g.subject_objects(KGO.director))
    assert directors
    for work, person in directors:
        assert (person, RDF.type, KGO.Person) in g
        assert any(t in {KGO.Production, KGO.Series, KGO.Miniseries, KGO.Film, KGO.Documentary}
                   for t in g.objects(work, RDF.type))


def test_build_is_deterministic(tmp_path: Path, built_output: Path) -> None:
    sources = Path(__file__).resolve().parents[1] / "sources"
    # the same articles under other names and in another order give the same graph.ttl
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for i, f in enumerate(sorted(sources.glob("*.txt"), reverse=True)):
        (renamed / f"z{i}.txt").write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    build([renamed], out=tmp_path / "out", quiet=True)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (built_output / "graph.ttl").read_bytes()
    a, b = Dataset(), Dataset()
    a.parse(tmp_path / "out" / "graph.trig", format="trig")
    b.parse(built_output / "graph.trig", format="trig")
    assert len(a) == len(b)


def test_golden_graph(tmp_path: Path) -> None:
    """A small article of our own against its reviewed graph (compared by isomorphism)."""
    build([DATA / "golden" / "article.txt"], out=tmp_path / "out", quiet=True)
    got = Graph().parse(tmp_path / "out" / "graph.ttl")
    want = Graph().parse(DATA / "golden" / "graph.ttl")
    if not isomorphic(got, want):
        only_got = sorted(to_isomorphic(got) - to_isomorphic(want))
        only_want = sorted(to_isomorphic(want) - to_isomorphic(got))
        pytest.fail(f"extra: {only_got[:10]}\nmissing: {only_want[:10]}")


def test_failed_build_keeps_the_previous_output(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    out = tmp_path / "out"
    build([good], out=out, quiet=True)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00 not text \x00\x01")
    with pytest.raises(InputError) as err:
        build([bad], out=out, quiet=True, strict=True)
    assert "bad.txt" in str(err.value)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")], "temporary folder left behind"


def test_output_path_that_is_a_file(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    target = tmp_path / "taken"
    target.write_text("x")
    with pytest.raises(OutputError):
        build([good], out=target, quiet=True)


def test_min_confidence_keeps_weak_facts_out_of_the_direct_graph(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was reportedly directed by Nadia Ferrante.", encoding="utf-8")
    build([article], out=tmp_path / "low", quiet=True)
    build([article], out=tmp_path / "high", quiet=True, min_confidence=0.8)
    low = Graph().parse(tmp_path / "low" / "graph.ttl")
    high = Graph().parse(tmp_path / "high" / "graph.ttl")
    assert list(low.subject_objects(KGO.director)) and not list(high.subject_objects(KGO.director))
    trig = Dataset()
    trig.parse(tmp_path / "high" / "graph.trig", format="trig")
    assert any(True for _ in trig.quads((None, RDF.predicate, KGO.director, None)))


def test_python_api(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante and stars Omar Haddad.", encoding="utf-8")
    g = kg.build([article])
    rows = g.query("SELECT ?p WHERE { ?w kgo:director ?p }")
    assert isinstance(rows, list) and len(rows) == 1
    assert g.query("ASK { ?w kgo:castMember ?p }") is True
    assert isinstance(g.dataset, Dataset)
    nx_graph = g.to_networkx()
    labels = {d["label"] for _, d in nx_graph.nodes(data=True)}
    assert {"Blue Hour", "Nadia Ferrante", "Omar Haddad"} <= labels
    assert any(d["property"] == "director" for _, _, d in nx_graph.edges(data=True))
    out = g.save(tmp_path / "out")
    loaded = kg.load(out)
    assert loaded.query("SELECT ?p WHERE { ?w kgo:director ?p }") == rows
    label = URIRef(rows[0]["p"])
    assert (label, RDFS.label, Literal("Nadia Ferrante")) in loaded.dataset


def test_import_kg_is_cheap() -> None:
    import subprocess
    import sys

    code = "import sys, kg; print('spacy' in sys.modules, 'pyoxigraph' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
