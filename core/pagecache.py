"""Whole public pages kept in the shared cache (Redis through ``REDIS_URL``; local memory when
unset), for readers who are not signed in.

Every cached page is kept with the generation number it was drawn under; the current number
lives in the cache too, and both are read in one round trip. Any change to what a public page
may show (a story published, edited or withdrawn, a mention, a fact: ``bump()``, called on
every save and delete of the archive's models) moves the generation on, so every page cached
before it is stale at once, for every app server sharing the cache; a stale page is drawn
again and replaces the old one, or expires on its own. A page is kept at most ``PAGE_TTL`` seconds,
which also bounds how late a scheduled story appears on lists (nothing is written when its
time comes).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from core.replicas import primary

GENERATION_KEY = "public-pages:generation"
PAGE_TTL = 300
CACHED_STATUSES = {200, 301, 404, 410}
KEPT_HEADERS = ("Content-Type", "Location", "ETag", "Last-Modified", "X-Robots-Tag")


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return value


def bump(**kwargs):
    """Every cached public page is stale from now on (a signal receiver: ignores its arguments)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: start a generation no page was cached under
        cache.add(GENERATION_KEY, 2, timeout=None)


def cacheable(request):
    # A request with a session cookie may be staff (previews, drafts): never served from
    # or written to the shared cache.
    return (
        settings.PAGE_CACHE
        and request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def page_key(request):
    # Addresses are as long as a reader makes them: a digest keeps every key short.
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"public-page:{address}"


def lookup(key):
    """(the current generation, the page kept under ``key`` if drawn in it, else None)."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        return generation(), None
    kept = found.get(key)
    if kept is None or kept[0] != current:
        return current, None
    return current, kept[1:]


def watch(models):
    """Call ``bump()`` after every save and delete of ``models`` (their history rows aside)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in models:
        if model.__name__.startswith("Historical"):
            continue
        label = model._meta.label_lower
        post_save.connect(bump, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(bump, sender=through, dispatch_uid=f"pagecache-m2m-{label}")


def cached_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        current, hit = lookup(key)
        if hit is not None:
            status, headers, content = hit
            modified = parse_http_date_safe(headers.get("Last-Modified") or "")
            conditional = get_conditional_response(
                request, etag=headers.get("ETag"), last_modified=modified
            )
            if conditional is not None and status == 200:
                return conditional
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        # A page about to be kept is read from the primary: a lagging replica would otherwise
        # keep the page from before a change for PAGE_TTL, after the change bumped the cache.
        with primary():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if (
            response.status_code in CACHED_STATUSES
            and not response.streaming
            and "no-store" not in response.get("Cache-Control", "")
        ):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            # Kept under the generation read before drawing it: a change made meanwhile has
            # moved the generation on, so the page is not served as current.
            cache.set(key, (current, response.status_code, headers, response.content), PAGE_TTL)
        return response

    return wrapped
