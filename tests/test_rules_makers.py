"""Makers (kg.makers): the company behind a work, a work's makers, a producer's own banner."""
from __future__ import annotations

from tests.test_extract import facts_of


def _made(text: str) -> set[tuple[str, str, str]]:
    return {f for f in facts_of(text) if f[1] == "productionCompany"}


def test_the_company_behind_a_work_and_its_makers_produce_it() -> None:
    assert _made("Harbour Media, the company behind the drama Cold Harbour, said it was happy.") == {
        ("Cold Harbour", "productionCompany", "Harbour Media")}
    assert _made("The makers of the drama Cold Harbour, Harbour Media, said it would return.") == {
        ("Cold Harbour", "productionCompany", "Harbour Media")}


def test_a_producer_s_own_banner_produces_the_work() -> None:
    assert _made("Cold Harbour is a 1937 film. The film was produced by Arun Desai under his banner Lotus Reel Films.") == {
        ("Cold Harbour", "productionCompany", "Lotus Reel Films")}


def test_a_channel_behind_a_work_airs_it_and_makes_nothing() -> None:
    assert not _made("ITV, the channel behind the drama Cold Harbour, said it would return.")
