"""The per-article caches of kg.extract.sents follow the article being read."""
import spacy

from kg.extract.sents import text_of


def test_text_of_is_the_text_of_the_article_being_read():
    nlp = spacy.blank("en")
    first, second = nlp("Mara Venn sang.\n\nThen she left."), nlp("A second, shorter one.")
    assert text_of(first) == first.text
    assert text_of(second) == "A second, shorter one."  # a new article: no stale text
    assert text_of(first) == "Mara Venn sang.\n\nThen she left."
