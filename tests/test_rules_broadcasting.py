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


def test_a_channels_list_of_programmes() -> None:
    facts = facts_of("HBO dramas including Night Owls and Glass Tide did well.")
    assert ("Night Owls", "originalBroadcaster", "HBO") in facts
    assert ("Glass Tide", "originalBroadcaster", "HBO") in facts


def test_the_network_needs_a_channel_named_before() -> None:
    facts = facts_of("She predicted a drop for some of the network's reality shows, such as Love Farm.")
    assert not any(p == "originalBroadcaster" for _, p, _ in facts)
