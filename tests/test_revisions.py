"""Review of published copy (issue 14, point 4): data entry's change to a public story's
copy waits as a pending revision; an editor compares it and publishes or rejects it; readers
and the API see the live text until then; the story's and the revision's history show both."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleRevision
from articles.revisions import RevisionError, pending_token, propose, publish, reject
from articles.search import search_articles
from core.diffs import word_diff
from tests import factories as f
from tests.test_admin import ARTICLE_INLINES, make_user, management_form

pytestmark = pytest.mark.django_db

OLD_HEADLINE = "Prosecutor race tightens"
NEW_HEADLINE = "Prosecutor race tightens as early returns come in"


@pytest.fixture
def story():
    return f.ArticleFactory(
        headline=OLD_HEADLINE,
        slug="prosecutor-race-tightens",
        body="The first returns are in.\n\nCounting goes on.",
    )


@pytest.fixture
def data_entry(client):
    user = make_user("data_entry")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def editor():
    client = Client()
    user = make_user("editor")
    client.force_login(user)
    client.user = user
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def compare_url(revision):
    return reverse("admin:articles_articlerevision_change", args=[revision.pk])


def edit(client, article, **changes):
    """Post the story's change form as the admin would, with ``changes`` typed in."""
    article.refresh_from_db()
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "section": article.section_id,
        "publication": article.publication_id,
        "original_url": article.original_url,
        "status": article.status,
        "published_at_0": article.published_at.strftime("%Y-%m-%d") if article.published_at else "",
        "published_at_1": article.published_at.strftime("%H:%M:%S") if article.published_at else "",
        "base_version": article.version,
        # As the form was opened: the state of this person's pending revision, if any.
        "base_revision": pending_token(article, client.user),
    }
    for prefix in ARTICLE_INLINES:
        data.update(management_form(prefix))
    data.update(changes)
    return client.post(change_url(article), data, follow=True)


def public_page(article):
    return Client().get(article.get_absolute_url())


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_data_entry_edit_of_a_public_story_is_kept_for_review(data_entry, story):
    response = edit(data_entry, story, headline=NEW_HEADLINE, body="The first returns are in.")
    assert response.status_code == 200
    assert any("kept for an editor's review" in m for m in messages_of(response))
    assert not any("changed successfully" in m for m in messages_of(response))

    story.refresh_from_db()
    assert story.headline == OLD_HEADLINE and "Counting goes on." in story.body
    revision = ArticleRevision.objects.get()
    assert revision.status == ArticleRevision.Status.PENDING
    assert revision.author == data_entry.user
    assert revision.headline == NEW_HEADLINE and revision.body == "The first returns are in."
    assert revision.changed_fields == ["headline", "body"]
    assert revision.base_version == story.version

    page = public_page(story).content.decode()
    assert OLD_HEADLINE in page and NEW_HEADLINE not in page
    api = Client().get(f"/api/v1/stories/{story.slug}/").json()
    assert api["headline"] == OLD_HEADLINE


def test_reopening_shows_their_revision_and_a_second_edit_replaces_it(data_entry, story):
    edit(data_entry, story, headline=NEW_HEADLINE)
    html = data_entry.get(change_url(story)).content.decode()
    assert f'value="{NEW_HEADLINE}"' in html  # their input is never lost
    assert "You are editing your revision of this story" in html

    edit(data_entry, story, headline=NEW_HEADLINE, dek="Returns from the first precincts.")
    revision = ArticleRevision.objects.get()  # one pending revision per person and story
    assert revision.changed_fields == ["headline", "dek"]
    assert revision.history.count() == 2

    # Typing the live text back withdraws it.
    response = edit(data_entry, story, headline=OLD_HEADLINE, dek=story.dek)
    assert any("withdrawn" in m for m in messages_of(response))
    revision.refresh_from_db()
    assert revision.status == ArticleRevision.Status.WITHDRAWN
    assert not ArticleRevision.objects.pending().exists()


