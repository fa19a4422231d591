"""An editor in Chromium answers the newsroom's questions by clicking through the archive."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("demo_archive")


def story_headlines(page):
    return page.locator(".results .story-list > li h2").all_inner_texts()


def test_editor_filters_charts_exports_and_reads_dossiers(
    page, live_server, sign_in, shoot, axe_check
):
    sign_in("editor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Story archive")
    shoot("archive")
    assert axe_check() == []

    # Every story that mentions Hochman between August and November 2024.
    page.get_by_label("People (stories mentioning all of them)").fill("Hochman")
    page.get_by_label("Published on or after").fill("2024-08-01")
    page.get_by_label("Published on or before").fill("2024-11-30")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(
        re.compile(
            r"/archive/\?published_after=2024-08-01&published_before=2024-11-30&person=Hochman&sort=newest$"
        )
    )
    assert story_headlines(page) == [
        "Gascón trails Hochman by nearly 20 points in early returns for L.A. County DA"
    ]
    shoot("filtered-by-person-and-dates")

    page.get_by_label("Text").fill("optimistic")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".results .story-list > li")).to_have_count(1)
    shoot("with-text-query")

    # Follow a facet: add Jackie Lacey, whom this story also mentions.
    page.get_by_label("Text").fill("")
    page.get_by_role("button", name="Apply filters").click()
    page.locator(".facets").get_by_role("link", name="Jackie Lacey").click()
    expect(page).to_have_url(re.compile(r"person=jackie-lacey"))
    expect(page.locator(".chips").first).to_contain_text("Jackie Lacey")
    shoot("facet-followed")

    # The chart's table alternative.
    page.get_by_text("Show the numbers as a table").click()
    expect(page.get_by_role("table").first).to_be_visible()
    shoot("chart-table")

    # Export CSV and check it against the page.
    listed = story_headlines(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        rows = list(csv.DictReader(io.StringIO(exported.read())))
    assert [row["headline"] for row in rows] == listed

    # A person's dossier.
    page.goto(live_server.url + "/archive/people/george-gascon/")
    expect(page.get_by_role("heading", name="Terms in office")).to_be_visible()
    expect(page.get_by_text("San Francisco District Attorney").first).to_be_visible()
    shoot("person-dossier")
    assert axe_check() == []

    # The 2020 race as it stood in May: the story of November 1 gives no dates for these
    # endorsements, so none is known by then, and the page says they were reported later.
    page.goto(live_server.url + "/archive/races/2020-la-county-da-general/")
    page.get_by_label("Show the race as it stood on").fill("2020-05-01")
    page.get_by_role("button", name="Show").click()
    lacey = page.locator('ul.endorsers[data-candidate="jackie-lacey"]')
    expect(lacey).to_contain_text("None known by that day")
    expect(lacey).to_contain_text("reported later without an exact date (Adam Schiff")
    shoot("race-as-of-may-2020")
    assert axe_check() == []
    # The day after the story: Schiff's switch from Lacey to Gascón is known.
    page.get_by_label("Show the race as it stood on").fill("2020-11-02")
    page.get_by_role("button", name="Show").click()
    expect(lacey).to_contain_text("Dianne Feinstein")
    expect(lacey).not_to_contain_text("Adam Schiff")
    expect(page.locator('ul.endorsers[data-candidate="george-gascon"]')).to_contain_text(
        "Adam Schiff"
    )
    shoot("race-as-of-november-2-2020")


def test_archive_filters_work_from_the_keyboard(page, live_server, sign_in, shoot):
    sign_in("editor")
    page.goto(live_server.url + "/archive/")
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.locator("a.skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(20):  # move forward to the text field as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("Soros")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=Soros"))
    assert len(story_headlines(page)) == 1
    shoot("keyboard-search")
