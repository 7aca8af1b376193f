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


def test_an_opening_participle_credits_the_work_after_its_comma() -> None:
    facts = facts_of("Directed by Dana Whitlock, the film Paper Rivers opened in May.")
    assert ("Paper Rivers", "director", "Dana Whitlock") in facts
    facts = facts_of("Paper Moon is a 1990 song. Written by Dana Whitlock, Tom Avery and Marek Olsen, the song "
                     "reached number one.")
    for name in ("Dana Whitlock", "Tom Avery", "Marek Olsen"):
        assert ("Paper Moon", "composer", name) in facts  # a song's writers compose it


def test_an_opening_participle_of_release_dates_the_work() -> None:
    facts = facts_of('Released as a single in March 1987, "Glass Owls" reached number four in the charts.')
    assert ("Glass Owls", "publicationDate", "1987-03") in facts


def test_an_opening_participle_names_only_its_own_agents() -> None:
    facts = facts_of("Created by Dana Whitlock and animated by Tom Avery, Milo Crane is a fictional fox.")
    assert ("Milo Crane", "creator", "Dana Whitlock") in facts
    assert ("Milo Crane", "creator", "Tom Avery") not in facts


def test_a_character_created_by_a_writer() -> None:
    facts = facts_of("Milo Crane is a fictional character created by Dana Whitlock.")
    assert ("Milo Crane", "creator", "Dana Whitlock") in facts


def test_a_character_introduced_in_a_makers_film() -> None:
    facts = facts_of("Milo Crane is a fictional character introduced in Dana Whitlock's 1967 animated film, "
                     "The Paper Garden.")
    assert ("Milo Crane", "creator", "Dana Whitlock") in facts


def test_a_character_in_a_film_of_no_named_maker_has_no_creator() -> None:
    facts = facts_of("Milo Crane is a character in the 1967 film The Paper Garden.")
    assert not any(p == "creator" for _, p, _ in facts), facts


def test_a_film_company_before_its_film() -> None:
    facts = facts_of("Harbour Pictures' 2004 animated feature film Paper Rivers was a hit.")
    assert ("Paper Rivers", "productionCompany", "Harbour Pictures") in facts


def test_a_company_of_no_film_name_is_no_production_company() -> None:
    facts = facts_of("Harbour Bank's 2004 film Paper Rivers was a hit.")
    assert not any(p == "productionCompany" for _, p, _ in facts), facts


def test_music_by_a_composer() -> None:
    facts = facts_of("Paper Rivers is a 2004 drama film directed by Dana Whitlock, with music by Marek Olsen.")
    assert ("Paper Rivers", "composer", "Marek Olsen") in facts
    assert ("Paper Rivers", "composer", "Dana Whitlock") not in facts


def test_the_noun_before_a_title_says_what_its_writer_is() -> None:
    assert {f for f in facts_of('The song "Paper Moon" was written by Dale Ross and Mara Quinn.')
            if f[1] in ("composer", "screenwriter")} == {("Paper Moon", "composer", "Dale Ross"),
                                                           ("Paper Moon", "composer", "Mara Quinn")}
    assert ("The Salt House", "author", "Ruth Ellery") in facts_of('The novel "The Salt House" was written by Ruth Ellery.')
    assert ("Cold Harbour", "screenwriter", "Dale Ross") in facts_of('The film "Cold Harbour" was written by Dale Ross.')


def test_making_a_series_or_making_something_on_the_side_names_no_director() -> None:
    assert ("Cold Harbour", "director", "Jo Kell") in facts_of("In 2011 Jo Kell made the film Cold Harbour.")
    assert not {f for f in facts_of("Jo Kell made the sitcom Cold Harbour in 2011.") if f[1] == "director"}
    assert not {f for f in facts_of("Tom Vale said he and Jo Kell were always mindful of their family audience "
                                    "while making The Two Clowns.") if f[1] == "director"}


def test_a_series_of_credit_verbs_shares_its_work_and_its_person() -> None:
    facts = facts_of("Nell Quarry, who stars in and co-wrote The Night Ferry, won the award.")
    assert {("Night Ferry", "castMember", "Nell Quarry"), ("Night Ferry", "screenwriter", "Nell Quarry")} <= facts
    facts = facts_of("Quarry won the award for The Night Ferry, which she wrote, directed and starred in.")
    assert {("Night Ferry", "castMember", "Quarry"), ("Night Ferry", "director", "Quarry"),
            ("Night Ferry", "screenwriter", "Quarry")} <= facts
    facts = facts_of("Osric Penn, 45, wrote, directed and starred in The Night Ferry, inspired by a crooner.")
    assert {("The Night Ferry", "castMember", "Osric Penn"), ("The Night Ferry", "director", "Osric Penn"),
            ("The Night Ferry", "screenwriter", "Osric Penn")} <= facts
    # a denied series gives no credit of it (the denial is on its first verb)
    facts = facts_of("Osric Penn never wrote, directed or starred in The Night Ferry.")
    assert not {f for f in facts if f[1] in ("director", "screenwriter")}


def test_a_composer_of_the_music_for_a_work() -> None:
    facts = facts_of("Marco Venti composed the music for the film Paper Rivers.")
    assert ("Paper Rivers", "composer", "Marco Venti") in facts
    facts = facts_of("Marco Venti is a composer. He is remembered mainly for writing the score to the "
                     "fantasy series Tall Ships.")
    assert ("Tall Ships", "composer", "Marco Venti") in facts
    facts = facts_of("Marco Venti's score for the film Paper Rivers won an award.")
    assert ("Paper Rivers", "composer", "Marco Venti") in facts


def test_no_composer_of_music_not_written_or_only_planned() -> None:
    for text in ("Marco Venti did not write the music for the film Paper Rivers.",
                 "Marco Venti will compose the score for the film Paper Rivers.",
                 "Marco Venti wrote songs for the film Paper Rivers.",
                 "Marco Venti praised the music for the film Paper Rivers."):
        facts = facts_of(text)
        assert ("Paper Rivers", "composer", "Marco Venti") not in facts, (text, facts)


def test_a_role_noun_after_as_with_the_work_it_is_a_role_of() -> None:
    facts = facts_of("Nell Quarry is best known as the creator of the series Iron Bay. Bo Hale was a writer, "
                     "best known as the composer of the film Stone Field. Mara Lint worked as a writer on the "
                     "sitcom Red Lane.")
    assert ("Iron Bay", "creator", "Nell Quarry") in facts
    assert ("Stone Field", "composer", "Bo Hale") in facts
    assert ("Red Lane", "screenwriter", "Mara Lint") in facts


def test_a_role_after_as_denied_or_with_no_work_credits_nothing() -> None:
    facts = facts_of("Jory Fenn was not hired as director of Night Owl. Ada Crane is known as a director.")
    assert not any(p in ("director", "creator") for _, p, _ in facts)


def test_a_list_of_making_participles_the_parser_hung_on_the_first_agent_is_the_works() -> None:
    # "produced by" hangs on "Osric Penn" in the parse: he is the director, the film was produced
    facts = facts_of("Stone Field is a 2004 British drama film written and directed by Osric Penn, "
                     "produced by Tam Vell and starring Nell Quarry.")
    assert {("Stone Field", "director", "Osric Penn"), ("Stone Field", "producer", "Tam Vell"),
            ("Stone Field", "castMember", "Nell Quarry")} <= facts
    assert not any(s == "Osric Penn" for s, _, _ in facts)
