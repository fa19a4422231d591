"""Data entry in Chromium that cannot corrupt the record: a count line from another race is
refused beside its field with nothing saved, a stale save of a person is refused with the
typed input kept, and an eight-digit count fits its box with its separators."""

import re

import pytest
from playwright.sync_api import expect

from people.models import Candidacy, Person, ResultLine, ResultSnapshot
from tests.browser.test_data_entry_journey import choose

pytestmark = pytest.mark.usefixtures("demo_archive")

RACE = "2024 L.A. County district attorney general"
OTHER = "2020 L.A. County district attorney general"


def whole_value_visible(page, selector):
    """Whether the box shows all of its value (nothing scrolled out of sight)."""
    return page.locator(selector).evaluate("el => el.scrollWidth <= el.clientWidth")


def test_a_count_line_from_another_race_is_refused_beside_the_field(
    page, live_server, sign_in, shoot
):
    sign_in("data_entry")
    counts_before = ResultSnapshot.objects.count()
    lines_before = ResultLine.objects.count()
    stranger = Candidacy.objects.select_related("person").get(
        race__name=OTHER, person__name="Jackie Lacey"
    )

    page.goto(live_server.url + "/admin/people/resultsnapshot/add/")
    choose(page, "id_race", RACE, RACE)
    page.locator("#id_as_of_0").fill("2024-11-06")
    page.locator("#id_as_of_1").fill("23:00:00")
    page.locator("#id_status").select_option("update")
    # The add form has no race until it is saved: every candidate is listed, each labelled
    # with its race, so the slip is visible but still possible.
    line = page.locator("#id_lines-0-candidacy")
    line.select_option(label=f"{OTHER}: {stranger.person.name}")
    votes = page.locator("#id_lines-0-votes")
    votes.fill("12,345,678")
    expect(votes).to_have_attribute("inputmode", "numeric")
    assert whole_value_visible(page, "#id_lines-0-votes")
    shoot("count-with-another-races-candidate")
    page.get_by_role("button", name="Save", exact=True).first.click()

    error = page.locator("td.field-candidacy .errorlist").first
    expect(error).to_contain_text(
        f"{stranger.person.name} is a candidate in {OTHER}, not in this count's race"
    )
    # Beside the field: in the same cell as the picker, in the same row as the figure.
    row = page.locator("tr.form-row", has=page.locator("#id_lines-0-candidacy"))
    expect(row.locator("td.field-candidacy .errorlist")).to_be_visible()
    expect(page.locator("#id_lines-0-votes")).to_have_value("12,345,678")
    assert whole_value_visible(page, "#id_lines-0-votes")
    shoot("refused-beside-the-field")
    assert ResultSnapshot.objects.count() == counts_before
    assert ResultLine.objects.count() == lines_before

    # The race's own candidate saves; the change form then offers only this race's candidates.
    own = Candidacy.objects.select_related("person").get(
        race__name=RACE, person__name="Nathan Hochman"
    )
    page.locator("#id_lines-0-candidacy").select_option(label=f"{RACE}: {own.person.name}")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    saved = ResultLine.objects.get(snapshot__race__name=RACE, votes=12_345_678)
    assert saved.candidacy == own and saved.votes == 12_345_678
    expect(page.locator("#id_lines-0-votes")).to_have_value("12,345,678")
    labels = page.locator("#id_lines-1-candidacy option:not([value=''])").all_inner_texts()
    assert f"{RACE}: {own.person.name}" in labels
    assert labels and all(label.startswith(f"{RACE}: ") for label in labels)

    # Forcing another race's candidate into the change form's picker is refused the same way.
    page.locator("#id_lines-1-candidacy").evaluate(
        "(select, id) => { select.add(new Option('forced', id)); select.value = id; }",
        str(stranger.pk),
    )
    page.locator("#id_lines-1-votes").fill("1,000")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator("td.field-candidacy .errorlist").first).to_contain_text(
        re.compile("Select a valid choice|not in this count's race")
    )
    assert ResultLine.objects.filter(candidacy=stranger, votes=1000).count() == 0
    shoot("forced-choice-refused")


def test_two_tabs_on_one_person_the_second_save_is_refused_with_its_input(
    page, context, live_server, sign_in, shoot
):
    sign_in("data_entry")
    person = Person.objects.get(name="George Gascón")
    url = f"{live_server.url}/admin/people/person/{person.pk}/change/"
    first, second = page, context.new_page()
    first.goto(url)
    second.goto(url)
    first.locator("#id_bio").fill("A biography saved from the first tab.")
    first.get_by_role("button", name="Save", exact=True).first.click()
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second.locator("#id_bio").fill("A new biography typed in the second tab.")
    second.get_by_role("button", name="Save", exact=True).first.click()
    expect(second.get_by_text(re.compile("was changed by dataentry"))).to_be_visible()
    expect(second.locator("#id_bio")).to_have_value("A new biography typed in the second tab.")
    second.screenshot(
        path=shoot("first-tab-saved").parent / "02-second-tab-refused.png", full_page=True
    )
    person.refresh_from_db()
    assert person.bio == "A biography saved from the first tab."
