"""The extraction lexicons (``data/*.json``), loaded once and frozen into lookup sets."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
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

    @property
    def version(self) -> str:
        """A short hash of the data files, for cache keys and provenance."""
        import hashlib

        blob = json.dumps([self.raw, self.demonyms], sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names from the US census lists shipped by the ``names`` package (public-domain data).

    A signal for typing people, never a requirement: names from everywhere else still count
    through NER, honorifics and context.
    """
    from importlib.resources import files

    out: set[str] = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in (files("names") / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(line.split()[0].lower())
    return frozenset(out)


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
