"""The registry of extraction rules: each a versioned name, its family, the properties it produces,
and a fingerprint of its code and data that a lock file holds to its version.

A rule is registered with ``@rule("kg.cast_list.v2", produces=("castMember",))``; the name is
stamped into the provenance of every fact the rule yields (``Evidence.rule``), so a fact always
says which rule, at which version, read it. The fingerprint hashes the rule's own source, the
source of every function and class of its module it names (transitively: a class with its
methods), and its family's data file
(``<family>.json`` beside the module). Source is hashed as code: comments, docstrings and layout
are left out, so rewording a comment needs no new version while any change of behaviour does. ``rules.lock.json`` records the fingerprint of every
registered name: a rule whose code or patterns change without a new version fails the lock test
(``tests/test_registry.py``), and ``python -m kg.extract.registry --update`` refuses to re-record a
changed rule under its old name.

Examples
--------
>>> spec = RuleSpec("kg.example.v3", "examples", ("director",), "An example.")
>>> spec.version, spec.base
(3, 'kg.example')
"""
from __future__ import annotations

import ast
import hashlib
import inspect
import json
import re
import sys
import textwrap
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["LOCK_FILE", "RULES", "SPECS", "RuleSpec", "check_lock", "fingerprint", "rule", "update_lock"]

LOCK_FILE = Path(__file__).resolve().parent / "rules.lock.json"
_NAME = re.compile(r"(?P<base>kg\.[a-z0-9_]+)\.v(?P<version>[0-9]+)")

Rule = Callable[..., Iterator[Any]]
RULES: dict[str, Rule] = {}


@dataclass(frozen=True)
class RuleSpec:
    """What the registry knows of one rule."""

    name: str  # kg.<rule>.v<N>
    family: str  # the module's last name: credits, cast, people, ...
    produces: tuple[str, ...]  # ontology properties (or "Statistic", "Event", "Quotation"); () = unstated
    doc: str

    @property
    def version(self) -> int:
        return int(self._parts().group("version"))

    @property
    def base(self) -> str:
        return self._parts().group("base")

    def _parts(self) -> re.Match[str]:
        m = _NAME.fullmatch(self.name)
        if m is None:
            raise ValueError(f"rule name {self.name!r} is not kg.<name>.v<N>")
        return m


SPECS: dict[str, RuleSpec] = {}


def rule(name: str, *, produces: tuple[str, ...] = ()) -> Callable[[Rule], Rule]:
    """Register an extraction rule under a versioned name (``kg.role_verb.v2``)."""
    if _NAME.fullmatch(name) is None:
        raise ValueError(f"rule name {name!r} is not kg.<name>.v<N>")

    def deco(fn: Rule) -> Rule:
        if name in RULES and RULES[name] is not fn:
            raise ValueError(f"two rules registered as {name}")
        RULES[name] = fn
        family = fn.__module__.rpartition(".")[2]
        SPECS[name] = RuleSpec(name, family, tuple(produces), inspect.getdoc(fn) or "")
        fn.rule_name = name  # type: ignore[attr-defined]
        return fn
    return deco


def _code_only(source: str) -> str:
    """The code of a function's source, without its comments, docstrings or layout."""
    tree = ast.parse(textwrap.dedent(source))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
    return ast.unparse(tree)


def _called(fn: types.FunctionType | type, module: types.ModuleType, seen: set[str]) -> Iterator[str]:
    """The source of ``fn`` and of every function and class of ``module`` it names, depth first,
    once each (a class with its methods, and what they name in turn)."""
    if fn.__qualname__ in seen:
        return
    seen.add(fn.__qualname__)
    yield _code_only(inspect.getsource(fn))
    if isinstance(fn, type):
        codes = [f.__code__ for f in vars(fn).values() if isinstance(f, types.FunctionType)]
    else:
        codes = [fn.__code__]
    names: set[str] = set()
    while codes:  # nested functions, lambdas and comprehensions name things too
        code = codes.pop()
        names.update(code.co_names)
        codes.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    for name in sorted(names):
        obj = getattr(module, name, None)
        if isinstance(obj, (types.FunctionType, type)) and obj.__module__ == module.__name__:
            yield from _called(obj, module, seen)


def fingerprint(name: str) -> str:
    """A hash of the rule's code (with what it calls in its module) and its family's data file."""
    fn = RULES[name]
    module = sys.modules[fn.__module__]
    h = hashlib.sha256()
    for source in _called(fn, module, set()):  # type: ignore[arg-type]
        h.update(source.encode())
        h.update(b"\0")
    data = Path(inspect.getfile(module)).with_suffix(".json")
    if data.is_file() and not data.name.startswith("__"):
        h.update(data.read_bytes())
    return h.hexdigest()[:16]


def _load() -> None:
    import kg.extract.rules  # noqa: F401  (registers every family)


def check_lock() -> list[str]:
    """One line per rule whose fingerprint differs from the lock, or that the lock lacks."""
    _load()
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8")) if LOCK_FILE.is_file() else {}
    problems = []
    for name in sorted(RULES):
        if name not in lock:
            problems.append(f"{name}: not in {LOCK_FILE.name}; run `python -m kg.extract.registry --update`")
        elif lock[name] != fingerprint(name):
            problems.append(f"{name}: its code or data changed; give it a new version (kg.….v{SPECS[name].version + 1})"
                            " and run `python -m kg.extract.registry --update`")
    return problems


def update_lock() -> list[str]:
    """Record new rules and forget removed ones; a changed rule under its old name is refused."""
    _load()
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8")) if LOCK_FILE.is_file() else {}
    refused = [name for name in sorted(RULES) if name in lock and lock[name] != fingerprint(name)]
    if refused:
        return [f"{name}: changed but kept its version; bump it first" for name in refused]
    fresh = {name: fingerprint(name) for name in sorted(RULES)}
    LOCK_FILE.write_text(json.dumps(fresh, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return []


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    problems = update_lock() if "--update" in argv else check_lock()
    for line in problems:
        print(line)
    if not problems:
        _load()
        print(f"{len(RULES)} rules, lock {'updated' if '--update' in argv else 'matches'}")
    return 1 if problems else 0


if __name__ == "__main__":  # run as the package's module, so the rules register into the one registry
    from kg.extract.registry import main as _main
    raise SystemExit(_main())
