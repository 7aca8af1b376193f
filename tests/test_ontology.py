"""The ontology (ontology/kg.ttl), its SHACL shapes (ontology/shapes.ttl) and kg.rdf.validate."""
from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS

import kg.rdf.validate as validate_module
from kg.errors import InputError, KGError
from kg.rdf.validate import ValidationReport, ontology_dir, validate
from kg.ontology import properties, signatures
from kg.vocab import DEFAULT_BASE, KGO, ONTOLOGY_IRI, SCHEMA, WDT

ONTOLOGY = ontology_dir() / "kg.ttl"
SHAPES = ontology_dir() / "shapes.ttl"
SCORE_PY = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

KGR = DEFAULT_BASE
ARTICLE = URIRef(KGR + "article/0f3c")
STATEMENT = URIRef(KGR + "statement/77aa")
SHOW = URIRef(KGR + "production/the-show")
JANE = URIRef(KGR + "person/jane-doe")
ROLE = URIRef(KGR + "role/3f2a")

PREFIXES = f"""\
@prefix kgo: <{ONTOLOGY_IRI}> .
@prefix kgr: <{KGR}> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
"""

# The default graph of docs/design.md's example, a little extended.
ENTITIES = r"""
kgr:person\/jane-doe a kgo:Person ;
    rdfs:label "Jane Doe" ; skos:altLabel "Doe" ;
    kgo:occupation kgr:occupation\/film-director ;
    kgo:countryOfCitizenship kgr:place\/united-states .
kgr:person\/john-roe a kgo:Person ; rdfs:label "John Roe" ; kgo:memberOf kgr:group\/the-five .
kgr:occupation\/film-director a kgo:Occupation ; rdfs:label "film director" .
kgr:place\/united-states a kgo:Country ; rdfs:label "United States" .
kgr:place\/central-park a kgo:Place ; rdfs:label "Central Park" ; kgo:locatedIn kgr:place\/united-states .
kgr:organization\/streamco a kgo:Broadcaster ; rdfs:label "StreamCo" .
kgr:group\/the-five a kgo:Group ; rdfs:label "The Five" ; kgo:hasMember kgr:person\/john-roe .
kgr:award\/best-show a kgo:Award ; rdfs:label "Best Show" .
kgr:production\/the-show a kgo:Miniseries ;
    rdfs:label "The Show" ;
    kgo:director kgr:person\/jane-doe ;
    kgo:castMember kgr:person\/john-roe ;
    kgo:originalBroadcaster kgr:organization\/streamco ;
    kgo:numberOfEpisodes 4 ;
    kgo:publicationDate "--05-31"^^xsd:gMonthDay ;
    kgo:awardReceived kgr:award\/best-show .
kgr:role\/3f2a a kgo:Role ; kgo:person kgr:person\/john-roe ; kgo:production kgr:production\/the-show ;
    kgo:roleKind kgo:CastMemberRole ; kgo:characterName "Detective Smith" .
kgr:statistic\/9c1b a kgo:Statistic ; kgo:about kgr:production\/the-show ; kgo:measure "viewers" ;
    kgo:value 23000000 ; kgo:unit "accounts" ; kgo:asOf "--06-25"^^xsd:gMonthDay ;
    kgo:reportedBy kgr:person\/jane-doe .
kgr:event\/51d0 a kgo:Arrest ; rdfs:label "arrest" ; kgo:date "1989-04"^^xsd:gYearMonth ;
    kgo:place kgr:place\/central-park ; kgo:participant kgr:person\/john-roe, kgr:group\/the-five .
kgr:event\/77e1 a kgo:AwardWin ; kgo:date "2019"^^xsd:gYear ; kgo:award kgr:award\/best-show ;
    kgo:participant kgr:production\/the-show .
kgr:article\/0f3c a kgo:Article ; schema:headline "The Show premieres" ;
    schema:url <https://example.org/show> ; schema:datePublished "2019-05-30"^^xsd:date ;
    kgo:sourcePath "sources/000.txt" .
"""

