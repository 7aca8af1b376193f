"""Fuzzing with Hypothesis: ingest, extraction with the real model, and RDF serialisation over
generated and mutated texts (control characters, RTL marks, combining characters, emoji, lone
surrogates, markup, quotes, IRI-hostile strings). The only outcomes allowed are success or a
``KGError``; each document is processed within a time bound; every graph written re-parses, in
rdflib and in Oxigraph, to the same quads.

The suite runs a few hundred examples, derandomised (the same ones on every run, so CI is not
flaky). ``KG_FUZZ=thorough`` runs ten times as many, freshly random each time: see
``bench/fuzz.py``.
"""
from __future__ import annotations

import json
import os
import time
import warnings
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef

from kg.errors import KGError, UsageError
from kg.ingest import Skipped, read_sources
from kg.model import Document, Evidence, Value
from kg.pipeline import check_base, run_pipeline
from kg.rdf import Quads, to_quads
from kg.rdf.serialise import serialise
from kg.resolve import Entity, Fact, Resolved, Statistic, slug

THOROUGH = os.environ.get("KG_FUZZ") == "thorough"
SECONDS_PER_DOCUMENT = 10.0  # generated articles are short: a few hundred characters


def fuzz_settings(examples: int) -> settings:
    return settings(max_examples=examples * (10 if THOROUGH else 1), derandomize=not THOROUGH, database=None,
                    deadline=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


# --- what hostile text is made of -----------------------------------------------------------------------

FRAGMENTS = [
    "<script>alert(1)</script>", "</script><!--", "<b>", "&amp;", "&#0;", "&#xD800;", "]]>", '"', "'", '"""', "'''",
    "\\", "\\n", "\\u0000", "\n", "\r\n", "\r", "\t", "\x00", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028",
    "\u2029", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\ufffd", "\uffff", "e\u0301",
    "\u0301\u0301\u0301", "\U0001f3ac", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1f8",
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587", "\u0130", "\u00df",
    "<http://example.org/a b>", "<>", "_:b0", "@prefix x: <y> .", "^^xsd:int", "@en", "{", "}", "[]", "{{x}}",
    "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "%00", "%2e%2e%2f", "../../etc/passwd", "C:\\x",
    "ΑΒΓ", "Ω", "ﬁ", "Ⅻ", "１２", "𝔘𝔫𝔦", "\U000e0041", "\U0010fffd",
]
SENTENCES = [
    "The film {t} was directed by Nadia Ferrante.",
    "{p} directed the series {t}, which premiered on Netflix in May 2019.",
    'The documentary "{t}" stars {p} and Omar Haddad.',
    "{p}, who wrote {t}, said the show was watched by 23 million households.",
    "{t} ({p}) was produced by Lena Brandt for HBO.",
    "In {t}, {p} plays Detective Smith.",
    "{p} was born in {t} on 4 July 1970.",
    "{t}",
]
NAMES = st.sampled_from(["Nadia Ferrante", "Omar Haddad", "Lena Brandt", "Zoë Ångström", "José Núñez", "Ava"])


def hostile(min_size: int = 0, max_parts: int = 8) -> st.SearchStrategy[str]:
    """Strings of arbitrary code points (no surrogates: those only come in through JSON escapes,
    which ingest refuses) mixed with hostile fragments; at least one part when ``min_size``."""
    part = st.one_of(st.text(st.characters(codec="utf-8"), min_size=1, max_size=6), st.sampled_from(FRAGMENTS))
    return st.lists(part, min_size=1 if min_size else 0, max_size=max_parts).map("".join)


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A short article: templated sentences whose titles and names are hostile or plain."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        template = draw(st.sampled_from(SENTENCES))
        title = draw(st.one_of(hostile(1), st.sampled_from(["Blue Hour", "Harbour Lights", "When They See Us"])))
        person = draw(st.one_of(NAMES, hostile(1)))
        if draw(st.booleans()):
            person += draw(hostile(1, 2))
        parts.append(template.format(t=title, p=person))
    text = draw(st.sampled_from([" ", "\n\n", "\n", "\u2029"])).join(parts)
    return text if text.strip() else "Empty " + text


# --- checks ----------------------------------------------------------------------------------------------


def quads(ds: Dataset) -> set[tuple]:
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads((None, None, None, None))}


def oxigraph_quads(data: bytes, fmt: pyoxigraph.RdfFormat) -> int:
    return sum(1 for _ in pyoxigraph.parse(data, format=fmt))


