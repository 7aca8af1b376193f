"""The broadcasting family (kg/extract/rules/broadcasting.py) on sentences written for the test."""
from __future__ import annotations

from tests.test_extract import facts_of


def test_presenter_noun_after_a_programme_title() -> None:
    facts = facts_of('"It will be close," said Ann Lee, and so did Night Talk 2007 presenter Jonah Reeve.')
    assert ("Night Talk 2007", "presenter", "Jonah Reeve") in facts


def test_channel_presenter_is_no_programme() -> None:
    facts = facts_of("US TV presenter Tom Avery laughed. BBC presenter Greta Lind agreed.")
    assert not any(p == "presenter" for _, p, _ in facts)


def test_presenter_verb_active() -> None:
    facts = facts_of("Priya Nair hosts the talk show Late Lanterns.")
    assert ("Late Lanterns", "presenter", "Priya Nair") in facts
