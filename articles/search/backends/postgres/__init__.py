"""Story search on PostgreSQL: ``backend`` (the queries), ``planner`` (how common a query is,
from the planner's statistics), ``schema`` (the tsvector document, its triggers and indexes),
``tsquery`` (parsed queries as tsquery SQL)."""

from .backend import PostgresBackend

__all__ = ["PostgresBackend"]
