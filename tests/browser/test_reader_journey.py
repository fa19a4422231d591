"""A reader in Chromium: home → story → person topic page → feed; a draft stays invisible."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests import factories as f


@pytest.mark.usefixtures("demo_archive")
def test_reader_goes_from_home_to_a_feed(page, live_server, shoot, axe_check):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Latest stories")
    shoot("home")
    assert axe_check() == []

    page.get_by_role("link", name=re.compile("Gascón trails Hochman")).click()
    expect(page).to_have_url(
        re.compile(r"/stories/2024/11/05/gascon-trails-hochman-in-early-returns/$")
    )
    expect(page.locator("article.story figcaption").first).to_contain_text("Michael Blackshire")
    shoot("story")
    assert axe_check() == []

    page.locator("section[aria-labelledby=topics-heading]").get_by_role(
        "link", name="Nathan Hochman"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nathan Hochman")
    expect(page.get_by_text("In their words")).to_be_visible()
    shoot("person-topic")
    assert axe_check() == []

    feed_url = page.locator('link[rel=alternate][type="application/rss+xml"]').last.get_attribute(
        "href"
    )
    assert feed_url == "/feeds/people/nathan-hochman/rss/"
    response = page.goto(live_server.url + feed_url)
    assert response.status == 200 and "rss" in response.headers["content-type"]
    assert "Gascón trails Hochman" in response.text()


@pytest.mark.usefixtures("demo_archive")
def test_a_draft_is_a_404_for_readers(page, live_server, shoot, axe_check):
    draft = f.ArticleFactory(
        headline="Unpublished scoop",
        slug="unpublished-scoop",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    response = page.goto(live_server.url + draft.get_absolute_url())
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    shoot("draft-404")
    assert axe_check() == []
    page.goto(live_server.url + "/")
    expect(page.get_by_text("Unpublished scoop")).to_have_count(0)


@pytest.mark.usefixtures("demo_archive")
def test_reader_searches_with_a_misspelt_name(page, live_server, shoot, axe_check):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search stories").fill("Hochmann")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Hochmann$"))
    expect(page.get_by_text("Also showing stories with “Hochman” for “Hochmann”.")).to_be_visible()
    result = page.locator("ol.search-results li").first
    expect(result.locator("mark").first).to_have_text(re.compile("Hochman", re.I))
    shoot("search-results")
    assert axe_check() == []

    page.locator("section[aria-labelledby=people-heading]").get_by_role(
        "link", name="Nathan Hochman"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nathan Hochman")

    page.goto(live_server.url + "/search/?q=-gascon")
    expect(page.get_by_role("alert")).to_contain_text("Add a word to look for")
    shoot("search-problem")
    assert axe_check() == []
