"""HTML pages: the visible text in paragraphs, plus title, date and canonical URL from the head.

Uses the standard library's ``html.parser``, which never fails on broken markup. XHTML
(``.xhtml``, ``.xht``) is read the same way: it is HTML written as XML, and the HTML tokeniser
reads its elements, character references and head metadata alike, while expanding no DTD
entities (an XML parser would have to be guarded against entity bombs to read it).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from kg.ingest.dates import dateline_date, iso_date
from kg.ingest.limits import check_length
from kg.ingest.registry import BadArticle, register_reader
from kg.ingest.text import read_file_text
from kg.model import Document

# Elements whose content is never article text (svg: icon labels such as "Share on Facebook").
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg"})
# Elements that start or end a paragraph.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
# Meta names (``name=`` or ``property=``) that give the publication date, best first.
_DATE_METAS = ("article:published_time", "og:article:published_time", "date", "pubdate")
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; a no-break space is text


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class _PageParser(HTMLParser):
    """Collects paragraphs and the head's metadata in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.metas: dict[str, str] = {}
        self.canonical: str | None = None
        self.times: list[str] = []
        self.title: str | None = None
        self._buffer: list[str] = []
        self._hidden = 0
        self._title: list[str] | None = None

    def _flush(self) -> None:
        paragraph = _collapse("".join(self._buffer))
        if paragraph.strip():
            self.paragraphs.append(paragraph)
        self._buffer.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        if self._hidden:
            return
        attr = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or "").strip().lower()
            if key and "content" in attr:
                self.metas.setdefault(key, attr["content"].strip())
        elif tag == "link":
            rels = attr.get("rel", "").lower().split()
            if "canonical" in rels and attr.get("href", "").strip() and self.canonical is None:
                self.canonical = attr["href"].strip()
        elif tag == "time" and attr.get("datetime", "").strip():
            self.times.append(attr["datetime"])
        elif tag == "title" and self.title is None and self._title is None:
            self._title = []
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif self._hidden:
            return
        elif tag == "title" and self._title is not None:
            self.title = _collapse("".join(self._title)) or None
            self._title = None
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._title is not None:
            self._title.append(data)
        else:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        if self._title is not None:  # an unclosed <title>: take what there is
            self.title = _collapse("".join(self._title)) or None
            self._title = None
        self._flush()


@register_reader(".html", ".htm", ".xhtml", ".xht")
def read_html(path: Path) -> Iterator[Document | BadArticle]:
    """One article per page: paragraphs joined by blank lines, whitespace collapsed within them.

    The title is ``og:title``, else ``<title>`` (``og:title`` usually lacks the site name, which
    is what trafilatura prefers too); the URL is ``<link rel=canonical>``, else ``og:url``; the
    date is the first parseable published-time meta, else the first ``<time datetime>``.
    """
    yield parse_html(read_file_text(path, "html"), str(path))


def parse_html(markup: str, source: str) -> Document:
    """The ``Document`` for one HTML page.

    Examples
    --------
    >>> doc = parse_html("<title>T</title><p>One  two</p><script>x()</script><p>three</p>", "a.html")
    >>> doc.title, doc.text
    ('T', 'One two\\n\\nthree')
    """
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    text = "\n\n".join(parser.paragraphs)
    if not text:
        raise BadArticle("empty article (no visible text in the page); add text or remove the file")
    check_length(text)
    metas = parser.metas
    dates = [metas[name] for name in _DATE_METAS if name in metas] + parser.times
    return Document(
        text=text,
        source=source,
        title=_collapse(metas.get("og:title", "")) or parser.title,
        url=parser.canonical or metas.get("og:url") or None,
        date=next((d for d in map(iso_date, dates) if d), None) or dateline_date(text),
    )
