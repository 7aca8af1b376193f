"""The package as a whole: its stages import only from stages to their left (import-linter contract),
no article-specific words, and every docstring example runs."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_layers() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "import-linter is a test dependency: pip install -e '.[test]'"
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_no_article_specific_words_in_the_code() -> None:
    """Rules are general: the names in the bundled articles appear only in tests and sources."""
    seeds = sorted((ROOT / "sources").glob("*.txt"))
    import re

    names: set[str] = set()
    for f in seeds:
        for m in re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b", f.read_text(encoding="utf-8")):
            names.add(m.group(0))
    general = {"New York", "Central Park", "White House", "Primetime Emmys", "Academy Award", "True Crime",
               "Related Story", "Twitter"}
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kg").rglob("*") if p.suffix in {".py", ".json", ".rq"})
    code += "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "ontology").glob("*.ttl"))
    found = sorted(n for n in names - general if n in code)
    assert not found, f"article-specific names in kg/ or ontology/: {found}"


def _modules() -> list[str]:
    import pkgutil

    import kg

    return sorted(m.name for m in pkgutil.walk_packages(kg.__path__, "kg."))


@pytest.mark.parametrize("module", _modules())
def test_docstring_examples_run(module: str) -> None:
    """Every example in a docstring is run, so the documentation cannot drift from the code."""
    import doctest
    import importlib

    outcome = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0
