"""The process that runs queries for :mod:`kg.query.engine`: one store, one query at a time.

Started as ``python -P -m kg.query._worker LOCATION PARENT_PID PDEATHSIG NETWORK`` (LOCATION a
store folder, or ``-`` for a store sent as N-Quads in the first frame; PDEATHSIG ``1`` to have
Linux kill it when the thread that started it ends; NETWORK ``0`` to cut it off from every
network where the kernel allows, so that no query it runs can fetch anything, whatever the
guard let through). It reads requests from stdin and writes
answers to the file descriptor that was stdout, in frames: a 4-byte big-endian length and a JSON
header, then, when the header says so, a 4-byte length and that many bytes of payload. Anything
else the process prints (a Rust panic's message) goes to stderr, which the parent keeps.

The worker checks each query (:func:`kg.query.guard.check_query`), runs it, and writes the answer
as it streams out, stopping at the caps it was given: TSV for SELECT (one solution a line),
N-Triples for CONSTRUCT and DESCRIBE, N-Quads for a dump. It dies with its parent: Linux sends it
SIGKILL when the parent goes (when the parent asked for that), and a watchdog thread ends it when
its parent's pid changes, wherever it was; it also ends when its stdin closes.
"""
from __future__ import annotations

import io
import json
import os
import struct
import sys
import threading
import time
from typing import Any, BinaryIO

_LENGTH = struct.Struct(">I")


class _Stop(Exception):
    """Raised in the sink to end the evaluation: a cap was hit."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _Sink(io.RawIOBase):
    """Where Oxigraph writes an answer (one result a line): counts lines and bytes against the caps."""

    def __init__(self, limit: int | None, max_bytes: int | None, header_lines: int) -> None:
        super().__init__()
        self.limit, self.max_bytes, self.header_lines = limit, max_bytes, header_lines
        self.lines = 0
        self.size = 0
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.lines += chunk.count(b"\n")
        self.size += len(chunk)
        if self.max_bytes is not None and self.size > self.max_bytes:
            raise _Stop("bytes")
        if self.limit is not None and self.lines - self.header_lines > self.limit:
            raise _Stop("rows")
        self.parts.append(chunk)
        return len(chunk)


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def read_frame(stream: BinaryIO) -> tuple[dict[str, Any], bytes]:
    header = json.loads(_read_exact(stream, _LENGTH.unpack(_read_exact(stream, 4))[0]))
    payload = _read_exact(stream, _LENGTH.unpack(_read_exact(stream, 4))[0]) if header.get("payload") else b""
    return header, payload


def write_frame(stream: BinaryIO, header: dict[str, Any], payload: bytes | None = None) -> None:
    if payload is not None:
        header = {**header, "payload": True}
    head = json.dumps(header).encode("utf-8")
    parts = [_LENGTH.pack(len(head)), head]
    if payload is not None:
        parts += [_LENGTH.pack(len(payload)), payload]
    stream.write(b"".join(parts))
    stream.flush()


def _watch(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(0)
        time.sleep(0.2)


def _die_with(parent: int, pdeathsig: bool) -> None:
    if pdeathsig and sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except Exception:  # noqa: BLE001, S110 - the watchdog below still ends it
            pass
    if os.getppid() != parent:
        os._exit(0)
    threading.Thread(target=_watch, args=(parent,), name="kg-watchdog", daemon=True).start()


def _cut_off_network() -> bool:
    """Linux: move this process into a network namespace of its own, which has no interface up, so
    nothing it runs can reach any host (a SERVICE that got past the guard included). True if done.

    Needs to run while the process has one thread. As root CLONE_NEWNET is enough; otherwise a user
    namespace comes with it (mapping this user to itself), where the kernel lets users make one.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    new_user, new_net = 0x10000000, 0x40000000
    if libc.unshare(new_net) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(new_user | new_net) != 0:
        return False
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w", encoding="ascii") as f:
                f.write(text)
    except OSError:
        pass  # unmapped, files are still reached as the user they belong to
    return True


def _term(text: str) -> Any:
    """A term from its N-Triples spelling (how the parent sends substitutions)."""
    import pyoxigraph

    quad = next(iter(pyoxigraph.parse(f"<urn:kg:s> <urn:kg:p> {text} .".encode(),
                                      format=pyoxigraph.RdfFormat.N_TRIPLES)))
    return quad.object


