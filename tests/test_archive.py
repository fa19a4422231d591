"""The editors' archive on the demo archive: access, filters, facets, chart, exports, bad input."""

import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from articles.models import Article
from core.roles import DATA_ENTRY, EDITORS
from people.models import Race
from tests import factories as f

pytestmark = pytest.mark.django_db

GASCON_2024 = "gascon-trails-hochman-in-early-returns"
LACEY_2020 = "lacey-gascon-race-nears-end-as-test-of-reform"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.fixture
def editor(client):
    user = User.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def slugs(response):
    return [story.slug for story in response.context["page"].object_list]


@pytest.mark.parametrize(
    "url",
    [
        "/archive/",
        "/archive/people/",
        "/archive/people/george-gascon/",
        "/archive/races/",
        "/archive/races/2020-la-county-da-general/",
        "/archive/endorsements/",
        "/archive/organizations/color-of-change-pac/",
        "/archive/offices/la-county-district-attorney/",
    ],
)
def test_only_newsroom_staff_get_in(client, demo, url):
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("reader", password="pw"))
    assert client.get(url).status_code == 403
    outsider = User.objects.create_user(
        "intern", password="pw", is_staff=True
    )  # staff, but in no newsroom group
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    clerk = User.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.groups.add(Group.objects.get(name=DATA_ENTRY))
    client.force_login(clerk)
    assert client.get(url).status_code == 200


def test_hochman_between_august_and_november_2024(editor, demo):
    response = editor.get(
        "/archive/",
        {
            "person": "nathan-hochman",
            "published_after": "2024-08-01",
            "published_before": "2024-11-30",
        },
    )
    assert response.status_code == 200
    assert slugs(response) == [GASCON_2024]
    # the name typed without its accent finds the same person
    assert slugs(editor.get("/archive/", {"person": "George Gascon"})) == [GASCON_2024, LACEY_2020]


def test_filters_combine(editor, demo):
    assert slugs(editor.get("/archive/", {"person": ["jackie-lacey", "rachel-rossi"]})) == [
        LACEY_2020
    ]
    assert slugs(editor.get("/archive/", {"race": "2024-la-county-da-general"})) == [GASCON_2024]
    assert slugs(editor.get("/archive/", {"organization": "color-of-change-pac"})) == [LACEY_2020]
    assert slugs(editor.get("/archive/", {"q": "Hochman"})) == [GASCON_2024]
    assert slugs(editor.get("/archive/", {"sort": "oldest"})) == [LACEY_2020, GASCON_2024]
    assert slugs(editor.get("/archive/", {"section": "elections", "status": "published"})) == [
        GASCON_2024,
        LACEY_2020,
    ]
    assert slugs(editor.get("/archive/", {"person": "maria-ramirez", "role": "quoted"})) == [
        GASCON_2024
    ]
    assert slugs(editor.get("/archive/", {"person": "jackie-lacey", "role": "quoted"})) == []


