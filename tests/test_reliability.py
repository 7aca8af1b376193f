"""Bad input and determinism, end to end through ``kg build``: every bad file or line is skipped
with one line naming it (and its line) and the problem, and listed in report.json; ``--strict``
fails with exit 2 and leaves the previous output as it was; bad output paths fail before any work;
the same articles in any order, under any names, in .txt or .jsonl give the same graph."""
from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.ingest import Skipped, read_sources
from kg.ingest.limits import ENV_MAX_CHARS, MAX_ARTICLE_CHARS
from kg.pipeline import build
from kg.vocab import KGO

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
GOOD = "The film Blue Hour was directed by Nadia Ferrante and stars Omar Haddad."
MB = 1_048_576

runner = CliRunner()


def kg(*args: str):
    return runner.invoke(app, list(args))


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def unpunctuated(size: int) -> str:
    """``size`` characters of capitalised and plain words with no punctuation at all."""
    rng = random.Random(size)
    words = ["Nadia", "Ferrante", "directed", "the", "series", "Harbour", "Lights", "stars", "Omar", "and"]
    text = []
    length = 0
    while length < size:
        word = rng.choice(words)
        text.append(word)
        length += len(word) + 1
    return " ".join(text)[:size]


# Each bad input: file name, content, and what the message must say (after "PATH: " or "PATH:LINE: ").
BAD_INPUTS = [
    ("empty.txt", b"", None, "empty article"),
    ("whitespace.md", " \n\t \r\n\u3000\u00a0".encode(), None, "empty article"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", None, "binary file"),
    ("archive.jsonl", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), None, "binary file"),
    ("latin1.txt", "The café was directed by Zoë Ferrante.".encode("latin-1"), None, "not UTF-8 text"),
    ("page.html", b"<html><head><script>var a = 1;</script><style>p {}</style></head><body></body></html>", None,
     "empty article (no visible text in the page)"),
    ("lines.jsonl", b'{"text": "One."}\n{"text": "Two.",}\n', 2, "malformed JSON"),
    ("surrogate.jsonl", b'{"text": "A lone \\ud800 half."}\n', 1, '"text" holds a lone surrogate (\\ud800'),
    ("long-line.txt", unpunctuated(MB).encode(), None, "file too long (1.0 MB"),
    ("long-line.jsonl", (json.dumps({"text": unpunctuated(MB)}) + "\n").encode(), 1,
     "article too long (1,048,576 characters"),
]


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of one good article, a good UTF-16 one, a page with scripts, and every bad input."""
    folder = tmp_path_factory.mktemp("messy")
    write(folder / "good.txt", GOOD)
    write(folder / "utf16.txt", "\ufeffThe series Harbour Lights was created by Lena Brandt.\r\n".encode("utf-16-le"))
    write(folder / "news.html", "<html><head><title>T</title><style>body { color: red }</style>"
          "<script>document.write('Injected Person directed Evil Film')</script></head>"
          "<body><p>The documentary Deep Water was directed by Maria Lopez.</p>"
          "<noscript>Enable Script Person</noscript></body></html>")
    for name, data, _, _ in BAD_INPUTS:
        write(folder / name, data)
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a symlink loop
    write(folder / "huge.txt", b"word " * (50 * MB // 5))  # 50 MB
    return folder


@pytest.fixture(scope="module")
def messy_build(messy: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("messy-out") / "out"
    started = time.monotonic()
    result = kg("build", str(messy), "--out", str(out))
    return result, out, time.monotonic() - started


def test_a_messy_folder_builds_what_it_can(messy_build) -> None:
    result, out, seconds = messy_build
    assert result.exit_code == 0, result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["articles"] == 4  # good.txt, utf16.txt, news.html and line 1 of lines.jsonl
    assert seconds < 60  # the 50 MB file and the 1 MB lines cost their size check, not a parse


@pytest.mark.parametrize(("name", "data", "line", "reason"), BAD_INPUTS + [("huge.txt", b"", None,
                                                                             "file too long (52.4 MB")])
def test_each_bad_input_is_one_line_and_listed_in_the_report(messy_build, messy: Path, name: str, data: bytes,
                                                             line: int | None, reason: str) -> None:
    result, out, _ = messy_build
    source = str(messy / name) + (f":{line}" if line else "")
    skipped = {item["source"]: item["reason"] for item in json.loads((out / "report.json").read_text())["skipped"]}
    assert skipped[source].startswith(reason)
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(f"kg: skipped {source}: ")]
    assert lines == [f"kg: skipped {source}: {skipped[source]}"]
    assert re.search(r"; [a-z]", skipped[source]), "the message says what to do"


def test_the_report_lists_exactly_the_bad_inputs(messy_build, messy: Path) -> None:
    result, out, _ = messy_build
    skipped = json.loads((out / "report.json").read_text())["skipped"]
    assert len(skipped) == len(BAD_INPUTS) + 1
    assert result.stderr.count("\n") == len(skipped)


def test_scripts_styles_and_noscript_never_reach_the_graph(messy_build) -> None:
    _, out, _ = messy_build
    for name in ("graph.trig", "graph.jsonld", "graph.html"):
        text = (out / name).read_text(encoding="utf-8")
        for hidden in ("Injected", "Evil Film", "color: red", "Enable Script"):
            assert hidden not in text, (name, hidden)
    assert "Maria Lopez" in (out / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "data", "line", "reason"), BAD_INPUTS)
def test_strict_fails_with_exit_2_and_keeps_the_previous_output(tmp_path: Path, name: str, data: bytes,
                                                                line: int | None, reason: str) -> None:
    out = tmp_path / "out"
    write(tmp_path / "src" / "a-good.txt", GOOD)
    assert kg("build", str(tmp_path / "src"), "--out", str(out), "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = write(tmp_path / "src" / name, data)
    result = kg("build", str(tmp_path / "src"), "--out", str(out), "--strict")
    assert result.exit_code == 2
    where = str(bad) + (f":{line}" if line else "")
    assert result.stderr.startswith(f"kg: error: {where}: {reason}") and result.stderr.count("\n") == 1
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "src"]  # no temporary folder, no lock


def test_a_50_mb_file_is_refused_from_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * MB)
    write(tmp_path / "ok.txt", GOOD)

    def never(self: Path) -> bytes:
        raise AssertionError(f"read {self}")

    monkeypatch.setattr(Path, "read_bytes", never)
    skipped: list[Skipped] = []
    with pytest.raises(AssertionError, match="ok.txt"):  # ok.txt is read; huge.txt never is
        list(read_sources([tmp_path], skipped=skipped))
    assert skipped == [Skipped(str(huge), f"file too long (52.4 MB; kg reads articles of up to "
                                          f"{MAX_ARTICLE_CHARS:,} characters); split it into articles, or "
                                          f"raise the limit with {ENV_MAX_CHARS}")]


def test_a_50_mb_json_line_is_read_past_in_bounded_memory(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write('{"text": "')
        for _ in range(50):
            f.write("x" * MB)
        f.write('"}\n{"text": "After it."}\n')
    skipped: list[Skipped] = []
    tracemalloc.start()
    try:
        docs = [d.text for d in read_sources([path], skipped=skipped)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert docs == ["After it."]
    assert skipped[0].source == f"{path}:1" and skipped[0].reason.startswith("line too long (52.4 MB")
    assert peak < 8 * MB


def test_the_article_limit_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.txt", "word " * 1000)
    monkeypatch.setenv(ENV_MAX_CHARS, "1000")
    with pytest.raises(InputError, match=r"article too long \(5,000 characters; kg reads articles of up to 1,000 "):
        list(read_sources([path]))
    monkeypatch.setenv(ENV_MAX_CHARS, "100")
    with pytest.raises(InputError, match=r"file too long \(5,000 bytes; kg reads articles of up to 100 "):
        list(read_sources([path]))
    monkeypatch.setenv(ENV_MAX_CHARS, "5000")
    assert len(list(read_sources([path]))) == 1


def test_lone_surrogates_in_other_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"text": "Fine.", "title": "Bad \\udfff"}\n{"text": "Good \\ud83c\\udfac"}\n')
    skipped: list[Skipped] = []
    assert [d.text for d in read_sources([path], skipped=skipped)] == ["Good \U0001f3ac"]
    assert skipped[0].source == f"{path}:1" and skipped[0].reason.startswith('"title" holds a lone surrogate')


# --- paths ---------------------------------------------------------------------------------------------


def test_missing_path_and_empty_folder_are_exit_2(tmp_path: Path) -> None:
    missing = kg("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert missing.exit_code == 2
    assert missing.stderr == f"kg: error: {tmp_path / 'nope'}: no such file or folder; check the path\n"
    (tmp_path / "empty").mkdir()
    empty = kg("build", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert empty.exit_code == 2
    assert empty.stderr.startswith(f"kg: error: {tmp_path / 'empty'}: no articles found")
    assert not (tmp_path / "out").exists()


def test_xhtml_is_read_and_unknown_types_are_listed_as_skipped(tmp_path: Path) -> None:
    write(tmp_path / "src" / "a.txt", GOOD)
    write(tmp_path / "src" / "b.xhtml", '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
          "<p>The series Low Orbit was created by Ravi Lindqvist.</p></body></html>")
    write(tmp_path / "src" / "c.odt", b"PK\x03\x04")
    result = kg("build", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "--no-cache")
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["articles"] == 2 and "Ravi Lindqvist" in (tmp_path / "out" / "graph.ttl").read_text()
    source = str(tmp_path / "src" / "c.odt")
    assert [item["source"] for item in report["skipped"]] == [source]
    assert report["skipped"][0]["reason"].startswith("not read: unknown file type '.odt'")
    assert result.stderr == f"kg: skipped {source}: {report['skipped'][0]['reason']}\n"


def test_a_symlink_loop_ends(tmp_path: Path) -> None:
    write(tmp_path / "src" / "deep" / "a.txt", GOOD)
    (tmp_path / "src" / "deep" / "up").symlink_to(tmp_path / "src", target_is_directory=True)
    (tmp_path / "src" / "self").symlink_to(tmp_path / "src" / "self")  # a link to itself
    result = kg("build", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "out" / "report.json").read_text())["articles"] == 1


def test_an_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the command, with the read failing as it does for a file without read permission
    (chmod does not stop root, who runs CI)."""
    write(tmp_path / "src" / "a.txt", GOOD)
    locked = write(tmp_path / "src" / "locked.txt", "Secret.")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = kg("build", str(tmp_path / "src"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert f"kg: skipped {locked}: cannot read (Permission denied)" in result.stderr
    strict = kg("build", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "--strict")
    assert strict.exit_code == 2 and strict.stderr.startswith(f"kg: error: {locked}: cannot read")


@pytest.mark.parametrize("kind", ["file", "under a file", "not a kg build"])
def test_bad_output_paths_fail_before_any_work(tmp_path: Path, kind: str) -> None:
    article = write(tmp_path / "a.txt", GOOD)
    taken = write(tmp_path / "taken", "x")
    out = {"file": taken, "under a file": taken / "out", "not a kg build": tmp_path}[kind]
    message = {"file": f"{taken}: the output path is a file, not a folder",
               "under a file": f"{taken}: a file is in the way of the output folder",
               "not a kg build": f"{tmp_path}: the output folder is not a kg build: it holds a.txt and taken"}[kind]
    started = time.monotonic()
    result = kg("build", str(article), "--out", str(out), "--model", "en_no_such_model")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: error: {message}"), result.stderr  # not the model's error: it comes first
    assert time.monotonic() - started < 5
    assert taken.read_text() == "x" and article.read_text() == GOOD


@pytest.mark.parametrize("base", ["http://x/a b/", 'http://x/<>"{}|^`\\', "example.org/id/", ""])
def test_an_iri_hostile_base_is_refused_before_any_work(tmp_path: Path, base: str) -> None:
    article = write(tmp_path / "a.txt", GOOD)
    result = kg("build", str(article), "--out", str(tmp_path / "out"), "--base", base)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: error: --base must be an absolute IRI such as https://example.org/id/, "
                                    f"not {base!r}") and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    article = write(tmp_path / "a.txt", GOOD)
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):  # what a read-only folder does, even to root
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = kg("build", str(article), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == f"kg: error: {tmp_path}: cannot write here (Permission denied); choose another --out\n"


# --- determinism ---------------------------------------------------------------------------------------


def _without_source_paths(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="trig")
    for quad in list(ds.quads((None, KGO.sourcePath, None, None))):
        ds.remove(quad)
    return ds


def _trig_isomorphic(a: Path, b: Path) -> bool:
    """Graph by graph: the same named graphs, each isomorphic, and isomorphic default graphs."""
    da, db = _without_source_paths(a), _without_source_paths(b)
    names_a = {g.identifier for g in da.graphs()}
    names_b = {g.identifier for g in db.graphs()}
    if names_a != names_b:
        return False
    return all(isomorphic(Graph(store=da.store, identifier=n), Graph(store=db.store, identifier=n))
               for n in names_a)


def test_same_articles_in_any_order_any_names_any_format_give_the_same_graph(tmp_path: Path,
                                                                            built_output: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))]
    rng = random.Random(3)
    for trial in range(3):
        order = texts[:]
        rng.shuffle(order)
        folder = tmp_path / f"shuffled-{trial}"
        split = rng.randint(0, len(order))
        lines = "".join(json.dumps({"text": t}) + "\n" for t in order[:split])
        if lines:
            write(folder / f"{rng.getrandbits(32):08x}.jsonl", lines)
        for text in order[split:]:
            write(folder / f"{rng.getrandbits(32):08x}" / f"{rng.choice(['a', 'z', 'Q'])}.txt", text)
        out = tmp_path / f"out-{trial}"
        build([folder], out=out, quiet=True)
        assert (out / "graph.ttl").read_bytes() == (built_output / "graph.ttl").read_bytes(), (trial, split)
        assert _trig_isomorphic(out / "graph.trig", built_output / "graph.trig"), (trial, split)