def handle(store: Any, request: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
    """One request's answer: a header and the payload (or an error header)."""
    import pyoxigraph

    from kg.errors import QueryError
    from kg.query.guard import check_query
    from kg.query.syntax import explain

    limit, max_bytes = request.get("limit"), request.get("max_bytes")
    answer = None
    try:
        if request["op"] == "dump":
            graph = request.get("graph")
            sink = _Sink(limit, max_bytes, 0)
            if graph is None:
                store.dump(sink, format=pyoxigraph.RdfFormat.N_QUADS)
            else:
                where = pyoxigraph.DefaultGraph() if graph == "" else pyoxigraph.NamedNode(graph)
                store.dump(sink, format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=where)
            return {"ok": True, "kind": "quads" if graph is None else "graph"}, b"".join(sink.parts)
        sparql = request["sparql"]
        check_query(sparql, allow_service=tuple(request.get("allow_service") or ()))
        subs = {pyoxigraph.Variable(k): _term(v) for k, v in (request.get("substitutions") or {}).items()}
        # SPARQL 1.1 Protocol default-graph-uri and named-graph-uri: the dataset the query sees
        default = [pyoxigraph.NamedNode(iri) for iri in request.get("default_graph") or ()]
        named = [pyoxigraph.NamedNode(iri) for iri in request.get("named_graphs") or ()]
        try:
            answer = store.query(sparql, prefixes=request.get("prefixes") or None, substitutions=subs or None,
                                 use_default_graph_as_union=bool(request.get("union", True)) and not default,
                                 default_graph=default or None, named_graphs=named or None)
        except SyntaxError as exc:
            raise QueryError(explain(sparql, str(exc), request.get("prefixes") or {})) from None
        if isinstance(answer, pyoxigraph.QueryBoolean):
            return {"ok": True, "kind": "ask", "boolean": bool(answer)}, None
        if isinstance(answer, pyoxigraph.QuerySolutions):
            sink = _Sink(limit, max_bytes, 1)
            answer.serialize(sink, format=pyoxigraph.QueryResultsFormat.TSV)
            return {"ok": True, "kind": "select"}, b"".join(sink.parts)
        sink = _Sink(limit, max_bytes, 0)
        answer.serialize(sink, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return {"ok": True, "kind": "graph"}, b"".join(sink.parts)
    except _Stop as stop:
        return {"ok": False, "error": stop.what, "message": stop.what}, None
    except QueryError as exc:
        return {"ok": False, "error": "refused", "message": str(exc)}, None
    except (OSError, RuntimeError, ValueError) as exc:
        cause = exc.__context__ if isinstance(exc.__context__, _Stop) else None
        if cause is not None:
            return {"ok": False, "error": cause.what, "message": cause.what}, None
        return {"ok": False, "error": "failed", "message": f"the query failed: {exc}"}, None
    finally:
        del answer


def main(argv: list[str]) -> int:
    import faulthandler

    faulthandler.enable()  # a crash in native code says what it was on stderr, for the parent to report
    location, parent = argv[0], int(argv[1])
    sandboxed = len(argv) > 3 and argv[3] == "0" and _cut_off_network()  # before any thread starts
    _die_with(parent, len(argv) > 2 and argv[2] == "1")
    # the protocol gets its own descriptor; stray output (and stdout) goes to stderr
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer
    import pyoxigraph

    try:
        if location == "-":
            _, payload = read_frame(inp)
            store = pyoxigraph.Store()
            store.load(payload, format=pyoxigraph.RdfFormat.N_QUADS)
        else:
            store = pyoxigraph.Store.read_only(location)
        from kg.query.guard import check_query
        import kg.query.syntax  # noqa: F401 - loaded before the first query, not during it

        check_query("SELECT ?s WHERE { ?s ?p ?o FILTER(?o != 1) } LIMIT 1")  # the parser's first run is its slowest
    except (OSError, SyntaxError, ValueError) as exc:
        write_frame(out, {"ok": False, "error": "start", "message": f"cannot open the store ({exc})"})
        return 1
    write_frame(out, {"ok": True, "ready": True, "sandboxed": sandboxed})
    while True:
        try:
            request, _ = read_frame(inp)
        except (EOFError, OSError):
            return 0
        header, payload = handle(store, request)
        write_frame(out, header, payload)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
