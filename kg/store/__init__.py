"""The embedded Oxigraph store an output folder carries (``OUT/store/``).

``create_store`` bulk-loads ``graph.trig`` (the default graph and one named graph per article)
into a new on-disk store; ``open_store`` opens it read-only, so any number of ``kg query``
processes can read it while a build writes the next output folder beside it.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "graph.trig").write_text("<http://e/a> <http://e/p> <http://e/b> .", encoding="utf-8")
>>> create_store(folder / "store", folder / "graph.trig")
>>> len(open_store(folder / "store"))
1
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph

from kg.errors import OutputError

__all__ = ["create_store", "open_store"]

STORE_DIR = "store"


def create_store(directory: Path, trig: Path) -> None:
    """Create an Oxigraph store at ``directory`` (which must not exist yet) holding ``trig``.

    The store is flushed and released before returning (its lock with it), so the folder can
    be moved into place and opened at once. A failed load leaves no half-written store behind.
    """
    directory, trig = Path(directory), Path(trig)
    if directory.exists():
        raise OutputError("a store already exists here; remove it or build into a new folder",
                          path=str(directory))
    if not trig.is_file():
        raise OutputError("no TriG file to load into the store", path=str(trig))
    try:
        store = pyoxigraph.Store(str(directory))
        try:
            store.bulk_load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
            store.flush()
        finally:
            del store  # the last reference: Oxigraph closes the database and drops its lock
    except SyntaxError as exc:
        shutil.rmtree(directory, ignore_errors=True)
        raise OutputError(f"not valid TriG ({exc})", path=str(trig)) from None
    except OSError as exc:
        shutil.rmtree(directory, ignore_errors=True)
        raise OutputError(f"cannot write the store ({exc})", path=str(directory)) from None


def open_store(directory: Path) -> pyoxigraph.Store:
    """Open the store at ``directory`` read-only.

    Raises ``OutputError`` naming the output folder to build when there is no store there.
    """
    directory = Path(directory)
    out = directory.parent if directory.name == STORE_DIR else directory
    missing = OutputError(f"no graph at {out}: run `kg build SOURCES --out {out}` first")
    if not directory.is_dir():
        raise missing
    try:
        return pyoxigraph.Store.read_only(str(directory))
    except (FileNotFoundError, NotADirectoryError):
        raise missing from None
    except OSError as exc:
        raise OutputError(f"cannot open the store ({exc}); rebuild it with `kg build SOURCES --out {out}`",
                          path=str(directory)) from None
