"""The graph page (kg.viz): its data, its HTML, and the page itself in headless Chromium."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.viz import graph_view, render_page, write_page
from kg.vocab import KGO, SCHEMA

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KGR = Namespace("https://w3id.org/kg/id/")

SHOW = KGR["production/the-show"]
JANE = KGR["person/jane-doe"]
JOHN = KGR["person/john-roe"]
STREAMCO = KGR["organization/streamco"]
FIVE = KGR["group/the-five"]
PARK = KGR["place/central-park"]
DIRECTOR_JOB = KGR["occupation/film-director"]
EVIL_SCRIPT = KGR["person/script"]
EVIL_ATTR = KGR["organization/onerror"]
ROLE = KGR["role/3f2a"]
STAT = KGR["statistic/9c1b"]
EVENT = KGR["event/51d0"]
ART1 = KGR["article/0f3c"]
ART2 = KGR["article/a1b2"]

SCRIPT_LABEL = "<script>window.__pwned=1</script>"
ATTR_LABEL = '"onerror=alert(1) <img src=x onerror=window.__pwned=2>'
ENTITIES = {SHOW, JANE, JOHN, STREAMCO, FIVE, PARK, EVIL_SCRIPT, EVIL_ATTR}
ENTITY_CLASSES = {
    KGO.Person, KGO.Organization, KGO.Broadcaster, KGO.ProductionCompany, KGO.Publisher,
    KGO.RecordLabel, KGO.Group, KGO.Production, KGO.Series, KGO.Miniseries, KGO.Film,
    KGO.Documentary, KGO.Episode, KGO.Song, KGO.Album, KGO.Book, KGO.Award, KGO.Place, KGO.Country,
}


def _statement(
    ds: Dataset, article: URIRef, key: str, spo: tuple[URIRef, URIRef, Any], sentence: str,
    span: str, *, rule: str, confidence: str, sentence_start: int = 100,
) -> None:
    g = ds.graph(article)
    st = KGR[f"statement/{key}"]
    start = sentence_start + sentence.index(span)
    for p, o in [
        (RDF.type, KGO.Statement), (RDF.subject, spo[0]), (RDF.predicate, spo[1]), (RDF.object, spo[2]),
        (PROV.wasDerivedFrom, article), (KGO.article, article), (KGO.sentence, Literal(sentence)),
        (KGO.sentenceStart, Literal(sentence_start)), (KGO.startChar, Literal(start)),
        (KGO.endChar, Literal(start + len(span))), (KGO.rule, Literal(rule)),
        (KGO.confidence, Literal(Decimal(confidence))),
    ]:
        g.add((st, p, o))


def sample_dataset(*, reverse: bool = False) -> Dataset:
    """The RDF shape of docs/design.md, by hand: two articles, roles, a statistic, an event."""
    facts: list[tuple[URIRef, URIRef, Any]] = [
        (SHOW, RDF.type, KGO.Miniseries), (SHOW, RDFS.label, Literal("The Show")),
        (SHOW, KGO.director, JANE), (SHOW, KGO.castMember, JOHN),
        (SHOW, KGO.originalBroadcaster, STREAMCO), (SHOW, KGO.numberOfEpisodes, Literal(4)),
        (SHOW, KGO.publicationDate, Literal("--05-31", datatype=XSD.gMonthDay)),
        (SHOW, KGO.distributor, EVIL_ATTR),
        (JANE, RDF.type, KGO.Person), (JANE, RDFS.label, Literal("Jane Doe")),
        (JANE, SKOS.altLabel, Literal("Doe")), (JANE, KGO.occupation, DIRECTOR_JOB),
        (DIRECTOR_JOB, RDF.type, KGO.Occupation), (DIRECTOR_JOB, RDFS.label, Literal("film director")),
        (JOHN, RDF.type, KGO.Person), (JOHN, RDFS.label, Literal("John Roe")),
        (JOHN, KGO.memberOf, FIVE),
        (STREAMCO, RDF.type, KGO.Broadcaster), (STREAMCO, RDFS.label, Literal("StreamCo")),
        (FIVE, RDF.type, KGO.Group), (FIVE, RDFS.label, Literal("The Five")),
        (PARK, RDF.type, KGO.Place), (PARK, RDFS.label, Literal("Central Park")),
        (EVIL_SCRIPT, RDF.type, KGO.Person), (EVIL_SCRIPT, RDFS.label, Literal(SCRIPT_LABEL)),
        (EVIL_SCRIPT, KGO.memberOf, FIVE),
        (EVIL_ATTR, RDF.type, KGO.Organization), (EVIL_ATTR, RDFS.label, Literal(ATTR_LABEL)),
        (ROLE, RDF.type, KGO.Role), (ROLE, KGO.person, JOHN), (ROLE, KGO.production, SHOW),
        (ROLE, KGO.roleKind, KGO.CastMemberRole), (ROLE, KGO.characterName, Literal("Detective Smith")),
        (STAT, RDF.type, KGO.Statistic), (STAT, KGO.about, SHOW), (STAT, KGO.measure, Literal("viewers")),
        (STAT, KGO.value, Literal(23000000)), (STAT, KGO.unit, Literal("accounts")),
        (STAT, KGO.asOf, Literal("--06-25", datatype=XSD.gMonthDay)), (STAT, KGO.reportedBy, JANE),
        (EVENT, RDF.type, KGO.Arrest), (EVENT, RDFS.label, Literal("arrest")),
        (EVENT, KGO.date, Literal("1989-04", datatype=XSD.gYearMonth)), (EVENT, KGO.place, PARK),
        (EVENT, KGO.participant, JOHN), (EVENT, KGO.participant, FIVE),
        (ART1, RDF.type, KGO.Article), (ART1, SCHEMA.headline, Literal("The Show tops the charts")),
        (ART1, SCHEMA.url, Literal("https://news.example/the-show")),
        (ART1, SCHEMA.datePublished, Literal("2019-06-26", datatype=XSD.date)),
        (ART1, KGO.sourcePath, Literal("sources/show.txt")),
        (ART2, RDF.type, KGO.Article), (ART2, SCHEMA.headline, Literal("Looking back at 1989 <b>&</b>")),
        (ART2, SCHEMA.datePublished, Literal("2019-07-01", datatype=XSD.date)),
        (ART2, KGO.sourcePath, Literal("sources/back.txt")),
    ]
    ds = Dataset()
    for triple in reversed(facts) if reverse else facts:
        ds.default_graph.add(triple)
    statements: list[tuple[URIRef, str, tuple[URIRef, URIRef, Any], str, str, str, str]] = [
        (ART1, "s1", (SHOW, KGO.director, JANE), "The show was directed by Jane Doe.", "Jane Doe",
         "kg.passive_by.v1", "0.9"),
        (ART1, "s2", (ROLE, RDF.type, KGO.Role), "John Roe stars as Detective Smith.", "John Roe",
         "kg.stars_as.v1", "0.85"),
        (ART1, "s3", (SHOW, KGO.originalBroadcaster, STREAMCO), "The Show premiered on StreamCo.",
         "StreamCo", "kg.premiered_on.v1", "0.8"),
        (ART1, "s4", (STAT, RDF.type, KGO.Statistic),
         "StreamCo said 23 million accounts watched by June 25.", "23 million accounts", "kg.stat.v1", "0.7"),
        (ART1, "s5", (SHOW, KGO.numberOfEpisodes, Literal(4)), "The four-episode series ended.",
         "four-episode", "kg.episodes.v2", "0.6"),
        (ART2, "s6", (EVENT, RDF.type, KGO.Arrest), "John Roe was arrested in Central Park in April 1989.",
         "arrested", "kg.event.v2", "0.75"),
        (ART2, "s7", (JOHN, KGO.memberOf, FIVE), "John Roe, one of The Five, spoke.", "one of The Five",
         "kg.appos_member.v1", "0.5"),
        (ART2, "s8", (EVIL_SCRIPT, KGO.memberOf, FIVE),
         f"Also in The Five was {SCRIPT_LABEL}, they said.", SCRIPT_LABEL, "kg.appos_member.v1", "0.4"),
        (ART2, "s9", (SHOW, KGO.distributor, EVIL_ATTR),
         f"It was distributed by {ATTR_LABEL} in Europe.", ATTR_LABEL, "kg.passive_by.v1", "0.3"),
    ]
    for article, key, spo, sentence, span, rule, conf in reversed(statements) if reverse else statements:
        _statement(ds, article, key, spo, sentence, span, rule=rule, confidence=conf)
    return ds


def _node(view: dict[str, Any], iri: URIRef) -> dict[str, Any]:
    return next(n for n in view["nodes"] if n["id"] == str(iri))


def _edge(view: dict[str, Any], src: URIRef, dst: URIRef) -> dict[str, Any]:
    return next(e for e in view["edges"] if e["from"] == str(src) and e["to"] == str(dst))


# ------------------------------------------------------------------------------------ the data
def test_view_draws_every_entity_and_the_nary_nodes() -> None:
    ds = sample_dataset()
    view = graph_view(ds)
    typed = {s for s, _, o in ds.default_graph.triples((None, RDF.type, None)) if o in ENTITY_CLASSES}
    assert typed == ENTITIES
    entity_ids = {n["id"] for n in view["nodes"] if n["kind"] == "entity"}
    assert entity_ids == {str(e) for e in ENTITIES}
    assert view["counts"]["entities"] == len(ENTITIES)
    assert _node(view, DIRECTOR_JOB)["kind"] == "occupation"
    assert _node(view, STAT)["label"] == "viewers\n23,000,000 accounts · --06-25"
    assert _node(view, EVENT)["label"] == "arrest · 1989-04"
    assert _node(view, STREAMCO)["type"] == "Broadcaster"
    assert _node(view, STREAMCO)["category"] == "Organization"
    assert _node(view, JANE)["names"] == ["Jane Doe", "Doe"]
    assert not any(n["id"] == str(ROLE) for n in view["nodes"])  # a role is an edge, not a node
    assert _node(view, SHOW)["size"] > _node(view, PARK)["size"]  # sized by number of facts


def test_view_labels_edges_and_roles() -> None:
    view = graph_view(sample_dataset())
    assert _edge(view, SHOW, JOHN)["label"] == "cast member (as Detective Smith)"
    assert _edge(view, SHOW, STREAMCO)["label"] == "original broadcaster"
    assert _edge(view, JOHN, FIVE)["facts"][0]["inverse"] == "← member of"
    assert _edge(view, SHOW, JANE)["facts"][0]["inverse"] == "director of"
    assert _edge(view, STAT, SHOW)["label"] == "about"
    assert _edge(view, EVENT, PARK)["label"] == "place"
    # the role's own statement is the cast edge's evidence
    cast = _edge(view, SHOW, JOHN)["facts"][0]
    assert [view["evidence"][i]["rule"] for i in cast["evidence"]] == ["kg.stars_as.v1"]
    assert cast["confidence"] == 0.85
    attrs = {a["label"]: a["value"] for a in _node(view, SHOW)["attributes"]}
    assert attrs == {"number of episodes": "4", "publication date": "--05-31"}


def test_view_prefers_the_ontology_labels() -> None:
    ds = sample_dataset()
    ds.default_graph.add((KGO.castMember, RDFS.label, Literal("cast member", lang="en")))
    ds.default_graph.add((KGO.originalBroadcaster, RDFS.label, Literal("broadcaster", lang="en")))
    ds.default_graph.add((KGO.originalBroadcaster, RDFS.label, Literal("diffuseur", lang="fr")))
    view = graph_view(ds)
    assert _edge(view, SHOW, STREAMCO)["label"] == "broadcaster"


def test_view_splits_the_sentence_around_the_evidence_span() -> None:
    view = graph_view(sample_dataset())
    director = _edge(view, SHOW, JANE)["facts"][0]
    (ev,) = (view["evidence"][i] for i in director["evidence"])
    assert ev["sentence"] == ["The show was directed by ", "Jane Doe", "."]
    assert view["articles"][ev["article"]]["headline"] == "The Show tops the charts"
    assert ev["rule"] == "kg.passive_by.v1" and ev["confidence"] == 0.9
    assert [t["date"] for t in view["timeline"]] == ["1989-04", "--05-31", "--06-25"]


def test_view_reads_labels_that_already_carry_the_date() -> None:
    ds = sample_dataset()
    g = ds.default_graph
    g.remove((EVENT, RDFS.label, None))
    g.add((EVENT, RDFS.label, Literal("arrest (1989-04)")))
    g.remove((STAT, KGO.measure, None))
    g.add((STAT, KGO.measure, Literal("accounts")))
    view = graph_view(ds)
    assert _node(view, EVENT)["label"] == "arrest · 1989-04"
    assert _node(view, STAT)["label"] == "23,000,000 accounts · --06-25"


def test_view_of_a_plain_graph_has_no_evidence() -> None:
    graph = Graph()
    for triple in sample_dataset().default_graph:
        graph.add(triple)
    view = graph_view(graph)
    assert view["counts"]["entities"] == len(ENTITIES)
    assert view["evidence"] == [] and view["articles"] != []  # the Article nodes, without statements
    assert _edge(view, SHOW, JOHN)["label"] == "cast member (as Detective Smith)"


def test_view_starts_big_graphs_from_the_most_connected_nodes() -> None:
    view = graph_view(sample_dataset(), max_nodes=4)
    assert view["initial"] is not None and len(view["initial"]) == 4
    assert str(SHOW) in view["initial"]
    assert graph_view(sample_dataset())["initial"] is None


# ------------------------------------------------------------------------------------ the HTML
def test_page_is_self_contained_escaped_and_deterministic(tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    write_page(sample_dataset(), path, title="Show <graph>")
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    fetches = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, flags=re.IGNORECASE)
    assert fetches == []
    assert not re.search(r"<link\b", html, flags=re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", html, flags=re.IGNORECASE)
    assert len(re.findall(r"^<script\b", html, flags=re.MULTILINE)) == 3  # data, vis-network, app
    assert SCRIPT_LABEL not in html and "<img src=x" not in html
    assert "<title>Show &lt;graph&gt;</title>" in html
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, flags=re.DOTALL)
    assert data is not None and not re.search(r"[<>&]", data.group(1))
    assert json.loads(data.group(1))["counts"]["entities"] == len(ENTITIES)
    # same dataset → same bytes, whatever order the triples were added in
    write_page(sample_dataset(), path, title="Show <graph>")
    assert path.read_text(encoding="utf-8") == html
    assert render_page(sample_dataset(reverse=True), title="Show <graph>") == html


def test_write_is_atomic_and_reports_a_missing_folder(tmp_path: Path) -> None:
    from kg.errors import OutputError

    path = tmp_path / "graph.html"
    path.write_text("old", encoding="utf-8")
    write_page(sample_dataset(), path)
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]
    with pytest.raises(OutputError):
        write_page(sample_dataset(), tmp_path / "missing" / "graph.html")


def test_the_page_names_articles_without_the_building_machines_paths(tmp_path: Path) -> None:
    """A page meant to be shared names each article by its title, else by its path relative to the
    folder the build's sources share: nothing of the machine's own folders (home, user name)."""
    from kg.pipeline import build

    secret = tmp_path / "home-of-alice-7f3e" / "news"
    (secret / "politics").mkdir(parents=True)
    (secret / "a.txt").write_text("The film Quiet Tide was directed by Ines Moreau.", encoding="utf-8")
    (secret / "politics" / "b.html").write_text(
        "<html><head><title>Harbour news</title></head><body><p>The series Low Orbit was created by "
        "Ravi Lindqvist.</p></body></html>", encoding="utf-8")
    (secret / "c.jsonl").write_text(json.dumps({"text": "The play Salt Roads was written by Mira Okafor."}) + "\n",
                                    encoding="utf-8")
    out = tmp_path / "out"
    build([secret], out=out, quiet=True)
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "home-of-alice-7f3e" not in html and str(tmp_path) not in html
    view = graph_view(Dataset().parse(out / "graph.trig", format="trig"))
    shown = sorted((a["headline"], a["source"]) for a in view["articles"])
    assert shown == [("", "a.txt"), ("", "c.jsonl:1"), ("Harbour news", "politics/b.html")]


def test_viz_does_not_import_spacy() -> None:
    code = "import sys, kg.viz; sys.exit(1 if 'spacy' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# ------------------------------------------------------------------------------------ the page
class PageLog:
    """What a page asked the network for and complained about."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's headless Chromium (/usr/bin/chromium) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def wait_until(page: Any, expression: str, timeout: float = 30.0) -> None:
    """Poll ``expression`` with ``page.evaluate`` (``wait_for_function`` evals, which the page's CSP refuses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)


def open_page(browser: Any, path: Path) -> tuple[Any, PageLog]:
    """Open ``path`` from file:// with every other request aborted and counted."""
    log = PageLog()
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()

    def route(r: Any) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda req: log.failed.append(req.url))
    page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: log.errors.append(str(exc)))

    def dialog(d: Any) -> None:
        log.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.as_uri())
    wait_until(page, "() => Boolean(window.kgGraph && window.kgGraph.ready)")
    return page, log


