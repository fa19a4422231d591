"""Search behaviour beyond relevance: bad queries, the index kept current, the public page,
paging past the ranked set, estimated totals, admin and name look-ups. Both databases."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

import articles.search as search_module
from articles.models import Article
from articles.search import StorySearch, schema
from articles.search.backends import backend_for
from articles.search.query import MAX_TERMS, parse
from people.models import Organization, Person
from people.names import edit_distance, matching_names
from tests import factories as f
from tests import search_corpus

pytestmark = pytest.mark.django_db


def found(text, queryset=None):
    return set(StorySearch(text).filter(queryset or Article.objects.all()))


# -- Bad queries ----------------------------------------------------------------------------

BAD_QUERIES = [
    "-",
    "OR",
    "-gascon",
    '"',
    '""',
    '"gascon',
    'gascon"',
    "OR OR -",
    "AND OR NOT NEAR",
    "😀🗳️",
    "gascón 😀",
    "x" * 10_000,
    "gascon " * 3_000,
    "'; DROP TABLE articles_article; --",
    "gascon' OR '1'='1",
    "%_\\",
    "NEAR(gascon lacey)",
    "headline:gascon",
    "gasc*",
    "(gascon",
    "{gascon}",
    "!!gascon & | <->",
    "\u202egascon",
    "a\x01b\x1fc",
]


@pytest.mark.parametrize("text", BAD_QUERIES)
def test_bad_queries_never_raise(text):
    story = f.ArticleFactory(headline="Gascón and Lacey debate", body="The gascon said.")
    search = StorySearch(text)
    page = search.page(Article.objects.all())
    assert (search.problem is None) or (page.stories == [] and isinstance(search.problem, str))
    assert set(search.filter(Article.objects.all())) <= {story}
    assert Article.objects.filter(pk=story.pk).exists()  # and the table is still there


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-gascon", "Add a word to look for"),
        ("😀 --- OR", "no words to search for"),
        ('""', "no words to search for"),
    ],
)
def test_queries_with_nothing_to_find_say_why(text, message):
    assert message in StorySearch(text).problem


def test_long_queries_are_cut_with_a_note():
    parsed = parse(" ".join(f"word{n}" for n in range(200)))
    assert sum(len(group) for group in parsed.groups) == MAX_TERMS
    assert any("first" in note for note in parsed.notes)


def test_syntax_is_read_as_web_search():
    parsed = parse('lacey OR "tough on crime" -recall gascón')
    assert [[term.text for term in group] for group in parsed.groups] == [
        ["lacey", "tough on crime"],
        ["gascón"],
    ]
    assert [term.text for term in parsed.excluded] == ["recall"]


def test_edit_distance_counts_a_swap_once():
    assert edit_distance("hochman", "hcohman", 2) == 1
    assert edit_distance("lacy", "lacey", 1) == 1
    assert edit_distance("gascon", "lacey", 2) == 3  # over the limit


# -- The index follows every write ----------------------------------------------------------


def test_index_follows_story_edits_and_deletes():
    story = f.ArticleFactory(headline="Budget vote delayed", body="Nothing about prosecutors.")
    assert found("budget") == {story}
    story.headline = "Pension vote delayed"
    story.save()
    assert found("pension") == {story} and found("budget") == set()
    story.delete()
    assert found("pension") == set()


def test_index_follows_mentions_and_names():
    story = f.ArticleFactory(headline="A quiet week", body="No names in this text.")
    person = f.PersonFactory(name="Maria Quintanilla")
    mention = f.MentionFactory(article=story, person=person)
    assert found("Quintanilla") == {story}

    person.name = "Maria Quintanilla-Ortiz"
    person.save()
    assert found("Ortiz") == {story}

    other = f.PersonNameFactory(person=person, name="Beatriz Quintanilla")
    assert found("Beatriz") == {story}
    other.name = "Xiomara Quintanilla"
    other.save()
    assert found("Xiomara") == {story} and found("Beatriz") == set()
    other.delete()
    assert found("Xiomara") == set()

    mention.delete()
    assert found("Quintanilla") == set()


def test_bulk_load_rebuilds_the_index():
    with schema.bulk_load(connection):
        story = f.ArticleFactory(headline="Loaded in bulk", body="Ballot measure text.")
    assert found("ballot") == {story}


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite rebuilds tables and drops triggers"
)
def test_lost_sqlite_triggers_are_restored_after_migrate():
    story = f.ArticleFactory(headline="Before the rebuild")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_on_story_update")
    story.headline = "Harbor commission meets"
    story.save()  # unindexed: the trigger is gone
    assert found("harbor") == set()
    schema.ensure_after_migrate(sender=None, using="default", verbosity=0)
    assert backend_for(connection.alias).schema.missing_triggers() == []
    assert found("harbor") == {story}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL objects")
def test_postgres_document_is_generated_weighted_and_indexed():
    story = f.ArticleFactory(headline="Gascón", dek="Lacey", body="Hochman")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text FROM articles_article WHERE id = %s", [story.pk]
        )
        document = cursor.fetchone()[0]
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_idx'")
        index = cursor.fetchone()[0]
    assert "'gascon':1A" in document and "'lacey':2B" in document and "'hochman':3C" in document
    assert "gin (search_document)" in index


# -- Phrases --------------------------------------------------------------------------------


def test_phrases_need_the_words_side_by_side_in_order():
    def story(body):
        return f.ArticleFactory(headline=f"Harbor news {body[:12]}", dek="", body=body)

    side_by_side = story("The county prosecutors met on Tuesday.")
    apart = story("The county said its prosecutor met on Tuesday.")
    reversed_ = story("The prosecutor county line was redrawn.")
    hyphened = story("A county-prosecutor pact was signed.")
    with_stop_word = story("The State of California sued.")
    assert found('"county prosecutor"') == {side_by_side, hyphened}
    assert found('"prosecutor county"') == {reversed_}
    assert found('"Gascón prosecutors"') == set()
    assert found('"state of california"') == {with_stop_word}
    assert found("county prosecutor") == {side_by_side, apart, reversed_, hyphened}


@pytest.fixture
def words_everywhere(monkeypatch):
    """A "big" archive in miniature: 60 stories with "county" and "prosecutor" apart, the
    phrase in the newest and the oldest; a phrase is confirmed in at most 10 stories."""
    from articles.search.backends.postgres import planner

    monkeypatch.setattr(planner, "BIG_ARCHIVE", 0)
    monkeypatch.setattr(planner, "PHRASE_READS", 10)
    now = timezone.now()

    def story(n, body):
        return f.ArticleFactory(
            headline=f"Harbor item {n}", dek="", body=body, published_at=now - dt.timedelta(n)
        )

    recent = story(0, "The county prosecutor spoke about the harbor.")
    for n in range(1, 60):
        story(n, "The county said the prosecutor spoke.")
    old = story(60, "The county prosecutor spoke, years ago.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    return recent, old


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL reads to confirm")
@pytest.mark.parametrize(
    "text",
    [
        '"county prosecutor"',
        '"the county prosecutor"',  # a stop word in the phrase searches nothing
        '"county prosecutor" harbor',
        '"county prosecutor" -zebra',
    ],
)
@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_a_phrase_of_words_found_everywhere_is_looked_for_in_recent_stories(
    words_everywhere, text, sort
):
    recent, old = words_everywhere
    page = StorySearch(text).page(Article.objects.all(), sort=sort)
    assert [s.pk for s in page.stories] == [recent.pk]
    assert page.total == 1 and not page.total_is_estimate and not page.has_next
    assert any("this search covers those published since" in n for n in page.notes)
    # A later page agrees on the total and finds nothing more.
    later = StorySearch(text).page(Article.objects.all(), number=2, sort=sort)
    assert later.stories == [] and later.total == 1 and not later.total_is_estimate
    assert old in found(text) or "harbor" in text  # filtering (archive, admin) is unbounded


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL reads to confirm")
@pytest.mark.parametrize("text", ["county prosecutor", '"the county"', '"of the" county'])
def test_words_and_one_word_phrases_search_the_whole_archive(words_everywhere, text):
    page = StorySearch(text).page(Article.objects.all(), per_page=100)
    assert len(page.stories) == 61 and not page.notes


# -- The page: ranked set, then older matches by date ---------------------------------------


def make_matches(count):
    now = timezone.now()
    return [
        f.ArticleFactory(
            headline=f"Item {n}",
            body="harbor " * (n % 4 + 1),
            published_at=now - dt.timedelta(days=n),
        )
        for n in range(count)
    ]


def test_pages_cover_every_match_once_past_the_ranked_set(monkeypatch):
    monkeypatch.setattr(search_module, "CANDIDATES", 5)
    stories = make_matches(12)
    search = StorySearch("harbor")
    seen, number = [], 1
    while True:
        page = search.page(Article.objects.all(), number=number, per_page=4)
        seen += page.stories
        if not page.has_next:
            break
        number += 1
    assert sorted(s.pk for s in seen) == sorted(s.pk for s in stories)
    ranked, rest = seen[:5], seen[5:]
    assert {s.pk for s in ranked} == {s.pk for s in stories[:5]}  # the five newest, ranked
    assert [s.pk for s in rest] == [s.pk for s in stories[5:]]  # then newest first
    assert page.total == 12 and not page.total_is_estimate


@pytest.mark.parametrize("sort", ["newest", "relevance"])
def test_phrase_pages_cover_every_match_once(monkeypatch, sort):
    monkeypatch.setattr(search_module, "CANDIDATES", 5)
    now = timezone.now()
    stories = [
        f.ArticleFactory(
            headline=f"Item {n}", body="harbor pilots", published_at=now - dt.timedelta(days=n)
        )
        for n in range(12)
    ]
    f.ArticleFactory(headline="Apart", body="pilots of the harbor")
    search = StorySearch('"harbor pilots"')
    seen, number = [], 1
    while True:
        page = search.page(Article.objects.all(), number=number, per_page=4, sort=sort)
        seen += page.stories
        if not page.has_next:
            break
        number += 1
    assert sorted(s.pk for s in seen) == sorted(s.pk for s in stories)
    if sort == "newest":
        assert [s.pk for s in seen] == [s.pk for s in stories]
    assert page.total == 12 and not page.total_is_estimate


def test_big_totals_are_estimates_on_postgres_and_exact_on_sqlite(monkeypatch):
    monkeypatch.setattr(search_module, "EXACT_TOTAL_UP_TO", 3)
    make_matches(8)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE articles_article")
    page = StorySearch("harbor").page(Article.objects.all(), per_page=2, sort="newest")
    if connection.vendor == "postgresql":
        assert page.total_is_estimate and page.total >= 4
    else:
        assert not page.total_is_estimate and page.total == 8


def test_snippets_are_escaped_and_marked():
    f.ArticleFactory(headline="<b>Gascón</b> & co", body="Text <script>alert(1)</script> gascon")
    (story,) = StorySearch("gascon").page(Article.objects.all()).stories
    assert "<mark>" in story.headline_html and "&lt;b&gt;" in story.headline_html
    # Escaped (SQLite) or dropped as markup by ts_headline (PostgreSQL): never live markup.
    assert "<script>" not in story.snippet_html and "alert(1)" in story.snippet_html


def test_a_match_in_the_dek_only_is_shown_from_the_dek():
    f.ArticleFactory(
        headline="Budget hearing", dek="The harbor pilots testified.", body="Nothing else here."
    )
    (story,) = StorySearch("pilots").page(Article.objects.all()).stories
    assert story.snippet_html == "The harbor <mark>pilots</mark> testified."


# -- The public page ------------------------------------------------------------------------


@pytest.fixture
def corpus():
    return search_corpus.build()


def test_public_search_page(client, corpus):
    response = client.get("/search/", {"q": "gascon"})
    body = response.content.decode()
    assert response.status_code == 200
    assert corpus["sworn_in"].get_absolute_url() in body
    assert "<mark>Gascón</mark>" in body
    assert "Unpublished draft" not in body and "must never appear" not in body
    assert 'name="robots" content="noindex' in body
    assert "George Gascón" in body  # the people box links the topic page
    assert "/people/" in body


def test_public_search_shows_what_a_typo_matched(client, corpus):
    body = client.get("/search/", {"q": "Hochmann"}).content.decode()
    assert corpus["returns"].get_absolute_url() in body
    assert "Also showing stories with “Hochman”" in body


@pytest.mark.parametrize(
    ("params", "status", "text"),
    [
        ({"q": "-gascon"}, 200, "Add a word to look for"),
        ({"q": "😀"}, 200, "no words to search for"),
        ({"q": "gascon", "sort": "loudest"}, 400, "could not be read"),
        ({"q": "x" * 10_000}, 200, "Only the first 500 characters"),
        ({"q": "gascon", "page": "0"}, 404, ""),
        ({"q": "gascon", "page": "many"}, 404, ""),
        ({"q": "gascon", "page": "99"}, 200, "3 stories match"),
        ({"q": "gascon", "page": "99"}, 200, "No more results"),
        ({"q": "nothingmatchesthis"}, 200, "No published stories match"),
        ({}, 200, "Search every published story"),
    ],
)
def test_public_search_bad_input(client, corpus, params, status, text):
    response = client.get("/search/", params)
    assert response.status_code == status
    assert text in response.content.decode()


def test_public_search_refuses_nul_bytes(client):
    assert client.get("/search/?q=a%00b").status_code == 400


def test_public_search_newest_first(client, corpus):
    body = client.get("/search/", {"q": "gascon", "sort": "newest"}).content.decode()
    assert body.index(corpus["budget"].get_absolute_url()) < body.index(
        corpus["sworn_in"].get_absolute_url()
    )


def test_header_search_box_on_public_pages(client, corpus):
    body = client.get("/").content.decode()
    assert 'role="search"' in body and 'action="/search/"' in body


# -- Admin and name look-ups ----------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("boss", "boss@example.com", "pw-1234-long")
    client.force_login(user)
    return client


def test_admin_story_search_uses_the_story_search(admin_client, corpus):
    body = admin_client.get("/admin/articles/article/", {"q": "gascon"}).content.decode()
    assert "Gascón takes the oath" in body and "Recall drive against Gascon" in body
    assert "Hochman leads" not in body


def autocomplete(client, term, field):
    """The admin autocomplete's answer for ``field`` ("app.model.field") as its texts."""
    app_label, model_name, field_name = field.split(".")
    params = {"term": term, "app_label": app_label, "model_name": model_name}
    response = client.get("/admin/autocomplete/", {**params, "field_name": field_name})
    return [row["text"] for row in response.json()["results"]]


