"""Write the graph page: one HTML file, every script and style inlined, no network at all.

Why not pyvis's own page: pyvis 0.3.2's ``template.html`` links Bootstrap from
``cdn.jsdelivr.net`` even with ``cdn_resources="in_line"``, renders node titles as HTML, and has
no room for a side panel, search, filters or on-demand expansion. So the page template here is
our own (``assets/``), around the vis-network 9.1.2 build that pyvis ships inside its package,
read from pyvis's installed files at write time and inlined. pyvis stays the dependency that
pins and provides vis-network; nothing is downloaded.

Safety: the graph goes into the page as JSON inside ``<script type="application/json">`` with
``<``, ``>`` and ``&`` written as ``\\u003c``, ``\\u003e``, ``\\u0026``, and the page renders every
label and sentence with ``textContent``. A Content-Security-Policy allows only the page's own
two scripts (by SHA-256) and no fetches, so even a bug in the escaping could not run code or
reach the network.
"""
from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import os
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.errors import OutputError
from kg.lock import umask
from kg.viz.data import graph_view

__all__ = ["render_page", "write_page"]

ASSETS = Path(__file__).with_name("assets")
VIS_VERSION = "vis-9.1.2"
_SLOT = re.compile(r"\{\{(TITLE|CSP|STYLE|DATA|VIS|APP)\}\}")


@cache
def vis_network_js() -> str:
    """The vis-network build that pyvis ships (``pyvis/lib/vis-9.1.2/vis-network.min.js``)."""
    spec = importlib.util.find_spec("pyvis")  # locate without importing pyvis (and jinja2)
    if spec is None or not spec.submodule_search_locations:
        raise OutputError(
            "pyvis is not installed, and the graph page inlines the vis-network it ships; "
            "install kg's dependencies (pip install -e .)"
        )
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "lib" / VIS_VERSION / "vis-network.min.js"
        if path.is_file():
            return _script_safe(path.read_text(encoding="utf-8"))
    raise OutputError(f"pyvis has no lib/{VIS_VERSION}/vis-network.min.js; install pyvis==0.3.2")


def _script_safe(code: str) -> str:
    """Code that cannot close its ``<script>`` element early (``</script`` → ``<\\/script``)."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def json_for_script(value: Any) -> str:
    """JSON that is inert inside HTML: ``<``, ``>``, ``&`` (and U+2028/9) as ``\\uXXXX``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                      ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, esc)
    return text


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def render_page(data: Graph, *, title: str = "kg", max_nodes: int = 300) -> str:
    """The page for ``data`` as one HTML string (see :func:`write_page`)."""
    view = graph_view(data, title=title, max_nodes=max_nodes)
    vis = vis_network_js()
    app = _script_safe((ASSETS / "page.js").read_text(encoding="utf-8"))
    csp = (
        "default-src 'none'; "
        f"script-src {_sha256(vis)} {_sha256(app)}; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    slots = {
        "TITLE": html.escape(title),
        "CSP": html.escape(csp),
        "STYLE": (ASSETS / "page.css").read_text(encoding="utf-8").replace("</", "<\\/"),
        "DATA": json_for_script(view),
        "VIS": vis,
        "APP": app,
    }
    template = (ASSETS / "template.html").read_text(encoding="utf-8")
    return _SLOT.sub(lambda m: slots[m[1]], template)  # one pass: filled slots are not re-read


def write_page(dataset: Graph, path: Path, *, title: str = "kg", max_nodes: int = 300) -> None:
    """Write the interactive graph page for ``dataset`` to ``path``, atomically.

    Parameters
    ----------
    dataset
        The knowledge graph (an ``rdflib.Dataset`` with the per-article named graphs of
        statements; a plain ``Graph`` also works, without evidence).
    path
        The HTML file to write; its folder must exist. Written to a temporary file beside it
        and moved into place, so a reader never sees half a page.
    title
        The page's title.
    max_nodes
        Graphs with more nodes start from the ``max_nodes`` most connected ones; the reader
        expands the rest on demand (double-click, or the panel's button).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from rdflib import Dataset
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_page(Dataset(), Path(tmp) / "graph.html", title="empty")
    ...     (Path(tmp) / "graph.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    True
    """
    path = Path(path)
    text = render_page(dataset, title=title, max_nodes=max_nodes)
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write the graph page here: {exc.strerror}", path=str(folder)) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp made it 0600: give it the mode open() would
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write the graph page: {exc.strerror}", path=str(path)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
