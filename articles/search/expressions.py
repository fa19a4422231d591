"""SQL over the story search document that follows the story table wherever Django puts it.

The document is not a Django field, so its SQL names the story table itself. These expressions
take the table's alias from the query they join and update it when Django relabels the query
as a subquery (``pk__in=...``, ``Exists``), which plain RawSQL would not.
"""

from django.db.models import BooleanField, Expression, FloatField


class OnStoryTable(Expression):
    def __init__(self, template, params, output_field):
        super().__init__(output_field=output_field)
        self.template, self.params, self.alias = template, tuple(params), None

    def resolve_expression(self, query=None, *args, **kwargs):
        clone = self.copy()
        clone.alias = query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(self.alias)
        return self.template.format(table=table), list(self.params)

    def get_group_by_cols(self):
        return [self]


def condition(template, params):
    return OnStoryTable(template, params, BooleanField())


def score(template, params):
    return OnStoryTable(template, params, FloatField())
