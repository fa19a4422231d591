"""Data entry for the civic graph: people, organizations, offices, races and the facts about
them, one module per part of the graph (each registers its admins on import)."""

from . import campaigns, offices, people, races  # noqa: F401
