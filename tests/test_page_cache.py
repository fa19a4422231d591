"""The shared page cache: readers get cached public pages, and a withdrawn story leaves every
cached page at once, in this process and in a second app server sharing the cache."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from articles.models import Article
from core import pagecache
from tests import factories as f

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
}
PORT = 8104


def pages_of(story, person):
    return [
        "/",
        f"/sections/{story.section.slug}/",
        f"/people/{person.slug}/",
        "/feeds/latest/rss/",
        f"/feeds/people/{person.slug}/atom/",
        f"/sitemap-stories-{timezone.localtime(story.published_at):%Y-%m}.xml",
        story.get_absolute_url(),
    ]


def published_story():
    story = f.ArticleFactory(headline="Courthouse budget vote delayed", slug="budget-vote")
    person = f.PersonFactory(name="Dana Whitfield", slug="dana-whitfield")
    f.MentionFactory(article=story, person=person)
    other = f.ArticleFactory(headline="Another story", slug="another", section=story.section)
    f.MentionFactory(article=other, person=person)
    return story, person


@pytest.mark.django_db
def test_pages_are_served_from_the_cache_until_something_changes(client):
    story, _ = published_story()
    first = client.get("/")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    again = client.get("/")
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    story.headline = "Courthouse budget vote passes"
    story.save()
    fresh = client.get("/")
    assert "X-Page-Cache" not in fresh and b"budget vote passes" in fresh.content


@pytest.mark.django_db
def test_signed_in_staff_never_get_or_fill_the_cache(admin_client, client):
    published_story()
    client.get("/")  # cached for readers
    staff = admin_client.get("/")
    assert "X-Page-Cache" not in staff and staff["Cache-Control"].startswith("private")


@pytest.mark.django_db
def test_a_withdrawn_story_leaves_every_cached_page_at_once(client):
    story, person = published_story()
    urls = pages_of(story, person)
    for url in urls:
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Page-Cache"] == "hit", url
        assert b"budget-vote" in client.get(url).content, url
    story.status = Article.Status.WITHDRAWN
    story.save()
    for url in urls[:-1]:
        response = client.get(url)
        assert response.status_code == 200 and b"budget-vote" not in response.content, url
    assert client.get(urls[-1]).status_code == 410


def fetch(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
            return response.status, response.read(), response.headers.get("X-Page-Cache")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("X-Page-Cache")


@pytest.fixture
def second_server():
    """A second app server process on the same database and the same Redis."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": REDIS["default"]["LOCATION"],
        "CONN_MAX_AGE": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                fetch("/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres") is False,
    reason="a second process needs a database it can open: PostgreSQL's test database",
)
@pytest.mark.django_db(transaction=True)
def test_a_second_app_server_drops_the_story_at_the_same_moment(client, second_server):
    with override_settings(CACHES=REDIS):
        cache.clear()
        story, person = published_story()
        urls = pages_of(story, person)
        for url in urls:
            assert fetch(url)[0] == 200, url
            status, body, hit = fetch(url)
            assert hit == "hit" and b"budget-vote" in body, url  # the other server's cache
        story.status = Article.Status.WITHDRAWN
        story.save()  # here, in this process: the generation moves on in the shared Redis
        for url in urls[:-1]:
            status, body, hit = fetch(url)
            assert status == 200 and hit is None and b"budget-vote" not in body, url
        assert fetch(urls[-1])[0] == 410
        cache.clear()
    assert pagecache.PAGE_TTL <= 300
