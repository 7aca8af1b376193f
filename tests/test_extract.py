"""Each extraction rule on short sentences written for the test (never copied from articles).

The whole path runs: real spaCy model → rules → resolution, and facts are read back as
(subject label, property, object label or value) triples.
"""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.dates import normalise_date, parse_number
from kg.extract.lexicon import lexicon
from kg.model import Document, Value
from kg.nlp import load_pipeline
from kg.resolve import resolve


def facts_of(*texts: str) -> set[tuple[str, str, str]]:
    nlp = load_pipeline()
    docs = [Document(t, f"t{i}.txt") for i, t in enumerate(texts)]
    res = resolve(extract(nlp(d.text), d) for d in docs)
    label = {k: e.label for k, e in res.entities.items()}
    out = set()
    for f in res.facts:
        obj = f.object.text if isinstance(f.object, Value) else label[f.object]
        out.add((label[f.subject], f.prop, obj))
    return out


def resolved(*texts: str):
    nlp = load_pipeline()
    docs = [Document(t, f"t{i}.txt") for i, t in enumerate(texts)]
    return resolve(extract(nlp(d.text), d) for d in docs)


def test_active_role_verbs_with_coordination() -> None:
    facts = facts_of("Marta Kowalski wrote and directed the thriller Cold Harbour, which stars Idris Palmer.")
    assert ("Cold Harbour", "director", "Marta Kowalski") in facts
    assert ("Cold Harbour", "screenwriter", "Marta Kowalski") in facts
    assert ("Cold Harbour", "castMember", "Idris Palmer") in facts


def test_passive_role_verbs_share_the_agent() -> None:
    facts = facts_of("The documentary Salt Roads was produced, directed and co-written by Amara Obi.")
    for prop in ("producer", "director", "screenwriter"):
        assert ("Salt Roads", prop, "Amara Obi") in facts


def test_participle_after_copula() -> None:
    facts = facts_of("Paper Moons is a 1994 Canadian drama film directed by Leo Hartmann.")
    assert ("Paper Moons", "director", "Leo Hartmann") in facts
    assert ("Paper Moons", "publicationDate", "1994") in facts
    assert ("Paper Moons", "countryOfOrigin", "Canada") in facts


def test_cast_list_far_from_its_verb_uses_the_work_in_focus() -> None:
    text = ("The streaming service released the series Night Ferry in March. "
            "The large cast included Tom Avery, Priya Nair, Olu Bankole and Greta Lind.")
    facts = facts_of(text)
    for name in ("Tom Avery", "Priya Nair", "Olu Bankole", "Greta Lind"):
        assert ("Night Ferry", "castMember", name) in facts


def test_executive_producer_and_premiere_date() -> None:
    facts = facts_of("The drama Glass Tide premiered on March 3 and was executive produced by Dana Cole.")
    assert ("Glass Tide", "executiveProducer", "Dana Cole") in facts
    assert ("Glass Tide", "publicationDate", "--03-03") in facts


def test_negated_role_is_kept_as_denied_and_never_asserted() -> None:
    res = resolved("The film Iron Bay was not directed by Pavel Petrov.")
    directors = [f for f in res.facts if f.prop == "director"]
    assert directors and all(e.status == "denied" for f in directors for e in f.evidence)
    assert all(f.confidence == 0 for f in directors)


def test_possessive_broadcaster_and_episodes() -> None:
    facts = facts_of("HBO's new six-part series The Long Field follows a farming family.")
    assert ("The Long Field", "originalBroadcaster", "HBO") in facts
    assert ("The Long Field", "numberOfEpisodes", "6") in facts


def test_streaming_on_a_broadcaster() -> None:
    facts = facts_of("The comedy Small Hours is now streaming on Hulu.")
    assert ("Small Hours", "originalBroadcaster", "Hulu") in facts


def test_occupation_from_compound_and_apposition() -> None:
    facts = facts_of("Prosecutor Helen Marsh spoke first. Later, Victor Hale, a real-estate developer, replied.")
    assert ("Helen Marsh", "occupation", "prosecutor") in facts
    assert ("Victor Hale", "occupation", "real estate developer") in facts


def test_nationality_gives_citizenship() -> None:
    facts = facts_of("The British actor Colin Mercer joined the production.")
    assert ("Colin Mercer", "countryOfCitizenship", "United Kingdom") in facts


def test_surname_joins_the_full_name_in_the_article() -> None:
    res = resolved("Nadia Ferrante directed the film Blue Hour. Ferrante said the shoot was hard.")
    people = [e for e in res.entities.values() if e.type == "PERSON"]
    assert [p.label for p in people] == ["Nadia Ferrante"]


def test_shared_surname_is_never_merged() -> None:
    res = resolved("The cast includes Sam Jackson and Tia Jackson.")
    labels = {e.label for e in res.entities.values() if e.type == "PERSON"}
    assert {"Sam Jackson", "Tia Jackson"} <= labels


def test_same_person_across_articles_is_one_entity() -> None:
    res = resolved("Nadia Ferrante directed the film Blue Hour.", "The film Blue Hour stars Nadia Ferrante.")
    assert sum(1 for e in res.entities.values() if e.label == "Nadia Ferrante") == 1
    assert sum(1 for e in res.entities.values() if e.label == "Blue Hour") == 1


def test_membership_from_a_counted_list() -> None:
    text = ("The Harbour Three were cleared last year. The documentary tells the story of three dockers "
            "— Ian Reid, Carl Moss and Joe Finn — who were wrongly jailed in 1974.")
    facts = facts_of(text)
    for name in ("Ian Reid", "Carl Moss", "Joe Finn"):
        assert (name, "memberOf", "Harbour Three") in facts


def test_statistic_and_event() -> None:
    res = resolved("The series Night Ferry has been watched by more than 12 million households as of July 4. "
                   "Two men were arrested in Leeds in May 2001.")
    stats = res.statistics
    assert [(s.value, s.unit, s.as_of) for s in stats] == [(12_000_000, "households", "--07-04")]


def test_award_win_and_nomination() -> None:
    facts = facts_of("The documentary Quiet Water won two Peabody Awards and earned an Academy Award nomination.")
    assert ("Quiet Water", "awardReceived", "Peabody Award") in facts