def test_drafts_are_listed_and_marked(editor, demo):
    f.ArticleFactory(
        headline="Draft about the count",
        slug="draft-count",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    response = editor.get("/archive/", {"status": "draft"})
    assert slugs(response) == ["draft-count"]
    assert 'class="status status-draft"' in response.content.decode()


def test_facets_count_within_the_filter_and_toggle(editor, demo):
    response = editor.get("/archive/", {"person": "george-gascon", "page": "1"})
    facets = response.context["facets"]
    people = {row["key"]: row for row in facets["person"]}
    assert people["george-gascon"]["n"] == 2 and people["george-gascon"]["active"]
    assert people["jackie-lacey"]["n"] == 2
    assert "page=" not in people["jackie-lacey"]["url"]  # a facet change starts again at page 1
    assert people["jackie-lacey"]["url"] == "?person=george-gascon&person=jackie-lacey"
    assert people["george-gascon"]["url"] == "?"  # removing the only filter
    months = {row["name"]: row for row in facets["month"]}
    assert months["November 2024"]["n"] == 1
    assert (
        "published_after=2024-11-01&published_before=2024-11-30" in months["November 2024"]["url"]
    )
    assert {row["key"]: row["n"] for row in facets["section"]} == {"elections": 2}


def test_the_coverage_chart_marks_election_days(editor, demo):
    response = editor.get(
        "/archive/", {"published_after": "2024-08-01", "published_before": "2024-11-30"}
    )
    chart = response.context["chart"]
    assert chart.period == "month" and chart.total == 1
    assert [b.count for b in chart.buckets] == [0, 0, 0, 1]  # August to November
    html = response.content.decode()
    assert 'viewBox="0 0 720 220" role="img"' in html
    assert "2024 L.A. County district attorney general, Nov 5, 2024" in html
    assert "<caption>Stories per month</caption>" in html  # the table alternative


def test_a_tallied_filter_charts_and_facets_by_month_or_by_week_from_the_tallies(editor):
    def on(year, month, day):
        return timezone.make_aware(dt.datetime(year, month, day, 12))

    courts, politics = f.SectionFactory(name="Courts"), f.SectionFactory(name="Politics")
    for when in [on(2023, 1, 10), on(2023, 1, 20), on(2023, 3, 5)]:
        f.ArticleFactory(section=courts, published_at=when)
    f.ArticleFactory(section=politics, published_at=on(2023, 6, 1))
    f.ArticleFactory(section=politics, status=Article.Status.DRAFT, published_at=None)
    whole = editor.get("/archive/")
    assert whole.context["summary"].count == 5  # the undated draft too
    months = {row["name"]: row["n"] for row in whole.context["facets"]["month"]}
    assert months == {"January 2023": 2, "March 2023": 1, "June 2023": 1}
    chart = whole.context["chart"]
    assert chart.period == "month" and [b.count for b in chart.buckets] == [2, 0, 1, 0, 0, 1]
    sections = {row["key"]: row["n"] for row in whole.context["facets"]["section"]}
    assert sections == {"courts": 3, "politics": 2}
    january = editor.get(
        "/archive/", {"published_after": "2023-01-01", "published_before": "2023-01-31"}
    )
    chart = january.context["chart"]
    assert chart.period == "week" and chart.total == 2
    (row,) = january.context["facets"]["month"]
    assert row["active"] and row["url"] == "?"  # choosing the month again drops the dates


def export(editor, params, kind):
    response = editor.get("/archive/", {**params, "format": kind})
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize(
    "params", [{}, {"person": "jackie-lacey"}, {"q": "Hochman", "sort": "oldest"}]
)
def test_exports_hold_exactly_the_filtered_stories(editor, demo, params):
    listed = [story.pk for story in editor.get("/archive/", params).context["page"].object_list]
    rows = list(csv.DictReader(io.StringIO(export(editor, params, "csv"))))
    assert [int(row["id"]) for row in rows] == listed
    addresses = {a.pk: a.get_absolute_url() for a in Article.objects.filter(pk__in=listed)}
    assert all(row["url"] == "http://testserver" + addresses[int(row["id"])] for row in rows)
    assert list(rows[0]) == [
        "id",
        "headline",
        "published_at",
        "url",
        "section",
        "bylines",
        "people",
        "organizations",
        "races",
        "status",
    ]
    data = json.loads(export(editor, params, "json"))
    assert data["count"] == len(listed) and [row["id"] for row in data["results"]] == listed


def test_export_columns(editor, demo):
    row = json.loads(export(editor, {"race": "2024-la-county-da-general"}, "json"))["results"][0]
    assert row["url"] == f"http://testserver/stories/2024/11/05/{GASCON_2024}/"
    assert dt.datetime.fromisoformat(row["published_at"]).date() == dt.date(
        2024, 11, 6
    )  # 22:30 Pacific is UTC next day
    assert (
        "George Gascón" in row["people"]
        and "2024 L.A. County district attorney general" in row["races"]
    )
    assert row["status"] == "published" and row["section"] == "Elections"
    line = next(
        csv.DictReader(io.StringIO(export(editor, {"race": "2024-la-county-da-general"}, "csv")))
    )
    assert (
        "George Gascón; Nathan Hochman" in line["people"]
        or "Nathan Hochman; George Gascón" in line["people"]
    )


def test_date_filters_are_days_in_the_newsroom_time_zone(editor):
    la = ZoneInfo("America/Los_Angeles")
    late = f.ArticleFactory(published_at=dt.datetime(2024, 12, 31, 23, 30, tzinfo=la))
    next_day = f.ArticleFactory(published_at=dt.datetime(2025, 1, 1, 0, 10, tzinfo=la))
    first = f.ArticleFactory(published_at=dt.datetime(2024, 1, 1, 0, 0, tzinfo=la))
    f.ArticleFactory(published_at=dt.datetime(2023, 12, 31, 23, 59, tzinfo=la))
    year = editor.get(
        "/archive/", {"published_after": "2024-01-01", "published_before": "2024-12-31"}
    )
    assert sorted(slugs(year)) == sorted([late.slug, first.slug])
    after = editor.get("/archive/", {"published_after": "2025-01-01"})
    assert slugs(after) == [next_day.slug]
    # The calendar's first and last days bound nothing, and are no error.
    every = editor.get(
        "/archive/", {"published_after": "0001-01-01", "published_before": "9999-12-31"}
    )
    assert every.status_code == 200 and len(slugs(every)) == 4


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"person": "nobody-at-all"}, 400, "Nothing called “nobody-at-all” is in the archive."),
        ({"published_after": "2024-02-30"}, 400, "Enter a valid date."),
        ({"q": "x" * 10_000}, 400, "at most 500 characters"),
        ({"section": ["elections", "no-such-section"]}, 400, "Select a valid choice."),
        ({"status": "secret"}, 400, "Select a valid choice."),
        ({"sort": "sideways"}, 400, "Select a valid choice."),
        ({"page": "999"}, 404, ""),
        ({"page": "-1"}, 404, ""),
        ({"q": "gascón\x00"}, 400, "NUL"),
        ({"person": "\x00"}, 400, "NUL"),
    ],
)
def test_bad_input_is_answered_clearly(editor, demo, params, status, message):
    response = editor.get("/archive/", params)
    assert response.status_code == status
    assert message in response.content.decode()


