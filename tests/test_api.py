"""The JSON API: its schema, every endpoint answering as documented, who sees what, caching
headers, CORS, rate limits, bad parameters and query counts."""

import datetime as dt
import json
import time

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date, parse_http_date
from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token

from articles.models import Article
from core.roles import EDITORS
from tests import api_world
from tests import factories as f

pytestmark = pytest.mark.django_db

LISTS = [
    "people",
    "organizations",
    "offices",
    "elections",
    "races",
    "candidacies",
    "results",
    "margins",
    "polls",
    "endorsements",
    "fundraising-totals",
    "contributions",
    "quotes",
    "stories",
]


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()  # the anonymous rate limit counts in the cache
    yield
    cache.clear()


@pytest.fixture
def world():
    return api_world.build()


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def editor(client):
    user = User.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response["Content-Type"].startswith("application/json"), url
    return response, json.loads(response.content)


def test_the_schema_is_valid_openapi_3(schema):
    validate(json.loads(json.dumps(schema, default=str)))
    assert schema["openapi"].startswith("3.")
    documented = {path.split("/")[3] for path in schema["paths"]}
    assert documented == set(LISTS)


def test_the_schema_and_the_docs_are_served_without_a_cdn(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200 and b"openapi: 3" in response.content
    docs = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in docs
    assert "<style" not in docs and "<script>" not in docs and "//cdn" not in docs
    assert client.get("/api/v1/docs/?script").status_code == 200


def response_schema(schema, path):
    ref = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return OAS31Validator({**ref, "components": schema["components"]})


def sample(parameter, world):
    """A documented value for a documented parameter."""
    kind = parameter["schema"].get("format") or parameter["schema"].get("type")
    if "enum" in parameter["schema"]:
        return parameter["schema"]["enum"][0]
    name = parameter["name"]
    values = {
        "race": "2024-da-general",
        "person": "nathan-hochman",
        "organization": "berkeley-igs",
        "election": world["race"].election.slug,
        "office": "la-da",
        "q": "Hochman",
        "name": "Hoch",
        "cursor": None,
        "page_size": "2",
    }
    if name in values:
        return values[name]
    return {"date": "2024-11-05", "integer": "1"}.get(kind, "x")


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_every_documented_endpoint_answers_as_documented(client, world, schema, editor, role):
    """Schema-driven: every path, bare and with each documented parameter, validates."""
    if role == "editor":
        client.force_login(editor)
    checked = 0
    for path, item in schema["paths"].items():
        if "{" in path:
            continue
        validator = response_schema(schema, path)
        bare, body = get(client, path)
        assert bare.status_code == 200, path
        validator.validate(body)
        assert body["results"], path  # the world has something of every kind
        for parameter in item["get"].get("parameters", []):
            value = sample(parameter, world)
            if value is None:
                continue
            response, body = get(client, path, data={parameter["name"]: value})
            assert response.status_code == 200, (path, parameter["name"], body)
            validator.validate(body)
            checked += 1
        for candidate in (p for p in schema["paths"] if p.startswith(path) and p != path):
            key = candidate.rsplit("{", 1)[1].rstrip("}/")
            first = get(client, path)[1]["results"][0]
            url = path + str(first[key]) + "/"
            response, item_body = get(client, url)
            assert response.status_code == 200, url
            OAS31Validator(
                {
                    **schema["paths"][candidate]["get"]["responses"]["200"]["content"][
                        "application/json"
                    ]["schema"],
                    "components": schema["components"],
                }
            ).validate(item_body)
    assert checked > 30


def test_anonymous_callers_never_see_what_only_a_draft_knows(client, world):
    for name in LISTS:
        response = client.get(f"/api/v1/{name}/", data={"page_size": 200})
        assert response.status_code == 200, name
        body = response.content.decode()
        for secret in api_world.SECRETS:
            assert secret not in body, (name, secret)
    assert client.get("/api/v1/people/dora-draftonly/").status_code == 404
    assert client.get("/api/v1/stories/draft-about-dora/").status_code == 404
    lines = get(client, "/api/v1/results/")[1]["results"][0]["lines"]
    assert [line["person"]["slug"] for line in lines] == ["nathan-hochman", "george-gascon"]


def test_staff_see_everything_with_what_readers_do_not_see_marked(client, world, editor):
    client.force_login(editor)
    stories = {s["slug"]: s for s in get(client, "/api/v1/stories/")[1]["results"]}
    assert stories["draft-about-dora"]["public"] is False
    assert stories["hochman-wins"]["public"] is True
    money = get(client, "/api/v1/fundraising-totals/")[1]["results"]
    draft_money = [m for m in money if m["amount"] == "999999.00"]
    assert draft_money and draft_money[0]["public"] is False
    assert draft_money[0]["source"]["story"]["status"] == "draft"
    endorsements = get(client, "/api/v1/endorsements/", data={"person": "dora-draftonly"})[1]
    assert [e["public"] for e in endorsements["results"]] == [False]
    response = client.get("/api/v1/stories/")
    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]


