"""The extraction lexicons (``data/*.json``), loaded once and frozen into lookup sets."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


@dataclass(frozen=True)
class Lexicon:
    """Meaningful words, aligned to ontology terms (see ``data/lexicon.json``)."""

    raw: dict[str, Any]
    demonyms: dict[str, str]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.raw[name]
        except KeyError:
            raise AttributeError(name) from None

    @cached_property
    def version(self) -> str:
        """A short hash of the data files, for cache keys and provenance (made once: the words are
        read once and never changed, and mention detection asks for it on every article)."""
        import hashlib

        blob = json.dumps([self.raw, self.demonyms], sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names from the US census lists shipped by the ``names`` package (public-domain data).

    A signal for typing people, never a requirement: names from everywhere else still count
    through NER, honorifics, context and :func:`world_first_names`.
    """
    from importlib.resources import files

    out: set[str] = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in (files("names") / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(line.split()[0].lower())
    return frozenset(out)


@lru_cache(maxsize=1)
def world_first_names() -> frozenset[str]:
    """The census names and the given names of Faker's person providers for every locale written
    in Latin letters (MIT; *Alain*, *Konstantin*, *Wilfrid*, names the US lists lack), less those
    that are also English words (:func:`english_words`: *Bishop*, *Canyon*, *Cinnamon* begin names
    of things as often) or names of countries.

    Only for the shape of a name NER gave no person's label (*Alain Vale* as an organisation): the
    census names alone still weigh against what the sentence says (*Franz Quint frontman Y*: a band
    named after someone, as often as not).
    """
    # (nor a country's name or its people's: "Ghana", "India", "Georgia" begin names of places)
    demonyms = _load("demonyms.json")
    words = english_words() | {w.lower() for w in [*demonyms, *demonyms.values()]}
    return first_names() | {n for n in _faker_given_names() if n not in words}


def _faker_given_names() -> set[str]:
    """The given names of Faker's person providers, in every locale whose names are written in
    Latin letters (a name with a letter of another script is left out)."""
    import importlib
    import pkgutil

    import faker.providers.person as person

    out: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        if provider is None:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            # (class attributes only: some locales compute these as properties of an instance)
            value = next((c.__dict__[attr] for c in provider.__mro__ if attr in c.__dict__), None)
            if isinstance(value, dict):  # (names with their weights)
                value = list(value)
            if not isinstance(value, (list, tuple, set, frozenset)):
                continue
            out |= {n.lower() for n in value if isinstance(n, str) and len(n) > 1 and _LATIN.issuperset(n)}
    return out


# the letters of the Latin scripts (below U+0250: Basic Latin to Latin Extended-B), a hyphen, an apostrophe
_LATIN = frozenset({chr(c) for c in range(0x250) if chr(c).isalpha()} | {"-", "'"})


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every lemma of WordNet's index (nouns, verbs, adjectives, adverbs), as the English pipeline
    spaCy ships reads it for its lemmatiser (``lemma_index``; read as plain msgpack with srsly,
    spaCy's own reader, which is fifty times faster than building the lookup tables)."""
    from importlib.resources import files

    import srsly

    from kg.nlp import DEFAULT_MODEL

    root = files(DEFAULT_MODEL)
    model = next((p for p in root.iterdir() if p.is_dir() and (p / "lemmatizer").is_dir()), None)
    path = None if model is None else Path(str(model / "lemmatizer" / "lookups" / "lookups.bin"))
    if path is None or not path.is_file():
        return frozenset()
    index = srsly.read_msgpack(path).get("lemma_index", {})
    return frozenset(w for words in index.values() for w in words)


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}
TITLE_GENDER = {"mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "mrs": "f", "ms": "f", "miss": "f",
                "dame": "f", "lady": "f", "queen": "f", "princess": "f"}


@lru_cache(maxsize=1)
def name_genders() -> dict[str, str]:
    """Given names to ``m`` or ``f`` where the census lists leave no doubt: a name in one list only,
    or at least five times as frequent in one as in the other (*Mary* ``f``; *Jordan* neither)."""
    from importlib.resources import files

    freq: dict[str, dict[str, float]] = {"m": {}, "f": {}}
    for g, fname in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in (files("names") / fname).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                freq[g][parts[0].lower()] = float(parts[1])
    out: dict[str, str] = {}
    for n in set(freq["m"]) | set(freq["f"]):
        fm, ff = freq["m"].get(n, 0.0), freq["f"].get(n, 0.0)
        if fm >= 5 * ff:
            out[n] = "m"
        elif ff >= 5 * fm:
            out[n] = "f"
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    return Lexicon(_load("lexicon.json"), _load("demonyms.json"))
