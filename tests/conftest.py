import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"

# Browser tests drive Playwright's sync API inside pytest's event loop next to Django's
# live server; Django's async guard would otherwise refuse the ORM calls around them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves no cached pages behind."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeds_dir():
    """The real seed stories, where the shared folder sits beside the checkout."""
    if not (SEEDS / "README.md").exists():
        pytest.skip("../shared/seeds is not present on this machine")
    return SEEDS


@pytest.fixture
def clean_env():
    """The process environment without the variables settings read, for subprocess checks."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    return env


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return (
        f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or ''} {db['NAME']}".rstrip()
    )
