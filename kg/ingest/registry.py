"""The reader registry: one reader per file suffix, chosen by name rather than by ``if`` chains.

Like ``rdflib.plugin.register``, a later registration for the same suffix replaces the earlier
one, so a project can swap in its own reader without touching this package.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from kg.model import Document


class BadArticle(Exception):
    """Why a reader cannot turn a file (or one of its records) into a ``Document``.

    A reader *raises* it when the whole file is unusable and *yields* it for one bad record it
    can step over (a malformed JSON line); ``line`` is that record's 1-based line number.
    ``reason`` says what is wrong and what to do, without the file name.
    """

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line

    @classmethod
    def unreadable(cls, err: OSError) -> BadArticle:
        """The problem for a file the system would not let us read."""
        return cls(f"cannot read ({err.strerror or err}); check that it exists and is readable")


class Reader(Protocol):
    """Turns one file into its articles, streaming; see ``BadArticle`` for problems."""

    def __call__(self, path: Path, /) -> Iterator[Document | BadArticle]: ...


_READERS: dict[str, Reader] = {}


def register_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader for files ending in ``suffixes``.

    Suffixes start with a dot and match case-insensitively.

    Examples
    --------
    >>> @register_reader(".text")
    ... def read_text(path):
    ...     yield Document(text=path.read_text(encoding="utf-8"), source=str(path))
    >>> reader_for(Path("a.TEXT")) is read_text
    True
    >>> del _READERS[".text"]
    """
    for suffix in suffixes:
        if not suffix.startswith(".") or len(suffix) < 2:
            raise ValueError(f"a reader suffix starts with a dot, like '.txt'; got {suffix!r}")

    def decorate(reader: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = reader
        return reader

    return decorate


def reader_for(path: Path) -> Reader | None:
    """The reader registered for ``path``'s suffix, or None when there is none."""
    return _READERS.get(path.suffix.lower())


def known_suffixes() -> list[str]:
    """The registered suffixes, sorted, for messages."""
    return sorted(_READERS)
