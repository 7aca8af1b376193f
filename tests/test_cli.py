"""Each CLI command, through the real entry point: exit codes and output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

KG = [sys.executable, "-m", "kg.cli"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "query", "validate", "viz", "stats"):
        assert command in result.stdout


def test_build_command(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    result = run("build", str(article), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built 1 articles:")
    assert (tmp_path / "out" / "graph.ttl").is_file()
    quiet = run("build", str(article), "--out", str(tmp_path / "out"), "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_build_missing_source_is_one_line(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nope" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_unknown_model(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Some text.", encoding="utf-8")
    result = run("build", str(article), "--out", str(tmp_path / "out"), "--model", "en_no_such_model")
    assert result.returncode == 1 and "en_no_such_model" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_command(built_output: Path, fmt: str) -> None:
    result = run("query", "SELECT ?w ?p WHERE { ?w kgo:director ?p }", "--out", str(built_output), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "ava-duvernay" in result.stdout


def test_query_from_file_and_ttl(built_output: Path, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("CONSTRUCT { ?w kgo:director ?p } WHERE { ?w kgo:director ?p }", encoding="utf-8")
    result = run("query", "--file", str(q), "--out", str(built_output), "--format", "ttl")
    assert result.returncode == 0 and "kgo:director" in result.stdout


def test_query_errors(built_output: Path, tmp_path: Path) -> None:
    bad = run("query", "SELEC nothing", "--out", str(built_output))
    assert bad.returncode == 1 and bad.stderr.startswith("kg: error: SPARQL syntax error")
    refused = run("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "--out", str(built_output))
    assert refused.returncode == 1 and "SERVICE is refused" in refused.stderr
    missing = run("query", "ASK {}", "--out", str(tmp_path / "none"))
    assert missing.returncode == 1 and "kg build" in missing.stderr
    neither = run("query", "--out", str(built_output))
    assert neither.returncode == 1


def test_validate_command(built_output: Path, tmp_path: Path) -> None:
    ok = run("validate", str(built_output))
    assert ok.returncode == 0 and ok.stdout.strip() == "conforms"
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "graph.trig").write_text(
        "@prefix kgo: <https://w3id.org/kg/ontology#> .\n"
        "<https://w3id.org/kg/id/production/x> a kgo:Film ; <http://www.w3.org/2000/01/rdf-schema#label> \"X\" ;"
        " kgo:director \"not a person\" .\n", encoding="utf-8")
    bad = run("validate", str(broken))
    assert bad.returncode == 1 and "director" in bad.stdout


def test_viz_and_stats_commands(built_output: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    result = run("viz", str(built_output), "-o", str(page))
    assert result.returncode == 0 and page.is_file() and page.stat().st_size > 10_000
    stats = run("stats", str(built_output))
    assert stats.returncode == 0 and "3 articles" in stats.stdout and "kg.role_verb.v1" in stats.stdout
    report = json.loads((built_output / "report.json").read_text())
    assert str(report["entities"]) in stats.stdout
