"""What the SQLite search must do as PostgreSQL's does, where no other test pins it (see
docs/search.md, "What SQLite must match, and what it need not"), the one difference a reader
meets (stop words), and the one interface both follow. Both databases."""

import inspect

import pytest
from django.db import connection

from articles.models import Article
from articles.search import StorySearch
from articles.search.backends import SearchBackend, SearchSchema, backend_for
from articles.search.backends.postgres import PostgresBackend
from articles.search.backends.sqlite import SqliteBackend
from tests import factories as f

pytestmark = pytest.mark.django_db


def found(text, prefix=False):
    return set(StorySearch(text, prefix=prefix).filter(Article.objects.all()))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("endorse", ["endorsed", "endorses", "endorsing", "endorsement", "endorsements"]),
        ("prosecutors", ["prosecutor", "prosecutors"]),
        ("voted", ["vote", "votes", "voting"]),
        ("charges", ["charge", "charged", "charging"]),
        ("policies", ["policy"]),
    ],
)
def test_common_word_forms_meet(typed, written):
    stories = {
        f.ArticleFactory(headline=f"News {n}", dek="", body=f"The {w} was noted.")
        for n, w in enumerate(written)
    }
    f.ArticleFactory(headline="Other news", dek="", body="Nothing like it here.")
    assert found(typed) == stories
    assert found(typed.upper()) == stories


def test_type_ahead_ignores_accents_both_ways():
    accented = f.ArticleFactory(headline="Peña weighs a run", dek="", body="")
    plain = f.ArticleFactory(headline="Pena files papers", dek="", body="")
    f.ArticleFactory(headline="Pelican sighted", dek="", body="")
    assert found("Peñ", prefix=True) == {accented, plain}
    assert found("pen", prefix=True) == {accented, plain}


def test_stop_words_are_refused_on_postgres_and_searched_on_sqlite():
    story = f.ArticleFactory(headline="The vote", dek="", body="")
    search = StorySearch("the")
    if connection.vendor == "postgresql":
        assert "too common" in search.problem
        assert found("the") == set()
    else:
        assert search.problem is None
        assert found("the") == {story}


# -- One interface ---------------------------------------------------------------------------


def _signatures(protocol):
    return {
        name: list(inspect.signature(member).parameters)
        for name, member in vars(protocol).items()
        if callable(member) and not name.startswith("_")
    }


@pytest.mark.parametrize("backend", [PostgresBackend, SqliteBackend])
def test_backends_follow_the_protocol(backend):
    """Every method of SearchBackend and SearchSchema, with the same arguments in the same
    order, on each backend and its schema."""
    for protocol, implementation in [
        (SearchBackend, backend),
        (SearchSchema, type(backend("default").schema)),
    ]:
        wanted = _signatures(protocol)
        assert wanted, protocol
        for name, parameters in wanted.items():
            assert list(inspect.signature(getattr(implementation, name)).parameters) == parameters
    assert backend.vendor in {"postgresql", "sqlite"}
    assert backend_for(connection.alias).vendor == connection.vendor
