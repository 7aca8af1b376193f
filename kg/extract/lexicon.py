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
def lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    return Lexicon(_load("lexicon.json"), _load("demonyms.json"))
