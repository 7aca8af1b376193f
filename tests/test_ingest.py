"""The ingest stage: every format, metadata, bad input (skipped vs strict), walking folders."""
from __future__ import annotations

import dataclasses
import json
import os
import re
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import BadArticle, Skipped, read_sources, register_reader
from kg.ingest.dates import iso_date
from kg.ingest.registry import _READERS
from kg.model import Document, content_id

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
BBC = ROOT.parent / "shared" / "corpus" / "bbc-news.jsonl"


def write(path: Path, content: str | bytes) -> Path:
    """Write ``content`` (str as UTF-8, bytes as is) to ``path``, making folders; return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def read_one(path: Path) -> Document:
    docs = list(read_sources([path]))
    assert len(docs) == 1
    return docs[0]


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# --- text and Markdown -------------------------------------------------------------------------


def test_txt_text_as_is(tmp_path: Path) -> None:
    text = "Headline\n\n  Jane Doe directed *The Show*.\n"
    doc = read_one(write(tmp_path / "a.txt", text))
    assert doc == Document(text=text, source=str(tmp_path / "a.txt"))
    assert doc.id == content_id(text)
    assert doc.title is doc.url is doc.date is None


def test_newlines_normalised_and_utf8_bom_dropped(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "a.txt", b"\xef\xbb\xbfOne\r\nTwo\rThree\n"))
    assert doc.text == "One\nTwo\nThree\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    text = "\ufeffCafé in Zürich\r\n"
    data = text.encode(encoding) if encoding != "utf-16" else text[1:].encode(encoding)
    assert read_one(write(tmp_path / "a.txt", data)).text == "Café in Zürich\n"


def test_md_title_from_first_h1_and_text_unchanged(tmp_path: Path) -> None:
    text = "Intro line\n\n```\n# a comment in code\n```\n## Section\n# The *Real* Title #\n\nBody **bold**.\n"
    doc = read_one(write(tmp_path / "a.md", text))
    assert doc.title == "The *Real* Title"
    assert doc.text == text  # markup kept, so offsets point into the file


def test_md_without_heading_has_no_title(tmp_path: Path) -> None:
    assert read_one(write(tmp_path / "a.md", "#hashtag is not a heading\n")).title is None


def test_suffix_match_ignores_case(tmp_path: Path) -> None:
    assert read_one(write(tmp_path / "A.TXT", "Hello.")).text == "Hello."


# --- HTML --------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
  <title>  Page   title | Site </title>
  <style>p { color: red }</style>
  <script>var x = "<p>not text</p>";</script>
  {head}
</head>
<body>
  <svg><title>Share icon</title></svg>
  <noscript><p>Enable JavaScript</p></noscript>
  <template><p>template text</p></template>
  <h1>The   Show</h1>
  <p>Jane  Doe
     directed <b>The Show</b>, &amp; it <a href="#">premiered</a>.</p>
  <div>Second<br>third</div>
  <ul><li>one</li><li>two</li></ul>
  <p>&nbsp;</p>
  <p>Caf&eacute; d&#233;cor</p>
</body></html>
"""


def html_doc(tmp_path: Path, head: str = "", body: str | None = None) -> Document:
    page = PAGE.replace("{head}", head) if body is None else body
    return read_one(write(tmp_path / "a.html", page))


def test_html_text_paragraphs(tmp_path: Path) -> None:
    doc = html_doc(tmp_path)
    assert doc.text == (
        "The Show\n\nJane Doe directed The Show, & it premiered.\n\nSecond\n\nthird\n\none\n\ntwo\n\n"
        "Café décor"
    )
    assert doc.source == str(tmp_path / "a.html")


def test_html_title_from_title_element(tmp_path: Path) -> None:
    assert html_doc(tmp_path).title == "Page title | Site"


def test_html_og_title_preferred(tmp_path: Path) -> None:
    assert html_doc(tmp_path, '<meta property="og:title" content=" The  Show ">').title == "The Show"


