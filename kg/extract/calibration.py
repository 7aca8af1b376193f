"""Confidence from measured precision: each rule's facts are no surer than the rule proved to be.

``data/precision.json`` holds, per versioned rule name, the share of its facts that the visible gold
files confirm (written by ``python bench/rules.py OUT… --gold G… --write kg/extract/data/precision.json``
over builds of the visible sets). A fact's confidence is its rule's own (which already weighs hedges,
weak readings and the like) capped at that measured precision; a rule not yet measured often enough
keeps its own. A new version of a rule is unmeasured until the table is written again.

Examples
--------
>>> from kg.model import Evidence
>>> ev = Evidence("d", "s", 0, 0, 1, "kg.some_rule.v1", 0.9)
>>> calibrated(ev, {"kg.some_rule.v1": {"precision": 0.62, "scored": 40}}).confidence
0.62
>>> calibrated(ev, {}).confidence
0.9
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.model import Evidence

__all__ = ["PRECISION_FILE", "calibrated", "measured"]

PRECISION_FILE = Path(__file__).resolve().parent / "data" / "precision.json"
FLOOR = 0.05  # a measured zero still leaves the fact findable with its provenance


@lru_cache(maxsize=1)
def measured() -> dict[str, dict[str, Any]]:
    """The measured precision table (empty when none has been written)."""
    if not PRECISION_FILE.is_file():
        return {}
    return json.loads(PRECISION_FILE.read_text(encoding="utf-8"))


def calibrated(ev: Evidence, table: Mapping[str, Mapping[str, Any]] | None = None) -> Evidence:
    """``ev`` with its confidence capped at its rule's measured precision."""
    row = (measured() if table is None else table).get(ev.rule)
    if not row:
        return ev
    cap = max(FLOOR, float(row["precision"]))
    return ev if ev.confidence <= cap else dataclasses.replace(ev, confidence=round(cap, 3))
