"""The embedded Oxigraph store an output folder carries (``output/store/``)."""
from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import OutputError

if TYPE_CHECKING:
    import pyoxigraph


def create_store(directory: Path, trig: Path) -> None:
    """Create an Oxigraph store at ``directory`` (which must not exist) holding ``trig``."""
    import pyoxigraph

    directory = Path(directory)
    if directory.exists():
        raise OutputError("a store already exists here; remove it or build into a new folder", path=str(directory))
    store = pyoxigraph.Store(str(directory))
    store.bulk_load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()  # release the store's file lock before the folder is moved into place


def open_store(directory: Path) -> pyoxigraph.Store:
    """Open a built store read-only."""
    import pyoxigraph

    directory = Path(directory)
    if not (directory / "CURRENT").is_file():
        out = directory.parent
        raise OutputError(f"no graph at {out}: run `kg build SOURCES --out {out}` first", path=str(directory))
    try:
        return pyoxigraph.Store.read_only(str(directory))
    except OSError as exc:
        raise OutputError(f"cannot open the store ({exc}); rebuild with `kg build`", path=str(directory)) from None