@pytest.mark.parametrize(("text", "doc_date", "expected"), [
    ("May 31", None, "--05-31"),
    ("April 1989", None, "1989-04"),
    ("February 27, 1970", None, "1970-02-27"),
    ("1 October 1985", None, "1985-10-01"),
    ("2002", None, "2002"),
    ("Tuesday", None, None),
    ("Tuesday", "2019-06-27", "2019-06-25"),
    ("yesterday", "2020-01-01", "2019-12-31"),
    ("the 1980s", None, None),
    ("February 30", None, None),
])
def test_dates(text: str, doc_date: str | None, expected: str | None) -> None:
    assert normalise_date(text, doc_date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("23 million", 23e6), ("23M+", 23e6), ("1.5bn", 1.5e9), ("four", 4.0), ("3,000", 3000.0), ("lots", None),
])
def test_numbers(text: str, expected: float | None) -> None:
    lex = lexicon()
    assert parse_number(text, lex.scales, lex.number_words) == expected


def test_every_fact_has_provenance() -> None:
    res = resolved("Marta Kowalski directed the thriller Cold Harbour.")
    assert res.facts
    for f in res.facts:
        for ev in f.evidence:
            assert ev.rule.startswith("kg.") and ev.rule.rsplit(".", 1)[-1].startswith("v")
            assert 0 < ev.confidence <= 1
            assert ev.sentence and ev.sentence_start <= ev.start < ev.end


def test_each_passive_verb_keeps_its_own_agent() -> None:
    facts = facts_of("The drama Dry Creek was written by Lena Holt and directed by Omar Haddad.")
    assert ("Dry Creek", "screenwriter", "Lena Holt") in facts
    assert ("Dry Creek", "director", "Omar Haddad") in facts
    assert ("Dry Creek", "director", "Lena Holt") not in facts
    assert ("Dry Creek", "screenwriter", "Omar Haddad") not in facts


def test_characters_and_their_performers() -> None:
    facts = facts_of("The film Dry Creek stars Lena Holt as Sheriff Ada Brooks and Omar Haddad as Doc Miller. "
                     "In the sequel, Ada's rival Vera Stone (Greta Lind) returns.")
    assert ("Dry Creek", "castMember", "Lena Holt") in facts
    assert ("Ada Brooks", "performer", "Lena Holt") in facts  # rank words stay as an alias
    assert ("Doc Miller", "performer", "Omar Haddad") in facts
    assert ("Vera Stone", "performer", "Greta Lind") in facts
    assert not any(o in ("Sheriff Ada Brooks", "Ada Brooks") and p == "castMember" for _, p, o in facts)
    character = next(e for e in resolved("The film Dry Creek stars Lena Holt as Sheriff Ada Brooks.").entities.values()
                     if e.type == "CHARACTER")
    assert character.label == "Ada Brooks" and "Sheriff Ada Brooks" in character.aliases


def test_titles_and_their_years() -> None:
    facts = facts_of("Her breakthrough was the 1994 feature film A Long Way Down. He starred in the 2004 film, "
                     "Salt Lake Nights. Critics compared it to 1987's Blue Thunder. She directed the film Dry "
                     "Creek in 2011.")
    assert ("A Long Way Down", "publicationDate", "1994") in facts
    assert ("Salt Lake Nights", "publicationDate", "2004") in facts
    assert ("Blue Thunder", "publicationDate", "1987") in facts
    assert ("Dry Creek", "publicationDate", "2011") in facts


def test_cast_nouns_and_broadcaster_modifiers() -> None:
    facts = facts_of("Dry Creek is a 2012 film whose large cast of Lena Holt, Omar Haddad and Greta Lind won "
                     "praise. The main protagonists are Tom Avery and Priya Nair. He later joined the HBO crime drama "
                     "Night Ferry.")
    for name in ("Lena Holt", "Omar Haddad", "Greta Lind", "Tom Avery", "Priya Nair"):
        assert ("Dry Creek", "castMember", name) in facts
    assert ("Night Ferry", "originalBroadcaster", "HBO") in facts


def test_bare_participle_describes_the_work_before_it() -> None:
    facts = facts_of("She wrote and directed the film Quiet Water, released in 2009.")
    assert ("Quiet Water", "publicationDate", "2009") in facts


def test_birth_date_and_place() -> None:
    facts = facts_of("Lena Holt (born March 28, 1973, Dayton, Ohio) is an American actress. "
                     "Omar Haddad was born in Beirut on 2 May 1980.")
    assert ("Lena Holt", "dateOfBirth", "1973-03-28") in facts
    assert ("Lena Holt", "placeOfBirth", "Dayton") in facts
    assert ("Omar Haddad", "placeOfBirth", "Beirut") in facts
    assert ("Omar Haddad", "dateOfBirth", "1980-05-02") in facts


def test_bracketed_alternative_title_is_an_alias() -> None:
    res = resolved("Noche Azul (Blue Night) is a 1984 Spanish drama film directed by Lena Holt.")
    works = [e for e in res.entities.values() if e.type == "PRODUCTION"]
    assert [(w.label, "Blue Night" in w.aliases) for w in works] == [("Noche Azul", True)]


def test_bracketed_name_used_elsewhere_is_not_an_alias() -> None:
    res = resolved("Last Call (Night Ferry) is the fifth episode of the drama series Night Ferry. "
                   "Night Ferry airs on HBO.")
    labels = {e.label: e.aliases for e in res.entities.values() if e.type == "PRODUCTION"}
    assert "Night Ferry" in labels and "Night Ferry" not in labels.get("Last Call", ())


def test_relative_with_a_shared_surname_stays_apart() -> None:
    res = resolved("Omar Haddad directed the film Salt Roads. Omar is the son of the actor Haddad.")
    labels = sorted(e.label for e in res.entities.values() if e.type == "PERSON")
    assert labels == ["Haddad", "Omar Haddad"]


def test_award_category_is_an_alias() -> None:
    res = resolved("Lena Holt won the Academy Award for Best Actress in 1970.")
    award = next(e for e in res.entities.values() if e.type == "AWARD")
    assert award.label == "Academy Award for Best Actress" and "Best Actress" in award.aliases


