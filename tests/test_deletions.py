"""Deleting a person or organization that a story mentions is refused, naming the stories."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from articles.models import Mention
from people.models import Organization, Person
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "target"),
    [
        (Person, lambda: {"person": f.PersonFactory(name="Only Mentioned")}),
        (Organization, lambda: {"person": None, "organization": f.OrganizationFactory()}),
    ],
)
def test_a_mentioned_record_cannot_be_deleted_and_the_stories_are_listed(
    admin_client, model, target
):
    links = target()
    story = f.ArticleFactory(headline="Prosecutor race tightens")
    f.MentionFactory(article=story, **links)
    obj = links.get("person") or links["organization"]
    url = reverse(f"admin:people_{model._meta.model_name}_delete", args=[obj.pk])
    page = admin_client.get(url).content.decode()
    assert "in the story “Prosecutor race tightens”" in page
    assert "Cannot delete" in page or "would require deleting" in page
    admin_client.post(url, {"post": "yes"})
    assert model.objects.filter(pk=obj.pk).exists()
    # The bulk action refuses the same way.
    admin_client.post(
        reverse(f"admin:people_{model._meta.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_record_no_story_mentions_can_be_deleted(admin_client):
    person = f.PersonFactory()
    url = reverse("admin:people_person_delete", args=[person.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_outside_the_admin_a_mentioned_record_is_not_deleted_either():
    person = f.PersonFactory(name="Mentioned Elsewhere")
    organization = f.OrganizationFactory()
    f.MentionFactory(person=person)
    f.MentionFactory(person=None, organization=organization)
    for record in (person, organization):
        with pytest.raises(ProtectedError):
            record.delete()
        with pytest.raises(ProtectedError):
            type(record).objects.filter(pk=record.pk).delete()
    assert Mention.objects.count() == 2
