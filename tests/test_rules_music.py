"""The music family (kg/extract/rules/music.py) on sentences written for the test."""
from __future__ import annotations

from tests.test_extract import facts_of, resolved


def test_member_noun_between_band_and_person() -> None:
    facts = facts_of("Hollow Pines bassist Mark Dunne is stepping away from touring.")
    assert ("Mark Dunne", "memberOf", "Hollow Pines") in facts


def test_two_bands_before_one_member_noun() -> None:
    facts = facts_of("The former Rust Engine and Velvet Harbour lead singer Tom Ashby will tour in May.")
    assert ("Tom Ashby", "memberOf", "Rust Engine") in facts
    assert ("Tom Ashby", "memberOf", "Velvet Harbour") in facts


def test_band_named_by_its_noun_is_a_group_everywhere() -> None:
    res = resolved("The rock band Kestrel Lane cancelled two dates. Kestrel Lane said the tour would resume.")
    types = {e.label: e.type for e in res.entities.values()}
    assert types.get("Kestrel Lane") == "GROUP"


def test_singer_with_a_band_and_hit_with_a_song() -> None:
    text = ("Pia Lund was singer with early 1990s rockers Tinfoil Sky, who had a hit with Paper Lanterns "
            "before splitting up.")
    facts = facts_of(text)
    assert ("Pia Lund", "memberOf", "Tinfoil Sky") in facts
    assert ("Paper Lanterns", "performer", "Tinfoil Sky") in facts


def test_possessive_pronoun_album_and_list_of_hits() -> None:
    text = ("The pop group Marble Arch toured Europe last year. They played their hits Blue Lantern, "
            "Summer Rain and Another Day In Town to the Leeds Arena audience on Monday.")
    facts = facts_of(text)
    for song in ("Blue Lantern", "Summer Rain", "Another Day In Town"):
        assert (song, "performer", "Marble Arch") in facts
    assert not any("Leeds" in s for s, p, o in facts if p == "performer")


def test_track_after_a_singer_and_version_sung_by_a_band() -> None:
    facts = facts_of("The chart also held the Dana Pike track Glass Bridges. "
                     "The band went to number one with a version of Carry Me Home sung by girl group Velvet Ashes.")
    assert ("Glass Bridges", "performer", "Dana Pike") in facts
    assert ("Carry Me Home", "performer", "Velvet Ashes") in facts


def test_person_of_a_band() -> None:
    facts = facts_of("The indie band Lantern Fish played in Leeds. Maria Barker of Lantern Fish said the show was sold out.")
    assert ("Maria Barker", "memberOf", "Lantern Fish") in facts


def test_no_membership_from_a_nationality_or_a_place() -> None:
    facts = facts_of("British guitarist Sam Hollis played in London. Leeds singer Ana Ruiz joined him.")
    assert not any(p == "memberOf" for _, p, _ in facts)


def test_quoted_titles_and_the_subject_a_pronoun_means() -> None:
    text = ("Rosa Marsh had worked with Tom Avery on her previous two albums Night Signals and Cold Water. "
            "Critics compared it to Marsh's 2009 single \"Blue Hour\".")
    facts = facts_of(text)
    assert ("Night Signals", "performer", "Rosa Marsh") in facts
    assert ("Cold Water", "performer", "Rosa Marsh") in facts
    assert ("Blue Hour", "performer", "Rosa Marsh") in facts
    assert not any(o == "Tom Avery" for _, p, o in facts if p == "performer")


def test_label_releases_an_album_and_a_song_features_an_artist() -> None:
    text = ("The album Night Signals sold well. Harbour Records released Night Signals in May. "
            "Her single Paper Hearts (featuring Dana Pike) followed.")
    facts = facts_of(text)
    assert ("Night Signals", "recordLabel", "Harbour Records") in facts
    assert ("Paper Hearts", "performer", "Dana Pike") in facts