def test_a_token_lets_a_script_in_until_it_is_revoked(client, world, editor):
    token = Token.objects.create(user=editor)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert "draft-about-dora" in client.get("/api/v1/stories/", **auth).content.decode()
    token.delete()
    response, body = get(client, "/api/v1/stories/", **auth)
    assert response.status_code == 401 and "detail" in body


def test_a_signed_in_account_outside_the_newsroom_sees_only_public_data(client, world):
    outsider = User.objects.create_user("outsider", password="pw", is_staff=True)
    client.force_login(outsider)
    assert "draft-about-dora" not in client.get("/api/v1/stories/").content.decode()


def test_every_fact_cites_its_story(client, world):
    for name in (
        "results", "margins", "polls", "endorsements", "fundraising-totals", "candidacies",
    ):  # fmt: skip
        for fact in get(client, f"/api/v1/{name}/")[1]["results"]:
            story = fact["source"]["story"]
            assert story is None or (story["public"] and story["url"].startswith("http")), name
    result = get(client, "/api/v1/results/")[1]["results"][0]
    assert result["source"]["story"]["headline"] == "Hochman wins"
    assert result["status"] == "certified"


def test_an_unchanged_answer_is_a_304(client, world):
    first = client.get("/api/v1/races/")
    assert first.status_code == 200 and first["ETag"]
    assert "public" in first["Cache-Control"]
    again = client.get("/api/v1/races/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/v1/races/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def age_the_archive(hours=1):
    """As if every record had last changed ``hours`` ago (history stamps are to the second, and
    a test runs within one)."""
    from articles.changes import history_models

    for model in history_models():
        model.objects.update(history_date=F("history_date") - dt.timedelta(hours=hours))


def detail_urls(client):
    urls = []
    for name, key in [
        ("people", "slug"),
        ("organizations", "slug"),
        ("offices", "slug"),
        ("elections", "slug"),
        ("races", "slug"),
        ("results", "id"),
        ("endorsements", "id"),
        ("stories", "slug"),
    ]:
        first = get(client, f"/api/v1/{name}/")[1]["results"][0]
        urls.append(f"/api/v1/{name}/{first[key]}/")
    return urls


def test_every_answer_says_when_the_archive_last_changed(client, world):
    age_the_archive()
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    for url in [f"/api/v1/{name}/" for name in LISTS] + detail_urls(client):
        response = client.get(url)
        assert response.status_code == 200, url
        stamp = parse_http_date(response["Last-Modified"])
        # The story published yesterday (its last save an hour ago) is the latest change.
        assert abs(stamp - an_hour_ago.timestamp()) < 5, url
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 304 and again.content == b"", url
        assert again["Last-Modified"] == response["Last-Modified"]
        assert "public" in again["Cache-Control"]
        older = http_date(stamp - 60)
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200, url


def test_an_if_modified_since_is_a_200_after_a_change(client, world):
    age_the_archive()
    first = client.get("/api/v1/races/")
    since = first["Last-Modified"]
    assert client.get("/api/v1/races/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    race = world["race"]
    race.name = "2024 DA general election"
    race.save()
    changed = client.get("/api/v1/races/", HTTP_IF_MODIFIED_SINCE=since)
    assert changed.status_code == 200
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(since)
    assert "2024 DA general election" in changed.content.decode()


def test_a_deletion_or_a_story_coming_out_is_a_change(client, world):
    """What leaves a list (a deleted fact, a story withdrawn) or joins it with no save (a
    scheduled story whose time came) moves Last-Modified on too."""
    from people.models import Endorsement

    age_the_archive()
    since = client.get("/api/v1/endorsements/")["Last-Modified"]
    Endorsement.objects.filter(endorser_person__slug="george-gascon").get().delete()
    after = client.get("/api/v1/endorsements/", HTTP_IF_MODIFIED_SINCE=since)
    assert after.status_code == 200 and "george-gascon" not in after.content.decode()

    age_the_archive(hours=2)
    since = client.get("/api/v1/stories/")["Last-Modified"]
    due = timezone.now() + dt.timedelta(seconds=1)
    f.ArticleFactory(headline="Due now", status=Article.Status.SCHEDULED, published_at=due)
    age_the_archive(hours=3)  # its save is old news; its publish time is not yet
    since = client.get("/api/v1/stories/")["Last-Modified"]
    assert "Due now" not in client.get("/api/v1/stories/").content.decode()
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 1)
    came_out = client.get("/api/v1/stories/", HTTP_IF_MODIFIED_SINCE=since)
    assert came_out.status_code == 200 and "Due now" in came_out.content.decode()


def test_staff_get_last_modified_and_304s_never_kept_by_caches(client, world, editor):
    client.force_login(editor)
    first = client.get("/api/v1/races/")
    again = client.get("/api/v1/races/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    assert "private" in again["Cache-Control"] and "no-cache" in again["Cache-Control"]


def test_an_etag_wins_over_if_modified_since(client, world):
    first = client.get("/api/v1/races/")
    stale_etag = client.get(
        "/api/v1/races/",
        HTTP_IF_NONE_MATCH='"other"',
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert stale_etag.status_code == 200


def test_cross_origin_reads_only_from_configured_origins(client, world, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://graphics.example.org"]
    allowed = client.get("/api/v1/races/", HTTP_ORIGIN="https://graphics.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://graphics.example.org"
    other = client.get("/api/v1/races/", HTTP_ORIGIN="https://elsewhere.example.com")
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/", HTTP_ORIGIN="https://graphics.example.org")
    assert "Access-Control-Allow-Origin" not in page  # the site itself is not shared


def test_anonymous_callers_are_rate_limited(client, world, settings):
    settings.API_ANON_RATE = "3/minute"
    statuses = [client.get("/api/v1/people/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response, body = get(client, "/api/v1/people/")
    assert response.status_code == 429 and "throttled" in body["detail"].lower()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/polls/?as_of=yesterday", "as_of"),
        ("/api/v1/endorsements/?date_from=2024-02-30", "date_from"),
        ("/api/v1/results/?as_of=99999-01-01", "as_of"),
        ("/api/v1/results/?status=called", "status"),
        ("/api/v1/stories/?cursor=not-a-cursor", "cursor"),
        ("/api/v1/people/?page_size=0", "page_size"),
        ("/api/v1/people/?page_size=many", "page_size"),
        ('/api/v1/stories/?q="', "q"),
    ],
)
def test_bad_parameters_are_a_400_in_json(client, world, url, field):
    response, body = get(client, url)
    assert response.status_code == 400, body
    assert field in body and body[field][0]


def test_unknown_addresses_and_writes_are_refused_in_json(client, world):
    response, body = get(client, "/api/v1/nothing-here/")
    assert response.status_code == 404 and body["detail"]
    response = client.post("/api/v1/people/", data={}, content_type="application/json")
    assert response.status_code == 405


def test_cursor_pages_cover_the_list_once(client, world):
    seen, url = [], "/api/v1/candidacies/?page_size=1"
    while url:
        body = get(client, url)[1]
        seen += [c["id"] for c in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 2


# Queries per list answer, whatever the number of rows: the archive's latest change, the page,
# then one per prefetch.
QUERIES = {
    "people": 2,
    "organizations": 2,
    "offices": 3,
    "elections": 3,
    "races": 3,
    "candidacies": 2,
    "results": 3,
    "margins": 2,
    "polls": 4,
    "endorsements": 2,
    "fundraising-totals": 2,
    "contributions": 2,
    "quotes": 2,
    "stories": 2,
}


@pytest.mark.parametrize("name", LISTS)
def test_query_counts_are_pinned(client, world, name):
    client.get(f"/api/v1/{name}/")  # warm the content types and the like
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v1/{name}/").status_code == 200
    assert len(queries) == QUERIES[name], [q["sql"][:120] for q in queries]
    with CaptureQueriesContext(connection) as queries:
        unchanged = client.get(f"/api/v1/{name}/", HTTP_IF_MODIFIED_SINCE=http_date(time.time()))
        assert unchanged.status_code == 304
    assert len(queries) == 1, [q["sql"][:120] for q in queries]  # the latest change, no more