def test_articles_given_as_separate_paths_in_any_order(tmp_path: Path, built_output: Path) -> None:
    files = sorted(SOURCES.glob("*.txt"))
    build(list(reversed(files)), out=tmp_path / "out", quiet=True)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (built_output / "graph.ttl").read_bytes()
    assert _trig_isomorphic(tmp_path / "out" / "graph.trig", built_output / "graph.trig")


NON_LATIN = "The series Harbour Lights was directed by Ζωή Παπαδοπούλου and stars Олег Петров.\n"


def test_non_latin_names_give_the_same_graph_in_every_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    write(tmp_path / "a.txt", NON_LATIN)
    graphs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(tmp_path / "a.txt"), "--out", str(out), "-q"],
                       check=True, cwd=ROOT, env={**__import__("os").environ, "PYTHONHASHSEED": seed}, timeout=120)
        graphs.append((out / "graph.ttl").read_bytes())
    assert graphs[0] == graphs[1]


# --- queries: malformed, endless and huge ones end with a clear message ----------------------------------

PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # about 2.6 million rows over the bundled build
ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # about 4 billion
SILENT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # computes a while, writes one row


def _threads() -> int:
    import threading

    return sum(1 for t in threading.enumerate() if t.name == "kg-query")


def test_kg_query_stops_at_the_cap(built_output: Path) -> None:
    started = time.monotonic()
    result = kg("query", PRODUCT, "--out", str(built_output))
    assert result.exit_code == 1
    assert result.stderr == ("kg: error: the answer has more than 10000 results, the cap here: add a LIMIT to "
                             "the query (or raise the cap with --limit)\n")
    assert time.monotonic() - started < 10
    import csv
    import io

    rows = list(csv.reader(io.StringIO(kg("query", PRODUCT + " LIMIT 3", "--out", str(built_output), "--format",
                                           "csv").stdout)))
    assert len(rows) == 4
    assert kg("query", "SELECT * { ?s ?p ?o }", "--out", str(built_output), "--limit", "0").exit_code == 0
    assert kg("query", "SELECT * { ?s ?p ?o }", "--out", str(built_output), "--limit", "-1").exit_code == 1


