"""One root exception for the package; every message names the file (and line) and what to do.

The CLI turns a ``KGError`` into one line on stderr and its ``exit_code``:
0 ok, 1 user error, 2 bad input, 3 internal error.
"""
from __future__ import annotations


class KGError(Exception):
    """Root of every error kg raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class UsageError(KGError):
    """The user asked for something that cannot be done (bad option, missing output folder)."""

    exit_code = 1


class InputError(KGError):
    """An input article cannot be read or parsed."""

    exit_code = 2


class QueryError(KGError):
    """A SPARQL query is malformed, refused or failed."""

    exit_code = 1


class ModelError(KGError):
    """The spaCy pipeline asked for is not installed or cannot be loaded."""

    exit_code = 1


class OutputError(KGError):
    """The output folder cannot be written or read back."""

    exit_code = 1


class BuildLockedError(OutputError):
    """Another build is writing the same output folder (see ``kg.lock``)."""

    exit_code = 1


class ClusterError(KGError):
    """The Dask cluster a build was sent to cannot do the work (``kg.distributed``)."""

    exit_code = 1


class EndpointError(KGError):
    """A remote SPARQL endpoint or graph store cannot be reached, refuses access or answers badly."""

    exit_code = 1