@pytest.fixture()
def sample_page(browser: Any, tmp_path: Path) -> Iterator[tuple[Any, PageLog]]:
    path = tmp_path / "graph.html"
    write_page(sample_dataset(), path, title="kg sample")
    page, log = open_page(browser, path)
    yield page, log
    page.context.close()


def click_node(page: Any, iri: URIRef) -> None:
    """A real mouse click on the node's centre on the canvas."""
    x, y = page.evaluate(
        """(id) => { const net = window.kgGraph.network;
                     const p = net.canvasToDOM(net.getPositions([id])[id]);
                     const r = document.querySelector('#graph canvas').getBoundingClientRect();
                     return [r.left + p.x, r.top + p.y]; }""",
        str(iri),
    )
    page.mouse.click(x, y)


@pytest.mark.browser
def test_page_loads_offline_and_draws_every_entity(sample_page: tuple[Any, PageLog]) -> None:
    page, log = sample_page
    view = graph_view(sample_dataset())
    assert log.blocked == [] and log.failed == [] and log.errors == [] and log.dialogs == []
    drawn = page.evaluate("window.kgGraph.drawnNodeIds()")
    assert len(drawn) == len(view["nodes"])
    assert page.evaluate("window.kgGraph.drawnEntityCount()") == len(ENTITIES)
    assert page.get_attribute("body", "data-drawn-entities") == str(len(ENTITIES))
    assert page.evaluate("window.kgGraph.edges.length") == len(view["edges"])
    # physics has settled and stopped: nothing moves any more
    before = page.evaluate("window.kgGraph.network.getPositions()")
    page.wait_for_timeout(400)
    assert page.evaluate("window.kgGraph.network.getPositions()") == before
    assert page.evaluate("window.kgGraph.network.physics.options.enabled") is False
    assert page.evaluate("window.__pwned") is None
    legend = page.inner_text("#legend")
    for name in ("Person", "Organization", "Group", "Production", "Place", "Occupation", "Statistic", "Event"):
        assert name in legend


