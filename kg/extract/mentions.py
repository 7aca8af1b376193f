"""Mention detection: which spans of an article name a person, work, organisation, place,
group or award.

spaCy's NER is the first vote, not the last word. Rules add what it misses (titles after
*series/film/documentary*, quoted titles, award names, groups such as *the X Five*, names in a
lexicon of broadcasters) and fix what it mistypes (a name in a list of people is a person; a
name extended by a capitalised first name). Each mention records the versioned rule that made it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon, english_words, first_names, world_first_names
from kg.extract.sents import ents_of, lemmas_of, lowers_of, sent_of, text_of, tokens_of
from kg.model import AWARD, CHARACTER, GROUP, KIN_RULE, ORGANIZATION, PERSON, PLACE, PRODUCTION

NER_TYPES = {
    "PERSON": (PERSON, 0.8), "ORG": (ORGANIZATION, 0.55), "GPE": (PLACE, 0.6), "LOC": (PLACE, 0.7),
    "FAC": (PLACE, 0.5), "WORK_OF_ART": (PRODUCTION, 0.55),  # below what confirms a title (0.6)
}
SMALL_WORDS = {"of", "the", "a", "an", "and", "in", "on", "at", "to", "for", "with", "from", "by", "or", "de", "la",
               "le", "les", "von", "van", "der", "du", "di", "da", "del", "della", "des", "el", "los", "las", "y", "et",
               "und", "&", "vs", "vs."}
QUOTES = {"\u2018": "\u2019", "\u201c": "\u201d", '"': '"', "'": "'"}
_QUOTE_MARKS = frozenset(QUOTES) | frozenset(QUOTES.values())  # every opening and closing mark
PRONOUN_STARTS = {"i", "we", "you", "he", "she", "it", "they", "this", "that", "there", "what", "why", "how", "our",
                  "my", "your", "his", "her", "their"}


@dataclass(frozen=True, slots=True)
class Found:
    """A span proposed as a mention (token offsets) before overlaps are settled."""

    start: int
    end: int
    type: str
    rule: str
    confidence: float
    priority: int
    kind: str | None = None
    canonical: str | None = None


def _strip(doc: Doc, start: int, end: int, *, title: bool = False) -> tuple[int, int]:
    """Drop leading determiners, trailing possessives and punctuation from a token range.

    In a title (``title=True``) a capitalised *A*/*An* followed by a capitalised word is part
    of the name (*A Lamp for the Harbour*); *The* is dropped either way, as every matcher ignores it.
    """
    art = tokens_of(doc)  # the article's tokens (doc[k] makes a new Token on each call)
    while start < end and (art[start].lower_ in ("the", "a", "an") or art[start].is_punct or art[start].is_space):
        if title and art[start].text in ("A", "An") and start + 1 < end and _titleish(art[start + 1]):
            break
        start += 1
    while end > start and (art[end - 1].tag_ == "POS" or art[end - 1].is_punct or art[end - 1].is_space
                           or art[end - 1].lower_ in ("'s", "\u2019s")):
        if title and art[end - 1].text == "!" and end - 1 > start and not art[end - 2].whitespace_:
            break  # "Skyplane!"
        end -= 1
    return start, end


def _titleish(tok: Token) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or t[0].isdigit() or (t[0] == "#" and len(t) > 1))


# prepositions a title may hold in lowercase (*Journey into Morning*, *Rain over Glass*), where a
# capitalised word of the title (no person, place or organisation NER knows) follows
TITLE_PREPOSITIONS = frozenset({"into", "onto", "upon", "over", "under", "through", "without", "beyond", "against",
                                "across", "within", "beneath"})


def _small_words_then_title(doc: Doc, j: int, sent_end: int, dated: bool = False) -> bool:
    """Whether the small words from ``j`` (*in the*, *and the*) lead on to a capitalised word
    (``dated``: the run began with a date's word, and one may end it: *March to October*)."""
    k = j
    while k < sent_end and k < j + 3 and (doc[k].lower_ in SMALL_WORDS or doc[k].lower_ in TITLE_PREPOSITIONS):
        k += 1
    if any(doc[x].lower_ in TITLE_PREPOSITIONS for x in range(j, k)) and k < sent_end \
            and doc[k].ent_type_ in ("PERSON", "GPE", "NORP", "ORG", "LOC", "FAC"):
        return False
    if doc[j].lower_ in ("by", "from", "with", "for", "featuring") and k < sent_end and doc[k].ent_type_ in ("PERSON", "ORG", "GPE", "NORP") \
            and not (doc[j].lower_ == "with" and j >= 1 and doc[j - 1].lower_.endswith("ing") and doc[j - 1].text[:1].isupper()
                     and (j < 2 or not _titleish(doc[j - 2]) or doc[j - 2].is_punct)):
        return False  # "The Long Field by Jane Doe": the title ends before its author
        # (but "Living with Jane Doe", "Dancing with Tom Vale": a lone gerund goes on with its "with")
    return k < sent_end and k > j and _titleish(doc[k]) and not doc[k].is_punct and not doc[k].text[0].isdigit() \
        and (doc[k].ent_type_ != "DATE" or dated)


def _title_run(doc: Doc, i: int, limit: int = 12, possessive: bool = False) -> int:
    """End (exclusive) of a run of title-case tokens starting at ``i``; ``i`` when none
    (``possessive``: a possessive after a person's name stays inside, as in a title named by
    its production noun, *the comedy Bill and Ted's Great Day*)."""
    j = i
    sent_end = sent_of(doc[i]).end if i < len(doc) else i
    while j < min(sent_end, i + limit):
        tok = doc[j]
        if _titleish(tok) and not tok.is_punct:
            j += 1
        elif (tok.lower_ in SMALL_WORDS or tok.lower_ in TITLE_PREPOSITIONS) and j > i \
                and _small_words_then_title(doc, j, sent_end, doc[i].ent_type_ == "DATE" and doc[i].is_alpha):
            j += 1
        elif tok.text == ":" and j > i and j + 1 < sent_end and _titleish(doc[j + 1]) and not doc[j + 1].is_punct:
            j += 1
        elif tok.lower_ in ("'s", "\u2019s") and j > i and j + 1 < sent_end and _titleish(doc[j + 1]) \
                and not doc[j + 1].is_punct and (doc[j - 1].ent_type_ != "PERSON" or possessive
                                                 and doc[j + 1].ent_type_ != "PERSON"):
            j += 1
        elif tok.lower_ in ("n't", "n\u2019t", "'ll", "'re", "'ve", "'m", "'d") and j > i and not doc[j - 1].whitespace_ \
                and _titleish(doc[j - 1]):
            j += 1  # "A Grand Don't Come for Free", "You'll Find The Harbour": a clitic of the word before
        elif tok.text in ("-", "'", "\u2019", "!", "?", ".") and j > i and j + 1 < sent_end \
                and not doc[j].whitespace_ and _titleish(doc[j + 1]):
            j += 1
        elif tok.text == "!" and j > i and not doc[j - 1].whitespace_ and _titleish(doc[j - 1]) \
                and (j + 1 >= sent_end or doc[j + 1].is_punct or doc[j + 1].lower_ in SMALL_WORDS):
            j += 1  # "Skyplane!", "Hold On Now!": the mark is the title's own
            break
        else:
            break
    while j > i and doc[j - 1].lower_ in SMALL_WORDS:
        j -= 1
    return j


def _ner(doc: Doc, demonyms: dict[str, str], lead_words: frozenset[str] = frozenset()) -> Iterator[Found]:
    art = tokens_of(doc)  # the article's tokens (doc[k] makes a new Token on each call)
    # the names NER reads on their own, with no possessive inside ("Tessa Quint", "the Otters"),
    # and their labels: an owner NER ran into the name of a thing it owns
    alone: dict[str, str] = {}
    for ent in ents_of(doc):
        if ent.label_ in NER_TYPES and not any(t.lower_ in ("'s", "\u2019s") for t in ent):
            a, b = _strip(doc, ent.start, ent.end)
            alone.setdefault(doc[a:b].text, ent.label_)
    for ent in ents_of(doc):
        if ent.label_ not in NER_TYPES:
            continue
        etype, conf = NER_TYPES[ent.label_]
        start, end = _strip(doc, ent.start, ent.end)
        # a name ends before a small word that leads on to no capitalised word ("the Metro
        # Top 40 for the month of ...", "Festival of", "Sons in"): NER ran on into the sentence
        for k in range(start + 1, end):
            if art[k].lower_ in SMALL_WORDS and art[k].text.islower():
                nxt = next((t for t in art[k:end] if t.lower_ not in SMALL_WORDS), None)
                if nxt is None or not _titleish(nxt) or nxt.ent_type_ in ("DATE", "CARDINAL", "TIME"):
                    end = k
                    break
        words = doc[start:end].text.lower()
        if words in lead_words or all(t.lower_ in lead_words for t in art[start:end]):
            continue  # "Producer", "Head Writer": a capitalised role, not a name
        # A dash or a line break inside a name means NER ran two things together: split there.
        pieces, s = [], start
        for k in range(start, end):
            if art[k].text in ("\u2014", "\u2013", "--") or "\n" in art[k].text \
                    or art[k].text == "-" and art[k].whitespace_ and k > start and art[k - 1].whitespace_ \
                    or art[k].text == "," and etype != PRODUCTION \
                    or etype == PERSON and art[k].lower_ in ("'s", "\u2019s") and k > s \
                    or etype != PERSON and art[k].lower_ in ("and", "&") and k > s and k + 1 < end \
                    and art[k + 1].lower_ in SMALL_WORDS and art[k + 1].text[:1].isupper():
                # ("The Long Field and In Deep Water": a capitalised small word after "and" starts
                # a second name)
                # "X's de Laval", "Y's Jane Doe": a possessive inside a person's name ends it
                pieces.append((s, k))
                s = k + 1
        pieces.append((s, end))
        if etype != PERSON:
            # "Tessa Quint's Paper Rivers", "the Otters' Cold Lake" read as one name: where NER reads
            # the owner alone elsewhere in the article, the owner is that name and the rest the
            # thing owned ("Harper's Bazaar", whose owner the article never names alone, stays whole)
            owned = []
            for a, b in pieces:
                k = next((k for k in range(a + 1, b - 1) if art[k].lower_ in ("'s", "\u2019s")
                          and _titleish(art[k + 1]) and not art[k + 1].is_punct), None)
                a2, b2 = _strip(doc, a, k) if k is not None else (a, a)
                label = alone.get(doc[a2:b2].text) if a2 < b2 else None
                if k is None or label is None:
                    owned.append((a, b))
                    continue
                yield Found(a2, b2, NER_TYPES[label][0], f"kg.ner_{label.lower()}.v1", NER_TYPES[label][1], 1)
                owned.append((k + 1, b))
            pieces = owned
        if etype == PERSON and len(pieces) == 1:
            # "Nadia Ferrante of The Courier": a person of an organisation, which NER ran into one name
            of = next((k for k in range(start + 2, end - 1) if art[k].lower_ == "of" and _titleish(art[k + 1])), None)
            if of is not None:
                a2, b2 = _strip(doc, of + 1, end)
                if a2 < b2:
                    yield Found(a2, b2, ORGANIZATION, "kg.ner_org.v1", 0.5, 1)
                pieces = [(start, of)]
        for a, b in pieces:
            a, b = _strip(doc, a, b)
            if a >= 1 and art[a - 1].text in _shape_heads()["show_prefixes"] and art[a - 1].whitespace_:
                a -= 1  # "Celebrity Quiz Night": the format's word is the show's
            # "X-Factor Harbour": NER began after a hyphen inside a word; the name begins with that word
            while a >= 2 and art[a - 1].text == "-" and not art[a - 1].whitespace_ and not art[a - 2].whitespace_ \
                    and _titleish(art[a - 2]) and not art[a - 2].is_punct:
                a -= 2
            while etype in (PERSON, ORGANIZATION) and b - a > 1 and art[b - 1].pos_ in ("VERB", "AUX", "ADV"):
                b -= 1  # "Quint co-wrote": NER ran the name into the verb after it
            while b - a > 1 and (art[b - 1].lower_ in SMALL_WORDS and art[b - 1].text.islower()
                                 or art[b - 1].is_punct and art[b - 1].text not in (".", "!", ")")):
                b -= 1  # "The Long Field and" (of "… and Living …"), "Tom Vale -" (of "- aka ..."): no
                # name ends in a small word or a dash
            while etype == PERSON and b - a > 2 and (art[a].lower_ in lead_words or art[a].lower_[-1:] == "s"
                                                     and art[a].lower_[:-1] in lead_words):
                a += 1  # "Stars Martin Compston", "Director Jane Doe", "Singers Tessa Quint and ...":
                # a role word (or its plural) before the name
            if etype == PERSON and b - a == 2 and art[a].lower_ in lead_words and art[a].lower_ not in first_names() \
                    and art[a + 1].pos_ == "PROPN" and art[a + 1].text[:1].isupper():
                a += 1  # "Director Vane said", "Husband Penn joined her": a role or kin word, then the name
            if b - a == 1 and art[a].lower_ in _shape_heads()["interjections"] \
                    and (b >= len(doc) or art[b].text in (",", "!", "?", ".", "...", "\u2026")):
                continue  # "Nah, ...", "Hooray!": an interjection NER took for a name
            if b - a == 1 and _plain_word(doc, art[a]):
                continue  # "Healthy and happy!", "ABSOLUTELY", "Sooooo": a word, not a name
            if doc[a:b].text in _shape_heads()["genre_names"]:
                continue  # "R&B star Tessa Quint": a kind of music, not an organisation
            if b - a == 1 and art[a].text in _shape_heads()["time_zones"] and a >= 1 \
                    and (art[a - 1].like_num or art[a - 1].ent_type_ == "TIME"
                         or art[a - 1].lower_ in ("a.m.", "p.m.", "am", "pm", "a.m", "p.m")):
                continue  # "at 2100 GMT", "9 p.m. ET": a clock's time zone, not an organisation
            if etype == ORGANIZATION and 3 <= b - a <= 4 and art[a].lower_ in lead_words and art[a].i == ent.start \
                    and all(t.pos_ == "PROPN" and _titleish(t) for t in art[a + 1:b]) \
                    and (art[a + 1].lower_ in first_names() or b - a == 3) \
                    and not any(t.text in _org_words() for t in art[a + 1:b]):
                # "Rapper Tio Marsh": NER's organisation is a role word and a person's name
                a += 1
                yield Found(a, b, PERSON, "kg.ner_role_person.v1", 0.7, 1)
                continue
            if a >= b or not any(c.isupper() for c in doc[a:b].text):
                continue
            if not (art[a].text[0].isupper() or art[a].text[0].isdigit()):
                continue
            if b - a > 2 and all(t.is_upper or not t.is_alpha for t in art[a:b]) or b - a == 2 and etype == PERSON \
                    and all(t.is_upper and t.is_alpha and len(t) > 2 for t in art[a:b]):
                continue  # shouting, not a name ("JANE DOE (with her partner)": a heading's capitals)
            if etype in (PERSON, ORGANIZATION) and not any(t.pos_ == "PROPN" for t in art[a:b]):
                continue  # "Young Irish-American": adjectives, not a name
            if etype == PERSON and any(t.like_num for t in art[a:b]):
                continue
            last = art[b - 1].text.split("-")[-1]
            if etype in (PERSON, ORGANIZATION) and (last in demonyms or art[b - 1].text in demonyms) \
                    and not (b - a == 2 and art[a].lower_ in first_names() and art[a].tag_ == "NNP"):
                continue  # "Young Irish-American": a description of people, not a name
            name = doc[a:b].text
            if ent.label_ == "GPE" and name in demonyms:  # "UK", "Britain": one node with "United Kingdom"
                yield Found(a, b, etype, "kg.ner_gpe.v1", conf, 1, "Country", demonyms[name])
                continue
            yield Found(a, b, etype, f"kg.ner_{ent.label_.lower()}.v1", conf, 1)


def _plain_word(doc: Doc, tok: Token) -> bool:
    """Whether one word NER took for a name is an English word written as none but a word is: at
    a sentence's start (where every word has a capital), tagged as no proper noun and nowhere in
    the article capitalised inside a sentence; in capitals as a shout (*ABSOLUTELY*); or with a letter drawn out
    (*Sooooo*). Never a given name (*Grace*), nor a word the article writes as a name elsewhere
    (*Titanic ... the success of Titanic*)."""
    word = tok.lower_
    if re.search(r"([a-z])\1\1", word):
        return True
    # (the tagger's proper noun keeps it: "Paramount bought the rights", "CAMDEN, N.J. -")
    if word not in english_words() or word in first_names() or not tok.is_alpha or tok.pos_ == "PROPN":
        return False
    if tok.is_upper and len(word) >= 5:
        return True
    return tok.is_sent_start and not any(t.text == tok.text and not t.is_sent_start for t in tokens_of(doc))


# words that name a channel after its broadcaster's name ("BBC Radio Five Live", "Sky Movies 1")
_CHANNEL_WORDS = frozenset({"Radio", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Live", "Movies", "News",
                            "Sport", "Sports", "Extra", "World", "Music", "Drama", "Comedy", "Cinema", "HD",
                            "Arts", "Gold", "Premiere", "Xtra", "Asia", "Scotland", "Wales", "Service"})


def _lexicon_names(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """Broadcasters, platforms and awards named in the lexicon (exact, case-sensitive)."""
    pattern, kinds = _lexicon_pattern(lex.version)
    for m in pattern.finditer(text_of(doc)):
        name = m.group(0)
        span = doc.char_span(m.start(), m.end(), alignment_mode="strict")
        if span is None:
            continue
        if len(name) <= 2 and not _org_context(span):
            continue
        # "the Max Vane piece": a one-word channel name that is also a given name, before a
        # capitalised name, is that person's first name
        k = span.end
        while k < len(doc) and k - span.end < 2 and doc[k].pos_ == "PROPN" and doc[k].is_alpha and _titleish(doc[k]) \
                and doc[k].ent_type_ in ("", "PERSON"):
            k += 1
        if len(span) == 1 and (span[0].ent_type_ == "PERSON" or name.lower() in first_names()) and k > span.end:
            yield Found(span.start, k, PERSON, "kg.person_extend.v1", 0.7, 5)
            continue
        # "20th Century Fox": a channel's name ending an organisation NER names in full is part
        # of that name (NER's span is kept; a name it starts, "BBC Radio", still is the channel)
        ent = span[0].ent_type_ == "ORG" and span[-1].ent_iob_ != "O" and span[0].ent_iob_ == "I"
        if ent and (span.end >= len(doc) or doc[span.end].ent_iob_ != "I"):
            k = span.start - 1
            while k > 0 and doc[k].ent_iob_ == "I":
                k -= 1
            # (only where NER's words before it are a name's: "Quayside for Channel 4" is two names)
            if all(_titleish(t) and not t.is_punct for t in doc[k:span.start]):
                continue
        # "BBC Radio Five Live", "Sky Movies 1": a broadcaster's channel, named by channel words
        # after its name, is that channel (the lexicon's name alone is its owner)
        k = span.end
        while kinds[name] == "Broadcaster" and k < len(doc) and doc[k - 1].whitespace_ \
                and (doc[k].text in _CHANNEL_WORDS or doc[k].is_digit and len(doc[k].text) <= 2):
            k += 1
        # (never where a longer name goes on: "BBC Radio 3 World Music Awards" is an award's)
        longer = k < len(doc) and doc[k - 1].whitespace_ and _titleish(doc[k]) and not doc[k].is_punct
        if k > span.end and not longer \
                and not (k - span.end == 1 and doc[k - 1].is_digit and doc[k - 1].ent_type_ in ("DATE", "TIME")):
            yield Found(span.start, k, ORGANIZATION, "kg.channel_name.v1", 0.85, 6, "Broadcaster")
            continue
        # "BBC1" and "BBC One" are one channel: its usual name, the other an alias
        yield Found(span.start, span.end, ORGANIZATION, "kg.lexicon_org.v1", 0.9, 5, kinds[name],
                    lex.broadcaster_aliases.get(name))


@lru_cache(maxsize=4)
def _lexicon_pattern(version: str) -> tuple[re.Pattern[str], dict[str, str | None]]:
    """One pattern for every broadcaster and platform name, longest first (so *BBC One* wins over
    *BBC* where both fit), and the kind of each name."""
    from kg.extract.lexicon import lexicon

    lex = lexicon()
    kinds: dict[str, str | None] = {}
    for name in lex.broadcasters:
        kinds.setdefault(name, "Broadcaster")
    for name in lex.platforms:
        kinds.setdefault(name, None)
    names = sorted(kinds, key=lambda n: (-len(n), n))
    pattern = re.compile(rf"(?<![\w@#])(?:{'|'.join(map(re.escape, names))})(?![\w+])")
    return pattern, kinds


def _org_context(span: Span) -> bool:
    """Short names (*X*, *FX*) count only after *on/via/to* or before a possessive."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return before in ("on", "via", "to", "from") or after in ("'s", "\u2019s")


def _awards(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    heads = set(lex.award_heads)
    plural = lex.award_plural_canonical
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if lowers[tok.i] not in heads:
            continue
        if not tok.text[0].isupper() and not _award_named_before(doc, tok, lex):
            continue
        start = tok.i
        while start > sent_of(tok).start and _titleish(doc[start - 1]) and not doc[start - 1].is_punct \
                and doc[start - 1].lower_ not in ("the", "a", "an") and doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
            start -= 1
        end = tok.i + 1
        # "Academy Award for Best Picture": keep the category in the name
        if end + 1 < sent_of(tok).end and doc[end].lower_ == "for" and doc[end + 1].text in ("Best", "Outstanding"):
            end = _title_run(doc, end + 1)
        if start == tok.i and lowers[tok.i] in ("award", "awards", "prize", "prizes", "medal", "trophy", "globe", "globes",
                                             "lion", "lions", "bear", "bears", "leopard", "statuette"):
            continue  # a bare "Award" names nothing, nor "Bear" without its "Golden"
        words = [t.text for t in doc[start:end]]
        last = tok.i - start
        canonical_last = plural.get(words[last].lower())
        canonical = None
        lowered = words[last].islower()
        if canonical_last:
            words[last] = canonical_last if canonical_last[0].isupper() else canonical_last
            canonical = " ".join(words)
        if lowered:  # "the Turner prize", "the Brit awards": the award's name, with its head's capital
            stem = " ".join(words[:last])
            words[last] = words[last][:1].upper() + words[last][1:]
            # ("the Golden Globe awards" is the lexicon's "Golden Globe", as "Golden Globes" is;
            # "the Bafta awards" its "BAFTA")
            known = {a.lower(): a for a in lex.raw.get("award_lexicon", ())} | {
                k[:-1]: v for k, v in plural.items() if v[:1].isupper() and k.endswith("s")}
            canonical = known.get(stem.lower(), " ".join(words)) if last else " ".join(words)
        # an award's other name (the lexicon's award_aliases): one node for both
        alias = lex.raw.get("award_aliases", {}).get(canonical or doc[start:end].text)
        yield Found(start, end, AWARD, "kg.award_name.v2", 0.85, 6, None, alias or canonical)


_CATEGORY_OPENERS = frozenset({"Best", "Outstanding"})


def _award_categories(doc: Doc) -> Iterator[Found]:
    """*nominated for Best Supporting Actor*, *Best Director, Best Actress and Best Score*: a
    title-case run opened by *Best* or *Outstanding* and closed by a noun of what is judged
    (``category_heads`` of ``data/mention_types.json``: *actress*, *director*, *picture*,
    *song*) is an award's category, each of a list apart (``kg.award_category.v1``).

    Never inside a longer capitalised name (*The Best Man Returns* is a title), never a run
    that ends on another word (*Best Possible Way*, *the Best of Tessa Quint*)."""
    from kg.extract.mention_types import cues  # (imports Found from here)

    heads = cues()["category_heads"]
    art = tokens_of(doc)
    for tok in art:
        if tok.text not in _CATEGORY_OPENERS or tok.i + 1 >= len(doc):
            continue
        if tok.i > sent_of(tok).start and _titleish(art[tok.i - 1]) and not art[tok.i - 1].is_punct:
            continue  # ("The Best Man", "Tessa Quint Best Friends")
        end = tok.i + 1
        sent_end = sent_of(tok).end
        while end < sent_end and art[end].is_alpha and art[end].text[:1].isupper() \
                and art[end].text not in _CATEGORY_OPENERS:
            end += 1
        if end - tok.i < 2 or art[end - 1].lower_ not in heads:
            continue
        yield Found(tok.i, end, AWARD, "kg.award_category.v1", 0.8, 6)


_LOWER_AWARD_HEADS = frozenset({"award", "awards", "prize", "prizes"})
_NOMINATION_WORDS = frozenset({"nomination", "nominations", "nod", "nods"})
_NOT_AWARD_NAMES = frozenset({"PERSON", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _awards_before_nominations(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*three Harrow nominations*, *five Lumen nods*: a capitalised name right before a lowercase
    noun of nomination is the award's name (its canonical name where the lexicon has the award:
    *Brit* is the *Brit Award*). Never a person's name, a nationality, a date or a number (*two
    Tom Vale nominations*, *three British nominations*), a country, a channel or a work a production
    noun names, nor one word in capitals, as often the initials of the body that gives it."""
    art = tokens_of(doc)
    lowers = lowers_of(doc)
    known = {a.lower(): a for a in lex.raw.get("award_lexicon", ())}
    for tok in art:
        if lowers[tok.i] not in _NOMINATION_WORDS or not tok.text.islower() or tok.i == 0:
            continue
        sent_start = sent_of(tok).start
        start = tok.i
        while start > sent_start and _titleish(art[start - 1]) and not art[start - 1].is_punct \
                and art[start - 1].pos_ in ("PROPN", "NOUN", "ADJ") and start > tok.i - 4:
            start -= 1
        if start == tok.i or any(t.ent_type_ in _NOT_AWARD_NAMES for t in art[start:tok.i]):
            continue
        name = doc[start:tok.i].text
        if name in lex.broadcasters or name in lex.demonyms or name in lex.demonyms.values() \
                or art[start].is_sent_start and start == tok.i - 1 and art[start].lower_ in english_words() \
                or start == tok.i - 1 and art[start].is_upper and len(name) > 1:
            continue  # ("an AFI nomination": the initials of the body that gives the award, as often)
        yield Found(start, tok.i, AWARD, "kg.award_before_nomination.v1", 0.75, 6, None, known.get(f"{name.lower()} award"))


_LIFE_OPENERS = frozenset({"born", "née", "nee", "b."})


def _born_names(doc: Doc) -> Iterator[Found]:
    """*Joyce Mina Vale (born 1964)*, *Abbas Karimi (; born 22 June 1940)*: the title-case run right
    before a bracket that opens with a birth is one person's whole name, however NER cut it."""
    art = tokens_of(doc)
    for tok in art:
        if tok.text != "(" or tok.i < 2 or tok.i + 1 >= len(doc):
            continue
        k = tok.i + 1
        if art[k].text == ";" and k + 1 < len(doc):
            k += 1
        if art[k].lower_ not in _LIFE_OPENERS:
            continue
        end = tok.i
        while end > 0 and art[end - 1].text == ",":
            end -= 1  # "X Y, (born": a comma before the bracket
        start = end
        sent_start = sent_of(tok).start
        while start > sent_start and end - start < 5 and _titleish(art[start - 1]) and art[start - 1].is_alpha \
                and art[start - 1].pos_ == "PROPN" \
                and art[start - 1].ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "NORP") \
                and art[start - 1].lower_ not in ("the", "a", "an"):
            start -= 1
        if end - start >= 2 and (start == sent_start or not art[start - 1].is_alpha or art[start - 1].is_lower) \
                and not any(e.start == start and e.end == end for e in ents_of(doc)):
            # (a name NER found whole is typed by its reading: only a cut or split one is mended here)
            yield Found(start, end, PERSON, "kg.born_name.v1", 0.85, 6)


def _award_named_before(doc: Doc, tok: Token, lex: Lexicon) -> bool:
    """*the Brit awards*, *Wednesday's Meteor awards*, *the Turner prize*: a lowercase award noun
    after a capitalised name that NER does not read as a person, a place, a date or a number is
    that name's award (*the BBC awards* too: the lexicon's channel names are no award's)."""
    if tok.lower_ not in _LOWER_AWARD_HEADS or tok.i == sent_of(tok).start:
        return False
    prev = doc[tok.i - 1]
    if not _titleish(prev) or prev.is_punct or prev.is_stop or prev.i == sent_of(tok).start and prev.lower_ in ("the", "a"):
        return False
    if prev.ent_type_ in ("PERSON", "GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT") \
            or prev.text in lex.broadcasters:
        return False
    return True


def _groups(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*the Harbour Three*-style names: proper nouns closed by a capitalised number word."""
    from kg.extract.mention_types import _told  # (imports Found from here)

    numbers = set(lex.group_number_words)
    for tok in tokens_of(doc):
        if tok.text not in numbers or tok.i == sent_of(tok).start:
            continue
        start = tok.i
        while start > sent_of(tok).start and _titleish(doc[start - 1]) and doc[start - 1].pos_ == "PROPN":
            start -= 1
        # "Harbour Radio Three West": a channel's name, going on past the number
        if tok.i + 1 < sent_of(tok).end and _titleish(doc[tok.i + 1]) and not doc[tok.i + 1].is_punct \
                or any(t.text in lex.broadcasters for t in doc[start:tok.i]):
            continue
        # ("a source told Page Nine", "according to Channel Nine": what one tells, with no "the"
        # before it, is an outlet, not a group of people)
        if start < tok.i and not (doc[start - 1].lower_ != "the" and _told(doc[start:tok.i + 1].root)):
            yield Found(start, tok.i + 1, GROUP, "kg.group_name.v2", 0.85, 7)


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ALIAS_OPENERS = (("also", "known", "as"), ("better", "known", "as"), ("known", "professionally", "as"),
                  ("professionally", "known", "as"), ("known", "as"), ("born",), ("née",), ("nee",))


def _other_names(doc: Doc, found: list[Found]) -> Iterator[Found]:
    """*Tom Keller (born Thomas Kellner)*, *Tom Reed, also known as Tiny Reed*: another name of the
    person (or thing) just named, one node with it (the name stays as written, its canonical form
    is the first name)."""
    ends = {f.end: f for f in found if f.type in (PERSON, GROUP, ORGANIZATION, PRODUCTION) and f.canonical is None}
    lowers = lowers_of(doc)
    for end, f in ends.items():
        k = end
        if k < len(doc) and lowers[k] in (",", "("):
            k += 1
        for opener in _ALIAS_OPENERS:
            if tuple(lowers[k:k + len(opener)]) == opener:
                i = k + len(opener)
                if i < len(doc) and doc[i].text in QUOTES:
                    i += 1
                j = _title_run(doc, i, limit=6)
                while j > i and doc[j - 1].text in QUOTES:
                    j -= 1
                # (a maiden name alone, "née Lane", is a surname, not another name of the person)
                if j > i and doc[i].ent_type_ not in ("DATE", "CARDINAL", "GPE") and not doc[i].like_num \
                        and doc[i:j].text != doc[f.start:f.end].text and not (opener[0] in ("née", "nee") and j - i == 1):
                    yield Found(i, j, f.type, "kg.other_name.v1", 0.85, 8, f.kind, doc[f.start:f.end].text)
                break


def _before_broadcaster(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """``end``, or where a small word before a channel's name cuts the run: *the adaptation The
    Harrows for BBC One* names *The Harrows*, shown on BBC One; *the BBC's Quiet Lane and ITV's
    The Long Watch* two programmes."""
    for k in range(start + 1, end - 1):
        if doc[k].lower_ in ("for", "on", "by", "from", "at", "and", "&", ",") and any(
                doc[k + 1:k + 1 + n].text in lex.broadcasters for n in (1, 2, 3) if k + n < end + 1):
            return k
    return end


_NOUN_OPENERS = frozenset({"the", "a", "an", "this", "his", "her", "their", "its", "new", "hit", "latest"})


def _noun_by_place(art: Doc, tok: Token) -> bool:
    """*the quiz show X*, *a new show X*: a work noun the tagger read as a verb, where no verb can
    stand (after a determiner, a possessive, an adjective or a noun of its phrase, before a title)."""
    if tok.i == 0 or tok.i + 1 >= len(art) or not _titleish(art[tok.i + 1]) or tok.tag_ in ("VBD", "VBN", "VBG", "VBZ"):
        return False  # ("posted that showed X": a verb's own tense)
    prev = art[tok.i - 1]
    # (after a singular noun only a base form the noun cannot agree with: "the quiz show X", "the
    # reality TV show X", "an MTV show X", never "the films show X" or "the film shows X")
    return prev.lower_ in _NOUN_OPENERS or prev.tag_ == "POS" or prev.pos_ == "ADJ" and prev.is_lower \
        or prev.tag_ in ("NN", "NNP") and (prev.is_lower or prev.is_upper) and tok.tag_ in ("VB", "VBP")


def _titles_after_nouns(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """Capitalised spans right after a production noun: *the documentary Selma*."""
    nouns = lex.production_nouns
    # surnames of the people NER found: "the first episode Ferrante wrote" names no title
    surnames = {e[-1].text for e in ents_of(doc) if e.label_ == "PERSON" and len(e) > 1}
    art = tokens_of(doc)  # the article's tokens (doc[k] makes a new Token on each call)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in art:
        kind = nouns.get(lowers[tok.i]) or nouns.get(lemmas[tok.i])
        if kind is None and tok.i > 0:  # two-word nouns: "soap opera", "talk show"
            kind = nouns.get(f"{art[tok.i - 1].lower_} {lowers[tok.i]}")
        if kind is None or tok.text[0].isupper() or (
                tok.pos_ not in ("NOUN", "PROPN") and lowers[tok.i] not in lex.unambiguous_production_nouns
                and not _noun_by_place(art, tok)):
            continue
        i = tok.i + 1
        # ("the television series A, B and C": *series* is plural too, where a list follows)
        plural = tok.tag_ in ("NNS", "NNPS") or lowers[tok.i] == "series" and _list_follows(doc, i)
        if plural:
            i = past_list_opener(doc, i)
            if i < len(doc) and lowers[i] == "as" and any(lowers[k] == "such" for k in range(max(0, tok.i - 3), tok.i)):
                i += 1  # "such blockbusters as A, B and C"
        if i < len(doc) and art[i].text in QUOTES:
            continue  # a quoted title is found by the quote rule
        dated = any(c.ent_type_ == "DATE" or c.like_num for c in tok.lefts)
        if i + 1 < len(doc) and art[i].text == "," and _titleish(art[i + 1]) and (dated or any(
                t.dep_ == "appos" and t.head.i == tok.i for t in doc[i + 1:_title_run(doc, i + 1)])):
            i += 1  # "the 2011 film, Paper Rivers"; "her previous film, Winter Light, ..."
        end = _before_broadcaster(doc, i, _title_run(doc, i, possessive=not plural), lex)
        if end <= i:
            continue
        first = art[i]
        if end == i + 1 and first.text in surnames:
            continue
        # (a pronoun opens a title only written capitalised inside the sentence: "the film My Own Island")
        pronoun = first.lower_ in PRONOUN_STARTS and not (
            first.text[:1].isupper() and not first.is_sent_start and first.lower_ != "i" and end - i > 1)
        # (a date's words open a title of two title-case words or more: "the drama Friday
        # Harbour Nights", "the sitcom March to October"; never a date alone, "the film in May 2004")
        dated_title = first.is_alpha and end - i >= 2 and _titleish(art[end - 1]) and not any(
            t.like_num for t in art[i:end])
        if pronoun or first.ent_type_ in ("NORP", "TIME", "CARDINAL") \
                or first.ent_type_ == "DATE" and not re.fullmatch(r"\d+(st|nd|rd|th)", first.text) and not dated_title \
                or first.text in lex.broadcasters:
            continue
        # "the documentary X directed", "the first episode X has written": a clause on the noun
        # whose subject is the name, not a title
        clause = next((t for t in doc[end:min(len(doc), end + 3)] if t.pos_ in ("VERB", "AUX")
                       and any(c.dep_ == "nsubj" and i <= c.i < end for c in t.children)), None)
        # ...with the noun as its missing object; "the drama X has won the prize" keeps X a title
        gap = clause is not None and not any(c.dep_ in ("dobj", "attr", "ccomp", "xcomp") for c in clause.children)
        if clause is not None and gap and (first.ent_type_ == "PERSON" or clause.dep_ in ("relcl", "acl")
                                           and clause.head.i == tok.i):
            continue
        if not plural:
            yield Found(i, end, PRODUCTION, "kg.title_after_noun.v6", 0.85, 4, kind)
            continue
        # a plural noun names a list: "the dramas Quayside and Cold Water", "the films A, B and C"
        items = 0
        while True:
            for a, b in _split_list(doc, i, end):
                a, b = _strip(doc, a, b, title=True)
                if a < b and b < len(doc) and (art[b].lower_ in ("'s", "\u2019s") or art[b].text in ("'", "\u2019")
                                               and art[b - 1].lower_.endswith("s") and not art[b - 1].whitespace_) \
                        and any(t.ent_type_ == "PERSON" for t in doc[a:b]):
                    continue  # "films such as Jane Doe's Night Train": the maker, not a title
                if a < b:
                    items += 1
                    yield Found(a, b, PRODUCTION, "kg.title_after_noun.v6", 0.8, 4, kind)
            j = end
            while j < len(doc) and art[j].lower_ in (",", "and", "&"):
                j += 1
            nxt = _title_run(doc, j) if j > end and j < len(doc) and _titleish(art[j]) else j
            # NER often calls a title in a list a person ("films including A, B, Silver Marrow Kings"): one
            # more item of a list of two titles or more, where no given name starts it and the list
            # goes on after it (or the sentence ends)
            # (after one title, a one-word name only: "the series Moonfall, Cipher and Drift")
            person = art[j].ent_type_ == "PERSON" if j < len(doc) else False
            one = j + 1 < len(doc) and art[j + 1].ent_iob_ != "I"
            after = j + 1 if one else nxt
            if person and (items >= 2 or items == 1 and one) and lowers[j] not in first_names() \
                    and after < len(doc) \
                    and (art[after].text in (",", ".", ";", ")", "!", "?") or lowers[after] in ("and", "&")):
                person = False
            if nxt <= j or person or art[j].ent_type_ == "DATE" or art[j].text in lex.broadcasters:
                break
            i, end = j, nxt


def _list_follows(doc: Doc, i: int) -> bool:
    """Whether a title-case run at ``i`` is followed by a comma or *and* and another one."""
    if i >= len(doc) or not _titleish(doc[i]):
        return False
    end = _title_run(doc, i)
    if not (end + 1 < len(doc) and end > i and doc[end].lower_ in (",", "and", "&") and _titleish(doc[end + 1])
            and not doc[end + 1].is_punct and doc[end + 1].ent_type_ != "DATE"):
        return False
    if doc[end + 1].ent_type_ != "PERSON":
        return True
    # a one-word name NER calls a person, no given name, with the list going on after it
    # ("the series Moonfall, Cipher and Drift"; never "the series Moonfall, Jane said")
    k = end + 2
    return doc[end + 1].lower_ not in first_names() and k + 1 < len(doc) and doc[k].lower_ in (",", "and", "&") \
        and _titleish(doc[k + 1]) and not doc[k + 1].is_punct


SERIES_NOUNS = frozenset({"series", "franchise", "trilogy", "saga", "films", "movies", "books", "novels", "games"})


def _titles_before_nouns(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*the Harbour Lights series*, *his Best Loved Songs album*, *the Sunfall greatest hits album*: a
    title-case run right before a production noun (lowercase words of the noun's phrase between)
    names the work, where it names no person, place, nationality, date, channel or award."""
    art = tokens_of(doc)
    lowers, lemmas = lowers_of(doc), lemmas_of(doc)
    nouns = lex.production_nouns
    refuse = set(lex.broadcasters) | set(lex.platforms) | set(lex.honorifics) | {w.title() for w in lex.award_heads}
    for tok in art:
        low = lowers[tok.i]
        if not (low in nouns or lemmas[tok.i] in nouns) or tok.pos_ != "NOUN" or not tok.text[:1].islower():
            continue
        if tok.i + 1 < len(doc) and art[tok.i + 1].pos_ in ("NOUN", "PROPN") and art[tok.i + 1].text[:1].islower():
            continue  # "the Sunfall album cover": the last noun heads the phrase
        end = tok.i
        while end > 0 and tok.i - end < 3 and art[end - 1].text[:1].islower() \
                and (art[end - 1].pos_ in ("NOUN", "ADJ") or art[end - 1].dep_ in ("compound", "amod")) \
                and art[end - 1].head.i >= end and art[end - 1].is_alpha:
            end -= 1  # "greatest hits", "debut", "comic"
        start = end
        while start > 0 and _titleish(art[start - 1]) and not art[start - 1].is_punct and art[start - 1].pos_ != "DET" \
                and not art[start - 1].is_sent_start or start > 1 and start < end and lowers[start - 1] in ("of", "and", "the") \
                and _titleish(art[start - 2]) and not art[start - 2].is_punct:
            start -= 1
        while start < end and lowers[start] in SMALL_WORDS:
            start += 1
        if start >= end or end - start > 6:
            continue
        before = art[start - 1] if start > 0 else None
        # a determiner or a possessor introduces the phrase ("the", "his", "Jane Doe's")
        if before is None or not (before.pos_ in ("DET", "PRON") and before.dep_ in ("det", "poss")
                                  or lowers[before.i] in ("'s", "\u2019s")):
            continue
        run = art[start:end]
        labels = {t.ent_type_ for t in run}
        if labels & {"PERSON", "GPE", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "LANGUAGE",
                     "LOC"}:
            continue
        if "ORG" in labels and (end - start < 2 or low not in SERIES_NOUNS):
            continue  # "the Disney film": the maker; "the Final Run series" names the series
        text = doc[start:end].text
        if text in refuse or any(t.text in refuse for t in run) or text in lex.demonyms \
                or lowers[end - 1] in ("'s", "\u2019s") or not any(t.pos_ == "PROPN" for t in run):
            continue
        kind = None if low in SERIES_NOUNS or tok.tag_ in ("NNS", "NNPS") else (nouns.get(low) or nouns.get(lemmas[tok.i]))
        yield Found(start, end, PRODUCTION, "kg.title_before_noun.v1", 0.7, 3, kind)


def past_list_opener(doc: Doc, i: int) -> int:
    """The first token after *including*, *like* or *such as* at ``i`` (*films including A, B and
    C*, *shows such as A*, also after a comma: *40 films, including A*); ``i`` when none is there."""
    if i + 2 < len(doc) and doc[i].text == "," and (doc[i + 1].lower_ in ("including", "like")
                                                    or doc[i + 1].lower_ == "such" and doc[i + 2].lower_ == "as"):
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ in ("including", "like"):
        return i + 1
    if i + 2 < len(doc) and doc[i].lower_ == "such" and doc[i + 1].lower_ == "as":
        return i + 2
    return i


def _split_list(doc: Doc, i: int, end: int) -> list[tuple[int, int]]:
    """A title-case run after a plural noun split at *and* / *&*: one title each; a preposition
    before a name of something else ends the list (*… and Night Ferry for Netflix*)."""
    parts, start = [], i
    for t in doc[i:end]:
        if t.pos_ == "ADP" and t.i > start and t.i + 1 < end and doc[t.i + 1].ent_type_ in (
                "ORG", "GPE", "PERSON", "DATE", "NORP", "LOC"):
            end = t.i
            break
        if t.lower_ in ("and", "&") and t.i > start:
            parts.append((start, t.i))
            start = t.i + 1
    if start < end:
        parts.append((start, end))
    return parts


# heads whose compound says which kind of work they are (*film biography*, *TV special*); other
# heads make the compound a modifier (*a show dog*, *a World Series champion* name no work)
WORK_HEADS = frozenset({"biography", "adaptation", "version", "production", "project", "hit", "classic", "blockbuster",
                        "special", "vehicle", "epic", "satire", "parody", "spoof", "romance", "saga", "debut",
                        "success", "smash", "flop", "favourite", "favorite", "staple", "drama", "comedy", "thriller"})


def _kind_of_noun(tok: Token, nouns: dict[str, str]) -> str | None:
    """The production kind a noun names, looking through *film biography*, *television series*,
    and a two-word noun the lexicon names whole (*video game*, *comic strip*)."""
    for c in tok.children:
        if c.dep_ == "compound" and c.i == tok.i - 1:
            kind = nouns.get(f"{c.lower_} {tok.lower_}") or nouns.get(f"{c.lower_} {tok.lemma_.lower()}")
            if kind:
                return kind
    compounds = [c for c in tok.children if c.dep_ == "compound"] if tok.lemma_.lower() in WORK_HEADS \
        or tok.lower_ in WORK_HEADS else []
    for t in (tok, *compounds):
        kind = nouns.get(t.lower_) or nouns.get(t.lemma_.lower())
        if kind:
            return kind
    return None


def _organisation_kind(tok: Token, nouns: dict[str, str | None]) -> str | None:
    """The kind an organisation noun names, with its compound: *record label*, *production company*."""
    for c in tok.children:
        if c.dep_ == "compound" and (kind := nouns.get(f"{c.lower_} {tok.lemma_.lower()}")):
            return kind
    return nouns.get(tok.lemma_.lower())


def _subject_title(doc: Doc, subj: Token) -> tuple[int, int] | None:
    """The title-case span of a copula's subject (*Lanterns Over the Bay*), if it is one."""
    start, end = subj.left_edge.i, subj.right_edge.i + 1
    for t in doc[start:end]:
        # a heading line or an opening quote before the subject is not the title; nor is a heading
        # the parser took for the subject, with the sentence's own subject as its apposition
        if t.is_space and "\n" in t.text or t.text in QUOTES and t.i < subj.i:
            start = t.i + 1
    bracket = next((t.i for t in doc[start:end] if t.text in ("(", "[", ";")), None)
    if bracket is not None and bracket > start:
        end = bracket  # "Title (Lit: another title) is a ...": the name before the bracket
    comma = next((t.i for t in doc[start:end] if t.text == ","), None)
    start, end = _strip(doc, start, end, title=True)
    if start >= end or end - start > 12 or not _titleish(doc[start]):
        return None
    run = _title_run(doc, start, limit=12)
    verb = subj.head.i if subj.head.i > subj.i else len(doc)
    # a short subject with no clause in it is the title as written, lowercase words and all
    # ("La casa dei venti lunghi is a 1968 film"); otherwise the title-case run up to the copula
    short_end = comma if comma is not None and comma > start else end
    if short_end - start <= 8 and not any(t.pos_ in ("VERB", "AUX") for t in doc[start:short_end]) \
            and run < short_end and doc[short_end - 1].is_alpha:
        end = short_end
    else:
        end = min(run, verb) if run > start else end
    if end <= start or doc[start].ent_type_ in ("NORP", "DATE"):
        return None
    if doc[start].lower_ in PRONOUN_STARTS and sum(1 for t in doc[start:end] if _titleish(t)) < 2:
        return None  # "It is a film", "This drama is"; but "How to Mend a Kite is a ..." is a title
    return start, end


def _title_to_copula(doc: Doc, verb: int) -> tuple[int, int] | None:
    """The title-case run that opens the sentence (or its line) and ends right before the copula
    at ``verb``, of two words or more; None when there is none."""
    sent = sent_of(doc[verb])
    start = sent.start
    for k in range(sent.start, verb):
        if doc[k].is_space and "\n" in doc[k].text:
            start = k + 1
    if verb - start < 2 or not _titleish(doc[start]) or doc[start].is_punct or doc[start].ent_type_ in ("DATE", "NORP"):
        return None
    if doc[start].lower_ in PRONOUN_STARTS:
        return None
    return (start, verb) if _title_run(doc, start) == verb else None


def _in_brackets(doc: Doc, tok: Token) -> bool:
    """Whether ``tok`` sits inside an open bracket of its sentence."""
    depth = 0
    for t in doc[sent_of(tok).start:tok.i]:
        depth += t.text in ("(", "[") and 1 or (-1 if t.text in (")", "]") else 0)
    return depth > 0


# participles of making or showing a work that are also nouns, which the parser may read as the
# noun of "a soap opera broadcast on ...", "a drama set in ...", "a comedy shot in ..."
_COPULA_PARTICIPLES = frozenset({"broadcast", "set", "shot", "cast", "release", "screen", "premiere", "film"})


def _copula_titles(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*X is a 1952 American film*, *X, a 2019 documentary,*, first lines such as *X (film)*."""
    nouns = lex.production_nouns
    people = set(lex.occupation_nouns) | set(lex.role_nouns)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    participles = _COPULA_PARTICIPLES
    for tok in tokens_of(doc):
        if tok.dep_ in ("attr", "appos") and tok.pos_ in ("NOUN", "PROPN", "VERB"):
            # "X, a drama teacher" is a person: a person noun heading the phrase settles it
            kind = _kind_of_noun(tok, nouns) if lemmas[tok.i] not in people and lowers[tok.i] not in people else None
            if not kind and lowers[tok.i] in participles:
                # "X is a British soap opera broadcast on ITV": the parser took the participle for the
                # phrase's noun, and the work's noun for a compound of it
                noun = next((c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1), None)
                kind = _kind_of_noun(noun, nouns) if noun is not None else None
            etype = PRODUCTION
            if not kind and lemmas[tok.i] == "character":
                etype = CHARACTER  # "X is a fictional character"
            elif not kind and lemmas[tok.i] in lex.organisation_nouns:
                etype, kind = ORGANIZATION, _organisation_kind(tok, lex.organisation_nouns)  # "X is a production company"
            elif not kind:
                continue
            if tok.dep_ == "attr" and tok.head.lemma_ == "be":
                subjects = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") and c.i < tok.i
                            and not _in_brackets(doc, c)]
                subj = subjects[-1] if subjects else None  # nearest the copula (a heading may precede)
                if subj is None:
                    # "Over the Grey Hills is an English novel": a title the parser read as a
                    # phrase, no subject; the title-case run from the line's start up to the copula
                    run = _title_to_copula(doc, tok.head.i)
                    if run is not None:
                        yield Found(run[0], run[1], etype, "kg.copula_title.v4", 0.85, 4, kind)
                    continue
            elif tok.dep_ == "appos" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
                subj = tok.head
            else:
                continue
            if subj is None:
                continue
            span = _subject_title(doc, subj)
            if span and etype == ORGANIZATION and tok.tag_ in ("NNS", "NNPS"):  # "A and B are the two companies"
                for a, b in _split_list(doc, *span):
                    yield Found(a, b, etype, "kg.copula_title.v4", 0.85, 4, kind)
            elif span:
                yield Found(span[0], span[1], etype, "kg.copula_title.v4", 0.85, 4, kind)
    # "Title (film)" / "Title (TV series)" as a heading line
    for m in re.finditer(r"(?m)^([^\n()]{1,100}?) \(((?:[\w-]+ )*?)([\w-]+)\)\s*$", text_of(doc)):
        last_two = " ".join([*m.group(2).split()[-1:], m.group(3)]).lower()
        kind = nouns.get(last_two) or nouns.get(m.group(3).lower())
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        if kind and span is not None and _titleish(span[0]):
            yield Found(span.start, span.end, PRODUCTION, "kg.heading_title.v2", 0.8, 4, kind)


def _quoted_titles(doc: Doc) -> Iterator[Found]:
    """Short title-case spans inside quotes: *'The Crown'*."""
    text = text_of(doc)
    # (never a quote that is a word's apostrophe: "Quint's 'Blue Hour'" holds one title, not "s ")
    for m in re.finditer(r"(?<!\w)([\u2018\u201c\"'])([^\u2018\u2019\u201c\u201d\"\n]{2,80}?)([\u2019\u201d\"'])(?!\w)", text):
        if QUOTES.get(m.group(1)) != m.group(3):
            continue
        if m.group(1) == "'" and m.start() > 0 and text[m.start() - 1].isalnum():
            continue  # an apostrophe, not a quote
        inner = m.group(2)
        # (a comma or full stop inside the closing quote is the sentence's, "Songs of the Harbour,";
        # a question or exclamation mark is the title's own, "Are We There Yet?")
        end = m.end(2) - (len(inner) - len(inner.rstrip(",.").rstrip()))
        span = doc.char_span(m.start(2), end, alignment_mode="contract")
        if span is None or not 1 <= len(span) <= 10:
            continue
        words = [t for t in span if t.is_alpha]
        if not words or not span[0].text[0].isupper():
            continue
        if sum(1 for t in words if t.text[0].isupper() or t.lower_ in SMALL_WORDS) < len(words):
            continue
        if len(words) > 2 and all(t.is_upper for t in words):
            continue
        if span.text.rstrip()[-1:] in ".,!?" and not (span[-1].text in ("!", "?") and len(words) > 1):
            continue
        # a title may start with a pronoun ("I Will Be Home", "We All Know Now") when it has three
        # title-case words or more, or two and a clitic ("I'll Stay"); it is kept only where
        # something confirms it (see detect)
        clitic = any(t.lower_ in ("'ll", "\u2019ll", "'m", "\u2019m", "'re", "\u2019re", "'ve", "\u2019ve", "'d", "\u2019d")
                     for t in span)
        if span[0].lower_ in PRONOUN_STARTS and len(words) < (2 if clitic else 3):
            continue
        before, after = span.start - 2, span.end + 1
        if len(words) <= 3 and before >= 0 and after < len(doc) and doc[before].pos_ == "PROPN" \
                and doc[before].text[:1].isupper() and doc[before].is_alpha and doc[after].text[:1].isupper() \
                and doc[after].is_alpha and doc[span.start - 1].text in QUOTES and doc[span.end].text in QUOTES:
            continue  # "Giacomo 'Jack' Vale": a nickname inside a person's name, not a title
        yield Found(span.start, span.end, PRODUCTION, "kg.quoted_title.v6", 0.6, 3)


def _capitalised_run(doc: Doc, start: int, limit: int | None = None, possessive: bool = False) -> int:
    """The end of the run of capitalised words from ``start`` (and possessives, where
    ``possessive``), with small words inside it but never going on over *and*, *or* or *&* (*The
    Hangman's Orchard and Cold Water* are two), ending in no small word; ``limit`` words at most.
    Stricter than ``_title_run``: no colon, clitic or mark inside, and not bounded by the sentence."""
    art = tokens_of(doc)
    end = start
    while end < len(doc) and (limit is None or end - start < limit) and (
            _titleish(art[end]) and (art[end].is_alpha or possessive and art[end].text in ("'s", "\u2019s"))
            or art[end].lower_ in SMALL_WORDS and art[end].lower_ not in ("and", "or", "&")
            and end + 1 < len(doc) and _titleish(art[end + 1])):
        end += 1
    while end > start and art[end - 1].lower_ in SMALL_WORDS:
        end -= 1
    return end


def _subtitled_titles(doc: Doc, found: list[Found]) -> Iterator[Found]:
    """*Iron Rain: The Long Night*, *Glass Harbour: Dead Calm*: a name inside a sentence, a colon
    and a title-case run of two words or more are one title with its subtitle, whatever NER made
    of the two halves (``kg.subtitle_title.v1``); never at a sentence's start, where a colon
    heads what follows (*Tom Vale: the long talk*); the first half a name NER or a rule found (no
    shouted word); the second naming no person NER or a rule found."""
    art = tokens_of(doc)
    given = first_names()
    # (a person's name too, which NER gives as often to a title: "Robin Hood: Prince of Thieves";
    # never one given name alone, "Taylor: the insiders")
    ends = {f.end: f for f in found if f.type in (PRODUCTION, ORGANIZATION) or f.type == PERSON
            and not (f.end - f.start == 1 and doc[f.start].lower_ in given)}
    people = {k for f in found if f.type == PERSON for k in range(f.start, f.end)}
    for k, tok in enumerate(art):
        if tok.text != ":" or k not in ends or k + 2 >= len(doc):
            continue
        f = ends[k]
        if art[f.start].is_sent_start or f.start == sent_of(tok).start or not art[f.start].text[:1].isupper() \
                or f.end - f.start == 1 and art[f.start].is_upper and art[f.start].lower_ in english_words():
            continue  # ("STORY: ...": a shouted word heads a caption; "CSI: Miami" is a title)
        end = _capitalised_run(doc, k + 1, possessive=True)
        words = [t for t in art[k + 1:end] if t.is_alpha]
        if len(words) < 2 or art[end - 1].is_sent_start or any(j in people for j in range(k + 1, end)):
            continue  # ("The League of X: John Vale, Ann Cole ...": a list of its people)
        yield Found(f.start, end, PRODUCTION, "kg.subtitle_title.v1", 0.75, 5)


def _possessive_titles(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*The Hangman's Orchard*, *The Keeper's Daughter*: "The", a capitalised common noun (a word of
    English, no name), its possessive and a title-case run make one title, where the run begins
    with no given name (*the Guardian's Tom Vale* is a critic) and ends in no organisation's,
    place's or award's head word (*The Prince's Trust*, *The People's Choice Awards*), and where
    the article never writes the owner's word without the possessive (*The Quillers' new album*
    ... *The Quillers said*: a band's) (``kg.possessive_title.v1``)."""
    art = tokens_of(doc)
    given = first_names()
    heads = set(lex.organization_heads) | set(lex.place_heads) | {w.title() for w in lex.award_heads} \
        | _shape_heads()["organisation_heads"] | _shape_heads()["venue_heads"] | _shape_heads()["group_heads"]
    for tok in art:
        if tok.lower_ not in ("'s", "\u2019s") or tok.i < 2 or tok.i + 1 >= len(doc):
            continue
        owner, the = art[tok.i - 1], art[tok.i - 2]
        if the.text != "The" or not (owner.is_alpha and owner.text[:1].isupper() and not owner.is_upper) \
                or owner.lower_ not in english_words() or owner.lower_ in given:
            continue
        end = _capitalised_run(doc, tok.i + 1, limit=4)
        if end == tok.i + 1 or art[tok.i + 1].lower_ in given or art[end - 1].text in heads \
                or art[end - 1].lower_ in lex.award_heads:
            continue
        if any(t.text == owner.text and t.i != owner.i and (t.i + 1 >= len(doc) or art[t.i + 1].lower_ not in
                                                              ("'s", "\u2019s")) for t in art):
            continue  # "The Prodigy's Always Outnumbered ... The Prodigy said": a band's possessive
        yield Found(the.i, end, PRODUCTION, "kg.possessive_title.v1", 0.6, 3)


def _titles_with_year(doc: Doc) -> Iterator[Found]:
    """*Cycle (2008)*: a title-case span right before a bracketed year names a work."""
    for tok in tokens_of(doc):
        if tok.text != "(" or tok.i < 1 or tok.i + 2 >= len(doc):
            continue
        year, close = doc[tok.i + 1], doc[tok.i + 2]
        if not (close.text == ")" and len(year.text) == 4 and year.text.isdigit()):
            continue
        end = tok.i
        start = end
        while start > sent_of(tok).start and (_titleish(doc[start - 1]) and not doc[start - 1].is_punct
                                          or doc[start - 1].lower_ in SMALL_WORDS and start - 1 > sent_of(tok).start
                                          and _titleish(doc[start - 2])):
            start -= 1
        start, end = _strip(doc, start, end, title=True)
        # one year alone in brackets dates a work; a person's years come as a range (1920–1990)
        if start < end and doc[start].lower_ not in PRONOUN_STARTS:
            yield Found(start, end, PRODUCTION, "kg.title_year.v2", 0.75, 4)


def _appositive_titles(doc: Doc, found: list[Found], lex: Lexicon) -> Iterator[Found]:
    """*The Salt House, a new six-part BBC One drama*: a name followed by a comma and an
    indefinite production noun phrase is a work, whatever NER called it (the noun heads its
    phrase: *Jane Doe, a film critic* is a critic)."""
    ends = {f.end: f for f in found}
    art = tokens_of(doc)  # the article's tokens (doc[k] makes a new Token on each call)
    lemmas = lemmas_of(doc)  # (tok.lemma_.lower() makes two strings on each call)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in art:
        kind = lex.production_nouns.get(lowers[tok.i]) or lex.production_nouns.get(lemmas[tok.i])
        if kind is None or tok.pos_ != "NOUN" or tok.dep_ == "compound" or tok.text[:1].isupper() \
                or tok.i + 1 < len(doc) and art[tok.i + 1].pos_ in ("NOUN", "PROPN"):
            continue  # ("a drama teacher": the last noun heads the phrase)
        det = next((c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
        if det is None or det.i < 2 or art[det.i - 1].text != "," or tok.i - det.i > 7:
            continue
        f = ends.get(det.i - 1)
        if f is None or f.type == PRODUCTION:
            continue
        yield Found(f.start, f.end, PRODUCTION, "kg.appositive_title.v1", 0.8, 4, kind)


def _after_broadcaster_possessive(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*the BBC's Quiet Lane*, *HBO's The Long Watch*: a title-case span after a channel's
    possessive names one of its programmes (people are NER's: *the BBC's Jane Doe*)."""
    channels = set(lex.broadcasters)
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if lowers[tok.i] not in ("'s", "\u2019s") or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        start = tok.i - 1
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1:tok.i].text not in channels:
            start -= 1
        if doc[start:tok.i].text not in channels:
            continue
        i = tok.i + 1
        end = _before_broadcaster(doc, i, _title_run(doc, i), lex)
        a, b = _strip(doc, i, end, title=True)
        a = i if a > i and doc[i].text[:1].isupper() else a  # "the BBC's Quiet Lane": the title starts there
        for k in range(a + 1, b):  # "the BBC's Quiet Lane and with Jane Doe in …": a person ends it
            if doc[k].lower_ in SMALL_WORDS:
                nxt = next((t for t in doc[k:b] if t.lower_ not in SMALL_WORDS), None)
                if nxt is not None and nxt.ent_type_ == "PERSON":
                    b = k
                    break
        if a >= b or doc[a].ent_type_ in ("PERSON", "GPE", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT") \
                or doc[a:b].text in channels or not any(c.isalpha() for c in doc[a:b].text):
            continue
        yield Found(a, b, PRODUCTION, "kg.broadcaster_possessive_title.v1", 0.75, 4)


def _after_year_possessive(doc: Doc) -> Iterator[Found]:
    """*1987's Blue Thunder*: a title-case span after a year in the possessive names a work."""
    art = tokens_of(doc)  # the article's tokens (doc[k] makes a new Token on each call)
    for tok in art[1:]:
        year = art[tok.i - 1]
        if tok.lower_ in ("'s", "\u2019s") and len(year.text) == 4 and year.text.isdigit() and tok.i + 1 < len(doc):
            end = _title_run(doc, tok.i + 1)
            start, end = _strip(doc, tok.i + 1, end, title=True)
            # a title has a word in it: "2003's 9.1%" is a figure of that year
            if start < end and any(c.isalpha() for c in doc[start:end].text):
                yield Found(start, end, PRODUCTION, "kg.year_possessive.v1", 0.75, 4)


CAST_WORDS = {"cast", "actor", "actors", "actress", "actresses", "star", "stars", "starring", "ensemble", "plays",
              "playing", "played", "includes", "include", "featuring"}


def _possessive_before_actor(doc: Doc) -> Iterator[Found]:
    """*Stranger Days' Omar Haddad* in a sentence about a cast: the possessor names a work."""
    for ent in ents_of(doc):
        if ent.label_ != "PERSON" or ent.start < 2:
            continue
        pos = doc[ent.start - 1]
        if pos.lower_ not in ("'s", "\u2019s", "'", "\u2019") or not any(t.lower_ in CAST_WORDS for t in sent_of(ent)):
            continue
        end = ent.start - 1
        start = end
        while start > sent_of(ent).start and _titleish(doc[start - 1]) and not doc[start - 1].is_punct \
                and doc[start - 1].ent_type_ not in ("GPE", "NORP", "DATE"):
            start -= 1  # NER often calls the title a person: "Salt Roads's Omar Haddad"
        start, end = _strip(doc, start, end, title=True)
        if start < end and doc[start].lower_ not in PRONOUN_STARTS and not doc[start].is_sent_start:
            yield Found(start, end, PRODUCTION, "kg.possessive_actor.v1", 0.6, 3)


def _acronyms(doc: Doc, found: list[Found]) -> Iterator[Found]:
    """*HT3* after *the Harbour Three*: capitals (and a number) spelling a name's initials."""
    digits = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
              "eight": "8", "nine": "9", "ten": "10"}
    initials: dict[str, Found] = {}
    for f in found:
        words = [t for t in doc[f.start:f.end] if t.is_alpha and t.lower_ not in ("the", "of", "and")]
        if len(words) >= 2 and f.type in (GROUP, ORGANIZATION, PRODUCTION):
            initials.setdefault("".join(digits.get(t.lower_, t.text[0].upper()) for t in words), f)
    for tok in tokens_of(doc):
        f = initials.get(tok.text)
        if f is not None and tok.i >= f.end and re.fullmatch(r"[A-Z]{2,}[0-9]*", tok.text):
            yield Found(tok.i, tok.i + 1, f.type, "kg.acronym.v1", 0.7, 2, f.kind, doc[f.start:f.end].text)


def _hashtags(doc: Doc) -> Iterator[Found]:
    for tok in tokens_of(doc):
        if tok.text.startswith("#") and len(tok.text) > 3 and re.fullmatch(r"#(?:[A-Z][a-z0-9]*){2,}", tok.text):
            yield Found(tok.i, tok.i + 1, PRODUCTION, "kg.hashtag_title.v1", 0.3, 2, None,
                        " ".join(re.findall(r"[A-Z][a-z0-9]*", tok.text)))


def _parenthesised_works(doc: Doc, demonyms: dict[str, str]) -> Iterator[Found]:
    """*Jane Roe (Title One, Title Two)*: title-case items in brackets after a person.

    Not in a paragraph where one bracketed name follows two people (*A (Cardiff), B (Bath),
    C (Cardiff)*): that is a list of people by team, party or employer, not of their works
    (a list of nominees names each film once)."""
    text = text_of(doc)
    countries = set(demonyms) | set(demonyms.values())

    def paragraph(i: int) -> int:  # (the parser's sentences break inside such lists)
        return text.rfind("\n", 0, doc[i].idx)

    found: list[Found] = []
    seen: dict[tuple[int, str], int] = {}  # (paragraph, bracketed name) → how many names it follows
    for tok in tokens_of(doc):
        if tok.text != "(" or tok.i == 0 or doc[tok.i - 1].pos_ != "PROPN" and not doc[tok.i - 1].ent_type_:
            continue
        after_person = doc[tok.i - 1].ent_type_ == "PERSON"
        close = next((t.i for t in doc[tok.i + 1: tok.i + 30] if t.text == ")"), None)
        if close is None:
            continue
        i = tok.i + 1
        while i < close:
            end = _title_run(doc, i)
            if end <= i or end > close:
                break
            key = (paragraph(i), doc[i:end].text)
            seen[key] = seen.get(key, 0) + 1
            if doc[i].ent_type_ == "PERSON" and end == close:
                break  # "Derek Mills (Tom Avery)": the actor who plays a character, not a work
            # "Lena Holt (Australia)", "(Scottish)": a country or a nationality, not a work
            if after_person and doc[i].ent_type_ not in ("DATE", "CARDINAL", "NORP") and not doc[i].like_num \
                    and doc[i:end].text not in countries:
                found.append(Found(i, end, PRODUCTION, "kg.parenthesised_work.v1", 0.7, 4))
            i = end
            if i < close and doc[i].text in (",", ";"):
                i += 1
            elif i < close:
                break
    affiliations = {par for (par, _), n in seen.items() if n > 1}
    yield from (f for f in found if paragraph(f.start) not in affiliations)


def _person_in_lists(doc: Doc, found: list[Found], lex: Lexicon, given: frozenset[str]) -> Iterator[Found]:
    """A capitalised name coordinated with people is a person too (NER says ORG or GPE): in a
    list of three or more, two thirds of them people; in a pair, beside a person's full name with
    a given name first (*Thalía and Fernando Vale*), one word or a name of two or three, never
    capitals only, a country or a name with an organisation's or a place's head word."""
    by_token = {}
    for f in found:
        for k in range(f.start, f.end):
            by_token[k] = f
    seen: set[int] = set()
    for tok in tokens_of(doc):
        if tok.dep_ != "conj" or tok.i in seen:
            continue
        head = tok.head
        while head.dep_ == "conj":
            head = head.head
        members = [head] + [t for t in head.subtree if t.dep_ == "conj" and t.head.i in {head.i} | {x.i for x in head.subtree if x.dep_ == "conj"}]
        seen.update(t.i for t in members)
        spans = [by_token.get(t.i) for t in members]
        people = sum(1 for f in spans if f is not None and f.type == PERSON)
        full = sum(1 for f in spans if f is not None and f.type == PERSON and f.end - f.start > 1
                   and doc[f.start].lower_ in given)
        # (a pair is joined by "and" or "or": "independent Ghana, Kwame Vale" is an apposition)
        pair = len(members) == 2 and full == 1 and any(c.dep_ == "cc" for m in members for c in m.children)
        if not pair and (people < 2 or people * 3 < len(members) * 2):
            continue
        for t, f in zip(members, spans):
            if f is None or f.type not in (ORGANIZATION, PLACE) or f.priority != 1:
                continue
            words = doc[f.start:f.end]
            before = doc[f.start - 1].lower_ if f.start > 0 else ""
            if before in ("the", "'s", "\u2019s") or f.start > 0 and doc[f.start - 1].tag_ == "POS" \
                    or any(w.text in _org_words() for w in words):
                continue  # "the Statler Sisters", "Verdi's La Gazza", "X Management": a band, a work, a firm
            if people >= 2 and not pair and f.end - f.start in (2, 3):
                yield Found(f.start, f.end, PERSON, "kg.person_in_list.v3", 0.75, 2)
            elif f.end - f.start <= 3 and not words.text.isupper() and words.text not in lex.demonyms \
                    and words.text not in lex.demonyms.values() \
                    and words.text not in lex.broadcasters and not any(w.text in _org_words() or w.text in lex.place_heads
                                                                       for w in words) \
                    and not any(c.isdigit() for c in words.text) \
                    and not (f.end - f.start == 1 and words[0].tag_ in ("NNS", "NNPS")):  # ("John Vale and Friends")
                yield Found(f.start, f.end, PERSON, "kg.person_in_list.v3", 0.75, 2)


def _retype_by_shape(doc: Doc, f: Found, lex: Lexicon, given: frozenset[str]) -> Found:
    """Fix NER's type from the shape of the name: *Dana Cole* (a given name first) is a person,
    *Orbit Pictures* (an organisation's head word last) is not."""
    if f.priority != 1:
        return f
    toks = [t for t in doc[f.start:f.end]]
    before = doc[f.start - 1].text if f.start > 0 else ""
    if f.type != PERSON and (before in lex.honorifics or toks[0].text in lex.honorifics):
        return Found(f.start, f.end, PERSON, "kg.name_shape.v4", 0.8, 2)  # "Mr Haddad", "Dr Lena Holt"
    words = [t.text for t in toks if not t.is_punct]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return f
    last = words[-1]
    heads = _shape_heads()
    # a given name and a head word that is a surname too ("Dana Hall", "Ben Church"; never "the
    # Albert Hall"): the shape says nothing, a person NER found stays one, and an organisation or
    # a place NER guessed is a person where no preposition of place is before it ("at Ada Hall")
    # (three words where the first two are given names: "Edwin Lewis Church")
    if (len(words) == 2 or len(words) == 3 and words[1].lower() in given) and words[0].lower() in given \
            and last in heads["surname_heads"] and before.lower() != "the":
        if f.type == PERSON:
            return f
        if before.lower() not in ("at", "in", "inside", "outside", "near", "from", "to", "into"):
            return Found(f.start, f.end, PERSON, "kg.name_shape.v4", 0.6, 2)
    if last in heads["group_heads"] and f.type in (PERSON, ORGANIZATION):
        return Found(f.start, f.end, GROUP, "kg.name_shape.v4", 0.7, 2)  # "… String Quartet"
    if (last in lex.organization_heads or last in heads["organisation_heads"]) and last not in lex.place_heads and (
            f.type == PERSON or f.type == PLACE and last not in _ALSO_PLACE_HEADS):
        return Found(f.start, f.end, ORGANIZATION, "kg.name_shape.v4", 0.7, 2)  # "… Film Festival", "… University"
    if last in heads["organisation_heads"] and f.type == ORGANIZATION:
        return f
    if last in heads["show_heads"] and f.type in (PERSON, ORGANIZATION, PLACE, PRODUCTION):
        # "The Tessa Show": a show, whatever given name it is named after
        return f if f.type == PRODUCTION else Found(f.start, f.end, PRODUCTION, "kg.name_shape.v4", 0.75, 2)
    if f.type == PERSON and words[0] in heads["show_prefixes"]:
        return Found(f.start, f.end, PRODUCTION, "kg.name_shape.v4", 0.7, 2)  # "Celebrity Quiz Night": a show
    if f.type == PERSON and last in lex.place_heads:
        return Found(f.start, f.end, PLACE, "kg.name_shape.v4", 0.7, 2)
    if f.type == ORGANIZATION and last in heads["venue_heads"] and not any(t.text in lex.broadcasters for t in toks):
        return Found(f.start, f.end, PLACE, "kg.name_shape.v4", 0.7, 2)  # "the Harbour Arena": a venue is a place
    # (a middle word is a given name or an initial: "Mary Ann Vale", not "Royal Air Force")
    # a name after "the" whose last word is a plural that heads titles of stories is a work, though
    # a given name starts it ("The Tessa Jane Chronicles", "The Mara Lint Adventures", NER's work or
    # building: mention_types.json work_title_plurals; "The Bee Gees" may be a band)
    if f.type in (ORGANIZATION, PLACE, PRODUCTION) and (before.lower() == "the" or toks[0].lower_ == "the") \
            and last.lower() in heads["work_title_plurals"]:
        return f if f.type == PRODUCTION else Found(f.start, f.end, PRODUCTION, "kg.name_shape.v4", 0.7, 2)
    if f.type in (ORGANIZATION, PLACE, PRODUCTION) and words[0].lower() in given and len(words) <= 3 \
            and (len(words) < 3 or words[1].lower() in given or len(words[1].rstrip(".")) == 1) \
            and last not in lex.organization_heads and last not in lex.place_heads \
            and not any(t.text in lex.broadcasters or t.text in lex.platforms for t in toks):
        return Found(f.start, f.end, PERSON, "kg.name_shape.v4", 0.7, 2)
    return f


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    """Words that make a name an organisation's or a group's (the lexicon's and the shape heads)."""
    from kg.extract.lexicon import lexicon

    heads = _shape_heads()
    return frozenset(lexicon().organization_heads) | heads["organisation_heads"] | heads["group_heads"]


@lru_cache(maxsize=1)
def _shape_heads() -> dict[str, frozenset[str]]:
    """Last words that make a name a group's (*Quartet*), an organisation's (*Conservatory*) or a
    venue's (*Arena*), beside the lexicon's organisation heads (``data/mention_types.json``)."""
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).with_name("data") / "mention_types.json").read_text(encoding="utf-8"))
    return {k: frozenset(data.get(k, ())) for k in ("group_heads", "organisation_heads", "show_prefixes", "venue_heads",
                                                    "surname_heads", "interjections", "naming_nouns", "time_zones",
                                                    "show_heads", "genre_names", "work_title_plurals")}


# organisation heads that also end names of places (the Soviet Union, the West Bank)
_ALSO_PLACE_HEADS = frozenset({"Union", "Bank"})


def _shared_surnames(doc: Doc, found: list[Found], given: frozenset[str], lex: Lexicon) -> Iterator[Found]:
    """*Joel and Ethan Coen*, *siblings Maya and Leo Varga*: a lone given name joined by *and* to
    a full name shares its surname (the name stays as written; its canonical form is whole)."""
    longer = {k for g in found if g.end - g.start > 1 for k in range(g.start, g.end)}
    titles = set(lex.honorifics) | set(lex.name_titles)
    surnames = {doc[g.end - 1].text for g in found if g.type == PERSON and g.end - g.start > 1}
    not_surnames = set(lex.organization_heads) | set(lex.place_heads) | {n.title() for n in lex.production_nouns}
    for f in found:
        if f.type != PERSON or f.end - f.start != 2 or f.start < 2:
            continue
        if doc[f.start].text in titles or doc[f.start - 2].text in titles or doc[f.end - 1].text in not_surnames \
                or doc[f.start - 2].text in surnames:
            continue  # "the Duke and Prince Aldric", "The Rosa and Milo Show", "Williams" (a surname here)
        conj, first = doc[f.start - 1], doc[f.start - 2]
        if conj.lower_ not in ("and", "&") or not first.text[:1].isupper() or not first.is_alpha \
                or first.lower_ not in given or doc[f.start].lower_ not in given:
            continue
        if first.i in longer or f.start >= 3 and doc[f.start - 3].text[:1].isupper() and doc[f.start - 3].is_alpha \
                and doc[f.start - 3].lower_ not in SMALL_WORDS:
            continue  # "Tom Reed and Ethan Coen", "James Carter and Luis Ortega": a surname of its own
        yield Found(first.i, first.i + 1, PERSON, "kg.shared_surname.v1", 0.8, 3, None,
                    f"{first.text} {doc[f.end - 1].text}")


def _given_then_surname(doc: Doc, found: list[Found], given: frozenset[str]) -> Iterator[Found]:
    """*Mariah Vane is in talks* where NER named no one but *Vane* said so later: a given name
    right before a word the article names as a person on its own is that person's full name
    (``kg.given_surname.v1``); never inside another name (*the Mariah Vane Trust*), never a
    given name as the second word (*Tom Grace*: two given names are no surname)."""
    art = tokens_of(doc)
    surnames = {doc[f.start].text for f in found if f.type == PERSON and f.end - f.start == 1
                and doc[f.start].text[:1].isupper() and doc[f.start].lower_ not in given}
    if not surnames:
        return
    covered: dict[int, Found] = {}
    for f in found:
        for k in range(f.start, f.end):
            if f.end - f.start > 1 or f.type != PERSON:
                covered[k] = f
    for tok in art[1:]:
        if tok.text not in surnames:
            continue
        first = art[tok.i - 1]
        if not (first.lower_ in given and first.text[:1].isupper() and first.text[1:].islower() and first.is_alpha
                and first.pos_ == "PROPN") or first.i in covered or tok.i in covered:
            continue
        if tok.i + 1 < len(doc) and art[tok.i + 1].text[:1].isupper() and art[tok.i + 1].is_alpha \
                and art[tok.i + 1].pos_ == "PROPN":
            continue  # "Mariah Vane Trust": a longer name goes on
        if first.i > 0 and (art[first.i - 1].lower_ == "the" or art[first.i - 1].pos_ == "PROPN"
                            and art[first.i - 1].text[:1].isupper() and not art[first.i - 1].is_sent_start):
            continue
        yield Found(first.i, tok.i + 1, PERSON, "kg.given_surname.v1", 0.75, 2)


def _split_people_pairs(doc: Doc, found: list[Found]) -> Iterator[Found]:
    """*Quint and Avery* that NER took for one organisation, place or work: where each side is a
    person the article names (a full name or its surname), two people."""
    names = {doc[f.start:f.end].text for f in found if f.type == PERSON}
    names |= {doc[f.end - 1].text for f in found if f.type == PERSON and f.end - f.start > 1}
    for f in found:
        cut = next((k for k in range(f.start + 1, f.end - 1) if doc[k].lower_ in ("and", "&")), None) \
            if f.type in (ORGANIZATION, PLACE, PRODUCTION) and f.rule.startswith("kg.ner_") else None
        if cut is not None and doc[f.start:cut].text in names and doc[cut + 1:f.end].text in names:
            yield Found(f.start, cut, PERSON, "kg.person_pair.v2", 0.7, f.priority)
            yield Found(cut + 1, f.end, PERSON, "kg.person_pair.v2", 0.7, f.priority)
        else:
            yield f


def _extend_person(doc: Doc, f: Found, given: frozenset[str], lead_words: frozenset[str] = frozenset()) -> Found:
    """*Greta Lind* where NER saw only *Lind*: take a capitalised first name before it; at a
    sentence's start only a given name (*Greta Lind is in talks*; never *Yesterday Lind said*).

    Never a role word (``lead_words``) or its plural (*Producer Tom Vale*, *Singers Tessa Quint*),
    nor a word in capitals before a name a given name starts (*Harbourline CEO Tom Vale*: the
    post's initials; *JK Vale* keeps its initials)."""
    if f.type != PERSON or f.start == 0:
        return f
    prev = doc[f.start - 1]
    low = prev.lower_
    if low in lead_words or low[-1:] == "s" and low[:-1] in lead_words \
            or prev.is_upper and len(prev.text) > 1 and doc[f.start].lower_ in given and f.end - f.start > 1:
        return f
    if prev.pos_ == "PROPN" and prev.text[0].isupper() and prev.is_alpha \
            and (prev.i != sent_of(prev).start or low in given and doc[f.start].lower_ not in given) \
            and not prev.ent_type_ and low not in SMALL_WORDS:
        return Found(f.start - 1, f.end, f.type, "kg.person_extend.v3", f.confidence, f.priority, f.kind)
    return f


def _joined_at_of(doc: Doc, found: list[Found]) -> list[Found]:
    """*Quiet Sunrise* + *of the* + *Sleeping Town*: two names NER made of one where neither is a
    person's or a country's, joined by *of* (*the*) with no space for a clause between, are one
    name (the first's type; the sentence's cues may change it)."""
    at = {f.start: f for f in found}
    out: list[Found] = []
    skip: set[int] = set()
    for f in found:
        if f.start in skip:
            continue
        k = f.end
        if k < len(doc) and doc[k].lower_ == "of":
            k += 1
            if k < len(doc) and doc[k].lower_ == "the":
                k += 1
        g = at.get(k) if k > f.end + 1 or k == f.end + 1 and doc[f.end].lower_ == "of" else None
        if g is not None and f.rule.startswith("kg.ner_") and g.rule.startswith("kg.ner_") \
                and PERSON not in (f.type, g.type) and "kg.ner_gpe.v1" not in (f.rule, g.rule) \
                and f.rule != "kg.ner_org.v1" or g is not None and g.rule in ("kg.ner_fac.v1", "kg.ner_loc.v1") \
                and f.rule == "kg.ner_org.v1":
            out.append(Found(f.start, g.end, f.type, f.rule, f.confidence, f.priority))
            skip.add(g.start)
            continue
        out.append(f)
    return out


# words that follow a contracted "is" or "has" in a title ("Canada's Got Singers", "Nobody's Gotta Know")
_CLITIC_TITLE_WORDS = frozenset({"got", "gotta", "gonna", "gone", "been", "never"})


def _glued_titles(doc: Doc) -> Iterator[Found]:
    """Names the tagger cuts at an apostrophe: a contracted *'s* before a verb in title case
    (*Canada's Got Singers*, *Nobody's Gotta Care*: a title, never a possessive), and a dropped
    *g* (*Blazin' Kids*, *Livin' Large*: one name, of the type NER gave its first part, else a
    work's)."""
    art = tokens_of(doc)
    n = len(doc)
    for k in range(1, n - 1):
        tok = art[k]
        if tok.lower_ in ("'s", "\u2019s") and art[k + 1].lower_ in _CLITIC_TITLE_WORDS and _titleish(art[k + 1]) \
                and _titleish(art[k - 1]):
            start = _run_back(doc, k)
            end = _title_run(doc, k + 1)
            # ("Got" + "ta" + " Care": a word the tokenizer split, then the rest of the title)
            while end < n - 1 and not art[end - 1].whitespace_ and art[end].is_alpha and art[end].text.islower() \
                    and art[end].whitespace_ and _titleish(art[end + 1]) and not art[end + 1].is_punct:
                end = max(end + 2, _title_run(doc, end + 1))
            if start < k and end > k + 1:
                yield Found(start, end, PRODUCTION, "kg.clitic_title.v1", 0.75, 3)
        elif tok.text in ("'", "\u2019") and not art[k - 1].whitespace_ and art[k - 1].text[:1].isupper() \
                and art[k - 1].lower_.endswith("in") and len(art[k - 1].text) > 3 and tok.whitespace_ \
                and _titleish(art[k + 1]) and not art[k + 1].is_punct:
            start = _run_back(doc, k - 1) if k >= 2 else k - 1
            start = min(start, k - 1)
            end = _title_run(doc, k + 1)
            end = next((j for j in range(k + 1, end) if art[j].lower_ in ("and", "&")), end)  # (a list goes on)
            label = next((t.ent_type_ for t in art[start:end] if t.ent_type_), "")
            etype = {"ORG": ORGANIZATION, "PERSON": PERSON, "GPE": PLACE}.get(label, PRODUCTION)
            yield Found(start, end, etype, "kg.dropped_g_name.v1", 0.7, 3)


def _occurrences(doc: Doc, name: str) -> Iterator[Span]:
    """Every place the article writes ``name`` as whole words, on token bounds."""
    for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text_of(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="strict")
        if span is not None:
            yield span


def detect(doc: Doc, lex: Lexicon) -> list[Found]:
    """All mentions of one article, overlaps settled by priority, then length."""
    found: list[Found] = []
    found += _joined_at_of(doc, list(_ner(doc, lex.demonyms, frozenset(lex.cast_nouns) | frozenset(lex.role_nouns)
                                          | frozenset(lex.occupation_nouns) | frozenset(lex.kinship_nouns))))
    found += _lexicon_names(doc, lex)
    found += _awards(doc, lex)
    found += _awards_before_nominations(doc, lex)
    found += _award_categories(doc)
    found += _born_names(doc)
    found += _groups(doc, lex)
    found += _titles_after_nouns(doc, lex)
    found += _titles_before_nouns(doc, lex)
    found += _copula_titles(doc, lex)
    found += _quoted_titles(doc)
    found += _hashtags(doc)
    found += _titles_with_year(doc)
    found += _possessive_titles(doc, lex)
    found += _possessive_before_actor(doc)
    found += _after_year_possessive(doc)
    found += _after_broadcaster_possessive(doc, lex)
    found += _parenthesised_works(doc, lex.demonyms)
    found += _unnamed_agents(doc, found, lex)
    found += _titles_after_acting(doc, lex)
    found += _titles_before_roles(doc, lex)
    found += _titles_before_epithets(doc, lex)
    found += _titles_after_naming(doc, lex)
    found += _titles_after_work_nouns(doc, lex)
    found += _chart_titles(doc, lex)
    found += _glued_titles(doc)
    found += list(_acronyms(doc, found))
    found += list(_appositive_titles(doc, found, lex))
    found += list(_subtitled_titles(doc, found))
    given = first_names()
    world = world_first_names()  # (for a name's shape alone: see kg.extract.lexicon)
    leads = frozenset(lex.cast_nouns) | frozenset(lex.role_nouns) | frozenset(lex.occupation_nouns)
    found = [_extend_person(doc, _retype_by_shape(doc, f, lex, world), given, leads) for f in found]
    found += list(_other_names(doc, found))
    found += list(_person_in_lists(doc, found, lex, given))
    found += list(_shared_surnames(doc, found, given, lex))
    # A quoted word that is a given name or surname of a person the article names is that name
    # spoken of, not a work ("Osric Penn ... 'Osric' came from his grandfather"). So is a quoted
    # span after a noun of naming ("the name 'Osric'", "his nickname 'the Hammer'"), whether the
    # quotes or NER made a title of it.
    name_words = {doc[k].text for f in found if f.type == PERSON and f.end - f.start > 1 for k in (f.start, f.end - 1)}
    found = [f for f in found if not (f.rule == "kg.quoted_title.v6" and f.end - f.start == 1
                                      and doc[f.start].text in name_words
                                      or f.rule in ("kg.quoted_title.v6", "kg.ner_work_of_art.v1") and _spoken_of(doc, f))]
    # A title found once is the same title wherever else it appears in the article.
    titles = {doc[f.start:f.end].text for f in found if f.type == PRODUCTION and f.confidence >= 0.6
              and f.rule != "kg.hashtag_title.v1"}
    lowers, lemmas = lowers_of(doc), lemmas_of(doc)
    art = tokens_of(doc)
    # (never inside a longer name NER calls a person, nor inside any longer name NER read: a title
    # "Joe" is not the "Joe" of "Joe Vale" nor of "The Joe Vale Show")
    people_spans = [(f.start, f.end) for f in found if f.type == PERSON and f.end - f.start > 1]
    people_spans += [(e.start + (e[0].lower_ in ("the", "a", "an")), e.end) for e in ents_of(doc)
                     if e.label_ in _NAME_LABELS and len(e) > 1
                     and not any(t.lower_ in ("and", "&", "or", ",") for t in e)]  # ("Ray and Night Ferry": two)
    for title in titles:
        found += [Found(span.start, span.end, PRODUCTION, "kg.title_repeat.v3", 0.8, 3)
                  for span in _occurrences(doc, title)
                  if not any(a <= span.start and span.end <= b and b - a > len(span) for a, b in people_spans)]
    # A person's full name found once is a name wherever else the article writes it (NER misses
    # names, most often in a first sentence it ran together with the headline)
    # (only a name a given name starts, never one after "the": NER's wrong guesses are not spread)
    people_names = {doc[f.start:f.end].text for f in found if f.type == PERSON and f.end - f.start > 1
                    and f.rule == "kg.ner_person.v1" and all(t.text[:1].isupper() for t in art[f.start:f.end])
                    and art[f.start].lower_ in given and art[f.end - 1].lower_ not in given}
    for name in people_names:
        found += [Found(span.start, span.end, PERSON, "kg.name_repeat.v1", 0.75, 1) for span in _occurrences(doc, name)
                  if not (span.start > 0 and lowers[span.start - 1] == "the")]
    found += list(_given_then_surname(doc, found, given))
    found = list(_split_people_pairs(doc, found))
    # a person's surname on its own later in the article names them too ("Cole said")
    # (the surname before a suffix: "William Brenner II" is "Brenner")
    people = sorted({(f.start, doc[f.end - 2 if f.end - f.start > 2 and doc[f.end - 1].lower_.rstrip(".") in _SUFFIXES
                                   else f.end - 1].text) for f in found if f.type == PERSON and f.end - f.start > 1})
    for start, surname in people:
        for tok in art[start + 1:]:
            if tok.text != surname:
                continue  # (the cheap test first: every person's surname is looked for in every word)
            # NER often calls a surname on its own a place or an organisation ("Quint, 29, won …")
            lone = tok.ent_type_ in ("GPE", "ORG", "LOC", "NORP") and tok.ent_iob_ == "B" and (
                tok.i + 1 >= len(doc) or art[tok.i + 1].ent_iob_ != "I")
            # (at a sentence's start the tagger may call it a noun: "Brenner won the title.")
            if (tok.pos_ == "PROPN" or tok.is_sent_start and tok.pos_ == "NOUN") and (not tok.ent_type_ or lone):
                found.append(Found(tok.i, tok.i + 1, PERSON, "kg.surname_repeat.v1", 0.6, 2 if lone else 1))
    kinds = {doc[f.start:f.end].text: f.kind for f in found if f.type == PRODUCTION and f.kind}
    chosen: list[Found] = []
    taken: set[int] = set()
    for f in sorted(found, key=lambda f: (-f.priority, -(f.end - f.start), f.start)):
        if any(k in taken for k in range(f.start, f.end)):
            continue
        words = [t.text for t in doc[f.start:f.end]]
        if words.count("(") != words.count(")"):
            # "Smith (England", "Mara (Lumen": NER ran a name into a bracket; no name is made of
            # it, and none of the words is read again as something else
            taken.update(range(f.start, f.end))
            continue
        if f.type == PRODUCTION and not f.kind and doc[f.start:f.end].text in kinds:
            f = Found(f.start, f.end, f.type, f.rule, f.confidence, f.priority, kinds[doc[f.start:f.end].text], f.canonical)
        chosen.append(f)
        taken.update(range(f.start, f.end))
    # A quoted title that is never confirmed (repeated, or named by a production noun) is dropped.
    counts: dict[str, int] = {}
    for f in chosen:
        counts[doc[f.start:f.end].text] = counts.get(doc[f.start:f.end].text, 0) + 1
    people_at = {k for g in chosen if g.type == PERSON for k in range(g.start, g.end)}
    maker_at = {g.start for g in chosen if g.type in (PERSON, GROUP, ORGANIZATION)}

    def named_by_noun(f: Found) -> bool:
        # a production noun close by ("the song 'X'", "'X', the film"), or before it in its sentence
        # ("songs such as 'X'", "his hits include 'X'")
        sent_start = sent_of(doc[f.start]).start
        near = [art[k] for k in range(max(0, f.start - 3, ), min(len(doc), f.end + 3)) if not f.start <= k < f.end]
        near += [art[k] for k in range(max(sent_start, f.start - 8), max(0, f.start - 3))]
        if any(lowers[t.i] in lex.production_nouns or lemmas[t.i] in lex.production_nouns
               or lemmas[t.i] in _QUOTE_WORK_NOUNS for t in near):
            return True
        # a verb of making or performing right before it ("she sang 'X'", "they released 'X'")
        if any(lemmas[t.i] in _QUOTE_WORK_VERBS and t.pos_ in ("VERB", "AUX")
               for t in art[max(sent_start, f.start - 4):f.start]):
            return True
        # "Tessa Quint's 'Blue Hour'": a quoted name after a person's possessive is their work
        k = f.start - 1
        while k >= 0 and doc[k].text in QUOTES:
            k -= 1
        if k >= 1 and doc[k].lower_ in ("'s", "\u2019s") and k - 1 in people_at:
            return True
        return by_maker_or_year(f)

    def by_maker_or_year(f: Found) -> bool:
        # '"Blue Hour" (1979)', '"Blue Hour" by Tessa Quint', '"Windmill" by the Otters': a year
        # in brackets, or who made it, right after the quotes (never a word someone is called,
        # '"a Traitor" by Tom Vale', 'branded "Shameful" by Tom Vale')
        k = f.end
        while k < len(doc) and art[k].text in _QUOTE_MARKS:
            k += 1
        if k == f.end or k + 1 >= len(doc):
            return False
        year = art[k + 1].text
        if art[k].text == "(" and art[k + 1].like_num and len(year) == 4 and year[:2] in ("18", "19", "20"):
            return True
        if lowers[k] != "by" or any(lemmas[t.i] in _CALLING_LEMMAS for t in art[max(0, f.start - 4):f.start]):
            return False
        j = k + 1 + (lowers[k + 1] == "the")
        return j in maker_at

    # quoted titles listed together confirm each other ('"A", "B" and "C"'), as does a work beside them
    works_at = {k: g for g in chosen if g.type == PRODUCTION for k in (g.start, g.end)}
    listed: set[int] = set()
    for g in chosen:
        if g.type != PRODUCTION:
            continue
        k = g.end
        while k < len(doc) and k - g.end < 4 and (art[k].text in QUOTES or lowers[k] in (",", "and", "or", "&")):
            k += 1
        h = works_at.get(k)
        if h is not None and h is not g and h.start == k and k > g.end \
                and any(lowers[j] in (",", "and", "or", "&") for j in range(g.end, k)) \
                and (g.rule == "kg.quoted_title.v6" or h.rule == "kg.quoted_title.v6"):
            listed.update((g.start, h.start))
    chosen = [f for f in chosen if not (f.rule == "kg.quoted_title.v6" and counts[doc[f.start:f.end].text] < 2
                                        and f.start not in listed and not named_by_noun(f))]
    found = [_kin(doc, _without_rank(doc, f, lex), lex) for f in _bracketed_aliases(doc, chosen)]
    from kg.extract.mention_types import retype  # (imports Found from here)

    typed = retype(doc, sorted(found, key=lambda f: f.start), lex, given)
    # "Giuseppe" and "Joe' Vale", that NER made of "Giuseppe 'Joe' Vale", are one name
    marks = _QUOTE_MARKS
    ending = {f.end: f for f in typed if f.type == PERSON}
    for f in [f for f in typed if f.type == PERSON]:
        g = ending.get(f.start - 1)
        if g is not None and doc[f.start - 1].text in marks \
                and sum(1 for t in doc[g.start:f.end] if t.text in marks) == 2:
            typed = [x for x in typed if x is not f and x is not g]
            typed.append(replace(f, start=g.start, confidence=max(f.confidence, g.confidence)))
    taken = {k for f in typed for k in range(f.start, f.end)}
    names = {doc[f.start:f.end].text for f in typed if f.type == PERSON}
    return [_without_nickname(doc, f, taken, names) for f in sorted(typed, key=lambda f: f.start)]


# verbs that call someone or something a word (a quoted word after them is no title)
_CALLING_LEMMAS = frozenset({"call", "brand", "label", "dub", "describe", "term", "deem", "slam", "praise"})

# NER's labels for a longer name a repeated title is no part of ("The Joe Vale Show", "Joe Vale"):
# not an organisation's, which NER gives as often to a longer title of the same work
_NAME_LABELS = frozenset({"PERSON", "WORK_OF_ART", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "LAW"})

# roles a person has on a show, written after its title ("Quiz Harbour judge Jane Doe")
SHOW_ROLE_NOUNS = frozenset({"judge", "judges", "finalist", "finalists", "semi-finalist", "contestant", "contestants",
                             "housemate", "housemates", "host", "co-host", "presenter", "co-presenter", "runner-up",
                             "castaway", "hopeful", "hopefuls", "champion", "mentor", "panellist", "panelist"})


def _run_back(doc: Doc, end: int, limit: int = 8) -> int:
    """Start of a title-case run ending at ``end`` (exclusive), through small words, possessives,
    hyphens and clitics inside it (*Canada's Got Jugglers*, *Britain's Next Top Harbour*)."""
    art = tokens_of(doc)
    sent_start = sent_of(art[end - 1]).start
    start = end
    while start > sent_start and end - start < limit:
        t = art[start - 1]
        if _titleish(t) and not t.is_punct:
            start -= 1
        elif start < end and start - 1 > sent_start and (t.lower_ in ("'s", "\u2019s", "-", "n't")
                                                         and not art[start - 2].whitespace_
                                                         or t.lower_ in ("of", "the")) \
                and _titleish(art[start - 2]) and not art[start - 2].is_punct:
            start -= 1
        else:
            break
    while start < end and (art[start].lower_ in SMALL_WORDS or art[start].is_punct):
        start += 1
    return start


def _titles_before_roles(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*Quiz Harbour judge Jane Doe*, *America's Got Harbour finalist Tom Avery*: a title-case run of
    two words or more right before a show role noun and a person's name is the show (one word is
    too often a place or an employer: *Hollywood host*, *ITV presenter*)."""
    art = tokens_of(doc)
    refuse = set(lex.broadcasters) | set(lex.platforms)
    for tok in art:
        if tok.lower_ not in SHOW_ROLE_NOUNS or not tok.text[:1].islower() or tok.i < 2 or tok.i + 1 >= len(doc):
            continue
        nxt = art[tok.i + 1]
        if not (_titleish(nxt) and nxt.ent_type_ == "PERSON"):
            continue
        start = _run_back(doc, tok.i)
        words = [t for t in art[start:tok.i] if t.is_alpha]
        if len(words) < 2 or art[start].is_sent_start and art[start].lower_ in ("former", "ex", "new") \
                or all(t.ent_type_ == "PERSON" for t in art[start:tok.i]) \
                or any(doc[a:tok.i].text in refuse for a in range(start, tok.i)) \
                or any(t.lower_ in lex.award_heads for t in art[start:tok.i]):
            continue
        yield Found(start, tok.i, PRODUCTION, "kg.title_before_role.v1", 0.7, 4)


def _titles_after_work_nouns(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*the summer blockbuster The Night Lamp*, *his gangster flick Tallow*, *a costume epic Stone
    and Salt*: a title-case run right after a noun that only a work is (``work_nouns`` of
    ``data/mention_types.json``: *blockbuster*, *flick*, *epic*, *whodunit*) is its title.

    Never a place, a nationality, a date or a count, nor a name a lowercase noun follows, which
    describes the noun (*the blockbuster Harbour Street musicals*, *a spoof Harrowgate media
    worker*), nor a name a given name starts (*a romance with Tom Vale* has its *with*; *romance
    Tom Vale* is no title)."""
    from kg.extract.mention_types import cues  # (imports Found from here)

    nouns = cues()["work_nouns"]
    art = tokens_of(doc)
    lowers, lemmas = lowers_of(doc), lemmas_of(doc)
    given = first_names()
    for tok in art:
        # (the tagger reads "epic" an adjective: a noun of its phrase before it makes it the head,
        # "the kung fu epic X", "a costume epic X")
        if lowers[tok.i] not in nouns or not tok.text.islower() or tok.i + 1 >= len(doc) or not (
                tok.pos_ == "NOUN" or tok.pos_ == "ADJ" and tok.i > 0 and art[tok.i - 1].pos_ == "NOUN"
                and art[tok.i - 1].is_lower):
            continue
        start = tok.i + 1
        end = _title_run(doc, start)
        start, end = _strip(doc, start, end, title=True)
        if start >= end or not _titleish(art[start]) or art[start].is_punct:
            continue
        if any(t.ent_type_ in _EPITHET_NOT_WORK or t.ent_type_ == "LOC" for t in art[start:end]) \
                or lowers[start] in given \
                or doc[start:end].text in lex.broadcasters or doc[start:end].text in lex.demonyms:
            continue
        if end < len(doc) and art[end].is_lower and (art[end].pos_ in ("NOUN", "ADJ") or lowers[end] in lex.production_nouns
                                                     or lemmas[end] in lex.production_nouns):
            continue  # ("the blockbuster Harbour Street musicals", "a spoof Harrowgate media worker")
        yield Found(start, end, PRODUCTION, "kg.title_after_work_noun.v1", 0.75, 4)


_NAMING_PARTICIPLES = frozenset({"called", "named", "entitled", "titled", "dubbed"})


def _titles_after_naming(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*a quiz show called Brain Ladder*, *a reality programme named Star Parade*, *her new album,
    entitled Cold Lamps*, *a band called the Otters*: what a production noun or a band's noun is
    called is a title or a band's name (a production noun's kind goes with it).

    The name is a title-case run or a quoted span right after the participle (an adverb may come
    between: *a film simply called X*); never a person's name with a given name first (*a character
    named Tom Vale*), nor *named after*, *called for*, *called on* (no name follows)."""
    from kg.extract.mention_types import cues  # (imports Found from here)

    groups = cues()["group_nouns"]
    art = tokens_of(doc)
    lowers, lemmas = lowers_of(doc), lemmas_of(doc)
    given = first_names()
    for tok in art:
        if lowers[tok.i] not in _NAMING_PARTICIPLES or tok.i < 1 or tok.i + 1 >= len(doc):
            continue
        k = tok.i - 1
        while k > 0 and art[k].pos_ == "ADV" and art[k].is_lower:
            k -= 1  # "a film simply called X"
        if art[k].text == ",":
            k -= 1
        noun = art[k]
        kind = lex.production_nouns.get(lowers[k]) or lex.production_nouns.get(lemmas[k])
        if kind is None and k > 0:
            kind = lex.production_nouns.get(f"{lowers[k - 1]} {lowers[k]}")
        group = lowers[k] in groups or lemmas[k] in groups
        if kind is None and not group or not noun.is_lower or noun.pos_ not in ("NOUN", "PROPN", "VERB"):
            continue
        j = tok.i + 1
        quoted = art[j].text in _QUOTE_MARKS
        if quoted:
            close = next((x for x in range(j + 1, min(len(doc), j + 12)) if art[x].text in _QUOTE_MARKS), None)
            if close is None or close == j + 1:
                continue
            start, end = j + 1, close
        else:
            if group and lowers[j] == "the":
                j += 1  # "a band called the Otters"
            start, end = j, _title_run(doc, j)
        start, end = _strip(doc, start, end, title=True)
        if start >= end or not _titleish(art[start]) or art[start].is_punct \
                or not quoted and end - start > 1 and lowers[start] in given and art[start].ent_type_ == "PERSON" \
                or art[start].ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "NORP"):
            continue
        if group:
            yield Found(start, end, GROUP, "kg.name_after_naming.v1", 0.8, 4)
        else:
            yield Found(start, end, PRODUCTION, "kg.title_after_naming.v1", 0.85, 4, kind)


# words a song's title holds and a band's name seldom does ("the Leave Me Be singer")
_SONG_TITLE_WORDS = frozenset({"i", "i'm", "me", "my", "myself", "you", "your", "yourself", "it", "we", "us", "our",
                               "they", "them", "he", "she", "her", "him", "'m", "n't", "\u2019m", "n\u2019t"})
# what a name between "the" and a noun of renown is, when it is no work: where one is from, a
# nationality, an age or a count ("the US star", "the Welsh singer", "the One Two actor")
_EPITHET_NOT_WORK = frozenset({"GPE", "NORP", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                               "QUANTITY"})


def _titles_before_epithets(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*the Paper Rivers star*, *the Cold Harbour actress*, *the "Glass Lake" singer*: a title
    between *the* and a noun that names a person by what made them known is that work.

    A noun of the screen (*star*, *actress*, ``epithet_screen_nouns``) takes a title of any shape
    NER does not read as a place, a nationality or a number; a noun of singing (*singer*,
    *hitmaker*, ``epithet_song_nouns``) takes one only quoted or holding a pronoun (*the Leave Me
    Be singer*), as *the Blue Rooks singer* names a band as often as a song. Broadcasters,
    platforms, awards and names with an organisation's head word (*the BBC star*, *the Oscar
    actress*) are never titles here, nor is a run with *and* in it, which may be two works.
    """
    from kg.extract.mention_types import cues  # (imports Found from here)

    c = cues()
    screen, song = c["epithet_screen_nouns"], c["epithet_song_nouns"]
    art = tokens_of(doc)
    lowers = lowers_of(doc)
    refuse = set(lex.broadcasters) | set(lex.platforms)
    org_words = _org_words()
    for tok in art:
        low = lowers[tok.i]
        if low not in screen and low not in song or not tok.text.islower() or tok.i < 2 \
                or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        sent_start = sent_of(tok).start
        quoted = art[tok.i - 1].text in _QUOTE_MARKS
        if quoted:
            close = tok.i - 1
            opening = next((j for j in range(close - 1, max(sent_start, close - 10) - 1, -1)
                            if art[j].text in _QUOTE_MARKS), None)
            if opening is None or opening + 1 >= close:
                continue
            start, end, det = opening + 1, close, opening - 1
            if not _titleish(art[start]) or any(t.is_punct and t.text not in ("!", "?", "'", "\u2019", ",", "-")
                                                 for t in art[start:end]):
                continue
        else:
            start, end = _run_back(doc, tok.i), tok.i
            det = start - 1
        if start >= end or det < sent_start or lowers[det] != "the":
            continue
        run = art[start:end]
        text = doc[start:end].text
        if not quoted:
            if low in song and not any(lowers[t.i] in _SONG_TITLE_WORDS for t in run):
                continue
            if run[0].ent_type_ in _EPITHET_NOT_WORK or all(t.ent_type_ in _EPITHET_NOT_WORK for t in run) \
                    or any(lowers[t.i] in ("and", "&") for t in run) \
                    or len(run) == 1 and (run[0].lower_ in first_names() or run[0].ent_type_ == "LOC"):
                continue
        if text in refuse or any(doc[a:end].text in refuse for a in range(start, end)) \
                or any(t.text in org_words or lowers[t.i] in lex.award_heads for t in run) \
                or text in lex.award_lexicon or text in lex.demonyms:
            continue
        yield Found(start, end, PRODUCTION, "kg.title_before_epithet.v1", 0.75, 4)


_CHART_AFTER = (("at", "number"), ("to", "number"), ("in", "at"), ("at", "no"), ("at", "no."), ("to", "no"),
                ("remains", "at"), ("stays", "at"), ("tops", "the"), ("topped", "the"))


def _chart_titles(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """Chart news: *Quint's I Will Be Home entered at number two*, *knocking Vale's You Can
    Stay to three*, *slipped to four with Hold Me Now*: a title-case run after a name's
    possessive (or *with* after a chart place) that a chart place follows names a song or an
    album, clause-like as such titles often are."""
    art = tokens_of(doc)
    lowers = lowers_of(doc)
    numbers = set(lex.number_words)
    given = first_names()
    for tok in art:
        if tok.i + 2 >= len(doc):
            continue
        after_possessive = lowers[tok.i] in ("'s", "\u2019s") and tok.i > 0 and _titleish(art[tok.i - 1])
        after_place = lowers[tok.i] == "with" and tok.i >= 2 and (lowers[tok.i - 1] in numbers or art[tok.i - 1].like_num)
        if not (after_possessive or after_place):
            continue
        i = tok.i + 1
        while i < len(doc) and i - tok.i < 4 and art[i].text[:1].islower() and art[i].pos_ in ("ADJ", "NOUN"):
            i += 1  # "Quint's latest release ..."
        if i >= len(doc) or not _titleish(art[i]) or art[i].is_punct:
            continue
        end = i
        while end < len(doc) and end - i < 10 and (_titleish(art[end]) and not art[end].is_punct
                                                   or lowers[end] in ("n't", "'s", "\u2019s", "'ll", "'m", "'re") and not art[end - 1].whitespace_
                                                   or lowers[end] in SMALL_WORDS and end + 1 < len(doc) and _titleish(art[end + 1])):
            end += 1
        if end - i < 2 and not after_place or end >= len(doc):
            continue
        k = end
        if art[k].text == ",":
            k += 1
        two = tuple(lowers[k:k + 2])
        chart = two in _CHART_AFTER or lowers[k] == "to" and k + 1 < len(doc) and (lowers[k + 1] in numbers
                                                                                      or art[k + 1].like_num) \
            or lowers[k] in ("went", "entered", "climbed", "slipped", "dropped", "fell", "rose", "jumped", "moved") \
            or after_place and art[end].text in (",", ".")
        if not chart or any(t.ent_type_ in ("PERSON", "GPE", "DATE", "ORG") for t in art[i:end]) and end - i < 2:
            continue
        if lowers[i] in given and all(t.ent_type_ == "PERSON" for t in art[i:end]):
            continue  # "a comedy starring Y's Tara Vane, at number two": a person, a given name first
        yield Found(i, end, PRODUCTION, "kg.chart_title.v2", 0.7, 4)


# nouns and verbs that make a quoted title-case phrase a work ("the hit 'X'", "she sang 'X'")
_QUOTE_WORK_NOUNS = frozenset({"hit", "recording", "cover", "version", "video", "tune", "rendition", "duet", "remix",
                               "blockbuster", "classic", "smash", "bestseller", "best-seller", "chart-topper", "lyric",
                               "lyrics", "chorus", "record", "release"})
_QUOTE_WORK_VERBS = frozenset({"sing", "perform", "release", "record", "cover", "write", "pen", "co-write", "star",
                               "co-star", "direct", "produce", "premiere", "debut", "publish", "host", "present",
                               "air", "launch", "drop", "belt", "croon", "rap", "remix", "film", "shoot", "read"})


_ACTING_LEMMAS = frozenset({"star", "co-star", "costar", "guest-star", "role", "cameo", "appear"})
# what NER may call a title it does not know; people, places, organisations and dates are not titles
# (after a word of acting, NER's places and organisations are often titles: "starred in The Crown")
_TITLE_NER = frozenset({"", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LOC", "ORG"})


def _titles_after_acting(doc: Doc, lex: Lexicon) -> Iterator[Found]:
    """*starred in The Long Field*, *a recurring role on Night Ferry*, *her role as Mara in Red
    Dust*: a title-case span after *in* / *on* that follows a word of acting in its clause."""
    lowers = lowers_of(doc)  # (tok.lower_ makes a new string on each call)
    for tok in tokens_of(doc):
        if lowers[tok.i] not in ("in", "on") or tok.i + 1 >= len(doc):
            continue
        first = doc[tok.i + 1]
        if not _titleish(first) or first.is_punct or first.ent_type_ not in _TITLE_NER \
                or first.lower_ in PRONOUN_STARTS:
            continue
        window = doc[max(sent_of(tok).start, tok.i - 7):tok.i]
        acting = [t for t in window if (t.lemma_.lower() in _ACTING_LEMMAS or t.lower_ in _ACTING_LEMMAS)
                  and not (t.lemma_.lower() == "appear" and lowers[tok.i] != "in")]  # ("appeared on Broadway")
        # the acting word governs this "in"/"on", directly or through "as CHARACTER"
        if not acting or not any(tok.head == a or tok.head.head == a or tok.head.dep_ == "pobj"
                                 and tok.head.head.head == a for a in acting):
            continue
        # (the title ends before a channel's name: "starred in The Long Field on Channel 9")
        end = _before_broadcaster(doc, tok.i + 1, _title_run(doc, tok.i + 1), lex)
        # the title ends before a preposition that brings in something else ("… in Red Dust in 2009")
        for k in range(tok.i + 2, end):
            if doc[k].pos_ == "ADP" and doc[k].lower_ not in ("of", "the") and k + 1 < end \
                    and doc[k + 1].ent_type_ not in _TITLE_NER:
                end = k
                break
        if end <= tok.i + 1 or any(t.ent_type_ not in _TITLE_NER for t in doc[tok.i + 1:end]) \
                or doc[tok.i + 1:end].text in lex.broadcasters or end < len(doc) and (
                    doc[end].lower_ in ("'s", "\u2019s") or doc[end].tag_ == "POS"
                    or doc[end].pos_ == "NOUN" and doc[end].text.islower()):
            # ("appeared in Harbour Lights' finale", "in Vale's Couture show": a noun's modifier)
            continue  # a broadcaster, or a possessor ("starred in Chelsea's win"), is no title
        # "starred in Paper Rivers and Cold Lamp": two titles of two capitalised words or more each,
        # an "and" between, a capitalised word after it ("Rivers and Roads", "Tom Vale and the
        # Long Night" are one; "The Long Field and The Harbour Boys" two)
        cut = next((k for k in range(tok.i + 3, end - 2) if lowers[k] in ("and", "&")), None)
        if cut is not None and all(_titleish(t) and not t.is_punct for t in doc[tok.i + 1:cut]) \
                and all(_titleish(t) and not t.is_punct for t in doc[cut + 1:end]) \
                and (lowers[cut + 1] not in SMALL_WORDS or doc[cut + 1].text in ("The", "A", "An")):
            yield Found(tok.i + 1, cut, PRODUCTION, "kg.title_after_acting.v3", 0.6, 2)
            yield Found(cut + 1, end, PRODUCTION, "kg.title_after_acting.v3", 0.6, 2)
            continue
        yield Found(tok.i + 1, end, PRODUCTION, "kg.title_after_acting.v3", 0.6, 2)


_MAKING_LEMMAS = frozenset({"produce", "co-produce", "coproduce", "distribute", "publish", "release", "develop",
                            "finance", "commission", "broadcast", "air"})


def _unnamed_agents(doc: Doc, found: list[Found], lex: Lexicon) -> list[Found]:
    """*produced by Northlight*: a proper noun NER left untyped, as the agent of producing,
    distributing or publishing, names an organisation when it is one word (a person's first
    mention has a given name and a surname); resolution still votes with its other mentions."""
    taken = {k for f in found for k in range(f.start, f.end)}
    out = []
    for tok in tokens_of(doc):
        if tok.dep_ != "pobj" or tok.head.dep_ != "agent" or tok.head.head.lemma_.lower() not in _MAKING_LEMMAS:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i:
            start -= 1
        span = doc[start:tok.i + 1]
        # NER leaves such a name untyped or calls it a nationality or a product
        if len(span) != 1 or tok.i in taken or tok.ent_type_ not in ("", "NORP", "PRODUCT") \
                or tok.text in lex.demonyms or tok.pos_ != "PROPN" or not _titleish(tok) or not tok.is_alpha:
            continue
        out.append(Found(tok.i, tok.i + 1, ORGANIZATION, "kg.making_agent.v1", 0.55, 1))
    return out


def _kin(doc: Doc, f: Found, lex: Lexicon) -> Found:
    """*X, nephew of the painter Y*: a one-word name after a kinship noun is someone else than the
    person it is related to, so it must not be read as a short form of that person's name."""
    if f.type != PERSON or f.end - f.start != 1:
        return f
    k = f.start - 1
    while k >= 0 and (doc[k].text[:1].islower() and doc[k].lower_ not in ("of",) or doc[k].is_punct) and k > f.start - 6:
        k -= 1
    if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in set(lex.kinship_nouns):
        return Found(f.start, f.end, f.type, KIN_RULE, f.confidence, f.priority, f.kind, f.canonical)
    return f


def _spoken_of(doc: Doc, f: Found) -> bool:
    """Whether a quoted span follows a noun of naming: *the name 'Osric'*, *the nickname 'Harbour
    Kings'* speak of a word (``data/mention_types.json`` ``naming_nouns``)."""
    k = f.start - 1
    if k < 1 or doc[k].text not in _QUOTE_MARKS:
        return False
    noun = doc[k - 1]
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in _shape_heads()["naming_nouns"]


def _without_nickname(doc: Doc, f: Found, taken: set[int], names: set[str]) -> Found:
    """*Giacomo 'Jack' Vale*: a person's name with a quoted nickname inside it is known by the name
    without it (its canonical form, ``Giacomo Vale``), or by the nickname and surname where the
    article names them so elsewhere (``names``: *Jack Vale*); the text keeps what the article
    wrote. Half of such a name (*Jack' Vale*) takes in the rest where no other mention holds it
    (``taken``)."""
    if f.type != PERSON or f.canonical or f.end - f.start < 3:
        return f
    marks = _QUOTE_MARKS
    start, end = f.start, f.end
    inside = [k for k in range(start, end) if doc[k].text in marks]
    # (NER may take in half of it: "Giuseppe 'Joe' Vale" read as "Joe' Vale")
    if len(inside) == 1 and start < inside[0] < end - 1 and start >= 2 and doc[start - 1].text in marks \
            and doc[start - 2].text[:1].isupper() and doc[start - 2].is_alpha and start - 2 not in taken:
        start -= 2
    elif len(inside) == 1 and start < inside[0] < end - 1 and end + 1 < len(doc) and doc[end].text in marks \
            and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha and end + 1 not in taken:
        end += 2
    if end - start < 5:
        return f
    words = list(doc[start:end])
    quotes = [k for k, t in enumerate(words) if t.text in marks]
    if len(quotes) != 2 or quotes[0] == 0 or quotes[1] == len(words) - 1 or quotes[1] - quotes[0] > 4:
        return f
    kept = " ".join(t.text for t in words[:quotes[0]] + words[quotes[1] + 1:])
    known = " ".join(t.text for t in words[quotes[0] + 1:quotes[1]] + words[quotes[1] + 1:])
    return replace(f, start=start, end=end, canonical=known if known in names else kept)


def _bracketed_aliases(doc: Doc, found: list[Found]) -> list[Found]:
    """*Sona Darpan (Golden Mirror)*: a name in brackets right after a title is another name
    of the same work (a translation, an alternative title), not a second work."""
    ends = {f.end: f for f in found if f.type == PRODUCTION}
    starts = {f.start for f in found}
    text = text_of(doc)
    for end, outer in list(ends.items()):
        # brackets NER found nothing in: read the title-case run inside them
        if end + 1 < len(doc) and doc[end].text == "(" and end + 1 not in starts and _titleish(doc[end + 1]) \
                and not doc[end + 1].like_num and any(c.isalpha() for c in doc[end + 1].text):
            run = _title_run(doc, end + 1)
            if run < len(doc) and doc[run].text in (")", ";") and text.count(doc[end + 1:run].text) == 1:
                found = [*found, Found(end + 1, run, PRODUCTION, "kg.bracketed_alias.v1", 0.7, 4)]
    result = []
    for f in found:
        outer = ends.get(f.start - 1) if f.start >= 2 and doc[f.start - 1].text == "(" else None
        closed = f.end < len(doc) and doc[f.end].text in (")", ";")
        name = doc[f.start:f.end].text
        # a name the article also uses outside these brackets is a thing of its own
        # ("Episode Title (Series Name)"), not another name of the work
        elsewhere = text.count(name) > 1
        if outer is not None and closed and f.type != PERSON and not doc[f.start].like_num \
                and any(c.isalpha() for c in name) \
                and doc[f.start].ent_type_ != "DATE" and not elsewhere:
            f = Found(f.start, f.end, PRODUCTION, "kg.bracketed_alias.v1", f.confidence, f.priority, outer.kind,
                      doc[outer.start:outer.end].text)
        result.append(f)
    return result


def _without_rank(doc: Doc, f: Found, lex: Lexicon) -> Found:
    """*Detective Tom Keller* is known as *Tom Keller*: rank words before a two-word name; so is
    *Singer Tessa Quint* at a sentence's start, where NER takes the capitalised occupation in."""
    if f.type != PERSON or f.canonical:
        return f
    words = doc[f.start:f.end].text.split()
    titles = set(lex.name_titles)
    occupations = set(lex.occupation_nouns)
    k = 0
    while k < len(words) - 2 and (words[k] in titles or words[k].lower() in occupations):
        k += 1
    if not k:
        return f
    return Found(f.start, f.end, f.type, f.rule, f.confidence, f.priority, f.kind, " ".join(words[k:]))
