"""The public civic pages: races, people, organizations and offices, with a source for every
fact, charts with tables, canonical URLs, Open Graph, JSON-LD and the sitemap."""

import datetime as dt
import json
import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from core.roles import EDITORS
from people.models import Person
from tests import api_world
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return api_world.build()


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json" nonce="[^"]*">(.*?)</script>', html)
    return json.loads(match.group(1))


def test_a_race_page_shows_the_record_with_its_sources(client, world):
    html = client.get("/races/2024-da-general/").content.decode()
    assert "<strong>Certified result</strong>" in html
    assert "2,000,000" in html and "Share of the vote in each count" in html  # chart + table
    assert "Poll results over time" not in html or "<svg" in html
    assert 'Source: <a href="/stories/' in html and "Hochman wins" in html
    assert "<h3>For Nathan Hochman</h3>" in html  # endorsements grouped by candidate
    assert "$4,000,000" in html and "Stories per" in html  # money and coverage chart
    assert '<link rel="canonical" href="http://testserver/races/2024-da-general/">' in html
    assert '<meta property="og:title" content="2024 DA general">' in html
    data = json_ld(html)
    assert data["@type"] == "Event" and data["startDate"] == "2024-11-05"
    for secret in api_world.SECRETS:
        assert secret not in html, secret


def test_a_person_page_links_races_and_offices(client, world):
    html = client.get("/people/nathan-hochman/").content.decode()
    assert 'href="/races/2024-da-general/"' in html and 'href="/offices/la-da/"' in html
    assert "The voters have spoken" in html and "Secret remark" not in html
    assert json_ld(html)["@type"] == "Person"


def test_a_person_page_charts_the_coverage_with_a_table_and_election_days(client, world):
    hochman = Person.objects.get(slug="nathan-hochman")
    for day in (dt.date(2024, 10, 1), dt.date(2024, 10, 20), dt.date(2024, 12, 10)):
        article = f.ArticleFactory(
            published_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        )
        f.MentionFactory(article=article, person=hochman)
    world["story"].published_at = timezone.make_aware(dt.datetime(2025, 1, 5, 12))
    world["story"].save()
    html = client.get("/people/nathan-hochman/").content.decode()
    assert '<svg class="coverage"' in html and "Coverage of Nathan Hochman: 4 stories" in html
    assert '<g class="ticks">' in html
    assert "<caption>Stories per month</caption>" in html  # the table beside it
    assert '<th scope="row">Oct 2024</th><td class="num">2</td>' in html
    assert '<th scope="row">Nov 2024</th><td class="num">0</td>' in html
    # The race he ran in: its election day marked and listed.
    assert "<title>2024 DA general, Nov 5, 2024</title>" in html
    assert "<td>2024 DA general</td>" in html
    assert "Secret remark" not in html  # the draft's story is in no count


def test_an_office_page_lists_every_term(client, world):
    html = client.get("/offices/la-da/").content.decode()
    assert "District Attorney of Los Angeles County" in html
    assert 'href="/people/nathan-hochman/"' in html and "present" in html
    assert 'href="/races/2024-da-general/"' in html


def test_an_organization_page_exists_once_it_has_public_coverage(client, world):
    response = client.get("/organizations/berkeley-igs/")
    html = response.content.decode()
    assert response.status_code == 200 and "Polls conducted" in html
    assert json_ld(html)["@type"] == "Organization"
    assert client.get("/organizations/no-such-body/").status_code == 404


def test_the_sitemap_lists_public_organizations_and_offices(client, world):
    body = "".join(
        client.get(f"/sitemap-{name}.xml").content.decode()
        for name in ("people", "organizations", "offices")
    )
    assert "/organizations/berkeley-igs/" in body and "/offices/la-da/" in body
    assert "dora-draftonly" not in body


def test_editors_are_warned_when_a_facts_only_source_is_not_public(client, world):
    editor = User.objects.create_user("ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    html = client.get("/archive/races/2024-da-general/").content.decode()
    assert html.count("No source recorded.") >= 1  # Dora's endorsement has no source
    assert "Not public: the only source is a draft story" in html


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("ed2", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    return client


def test_a_race_dossier_exports_its_facts_as_csv_and_json(editor_client, world):
    html = editor_client.get("/archive/races/2024-da-general/").content.decode()
    assert 'href="/archive/races/2024-da-general/counts.csv"' in html
    counts = editor_client.get("/archive/races/2024-da-general/counts.csv")
    assert counts["Content-Type"].startswith("text/csv")
    lines = counts.content.decode().splitlines()
    assert lines[0].startswith(
        "as_of,as_of_precision,status,candidate,votes,percent,source_headline"
    )
    assert any("Nathan Hochman,2000000,60,Hochman wins" in line for line in lines)
    money = editor_client.get("/archive/races/2024-da-general/money.json").json()["money"]
    draft = [row for row in money if row["amount"] == "999999.00"]
    assert draft and draft[0]["source_status"] == "draft"  # editors see it, marked
    polls = editor_client.get("/archive/races/2024-da-general/polls.json").json()["polls"]
    assert {row["choice"] for row in polls} >= {"Nathan Hochman"}
    endorsements = editor_client.get("/archive/races/2024-da-general/endorsements.csv")
    assert "George Gascon,Nathan Hochman" in endorsements.content.decode()
    # As of a day: only figures whose source story was out by then (the one as-of rule), so
    # the draft's figure is in no as-of export and the published one only from its day on.
    early = editor_client.get("/archive/races/2024-da-general/money.json?as_of=2024-09-15").json()
    assert [row["amount"] for row in early["money"] if row["kind"] == "total"] == []
    today = timezone.localdate().isoformat()
    now = editor_client.get(f"/archive/races/2024-da-general/money.json?as_of={today}").json()
    assert [row["amount"] for row in now["money"] if row["kind"] == "total"] == ["4000000.00"]


def test_exports_refuse_bad_tables_and_dates_and_defuse_formulas(editor_client, world):
    assert editor_client.get("/archive/races/2024-da-general/votes.csv").status_code == 404
    assert editor_client.get("/archive/races/2024-da-general/counts.xlsx").status_code == 404
    bad = editor_client.get("/archive/races/2024-da-general/counts.csv?as_of=soon")
    assert bad.status_code == 400 and "as_of" in bad.json()["errors"]
    world["story"].headline = "=HYPERLINK(1)"
    world["story"].save()
    body = editor_client.get("/archive/races/2024-da-general/counts.csv").content.decode()
    assert "'=HYPERLINK(1)" in body


def test_exports_are_for_the_newsroom_only(client, world):
    assert client.get("/archive/races/2024-da-general/counts.csv").status_code == 302


def feed_items(body):
    return re.findall(r"<title>(.*?)</title>", body)[1:]  # the feed's own title first


def test_an_organization_has_feeds_linked_from_its_page(client, world):
    html = client.get("/organizations/berkeley-igs/").content.decode()
    for href in (
        "/feeds/organizations/berkeley-igs/rss/",
        "/feeds/organizations/berkeley-igs/atom/",
    ):
        assert 'rel="alternate"' in html and f'href="{href}"' in html
    f.MentionFactory(article=world["draft"], person=None, organization=world["pollster"])
    rss = client.get("/feeds/organizations/berkeley-igs/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert feed_items(rss.content.decode()) == ["Hochman wins"]  # not the draft
    atom = client.get("/feeds/organizations/berkeley-igs/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert feed_items(atom.content.decode()) == ["Hochman wins"]
    assert client.get("/feeds/organizations/berkeley-igs/atom/")["X-Page-Cache"] == "hit"


def test_organization_and_office_feeds_exist_only_for_public_pages(client, world):
    hidden = f.OrganizationFactory(name="Only In A Draft", slug="only-in-a-draft")
    f.MentionFactory(article=world["draft"], person=None, organization=hidden)
    secret_office = f.OfficeFactory(name="Secret Office", slug="secret-office")
    f.TermFactory(
        person=world["dora"],
        office=secret_office,
        start=dt.date(2020, 1, 1),
        source_article=world["draft"],
    )
    for url in (
        "/organizations/only-in-a-draft/",
        "/feeds/organizations/only-in-a-draft/rss/",
        "/feeds/organizations/only-in-a-draft/atom/",
        "/feeds/organizations/nothing/rss/",
        "/offices/secret-office/",
        "/feeds/offices/secret-office/rss/",
        "/feeds/offices/secret-office/atom/",
        "/feeds/offices/nothing/atom/",
    ):
        assert client.get(url).status_code == 404, url


def test_an_office_feed_has_its_races_and_its_holders_in_office(client, world):
    html = client.get("/offices/la-da/").content.decode()
    assert (
        'href="/feeds/offices/la-da/rss/"' in html and 'href="/feeds/offices/la-da/atom/"' in html
    )
    hochman = Person.objects.get(slug="nathan-hochman")
    gascon = Person.objects.get(slug="george-gascon")

    def story(headline, day, person):
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        article = f.ArticleFactory(headline=headline, published_at=moment)
        f.MentionFactory(article=article, person=person)

    story("Hochman in office", dt.date(2025, 3, 1), hochman)  # term from 2024-12-02
    story("Hochman the candidate", dt.date(2024, 6, 1), hochman)  # before it
    story("Gascon, never a holder here", dt.date(2025, 3, 2), gascon)
    # A term known only from a draft draws no stories in.
    f.TermFactory(
        person=gascon,
        office=world["race"].office,
        start=dt.date(2020, 12, 7),
        end=dt.date(2024, 12, 2),
        source_article=world["draft"],
    )
    rss = client.get("/feeds/offices/la-da/rss/").content.decode()
    assert set(feed_items(rss)) == {"Hochman wins", "Hochman in office"}
    atom = client.get("/feeds/offices/la-da/atom/").content.decode()
    assert set(feed_items(atom)) == {"Hochman wins", "Hochman in office"}
    assert client.get("/feeds/offices/la-da/atom/")["X-Page-Cache"] == "hit"


def test_a_race_page_keeps_the_certified_count_and_first_endorsements_in_view(client, world):
    """The long parts wait behind a <details>: the other counts (all in the chart) and a
    candidate's endorsements past the first five."""
    race, story = world["race"], world["story"]
    won = race.candidacies.get(person__slug="nathan-hochman")
    early = f.ResultSnapshotFactory(
        race=race,
        source_article=story,
        status="early",
        as_of=timezone.now() - dt.timedelta(days=30),
    )
    f.ResultLineFactory(snapshot=early, candidacy=won, votes=847_896, percent="59.50")
    for n in range(6):
        endorser = f.PersonFactory(name=f"Endorser Number{n}")
        f.MentionFactory(article=story, person=endorser)
        f.EndorsementFactory(candidacy=won, endorser_person=endorser, source_article=story)
    html = client.get("/races/2024-da-general/").content.decode()
    shown, hidden = html.split('<details class="more">', 1)
    assert "<strong>Certified result</strong>" in shown and "847,896" not in shown
    assert "The other 1 count as reported, in order" in hidden and "847,896" in hidden
    endorsements = html[html.index('id="endorsements-heading"') :]
    listed, rest = endorsements.split('<details class="more">', 1)
    assert listed.count("<li>") == 5  # Gascón and six more endorse Hochman: seven in all
    assert "2 more endorsements of Nathan Hochman" in rest
    assert 'class="below-fold" aria-labelledby="endorsements-heading"' in html
