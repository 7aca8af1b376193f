"""The per-article caches of kg.extract.sents follow the article being read."""
import spacy

from kg.extract.sents import lemmas_of, lowers_of, text_of


def test_text_of_is_the_text_of_the_article_being_read():
    nlp = spacy.blank("en")
    first, second = nlp("Mara Venn sang.\n\nThen she left."), nlp("A second, shorter one.")
    assert text_of(first) == first.text
    assert text_of(second) == "A second, shorter one."  # a new article: no stale text
    assert text_of(first) == "Mara Venn sang.\n\nThen she left."


def test_lemmas_of_follows_the_article_being_read():
    nlp = spacy.blank("en")
    first, second = nlp("Mara Venn SANG."), nlp("Ships sail on.")
    for t, lemma in zip(first, ["mara", "venn", "sang", "."]):
        t.lemma_ = lemma.upper()
    assert lemmas_of(first) == ["mara", "venn", "sang", "."]
    assert lemmas_of(second) == [t.lemma_.lower() for t in second]  # a new article: no stale lemmas
    assert lemmas_of(first)[2] == first[2].lemma_.lower()


def test_lowers_of_follows_the_article_being_read():
    nlp = spacy.blank("en")
    first, second = nlp("Mara Venn SANG."), nlp("Ships sail on.")
    assert lowers_of(first) == ["mara", "venn", "sang", "."]
    assert lowers_of(second) == ["ships", "sail", "on", "."]  # a new article: no stale words