def test_line_breaks_as_browsers_send_them_are_no_change(data_entry, story):
    response = edit(data_entry, story, body=story.body.replace("\n", "\r\n"))
    assert any("changed successfully" in m for m in messages_of(response))
    assert not ArticleRevision.objects.exists()
    edit(data_entry, story, headline=NEW_HEADLINE, body=story.body.replace("\n", "\r\n"))
    assert ArticleRevision.objects.get().changed_fields == ["headline"]


def test_two_people_keep_separate_revisions(data_entry, story):
    edit(data_entry, story, headline=NEW_HEADLINE)
    other = Client()
    other.user = _second_data_entry()
    other.force_login(other.user)
    edit(other, story, body="Another version.")
    assert ArticleRevision.objects.pending().count() == 2
    assert Article.objects.get(pk=story.pk).headline == OLD_HEADLINE


def test_a_save_from_another_tab_does_not_replace_the_revision(data_entry, story):
    first_tab = data_entry.get(change_url(story)).context["adminform"].form
    opened_with = first_tab["base_revision"].value()
    assert opened_with == ""
    edit(data_entry, story, headline="Saved from the second tab")
    response = edit(data_entry, story, headline="Typed in the first tab", base_revision=opened_with)
    html = response.content.decode()
    assert "Your revision of this story waiting for review was changed" in html
    assert 'value="Typed in the first tab"' in html  # their input is kept in the form
    assert ArticleRevision.objects.get().headline == "Saved from the second tab"


def _second_data_entry():
    from django.contrib.auth.models import Group, User

    from core.roles import DATA_ENTRY

    user = User.objects.create_user("second", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=DATA_ENTRY))
    return user


def test_fields_readers_never_see_save_at_once(data_entry, story):
    edit(data_entry, story, headline=NEW_HEADLINE, original_url="https://example.org/first-run")
    story.refresh_from_db()
    assert story.original_url == "https://example.org/first-run"
    assert story.headline == OLD_HEADLINE
    revision = ArticleRevision.objects.get()
    assert revision.base_version == story.version  # proposed over the version just saved
    assert not revision.is_stale


def test_drafts_and_editors_edits_save_directly(data_entry, editor, story):
    draft = f.ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    data = edit(data_entry, draft, headline="A draft's new headline")
    assert any("changed successfully" in m for m in messages_of(data))
    assert Article.objects.get(pk=draft.pk).headline == "A draft's new headline"

    edit(editor, story, headline=NEW_HEADLINE)
    assert Article.objects.get(pk=story.pk).headline == NEW_HEADLINE
    assert not ArticleRevision.objects.exists()


def test_data_entry_cannot_change_photos_or_corrections_of_a_public_story(data_entry, story):
    photo = f.PhotoFactory(article=story, caption="The old caption")
    html = data_entry.get(change_url(story)).content.decode()
    assert 'name="photos-0-caption"' not in html  # shown read-only
    assert "The old caption" in html
    data = management_form("photos", total=1, initial=1) | {
        "photos-0-id": photo.pk,
        "photos-0-article": story.pk,
        "photos-0-caption": "A new caption",
    }
    edit(data_entry, story, **data)
    photo.refresh_from_db()
    assert photo.caption == "The old caption"


