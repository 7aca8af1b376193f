"""The people family (kg/extract/rules/people.py) on sentences written for the test: occupations,
employers, citizenship, family, birth, death, residence and education; and what it must not read
(a business partner, a wish to become something, a band that is no employer)."""
from __future__ import annotations

from kg.extract import extract
from kg.extract.rules.people import occupation_ending, words
from kg.model import Document, Value
from kg.nlp import load_pipeline
from kg.resolve import resolve


def facts_of(text: str, date: str | None = None) -> set[tuple[str, str, str]]:
    nlp = load_pipeline()
    doc = Document(text, "t.txt", date=date)
    res = resolve([extract(nlp(text), doc)])
    label = {k: e.label for k, e in res.entities.items()}
    return {(label[f.subject], f.prop, f.object.text if isinstance(f.object, Value) else label[f.object])
            for f in res.facts}


def of_props(text: str, *props: str, date: str | None = None) -> set[tuple[str, str, str]]:
    return {f for f in facts_of(text, date) if f[1] in props}


def test_the_longest_occupation_ends_at_the_noun() -> None:
    nlp = load_pipeline()
    doc = nlp("The former bass player left.")
    assert occupation_ending(doc, 3, 0) == (2, "bass player")
    doc = nlp("She met the judges.")
    assert occupation_ending(doc, 3, 0) == (3, "judge")
    assert "player" not in words()["occupations"]


def test_role_words_before_a_name() -> None:
    facts = of_props("Guitarist Dean Harlow said he would tour with drummer Phil Corran and bass player "
                     "Michael Evans.", "occupation")
    assert ("Dean Harlow", "occupation", "guitarist") in facts
    assert ("Michael Evans", "occupation", "bass player") in facts
    assert ("Michael Evans", "occupation", "player") not in facts


def test_coordinated_role_words_and_a_nationality() -> None:
    facts = of_props("The British writer and broadcaster Susan Clarke said the show was cruel.",
                     "occupation", "countryOfCitizenship")
    assert {("Susan Clarke", "occupation", "writer"), ("Susan Clarke", "occupation", "broadcaster"),
            ("Susan Clarke", "countryOfCitizenship", "United Kingdom")} <= facts


def test_an_organisation_before_an_employee_role_employs() -> None:
    facts = of_props("Reuters spokesman David Wilson said the talks had ended.", "occupation", "employer")
    assert ("David Wilson", "occupation", "spokesman") in facts
    assert ("David Wilson", "employer", "Reuters") in facts


def test_apposition_with_age_and_an_employer_after_of() -> None:
    facts = of_props("Mary Johnson, 45, a Canadian actress, arrived late.", "occupation", "countryOfCitizenship")
    assert ("Mary Johnson", "occupation", "actress") in facts
    assert ("Mary Johnson", "countryOfCitizenship", "Canada") in facts
    facts = of_props('"It was close," said Robert Taylor, news editor of the Financial Times.', "occupation",
                     "employer")
    assert ("Robert Taylor", "occupation", "news editor") in facts
    assert ("Robert Taylor", "employer", "Financial Times") in facts


def test_plural_role_word_before_a_list_of_names() -> None:
    facts = of_props("The contest welcomes judges Nora Fenwick, Alan Pryce and Tessa Holm this year.", "occupation")
    assert {(n, "occupation", "judge") for n in ("Nora Fenwick", "Alan Pryce", "Tessa Holm")} <= facts
    facts = of_props("She worked with choreographers such as George Harris and Frank Moore.", "occupation")
    assert {("George Harris", "occupation", "choreographer"), ("Frank Moore", "occupation", "choreographer")} <= facts


def test_copula_and_as_but_not_a_wish() -> None:
    assert ("Laura Miller", "occupation", "comedian") in of_props("Laura Miller is an American comedian.",
                                                                  "occupation")
    assert of_props("Laura Miller wants to become a lawyer.", "occupation") == set()
    assert of_props("Laura Miller is not a lawyer.", "occupation") == set()


def test_a_band_before_a_role_is_no_employer() -> None:
    facts = of_props("The Copper Lanterns drummer Owen Pike was rushed to a clinic.", "employer")
    assert facts == set()


