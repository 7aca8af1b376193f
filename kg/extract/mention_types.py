"""What kind of thing a name is, from what the sentence around it says (not from NER alone).

spaCy's small pipeline guesses a label from a name's spelling and a few words around it: a film
title becomes a person (*Marion Vale*), a band a person, a city a person. The sentence usually
says otherwise, and each of these cues is read from it:

- the noun the name is in apposition to (*his album, X*; *X, a band from ...*; a band named after
  its noun, *the band X*, is the music family's: kg.extract.rules.music);
- the noun it modifies as a compound (*X actress Y*: X is a work; *X drummer Y*: X is a band);
- the noun it possesses (*X's executive producer*: a work; *X's frontman*: a band);
- the noun it is *of* (*the creator of X*, *members of X*, *the editor of X*);
- the preposition before it (*in X* is no person), a place after it (*X, California*);
- the verbs it takes part in (*X starring Y*, *X grossed*).

A cue changes a mention's type only where it contradicts NER, and the mention then records the
cue as its rule (``kg.type_<cue>.v1``) and the cue's weight as its confidence: resolution votes
over every mention of a thing, so one cue outweighs one NER guess, and a thing NER mistypes at
every mention but which the text describes once still gets the text's type.
"""
from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Found, _org_words, _title_run
from kg.extract.sents import sent_of, text_of, tokens_of
from kg.model import GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION

# what a cue may overrule: NER's guesses and guesses from a name's shape, never the lexicon,
# a production noun before a title, an award's head word or a definition (*X is a film*)
RETYPABLE = ("kg.ner_person.v1", "kg.ner_org.v1", "kg.ner_gpe.v1", "kg.ner_loc.v1", "kg.ner_fac.v1",
             "kg.ner_work_of_art.v1", "kg.name_shape.v4", "kg.person_extend.v1", "kg.person_extend.v3", "kg.making_agent.v1",
             "kg.surname_repeat.v1", "kg.person_in_list.v3")
POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
QUOTE_MARKS = frozenset({'"', "\u201c", "\u2018", "'"})


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """The cue words of ``data/mention_types.json``, as frozen sets."""
    data = json.loads((Path(__file__).with_name("data") / "mention_types.json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return {k: frozenset(v) for k, v in data.items()}


def _noun_at(doc: Doc, i: int) -> tuple[str | None, int]:
    """The lowercase noun (one or two words) starting at token ``i``, and the index after it."""
    if i >= len(doc) or not doc[i].text[:1].islower():
        return None, i
    if i + 1 < len(doc) and doc[i + 1].text[:1].islower() and doc[i + 1].pos_ == "NOUN":
        return f"{doc[i].lower_} {doc[i + 1].lower_}", i + 2
    return doc[i].lower_, i + 1


def _head_type(word: str, lex: Lexicon, c: dict[str, frozenset[str]]) -> str | None:
    """The type a describing noun gives the name it describes (*album* → a work)."""
    last = word.split()[-1]
    if word in c["group_nouns"] or last in c["group_nouns"] and word.split()[0] in ("rock", "pop", "indie", "punk"):
        return GROUP
    if word in lex.production_nouns or last in lex.production_nouns or word in c["work_nouns"] or last in c["work_nouns"]:
        return PRODUCTION
    if word in c["place_nouns"] or last in c["place_nouns"]:
        return PLACE
    if word in c["organisation_nouns"] or last in c["organisation_nouns"]:
        return ORGANIZATION
    people = set(lex.occupation_nouns) | set(lex.role_nouns) | c["musician_nouns"]
    if word in people or last in people:
        return PERSON
    return None


def _titleish_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and not tok.is_punct


def _may(f: Found, *types: str) -> bool:
    """Whether a cue may give ``f`` a type: it has one of ``types``, or none yet (an unlabelled name)."""
    return not f.type or f.type in types


def _given_first(doc: Doc, f: Found, given: frozenset[str]) -> bool:
    return doc[f.start].lower_ in given and f.end - f.start > 1


def _cue(doc: Doc, f: Found, lex: Lexicon, c: dict[str, frozenset[str]], given: frozenset[str],
         at: dict[int, Found], person_ends: frozenset[int] = frozenset()) -> tuple[str, str, float] | None:
    """The (type, cue, weight) the sentence gives mention ``f``, or None (``person_ends``: where
    the article's people end, for an unlabelled name after *of*)."""
    span = doc[f.start:f.end]
    if span[0].text in lex.honorifics and len(span) == 1:
        return None
    ends = {g.end: g for g in at.values()}
    root = span.root
    sent = sent_of(span[0])
    after = doc[f.end] if f.end < len(doc) else None
    before = doc[f.start - 1] if f.start > 0 else None
    # (1) apposition: "his last album, X", "X, a band from ...", "the director of the film, X,"
    # (only a comma joins the two: "X - a song called Y" and "X, who ..." are something else)
    # and the describing noun stands next to the name: "the studio, which had trained several of its
    # dancers, X" describes X as a dancer, not as the studio); a noun after the name closes its
    # phrase ("X, a band from Y," not "directed by X, the episode aired ...")
    heads = []
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and f.start - 5 <= root.head.i < f.start \
            and before is not None and before.text == ",":
        heads.append(root.head)
    # ("directed by X, the episode aired on ...": after an agent, *the* noun starts the main clause)
    agent = root.dep_ == "pobj" and root.head.lower_ == "by"
    heads += [ch for ch in root.children if ch.dep_ == "appos" and ch.pos_ == "NOUN" and ch.i >= f.end
              and f.end < len(doc) and doc[f.end].text == ","
              and (ch.right_edge.i + 1 >= len(doc) or doc[ch.right_edge.i + 1].is_punct)
              and not (agent and any(d.dep_ == "det" and d.lower_ == "the" for d in ch.children))
              and not any(v.dep_ in ("acl", "relcl") and v.tag_ in ("VBD", "VBZ", "VBP") and v.i == ch.i + 1
                          for v in ch.children)]
    closed = f.end >= len(doc) or doc[f.end].text in (",", ".", ";", ")", "-", "\u2013", "\u2014", "!", "?")
    if before is not None and before.text == "," and f.start >= 2 and doc[f.start - 2].pos_ == "NOUN" \
            and doc[f.start - 2].text[:1].islower() and closed \
            and any(ch.dep_ in ("det", "poss", "amod") for ch in doc[f.start - 2].children):
        heads.append(doc[f.start - 2])  # "... his last album, X.": the parser often misses it
    for h in heads:
        # "the president of one of the city's organisations, X": the phrase is headed by its first noun
        while h.dep_ == "pobj" and h.head.dep_ == "prep" and h.head.head.pos_ in ("NOUN", "NUM", "PRON") \
                and h.head.i > h.head.head.i:
            h = h.head.head
        if h.dep_ == "compound" or not h.text[:1].islower() or h.pos_ != "NOUN":
            continue
        kind = _head_type(h.lower_, lex, c) or _head_type(h.lemma_.lower(), lex, c)
        compound = next((ch.lower_ for ch in h.children if ch.dep_ == "compound" and ch.i == h.i - 1), None)
        if compound:
            kind = _head_type(f"{compound} {h.lower_}", lex, c) or kind
        if kind is not None:
            return kind, "apposition", 0.9
    # (1a) "video game developer X", "the publisher X", "record label X": a lowercase organisation
    # noun right before a name NER called a person or a place names what the name is
    if before is not None and f.type in (PERSON, PLACE) and before.text.islower() and before.pos_ == "NOUN" \
            and (before.lower_ in c["organisation_nouns"] or before.lower_ in c["organisation_role_nouns"]) \
            and not _given_first(doc, f, given) and not (f.end - f.start == 1 and doc[f.start].lower_ in given) \
            and not (f.start >= 2 and doc[f.start - 2].text in POSSESSIVE):
        return ORGANIZATION, "organisation_before", 0.7
    # (1a') "Hollywood blockbuster X", "the smash hit X", "the epic X": a lowercase noun of a kind
    # of work right before a name NER called a person, a place or an organisation (a production
    # noun proper is the title rules' own: kg.title_after_noun)
    if before is not None and f.type in (PERSON, PLACE, ORGANIZATION) and before.text.islower() \
            and (before.pos_ in ("NOUN", "ADJ") and before.lower_ in c["work_nouns"]
                 or before.lower_ == "hit" and f.start >= 2 and doc[f.start - 2].lower_ in ("smash", "the", "surprise", "office")) \
            and not _given_first(doc, f, given) and not (f.end - f.start == 1 and doc[f.start].lower_ in given) \
            and doc[f.start:f.end].text not in _countries() \
            and not (after is not None and after.text.islower() and after.pos_ in ("NOUN", "ADJ")):
        return PRODUCTION, "work_noun_before", 0.75  # (not "a spoof X media worker": a noun's modifier)
    # (1b) what says a name is a person's: a life in brackets, a definition, a kin noun or a
    # ruler's title before it, the maker of a work by a verb only people do
    if f.type != PERSON:
        got = _person_cue(doc, f, root, lex, c, given)
        if got is not None:
            return got
    # (1b') "released by X", "published by X and Y": who releases or publishes a work is a label or
    # a publisher, never a name a given name of any land starts ("released by Tessa Quint")
    if f.type == PERSON and f.rule != "kg.surname_repeat.v1" and _release_agent(doc, f, root, c):
        return ORGANIZATION, "release_agent", 0.7
    # (1c) "won for X", "nominated for X", "an Oscar for X": what one wins an award for is a work
    if f.type in (PERSON, ORGANIZATION, PLACE, "") and _won_for(doc, f, root, lex, c):
        return PRODUCTION, "won_for", 0.7
    # ("the band X", "rock group X": the music family establishes bands, kg.band_name)
    if after is None:
        return None
    # (3) "X's executive producer", "X's frontman"
    if after.text in POSSESSIVE:
        noun, _ = _noun_at(doc, f.end + 1)
        if noun is None:
            k = f.end + 1
            while k < min(len(doc), f.end + 4) and doc[k].pos_ == "ADJ":
                k += 1
            noun, _ = _noun_at(doc, k)
        if noun is not None and not _given_first(doc, f, given):
            if noun in c["work_possessed_nouns"] or noun.split()[-1] in c["work_possessed_nouns"] and " " in noun:
                return PRODUCTION, "possessed_role", 0.75
            if noun in c["group_possessed_nouns"] and _may(f, PERSON, ORGANIZATION):
                return GROUP, "possessed_member", 0.7
            # ("Lumenboard's weekly charts", "Harrow's shareholders": what only a company or an
            # outlet has, which no person's name NER guessed owns)
            if noun.split()[-1] in c["organisation_possessed_nouns"] and f.type == PERSON \
                    and not (f.end - f.start == 1 and doc[f.start].lower_ in given):
                return ORGANIZATION, "possessed_organisation", 0.75
            if noun in c["kin_possessed_nouns"] and f.type in (PLACE, ORGANIZATION, PRODUCTION) \
                    and doc[f.start:f.end].text not in lex.demonyms:
                return PERSON, "possessed_kin", 0.7  # "Quint's mother": only a person has one
        nxt = at.get(f.end + 1)
        # "T9's album Quiet Rain", "Tango 9's Paper Engines": a name with a digit whose
        # song or album it is, or whose title the chart names, is a band's (no person's name has one)
        if any(ch.isdigit() for ch in doc[f.start:f.end].text) and any(ch.isalpha() for ch in doc[f.start].text) \
                and _may(f, PERSON, ORGANIZATION, PRODUCTION, PLACE) and (
                    noun is not None and lex.production_nouns.get(noun.split()[-1]) in ("Album", "Song")
                    or nxt is not None and nxt.rule == "kg.chart_title.v2"):
            return GROUP, "digit_performer", 0.7
        if nxt is not None and nxt.type == PERSON and _may(f, PERSON) and not _given_first(doc, f, given) \
                and f.end - f.start <= 2 and not (f.end - f.start == 1 and doc[f.start].lower_ in given):
            return ORGANIZATION, "possessed_person", 0.5  # "the Courier's Tom Keller": no person owns a person's name
        return None
    # (4) compound before a role noun: "former X actress Y" (a work), "ex-X singer Y" (a band)
    noun, k = _noun_at(doc, f.end)
    one_common = f.end - f.start == 1 and (doc[f.start].is_sent_start or doc[f.start].lower_ in given
                                           or doc[f.start].lower_ in lex.genre_words)
    if noun is not None and f.type != PLACE and not _given_first(doc, f, given) and not one_common:
        # ("Rock star X", "Devon singer X": a genre, a place or a given name before the noun)
        follows_name = k < len(doc) and at.get(k) is not None and at[k].type == PERSON
        if (noun in c["screen_role_nouns"] or noun.split()[0] in c["screen_role_nouns"]) and follows_name:
            return PRODUCTION, "work_compound", 0.7
        # ("Stone Field director Tom Vale": a name NER called a person's before a maker's noun and a
        # person's name is the work made; an organisation may have a director, "Pixar director X")
        if noun in c["maker_role_nouns"] and follows_name and f.type == PERSON:
            return PRODUCTION, "work_compound", 0.7
        if (noun in c["musician_nouns"] or noun.split()[0] in c["musician_nouns"]) and follows_name \
                and _may(f, PERSON, ORGANIZATION):
            return GROUP, "group_compound", 0.7
    # (4') "Nell Harbour star Tom Vale": a work named after its heroine, before a noun of the screen
    # and a person's name, though a given name starts it; never where the article writes its last
    # word alone, as one does a person's surname ("Harbour said")
    if noun in c["epithet_screen_nouns"] and noun != "co-star" and _given_first(doc, f, given) and f.type == PERSON \
            and f.rule in RETYPABLE \
            and k < len(doc) and at.get(k) is not None and at[k].type == PERSON \
            and not _surname_alone(doc, f):
        return PRODUCTION, "work_compound", 0.7
    # (5) "X starring Y"
    if after.lower_ in c["starring_words"] and f.type != PRODUCTION and not (
            f.end + 1 < len(doc) and doc[f.end + 1].lower_ in ("in", "as", "alongside", "opposite", "with", "on")):
        # ("X starring in Y": X acts in Y)
        return PRODUCTION, "starring", 0.8
    # ("X premiered on NBC", "X screened at the festival"; "NBC aired X", "the BBC screened X": a
    # broadcaster; what grosses takes its sum as an object)
    if root.dep_ in ("nsubj",) and root.head.lemma_.lower() in c["work_verbs"] and (
            root.head.lemma_.lower() == "gross" or not any(ch.dep_ == "dobj" for ch in root.head.children)):
        return PRODUCTION, "work_verb", 0.6
    # (5a) "ITV aired X", "the BBC will screen X": what a broadcaster airs is a work
    first = _clause_of(root)
    if first.dep_ == "dobj" and first.head.lemma_.lower() in c["aired_verbs"] and _may(f, PERSON, PLACE, ORGANIZATION) \
            and not _given_first(doc, f, given) and any(
                ch.dep_ == "nsubj" and _broadcaster_subject(doc, ch, lex) for ch in first.head.children):
        return PRODUCTION, "aired_object", 0.7
    # (5b) the verbs it takes part in, through coordination and a relative *which*: "X was adapted
    # for the stage", "A, B and C were filmed in Wales", "X, which starred Y"; "X died", "X was born"
    got = _verb_cue(doc, f, root, c, given)
    if got is not None:
        return got
    # (5c) "X, 29, ...": an age in commas after a name is a person's
    if _aged(doc, f) and _may(f, PLACE, ORGANIZATION, PRODUCTION):
        return PERSON, "age_apposition", 0.7
    # (5d) "people such as X and Y", "bands including X", "such blockbusters as X": a list after a
    # plural noun of a kind names things of that kind
    got = _list_head(doc, root, lex, c)
    if got is not None and got[0] == PERSON and _group_shaped(doc, f, given):
        # ("artists including A, The Bs and C Enemy": a name with *the* or a plural is a band's)
        got = (GROUP, got[1], got[2])
    if got is not None and got[0] != f.type and not (got[0] != PERSON and _given_first(doc, f, given)):
        return got
    # (5e) "told Harbour Weekly", "according to X", "in an interview with X": one tells a person or
    # an outlet, never a place (NER often takes "US X", "Teen X" for one)
    # (or a person's name ending in a number word, which no person's does: "told Page Nine")
    numbered = f.type == PERSON and f.end - f.start > 1 and doc[f.end - 1].text in lex.group_number_words
    if _told(root) and (f.type == PLACE or not f.type or numbered) and doc[f.start:f.end].text not in _countries() \
            and (numbered or not _given_first(doc, f, given) and not (f.end - f.start == 1 and doc[f.start].lower_ in given)):
        return ORGANIZATION, "told", 0.65
    # (6) "X, California": a name before a place, both in commas, is a place; so is a name after a
    # place "in" which something is, "born in Harrowgate, Westshire, in 1920"
    prev = ends.get(f.start - 1) if before is not None and before.text == "," else None
    if prev is not None and prev.type == PLACE and prev.start > 0 and doc[prev.start - 1].lower_ in ("in", "near", "from", "at") \
            and _may(f, PERSON, ORGANIZATION) and not _given_first(doc, f, given) \
            and (f.end >= len(doc) or doc[f.end].text in (",", ".", ";", ")")) and f.end - f.start <= 3:
        return PLACE, "place_apposition", 0.7
    # (6) "X, California": a name before a place, both in commas, is a place
    nxt = at.get(f.end + 1) if after.text == "," else None
    # (never in a list of names: "A, B, C and D")
    listed = before is not None and before.text == "," or nxt is not None and nxt.end + 1 < len(doc) \
        and doc[nxt.end].text == "," and _titleish_word(doc[nxt.end + 1])
    if nxt is not None and nxt.type == PLACE and _may(f, PERSON, ORGANIZATION) and not _given_first(doc, f, given) \
            and (nxt.end >= sent.end or doc[nxt.end].is_punct) and not listed:
        return PLACE, "place_apposition", 0.7
    # (6b) "born in X", "died in X", "grew up in X": where one is born, dies or grows up is a place
    if before is not None and before.lower_ == "in" and f.start >= 2 and root.dep_ == "pobj" \
            and (doc[f.start - 2].lower_ in c["life_place_words"]
                 or doc[f.start - 2].lower_ == "up" and f.start >= 3 and doc[f.start - 3].lemma_.lower() in ("grow", "bring")) \
            and f.type in (PERSON, ORGANIZATION, "") and not _given_first(doc, f, given) and f.end - f.start <= 3:
        return PLACE, "life_place", 0.8
    # (6c) "roles including Merle Vance in Harbour Row", "played Edwin Stoll on Fantasy
    # Cove", "appeared as Tom Vane in Marlow Park", "the role of Varla in Ostmark": the name
    # after a character's in a sentence about playing a part is the work the part is in
    if before is not None and before.lower_ in ("in", "on") and _may(f, PLACE, ORGANIZATION, PERSON) \
            and not _given_first(doc, f, given) and doc[f.start:f.end].text not in _countries():
        char = ends.get(f.start - 1)
        if char is not None and (char.type == PERSON or _role_of(doc, char.start)) \
                and _plays_part(doc, char, sent.start):
            return PRODUCTION, "character_in", 0.75
    # "Giulio Verdi's La Gazza", "Jane Doe's Quiet Harbour.": a title-case name right after a
    # person's possessive, NER's place or organisation with no noun after it, is their work
    if before is not None and before.lower_ in ("'s", "\u2019s") and f.type in (PLACE, ORGANIZATION) \
            and f.rule in RETYPABLE and doc[f.start:f.end].text not in _countries() \
            and (after is None or after.is_punct or after.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ")) \
            and not any(t.text in lex.organization_heads for t in doc[f.start:f.end]) \
            and all(t.text[:1].isupper() or t.lower_ in ("la", "le", "il", "of", "the", "and") for t in doc[f.start:f.end]):
        owner = ends.get(f.start - 1)
        if owner is not None and owner.type == PERSON and owner.end - owner.start > 1:
            return PRODUCTION, "person_possessed_work", 0.65
    # "his role in Closer", "her lead role in Deadwood", "roles in A and B": what one has a
    # part in is a work (a person's name after it is the actor's list, kept)
    if before is not None and before.lower_ == "in" and f.start >= 2 and _may(f, PLACE, ORGANIZATION, PERSON) \
            and doc[f.start - 2].lemma_.lower() in ("role", "cameo") and doc[f.start - 2].pos_ == "NOUN" \
            and not _given_first(doc, f, given) and doc[f.start:f.end].text not in _countries() \
            and not (f.end - f.start == 1 and doc[f.start].lower_ in given):
        return PRODUCTION, "role_in", 0.75
    # "the role of Varla", "the part of Tilda": a part one plays is a character, a person
    if f.type in (PLACE, ORGANIZATION, PRODUCTION) and _role_of(doc, f.start) and f.end - f.start <= 3:
        return PERSON, "role_of", 0.7
    # (6d) "acts such as A, Cold Sisters and B toured in May": a name NER called a
    # person's whose last word is a plural noun of English and whose first is no given name, in a
    # sentence about music, is a band's (no person's surname is "Sisters" or "Fighters")
    if f.type == PERSON and f.end - f.start >= 2 and _band_plural(doc, f, given) \
            and any(t.text.islower() and t.lower_ in c["music_context_words"] for t in sent):
        return GROUP, "plural_name", 0.7
    # (7') "the star of Iron Lake and X": a name coordinated with what a noun of a work is of
    if root.dep_ == "conj" and before is not None and before.lower_ in ("and", ",", "or") \
            and _may(f, PERSON, ORGANIZATION, PLACE) and not _given_first(doc, f, given) \
            and not (f.end - f.start == 1 and doc[f.start].lower_ in given) and doc[f.start:f.end].text not in _countries():
        first_conj = root
        while first_conj.dep_ == "conj" and first_conj.head.i < first_conj.i:
            first_conj = first_conj.head
        prep = first_conj.head
        # (never "a cast of A, B and C", people; nor after a first name the article reads as a person's)
        head_of = next((g for g in at.values() if g.start <= first_conj.i < g.end), None)
        if first_conj.dep_ == "pobj" and prep.lower_ in ("of", "behind") and prep.head.pos_ == "NOUN" \
                and prep.head.lower_ in c["of_work_nouns"] and prep.head.lower_ != "cast" and prep.head.i < prep.i \
                and (head_of is None or head_of.type != PERSON):
            return PRODUCTION, "of_work", 0.65
    # (7) "the creator of X", "members of X", "the editor of X"; "in X"
    if before is not None and before.dep_ == "prep" and root.dep_ == "pobj" and root.head.i == before.i:
        noun = before.head.lower_ if before.head.pos_ == "NOUN" else None
        if before.lower_ in ("of", "behind") and noun:  # ("the director behind X")
            if noun in c["of_work_nouns"] and _may(f, PERSON, ORGANIZATION, PLACE) and not _given_first(doc, f, given) \
                    and not (doc[f.start:f.end].text in _countries() and f.end < len(doc) and doc[f.end].is_lower):
                # ("the cast of US hit X": a country before the noun of the phrase describes it)
                return PRODUCTION, "of_work", 0.7
            if noun in c["of_group_nouns"] and _may(f, PERSON):
                return GROUP, "of_group", 0.7
            if noun in c["of_org_nouns"] and _may(f, PERSON) and not _given_first(doc, f, given):
                return ORGANIZATION, "of_organisation", 0.6
        if before.lower_ == "of" and not f.type and f.start >= 2 and at.get(f.start - 2) is None \
                and f.start - 1 in person_ends:
            return ORGANIZATION, "person_of", 0.6  # "Jane Doe of Harbour Weekly": where she works
        if before.lower_ in c["place_prepositions"] and f.type == PERSON and after.text not in POSSESSIVE \
                and not any(t.lemma_.lower() in c["acting_lemmas"] for t in doc[max(sent.start, f.start - 6):f.start]):
            return PLACE, "place_preposition", 0.65
    # (8) "the Orrin Valley", "Orrin County": a name NER calls an organisation that ends in a
    # noun of the land is a place (never "... City" or "... State": clubs and universities)
    if f.rule == "kg.ner_org.v1" and doc[f.end - 1].text in _LAND_HEADS and f.end - f.start > 1:
        return PLACE, "land_head", 0.65
    return None


# the place heads (``place_heads`` of the lexicon) that name land or water and nothing else
_LAND_HEADS = frozenset({"Valley", "Sea", "Ocean", "Gulf", "Bay", "Coast", "Desert", "Peninsula", "Strait",
                         "Canyon", "County", "Province", "Region", "Mountains", "Hills"})


def _whole_title(doc: Doc, f: Found, found: list[Found], absorbed: set[int]) -> Found:
    """``f`` run on over the title-case words after it where NER cut a title (*Rivers* of *Rivers
    and Roads*, *Ghosts* of *Ghosts Follow Him*); the mentions inside it are taken in."""
    end = _title_run(doc, f.start)
    if end <= f.end:
        return f
    inside = [g for g in found if g.start < end and g.end > f.end and g is not f]
    if any(g.start < f.end or g.end > end for g in inside):
        return f
    from kg.extract.lexicon import first_names

    if any(g.type == PERSON and _given_first(doc, g, first_names()) for g in inside):
        return f  # ("Mara in Glass Harbour and Lisa Reed in The Tessa Jane Chronicles": a second part, a second work)
    absorbed.update(g.start for g in inside)
    return replace(f, end=end)


# lowercase words a title holds between its capitalised words ("Brother to Brother", "The Squid and
# the Whale", "Escape from the City"); "and" alone only inside one NER name or before "the"
_TITLE_JOINERS = frozenset({"to", "from", "of", "with", "in", "on", "for", "the", "and", "a", "at", "into"})
_APPOSITION_TITLE_RULES = frozenset({"kg.appositive_title.v1", "kg.type_apposition.v1", "kg.copula_title.v4"})


def _titles_whole_before_apposition(doc: Doc, found: list[Found], lex: Lexicon, given: frozenset[str]) -> list[Found]:
    """*Brother to Brother, a drama about ...*, *Dead Man's Lantern, a western*: a work that an
    apposition after it names is the whole title-case run that ends at the comma, where NER or a
    rule kept only its last words (``Brother``, ``Lantern``): the run goes back over capitalised
    words, lowercase small words between them (*to*, *from*, *of the*; *and* only as *and the* or
    inside one NER name) and a possessive inside one NER name; never over a person's name with a
    given name first (*Jane Doe and Mr Quill, a novel*), a broadcaster or a country, nor past the
    sentence's start or a word NER says is a date."""
    art = tokens_of(doc)
    ends = {g.end: g for g in found}
    starts = {g.start: g for g in found}
    gone: set[int] = set()
    moved: dict[int, Found] = {}
    for f in found:
        if f.type != PRODUCTION or f.rule not in _APPOSITION_TITLE_RULES or f.end >= len(doc) \
                or art[f.end].text != "," or f.start in gone:
            continue
        sent_start = sent_of(art[f.start]).start
        k = f.start  # the title's first token so far
        while True:
            j = k - 1
            joiners: list[int] = []
            while j >= sent_start and len(joiners) < 2 and (
                    art[j].text.islower() and art[j].lower_ in _TITLE_JOINERS
                    or art[j].lower_ in ("'s", "\u2019s") and not joiners):
                joiners.append(j)
                j -= 1
            run_end = j + 1
            while j >= sent_start and _titleish_word(art[j]) and art[j].ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                j -= 1
            first = j + 1
            if first >= run_end:
                break  # no capitalised word before
            one_ent = all(art[x].ent_iob_ == "I" for x in range(run_end, k + 1)) and art[first].ent_type_ != ""
            words = [art[x].lower_ for x in joiners]
            if words and words[-1] in ("'s", "\u2019s", "and") and not one_ent \
                    and not (words[-1] == "and" and len(words) == 2 and words[0] == "the"):
                break
            inside = [g for g in found if g.start < k and g.end > first]
            if any(g.start < first or g.type == PERSON and _given_first(doc, g, given)
                   or g.type == PLACE and doc[g.start:g.end].text in _countries()
                   or doc[g.start:g.end].text in lex.broadcasters for g in inside) \
                    or doc[first:run_end].text in lex.broadcasters or art[first].lower_ in given and art[first].ent_type_ == "PERSON" and run_end - first > 1:
                break
            k = first
        while k < f.start and art[k].pos_ in ("CCONJ", "SCONJ") and (k == sent_start or art[k - 1].is_punct):
            k += 1  # ("And Fat Harbour, a cartoon": a sentence's opening word is not the title's)
        if k >= f.start:
            continue
        gone.update(g.start for g in found if k <= g.start < f.start)
        moved[f.start] = replace(f, start=k, canonical=None)
    if not moved:
        return found
    return [moved.get(f.start, f) for f in found if f.start not in gone or f.start in moved]


_PART_NOUNS = frozenset({"role", "roles", "character", "characters", "part", "parts"})


def _plays_part(doc: Doc, char: Found, sent_start: int) -> bool:
    """Whether the person's name at ``char`` is a part someone plays: *as* right before it, a
    verb of playing it is the object of, or a noun of parts a few words before it (*roles
    including*, *the role of*, *characters such as*)."""
    k = char.start
    if k > sent_start and doc[k - 1].lower_ == "as":
        return True
    root = doc[char.start:char.end].root
    if root.dep_ == "dobj" and root.head.lemma_.lower() in ("play", "portray"):
        return True
    return any(t.lower_ in _PART_NOUNS for t in doc[max(sent_start, k - 16):k])


def _role_of(doc: Doc, k: int) -> bool:
    """*the role of X*, *the part of X*: ``k`` is where the part's name starts."""
    return k >= 3 and doc[k - 1].lower_ == "of" and doc[k - 2].lower_ in ("role", "part") \
        and doc[k - 3].lower_ in ("the", "title", "lead", "leading", "difficult", "main")


# nouns of a definition that also name companies or things (*a game developer*, *the host city*)
_NOT_PERSON_DEFINITIONS = frozenset({"developer", "broadcaster", "host", "model", "player", "member", "lead"})


def _release_agent(doc: Doc, f: Found, root: Token, c: dict[str, frozenset[str]]) -> bool:
    """*released on 2 May 2000 by X and Y*, *published by X*: ``f`` is the agent of a verb that
    companies do to a work (``release_agent_verbs`` of ``data/mention_types.json``), and no
    given name of any land starts it."""
    from kg.extract.lexicon import world_first_names

    first = _clause_of(root)
    if first.dep_ != "pobj" or first.head.dep_ != "agent" \
            or first.head.head.lemma_.lower() not in c["release_agent_verbs"]:
        return False
    world = world_first_names()
    return doc[f.start].lower_ not in world \
        and not any(t.ent_type_ == "PERSON" and t.lower_ in world for t in doc[f.start:f.end])


def _person_cue(doc: Doc, f: Found, root: Token, lex: Lexicon, c: dict[str, frozenset[str]],
                given: frozenset[str]) -> tuple[str, str, float] | None:
    """*X (born 2 May 1961)*, *X (2 May 1920 – 3 June 2001)*, *X is a French composer*, *her
    brother X*, *the sister of X*, *king X*, *lyrics penned by X*: each says X is a person."""
    words = doc[f.start:f.end]
    last = words[-1].text
    if last in lex.organization_heads or last in lex.place_heads or words.text in lex.demonyms \
            or words.text in lex.broadcasters:
        return None
    before = doc[f.start - 1] if f.start > 0 else None
    # ("Tom Keller, OBE (born ...)": an honour after the name is not the name)
    if _life_after(doc, f.end) and not (before is not None and before.text == ","):
        return PERSON, "lifespan", 0.9
    # a definition: "X is a French composer", "X was an English actor and singer" (the name opens
    # the subject: "Y (born 1973, X, Ohio) is a filmmaker" defines Y)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" and root.head.i > root.i and root.left_edge.i >= f.start - 1 \
            and not any(t.text in ("(", ",") for t in doc[f.end:root.head.i]):
        attr = next((ch for ch in root.head.children if ch.dep_ == "attr" and ch.pos_ == "NOUN"), None)
        if attr is not None and attr.tag_ == "NN" and attr.lower_ not in _NOT_PERSON_DEFINITIONS:
            compound = next((ch.lower_ for ch in attr.children if ch.dep_ == "compound" and ch.i == attr.i - 1), None)
            people = set(lex.occupation_nouns)
            if (attr.lower_ in people or compound and f"{compound} {attr.lower_}" in people) \
                    and not (compound and _head_type(f"{compound} {attr.lower_}", lex, c) not in (PERSON, None)):
                return PERSON, "definition", 0.85
    if before is None:
        return None
    kin = set(lex.kinship_nouns) - {"partner", "parent"}
    # "her brother X", "Ramagupta's younger brother X", "king X" (a lowercase noun right before)
    if before.text.islower() and before.pos_ in ("NOUN", "PROPN") and (before.lower_ in kin or before.lower_ in c["person_title_nouns"]) \
            and not any(ch.lower_ == "its" for ch in before.children):
        return PERSON, "kin_before", 0.75
    # "the sister of X"
    if before.lower_ == "of" and root.dep_ == "pobj" and root.head.i == before.i and before.head.lower_ in kin \
            and before.head.text.islower():
        return PERSON, "kin_of", 0.75
    # "starred opposite X", "her debut alongside X", "paired up with X", "appeared alongside A and
    # X": one acts beside a person (NER's lone place or organisation guess gives way)
    first = _clause_of(root)
    if first.dep_ == "pobj" and f.type in (ORGANIZATION, PLACE) and _acting_beside(first.head, c):
        return PERSON, "acting_beside", 0.7
    # "lyrics penned by X", "directed by X", "written by A, B and X": work that only people do
    if first.dep_ == "pobj" and first.head.dep_ == "agent" and first.head.head.lemma_.lower() in c["person_agent_verbs"] \
            and f.type in (ORGANIZATION, PLACE, ""):
        return PERSON, "maker_agent", 0.7
    return None


_BESIDE_PREPOSITIONS = frozenset({"alongside", "opposite"})
_PAIRING_LEMMAS = frozenset({"pair", "team", "star", "co-star", "costar"})


def _acting_beside(prep: Token, c: dict[str, frozenset[str]]) -> bool:
    """Whether ``prep`` puts its object beside someone acting: *alongside*/*opposite* after an
    acting word (*starred*, *appeared*, *debut*, *role*), or *with* after *paired*, *teamed* or
    *starred* (*appeared with the band* is not said of a person alone, and is left out)."""
    head = prep.head.lemma_.lower()
    if prep.lower_ in _BESIDE_PREPOSITIONS:
        return head in c["acting_lemmas"] or head == "debut"
    return prep.lower_ == "with" and head in _PAIRING_LEMMAS


def _life_after(doc: Doc, k: int) -> bool:
    """Whether a bracket at ``k`` gives a life: *(born ...)*, *(Thai: ...; born ...)*, *(21 May
    1920 – 21 March 2001)* (full dates: a bracketed span of years is as often a work's run)."""
    if k + 1 >= len(doc) or doc[k].text != "(":
        return False
    art = tokens_of(doc)
    close = next((t.i for t in art[k + 1:min(len(doc), k + 30)] if t.text == ")"), None)
    if close is None:
        return False
    inside = art[k + 1:close]
    if any(t.lower_ in ("born", "née", "nee") and (t.i == k + 1 or art[t.i - 1].text in (";", ",")) for t in inside):
        return True
    dash = next((t.i for t in inside if t.text in ("\u2013", "-", "\u2014")), None)
    if dash is None or art[k + 1].ent_type_ != "DATE":
        return False
    month = lambda a, b: any(t.ent_type_ == "DATE" and t.is_alpha and t.text[:1].isupper() for t in art[a:b])  # noqa: E731
    return month(k + 1, dash) and month(dash + 1, close)


def _won_for(doc: Doc, f: Found, root: Token, lex: Lexicon, c: dict[str, frozenset[str]]) -> bool:
    """Whether a name is what someone wins or is nominated for (*won for X*, *a nomination for
    X*, *an Oscar for X*), not a category (*Best Actress*) or a date."""
    first = _clause_of(root)
    if first.dep_ != "pobj" or first.head.lower_ != "for":
        return False
    head = first.head.head
    verb = head.pos_ in ("VERB", "AUX")

    def award(t: Token) -> bool:
        return t.lemma_.lower() in c["award_win_words"] or t.lower_ in lex.award_heads

    # ("received three nominations for X", "took the prize for X": the verb's object is the award)
    if not (award(head) or verb and any(ch.dep_ == "dobj" and award(ch) for ch in head.children)) \
            or not verb and f.type == PERSON or f.rule == "kg.surname_repeat.v1":
        return False  # ("a second Oscar for Jane Doe", "a nomination for Keller": also for a person)
    # the name follows "for" (and a determiner): "won awards for stars A and B" names people
    k = first.head.i + 1
    while k < len(doc) and doc[k].lower_ in ("the", "his", "her", "their", "its"):
        k += 1
    if k != (f.start if first.i == root.i else first.left_edge.i) or not _titleish_word(doc[k]):
        return False
    words = doc[f.start:f.end]
    if f.end < len(doc) and doc[f.end].lower_ == "of" or doc[f.start - 1].text in QUOTE_MARKS \
            or head.text[:1].isupper() and head.lower_ in ("award", "awards", "prize", "medal", "trophy") \
            or words[-1].lower_ in lex.occupation_nouns and words[0].lower_ != "the":
        return False  # "a nomination for Album of the Year", "the Award for Excellence", "the trophy
        # for Choice Movie Actor": a category
    return words[0].lower_ not in ("best", "outstanding", "most") and words[0].ent_type_ not in ("DATE", "TIME") \
        and not any(t.lower_ in lex.award_heads for t in words) and words[-1].text not in lex.organization_heads


def _broadcaster_subject(doc: Doc, subj: Token, lex: Lexicon) -> bool:
    """Whether the subject ``subj`` heads is a broadcaster's name (*ITV*, *BBC One*)."""
    span = doc[subj.left_edge.i:subj.i + 1]
    words = [t.text for t in span if t.lower_ != "the"]
    return any(" ".join(words[k:]) in lex.broadcasters for k in range(len(words)))


def _clause_of(root: Token) -> Token:
    """The first conjunct of a coordination a name is in (*A, B and C were filmed*: A)."""
    t = root
    # (the parser often makes the second of three names an apposition of the first)
    while (t.dep_ == "conj" or t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.pos_ == "PROPN") and t.head.i < t.i:
        t = t.head
    return t


def _verb_cue(doc: Doc, f: Found, root: Token, c: dict[str, frozenset[str]],
              given: frozenset[str]) -> tuple[str, str, float] | None:
    """The type the verb a name is the subject of gives it: a work is adapted, filmed, directed,
    released, published, aired; a work stars someone (*X starred Y*, not *X starred in Y*); a
    person dies, marries, is born. The name may be one of coordinated subjects, or the antecedent
    of a relative *which* (*X, which starred Y*)."""
    first = _clause_of(root)
    roles = [(first.dep_, first.head)]
    for ch in root.children:
        if ch.dep_ == "relcl" and ch.i > root.i:
            rel = next((g for g in ch.children if g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("which", "that")
                                or g.dep_ == "nsubj" and g.lower_ == "who" and root.dep_ != "pobj" and _plural_verb(ch)), None)
            if rel is not None:
                roles.append((rel.dep_, ch))
    # "X, which he wrote and directed", "X, which she starred in": what a relative pronoun stands
    # for as the object of a verb of making (or the place one stars in) is a work
    for ch in root.children:
        if ch.dep_ != "relcl" or ch.i < f.end or _given_first(doc, f, given) or not _may(f, PERSON, ORGANIZATION, PLACE):
            continue
        verbs = [ch, *(g for g in ch.children if g.dep_ in ("conj", "advcl"))]
        if not any(g.dep_ == "dobj" and g.lower_ in ("which", "that") for g in ch.children):
            continue
        if any(v.lemma_.lower() in c["passive_work_verbs"] and v.lemma_.lower() not in ("base", "set", "turn", "release")
               or v.lemma_.lower() in c["star_verbs"] and any(g.lower_ == "in" for g in v.children) for v in verbs):
            return PRODUCTION, "work_relative_object", 0.65
    # "X, directed by Y, ...", "X, written by Y": a name a passive participle of making describes,
    # with its maker, is a work (never a maker itself: "a film directed by Y, produced by Z" - the
    # parser hangs the second participle on Y)
    agent = root.dep_ == "pobj" and root.head.dep_ == "agent"
    for ch in root.children:
        if agent:
            break
        if ch.dep_ == "acl" and ch.tag_ == "VBN" and ch.i >= f.end and ch.lemma_.lower() in c["passive_work_verbs"] \
                and ch.lemma_.lower() not in ("base", "set", "turn", "release") \
                and any(g.dep_ == "agent" for g in ch.children) and not _given_first(doc, f, given) \
                and (not f.type or _may(f, PERSON, ORGANIZATION, PLACE)):
            return PRODUCTION, "work_participle", 0.65
    for dep, verb in roles:
        lemma = verb.lemma_.lower()
        preps = {ch.lower_: ch for ch in verb.children if ch.dep_ in ("prep", "agent", "dative")}
        if dep == "nsubjpass" and lemma in c["passive_work_verbs"] and not _given_first(doc, f, given) \
                and _may(f, PERSON, ORGANIZATION, PLACE):
            if lemma == "turn" and not ("into" in preps and any(
                    t.lemma_.lower() in c["work_list_nouns"] or t.lemma_.lower() in ("film", "movie", "series", "musical", "play",
                                                                                    "opera", "show", "book")
                    for t in preps["into"].children)):
                continue  # "was turned into a film": a book; "was turned away" says nothing
            if lemma == "base" and "on" not in preps or lemma == "set" and "in" not in preps \
                    or lemma == "release" and ("from" in preps or any(t.lower_ == "bail" for t in verb.subtree)):
                continue  # "set to", "released from prison"
            return PRODUCTION, "work_verb", 0.65
        # ("Hollywood stars A and B have ...": a present "stars" after a name is often the noun)
        if dep == "nsubj" and lemma in c["star_verbs"] and _may(f, PERSON, ORGANIZATION, PLACE) \
                and (verb.tag_ in ("VBD", "VBN") or verb.dep_ == "relcl") \
                and any(ch.dep_ == "dobj" for ch in verb.children) \
                and not any(p in preps for p in ("in", "as", "on", "opposite", "alongside")):
            return PRODUCTION, "work_verb", 0.65
        # "Tamsin Brook starred in The Long Field", "X appeared as Mara in Y": one who acts in a
        # work, or as a part, is a person (a work stars someone; a band appears *on* a show)
        if dep == "nsubj" and (lemma in c["star_verbs"] or lemma == "appear") and f.type in (PLACE, ORGANIZATION, PRODUCTION) \
                and first is root and any(p in preps for p in ("in", "as", "opposite", "alongside")) \
                and not any(ch.dep_ == "dobj" for ch in verb.children) and f.end - f.start <= 3 \
                and doc[f.start:f.end].text not in _countries():
            return PERSON, "acting_subject", 0.7
        if (dep == "nsubj" and lemma in c["person_verbs"] or dep == "nsubjpass" and lemma in c["person_passive_verbs"]) \
                and f.type in (PLACE, ORGANIZATION, PRODUCTION) and first is root:
            return PERSON, "person_verb", 0.65
        # "Korvin are working on a new album", "Korvin, who were formed in 1999": a name NER took
        # for a person's, singular in shape, that takes a plural verb is a band's
        if dep == "nsubj" and f.type == PERSON and first is root and _plural_verb(verb) \
                and not any(t.tag_ in ("NNS", "NNPS") for t in doc[f.start:f.end]) and not doc[f.end - 1].lower_.endswith("s") \
                and not _given_first(doc, f, given) and doc[f.start].lower_ not in given \
                and not any(ch.dep_ in ("conj", "appos", "cc") for ch in root.children) and root.dep_ != "conj":
            return GROUP, "plural_verb", 0.7
        # "Korvin have sold out", in an article that speaks of "the band": an organisation NER
        # guessed (or a name it missed), singular in shape, that takes a plural verb where the text
        # has a band to refer to
        if dep == "nsubj" and (f.type == ORGANIZATION and f.rule == "kg.ner_org.v1" or not f.type) and first is root \
                and _plural_verb(verb) and not doc[f.end - 1].lower_.endswith("s") \
                and not any(t.tag_ in ("NNS", "NNPS") or t.text in _org_words() for t in doc[f.start:f.end]) \
                and not any(ch.dep_ in ("conj", "appos", "cc") for ch in root.children) and root.dep_ != "conj" \
                and _band_spoken_of(doc, c):
            return GROUP, "plural_verb", 0.7
        # "Rihanna said", "Quint wore a red dress": no place speaks or dresses (a country may say,
        # and is in the lexicon's demonyms)
        if dep == "nsubj" and lemma in c["speaker_verbs"] and f.type == PLACE and first is root \
                and doc[f.start:f.end].text not in _countries():
            return PERSON if f.end - f.start == 1 or doc[f.start].lower_ in given else ORGANIZATION, "speaker_verb", 0.6
    return None


def _band_plural(doc: Doc, f: Found, given: frozenset[str]) -> bool:
    """Whether name ``f`` ends in a plural common noun of English (*Sisters*, *Fighters*) and
    begins with no given name of any land (*Jane Rivers* is a person)."""
    from kg.extract.lexicon import english_words, world_first_names

    last, first = doc[f.end - 1], doc[f.start]
    low = last.lower_
    lemma = last.lemma_.lower()
    if not (last.text[:1].isupper() and low.endswith("s") and len(low) > 3):
        return False
    singular = lemma if lemma != low else (low[:-3] + "y" if low.endswith("ies") else low[:-1])
    # (nor a surname made of a given name, *Owens*, *Stephens*)
    return singular != low and singular in english_words() and singular not in world_first_names() \
        and first.lower_ not in given and first.lower_ not in world_first_names()


def _band_spoken_of(doc: Doc, c: dict[str, frozenset[str]]) -> bool:
    """Whether the article refers to a band by its noun alone: *the band*, *the group's*, *the duo*
    (never *the band Korvin*, which names one)."""
    art = tokens_of(doc)
    for tok in art:
        if tok.lower_ in c["group_nouns"] and tok.i > 0 and art[tok.i - 1].lower_ == "the" \
                and not (tok.i + 1 < len(doc) and _titleish_word(art[tok.i + 1]) and not art[tok.i + 1].is_sent_start):
            return True
    return False


def _surname_alone(doc: Doc, f: Found) -> bool:
    """Whether the article writes the last word of name ``f`` alone elsewhere, as one writes a
    person's surname (*Lint said*), not inside the name nor a longer title-case run."""
    last = doc[f.end - 1].text
    art = tokens_of(doc)
    return any(t.text == last and not f.start <= t.i < f.end and not (t.i > 0 and _titleish_word(art[t.i - 1])
                                                                      and not art[t.i - 1].is_sent_start)
               and not (t.i + 1 < len(doc) and _titleish_word(art[t.i + 1])) for t in art)


def _plural_verb(verb: Token) -> bool:
    """Whether ``verb`` agrees with a plural subject: *are*, *have*, *were*, or such an auxiliary
    (*have won*, *are working*); never a bare present (*God bless*)."""
    words = [verb, *(ch for ch in verb.children if ch.dep_ in ("aux", "auxpass"))]
    if any(w.lower_ in ("is", "was", "has", "does", "'s") or w.tag_ == "VBZ" for w in words):
        return False
    if any(ch.dep_ == "mark" and ch.lower_ in ("if", "though") for ch in verb.children):
        return False  # "if X were here": a wish, said of anyone
    if any(w.tag_ == "MD" or w.lower_ in ("to", "had") for w in words):
        return False  # "X may have", "X had": said of one as of many
    return any(w.lower_ in ("are", "were", "'re") or w.lower_ in ("have", "'ve") and w.tag_ == "VBP" for w in words)


def _told(root: Token) -> bool:
    """Whether a name is what someone tells or speaks to, or what something is according to."""
    r = _clause_of(root)
    head = r.head
    if r.dep_ in ("dobj", "dative") and head.lemma_.lower() == "tell":
        return True
    if r.dep_ == "pobj" and head.lower_ == "to" and (head.head.lower_ == "according"
                                                      or head.head.lemma_.lower() in ("speak", "talk")):
        return True
    return r.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() == "interview"


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from kg.extract.lexicon import lexicon

    lex = lexicon()
    return frozenset(lex.demonyms) | frozenset(lex.demonyms.values())


def _aged(doc: Doc, f: Found) -> bool:
    """*X, 29,*: a number of years in commas right after the name."""
    k = f.end
    if k + 2 >= len(doc) or doc[k].text != "," or not doc[k + 1].text.isdigit():
        return False
    return 0 < int(doc[k + 1].text) < 120 and doc[k + 2].text in (",", ".", ";", "and", ")")


def _list_head(doc: Doc, root: Token, lex: Lexicon, c: dict[str, frozenset[str]]) -> tuple[str, str, float] | None:
    """The kind of thing a list after *NOUNS such as*, *including*, *like* names, or a list that
    *NOUNS include* or *NOUNS are* (*her other films include A and B*, *the nominees are A, B*)."""
    t = _clause_of(root)
    # "A, B and other reality shows", "A or other films": what comes before "other NOUNS" is one of them
    first = t
    while first.dep_ == "conj":
        first = first.head
    for m in [first, *(x for x in first.subtree if x.dep_ == "conj" and x.i > t.i)]:
        if m.i > t.i and m.pos_ == "NOUN" and any(ch.lower_ == "other" and ch.dep_ == "amod" for ch in m.children) \
                and (got := _plural_kind(m, lex, c)) is not None:
            return got[0], "list_other", got[2]
    if t.dep_ in ("dobj", "attr") and t.head.lemma_.lower() in ("include", "be") and t.head.pos_ in ("VERB", "AUX") \
            and not any(ch.dep_ == "neg" for ch in t.head.children):
        subj = [ch for ch in t.head.children if ch.dep_ == "nsubj"]
        return _plural_kind(subj[0], lex, c) if len(subj) == 1 and subj[0].i < t.i else None
    if t.dep_ != "pobj" or t.head.lower_ not in ("as", "including", "like"):
        return None
    marker = t.head
    if marker.lower_ == "as" and not (marker.i > 0 and doc[marker.i - 1].lower_ == "such"
                                      or any(ch.lower_ == "such" for ch in marker.head.children)):
        return None
    return _plural_kind(marker.head, lex, c)


def _group_shaped(doc: Doc, f: Found, given: frozenset[str]) -> bool:
    """A name shaped as a band's: after *the*, or ending in a plural NER took for no person's,
    and no given name first."""
    span = doc[f.start:f.end]
    the = f.start > 0 and doc[f.start - 1].lower_ == "the" or span[0].lower_ == "the"
    plural = span[-1].tag_ == "NNPS" and f.type != PERSON  # ("Chris Evans" is a person's)
    return (the or plural) and not _given_first(doc, f, given)


def _plural_kind(noun: Token, lex: Lexicon, c: dict[str, frozenset[str]]) -> tuple[str, str, float] | None:
    """The kind a plural noun heading a list names (*films*: works; *artists*: people)."""
    if noun.pos_ != "NOUN" or noun.tag_ not in ("NNS", "NNPS") and noun.lower_ != "series":
        return None
    word = noun.lower_
    if word in c["people_list_nouns"]:
        return PERSON, "list_head", 0.6
    if word in c["work_list_nouns"] or noun.lemma_.lower() in lex.production_nouns:
        return PRODUCTION, "list_head", 0.65
    return None


def _headline_end(doc: Doc) -> int:
    """The token after an article's headline: a first line of at most 20 words, with no full stop
    at its end, followed by a blank line; 0 when there is none."""
    text = text_of(doc)
    cut = text.find("\n\n")
    if cut <= 0 or "\n" in text[:cut].strip() or len(text[:cut].split()) > 20 or text[:cut].rstrip().endswith("."):
        return 0
    span = doc.char_span(0, cut, alignment_mode="expand")
    return span.end if span is not None else 0


def _occurs(name: str, text: str) -> bool:
    """Whether ``name`` is written in ``text`` as a whole word (or words)."""
    i = text.find(name)
    while i >= 0:
        j = i + len(name)
        if (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum()):
            return True
        i = text.find(name, i + 1)
    return False


def retype(doc: Doc, found: list[Found], lex: Lexicon, given: frozenset[str]) -> list[Found]:
    """``found`` with each mention's type set by the sentence's cue where it contradicts NER.

    Examples
    --------
    >>> from kg.nlp import load_pipeline
    >>> from kg.extract.lexicon import lexicon, first_names
    >>> doc = load_pipeline()("Tickets for the show in Harrowgate sold out.")
    >>> f = Found(5, 6, PERSON, "kg.ner_person.v1", 0.8, 1)
    >>> retype(doc, [f], lexicon(), first_names())[0].type
    'PLACE'
    """
    c = cues()
    headline = _headline_end(doc)
    body = text_of(doc)[doc[headline].idx:] if headline < len(doc) else ""
    surnames = {doc[f.end - 1].lower_ for f in found if f.type == PERSON and f.end - f.start > 1}
    at: dict[int, Found] = {f.start: f for f in found}
    out = []
    absorbed: set[int] = set()  # starts of mentions a title read whole took in
    for f in found:
        if f.start in absorbed:
            continue
        if f.start < headline and f.rule in RETYPABLE:
            # a headline's capitals are no evidence of a name: keep what the story itself names
            # (*Jessica Doe Flashes Her Hat* → *Jessica Doe*), and let it vote only weakly
            end = next((b for b in range(f.end, f.start, -1) if _occurs(doc[f.start:b].text, body)), None)
            if end is None:
                continue
            f = replace(f, end=end, confidence=round(f.confidence * 0.5, 3))
        elif f.rule == "kg.ner_person.v1" and f.end - f.start == 1 and doc[f.start].lower_ not in given \
                and doc[f.start].lower_ not in surnames:
            # one word NER calls a person, neither a given name nor a surname the article gives:
            # a weak guess (a town, a film, a band), which any other mention may outvote
            f = replace(f, confidence=0.5)
        if f.rule in RETYPABLE:
            got = _cue(doc, f, lex, c, given, at)
            if got is not None and got[0] != f.type:
                etype, cue, weight = got
                f = replace(f, type=etype, rule=f"kg.type_{cue}.v1", confidence=weight,
                            kind=f.kind if etype == f.type else None, canonical=f.canonical if etype == PERSON else None)
                if cue in ("character_in", "role_in"):
                    f = _whole_title(doc, f, found, absorbed)
        out.append(f)
    out += _unlabelled(doc, out, lex, c, given, headline)
    out = _titles_whole_before_apposition(doc, sorted(out, key=lambda f: f.start), lex, given)
    voted = _article_votes(doc, _coordinated(doc, sorted(out, key=lambda f: f.start), given), given, surnames)
    return _comma_titles(doc, voted, given)


def _comma_titles(doc: Doc, found: list[Found], given: frozenset[str]) -> list[Found]:
    """*Crouching Leopard, Hidden Snake*: two title-case names of two words or more joined by a
    comma alone, one of them a work, that the article writes so together at least twice, are one
    title (``kg.comma_title.v1``); never in a list (*A, B and C*, *A, B, C*, *(A, B)*) nor with
    a person's name, a given name first (*Directed by Ann Reed, The Return*)."""
    art = tokens_of(doc)
    text = text_of(doc)
    n = len(doc)
    at = {f.start: f for f in found}
    ends = {f.end: f for f in found}
    merged: dict[int, Found] = {}
    gone: set[int] = set()
    for a in found:
        b = at.get(a.end + 1)
        if b is None or art[a.end].text != "," or a.end - a.start < 2 or b.end - b.start < 2 \
                or PRODUCTION not in (a.type, b.type) or a.start in gone:
            continue
        if not all(art[k].text[:1].isupper() for k in (a.start, b.start)):
            continue
        if a.start >= 1 and art[a.start - 1].text == "(" or b.end < n and art[b.end].text == ")":
            continue  # "(A, B)" after a name: the works someone is known for
        # (a list: a name before A after a comma or "and", a name after B after one)
        prev = ends.get(a.start - 1)
        if a.start >= 1 and art[a.start - 1].lower_ in (",", "and", "&", "or") and (
                prev is not None or a.start >= 2 and ends.get(a.start - 2) is not None):
            continue
        if b.end + 1 < n and art[b.end].lower_ in (",", "and", "&", "or") and (
                at.get(b.end + 1) is not None or art[b.end + 1].text[:1].isupper() and not art[b.end + 1].is_sent_start
                and art[b.end].text == ","):
            continue
        whole = doc[a.start:b.end].text
        if text.count(whole) < 2 or _given_first(doc, a, given) or _given_first(doc, b, given):
            continue
        merged[a.start] = replace(a, end=b.end, type=PRODUCTION, rule="kg.comma_title.v1",
                                  confidence=max(a.confidence, b.confidence), kind=a.kind or b.kind, canonical=None)
        gone.add(b.start)
    if not merged:
        return found
    return [merged.get(f.start, f) for f in found if f.start not in gone]


# rules that spread a name or guess from its spelling: no evidence of what the name is
_NO_EVIDENCE = frozenset(RETYPABLE) | {"kg.name_repeat.v1", "kg.unlabelled_name.v1", "kg.hashtag_title.v1"}


def _defined_as_band(doc: Doc, f: Found) -> bool:
    """*X were the only UK band to ...*: a definition (an organisation's, to the definition rule)
    whose noun is a band's."""
    if f.rule != "kg.copula_title.v4":
        return False
    root = doc[f.start:f.end].root
    attr = next((ch for ch in root.head.children if ch.dep_ == "attr"), None) if root.dep_ == "nsubj" else None
    return attr is not None and attr.lemma_.lower() in cues()["group_nouns"]


def _article_votes(doc: Doc, found: list[Found], given: frozenset[str], surnames: set[str]) -> list[Found]:
    """One name, one kind of thing in an article: where the text says what a name is at some of
    its mentions (a definition, a cue, a title rule) and those agree, its mentions typed by NER's
    guess alone take that type (``kg.type_article.v1``): *X is a video game company* outweighs
    NER calling X a person at four later mentions. A person's name with a given name first is
    NER's surest guess and stays, and so does the surname of a person the article names (*Doe's
    script* is no work)."""
    evidence: dict[str, dict[str, float]] = {}
    for f in found:
        if f.rule not in _NO_EVIDENCE and f.type and f.confidence >= 0.7:
            got = evidence.setdefault(doc[f.start:f.end].text, {})
            etype = GROUP if f.type == ORGANIZATION and _defined_as_band(doc, f) else f.type
            got[etype] = got.get(etype, 0.0) + f.confidence
    if not evidence:
        return found
    out = []
    for f in found:
        # (a person's name NER found, a given name first, is kept: "a tribute to Jane Doe featuring ...")
        kinds = evidence.get(doc[f.start:f.end].text) if f.rule in RETYPABLE \
            and not (f.type == PERSON and _given_first(doc, f, given)) \
            and not (f.end - f.start == 1 and doc[f.start].lower_ in surnames) else None
        # (one cue of weight 0.75 or more, or two, and no cue for another type)
        if kinds is not None and len(kinds) == 1 and f.type not in kinds and max(kinds.values()) >= 0.75:
            f = replace(f, type=next(iter(kinds)), rule="kg.type_article.v1", confidence=0.6, kind=None, canonical=None)
        out.append(f)
    return out


_LIST_WORDS = frozenset({",", "and", "or", "&", "\u2018", "\u2019", "\u201c", "\u201d", '"', "'"})


def _coordinated(doc: Doc, found: list[Found], given: frozenset[str]) -> list[Found]:
    """Names listed together are things of one kind: in a list (*A, B and C*) where two members
    or more have a type the text gave them (a title after *films*, a quoted title, a cue) and no
    member has another such type, a member typed by NER's guess alone takes that type
    (``kg.type_coordination.v1``); so does the one other member of a pair such as *members of
    Sunken Crimson and Mott the Hoopla* where NER called it a person and no given name starts it."""
    art = tokens_of(doc)
    groups: list[list[Found]] = []
    for f in found:
        g = groups[-1] if groups else None
        if g is not None and g[-1].end < f.start and f.start - g[-1].end <= 3 \
                and all(art[k].lower_ in _LIST_WORDS for k in range(g[-1].end, f.start)) \
                and any(art[k].lower_ in (",", "and", "or", "&") for k in range(g[-1].end, f.start)):
            g.append(f)
        else:
            groups.append([f])
    retyped: dict[int, Found] = {}
    for g in groups:
        if len(g) < 2:
            continue
        strong = [f for f in g if f.rule not in RETYPABLE and f.type]
        kinds = {f.type for f in strong}
        if len(kinds) != 1:
            continue
        etype = kinds.pop()
        weak = [f for f in g if f.rule in RETYPABLE and f.type != etype]
        pair = len(g) == 2 and etype in (GROUP, PRODUCTION) and all(
            f.type == PERSON and doc[f.start].lower_ not in given and f.end - f.start > 1 for f in weak)
        if not weak or not (len(strong) >= 2 and len(strong) * 2 >= len(g) or pair):
            continue
        for f in weak:
            retyped[f.start] = replace(f, type=etype, rule="kg.type_coordination.v1", confidence=0.65, kind=None,
                                       canonical=None)
    return [retyped.get(f.start, f) for f in found] if retyped else found


_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "NORP", "MONEY", "PERCENT", "QUANTITY", "LANGUAGE", "LAW"})


def _unlabelled(doc: Doc, found: list[Found], lex: Lexicon, c: dict[str, frozenset[str]], given: frozenset[str],
                headline: int) -> list[Found]:
    """Proper-noun runs that no detector took, made mentions where a cue says what they are
    (*Jane Doe of Harbour Weekly*, *members of Tinfoil*, *the creator of Night Ferry*)."""
    taken = {k for f in found for k in range(f.start, f.end)}
    at: dict[int, Found] = {f.start: f for f in found}
    person_ends = frozenset(f.end for f in found if f.type == PERSON)
    out: list[Found] = []
    i = headline
    n = len(doc)
    art = tokens_of(doc)  # the article's tokens (doc[k] makes a new Token on each call)
    while i < n:
        t = art[i]
        # (a capitalised noun mid-sentence that someone is told, "told People", is a name too)
        told = t.pos_ == "NOUN" and not t.is_sent_start and t.text[:1].isupper() and t.is_alpha \
            and t.dep_ in ("dobj", "dative", "pobj") and _told(t)
        if i in taken or t.pos_ != "PROPN" and not told or not t.text[:1].isupper() or t.ent_type_ in _NOT_NAMES:
            i += 1
            continue
        j = i
        while j < n and j not in taken and ((art[j].pos_ == "PROPN" or told and j == i) and art[j].text[:1].isupper()
                                              or j > i and art[j].like_num and art[j - 1].pos_ == "PROPN") \
                and art[j].ent_type_ not in _NOT_NAMES and not (j > i and art[j - 1].whitespace_ == "" and art[j - 1].is_punct):
            j += 1
        start, end = i, j
        i = max(j, i + 1)
        # (one word at a sentence's start is no name unless spelt as none but a name is: "T9's")
        if end <= start or end - start > 5 or art[start].is_sent_start and end - start == 1 \
                and not (any(ch.isdigit() for ch in art[start].text) and art[start].text[:1].isalpha()) \
                or doc[start:end].text in lex.demonyms or doc[start:end].text in lex.broadcasters \
                or doc[start:end].text in c["genre_names"] \
                or not any(ch.isalpha() for ch in doc[start:end].text):
            continue
        f = Found(start, end, "", "kg.unlabelled_name.v1", 0.0, 1)
        got = _cue(doc, f, lex, c, given, at, person_ends)
        if got is not None and got[1] != "place_preposition":
            etype, cue, weight = got
            if cue in ("character_in", "role_in", "of_work"):  # (the title whole: "in Ghosts Follow Him")
                run = _title_run(doc, start)
                if cue == "of_work":  # (one title of a list: "star of A, B and Ghosts In Grey")
                    run = next((k for k in range(end, run) if art[k].lower_ in ("and", "&", ",")), run)
                if run > end and not any(k in taken for k in range(end, run)):
                    end = i = run
            out.append(Found(start, end, etype, f"kg.type_{cue}.v1", round(weight * 0.9, 3), 1))
    return out