# The named graph of the article: one statement for a direct fact, one for an n-ary node.
STATEMENTS = r"""
kgr:statement\/77aa a kgo:Statement ;
    rdf:subject kgr:production\/the-show ; rdf:predicate kgo:director ; rdf:object kgr:person\/jane-doe ;
    prov:wasDerivedFrom kgr:article\/0f3c ; kgo:article kgr:article\/0f3c ;
    kgo:sentence "The show was directed by Jane Doe." ; kgo:sentenceStart 120 ;
    kgo:startChar 132 ; kgo:endChar 152 ;
    kgo:rule "kg.passive_by.v1" ; kgo:confidence 0.9 .
kgr:statement\/88bb a kgo:Statement ;
    rdf:subject kgr:role\/3f2a ; rdf:predicate rdf:type ; rdf:object kgo:Role ;
    prov:wasDerivedFrom kgr:article\/0f3c ; kgo:article kgr:article\/0f3c ;
    kgo:sentence "John Roe plays Detective Smith." ; kgo:sentenceStart 200 ;
    kgo:startChar 200 ; kgo:endChar 231 ;
    kgo:rule "kg.cast_list.v2" ; kgo:confidence 1.0 .
"""

TRIG = PREFIXES + ENTITIES + "\nkgr:article\\/0f3c {" + STATEMENTS + "}\n"

# docs/design.md: Wikidata property of each direct property.
# Read from the ontology by kg.ontology, the one source of property facts; the tests below hold that
# reading to what the yardstick reads from the same file.
DIRECT_PROPERTIES = {name: p.wikidata for name, p in properties().items()}

# docs/design.md: the class hierarchy inside kgo (and the provenance classes' outside parents).
SUPERCLASSES = {
    **dict.fromkeys(["Broadcaster", "ProductionCompany", "Publisher", "RecordLabel"], KGO.Organization),
    **dict.fromkeys(["Series", "Film", "Episode", "Song", "Album", "Book"], KGO.Production),
    "Miniseries": KGO.Series,
    "Documentary": KGO.Film,
    "Country": KGO.Place,
    **dict.fromkeys(["Premiere", "Release", "Arrest", "Trial", "Conviction", "Exoneration", "Settlement",
                     "AwardWin", "AwardNomination",
                     "Death", "Birth", "Marriage", "Engagement", "Divorce", "Separation", "Lawsuit", "Retirement", "Departure", "Appointment", "Tour", "Concert", "Ceremony", "Charge"], KGO.Event),
}

# The yardstick's coarse type for each class; None: not an entity, in no bucket.
BUCKET_OF_CLASS: dict[str, str | None] = {
    "Person": "PERSON",
    "Character": "PERSON",  # ANNOTATION.md: a fictional character is a PERSON (there optional)
    **dict.fromkeys(["Organization", "Broadcaster", "ProductionCompany", "Publisher", "RecordLabel"],
                    "ORGANIZATION"),
    "Group": "GROUP",
    **dict.fromkeys(["Production", "Series", "Miniseries", "Film", "Documentary", "Episode", "Song", "Album",
                     "Book"], "PRODUCTION"),
    "Award": "AWARD",
    "Place": "PLACE",
    "Country": "PLACE",
    **dict.fromkeys(["Event", *[k for k, v in SUPERCLASSES.items() if v == KGO.Event]], "EVENT"),
    **dict.fromkeys(["Occupation", "Quotation", "Conflict", "Role", "RoleKind", "Statistic", "Statement", "Article", "Rule"], None),
}