def assert_reparses(data: Dataset | Quads) -> None:
    """Turtle, TriG and JSON-LD as the build writes them (from ``kg.rdf.Quads`` or an rdflib
    ``Dataset``) parse back to the same triples and quads as the graph read as rdflib terms."""
    with warnings.catch_warnings():  # rdflib's TriG parser trips on its own deprecations (rdflib#3475)
        warnings.filterwarnings("ignore", r".* is deprecated", DeprecationWarning)
        ds = data.to_rdflib() if isinstance(data, Quads) else data
        want = quads(ds)
        files = serialise(data)
        turtle, trig, jsonld = files["graph.ttl"], files["graph.trig"], files["graph.jsonld"]
        from rdflib import Graph

        back_ttl = Graph().parse(data=turtle, format="turtle")
        assert set(back_ttl) == set(ds.default_graph), "Turtle did not round-trip"
        back_trig = Dataset()
        back_trig.parse(data=trig, format="trig")
        assert quads(back_trig) == want, "TriG did not round-trip"
        back_jsonld = Dataset()
        back_jsonld.parse(data=jsonld, format="json-ld")
        assert len(quads(back_jsonld)) == len(want), "JSON-LD did not round-trip"
        json.loads(jsonld)
    assert oxigraph_quads(turtle, pyoxigraph.RdfFormat.TURTLE) == len(ds.default_graph)
    assert oxigraph_quads(trig, pyoxigraph.RdfFormat.TRIG) == len(want)


# --- ingest ----------------------------------------------------------------------------------------------

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252", "utf-32"]


@st.composite
def files(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
    kind = draw(st.sampled_from(["text", "bytes", "mutated"]))
    if kind == "bytes":
        return suffix, draw(st.binary(max_size=400))
    text = draw(articles())
    if suffix == ".jsonl":
        records = []
        for _ in range(draw(st.integers(1, 3))):
            record: dict[str, object] = {"text": draw(st.one_of(st.just(text), hostile()))}
            for field in ("title", "url", "date", "id"):
                if draw(st.booleans()):
                    record[field] = draw(st.one_of(hostile(), st.none(), st.integers(), st.just("2019-05-31")))
            line = json.dumps(record, ensure_ascii=draw(st.booleans()))
            if draw(st.booleans()):  # a lone surrogate escape, or a broken line
                line = line.replace(draw(st.sampled_from(["a", "e", " ", '"', "}"])),
                                    draw(st.sampled_from(["\\ud800", "\\udfff", "\\u0000", "", "\\", '"'])), 1)
            records.append(line)
        text = draw(st.sampled_from(["\n", "\r\n"])).join(records)
    elif suffix == ".html":
        text = f"<html><head><title>{draw(hostile())}</title><script>{draw(hostile())}</script></head>" \
               f"<body><p>{text}</p><style>{draw(hostile())}</style></body></html>"
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf-8") else "replace")
    if kind == "mutated" and data:
        data = bytearray(data)
        for _ in range(draw(st.integers(1, 4))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        data = bytes(data)
    return suffix, data


@fuzz_settings(300)
@given(files(), st.booleans())
@example((".jsonl", b'{"text": "A \\ud800 B"}\n'), False)
@example((".txt", "\ufeff".encode("utf-16-le") + "A\x00B".encode("utf-16-le")), False)
@example((".html", b"<p>&#xD800;&#0;</p>"), False)
def test_ingest_reads_or_refuses_any_file(tmp_path_factory: pytest.TempPathFactory, file: tuple[str, bytes],
                                         strict: bool) -> None:
    suffix, data = file
    folder = tmp_path_factory.mktemp("ingest")
    path = folder / f"article{suffix}"
    path.write_bytes(data)
    skipped: list[Skipped] = []
    started = time.monotonic()
    try:
        docs = list(read_sources([folder], strict=strict, skipped=skipped))
    except KGError as exc:
        event(f"refused: {str(exc).split(': ', 1)[-1].split(' (')[0].split(';')[0]}")
        return
    finally:
        assert time.monotonic() - started < SECONDS_PER_DOCUMENT
    assert docs, "read_sources returned nothing without raising"
    for doc in docs:
        assert doc.text.strip()
        doc.text.encode("utf-8")  # no lone surrogates: every document can be written out
        for value in (doc.title, doc.url, doc.date):
            if value is not None:
                value.encode("utf-8")
        assert "\r" not in doc.text
    for item in skipped:
        assert item.source.startswith(str(path)) and item.reason
        event(f"skipped: {item.reason.split(' (')[0].split(';')[0]}")
    event(f"read {min(len(docs), 2)}{'+' if len(docs) >= 2 else ''} documents")


# --- the whole pipeline with the real model ----------------------------------------------------------


@fuzz_settings(120)
@given(articles(), st.sampled_from([".txt", ".md", ".jsonl", ".html"]))
@example("The film <script>alert(1)</script> was directed by Nadia \"Nad\" Ferrante.\n", ".txt")
@example('The documentary "\u202eevil\u202c \U0001f3ac" stars Zoë\u0301 Ångström and Omar Haddad.', ".txt")
@example("The film Blue Hour was directed by Nadia Ferrante\x00\x0b\x1b[31m.", ".jsonl")
@example("The film \"A\nB\" was directed by Nadia Ferrante. ''' \"\"\" \\", ".md")
def test_pipeline_succeeds_or_fails_cleanly_and_its_graphs_reparse(tmp_path_factory: pytest.TempPathFactory,
                                                                   text: str, suffix: str) -> None:
    folder = tmp_path_factory.mktemp("article")
    path = folder / f"a{suffix}"
    if suffix == ".jsonl":
        path.write_text(json.dumps({"text": text, "title": text[:30], "url": text[-30:]}) + "\n", encoding="utf-8")
    elif suffix == ".html":
        import html

        path.write_text(f"<title>{html.escape(text[:30])}</title><p>{html.escape(text)}</p>", encoding="utf-8")
    else:
        path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    try:
        graph, report = run_pipeline([path], quiet=True)
    except KGError as exc:
        event(f"KGError: {type(exc).__name__}")
        return
    assert time.monotonic() - started < SECONDS_PER_DOCUMENT
    assert report["articles"] == 1
    assert_reparses(graph)
    ds = graph.to_rdflib()
    labels = [str(o) for o in ds.default_graph.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))]
    event(f"facts: {min(report['facts'], 3)}{'+' if report['facts'] >= 3 else ''}")
    event("a label that is not plain letters, digits and spaces: "
          f"{any(not all(c.isalnum() or c in ' .-' for c in label) for label in labels)}")


