"""CSV exports open in spreadsheets as text: nothing an editor exports can run as a formula."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group, User

from core.roles import EDITORS
from core.spreadsheets import inert, inert_cells
from tests import factories as f

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://example.com/x","Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_becomes_text_that_still_reads_the_same(value):
    assert inert(value) == "'" + value


@pytest.mark.parametrize("value", ["Gascón leads", "", "A = B", "1-2", 42, -3, None])
def test_other_cells_are_left_alone(value):
    assert inert(value) == value


def test_a_row_keeps_its_order_and_numbers():
    assert inert_cells([7, "=1", "plain"]) == [7, "'=1", "plain"]


@pytest.fixture
def editor(client):
    user = User.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def test_exported_headlines_and_names_cannot_run_as_formulas(editor):
    story = f.ArticleFactory(headline=FORMULAS[0], slug="formula-story")
    f.MentionFactory(article=story, person=f.PersonFactory(name="@SUM(A1:A2)", slug="at-sum"))
    response = editor.get("/archive/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["headline"] == "'" + FORMULAS[0]
    assert row["people"] == "'@SUM(A1:A2)"
    assert row["id"] == str(story.pk)  # numbers stay numbers
    # JSON is data, not a spreadsheet: it carries the text exactly as written.
    data = json.loads(
        b"".join(editor.get("/archive/", {"format": "json"}).streaming_content).decode()
    )
    assert data["results"][0]["headline"] == FORMULAS[0]
