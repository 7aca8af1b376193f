"""The build cache: what each article yielded, kept so the next build parses only what changed.

Two tables in one SQLite file, ``cache.sqlite3`` in the user's cache folder (``default_cache_dir``):

``extraction``
    an article's ``Extraction`` as JSON, keyed by the article's content (text, title, URL and
    date: a hash of them) and by the *extractor version*: the pipeline's name, version and
    ``meta.json``, spaCy's version, ``kg.extract.RULESET_VERSION``, the lexicon's version, the
    records' fields and a hash of kg's extraction code and data. Edit a rule and every
    extraction is stale; edit an article and only its own.
``parse``
    an article's spaCy parse (``Doc.to_bytes``: msgpack, compressed), keyed by its text and the
    pipeline alone. When a rule changes, articles are re-extracted from their stored parse
    instead of parsed again, which is most of the cost.

Both hold safe data only: JSON text and spaCy's msgpack; nothing is pickled, so a cache file
handed over by someone else can at worst be wrong, never run code. Resolution and RDF are not
cached: they run over all articles every time (they are fast), so the facts of an edited or
deleted article are retracted and entities re-resolved as in a cold build.

SQLite makes every write a transaction: a build killed half-way leaves the batches it
committed, and a damaged file is detected and replaced. Several builds can share the cache at
once: a build holds the write lock only for the instant it writes a batch, never while it
parses, and one that waits longer than ``BUSY_SECONDS`` for it fails with one clear line. Entries no build has used for ``MAX_AGE_DAYS`` are dropped.

Examples
--------
>>> from kg.model import Document, Mention
>>> from kg.extract import Extraction
>>> doc = Document("Jane Doe directed it.", "a.txt")
>>> m = Mention(doc.id, 0, 8, "Jane Doe", "PERSON", "kg.ner_person.v1", 0.8)
>>> ex = Extraction(doc, (m,), (), (), (), {"kg.ner_person.v1": 1})
>>> loads(dumps(ex), doc) == ex
True
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.model import Document

__all__ = ["FORMAT", "MAX_AGE_DAYS", "Cache", "CacheFormatError", "article_key", "default_cache_dir", "dumps",
           "extraction_version", "loads", "output_version", "parse_version", "text_key"]

FORMAT = 1  # of the JSON below and of the tables; a new one starts an empty cache
MAX_AGE_DAYS = 30  # entries no build has used for this long are dropped
FILE = "cache.sqlite3"
_TUPLE = "()"
_REF = "@"
_CHUNK = 500  # keys per SELECT … IN (…)
_COMMIT_EVERY = 1.0  # seconds between commits while a build writes
BUSY_SECONDS = 60.0  # how long a build waits for another's write to the shared cache before giving up
_ROOT = Path(__file__).resolve().parent  # the kg package
_CODE_SUFFIXES = (".py", ".json", ".jsonl", ".toml", ".rq", ".ttl", ".html", ".js", ".css")


class CacheFormatError(ValueError):
    """A cached entry that does not decode into today's records: treated as a miss."""


# -- keys ------------------------------------------------------------------------------------

def article_key(document: Document) -> str:
    """Hash of what extraction reads from an article: its text, title, URL and date (not its path).

    Examples
    --------
    >>> a = Document("Same words.", "a.txt", date="2020-01-02")
    >>> article_key(a) == article_key(Document("Same words.", "elsewhere/b.txt", date="2020-01-02"))
    True
    >>> article_key(a) == article_key(Document("Same words.", "a.txt"))
    False
    """
    blob = json.dumps([document.text, document.title, document.url, document.date], ensure_ascii=True)
    return hashlib.sha256(blob.encode("ascii")).hexdigest()


def text_key(text: str) -> str:
    """Hash of an article's text alone: what its parse depends on."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _hash_files(paths: Iterable[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def _code_hashes() -> tuple[str, str]:
    """Hashes of the code and data a parse (kg.nlp) and an extraction (kg.extract, kg.model) depend on."""
    root = _ROOT
    nlp = _hash_files((root / "nlp").rglob("*.py"), root)
    extract = [p for p in (root / "extract").rglob("*")
               if p.is_file() and p.suffix in (".py", ".json", ".jsonl")]
    ontology = root.parent / "ontology" / "kg.ttl"  # the property facts kg.model reads (kg.ontology)
    signatures = hashlib.sha256(ontology.read_bytes()).hexdigest() if ontology.is_file() else "-"
    return nlp, _hash_files([*extract, root / "model.py", root / "ontology.py"], root) + signatures


@lru_cache(maxsize=1)
def output_version() -> str:
    """Hash of all of kg's code and data, and the versions of the libraries that write its output."""
    from importlib import metadata

    root = _ROOT
    files = [p for p in root.rglob("*")
             if p.is_file() and p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts]
    versions = []
    for dist in ("rdflib", "pyoxigraph", "pyvis", "networkx"):
        try:
            versions.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist}=-")
    blob = f"{FORMAT}\0{_hash_files(files, root)}\0{' '.join(versions)}"
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def parse_version(model: str) -> str:
    """The version a stored parse is valid for: the pipeline (``kg.nlp.model_version``) and kg.nlp's code."""
    return hashlib.sha256(f"{FORMAT}\0{model}\0{_code_hashes()[0]}".encode()).hexdigest()[:20]