def test_the_race_as_it_stood_before_and_after_the_withdrawals(editor, demo):
    url = "/archive/races/2020-la-county-da-general/"

    def endorsers(day):
        standing = dict(
            (row.candidacy.person.slug, {str(e.endorser) for e in row.in_force})
            for row in editor.get(url, {"as_of": day}).context["day"].standing
        )
        return standing

    # The story gives no dates: nothing is known in force before its day (1 Nov 2020); by
    # then Schiff and Garcetti had switched to Gascón (between the March primary and then).
    may = endorsers("2020-05-01")
    assert may["jackie-lacey"] == set() and may["george-gascon"] == set()
    october = endorsers("2020-10-31")
    assert october["jackie-lacey"] == set() and october["george-gascon"] == set()
    story_day = endorsers("2020-11-01")
    assert {"Adam Schiff", "Eric Garcetti", "Kamala Harris"} <= story_day["george-gascon"]
    assert not {"Adam Schiff", "Eric Garcetti"} & story_day["jackie-lacey"]
    after = endorsers("2020-11-02")
    assert {"Dianne Feinstein", "London Breed", "Los Angeles County Board of Supervisors"} == after[
        "jackie-lacey"
    ]
    assert editor.get(url, {"as_of": "2020-02-30"}).status_code == 400
    assert editor.get("/archive/races/no-such-race/").status_code == 404


def test_the_count_as_of_election_night(editor, demo):
    url = "/archive/races/2024-la-county-da-general/"
    before = editor.get(url, {"as_of": "2024-11-04"}).context["day"]
    assert before.latest_snapshot is None and len(before.polls) == 3
    night = editor.get(url, {"as_of": "2024-11-05"}).context["day"].latest_snapshot
    assert {line.candidacy.person.slug: line.votes for line in night.lines.all()}[
        "nathan-hochman"
    ] == 847_896
    august = editor.get(url, {"as_of": "2024-08-20"}).context["day"]
    assert [p.released_on for p in august.polls] == [dt.date(2024, 8, 18)]
    assert '<title id="poll-trend-title">' in editor.get(url).content.decode()


