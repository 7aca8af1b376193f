"""Shared fixtures: the bundled articles are built once per test session with the real model."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"


@pytest.fixture(scope="session")
def built_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder built from ``sources/`` (graph.ttl, graph.trig, store/, ...)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("build") / "output"
    build([SOURCES], out=out, quiet=True)
    return out