def extraction_version(model: str) -> str:
    """The version a stored extraction is valid for: parse, rules, lexicon, records and extraction code."""
    from importlib import metadata

    from kg.extract import RULESET_VERSION
    from kg.extract.lexicon import lexicon

    versions = []
    for dist in ("names", "faker"):  # the given-name lists the rules read
        try:
            versions.append(metadata.version(dist))
        except metadata.PackageNotFoundError:
            versions.append("-")
    names = " ".join(versions)
    parts = [str(FORMAT), parse_version(model), RULESET_VERSION, lexicon().version, names, _schema(),
             _code_hashes()[1]]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``: one cache per user, as
    pip and spaCy keep theirs. Entries are keyed by content, so every build can share it."""
    if folder := os.environ.get("KG_CACHE_DIR"):
        return Path(folder)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


# -- records as JSON -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _types() -> dict[str, type]:
    """Every record an ``Extraction`` may hold, by class name: the dataclasses of kg.model, and itself."""
    import kg.model
    from kg.extract import Extraction

    types = {name: obj for name, obj in vars(kg.model).items()
             if isinstance(obj, type) and dataclasses.is_dataclass(obj)
             and obj.__module__ == kg.model.__name__}
    types[Extraction.__name__] = Extraction
    for cls in types.values():
        if not all(f.init for f in dataclasses.fields(cls)):
            raise TypeError(f"{cls.__name__} has a field outside __init__; kg.cache cannot rebuild it")
    return types


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@lru_cache(maxsize=1)
def _schema() -> str:
    """Every record's name and fields: adding or renaming a field makes every stored entry stale."""
    return ";".join(f"{name}({','.join(_field_names(cls))})" for name, cls in sorted(_types().items()))


class _Encoder:
    """Records as JSON arrays ``[ClassName, field, ...]``, tuples as ``["()", item, ...]``; a record
    equal to one written before (the same mention in a fact and in the mention list) is written
    once and then referred to as ``["@", n]``, n counting records in the order they were finished."""

    def __init__(self) -> None:
        self.seen: dict[Any, int] = {}

    def encode(self, v: Any) -> tuple[Any, Any]:
        """The JSON value of ``v`` and a key equal only for values that encode the same way
        (``1`` and ``1.0`` are equal in Python but not here)."""
        if v is None or isinstance(v, str):
            return v, v
        if isinstance(v, (bool, int, float)):
            return v, (type(v), v)
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            name = type(v).__name__
            if _types().get(name) is not type(v):
                raise TypeError(f"kg.cache cannot store a {type(v).__qualname__}")
            parts = [self.encode(getattr(v, f)) for f in _field_names(type(v))]
            try:
                hash(v)
            except TypeError:  # a record holding a dict (Extraction): written in full, as _Decoder expects
                return [name, *(e for e, _ in parts)], None
            key = (name, tuple(k for _, k in parts))
            ref = self.seen.get(key)
            if ref is not None:
                return [_REF, ref], key
            self.seen[key] = len(self.seen)
            return [name, *(e for e, _ in parts)], key
        if isinstance(v, tuple):
            parts = [self.encode(x) for x in v]
            return [_TUPLE, *(e for e, _ in parts)], (_TUPLE, tuple(k for _, k in parts))
        if isinstance(v, dict) and all(isinstance(k, str) for k in v):
            parts_d = {k: self.encode(x) for k, x in v.items()}
            return {k: e for k, (e, _) in parts_d.items()}, {k: key for k, (_, key) in parts_d.items()}
        raise TypeError(f"kg.cache cannot store a {type(v).__qualname__}")


class _Decoder:
    def __init__(self) -> None:
        self.table: list[Any] = []

    def decode(self, x: Any) -> Any:
        if isinstance(x, list):
            if not x or not isinstance(x[0], str):
                raise CacheFormatError("an array without a tag")
            tag = x[0]
            if tag == _REF:
                if len(x) != 2 or not isinstance(x[1], int) or not 0 <= x[1] < len(self.table):
                    raise CacheFormatError("a reference to no record")
                return self.table[x[1]]
            if tag == _TUPLE:
                return tuple(self.decode(i) for i in x[1:])
            cls = _types().get(tag)
            if cls is None or len(x) - 1 != len(_field_names(cls)):
                raise CacheFormatError(f"no record {tag!r} with {len(x) - 1} fields")
            obj = cls(*(self.decode(i) for i in x[1:]))
            try:
                hash(obj)
            except TypeError:
                return obj  # not interned by the encoder either
            self.table.append(obj)
            return obj
        if isinstance(x, dict):
            return {k: self.decode(v) for k, v in x.items()}
        return x