def test_music_of_the_work_in_focus_and_an_authors_character() -> None:
    facts = facts_of("Salt Roads is a 2014 film directed by Omar Haddad. Its theme and background score were "
                     "composed by Lena Holt. It features novelist Greta Lind's character Ada Brooks.")
    assert ("Salt Roads", "composer", "Lena Holt") in facts
    assert ("Ada Brooks", "creator", "Greta Lind") in facts


def test_an_actors_character_is_played_and_an_unknown_owners_is_left() -> None:
    facts = facts_of("Actor Tom Lowry joined the film. Lowry's character Milo Crane chases a fortune.")
    assert ("Milo Crane", "performer", "Tom Lowry") in facts
    assert ("Milo Crane", "creator", "Tom Lowry") not in facts
    assert not [f for f in facts_of("Lowry's character Milo Crane chases a fortune.") if f[0] == "Milo Crane"]


def test_song_performer_and_label() -> None:
    facts = facts_of('"Night Drive" is a song by Lena Holt. The single was released by Harbour Records.')
    assert ("Night Drive", "performer", "Lena Holt") in facts


def test_plays_and_voices_a_character() -> None:
    facts = facts_of("In the animated film Salt Roads, Omar Haddad voices Captain Rook.")
    assert ("Captain Rook", "performer", "Omar Haddad") in facts
    assert ("Salt Roads", "castMember", "Omar Haddad") in facts


def test_definite_role_noun_gives_the_person_in_focus_an_occupation() -> None:
    facts = facts_of("Lena Holt directed the film Salt Roads. The filmmaker said the shoot was hard.")
    assert ("Lena Holt", "occupation", "filmmaker") in facts


def test_work_named_by_an_actors_possessive_in_a_cast_sentence() -> None:
    facts = facts_of("The cast includes Salt Roads's Omar Haddad and Greta Lind.")
    assert ("Salt Roads", "castMember", "Omar Haddad") in facts


def test_commissioning_broadcaster() -> None:
    facts = facts_of("Hulu has renewed the comedy Small Hours for a second season.")
    assert ("Small Hours", "originalBroadcaster", "Hulu") in facts


def test_makers_are_directors_or_companies_by_type() -> None:
    facts = facts_of("In 2011 HBO and Lena Holt made the documentary Quiet Water.")
    assert ("Quiet Water", "director", "Lena Holt") in facts
    assert ("Quiet Water", "productionCompany", "HBO") in facts
    assert ("Quiet Water", "publicationDate", "2011") in facts
    assert ("Quiet Water", "director", "HBO") not in facts


def test_main_subject() -> None:
    facts = facts_of("The Harbour Three were jailed in 1974. Salt Roads is a documentary about the Harbour Three.")
    assert ("Salt Roads", "mainSubject", "Harbour Three") in facts


def test_events_with_date_place_and_group_participants() -> None:
    res = resolved("The Harbour Three were cleared in 2003. Their story began when three dockers — Ian Reid, "
                   "Carl Moss and Joe Finn — were arrested in Leeds in May 1974. The men's convictions were "
                   "quashed in 2003.")
    labels = {k: e.label for k, e in res.entities.items()}
    events = {(e.kind, e.date, labels.get(e.place) if e.place else None, frozenset(labels[p] for p in e.participants))
              for e in res.events}
    assert ("Arrest", "1974-05", "Leeds", frozenset({"Ian Reid", "Carl Moss", "Joe Finn"})) in events
    assert any(kind == "Exoneration" and date == "2003" and "Harbour Three" in people
               for kind, date, _, people in events)


def test_hashtag_and_acronym_join_their_names() -> None:
    res = resolved("The Harbour Dock Three were cleared. Fans of the drama Night Ferry posted #NightFerry after "
                   "HD3 spoke.")
    by_label = {e.label: e for e in res.entities.values()}
    assert any(a.lstrip("#") == "NightFerry" for a in by_label["Night Ferry"].aliases)
    assert "HD3" in by_label["Harbour Dock Three"].aliases


def test_hedged_facts_are_less_certain() -> None:
    sure = resolved("The film Blue Hour was directed by Nadia Ferrante.").facts
    hedged = resolved("The film Blue Hour was reportedly directed by Nadia Ferrante.").facts
    conf = {f.prop: f.confidence for f in sure}
    hconf = {f.prop: f.confidence for f in hedged}
    assert hconf["director"] < conf["director"]


def test_relative_dates_need_the_article_date() -> None:
    nlp = load_pipeline()
    text = "The series Night Ferry premiered on Tuesday on Hulu."
    dated = Document(text, "a.txt", date="2021-03-12")
    undated = Document(text, "b.txt")
    with_date = resolve([extract(nlp(text), dated)])
    without = resolve([extract(nlp(text), undated)])
    assert [f.object.text for f in with_date.facts if f.prop == "publicationDate"] == ["2021-03-09"]
    assert not [f for f in without.facts if f.prop == "publicationDate"]


def test_honorific_makes_a_person() -> None:
    res = resolved("Mr Kettering said the film Salt Roads was finished. Dr Paloma Vance agreed.")
    types = {e.label: e.type for e in res.entities.values()}
    assert types.get("Kettering") == "PERSON" and types.get("Paloma Vance") == "PERSON"


def test_an_organisation_named_by_a_copula_and_its_kind() -> None:
    res = resolved("Blue Kettle Pictures is a British independent production company founded by Mara Quint. "
                   "Harbour Sound was an American record label.")
    kinds = {e.label: (e.type, e.kind) for e in res.entities.values()}
    assert kinds["Blue Kettle Pictures"][0] == "ORGANIZATION"
    assert kinds["Harbour Sound"] == ("ORGANIZATION", "RecordLabel")


def test_two_word_production_nouns_and_years_that_run() -> None:
    facts = facts_of("The company later made the soap opera Quayside (1996 – 99) and the sitcom Tin Roof (2001–2003).")
    assert ("Quayside", "publicationDate", "1996") in facts
    assert ("Tin Roof", "publicationDate", "2001") in facts