# --- RDF serialisation of hostile records ----------------------------------------------------------------


@st.composite
def records(draw: st.DrawFn) -> tuple[Resolved, list[Document]]:
    """Resolved entities and facts whose every string is hostile."""
    doc = Document(text=draw(hostile(1)) or "x", source=draw(hostile(1)) or "a.txt", title=draw(st.none() | hostile()),
                   url=draw(st.none() | hostile()), date=draw(st.none() | st.sampled_from(["2019-05-31", "2019"])))
    labels = draw(st.lists(hostile(1), min_size=2, max_size=5, unique=True))
    entities = {}
    for i, label in enumerate(labels):
        key = f"{draw(st.sampled_from(['person', 'production', 'place']))}/{slug(label)}-{i}"
        aliases = tuple(draw(st.lists(hostile(1), max_size=3)))
        entities[key] = Entity(key, "PERSON" if key.startswith("person") else
                               "PRODUCTION" if key.startswith("production") else "PLACE",
                               None, label, aliases, 1)
    keys = sorted(entities)

    def evidence() -> Evidence:
        sentence = draw(hostile(1))
        start = draw(st.integers(0, 100))
        return Evidence(doc.id, sentence, start, start, start + 1, draw(st.sampled_from(["kg.role_verb.v2", "kg.x"])),
                        draw(st.floats(0, 1)))

    facts = [Fact(keys[0], "director", keys[1], (evidence(),), 0.9, tuple(draw(st.lists(hostile(1), max_size=2)))),
             Fact(keys[0], "publicationDate", Value("2019-05-31", "date"), (evidence(),), 0.5),
             Fact(keys[-1], "occupation", Value(draw(hostile(1)), "string"), (evidence(),), 0.7)]
    stats = [Statistic(keys[0], draw(st.floats(0, 1e12, allow_nan=False)), draw(hostile()), draw(hostile()),
                       draw(st.none() | st.just("--05-31")), (evidence(),), draw(st.none() | st.just(keys[1])))]
    return Resolved(entities=entities, facts=facts, statistics=stats), [doc]


BASES = st.one_of(st.sampled_from(["https://w3id.org/kg/id/", "http://example.org/data#", "urn:x-kg:",
                                    "http://例え.jp/ид/"]),
                  st.builds(lambda a, b: a + b, st.sampled_from(["http://x/", "https://x.org/a?", "urn:", ""]),
                            hostile()))


@fuzz_settings(200)
@given(records(), BASES)
@example(None, "http://x/a b/")
@example(None, 'http://x/<>"{}|^`\\')
def test_hostile_records_serialise_to_graphs_that_reparse(data: tuple[Resolved, list[Document]] | None,
                                                         base: str) -> None:
    """Every string a record holds may be hostile; the base IRI is refused or gives graphs that reparse."""
    try:
        check_base(base)
    except UsageError:
        event("base refused")
        return
    if data is None:
        pytest.fail(f"{base!r} was accepted as a base IRI")
    resolved, docs = data
    graph = to_quads(resolved, docs, base=base)
    assert_reparses(graph)
    ds = graph.to_rdflib()
    labels = {str(o) for o in ds.default_graph.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    assert {e.label for e in resolved.entities.values()} <= labels
    source_path = URIRef("https://w3id.org/kg/ontology#sourcePath")
    assert Literal(docs[0].source) in {o for _, _, o, _ in ds.quads((None, source_path, None, None))}