ROLE_KINDS = {
    "DirectorRole": "director", "ScreenwriterRole": "screenwriter", "ProducerRole": "producer",
    "ExecutiveProducerRole": "executiveProducer", "CreatorRole": "creator", "CastMemberRole": "castMember",
    "ComposerRole": "composer", "PerformerRole": "performer",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def score() -> ModuleType:
    if not SCORE_PY.is_file():
        pytest.skip(f"the yardstick {SCORE_PY} is not here")
    spec = importlib.util.spec_from_file_location("kg_eval_score", SCORE_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kgo(name: str) -> URIRef:
    """A term of ``KGO`` by name (raises for a name kg/vocab.py lacks)."""
    return URIRef(getattr(KGO, name))


def vocab_terms() -> set[URIRef]:
    return {kgo(name) for name in KGO.__annotations__}


def kgo_terms_in(g: Graph) -> set[URIRef]:
    return {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY_IRI)}


def entity_graph() -> Graph:
    return Graph().parse(data=PREFIXES + ENTITIES, format="turtle")


def dataset() -> Dataset:
    """The design's example as a Dataset: entities in the default graph, statements in the article's graph."""
    ds = Dataset()
    ds.default_graph.parse(data=PREFIXES + ENTITIES, format="turtle")
    ds.graph(ARTICLE).parse(data=PREFIXES + STATEMENTS, format="turtle")
    for prefix, ns in ds.default_graph.namespaces():
        ds.bind(prefix, ns, override=True)
    return ds


# -- the ontology -----------------------------------------------------------------------------

def test_ontology_and_shapes_parse(ontology: Graph, shapes: Graph) -> None:
    assert (URIRef("https://w3id.org/kg/ontology"), RDF.type, OWL.Ontology) in ontology
    assert len(ontology) > 0
    assert any(shapes.subjects(RDF.type, SH.NodeShape))


def test_vocab_and_ontology_define_the_same_terms(ontology: Graph) -> None:
    in_ontology = kgo_terms_in(ontology)
    assert in_ontology - vocab_terms() == set(), "terms in kg.ttl missing from kg/vocab.py"
    assert vocab_terms() - in_ontology == set(), "terms in kg/vocab.py missing from kg.ttl"


@pytest.mark.parametrize("name", sorted(KGO.__annotations__))
def test_every_term_is_declared_labelled_and_commented(ontology: Graph, name: str) -> None:
    term = kgo(name)
    kinds = set(ontology.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}, name
    assert len(list(ontology.objects(term, RDFS.label))) == 1, name
    assert len(list(ontology.objects(term, RDFS.comment))) == 1, name


def test_shapes_use_only_ontology_terms(shapes: Graph) -> None:
    assert kgo_terms_in(shapes) - vocab_terms() == set()


@pytest.mark.parametrize("name, parent", sorted(SUPERCLASSES.items()))
def test_class_hierarchy(ontology: Graph, name: str, parent: URIRef) -> None:
    assert (kgo(name), RDFS.subClassOf, parent) in ontology


def test_provenance_classes(ontology: Graph) -> None:
    assert {*ontology.objects(KGO.Statement, RDFS.subClassOf)} == {RDF.Statement, PROV.Entity}
    assert {*ontology.objects(KGO.Article, RDFS.subClassOf)} == {PROV.Entity, SCHEMA.NewsArticle}
    assert {*ontology.objects(KGO.Rule, RDFS.subClassOf)} == {PROV.Plan}


@pytest.mark.parametrize("name, pid", sorted(DIRECT_PROPERTIES.items()))
def test_direct_property_is_equivalent_to_its_wikidata_property(ontology: Graph, name: str, pid: str) -> None:
    assert (kgo(name), OWL.equivalentProperty, WDT[pid]) in ontology


def test_has_member_is_the_inverse_of_member_of(ontology: Graph) -> None:
    assert (KGO.hasMember, OWL.inverseOf, KGO.memberOf) in ontology


def test_the_properties_news_needs_are_direct_properties() -> None:
    wanted = {"P136", "P371", "P108", "P39", "P50", "P1346", "P840", "P915", "P155", "P725", "P674", "P179",
              "P570", "P20", "P509", "P451", "P40", "P3373", "P69", "P551", "P112", "P571", "P740", "P127",
              "P749", "P159", "P1399", "P664", "P57", "P161", "P106", "P463", "P166", "P1411"}
    assert wanted <= set(DIRECT_PROPERTIES.values())


def test_signatures_come_from_domain_and_range() -> None:
    sig = signatures()
    assert sig["director"] == (("PRODUCTION",), ("PERSON",))
    assert sig["producer"] == (("PRODUCTION",), ("PERSON", "ORGANIZATION"))
    assert sig["dateOfDeath"] == (("PERSON",), ())  # a value, not a thing
    assert sig["organizer"][0] == ()  # no domain: any subject
    assert properties()["hasMember"].inverse == "memberOf" and properties()["memberOf"].inverse == "hasMember"
    assert properties()["director"].role_kind == "DirectorRole" and properties()["genre"].role_kind is None
    assert properties()["genre"].literal and not properties()["spouse"].literal


@pytest.mark.parametrize("name, prop", sorted(ROLE_KINDS.items()))
def test_role_kind_is_related_to_its_direct_property(ontology: Graph, name: str, prop: str) -> None:
    assert (kgo(name), RDF.type, KGO.RoleKind) in ontology
    assert list(ontology.objects(kgo(name), SKOS.related)) == [kgo(prop)]


def test_every_class_has_a_shape(ontology: Graph, shapes: Graph) -> None:
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(ONTOLOGY_IRI)}
    assert len(classes) == len(BUCKET_OF_CLASS)
    assert classes - set(shapes.objects(None, SH.targetClass)) == set()


