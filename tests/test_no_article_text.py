"""No evaluation article's words in kg's code, data or tests: rules are linguistic and general,
and every test sentence is our own.

Reads the visible evaluation sets beside the repository (``../shared/eval``): the names of the
people, works and groups their gold files list, and every run of six words of their articles.
Neither may appear in a file under ``kg/`` or ``tests/``. Places, organisations and awards are
general knowledge of the domain (*BBC One*, *Golden Globe*, *Glasgow*) and are not checked; nor
are the bundled articles in ``sources/``, which the tests build on purpose.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SETS = ("news-dev", "redocred-dev")
RUN = 7  # words in a row that make a phrase an article's own
CHECKED_TYPES = {"PERSON", "PRODUCTION", "GROUP"}
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="the evaluation sets are not beside the repository")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("\u2019", "'"))


@lru_cache(maxsize=1)
def _article_runs() -> frozenset[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for name in SETS:
        for path in sorted((EVAL / name / "articles").glob("*.txt")):
            w = _words(path.read_text(encoding="utf-8"))
            runs.update(tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1))
    return frozenset(runs)


@lru_cache(maxsize=1)
def _names() -> dict[tuple[str, ...], frozenset[str]]:
    """Names of two words or more, by their folded words (each with the spellings to look for)."""
    names: dict[tuple[str, ...], set[str]] = {}
    for name in SETS:
        gold = tomllib.loads((EVAL / name / "gold.toml").read_text(encoding="utf-8"))
        for e in gold.get("entities", []):
            if e.get("type") not in CHECKED_TYPES:
                continue
            for n in [e["name"], *e.get("aliases", [])]:
                key = tuple(_words(n))
                if len(key) >= 2 and len(n) >= 8:  # a one-word name may be any word
                    names.setdefault(key, set()).add(n)
    return {k: frozenset(v) for k, v in names.items()}


def _files() -> list[Path]:
    out = []
    for top in ("kg", "tests"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in (".py", ".json", ".jsonl", ".toml", ".rq") and "__pycache__" not in path.parts \
                    and path.name != Path(__file__).name and "static" not in path.parts:
                out.append(path)
    return out


def _hits(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = []
    w = _words(text)
    runs = _article_runs()
    last = -RUN
    for i in range(len(w) - RUN + 1):
        if i >= last + RUN and tuple(w[i:i + RUN]) in runs:
            found.append("phrase: " + " ".join(w[i:i + RUN]))
            last = i
    names = _names()
    lengths = {len(k) for k in names}
    for n in sorted(lengths):
        for i in range(len(w) - n + 1):
            for spelling in names.get(tuple(w[i:i + n]), ()):
                if spelling in text:  # as the article writes it, capitals included
                    found.append(f"name: {spelling}")
    return found


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_article_words_in(path: Path) -> None:
    hits = _hits(path)
    assert not hits, f"{path.relative_to(ROOT)} has an evaluation article's words: {hits[:12]}"