def test_cast_nouns_in_copulas() -> None:
    facts = facts_of("The new series Harbour Lights opens in May. The main protagonists are Nadia Ferrante "
                     "and Omar Haddad. Lena Brandt and Ava Brooks are the leads of the film Cold Water.")
    assert ("Harbour Lights", "castMember", "Nadia Ferrante") in facts
    assert ("Harbour Lights", "castMember", "Omar Haddad") in facts
    assert ("Cold Water", "castMember", "Lena Brandt") in facts
    assert ("Cold Water", "castMember", "Ava Brooks") in facts


def test_an_occupation_is_not_a_cast() -> None:
    facts = facts_of("The new series Harbour Lights opens in May. Nadia Ferrante and Omar Haddad are actors.")
    assert not {f for f in facts if f[1] == "castMember"}


def test_a_plural_production_noun_names_each_work_of_a_list() -> None:
    facts = facts_of("Nadia Ferrante has starred in the UK's medical dramas Quayside and Cold Water. "
                     "The studio also made the American sitcoms Tin Roof, Red Dust and Night Ferry for Netflix.")
    for work in ("Quayside", "Cold Water"):
        assert (work, "castMember", "Nadia Ferrante") in facts
        assert (work, "countryOfOrigin", "United Kingdom") in facts
    for work in ("Tin Roof", "Red Dust", "Night Ferry"):
        assert (work, "countryOfOrigin", "United States") in facts
    assert not {f for f in facts if "Netflix" in f[0]}  # the list ends before "for Netflix"


def test_a_city_in_the_possessive_is_no_country_of_origin() -> None:
    facts = facts_of("London's long-running musical Blue Harbour closed in May.")
    assert not {f for f in facts if f[1] == "countryOfOrigin"}


def test_a_heading_the_parser_took_for_the_subject() -> None:
    facts = facts_of("The Quiet Life of Mara Quint\n\nThe Quiet Life of Mara Quint is a 1931 French silent film "
                     "about a painter. The film was directed by Leo Hartmann.")
    titles = {s for s, _, _ in facts}
    assert any(t.endswith("Quiet Life of Mara Quint") for t in titles), facts
    assert any(s.endswith("Quiet Life of Mara Quint") and p == "director" and o == "Leo Hartmann"
               for s, p, o in facts), facts


def test_a_one_word_producer_ner_missed_is_a_company() -> None:
    res = resolved("Harbour Lights is a Canadian reality series that is produced by Zentrafix. It aired on HGTV.")
    label = {k: e.label for k, e in res.entities.items()}
    facts = {(label[f.subject], f.prop, label.get(f.object, f.object)) for f in res.facts}
    assert ("Harbour Lights", "productionCompany", "Zentrafix") in facts, facts


def test_titles_after_acting_and_roles_without_a_possessive() -> None:
    facts = facts_of("Ava Brooks starred in The Long Field. Omar Haddad had a recurring role on Night Ferry. "
                     "Lena Brandt is best known for her role as Christine Vale on Red Dust.")
    assert ("The Long Field", "castMember", "Ava Brooks") in facts
    assert ("Night Ferry", "castMember", "Omar Haddad") in facts
    assert ("Red Dust", "castMember", "Lena Brandt") in facts
    assert ("Christine Vale", "performer", "Lena Brandt") in facts


def test_acting_words_in_sport_and_politics_name_no_work() -> None:
    facts = facts_of("Henry starred in Arsenal's 3-1 win over Chelsea. Tessa Marsh played a leading role in "
                     "the Olympic bid and a key role in Labour's campaign in London.")
    assert not {f for f in facts if f[1] == "castMember"}, facts


def test_years_and_countries_through_long_noun_phrases() -> None:
    facts = facts_of("Blue Harbour is a 1955 American colour film biography of a sculptor. "
                     "Red Dust is a 2006 Kannada-language crime thriller film produced by Mara Quint.")
    assert {("Blue Harbour", "publicationDate", "1955"), ("Blue Harbour", "countryOfOrigin", "United States"),
            ("Red Dust", "publicationDate", "2006")} <= facts


def test_a_pronoun_never_stands_for_a_name_played() -> None:
    facts = facts_of("Louis Marro was born in 1971. On radio, Marro had a lasting role in The Long Field as "
                     "Sergeant Pip Harlow. He directed the film Dough Town in 2010.")
    assert ("Dough Town", "director", "Louis Marro") in facts, facts
    assert not {f for f in facts if "Pip Harlow" in f[2] and f[1] == "director"}


def test_an_agent_shared_by_coordinated_participles_and_a_series_of_films() -> None:
    facts = facts_of("The Long Field is a Canadian series of spy films written by and starring Omar Haddad "
                     "and first created by Lena Brandt.")
    assert {("Long Field", "screenwriter", "Omar Haddad"), ("Long Field", "castMember", "Omar Haddad"),
            ("Long Field", "creator", "Lena Brandt")} <= facts


def test_born_in_a_place_with_the_article() -> None:
    assert ("Louis Marro", "placeOfBirth", "Hague") in facts_of("Louis Marro was born in The Hague, the Netherlands.")


def test_a_channel_under_two_names_is_one_broadcaster() -> None:
    res = resolved("The sitcom Tin Roof aired on BBC1 in 1990. Its sequel, Red Dust, aired on BBC One.")
    channels = [(e.label, e.aliases) for e in res.entities.values() if e.kind == "Broadcaster"]
    assert channels == [("BBC One", ("BBC1",))]


def test_record_labels_of_released_music_and_never_of_films() -> None:
    facts = facts_of("Blue Hour is a video album by Lena Brandt. It was released on DVD in 2003 under the "
                     "Harbour Records record label. \"Tin Roof\" is a song by Ava Brooks. It was issued as the "
                     "record's second single by Quayside Trax. Red Dust is a film by Omar Haddad. "
                     "It was released by Warner Bros in 2004.")
    assert {("Blue Hour", "recordLabel", "Harbour Records"), ("Tin Roof", "recordLabel", "Quayside Trax")} <= facts
    assert not {f for f in facts if f[0] == "Red Dust" and f[1] == "recordLabel"}


def test_roles_in_a_list_of_works_after_including() -> None:
    facts = facts_of("Louis Marro took parts in several films, including Glass Orchard, The Quiet Neighbours, "
                     "Copper Kettle Blues and Iron Harbour.")
    for work in ("Glass Orchard", "Quiet Neighbours", "Copper Kettle Blues", "Iron Harbour"):
        assert (work, "castMember", "Louis Marro") in facts, facts