# -- what the yardstick reads -----------------------------------------------------------------

def test_every_class_lands_in_its_yardstick_bucket(ontology: Graph, score: ModuleType) -> None:
    got = {name: {score.BUCKET[q] for q in score.wikidata_ids(ontology, kgo(name), score.CLASS_LINKS)
                  if q in score.BUCKET} for name in BUCKET_OF_CLASS}
    assert got == {name: {bucket} if bucket else set() for name, bucket in BUCKET_OF_CLASS.items()}


def test_only_direct_properties_align_to_wikidata(ontology: Graph, score: ModuleType) -> None:
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty))
    got = {str(p).removeprefix(ONTOLOGY_IRI): score.wikidata_ids(ontology, p, score.PROPERTY_LINKS)
           for p in properties}
    assert got == {name: ({DIRECT_PROPERTIES[name]} if name in DIRECT_PROPERTIES else set()) for name in got}


def test_yardstick_reads_the_design_example(ontology: Graph, score: ModuleType) -> None:
    g = Graph()
    for t in (*ontology, *Graph().parse(data=PREFIXES + ENTITIES + STATEMENTS, format="turtle")):
        g.add(t)
    gold = {
        "entities": [
            {"name": "Jane Doe", "type": "PERSON"}, {"name": "John Roe", "type": "PERSON"},
            {"name": "The Show", "type": "PRODUCTION"}, {"name": "StreamCo", "type": "ORGANIZATION"},
            {"name": "The Five", "type": "GROUP"}, {"name": "Best Show", "type": "AWARD"},
            {"name": "United States", "type": "PLACE"}, {"name": "Central Park", "type": "PLACE"},
        ],
        "facts": [
            {"s": "The Show", "p": "P57", "o": "Jane Doe", "tier": "core"},
            {"s": "The Show", "p": "P161", "o": "John Roe", "tier": "core"},
            {"s": "The Show", "p": "P449", "o": "StreamCo", "tier": "core"},
            {"s": "The Show", "p": "P1113", "o_literal": "4", "tier": "core"},
            {"s": "The Show", "p": "P577", "o_literal": "--05-31", "tier": "core"},
            {"s": "The Show", "p": "P166", "o": "Best Show", "tier": "core"},
            {"s": "John Roe", "p": "P463", "o": "The Five", "tier": "core", "inverse": "P527"},
            {"s": "Jane Doe", "p": "P106", "o": "film director", "tier": "core"},
            {"s": "Jane Doe", "p": "P27", "o": "United States", "tier": "core"},
            {"s": "Central Park", "p": "P131", "o": "United States", "tier": "core"},
        ],
        "statistics": [{"about": "The Show", "value": 23000000, "date": "--06-25", "tier": "core"}],
        "events": [{"what": "arrest", "date": "1989-04", "participants": ["John Roe"], "group": "The Five",
                    "tier": "core"}],
    }
    scorer = score.Scorer(gold, g)
    entities, facts = scorer.score_entities(), scorer.score_facts()
    assert (entities["fp"], entities["missed"], entities["split"]) == ([], [], {})
    assert (facts["wrong"], facts["missed"]) == ([], [])
    assert [s["dated"] for s in scorer.score_statistics()] == [True]
    assert [e["found"] for e in scorer.score_events()] == [True]