@pytest.mark.parametrize("query", [ENDLESS, SILENT])
def test_kg_query_stops_at_the_timeout(built_output: Path, query: str) -> None:
    started = time.monotonic()
    result = kg("query", query, "--out", str(built_output), "--timeout", "0.2", "--limit", "0")
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert result.stderr == ("kg: error: the query ran past the timeout of 0.2 s and was stopped: narrow it down "
                             "(a LIMIT, a more selective pattern) or raise the timeout with --timeout\n")
    assert elapsed < 3
    deadline = time.monotonic() + 10
    while _threads() and time.monotonic() < deadline:  # the worker stops too, at its next row or its end
        time.sleep(0.05)
    assert _threads() == 0


def test_python_api_has_the_same_limits(built_output: Path) -> None:
    import kg as kg_api
    from kg.errors import QueryError

    graph = kg_api.load(built_output)
    with pytest.raises(QueryError, match="more than 10000 results"):
        graph.query(PRODUCT)
    with pytest.raises(QueryError, match="more than 5 results"):
        graph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", limit=5)
    with pytest.raises(QueryError, match="timeout of 0.2 s"):
        graph.query(ENDLESS, timeout=0.2, limit=None)
    with pytest.raises(QueryError, match=r"^SPARQL syntax error at 1:\d+"):
        graph.query("SELECT ?x WHERE { ?x")
    assert len(graph.query(PRODUCT + " LIMIT 7")) == 7
    assert graph.query("ASK { ?s ?p ?o }", timeout=5) is True