def test_stars_as_a_character_and_a_first_season_premiere() -> None:
    text = ("HBO renewed its crime drama Harbour Lights. The series stars Omar Haddad and Lena Brandt. Haddad "
            "plays Detective Sam Reyes, a troubled cop, while Brandt stars as his estranged sister Mara. "
            "The first season premiered on HBO on March 3, 2024. Ava Brooks stars as Tessa Quint in the film Red Dust.")
    facts = facts_of(text)
    assert {("Mara", "performer", "Lena Brandt"), ("Sam Reyes", "performer", "Omar Haddad"),
            ("Harbour Lights", "publicationDate", "2024-03-03"), ("Red Dust", "castMember", "Ava Brooks"),
            ("Tessa Quint", "performer", "Ava Brooks")} <= facts, facts


def test_a_drama_is_a_film_or_a_series_by_what_else_is_said() -> None:
    res = resolved("Mara Quint's drama Red Dust won the Golden Lion at the festival on Saturday. "
                   "The film, which stars Idris Palmer as a disgraced miner, was produced by Searchlight Pictures.")
    label = {k: e.label for k, e in res.entities.items()}
    kinds = {e.label: e.kind for e in res.entities.values()}
    facts = {(label[f.subject], f.prop, label.get(f.object, f.object)) for f in res.facts}
    assert kinds["Red Dust"] == "Film"
    assert {("Red Dust", "castMember", "Idris Palmer"), ("Red Dust", "awardReceived", "Golden Lion"),
            ("Red Dust", "productionCompany", "Searchlight Pictures")} <= facts, facts


def test_a_bear_without_its_golden_is_no_award() -> None:
    res = resolved("Bear Grylls presented the show. The film won the Silver Bear in Berlin.")
    awards = {e.label for e in res.entities.values() if e.type == "AWARD"}
    assert awards == {"Silver Bear"}


def test_leads_the_cast_as_and_a_new_books_description() -> None:
    facts = facts_of("The new series Night Ferry opens in May. It was created by Tessa Quint and is based on her "
                     "2019 novel of the same name. Lena Brandt leads the cast as Captain June Hale. Brandt was "
                     "nominated for her role in the HBO drama Harbour Lights.")
    assert {("June Hale", "performer", "Lena Brandt"), ("Night Ferry", "castMember", "Lena Brandt"),
            ("Harbour Lights", "originalBroadcaster", "HBO")} <= facts, facts
    kinds = {e.label: e.kind for e in resolved("The series Night Ferry is based on her 2019 novel. "
                                               "The HBO drama Harbour Lights aired later.").entities.values()}
    assert kinds.get("Harbour Lights") != "Book"  # "her novel" found nothing before it: not a later work


def test_a_day_without_a_year_takes_the_articles_nearest_year() -> None:
    from kg.extract.dates import normalise_date
    assert normalise_date("March 6", "2024-03-14") == "2024-03-06"
    assert normalise_date("December 20", "2024-01-05") == "2023-12-20"
    assert normalise_date("March 6") == "--03-06"


def test_music_news_titles_labels_and_a_surname_ner_called_a_place() -> None:
    text = ("Tessa Quint's 'Blue Hour' tops the chart\n\nSinger Tessa Quint scored her third number-one album "
            "as Blue Hour debuted atop the chart. The 12-track album, released on Harbour Records on Friday, was "
            "produced by Omar Haddad and features the single \"Cold Water\", which Quint co-wrote with Lena Brandt. "
            "Quint, 29, won the Grammy Award for Best New Artist in 2020.")
    res = resolved(text)
    label = {k: e.label for k, e in res.entities.items()}
    facts = {(label[f.subject], f.prop, label.get(f.object, f.object)) for f in res.facts}
    assert {("Blue Hour", "producer", "Omar Haddad"), ("Blue Hour", "recordLabel", "Harbour Records"),
            ("Tessa Quint", "awardReceived", "Grammy Award for Best New Artist")} <= facts, facts
    assert not {f for f in facts if f[1] == "originalBroadcaster"}  # a label is no broadcaster
    people = {e.label for e in res.entities.values() if e.type == "PERSON"}
    assert "Tessa Quint" in people and not {p for p in people if p.startswith("Singer")}


def test_coordinated_events_keep_their_own_dates() -> None:
    res = resolved("Three dockworkers, Sam Reyes, Eli Marsh and Tom Avery, were arrested in 1987 and convicted "
                   "of arson in 1988. Later, Maria Lopez and Joe Lin were arrested and convicted in the April 1989 attack.")
    label = {k: e.label for k, e in res.entities.items()}
    got = {(e.kind, e.date, frozenset(label[p] for p in e.participants)) for e in res.events}
    three, two = frozenset({"Sam Reyes", "Eli Marsh", "Tom Avery"}), frozenset({"Maria Lopez", "Joe Lin"})
    assert {("Arrest", "1987", three), ("Conviction", "1988", three), ("Arrest", "1989-04", two),
            ("Conviction", "1989-04", two)} <= got, got


def test_a_series_order_and_a_cast_named_without_a_title() -> None:
    res = resolved("Peacock has given a series order to Salt Roads, a limited drama from writer Omar Haddad. "
                   "Lena Brandt and Idris Palmer will star.")
    label = {k: e.label for k, e in res.entities.items()}
    got = {(label[f.subject], f.prop, label.get(f.object, f.object), f.evidence[0].status) for f in res.facts}
    assert {("Salt Roads", "originalBroadcaster", "Peacock", "asserted"),
            ("Salt Roads", "castMember", "Lena Brandt", "planned"),
            ("Salt Roads", "castMember", "Idris Palmer", "planned")} <= got, got


def test_a_player_who_will_star_is_no_cast() -> None:
    facts = facts_of("Wayne Rooney scored twice on Saturday. Rooney and Ryan Giggs will star.")
    assert not {f for f in facts if f[1] == "castMember"}


# --- lists of people by team, and sport's "plays" -------------------------------------------------