def test_html_without_title(tmp_path: Path) -> None:
    assert html_doc(tmp_path, body="<p>Just text.</p>").title is None


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2019-06-25T10:00:00Z">',
        '<meta name="date" content="2019-06-25">',
        '<meta name="pubdate" content="Tue, 25 Jun 2019 10:00:00 GMT">',
        '<meta property="og:article:published_time" content="2019-06-25T10:00:00+02:00">',
        '<meta name="DATE" content="2019-06-25T10:00">',
    ],
)
def test_html_date_from_meta(tmp_path: Path, head: str) -> None:
    assert html_doc(tmp_path, head).date == "2019-06-25"


def test_html_date_from_time_element(tmp_path: Path) -> None:
    body = ('<p>Posted <time datetime="2019-06-25T10:00:00Z">Tuesday</time>.</p>'
            '<time datetime="2020-01-01">x</time>')
    doc = html_doc(tmp_path, body=body)
    assert doc.date == "2019-06-25"
    assert doc.text == "Posted Tuesday.\n\nx"


def test_html_meta_date_wins_over_time_and_bad_dates_are_passed_over(tmp_path: Path) -> None:
    head = ('<meta name="date" content="last Tuesday">'
            '<meta name="pubdate" content="2019-06-24">')
    assert html_doc(tmp_path, head + '<time datetime="2019-06-25">').date == "2019-06-24"


def test_html_unparseable_date_is_none(tmp_path: Path) -> None:
    assert html_doc(tmp_path, '<meta name="date" content="June 25">').date is None
    assert html_doc(tmp_path).date is None


def test_html_url_from_canonical_or_og_url(tmp_path: Path) -> None:
    og = '<meta property="og:url" content="https://example.org/og">'
    canonical = '<link rel="Canonical" href="https://example.org/canonical">'
    assert html_doc(tmp_path, og).url == "https://example.org/og"
    assert html_doc(tmp_path, og + canonical).url == "https://example.org/canonical"
    assert html_doc(tmp_path).url is None


def test_htm_suffix(tmp_path: Path) -> None:
    assert read_one(write(tmp_path / "a.htm", "<p>Hello</p>")).text == "Hello"


def test_html_without_visible_text_is_empty(tmp_path: Path) -> None:
    write(tmp_path / "a.html", "<html><head><title>T</title></head><body><script>x()</script></body></html>")
    write(tmp_path / "b.txt", "Fine.")
    skipped: list[Skipped] = []
    assert [d.text for d in read_sources([tmp_path], skipped=skipped)] == ["Fine."]
    assert skipped[0].source == str(tmp_path / "a.html")
    assert skipped[0].reason.startswith("empty article")


# --- JSON lines --------------------------------------------------------------------------------


def test_jsonl_fields_and_line_sources(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl(
        {"text": "First.\r\nSecond.", "title": " T ", "url": "https://x.org/1",
         "date": "Tue, 25 Jun 2019 10:00:00 GMT", "id": "their-id", "category": "tech"},
        "",
        "   ",
        {"text": "Other.", "title": None, "date": "someday"},
    ))
    docs = list(read_sources([path]))
    assert docs == [
        Document(text="First.\nSecond.", source=f"{path}:1", title="T", url="https://x.org/1",
                 date="2019-06-25"),
        Document(text="Other.", source=f"{path}:4"),
    ]
    assert docs[0].id == content_id("First.\nSecond.")  # the source's own id is not used


def test_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'\xef\xbb\xbf{"text": "A."}\r\n{"text": "B."}\r\n')
    assert [(d.text, d.source) for d in read_sources([path])] == [("A.", f"{path}:1"), ("B.", f"{path}:2")]


def test_jsonl_utf16(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl({"text": "Zürich."}, {"text": "B."}).encode("utf-16"))
    docs = list(read_sources([path]))
    assert [(d.text, d.source) for d in docs] == [("Zürich.", f"{path}:1"), ("B.", f"{path}:2")]