def test_the_end_of_an_of_phrase_before_a_role_is_no_employer() -> None:
    """A title's last words before a role (*The Keeper of the Opera director X*) name no employer;
    an organisation right before it still does."""
    facts = of_props("Paper Rivers and The Keeper of the Opera director Tom Vale won a prize.", "occupation",
                     "employer")
    assert ("Tom Vale", "occupation", "director") in facts
    assert not any(p == "employer" for _, p, _ in facts), facts
    assert ("Tom Vale", "employer", "Orbit Pictures") in of_props("Orbit Pictures director Tom Vale won a prize.",
                                                                  "employer")


def test_a_name_modifying_the_noun_after_of_is_no_employer() -> None:
    """*president of Orbit organisers*: of the organisers, whose own name may follow in apposition."""
    facts = of_props("But Tom Vale, president of Orbit organisers, the Harbour Film Society, said the rules "
                     "changed.", "employer")
    assert ("Tom Vale", "employer", "Orbit") not in facts
    assert ("Tom Vale", "employer", "Harbour Film Society") in facts
    assert ("Ann Cole", "employer", "Screen Weekly") in of_props(
        "Ann Cole, an editor of the trade paper Screen Weekly, said the film did well.", "employer")


def test_possessive_organisation_of_someone_who_speaks() -> None:
    facts = of_props("The Northern Herald's Nina Forsyth said the play was a masterpiece.", "employer")
    assert ("Nina Forsyth", "employer", "Northern Herald") in {(s, p, o.removeprefix("The ")) for s, p, o in facts}


def test_kinship_nouns_and_the_pronoun_gender() -> None:
    text = "Sarah Jones arrived with her husband Tom Baker. She thanked her son, James Jones, for coming."
    facts = of_props(text, "child", "spouse")
    assert ("Sarah Jones", "child", "James Jones") in facts
    assert ("Tom Baker", "child", "James Jones") not in facts
    assert ("Sarah Jones", "spouse", "Tom Baker") in facts
    facts = of_props("Richard Moore came to the gallery opening with his mother, Edith.", "child")
    assert facts == {("Edith", "child", "Richard Moore")}


def test_a_business_partner_is_no_partner() -> None:
    assert of_props("John Smith sold the firm to his business partner David Brown.", "partner") == set()
    assert ("John Smith", "partner", "Clara Voss") in of_props("John Smith and his girlfriend Clara Voss left.",
                                                               "partner")


def test_death_place_cause_and_a_relative_date() -> None:
    text = "Robert Wilson died of lung cancer at his home in Geneva on Monday."
    facts = of_props(text, "placeOfDeath", "causeOfDeath", "dateOfDeath", date="2004-06-10")
    assert facts == {("Robert Wilson", "placeOfDeath", "Geneva"), ("Robert Wilson", "causeOfDeath", "lung cancer"),
                     ("Robert Wilson", "dateOfDeath", "2004-06-07")}
    # without the article's date a weekday gives no date of death
    assert of_props(text, "dateOfDeath") == set()
    assert ("Peter Ivanov", "dateOfDeath", "1929") in of_props("Soon after Peter Ivanov's death in 1929, she left.",
                                                               "dateOfDeath")
    assert of_props("Robert Wilson nearly died in Geneva.", "placeOfDeath") == set()


def test_years_in_brackets_after_a_name() -> None:
    facts = of_props("William Turner (1920 - 2004) was a painter.", "dateOfBirth", "dateOfDeath")
    assert facts == {("William Turner", "dateOfBirth", "1920"), ("William Turner", "dateOfDeath", "2004")}


def test_birth_place_past_a_description() -> None:
    facts = of_props("The painter, John Keller, was born in the Egyptian capital Cairo in 1958.",
                     "placeOfBirth", "dateOfBirth")
    assert ("John Keller", "placeOfBirth", "Cairo") in facts
    assert ("John Keller", "dateOfBirth", "1958") in facts


def test_residence_and_education() -> None:
    assert ("Arthur Wells", "residence", "Lisbon") in of_props("By 1983, Arthur Wells had relocated to Lisbon.",
                                                               "residence")
    facts = of_props("Karen Lewis studied at Harvard University.", "educatedAt")
    assert facts == {("Karen Lewis", "educatedAt", "Harvard University")}
    assert of_props("Karen Lewis wants to move to Paris.", "residence") == set()


