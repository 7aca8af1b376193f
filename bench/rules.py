"""Yield and precision of every extraction rule against a gold file.

    python bench/rules.py OUT --gold ../shared/eval/news-dev/gold.toml [--docs REGEX] [--score PATH]
    python bench/rules.py OUT1 OUT2 ... --gold G1 --gold G2 ... --write kg/extract/rules/precision.json

OUT is a build folder (``kg build … --out OUT``). Every statement node of the build names its rule
(``kgo:rule``) and its fact (``rdf:subject/predicate/object``); the yardstick's own reader
(``score.py``, beside the gold files) decides whether each fact is in the gold. A fact whose
property the gold file never uses is counted as yield, not scored. With several builds and gold
files (given pairwise, in order) the counts add up; ``--write`` records each rule's measured
precision where it was scored at least ``--min-scored`` times: the confidence the resolver gives
the rule's facts (``kg.extract.calibration``).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

ROOT = Path(__file__).resolve().parents[1]
KGO = "https://w3id.org/kg/ontology#"


def load_score(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_yardstick", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tally(score: ModuleType, out: Path, gold_path: Path, docs: str | None,
          counts: dict[str, list[int]]) -> None:
    """Add each rule's [yield, scored, correct] for one build against one gold file into ``counts``."""
    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    if docs:
        gold = score.only_docs(gold, docs, gold_path.parent / "articles")
    g = score.load([out, ROOT / "ontology"])
    sc = score.Scorer(gold, g)
    facts = gold.get("facts", [])
    pids = {x for f in facts for x in [f["p"], *f.get("accept", [])]}
    inverse = {f["inverse"]: f["p"] for f in facts if "inverse" in f}
    rule_p = URIRef(KGO + "rule")
    wanted = re.compile(docs) if docs else None
    for st in g.subjects(RDF.type, URIRef(KGO + "Statement")):
        if wanted is not None:  # the statement's article, by its file name up to the first "_"
            art = next(g.objects(st, URIRef(KGO + "article")), None)
            path = next(g.objects(art, URIRef(KGO + "sourcePath")), None) if art is not None else None
            if path is None or not wanted.match(Path(str(path).split(":")[0]).name.split("_")[0]):
                continue
        rule = next((str(r) for r in g.objects(st, rule_p) if isinstance(r, Literal)), "?")
        s, p, o = (next(g.objects(st, x), None) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None:
            continue
        row = counts.setdefault(rule, [0, 0, 0])
        row[0] += 1
        preds = set()
        for pid in sc.prop_ids.get(p, ()):
            if pid in pids:
                preds.add((sc.key(s), pid, sc.key(o)))
            if pid in inverse:
                preds.add((sc.key(o), inverse[pid], sc.key(s)))
        preds = {x for x in preds if not x[0].startswith("lit:")}
        if not preds:
            continue
        row[1] += 1
        if any(sc.matches(f, pr) for pr in preds for f in facts):
            row[2] += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outs", nargs="+", type=Path, help="build folders")
    ap.add_argument("--gold", action="append", type=Path, required=True, help="one per build, in order")
    ap.add_argument("--docs", help="score only documents whose id matches (score.py --docs)")
    ap.add_argument("--score", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--write", type=Path, help="write measured precision per rule as JSON")
    ap.add_argument("--min-scored", type=int, default=8, help="facts scored before a precision is recorded")
    args = ap.parse_args(argv)
    if len(args.gold) not in (1, len(args.outs)):
        ap.error("give one --gold, or one per build")
    golds = args.gold * len(args.outs) if len(args.gold) == 1 else args.gold
    score = load_score(args.score)
    counts: dict[str, list[int]] = {}
    for out, gold in zip(args.outs, golds):
        if not (out / "graph.trig").is_file():
            print(f"{out}: no graph.trig; build it first", file=sys.stderr)
            return 2
        tally(score, out, gold, args.docs, counts)
    print(f"{'rule':40} {'yield':>6} {'scored':>6} {'right':>6} {'P':>6}")
    for rule, (n, scored, right) in sorted(counts.items(), key=lambda kv: (-kv[1][1], kv[0])):
        p = f"{right / scored:.2f}" if scored else "–"
        print(f"{rule:40} {n:6} {scored:6} {right:6} {p:>6}")
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    print(f"{'all rules':40} {total[0]:6} {total[1]:6} {total[2]:6} "
          f"{(total[2] / total[1] if total[1] else 0):6.2f}")
    if args.write:
        table = {rule: {"precision": round(right / scored, 3), "scored": scored}
                 for rule, (_, scored, right) in sorted(counts.items()) if scored >= args.min_scored}
        args.write.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(table)} rules' precision to {args.write}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
