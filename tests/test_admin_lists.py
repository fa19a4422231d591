"""Admin lists that count no further than they must: the story list's count and date links
from the tallies, every other count stopping at a limit and saying so."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core import admin_counts
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_changelist")


def at(year, month, day):
    return timezone.make_aware(dt.datetime(year, month, day, 12))


@pytest.fixture
def stories():
    politics = f.SectionFactory(name="Politics")
    courts = f.SectionFactory(name="Courts")
    for when in [at(2020, 3, 3), at(2020, 3, 4), at(2020, 11, 3), at(2024, 3, 5)]:
        f.ArticleFactory(section=politics, published_at=when)
    f.ArticleFactory(section=courts, published_at=at(2024, 11, 5))
    f.ArticleFactory(section=courts, status=Article.Status.DRAFT, published_at=None)
    return politics, courts


def shown_count(page):
    text = page.content.decode()
    return re.search(r"(More than )?([\d,]+) articles?\s*\n", text).group(0).strip()


def story_scans(queries):
    """Queries that count or group the stories table itself."""
    return [
        q["sql"]
        for q in queries
        if 'FROM "articles_article"' in q["sql"]
        and ("COUNT(" in q["sql"] or "GROUP BY" in q["sql"] or "DISTINCT" in q["sql"])
    ]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", "6 articles"),
        ("?status__exact=published", "5 articles"),
        ("?section__id__exact={courts}", "2 articles"),
        ("?published_at__year=2020", "3 articles"),
        ("?published_at__year=2020&published_at__month=3", "2 articles"),
        ("?published_at__year=2020&published_at__month=3&published_at__day=4", "1 article"),
        ("?section__id__exact={courts}&published_at__year=2024", "1 article"),
    ],
)
def test_the_story_list_is_counted_from_the_tallies(admin_client, stories, query, expected):
    _, courts = stories
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(LIST + query.format(courts=courts.pk))
    assert page.status_code == 200
    assert shown_count(page) == expected
    assert story_scans(queries) == []


def test_the_date_links_come_from_the_tallies(admin_client, stories):
    with CaptureQueriesContext(connection) as queries:
        years = admin_client.get(LIST).content.decode()
    assert "published_at__year=2020" in years and "published_at__year=2024" in years
    assert "published_at__year=2021" not in years
    assert story_scans(queries) == []
    months = admin_client.get(LIST + "?published_at__year=2020").content.decode()
    assert "published_at__month=3" in months and "published_at__month=11" in months
    assert "published_at__month=4" not in months
    days = admin_client.get(LIST + "?published_at__year=2020&published_at__month=3")
    assert "published_at__day=3" in days.content.decode()
    assert "published_at__day=4" in days.content.decode()
    assert "published_at__day=5" not in days.content.decode()


def test_a_search_is_counted_up_to_the_limit_and_says_so(admin_client, stories, monkeypatch):
    monkeypatch.setattr(admin_counts, "COUNT_LIMIT", 3)
    page = admin_client.get(LIST + "?q=prosecutor")  # every factory headline has it
    text = page.content.decode()
    assert "More than 3 results" in text
    assert shown_count(page) == "More than 3 articles"
    narrow = admin_client.get(LIST + "?q=prosecutor&published_at__year=2024&section__id__exact=")
    assert "More than" not in narrow.content.decode()


def test_an_impossible_date_link_leads_back_to_the_list(admin_client, stories):
    page = admin_client.get(LIST + "?published_at__year=2020&published_at__month=13", follow=True)
    assert page.redirect_chain == [(LIST + "?e=1", 302)]
    assert page.status_code == 200 and shown_count(page) == "6 articles"


def bounded_counts(queries):
    """The list's own count of its matches, which stops one past the limit."""
    return [q["sql"] for q in queries if f"LIMIT {admin_counts.COUNT_LIMIT + 1}" in q["sql"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate")
def test_a_search_too_broad_to_count_shows_the_planners_estimate(
    admin_client, stories, monkeypatch
):
    monkeypatch.setattr(admin_counts, "ESTIMATE_FROM", 1)
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(LIST + "?q=prosecutor")
    assert re.search(r"About [\d,]+ articles \(estimated\)", page.content.decode())
    assert re.search(r"About [\d,]+ results \(estimated\)", page.content.decode())
    assert not bounded_counts(queries)


def test_below_the_estimate_threshold_a_search_is_counted(admin_client, stories):
    politics, _ = stories
    for n in range(2):
        f.ArticleFactory(section=politics, headline="Quarantined jurors return", slug=f"jurors-{n}")
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(LIST + "?q=quarantined")
    assert "estimated" not in page.content.decode()
    assert shown_count(page) == "2 articles"
    assert bounded_counts(queries)
