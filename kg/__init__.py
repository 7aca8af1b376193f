"""kg: knowledge graphs from news articles.

``import kg`` is cheap; spaCy and the stores load on first use.

    g = kg.build(["sources/"]); g.query("SELECT ..."); g.save("output/"); kg.load("output/")
"""
from __future__ import annotations

from kg.api import KnowledgeGraph, build, load
from kg.errors import KGError

__all__ = ["KGError", "KnowledgeGraph", "build", "load"]
__version__ = "0.1.0"
