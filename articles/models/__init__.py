from .ingest import ImportedStory, Suggestion
from .parts import Correction, Mention, Photo, Quote
from .stories import Article, ArticleAlias, ArticleQuerySet, Byline, Section
from .tallies import CoverageTally, StoryTally

__all__ = [
    "Article",
    "ArticleAlias",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "CoverageTally",
    "ImportedStory",
    "Mention",
    "Photo",
    "Quote",
    "Section",
    "StoryTally",
    "Suggestion",
]
