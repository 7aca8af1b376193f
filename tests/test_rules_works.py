"""The works family (kg/extract/rules/works.py) on sentences written for the test."""
from __future__ import annotations

from kg.extract.rules.works import genre_phrase
from kg.nlp import load_pipeline
from tests.test_extract import facts_of


def test_genre_of_a_title_after_its_noun() -> None:
    facts = facts_of("The critics loved the teen comedy Harbour Lights.")
    assert ("Harbour Lights", "genre", "teen comedy") in facts


def test_genre_in_apposition_and_after_the_copula() -> None:
    facts = facts_of("Dark Water, a psychological thriller, opens on Friday. "
                     "Night Owls is a 2009 American animated series.")
    assert ("Dark Water", "genre", "psychological thriller") in facts
    assert ("Night Owls", "genre", "animated series") in facts


def test_genre_of_each_title_in_a_list() -> None:
    facts = facts_of("The station bought reality TV shows such as Love Farm and Pop Kitchen.")
    assert ("Love Farm", "genre", "reality TV show") in facts
    assert ("Pop Kitchen", "genre", "reality TV show") in facts


def test_no_genre_for_a_person_or_a_plain_production_noun() -> None:
    facts = facts_of("The drama teacher Ann Lee met the comedy star Tom Avery before the film Velvet Hour.")
    assert not any(p == "genre" for _, p, _ in facts)


def test_genre_phrase_keeps_genre_words_only() -> None:
    doc = load_pipeline()("She made a new 1998 film, an old crime drama series and a period drama.")
    assert genre_phrase(doc, doc[5]) is None  # "a new 1998 film"
    assert genre_phrase(doc, doc[11]) == "crime drama"
    assert genre_phrase(doc, doc[15]) == "period drama"


def test_based_on_a_novel() -> None:
    facts = facts_of("The Milo Grant biopic Velvet Hour was directed by Ann Lee. Velvet Hour is based on the novel Blue Nights.")
    assert ("Velvet Hour", "basedOn", "Blue Nights") in facts
    assert ("Blue Nights", "genre", "novel") in facts


def test_filming_location_needs_a_place_and_a_work() -> None:
    facts = facts_of("The thriller Dark Water was filmed in Morocco. Tom Avery was filmed in a nightclub in Harrowgate.")
    assert ("Dark Water", "filmingLocation", "Morocco") in facts
    assert not any(p == "filmingLocation" and s == "Tom Avery" for s, p, _ in facts)


def test_sequel_follows_the_earlier_work_and_adaptation_is_based_on() -> None:
    facts = facts_of("The comedy Harbour Lights 2, the sequel to the comedy Harbour Lights, opens today. "
                     "The teen comedy Harbour Lights is an adaptation of the novel Blue Nights.")
    assert ("Harbour Lights 2", "follows", "Harbour Lights") in facts
    assert ("Harbour Lights", "follows", "Harbour Lights 2") not in facts
    assert ("Harbour Lights", "basedOn", "Blue Nights") in facts


def test_setting_and_main_subject() -> None:
    facts = facts_of("The thriller Dark Water is set in Lisbon. "
                     "The documentary Salt Roads, a film about Nelson Mandela, opens.")
    assert ("Dark Water", "narrativeLocation", "Lisbon") in facts
    assert ("Salt Roads", "mainSubject", "Nelson Mandela") in facts


def test_set_up_and_set_to_are_no_setting() -> None:
    facts = facts_of("The thriller Dark Water is set to open in Lisbon.")
    assert not any(p == "narrativeLocation" for _, p, _ in facts)


def test_genre_of_the_music_an_artist_plays() -> None:
    facts = facts_of("The remaining members of rock band Greyfox are to tour. "
                     "He is a fan of ska punk artists such as Tom Avery and Priya Nair.")
    assert ("Greyfox", "genre", "rock") in facts
    assert ("Tom Avery", "genre", "ska punk") in facts
    assert ("Priya Nair", "genre", "ska punk") in facts


def test_no_music_genre_without_a_genre_word() -> None:
    facts = facts_of("The remaining members of the band Greyfox are to tour with singer Tom Avery.")
    assert not any(p == "genre" for _, p, _ in facts)


