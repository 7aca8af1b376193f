"""Role nodes and statement nodes stay within the shapes whatever the rules find."""
from __future__ import annotations

from pathlib import Path

from kg.pipeline import build
from kg.rdf.validate import validate


def test_a_band_performing_a_song_gets_no_person_role_and_the_build_conforms(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("The rock band The Night Owls released their new single Paper Moon on Monday. "
                   "Paper Moon, the new single from The Night Owls, reached number two.", encoding="utf-8")
    build([src], out=tmp_path / "out", quiet=True)
    report = validate(tmp_path / "out")
    assert report.conforms, report.violations