def test_people_listed_by_team_are_no_cast_and_their_teams_no_works() -> None:
    """*A (Team), B (Team), C (Other)*: a bracketed name after two people is an affiliation."""
    text = ("Forwards: Tom Avery (Harbour Rovers), Priya Nair (Glen Athletic), Olu Bankole (Harbour Rovers), "
            "Greta Lind (Port United).")
    res = resolved(text)
    assert not res.facts, res.facts
    assert not [e for e in res.entities.values() if e.type == "PRODUCTION"]


def test_people_listed_with_their_films_keep_the_films() -> None:
    """A list of nominees names each film once: the bracketed titles stay works."""
    res = resolved("The nominees are Tom Avery (Blue Hour), Priya Nair (The Long Field) and Olu Bankole "
                   "(Night Train).")
    works = {e.label for e in res.entities.values() if e.type == "PRODUCTION"}
    assert {"Blue Hour", "Night Train"} <= works, works


def test_plays_an_opponent_is_no_role_but_plays_a_character_in_an_article_about_a_film_is() -> None:
    assert not facts_of("Lena Brandt plays Maria Ostrova or Tessa Lind next.")
    facts = facts_of("The drama Cold Harbour opens in May. Lena Brandt plays Maria Ostrova.")
    assert ("Cold Harbour", "castMember", "Lena Brandt") in facts


def test_a_country_in_brackets_is_no_work() -> None:
    res = resolved("Lena Holt (Australia) beat Tessa Lind (France) in the final, and Omar Haddad (Canada) watched.")
    assert not [e for e in res.entities.values() if e.type == "PRODUCTION"], res.entities


def test_a_name_in_brackets_that_says_who_is_meant_is_no_actor() -> None:
    """*Dan (Varga)* in a quotation says who Dan is; an actor in brackets is named in full."""
    facts = facts_of("The drama Cold Harbour opens in May. \"Dan (Varga) wanted me to stay one more year,\" "
                     "he said.")
    assert not [f for f in facts if f[1] in ("castMember", "performer")], facts


def test_a_figure_after_a_year_in_the_possessive_is_no_work() -> None:
    res = resolved("Growth of 9.5% was well above 2003's 9.1%, and profits fell short of 2004's 784m euros.")
    assert not [e for e in res.entities.values() if e.type == "PRODUCTION"], res.entities
    assert not [f for f in res.facts if f.prop == "publicationDate"]


# --- channels: a programme in a channel's possessive, a work made for a channel, "this programme" -----

def test_a_title_in_a_channels_possessive_is_its_programme() -> None:
    facts = facts_of("He is best known for programmes like the BBC's Tin Whistle Street and ITV's The Night Desk.")
    assert ("Tin Whistle Street", "originalBroadcaster", "BBC") in facts
    assert any(s.endswith("Night Desk") and p == "originalBroadcaster" and o == "ITV" for s, p, o in facts), facts


def test_a_work_made_for_a_channel_is_shown_there() -> None:
    facts = facts_of("Her later credits took in the novel adaptation The Long Field for BBC One in 2004. "
                     "The company produced the sitcom Quayside for Channel 4.")
    assert any(s.endswith("Long Field") and p == "originalBroadcaster" and o == "BBC One" for s, p, o in facts), facts
    assert ("Quayside", "originalBroadcaster", "Channel 4") in facts
    assert not facts_of("He bought a ticket for the BBC.")


def test_this_programme_is_the_nearest_work_not_the_most_mentioned() -> None:
    facts = facts_of("The studio first produced the drama serial Harbour Lights. Harbour Lights lasted a single "
                     "year. Its later output featured the adaptation Salt Roads for BBC One. This programme was "
                     "jointly produced by the actress Lena Holt.")
    assert ("Salt Roads", "producer", "Lena Holt") in facts, facts
    assert ("Harbour Lights", "producer", "Lena Holt") not in facts


def test_a_work_from_its_director() -> None:
    """*the docuseries from director X*: the role noun names the person's part in the work."""
    facts = facts_of("The Night Ferry, the four-part docuseries from director Hannah Okafor, opens in May. "
                     "Harbour Town, a new comedy from creator Julia Brandt, follows.")
    assert any(s.endswith("Night Ferry") and p == "director" and o == "Hannah Okafor" for s, p, o in facts), facts
    assert ("Harbour Town", "creator", "Julia Brandt") in facts
    assert not [f for f in facts_of("He took the train from director Jane Doe's house.") if f[1] == "director"]


def test_minutes_streamed_of_a_show_are_a_statistic_about_it() -> None:
    """NER keeps the unit inside a quantity (*1.2 billion minutes*); *of the show* says what it is about."""
    res = resolved("The Night Ferry is a docuseries. Viewers streamed 1.2 billion minutes of the show in the week "
                   "of March 10.")
    stats = [(res.entities[s.about].label, s.value, s.unit) for s in res.statistics]
    assert any(label.endswith("Night Ferry") and value == 1_200_000_000 and unit == "minutes"
               for label, value, unit in stats), stats


def test_a_title_after_its_noun_stays_a_title_when_the_clause_has_its_own_object() -> None:
    """*The Danish drama Quiet Harbour has won the Golden Bear*: NER calls the title a person and the
    parser hangs *has won* on the noun, but the verb has its own object, so the name is no gap-filler."""
    facts = facts_of("The Danish drama Quiet Harbour has won the Golden Bear at the festival. Directed by Mette Skov, "
                     "the film follows a fisherman.")
    assert ("Quiet Harbour", "awardReceived", "Golden Bear") in facts, facts
    assert ("Quiet Harbour", "director", "Mette Skov") in facts


def test_a_title_in_commas_after_its_noun() -> None:
    facts = facts_of("His earlier film, Winter Light, picked up an Academy Award nomination in 2019.")
    assert ("Winter Light", "nominatedFor", "Academy Award") in facts, facts
    assert not [f for f in facts_of("The film, Jane Doe said, was a success.") if f[0] == "Jane Doe"]


def test_the_film_is_the_work_the_article_is_about_not_the_last_film_named() -> None:
    """A work of no known kind yet (*the drama X*) stays a candidate for *the film*; the most
    mentioned one wins over a film named once in passing."""
    facts = facts_of("Quiet Harbour wins top prize\n\nThe Danish drama Quiet Harbour has won the Golden Bear. "
                     "Her previous film, Winter Light, was nominated for an Academy Award. "
                     "The film will be released in cinemas on 14 June 2024.")
    assert ("Quiet Harbour", "publicationDate", "2024-06-14") in facts, facts
    assert ("Winter Light", "publicationDate", "2024-06-14") not in facts


