"""Attribution: 'W by X' and X's "W" give a song's performer or a book's author, where the title's
kind or the sentence's words say which; a film's or a show's 'by' gives nothing."""
from __future__ import annotations

from tests.test_extract import facts_of


def _of(text: str, *props: str) -> set[tuple[str, str, str]]:
    return {f for f in facts_of(text) if f[1] in props}


def test_a_title_by_someone_in_a_sentence_about_songs_is_theirs_to_perform() -> None:
    assert _of('The album of the year award went to "Blue Lanterns" by Mara Quinn.', "performer", "author") == {
        ("Blue Lanterns", "performer", "Mara Quinn")}
    assert _of('She covered "Blue Lanterns" by Mara Quinn on her debut album.', "performer") == {
        ("Blue Lanterns", "performer", "Mara Quinn")}


def test_a_possessive_before_a_quoted_title_in_a_sentence_about_singing() -> None:
    assert _of("Later she sang a rendition of Etta Vane\u2019s \u201cAt Dusk.\u201d", "performer") == {
        ("At Dusk", "performer", "Etta Vane")}
    assert _of('A busker sang Mara Quinn\'s "Grey Morning" on the train.', "performer") == {
        ("Grey Morning", "performer", "Mara Quinn")}


def test_a_title_by_someone_in_a_sentence_about_books_is_theirs_to_write() -> None:
    assert _of('She read "The Salt House" by Ruth Ellery.', "author", "performer") == {
        ("The Salt House", "author", "Ruth Ellery")}


def test_a_film_or_a_show_by_someone_names_no_performer_or_author() -> None:
    for text in ('The festival opened with the film "Cold Harbour" by Hal Grune, a song-filled drama.',
                 'Critics loved the documentary "Glass Tower" by Ivo Ness, which tells of his songs.',
                 'She read the remix of "Blue Lanterns" by Mara Quinn.'):
        assert not _of(text, "performer", "author"), text
