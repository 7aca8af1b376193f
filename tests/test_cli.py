"""The ``kg`` command: each subcommand through Typer's runner, the entry point in a real process,
exit codes, one-line errors, and spaCy staying unloaded outside ``kg build``."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

import kg.query.limits as kg_query_limits
from kg.cli import app, main
from tests.test_store import JANE, SHOW, write_output

ROOT = Path(__file__).resolve().parents[1]
DIRECTORS = "SELECT ?w ?p WHERE { ?w kgo:director ?p }"

runner = CliRunner()


def kg(*args: str, input: str | None = None):
    """``kg ARGS`` through Typer's test runner (stdout and stderr kept apart)."""
    return runner.invoke(app, list(args), input=input)


def kg_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``kg ARGS`` as a real process: the installed script, else ``python -m kg.cli``."""
    script = shutil.which("kg", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "kg.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def small_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder holding a hand-written graph.trig and its store (no build needed)."""
    return write_output(tmp_path_factory.mktemp("cli") / "out")


# --- the entry point ---------------------------------------------------------------------------

def test_help_in_a_real_process() -> None:
    result = kg_process("--help")
    assert result.returncode == 0, result.stderr
    for command in ("build", "query", "validate", "viz", "stats"):
        assert command in result.stdout
    assert "\x1b[" not in result.stdout  # no colours in a pipe


def test_help_lists_the_commands() -> None:
    result = kg("--help")
    assert result.exit_code == 0
    assert all(command in result.stdout for command in ("build", "query", "validate", "viz", "stats"))


