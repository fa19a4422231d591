"""A reader on the civic pages in Chromium at phone width: race, person, organization and
office pages with charts and tables; 0 serious axe violations and no CSP errors."""

import pytest
from playwright.sync_api import expect

PAGES = [
    ("/races/2024-la-county-da-general/", "2024 L.A. County district attorney general"),
    ("/races/2020-la-county-da-general/", "2020 L.A. County district attorney general"),
    ("/people/george-gascon/", "George Gascón"),
    (
        "/organizations/uc-berkeley-institute-of-governmental-studies/",
        "UC Berkeley Institute of Governmental Studies",
    ),
    ("/offices/la-county-district-attorney/", "Los Angeles County District Attorney"),
]


@pytest.mark.usefixtures("demo_archive")
@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_civic_pages_read_well_on_a_phone(page, live_server, shoot, axe_check, path, heading):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(live_server.url + path)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    # Nothing wider than the phone: tables scroll in their own box.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    shoot(path.strip("/").replace("/", "-"))
    assert axe_check() == []
    assert problems == []


@pytest.mark.usefixtures("demo_archive")
def test_a_persons_coverage_chart_is_legible_on_a_phone(page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/people/george-gascon/")
    chart = page.locator("svg.coverage")
    expect(chart).to_be_visible()
    sizes = chart.locator(".ticks text").evaluate_all(
        "texts => texts.map(t => [getComputedStyle(t).display, t.getBoundingClientRect().height])"
    )
    shown = [height for display, height in sizes if display != "none"]
    assert len(shown) < len(sizes) or len(sizes) == 1  # every other label steps aside
    assert min(shown) >= 10, sizes  # drawn at 11px or so, not the 5px of a shrunk 720
    expect(page.get_by_text("Show the numbers as a table").first).to_be_visible()