@pytest.mark.browser
def test_search_focuses_the_node(sample_page: tuple[Any, PageLog]) -> None:
    page, log = sample_page
    page.fill("#search", "doe")  # an alternative name
    page.wait_for_selector("#search-results li button")
    assert "Jane Doe" in page.inner_text("#search-results")
    page.press("#search", "Enter")
    assert page.evaluate("window.kgGraph.network.getSelectedNodes()") == [str(JANE)]
    assert page.inner_text("#panel-body h2") == "Jane Doe"
    # the focus animation ends with the node in the middle of the view (polled: a loaded machine
    # runs the animation late, never elsewhere)
    distance = """(id) => { const n = window.kgGraph.network; const v = n.getViewPosition();
                            const p = n.getPositions([id])[id]; return Math.hypot(v.x - p.x, v.y - p.y); }"""
    page.wait_for_function(f"(id) => ({distance})(id) < 5", arg=str(JANE), timeout=10_000)
    assert page.evaluate(distance, str(JANE)) < 5
    page.fill("#search", "detective")  # nothing is called that: no match, no crash
    assert "No name matches" in page.inner_text("#search-results")
    assert log.errors == []


@pytest.mark.browser
def test_clicking_a_node_shows_its_evidence(sample_page: tuple[Any, PageLog]) -> None:
    page, log = sample_page
    click_node(page, JANE)
    panel = page.locator("#panel-body")
    assert page.get_attribute("#panel-body", "data-node") == str(JANE)
    assert panel.locator("h2").inner_text() == "Jane Doe"
    text = panel.text_content()
    assert "director of" in text and "The Show" in text
    assert "The show was directed by Jane Doe." in text
    assert panel.locator("mark").first.inner_text() == "Jane Doe"
    assert "The Show tops the charts" in text and "kg.passive_by.v1" in text and "0.90" in text

    click_node(page, JOHN)
    text = page.text_content("#panel-body")
    assert "as Detective Smith" in text
    assert "John Roe, one of The Five, spoke." in text
    assert "Looking back at 1989 <b>&</b>" in text  # the other article, headline as text
    assert log.errors == []


