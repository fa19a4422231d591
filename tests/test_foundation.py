"""The foundation: settings per mode, the home page, /healthz, error pages, static files."""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import REPO

GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"


def run_python(code, env, settings_module):
    env = {**env, "DJANGO_SETTINGS_MODULE": settings_module}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )


SHOW = "import django; django.setup(); from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY[:4])"


@pytest.mark.parametrize(
    ("module", "expected"),
    [("newsroom.settings.dev", "True dev-"), ("newsroom.settings.test", "False test")],
)
def test_settings_load_in_each_mode(clean_env, module, expected):
    result = run_python(SHOW, clean_env, module)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_production_settings_load_with_a_real_key(clean_env):
    result = run_python(SHOW, {**clean_env, "SECRET_KEY": GOOD_KEY}, "newsroom.settings.prod")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False k3y-"


@pytest.mark.parametrize(
    ("env_extra", "cached"),
    [
        ({}, "False"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/9"}, "True"),
        ({"PAGE_CACHE": "on"}, "True"),
    ],
)
def test_production_caches_public_pages_only_in_a_shared_cache(clean_env, env_extra, cached):
    """Local memory is per process: a withdrawn story must not stay on another worker's copy."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; print(s.PAGE_CACHE)"
    )
    env = {k: v for k, v in clean_env.items() if k not in {"REDIS_URL", "PAGE_CACHE"}}
    env = {**env, "SECRET_KEY": GOOD_KEY, **env_extra}
    result = run_python(code, env, "newsroom.settings.prod")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == cached


@pytest.mark.parametrize(
    "env_extra",
    [{}, {"SECRET_KEY": "short"}, {"SECRET_KEY": "dev-insecure-key-never-used-in-production" * 2}],
    ids=["missing", "short", "insecure"],
)
def test_production_refuses_a_missing_or_weak_secret_key(clean_env, env_extra):
    result = run_python(SHOW, {**clean_env, **env_extra}, "newsroom.settings.prod")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug(clean_env):
    env = {**clean_env, "SECRET_KEY": GOOD_KEY, "DEBUG": "true"}
    result = run_python(SHOW, env, "newsroom.settings.prod")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_database_url_selects_the_database(clean_env):
    code = "import django; django.setup(); from django.db import connection as c; print(c.vendor, c.settings_dict['NAME'])"
    env = {**clean_env, "DATABASE_URL": "postgres://someone@db.example:5432/archive"}
    result = run_python(code, env, "newsroom.settings.dev")
    assert result.stdout.strip() == "postgresql archive"
    env.pop("DATABASE_URL")
    result = run_python(code, env, "newsroom.settings.dev")
    assert result.stdout.strip() == f"sqlite {REPO / 'db.sqlite3'}"


def test_test_settings_are_cheap():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert settings.DEFAULT_AUTO_FIELD == "django.db.models.BigAutoField"


@pytest.mark.django_db
def test_home_page_renders_with_landmarks(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert "Content-Security-Policy" in response.headers
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_is_503_when_the_database_is_unreachable(clean_env, tmp_path):
    # A real, unreachable database: nothing listens on port 9, and a folder that does not exist.
    code = (
        "import django, json; django.setup(); from django.test import Client;"
        "r = Client(SERVER_NAME='localhost').get('/healthz'); print(r.status_code, json.dumps(r.json()))"
    )
    for url in (
        "postgres://nobody@127.0.0.1:9/none",
        f"sqlite:///{tmp_path}/missing/dir/db.sqlite3",
    ):
        result = run_python(code, {**clean_env, "DATABASE_URL": url}, "newsroom.settings.test")
        assert result.returncode == 0, result.stderr
        status, body = result.stdout.strip().split(" ", 1)
        assert status == "503"
        assert json.loads(body)["database"] == "unreachable"


@pytest.mark.django_db
def test_404_page_reveals_nothing_internal(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Traceback" not in html and "urlpatterns" not in html and "newsroom.urls" not in html


def test_500_page_is_self_contained():
    html = (REPO / "templates" / "500.html").read_text()
    assert "{%" not in html and "Something went wrong" in html


def test_static_file_is_served_by_whitenoise(live_server):
    import urllib.request

    with urllib.request.urlopen(f"{live_server.url}/static/css/site.css") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/css")
        assert b"--accent" in response.read()


@pytest.mark.django_db
def test_the_suite_talks_to_the_configured_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert connection.vendor in {"sqlite", "postgresql"}
