"""The API's own 404 for addresses it does not have: JSON, like every other answer."""

from django.http import JsonResponse


def not_found(request):
    return JsonResponse(
        {"detail": "There is no such address in the API; see /api/v1/docs/."}, status=404
    )
