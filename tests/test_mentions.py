"""Mention detection and typing from the sentence (kg.extract.mentions, kg.extract.mention_types).

Sentences are invented for the test; the real spaCy model parses them.
"""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Document
from kg.nlp import load_pipeline


def mentions(text: str) -> dict[str, tuple[str, str]]:
    """Named mentions of ``text``: surface → (type, rule); the last one wins for repeats."""
    ex = extract(load_pipeline()(text), Document(text, "t.txt"))
    return {m.text: (m.type, m.rule) for m in ex.mentions if not m.ref}


def types(text: str) -> dict[str, str]:
    return {k: v[0] for k, v in mentions(text).items()}


@pytest.mark.parametrize("text, name, etype", [
    ("US rock band Korvin have cancelled three concerts.", "Korvin", "GROUP"),
    ("The remaining members of the pop group Tinfoil Hats will tour.", "Tinfoil Hats", "GROUP"),
    ("She wrote most of her debut album, Glass Harbour Nights, in one winter.", "Glass Harbour Nights", "PRODUCTION"),
    ("Fans queued for the concert in Dunmore on Monday.", "Dunmore", "PLACE"),
    ("The creator of Night Ferry is writing a new drama.", "Night Ferry", "PRODUCTION"),
])
def test_the_sentence_says_what_a_name_is(text: str, name: str, etype: str) -> None:
    assert types(text).get(name) == etype


def test_a_cue_is_recorded_as_the_mentions_rule() -> None:
    got = mentions("Fans queued for the concert in Dunmore on Monday.")
    assert got["Dunmore"][1] == "kg.type_place_preposition.v1"


def test_a_media_group_is_not_a_band() -> None:
    assert "GROUP" not in types("The media group Halvex bought a newspaper.").values()


def test_a_person_of_an_outlet_is_two_names() -> None:
    got = types('"It is a fine film," said Tom Avery of Harbour Weekly.')
    assert got.get("Tom Avery") == "PERSON"
    assert got.get("Harbour Weekly") == "ORGANIZATION"


def test_a_genre_or_given_name_before_a_role_noun_is_no_work() -> None:
    got = types("Rock star Patti Lane has been made artistic director.")
    assert got.get("Rock") != "PRODUCTION"


def test_headline_capitals_are_cut_to_the_name_the_story_uses() -> None:
    text = ("Tessa Quint Shows Off Her New Hat at Gala\n\n"
            "Tessa Quint wore a red hat to the gala in Paris on Friday. Quint said she loved it.")
    names = mentions(text)
    assert not any(n.startswith("Tessa Quint ") for n in names)
    assert "Tessa Quint" in names


def test_a_possessive_ends_a_persons_name() -> None:
    names = mentions("The crowd loved Maya Lind's Orpheus at the opera house.")
    assert "Maya Lind's Orpheus" not in names


def test_an_apposition_is_headed_by_its_first_noun() -> None:
    got = types("The president of one of the city's main charities, Dolphy Varnes, says the film is fine.")
    assert got.get("Dolphy Varnes") == "PERSON"


def test_a_name_ends_before_small_words_that_lead_nowhere() -> None:
    names = mentions("She went to the Sundance Film Festival of 2004 with her film.")
    assert not any(n.endswith(" of") for n in names)
