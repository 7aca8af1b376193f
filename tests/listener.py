"""A real HTTP listener on 127.0.0.1 that records every request: what a refused SERVICE must never reach.

It answers like a tiny SPARQL endpoint (an empty SELECT result), so a query that is allowed to
call it succeeds, which is how the tests show that a listener that heard nothing would have heard.
"""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

EMPTY_RESULT = b'{"head":{"vars":["s","p","o"]},"results":{"bindings":[]}}'


class Listener:
    """``with Listener() as listener:`` — ``listener.url``; ``listener.requests`` as (method, path, body)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, bytes]] = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                requests.append((self.command, self.path, self.rfile.read(length) if length else b""))
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(EMPTY_RESULT)))
                self.end_headers()
                self.wfile.write(EMPTY_RESULT)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/sparql"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def heard(self, within: float = 0.5) -> bool:
        """Whether any request arrived, waiting up to ``within`` seconds for a late one."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline and not self.requests:
            time.sleep(0.02)
        return bool(self.requests)

    def __enter__(self) -> Listener:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
