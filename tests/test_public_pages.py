"""Readers' pages: content, conventions, URL life cycle, caching and query counts."""

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from articles.models import Article
from tests import factories as f

pytestmark = pytest.mark.django_db

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class TagBalance(HTMLParser):
    """Finds unclosed or mis-nested elements, the mistakes a template most often makes."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.h1 = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.h1 += 1
        if tag == "img" and "alt" not in dict(attrs):
            self.errors.append("img without alt")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()


def assert_well_formed(html):
    checker = TagBalance()
    checker.feed(html)
    assert not checker.errors and not checker.stack, (checker.errors, checker.stack)
    assert checker.h1 == 1
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert 'style="' not in html and "<script>" not in html  # the CSP allows neither
    assert not re.search(r'datetime="[^"]*\.\d', html)  # <time datetime> takes no microseconds


@pytest.fixture
def story():
    person = f.PersonFactory(name="George Gascón", slug="george-gascon")
    race = f.RaceFactory(name="2024 DA general", slug="2024-da-general")
    article = f.ArticleFactory(
        headline="Count shows </script><b>lead</b>",
        slug="count-shows-lead",
        body="First <em>paragraph</em>.\n\nSecond paragraph.",
        published_at=dt.datetime(2024, 11, 6, 5, 30, tzinfo=dt.UTC),
    )
    f.BylineFactory(
        article=article, person=f.PersonFactory(name="Reporter One", slug="reporter-one")
    )
    f.MentionFactory(article=article, person=person)
    f.MentionFactory(article=article, person=None, race=race)
    f.PhotoFactory(
        article=article,
        caption="Gascón at an event.",
        photographer=f.PersonFactory(name="Jason Armond"),
    )
    f.CorrectionFactory(article=article, text="An earlier version misspelled a name.")
    related = f.ArticleFactory(headline="An earlier story", slug="earlier-story")
    f.MentionFactory(article=related, person=person)
    return article


def test_story_page_shows_the_story_safely(client, story):
    assert (
        story.get_absolute_url() == "/stories/2024/11/05/count-shows-lead/"
    )  # the newsroom's own day
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert_well_formed(html)
    assert "<p>First &lt;em&gt;paragraph&lt;/em&gt;.</p>" in html  # body text is never HTML
    assert "By Reporter One" in html
    assert "Gascón at an event." in html and "Jason Armond" in html
    assert "An earlier version misspelled a name." in html
    assert 'href="/people/george-gascon/"' in html and 'href="/races/2024-da-general/"' in html
    assert "An earlier story" in html  # related
    assert (
        '<link rel="canonical" href="http://testserver/stories/2024/11/05/count-shows-lead/">'
        in html
    )
    assert 'property="og:title"' in html and 'name="twitter:card"' in html
    assert 'type="application/rss+xml"' in html

    raw = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
    ).group(1)
    assert "</script>" not in raw and "<b>" not in raw
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Count shows </script><b>lead</b>"
    assert data["author"] == [{"@type": "Person", "name": "Reporter One"}]
    assert data["datePublished"].startswith("2024-11-0")
    assert {"dateModified", "publisher", "mainEntityOfPage"} <= set(data)


def test_conditional_get_answers_304(client, story):
    first = client.get(story.get_absolute_url())
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    again = client.get(story.get_absolute_url(), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(
        story.get_absolute_url(), headers={"If-Modified-Since": first["Last-Modified"]}
    )
    assert since.status_code == 304
    story.headline = "A new headline"
    story.save()
    assert (
        client.get(story.get_absolute_url(), headers={"If-None-Match": first["ETag"]}).status_code
        == 200
    )


def test_url_life_cycle(client, story):
    assert client.get("/stories/2024/11/05/no-such-story/").status_code == 404
    wrong_day = client.get("/stories/2024/11/07/count-shows-lead/")
    assert wrong_day.status_code == 301 and wrong_day["Location"] == story.get_absolute_url()

    old_url = story.get_absolute_url()
    story.slug = "count-shows-wide-lead"
    story.save()
    moved = client.get(old_url)
    assert (
        moved.status_code == 301
        and moved["Location"] == "/stories/2024/11/05/count-shows-wide-lead/"
    )

    story.status = Article.Status.WITHDRAWN
    story.save()
    gone = client.get(story.get_absolute_url())
    assert gone.status_code == 410 and "withdrawn" in gone.content.decode()
    assert client.get(old_url).status_code == 404  # an alias never reveals a non-public story


@pytest.mark.parametrize(
    "url", ["/", "/sections/politics/", "/people/george-gascon/", "/races/2024-da-general/"]
)
def test_public_pages_are_well_formed(client, story, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_well_formed(response.content.decode())


def test_pages_out_of_range_and_unknown_topics_are_404(client, story):
    assert client.get("/", {"page": "99"}).status_code == 404
    assert client.get("/", {"page": "abc"}).status_code == 404
    assert client.get("/", {"page": "1\x00"}).status_code == 400
    assert client.get("/people/nobody/").status_code == 404
    assert client.get("/sections/nothing/").status_code == 404
    assert client.get("/feeds/people/nobody/rss/").status_code == 404


def test_topic_page_shows_public_facts(client, story):
    person = story.mentions.get(person__isnull=False).person
    race = story.mentions.get(race__isnull=False).race
    candidacy = f.CandidacyFactory(race=race, person=person, is_incumbent=True)
    endorser = f.PersonFactory(name="Visible Endorser")
    f.MentionFactory(article=story, person=endorser)  # named publicly only with coverage
    f.EndorsementFactory(candidacy=candidacy, endorser_person=endorser, source_article=story)
    snapshot = f.ResultSnapshotFactory(race=race, source_article=story)
    f.ResultLineFactory(snapshot=snapshot, candidacy=candidacy, votes=577_340, percent="40.50")
    html = client.get(race.get_absolute_url()).content.decode()
    assert "Visible Endorser" in html and "577,340" in html and "40.50%" in html
    assert "Visible Endorser" in client.get(person.get_absolute_url()).content.decode()


def make_stories(count):
    section = f.SectionFactory()
    person = f.PersonFactory(name="Jackie Lacey", slug="jackie-lacey")
    race = f.RaceFactory(slug="2020-da-general")
    author = f.PersonFactory()
    for n in range(count):
        article = f.ArticleFactory(
            section=section, published_at=timezone.now() - dt.timedelta(hours=n + 1)
        )
        f.BylineFactory(article=article, person=author)
        f.MentionFactory(article=article, person=person)
        f.MentionFactory(article=article, person=None, race=race)
    return Article.objects.published().first()


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # stories, their sections, publications and bylines, section tallies, today's stories,
        # sections, the menu
        ("/", 8),
        # + section; the count for "Page 1 of N": its tallies and its stories published today.
        ("/sections/politics/", 8),
        # The coverage: a page of the newest mentions, bylines, the tallies, this month's.
        ("/people/jackie-lacey/", 14),  # + the coverage chart: tallies, this month, its span
        # + margins, money (2), the index's two ends (the chart's span)
        ("/races/2020-da-general/", 16),
        ("/feeds/latest/rss/", 4),  # stories, their sections, publications and bylines
        # The index: the story tallies, today's stories, a count per other section.
        ("/sitemap.xml", 7),
    ],
)
def test_query_counts_do_not_grow_with_stories(
    client, django_assert_num_queries, count, url, queries
):
    make_stories(count)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_story_page_query_count(client, django_assert_num_queries, count):
    latest = make_stories(count)
    # Related stories: one query, the best among the newest of each person and race.
    with django_assert_num_queries(7):
        assert client.get(latest.get_absolute_url()).status_code == 200


def test_the_sitemap_is_an_index_of_monthly_story_pages_counted_from_the_tallies(client):
    now = timezone.now()
    old = f.ArticleFactory(slug="an-old-story", published_at=now - dt.timedelta(days=400))
    f.ArticleFactory(slug="a-new-story", published_at=now - dt.timedelta(minutes=5))
    f.ArticleFactory(slug="a-draft-story", status="draft", published_at=None)
    f.ArticleFactory(
        slug="a-scheduled-story", status="scheduled", published_at=now + dt.timedelta(hours=2)
    )
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    months = [s for s in sections if s.startswith("/sitemap-stories-")]
    assert months == [
        f"/sitemap-stories-{timezone.localtime(now - dt.timedelta(minutes=5)):%Y-%m}.xml",
        f"/sitemap-stories-{timezone.localtime(old.published_at):%Y-%m}.xml",
    ]  # newest month first; no month for the draft or the story not out yet
    assert "/sitemap-people.xml" in sections
    newest = client.get(months[0]).content.decode()
    assert "a-new-story" in newest and "an-old-story" not in newest and "<lastmod>" in newest
    assert "a-scheduled-story" not in newest and "a-draft-story" not in newest
    assert "an-old-story" in client.get(months[1]).content.decode()
    assert client.get("/sitemap-stories-2024-13.xml").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_persons_feed_lists_their_newest_published_stories_from_the_mention_index(
    client, django_assert_num_queries
):
    person = f.PersonFactory(name="Ada Quill", slug="ada-quill")
    now = timezone.now()
    for days, status in [(3, "published"), (1, "published"), (2, "published"), (5, "draft")]:
        f.MentionFactory(
            person=person,
            article=f.ArticleFactory(
                headline=f"Quill story {days}",
                status=status,
                published_at=now - dt.timedelta(days=days),
            ),
        )
    f.MentionFactory(
        person=person,
        article=f.ArticleFactory(
            headline="Quill story tomorrow",
            status="scheduled",
            published_at=now + dt.timedelta(days=1),
        ),
    )
    f.ArticleFactory(headline="Quill story elsewhere")  # not about her
    # The person, her newest stories read through the mention index, their bylines.
    with django_assert_num_queries(3):
        feed = client.get("/feeds/people/ada-quill/rss/").content.decode()
    assert re.findall(r"<title>(Quill story[^<]*)</title>", feed) == [
        "Quill story 1", "Quill story 2", "Quill story 3"
    ]  # fmt: skip
