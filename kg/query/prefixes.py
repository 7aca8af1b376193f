"""The prefixes every query may use without declaring them, and that results are shortened with.

kg's own (``kgo:``, ``kgr:``, ``schema:``, ``wd:``, ``wdt:``) come from :mod:`kg.vocab`; the rest
are rdflib's well-known set (``rdf:``, ``rdfs:``, ``xsd:``, ``owl:``, ``skos:``, ``prov:``, …),
so a name a table prints can be pasted back into a query.

Examples
--------
>>> shorten_iri("https://w3id.org/kg/id/person/jane-doe")
'kgr:person/jane-doe'
>>> shorten_iri("http://example.org/x")
'<http://example.org/x>'
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from types import MappingProxyType

from rdflib import Graph
from rdflib.namespace import NamespaceManager

from kg.vocab import DEFAULT_BASE, ONTOLOGY_IRI, SCHEMA, WD, WDT, plain_prefixes

__all__ = ["PREFIXES", "prefixes_for", "shorten_iri"]


def _well_known() -> dict[str, str]:
    own = {"kgo": ONTOLOGY_IRI, "kgr": DEFAULT_BASE, "schema": str(SCHEMA), "wd": str(WD), "wdt": str(WDT)}
    rdflib_ns = NamespaceManager(Graph(), bind_namespaces="rdflib").namespaces()
    others = {prefix: str(ns) for prefix, ns in sorted(rdflib_ns) if prefix not in own and prefix != "xml"}
    return {**own, **others}


PREFIXES = MappingProxyType(_well_known())
# longest namespace first, so the most specific prefix wins
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0]))
_LOCAL = re.compile(r"[\w.\-/]*")


def shorten_iri(iri: str) -> str:
    """``prefix:local`` when a known namespace starts ``iri`` and the rest is name-like, else ``<iri>``."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and _LOCAL.fullmatch(iri, len(ns)):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def prefixes_for(iris: Iterable[str]) -> dict[str, str]:
    """The known prefixes that write each of ``iris`` they match as a plain name (``kgo:director``).

    A prefix under which some IRI would need escapes in Turtle (``kgr:person\\/jane-doe``) is
    left out, so those IRIs are written whole.

    >>> prefixes_for(["https://w3id.org/kg/ontology#director", "https://w3id.org/kg/id/person/jane-doe"])
    {'kgo': 'https://w3id.org/kg/ontology#'}
    """
    return plain_prefixes(PREFIXES.items(), iris)

