"""Merging duplicate people and organizations: everything moves, nothing is counted twice,
only editors may do it, and the old address redirects to the record kept."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import Article, Byline, Mention, Quote
from core import merging
from core.roles import DATA_ENTRY, EDITORS
from people.merging import merge_into
from people.models import (
    Candidacy,
    Endorsement,
    MergedRecord,
    Organization,
    Person,
    Poll,
    ResultLine,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def relations_of(model):
    return [
        relation
        for relation in model._meta.related_objects
        if not (relation.many_to_many and not relation.through._meta.auto_created)
    ]


def rows_pointing_at(model, pk):
    """{relation label: count} of rows in every relation to ``model`` that still name ``pk``."""
    counts = {}
    for relation in relations_of(model):
        count = relation.related_model._base_manager.filter(**{relation.field.name: pk}).count()
        if count:
            counts[merging.relation_label(relation)] = count
    return counts


@pytest.fixture
def people():
    """Two records of one prosecutor, each with coverage and facts, overlapping in places."""
    keep = f.PersonFactory(name="Nathan Hochman", slug="nathan-hochman", bio="")
    dup = f.PersonFactory(
        name="Nate Hochman", slug="nate-hochman", description="Former federal prosecutor"
    )
    f.PersonNameFactory(person=dup, name="N. Hochman")
    f.PersonNameFactory(person=keep, name="Hochman")
    f.PersonNameFactory(person=dup, name="Hochman")  # the same other name on both
    both = f.ArticleFactory(headline="Both records in one story")
    only_dup = f.ArticleFactory(headline="Only the duplicate")
    f.MentionFactory(article=both, person=keep)
    f.MentionFactory(article=both, person=dup, role=Mention.Role.QUOTED)
    f.MentionFactory(article=only_dup, person=dup)
    f.QuoteFactory(article=only_dup, speaker=dup)
    f.BylineFactory(article=only_dup, person=dup)
    race = f.RaceFactory(slug="2024-da-general")
    kept_run = f.CandidacyFactory(race=race, person=keep)
    dup_run = f.CandidacyFactory(race=race, person=dup, ballot_designation="Prosecutor")
    snapshot = f.ResultSnapshotFactory(race=race)
    f.ResultLineFactory(snapshot=snapshot, candidacy=kept_run, votes=1200)
    f.ResultLineFactory(snapshot=snapshot, candidacy=dup_run, votes=1200)
    later = f.ResultSnapshotFactory(race=race, as_of=snapshot.as_of.replace(hour=23))
    f.ResultLineFactory(snapshot=later, candidacy=dup_run, votes=2500)
    backer = f.PersonFactory(name="Some Backer")
    f.EndorsementFactory(endorser_person=backer, candidacy=dup_run)
    other_race = f.RaceFactory()
    f.EndorsementFactory(endorser_person=dup, candidacy=f.CandidacyFactory(race=other_race))
    f.TermFactory(person=dup)
    f.AffiliationFactory(person=dup)
    return {"keep": keep, "dup": dup, "both": both, "only_dup": only_dup, "race": race}


def test_every_relation_moves_and_overlaps_are_merged_not_doubled(people):
    keep, dup = people["keep"], people["dup"]
    dup_id = dup.pk
    before = rows_pointing_at(Person, dup_id)
    # Mentions, quotes, bylines, candidacies, endorsements, terms, affiliations, other names.
    assert len(before) == 8
    assert merging.plan(dup) == before  # the confirmation page lists exactly what moves

    ((merged, report),) = merge_into(keep, [dup])

    assert not Person.objects.filter(pk=dup_id).exists()
    assert rows_pointing_at(Person, dup_id) == {}
    # One mention per story, the kept record's own where both were named.
    assert Mention.objects.filter(article=people["both"], person=keep).count() == 1
    assert Mention.objects.filter(article=people["only_dup"], person=keep).count() == 1
    assert Quote.objects.get(article=people["only_dup"]).speaker == keep
    assert Byline.objects.get(article=people["only_dup"]).person == keep
    # Both were candidates in the race: one candidacy, carrying the duplicate's facts.
    (run,) = Candidacy.objects.filter(race=people["race"])
    assert run.person == keep
    assert run.ballot_designation == "Prosecutor"  # blank on the kept one: filled
    assert sorted(ResultLine.objects.filter(candidacy=run).values_list("votes", flat=True)) == [
        1200,
        2500,
    ]
    assert Endorsement.objects.filter(candidacy=run, endorser_person__name="Some Backer").exists()
    assert Endorsement.objects.filter(endorser_person=keep).count() == 1
    assert keep.terms.count() == 1 and keep.affiliations.count() == 1
    # The duplicate's names are other names of the kept record, each once.
    assert sorted(keep.other_names.values_list("name", flat=True)) == [
        "Hochman",
        "N. Hochman",
        "Nate Hochman",
    ]
    keep.refresh_from_db()
    assert keep.description == "Former federal prosecutor"
    assert "Mentions" in str(report) and "merged into it" in str(report)
    assert (merged.slug, merged.name, merged.merged_id, merged.person) == (
        "nate-hochman",
        "Nate Hochman",
        dup_id,
        keep,
    )
    # History says what happened, on the kept record and on each moved row.
    assert keep.history.filter(history_change_reason__startswith="Merged “Nate Hochman”").exists()
    assert Quote.history.filter(history_change_reason__contains="Nate Hochman").exists()
    assert Person.history.filter(id=dup_id, history_type="-").exists()


def test_organizations_merge_with_their_units_polls_and_names():
    keep = f.OrganizationFactory(name="Association of Deputy District Attorneys", slug="adda")
    dup = f.OrganizationFactory(name="ADDA", slug="adda-2", kind=Organization.Kind.UNION)
    unit = f.OrganizationFactory(name="ADDA board", parent=dup)
    keep.parent = dup  # a mistaken link between the two records
    keep.save()
    poll = f.PollFactory()
    poll.sponsors.add(dup, keep)
    f.MentionFactory(person=None, organization=dup)
    f.EndorsementFactory(endorser_person=None, endorser_organization=dup)

    merge_into(keep, [dup])

    keep.refresh_from_db()
    unit.refresh_from_db()
    assert unit.parent == keep and keep.parent is None
    assert list(Poll.objects.get(pk=poll.pk).sponsors.all()) == [keep]
    assert keep.mentions.count() == 1 and keep.endorsements_given.count() == 1
    assert list(keep.other_names.values_list("name", flat=True)) == ["ADDA"]
    assert rows_pointing_at(Organization, dup.pk or 0) == {}
    assert MergedRecord.objects.get(slug="adda-2").organization == keep


def test_every_relation_to_people_and_organizations_is_covered():
    """A relation added later is moved too: the merge walks the model's relations, so the
    list here is only a check that every kind of relation exists and is walked."""
    for model in (Person, Organization):
        names = {merging.relation_label(r) for r in relations_of(model)}
        assert len(names) == len(relations_of(model))
        assert any("Mentions" in name for name in names)


def test_a_merged_address_redirects_to_the_record_kept_everywhere(client, admin_client, people):
    keep, dup = people["keep"], people["dup"]
    merge_into(keep, [dup])
    response = client.get("/people/nate-hochman/")
    assert response.status_code == 301 and response["Location"] == "/people/nathan-hochman/"
    assert client.get(response["Location"]).status_code == 200
    response = admin_client.get("/archive/people/nate-hochman/")
    assert response.status_code == 301
    assert response["Location"] == "/archive/people/nathan-hochman/"
    sitemap = client.get("/sitemap-people.xml").content.decode()
    assert "/people/nathan-hochman/" in sitemap and "nate-hochman" not in sitemap
    # Merged again into a third record: the first old address follows.
    third = f.PersonFactory(name="Nathan J. Hochman", slug="nathan-j-hochman")
    merge_into(third, [keep])
    assert client.get("/people/nate-hochman/")["Location"] == "/people/nathan-j-hochman/"
    assert client.get("/people/nathan-hochman/")["Location"] == "/people/nathan-j-hochman/"


def test_an_organizations_old_dossier_redirects(admin_client):
    keep = f.OrganizationFactory(name="LAPPL", slug="lappl")
    dup = f.OrganizationFactory(name="Police Protective League", slug="ppl")
    merge_into(keep, [dup])
    response = admin_client.get("/archive/organizations/ppl/")
    assert response.status_code == 301 and response["Location"] == "/archive/organizations/lappl/"
    assert admin_client.get("/archive/organizations/nowhere/").status_code == 404


def test_an_organizations_old_public_page_redirects_once_the_kept_one_is_public(client):
    keep = f.OrganizationFactory(name="LAPPL", slug="lappl")
    dup = f.OrganizationFactory(name="Police Protective League", slug="ppl")
    merge_into(keep, [dup])
    assert client.get("/organizations/ppl/").status_code == 404  # no public coverage yet
    f.MentionFactory(article=f.ArticleFactory(), person=None, organization=keep)
    response = client.get("/organizations/ppl/")
    assert response.status_code == 301 and response["Location"] == "/organizations/lappl/"
    assert client.get(response["Location"]).status_code == 200


def test_no_redirect_names_a_record_readers_may_not_see(client):
    keep = f.PersonFactory(slug="only-in-drafts")
    dup = f.PersonFactory(slug="also-only-in-drafts")
    draft = f.ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    f.MentionFactory(article=draft, person=dup)
    merge_into(keep, [dup])
    response = client.get("/people/also-only-in-drafts/")
    assert response.status_code == 404
    assert "only-in-drafts" not in response.get("Location", "")


def staff(role):
    user = User.objects.create_user(role, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_editors_merge_in_the_admin_after_a_confirmation_listing_what_moves(client, people):
    keep, dup = people["keep"], people["dup"]
    client.force_login(staff(EDITORS))
    url = reverse("admin:people_person_changelist")
    selected = {"action": "merge_duplicates", "_selected_action": [keep.pk, dup.pk]}
    page = client.post(url, selected)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Choose the person to keep" in text
    assert "Mentions (mention · person): 2" in text
    assert "Quotes (quote · speaker): 1" in text
    assert Person.objects.filter(pk=dup.pk).exists()  # nothing happens before confirming
    # Confirming without choosing: asked again, nothing merged.
    again = client.post(url, {**selected, "post": "yes"})
    assert "Choose the record to keep." in again.content.decode()
    assert Person.objects.filter(pk=dup.pk).exists()
    done = client.post(url, {**selected, "post": "yes", "keep": keep.pk})
    assert done.status_code == 302
    assert done["Location"] == reverse("admin:people_person_change", args=[keep.pk])
    assert not Person.objects.filter(pk=dup.pk).exists()
    log = LogEntry.objects.filter(object_id=str(keep.pk)).latest("action_time")
    assert "Nate Hochman" in log.get_change_message()
    assert LogEntry.objects.filter(object_id=str(dup.pk), action_flag=3).exists()
    assert MergedRecord.objects.get(slug="nate-hochman").merged_by.username == EDITORS


def test_data_entry_may_not_merge_even_by_a_forged_post(client, people):
    keep, dup = people["keep"], people["dup"]
    client.force_login(staff(DATA_ENTRY))
    url = reverse("admin:people_person_changelist")
    assert "merge_duplicates" not in client.get(url).content.decode()
    client.post(
        url,
        {
            "action": "merge_duplicates",
            "_selected_action": [keep.pk, dup.pk],
            "post": "yes",
            "keep": keep.pk,
        },
    )
    assert Person.objects.filter(pk=dup.pk).exists()
    assert not MergedRecord.objects.exists()


def test_one_record_alone_is_not_merged(admin_client, people):
    url = reverse("admin:people_organization_changelist")
    org = f.OrganizationFactory()
    response = admin_client.post(
        url, {"action": "merge_duplicates", "_selected_action": [org.pk]}, follow=True
    )
    assert "Select at least two records to merge." in response.content.decode()
