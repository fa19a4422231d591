"""Data-entry staff in Chromium: people, endorsements and polls through the real admin."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.usefixtures("demo_archive")


def choose(page, field_id, typed, option):
    """Pick a value in one of the admin's autocomplete (select2) boxes by typing, as a person would."""
    page.locator(f"#select2-{field_id}-container").locator("xpath=..").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


def tab_to(page, element_id, limit=80):
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach #{element_id} with the Tab key")


def test_data_entry_adds_a_person_an_endorsement_and_a_poll(
    page, live_server, sign_in, shoot, axe_check
):
    sign_in("data_entry")

    # A person with another spelling of their name, entered from the keyboard alone.
    page.goto(live_server.url + "/admin/people/person/add/")
    tab_to(page, "id_name")
    page.keyboard.type("Lourdes Peña")
    tab_to(page, "id_other_names-0-name")
    page.keyboard.type("Lourdes Pena")
    shoot("person-form")
    assert axe_check() == []
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    shoot("person-saved")

    # An endorsement with a date and a source story, both chosen through autocomplete.
    page.goto(live_server.url + "/admin/people/endorsement/add/")
    choose(page, "id_endorser_person", "Lourdes", "Lourdes Peña")
    choose(
        page,
        "id_candidacy",
        "Hochman",
        "Nathan Hochman in 2024 L.A. County district attorney general",
    )
    page.locator("#id_announced_on").fill("2024-10-15")
    choose(page, "id_source_article", "early returns", "Gascón trails Hochman")
    shoot("endorsement-form")
    assert axe_check() == []
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # A poll with its results.
    page.goto(live_server.url + "/admin/people/poll/add/")
    choose(
        page,
        "id_race",
        "2024 L.A. County district attorney general",
        "2024 L.A. County district attorney general",
    )
    choose(page, "id_pollster", "Governmental", "UC Berkeley Institute of Governmental Studies")
    page.locator("#id_released_on").fill("2024-10-20")
    # The candidate pickers name each candidacy's race first (issue: a count or poll line from
    # another race was easy to pick).
    race = "2024 L.A. County district attorney general"
    page.locator("#id_results-0-candidacy").select_option(label=f"{race}: Nathan Hochman")
    page.locator("#id_results-0-percent").fill("55")
    page.locator("#id_results-1-candidacy").select_option(label=f"{race}: George Gascón")
    page.locator("#id_results-1-percent").fill("30")
    page.locator("#id_results-2-choice").fill("Undecided")
    page.locator("#id_results-2-percent").fill("15")
    shoot("poll-form")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # All three on the race dossier.
    page.goto(live_server.url + "/archive/races/2024-la-county-da-general/")
    expect(page.locator('ul.endorsers[data-candidate="nathan-hochman"]')).to_contain_text(
        "Lourdes Peña"
    )
    expect(page.get_by_role("table", name="Polls by release date")).to_contain_text(
        "Nathan Hochman 55%"
    )
    expect(page.get_by_role("table", name="Polls by release date")).to_contain_text("Undecided 15%")
    shoot("race-dossier-with-new-facts")
    assert axe_check() == []
    page.goto(live_server.url + "/archive/people/?name=pena")
    expect(page.get_by_role("link", name="Lourdes Peña")).to_be_visible()


def test_two_tabs_on_one_story_the_second_save_is_refused(
    page, context, live_server, sign_in, shoot
):
    sign_in("data_entry")
    story = Article.objects.get(slug="gascon-trails-hochman-in-early-returns")
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    first, second = page, context.new_page()
    first.goto(url)
    second.goto(url)
    headline = story.headline
    first.locator("#id_headline").fill("Headline saved from the first tab")
    first.get_by_role("button", name="Save", exact=True).first.click()
    # The story is published: data entry's change waits for an editor (tests/test_revisions.py).
    expect(first.locator(".messagelist")).to_contain_text("kept for an editor's review")

    second.locator("#id_headline").fill("Headline typed in the second tab")
    second.get_by_role("button", name="Save", exact=True).first.click()
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(
        second.get_by_text(re.compile("Your revision of this story waiting for review was changed"))
    ).to_be_visible()
    expect(second.locator("#id_headline")).to_have_value("Headline typed in the second tab")
    second.screenshot(
        path=shoot("first-tab-saved").parent / "02-second-tab-refused.png", full_page=True
    )
    story.refresh_from_db()
    assert story.headline == headline
    assert story.revisions.get().headline == "Headline saved from the first tab"
