"""Signing in: which address a sign-in comes from (for the throttle) and how long a staff
session lasts without activity.

The throttle itself is django-axes (settings: ``AXES_*``); these are the two pieces it and
Django's sessions need to know about how the newsroom runs.
"""

import time

from django.conf import settings

# Writing the session on every request would cost a database write per page; once every few
# minutes keeps the idle clock accurate enough for a limit counted in hours.
TOUCH_EVERY = 300


def client_ip(request):
    """The reader's address. Behind the production proxy the connection comes from the proxy
    itself, so the proxy's ``X-Real-IP`` (which it always overwrites) is the address to count
    (``CLIENT_IP_HEADER``); anywhere else, the connection's own address."""
    header = settings.CLIENT_IP_HEADER
    # None when there is no connection at all (a sign-in made in code, as tests do).
    return (header and request.META.get(header)) or request.META.get("REMOTE_ADDR") or None


def start_idle_clock(sender, request=None, user=None, **kwargs):
    """At sign-in, saved with the new session: the first pages after it write nothing more."""
    if request is not None and hasattr(request, "session"):
        request.session["seen"] = int(time.time())


class StaffSessionIdleMiddleware:
    """Signed-in sessions end after ``SESSION_COOKIE_AGE`` (a working day) without activity.

    Django counts a session's age from its last save; saving it every few minutes while the
    user is active turns that into an idle limit. Readers who never sign in get no session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get("seen", 0) >= TOUCH_EVERY:
                request.session["seen"] = now
        return self.get_response(request)


def locked_out(request, response=None, credentials=None):
    """The page a throttled sign-in gets (django-axes' ``AXES_LOCKOUT_CALLABLE``): 429, and
    what to do about it."""
    from django.contrib import admin
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {**admin.site.each_context(request), "minutes": minutes, "username": username}
    return render(request, "registration/locked_out.html", context, status=429)
