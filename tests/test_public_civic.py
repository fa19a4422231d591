"""The public civic pages: races, people, organizations and offices, with a source for every
fact, charts with tables, canonical URLs, Open Graph, JSON-LD and the sitemap."""

import json
import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from core.roles import EDITORS
from tests import api_world

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
    assert lines[0].startswith("as_of,status,candidate,votes,percent,source_headline")
    assert any("Nathan Hochman,2000000,60.00,Hochman wins" in line for line in lines)
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
