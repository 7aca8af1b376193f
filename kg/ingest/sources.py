"""Files and folders to ``Document``s, one article at a time, with bad articles set aside."""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest.registry import BadArticle, known_suffixes, reader_for
from kg.model import Document

PathLike = str | os.PathLike[str]
# ``scheme://``: what a URL given as a source starts with (RFC 3986 scheme).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article a lenient read left out: where it was (``path`` or ``path:LINE``) and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def read_sources(
    paths: Iterable[PathLike] | PathLike, *, strict: bool = False, skipped: list[Skipped] | None = None
) -> Iterator[Document]:
    """Stream the articles in ``paths``, each a file or a folder read recursively.

    Folders are walked in sorted order, skipping hidden names and following links without
    looping. A bad article (a bad file inside a folder, a bad JSON line) is appended to
    ``skipped`` and reading goes on; with ``strict`` it raises instead. A file in a folder of a
    type no reader knows (``.pdf``, ``README``) is not an article: it is appended to ``skipped``
    as not read, even with ``strict``. A path that is missing, of unknown type, a URL (kg
    fetches nothing), or that yields no article at all always raises.

    Parameters
    ----------
    paths
        Files and folders, read in the order given (a single path is accepted too).
    strict
        Raise ``InputError`` on the first problem instead of skipping the article.
    skipped
        A list that collects what was skipped, for the build report.

    Returns
    -------
    Iterator[Document]
        A generator; the paths themselves are checked as soon as this is called.

    Raises
    ------
    InputError
        Naming the file (and line) and the problem.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Jane Doe directed The Show.", encoding="utf-8")
    >>> _ = (folder / "b.jsonl").write_text('{"text": "Hi."}\\n{"text": 3}\\n', encoding="utf-8")
    >>> skipped = []
    >>> [doc.text for doc in read_sources([folder], skipped=skipped)]
    ['Jane Doe directed The Show.', 'Hi.']
    >>> skipped[0].source.endswith("b.jsonl:2")
    True
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    checked = [_check(path) for path in paths]
    if not checked:
        raise InputError("no sources given; pass article files or folders")
    return _Reading(strict, skipped if skipped is not None else []).read(checked)


def _check(given: PathLike) -> Path:
    """``given`` as a ``Path`` if it is a folder or a file of a known type; an ``InputError`` otherwise.

    A URL is named as given (a ``Path`` would fold its ``//`` into one slash) and refused: kg
    reads what is on this machine and fetches nothing.

    Examples
    --------
    >>> _check("https://example.org/news/a.html")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: https://example.org/news/a.html: a URL, not a file or folder: kg reads local files only and fetches nothing; save the page (.html) and give its path
    """
    raw = os.fspath(given)
    if isinstance(raw, str) and _URL.match(raw) and not os.path.lexists(raw):
        raise InputError("a URL, not a file or folder: kg reads local files only and fetches nothing; "
                         "save the page (.html) and give its path", path=raw)
    path = Path(raw)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError("no such file or folder; check the path", path=str(path)) from None
    except OSError as err:
        raise InputError(BadArticle.unreadable(err).reason, path=str(path)) from None
    if stat.S_ISDIR(mode):
        return path
    if not stat.S_ISREG(mode):
        raise InputError("not a regular file or folder; give article files or folders", path=str(path))
    if reader_for(path) is None:
        raise InputError(f"unknown file type {path.suffix or '(no suffix)'!r}; use one of {_suffixes()}",
                         path=str(path))
    return path


def _suffixes() -> str:
    return ", ".join(known_suffixes())


class _Reading:
    """One call's state: whether to raise, and where skipped articles go."""

    def __init__(self, strict: bool, skipped: list[Skipped]) -> None:
        self.strict = strict
        self.skipped = skipped

    def read(self, paths: list[Path]) -> Iterator[Document]:
        for path in paths:
            first_skipped = len(self.skipped)
            found = 0
            if path.is_dir():
                for file, problem in _walk(path, set()):
                    if isinstance(problem, _NotRead):
                        self.skipped.append(Skipped(str(file), problem.reason))  # not an article: never strict
                    elif problem is not None:
                        self._skip(file, problem)
                    else:
                        for doc in self._read_file(file, explicit=False):
                            found += 1
                            yield doc
            else:
                for doc in self._read_file(path, explicit=True):
                    found += 1
                    yield doc
            if not found:
                raise InputError(self._nothing_read(path, self.skipped[first_skipped:]), path=str(path))

    def _read_file(self, path: Path, *, explicit: bool) -> Iterator[Document]:
        reader = reader_for(path)
        if reader is None:  # unregistered since the paths were checked
            raise InputError(f"unknown file type {path.suffix!r}; use one of {_suffixes()}", path=str(path))
        try:
            for item in reader(path):
                if isinstance(item, BadArticle):
                    self._skip(path, item)
                else:
                    yield item
        except BadArticle as bad:
            if explicit:  # the user named this file: it has to be read
                raise InputError(bad.reason, path=str(path), line=bad.line) from None
            self._skip(path, bad)

    def _skip(self, path: Path, bad: BadArticle) -> None:
        if self.strict:
            raise InputError(bad.reason, path=str(path), line=bad.line)
        source = str(path) if bad.line is None else f"{path}:{bad.line}"
        self.skipped.append(Skipped(source, bad.reason))

    @staticmethod
    def _nothing_read(path: Path, skipped: list[Skipped]) -> str:
        other = [s for s in skipped if s.reason.startswith(_NotRead.PREFIX)]
        if other and len(other) == len(skipped):
            return (f"no articles found (looked for {_suffixes()} files; {len(other)} "
                    f"{'file' if len(other) == 1 else 'files'} of other types not read, the first "
                    f"{other[0].source}); add some or give another folder")
        if skipped:
            return (f"no readable articles ({len(skipped)} skipped, the first {skipped[0]}); "
                    "fix them or read with strict=True to see each problem")
        return f"no articles found (looked for {_suffixes()} files); add some or give another folder"


class _NotRead(BadArticle):
    """A file in a folder that no reader knows: listed as skipped, never an error."""

    PREFIX = "not read: unknown file type"

    def __init__(self, path: Path) -> None:
        kind = repr(path.suffix) if path.suffix else "(no suffix)"
        super().__init__(f"{self.PREFIX} {kind}; kg reads {_suffixes()} files, "
                         "so rename it if it is one of those, or move it out")


def _walk(folder: Path, visited: set[tuple[int, int]]) -> Iterator[tuple[Path, BadArticle | None]]:
    """Article files under ``folder`` in sorted order, as ``(path, None)``; ``(path, problem)``
    for an entry that should be an article but cannot be read, and ``(path, _NotRead)`` for a
    regular file of a type no reader knows.

    ``visited`` holds the (device, inode) of every folder and file seen, so a link loop ends
    and a file reached twice is read once.
    """
    try:
        info = folder.stat()
        visited.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            names = sorted(entry.name for entry in scan if not entry.name.startswith("."))
    except OSError as err:
        yield folder, BadArticle(f"cannot read folder ({err.strerror or err}); check its permissions")
        return
    for name in names:
        path = folder / name
        try:
            info = path.stat()
        except OSError as err:  # a broken link, or a folder we may not look into
            if reader_for(path) is not None:
                yield path, BadArticle.unreadable(err)
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, visited)
        elif reader_for(path) is not None:
            visited.add(key)
            if stat.S_ISREG(info.st_mode):
                yield path, None
            else:
                yield path, BadArticle("not a regular file; remove it or give a text article")
        elif stat.S_ISREG(info.st_mode):
            visited.add(key)
            yield path, _NotRead(path)