def test_lineup_one_half_of_and_a_former_member() -> None:
    text = ("The Glass Owls is a Canadian folk ensemble formed in 1994 consisting of Kelly Marsh, Tom Reed "
            "and Nadia Varga. The song was written by Dana Pike, formerly one half of the 1990s pop duos Velvet "
            "Ashes and Paper Kites. A version featuring former Silver Comets member, Maria Barker, followed.")
    facts = facts_of(text)
    for name in ("Kelly Marsh", "Tom Reed", "Nadia Varga"):
        assert (name, "memberOf", "Glass Owls") in facts
    assert ("Glass Owls", "inception", "1994") in facts
    assert ("Dana Pike", "memberOf", "Velvet Ashes") in facts


def test_bandmate_of_a_person_in_a_band() -> None:
    facts = facts_of("The song was co-written by Leo Hartmann, a bandmate of Pike's in The Night Owls.")
    assert {("Leo Hartmann", "memberOf", "Night Owls"), ("Leo Hartmann", "memberOf", "The Night Owls")} & facts
    assert not any(o == "Pike" for _, p, o in facts if p == "memberOf")


def test_who_is_asked_to_leave_and_a_genre_is_no_band() -> None:
    text = ("The rock band Glass Owls asked their bassist to leave the band. Kelly Marsh wants to quit the band. "
            "Later R&B singer Nadia Varga joined them.")
    facts = facts_of(text)
    assert ("Kelly Marsh", "memberOf", "Glass Owls") in facts
    assert not any(s == "Glass Owls" for s, p, _ in facts if p == "memberOf")
    assert not any(o == "R&B" for _, p, o in facts if p == "memberOf")


def test_a_list_of_hits_after_include_and_whose() -> None:
    text = ('Mira Dahl sang with the folk band Glass Owls, whose hit songs include "Paper Lanterns", '
            '"Cold Harbour" and "Blue Ridge".')
    facts = facts_of(text)
    for song in ("Paper Lanterns", "Cold Harbour", "Blue Ridge"):
        assert (song, "performer", "Glass Owls") in facts


def test_a_possessive_album_named_after_a_comma() -> None:
    facts = facts_of("The track was the second single from singer Lena Holt's third studio album, Quiet Harbour.")
    assert ("Quiet Harbour", "performer", "Lena Holt") in facts


def test_a_songs_writers_are_its_composers() -> None:
    facts = facts_of("Dana Kell released the single Blue Lantern in 1998. The song was a hit in Spain. "
                     "It was written by Kell and Joss Marlow.")
    assert any(p == "composer" and o == "Joss Marlow" for _, p, o in facts), facts
    assert not any(p == "screenwriter" for _, p, _ in facts), facts


def test_a_single_credited_to_artists_is_theirs_and_dated() -> None:
    facts = facts_of("The song Night Bus is a 1998 single credited to Mara Quell and Dex Holloway.")
    assert ("Night Bus", "performer", "Mara Quell") in facts
    assert ("Night Bus", "performer", "Dex Holloway") in facts
    assert ("Night Bus", "publicationDate", "1998") in facts


def test_an_album_credited_to_an_artist() -> None:
    assert ("Harbour Days", "performer", "Mara Quell") in facts_of("The Harbour Days album is credited to Mara Quell.")


def test_what_a_singer_or_band_reached_a_chart_place_with_they_perform() -> None:
    got = facts_of("Grey Lanterns went to number one in 2001 with a version of Blue Lantern.")
    assert ("Blue Lantern", "performer", "Grey Lanterns") in got
    got = facts_of("Grey Lanterns slipped one place to four with Quiet Days, followed by Lena Marsh at five "
                   "with the Harbour Trust record Stay Close Tonight.")
    assert ("Quiet Days", "performer", "Grey Lanterns") in got
    assert ("Stay Close Tonight", "performer", "Lena Marsh") in got
    assert ("Stay Close Tonight", "performer", "Grey Lanterns") not in got  # (the clause after is another's)
    assert ("Blue Lantern", "performer", "Lena Marsh") in facts_of("Lena Marsh went straight in at two with Blue Lantern.")


def test_a_possessive_on_a_title_in_a_chart_sentence_is_its_performer() -> None:
    got = facts_of("Lena Marsh's Quiet Days stays at number one for another week.")
    assert ("Quiet Days", "performer", "Lena Marsh") in got


