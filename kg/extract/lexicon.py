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


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    return Lexicon(_load("lexicon.json"), _load("demonyms.json"))