def test_stars_a_as_one_role_and_b_as_another() -> None:
    """The parser hangs *B* on the first role (*a mayor and B*); the *as* after B shows B is cast too."""
    facts = facts_of("HBO has renewed its comedy Harbour Town for a second season. Created by Julia Brandt, the "
                     "series stars Omar Haddad as a small-town mayor and Priya Nair as his chief of staff.")
    assert ("Harbour Town", "castMember", "Omar Haddad") in facts, facts
    assert ("Harbour Town", "castMember", "Priya Nair") in facts


def test_distributed_by_names_the_distributor() -> None:
    facts = facts_of("The film Quiet Harbour was directed by Mette Skov and distributed by Curzon Artificial Eye.")
    assert ("Quiet Harbour", "distributor", "Curzon Artificial Eye") in facts, facts
    assert ("Salt Roads", "distributor", "Netflix") in facts_of("Netflix will distribute the documentary Salt Roads.")


def test_a_name_then_an_indefinite_production_noun_is_a_work() -> None:
    """*The Salt House, a new six-part BBC One drama written by Tom Keane*: whatever NER called the
    name, the noun in apposition says it is a work; *a drama teacher* is a teacher, not a drama."""
    facts = facts_of("Olivia Grant has been cast as the lead in The Salt House, a new six-part BBC One drama "
                     "written by Tom Keane.")
    assert any(s.endswith("Salt House") and p == "screenwriter" and o == "Tom Keane" for s, p, o in facts), facts
    assert any(s.endswith("Salt House") and p == "numberOfEpisodes" and o == "6" for s, p, o in facts), facts
    res = resolved("Jane Doe, a film critic, said the festival was strong.")
    assert not [e for e in res.entities.values() if e.type == "PRODUCTION"]


def test_made_by_in_the_passive_names_the_maker() -> None:
    facts = facts_of("The drama The Salt House starts filming in May. The series is being made by Hartswood Films.")
    assert any(s.endswith("Salt House") and p == "productionCompany" and o == "Hartswood Films"
               for s, p, o in facts), facts
    assert not facts_of("The decision was made by the board.")


def test_her_album_is_her_work_and_a_written_album_is_composed() -> None:
    facts = facts_of("Maya Rivers has gone straight to number one with her debut album, Paper Lanterns.")
    assert ("Paper Lanterns", "performer", "Maya Rivers") in facts, facts
    facts = facts_of("Maya Rivers released the album Paper Lanterns. Maya Rivers wrote the album Paper Lanterns "
                     "with Sam Hale.")
    assert ("Paper Lanterns", "screenwriter", "Maya Rivers") not in facts, facts
    assert not [f for f in facts_of("Tom Reed plays the lead in Cold Water. His character Jack Stone is a fisherman.")
                if f[1] == "creator"]
    # a pronoun may anticipate a person named after it; a work it owns must be named
    assert not [f for f in facts_of("Judge Harlan Pike issued a ruling. In his latest book, Crooked Scales, Cyril "
                                    "Tanner, a barrister, argues the opposite.") if f[0] == "Crooked Scales"]
    assert not [f for f in facts_of("Mr Hallam, in the newest of his series of rallies, defended the pledge.")
                if f[1] == "creator"]


def test_plays_a_relative_described_not_named_is_a_part() -> None:
    facts = facts_of("The drama Cold Harbour starts in May. Grant is joined by Idris Mensah, who plays her "
                     "estranged brother.")
    assert ("Cold Harbour", "castMember", "Idris Mensah") in facts, facts
    assert not facts_of("He plays his brother at chess every week.")


def test_a_name_run_into_a_bracket_is_no_name() -> None:
    res = resolved("\"But Dan (Varga) told me to keep going for one more year,\" he said. Backs: R Dunmore "
                   "(Scotland), T Hale (England), M Rhys (Wales).")
    assert not [e for e in res.entities.values() if "(" in e.label or ")" in e.label], res.entities


def test_spouses() -> None:
    for text in ("Paul Harding trained in London. He married the actress Helen Marsh in 1972.",
                 "Paul Harding and Helen Marsh married in 1972.", "Paul Harding is married to Helen Marsh.",
                 "Paul Harding spoke. His wife, Helen Marsh, survives him.",
                 "Paul Harding came with his wife Helen Marsh, daughter Ruth Harding and stepson Tom."):
        facts = facts_of(text)
        assert ("Paul Harding", "spouse", "Helen Marsh") in facts and ("Helen Marsh", "spouse", "Paul Harding") in facts, text
    assert not [f for f in facts_of("Paul Harding never married Helen Marsh.") if f[1] == "spouse"]
    assert not [f for f in facts_of("Paul Harding came with his wife Helen Marsh, daughter Ruth Harding and stepson "
                                    "Tom.") if f[1] == "spouse" and "Ruth Harding" in f]


def test_a_role_word_is_no_part_of_a_name_and_an_episode_counts_for_its_series() -> None:
    res = resolved("The final episode of the sixth series of Line of Duty was watched by an average of 12.8 million "
                   "viewers. Stars Martin Compston and Vicky McClure returned.")
    assert any(e.label == "Martin Compston" for e in res.entities.values()), [e.label for e in res.entities.values()]
    stats = [(res.entities[s.about].label, s.value) for s in res.statistics]
    assert ("Line of Duty", 12_800_000) in stats, stats


def test_appeared_in_films_is_cast_but_in_court_or_on_a_programme_is_not() -> None:
    facts = facts_of("Paul Harding appeared in more than 40 films, including The Long Road (1978) and Northern Star "
                     "(1991).")
    assert any(s.endswith("Long Road") and p == "castMember" and o == "Paul Harding" for s, p, o in facts), facts
    assert ("Northern Star", "castMember", "Paul Harding") in facts
    assert not [f for f in facts_of("Paul Harding appeared in court on Monday. He appeared on the BBC's Morning Desk.")
                if f[1] == "castMember"]