def test_no_performer_from_other_charts_or_other_company() -> None:
    for text in ("Tom Avery's Blue Lantern opened at number one at the box office.",
                 "Tom Avery spent three weeks at the top with comedy Blue Lantern.",
                 "Lena Marsh went to court with Tom Avery.",
                 "Lena Marsh came in at 3-1 with the bookmakers."):
        assert not {f for f in facts_of(text) if f[1] == "performer"}, text


def test_what_a_singer_sings_or_performs_is_performed_by_them() -> None:
    text = ("Nell Quarry is a singer from Cork. In 1997 she rose to fame performing a song called \"Blue Hour\" "
            "on the gala. In 1998 she returned to the gala to perform \"Red Mile\". At the festival, Quarry sang "
            "\"Paper Hearts\" and \"Blue Fire\".")
    facts = facts_of(text)
    for song in ("Blue Hour", "Red Mile", "Paper Hearts", "Blue Fire"):
        assert (song, "performer", "Nell Quarry") in facts


def test_a_play_performed_or_a_song_not_sung_has_no_performer() -> None:
    facts = facts_of("Osric Penn performed Hamlet at the Globe. Tam Vell did not sing \"Glass Bird\" that night.")
    assert not any(p == "performer" for _, p, _ in facts)
    facts = facts_of("Tam Vell shared a video of himself singing Nell Quarry's \"Paper Moon\".")
    assert ("Paper Moon", "performer", "Tam Vell") not in facts


def test_known_or_serving_as_a_bands_player_makes_a_member() -> None:
    facts = facts_of("Mara Lint is a Cardiff singer, known above all as the lead vocalist of the rock band "
                     "Iron Sparrow. Tam Vell served as the drummer of the band Cold Fleet from 1990.")
    assert ("Mara Lint", "memberOf", "Iron Sparrow") in facts
    assert ("Tam Vell", "memberOf", "Cold Fleet") in facts


def test_known_as_a_critic_of_a_band_is_no_member() -> None:
    facts = facts_of("Bo Hale is known as a critic of the band Night Owls.")
    assert not any(p == "memberOf" for _, p, _ in facts)


def test_a_song_featuring_an_artist_in_brackets_after_an_adverb() -> None:
    facts = facts_of("Glass Bells is the third album by Tam Vell. The album includes the singles \"Red Mile\" "
                     "(sometimes featuring Nell Quarry) and \"Blue Hour\" (featuring Mara Lint).")
    assert ("Red Mile", "performer", "Nell Quarry") in facts
    assert ("Blue Hour", "performer", "Mara Lint") in facts


def test_band_named_at_a_sentence_start_before_a_member_noun() -> None:
    # the parser reads a band's sentence-initial one-word name as a common noun; the article has
    # called it a band, so it is the band's name, not a capital the sentence start gives
    text = ("The members of rock band Kettle will tour again next year. "
            "Kettle guitarist Tom Ashby has retired from the stage.")
    assert ("Tom Ashby", "memberOf", "Kettle") in facts_of(text)
    # a capitalised modifier at the start is still no band
    facts = facts_of("The rock band Kettle will tour again. Former guitarist Tom Ashby has retired.")
    assert not any(o != "Kettle" for s, p, o in facts if p == "memberOf")


def test_a_hit_for_a_singer_is_the_singers() -> None:
    assert ("Grey Morning", "performer", "Tessa Quint") in facts_of(
        "The ballad Grey Morning became a hit for Tessa Quint.")
    # a song written for someone is not theirs to perform on that alone
    facts = facts_of("Tom Ashby wrote the song Grey Morning for Tessa Quint.")
    assert ("Grey Morning", "performer", "Tessa Quint") not in facts
    # a film that was a hit for an actor is no song of theirs
    facts = facts_of("The film Grey Morning became a hit for Tessa Quint.")
    assert not any(p == "performer" for _, p, _ in facts)


def test_possessive_over_a_hyphened_modifier() -> None:
    facts = facts_of("Tom Ashby introduced soul group the Night Owls, a quartet from Ohio, who performed "
                     "a medley of their best-known songs including Paper Kites, Love Lane and Glass Road.")
    assert ("Paper Kites", "performer", "Night Owls") in facts
