"""Deleting a person or organization that coverage refers to is refused, with the stories.

Stories link to people and organizations through mentions (and bylines); the database would
quietly drop those mentions with the record, and its public page would turn into a 404. The
admin's delete page lists the stories instead and refuses, as it does for other protected
records: remove the mentions from those stories first, or, for a duplicate, merge it into the
record to keep (the change list's merge action). Outside the admin the database refuses too
(mentions protect what they point at).
"""

# How many stories the refusal lists by name before summing up the rest.
LISTED = 20


class CoverageProtectedMixin:
    """For admins of models that stories mention: name the relations that protect a record."""

    coverage_relations = ("mentions",)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms, protected = super().get_deleted_objects(objs, request)
        stories = []
        for obj in objs:
            for relation in self.coverage_relations:
                for mention in getattr(obj, relation).select_related("article")[: LISTED + 1]:
                    stories.append(f"{obj} — in the story “{mention.article}”")
        if stories:
            shown = stories[:LISTED]
            if len(stories) > LISTED:
                shown.append("…and more stories: filter the archive by this name to see them all")
            shown.append(
                "A duplicate? Merge it into the record to keep instead "
                "(“Merge selected duplicates” in the list): its stories move with it."
            )
            protected = [*protected, *shown]
        return deleted, counts, perms, protected