@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE { ?x",
    "SELECT * WHERE { ?s ?p ?o } GROUP BY",
    "SELECT * WHERE { ?s undeclared:p ?o }",
    "\x00\x01 SELECT",
    "SELECT * WHERE { ?s ?p \"unterminated }",
    "",
])
def test_malformed_sparql_is_one_clear_line(built_output: Path, query: str) -> None:
    result = kg("query", query, "--out", str(built_output))
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: error: SPARQL syntax error") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "LOAD <{url}>",
    "INSERT DATA {{ <http://a> <http://b> <http://c> }}",
    "DROP ALL",
])
def test_service_and_updates_stay_refused(built_output: Path, template: str) -> None:
    import kg as kg_api
    from kg.errors import QueryError
    from tests.listener import Listener

    with Listener() as listener:
        query = template.format(url=listener.url)
        result = kg("query", query, "--out", str(built_output))
        assert result.exit_code == 1 and "refused" in result.stderr
        with pytest.raises(QueryError, match="refused"):
            kg_api.load(built_output).query(query)
        assert not listener.heard(within=0.3)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads memory from /proc")
def test_the_endpoint_keeps_answering_through_a_burst(built_output: Path) -> None:
    """A bounded burst of concurrent requests on loopback, good and hostile mixed: every one is
    answered with the right status, and the endpoint answers after it as before."""
    import os
    import urllib.error
    import urllib.parse
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    serve = pytest.importorskip("kg.query.serve")
    requests = {
        "select": ("SELECT ?w ?p WHERE { ?w kgo:director ?p }", 200),
        "malformed": ("SELECT ?x WHERE { ?x", 400),
        "cap": (PRODUCT, 400),
        "timeout": (SILENT.replace("?d ?e ?f }", "?d ?e ?f . ?g ?h ?i }"), 503),
        "service": ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 400),
        "update": ("DROP ALL", 400),
        "hostile": ('SELECT * WHERE { ?s ?p "<script>alert(1)</script>\\"\\n\'" }', 200),
    }
    plan = [name for name in requests for _ in range(3 if name == "timeout" else 30)]
    random.Random(1).shuffle(plan)

    with serve.Endpoint(built_output, port=0, timeout=1, limit=1000) as endpoint:
        def ask(name: str) -> tuple[str, int]:
            url = endpoint.query_url + "?" + urllib.parse.urlencode({"query": requests[name][0]})
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    return name, response.status
            except urllib.error.HTTPError as exc:
                exc.read()
                exc.close()
                return name, exc.code

        ask("select")
        def engine_mb() -> float:  # the query workers (kg.query.engine), whichever are alive now
            return sum(_rss_mb(pid) for pid in endpoint.engine.pids if Path(f"/proc/{pid}").exists())

        before = (_rss_mb(os.getpid()), engine_mb())
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=16) as pool:
            answers = list(pool.map(ask, plan))
        seconds = time.monotonic() - started
        after = (_rss_mb(os.getpid()), engine_mb())
        wrong = [(name, status) for name, status in answers if status != requests[name][1]]
        assert not wrong, wrong
        assert ask("select") == ("select", 200)
    print(f"{len(answers)} requests from 16 threads in {seconds:.1f} s, {len(wrong)} wrong; memory (MB) "
          f"server {before[0]:.0f} → {after[0]:.0f}, query workers {before[1]:.0f} → {after[1]:.0f}")
    assert after[0] - before[0] < 200 and after[1] - before[1] < 500
