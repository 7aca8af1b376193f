"""The cast family (kg/extract/rules/cast.py) on sentences written for the test."""
from __future__ import annotations

from tests.test_extract import facts_of, resolved


def test_role_as_a_character_in_a_title_nobody_called_a_film() -> None:
    facts = facts_of("Priya Nair was praised by the jury for her role as Mara Quinn in The Glass Harbour.")
    assert ("Glass Harbour", "castMember", "Priya Nair") in facts
    res = resolved("Priya Nair was praised by the jury for her role as Mara Quinn in The Glass Harbour.")
    assert any(f.prop == "castMember" and "Mara Quinn" in f.characters for f in res.facts)


def test_playing_a_part_in_a_work() -> None:
    facts = facts_of("Olu Bankole was nominated for playing a retired nurse in Iron Orchard.")
    assert ("Iron Orchard", "castMember", "Olu Bankole") in facts


def test_playing_a_game_or_an_instrument_is_no_part() -> None:
    facts = facts_of("Olu Bankole played football in Iron Orchard. Greta Lind plays guitar in Iron Orchard.")
    assert not any(p == "castMember" for _, p, _ in facts)


def test_seen_in_a_work_alongside_co_stars() -> None:
    facts = facts_of("Last year Olu Bankole was seen in Paper Moons alongside Greta Lind and Tom Avery.")
    for name in ("Olu Bankole", "Greta Lind", "Tom Avery"):
        assert ("Paper Moons", "castMember", name) in facts


def test_co_starred_with() -> None:
    facts = facts_of("Greta Lind, who co-starred with Idris Palmer in 'Blue Meridian,' is here.")
    assert ("Blue Meridian", "castMember", "Greta Lind") in facts
    assert ("Blue Meridian", "castMember", "Idris Palmer") in facts


def test_starring_after_a_title_and_its_comma() -> None:
    facts = facts_of("The story was retold in the 1991 comedy Starlight Express!, starring Tom Avery.")
    assert ("Starlight Express!", "castMember", "Tom Avery") in facts  # the title keeps its own "!"


def test_negated_appearance_is_no_cast() -> None:
    facts = facts_of("Olu Bankole did not appear in Paper Moons alongside Greta Lind.")
    assert ("Paper Moons", "castMember", "Olu Bankole") not in facts


def test_a_work_before_star_names_its_cast_but_not_in_a_sentence_about_records() -> None:
    facts = facts_of("The sitcom Glass Tide ended. Glass Tide star Tom Avery was there.")
    assert ("Glass Tide", "castMember", "Tom Avery") in facts
    facts = facts_of("The sitcom Glass Tide ended. The duet from Glass Tide star Tom Avery went in at number three.")
    assert ("Glass Tide", "castMember", "Tom Avery") not in facts


def test_the_year_an_actor_appeared_in_a_film_dates_it() -> None:
    facts = facts_of("In 2007 Nadia Varga appeared in the horror film Cold Lantern as a nurse.")
    assert ("Cold Lantern", "publicationDate", "2007") in facts


def test_the_year_of_a_series_appearance_dates_nothing() -> None:
    facts = facts_of("In 2009 Nadia Varga appeared in an episode of the drama series Harbour Nights.")
    assert not any(p == "publicationDate" for _, p, _ in facts), facts


def test_the_work_an_actor_found_fame_in_has_them_in_its_cast() -> None:
    assert ("Night Owls", "castMember", "Tom Lowry") in facts_of("Tom Lowry found fame in the campus comedy Night Owls.")
    assert ("Night Owls", "castMember", "Tom Lowry") in facts_of("Tom Lowry rose to fame in the BBC drama Night Owls.")
    assert ("Night Owls", "castMember", "Mara Quell") in facts_of("Mara Quell made her name in Night Owls, a sitcom.")


def test_fame_in_a_band_a_decade_or_a_contest_is_no_cast() -> None:
    for text in ("Tom Lowry found fame in the band Iron Gate.", "Tom Lowry found fame in the 1990s.",
                 "Tom Lowry shot to fame on the talent show Dance Stars."):
        assert not any(p == "castMember" for _, p, _ in facts_of(text)), text


def test_every_title_of_a_list_after_roles_in_is_in_the_cast() -> None:
    got = facts_of("Mara Quell is an actress known for her roles in Blue Lantern (2005) and The Harbour Family (2006).")
    assert ("Blue Lantern", "castMember", "Mara Quell") in got and ("Harbour Family", "castMember", "Mara Quell") in got


def test_a_list_of_works_ends_at_a_person_or_a_country() -> None:
    got = facts_of("Tom Avery appeared in Blue Lantern, Mara Quell said.")
    assert ("Blue Lantern", "castMember", "Mara Quell") not in got
    got = facts_of("Tom Avery appeared in Blue Lantern and France.")
    assert not any(f[0] == "France" for f in got)


