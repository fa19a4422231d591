"""HTTP conventions shared by public pages: caching and paginating."""

from functools import wraps

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.pagecache import cached_page

PUBLIC_MAX_AGE = 300


def public_cache(view):
    """Anonymous readers' pages may be cached briefly by browsers and CDNs, and are kept in the
    shared cache (core.pagecache); signed-in pages never."""

    view = cached_page(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in {200, 301, 304, 404, 410} and "Cache-Control" not in response:
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


def paginate(request, object_list, per_page):
    """The requested page, or 404 for a page that is not a positive number in range."""
    paginator = Paginator(object_list, per_page)
    number = request.GET.get("page") or "1"
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404("No such page.") from error


def without_empty_params(request):
    """The request's query string minus empty fields, or None if it has none to drop.

    A submitted filter form sends every field; redirecting to the short form keeps the
    address that editors bookmark and share readable.
    """
    pairs = [(key, value) for key, values in request.GET.lists() for value in values]
    kept = [(key, value) for key, value in pairs if value.strip()]
    if len(kept) == len(pairs):
        return None
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in kept:
        query.appendlist(key, value)
    return f"{request.path}?{query.urlencode()}" if kept else request.path
