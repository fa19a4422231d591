"""Old addresses of merged people and organizations lead readers to the record kept."""

from django.urls import reverse

from articles.coverage import with_public_coverage
from people.merging import redirect_if_merged


def redirect_if_merged_publicly(model, slug, url_name):
    """A 301 to the public page of the record ``slug`` was merged into, or None.

    Asked only once no public record answers at ``slug``.

    None too when readers may not see the record kept: the public site names no one it may
    not, even by redirecting to them.
    """
    return redirect_if_merged(
        model,
        slug,
        lambda kept: reverse(url_name, kwargs={"slug": kept.slug}),
        with_public_coverage(model._default_manager.all()),
    )
