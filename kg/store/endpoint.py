"""HTTP to remote SPARQL endpoints and graph stores: one session, credentials, one-line errors.

Shared by ``kg push`` (:mod:`kg.store.push`) and ``kg query/ask --endpoint``
(:mod:`kg.query.remote`). Credentials never come from the command line: they are
``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD`` from the environment, else the machine's entry
in ``~/.netrc`` (or the file ``$NETRC`` names), sent as HTTP Basic, or as Digest when the server
asks for it (Virtuoso's ``/sparql-auth``). A URL with a user or password in it is refused, since
it would show in shell history and ``ps``.

Every failure is an ``EndpointError`` (or a ``UsageError`` for a bad URL) whose message is one
line: what was asked, of which URL, and what to do.

Examples
--------
>>> check_url("http://127.0.0.1:7878/query")
'http://127.0.0.1:7878/query'
>>> check_url("http://me:secret@example.org/sparql")
Traceback (most recent call last):
...
kg.errors.UsageError: put credentials in KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD or in ~/.netrc, not in the URL (it would show in shell history and ps)
"""
from __future__ import annotations

import html
import os
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from kg.errors import EndpointError, UsageError

if TYPE_CHECKING:
    import requests

__all__ = ["PASSWORD_ENV", "USER_ENV", "Connection", "check_url", "credentials", "server_message"]

USER_ENV = "KG_ENDPOINT_USER"
PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"
CONNECT_TIMEOUT = 10.0  # seconds to open a connection; reading has the caller's timeout
_TAG = re.compile(r"<[^>]*>")


def check_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host and no credentials in it; else ``UsageError``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"the endpoint must be an http:// or https:// URL, not {url!r}")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"put credentials in {USER_ENV} and {PASSWORD_ENV} or in ~/.netrc, not in the URL "
                         "(it would show in shell history and ps)")
    return url


def credentials(url: str) -> tuple[str, str] | None:
    """User and password for ``url``: from the environment, else from netrc; None when there are none."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user is not None or password is not None:
        if not user or password is None:
            raise UsageError(f"set both {USER_ENV} and {PASSWORD_ENV}, or neither")
        return user, password
    from requests.utils import get_netrc_auth

    found = get_netrc_auth(url)
    return (found[0], found[1]) if found else None


def server_message(response: requests.Response, limit: int = 240) -> str:
    """What the server said, as one short line of text (HTML tags and entities taken out)."""
    text = response.content[:20_000].decode(response.encoding or "utf-8", "replace")
    if "html" in response.headers.get("Content-Type", "").lower() or text.lstrip().startswith("<"):
        text = html.unescape(_TAG.sub(" ", re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", text)))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _why(exc: BaseException) -> str:
    text = str(exc)
    for needle, said in (("Connection refused", "connection refused"),
                         ("Name or service not known", "no such host"), ("nodename nor servname", "no such host"),
                         ("NameResolutionError", "no such host"), ("Temporary failure in name resolution",
                                                                   "no such host"),
                         ("CERTIFICATE_VERIFY_FAILED", "its TLS certificate is not trusted"),
                         ("Network is unreachable", "network unreachable"), ("No route to host", "no route to host"),
                         ("Connection reset", "connection reset"), ("RemoteDisconnected", "it closed the connection")):
        if needle in text:
            return said
    return type(exc).__name__


class Connection:
    """A keep-alive HTTP session to one server, with kg's credentials and one-line errors.

    ``retries``: resend a request the server answered 502, 503 or 504 (kg push sends only
    requests that may be repeated: PUT, DELETE, and updates that replace whole graphs).
    """

    def __init__(self, url: str, *, timeout: float = 30.0, retries: int = 0) -> None:
        import requests
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

        check_url(url)
        self.timeout = timeout
        self.session = requests.Session()
        if retries:
            retry = Retry(total=retries, connect=0, read=0, status=retries, backoff_factor=0.5,
                          status_forcelist=(502, 503, 504), allowed_methods=None, raise_on_status=False)
            for scheme in ("http://", "https://"):
                self.session.mount(scheme, HTTPAdapter(max_retries=retry))
        from importlib import metadata

        try:
            version = metadata.version("kg")
        except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
            version = "0"
        self.session.headers["User-Agent"] = f"kg/{version}"
        self._credentials = credentials(url)
        self.auth: Any = requests.auth.HTTPBasicAuth(*self._credentials) if self._credentials else None

    def close(self) -> None:
        self.session.close()

    def request(self, method: str, url: str, *, what: str, **kwargs: Any) -> requests.Response:
        """Send one request; ``what`` says what it was for (``"run the query"``), for messages.

        Raises ``EndpointError`` when the server cannot be reached, does not answer in time, or
        refuses access (401, 403). Other statuses are the caller's to read.
        """
        import requests

        kwargs.setdefault("timeout", (CONNECT_TIMEOUT, self.timeout))
        try:
            response = self.session.request(method, url, auth=self.auth, **kwargs)
            if response.status_code == 401 and self._credentials is not None \
                    and not isinstance(self.auth, requests.auth.HTTPDigestAuth):
                # Basic was refused: try Digest, which Virtuoso asks for (without always saying so)
                digest = requests.auth.HTTPDigestAuth(*self._credentials)
                retry = self.session.request(method, url, auth=digest, **kwargs)
                if retry.status_code != 401:
                    self.auth = digest  # and for every later request
                    response = retry
        except requests.exceptions.ConnectTimeout:
            raise EndpointError(f"cannot reach {_site(url)}: no answer within {CONNECT_TIMEOUT:g} s") from None
        except requests.exceptions.ConnectionError as exc:
            if isinstance(exc, requests.exceptions.ReadTimeout) or "Read timed out" in str(exc):
                raise EndpointError(f"{url} did not {what} within {self.timeout:g} s") from None
            raise EndpointError(f"cannot reach {_site(url)} ({_why(exc)}): is the URL right and the store "
                                "running?") from None
        except requests.exceptions.Timeout:
            raise EndpointError(f"{url} did not {what} within {self.timeout:g} s") from None
        except requests.exceptions.RequestException as exc:
            raise EndpointError(f"cannot {what} at {url} ({_why(exc)})") from None
        if response.status_code == 401:
            if self._credentials is None:
                raise EndpointError(f"{url} asks for credentials to {what} (401): set {USER_ENV} and "
                                    f"{PASSWORD_ENV}, or add the host to ~/.netrc")
            raise EndpointError(f"{url} did not accept the credentials to {what} (401): check {USER_ENV} and "
                                f"{PASSWORD_ENV} or ~/.netrc")
        if response.status_code == 403:
            raise EndpointError(f"{url} forbids this account to {what} (403 Forbidden): {server_message(response)}")
        return response


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
