"""The test suite: cheap hashing, local-memory cache, plain static storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-insecure-key-never-used-in-production"
# Argon2 is what production stores (base); tests that sign in many times use the cheapest hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests render pages without running collectstatic first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the finders: no collectstatic before a test run.
WHITENOISE_USE_FINDERS = True

# The demo archive and the synthetic corpus (manage.py load_demo, generate_corpus).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405

# Every test request comes from one address; the rate-limit test sets its own low rate.
API_ANON_RATE = "100000/minute"
