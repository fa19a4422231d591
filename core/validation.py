"""Constraint messages in the newsroom's words, beside the field they are about.

A model lists ``field_messages``: constraint name -> (field, message). Its ``clean`` checks
those constraints first and reports each failure on its field, so the form shows "Enter a
share between 0 and 100." next to the share instead of "Constraint “…” is violated." between
rows; Django then skips the same constraint for that field. The database constraint stays as
the last line of defence.
"""

from django.core.exceptions import ValidationError
from django.db import models


class FieldMessagesMixin(models.Model):
    field_messages = {}

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        for constraint in self._meta.constraints:
            if constraint.name not in self.field_messages:
                continue
            field, message = self.field_messages[constraint.name]
            try:
                constraint.validate(type(self), self)
            except ValidationError:
                errors.setdefault(field, []).append(ValidationError(message, code=constraint.name))
        if errors:
            raise ValidationError(errors)
