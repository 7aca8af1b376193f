"""Record labels of singers and bands (kg.label_artist): signing, recording for, 'L artist X'."""
from __future__ import annotations

from tests.test_extract import facts_of


def _labels(text: str) -> set[tuple[str, str, str]]:
    return {f for f in facts_of(text) if f[1] == "recordLabel"}


def test_who_signs_to_a_label_records_for_it() -> None:
    assert _labels("Rock band Crowsfoot signed with Pella Records in 2001.") == {
        ("Crowsfoot", "recordLabel", "Pella Records")}
    assert _labels("Indie band The Loud Hours, who are signed to Pella Records, played.") == {
        ("The Loud Hours", "recordLabel", "Pella Records")}
    assert _labels("Pella Records signed Jo Kell in 1999.") == {("Jo Kell", "recordLabel", "Pella Records")}
    assert _labels("Jo Kell signed a deal with Pella Records.") == {("Jo Kell", "recordLabel", "Pella Records")}


def test_recording_for_a_label_and_a_label_s_artist() -> None:
    assert _labels("Jo Kell recorded five albums for Pella Records.") == {("Jo Kell", "recordLabel", "Pella Records")}
    assert _labels("Pella Records artist Jo Kell said she was happy.") == {("Jo Kell", "recordLabel", "Pella Records")}


def test_a_plan_a_petition_or_a_club_is_no_label() -> None:
    for text in ("Jo Kell will sign with Pella Records next year.", "Jo Kell signed the petition with Pella Records staff.",
                 "Jo Kell signed to Sky Sports.", "Chelsea signed Jo Kell in 1999."):
        assert not _labels(text), text


def test_who_is_signed_up_to_someone_s_label_records_for_it() -> None:
    assert _labels("The rapper Jay Vane signed Tom Wells up to his Roc-A-Fella record label to produce artists.") == {
        ("Tom Wells", "recordLabel", "Roc-A-Fella")}


def test_the_band_or_a_pronoun_signing_with_a_label_is_the_one_the_article_is_about() -> None:
    facts = facts_of("The rock band Cold Fleet cancelled two dates. Cold Fleet said the tour would resume. "
                     "In 1999 the band signed with Harbor Records.",
                     "Nell Quarry is a singer from Leeds. In 2004 she signed to Stone Records.")
    assert ("Cold Fleet", "recordLabel", "Harbor Records") in facts
    assert ("Nell Quarry", "recordLabel", "Stone Records") in facts


def test_a_pronoun_a_label_signs_is_left_unread() -> None:
    facts = facts_of("Nell Quarry is a singer from Leeds. Stone Records signed him in 2005.")
    assert not any(p == "recordLabel" for _, p, _ in facts)
