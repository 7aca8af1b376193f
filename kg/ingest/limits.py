"""How much one article may hold, and text that is not text: checked before anything is parsed.

A news article is a few thousand characters (the longest of the 1,730 BBC articles in the
benchmark corpus has 25,452), and parsing and extraction grow faster than linearly with an
article's length, so one runaway input (a log file named ``.txt``, a 1 MB line without a full
stop, a database dump in one JSON line) could hold a build for hours. An article longer than
``max_article_chars()`` is skipped with a message that says how to raise the limit; files too big
to hold such an article are refused from their size, without reading them.

Examples
--------
>>> check_text("Hello.", "text")
>>> check_text("bad \\ud800 escape", "title")
Traceback (most recent call last):
...
kg.ingest.registry.BadArticle: "title" holds a lone surrogate (\\ud800 at character 4), which is not text; fix the escape or remove it
"""
from __future__ import annotations

import os
import re

from kg.ingest.registry import BadArticle

__all__ = ["ENV_MAX_CHARS", "MAX_ARTICLE_CHARS", "check_length", "check_size", "check_text", "max_article_chars",
           "max_file_bytes"]

MAX_ARTICLE_CHARS = 100_000
ENV_MAX_CHARS = "KG_MAX_ARTICLE_CHARS"
# Bytes a file may have per character of article text it may hold: 4 for UTF-8 and UTF-16 text,
# 12 for a JSON line (an astral character escaped as two \\uXXXX), and 40 for a page, whose markup
# (scripts, styles, navigation) weighs far more than its article.
BYTES_PER_CHAR = {"text": 4, "json": 12, "html": 40}
_SURROGATE = re.compile("[\ud800-\udfff]")


def max_article_chars() -> int:
    """The longest article read, in characters: ``$KG_MAX_ARTICLE_CHARS`` if set, else 100,000."""
    value = os.environ.get(ENV_MAX_CHARS, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return MAX_ARTICLE_CHARS


def max_file_bytes(kind: str) -> int:
    """The largest file (or JSON line) of ``kind`` (``text``, ``json``, ``html``) that may hold an
    article short enough."""
    return max_article_chars() * BYTES_PER_CHAR[kind] + 4096


def _too_long(what: str, amount: str) -> BadArticle:
    return BadArticle(f"{what} too long ({amount}; kg reads articles of up to {max_article_chars():,} "
                      f"characters); split it into articles, or raise the limit with {ENV_MAX_CHARS}")


def check_size(size: int, kind: str, what: str = "file") -> None:
    """Raise ``BadArticle`` when a file (or line) of ``size`` bytes is too big to be one article."""
    if size > max_file_bytes(kind):
        raise _too_long(what, f"{_megabytes(size)}")


def check_length(text: str, what: str = "article") -> None:
    """Raise ``BadArticle`` when ``text`` is longer than an article may be."""
    if len(text) > max_article_chars():
        raise _too_long(what, f"{len(text):,} characters")


def check_text(value: str, field: str) -> None:
    """Raise ``BadArticle`` when ``value`` holds a lone surrogate (from a JSON escape such as
    ``"\\ud800"``): it cannot be written as UTF-8, so no output could hold it."""
    bad = _SURROGATE.search(value)
    if bad:
        raise BadArticle(f'"{field}" holds a lone surrogate (\\u{ord(bad.group()):04x} at character {bad.start()}), '
                         "which is not text; fix the escape or remove it")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB" if size >= 100_000 else f"{size:,} bytes"
