"""Reads from a read replica, writes and a writer's own next reads from the primary.

Configured by ``DATABASE_REPLICA_URL`` (newsroom/settings/base.py): the ``replica`` alias is a
streaming copy of ``default`` and never migrated or written. A replica lags, so someone who has
just saved must not be shown the page from before their save: every request that may write
(any method but GET, HEAD and OPTIONS) reads from the primary, and so does the same browser for
``REPLICA_PIN_SECONDS`` afterwards (a cookie), the time the replica is given to catch up.
Code that must read its own write outside a request wraps it in ``primary()``.
"""

import contextlib
import contextvars

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PIN_COOKIE = "primary_pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_on_primary = contextvars.ContextVar("on_primary", default=False)


@contextlib.contextmanager
def primary():
    """Within this block every read goes to the primary."""
    token = _on_primary.set(True)
    try:
        yield
    finally:
        _on_primary.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _on_primary.get() or REPLICA not in connections.settings:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # One database seen twice: a row read from the replica may point at one from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class ReadYourWritesMiddleware:
    """Pins a writing request, and the same browser for a while after it, to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in SAFE_METHODS
        if not (writes or PIN_COOKIE in request.COOKIES):
            return self.get_response(request)
        with primary():
            response = self.get_response(request)
        if writes:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