BAD_LINES = [
    ('{"text": "a" "b"}', "malformed JSON (Expecting ',' delimiter at column 14); fix or remove the line"),
    ('{"title": "no text"}', 'no string "text" field; give each line a "text" string or remove the line'),
    ('{"text": ["a"]}', 'no string "text" field; give each line a "text" string or remove the line'),
    ('["text"]',
     'not a JSON object (a list); give each line an object with a "text" field or remove the line'),
    ('{"text": "  "}', 'empty article (blank "text"); add text or remove the line'),
    ('{"text": "A.", "date": 2019}', '"date" is not a string; make it one, null, or leave it out'),
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES)
def test_jsonl_bad_line_skipped(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path / "data" / "a.jsonl", jsonl({"text": "One."}, "", line, {"text": "Four."}))
    skipped: list[Skipped] = []
    docs = list(read_sources([path], skipped=skipped))
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:4"]
    assert skipped == [Skipped(f"{path}:3", reason)]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES)
def test_jsonl_bad_line_strict(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path / "data" / "a.jsonl", jsonl({"text": "One."}, "", line, {"text": "Four."}))
    with pytest.raises(InputError) as raised:
        list(read_sources([path], strict=True))
    assert str(raised.value) == f"{path}:3: {reason}"
    assert (raised.value.path, raised.value.line) == (str(path), 3)


def test_jsonl_line_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'{"text": "A."}\n{"text": "caf\xe9"}\n')
    skipped: list[Skipped] = []
    assert len(list(read_sources([path], skipped=skipped))) == 1
    assert skipped[0].source == f"{path}:2"
    assert skipped[0].reason.startswith("not UTF-8 text")


def test_jsonl_all_lines_bad_always_raises(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl("{oops", '{"text": 1}'))
    skipped: list[Skipped] = []
    with pytest.raises(InputError, match=r"a\.jsonl: no readable articles \(2 skipped"):
        list(read_sources([path], skipped=skipped))
    assert [s.source for s in skipped] == [f"{path}:1", f"{path}:2"]


def test_jsonl_without_lines_is_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no articles"):
        list(read_sources([write(tmp_path / "a.jsonl", "\n\n")]))


# --- undecodable and empty files ---------------------------------------------------------------

