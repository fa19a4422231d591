"""The admin as staff use it: every page renders for each role, forms save, and no work is lost."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import Article
from core.admin_tools import VersionedAdmin
from core.roles import DATA_ENTRY, EDITORS
from people.admin.base import precision_pairs
from people.models import (
    Endorsement,
    Organization,
    Person,
    Poll,
    Race,
    ResultSnapshot,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

FACTORIES = {
    "articles.article": f.ArticleFactory,
    "articles.articlerevision": f.ArticleRevisionFactory,
    "articles.section": f.SectionFactory,
    "articles.suggestion": f.SuggestionFactory,
    "people.person": f.PersonFactory,
    "people.organization": f.OrganizationFactory,
    "people.office": f.OfficeFactory,
    "people.term": f.TermFactory,
    "people.affiliation": f.AffiliationFactory,
    "people.election": f.ElectionFactory,
    "people.race": f.RaceFactory,
    "people.candidacy": f.CandidacyFactory,
    "people.resultsnapshot": f.ResultSnapshotFactory,
    "people.margin": f.MarginFactory,
    "people.endorsement": f.EndorsementFactory,
    "people.poll": f.PollFactory,
    "people.fundraisingtotal": f.FundraisingTotalFactory,
    "people.contribution": f.ContributionFactory,
}
ARCHIVE_MODELS = sorted(
    model._meta.label_lower
    for model in admin.site._registry
    if model._meta.app_label in {"articles", "people"}
)
ROLES = ["superuser", "editor", "data_entry"]


def make_user(role):
    if role == "superuser":
        return User.objects.create_superuser("chief", "chief@example.org", "pw")
    user = User.objects.create_user(role, f"{role}@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS if role == "editor" else DATA_ENTRY))
    return user


@pytest.fixture(params=ROLES)
def staff(request, client):
    user = make_user(request.param)
    client.force_login(user)
    client.role = request.param
    return client


def test_every_archive_model_has_a_factory():
    assert set(ARCHIVE_MODELS) == set(FACTORIES)


def test_every_sourced_fact_asks_where_it_was_reported(rf):
    """Each admin of a model with a source story ends its form with the Source fieldset."""
    request = rf.get("/")
    request.user = User(is_superuser=True, is_staff=True)
    sourced = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "people"
        and any(f.name == "source_article" for f in model._meta.get_fields())
    ]
    assert len(sourced) >= 8
    for model, model_admin in sourced:
        name, options = model_admin.get_fieldsets(request)[-1]
        assert name == "Source", model
        assert options["fields"] == ["source_article", "source_note"], model


def test_every_date_with_a_precision_is_entered_beside_it(rf):
    """A source that gives only a month or "on or before" must be recordable on every form."""
    request = rf.get("/")
    request.user = User(is_superuser=True, is_staff=True)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        pairs = precision_pairs(model)
        if model._meta.app_label != "people" or not pairs or not model_admin.fieldsets:
            continue
        rows = [f for _, options in model_admin.get_fieldsets(request) for f in options["fields"]]
        for date, precision in pairs.items():
            assert (date, precision) in rows, (model, date, rows)
            checked += 1
    assert checked >= 6


@pytest.mark.parametrize(
    "label",
    [
        label
        for label in ARCHIVE_MODELS
        if isinstance(admin.site._registry[apps.get_model(label)], VersionedAdmin)
    ],
)
def test_every_versioned_change_form_carries_the_version_it_was_opened_at(admin_client, label):
    """Without it every save would be refused as stale: the form must send it back."""
    obj = FACTORIES[label]()
    app_label, model_name = label.split(".")
    response = admin_client.get(reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]))
    html = response.content.decode()
    assert html.count('name="base_version"') == 1, label
    assert f'name="base_version" value="{obj.version}"' in html, label


@pytest.mark.parametrize("label", ARCHIVE_MODELS)
def test_every_admin_page_renders_for_each_role(staff, label):
    obj = FACTORIES[label]()
    app_label, model_name = label.split(".")
    for name, args in [
        ("changelist", []),
        ("add", []),
        ("change", [obj.pk]),
        ("history", [obj.pk]),
    ]:
        response = staff.get(reverse(f"admin:{app_label}_{model_name}_{name}", args=args))
        # Suggestions come from the linker only, revisions from edits of a story: nobody adds
        # one by hand.
        by_hand = {("articles.suggestion", "add"), ("articles.articlerevision", "add")}
        expected = 403 if (label, name) in by_hand else 200
        assert response.status_code == expected, (label, name, staff.role, response.status_code)
    search = staff.get(reverse(f"admin:{app_label}_{model_name}_changelist"), {"q": "gascón"})
    assert search.status_code == 200


def management_form(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


ARTICLE_INLINES = ["byline_entries", "photos", "mentions", "quotes", "corrections"]


def article_post(section, publication, **overrides):
    data = {
        "headline": "Prosecutor race tightens",
        "slug": "prosecutor-race-tightens",
        "dek": "",
        "body": "One paragraph.\n\nAnother.",
        "section": section.pk,
        "publication": publication.pk,
        "original_url": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
    }
    for prefix in ARTICLE_INLINES:
        data.update(management_form(prefix))
    data.update(overrides)
    return data


def test_add_forms_save_for_each_role(staff):
    section, publication = f.SectionFactory(), f.MediaFactory()
    response = staff.post(reverse("admin:articles_article_add"), article_post(section, publication))
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    assert Article.objects.get(slug="prosecutor-race-tightens").status == Article.Status.DRAFT

    person_data = {
        "name": "George Gascón",
        "slug": "george-gascon",
        "sort_name": "",
        "description": "",
        "bio": "",
    }
    person_data |= management_form("other_names", total=1) | {
        "other_names-0-name": "Gascon",
        "other_names-0-kind": "spelling",
    }
    for prefix in ["terms", "affiliations", "party_memberships"]:
        person_data |= management_form(prefix)
    response = staff.post(reverse("admin:people_person_add"), person_data)
    assert response.status_code == 302
    assert list(Person.objects.named("GASCON").values_list("slug", flat=True)) == ["george-gascon"]

    election, office = f.ElectionFactory(), f.OfficeFactory()
    race_data = {
        "name": "2024 DA general",
        "slug": "2024-da-general",
        "election": election.pk,
        "office": office.pk,
        "is_nonpartisan": "on",
        "summary": "",
    }
    race_data |= management_form("candidacies", total=1) | {
        "candidacies-0-person": Person.objects.get(slug="george-gascon").pk,
        "candidacies-0-is_incumbent": "on",
        "candidacies-0-status": "qualified",
        "candidacies-0-outcome": "pending",
    }
    race_data |= management_form("snapshots")
    assert staff.post(reverse("admin:people_race_add"), race_data).status_code == 302
    race = Race.objects.get(slug="2024-da-general")
    candidacy = race.candidacies.get()

    endorser = f.PersonFactory()
    endorsement = {
        "endorser_person": endorser.pk,
        "candidacy": candidacy.pk,
        "announced_on": "2024-06-01",
        "announced_precision": "day",
        "withdrawn_precision": "day",
    }
    assert staff.post(reverse("admin:people_endorsement_add"), endorsement).status_code == 302
    assert (
        Endorsement.objects.in_force_on(dt.date(2024, 7, 1)).filter(candidacy=candidacy).count()
        == 1
    )

    pollster = f.OrganizationFactory(kind=Organization.Kind.UNIVERSITY)
    poll = {
        "race": race.pk,
        "pollster": pollster.pk,
        "released_on": "2024-10-08",
        "population": "lv",
    }
    poll |= management_form("results", total=2) | {
        "results-0-candidacy": candidacy.pk,
        "results-0-percent": "30",
        "results-1-choice": "Undecided",
        "results-1-percent": "20",
    }
    assert staff.post(reverse("admin:people_poll_add"), poll).status_code == 302
    assert sorted(Poll.objects.get(race=race).results.values_list("percent", flat=True)) == [20, 30]

    snapshot = {"race": race.pk, "as_of_0": "2024-11-05", "as_of_1": "21:00:00", "status": "early"}
    snapshot |= management_form("lines", total=1) | {
        "lines-0-candidacy": candidacy.pk,
        "lines-0-votes": "577340",
        "lines-0-percent": "40.5",
    }
    assert staff.post(reverse("admin:people_resultsnapshot_add"), snapshot).status_code == 302
    assert ResultSnapshot.objects.latest_for(race).lines.get().votes == 577_340


def test_data_entry_cannot_delete_or_publish(client):
    client.force_login(make_user("data_entry"))
    article = f.ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert (
        client.get(reverse("admin:articles_article_delete", args=[article.pk])).status_code == 403
    )
    assert (
        client.get(reverse("admin:people_person_delete", args=[f.PersonFactory().pk])).status_code
        == 403
    )

    changelist = client.get(reverse("admin:articles_article_changelist"))
    action_form = changelist.context["action_form"]
    actions = dict(action_form.fields["action"].choices) if action_form else {}
    assert "publish_now" not in actions and "delete_selected" not in actions

    refused = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk]},
    )
    assert refused.status_code in {200, 302}
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    # The publishing fields are read-only for data entry: a posted status is ignored.
    data = article_post(
        article.section, article.publication, status="published", published_at_0="2024-11-05"
    )
    data |= {"headline": article.headline, "slug": article.slug, "base_version": article.version}
    assert (
        client.post(reverse("admin:articles_article_change", args=[article.pk]), data).status_code
        == 302
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_editors_publish_and_withdraw(client):
    client.force_login(make_user("editor"))
    article = f.ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url = reverse("admin:articles_article_changelist")
    client.post(url, {"action": "publish_now", "_selected_action": [article.pk]})
    assert Article.objects.published().filter(pk=article.pk).exists()
    client.post(url, {"action": "withdraw", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN


def test_publishing_without_a_time_is_a_form_error(admin_client):
    data = article_post(f.SectionFactory(), f.MediaFactory(), status="published")
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Give a publish time" in response.content.decode()
    assert not Article.objects.exists()


def test_a_stale_story_save_is_refused_and_keeps_the_input(client):
    client.force_login(make_user("editor"))
    article = f.ArticleFactory(headline="Original headline", slug="original")
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = client.get(url).context["adminform"].form
    opened_version = form["base_version"].value()
    base = article_post(article.section, article.publication, slug="original", status="published")
    base |= {
        "published_at_0": "2024-11-05",
        "published_at_1": "20:00:00",
        "base_version": opened_version,
    }

    tab_one = client.post(url, base | {"headline": "Saved from tab one"})
    assert tab_one.status_code == 302
    tab_two = client.post(url, base | {"headline": "Typed in tab two"})
    assert tab_two.status_code == 200
    page = tab_two.content.decode()
    assert "was changed by editor" in page and "have not been saved" in page
    assert 'value="Typed in tab two"' in page
    article.refresh_from_db()
    assert article.headline == "Saved from tab one"


def test_a_stale_race_save_is_refused(admin_client):
    race = f.RaceFactory(name="Race before")
    url = reverse("admin:people_race_change", args=[race.pk])
    data = {
        "name": "Race from tab one",
        "slug": race.slug,
        "election": race.election_id,
        "office": race.office_id,
        "is_nonpartisan": "on",
        "summary": "",
        "base_version": race.version,
    }
    data |= management_form("candidacies") | management_form("snapshots")
    assert admin_client.post(url, data).status_code == 302
    again = admin_client.post(url, data | {"name": "Race from tab two"})
    assert again.status_code == 200
    assert "have not been saved" in again.content.decode()
    race.refresh_from_db()
    assert race.name == "Race from tab one"


def test_history_shows_who_changed_what(admin_client):
    person = f.PersonFactory(name="Jackie Lacey", slug="jackie-lacey")
    data = {
        "name": "Jackie Lacey",
        "slug": "jackie-lacey",
        "sort_name": "Lacey, Jackie",
        "description": "Former DA",
        "bio": "",
        "base_version": person.version,
    }
    for prefix in ["other_names", "terms", "affiliations", "party_memberships"]:
        data |= management_form(prefix)
    assert (
        admin_client.post(reverse("admin:people_person_change", args=[person.pk]), data).status_code
        == 302
    )
    history = admin_client.get(
        reverse("admin:people_person_history", args=[person.pk])
    ).content.decode()
    assert ">admin<" in history  # who
    assert "Former DA" in history  # what: the new value of the changed field


@pytest.mark.parametrize(
    ("url_name", "data", "message"),
    [
        (
            "admin:people_term_add",
            lambda: {
                "person": f.PersonFactory().pk,
                "office": f.OfficeFactory().pk,
                "how": "elected",
                "start": "2020-12-07",
                "start_precision": "day",
                "end": "2020-01-01",
                "end_precision": "day",
            },
            "The end cannot be before the start.",
        ),
        (
            "admin:people_endorsement_add",
            lambda: {
                "endorser_person": f.PersonFactory().pk,
                "endorser_organization": f.OrganizationFactory().pk,
                "candidacy": f.CandidacyFactory().pk,
                "announced_on": "2020-06-01",
                "announced_precision": "day",
                "withdrawn_precision": "day",
            },
            "Choose exactly one endorser",
        ),
    ],
)
def test_bad_input_is_a_form_error(admin_client, url_name, data, message):
    response = admin_client.post(reverse(url_name), data())
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_result_line_over_100_percent_is_a_form_error(admin_client):
    snapshot = f.ResultSnapshotFactory()
    candidacy = f.CandidacyFactory(race=snapshot.race)
    data = {
        "race": snapshot.race_id,
        "as_of_0": "2024-11-05",
        "as_of_1": "21:00:00",
        "status": "early",
    }
    data |= management_form("lines", total=1) | {
        "lines-0-candidacy": candidacy.pk,
        "lines-0-votes": "10",
        "lines-0-percent": "140",
    }
    response = admin_client.post(
        reverse("admin:people_resultsnapshot_change", args=[snapshot.pk]), data
    )
    assert response.status_code == 200
    assert snapshot.lines.count() == 0
