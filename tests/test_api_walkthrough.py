"""docs/api-walkthrough.md, performed: a graphics reporter builds the 2020 and 2024 race results
and the endorsement timelines from the API alone, on the demo archive.

Each step's answer, trimmed the way the document's ``jq`` filter trims it, must equal the JSON
block the document shows under that step (``<!-- step: name -->``), so the document cannot go
stale silently; the figures a reporter would chart are asserted here too.
"""

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parent.parent / "docs" / "api-walkthrough.md"
API = "/api/v1"


def name_of(who):
    return who and who["name"]


def races(body):
    return [
        {
            "slug": r["slug"],
            "election_date": r["election_date"],
            "candidates": [
                [c["person"]["name"], c["outcome"], c["is_incumbent"]] for c in r["candidacies"]
            ],
        }
        for r in body["results"]
    ]


def counts(body):
    return [
        {
            "as_of": s["as_of"],
            "status": s["status"],
            "lines": [
                [line["person"]["name"], line["votes"], line["percent"]] for line in s["lines"]
            ],
            "source": s["source"]["story"] and s["source"]["story"]["headline"],
        }
        for s in body["results"]
    ]


def timeline(body):
    return [
        [
            e["announced_earliest"],
            e["announced_on"],
            e["announced_precision"],
            name_of(e["endorser_person"]) or name_of(e["endorser_organization"]),
            e["endorsee"]["name"],
            e["withdrawn_earliest"],
            e["withdrawn_on"],
            e["withdrawn_precision"],
        ]
        for e in body["results"]
    ]


def in_force(body):
    return [
        f"{name_of(e['endorser_person']) or name_of(e['endorser_organization'])} → "
        f"{e['endorsee']['name']}"
        for e in body["results"]
    ]


# name: (address under /api/v1, trim) — the document's steps, in its order.
STEPS = {
    "races": ("/races/?date_from=2020-01-01&date_to=2024-12-31", races),
    "results-2024": ("/results/?race=2024-la-county-da-general", counts),
    "results-2024-certified": ("/results/?race=2024-la-county-da-general&status=certified", counts),
    "results-2024-as-of-election-eve": (
        "/results/?race=2024-la-county-da-general&as_of=2024-11-04",
        counts,
    ),
    "results-2020": ("/results/?race=2020-la-county-da-general", counts),
    "endorsements-2020": ("/endorsements/?race=2020-la-county-da-general", timeline),
    "endorsements-2020-in-force-july": (
        "/endorsements/?race=2020-la-county-da-general&as_of=2020-07-01",
        in_force,
    ),
    "endorsements-2020-in-force-election-day": (
        "/endorsements/?race=2020-la-county-da-general&as_of=2020-11-03",
        in_force,
    ),
    "endorsements-2024": ("/endorsements/?race=2024-la-county-da-general", timeline),
}


def documented():
    """{step: (the curl command's address, the JSON block)} from the document."""
    text = DOC.read_text()
    found = {}
    pattern = r"<!-- step: ([\w-]+) -->\s*```\s*\n\$ curl -s \"\$API(\S+)\"[^\n]*\n(.*?)```"
    for name, address, block in re.findall(pattern, text, flags=re.S):
        found[name] = (address, json.loads(block))
    return found


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    from tests.conftest import SEEDS

    args = ["--seeds", str(SEEDS)] if (SEEDS / "README.md").exists() else []
    call_command("load_demo", *args, verbosity=0)


def answer(client, address):
    response = client.get(API + address)
    assert response.status_code == 200, (address, response.content[:300])
    return response.json()


def test_the_interactive_docs_and_schema_list_every_step(client, demo):
    docs = client.get(f"{API}/docs/")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
    schema = client.get(f"{API}/schema/", HTTP_ACCEPT="application/json").json()
    for address, _ in STEPS.values():
        path, query = address.split("?")
        assert f"{API}{path}" in schema["paths"], path
        documented_parameters = {
            p["name"] for p in schema["paths"][f"{API}{path}"]["get"]["parameters"]
        }
        for pair in query.split("&"):
            assert pair.split("=")[0] in documented_parameters, pair


def test_every_step_of_the_walkthrough_answers_as_the_document_shows(client, demo):
    shown = documented()
    assert list(shown) == list(STEPS), "the document's steps, in order"
    for name, (address, trim) in STEPS.items():
        doc_address, doc_answer = shown[name]
        assert doc_address == address, name
        assert trim(answer(client, address)) == doc_answer, name


def test_the_figures_a_reporter_charts(client, demo):
    general_2024 = races(answer(client, STEPS["races"][0]))[-1]
    assert general_2024["slug"] == "2024-la-county-da-general"
    assert general_2024["candidates"] == [
        ["George Gascón", "lost", True],
        ["Nathan Hochman", "won", False],
    ]
    (early,) = counts(answer(client, STEPS["results-2024"][0]))
    # The story gives the day of these returns, not their time; shares as printed.
    assert early["status"] == "early" and early["as_of"] == "2024-11-05"
    assert early["lines"] == [
        ["Nathan Hochman", 847896, "59.5"],
        ["George Gascón", 577340, "40.5"],
    ]
    # No certified count is in the demo's stories, and none is invented; nor any 2020 count.
    assert answer(client, STEPS["results-2024-certified"][0])["results"] == []
    assert answer(client, STEPS["results-2020"][0])["results"] == []
    switched = timeline(answer(client, STEPS["endorsements-2020"][0]))
    # Schiff left Lacey for Gascón some day between the primary and the story's day.
    lacey = [None, "2020-11-01", "on_or_before", "Adam Schiff", "Jackie Lacey"]
    assert [*lacey, "2020-03-03", "2020-11-01", "between"] in switched
    gascon = ["2020-03-03", "2020-11-01", "between", "Adam Schiff", "George Gascón"]
    assert [*gascon, None, None, "day"] in switched
    # Nothing is known to be in force in July: every date here is known only by November 1.
    assert in_force(answer(client, STEPS["endorsements-2020-in-force-july"][0])) == []
    on_election_day = in_force(answer(client, STEPS["endorsements-2020-in-force-election-day"][0]))
    assert "Adam Schiff → George Gascón" in on_election_day
    assert "Adam Schiff → Jackie Lacey" not in on_election_day


def test_polling_for_changes_is_a_304(client, demo):
    address = API + STEPS["results-2024"][0]
    first = client.get(address)
    assert client.get(address, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    again = client.get(address, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304 and again.content == b""
