"""Production: refuses to start without a real secret key or with DEBUG on."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

if not SECRET_KEY or len(set(SECRET_KEY)) < 5 or len(SECRET_KEY) < 50 or "insecure" in SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production "
        "(python -c 'from django.core.management.utils import get_random_secret_key as k; print(k())')."
    )
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be off in production.")

# A cached public page is dropped for every app server process at once only when they share
# the cache. With local memory (REDIS_URL unset) each gunicorn worker keeps its own copies,
# and a story withdrawn through one worker would stay on the others' for minutes: without
# Redis, public pages are drawn for every request unless PAGE_CACHE=on says otherwise (one
# process, say).
if not os.environ.get("REDIS_URL") and "PAGE_CACHE" not in os.environ:
    PAGE_CACHE = False

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# /healthz answers the load balancer over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not SECURE_HSTS_PRELOAD:
    # Preloading commits every subdomain of the site's domain to HTTPS for months and
    # cannot be undone quickly: the operator opts in with SECURE_HSTS_PRELOAD=true.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