def test_import_help_and_query_do_not_load_spacy(small_output: Path) -> None:
    script = (
        "import sys\n"
        "import kg.cli\n"
        "assert 'spacy' not in sys.modules, 'import kg.cli loaded spaCy'\n"
        f"for argv in (['kg', '--help'], ['kg', 'query', 'ASK {{ ?s ?p ?o }}', '--out', {str(small_output)!r}]):\n"
        "    sys.argv = argv\n"
        "    try:\n"
        "        kg.cli.main()\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, None), exc.code\n"
        "    assert 'spacy' not in sys.modules, argv\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "true" in result.stdout


def test_main_turns_errors_into_one_line_and_an_exit_code(small_output: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["kg", "query", "SELEC nothing", "--out", str(small_output)])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: error: SPARQL syntax error at 1:") and err.count("\n") == 1


def test_main_internal_error_is_exit_3_without_a_traceback(small_output: Path, monkeypatch, capsys) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(kg_query_limits, "run_limited", broken)
    monkeypatch.setattr(sys, "argv", ["kg", "query", DIRECTORS, "--out", str(small_output)])
    monkeypatch.delenv("KG_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert err == "kg: internal error: RuntimeError: boom second line (set KG_DEBUG=1 for a traceback)\n"
    monkeypatch.setenv("KG_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main()


def test_errors_in_a_real_process_are_one_line(tmp_path: Path) -> None:
    result = kg_process("query", "ASK {}", "--out", str(tmp_path / "none"))
    assert result.returncode == 1
    assert result.stderr == f"kg: error: no graph at {tmp_path / 'none'}: run `kg build SOURCES --out " \
                            f"{tmp_path / 'none'}` first\n"


# --- kg query on a hand-made output folder -------------------------------------------------------

def test_query_table(small_output: Path) -> None:
    result = kg("query", DIRECTORS, "--out", str(small_output))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2] == "kgr:production/the-show  kgr:person/jane-doe"


def test_query_csv_and_json(small_output: Path) -> None:
    result = kg("query", DIRECTORS, "--out", str(small_output), "--format", "csv")
    assert list(csv.reader(io.StringIO(result.stdout))) == [["w", "p"], [SHOW, JANE]]
    result = kg("query", DIRECTORS, "--out", str(small_output), "--format", "json")
    assert json.loads(result.stdout)["results"]["bindings"][0]["p"] == {"type": "uri", "value": JANE}


def test_query_from_a_file_and_stdin_as_turtle(small_output: Path, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("CONSTRUCT { ?w kgo:director ?p } WHERE { ?w kgo:director ?p }", encoding="utf-8")
    result = kg("query", "--file", str(q), "--out", str(small_output), "--format", "ttl")
    assert result.exit_code == 0, result.stderr
    assert len(Graph().parse(data=result.stdout, format="turtle")) == 1
    piped = kg("query", "-f", "-", "--out", str(small_output), "--format", "ttl", input=q.read_text())
    assert piped.exit_code == 0 and piped.stdout == result.stdout


def test_query_with_service_in_a_literal_runs(small_output: Path) -> None:
    q = 'SELECT ?a WHERE { ?a schema:headline ?h FILTER(CONTAINS(?h, "SERVICE")) }'
    result = kg("query", q, "--out", str(small_output), "--format", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines()[1].endswith("/article/0f3c")


@pytest.mark.parametrize(("args", "message"), [
    (["SELEC nothing"], "kg: error: SPARQL syntax error at 1:"),
    (["SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], "kg: error: SERVICE is refused"),
    (["DROP ALL"], "kg: error: updates are refused here (DROP at 1:1)"),
    ([DIRECTORS, "--format", "yaml"], "kg: error: unknown format 'yaml': choose one of table, csv, tsv, json, xml, "
                                      "ttl, nt, jsonld"),
    ([], "kg: error: give the query either as an argument or with --file"),
    ([DIRECTORS, "--file", "q.rq"], "kg: error: give the query either as an argument or with --file"),
    (["--file", "no-such.rq"], "kg: error: no-such.rq: cannot read the query"),
])
def test_query_errors(small_output: Path, args: list[str], message: str) -> None:
    result = kg("query", *args, "--out", str(small_output))
    assert result.exit_code == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""


def test_query_without_a_build(tmp_path: Path) -> None:
    result = kg("query", "ASK {}", "--out", str(tmp_path / "none"))
    assert result.exit_code == 1 and "run `kg build SOURCES --out" in result.stderr


# --- stats, validate and viz without a build -----------------------------------------------------

def test_stats(tmp_path: Path) -> None:
    report = {"articles": 2, "entities": 5, "facts": 4, "statistics": 1, "events": 0, "model": "m@1",
              "classes": {"Person": 3, "Film": 2}, "properties": {"director": 1, "castMember": 3},
              "rules": {"kg.stars.v2": 2}, "per_article": {"a.txt": {"id": "1", "statements": 3}},
              "seconds": {"load_model": 0.5, "parse_and_extract": 1.25, "total": 1.75},
              "skipped": [{"source": "b.bin", "reason": "not text"}]}
    (tmp_path / "report.json").write_text(json.dumps(report), encoding="utf-8")
    result = kg("stats", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "2 articles, 5 entities, 4 facts, 1 statistics, 0 events" in text
    assert re.search(r"classes:\n  Person  3\n  Film    2\n", text)
    assert re.search(r"properties:\n  castMember  3\n  director    1\n", text)
    assert "  a.txt  3" in text and "  kg.stars.v2  2" in text
    assert re.search(r"seconds per stage:\n  load_model         0\.50\n  parse_and_extract  1\.25\n  total              1\.75",
                     text)
    assert "skipped:\n  b.bin: not text" in text


def test_stats_errors(tmp_path: Path) -> None:
    missing = kg("stats", str(tmp_path))
    assert missing.exit_code == 1 and missing.stderr.startswith(f"kg: error: no graph at {tmp_path}")
    (tmp_path / "report.json").write_text("{not json", encoding="utf-8")
    broken = kg("stats", str(tmp_path))
    assert broken.exit_code == 1 and "cannot read the report" in broken.stderr and broken.stderr.count("\n") == 1


def test_validate_and_viz_without_a_build(tmp_path: Path) -> None:
    for command in ("validate", "viz"):
        result = kg(command, str(tmp_path / "none"))
        assert result.exit_code == 1
        assert result.stderr == f"kg: error: no graph at {tmp_path / 'none'}: run `kg build SOURCES --out " \
                                f"{tmp_path / 'none'}` first\n"


def test_validate_reports_violations(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "graph.trig").write_text(
        "@prefix kgo: <https://w3id.org/kg/ontology#> .\n"
        "<https://w3id.org/kg/id/production/x> a kgo:Film ; <http://www.w3.org/2000/01/rdf-schema#label> \"X\" ;"
        " kgo:director \"not a person\" .\n", encoding="utf-8")
    result = kg("validate", str(broken))
    assert result.exit_code == 1 and "director" in result.stdout
    assert result.stdout.strip() and all(line.strip() for line in result.stdout.splitlines())


def test_viz_writes_the_page(small_output: Path, tmp_path: Path) -> None:
    page = tmp_path / "pages" / "page.html"
    result = kg("viz", str(small_output), "-o", str(page))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(page) and "Jane Doe" in page.read_text(encoding="utf-8")


# --- against a real build (the session fixture runs kg.pipeline.build) ---------------------------

@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_a_build(built_output: Path, fmt: str) -> None:
    result = kg("query", DIRECTORS, "--out", str(built_output), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "ava-duvernay" in result.stdout


def test_statements_of_a_build_are_queried_with_the_entities(built_output: Path) -> None:
    q = "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kgo:Statement ; rdf:subject ?x . ?x rdfs:label ?l }"
    result = kg("query", q, "--out", str(built_output), "--format", "csv")
    assert result.exit_code == 0 and int(result.stdout.splitlines()[1]) > 50


def test_validate_a_build(built_output: Path) -> None:
    result = kg("validate", str(built_output))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == "conforms\n"


def test_viz_and_stats_of_a_build(built_output: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    assert kg("viz", str(built_output), "-o", str(page)).exit_code == 0 and page.stat().st_size > 10_000
    # the page read back from graph.trig is the page the build wrote from its graph in memory
    assert page.read_bytes() == (built_output / "graph.html").read_bytes()
    stats = kg("stats", str(built_output))
    report = json.loads((built_output / "report.json").read_text(encoding="utf-8"))
    assert stats.exit_code == 0
    assert f"{report['articles']} articles, {report['entities']} entities, {report['facts']} facts" in stats.stdout


# --- kg build (runs the pipeline with the real model) --------------------------------------------

def test_build(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    out = tmp_path / "out"
    result = kg("build", str(article), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(rf"built 1 articles: \d+ entities, \d+ facts → {re.escape(str(out))}/ \(\d+\.\d s\)\n",
                        result.stdout)
    assert (out / "graph.ttl").is_file() and (out / "store").is_dir()
    assert "ferrante" in kg("query", DIRECTORS, "--out", str(out)).stdout
    quiet = kg("build", str(article), "--out", str(out), "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_build_errors_are_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Some text.", encoding="utf-8")
    missing = kg("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert missing.exit_code == 2 and "nope" in missing.stderr and missing.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()
    model = kg("build", str(article), "--out", str(tmp_path / "out"), "--model", "en_no_such_model")
    assert model.exit_code == 1 and "en_no_such_model" in model.stderr and model.stderr.count("\n") == 1
    confidence = kg("build", str(article), "--out", str(tmp_path / "out"), "--min-confidence", "1.5")
    assert confidence.exit_code == 1 and "--min-confidence must be between 0 and 1" in confidence.stderr


def test_query_service_refused_unless_allowed(built_output: Path) -> None:
    from tests.listener import Listener

    with Listener() as listener:
        query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
        refused = kg_process("query", query, "--out", str(built_output))
        assert refused.returncode == 1 and "SERVICE is refused" in refused.stderr
        assert not listener.heard(within=0.3)
        other = kg("query", query, "--out", str(built_output), "--allow-service", listener.url + "/other")
        assert other.exit_code == 1 and not listener.heard(within=0.3)
        allowed = kg("query", query, "--out", str(built_output), "--allow-service", listener.url, "--format", "csv")
        assert allowed.exit_code == 0, allowed.stderr
        assert listener.heard(within=5)


def test_export_command(built_output: Path, tmp_path: Path) -> None:
    nt = kg("export", str(built_output), "--format", "nt")
    assert nt.exit_code == 0 and len(Graph().parse(data=nt.stdout, format="nt")) > 0
    folder = tmp_path / "tables"
    written = kg("export", str(built_output), "--format", "csv", "-o", str(folder))
    assert written.exit_code == 0 and (folder / "nodes.csv").is_file() and (folder / "edges.csv").is_file()
    assert kg("export", str(built_output), "--format", "csv").exit_code == 1
    unknown = kg("export", str(built_output), "--format", "yaml")
    assert unknown.exit_code == 1 and "choose one of ttl" in unknown.stderr
