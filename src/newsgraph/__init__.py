"""newsgraph: who said what, and who did what to whom, when and where, from news articles.

    >>> import newsgraph
    >>> doc = newsgraph.analyze("Tokayev said on Friday ...", published="2022-01-08")
    >>> doc.to_dict()  # schema-1 JSON
"""

from newsgraph.errors import InputError, NewsgraphError
from newsgraph.model import Actor, Article, Document, Event, Place, Quote, Span
from newsgraph.pipeline import analyze, analyze_articles
from newsgraph.read import iter_articles
from newsgraph.settings import Settings

__all__ = [
    "Actor",
    "Article",
    "Document",
    "Event",
    "InputError",
    "NewsgraphError",
    "Place",
    "Quote",
    "Settings",
    "Span",
    "analyze",
    "analyze_articles",
    "iter_articles",
]
__version__ = "0.1.0"
