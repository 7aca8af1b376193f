"""The build cache (kg.cache): records round-trip through JSON, entries hit and miss by content,
pipeline and rule version, incremental builds equal cold ones, and nothing is pickled."""
from __future__ import annotations

import json
import pickle
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.cache import FILE, Cache, CacheFormatError, article_key, dumps, loads
from kg.ingest import read_sources
from kg.pipeline import build, run_pipeline

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
EXTRA = {
    "blue-hour.txt": "The film Blue Hour was directed by Nadia Ferrante. It stars Lena Brandt as Mara.",
    "harbour.txt": "The series Harbour Lights was created by Omar Haddad for the BBC. "
                   "It premiered on 4 May 2019.",
}


def corpus(folder: Path) -> Path:
    """The bundled articles and two short ones of our own, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in SOURCES.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def counts(report: dict) -> dict[str, int]:
    return report["cache"]["articles"]


def same_graph(a: Path, b: Path) -> None:
    """Two outputs hold the same graph: graph.ttl byte for byte, and every named graph of graph.trig."""
    assert (a / "graph.ttl").read_bytes() == (b / "graph.ttl").read_bytes()
    da, db = Dataset(), Dataset()
    da.parse(a / "graph.trig", format="trig")
    db.parse(b / "graph.trig", format="trig")
    ga = {g.identifier: g for g in da.graphs()}
    gb = {g.identifier: g for g in db.graphs()}
    assert ga.keys() == gb.keys()
    for name, g in ga.items():
        assert isomorphic(g, gb[name]), name


@pytest.fixture(scope="module")
def extractions() -> list:
    from kg.extract import extract
    from kg.nlp import annotate, load_pipeline

    docs = list(read_sources([SOURCES]))
    return [extract(doc, d) for doc, d in annotate(docs, load_pipeline())]


def test_extractions_round_trip_through_json(extractions: list) -> None:
    for ex in extractions:
        text = dumps(ex)
        assert loads(text, ex.document) == ex
        assert ex.document.text not in text  # the article itself is not stored again
        assert json.loads(text)[0] == "Extraction"


def test_numbers_keep_their_type() -> None:
    from dataclasses import replace

    from kg.extract import Extraction
    from kg.model import Document, Evidence, Mention, StatCandidate

    doc = Document("Watched by 5 million.", "a.txt")
    m = Mention(doc.id, 0, 7, "Watched", "PRODUCTION", "kg.test.v1", 1.0)
    ev = Evidence(doc.id, doc.text, 0, 0, 7, "kg.test.v1", 1.0)
    # equal in Python (5 == 5.0), written differently in RDF: they must not merge into one record
    stats = (StatCandidate(m, 5, "accounts", "viewers", ev),
             StatCandidate(m, 5.0, "accounts", "viewers", ev),
             StatCandidate(replace(m, confidence=1), 5, "accounts", "viewers", ev))
    ex = Extraction(doc, (m,), (), stats, (), {"kg.test.v1": 1})
    back = loads(dumps(ex), doc)
    assert [type(s.value) for s in back.statistics] == [int, float, int]
    assert [type(s.about.confidence) for s in back.statistics] == [float, float, int]


@pytest.mark.parametrize("bad", ["not json", "[]", '["Extraction"]', '["Nope", 1]', '["@", 3]', "{}"])
def test_what_does_not_decode_is_a_format_error(bad: str) -> None:
    from kg.model import Document

    with pytest.raises(CacheFormatError):
        loads(bad, Document("x", "a.txt"))


def test_hits_and_misses_by_content(tmp_path: Path) -> None:
    src = corpus(tmp_path / "src")
    cache = tmp_path / "cache"
    _, first = run_pipeline([src], cache_dir=cache)
    assert counts(first) == {"reused": 0, "reextracted": 0, "parsed": 5}
    _, again = run_pipeline([src], cache_dir=cache)
    assert counts(again) == {"reused": 5, "reextracted": 0, "parsed": 0}
    assert "load_model" not in again["seconds"]  # nothing to parse: spaCy never loaded
    (src / "harbour.txt").write_text(EXTRA["harbour.txt"].replace("Omar", "Omari"), encoding="utf-8")
    (src / "blue-hour.txt").rename(src / "renamed.txt")  # a new path with the same words is the same article
    _, edited = run_pipeline([src], cache_dir=cache)
    assert counts(edited) == {"reused": 4, "reextracted": 0, "parsed": 1}


def test_the_date_is_part_of_an_article(tmp_path: Path) -> None:
    lines = tmp_path / "a.jsonl"
    record = {"text": "The series Harbour Lights premiered on 4 May.", "date": "2019-01-01"}
    lines.write_text(json.dumps(record) + "\n", encoding="utf-8")
    run_pipeline([lines], cache_dir=tmp_path / "cache")
    lines.write_text(json.dumps({**record, "date": "2020-01-01"}) + "\n", encoding="utf-8")
    _, report = run_pipeline([lines], cache_dir=tmp_path / "cache")
    assert counts(report) == {"reused": 0, "reextracted": 1, "parsed": 0}  # same words: the parse is kept


def test_a_new_rule_version_re_extracts_from_stored_parses(tmp_path: Path, monkeypatch) -> None:
    import kg.cache
    import kg.extract
    from kg.extract.lexicon import Lexicon

    src = corpus(tmp_path / "src")
    cache = tmp_path / "cache"
    _, cold = run_pipeline([src], cache_dir=cache)
    parse_code = kg.cache._code_hashes()[0]
    changes = [
        (kg.extract, "RULESET_VERSION", "changed"),
        (Lexicon, "version", property(lambda self: "changed")),
        (kg.cache, "_code_hashes", lambda: (parse_code, "rules.py changed")),
    ]
    for where, name, value in changes:
        with monkeypatch.context() as patch:
            patch.setattr(where, name, value)
            _, report = run_pipeline([src], cache_dir=cache)
        assert counts(report) == {"reused": 0, "reextracted": 5, "parsed": 0}
        assert report["facts"] == cold["facts"] and report["rules"] == cold["rules"]


def test_another_pipeline_parses_again(tmp_path: Path, monkeypatch) -> None:
    import kg.nlp

    src = corpus(tmp_path / "src")
    cache = tmp_path / "cache"
    run_pipeline([src], cache_dir=cache)
    real = kg.nlp.model_version
    monkeypatch.setattr(kg.nlp, "model_version", lambda name, nlp=None: real(name, nlp) + " retrained")
    _, report = run_pipeline([src], cache_dir=cache)
    assert counts(report) == {"reused": 0, "reextracted": 0, "parsed": 5}


@pytest.mark.parametrize("change", ["add", "edit", "delete"])
def test_incremental_build_equals_a_cold_one(tmp_path: Path, change: str) -> None:
    src = corpus(tmp_path / "src")
    build([src], out=tmp_path / "out", cache=tmp_path / "cache")
    if change == "add":
        (src / "new.txt").write_text("The documentary Night Shift was directed by Ava Brooks for Channel 4.",
                                     encoding="utf-8")
        gone = None
    elif change == "edit":  # the series gets another creator: the old fact must go
        (src / "harbour.txt").write_text(EXTRA["harbour.txt"].replace("Omar Haddad", "Ines Varga"),
                                         encoding="utf-8")
        gone = "Omar Haddad"
    else:
        (src / "blue-hour.txt").unlink()
        gone = "Nadia Ferrante"
    report = build([src], out=tmp_path / "out", cache=tmp_path / "cache")
    assert report["up_to_date"] is False
    assert counts(report)["parsed"] == (0 if change == "delete" else 1)
    assert counts(report)["reused"] == (5 if change == "add" else 4)
    build([src], out=tmp_path / "cold")  # no cache
    same_graph(tmp_path / "out", tmp_path / "cold")
    if gone:
        assert gone not in (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")


def test_an_unchanged_build_keeps_the_output(tmp_path: Path) -> None:
    src = corpus(tmp_path / "src")
    out, cache = tmp_path / "out", tmp_path / "cache"
    build([src], out=out, cache=cache)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = build([src], out=out, cache=cache)
    assert again["up_to_date"] is True and again["articles"] == 5
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    # another option, a lost file, or no cache at all: built again
    assert build([src], out=out, cache=cache, min_confidence=0.5)["up_to_date"] is False
    (out / "graph.html").unlink()
    assert build([src], out=out, cache=cache, min_confidence=0.5)["up_to_date"] is False
    assert (out / "graph.html").is_file()
    assert build([src], out=out, min_confidence=0.5)["up_to_date"] is False


def test_the_same_article_twice_is_parsed_once(tmp_path: Path) -> None:
    src = corpus(tmp_path / "src")
    (src / "copy.txt").write_text(EXTRA["blue-hour.txt"], encoding="utf-8")
    _, report = run_pipeline([src], cache_dir=tmp_path / "cache")
    assert counts(report)["parsed"] == 5 and report["articles"] == 6
    assert len(report["per_article"]) == 6


def test_a_damaged_cache_is_replaced(tmp_path: Path) -> None:
    src = corpus(tmp_path / "src")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILE).write_bytes(b"this is not a database" * 100)
    _, report = run_pipeline([src], cache_dir=cache)
    assert "unreadable" in report["cache"]["reset"] and counts(report)["parsed"] == 5
    _, again = run_pipeline([src], cache_dir=cache)
    assert counts(again)["reused"] == 5


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    src = corpus(tmp_path / "src")
    cache = tmp_path / "cache"
    _, cold = run_pipeline([src], cache_dir=cache)
    key = article_key(next(d for d in read_sources([src]) if d.source.endswith("harbour.txt")))
    with sqlite3.connect(cache / FILE) as db:
        db.execute("UPDATE extraction SET data = '[\"Extraction\", 1]' WHERE key = ?", (key,))
        db.execute("UPDATE parse SET data = x'00ff' WHERE key IN (SELECT key FROM parse LIMIT 1)")
    db.close()
    _, report = run_pipeline([src], cache_dir=cache)
    assert counts(report)["reused"] == 4 and report["facts"] == cold["facts"]


def test_the_cache_holds_json_and_msgpack_and_never_pickles(tmp_path: Path, monkeypatch) -> None:
    import srsly

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pickle used")

    for name in ("dump", "dumps", "load", "loads"):
        monkeypatch.setattr(pickle, name, refuse)
    monkeypatch.setattr(pickle, "Pickler", refuse)
    monkeypatch.setattr(pickle, "Unpickler", refuse)
    src = corpus(tmp_path / "src")
    run_pipeline([src], cache_dir=tmp_path / "cache", jobs=1)
    run_pipeline([src], cache_dir=tmp_path / "cache", jobs=1)
    monkeypatch.undo()
    db = sqlite3.connect(tmp_path / "cache" / FILE)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"extraction", "parse"}
    for (data,) in db.execute("SELECT data FROM extraction"):
        assert isinstance(data, str) and json.loads(data)[0] == "Extraction"
    for (data,) in db.execute("SELECT data FROM parse"):
        raw = zlib.decompress(data)
        assert not raw.startswith(b"\x80")  # no pickle protocol header
        assert isinstance(srsly.msgpack_loads(raw), dict)
    db.close()


def test_unused_entries_are_dropped(tmp_path: Path, monkeypatch) -> None:
    import kg.cache

    src = corpus(tmp_path / "src")
    cache = tmp_path / "cache"
    run_pipeline([src], cache_dir=cache)
    (src / "harbour.txt").unlink()
    monkeypatch.setattr(kg.cache, "_now", lambda: 1e10)  # far in the future: every older entry is stale
    run_pipeline([src], cache_dir=cache)
    with Cache(cache) as store:
        assert store.counts() == {"extraction": 4, "parse": 4}


# -- builds sharing one cache ----------------------------------------------------------------

def test_a_build_holds_no_write_lock_between_its_writes(tmp_path: Path) -> None:
    """Stored entries wait in memory and go in one short transaction: a build that stored a parse
    and went back to parsing leaves the lock free for the other builds sharing the cache."""
    store = Cache(tmp_path)
    store.put_parse("k", "v", b"parse")
    store.put_extraction("k", "v", "[]")
    other = sqlite3.connect(tmp_path / FILE, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # "database is locked" while a build held its transaction open
        other.execute("ROLLBACK")
    finally:
        other.close()
    store.close()
    with Cache(tmp_path) as again:
        assert again.parses(["k"], "v") == {"k": b"parse"} and again.extractions(["k"], "v") == {"k": "[]"}


def _hold_write_lock(folder: Path) -> sqlite3.Connection:
    Cache(folder).close()
    holder = sqlite3.connect(folder / FILE, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO parse VALUES ('held', 'v', x'00', 0)")
    return holder


def test_a_cache_busy_for_too_long_is_one_clear_error(tmp_path: Path, monkeypatch) -> None:
    import time

    import kg.cache
    from kg.errors import OutputError

    monkeypatch.setattr(kg.cache, "BUSY_SECONDS", 0.3)
    holder = _hold_write_lock(tmp_path / "cache")
    try:
        store = Cache(tmp_path / "cache")  # opening a cache that exists needs no write lock
        assert store.reset is None
        store.put_parse("k", "v", b"parse")
        started = time.monotonic()
        with pytest.raises(OutputError) as caught:
            store.flush()
        assert str(caught.value) == (f"{tmp_path / 'cache'}: the build cache is busy: another build has held it "
                                     "for more than 0.3 s; build again when that one ends, or pass --cache-dir DIR "
                                     "or --no-cache")
        store.close(prune=False)  # after the error: at once, not another wait
        assert time.monotonic() - started < 5
        src = corpus(tmp_path / "src")
        with pytest.raises(OutputError, match="the build cache is busy"):
            run_pipeline([src], cache_dir=tmp_path / "cache")
    finally:
        holder.execute("COMMIT")
        holder.close()
    with Cache(tmp_path / "cache") as store:  # the other build's write survived: nothing was reset
        assert store.reset is None and store.parses(["held"], "v") == {"held": b"\x00"}


def test_a_build_waits_for_a_short_write_of_another(tmp_path: Path) -> None:
    import threading

    holder = _hold_write_lock(tmp_path / "cache")
    release = threading.Timer(2.0, lambda: (holder.execute("COMMIT"), holder.close()))
    release.start()
    try:
        src = corpus(tmp_path / "src")
        _, report = run_pipeline([src], cache_dir=tmp_path / "cache")
        assert counts(report)["parsed"] == 5
    finally:
        release.join()