def _cast(text: str) -> set[tuple[str, str, str]]:
    return {f for f in facts_of(text) if f[1] == "castMember"}


def test_a_part_in_an_episode_is_a_part_in_its_series_and_each_part_has_its_work() -> None:
    facts = _cast('Tom Vale played the nervous guest Mr. Hodge in "The Hotel Visit" episode of Harbour '
                  "Towers (1981), and a grumpy porter in Alan Fitch's Storm (1979).")
    assert {("The Hotel Visit", "castMember", "Tom Vale"), ("Harbour Towers", "castMember", "Tom Vale"),
            ("Storm", "castMember", "Tom Vale")} <= facts, facts
    facts = _cast("Tom Vale played a nurse in the drama Cold Harbour and a doctor in the film Glass Tower.")
    assert facts == {("Cold Harbour", "castMember", "Tom Vale"), ("Glass Tower", "castMember", "Tom Vale")}
    assert not _cast("Tom Vale played football in Leeds, and the piano in a band.")


def test_co_stars_written_right_after_a_title_that_broke_the_parse() -> None:
    facts = _cast("Actor Tom Vale made his name in the Harbour movies. More recently he was seen in "
                  "Someone's Gotta Pay alongside Jack Mornay and Dina Kell.")
    assert {("Someone's Gotta Pay", "castMember", "Jack Mornay"), ("Someone's Gotta Pay", "castMember", "Dina Kell"),
            ("Someone's Gotta Pay", "castMember", "Tom Vale")} <= facts, facts


def test_a_band_s_possessive_before_a_name_is_no_work_of_an_actor() -> None:
    facts = facts_of("The rock band Quill will tour. Led Harbour's Jimmy Vale and Quill's Tom Dern played.")
    assert ("Tom Dern", "memberOf", "Quill") in facts and ("Quill", "castMember", "Tom Dern") not in facts, facts
    assert ("Stranger Roads", "castMember", "Omar Haddad") in facts_of("Stranger Roads' Omar Haddad plays the detective.")


def test_a_writer_s_portrayal_of_a_pronoun_is_no_part() -> None:
    facts = facts_of("Salt Roads is a novel by Ruth Ellery. It follows Lalo, a soldier. She was portrayed by the "
                     "novelist as a shy girl.")
    assert not [f for f in facts if f[1] in ("castMember", "performer")], facts
    assert ("Mara Quinn", "performer", "Dana Loy") in facts_of("In the film, Mara Quinn is played by Dana Loy.")


def test_works_a_production_noun_gives_as_examples_have_the_actor_in_their_cast() -> None:
    facts = facts_of("Nell Quarry starred in films such as Cold Water, Iron Orchard and Salt Road. "
                     "Tam Vell appeared in such films as Red Dust and Gold Rain.")
    for work in ("Cold Water", "Iron Orchard", "Salt Road"):
        assert (work, "castMember", "Nell Quarry") in facts
    assert ("Red Dust", "castMember", "Tam Vell") in facts
    assert ("Gold Rain", "castMember", "Tam Vell") in facts


def test_people_a_noun_of_another_kind_gives_as_examples_are_no_works() -> None:
    facts = facts_of("Mara Lint starred in Red Bank alongside actors such as Lu Vane and Cy Marsh.")
    assert not any(o == "Mara Lint" and s in ("Lu Vane", "Cy Marsh") for s, p, o in facts)
    assert not any(s in ("Lu Vane", "Cy Marsh") and p == "castMember" for s, p, o in facts)


def test_the_possessive_before_a_film_an_actor_is_in_names_its_director() -> None:
    facts = facts_of("Tam Vell is an actor. Vell has also appeared in Osric Penn's Cold Harbour (2008). "
                     "Mara Lint won praise for her role in Nell Quarry's Salt Road.")
    assert ("Cold Harbour", "director", "Osric Penn") in facts
    assert ("Salt Road", "director", "Nell Quarry") in facts


def test_an_actors_own_possessive_or_a_place_names_no_director() -> None:
    facts = facts_of("Mara Lint starred in Lint's Long Field. Bo Hale appeared in Ada Crane's house.")
    assert not any(p == "director" for _, p, _ in facts)


