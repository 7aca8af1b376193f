"""Claims, not just facts: who says so, how (asserted, reported, planned, hedged, denied), quotations,
time qualifiers, and where articles disagree. Every text here is written for the test."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import PROV, RDF, RDFS

from kg.extract import extract
from kg.model import Document, Value
from kg.nlp import load_pipeline
from kg.pipeline import build
from kg.resolve import Resolved, resolve
from kg.vocab import KGO


def resolved(*texts: str, dates: tuple[str | None, ...] = ()) -> Resolved:
    nlp = load_pipeline()
    docs = [Document(t, f"t{i}.txt", date=dates[i] if i < len(dates) else None) for i, t in enumerate(texts)]
    return resolve(extract(nlp(d.text), d) for d in docs)


def claims(res: Resolved, prop: str) -> list[tuple[str, str | None]]:
    """(status, speaker label) of every piece of evidence for facts of ``prop``."""
    label = {k: e.label for k, e in res.entities.items()}
    return [(e.status, label.get(e.speaker_key) if e.speaker_key else None)
            for f in res.facts if f.prop == prop for e in f.evidence]


# -- attribution ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Lena Holt said the film Salt Roads was directed by Omar Haddad.",
    "The film Salt Roads was directed by Omar Haddad, Lena Holt told reporters.",
    "According to Lena Holt, the film Salt Roads was directed by Omar Haddad.",
    "Lena Holt announced that the film Salt Roads was directed by Omar Haddad.",
    "Lena Holt tweeted that the film Salt Roads was directed by Omar Haddad.",
])
def test_attribution_patterns(text: str) -> None:
    assert claims(resolved(text), "director") == [("reported", "Lena Holt")]


def test_a_plain_sentence_is_asserted_by_the_article() -> None:
    assert claims(resolved("The film Salt Roads was directed by Omar Haddad."), "director") == [("asserted", None)]


@pytest.mark.parametrize("text", [
    '"The numbers are up," said Lena Holt, the director of the film Salt Roads.',
    "Film director Lena Holt said that the numbers were up.",
    "Lena Holt, the director of the film Salt Roads, told reporters the numbers were up.",
])
def test_the_words_naming_a_speaker_are_the_articles_own(text: str) -> None:
    """Who the speaker is (*said X, the director of Y*) is stated by the article, not claimed by X."""
    res = resolved(text)
    assert claims(res, "occupation") + claims(res, "director") and \
        set(claims(res, "occupation") + claims(res, "director")) == {("asserted", None)}


def test_a_participle_of_saying_attributes_nothing_before_it() -> None:
    res = resolved("Omar Haddad directed the film Salt Roads in 2004, saying that the coast was his home.")
    assert claims(res, "director") == [("asserted", None)]


def test_a_clause_coordinated_with_a_verb_of_saying_is_not_what_was_said() -> None:
    res = resolved("Lena Holt has not announced the date, but critics expect the film Salt Roads "
                   "to be directed by Omar Haddad.")
    assert ("reported", "Lena Holt") not in claims(res, "director")


def test_descriptions_of_people_in_reported_speech_are_the_articles() -> None:
    res = resolved("Omar Haddad warned that the pressure is mounting on coach Lena Holt, "
                   "and said the film Salt Roads was directed by Ava Brooks.")
    assert claims(res, "occupation") == [("asserted", None)]
    assert claims(res, "director") == [("reported", "Omar Haddad")]


def test_quotation_and_its_speaker() -> None:
    res = resolved('"We wanted to make something honest about the sea," Lena Holt said of the film Salt Roads.')
    label = {k: e.label for k, e in res.entities.items()}
    assert [(label.get(q.speaker), q.text) for q in res.quotations] == [
        ("Lena Holt", "We wanted to make something honest about the sea,")]


# -- status ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "status"), [
    ("Omar Haddad will direct the film Salt Roads.", "planned"),
    ("Omar Haddad is to direct the film Salt Roads.", "planned"),
    ("Omar Haddad is set to direct the film Salt Roads.", "planned"),
    ("Omar Haddad reportedly directed the film Salt Roads.", "hedged"),
    ("Omar Haddad may direct the film Salt Roads.", "hedged"),
    ("Omar Haddad did not direct the film Salt Roads.", "denied"),
    ("Omar Haddad never directed the film Salt Roads.", "denied"),
    ("Omar Haddad directed the film Salt Roads in May.", "asserted"),
])
def test_status_patterns(text: str, status: str) -> None:
    assert [s for s, _ in claims(resolved(text), "director")] == [status]


def test_denied_facts_stay_out_of_the_direct_graph_but_keep_their_source(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Omar Haddad did not direct the film Salt Roads.", encoding="utf-8")
    build([article], out=tmp_path / "out", quiet=True)
    assert not list(Graph().parse(tmp_path / "out" / "graph.ttl").subject_objects(KGO.director))
    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.trig", format="trig")
    statuses = {str(o) for st, _, _, _ in ds.quads((None, RDF.predicate, KGO.director, None))
                for _, _, o, _ in ds.quads((st, KGO.status, None, None))}
    assert statuses == {"denied"}


def test_time_qualifiers_are_kept() -> None:
    res = resolved("Victor Hale, then a real-estate developer, bought the studio. Former prosecutor Helen Marsh "
                   "objected.")
    quals = {(res.entities[f.subject].label, f.object.text if isinstance(f.object, Value) else f.object):
             {e.qualifier for e in f.evidence} for f in res.facts if f.prop == "occupation"}
    assert quals[("Victor Hale", "real estate developer")] == {"then"}
    assert quals[("Helen Marsh", "prosecutor")] == {"former"}


def test_relative_dates_use_the_article_date() -> None:
    res = resolved("The series Night Ferry premiered on Friday on Hulu.", dates=("2021-03-16",))
    assert [f.object.text for f in res.facts if f.prop == "publicationDate"] == ["2021-03-12"]


# -- disagreement -------------------------------------------------------------------------------------
def test_different_figures_for_one_measure_at_one_date_conflict() -> None:
    res = resolved("The series Night Ferry has been watched by 12 million households as of July 4.",
                   "The series Night Ferry has been watched by 15 million households as of July 4.")
    assert [(c.kind, sorted(v for v, _ in c.sides)) for c in res.conflicts] == [("figure", ["12000000", "15000000"])]


def test_a_later_figure_for_a_growing_measure_is_not_a_conflict() -> None:
    res = resolved("The series Night Ferry has been watched by 12 million households as of July 4.",
                   "The series Night Ferry has been watched by 15 million households as of August 9.")
    assert res.conflicts == []
    assert len(res.statistics) == 2


def test_single_valued_property_conflict() -> None:
    res = resolved("The six-part drama Night Ferry premiered on Hulu.", "The eight-part drama Night Ferry premiered on Hulu.")
    assert [(c.kind, c.prop, sorted(v for v, _ in c.sides)) for c in res.conflicts] == [
        ("value", "numberOfEpisodes", ["6", "8"])]


def test_compatible_dates_do_not_conflict() -> None:
    res = resolved("The series Night Ferry premiered on March 3 on Hulu.",
                   "The series Night Ferry premiered on March 3, 2021 on Hulu.")
    assert [c for c in res.conflicts if c.prop == "publicationDate"] == []


def test_assertion_against_denial() -> None:
    res = resolved("The film Salt Roads was directed by Omar Haddad.", "Omar Haddad did not direct the film Salt Roads.")
    assert [(c.kind, c.prop) for c in res.conflicts] == [("denial", "director")]


def test_conflicts_are_nodes_sparql_can_find(tmp_path: Path) -> None:
    for i, n in enumerate(("six", "eight")):
        (tmp_path / f"{i}.txt").write_text(f"The {n}-part drama Night Ferry premiered on Hulu.", encoding="utf-8")
    build([tmp_path], out=tmp_path / "out", quiet=True)
    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.trig", format="trig")
    conflicts = list(ds.default_graph.subjects(RDF.type, KGO.Conflict))
    assert len(conflicts) == 1
    sides = list(ds.default_graph.objects(conflicts[0], KGO.side))
    assert len(sides) == 2
    for st in sides:  # each side is a statement with its article
        assert any(True for _ in ds.quads((st, KGO.article, None, None)))
    assert ds.default_graph.value(conflicts[0], KGO.property) == KGO.numberOfEpisodes


def test_statements_carry_their_speaker_in_rdf(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Lena Holt said the film Salt Roads was directed by Omar Haddad.", encoding="utf-8")
    build([article], out=tmp_path / "out", quiet=True)
    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.trig", format="trig")
    speakers = {str(ds.default_graph.value(who, RDFS.label)) for st, _, _, _ in
                ds.quads((None, RDF.predicate, KGO.director, None))
                for _, _, who, _ in ds.quads((st, PROV.wasAttributedTo, None, None))}
    assert speakers == {"Lena Holt"}


def test_kg_conflicts_and_quotes_commands(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("The six-part drama Night Ferry premiered on Hulu, Lena Holt said.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text('The eight-part drama Night Ferry premiered on Hulu.\n\n"We shot it all in one '
                                    'winter on the coast," Lena Holt told reporters.\n', encoding="utf-8")
    build([tmp_path / "a.txt", tmp_path / "b.txt"], out=tmp_path / "out", quiet=True)
    run = [sys.executable, "-m", "kg.cli"]
    listed = subprocess.run([*run, "conflicts", "--out", str(tmp_path / "out"), "--format", "csv"],
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert sorted((r["property"], r["value"], r["speaker"]) for r in rows) == [
        ("numberOfEpisodes", "6", "Lena Holt"), ("numberOfEpisodes", "8", "")]
    quotes = subprocess.run([*run, "ask", "quotes", "Lena Holt", "--out", str(tmp_path / "out"), "--format", "csv"],
                            capture_output=True, text=True, timeout=120)
    assert quotes.returncode == 0, quotes.stderr
    assert "We shot it all in one winter on the coast" in quotes.stdout


def test_the_page_marks_conflicts_and_shows_who_says_so(tmp_path: Path) -> None:
    from kg.viz import graph_view

    for i, (n, who) in enumerate((("six", ", Lena Holt said"), ("eight", ""))):
        (tmp_path / f"{i}.txt").write_text(f"The {n}-part drama Night Ferry premiered on Hulu{who}.", encoding="utf-8")
    build([tmp_path / "0.txt", tmp_path / "1.txt"], out=tmp_path / "out", quiet=True)
    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.trig", format="trig")
    view = graph_view(ds)
    show = next(n for n in view["nodes"] if n["label"] == "Night Ferry")
    assert len(show["conflicts"]) == 1 and len(show["conflicts"][0]["sides"]) == 2
    sides = [view["evidence"][i] for i in show["conflicts"][0]["sides"]]
    assert {(e["status"], e["speaker"]) for e in sides} == {("reported", "Lena Holt"), ("asserted", "")}
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert "articles disagree" in page


def test_straight_quotes_pair_only_opening_with_closing() -> None:
    text = ('"We are very happy with the result," said Lena Holt. The firm " read a statement " twice. '
            'Omar Haddad said: "It was a long winter for all of us."')
    res = resolved(text)
    label = {k: e.label for k, e in res.entities.items()}
    assert [(label.get(q.speaker), q.text) for q in res.quotations] == [
        ("Lena Holt", "We are very happy with the result,"), ("Omar Haddad", "It was a long winter for all of us.")]


def test_noun_phrase_facts_do_not_inherit_the_clause_status() -> None:
    res = resolved("Prosecutor Helen Marsh did not comment on the film Salt Roads.")
    occupations = [e.status for f in res.facts if f.prop == "occupation" for e in f.evidence]
    assert occupations == ["asserted"]


def test_why_the_viewer_count_names_who_announced_it_and_when(built_output: Path) -> None:
    """On the bundled articles: the figure's statements say who announced it and its as-of date."""
    import re

    from kg.query.why import why
    from kg.store import open_store

    store = open_store(built_output / "store")
    show = Graph().parse(built_output / "graph.ttl")
    # the production the most figures are about (no title is written into the test)
    about = max({o for o in show.objects(None, KGO.about)}, key=lambda o: len(list(show.subjects(KGO.about, o))))
    evidence = why(store, str(about), "statistic", "*")
    millions = [e for e in evidence if e["evidence"] and re.search(r"million", e["evidence"], re.I)]
    assert millions
    announced = [e for e in millions if e["speaker"] and e["status"] == "reported"]
    assert announced, "no statement of the viewer count says who announced it"
    assert any(e["as_of"] for e in announced), "no statement of the viewer count says when it held"


def test_quotations_close_at_a_stray_space_and_never_run_past_their_paragraph() -> None:
    text = ('"The numbers are bad for everyone who saved here, " said Lena Holt, the head of the fund.\n\n'
            'Omar Haddad, chief executive of the bank, said: "We are investing in better tools and staff.\n\n'
            '"And we will hire more people in the new year," he added.')
    nlp = load_pipeline()
    ex = extract(nlp(text), Document(text, "q.txt"))
    assert [q.text for q in ex.quotes] == ["The numbers are bad for everyone who saved here, ",
                                           "We are investing in better tools and staff.",
                                           "And we will hire more people in the new year,"]
    res = resolved(text)
    assert set(claims(res, "occupation")) == {("asserted", None)}
