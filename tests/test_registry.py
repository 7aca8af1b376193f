"""The rule registry: versioned names, families, and the lock that holds each rule's code to its version."""
from __future__ import annotations

import json

import pytest

import kg.extract.rules  # noqa: F401  (registers every family)
from kg.extract import registry
from kg.extract.registry import RULES, SPECS, RuleSpec, check_lock, fingerprint, rule


def test_every_rule_has_a_versioned_spec_with_its_family() -> None:
    assert RULES and set(RULES) == set(SPECS)
    for name, spec in SPECS.items():
        assert spec.name == name and spec.version >= 1 and name.startswith(spec.base + ".v")
        assert spec.family and spec.doc, name


def test_the_lock_matches_every_rule() -> None:
    """Fails when a rule's code or data changed and its version did not: bump it, then
    ``python -m kg.extract.registry --update``."""
    assert check_lock() == []


def test_a_changed_rule_breaks_the_lock_and_cannot_be_relocked_under_its_name(tmp_path, monkeypatch) -> None:
    name = sorted(RULES)[0]
    lock = tmp_path / "rules.lock.json"
    lock.write_text(json.dumps({n: fingerprint(n) for n in RULES} | {name: "0" * 16}), encoding="utf-8")
    monkeypatch.setattr(registry, "LOCK_FILE", lock)
    problems = check_lock()
    assert len(problems) == 1 and problems[0].startswith(f"{name}: its code or data changed")
    assert registry.update_lock() == [f"{name}: changed but kept its version; bump it first"]
    assert json.loads(lock.read_text(encoding="utf-8"))[name] == "0" * 16  # refused: nothing written


def test_the_fingerprint_follows_the_functions_a_rule_calls() -> None:
    seen: set[str] = set()
    name = "kg.role_verb.v4"
    sources = list(registry._called(RULES[name], __import__(RULES[name].__module__, fromlist=["x"]), seen))
    assert len(sources) > 1 and sources[0].lstrip().startswith("@rule")
    assert any("def _verb_lemma" in s for s in sources)  # a helper it calls is part of its fingerprint


def test_the_fingerprint_follows_the_classes_a_rule_uses() -> None:
    """A method of a helper class the rule builds is its code too: changing it breaks the lock."""
    name = "kg.occupation.v18"
    module = __import__(RULES[name].__module__, fromlist=["x"])
    sources = list(registry._called(RULES[name], module, set()))
    assert any(s.lstrip().startswith("class _Facts") for s in sources)
    assert any("def org_in" in s for s in sources)


def test_names_must_be_versioned_and_unique() -> None:
    with pytest.raises(ValueError, match="kg.<name>.v<N>"):
        rule("kg.no_version")
    with pytest.raises(ValueError, match="two rules"):
        rule("kg.role_verb.v4")(lambda ctx: iter(()))
    assert RuleSpec("kg.x.v12", "f", (), "").version == 12


def test_the_fingerprint_reads_code_not_comments_or_docstrings() -> None:
    plain = registry._code_only('def f(x):\n    """Reads a phrase."""\n    return x + 1  # the next one\n')
    reworded = registry._code_only('def f(x):\n    """Reads a phrase of a new kind."""\n\n    return x + 1\n')
    changed = registry._code_only('def f(x):\n    """Reads a phrase."""\n    return x + 2\n')
    assert plain == reworded and plain != changed
    nested = registry._code_only('    def g(y):\n        """Indented, as a method is."""\n        return y\n')
    assert "Indented" not in nested and "return y" in nested
