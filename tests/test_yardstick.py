"""The extraction yardstick (``../shared/eval/score.py``) on the bundled articles, as a regression
guard: a rule change that loses a seed fact fails here, with the missed and wrong facts listed.

The thresholds are the extraction issue's; the held-back articles, not these three, say whether
rules generalise (see the README's Quality section).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="module")
def seeds_score(built_output: Path) -> dict:
    if not (EVAL / "score.py").is_file():
        pytest.skip(f"the yardstick {EVAL / 'score.py'} is not here")
    done = subprocess.run([sys.executable, str(EVAL / "score.py"), "--gold", str(EVAL / "gold" / "seeds.toml"),
                           "--ontology", str(ROOT / "ontology"), str(built_output), "--json"],
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


# where the bundled articles stand now (the bar is 0.92 / 0.90 / 0.75): a ratchet, so that
# losing even one or two facts is noticed; raise it when extraction improves
RATCHET = {"precision": 0.95, "recall_core": 0.95, "recall_all": 0.90}


def test_the_bundled_articles_meet_the_extraction_bar(seeds_score: dict) -> None:
    summary, facts = seeds_score["summary"], seeds_score["facts"]
    report = f"missed: {facts['missed']}\nwrong: {facts['wrong']}"
    assert summary["entities"]["f1"] >= 0.92 and summary["entities"]["split_entities"] == 0, summary
    for measure, floor in RATCHET.items():
        assert summary["facts"][measure] >= floor, f"{measure} {summary['facts'][measure]} < {floor}\n{report}"
    assert summary["statistics"].startswith("2/2 found, 2 dated"), summary
    assert summary["events"].startswith("3/3"), summary