@pytest.mark.browser
def test_injected_labels_stay_text(sample_page: tuple[Any, PageLog]) -> None:
    page, log = sample_page
    page.evaluate("(id) => window.kgGraph.focus(id, {animate: false})", str(EVIL_SCRIPT))
    panel = page.inner_text("#panel-body")
    assert SCRIPT_LABEL in panel
    assert page.locator("#panel-body script").count() == 0
    page.evaluate("(id) => window.kgGraph.focus(id, {animate: false})", str(EVIL_ATTR))
    assert ATTR_LABEL in page.inner_text("#panel-body")
    assert page.locator("#panel-body img").count() == 0
    page.fill("#search", "<script>")
    assert SCRIPT_LABEL in page.inner_text("#search-results")
    assert page.evaluate("window.__pwned") is None
    assert log.dialogs == [] and log.failed == [] and log.blocked == [] and log.errors == []


@pytest.mark.browser
def test_clicking_an_edge_shows_its_evidence(sample_page: tuple[Any, PageLog]) -> None:
    page, log = sample_page
    edge_id = graph_view(sample_dataset())["edges"]
    cast = next(e["id"] for e in edge_id if e["from"] == str(SHOW) and e["to"] == str(JOHN))
    x, y = page.evaluate(
        """(id) => { const net = window.kgGraph.network;
                     const pt = net.body.edges[id].edgeType.getPoint(0.5);
                     const p = net.canvasToDOM(pt);
                     const r = document.querySelector('#graph canvas').getBoundingClientRect();
                     return [r.left + p.x, r.top + p.y]; }""",
        cast,
    )
    page.mouse.click(x, y)
    assert page.get_attribute("#panel-body", "data-edge") == cast
    text = page.text_content("#panel-body")
    assert "as Detective Smith" in text and "John Roe stars as Detective Smith." in text
    assert log.errors == []


