"""The graph page: one self-contained, offline HTML file for exploring the knowledge graph.

``write_page(dataset, path)`` draws every entity coloured and shaped by class (legend), sized by
its number of facts, with edges labelled by property; roles read as ``cast member (as …)``,
statistics and events as small labelled nodes. Clicking a node or an edge opens a panel with its
facts and, for each, the source sentences with the evidence span highlighted. The page has a
search box, filters by class, article and minimum confidence, a timeline strip, and for big
graphs starts from the most connected nodes and expands on demand.

Imports only rdflib and :mod:`kg.vocab` (never spaCy); see :mod:`kg.viz.page` for why the page
template is our own around the vis-network that pyvis ships.
"""
from __future__ import annotations

from kg.viz.data import graph_view
from kg.viz.page import render_page, write_page

__all__ = ["graph_view", "render_page", "write_page"]