def test_appearing_returning_or_being_cast_as_a_named_character_in_a_work() -> None:
    facts = facts_of("Mara Lint was cast as Kate Reed in Iron Gate. Nell Quarry spent the 2008 season as Jo Fenn "
                     "in the series Red Lane. Osric Penn joined the cast of Stone Field as Sam Hill.")
    assert ("Iron Gate", "castMember", "Mara Lint") in facts
    assert ("Kate Reed", "performer", "Mara Lint") in facts
    assert ("Red Lane", "castMember", "Nell Quarry") in facts
    assert ("Jo Fenn", "performer", "Nell Quarry") in facts
    assert ("Stone Field", "castMember", "Osric Penn") in facts
    assert ("Sam Hill", "performer", "Osric Penn") in facts


def test_joining_an_organisation_as_a_title_or_appearing_as_oneself_plays_no_character() -> None:
    facts = facts_of("Nell Quarry joined the BBC as Head of Drama. Mara Lint appeared as herself in Cold Lake.")
    assert not any(p == "performer" for _, p, _ in facts)


def test_actors_at_an_event_are_no_cast_of_the_work_in_focus() -> None:
    # a plural occupation noun sorted by a word before it, or "actors" at all, says what people do
    text = ("The drama Paper Rivers leads the field with nine nominations. "
            "Other actors expected at the gala are Tom Ashby, Ann Vale and Rosa Marsh. "
            "The prizes will be presented by actors Tim Oakes and Lia Brand.")
    assert not any(p == "castMember" for _, p, _ in facts_of(text))


def test_occupation_like_cast_nouns_that_still_name_a_cast() -> None:
    # bare "stars" beside the work, the stars of "the film", a cast rank, a clause naming the work
    facts = facts_of("The drama Paper Rivers leads the field with nine nominations, "
                     "while stars Tom Ashby and Ann Vale are both nominated.")
    assert ("Paper Rivers", "castMember", "Tom Ashby") in facts
    facts = facts_of("Paper Rivers is a 1970 drama film directed by Tom Ashby. "
                     "The film stars Ann Vale, Rosa Marsh and Tim Oakes.")
    assert ("Paper Rivers", "castMember", "Tim Oakes") in facts
    facts = facts_of("The drama Paper Rivers was shot in Leeds. "
                     "Its best performances came from leading actors Ann Vale and Rosa Marsh.")
    assert ("Paper Rivers", "castMember", "Rosa Marsh") in facts
    facts = facts_of("The sitcom Paper Rivers returns in May. "
                     "Other film stars to have appeared in Paper Rivers include Tom Ashby.")
    assert ("Paper Rivers", "castMember", "Tom Ashby") in facts


def test_a_works_possessive_on_someone_credited_behind_the_camera_is_no_cast() -> None:
    # the clause says what the person did for the work: it was made by them, not played in
    for text in ("The Producers was named best musical, Lena Holt was best actress for Paper Rivers and "
                 "Night Ferry's Tom Reed was named best director.",
                 "The film, to be directed by Night Ferry's Tom Reed, is due to start filming in May.",
                 "Actors praised the show, and Night Ferry's Tom Reed wrote the script."):
        assert not any(s == "Night Ferry" and p == "castMember" for s, p, _ in facts_of(text)), text
    # an actor's possessive still gives the cast
    facts = facts_of("Actors praised the show, and Night Ferry's Tom Reed was the pick of the cast.")
    assert ("Night Ferry", "castMember", "Tom Reed") in facts


def test_a_dash_closes_the_cast_a_starring_aside_gives() -> None:
    # "A - starring B and C - D and E": the titles after the closing dash are the list's next items
    text = "Rounding out the top five was the comedy Good Neighbours - starring Tom Reed and Lena Holt - " \
           "Harbour Lights and Flight from Precinct 9."
    facts = {f for f in facts_of(text) if f[1] == "castMember"}
    assert facts == {("Good Neighbours", "castMember", "Tom Reed"), ("Good Neighbours", "castMember", "Lena Holt")}
    # where the sentence names no work before the aside, the work in focus is not guessed for it
    text = ("The road-trip comedy Paper Rivers slipped to second place. Rounding out the top ten were Good "
            "Neighbours - starring Tom Reed and Lena Holt - Harbour Lights and Flight from Precinct 9.")
    assert not any(p == "castMember" for _, p, _ in facts_of(text))


def test_a_part_played_in_works_a_plural_noun_gives_is_no_cast_of_the_work_in_focus() -> None:
    text = "The comedy Paper Rivers opened well. Mara is voiced by actor Tom Reed in the two later games."
    facts = facts_of(text)
    assert ("Mara", "performer", "Tom Reed") in facts
    assert not any(p == "castMember" for _, p, _ in facts)
    # a part in a work the sentence does not name is still the work in focus's
    facts = facts_of("The comedy Paper Rivers opened well. Tom Reed plays Mara, a pilot, in the film.")
    assert ("Paper Rivers", "castMember", "Tom Reed") in facts
