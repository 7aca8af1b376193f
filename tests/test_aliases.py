"""Other names of a person (kg.extract.aliases): a stage name, a real name, a birth or maiden
name is the same person, one node with both names. Invented sentences."""
from __future__ import annotations

from kg.extract import extract
from kg.model import PERSON, Document
from kg.nlp import load_pipeline
from kg.resolve import resolve


def entities(text: str):
    nlp = load_pipeline()
    d = Document(text, "t.txt")
    return list(resolve([extract(nlp(text), d)]).entities.values())


def person(text: str, label: str):
    found = [e for e in entities(text) if e.label == label]
    assert len(found) == 1, [(e.label, e.type) for e in entities(text)]
    assert found[0].type == PERSON
    return found[0]


def test_a_ring_name_is_the_wrestler_and_its_later_mentions_too() -> None:
    text = ("Jane Roe (born 1980) is an American wrestler performing under the ring name Vixen. "
            "Since 2013, Vixen has appeared in the series Ring Life.")
    assert "Vixen" in person(text, "Jane Roe").aliases
    assert not [e for e in entities(text) if e.label == "Vixen"]


def test_a_real_name_between_dashes_or_after_whose() -> None:
    assert "Bob Allen Dane" in person("Mars - real name Bob Allen Dane - underwent surgery.", "Mars").aliases
    text = "Tazzla, whose real name is Miguel Corran, has released 25 albums."
    assert "Miguel Corran" in person(text, "Tazzla").aliases


def test_a_birth_name_in_brackets_makes_the_name_before_it_a_person() -> None:
    e = person("Rick Lane (born Richard Paul Lane; 6 February 1966) is an English singer. "
               "Lane released his first album in 1987.", "Rick Lane")
    assert "Richard Paul Lane" in e.aliases and "Lane" in e.aliases


def test_a_maiden_name_and_a_short_form() -> None:
    assert "Bell" in person("Tara Voss\u2014n\u00e9e Bell\u2014used to be married to a dancer.", "Tara Voss").aliases
    assert "Abel Tessman" in person("Selma Ray and Tom Vale (a.k.a. Abel Tessman) were seen together.",
                                    "Tom Vale").aliases


def test_a_place_born_compound_is_no_alias() -> None:
    ents = entities("New Zealand-born Campbell moved to London in 1966.")
    nz = [e for e in ents if e.label == "New Zealand"]
    assert nz and nz[0].type == "PLACE" and not nz[0].aliases


def test_a_work_known_as_another_title_is_left_to_the_works() -> None:
    # a film's other title is a work's alias, never a person's: nothing here makes a person
    ents = entities("The film Blue Harbour, also known as Night Port, opened in 1987.")
    assert not [e for e in ents if e.type == PERSON]