BAD_FILES = [
    ("latin1.txt", "Caf\xe9 society".encode("latin-1"), "not UTF-8 text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("binary.jsonl", b'{"text": "a"}\n\x00\x01\x02', "binary file"),
    ("nul16.txt", "\ufeffA\x00B".encode("utf-16-le"), "binary file"),
    ("empty.txt", b"", "empty article"),
    ("blank.md", b" \n\t\r\n", "empty article"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
def test_bad_file_in_folder_skipped(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    bad = write(tmp_path / name, data)
    write(tmp_path / "zz-good.txt", "Good.")
    skipped: list[Skipped] = []
    assert [d.text for d in read_sources([tmp_path], skipped=skipped)] == ["Good."]
    assert len(skipped) == 1
    assert skipped[0].source == str(bad)
    assert skipped[0].reason.startswith(reason)


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
def test_bad_file_in_folder_strict(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    bad = write(tmp_path / name, data)
    write(tmp_path / "zz-good.txt", "Good.")
    with pytest.raises(InputError, match=f"^{re.escape(str(bad))}: {reason}"):
        list(read_sources([tmp_path], strict=True))


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
def test_bad_file_given_explicitly_raises(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    bad = write(tmp_path / name, data)
    with pytest.raises(InputError, match=f"^{re.escape(str(bad))}: {reason}"):
        list(read_sources([bad]))


def test_skipped_is_frozen() -> None:
    item = Skipped("a.txt", "empty article")
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.reason = "other"  # type: ignore[misc]
    assert str(item) == "a.txt: empty article"


# --- paths, folders, links ---------------------------------------------------------------------


@pytest.mark.parametrize("strict", [False, True])
def test_missing_path_raises_at_call(tmp_path: Path, strict: bool) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(InputError, match=f"^{re.escape(str(missing))}: no such file or folder"):
        read_sources([SOURCES, missing], strict=strict)


def test_no_paths_raises() -> None:
    with pytest.raises(InputError, match="no sources given"):
        read_sources([])


def test_single_path_accepted() -> None:
    assert len(list(read_sources(SOURCES))) == 3
    assert len(list(read_sources(str(SOURCES)))) == 3


def test_explicit_unknown_suffix_raises(tmp_path: Path) -> None:
    path = write(tmp_path / "a.pdf", "%PDF")
    with pytest.raises(InputError, match=r"a\.pdf: unknown file type '\.pdf'; use one of \.htm, \.html"):
        read_sources([path])


@pytest.mark.parametrize("strict", [False, True])
def test_unknown_suffix_in_folder_is_listed_as_not_read(tmp_path: Path, strict: bool) -> None:
    """A file no reader knows is not an article: never read, never guessed at, never an error even
    with strict, but listed, so that nothing a user put in the folder is left out without a word."""
    write(tmp_path / "a.pdf", b"\x00binary")
    write(tmp_path / "README", "notes")
    write(tmp_path / "b.txt", "Text.")
    write(tmp_path / ".hidden.odt", "hidden names stay unlisted")
    skipped: list[Skipped] = []
    assert [d.text for d in read_sources([tmp_path], strict=strict, skipped=skipped)] == ["Text."]
    assert [s.source for s in skipped] == [str(tmp_path / "README"), str(tmp_path / "a.pdf")]
    assert skipped[0].reason.startswith("not read: unknown file type (no suffix); kg reads .htm, .html, ")
    assert skipped[1].reason.startswith("not read: unknown file type '.pdf'; kg reads ")
    assert re.search(r"; kg reads [^;]*\.xhtml files, so rename it", skipped[1].reason)


@pytest.mark.parametrize("suffix", [".xhtml", ".xht", ".XHTML"])
def test_xhtml_is_read_as_html(tmp_path: Path, suffix: str) -> None:
    """XHTML is HTML written as XML: its declaration, namespace, self-closed tags and CDATA script
    are read as the HTML tokeniser reads them, and its head gives the title and date."""
    page = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Harbour news</title>'
            '<meta property="article:published_time" content="2021-03-04"/></head>'
            '<body><p>The film Quiet Tide was directed by Ines Moreau.<br/>It stars Kofi Tanaka.</p>'
            '<script>//<![CDATA[\nvar x = "<p>Hidden Person</p>";\n//]]></script></body></html>')
    write(tmp_path / "folder" / f"page{suffix}", page)
    skipped: list[Skipped] = []
    (doc,) = read_sources([tmp_path / "folder"], skipped=skipped)
    assert skipped == []
    assert doc.title == "Harbour news" and doc.date == "2021-03-04"
    assert doc.text == "The film Quiet Tide was directed by Ines Moreau.\n\nIt stars Kofi Tanaka."


@pytest.mark.parametrize("url", ["http://example.org/news/a.html", "https://example.org/a?b=c//d",
                                 "file:///srv/news/a.txt", "ftp://example.org/a.txt"])
def test_a_url_as_a_source_is_refused_and_named_as_given(url: str) -> None:
    with pytest.raises(InputError) as caught:
        read_sources([url])
    assert str(caught.value) == (f"{url}: a URL, not a file or folder: kg reads local files only and fetches "
                                 "nothing; save the page (.html) and give its path")


def test_a_url_through_the_cli_is_one_line_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = "http://example.org/news/a.html"
    result = subprocess.run([sys.executable, "-m", "kg.cli", "build", url, "--out", str(tmp_path / "out"), "-q"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert result.stderr == (f"kg: error: {url}: a URL, not a file or folder: kg reads local files only and "
                             "fetches nothing; save the page (.html) and give its path\n")


def test_a_folder_named_like_a_scheme_is_still_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "http:" / "x" / "a.txt", "Text.")
    monkeypatch.chdir(tmp_path)
    assert [d.text for d in read_sources(["http://x"])] == ["Text."]


@pytest.mark.parametrize("strict", [False, True])
def test_folder_without_articles_raises(tmp_path: Path, strict: bool) -> None:
    write(tmp_path / "notes.pdf", "x")
    write(tmp_path / ".hidden.txt", "Hidden.")
    (tmp_path / "sub").mkdir()
    with pytest.raises(InputError, match=f"^{re.escape(str(tmp_path))}: no articles found") as caught:
        list(read_sources([tmp_path], strict=strict))
    assert f"1 file of other types not read, the first {tmp_path / 'notes.pdf'}" in str(caught.value)


def test_folder_with_only_bad_articles_raises(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", "  ")
    skipped: list[Skipped] = []
    first = re.escape(str(tmp_path / "a.txt"))
    message = f"^{re.escape(str(tmp_path))}: no readable articles \\(2 skipped, the first {first}: empty"
    with pytest.raises(InputError, match=message):
        list(read_sources([tmp_path], skipped=skipped))
    assert [s.source for s in skipped] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_folder_order_is_sorted_and_hidden_names_ignored(tmp_path: Path) -> None:
    for name in ["b/z.txt", "a.txt", "c.md", "b/a/x.txt", "B.txt", ".git/config.txt", "b/.draft.txt"]:
        write(tmp_path / name, f"Article {name}.")
    write(tmp_path / "b" / "m.jsonl", jsonl({"text": "Line one."}, {"text": "Line two."}))
    sources = [d.source for d in read_sources([tmp_path])]
    expected = ["B.txt", "a.txt", "b/a/x.txt", "b/m.jsonl:1", "b/m.jsonl:2", "b/z.txt", "c.md"]
    assert sources == [str(tmp_path / s) for s in expected]
    assert sources == [d.source for d in read_sources([tmp_path])]


def test_paths_read_in_the_order_given(tmp_path: Path) -> None:
    b = write(tmp_path / "b.txt", "B.")
    a = write(tmp_path / "a.txt", "A.")
    assert [d.text for d in read_sources([b, a])] == ["B.", "A."]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loop_ends_and_reads_each_file_once(tmp_path: Path) -> None:
    write(tmp_path / "root" / "a.txt", "A.")
    write(tmp_path / "root" / "sub" / "b.txt", "B.")
    (tmp_path / "root" / "sub" / "loop").symlink_to(tmp_path / "root", target_is_directory=True)
    (tmp_path / "root" / "sub" / "self").symlink_to(".", target_is_directory=True)
    (tmp_path / "root" / "sub" / "c.txt").symlink_to(tmp_path / "root" / "a.txt")
    assert [d.text for d in read_sources([tmp_path / "root"])] == ["A.", "B."]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_linked_folder_is_followed(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "a.txt", "A.")
    write(tmp_path / "root" / "b.txt", "B.")
    (tmp_path / "root" / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert [d.source for d in read_sources([tmp_path / "root"])] == [
        str(tmp_path / "root" / "b.txt"), str(tmp_path / "root" / "link" / "a.txt")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_broken_link_is_an_unreadable_article(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    write(tmp_path / "ok.txt", "OK.")
    skipped: list[Skipped] = []
    assert len(list(read_sources([tmp_path], skipped=skipped))) == 1
    assert skipped[0].source == str(tmp_path / "gone.txt")
    assert skipped[0].reason.startswith("cannot read (No such file or directory)")
    with pytest.raises(InputError, match=r"gone\.txt: cannot read"):
        list(read_sources([tmp_path], strict=True))


def test_read_error_is_an_unreadable_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Works as root too, where file permissions do not stop reads."""
    locked = write(tmp_path / "locked.txt", "Secret.")
    write(tmp_path / "ok.txt", "OK.")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    skipped: list[Skipped] = []
    assert [d.text for d in read_sources([tmp_path], skipped=skipped)] == ["OK."]
    assert skipped == [Skipped(str(locked),
                               "cannot read (Permission denied); check that it exists and is readable")]
    with pytest.raises(InputError, match=r"locked\.txt: cannot read \(Permission denied\)"):
        list(read_sources([tmp_path], strict=True))
    with pytest.raises(InputError, match=r"locked\.txt: cannot read \(Permission denied\)"):
        list(read_sources([locked]))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.txt", "Secret.")
    write(tmp_path / "ok.txt", "OK.")
    locked.chmod(0)
    try:
        skipped: list[Skipped] = []
        assert len(list(read_sources([tmp_path], skipped=skipped))) == 1
        assert skipped[0].source == str(locked)
        assert skipped[0].reason.startswith("cannot read (Permission denied)")
        with pytest.raises(InputError, match=r"locked\.txt: cannot read"):
            list(read_sources([locked]))
    finally:
        locked.chmod(0o644)


# --- streaming and the registry ----------------------------------------------------------------


def test_reading_streams(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "b.txt", b"\x00")
    docs = read_sources([tmp_path], strict=True)
    assert isinstance(docs, types.GeneratorType)
    assert next(docs).text == "A."  # the bad file after it is not read yet
    with pytest.raises(InputError, match="binary file"):
        next(docs)


def test_register_reader(tmp_path: Path) -> None:
    @register_reader(".csvtext")
    def read_rows(path: Path) -> Iterator[Document | BadArticle]:
        for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if row:
                yield Document(text=row, source=f"{path}:{number}")
            else:
                yield BadArticle("empty row", number)

    try:
        path = write(tmp_path / "a.csvtext", "one\n\nthree\n")
        skipped: list[Skipped] = []
        assert [d.text for d in read_sources([tmp_path], skipped=skipped)] == ["one", "three"]
        assert skipped == [Skipped(f"{path}:2", "empty row")]
    finally:
        del _READERS[".csvtext"]
    with pytest.raises(ValueError, match="starts with a dot"):
        register_reader("txt")


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-06-25", "2019-06-25"),
        ("2019-06-25T10:00:00Z", "2019-06-25"),
        ("2019-06-25T23:30:00.123456-05:00", "2019-06-25"),
        (" 2019-06-25 10:00 ", "2019-06-25"),
        ("Tue, 25 Jun 2019 10:00:00 GMT", "2019-06-25"),
        ("25 Jun 2019 10:00:00 +0100", "2019-06-25"),
        ("2019-02-30", None),
        ("2019-06", None),
        ("June 25, 2019", None),
        ("25/06/2019", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected


# --- the bundled articles and the benchmark corpus ---------------------------------------------


def test_bundled_sources_read_as_three_documents() -> None:
    skipped: list[Skipped] = []
    docs = list(read_sources([SOURCES], strict=True, skipped=skipped))
    assert len(docs) == 3
    assert [Path(d.source).name for d in docs] == sorted(p.name for p in SOURCES.glob("*.txt"))
    assert len({d.id for d in docs}) == 3
    assert skipped == []


@pytest.mark.skipif(not BBC.is_file(), reason="benchmark corpus not present")
def test_bbc_corpus_reads_1730_documents() -> None:
    skipped: list[Skipped] = []
    count = 0
    for count, doc in enumerate(read_sources([BBC], strict=True, skipped=skipped), start=1):
        assert doc.source == f"{BBC}:{count}"
        assert doc.text.strip() and doc.title
    assert count == 1730
    assert skipped == []


# --- datelines: the publication date an article writes at its top ----------------------------------------

BODY = "The series Harbour Lights premiered on Tuesday and was directed by Nadia Ferrante."


@pytest.mark.parametrize(("header", "expected"), [
    ("Published: Tuesday 25 June 2019, 10:00 BST", "2019-06-25"),
    ("By Lena Brandt | June 25, 2019", "2019-06-25"),
    ("Posted on Jun. 25th, 2019 at 4:30 p.m.", "2019-06-25"),
    ("2019-06-25T10:00:00Z", "2019-06-25"),
    ("Last updated 27 June 2019\nFirst published 25 June 2019", "2019-06-25"),  # published wins
    ("Updated 27 June 2019", "2019-06-27"),  # only an update: better than nothing
    ("Published 31 June 2019", None),  # no such day
    ("Published Tuesday", None),  # no year is guessed
    ("Harbour Lights opened in June 2019", None),  # a month is not a day
])
def test_a_date_line_at_the_top_dates_a_text_article(tmp_path: Path, header: str, expected: str | None) -> None:
    doc = read_one(write(tmp_path / "a.txt", f"Harbour Lights returns\n{header}\n\n{BODY}\n"))
    assert doc.date == expected
    assert doc.text.endswith(BODY + "\n")  # the text is kept as written: offsets still point into the file


def test_a_news_dateline_opening_the_body(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "a.md", f"# Harbour Lights\n\nLOS ANGELES, May 31, 2019 (Reuters) — {BODY}\n"))
    assert (doc.title, doc.date) == ("Harbour Lights", "2019-05-31")
    assert read_one(write(tmp_path / "b.txt", f"NEW YORK, May 31 (AP) — {BODY}")).date is None


def test_dates_in_sentences_and_below_the_header_are_not_datelines(tmp_path: Path) -> None:
    in_sentence = f"{BODY} It was first shown on May 31, 2019 at a festival.\n"
    assert read_one(write(tmp_path / "a.txt", in_sentence)).date is None
    deep = "\n\n".join(f"Paragraph {i} says something about the series." for i in range(10)) + "\n\n31 May 2019\n"
    assert read_one(write(tmp_path / "b.txt", deep)).date is None


def test_metadata_dates_win_over_datelines(tmp_path: Path) -> None:
    page = ('<html><head><meta property="article:published_time" content="2019-06-01T08:00:00Z"></head>'
            f"<body><p>Published 25 June 2019</p><p>{BODY}</p></body></html>")
    assert read_one(write(tmp_path / "a.html", page)).date == "2019-06-01"
    bare = f"<html><body><p>Published 25 June 2019</p><p>{BODY}</p></body></html>"
    assert read_one(write(tmp_path / "b.html", bare)).date == "2019-06-25"
    lines = jsonl({"text": f"Published 25 June 2019\n\n{BODY}", "date": "2019-06-02"},
                  {"text": f"Published 25 June 2019\n\n{BODY}"})
    docs = list(read_sources([write(tmp_path / "c.jsonl", lines)]))
    assert [d.date for d in docs] == ["2019-06-02", "2019-06-25"]


def test_a_dateline_dates_relative_dates_and_the_article(tmp_path: Path) -> None:
    """End to end: the article node has the dateline's date and "Tuesday" is read against it."""
    from kg.pipeline import run_pipeline

    write(tmp_path / "a.txt", f"Harbour Lights premieres\nPublished: Thursday 27 June 2019\n\n{BODY}\n")
    graph, _ = run_pipeline([tmp_path / "a.txt"], quiet=True)
    quads = list(graph.to_rdflib().quads((None, None, None, None)))
    assert {str(o) for _, p, o, _ in quads if str(p).endswith("datePublished")} == {"2019-06-27"}
    premiered = {str(o) for _, p, o, _ in quads if str(p).endswith("publicationDate")}
    assert premiered == {"2019-06-25"}, premiered
