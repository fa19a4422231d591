"""Importing stories, linking names, quotes and figures as suggestions, and reviewing them."""

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from articles.ingest.analysis import analyse
from articles.ingest.gazetteer import Gazetteer
from articles.ingest.parsing import RecordError, read_paths
from articles.ingest.suggestions import PENDING_MARK as PENDING
from articles.models import Article, Mention, Suggestion
from core.roles import DATA_ENTRY
from people.models import FundraisingTotal, Margin, Person, Poll, ResultLine

pytestmark = pytest.mark.django_db

OWN_STORY = """Headline: Quill leads Varga in the sheriff's race
Published: 2024-10-01T09:00:00-07:00
Section: Local
URL: https://news.example.org/2024/quill-varga

Sheriff Alex Villanueva's critics met on Tuesday. Supervisor Ada Quill and Alex Villanueva spoke.

Villanueva was not amused. "This is a circus," he said. Gascon's allies stayed away.

A volunteer holds a sign outside the hall. (Pat Lens / Valley Courier)

The count showed Villanueva with 120,500 votes, or 52.5%, and $1.5 million raised.
"""


def load_people():
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_plain_text_header_captions_become_photos_in_place(tmp_path):
    story = tmp_path / "own.txt"
    story.write_text(OWN_STORY, encoding="utf-8")
    (record,) = read_paths([story])
    assert record.headline == "Quill leads Varga in the sheriff's race"
    assert (
        record.section == "Local" and record.published_at.utcoffset().total_seconds() == -7 * 3600
    )
    (photo,) = record.photos
    assert photo.caption == "A volunteer holds a sign outside the hall."
    assert (photo.photographer, photo.credit, photo.position) == ("Pat Lens", "Valley Courier", 2)
    assert "Pat Lens" not in record.body