def test_editor_sees_the_queue_and_a_word_diff_then_publishes(data_entry, editor, story):
    edit(data_entry, story, headline=NEW_HEADLINE)
    revision = ArticleRevision.objects.get()

    queue = editor.get(
        reverse("admin:articles_articlerevision_changelist"), {"status__exact": "pending"}
    )
    assert queue.status_code == 200 and OLD_HEADLINE in queue.content.decode()
    notice = editor.get(change_url(story)).content.decode()
    assert f"#{revision.pk} by {data_entry.user}" in notice

    compare = editor.get(compare_url(revision)).content.decode()
    assert "tightens<ins> as early returns come in</ins>" in compare
    assert "Publish this revision" in compare

    # Readers' page is cached before the decision...
    assert NEW_HEADLINE not in public_page(story).content.decode()
    response = editor.post(
        reverse("admin:articles_articlerevision_publish", args=[revision.pk]),
        {"live_version": story.version},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == NEW_HEADLINE
    # ...and shows the new text after it: the page cache was purged by the normal save.
    assert NEW_HEADLINE in public_page(story).content.decode()
    assert Client().get(f"/api/v1/stories/{story.slug}/").json()["headline"] == NEW_HEADLINE

    # Both steps in the audit: the proposal (by data entry) and the publishing (by the editor).
    latest = story.history.order_by("-history_date").first()
    assert latest.history_user == editor.user
    assert latest.history_change_reason == f"Published revision #{revision.pk} by data_entry"
    revision.refresh_from_db()
    assert revision.status == ArticleRevision.Status.PUBLISHED
    assert revision.decided_by == editor.user and revision.decided_at is not None
    steps = list(revision.history.order_by("history_date"))
    assert [(s.history_user, s.status) for s in steps] == [
        (data_entry.user, "pending"),
        (editor.user, "published"),
    ]
    # The story's history page shows the publishing and the revision it came from.
    history = editor.get(reverse("admin:articles_article_history", args=[story.pk]))
    html = history.content.decode()
    assert f"Published revision #{revision.pk} by data_entry" in html
    assert "Revisions proposed for review" in html and f">#{revision.pk}</a>" in html
    # The story is found by its new words.
    assert story in search_articles(Article.objects.all(), "early returns come")


def test_editor_rejects_with_a_reason(data_entry, editor, story):
    edit(data_entry, story, headline=NEW_HEADLINE)
    revision = ArticleRevision.objects.get()
    response = editor.post(
        reverse("admin:articles_articlerevision_reject", args=[revision.pk]),
        {"reason": "The returns are not in yet."},
        follow=True,
    )
    assert any("Rejected revision" in m for m in messages_of(response))
    revision.refresh_from_db()
    assert revision.status == ArticleRevision.Status.REJECTED
    assert revision.reason == "The returns are not in yet."
    assert revision.decided_by == editor.user
    assert Article.objects.get(pk=story.pk).headline == OLD_HEADLINE
    assert OLD_HEADLINE in public_page(story).content.decode()
    # Decided once: a second decision is refused in words.
    with pytest.raises(RevisionError, match="already rejected"):
        publish(revision, editor.user, confirm_stale=True)


def test_only_editors_decide(data_entry, story):
    edit(data_entry, story, headline=NEW_HEADLINE)
    revision = ArticleRevision.objects.get()
    compare = data_entry.get(compare_url(revision))
    assert compare.status_code == 200
    assert "Publish this revision" not in compare.content.decode()
    for name in ["publish", "reject"]:
        url = reverse(f"admin:articles_articlerevision_{name}", args=[revision.pk])
        assert data_entry.post(url, {"live_version": story.version}).status_code == 403
    assert (
        Client()
        .post(reverse("admin:articles_articlerevision_publish", args=[revision.pk]))
        .status_code
        == 302
    )  # anonymous: to the sign-in page
    revision.refresh_from_db()
    assert revision.is_pending
    assert data_entry.get(reverse("admin:articles_articlerevision_add")).status_code == 403


def test_a_stale_revision_is_flagged_and_needs_confirming(data_entry, editor, story):
    edit(data_entry, story, headline=NEW_HEADLINE)
    revision = ArticleRevision.objects.get()
    edit(editor, story, body="An editor's newer body.")  # the live story moves on
    story.refresh_from_db()

    compare = editor.get(compare_url(revision)).content.decode()
    assert "The live story was changed after this revision was proposed" in compare
    assert 'name="confirm_stale"' in compare

    publish_url = reverse("admin:articles_articlerevision_publish", args=[revision.pk])
    refused = editor.post(publish_url, {"live_version": story.version}, follow=True)
    assert any("confirm to publish it anyway" in m for m in messages_of(refused))
    assert Article.objects.get(pk=story.pk).headline == OLD_HEADLINE

    editor.post(publish_url, {"live_version": story.version, "confirm_stale": "yes"})
    story.refresh_from_db()
    # Only what the revision changed is applied: the editor's newer body stays.
    assert story.headline == NEW_HEADLINE and story.body == "An editor's newer body."


def test_a_decision_on_an_out_of_date_comparison_is_refused(data_entry, editor, story):
    edit(data_entry, story, headline=NEW_HEADLINE)
    revision = ArticleRevision.objects.get()
    seen = story.version
    story.refresh_from_db()
    story.dek = "Saved by someone while the editor was comparing."
    story.save()
    with pytest.raises(RevisionError, match="changed while you were comparing"):
        publish(revision, editor.user, seen_version=seen, confirm_stale=True)
    assert Article.objects.get(pk=story.pk).headline == OLD_HEADLINE


def test_a_published_address_change_keeps_the_old_address(data_entry, editor, story):
    old_url = story.get_absolute_url()
    edit(data_entry, story, slug="prosecutor-race-early-returns")
    assert public_page(story).status_code == 200  # the address has not moved yet
    revision = ArticleRevision.objects.get()
    publish(revision, editor.user, seen_version=story.version)
    story.refresh_from_db()
    assert story.slug == "prosecutor-race-early-returns"
    moved = Client().get(old_url)
    assert moved.status_code == 301 and moved["Location"] == story.get_absolute_url()


def test_an_address_taken_meanwhile_is_refused_in_words(data_entry, editor, story):
    edit(data_entry, story, slug="taken-address")
    f.ArticleFactory(slug="taken-address")
    with pytest.raises(RevisionError, match="already has the address"):
        publish(ArticleRevision.objects.get(), editor.user, seen_version=story.version)


def test_propose_and_reject_directly(story):
    author, editor_user = make_user("data_entry"), make_user("editor")
    values = {
        "headline": NEW_HEADLINE,
        "slug": story.slug,
        "dek": story.dek,
        "body": story.body,
        "section": story.section_id,
        "publication": story.publication_id,
    }
    revision = propose(story, values, author)
    with pytest.raises(RevisionError, match="Only editors"):
        reject(revision, author)
    reject(revision, editor_user)
    revision.refresh_from_db()
    assert revision.status == ArticleRevision.Status.REJECTED and revision.reason == ""
    assert Article.objects.get(pk=story.pk).headline == OLD_HEADLINE


def test_a_published_revision_of_the_text_is_read_again_for_suggestions(story):
    from articles.models import Suggestion

    f.PersonFactory(name="Nathan Hochman")
    values = {
        "headline": story.headline, "slug": story.slug, "dek": story.dek,
        "body": "Nathan Hochman leads.\n\n" + story.body,
        "section": story.section_id, "publication": story.publication_id,
    }  # fmt: skip
    revision = propose(story, values, make_user("data_entry"))
    assert not story.suggestions.exists()  # proposing changes nothing readers or editors see
    publish(revision, make_user("editor"))
    suggestion = story.suggestions.get(kind=Suggestion.Kind.PERSON)
    assert suggestion.person.name == "Nathan Hochman" and suggestion.status == "pending"
    assert (suggestion.span_start, suggestion.span_end) == (0, len("Nathan Hochman"))


def test_word_diff_is_escaped_and_marks_words():
    html = word_diff("Gascón <b>leads</b> early", "Gascón trails early & late")
    assert "<b>" not in html and "&lt;b&gt;leads&lt;/b&gt;" in html
    assert "<del>&lt;b&gt;leads&lt;/b&gt;</del><ins>trails</ins>" in html
    assert "&amp; late" in html
    assert word_diff("Same text.", "Same text.") == "Same text."
    assert "<ins>" not in word_diff("One.\n\nTwo.", "One.\r\n\r\nTwo.")
