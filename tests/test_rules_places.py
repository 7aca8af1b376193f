"""The places family on sentences written for the test: comma pairs of places and venues in towns."""
from __future__ import annotations

from tests.test_extract import facts_of


def test_a_town_then_its_county_and_country() -> None:
    facts = facts_of("The band played a concert in Dunmore, Kilbridge, on Friday.",
                     "She grew up in Toulouse, France, before moving away.")
    assert ("Toulouse", "country", "France") in facts
    assert ("Dunmore", "locatedIn", "Kilbridge") in facts
    assert not any(p in ("locatedIn", "country") and s == "France" for s, p, _ in facts)


def test_a_list_of_places_is_not_a_chain_of_holders() -> None:
    facts = facts_of("The tour visits Paris, London and Madrid in May.",
                     "Offices in Berlin, Vienna, Prague and Warsaw will close.")
    assert not any(p in ("locatedIn", "country") for _, p, _ in facts), facts


def test_a_venue_in_its_city() -> None:
    facts = facts_of("The singer will play the Harbour Arena in Leeds next month.")
    assert ("Harbour Arena", "locatedIn", "Leeds") in facts


def test_a_country_is_never_held_by_the_place_after_it() -> None:
    facts = facts_of("Talks between France, Germany and Spain resumed.")
    assert not any(p in ("locatedIn", "country") for _, p, _ in facts), facts