# -- validation: valid data -------------------------------------------------------------------

def test_the_ontology_alone_conforms() -> None:
    assert validate(Graph()) == ValidationReport(conforms=True, violations=())


def test_entity_graph_conforms() -> None:
    report = validate(entity_graph())
    assert report.violations == ()
    assert report.conforms


def test_dataset_with_a_named_graph_conforms() -> None:
    ds = dataset()
    assert len(ds.graph(ARTICLE)) > 0
    assert validate(ds) == ValidationReport(conforms=True, violations=())


def test_output_folder_and_file_conform(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text(TRIG, encoding="utf-8")
    (tmp_path / "graph.ttl").write_text(PREFIXES + ENTITIES, encoding="utf-8")
    assert validate(tmp_path).conforms
    assert validate(str(tmp_path / "graph.trig")).conforms
    assert validate(tmp_path / "graph.ttl").conforms


def test_validation_of_valid_data_emits_no_warnings(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text(TRIG, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        validate(tmp_path)
        validate(dataset())
        validate(entity_graph())
    assert [str(w.message) for w in caught] == []


# -- validation: invalid data -----------------------------------------------------------------

Mutation = Callable[[Graph, Graph], None]  # (default graph, article graph) -> None, in place


def _set(node: URIRef, prop: URIRef, value: Literal | URIRef, *, graph: str = "default") -> Mutation:
    def mutate(default: Graph, article: Graph) -> None:
        g = default if graph == "default" else article
        g.set((node, prop, value))
    return mutate


def _remove(node: URIRef, prop: URIRef) -> Mutation:
    def mutate(default: Graph, article: Graph) -> None:
        default.remove((node, prop, None))
    return mutate


def _add(node: URIRef, prop: URIRef, value: Literal | URIRef) -> Mutation:
    def mutate(default: Graph, article: Graph) -> None:
        default.add((node, prop, value))
    return mutate


INVALID: dict[str, tuple[Mutation, str]] = {
    "director is a literal": (
        _add(SHOW, KGO.director, Literal("Jane Doe")),
        'kgr:production/the-show kgo:director: must be a kgo:Person (value: "Jane Doe")'),
    "director is an organization": (
        _add(SHOW, KGO.director, URIRef(KGR + "organization/streamco")),
        "kgr:production/the-show kgo:director: must be a kgo:Person"),
    "director in the wrong direction": (
        _add(JANE, KGO.director, SHOW),
        "kgr:person/jane-doe: has kgo:director but is not a kgo:Production"),
    "role without person": (
        _remove(ROLE, KGO.person),
        "kgr:role/3f2a kgo:person: needs exactly one, a kgo:Person"),
    "role with a label": (
        _add(ROLE, RDFS.label, Literal("cast")),
        "kgr:role/3f2a rdfs:label: roles and statistics carry no label"),
    "role kind unknown": (
        _set(ROLE, KGO.roleKind, URIRef(KGR + "role-kind/stunt")),
        "kgr:role/3f2a kgo:roleKind: needs exactly one"),
    "entity with two labels": (
        _add(JANE, RDFS.label, Literal("J. Doe")),
        "kgr:person/jane-doe rdfs:label: needs exactly one"),
    "subclass instance without label": (
        _remove(SHOW, RDFS.label),
        "kgr:production/the-show rdfs:label: needs exactly one"),
    "no episodes": (
        _set(SHOW, KGO.numberOfEpisodes, Literal(0)),
        "kgr:production/the-show kgo:numberOfEpisodes: must be a positive xsd:integer"),
    "publication date as a plain string": (
        _set(SHOW, KGO.publicationDate, Literal("May 31")),
        "kgr:production/the-show kgo:publicationDate: must be a date"),
    "occupation as a string": (
        _add(JANE, KGO.occupation, Literal("director")),
        "kgr:person/jane-doe kgo:occupation: must be a kgo:Occupation"),
    "statistic value as a string": (
        _set(URIRef(KGR + "statistic/9c1b"), KGO.value, Literal("23 million")),
        "kgr:statistic/9c1b kgo:value: needs exactly one"),
    "event without participant": (
        _remove(URIRef(KGR + "event/51d0"), KGO.participant),
        "kgr:event/51d0 kgo:participant: needs at least one"),
    "confidence 1.5": (
        _set(STATEMENT, KGO.confidence, Literal(Decimal("1.5")), graph="article"),
        "kgr:statement/77aa kgo:confidence: needs exactly one, an xsd:decimal in [0, 1]"),
    "confidence as a double": (
        _set(STATEMENT, KGO.confidence, Literal(0.9), graph="article"),
        "kgr:statement/77aa kgo:confidence: needs exactly one, an xsd:decimal in [0, 1]"),
    "rule name without version": (
        _set(STATEMENT, KGO.rule, Literal("kg.passive_by"), graph="article"),
        'kgr:statement/77aa kgo:rule: needs exactly one, a versioned rule name'),
    "span ends before it starts": (
        _set(STATEMENT, KGO.endChar, Literal(100), graph="article"),
        "kgr:statement/77aa kgo:startChar: needs exactly one, a non-negative xsd:integer below kgo:endChar"),
    "statement without article": (
        _set(STATEMENT, KGO.article, URIRef(KGR + "article/unknown"), graph="article"),
        "kgr:statement/77aa kgo:article: needs exactly one, a kgo:Article"),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_data_is_reported_on_its_focus_node(case: str) -> None:
    mutate, expected = INVALID[case]
    ds = dataset()
    mutate(ds.default_graph, ds.graph(ARTICLE))
    report = validate(ds)
    assert not report.conforms
    assert any(line.startswith(expected) for line in report.violations), report.violations


def test_violations_are_sorted_and_each_names_focus_and_path() -> None:
    g = entity_graph()
    g.add((SHOW, KGO.director, Literal("Jane Doe")))
    g.remove((ROLE, KGO.person, None))
    report = validate(g)
    assert report.violations == (
        'kgr:production/the-show kgo:director: must be a kgo:Person (value: "Jane Doe")',
        "kgr:role/3f2a kgo:person: needs exactly one, a kgo:Person",
    )


# -- validation: errors -----------------------------------------------------------------------

def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate(tmp_path / "nowhere.trig")


def test_folder_without_graph_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="graph.trig"):
        validate(tmp_path)


def test_unparsable_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "graph.ttl"
    broken.write_text(PREFIXES + "kgr:x kgo:director .\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        validate(broken)
    assert str(broken) in str(info.value)
    assert info.value.exit_code == 2


def test_missing_ontology_is_a_kg_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate_module, "ontology_dir", lambda: tmp_path)
    with pytest.raises(KGError, match="kg.ttl"):
        validate(entity_graph())


def test_ontology_dir_is_the_repository_folder() -> None:
    assert ontology_dir() == Path(__file__).resolve().parents[1] / "ontology"
    assert ONTOLOGY.is_file() and SHAPES.is_file()
