"""The ingest stage: files and folders of articles → ``Document`` records.

Formats are chosen by suffix from a registry (``register_reader``): ``.txt``, ``.md``,
``.html``/``.htm``/``.xhtml``/``.xht`` and ``.jsonl`` are built in. Files of other types in a
folder are listed as skipped (not read), never guessed at.
"""
from __future__ import annotations

from kg.ingest import html, jsonl, text  # noqa: F401 (importing registers the readers)
from kg.ingest.registry import BadArticle, Reader, register_reader
from kg.ingest.sources import Skipped, read_sources

__all__ = ["BadArticle", "Reader", "Skipped", "read_sources", "register_reader"]
