"""Admin lists, searches and history pages that answer a bad address with 400 or 404, never 500.

A changelist's query string is the admin's own little query language (``?status__exact=…``,
``?published_at__year=…``, ``?o=2.-1``): a hand-edited or mangled address can name a field
that does not exist, a regular expression the database rejects, or a year past 9999. Django
turns some of these into a redirect to a "database error" page and lets others fail while the
page is drawn; here every one of them is a 400 that says what was wrong and links to the
unfiltered list.
"""

import logging

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db import DatabaseError, router, transaction
from django.http import Http404
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)

# What a query string can provoke: unknown fields, impossible values, out-of-range dates and
# expressions the database refuses (PostgreSQL's DataError, SQLite's OperationalError).
BAD_QUERY_ERRORS = (
    IncorrectLookupParameters,
    FieldError,
    ValidationError,
    ValueError,
    OverflowError,
    DatabaseError,
)


class QuerySafeAdminMixin:
    """Goes first in an admin's bases (``core.admin_tools.ArchiveAdmin`` has it)."""

    bad_query_template = "admin/bad_query.html"

    def changelist_view(self, request, extra_context=None):
        try:
            # A savepoint, so a refused query leaves the connection usable for the error page.
            with transaction.atomic(using=router.db_for_read(self.model)):
                response = super().changelist_view(request, extra_context)
                if hasattr(response, "render"):
                    # Drawn here, inside the guard: the rows are only fetched while rendering.
                    response.render()
        except BAD_QUERY_ERRORS as error:
            return self.bad_query_response(request, error)
        return response

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters:
            raise
        except (FieldError, ValidationError, ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    def bad_query_response(self, request, error):
        logger.info("Refused admin list address %s: %r", request.get_full_path(), error)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"These {opts.verbose_name_plural} cannot be listed that way",
            "opts": opts,
            "reason": describe(error),
            "list_url": request.path,
        }
        return TemplateResponse(request, self.bad_query_template, context, status=400)

    def get_object(self, request, object_id, from_field=None):
        # ``?_to_field=`` (empty) names no field; Django would look up a field called "".
        try:
            return super().get_object(request, object_id, from_field)
        except FieldDoesNotExist:
            return None

    def to_field_allowed(self, request, to_field):
        # Hidden reverse relations are named "...+"; Django would take one for a field.
        if to_field.endswith("+"):
            return False
        return super().to_field_allowed(request, to_field)

    def history_view(self, request, object_id, extra_context=None):
        self.check_id(self.model._meta.pk, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.check_id(self.model._meta.pk, object_id)
        self.check_id(self.model.history.model._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def check_id(self, field, raw):
        """404 unless ``raw`` (from the address) can be a value of the key ``field``."""
        try:
            value = field.to_python(unquote(raw))
            field.get_prep_value(value)
        except (ValidationError, ValueError, TypeError, OverflowError) as error:
            raise Http404(f"No {self.model._meta.verbose_name} has the id “{raw}”.") from error
        if isinstance(value, int) and not -(2**63) <= value < 2**63:
            raise Http404(f"No {self.model._meta.verbose_name} has the id “{raw}”.")


def describe(error):
    """A sentence an editor can act on, without the database's internals."""
    if isinstance(error, IncorrectLookupParameters) and error.__cause__ is not None:
        error = error.__cause__
    if isinstance(error, IncorrectLookupParameters) and error.args:
        inner = error.args[0]
        error = inner if isinstance(inner, Exception) else error
    if isinstance(error, DatabaseError):
        return (
            "The database refused one of the filters in the address (for example a pattern "
            "that is not a valid regular expression)."
        )
    if isinstance(error, OverflowError):
        return "A number or date in the address is out of range."
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "One of the filters in the address is not valid."