def test_admin_autocomplete_forgives_typos_and_accents(admin_client, corpus):
    assert autocomplete(admin_client, "Hochmann", "articles.mention.person") == ["Nathan Hochman"]


def test_name_lookup_puts_the_closest_first(corpus):
    f.PersonFactory(name="Gasconade Smith")
    names = [p.name for p in matching_names(Person.objects.all(), "gascón")]
    assert names[0] == "George Gascón" and "Gasconade Smith" in names
    assert [p.name for p in matching_names(Person.objects.all(), "Jacquelyn")] == ["Jackie Lacey"]
    assert list(matching_names(Person.objects.all(), "   ")) == []


def test_organization_lookup(corpus):
    f.OrganizationFactory(name="Association of Deputy District Attorneys")
    names = [o.name for o in matching_names(Organization.objects.all(), "deputy district")]
    assert names == ["Association of Deputy District Attorneys"]


def test_type_ahead_matches_the_unfinished_last_word(corpus):
    assert {s.pk for s in found("Gasc")} == set()
    typed = StorySearch("recall Gasc", prefix=True).filter(Article.objects.all())
    assert set(typed) == {corpus["recall"]}


def test_admin_story_autocomplete_searches_as_you_type(admin_client, corpus):
    texts = set(autocomplete(admin_client, "Hochm", "people.endorsement.source_article"))
    assert texts == {"Hochman leads in early returns", "Unpublished draft about Gascón"}
