"""The organisations family (kg/extract/rules/organisations.py) on sentences written for the test."""
from __future__ import annotations

from tests.test_extract import facts_of


def test_founded_by_in_a_year() -> None:
    facts = facts_of("In 1962 Helen Carter and Tom Reed founded the Northern Dance Company.")
    assert ("Northern Dance Company", "foundedBy", "Helen Carter") in facts
    assert ("Northern Dance Company", "foundedBy", "Tom Reed") in facts


def test_band_formed_in_a_city_and_a_year() -> None:
    facts = facts_of("The indie band Paper Kites was formed in Glasgow in 2001.")
    assert ("Paper Kites", "locationOfFormation", "Glasgow") in facts
    assert ("Paper Kites", "inception", "2001") in facts


def test_based_in_a_city() -> None:
    facts = facts_of("Harbour House Press, based in Boston, publishes twenty books a year.")
    assert ("Harbour House Press", "headquartersLocation", "Boston") in facts


def test_owned_by() -> None:
    facts = facts_of("Northwind Studios is owned by Meridian Media Group.")
    assert ("Northwind Studios", "ownedBy", "Meridian Media Group") in facts


def test_a_denied_founding_is_no_fact() -> None:
    facts = facts_of("Helen Carter did not found the Northern Dance Company.")
    assert not any(p == "foundedBy" for _, p, _ in facts)


def test_untyped_name_established_and_a_gerund_after_before() -> None:
    facts = facts_of("In 1950 she and Tom Reed jointly established the Coastal Ballet. "
                     "Dana Pike was singer with the rock band Tinfoil Sky before forming Velvet Ashes, a supergroup.")
    assert ("Coastal Ballet", "foundedBy", "Tom Reed") in facts
    assert ("Coastal Ballet", "inception", "1950") in facts
    assert ("Velvet Ashes", "foundedBy", "Dana Pike") in facts
