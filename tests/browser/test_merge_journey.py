"""An editor merges two records of one person in Chromium, through the real admin."""

import pytest
from playwright.sync_api import expect

from people.models import MergedRecord, Person
from tests import factories as f


@pytest.fixture
def duplicates(transactional_db):
    from core.roles import sync_roles

    sync_roles()  # the groups, which a transactional test's flush removed
    keep = f.PersonFactory(name="Nathan Hochman", slug="nathan-hochman")
    dup = f.PersonFactory(name="Nate Hochman", slug="nate-hochman")
    f.MentionFactory(article=f.ArticleFactory(headline="Hochman leads early count"), person=dup)
    f.QuoteFactory(speaker=dup)
    return keep, dup


def test_an_editor_merges_a_duplicate_person(
    page, live_server, sign_in, shoot, axe_check, duplicates
):
    keep, dup = duplicates
    sign_in("editor")
    page.goto(live_server.url + "/admin/people/person/")
    page.locator(f'input[name="_selected_action"][value="{keep.pk}"]').check()
    page.locator(f'input[name="_selected_action"][value="{dup.pk}"]').check()
    page.locator('select[name="action"]').select_option("merge_duplicates")
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()

    expect(page.locator("h1")).to_contain_text("Merge duplicate people")
    moves = page.get_by_role("list", name="What refers to Nate Hochman")
    expect(moves).to_contain_text("Mentions (mention · person): 1")
    expect(moves).to_contain_text("Quotes (quote · speaker): 1")
    shoot("merge-confirmation")
    assert axe_check() == []
    page.get_by_label("Keep Nathan Hochman").check()
    page.get_by_role("button", name="Merge into the record kept").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Merged “Nate Hochman” into “Nathan Hochman”"
    )
    shoot("merged")
    assert not Person.objects.filter(pk=dup.pk).exists()
    assert MergedRecord.objects.get(slug="nate-hochman").person == keep
    # The kept record's form lists the old name among its other names.
    expect(page.locator("#other_names-group")).to_be_visible()
    assert page.locator('#other_names-group input[value="Nate Hochman"]').count() == 1

    page.goto(live_server.url + "/people/nate-hochman/")
    assert page.url == live_server.url + "/people/nathan-hochman/"
    expect(page.locator("h1")).to_contain_text("Nathan Hochman")
