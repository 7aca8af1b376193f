"""Plain text and Markdown: the text as written, so character offsets point into the file."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kg.ingest.dates import dateline_date
from kg.ingest.decode import decode
from kg.ingest.limits import check_length, check_size
from kg.ingest.registry import BadArticle, register_reader
from kg.model import Document

# An ATX level-one heading: "# Title", optionally closed by hashes ("# Title #").
_H1 = re.compile(r"^ {0,3}# +(.*?)(?: +#+)? *$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def read_file_text(path: Path, kind: str = "text") -> str:
    """The decoded text of ``path``; ``BadArticle`` when it cannot be read, holds no text, or is
    too big for one article (``kind`` says how big: ``text``, or ``html`` with its markup)."""
    try:
        check_size(path.stat().st_size, kind)  # from the size alone: a 50 MB file is never read
        data = path.read_bytes()
    except OSError as err:
        raise BadArticle.unreadable(err) from None
    text = decode(data)
    if not text.strip():
        raise BadArticle("empty article; add text or remove the file")
    if kind == "text":
        check_length(text)
    return text


@register_reader(".txt")
def read_txt(path: Path) -> Iterator[Document | BadArticle]:
    """One article per file, the text unchanged (bar the BOM and newlines); the date from its dateline."""
    text = read_file_text(path)
    yield Document(text=text, source=str(path), date=dateline_date(text))


@register_reader(".md")
def read_md(path: Path) -> Iterator[Document | BadArticle]:
    """One article per file, markup kept; the title is the first ``# `` heading, if any; the date
    from its dateline."""
    text = read_file_text(path)
    yield Document(text=text, source=str(path), title=markdown_title(text), date=dateline_date(text))


def markdown_title(text: str) -> str | None:
    """The first level-one ATX heading outside code fences.

    Examples
    --------
    >>> markdown_title("```\\n# not this\\n```\\n## Sub\\n# Harbour Lights #\\n")
    'Harbour Lights'
    >>> markdown_title("No heading") is None
    True
    """
    fence: str | None = None
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if opening:
            if fence is None:
                fence = opening.group(1)
            elif opening.group(1) == fence:
                fence = None
            continue
        if fence is None:
            heading = _H1.match(line)
            if heading and heading.group(1).strip():
                return heading.group(1).strip()
    return None
