"""JSON lines: one article per line, ``{"text": ..., "title", "url", "date", "id"}``, streamed.

A bad line is yielded as a ``BadArticle`` naming its line, so the other lines still count.
The ``id`` field is accepted but not used: a ``Document``'s id is a hash of its text, which
keeps article IRIs stable whatever the source calls them.
"""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, AnyStr

from kg.ingest.dates import dateline_date, iso_date
from kg.ingest.decode import SNIFF_BYTES, check_not_binary, decode_utf8, is_utf16, normalise_newlines
from kg.ingest.limits import check_length, check_size, check_text, max_file_bytes
from kg.ingest.registry import BadArticle, register_reader
from kg.model import Document

_OPTIONAL = ("title", "url", "date", "id")


@register_reader(".jsonl")
def read_jsonl(path: Path) -> Iterator[Document | BadArticle]:
    """One ``Document`` per non-blank line; ``source`` is ``path:LINE``."""
    seen = False
    for number, line in _lines(path):
        if isinstance(line, BadArticle):
            yield line
            seen = True
        elif line.strip():
            yield parse_line(line, f"{path}:{number}", number)
            seen = True
    if not seen:
        raise BadArticle("no articles (the file has no JSON lines); add some or remove the file")


def parse_line(line: str, source: str, number: int) -> Document | BadArticle:
    """The ``Document`` of one JSON line, or the ``BadArticle`` that says why there is none.

    Examples
    --------
    >>> parse_line('{"text": "Hi.", "date": "Tue, 25 Jun 2019 10:00:00 GMT"}', "a.jsonl:1", 1).date
    '2019-06-25'
    >>> parse_line('{"text": 1}', "a.jsonl:2", 2).reason
    'no string "text" field; give each line a "text" string or remove the line'
    """
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as err:
        return BadArticle(f"malformed JSON ({err.msg} at column {err.colno}); fix or remove the line", number)
    except RecursionError:
        return BadArticle("malformed JSON (nested too deeply); fix or remove the line", number)
    if not isinstance(record, dict):
        return BadArticle(f"not a JSON object (a {type(record).__name__}); give each line an object "
                          'with a "text" field or remove the line', number)
    text = record.get("text")
    if not isinstance(text, str):
        return BadArticle('no string "text" field; give each line a "text" string or remove the line', number)
    if not text.strip():
        return BadArticle('empty article (blank "text"); add text or remove the line', number)
    for name in _OPTIONAL:
        if record.get(name) is not None and not isinstance(record[name], str):
            return BadArticle(f'"{name}" is not a string; make it one, null, or leave it out', number)
    try:
        check_length(text)
        for name in ("text", *_OPTIONAL):
            if isinstance(record.get(name), str):
                check_text(record[name], name)
    except BadArticle as bad:
        return BadArticle(bad.reason, number)
    return Document(
        text=normalise_newlines(text),
        source=source,
        title=_field(record, "title"),
        url=_field(record, "url"),
        date=iso_date(record.get("date")) or dateline_date(text),
    )


def _field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return (value.strip() or None) if isinstance(value, str) else None


def _lines(path: Path) -> Iterator[tuple[int, str | BadArticle]]:
    """Numbered lines of ``path``, decoded one at a time; a line that is not UTF-8 is a BadArticle."""
    try:
        with path.open("rb") as raw:
            head = raw.read(SNIFF_BYTES)
            raw.seek(0)
            if is_utf16(head):
                yield from _utf16_lines(raw)
                return
            check_not_binary(head)
            for number, data in _bounded_lines(raw.readline):
                if isinstance(data, BadArticle):
                    yield number, data
                    continue
                if number == 1:
                    data = data.removeprefix(b"\xef\xbb\xbf")
                try:
                    yield number, decode_utf8(data, "line")
                except BadArticle as bad:
                    yield number, BadArticle(bad.reason, number)
    except OSError as err:
        raise BadArticle.unreadable(err) from None


def _bounded_lines(readline: Callable[[int], AnyStr]) -> Iterator[tuple[int, AnyStr | BadArticle]]:
    """Numbered lines from ``readline``, none held longer than a JSON line of the longest article:
    a longer one is read past in pieces and given as a ``BadArticle``, so a 50 MB line costs no
    more memory than a normal one."""
    cap = max_file_bytes("json")
    number = 0
    while True:
        line = readline(cap + 1)
        if not line:
            return
        number += 1
        newline = "\n" if isinstance(line, str) else b"\n"
        if len(line) > cap and not line.endswith(newline):  # type: ignore[arg-type]
            size = len(line)
            while line and not line.endswith(newline):  # type: ignore[arg-type]
                line = readline(1 << 20)
                size += len(line)
            try:
                check_size(size, "json", "line")
            except BadArticle as bad:
                yield number, BadArticle(bad.reason, number)
            continue
        yield number, line


def _utf16_lines(raw: io.BufferedReader) -> Iterator[tuple[int, str | BadArticle]]:
    text = io.TextIOWrapper(raw, encoding="utf-16", newline="\n")
    number = 0
    try:
        for number, line in _bounded_lines(text.readline):
            yield number, line
    except UnicodeDecodeError:
        raise BadArticle(f"not UTF-16 text (invalid data after line {number}); save it as UTF-8") from None
    finally:
        text.detach()