@pytest.mark.browser
def test_filters_by_class_article_and_confidence(sample_page: tuple[Any, PageLog]) -> None:
    page, log = sample_page
    total = page.evaluate("window.kgGraph.nodes.length")
    page.uncheck('#legend input[data-class="Person"]')
    assert page.evaluate("window.kgGraph.nodes.length") == total - 3  # Jane, John, the <script> one
    page.check('#legend input[data-class="Person"]')
    assert page.evaluate("window.kgGraph.nodes.length") == total

    second = next(i for i, a in enumerate(graph_view(sample_dataset())["articles"]) if "1989" in a["headline"])
    page.select_option("#article-filter", str(second))
    drawn = set(page.evaluate("window.kgGraph.drawnNodeIds()"))
    assert str(JOHN) in drawn and str(EVENT) in drawn and str(STAT) not in drawn and str(JANE) not in drawn
    page.select_option("#article-filter", "-1")

    page.eval_on_selector("#confidence-filter", "(e) => { e.value = '0.8'; e.dispatchEvent(new Event('input')); }")
    drawn = set(page.evaluate("window.kgGraph.drawnNodeIds()"))
    assert {str(SHOW), str(JANE), str(STREAMCO), str(JOHN)} <= drawn
    assert str(EVENT) not in drawn and str(EVIL_ATTR) not in drawn
    edges = page.evaluate("window.kgGraph.edges.get().map(e => e.label)")
    assert "member of" not in edges
    assert log.errors == []


