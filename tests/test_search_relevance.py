"""The judged relevance set: queries an editor or reader would type, with the stories that must
come back (and in what order where order matters). Runs on SQLite and on PostgreSQL."""

import pytest

from articles.models import Article
from articles.search import StorySearch
from tests import search_corpus

pytestmark = pytest.mark.django_db

ACCENTED = {"sworn_in", "recall", "budget"}  # "Gascón" or "Gascon" in their text
# query, the first results in this order, others that must be there, stories that must not
JUDGED = [
    # Accents, both ways, and case
    ("gascon", ["sworn_in", "recall"], {"budget"}, {"draft_gascon"}),
    ("Gascón", ["sworn_in", "recall"], {"budget"}, {"draft_gascon"}),
    ("GASCÓN", ["sworn_in", "recall"], {"budget"}, set()),
    ("recall gascón", ["recall"], set(), {"sworn_in", "budget"}),
    ("pena", [], {"pena_accented", "pena_plain"}, set()),
    ("Peña", [], {"pena_accented", "pena_plain"}, set()),
    # Phrases
    ('"district attorney"', [], {"jail_clash", "sworn_in"}, {"water"}),
    ("district attorney", [], {"jail_clash", "water", "sworn_in"}, set()),
    ('"tough on crime"', ["returns"], set(), set()),
    ('"attorney district"', [], set(), {"water", "jail_clash"}),
    # Exclusion and OR
    ("gascon -recall", [], {"sworn_in", "budget"}, {"recall"}),
    ('gascon -"san francisco"', [], {"recall", "budget"}, {"sworn_in"}),
    ("hochman OR lacey", [], {"returns", "concedes"}, {"sworn_in"}),
    ("police OR sheriff", [], {"union", "jail_clash"}, {"water"}),
    ("union -police", [], {"pena_plain", "endorsements"}, {"union"}),
    # Typos in names
    ("Hochmann", ["returns"], set(), set()),
    ("Lacy", ["concedes"], set(), set()),
    ("Gascone", [], ACCENTED, set()),
    ("Hatamy", ["prosecutor_headline"], set(), set()),
    # A person by another name, and by a name only their mention carries
    ("Jacquelyn Lacey", ["concedes"], set(), set()),
    ("Hatami", ["prosecutor_headline"], set(), set()),
    ("Jonathan Hatami", ["prosecutor_headline"], set(), set()),
    # Word forms, and a headline match above many body matches
    ("endorse", [], {"endorsements", "pena_plain"}, set()),
    ("prosecutor", ["prosecutor_headline"], {"prosecutor_body", "sworn_in"}, set()),
    ("gascon", [], set(), {"jail_clash"}),
]


@pytest.fixture
def corpus():
    return search_corpus.build()


def ranked_keys(corpus, text):
    names = {story.pk: key for key, story in corpus.items()}
    page = StorySearch(text).page(Article.objects.published(), per_page=50)
    return [names[story.pk] for story in page.stories]


def test_the_set_is_big_enough():
    assert len(JUDGED) >= 20
    assert len({query for query, *_ in JUDGED}) >= 20


@pytest.mark.parametrize(("query", "first", "includes", "excludes"), JUDGED)
def test_judged_query(corpus, query, first, includes, excludes):
    found = ranked_keys(corpus, query)
    assert found[: len(first)] == first, found
    assert includes <= set(found), found
    assert not excludes & set(found), found


def test_headline_match_outranks_a_body_mention(corpus):
    found = ranked_keys(corpus, "gascón")
    assert found.index("sworn_in") < found.index("budget")
    assert found.index("recall") < found.index("budget")


def test_archive_best_match_uses_the_same_ranking(corpus):
    ordered = StorySearch("prosecutor").by_relevance(Article.objects.all())
    keys = {story.pk: key for key, story in corpus.items()}
    assert keys[ordered.values_list("pk", flat=True)[0]] == "prosecutor_headline"
    assert ordered.count() == 3
