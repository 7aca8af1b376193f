"""The books family (kg/extract/rules/books.py) on sentences written for the test."""
from __future__ import annotations

from tests.test_extract import facts_of


def test_possessive_novel_after_a_comma() -> None:
    facts = facts_of("Marta Kowalski spent a decade in Lisbon. It became Kowalski's first novel, The Salt Orchard, in 1991.")
    assert ("The Salt Orchard", "author", "Marta Kowalski") in facts


def test_novel_by_its_author() -> None:
    facts = facts_of("The film is based on Winter Harbour, a novel by Idris Palmer.")
    assert ("Winter Harbour", "author", "Idris Palmer") in facts


def test_wrote_the_book() -> None:
    facts = facts_of("Helen Carter wrote the book Quiet Rivers after leaving the newspaper.")
    assert ("Quiet Rivers", "author", "Helen Carter") in facts


def test_the_author_of() -> None:
    facts = facts_of("Leo Hartmann, the author of Paper Moons, has died aged 80.")
    assert ("Paper Moons", "author", "Leo Hartmann") in facts


def test_published_by_an_organisation() -> None:
    facts = facts_of("The memoir Long Shadows was published by Harbour House Press in May.")
    assert ("Long Shadows", "publisher", "Harbour House Press") in facts


def test_a_book_about_a_person_names_no_author() -> None:
    facts = facts_of("Critics praised the book Quiet Rivers, which describes the life of Amara Obi.")
    assert not any(p == "author" for _, p, _ in facts)


def test_a_title_that_proves_to_be_her_last_book() -> None:
    facts = facts_of("Novelist Ada Brooks died in May. The 2001 novel Cold Harbour proved to be Brooks's final book.")
    assert ("Cold Harbour", "author", "Ada Brooks") in facts


def test_a_title_ner_took_for_a_person_after_a_book_noun() -> None:
    # no given name, named once: a title; the possessive over a hyphened modifier is its author
    facts = facts_of("The film is based on Ann Vale's best-selling novel Paper Rivers.")
    assert ("Paper Rivers", "author", "Ann Vale") in facts


def test_a_title_no_one_named_before_an_author_noun() -> None:
    assert ("Paper Rivers", "author", "Ann Vale") in facts_of("The Paper Rivers author Ann Vale will attend.")
    # a nationality, a kind of book or a prize before the noun is no title
    for text in ("Scottish author Ann Vale will attend.", "Crime author Ann Vale will attend.",
                 "Booker Prize-winning author Ann Vale will attend."):
        assert not any(p == "author" for _, p, _ in facts_of(text))