def test_a_festival_is_an_organisation_but_the_soviet_union_and_the_west_bank_stay_places() -> None:
    res = resolved("The drama Quiet Harbour won the top prize at the Berlin International Film Festival.")
    types = {e.label: e.type for e in res.entities.values()}
    assert types.get("Berlin International Film Festival") == "ORGANIZATION", types
    res = resolved("Many citizens of the Soviet Union moved to the West Bank in 1990.")
    types = {e.label: e.type for e in res.entities.values()}
    assert types.get("Soviet Union") == "PLACE" and types.get("West Bank") == "PLACE", types


def test_a_settlement_received_is_an_event_of_those_who_received_it() -> None:
    res = resolved("James Carter and Luis Ortega were convicted in 1992. James Carter and Luis Ortega received a "
                   "$9 million settlement from the city in 2014.")
    settled = [e for e in res.events if e.kind == "Settlement"]
    assert settled and settled[0].date == "2014", res.events
    assert {res.entities[p].label for p in settled[0].participants} == {"James Carter", "Luis Ortega"}
    assert not [e for e in resolved("Lena Holt did not receive a settlement.").events if e.kind == "Settlement"]


def test_the_wrongly_convicted_men_are_the_convicted_not_the_sentences_subject() -> None:
    res = resolved("Asked if he planned to apologize to the wrongly convicted men, Tom Reed refused.")
    assert not [e for e in res.events if any(res.entities[p].label == "Tom Reed" for p in e.participants)], res.events


def test_settling_a_case_is_a_settlement_but_settling_for_fourth_is_not() -> None:
    settled = [e for e in resolved("Olu Bankole and Tom Reed settled with the city in 2014.").events
               if e.kind == "Settlement"]
    assert settled and settled[0].date == "2014", settled
    for text in ("Chris Lambert had to settle for fourth in the 200m race.",
                 "Our aim was to get Gavin Henson settled into the team.", "He will help Gavin Henson settle in."):
        assert not resolved(text).events, text


def test_clearing_is_an_exoneration_only_of_a_charge_or_on_appeal() -> None:
    res = resolved("Kostas Kenteris and Katerina Thanou have been cleared of doping offences by a tribunal. "
                   "The convictions of Tom Reed and Olu Bankole were overturned in 2002.")
    cleared = {frozenset(res.entities[p].label for p in e.participants) for e in res.events if e.kind == "Exoneration"}
    assert frozenset({"Kostas Kenteris", "Katerina Thanou"}) in cleared, cleared
    assert frozenset({"Tom Reed", "Olu Bankole"}) in cleared
    for text in ("Gloucester centre Henry Paul has been cleared to play after an injury.",
                 "Matthew Taylor cleared the ball.", "His choice quashes speculation that Lena Holt would stand."):
        assert not resolved(text).events, text


def test_a_given_name_joined_to_a_full_name_shares_its_surname() -> None:
    facts = facts_of("The film Salt Roads was directed by Joel and Ethan Coen.")
    assert ("Salt Roads", "director", "Joel Coen") in facts and ("Salt Roads", "director", "Ethan Coen") in facts, facts
    facts = facts_of("The film Salt Roads stars Tom Reed and Ethan Coen.")
    assert ("Salt Roads", "castMember", "Tom Reed") in facts, facts
    res = resolved("James Carter and Luis Ortega were convicted in 1992.")
    assert {e.label for e in res.entities.values()} == {"James Carter", "Luis Ortega"}


def test_a_character_of_a_writer_named_by_their_novel() -> None:
    facts = facts_of("Cold Harbour is based on Ann Keller's novel of the same name. It features Keller's character "
                     "Milo Crane.")
    assert ("Milo Crane", "creator", "Ann Keller") in facts


def test_a_negation_or_plan_of_a_coordinated_clause_with_its_own_subject_is_not_this_ones() -> None:
    from kg.extract.context import Context
    from kg.extract.lexicon import lexicon

    text = "Tom Vale wrote the film Glass Harbour and he will not direct the sequel."
    doc = load_pipeline()(text)
    ctx = Context(doc, Document(text, "t.txt"), [], lexicon())
    wrote = next(t for t in doc if t.text == "wrote")
    direct = next(t for t in doc if t.text == "direct")
    assert ctx.claim(wrote)[0] == "asserted" and ctx.claim(direct)[0] == "denied"
    # verbs sharing one subject share its negation
    text = "Tom Vale did not write or direct the film Glass Harbour."
    doc = load_pipeline()(text)
    ctx = Context(doc, Document(text, "t.txt"), [], lexicon())
    assert all(ctx.claim(t)[0] == "denied" for t in doc if t.text in ("write", "direct"))


def test_country_abbreviation_as_a_nationality_word() -> None:
    # NER calls "US" and "UK" places; before an occupation or a production noun they say nationality
    facts = facts_of("But its author, US playwright Ann Vale, says it is about power. "
                     "The US drama Paper Rivers was shown on Monday.")
    assert ("Ann Vale", "countryOfCitizenship", "United States") in facts
    assert ("Paper Rivers", "countryOfOrigin", "United States") in facts
    # a place the noun is in, not the person's country: no citizenship from "the US box office"
    facts = facts_of("The US box office was led by the drama Paper Rivers.")
    assert not any(p in ("countryOfCitizenship", "countryOfOrigin") for _, p, _ in facts)


def test_a_release_or_premiere_denied_is_no_event() -> None:
    # "did not open in 2003": no premiere took place; an opening said outright is one
    res = resolved("The film Night Ferry was not released in 2003. The musical Paper Rivers opened in 2005.")
    events = {(e.kind, e.date) for e in res.events}
    assert ("Premiere", "2005") in events
    assert not any(date == "2003" for _, date in events)


def test_a_plural_work_noun_refers_to_no_one_work() -> None:
    # "Holt's films", "the films": several works, never the one the article is about
    for text in ("The drama Night Ferry was a hit for Lena Holt. Warner will distribute Holt's films in Europe.",
                 "The drama Night Ferry was a hit for Lena Holt. Warner distributed the films in Europe."):
        assert not any(p == "distributor" for _, p, _ in facts_of(text)), text
    facts = facts_of("The drama Night Ferry was a hit for Lena Holt. Warner distributed the film in Europe.")
    assert ("Night Ferry", "distributor", "Warner") in facts