def dumps(ex: Any) -> str:
    """An ``Extraction`` as JSON text, without its ``Document`` (the article itself is not stored)."""
    value, _ = _Encoder().encode(dataclasses.replace(ex, document=None))
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def loads(text: str | bytes, document: Document) -> Any:
    """The ``Extraction`` that ``dumps`` wrote, for ``document``.

    Raises
    ------
    CacheFormatError
        When the text is not what ``dumps`` writes for today's records.
    """
    from kg.extract import Extraction

    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise CacheFormatError(f"not JSON ({exc})") from None
    try:
        ex = _Decoder().decode(value)
    except (TypeError, RecursionError) as exc:
        raise CacheFormatError(str(exc)) from None
    if not isinstance(ex, Extraction):
        raise CacheFormatError("not an Extraction")
    return dataclasses.replace(ex, document=document)


# -- the store -------------------------------------------------------------------------------

def _now() -> float:
    return time.time()


_SCHEMA = """
CREATE TABLE IF NOT EXISTS extraction (key TEXT NOT NULL, version TEXT NOT NULL, data TEXT NOT NULL,
                                       used REAL NOT NULL, PRIMARY KEY (key, version));
CREATE TABLE IF NOT EXISTS parse (key TEXT NOT NULL, version TEXT NOT NULL, data BLOB NOT NULL,
                                  used REAL NOT NULL, PRIMARY KEY (key, version));
"""


_BUSY, _LOCKED, _CORRUPT, _NOTADB = 5, 6, 11, 26  # SQLite's primary result codes


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _cache_error(exc: sqlite3.Error, folder: Path) -> Exception:
    """The one clear line for an SQLite failure: the cache busy for too long, or unusable."""
    from kg.errors import OutputError

    if _code(exc) in (_BUSY, _LOCKED) or "locked" in str(exc) or "busy" in str(exc):
        return OutputError(f"the build cache is busy: another build has held it for more than {BUSY_SECONDS:g} s; "
                           "build again when that one ends, or pass --cache-dir DIR or --no-cache", path=str(folder))
    return OutputError(f"cannot use the build cache ({exc}); pass --cache-dir DIR or --no-cache", path=str(folder))


