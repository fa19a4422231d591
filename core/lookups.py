"""``field__one_of=[...]``: a field equal to any value of a long list, sent as one parameter.

``__in`` writes one placeholder per value, and the driver parses the whole statement again for
every query whose text is too long to keep (psycopg keeps only short ones), so a query with a
few thousand ids spends more time in Python than in the database. Here the list travels as one
value: a PostgreSQL array (``= ANY(%s)``), or on SQLite a JSON array read by ``json_each``.
"""

import json

from django.db.models import ForeignKey, IntegerField, Lookup


class OneOf(Lookup):
    lookup_name = "one_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [int(v) for v in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*lhs_params, json.dumps(values)]


def register():
    IntegerField.register_lookup(OneOf)
    ForeignKey.register_lookup(OneOf)
