"""Review of published copy in Chromium: data entry changes a published story's headline, the
public page stays as it was; an editor finds the revision in the queue, reads the word-level
comparison and publishes it; the public page then shows the new headline."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, ArticleRevision

pytestmark = pytest.mark.usefixtures("demo_archive")

SLUG = "gascon-trails-hochman-in-early-returns"


def sign_in_other(browser, live_server, role):
    """A second person at another computer: their own browser context and account."""
    from django.contrib.auth.models import Group, User

    from core.roles import EDITORS

    assert role == "editor"
    User.objects.create_user("chief-editor", password="browser-pass", is_staff=True).groups.add(
        Group.objects.get(name=EDITORS)
    )
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("chief-editor")
    page.get_by_label("Password").fill("browser-pass")
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("link", name="Log out").or_(page.locator("#logout-form"))
    ).to_be_attached()
    return page


def test_a_published_story_headline_waits_for_an_editor(
    page, browser, live_server, sign_in, shoot, axe_check
):
    story = Article.objects.get(slug=SLUG)
    old_headline = story.headline
    new_headline = f"{old_headline}, with more precincts counted"
    reader = browser.new_context().new_page()  # anonymous, no session: served from the page cache
    reader.goto(live_server.url + story.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(old_headline)

    # Data entry edits the headline of the published story.
    sign_in("data_entry")
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    expect(page.get_by_text("This story is public.")).to_be_visible()
    page.locator("#id_headline").fill(new_headline)
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Your change was kept for an editor's review; the public story is unchanged."
    )
    # Reopened, the form shows their revision, not the live text: nothing they typed is lost.
    expect(page.locator("#id_headline")).to_have_value(new_headline)
    expect(page.get_by_text("You are editing your revision of this story")).to_be_visible()
    shoot("data-entry-revision-kept")
    assert axe_check() == []

    reader.reload()
    expect(reader.get_by_role("heading", level=1)).to_have_text(old_headline)
    story.refresh_from_db()
    assert story.headline == old_headline

    # The editor opens the queue, reads the comparison and publishes.
    editor = sign_in_other(browser, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/articles/articlerevision/?status__exact=pending")
    expect(editor.locator("#result_list")).to_contain_text(old_headline)
    editor.get_by_role("link", name="Compare with the live story").first.click()
    diff = editor.get_by_role("table", name="Each field of the story")
    # Only the headline changed (the body's line breaks as the browser sent them are no change).
    expect(diff.locator("tbody tr")).to_have_count(1)
    expect(diff.locator("tbody th")).to_have_text("Headline")
    expect(diff.locator("ins")).to_have_text(re.compile(r", with more precincts counted$"))
    expect(diff.locator("del")).to_have_count(1)
    editor.screenshot(
        path=shoot("data-entry-revision-kept").parent / "02-compare.png", full_page=True
    )
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(editor).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []
    editor.get_by_role("button", name="Publish this revision").click()
    expect(editor.locator(".messagelist")).to_contain_text("the public story now shows it")

    reader.reload()
    expect(reader.get_by_role("heading", level=1)).to_have_text(new_headline)
    revision = ArticleRevision.objects.get()
    assert revision.status == ArticleRevision.Status.PUBLISHED
    assert revision.decided_by.username == "chief-editor"
    assert story.history.latest("history_date").history_change_reason == (
        f"Published revision #{revision.pk} by dataentry"
    )
