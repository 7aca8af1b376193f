"""The awards family (kg/extract/rules/awards.py) on sentences written for the test: what it must
find, and what it must not (hoped-for, tipped, denied or unnamed awards)."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Document, Value
from kg.nlp import load_pipeline
from kg.resolve import resolve


def _resolved(text: str, date: str | None = None):
    nlp = load_pipeline()
    doc = Document(text, "t.txt", date=date)
    return resolve([extract(nlp(text), doc)])


def facts_of(text: str) -> set[tuple[str, str, str]]:
    res = _resolved(text)
    label = {k: e.label for k, e in res.entities.items()}
    return {(label[f.subject], f.prop, f.object.text if isinstance(f.object, Value) else label[f.object])
            for f in res.facts}


# resolution may name an award by its canonical name or by the form the text uses
_CANONICAL = {"Oscar": "Academy Award", "Bafta": "BAFTA", "Emmy Award": "Emmy", "Grammy Award": "Grammy",
              "Golden Globe Award": "Golden Globe"}


def award_facts(text: str) -> set[tuple[str, str, str]]:
    return {(s, p, _CANONICAL.get(o, o)) for s, p, o in facts_of(text) if p in ("awardReceived", "nominatedFor")}


def test_coordinated_winners_of_a_named_award() -> None:
    facts = award_facts("Lena Holt and Marc Dubois have won the Golden Globe Awards for best actress and actor.")
    assert facts == {("Lena Holt", "awardReceived", "Golden Globe"),
                     ("Marc Dubois", "awardReceived", "Golden Globe")}


def test_the_dative_and_the_performance_owner_win() -> None:
    facts = award_facts("Marc Dubois's depiction of the old sailor has gained him a coveted Bafta award.")
    assert facts == {("Marc Dubois", "awardReceived", "BAFTA")}


def test_prizes_at_a_list_of_ceremonies() -> None:
    facts = award_facts("Marc Dubois's turn as the detective has since seen him collect trophies at the Golden Globes, "
                        "Emmys and Baftas.")
    assert {("Marc Dubois", "awardReceived", a) for a in ("Emmy", "BAFTA", "Golden Globe")} <= facts


def test_particle_verbs_and_counts() -> None:
    res = _resolved("Singer Tessa Quint picked up three Grammys on Sunday.", date="2024-03-14")
    label = {k: e.label for k, e in res.entities.items()}
    assert any(label[f.subject] == "Tessa Quint" and f.prop == "awardReceived" for f in res.facts)
    assert any(s.value == 3 and s.unit == "awards" for s in res.statistics)
    assert any(e.kind == "AwardWin" and e.date == "2024-03-10" for e in res.events)


def test_a_category_of_a_work_included_in_the_wins() -> None:
    facts = award_facts("Tessa Quint collected four Grammy Awards, including song of the year for Paper Lanterns.")
    assert ("Tessa Quint", "awardReceived", "Grammy") in facts


def test_nominations_by_verb_noun_and_up_for() -> None:
    assert ("Winter Light", "nominatedFor", "Academy Award") in award_facts(
        "Her documentary Winter Light has been nominated for an Oscar.")
    assert ("Lena Holt", "nominatedFor", "Emmy") in award_facts("Lena Holt is up for an Emmy this year.")
    facts = award_facts("The Oscar nominations for Lena Holt and Tom Reed were announced on Tuesday.")
    assert {("Lena Holt", "nominatedFor", "Academy Award"), ("Tom Reed", "nominatedFor", "Academy Award")} <= facts
    assert ("Marc Dubois", "nominatedFor", "BAFTA") in award_facts("Marc Dubois earned a Bafta nomination in 2019.")


def test_describing_words_give_awards() -> None:
    assert ("Lena Holt", "awardReceived", "BAFTA") in award_facts("The Bafta-winning actress Lena Holt stars in it.")
    assert ("Blue Hour", "nominatedFor", "Academy Award") in award_facts("The Oscar-nominated film Blue Hour opens today.")
    facts = award_facts("Oscar winner Lena Holt and Grammy nominee Tom Reed arrived.")
    assert facts == {("Lena Holt", "awardReceived", "Academy Award"), ("Tom Reed", "nominatedFor", "Grammy")}


def test_a_named_possessor_of_a_win() -> None:
    assert ("Lena Holt", "awardReceived", "BAFTA") in award_facts("Lena Holt's Bafta victory surprised nobody.")
    assert not award_facts("Her Bafta win surprised nobody.")  # a pronoun's owner would be a guess


def test_hoped_tipped_denied_and_unnamed_awards_give_nothing() -> None:
    for text in ("Critics expect Blue Hour to win the Oscar.",
                 "Lena Holt is favourite to win the Bafta.",
                 "Lena Holt will win the Emmy, the critics say.",
                 "Lena Holt did not win the Grammy.",
                 "If Lena Holt wins the Oscar, she will retire.",
                 "Will Lena Holt win the Emmy?",
                 "Lena Holt took the best actress award.",
                 "Lena Holt hopes for an Oscar nomination.",
                 "The film earned three Golden Globe noms.",
                 ):
        assert not {f for f in award_facts(text) if f[1] == "awardReceived"}, text


def test_a_nom_is_a_nomination() -> None:
    facts = award_facts("The drama Night Ferry earned three Golden Globe noms.")
    assert facts == {("Night Ferry", "nominatedFor", "Golden Globe")}


def test_a_second_verb_shares_the_work_not_the_award_before_it() -> None:
    facts = award_facts("The series Salt Roads went on to score a Peabody Award nomination and win two Emmys.")
    assert ("Salt Roads", "awardReceived", "Emmy") in facts
    assert ("Salt Roads", "nominatedFor", "Peabody Award") in facts


def test_nominations_for_named_people_are_theirs_not_the_films() -> None:
    facts = award_facts("The drama Night Ferry scored Oscar nominations for Lena Holt and Tom Reed.")
    assert {("Lena Holt", "nominatedFor", "Academy Award"), ("Tom Reed", "nominatedFor", "Academy Award")} <= facts
    assert not any(s == "Night Ferry" for s, _, _ in facts)


def test_a_category_alone_is_the_articles_award() -> None:
    text = ("The Oscars are on Sunday. Critics expect a long night at the Oscars. Nobody can predict the Oscars. "
            "Tom Reed has been nominated for best director alongside Marc Dubois.")
    facts = award_facts(text)
    assert {("Tom Reed", "nominatedFor", "Academy Award"), ("Marc Dubois", "nominatedFor", "Academy Award")} <= facts
    two = "The Oscars and the Baftas are near. Tom Reed has been nominated for best director."
    assert not award_facts(two)


def test_counts_without_a_verb_of_winning() -> None:
    res = _resolved("Tessa Quint, who died in 2004, has seven posthumous nominations. "
                    "The drama Night Ferry leads the field with eleven nominations.")
    label = {k: e.label for k, e in res.entities.items()}
    stats = {(label[s.about], s.value, s.unit) for s in res.statistics}
    assert {("Tessa Quint", 7, "nominations"), ("Night Ferry", 11, "nominations")} <= stats


def test_a_category_won_is_the_ceremony_of_the_news() -> None:
    text = ("Lena Holt and Marc Dubois have won Golden Globe awards for their roles. "
            "Tessa Quint triumphed as the best supporting actress. "
            "Veteran actor Tom Reed took the award for best supporting actor, playing a boxer. "
            "Critics tipped Sam Hale to win best actor.")
    facts = award_facts(text)
    assert {("Tessa Quint", "awardReceived", "Golden Globe"), ("Tom Reed", "awardReceived", "Golden Globe")} <= facts
    assert not any(s == "Sam Hale" for s, _, _ in facts)


def contestant_facts(text: str) -> set[tuple[str, str, str]]:
    return {f for f in facts_of(text) if f[1] in ("contestant", "winner")}


def test_contestants_by_noun() -> None:
    facts = contestant_facts("Jade Morrow, a contestant on Talent Trail, said she was tired. "
                             "Talent Trail contestants Jo Kemp and Tim Lowry were asked to leave.")
    assert {("Talent Trail", "contestant", "Jade Morrow"), ("Talent Trail", "contestant", "Jo Kemp")} <= facts


def test_contestants_by_verb_and_winners() -> None:
    facts = contestant_facts("Ann Reed competed on The Sing Off in 2004. "
                             "Carl Marsh, who won The Sing Off in 2003, is back.")
    assert ("Sing Off", "contestant", "Ann Reed") in facts
    assert ("Sing Off", "winner", "Carl Marsh") in facts


def test_no_contestant_for_a_wish_a_denial_or_a_nationality() -> None:
    for text in ("Ann Reed could compete on The Sing Off next year.",
                 "Ann Reed did not take part in The Sing Off.",
                 "British contestant Tim Lowry sang a ballad."):
        assert not contestant_facts(text), text


def test_a_contestant_of_the_show_the_article_is_about() -> None:
    text = ("Star Camp returns tonight. Star Camp is a reality show. Viewers of Star Camp voted on Friday. "
            "Housemate Ann Reed was in tears. The other contestants were asleep.")
    assert ("Star Camp", "contestant", "Ann Reed") in contestant_facts(text)


def test_taking_part_in_a_thing_a_title_only_modifies_is_no_contest() -> None:
    facts = contestant_facts("Singer Dex Holloway asked for more money for bands while taking part in a "
                             "Harbour Forum debate.")
    assert not facts
    assert ("Dance Stars", "contestant", "Dex Holloway") in contestant_facts(
        "Dex Holloway competed on the talent show Dance Stars.")


def _credits(text: str) -> set[tuple[str, str, str]]:
    res = _resolved(text)
    label = {k: e.label for k, e in res.entities.items()}
    return {(label[f.subject], f.prop, label[f.object]) for f in res.facts
            if f.prop in ("castMember", "director", "screenwriter")}


@pytest.mark.parametrize("text, fact", [
    ("Tom Avery won best actor for Blue Lantern.", ("Blue Lantern", "castMember", "Tom Avery")),
    ("Tom Avery was nominated for best actor for his role in Blue Lantern.", ("Blue Lantern", "castMember", "Tom Avery")),
    ("Mara Quell picked up the best actress award for her role as a nurse in Blue Lantern.",
     ("Blue Lantern", "castMember", "Mara Quell")),
    ("Mara Quell earned a best supporting actress nomination for Blue Lantern.", ("Blue Lantern", "castMember", "Mara Quell")),
    ("Mara Quell, a best actress nominee for Blue Lantern, arrived.", ("Blue Lantern", "castMember", "Mara Quell")),
    ("Mara Quell was crowned best actress for her role in Blue Lantern.", ("Blue Lantern", "castMember", "Mara Quell")),
    ("Mara Quell was praised for her performance in Blue Lantern.", ("Blue Lantern", "castMember", "Mara Quell")),
    ("Jane Doe won best director for the drama Blue Lantern.", ("Blue Lantern", "director", "Jane Doe")),
    ("Tom Avery was named best director for Blue Lantern.", ("Blue Lantern", "director", "Tom Avery")),
    ("Jane Doe won the Oscar for best screenplay for Blue Lantern.", ("Blue Lantern", "screenwriter", "Jane Doe")),
    ("Tom Avery is tipped to win best actor for Blue Lantern.", ("Blue Lantern", "castMember", "Tom Avery")),
])
def test_a_win_or_nomination_for_a_work_says_what_the_person_did_in_it(text: str, fact: tuple) -> None:
    assert fact in _credits(text)


@pytest.mark.parametrize("text", [
    "Mara Quell's nomination for Blue Lantern was a surprise.",  # actor, director or writer: not said
    "Blue Lantern won best film.",
    "Tom Avery was named chairman of Blue Lantern Records.",
    "Tom Avery and Mara Quell were nominated for best actor and best actress for Blue Lantern and Grey Harbour.",
])
def test_no_credit_where_the_category_does_not_say_which(text: str) -> None:
    assert not _credits(text)


@pytest.mark.parametrize("text,fact", [
    ("The Marlow Trophy, which was won by Tom Reed for his film Larkspur, is given each year.",
     ("Tom Reed", "awardReceived", "Marlow Trophy")),
    ("The Golden Bear went to Tom Reed.", ("Tom Reed", "awardReceived", "Golden Bear")),
    ("Tom Reed has been named winner of the Dalton World Cinema Award.",
     ("Tom Reed", "awardReceived", "Dalton World Cinema Award")),
    ("Ann Lowe and Tom Reed were both winners at the 2004 Evening Standard British Film Awards.",
     ("Tom Reed", "awardReceived", "Evening Standard British Film Award")),
    ("Mara Quill picked up her first ever Grammy for her song Bluebell.", ("Mara Quill", "awardReceived", "Grammy")),
    ("Tom Reed will receive the Century Award at the ceremony.", ("Tom Reed", "awardReceived", "Century Award")),
    ("Ann Lowe beat Tom Reed and Kim Dale to win best British urban act at the Brit Awards.",
     ("Ann Lowe", "awardReceived", "Brit Award")),
])
def test_an_award_as_subject_named_winners_and_announced_honours(text: str, fact: tuple) -> None:
    assert fact in award_facts(text)


@pytest.mark.parametrize("text", [
    "Tom Reed will win the Century Award at the ceremony.",
    "Ann Lowe has 5/1 odds of winning the best actress Oscar at the bookmakers.",
    "Tom Reed was not among the winners at the Brit Awards.",
])
def test_a_win_to_come_or_a_chance_of_one_gives_nothing(text: str) -> None:
    assert not {f for f in award_facts(text) if f[1] == "awardReceived"}


def test_the_year_of_a_win_never_a_works_year() -> None:
    res = _resolved("Mara Quill burst onto the pop scene in 1999, winning a best new artist Grammy in 2000.")
    assert any(e.kind == "AwardWin" and e.date == "2000" for e in res.events)
    res = _resolved("Tom Reed, who received an Oscar nomination for his 2014 documentary Larkspur, died.")
    assert not any(e.kind == "AwardNomination" and e.date == "2014" for e in res.events)
    res = _resolved("Tom Reed and Ann Lowe have been named the winners of the 2004 Jesse Dalton Awards.")
    assert any(e.kind == "AwardWin" and e.date == "2004" for e in res.events)


def test_a_pronoun_of_a_coordinated_clause_is_the_first_subject() -> None:
    facts = award_facts("Mara Quill won a Grammy in 2002 with Kim Dale and Ann Lowe, and last year she picked up "
                        "the award for best female vocal performance.")
    assert ("Mara Quill", "awardReceived", "Grammy") in facts
    assert not {f for f in facts if f[0] in ("Kim Dale", "Ann Lowe")}


def test_leading_the_field_with_nominations_is_a_nomination() -> None:
    facts = award_facts("Mara Quill is leading the field at this year's Soul Train Awards, with five nominations.")
    assert ("Mara Quill", "nominatedFor", "Soul Train Award") in facts
    assert not award_facts("Mara Quill leads the field with five nominations.")


def test_nominated_in_the_categories_of_an_award() -> None:
    assert ("Mara Quill", "nominatedFor", "Grammy") in award_facts(
        "Mara Quill has been nominated in two Grammy categories, including best new artist.")
    assert not award_facts("Mara Quill was not nominated in any Grammy categories.")


def test_the_only_or_first_one_to_win_won() -> None:
    res = _resolved("In 2013 Mara Quill became the first female artist to receive a Billboard Icon Award.")
    assert any(e.kind == "AwardWin" and e.date == "2013" for e in res.events)
    assert ("Mara Quill", "awardReceived", "MTV Video Music Award") in award_facts(
        "Mara Quill was the only British singer to win an MTV Video Music Award this year.")
    for text in ("Mara Quill could become the first female artist to receive a Billboard Icon Award.",
                 "Mara Quill was not the first singer to win a Grammy.",
                 "Mara Quill wants to be the first singer to win a Grammy."):
        assert not award_facts(text), text


def test_a_nomination_or_a_win_in_categories_of_a_named_award() -> None:
    facts = facts_of("Singer Nell Quarry has been nominated in three categories in Wednesday's Brit awards.")
    assert ("Nell Quarry", "nominatedFor", "Brit Award") in facts
    facts = facts_of("Nell Quarry and Osric Penn won in two categories at the Harbour Music Awards.")
    assert {("Nell Quarry", "awardReceived", "Harbour Music Award"),
            ("Osric Penn", "awardReceived", "Harbour Music Award")} <= facts
    # no award named: nothing
    assert not {f for f in facts_of("Nell Quarry was nominated in three categories.") if f[1] == "nominatedFor"}


def test_an_award_for_work_on_a_film_makes_no_cast_member() -> None:
    facts = facts_of("Tam Vell is a composer. Vell took the Oscar for his work on Stone Field. "
                     "Nell Quarry won an Oscar for her role in Cold Lamp.")
    assert ("Stone Field", "castMember", "Tam Vell") not in facts
    assert ("Cold Lamp", "castMember", "Nell Quarry") in facts


def test_a_work_made_by_someone_that_won_an_award_won_it_not_its_maker() -> None:
    facts = facts_of("Cold Lamp is a 1990 film. The film was written by Nell Quarry and won the Golden Bear.")
    assert ("Nell Quarry", "awardReceived", "Golden Bear") not in facts
    assert ("Cold Lamp", "awardReceived", "Golden Bear") in facts


def test_up_for_a_category_at_a_named_ceremony() -> None:
    # "up for" a category, the award after "at" (also where the parser makes "up" a preposition)
    facts = facts_of("Tom Ashby is up for best director at the Oscars.")
    assert ("Tom Ashby", "nominatedFor", "Academy Award") in facts
    facts = facts_of("Tom Ashby is up for the best director award for Paper Rivers at the Golden Globes.")
    assert any(s == "Tom Ashby" and p == "nominatedFor" for s, p, _ in facts)


def test_a_category_the_copula_gives_at_a_named_ceremony_is_a_win() -> None:
    facts = facts_of("Ann Vale was best actress for Paper Rivers at the Critics Circle Theatre Awards.")
    assert ("Ann Vale", "awardReceived", "Critics Circle Theatre Award") in facts
    facts = facts_of("The drama Paper Rivers was named best new play in the Critics Circle Theatre Awards.")
    assert ("Paper Rivers", "awardReceived", "Critics Circle Theatre Award") in facts
    # a denial, or a category named with no ceremony, is no win
    for text in ("Ann Vale was not best actress at the Golden Globes.",
                 "Ann Vale is the best actress of her generation."):
        assert not any(p == "awardReceived" for _, p, _ in facts_of(text))


def test_a_roll_of_honour_ner_took_for_an_organisation() -> None:
    facts = facts_of("On Monday the singer Tom Ashby was given his own star on the Hollywood Walk of Fame.")
    assert ("Tom Ashby", "awardReceived", "Hollywood Walk of Fame") in facts
    facts = facts_of("In 2013, Ann Vale was granted a star on the Hollywood Walk of Fame.")
    assert ("Ann Vale", "awardReceived", "Hollywood Walk of Fame") in facts
    facts = facts_of("Ann Vale has been inducted into the Rock and Roll Hall of Fame.")
    assert ("Ann Vale", "awardReceived", "Rock and Roll Hall of Fame") in facts
    # a visit is no honour, and "granted" gives an award only
    for text in ("Tom Ashby visited the Rock and Roll Hall of Fame in May.",
                 "The court granted Ann Vale a divorce."):
        assert not any(p == "awardReceived" for _, p, _ in facts_of(text))


def test_a_category_won_at_the_ceremony_the_lead_names_is_not_another_awards() -> None:
    # the first sentence names the ceremony of the news: its categories are not the Oscars
    # that the article names more often
    text = ("The comedy Night Ferry has dominated this year's Independent Lantern Awards, winning all six of "
            "the awards for which it was nominated. It was named best film while Tom Reed won best director. "
            "Night Ferry is tipped to do well at Sunday's Oscars. The awards are held the day before the Oscars. "
            "Other winners included Tessa Quint, who took best actress for her role as a pilot. "
            "Tessa Quint is also nominated for best actress at the Oscars.")
    facts = award_facts(text)
    assert not any(p == "awardReceived" and o == "Academy Award" for _, p, o in facts)
    assert ("Tessa Quint", "nominatedFor", "Academy Award") in facts  # a sentence that names its award
    # where the first sentence names the award itself, its categories stay that award's
    same = ("Lena Holt has won two Golden Globe awards. Tessa Quint triumphed as the best supporting "
            "actress. Critics expect a long night at the Oscars.")
    assert ("Tessa Quint", "awardReceived", "Golden Globe") in award_facts(same)


def test_a_date_that_bounds_a_time_dates_no_win() -> None:
    # "since 2001": the wins lie after it, none need be 2001's
    res = _resolved("Tessa Quint, who has won three Grammys since 2001, will perform. Tom Reed won a Bafta in 2004.")
    label = {k: e.label for k, e in res.entities.items()}
    dates = {label[p]: e.date for e in res.events if e.kind == "AwardWin" for p in e.participants}
    assert dates == {"Tessa Quint": None, "Tom Reed": "2004"}
