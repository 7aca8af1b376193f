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


def test_a_work_premieres_or_airs_on_a_channel_whatever_ner_made_of_it() -> None:
    facts = facts_of("Glass Rivers premiered on BBC One on 5 January 2003.")
    assert ("Glass Rivers", "originalBroadcaster", "BBC One") in facts, facts
    assert ("Silent Harbour", "originalBroadcaster", "NBC") in facts_of("Silent Harbour aired on NBC from 1994 to 1999.")


def test_a_broadcaster_that_airs_a_work() -> None:
    assert ("Silent Harbour", "originalBroadcaster", "ITV") in facts_of("ITV aired Silent Harbour in 1995.")
    assert ("Glass Rivers", "originalBroadcaster", "NBC") in facts_of("NBC will screen the drama Glass Rivers next spring.")


def test_a_broadcaster_that_shows_a_person_or_airs_nothing_credits_no_work() -> None:
    assert not any(p == "originalBroadcaster" for _, p, _ in facts_of("Sky showed Tom Biggs in tears."))
    assert not any(p == "originalBroadcaster" for _, p, _ in facts_of("The BBC did not broadcast Silent Harbour."))


def test_named_host_of_a_programme_described_by_its_noun() -> None:
    assert ("Night Talk", "presenter", "Ann Reed") in facts_of("Ann Reed was named host of the quiz show Night Talk.")
    assert ("Night Talk", "presenter", "Ann Reed") in facts_of("Ann Reed is the host of the quiz show Night Talk.")


def test_the_host_of_a_party_at_a_venue_presents_no_programme() -> None:
    facts = facts_of("Ann Reed is the host of the party at the Leeds Arena.")
    assert not any(p == "presenter" for _, p, _ in facts), facts


def test_a_broadcaster_before_the_noun_that_describes_a_programme() -> None:
    facts = facts_of("Red Lane is a BBC sitcom. Cold Lamp, an NBC drama, ended in 1994. Nell Quarry narrated "
                     "Owl Street, a BBC children's quiz programme, lasted six series.")
    assert ("Red Lane", "originalBroadcaster", "BBC") in facts
    assert ("Cold Lamp", "originalBroadcaster", "NBC") in facts
    assert ("Owl Street", "originalBroadcaster", "BBC") in facts


def test_a_broadcaster_beside_no_programme_noun_or_after_it_describes_nothing() -> None:
    facts = facts_of("Tam Vell is a BBC presenter. Iron Gate is a drama about the NBC newsroom.")
    assert not any(p == "originalBroadcaster" for _, p, _ in facts)