def test_becoming_a_citizen_where_one_emigrated() -> None:
    facts = of_props("Oskar Lind moved to Australia in 1952, where he later became a citizen.",
                     "countryOfCitizenship")
    assert facts == {("Oskar Lind", "countryOfCitizenship", "Australia")}


def test_someone_elses_name_before_the_role_is_no_occupation() -> None:
    facts = of_props("Senator Mark Davis, a Dana Whitlow critic, told reporters he was furious.", "occupation")
    assert facts == {("Mark Davis", "occupation", "senator")}


def test_a_title_word_is_no_death() -> None:
    assert of_props("Dora Quill won a prize for Kings Die Slowly from the film remake Harbour Lights.",
                    "causeOfDeath") == set()


def test_years_at_a_school_are_no_life() -> None:
    facts = of_props("Notable alumni include Susan Townsend (1946-1950), author.", "dateOfBirth", "dateOfDeath")
    assert facts == set()


def test_a_described_definite_stands_for_the_person_the_article_is_about() -> None:
    text = ("Jessica Moore celebrated her birthday on Sunday. Moore shared a photo with fans. "
            "Later, Moore thanked her friends. In May, the fashion designer opened up about her plans.")
    assert ("Jessica Moore", "occupation", "fashion designer") in of_props(text, "occupation")
    # two people named as often: no one is clearly meant
    text = ("Jessica Moore met Laura Hill. Moore and Hill talked. Moore left, and Hill stayed. "
            "Later, the fashion designer opened up about her plans.")
    assert of_props(text, "occupation") == set()


def test_twins_are_children_and_a_screen_husband_is_no_spouse() -> None:
    facts = of_props("Marta Keel came back to the stage a year after welcoming her twins, Lily and Owen.", "child",
                     "sibling")
    assert facts == {("Marta Keel", "child", "Lily"), ("Marta Keel", "child", "Owen")}
    assert of_props("When Greta Holm won, she hugged her television husband, Lars Berglund.",
                    "spouse") == set()
    assert of_props("Lena Park invited the pop diva and her footballer husband Marcus Vane to her party.",
                    "spouse") == set()


def test_a_character_a_category_and_someone_yet_unnamed_are_no_occupations() -> None:
    assert of_props("In the show she plays police detective Harriet Lane.", "occupation") == set()
    assert of_props("Henry Callow was best supporting actor in 1998.", "occupation") == set()
    text = "Marta Keel will voice a badger. The actor who is to voice the hen has not been named."
    assert of_props(text, "occupation") == set()


def test_a_role_noun_beside_a_named_person_is_not_that_person() -> None:
    text = "Mara Quell bought a flat in May. The designer, who helped decorate her home, is helping Mara with it."
    assert not any(p == "occupation" and o == "designer" for _, p, o in facts_of(text))
    assert ("Mara Quell", "occupation", "designer") in facts_of(
        "Mara Quell bought a flat in May. The designer said the flat was lovely.")


def test_a_role_noun_beside_someone_else_is_still_the_main_person() -> None:
    text = ("Mara Quell bought a flat in May. Quell said she loved it, and Mara Quell's friends agreed. "
            "The actress is already mother of a daughter, Nia, with ex Tom Lowry.")
    assert ("Mara Quell", "occupation", "actress") in facts_of(text)


def test_married_to_a_person_named_after_their_occupation() -> None:
    facts = facts_of("Mara Quill is married to actor Joe Hart.")
    assert ("Mara Quill", "spouse", "Joe Hart") in facts, facts
    facts = facts_of("Mara Quill was married to former footballer Joe Hart from 1990 to 1995.")
    assert ("Joe Hart", "spouse", "Mara Quill") in facts, facts


def test_married_to_no_one_named() -> None:
    facts = facts_of("Mara Quill is married to a wealthy Swiss banker, Tom Biggs said.")
    assert not any(p == "spouse" for _, p, _ in facts), facts


def test_a_subjectless_while_married_clause_ties_no_one() -> None:
    facts = of_props("The deal allowed Dan Brooke, the son Mara Quill adopted while married to Joe Hart, to visit "
                     "his brother.", "spouse")
    assert not {f for f in facts if "Dan Brooke" in (f[0], f[2])}


