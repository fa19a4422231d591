"""Request guards that belong in front of every view, and headers every response carries."""

from django.conf import settings
from django.http import HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """A NUL byte in a query string is never meaningful, and PostgreSQL refuses it in queries:
    answer 400 at the door rather than a 500 deep inside a view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "The address contains a NUL character, which no search or filter accepts.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` (feature: allowed
    origins; an empty list switches the feature off for the page and anything it embeds)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
