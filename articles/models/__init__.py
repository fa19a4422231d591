from .ingest import ImportedStory, Suggestion
from .parts import Correction, Mention, Photo, Quote
from .revisions import REVIEWED_FIELDS, ArticleRevision
from .stories import Article, ArticleAlias, ArticleQuerySet, Byline, Section
from .tallies import CoverageTally, StoryTally

__all__ = [
    "REVIEWED_FIELDS",
    "Article",
    "ArticleAlias",
    "ArticleQuerySet",
    "ArticleRevision",
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