def test_a_pronoun_in_a_clause_stands_for_its_named_subject() -> None:
    facts = of_props("Mara Quill posted a photo of the baby, whom her brother, Tom Quill, shares with his fiancee, "
                     "Amy Lark.", "partner", "sibling")
    assert ("Tom Quill", "partner", "Amy Lark") in facts
    assert ("Mara Quill", "partner", "Amy Lark") not in facts


def test_a_pronoun_two_people_may_fit_marries_no_one() -> None:
    facts = of_props("Mara Quill met Lia Stone in 2004. In 2010 she married Joe Hart.", "spouse")
    assert not {f for f in facts if "Joe Hart" in (f[0], f[2])}


def test_a_description_that_married_is_left_alone() -> None:
    facts = of_props("Tom Hart and Joe Hart had lunch. Married twice before to Ann Lee and Lia Stone, the film's "
                     "star said he was happy.", "spouse")
    assert not facts


def test_a_question_or_a_guess_is_no_marriage() -> None:
    assert not of_props("Will Mara Quill and Joe Hart get married soon?", "spouse")
    assert not of_props("They met in May.\n\nSo will Quill and Hart get married soon?\n\nWe hope so.", "spouse")


def test_in_laws_rumours_and_roles_are_no_kin() -> None:
    assert not of_props("Ann Lee made up with Lia Stone, her former daughter-in-law.", "child")
    assert not of_props("Tom Hart has asked his rumoured girlfriend Lia Stone not to film him.", "partner")
    assert not of_props("Ann Lee had a cameo role as Tom Hart's mother Sheila in the comedy.", "child")


def test_the_relative_in_brackets_is_the_name_right_before() -> None:
    facts = of_props("The cast includes Tom Hart, Ben Cole and Lia Stone (daughter of Mara Quill).", "child")
    assert ("Mara Quill", "child", "Ben Cole") not in facts
    assert ("Mara Quill", "child", "Tom Hart") not in facts


def test_no_one_named_near_a_pronoun_has_no_mother() -> None:
    facts = of_props("Mara Quill wed Joe Hart in June. The party went on late. Zorb also shared photos of her "
                     "dress. Also joining her at the party was her mother Ann Lee.", "child")
    assert ("Ann Lee", "child", "Mara Quill") not in facts


def test_a_band_has_no_occupation() -> None:
    facts = of_props("New artists such as Tom Jones, Paper Sisters and Kate Moss sold well.", "occupation")
    assert ("Tom Jones", "occupation", "artist") in facts
    assert not {f for f in facts if "Sisters" in f[0]}
    assert not of_props("The Lanterns, aka the rapper and songwriter Joe Hart, won.", "occupation") & {
        ("The Lanterns", "occupation", "songwriter")}


def test_the_name_a_relative_clause_hangs_on_is_not_the_pronoun_in_it() -> None:
    facts = of_props("The show's star posted a photo with Lia, 6 months, whom her brother, Tom Quill, shares with "
                     "his fiancee.", "sibling")
    assert ("Lia", "sibling", "Tom Quill") not in facts


def test_an_opening_born_phrase_ends_at_its_own_words() -> None:
    facts = of_props("Born in Leeds, Yorkshire, she also starred in 1989's Paper Rivers. Mara Quill said so.",
                     "dateOfBirth")
    assert not {f for f in facts if f[2] == "1989"}
    facts = of_props("Born in January 1934, Mara Quill won a scholarship when she was 15.", "dateOfBirth")
    assert ("Mara Quill", "dateOfBirth", "1934-01") in facts
    facts = of_props("Born in Leeds, Yorkshire, on 5 May 1931, Mara Quill was the only child of a baker.", "dateOfBirth")
    assert ("Mara Quill", "dateOfBirth", "1931-05-05") in facts


def test_a_choice_of_where_to_live_is_no_residence() -> None:
    assert not of_props("Mara Quill and Joe Hart were fighting over whether to live in London or Paris.", "residence")


def test_a_pronoun_two_men_may_fit_moves_no_one() -> None:
    facts = of_props("Tom Hart met Joe Cole in May. Later he moved to Paris.", "residence")
    assert ("Joe Cole", "residence", "Paris") not in facts
    assert ("Tom Hart", "residence", "Paris") in of_props("Tom Hart sang in May. Later he moved to Paris.", "residence")