def test_person_dossier(editor, demo):
    html = editor.get("/archive/people/george-gascon/").content.decode()
    for text in [
        "Los Angeles County District Attorney",
        "San Francisco District Attorney",
        "577,340",
        "I feel very optimistic",
    ]:
        assert text in html or text in html.replace("’", "'"), text
    assert "Kamala Harris" in html and "withdrawn June 2020" not in html  # received, all standing


def test_lists_filter(editor, demo):
    people = editor.get("/archive/people/", {"name": "gascon"})
    assert [p.slug for p in people.context["page"].object_list] == ["george-gascon"]
    races = editor.get("/archive/races/", {"year": "2020"})
    assert {r.slug for r in races.context["page"].object_list} == {
        "2020-la-county-da-primary",
        "2020-la-county-da-general",
    }
    active = editor.get(
        "/archive/endorsements/", {"active_on": "2020-10-01", "endorser_kind": "organization"}
    )
    assert list(active.context["page"].object_list) == []
    later = editor.get(
        "/archive/endorsements/", {"active_on": "2020-11-02", "endorser_kind": "organization"}
    )
    assert [str(e.endorser) for e in later.context["page"].object_list] == [
        "Los Angeles County Board of Supervisors"
    ]
    assert editor.get("/archive/races/", {"year": "abc"}).status_code == 400


def many_stories(count):
    section = f.SectionFactory()
    person, race, org = (
        f.PersonFactory(slug="p"),
        f.RaceFactory(slug="r"),
        f.OrganizationFactory(slug="o"),
    )
    reporter = f.PersonFactory()
    now = timezone.now()
    for n in range(count):
        article = f.ArticleFactory(section=section, published_at=now - dt.timedelta(days=n))
        f.BylineFactory(article=article, person=reporter)
        f.MentionFactory(article=article, person=person)
        f.MentionFactory(article=article, person=None, race=race)
        f.MentionFactory(article=article, person=None, organization=org)
        f.EndorsementFactory(candidacy=f.CandidacyFactory(race=race), source_article=article)


# Each page's queries, the same at 10 and at 100 rows a page: session, user and group check
# (3), then the page's own fixed set (tallies or the newest matches, their mentions, one per
# facet's names, one per prefetch (sections, bylines), the chart's election days).
ARCHIVE_QUERIES = [
    # The tallies in three: their span, the sections, the days or months (grouped by the database).
    ("/archive/", 17),
    # A text query adds one: how many stories hold each word (a rare one may be a misspelt name).
    # PostgreSQL spends six more: that check is a savepoint with the table's size, a planner
    # estimate and a count through the index per word; and one turns the words into a tsquery.
    ("/archive/?person=p&q=story", 16),
    ("/archive/people/", 5),
    # A dossier's coverage: the tallies, the two ends of the index, the newest stories; as of a
    # day, that day's month read from the mentions too.
    ("/archive/people/p/", 16),
    ("/archive/races/", 6),
    ("/archive/races/r/", 15),  # + the margins as reported
    ("/archive/races/r/?as_of=2025-01-01", 16),
    ("/archive/endorsements/?active_on=2026-01-01", 6),
    ("/archive/organizations/o/", 15),
    ("/archive/offices/{office}/", 6),
]


@pytest.mark.parametrize("page_size", [10, 100])
@pytest.mark.parametrize(("url", "queries"), ARCHIVE_QUERIES)
def test_query_counts_are_pinned(editor, django_assert_num_queries, page_size, url, queries):
    many_stories(24)
    url = url.format(office=Race.objects.get(slug="r").office.slug)
    if "q=" in url and connection.vendor == "postgresql":
        queries += 6
    with override_settings(ARCHIVE_PAGE_SIZE=page_size), django_assert_num_queries(queries):
        assert editor.get(url).status_code == 200


def test_an_export_streams_whole_rows_in_pieces():
    from archive.views.stories import in_pieces

    assert list(in_pieces(["a\n", "b\n", "c\n", "d\n", "e\n"], size=2)) == [
        "a\nb\n",
        "c\nd\n",
        "e\n",
    ]
    assert list(in_pieces([], size=2)) == []
