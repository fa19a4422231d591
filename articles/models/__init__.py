from .parts import Correction, Mention, Photo, Quote
from .stories import Article, ArticleQuerySet, Byline, Section

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "Mention",
    "Photo",
    "Quote",
    "Section",
]
