"""Other names of a person or a band, joined to the name they stand for.

An article often gives a second name for someone, and then uses it: *Jane Roe, better known
as Vixen*, *Snoop Dogg - real name Calvin Broadus*, *Jane Roe (née Smith)*, *Rick Lane (born
Richard Paul Lane; 1966)*, *X, known professionally as Y*, *... performing under the ring name
Y*. Each mention of the other name (here and later in the article) is a mention of the first
one: its ``canonical`` is the first name and its type the first name's, so resolution makes one
node with both names instead of two (NER often types a stage name or a maiden name as an
organisation). Runs after mention detection, before the rules; reads only the surface between
two mentions and the sentence they share.
"""
from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc

from kg.extract.mentions import Found
from kg.extract.sents import sent_of, text_of, tokens_of
from kg.model import AWARD, GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION

RULE = "kg.person_alias.v1"

# what may stand between a name and its other name, right after it
_CONNECTOR = re.compile(
    r"(?:\s*[,(]|\s+[\-\u2013\u2014]|[\u2013\u2014])?\s*(?:"  # a dash only spaced or long: *New Zealand-born X* is no alias
    r"a\.?k\.?a\.?|also\s+known\s+as|better\s+known\s+as|(?:known|billed|credited)\s+professionally\s+as"
    r"|professionally\s+known\s+as|(?:his|her|their)\s+real\s+name(?:\s+is|\s+being)?|real\s+name(?:\s+is|:)?"
    r"|whose\s+real\s+name\s+is|formerly\s+known\s+as"
    r")\s*:?\s*$"
    r"|\s*[,(\u2013\u2014]\s*(?:born|n[\u00e9e]e)\s+$", re.IGNORECASE)  # *X (born Y*, *X, née Y*: never *X-born Y*
# what, right before a name, says it is a name someone goes by (the someone: the clause's person)
_NAME_NOUN = re.compile(
    r"(?:under|by|with|using|adopted|took|takes|chose)\s+(?:the|his|her|their|a)\s+"
    r"(?:ring|stage|pen|professional|screen|performing|drag)\s+name\s+(?:of\s+)?$"
    r"|(?:under|by|with|using)\s+(?:the|his|her|their|a)\s+pseudonym\s+(?:of\s+)?$", re.IGNORECASE)
_NAMED = (PERSON, GROUP)  # what has other names this way
_NOT_A_NAME = (PRODUCTION, AWARD)  # what the other name never is (*a film known as X*)


def join_aliases(doc: Doc, found: list[Found]) -> list[Found]:
    """``found`` with each other name of a person or band (and its later mentions) pointed at
    the name it stands for."""
    if not found:
        return found
    text = text_of(doc)
    art = tokens_of(doc)
    ordered = sorted(found, key=lambda f: f.start)
    target: dict[str, tuple[Found, str]] = {}  # other name's text -> (the named, its name)
    retyped: dict[int, Found] = {}  # start -> a name these connectors show to be a person's
    for k in range(1, len(ordered)):
        b = ordered[k]
        if b.type in _NOT_A_NAME or b.canonical:
            continue
        b_start = art[b.start].idx
        a = ordered[k - 1]
        if a.type not in _NOT_A_NAME and a.end <= b.start:
            gap = text[art[a.end - 1].idx + len(art[a.end - 1].text):b_start]
            if len(gap) <= 40 and "\n" not in gap and _CONNECTOR.fullmatch(gap):
                if a.type not in _NAMED:  # only a person has a birth name or a real name
                    a = retyped[a.start] = dataclasses.replace(a, type=PERSON, rule=RULE)
                _join(doc, a, b, target)
                continue
        before = text[max(0, b_start - 60):b_start]
        if _NAME_NOUN.search(before):
            sent = sent_of(art[b.start])
            people = [f for f in ordered[:k] if f.type == PERSON and f.start >= sent.start and not f.canonical]
            if people:
                _join(doc, people[0], b, target)  # the sentence's first person: whose name it is
    if not target:
        return found
    out = []
    for f in found:
        r = retyped.get(f.start)
        if r is not None and r.end == f.end:
            f = r
        name = doc[f.start:f.end].text
        if name in target and f.type not in _NOT_A_NAME and not f.canonical:
            named, canonical = target[name]
            if (f.start, f.end) != (named.start, named.end):
                f = dataclasses.replace(f, type=named.type, canonical=canonical, rule=RULE)
        out.append(f)
    return out


def _join(doc: Doc, a: Found, b: Found, target: dict[str, tuple[Found, str]]) -> None:
    name_b = doc[b.start:b.end].text
    name_a = a.canonical or doc[a.start:a.end].text
    if name_b == name_a or b.type not in (PERSON, GROUP, ORGANIZATION, PLACE) or name_b in target:
        return
    target[name_b] = (a, name_a)
