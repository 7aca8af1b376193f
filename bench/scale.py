"""Scale-out benchmarks (issue 9), one command: ``.venv/bin/python bench/scale.py [--quick]``.

Measures, on the shared news corpus (``../shared/corpus/bbc-news.jsonl``, read in place; a slice
of it is written to a temporary folder outside the repository):

1. throughput: cold builds (no cache) of the same 1,000 articles in one process (``-j 1``), and on
   a local Dask cluster of 1 and of 2 worker processes (``--workers``), each a whole ``kg build``
   command in a fresh interpreter; articles per second for the parse-and-extract stage (less the
   cluster's start-up, which the report gives: starting the workers and loading the model in
   each, as a local build's ``load_model`` stage is apart too) and for the whole command, the
   2-worker/1-worker ratio, and whether all three graphs are identical;
2. the client's share: seconds per article of what stays in one process whatever the cluster
   (reading, resolution, RDF, writing the output), which bounds any cluster's speed-up;
3. push: the 2-worker build pushed to a fresh local ``oxigraph serve`` with the Graph Store
   Protocol, again unchanged, and with SPARQL Update to another fresh server, in triples per
   second.

The machine is shared and noisy, so figures that are compared are measured in the same run, one
after the other, the builds interleaved over ``--repeats`` rounds and the fastest kept. ``--quick``
uses 100 articles (under two minutes). Numbers go to ``bench/results/scale.json``
(``scale-quick.json`` for ``--quick``).
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news.jsonl"
PYTHON = sys.executable
CLIENT_STAGES = ("read", "cache", "resolve", "rdf", "write_rdf", "store", "page")

# A kg command run in a fresh interpreter, as the `kg` script runs it.
KG = """
import json, sys
from kg.cli import main
sys.argv = ["kg", *json.loads(sys.argv[1])]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
print(json.dumps({"code": code}), file=sys.stderr)
"""


def kg(*args: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    """Run ``kg ARGS`` in a fresh interpreter; its wall time and what it printed."""
    t0 = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", KG, json.dumps(list(args))], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})})
    wall = time.perf_counter() - t0
    lines = done.stderr.strip().splitlines()
    code = json.loads(lines[-1]).get("code", 1) if lines and lines[-1].startswith("{") else done.returncode
    if done.returncode != 0 or code != 0:
        raise SystemExit(f"bench: kg {' '.join(args[:4])} … failed ({code}):\n{done.stderr[-3000:]}")
    return wall, done.stdout


def slice_corpus(corpus: Path, n: int, folder: Path) -> Path:
    path = folder / f"articles-{n}.jsonl"
    with corpus.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, n))
    return path


def report_of(out: Path) -> dict[str, Any]:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


# -- 1. and 2. throughput ------------------------------------------------------------------------

CONFIGS = {"one process": ["-j", "1"], "1 worker": ["--workers", "1"], "2 workers": ["--workers", "2"]}


def throughput(path: Path, work: Path, repeats: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in CONFIGS}
    for _ in range(repeats):  # interleaved, so all see the same noise
        for name, options in CONFIGS.items():
            out = work / f"out-{name.replace(' ', '-')}"
            shutil.rmtree(out, ignore_errors=True)
            wall, _ = kg("build", str(path), "--out", str(out), "--no-cache", "-q", *options)
            report = report_of(out)
            stages = report["seconds"]
            startup = (report.get("cluster") or {}).get("startup_s", 0.0)  # start the cluster, load the model
            runs[name].append({"wall_s": wall, "parse_and_extract_s": stages["parse_and_extract"] - startup,
                               "cluster_startup_s": startup,
                               "load_model_s": stages.get("load_model", 0.0), "stages_s": stages,
                               "articles": report["articles"], "triples_default_graph": report["triples_default_graph"],
                               "cluster": report.get("cluster"), "out": str(out)})
    best = {name: min(rs, key=lambda r: r["wall_s"]) for name, rs in runs.items()}
    n = best["one process"]["articles"]
    for b in best.values():
        b["articles_per_s_parse"] = n / b["parse_and_extract_s"]
        b["articles_per_s_command"] = n / b["wall_s"]
    one, two = best["1 worker"], best["2 workers"]
    outs = [Path(b["out"]) for b in best.values()]
    identical = all((o / "graph.ttl").read_bytes() == (outs[0] / "graph.ttl").read_bytes() for o in outs)
    client = {stage: statistics_min(runs, stage) / n for stage in CLIENT_STAGES}
    return {"articles": n, "runs": runs, "best": best,
            "ratio_parse_2_over_1": two["articles_per_s_parse"] / one["articles_per_s_parse"],
            "ratio_command_2_over_1": two["articles_per_s_command"] / one["articles_per_s_command"],
            "dask_over_local_1": best["1 worker"]["parse_and_extract_s"] / best["one process"]["parse_and_extract_s"],
            "per_core_articles_per_s": one["articles_per_s_parse"],
            "graph_ttl_identical": identical, "client_s_per_article": client,
            "client_s_per_article_total": sum(client.values())}


def statistics_min(runs: dict[str, list[dict[str, Any]]], stage: str) -> float:
    """The fastest time any build took for a stage that runs in the client whatever the executor."""
    return min(r["stages_s"].get(stage, 0.0) for rs in runs.values() for r in rs)


# -- 3. push ----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def oxigraph(folder: Path) -> Iterator[str]:
    from kg.query.serve import find_oxigraph

    port = free_port()
    proc = subprocess.Popen([find_oxigraph(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def pushes(out: Path, work: Path) -> dict[str, Any]:
    from kg.store.push import push

    result: dict[str, Any] = {}
    with oxigraph(work / "store-gsp") as url:
        first = push(out, url)
        again = push(out, url)
        result["gsp"] = {k: first[k] for k in ("graphs", "sent", "triples_sent", "seconds", "triples_per_second")}
        result["unchanged"] = {k: again[k] for k in ("graphs", "sent", "unchanged", "seconds")}
    with oxigraph(work / "store-update") as url:
        by_update = push(out, url, protocol="update")
        result["update"] = {k: by_update[k] for k in ("graphs", "sent", "triples_sent", "seconds",
                                                      "triples_per_second")}
    return result


# -- the run ---------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    from importlib import metadata

    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cores": cores, "cpu": cpu or platform.processor(), "python": platform.python_version(),
            "spacy": metadata.version("spacy"), "dask": metadata.version("distributed"),
            "oxigraph": metadata.version("pyoxigraph"), "date": time.strftime("%Y-%m-%d %H:%M")}


def line(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    mark = {True: "PASS", False: "MISS", None: "    "}[ok]
    print(f"  {mark}  {name:<50} {value:<26} {('target ' + target) if target else ''}".rstrip(), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 articles: under two minutes")
    parser.add_argument("--articles", type=int, default=None, help="articles to build (default 1000; 100 quick)")
    parser.add_argument("--repeats", type=int, default=1, help="rounds of the three builds (fastest kept)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSON lines of articles (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder of builds")
    a = parser.parse_args(argv)
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("bench: Dask is not installed: pip install -e '.[cluster]'", file=sys.stderr)
        return 1
    if not a.corpus.is_file():
        print(f"bench: no corpus at {a.corpus}; pass --corpus", file=sys.stderr)
        return 1
    n = a.articles or (100 if a.quick else 1000)
    t0 = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="kg-scale-"))
    try:
        info = machine()
        print(f"kg scale-out bench: {n} articles of {a.corpus.name}, {info['cores']} cores ({info['cpu']})")
        path = slice_corpus(a.corpus, n, work)
        t = throughput(path, work, a.repeats)
        print("throughput (parse and extract, cold, no cache):")
        for name, b in t["best"].items():
            line(name, f"{b['articles_per_s_parse']:.1f} art/s  ({b['wall_s']:.1f} s whole)")
        line("2 workers / 1 worker (parse and extract)", f"{t['ratio_parse_2_over_1']:.2f}x", "≥ 1.6x",
             t["ratio_parse_2_over_1"] >= 1.6)
        line("2 workers / 1 worker (whole command)", f"{t['ratio_command_2_over_1']:.2f}x")
        line("1 Dask worker / one process (parse seconds)", f"{t['dask_over_local_1']:.2f}x", "≤ 1.15x",
             t["dask_over_local_1"] <= 1.15)
        line("per core (1 worker)", f"{t['per_core_articles_per_s']:.1f} art/s/core")
        line("cluster start-up (2 workers, model loaded)", f"{t['best']['2 workers']['cluster_startup_s']:.1f} s")
        line("client stages (read, resolve, rdf, write)", f"{t['client_s_per_article_total'] * 1000:.2f} ms/article")
        line("graph.ttl identical in all three", str(t["graph_ttl_identical"]), "True", t["graph_ttl_identical"])
        p = pushes(Path(t["best"]["2 workers"]["out"]), work)
        triples = p["gsp"]["triples_sent"]
        print(f"push ({triples} triples in {p['gsp']['graphs']} graphs) to a local oxigraph serve:")
        line("Graph Store Protocol", f"{p['gsp']['triples_per_second']:.0f} triples/s ({p['gsp']['seconds']:.1f} s)")
        line("SPARQL Update (batches of 20,000)",
             f"{p['update']['triples_per_second']:.0f} triples/s ({p['update']['seconds']:.1f} s)")
        line("push again, nothing changed", f"{p['unchanged']['seconds']:.2f} s, {p['unchanged']['sent']} sent",
             "0 sent", p["unchanged"]["sent"] == 0)
        seconds = time.perf_counter() - t0
        results = {"machine": info, "quick": a.quick, "corpus": str(a.corpus), "throughput": t, "push": p,
                   "seconds": seconds}
        RESULTS.mkdir(parents=True, exist_ok=True)
        target = RESULTS / ("scale-quick.json" if a.quick else "scale.json")
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
        os.replace(tmp, target)
        print(f"done in {seconds:.0f} s → {target.relative_to(ROOT)}")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