def test_a_life_in_brackets_gives_both_dates_and_places() -> None:
    facts = of_props("Nikolai Borsky (June 3, 1911 in Saint Petersburg, Russian Empire \u2013 March 9, 1999 in "
                     "Moscow, Russia) was a pianist.", "dateOfBirth", "dateOfDeath", "placeOfBirth",
                     "placeOfDeath")
    assert facts == {("Nikolai Borsky", "dateOfBirth", "1911-06-03"), ("Nikolai Borsky", "dateOfDeath", "1999-03-09"),
                     ("Nikolai Borsky", "placeOfBirth", "Saint Petersburg"), ("Nikolai Borsky", "placeOfDeath", "Moscow")}
    assert of_props("Anna Holm (May 19, 1896-April 12, 1970) was a Swedish singer.", "dateOfBirth", "dateOfDeath") \
        == {("Anna Holm", "dateOfBirth", "1896-05-19"), ("Anna Holm", "dateOfDeath", "1970-04-12")}
    assert of_props("Lena Frost (; 22 June 1940 \u2013 4 July 2016) was a film director.", "dateOfDeath") \
        == {("Lena Frost", "dateOfDeath", "2016-07-04")}


def test_years_in_brackets_too_close_for_a_life_are_no_life() -> None:
    assert not of_props("The minister Tom Bale (1997\u20132007) left office.", "dateOfBirth", "dateOfDeath")
    assert of_props("Tom Hale (1920 - 2004) was a painter.", "dateOfBirth") == {("Tom Hale", "dateOfBirth", "1920")}


def test_born_in_brackets_is_the_name_just_before_them() -> None:
    facts = of_props("The series features twin brothers Jon Hale and Drew Hale (born April 28, 1978) who help "
                     "buyers.", "dateOfBirth")
    assert facts == {("Drew Hale", "dateOfBirth", "1978-04-28")}


def test_two_parents_named_together_are_a_couple_and_the_child_is_theirs() -> None:
    facts = of_props("Anna Vale, the daughter of Tom Vale and Rita Vale, is an actress.", "child", "spouse")
    assert facts == {("Tom Vale", "child", "Anna Vale"), ("Rita Vale", "child", "Anna Vale"),
                     ("Tom Vale", "spouse", "Rita Vale")}
    assert of_props("His Greek parents are Andros and Harula Alias.", "spouse") == {("Andros", "spouse", "Harula Alias")}
    facts = of_props("Tom Mura was born in Dublin to Peter Mura, an engineer, and Barbara, who is Irish.", "child", "spouse")
    assert ("Peter Mura", "child", "Tom Mura") in facts and ("Peter Mura", "spouse", "Barbara") in facts


def test_one_parent_makes_no_couple() -> None:
    assert not of_props("Anna Vale is the daughter of the painter Tom Vale.", "spouse")


def test_a_list_of_children_of_different_parents_is_no_couple() -> None:
    facts = of_props('Her friends Gina Hart, a daughter of the singer Yola Hart, and Holly Bell, a daughter of '
                     'Steve Bell, are models.', "child", "spouse")
    assert ("Yola Hart", "spouse", "Holly Bell") not in facts and ("Holly Bell", "child", "Gina Hart") not in facts


def test_a_divorce_or_a_separation_names_spouses() -> None:
    pair = {("Dana Loy", "spouse", "Rick Tam"), ("Rick Tam", "spouse", "Dana Loy")}
    assert of_props("Dana Loy filed for divorce from Rick Tam in September.", "spouse") == pair
    assert of_props("Dana Loy and Rick Tam divorced in 2003.", "spouse") == pair
    assert of_props("Dana Loy is divorcing Rick Tam.", "spouse") == pair


def test_dating_an_engagement_or_a_split_names_partners() -> None:
    pair = {("Dana Loy", "partner", "Rick Tam"), ("Rick Tam", "partner", "Dana Loy")}
    assert of_props("Dana Loy split from Rick Tam in 2013.", "partner") == pair
    assert of_props("Dana Loy is engaged to Rick Tam.", "partner") == pair
    assert of_props("Dana Loy and Rick Tam got engaged in May.", "partner") == pair
    assert of_props("Dana Loy and Rick Tam, who have been dating since December, adopted a puppy.", "partner") == pair


