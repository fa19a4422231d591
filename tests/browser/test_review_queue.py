"""Data entry in Chromium: accepting one of the linker's suggestions in the admin queue."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article, Mention

pytestmark = pytest.mark.usefixtures("demo_archive")

STORY = """Headline: Villanueva weighs in
Published: 2024-10-24T10:00:00-07:00
URL: https://news.example.org/villanueva-weighs-in

Former Sheriff Alex Villanueva said Thursday that he would stay out of the race.

Villanueva spoke briefly. "I am staying out of it," he said.
"""


def test_data_entry_accepts_a_suggested_person(page, live_server, sign_in, shoot, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    call_command("import_stories", str(path), stdout=StringIO())
    story = Article.objects.get(import_record__isnull=False)
    sign_in("data_entry")
    page.goto(
        f"{live_server.url}/admin/articles/suggestion/?story={story.pk}&status__exact=pending"
    )
    row = page.locator("tr", has=page.locator("td", has_text="Alex Villanueva (")).first
    expect(row.locator("mark")).to_have_text("Alex Villanueva")
    shoot("queue")
    row.get_by_role("button", name="Accept").click()
    expect(page.locator(".messagelist")).to_contain_text("Linked: Alex Villanueva")
    shoot("accepted")
    mention = Mention.objects.get(article=story, person__slug="alex-villanueva")
    assert mention.origin == Mention.Origin.CONFIRMED