def test_bad_json_lines_are_reported_with_line_and_reason(tmp_path):
    good = {
        "id": "a1",
        "headline": "H",
        "body": "Text.",
        "published_at": "2024-01-02T03:04:05+00:00",
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "id": "a2", "published_at": "soon"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    first, second, third = read_paths([path])
    assert first.source_id == "a1"
    assert isinstance(second, RecordError) and second.where.endswith("line 2")
    assert "not valid JSON" in second.reason
    assert isinstance(third, RecordError) and "ISO 8601" in third.reason


def test_linker_accents_possessives_titles_roles_and_newcomers(tmp_path):
    load_people()
    text = OWN_STORY.split("\n\n", 1)[1]
    found = analyse(text, Gazetteer.from_database(), None).as_json()
    people = [(p["name"], p["person"]) for p in found["people"]]
    assert ("Alex Villanueva", "alex-villanueva") in people
    assert ("Villanueva", "alex-villanueva") in people
    assert ("Gascon", "george-gascon") in people  # no accent in the text, one on file
    assert ("Ada Quill", None) in people  # a newcomer behind a title
    newcomer = next(p for p in found["people"] if p["person"] is None)
    assert newcomer["role"] == "Supervisor"
    for item in found["people"] + found["figures"] + found["quotes"]:
        assert item["start"] < item["end"] <= len(text)
    (quote,) = found["quotes"]
    assert quote["speaker"] == "alex-villanueva" and quote["text"] == "This is a circus"
    figures = {(f["kind"], f["value"]) for f in found["figures"]}
    assert figures == {("votes", 120500), ("percent", 52.5), ("money", 1500000)}


def test_role_phrases_follow_the_terms_on_the_story_date():
    load_people()
    gazetteer = Gazetteer.from_database()
    text = "Todd Spitzer spoke. Later the district attorney left the room."
    for day, expected in [(dt.date(2022, 5, 1), ["todd-spitzer"]), (dt.date(2018, 5, 1), [])]:
        found = analyse(text, gazetteer, day).as_json()["people"]
        assert [p["person"] for p in found if p["role"]] == expected


@pytest.fixture
def seeded(seeds_dir):
    load_people()
    out = run("import_stories", str(seeds_dir), "--published", "2024-11-05T21:00:00-08:00")
    assert "2 imported" in out
    return seeds_dir


def test_seed_stories_import_with_captions_and_suggestions(seeded):
    story = Article.objects.get(import_record__source__endswith="000_5c6fb839be218f1e.txt")
    assert story.status == Article.Status.DRAFT
    # No headline in the file: its first sentence, which "Dist. Atty." does not end.
    assert story.headline.startswith("A tumultuous first term in office for Los Angeles County ")
    assert "Dist. Atty. George Gascón seems likely" in story.headline
    assert story.headline.endswith("…") and len(story.headline) <= 121
    photos = list(story.photos.order_by("position"))
    assert len(photos) == 4 and photos[0].photographer.slug == "michael-blackshire"
    assert photos[0].caption.startswith("Challenger Nathan Hochman speaks")
    assert "(Michael Blackshire" not in story.body
    kinds = set(story.suggestions.values_list("kind", flat=True))
    assert kinds == {"person", "organization", "quote", "figure"}
    again = run("import_stories", str(seeded), "--published", "2024-11-05T21:00:00-08:00")
    assert "0 imported, 0 updated, 2 unchanged" in again
    assert Article.objects.filter(import_record__isnull=False).count() == 2


def test_dry_run_writes_nothing(seeds_dir):
    load_people()
    before = Article.objects.count()
    out = run("import_stories", str(seeds_dir), "--dry-run")
    assert out.startswith("Dry run, nothing written: 2 imported")
    assert Article.objects.count() == before and not Suggestion.objects.exists()


def test_editor_changes_are_not_overwritten(tmp_path):
    load_people()
    path = tmp_path / "own.txt"
    path.write_text(OWN_STORY, encoding="utf-8")
    run("import_stories", str(path))
    story = Article.objects.get(import_record__isnull=False)
    story.headline = "Edited by the desk"
    story.save()
    path.write_text(OWN_STORY.replace("circus", "farce"), encoding="utf-8")
    out = run("import_stories", str(path))
    assert "changed in the archive since it was imported; not overwritten" in out
    story.refresh_from_db()
    assert story.headline == "Edited by the desk" and "circus" in story.body


def test_publish_needs_someone_who_may_publish(tmp_path):
    path = tmp_path / "own.txt"
    path.write_text(OWN_STORY, encoding="utf-8")
    clerk = User.objects.create_user("clerk", password="x")
    clerk.groups.add(Group.objects.get(name=DATA_ENTRY))
    with pytest.raises(Exception, match="may not publish"):
        run("import_stories", str(path), "--publish", "--user", "clerk")


def test_accept_reject_and_remembered_rejection(seeded, client):
    clerk = User.objects.create_user("clerk", password="x", is_staff=True)
    clerk.groups.add(Group.objects.get(name=DATA_ENTRY))
    client.force_login(clerk)
    story = Article.objects.get(import_record__source__endswith="000_5c6fb839be218f1e.txt")
    hochman = story.suggestions.get(kind="person", person__slug="nathan-hochman")
    page = client.get(reverse("admin:articles_suggestion_changelist"), {"story": story.pk})
    assert page.status_code == 200 and b"<mark>" in page.content
    client.post(reverse("admin:articles_suggestion_accept", args=[hochman.pk]))
    mention = Mention.objects.get(article=story, person__slug="nathan-hochman")
    assert mention.origin == Mention.Origin.CONFIRMED and mention.span_end > mention.span_start
    trump = story.suggestions.get(kind="person", person__slug="donald-trump")
    client.post(reverse("admin:articles_suggestion_reject", args=[trump.pk]))
    votes = story.suggestions.get(kind="figure", payload__value="847896")
    client.post(reverse("admin:articles_suggestion_accept", args=[votes.pk]))
    # The demo already holds this count from its own copy of the story: nothing is doubled.
    line = ResultLine.objects.get(votes=847896)
    assert line.candidacy.person.slug == "nathan-hochman"
    votes.refresh_from_db()
    assert votes.status == "accepted" and votes.outcome == "Result already on file"
    # A re-import that runs the linker again does not bring the rejected suggestion back.
    story.import_record.content_hash = "stale"
    story.import_record.save()
    run("import_stories", str(seeded), "--published", "2024-11-05T21:00:00-08:00")
    assert story.suggestions.filter(person__slug="donald-trump").get().status == "rejected"
    assert not Person.objects.filter(slug__startswith="nathan-hochman-").exists()


def test_a_figure_that_disagrees_is_flagged_not_written(seeded, client):
    editor = User.objects.create_superuser("ed", password="x")
    client.force_login(editor)
    story = Article.objects.get(import_record__source__endswith="000_5c6fb839be218f1e.txt")
    votes = story.suggestions.get(kind="figure", payload__value="847896")
    client.post(reverse("admin:articles_suggestion_accept", args=[votes.pk]))
    line = ResultLine.objects.get(votes=847896)
    other = Suggestion.objects.create(
        article=story, kind="figure", key="figure:votes:900000:nathan-hochman",
        span_start=votes.span_start, span_end=votes.span_end, matched_text="900,000",
        sentence=votes.sentence, sentence_offset=votes.sentence_offset,
        payload={**votes.payload, "value": "900000"},
    )  # fmt: skip
    client.post(reverse("admin:articles_suggestion_accept", args=[other.pk]))
    other.refresh_from_db()
    assert other.status == "pending" and "847896" in other.conflict
    line.refresh_from_db()
    assert line.votes == 847896


def test_suggest_prints_the_stable_interface(seeds_dir):
    load_people()
    path = seeds_dir / "003_8d4cf89e17671bb7.txt"
    found = json.loads(run("suggest", str(path), "--date", "2020-10-30", "--format", "json"))
    assert set(found) == {"people", "organizations", "quotes", "figures"}
    text = path.read_text(encoding="utf-8")
    for person in found["people"]:
        assert text[person["start"] : person["end"]] == person["name"]
    money = {f["value"]: f["about"] for f in found["figures"] if f["kind"] == "money"}
    assert money[7000000] == "jackie-lacey" and money[12000000] == "george-gascon"
    assert {f["race"] for f in found["figures"]} == {"2020-la-county-da-general"}


def test_linking_quality_meets_the_targets_on_the_gold_files():
    load_people()
    out = run("linking_quality", "--check")
    assert "own   people" in out
    rows = [line.split() for line in out.splitlines()[1:] if line[:4] in {"own ", "seed"}]
    assert rows and all(float(row[-2]) >= 0.9 and float(row[-1]) >= 0.9 for row in rows)


def test_json_lines_import_in_bulk_is_idempotent_and_reports_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    call_command("generate_corpus", jsonl=str(path), stories=30, people=50, seed=3, verbosity=0)
    call_command("generate_corpus", stories=0, people=50, seed=3, workers=1, verbosity=0)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, '{"id": "x", "headline": "No body"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run("import_stories", str(path))
    assert out.startswith("30 imported, 0 updated, 0 unchanged, 1 skipped")
    assert "line 6: lacks body, published_at" in out
    stories = Article.objects.filter(import_record__isnull=False)
    assert stories.count() == 30 and not stories.exclude(status=Article.Status.DRAFT).exists()
    assert Suggestion.objects.filter(kind="person", person__slug__startswith="synthetic-").exists()
    assert run("import_stories", str(path)).startswith("0 imported, 0 updated, 30 unchanged")


def test_confirmed_names_link_in_the_public_story_and_the_body_stays_text(tmp_path, client):
    load_people()
    path = tmp_path / "own.txt"
    path.write_text(OWN_STORY.replace("met on Tuesday.", "met on <b>Tuesday</b>."), "utf-8")
    run("import_stories", str(path))
    story = Article.objects.get(import_record__isnull=False)
    editor = User.objects.create_superuser("ed", password="x")
    villanueva = story.suggestions.get(kind="person", person__slug="alex-villanueva")
    from articles.ingest.review import accept

    accept(villanueva, editor)
    story.status = Article.Status.PUBLISHED
    story.save()
    page = client.get(story.get_absolute_url()).content.decode()
    link = '<a href="/people/alex-villanueva/">'
    # Every span of the confirmed person, full name and surname alike, not just the first.
    body = page.split('class="story-body"')[1].split("</div>")[0]
    assert body.count(f"{link}Alex Villanueva</a>") == 2
    assert body.count(f"{link}Villanueva</a>") == 2
    assert "&lt;b&gt;Tuesday&lt;/b&gt;" in page and "<b>Tuesday</b>" not in page
    assert '<a href="/people/george-gascon/">' not in page  # suggested, not confirmed
    topics = page.split('id="topics-heading"')[1]
    assert topics.index("Alex Villanueva") < topics.index("</ul>")


def test_people_tagged_by_the_source_become_suggestions_too(tmp_path):
    load_people()
    record = {
        "id": "wire-1", "headline": "Board meets", "body": "The board met on Monday.",
        "published_at": "2020-06-01T10:00:00-07:00", "people": ["Jackie Lacey", "Nobody Known"],
        "publication": "Los Angeles Times",
    }  # fmt: skip
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert run("import_stories", str(path)).startswith("1 imported")
    (tagged,) = Suggestion.objects.filter(article__import_record__key="id:wire-1")
    assert tagged.person.slug == "jackie-lacey" and tagged.payload["found_by"] == ["source tags"]


@pytest.mark.django_db(transaction=True)
def test_bulk_import_outside_a_transaction_writes_history_and_falls_back_per_story(tmp_path):
    """On PostgreSQL this runs the writing threads and COPY; on SQLite the same in one thread."""
    path = tmp_path / "feed.jsonl"
    call_command("generate_corpus", jsonl=str(path), stories=1200, people=50, seed=5, verbosity=0)
    call_command("generate_corpus", stories=0, people=50, seed=5, workers=1, verbosity=0)
    lines = path.read_text(encoding="utf-8").splitlines()
    # Two stories with one slug in different batches, and one naming a publication not on
    # file: its batch is rolled back and written story by story, only that story skipped.
    first, second = json.loads(lines[10]), json.loads(lines[700])
    second["headline"] = first["headline"]
    lines[700] = json.dumps(second)
    broken = json.loads(lines[900])
    broken["publication"] = "Nowhere Gazette"
    lines[900] = json.dumps(broken)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run("import_stories", str(path))
    assert out.startswith("1199 imported, 0 updated, 0 unchanged, 1 skipped"), out
    assert "line 901: no news organization named 'Nowhere Gazette'" in out
    stories = Article.objects.filter(import_record__isnull=False)
    assert stories.count() == 1199
    assert Article.history.filter(id__in=stories.values("id"), history_type="+").count() == 1199
    slugs = set(stories.filter(headline=first["headline"]).values_list("slug", flat=True))
    assert len(slugs) == 2
    story = stories.get(import_record__key=f"url:{second['url']}")
    assert (
        story.body == second["body"]
        and story.published_at.isoformat()[:10] == second["published_at"][:10]
    )
    assert story.suggestions.filter(kind="person").exists()
    assert all(isinstance(s.payload, dict) for s in story.suggestions.all())
    assert run("import_stories", str(path)).startswith("0 imported, 0 updated, 1199 unchanged")


def test_title_and_role_marks_find_every_match_of_their_patterns():
    """The linker tries TITLED_NAME and ROLE only where the automaton found a mark: the same
    matches as scanning every position."""
    from articles.ingest import linker
    from articles.ingest.document import Document
    from articles.ingest.gazetteer import Gazetteer as Empty

    gazetteer = Empty().build()
    titles = (
        "then-District Attorney Ann Bo, former Sen. Cy Do, ex-Sheriff Ed Fo, Interim Police "
        "Chief Gil Ho, Acting Mayor Ida Jo and Chief Deputy Dist. Attys. Kai Lo and Mo No, "
        "Assistant Atty. Gen. Ola Po, Reps. Pia Qu, Gov. Rio Su, Governor Sam Tu, Judge Uma Vu, "
        "Supervisor Val Wu, Councilmember Xia Yu, Assemblywoman Zed Ab, Assemblymember Abe Cd, "
        "Attorney General Bo Ef, Dr. Cy Gh, Detective Di Ij, Commissioner Ed Kl, Senators Fa Mn, "
        "D.A. Go Op, Deputy District Attorneys Ha Qr and Ia St. The incumbent and the challenger "
        "met the district attorney, The D.A., the sheriff's aide, the mayor and the governor. "
        "The candidate, the union's chief, The association, the party of Lincoln, the party."
    )
    texts = [titles, OWN_STORY, titles.upper(), titles.replace(" ", "  ")]
    for path in sorted((Path(__file__).parent / "ingest_gold").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    for text in texts:
        doc = Document(text)
        starts = linker._starts(doc, gazetteer)
        patterns = (
            (linker.TITLED_NAME, "title"), (linker.ROLE, "role"), (linker.ORG_ROLE, "org_role")
        )  # fmt: skip
        for pattern, kind in patterns:
            expected = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in linker._finditer(pattern, text, starts[kind])] == expected
    assert len(list(linker.TITLED_NAME.finditer(titles))) >= 10


def test_two_pending_figures_that_disagree_are_both_flagged_nothing_written(tmp_path, client):
    load_people()
    stories = [
        ("wire-a", "Hochman raises more", "Nathan Hochman raised $2.1 million, his campaign said."),
        ("wire-b", "Hochman's war chest", "Nathan Hochman has raised $2.4 million so far."),
        ("wire-c", "Hochman again", "Nathan Hochman raised $2.1 million, filings show."),
    ]
    lines = [
        json.dumps(
            {
                "id": key,
                "headline": headline,
                "body": body,
                "published_at": "2024-10-01T10:00:00-07:00",
                "publication": "Los Angeles Times",
            }
        )
        for key, headline, body in stories
    ]
    (tmp_path / "a.jsonl").write_text(lines[0] + "\n" + lines[1] + "\n", encoding="utf-8")
    run("import_stories", str(tmp_path / "a.jsonl"))
    money = {
        s.article.import_record.key: s
        for s in Suggestion.objects.filter(kind="figure", payload__kind="money")
    }
    first, second = money["id:wire-a"], money["id:wire-b"]
    assert first.payload["fact"] == second.payload["fact"]
    assert "$2,400,000" in first.conflict and "Hochman’s war chest" not in first.conflict
    assert "“Hochman's war chest”, 2024-10-01" in first.conflict
    assert "this one says $2,100,000" in first.conflict
    assert "$2,100,000" in second.conflict and "“Hochman raises more”" in second.conflict
    assert not FundraisingTotal.objects.filter(amount__in=[2_100_000, 2_400_000]).exists()
    # The queue shows both, each with its sources.
    editor = User.objects.create_superuser("ed", password="x")
    client.force_login(editor)
    page = client.get(reverse("admin:articles_suggestion_changelist"), {"conflict": "yes"})
    assert page.status_code == 200
    assert page.content.decode().count("Another story waiting for review says") == 2
    # A third story agreeing with the first is flagged against the second only.
    (tmp_path / "c.jsonl").write_text(lines[2] + "\n", encoding="utf-8")
    run("import_stories", str(tmp_path / "c.jsonl"))
    third = Suggestion.objects.get(kind="figure", article__import_record__key="id:wire-c")
    assert third.conflict.count(PENDING) == 1 and "$2,400,000" in third.conflict
    second.refresh_from_db()
    assert second.conflict.count(PENDING) == 2
    # Rejecting the odd one out clears the others' flags; accepting one then writes its value.
    from articles.ingest.review import accept, reject

    reject(second, editor)
    first.refresh_from_db()
    assert first.conflict == ""
    accept(first, editor)
    assert FundraisingTotal.objects.get(amount=2_100_000).source_article == first.article


def test_a_poll_lead_is_a_margin_that_becomes_the_poll_on_accept(tmp_path):
    load_people()
    body = (
        "A new poll by the UC Berkeley Institute of Governmental Studies found Hochman ahead "
        "of Gascón by 18 percentage points among likely voters.\n\n"
        "In the primary count, Gascón trails Hochman by 12,000 votes. Another survey showed the "
        "incumbent behind by 25 percentage points."
    )
    record = {"id": "poll-1", "headline": "Hochman leads", "body": body,
              "published_at": "2024-10-01T10:00:00-07:00", "publication": "Los Angeles Times"}  # fmt: skip
    path = tmp_path / "poll.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    run("import_stories", str(path))
    margins = list(
        Suggestion.objects.filter(kind="figure", payload__kind="margin").order_by("span_start")
    )
    assert [(m.payload["value"], m.payload["unit"], m.payload["poll"]) for m in margins] == [
        ("18", "points", True), ("12000", "votes", False), ("25", "points", True),
    ]  # fmt: skip
    lead, votes, behind = margins
    assert lead.payload["about"] == "nathan-hochman"
    assert lead.payload["pollster_slug"] and lead.payload["candidacy"]
    assert votes.payload["about"] == "nathan-hochman"  # "Gascón trails Hochman"
    assert behind.payload["about"] == "nathan-hochman"  # the incumbent behind: the other one
    editor = User.objects.create_superuser("ed", password="x")
    from articles.ingest.review import ReviewError, accept

    assert accept(lead, editor).startswith("Poll added")
    poll = Poll.objects.get(source_article=lead.article)
    assert (poll.lead, poll.leader.person.slug) == (18, "nathan-hochman")
    assert poll.pollster.slug == lead.payload["pollster_slug"]
    assert str(poll.released_on) == "2024-10-01"
    # A margin in the count is its own record: who led whom (as named), by how many votes.
    assert accept(votes, editor).startswith("Margin added")
    margin = Margin.objects.get(source_article=votes.article)
    assert (margin.leader.person.slug, margin.trailer.person.slug) == (
        "nathan-hochman",
        "george-gascon",
    )
    assert (margin.votes, margin.points, str(margin.reported_on)) == (12000, None, "2024-10-01")
    with pytest.raises(ReviewError, match="names no pollster"):
        accept(behind, editor)
    assert Poll.objects.filter(source_article=lead.article).count() == 1


def test_the_candidate_and_the_union_resolve_only_when_one_fits():
    load_people()
    gazetteer = Gazetteer.from_database()

    def linked(text, day):
        found = analyse(text, gazetteer, day).as_json()
        return [(p["name"], p["person"]) for p in found["people"] if p["role"]] + [
            (o["name"], o["organization"]) for o in found["organizations"] if o["role"]
        ]

    one = "Nathan Hochman spoke. The candidate left. The Republican Party met; the party's chair spoke."
    assert linked(one, dt.date(2022, 5, 1)) == [
        ("The candidate", "nathan-hochman"), ("the party", "republican-party"),
    ]  # fmt: skip
    # Two candidates of one race, two parties: neither phrase is linked.
    two = (
        "Nathan Hochman and George Gascón spoke. The candidate left. The Republican Party and "
        "the Democratic Party met; the party chair spoke."
    )
    assert linked(two, dt.date(2024, 10, 1)) == []
    # Before any party is named, "the party" means none.
    assert linked("The party met. The Republican Party said no.", dt.date(2024, 1, 1)) == []


def test_an_imported_figure_that_disagrees_with_the_record_is_flagged_at_once(tmp_path):
    load_people()
    story = {
        "id": "wire-record", "headline": "Hochman's filing", "publication": "Los Angeles Times",
        "body": "Nathan Hochman raised $3.3 million, his campaign said.",
        "published_at": "2024-10-01T10:00:00-07:00",
    }  # fmt: skip
    (tmp_path / "first.jsonl").write_text(json.dumps(story) + "\n", encoding="utf-8")
    run("import_stories", str(tmp_path / "first.jsonl"))
    figure = Suggestion.objects.get(kind="figure", payload__kind="money")
    assert figure.conflict == ""  # nothing on record for that day yet
    candidacy = figure.payload["candidacy"]
    FundraisingTotal.objects.create(
        race_id=figure.payload["race"], candidacy_id=candidacy, as_of=dt.date(2024, 10, 1),
        amount=3_000_000, source_note="Campaign filing",
    )  # fmt: skip
    story = {**story, "id": "wire-record-2", "headline": "Hochman's filing, again"}
    (tmp_path / "second.jsonl").write_text(json.dumps(story) + "\n", encoding="utf-8")
    run("import_stories", str(tmp_path / "second.jsonl"))
    flagged = Suggestion.objects.get(kind="figure", article__import_record__key="id:wire-record-2")
    assert flagged.conflict.startswith("Recorded: $3,000,000 (source: Campaign filing).")


def test_reading_processes_suggest_what_the_importer_itself_would():
    """A bulk import's forked workers (no database) give each story exactly the suggestions
    that reading it in the importer's own process gives."""
    from articles.ingest.readers import Readers

    load_people()
    gazetteer = Gazetteer.from_database()
    texts = sorted((Path(__file__).parent / "ingest_gold").glob("*.txt"))
    items = [
        (path.read_text(encoding="utf-8"), dt.date(2024, 10, 1), ["Jackie Lacey"]) for path in texts
    ]
    workers = Readers(gazetteer, processes=2)
    try:
        assert workers.parallel
        forked = workers.submit(items)()
    finally:
        workers.close()
    here = Readers(gazetteer, processes=0)
    assert not here.parallel
    local = here.submit(items)()

    def fields(made):
        return [
            (s.kind, s.key, s.person_id, s.organization_id, s.payload, s.paragraph,
             s.span_start, s.span_end, s.matched_text, s.sentence)
            for s in made
        ]  # fmt: skip

    assert [fields(made) for made in forked] == [fields(made) for made in local]
    assert len(local) == len(texts) >= 8 and sum(map(len, local)) > 50


@pytest.fixture
def own_story(tmp_path, client):
    """OWN_STORY imported, and ``client`` signed in as an editor (``client.user``)."""
    from tests.test_admin import make_user

    load_people()
    path = tmp_path / "own.txt"
    path.write_text(OWN_STORY, encoding="utf-8")
    run("import_stories", str(path))
    client.user = make_user("editor")
    client.force_login(client.user)
    return Article.objects.get(import_record__isnull=False)


def test_a_story_edited_in_the_admin_is_read_again_and_keeps_its_rejections(own_story, client):
    from tests.test_revisions import edit

    story = own_story
    gascon = story.suggestions.get(key="person:george-gascon")
    gascon.status = Suggestion.Status.REJECTED
    gascon.save()
    # Linked by hand: Hochman with no place in the text, Lacey with one (the typist's guess).
    hochman = Person.objects.get(slug="nathan-hochman")
    Mention.objects.create(article=story, person=hochman, origin=Mention.Origin.ENTERED)
    lacey = Mention.objects.create(
        article=story, person=Person.objects.get(slug="jackie-lacey"), span_start=0, span_end=5
    )
    newcomer = story.suggestions.get(key="new_person:ada quill")

    added = "Dist. Atty. Jackie Lacey and Nathan Hochman spoke first.\n\n"
    response = edit(client, story, body=added + story.body)
    assert any("changed successfully" in str(m) for m in response.context["messages"])

    story.refresh_from_db()
    assert story.body.startswith(added)
    waiting = story.suggestions.filter(status=Suggestion.Status.PENDING)
    # Placed in the text already: nothing to review; the mention is where the text names her.
    assert not waiting.filter(key="person:jackie-lacey").exists()
    lacey.refresh_from_db()
    assert story.body[lacey.span_start : lacey.span_end] == "Jackie Lacey"
    # Linked without a place: suggested, and accepting it gives the mention its place.
    from articles.ingest.review import accept

    assert "Linked in the text" in accept(waiting.get(person=hochman), client.user)
    placed = story.mentions.get(person=hochman)
    assert story.body[placed.span_start : placed.span_end] == "Nathan Hochman"
    # A suggestion read again keeps its row and its place in the queue, with its new place.
    moved = waiting.get(key="new_person:ada quill")
    assert (moved.pk, moved.created) == (newcomer.pk, newcomer.created)
    assert moved.span_start == newcomer.span_start + len(added)
    villanueva = waiting.get(key="person:alex-villanueva")
    assert villanueva.span_start == 8 + len(added) and villanueva.paragraph == 2  # from one
    # Every waiting suggestion points into the text as it is now, none twice.
    for suggestion in waiting.exclude(paragraph=None):
        assert story.body[suggestion.span_start : suggestion.span_end] == suggestion.matched_text
    keys = list(story.suggestions.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    assert story.suggestions.get(key="person:george-gascon").status == Suggestion.Status.REJECTED

    # A save that leaves the text alone reads nothing again: what is waiting stays as it is.
    before = set(waiting.values_list("pk", flat=True))
    edit(client, story, headline="Quill leads Varga, and Lacey speaks")
    assert set(story.suggestions.filter(status="pending").values_list("pk", flat=True)) == before


def test_confirmed_links_follow_the_text_when_it_is_edited(own_story, client):
    from articles.body import linked_paragraphs
    from articles.ingest.review import accept
    from tests.test_admin import management_form
    from tests.test_revisions import edit

    story = own_story
    accept(story.suggestions.get(key="person:alex-villanueva"), client.user)

    def linked(story):
        story.refresh_from_db()
        runs = linked_paragraphs(story, list(story.mentions.select_related("person")))
        return [text for paragraph in runs for text, url in paragraph if url]

    before = linked(story)
    assert before[0] == "Alex Villanueva" and len(before) >= 3

    added = "A late start.\n\n"
    mention = story.mentions.get(person__slug="alex-villanueva")
    # In the same save, the desk makes him the story's subject in the list of people.
    row = {"id": mention.pk, "article": story.pk, "person": mention.person_id, "role": "subject",
           "origin": mention.origin, "matched_text": mention.matched_text}  # fmt: skip
    edit(
        client, story, body=added + story.body,
        **management_form("mentions", total=1, initial=1),
        **{f"mentions-0-{name}": value for name, value in row.items()},
    )  # fmt: skip
    assert linked(story) == before  # every name still linked, at its new place
    mention.refresh_from_db()
    assert mention.role == "subject"
    assert story.body[mention.span_start : mention.span_end] == "Alex Villanueva"
    confirmed = story.suggestions.get(key="person:alex-villanueva")
    assert confirmed.status == "accepted"
    assert all(story.body[a:b].endswith("Villanueva") for a, b in confirmed.payload["spans"])

    # A name the edit took out is not linked to whatever words now stand at its old place.
    edit(client, story, body=story.body.replace("Alex Villanueva", "the sheriff"))
    assert linked(story) == [text for text in before if text != "Alex Villanueva"]
    # Not even to someone else of the same surname.
    edit(client, story, body=story.body.replace("Villanueva", "Maria Villanueva"))
    assert linked(story) == []
    mention.refresh_from_db()
    assert mention.span_start is None and mention.history.first().history_change_reason == (
        "No longer named in the edited text: not linked in it"
    )
    confirmed.refresh_from_db()
    assert confirmed.status == "accepted" and confirmed.payload["spans"] == []


def test_an_edited_figure_is_checked_again_against_the_other_stories(tmp_path):
    from articles.ingest.edits import relink

    load_people()
    stories = [
        ("wire-a", "Nathan Hochman raised $2.1 million, his campaign said."),
        ("wire-b", "Nathan Hochman has raised $2.4 million so far."),
    ]
    lines = [
        json.dumps({"id": key, "headline": key, "body": body, "published_at": "2024-10-01T10:00:00-07:00"})
        for key, body in stories
    ]  # fmt: skip
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run("import_stories", str(tmp_path / "a.jsonl"))

    def money(key):
        return Suggestion.objects.get(kind="figure", article__import_record__key=f"id:{key}")

    assert PENDING in money("wire-a").conflict
    story = money("wire-b").article
    story.body = "Nathan Hochman has raised $2.1 million so far."  # the desk corrects the figure
    story.save()
    relink(story)
    assert money("wire-a").conflict == "" and money("wire-b").conflict == ""