@pytest.mark.browser
def test_big_graphs_start_small_and_expand(browser: Any, tmp_path: Path) -> None:
    ds = sample_dataset()
    for i in range(320):  # a crowd of people, each in one show of their own
        person, show = KGR[f"person/p{i:03d}"], KGR[f"production/s{i // 4:03d}"]
        ds.default_graph.add((person, RDF.type, KGO.Person))
        ds.default_graph.add((person, RDFS.label, Literal(f"Person {i:03d}")))
        ds.default_graph.add((show, RDF.type, KGO.Film))
        ds.default_graph.add((show, KGO.castMember, person))
    path = tmp_path / "big.html"
    write_page(ds, path)
    page, log = open_page(browser, path)
    try:
        total = len(graph_view(ds)["nodes"])
        assert total > 300
        assert page.evaluate("window.kgGraph.nodes.length") == 300
        hidden = page.evaluate("window.kgGraph.data.nodes.map(n => n.id)"
                               ".filter(id => !window.kgGraph.nodes.get(id))")
        target = hidden[0]
        page.evaluate("(id) => window.kgGraph.focus(id, {animate: false})", target)
        assert target in page.evaluate("window.kgGraph.drawnNodeIds()")
        page.click("#show-all")
        wait_until(page, f"() => window.kgGraph.nodes.length === {total}")
        wait_until(page, "() => window.kgGraph.network.physics.options.enabled === false")
        assert log.errors == [] and log.blocked == [] and log.failed == []
    finally:
        page.context.close()


@pytest.mark.browser
def test_screenshot(sample_page: tuple[Any, PageLog], tmp_path: Path) -> None:
    page, _ = sample_page
    click_node(page, SHOW)
    shot = tmp_path / "graph.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
