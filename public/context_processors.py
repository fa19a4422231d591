from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    """The site's name and its sections (queried only when a template shows them)."""
    from articles.models import Section

    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.all())),
    }