def _set_wal(db: sqlite3.Connection) -> None:
    """Put the file in WAL mode. Switching a new file's journal needs its lock and SQLite answers
    *busy* at once, without its busy handler, while another build is making the same file: so try
    again for up to ``BUSY_SECONDS`` (a file already in WAL mode is left as it is)."""
    deadline = time.monotonic() + BUSY_SECONDS
    delay = 0.01
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if _code(exc) not in (_BUSY, _LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class Cache:
    """A connection to the cache folder for one build: look entries up, store new ones, ``close``.

    Entries are stamped with the time they were last read or written; ``close`` drops those no
    build has used for ``MAX_AGE_DAYS``.

    Several builds can share one cache. The file is in WAL mode, so reading never waits; what a
    build stores is kept in memory and written in one short transaction about every
    ``_COMMIT_EVERY`` seconds, so no build holds the write lock while it parses. A build that
    finds the lock taken waits for it up to ``BUSY_SECONDS``, then fails with one clear line
    (``OutputError``) rather than SQLite's own error.
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        from kg.errors import OutputError

        self.folder = Path(folder)
        self.reset: str | None = None  # why a previous cache file was thrown away, if it was
        self.now = _now()
        self._rows: dict[str, list[tuple[str, str, Any, float]]] = {"extraction": [], "parse": []}
        self._touched: dict[tuple[str, str], list[str]] = {}  # (table, version) -> keys read
        self._pending = 0
        self._last_commit = time.monotonic()
        self._db: sqlite3.Connection | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot make the cache folder ({exc.strerror}); "
                              "pass --cache-dir DIR or --no-cache", path=str(self.folder)) from None
        try:
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as exc:
                if _code(exc) not in (_CORRUPT, _NOTADB):
                    raise
                # not a database, or damaged: start again
                self.reset = f"the cache file was unreadable ({exc}) and was replaced"
                for suffix in ("", "-wal", "-shm", "-journal"):
                    (self.folder / (FILE + suffix)).unlink(missing_ok=True)
                self._db = self._open()
        except sqlite3.Error as exc:
            raise _cache_error(exc, self.folder) from None

    def _open(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit transactions; _flush opens the only write transactions
        db = sqlite3.connect(self.folder / FILE, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            _set_wal(db)  # readers never wait; a killed writer loses its last batch
            db.execute("PRAGMA synchronous=NORMAL")
            (version,) = db.execute("PRAGMA user_version").fetchone()
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if version != FORMAT or not {"extraction", "parse"} <= tables:  # new, or another format: (re)make
                db.execute("BEGIN IMMEDIATE")
                (version,) = db.execute("PRAGMA user_version").fetchone()  # another build may have made it
                if version not in (0, FORMAT):
                    db.execute("DROP TABLE IF EXISTS extraction")
                    db.execute("DROP TABLE IF EXISTS parse")
                    self.reset = f"the cache was written in another format ({version}) and was emptied"
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version={FORMAT}")
                db.execute("COMMIT")
            db.execute("SELECT count(*) FROM extraction").fetchone()  # reads the file: fails here if damaged
        except BaseException:
            db.close()
            raise
        return db

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise ValueError("the cache is closed")
        return self._db

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(prune=exc[0] is None)

    def _get(self, table: str, keys: Iterable[str], version: str) -> Iterator[tuple[str, Any]]:
        keys = list(dict.fromkeys(keys))
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self.db.execute(f"SELECT key, data FROM {table} WHERE version = ? AND key IN ({marks})",
                                       (version, *chunk)).fetchall()
            except sqlite3.Error as exc:
                raise _cache_error(exc, self.folder) from None
            yield from rows
            self._touched.setdefault((table, version), []).extend(key for key, _ in rows)
        self._maybe_commit(len(keys))

    def touch_parses(self, keys: Iterable[str], version: str) -> None:
        """Mark the parses of articles whose extraction was reused as used: they are what a rule
        change will need."""
        keys = list(dict.fromkeys(keys))
        self._touched.setdefault(("parse", version), []).extend(keys)
        self._maybe_commit(len(keys))

    def extractions(self, keys: Iterable[str], version: str) -> dict[str, str]:
        """Stored extractions (JSON text) of those ``keys`` that have one for ``version``."""
        return dict(self._get("extraction", keys, version))

    def parses(self, keys: Iterable[str], version: str) -> dict[str, bytes]:
        """Stored parses (``kg.nlp.doc_to_bytes``) of those text ``keys`` that have one for ``version``."""
        return dict(self._get("parse", keys, version))

    def put_extraction(self, key: str, version: str, data: str) -> None:
        self._rows["extraction"].append((key, version, data, self.now))
        self._maybe_commit(1)

    def put_parse(self, key: str, version: str, data: bytes) -> None:
        self._rows["parse"].append((key, version, data, self.now))
        self._maybe_commit(1)

    def _maybe_commit(self, n: int) -> None:
        """Write what is pending every second or so: an interrupted build keeps what it parsed."""
        self._pending += n
        if self._pending and time.monotonic() - self._last_commit >= _COMMIT_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write every pending entry and use stamp now, in one short transaction.

        Raises
        ------
        kg.errors.OutputError
            When another build holds the cache's write lock for more than ``BUSY_SECONDS``.
        """
        rows, touched = self._rows, self._touched
        if any(rows.values()) or touched:
            db = self.db
            try:
                db.execute("BEGIN IMMEDIATE")  # waits up to BUSY_SECONDS for another build's flush
                try:
                    for table, values in rows.items():
                        db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?, ?)", values)
                    for (table, version), keys in touched.items():
                        for i in range(0, len(keys), _CHUNK):
                            chunk = keys[i:i + _CHUNK]
                            marks = ",".join("?" * len(chunk))
                            db.execute(f"UPDATE {table} SET used = ? WHERE version = ? AND key IN ({marks})",
                                       (self.now, version, *chunk))
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                self._rows, self._touched = {table: [] for table in rows}, {}  # not to be tried again on close
                raise _cache_error(exc, self.folder) from None
            self._rows = {table: [] for table in rows}
            self._touched = {}
        self._pending = 0
        self._last_commit = time.monotonic()

    def counts(self) -> Mapping[str, int]:
        """Entries per table (what is written; ``flush`` first to count what is pending)."""
        return {table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("extraction", "parse")}

    def close(self, *, prune: bool = True) -> None:
        """Write what is pending, drop entries unused for ``MAX_AGE_DAYS`` (when ``prune``), and close.

        Without ``prune`` (a build that failed or was interrupted), writing is best effort: an
        error then would only hide the one that stopped the build.
        """
        if self._db is None:
            return
        try:
            if prune:
                self.flush()
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                    for table in ("extraction", "parse"):
                        self._db.execute(f"DELETE FROM {table} WHERE used < ?",
                                         (self.now - MAX_AGE_DAYS * 86400,))
                    self._db.execute("COMMIT")
                except sqlite3.Error as exc:
                    raise _cache_error(exc, self.folder) from None
            else:
                try:
                    self.flush()
                except Exception:
                    pass
        finally:
            self._db.close()
            self._db = None
