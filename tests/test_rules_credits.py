"""The credits family on sentences written for the test."""
from __future__ import annotations

from tests.test_extract import facts_of


def test_a_person_before_a_film_noun_directed_the_film() -> None:
    facts = facts_of("She starred in the Dana Whitlock film Paper Rivers, released in 1998.")
    assert ("Paper Rivers", "director", "Dana Whitlock") in facts


def test_a_person_before_a_novel_wrote_it() -> None:
    facts = facts_of("The film is based on the Clara Voss novel Winter Orchard.")
    assert ("Winter Orchard", "author", "Clara Voss") in facts


def test_a_noun_of_no_clear_kind_names_no_role() -> None:
    facts = facts_of("Viewers loved the Clara Voss drama Winter Orchard.")
    assert not any(p in ("director", "creator", "author") for _, p, _ in facts), facts


def test_no_determiner_no_fact() -> None:
    facts = facts_of("Tickets for Clara Voss film screenings sold out.")
    assert not any(p == "director" for _, p, _ in facts), facts


def test_a_novel_first_published_in_a_year() -> None:
    facts = facts_of("Salt Roads is the second novel by the writer Ana Pell, first published in 1931.")
    assert ("Salt Roads", "publicationDate", "1931") in facts


def test_works_listed_then_both_released() -> None:
    facts = facts_of("Mira Dahl worked on her albums Glass Owls and Quiet Harbour, both released in 2010.")
    assert ("Glass Owls", "publicationDate", "2010") in facts
    assert ("Quiet Harbour", "publicationDate", "2010") in facts