def test_a_rumour_a_belief_a_denial_or_a_relative_is_no_couple() -> None:
    for text in ("Rick Tam is rumoured to be dating the model Dana Loy.", "Dana Loy denied she was dating Rick Tam.",
                 "Fans think Dana Loy and Rick Tam are dating.", "Dana Loy talked about her relationship with daughter Ivy.",
                 "Dana Loy has a working relationship with Rick Tam.", "The band split in 1999."):
        assert not of_props(text, "partner", "spouse"), text


def test_whose_spouse_when_the_possessive_hangs_elsewhere() -> None:
    pair = {("Dana Loy", "spouse", "Rick Tam"), ("Rick Tam", "spouse", "Dana Loy")}
    assert of_props("Dana Loy's ex-husband Rick Tam was there.", "spouse") == pair
    assert of_props("Dana Loy says even though she and husband Rick Tam are splitting up, they are friends.",
                    "spouse") == pair
    assert of_props("Dana Loy, the former wife of Rick Tam, arrived.", "spouse") == pair
    assert of_props("Dana Loy is the wife of the actor Rick Tam.", "spouse") == pair


def test_the_day_ner_leaves_before_a_month_is_the_dates() -> None:
    assert of_props("Tom Vale, MBE (born 14 November 1931) is a Welsh singer.", "dateOfBirth") == {
        ("Tom Vale", "dateOfBirth", "1931-11-14")}
    assert of_props("Tom Vale died on 3 March 2004 in Leeds.", "dateOfDeath") == {("Tom Vale", "dateOfDeath", "2004-03-03")}
    assert of_props("Tom Vale was born on 29th December 1928.", "dateOfBirth") == {("Tom Vale", "dateOfBirth", "1928-12-29")}


def test_a_role_written_before_a_name_is_no_part_of_it() -> None:
    assert ("Jon Vane", "occupation", "dj") in facts_of("DJ Jon Vane died on Monday.")
    assert ("Kara Holt", "occupation", "sprinter") in facts_of("Sprinter Kara Holt won the race.")


def test_a_denied_kinship_is_no_kinship() -> None:
    assert not of_props("Gene tests later proved Tom Bay was not Rick Vane's son.", "child")
    assert of_props("Tom Bay is Rick Vane's son.", "child") == {("Rick Vane", "child", "Tom Bay")}


def test_a_post_with_its_field_and_its_house() -> None:
    facts = of_props("\"It held up,\" said Nell Quarry, head of distribution for Brightwater Pictures.",
                     "occupation", "employer")
    assert facts == {("Nell Quarry", "occupation", "head of distribution"),
                     ("Nell Quarry", "employer", "Brightwater Pictures")}
    facts = of_props("Osric Penn, the head of Lanternfish Records, welcomed the deal.", "occupation", "employer")
    assert facts == {("Osric Penn", "occupation", "head"), ("Osric Penn", "employer", "Lanternfish Records")}
    assert ("Osric Penn", "occupation", "chief of staff") in facts_of(
        "Osric Penn, chief of staff at the Harbour Council, resigned.")
    # no house named: no post read from the family or the film
    assert not of_props("Osric Penn, head of the family, said it was over.", "occupation", "employer")


def test_a_dash_ends_an_apposition() -> None:
    # (the singer's name is followed by a comma, then another clause's subject and a dash)
    facts = of_props("To mark the birthday of singer Osric Penn, Nell Quarry - Penn's former head of press at "
                     "Lanternfish Records - remembers him.", "occupation", "employer")
    assert ("Osric Penn", "occupation", "head of press") not in facts
    assert ("Osric Penn", "occupation", "singer") in facts


def test_a_managing_director_directs_no_work() -> None:
    facts = facts_of("Osric Penn, managing director of Lanternfish Music, said the label was growing.")
    assert not {f for f in facts if f[1] == "director"}


def test_occupations_news_writes_beside_a_name() -> None:
    assert ("Osric Penn", "occupation", "record executive") in facts_of(
        "She was discovered at an audition by a US record executive, Osric Penn.")
    assert ("Nell Quarry", "occupation", "cinematographer") in facts_of(
        "Cinematographer Nell Quarry shot the film in Lisbon.")
    assert ("Osric Penn", "occupation", "auctioneer") in facts_of("Osric Penn, an auctioneer, sold the guitar.")


