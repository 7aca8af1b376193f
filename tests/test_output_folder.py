"""``--out`` replaces only a folder kg made: a marker names what a build wrote, any other non-empty
folder is refused before any work and left byte for byte as it was; outputs get the user's umask."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import OutputError
from kg.lock import MARKER, check_output
from kg.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
TEXT = "The film Quiet Tide was directed by Ines Moreau. It stars Kofi Tanaka."
OTHER = "The series Low Orbit was created by Ravi Lindqvist for a streaming service."


def tree(folder: Path) -> dict[str, tuple[int, str]]:
    """Every entry under ``folder``: its mode and, for a file, a hash of its bytes."""
    found: dict[str, tuple[int, str]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        found[path.relative_to(folder).as_posix()] = (info.st_mode, digest)
    return found


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def users_folder(folder: Path, *extra: str) -> Path:
    """A project folder of someone's: a thesis, sources, and a report.json of their own."""
    (folder / "src").mkdir(parents=True)
    (folder / "src" / "main.py").write_text("print('years of work')\n")
    (folder / "thesis.txt").write_text("Chapter 1\n")
    (folder / "report.json").write_text(json.dumps({"articles": 3, "grade": "A"}) + "\n")
    for name in extra:
        (folder / name).write_text("mine\n")
    return folder


@pytest.mark.parametrize("extra", [(), ("graph.trig",), ("graph.trig", "graph.ttl", "graph.html")])
def test_a_folder_with_a_report_json_of_its_own_is_refused_and_untouched(tmp_path: Path, article: Path,
                                                                         extra: tuple[str, ...]) -> None:
    folder = users_folder(tmp_path / "project", *extra)
    before = tree(folder)
    with pytest.raises(OutputError) as caught:
        build([article], out=folder, quiet=True)
    message = str(caught.value)
    assert message.startswith(f"{folder}: the output folder is not a kg build: it holds src/")
    assert "thesis.txt" in message and "nothing in it was touched" in message
    assert tree(folder) == before


def test_the_cli_refuses_it_in_one_line_naming_the_folder(tmp_path: Path, article: Path) -> None:
    folder = users_folder(tmp_path / "project")
    before = tree(folder)
    result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(article), "--out", str(folder), "-q"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith(f"kg: error: {folder}: the output folder is not a kg build")
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr
    assert tree(folder) == before


def test_a_folder_kg_made_is_marked_and_replaced(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "out"
    build([article], out=out, quiet=True)
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["written_by"] == "kg build"
    assert marker["entries"] == sorted(p.name for p in out.iterdir())
    assert {"graph.trig", "report.json", "store", MARKER} <= set(marker["entries"])
    article.write_text(OTHER, encoding="utf-8")
    build([article], out=out, quiet=True)
    assert "Low Orbit" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_an_empty_folder_is_fine_and_litter_is_no_obstacle(tmp_path: Path, article: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    build([article], out=empty, quiet=True)
    assert (empty / "graph.ttl").is_file() and (empty / MARKER).is_file()
    (empty / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")  # what a file manager leaves
    build([article], out=empty, quiet=True)


def test_a_file_of_the_users_in_a_kg_folder_is_refused(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "out"
    build([article], out=out, quiet=True)
    (out / "notes.txt").write_text("my notes\n")
    before = tree(out)
    with pytest.raises(OutputError, match="written by kg but now also holds notes.txt, which a build would delete"):
        build([article], out=out, quiet=True)
    assert tree(out) == before


def test_an_output_of_an_earlier_kg_without_a_marker_is_replaced(tmp_path: Path, article: Path) -> None:
    """Outputs built before markers hold only names builds write, graph.trig and report.json among them."""
    out = tmp_path / "output"
    build([article], out=out, quiet=True)
    (out / MARKER).unlink()
    article.write_text(OTHER, encoding="utf-8")
    build([article], out=out, quiet=True)
    assert "Low Orbit" in (out / "graph.ttl").read_text(encoding="utf-8") and (out / MARKER).is_file()


@pytest.mark.parametrize("names", [("report.json",), ("graph.trig",), ("report.json", "graph.ttl")])
def test_part_of_an_output_without_a_marker_is_not_enough(tmp_path: Path, names: tuple[str, ...]) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in names:
        (folder / name).write_text("{}\n")
    with pytest.raises(OutputError, match="not a kg build"):
        check_output(folder)


def test_a_forged_or_broken_marker_counts_for_nothing(tmp_path: Path) -> None:
    folder = users_folder(tmp_path / "project")
    (folder / MARKER).write_text("not json")
    with pytest.raises(OutputError, match="not a kg build"):
        check_output(folder)
    (folder / MARKER).unlink()
    (folder / MARKER).symlink_to(folder / "thesis.txt")
    with pytest.raises(OutputError, match="not a kg build"):
        check_output(folder)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_the_output_folder_gets_the_users_umask(tmp_path: Path, article: Path, mask: int) -> None:
    out = tmp_path / "out"
    old = os.umask(mask)
    try:
        build([article], out=out, quiet=True)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o777 & ~mask
    for path in out.iterdir():  # the files kg writes itself: exactly what open() gives
        if path.name != "store":
            assert (path.name, path.stat().st_mode & 0o777) == (path.name, 0o666 & ~mask)
    for path in [out / "store", *(out / "store").rglob("*")]:  # Oxigraph's: never more open than the umask lets
        assert path.stat().st_mode & 0o777 & mask == 0, path
