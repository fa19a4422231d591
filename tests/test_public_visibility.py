"""One promise, checked on every public surface: only published stories (and facts) show."""

import datetime as dt

import pytest
from django.utils import timezone

from articles import facts
from articles.models import Article
from people.models import Endorsement, Office
from tests import factories as f
from tests.test_api import LISTS as API_LISTS

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar prosecutor scoop"
# Names and figures known only from the secret story (issue 17.4): none may show publicly,
# not through a fact without a source, nor through a line of a published count.
SECRET_FACTS = [
    "Quill Endorserton",  # endorses, sourced only from the secret
    "Ulla Unsourced",  # endorses with no source story; mentioned only in the secret
    "Rhea Draftcandidate",  # a candidacy sourced from the secret, in a published count
    "Secretworth Polling",  # a poll sourced from the secret
    "7,777,777",  # money sourced from the secret
    "by 6,543,210 votes",  # a margin in the count sourced from the secret
    "Words only the draft has",  # a quote in the secret
]


@pytest.fixture
def world():
    """A published story about a person and a race, and a second story that is the secret."""
    section = f.SectionFactory(name="Elections", slug="elections")
    person = f.PersonFactory(name="Nathan Hochman", slug="nathan-hochman")
    race = f.RaceFactory(name="2024 DA general", slug="2024-da-general")
    candidacy = f.CandidacyFactory(race=race, person=person)
    public = f.ArticleFactory(
        headline="Early returns are in", slug="early-returns", section=section
    )
    f.MentionFactory(article=public, person=person)
    f.MentionFactory(article=public, person=None, race=race)
    secret = f.ArticleFactory(headline=SECRET, slug="zanzibar-scoop", section=section)
    f.MentionFactory(article=secret, person=person)
    f.MentionFactory(article=secret, person=None, race=race)
    endorser = f.PersonFactory(name="Quill Endorserton", slug="quill-endorserton")
    f.MentionFactory(article=secret, person=endorser)
    f.EndorsementFactory(endorser_person=endorser, candidacy=candidacy, source_article=secret)
    add_secret_facts(public, secret, race, person, candidacy)
    pollster = f.OrganizationFactory(name="Public Polling", slug="public-polling")
    f.MentionFactory(article=public, person=None, organization=pollster)
    f.MentionFactory(article=secret, person=None, organization=pollster)
    return {"public": public, "secret": secret, "section": section, "person": person, "race": race}


def add_secret_facts(public, secret, race, person, candidacy):
    unsourced = f.PersonFactory(name="Ulla Unsourced", slug="ulla-unsourced")
    f.MentionFactory(article=secret, person=unsourced)
    f.EndorsementFactory(endorser_person=unsourced, candidacy=candidacy, source_article=None)
    rhea = f.PersonFactory(name="Rhea Draftcandidate", slug="rhea-draftcandidate")
    f.MentionFactory(article=secret, person=rhea)
    rhea_run = f.CandidacyFactory(race=race, person=rhea, source_article=secret)
    count = f.ResultSnapshotFactory(race=race, source_article=public)
    f.ResultLineFactory(snapshot=count, candidacy=candidacy, votes=1200)
    f.ResultLineFactory(snapshot=count, candidacy=rhea_run, votes=800)
    pollster = f.OrganizationFactory(name="Secretworth Polling", slug="secretworth-polling")
    f.MentionFactory(article=secret, person=None, organization=pollster)
    poll = f.PollFactory(race=race, pollster=pollster, source_article=secret)
    f.PollResultFactory(poll=poll, candidacy=candidacy)
    f.FundraisingTotalFactory(race=race, candidacy=candidacy, amount=7777777, source_article=secret)
    f.MarginFactory(race=race, leader=candidacy, votes=6_543_210, source_article=secret)
    f.QuoteFactory(article=secret, speaker=person, text="Words only the draft has")


def surfaces(world):
    person, race, section = world["person"].slug, world["race"].slug, world["section"].slug
    return [
        "/",
        f"/sections/{section}/",
        f"/people/{person}/",
        f"/races/{race}/",
        f"/offices/{world['race'].office.slug}/",
        "/organizations/public-polling/",
        world["public"].get_absolute_url(),  # related stories
        "/feeds/latest/rss/",
        "/feeds/latest/atom/",
        f"/feeds/sections/{section}/rss/",
        f"/feeds/sections/{section}/atom/",
        f"/feeds/people/{person}/rss/",
        f"/feeds/people/{person}/atom/",
        f"/feeds/races/{race}/rss/",
        f"/feeds/races/{race}/atom/",
        "/sitemap.xml",
        *(f"/sitemap-{name}.xml" for name in ("people", "races", "organizations", "offices")),
        f"/sitemap-stories-{timezone.localdate():%Y-%m}.xml",
        "/sitemap-news.xml",
        # Every list of the JSON API, as many rows as it gives at once.
        *(f"/api/v1/{name}/?page_size=200" for name in API_LISTS),
    ]