def test_an_occupation_of_anyone_is_not_read_from_a_bare_noun() -> None:
    # the article's one person is not the unnamed waiter or interviewer the text speaks of
    text = ("Nell Quarry opened her new restaurant on Friday. Quarry, 41, greeted guests at the door. "
            "The waiter said the menu was short. Quarry said she was happy.")
    assert not {f for f in of_props(text, "occupation") if f[2] == "waiter"}
    assert ("Nell Quarry", "occupation", "actress") in of_props(
        "Nell Quarry won the award on Friday. Quarry, 41, was thrilled. The actress said she was happy.", "occupation")


def test_a_marriage_to_someone_makes_them_spouses_unless_only_proposed() -> None:
    facts = facts_of("Osric Penn was an English actor best known for his appearances in war films and his "
                     "marriage to Nell Quarry. Tam Vell opposed his proposed marriage to Lu Vane. "
                     "Ada Crane's marriage with Jory Fenn ended in 1990.")
    assert ("Osric Penn", "spouse", "Nell Quarry") in facts
    assert ("Ada Crane", "spouse", "Jory Fenn") in facts
    assert not any("Lu Vane" in (s, o) for s, p, o in facts if p == "spouse")


def test_a_bare_spouse_noun_is_the_subjects_or_the_coordinated_persons() -> None:
    # "with husband Y": the one person the clause is about; "X and wife Y": the person beside it
    facts = facts_of("Ann Vale arrived at the gala with husband Tom Ashby.")
    assert ("Ann Vale", "spouse", "Tom Ashby") in facts
    facts = facts_of("Rosa Marsh and husband Tim Oakes were seen in Leeds on Saturday.")
    assert ("Rosa Marsh", "spouse", "Tim Oakes") in facts
    facts = facts_of("Tom Ashby posed with daughter Lia and son Rob at the premiere.")
    assert ("Tom Ashby", "child", "Lia") in facts and ("Tom Ashby", "child", "Rob") in facts


def test_a_bare_kin_noun_with_no_one_to_belong_to() -> None:
    # two subjects, a list of children, a title's star, a bare partner: whose, the text does not say
    assert not any(p in ("partner", "spouse") for _, p, _ in facts_of(
        "Ann and Rosa Vale attended the party with boyfriend Tom Ashby."))
    assert not any(p == "child" for _, p, _ in facts_of(
        "They share three children, Hal, 10, and Jon, 9, and daughter Lia, 6."))
    assert not any(p == "spouse" for _, p, _ in facts_of(
        "The Paper Rivers star spoke of his twin sons, with wife Rosa Marsh."))
    assert not any(p in ("partner", "spouse") for _, p, _ in facts_of(
        "Ann Vale danced the tango with partner Tom Ashby on Saturday."))


def test_tying_the_knot_is_marrying_and_a_wish_is_not() -> None:
    facts = facts_of("Ann Vale tied the knot with actor Tom Ashby in a secret ceremony.")
    assert ("Ann Vale", "spouse", "Tom Ashby") in facts
    facts = facts_of("Rosa Marsh and Tim Oakes tied the knot in 2003.")
    assert ("Rosa Marsh", "spouse", "Tim Oakes") in facts
    for text in ("Ann Vale does not want to marry Tom Ashby.",
                 "Ann Vale hopes to tie the knot with Tom Ashby.",
                 "Tom Ashby tied the knot on the rope."):
        assert not any(p == "spouse" for _, p, _ in facts_of(text))


def test_the_spouse_of_a_part_played_is_no_ones_own() -> None:
    # "who plays Y's wife Mara": a character's marriage, not the actor's
    facts = facts_of("Priya Nair, who plays Reed's wife Mara, is nominated for best supporting actress.")
    assert not any(p == "spouse" for _, p, _ in facts)
    facts = facts_of("Tom Reed plays a detective, and his wife Lena Holt plays a nurse.")
    assert ("Tom Reed", "spouse", "Lena Holt") in facts


def test_the_subject_after_an_adverbial_naming_someone_is_no_apposition() -> None:
    # "Speaking to X, the actress said": the actress is the one speaking, not X
    facts = facts_of("Speaking to Tom Reed, the actress said the film was hard.")
    assert not any(s == "Tom Reed" and p == "occupation" for s, p, _ in facts)
    assert ("Tom Reed", "occupation", "singer") in facts_of("Tom Reed, the singer, said she would tour.")
