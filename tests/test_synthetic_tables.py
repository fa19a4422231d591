"""generate_corpus writes every column of its tables, taking them and their defaults from the models."""

import io
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, models
from django.test.utils import isolate_apps

from articles.models import Article, Mention
from devtools.synthetic import corpus
from devtools.synthetic.tables import Table
from people.models import Person, PersonName


@pytest.mark.parametrize(
    ("name", "model"),
    [("story", Article), ("mention", Mention), ("person", Person), ("person name", PersonName)],
)
def test_the_writers_columns_are_the_models_columns(name, model):
    table = corpus.tables()[name]
    search_names = (
        ["search_names"] if model is Article and connection.vendor == "postgresql" else []
    )

    assert table.name == model._meta.db_table
    assert sorted(table.columns) == sorted(
        [f.column for f in model._meta.concrete_fields] + search_names
    )
    assert len(table.columns) == len(set(table.columns))


@isolate_apps("tests")
def test_a_column_the_generator_does_not_fill_gets_its_model_default():
    class Desk(models.Model):  # noqa: DJ008 (a model for this test only)
        name = models.CharField(max_length=20)
        floor = models.PositiveSmallIntegerField(default=3)
        note = models.CharField(max_length=20, blank=True)
        closed = models.DateField(null=True)

        class Meta:
            app_label = "tests"

    table = Table(Desk, ("id", "name"))

    assert table.columns == ["id", "name", "floor", "note", "closed"]
    assert table.row((1, "Metro")) == (1, "Metro", 3, "", None)


@isolate_apps("tests")
@pytest.mark.parametrize(
    "field",
    [models.PositiveSmallIntegerField(), models.SlugField(unique=True, default="same")],
    ids=["required without a default", "unique"],
)
def test_a_column_no_default_can_fill_is_refused_before_writing(field):
    class Desk(models.Model):  # noqa: DJ008 (a model for this test only)
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "tests"

    field.contribute_to_class(Desk, "code")

    with pytest.raises(ImproperlyConfigured, match=r"tests\.Desk\.code: .* must fill it"):
        Table(Desk, ("id", "name"))


@isolate_apps("tests")
def test_a_name_that_is_not_a_column_is_refused():
    class Desk(models.Model):  # noqa: DJ008 (a model for this test only)
        class Meta:
            app_label = "tests"

    with pytest.raises(ImproperlyConfigured, match=r"tests\.Desk has no column nmae"):
        Table(Desk, ("id", "nmae"))


@pytest.mark.django_db
def test_a_field_added_to_stories_with_a_default_is_written_by_generate_corpus():
    # As a migration would leave it: a new NOT NULL column whose default lives in the model.
    desk = models.CharField(max_length=20, default="metro")
    desk.set_attributes_from_name("desk")
    desk.model = Article
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE articles_article ADD COLUMN desk varchar(20) NOT NULL DEFAULT ''"
        )
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE articles_article ALTER COLUMN desk DROP DEFAULT")
    fields = (*Article._meta.concrete_fields, desk)
    with mock.patch.object(Article._meta, "concrete_fields", fields):
        call_command(
            "generate_corpus", stories=20, seed=7, people=30, workers=1, stdout=io.StringIO(),
            stderr=io.StringIO(),
        )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT desk FROM articles_article WHERE is_synthetic")
        assert cursor.fetchall() == [("metro",)]