def make_non_public(article, state):
    now = timezone.now()
    if state == "draft":
        article.status, article.published_at = Article.Status.DRAFT, None
    elif state == "scheduled":
        article.status, article.published_at = Article.Status.SCHEDULED, now + dt.timedelta(hours=3)
    elif state == "embargoed":
        article.status, article.published_at = Article.Status.PUBLISHED, now + dt.timedelta(hours=3)
    else:
        article.status, article.published_at = Article.Status.WITHDRAWN, now - dt.timedelta(hours=3)
    article.save()


@pytest.mark.parametrize("state", ["draft", "scheduled", "embargoed", "withdrawn"])
def test_a_non_public_story_shows_nowhere_until_published(client, world, state):
    secret = world["secret"]
    make_non_public(secret, state)
    secret_url = f"/stories/2024/01/01/{secret.slug}/"
    for url in surfaces(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET not in body, (state, url)
        assert secret.slug not in body, (state, url)
        for fact in SECRET_FACTS:
            assert fact not in body, (state, url, fact)
        assert "6543210" not in body, (state, url)  # the margin, as the API would give it
    expected = 410 if state == "withdrawn" else 404
    answer = client.get(secret.get_absolute_url())
    assert answer.status_code == expected
    if state == "withdrawn":  # the notice is kept by no browser, CDN or shared cache
        assert "no-store" in answer["Cache-Control"]
        assert client.get(secret.get_absolute_url()).get("X-Page-Cache") != "hit"
    assert client.get(secret_url).status_code == 404  # not its date: a withdrawal is not told there
    for slug in ("quill-endorserton", "ulla-unsourced", "rhea-draftcandidate"):
        assert client.get(f"/people/{slug}/").status_code == 404, slug
        assert client.get(f"/api/v1/people/{slug}/").status_code == 404, slug
    assert client.get(f"/api/v1/stories/{secret.slug}/").status_code == 404
    assert client.get("/organizations/secretworth-polling/").status_code == 404

    secret.status, secret.published_at = (
        Article.Status.PUBLISHED,
        timezone.now() - dt.timedelta(minutes=5),
    )
    secret.save()
    client.cookies.clear()
    for url in surfaces(world):
        body = client.get(url).content.decode()
        if (
            url == "/sitemap-news.xml"
            or "/feeds/" in url
            or url == "/"
            or url.startswith("/sitemap-stories-")
            or url.startswith(("/sections/", "/api/v1/stories/"))
        ):
            assert secret.slug in body, url
        if url.startswith(("/people/", "/races/", "/organizations/")):
            assert SECRET in body, url
    race_page = client.get(f"/races/{world['race'].slug}/").content.decode()
    person_page = client.get(f"/people/{world['person'].slug}/").content.decode()
    for fact in SECRET_FACTS:
        assert fact in race_page + person_page, fact
    api = "".join(client.get(f"/api/v1/{name}/").content.decode() for name in API_LISTS)
    for fact in ("Quill Endorserton", "Ulla Unsourced", "Rhea Draftcandidate", "Secretworth"):
        assert fact in api, fact
    assert '"votes":6543210' in api
    assert client.get(secret.get_absolute_url()).status_code == 200


def test_staff_preview_a_draft_without_it_being_indexed(client, admin_user, world):
    secret = world["secret"]
    make_non_public(secret, "draft")
    client.force_login(admin_user)
    response = client.get(secret.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'content="noindex, nofollow"' in html and "Preview:" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_staff_account_outside_the_newsroom_gets_no_preview(client, django_user_model, world):
    secret = world["secret"]
    make_non_public(secret, "draft")
    outsider = django_user_model.objects.create_user("outsider", password="x", is_staff=True)
    client.force_login(outsider)
    response = client.get(secret.get_absolute_url())
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    home = client.get("/").content.decode()
    assert "editor-header" not in home and "site-header" in home


def test_the_search_engines_are_pointed_away_from_editors_pages(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body and "Disallow: /archive/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.fixture
def names_only_in_a_secret():
    """A person and an organization that only the secret story mentions."""
    published = f.ArticleFactory(headline="Harbor budget passes", slug="harbor-budget")
    secret = f.ArticleFactory(headline=SECRET, slug="zanzibar-scoop")
    person = f.PersonFactory(name="Wendell Fizzlewhite", slug="wendell-fizzlewhite")
    organization = f.OrganizationFactory(name="Quibbleworth Foundation", slug="quibbleworth")
    f.MentionFactory(article=secret, person=person)
    f.MentionFactory(article=secret, person=None, organization=organization)
    return {"published": published, "secret": secret}


def name_surfaces(world):
    return [
        "/search/?q=Fizzlewhit",  # "did you mean": a near spelling of the name
        "/search/?q=Fizzlewhite",  # the people whose name matches
        "/search/?q=Wendell",
        "/search/?q=Quibbleworth+Foundation",
        "/search/?q=Quibleworth",
        "/",
        world["published"].get_absolute_url(),
        "/sitemap.xml",
        "/feeds/latest/rss/",
    ]


@pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn"])
def test_names_known_only_from_unpublished_stories_are_never_suggested(
    client, admin_client, names_only_in_a_secret, state
):
    world = names_only_in_a_secret
    make_non_public(world["secret"], state)
    for url in name_surfaces(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        assert "wendell fizzlewhite" not in body, (state, url)
        assert "wendell-fizzlewhite" not in body, (state, url)
        if "Quibbleworth+" not in url:  # that page repeats the query itself
            assert "quibbleworth foundation" not in body, (state, url)
        assert "/quibbleworth/" not in body, (state, url)
    suggestion = client.get("/search/?q=Fizzlewhit").content.decode()
    assert "Also showing stories with" not in suggestion
    assert "Fizzlewhite" not in suggestion
    assert client.get("/people/wendell-fizzlewhite/").status_code == 404
    # Editors do get the suggestion in their archive, where every story counts.
    archive = admin_client.get("/archive/?q=Fizzlewhit").content.decode()
    assert "Also showing stories with “Fizzlewhite”" in archive

    # Once the story is published, readers get the suggestion and the name too.
    world["secret"].status = Article.Status.PUBLISHED
    world["secret"].published_at = timezone.now() - dt.timedelta(minutes=5)
    world["secret"].save()
    client.cookies.clear()
    suggestion = client.get("/search/?q=Fizzlewhit").content.decode()
    assert "Also showing stories with “Fizzlewhite”" in suggestion
    assert "/people/wendell-fizzlewhite/" in client.get("/search/?q=Fizzlewhite").content.decode()


def test_the_rule_answers_for_the_moment_asked(world):
    """``facts.public(queryset, now)``: an endorsement sourced from a story embargoed until
    tomorrow is not public now, is the day after, and is not again when asked about now."""
    now = timezone.now()
    story = f.ArticleFactory(
        headline="Embargoed endorsement", published_at=now + dt.timedelta(days=1)
    )
    endorser = f.PersonFactory(name="Tomorrow Endorser")
    f.MentionFactory(article=world["public"], person=endorser)
    candidacy = world["person"].candidacies.get()
    endorsement = f.EndorsementFactory(
        endorser_person=endorser, candidacy=candidacy, source_article=story
    )
    later = now + dt.timedelta(days=2)
    answers = [
        endorsement in facts.public(Endorsement.objects.all(), now),
        endorsement in facts.public(Endorsement.objects.all(), later),
        endorsement in facts.public(Endorsement.objects.all(), now),
    ]
    assert answers == [False, True, False]


@pytest.mark.parametrize("state", ["published", "draft", "embargoed", "withdrawn"])
def test_the_compiled_rule_keeps_the_same_rows_as_the_rule_itself(world, state):
    """``facts.public`` runs each kind's rule from a query compiled once, joined to the row it
    is about: for every kind of fact, it must keep exactly the rows ``fact_condition`` keeps,
    alone and inside a subquery (an office is public through its terms)."""
    if state != "published":
        make_non_public(world["secret"], state)
    f.TermFactory(person=world["person"], office=world["race"].office)
    now = timezone.now()
    for model in facts.RULES:
        direct = set(model.objects.filter(facts.fact_condition(model, now=now)))
        assert set(facts.public(model.objects.all(), now)) == direct, model.__name__
    assert list(facts.public(Office.objects.all(), now)) == [world["race"].office]
