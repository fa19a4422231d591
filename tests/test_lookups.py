"""``__one_of``: the same rows as ``__in``, with the list sent as one parameter."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Mention
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_one_of_finds_what_in_finds_with_one_parameter():
    stories = [f.ArticleFactory() for _ in range(3)]
    person = f.PersonFactory()
    for story in stories:
        Mention.objects.create(article=story, person=person)
    wanted = [stories[0].pk, stories[2].pk, 10**9]  # one id that is no story
    with CaptureQueriesContext(connection) as queries:
        found = set(Mention.objects.filter(article_id__one_of=wanted).values_list("article_id"))
    assert found == set(Mention.objects.filter(article_id__in=wanted).values_list("article_id"))
    assert found == {(stories[0].pk,), (stories[2].pk,)}
    sql = queries[0]["sql"]
    assert ("= ANY(" in sql) if connection.vendor == "postgresql" else ("json_each(" in sql)
    assert set(Article.objects.filter(pk__one_of=[stories[1].pk])) == {stories[1]}
    assert not Article.objects.filter(pk__one_of=[]).exists()