def test_a_disc_jockey_plays_no_genre_of_his_own() -> None:
    # a DJ on the radio plays others' records: the genre before the noun is the show's, not his
    facts = facts_of("The station said rock DJ Tom Avery will go on air in the late slot, with soul singer "
                     "Priya Nair on Fridays.")
    assert not any(s == "Tom Avery" and p == "genre" for s, p, _ in facts)
    assert ("Priya Nair", "genre", "soul") in facts


def test_a_fronted_release_clause_dates_the_subject_of_its_sentence() -> None:
    assert ("Harbour Days", "publicationDate", "2004") in facts_of("Released in 2004, the album Harbour Days sold well.")
    assert ("Blue Lantern", "publicationDate", "1993-03") in facts_of(
        'Released as a single in March 1993, "Blue Lantern" climbed to number nine.')


def test_a_fronted_release_clause_dates_no_person() -> None:
    facts = facts_of("Released in 2004, Mara Quell said the album was her best.")
    assert not any(p == "publicationDate" for _, p, _ in facts)


def test_a_possessive_on_an_unnamed_show_names_no_earlier_title() -> None:
    text = ("The Iron Gate played the drama Night Owls theme. Singer Dex Holloway will appear on Mara Quell's show "
            "on Thursday.")
    assert not any(s == "Night Owls" and o == "Mara Quell" for s, _, o in facts_of(text))
    text = 'The sitcom Night Owls drew 5m viewers. "He lost," said Tom Lowry in his monologue on ITV\'s late show.'
    assert ("Night Owls", "originalBroadcaster", "ITV") not in facts_of(text)
    assert ("Night Owls", "creator", "Mara Quell") in facts_of("Mara Quell's drama Night Owls opened.")


def test_a_date_that_bounds_a_time_is_no_release_date() -> None:
    assert not any(p == "publicationDate" for _, p, _ in facts_of("Harbour Days was released after 1983."))
    assert ("Harbour Days", "publicationDate", "1999") in facts_of("Harbour Days was released in 1999.")


def test_a_year_before_a_works_noun_and_title_dates_it() -> None:
    facts = facts_of('Critics compared it to Mira Dahl\'s 2002 single "Glass Owls".')
    assert ("Glass Owls", "publicationDate", "2002") in facts
    facts = facts_of('The song was included on Mira Dahl\'s 1977 "Quiet Harbour" album.')
    assert ("Quiet Harbour", "publicationDate", "1977") in facts


def test_a_year_after_in_is_no_modifier() -> None:
    facts = facts_of('She toured in 2002 album after album, and in 2003 "Glass Owls" came out.')
    assert ("Glass Owls", "publicationDate", "2002") not in facts


def test_a_year_before_the_noun_a_copula_says_a_work_is_dates_it() -> None:
    facts = facts_of("\"Glass Harbour\" is a 1967 single by Nell Quarry. \"Glass Harbour\" sold well. "
                     "Cold River, a 1971 song by Tam Vell, reached the top ten. Osric Penn was a 1980s singer.")
    assert ("Glass Harbour", "publicationDate", "1967") in facts
    assert ("Cold River", "publicationDate", "1971") in facts
    assert not any(s == "Osric Penn" and p == "publicationDate" for s, p, o in facts)
    # a title that reads as a clause is the clausal subject of the copula
    facts = facts_of("\"Can't Lose You\" is a 1967 single by Nell Quarry. \"Can't Lose You\" sold well.")
    assert ("Can't Lose You", "publicationDate", "1967") in facts


def test_a_participle_of_making_dated_with_in_dates_the_work_it_describes() -> None:
    facts = facts_of("Red Lane is a Mexican telenovela produced by Mara Lint for Televisa in 1995. "
                     "Cold Lamp, a film directed by Bo Hale in 1990, won praise.")
    assert ("Red Lane", "publicationDate", "1995") in facts
    assert ("Cold Lamp", "publicationDate", "1990") in facts


def test_writing_or_filming_in_a_year_dates_no_work() -> None:
    facts = facts_of("Iron Bay is a novel written by Tam Vell in 1971. Glass Bay is a film shot by Nell Quarry in 2003.")
    assert not any(p == "publicationDate" for _, p, _ in facts)
