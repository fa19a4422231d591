"""manage.py generate_corpus: deterministic, marked synthetic, replaceable, searchable."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article, Mention
from articles.search import StorySearch
from people.models import Person, PersonName
from tests import factories as f

pytestmark = pytest.mark.django_db


def generate(stories=60, seed=7, people=200):
    out = io.StringIO()
    call_command(
        "generate_corpus",
        stories=stories,
        seed=seed,
        people=people,
        workers=1,
        verbosity=1,
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def snapshot():
    return list(
        Article.objects.filter(is_synthetic=True)
        .order_by("slug")
        .values_list("slug", "headline", "body", "status")
    )


def test_writes_a_marked_archive_of_the_asked_size():
    output = generate()
    synthetic = Article.objects.filter(is_synthetic=True)
    assert synthetic.count() == 60
    assert Person.objects.filter(slug__startswith="synthetic-").count() == 200
    assert PersonName.objects.filter(person__slug__startswith="synthetic-").exists()
    mentions = Mention.objects.filter(article__is_synthetic=True).count()
    assert 3 * 60 <= mentions <= 7 * 60
    assert 4 <= mentions / 60 <= 6
    assert set(synthetic.values_list("section__slug", flat=True)) == {"synthetic"}
    assert "60 stories" in output
    bodies = list(synthetic.values_list("body", flat=True))
    lengths = [len(body.split()) for body in bodies]
    assert min(lengths) >= 150 and max(lengths) <= 1000
    assert all(4 <= body.count("\n\n") + 1 <= 12 for body in bodies)


def test_same_seed_same_archive_other_seed_other_archive():
    generate(seed=7)
    first = snapshot()
    generate(seed=7)
    assert snapshot() == first  # and re-running replaced, not duplicated
    assert Article.objects.filter(is_synthetic=True).count() == 60
    generate(seed=8)
    assert snapshot() != first


def test_real_stories_and_people_are_left_alone():
    story = f.ArticleFactory(headline="A real story")
    person = f.PersonFactory(name="A Real Person")
    generate()
    generate(stories=10)
    assert Article.objects.filter(pk=story.pk, is_synthetic=False).exists()
    assert Person.objects.filter(pk=person.pk).exists()
    assert Article.objects.filter(is_synthetic=True).count() == 10


def test_the_broad_term_is_in_about_forty_percent_of_stories():
    generate(stories=400, people=300)
    stories = Article.objects.filter(is_synthetic=True)
    share = stories.filter(body__contains="prosecutor").count() / stories.count()
    assert 0.3 <= share <= 0.5


def test_search_finds_synthetic_people_after_the_load():
    generate()
    mention = Mention.objects.filter(article__is_synthetic=True).select_related("person").first()
    found = StorySearch(f'"{mention.person.name}"').filter(Article.objects.all())
    assert found.filter(pk=mention.article_id).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search_names is PostgreSQL's")
def test_loaded_names_equal_what_the_triggers_would_write():
    generate()
    # The same words (order and repeats aside: they do not change what a search finds).
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FROM articles_article
                WHERE is_synthetic AND (
                    SELECT array_agg(DISTINCT w ORDER BY w)
                      FROM unnest(string_to_array(search_names, ' ')) w)
                 IS DISTINCT FROM (SELECT array_agg(DISTINCT w ORDER BY w)
                       FROM unnest(string_to_array(newsroom_story_names(id), ' ')) w)"""
        )
        drifted = cursor.fetchone()[0]
    assert drifted == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are dropped on PostgreSQL")
def test_a_rerun_deletes_the_old_archive_before_dropping_indexes():
    # Deleting after the drop makes every deleted story's foreign-key check scan all mentions:
    # quadratic, hours at a million stories.
    generate()
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        generate()
    first_delete = next(
        i for i, sql in enumerate(statements) if "DELETE FROM articles_mention" in sql
    )
    first_drop = next(i for i, sql in enumerate(statements) if sql.startswith("DROP INDEX"))
    assert first_delete < first_drop
    assert "SET CONSTRAINTS ALL IMMEDIATE" in statements[first_delete:first_drop]
    assert Article.objects.filter(is_synthetic=True).count() == 60


def test_bad_sizes_are_refused():
    with pytest.raises(CommandError):
        call_command("generate_corpus", stories=-1, stdout=io.StringIO())
