"""Cursor pagination, conditional GETs and the anonymous rate limit for the API."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.throttling import AnonRateThrottle

MAX_PAGE_SIZE = 200


class Cursor(CursorPagination):
    """Opaque ``next``/``previous`` links over a fixed, unique ordering (set per view)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_cursor_message = "That cursor is not one this API gave out; start from the first page."

    def get_paginated_response_schema(self, schema):
        link = {"type": ["string", "null"], "format": "uri", "description": "Or null."}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": "The next page, or null on the last."},
                "previous": {**link, "description": "The previous page, or null on the first."},
                "results": schema,
            },
        }

    def get_ordering(self, request, queryset, view):
        return view.ordering

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {"page_size": [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound as error:  # DRF answers a bad cursor with 404; it is a bad parameter
            raise ValidationError({"cursor": [self.invalid_cursor_message]}) from error


class AnonymousRate(AnonRateThrottle):
    """Anonymous callers: API_ANON_RATE requests (e.g. "120/minute") per address."""

    def get_rate(self):
        return settings.API_ANON_RATE


def mark_caching(request, response, staff):
    """Staff answers (and errors) are not kept; anonymous answers (and their 304s) may be, for a
    minute."""
    patch_vary_headers(response, ("Cookie", "Authorization"))
    if staff or response.status_code not in {200, 304}:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
    return response
