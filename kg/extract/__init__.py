"""Extraction: one parsed article → mentions and candidate facts, each with its rule and evidence.

Rules live in :mod:`kg.extract.rules` (registered by versioned name) and read the words in
``data/*.json``; :mod:`kg.extract.mentions` finds what the article names.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.model import Candidate, Document, EventCandidate, Mention, QuoteCandidate, StatCandidate

if TYPE_CHECKING:
    from spacy.tokens import Doc

RULESET_VERSION = "1"


@dataclass(frozen=True)
class Extraction:
    """What one article yields, before entities are resolved across mentions and articles."""

    document: Document
    mentions: tuple[Mention, ...]
    candidates: tuple[Candidate, ...]
    statistics: tuple[StatCandidate, ...]
    events: tuple[EventCandidate, ...]
    rule_counts: dict[str, int]
    quotes: tuple[QuoteCandidate, ...] = ()


def extract(doc: Doc, document: Document) -> Extraction:
    """Run mention detection and every registered rule over one parsed article."""
    from kg.extract.aliases import join_aliases
    from kg.extract.calibration import calibrated
    from kg.extract.context import Context
    from kg.extract.lexicon import lexicon
    from kg.extract.mentions import detect
    from kg.extract.rules import run_rules

    lex = lexicon()
    ctx = Context(doc, document, join_aliases(doc, detect(doc, lex)), lex)
    cands: list[Candidate] = []
    stats: list[StatCandidate] = []
    events: list[EventCandidate] = []
    quotes: list[QuoteCandidate] = []
    counts: dict[str, int] = {}
    for item in run_rules(ctx):
        rule = item.evidence.rule
        ev = calibrated(item.evidence)
        if ev is not item.evidence:
            item = dataclasses.replace(item, evidence=ev)
        counts[rule] = counts.get(rule, 0) + 1
        if isinstance(item, Candidate):
            cands.append(item)
        elif isinstance(item, StatCandidate):
            stats.append(item)
        elif isinstance(item, QuoteCandidate):
            quotes.append(item)
        else:
            events.append(item)
    for m in ctx.mentions:
        counts[m.rule] = counts.get(m.rule, 0) + 1
    return Extraction(document, tuple(ctx.mentions), tuple(cands), tuple(stats), tuple(events), counts,
                      tuple(quotes))
