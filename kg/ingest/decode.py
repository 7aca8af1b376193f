"""Bytes to article text: UTF-8 (BOM or not) or UTF-16 with a BOM, newlines as ``\\n``.

Anything else is refused rather than guessed at, so a mis-encoded file shows up in the skipped
list instead of as mojibake in the graph.
"""
from __future__ import annotations

import codecs

from kg.ingest.registry import BadArticle

# How far into a file to look for NUL bytes when sniffing a stream (git looks at 8,000 bytes).
SNIFF_BYTES = 8000

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_utf16(head: bytes) -> bool:
    """Whether ``head`` (a file's first bytes) starts with a UTF-16 byte-order mark."""
    return head.startswith(_UTF16_BOMS)


def check_not_binary(data: bytes) -> None:
    """Raise ``BadArticle`` when ``data`` (not UTF-16) holds NUL bytes, the mark of a binary file."""
    if b"\x00" in data:
        raise BadArticle("binary file (contains NUL bytes); give a text article or remove it")


def decode_utf8(data: bytes, what: str = "file") -> str:
    """Decode UTF-8 (a leading BOM dropped) or raise ``BadArticle`` saying where it breaks."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadArticle(
            f"not UTF-8 text (invalid byte 0x{data[err.start]:02x} at byte {err.start} of the {what}); "
            "save it as UTF-8"
        ) from None


def decode(data: bytes) -> str:
    """The text of a whole file, newlines normalised to ``\\n``.

    Examples
    --------
    >>> decode(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9\\r\\nbar\\r")
    'café\\nbar\\n'
    >>> decode("\\ufeffhi".encode("utf-16-le"))
    'hi'
    """
    if is_utf16(data):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise BadArticle("not UTF-16 text (a UTF-16 byte-order mark, then invalid data); "
                             "save it as UTF-8") from None
        if "\x00" in text:
            raise BadArticle("binary file (contains NUL characters); give a text article or remove it")
    else:
        check_not_binary(data)
        text = decode_utf8(data)
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; other line separators stay, as they are text."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
