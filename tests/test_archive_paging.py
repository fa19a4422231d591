"""The archive at size: pages linked by position, counts from tallies or labelled estimates,
facets and chart over the newest matches when there are many."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.views import summary
from articles.models import Article
from core import paging
from core.roles import EDITORS
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


@pytest.fixture
def stories():
    section = f.SectionFactory()
    now = timezone.now()
    made = [
        f.ArticleFactory(section=section, published_at=now - dt.timedelta(hours=5 * n))
        for n in range(23)
    ]
    made.append(f.ArticleFactory(section=section, status="draft", published_at=None))
    return made


def listed(response):
    return [story.pk for story in response.context["page"].object_list]


def next_link(response):
    found = re.search(r'rel="next" href="([^"]+)"', response.content.decode())
    return found and found.group(1).replace("&amp;", "&")


def prev_link(response):
    found = re.search(r'rel="prev" href="([^"]+)"', response.content.decode())
    return found and found.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_following_the_links_lists_every_story_once_in_order(editor, stories, sort):
    order = ("-published_at", "-id") if sort == "newest" else ("published_at", "id")
    expected = list(Article.objects.order_by(*order).values_list("pk", flat=True))
    seen, url, pages = [], f"/archive/?sort={sort}", []
    with override_settings(ARCHIVE_PAGE_SIZE=5):
        while url:
            response = editor.get("/archive/" + url if url.startswith("?") else url)
            assert response.status_code == 200
            pages.append(response)
            seen += listed(response)
            url = next_link(response)
        assert seen == expected  # drafts without a publish time in the database's own place
        assert len(pages) == 5
        # Each page's address is a bookmark: fetched again, it shows the same stories.
        third = pages[2].wsgi_request.get_full_path()
        assert "after=" in third and listed(editor.get(third)) == listed(pages[2])
        # Going back from page 3 shows page 2; from page 2, page 1.
        back = editor.get("/archive/" + prev_link(pages[2]))
        assert listed(back) == listed(pages[1])
        assert listed(editor.get("/archive/" + prev_link(back))) == listed(pages[0])
        # A page number typed by hand still works, by offset.
        assert listed(editor.get(f"/archive/?sort={sort}&page=4")) == listed(pages[3])


@pytest.mark.parametrize("sort", ["newest", "oldest", "relevance"])
def test_a_deep_page_by_number_skips_ids_only_and_shows_the_same_stories(
    editor, stories, sort, monkeypatch
):
    query = f"/archive/?sort={sort}&q=story&page=3"
    with override_settings(ARCHIVE_PAGE_SIZE=5):
        shallow = listed(editor.get(query))
        monkeypatch.setattr(paging, "DEFERRED_FROM", 0)
        with CaptureQueriesContext(connection) as queries:
            deep = listed(editor.get(query))
    assert deep == shallow and len(deep) == 5
    offsets = [q["sql"] for q in queries if "OFFSET 10" in q["sql"]]
    assert len(offsets) == 1 and '"body"' not in offsets[0]  # the skipped rows: ids only


def test_bookmarked_page_stays_put_when_stories_are_added(editor, stories):
    with override_settings(ARCHIVE_PAGE_SIZE=5):
        second = next_link(editor.get("/archive/"))
        before = listed(editor.get("/archive/" + second))
        f.ArticleFactory(published_at=timezone.now())
        assert listed(editor.get("/archive/" + second)) == before


@pytest.mark.parametrize("bad", ["after=nonsense", "after=2024-01-01T00:00:00~x", "page=0"])
def test_a_mangled_position_is_a_404(editor, stories, bad):
    assert editor.get(f"/archive/?{bad}").status_code == 404


def test_counts_from_tallies_are_exact(editor, stories):
    response = editor.get("/archive/", {"status": "published"})
    assert response.context["page"].count == 23
    assert not response.context["page"].count_is_estimate
    assert "23 stories match" in response.content.decode()
    assert sum(b.count for b in response.context["chart"].buckets) == 23


def test_many_matches_facet_and_chart_the_newest_and_say_so(editor, stories, monkeypatch):
    monkeypatch.setattr(summary, "SAMPLE", 10)
    person = f.PersonFactory()
    for story in stories:
        f.MentionFactory(article=story, person=person)
    response = editor.get("/archive/", {"person": person.slug})
    page, found = response.context["page"], response.context["summary"]
    html = response.content.decode()
    assert found.sampled and "counted among the newest 10 matches" in html
    people = {row["key"]: row["n"] for row in response.context["facets"]["person"]}
    assert people[person.slug] == 10
    # The chart and months stop at the last whole day read, and the page says since when.
    assert found.since is not None and "cover the matches published since" in html
    newest = sorted((s for s in stories if s.published_at), key=lambda s: s.published_at)[::-1]
    in_range = [s for s in newest if timezone.localdate(s.published_at) >= found.since]
    assert sum(found.per_day.values()) == len(in_range) <= 10
    # SQLite counts exactly; PostgreSQL gives its estimate, labelled as one.
    if page.count_is_estimate:
        assert f"About {page.count:,} stories match" in html
    else:
        assert page.count == 24 and "24 stories match" in html
