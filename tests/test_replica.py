"""Reads from a real streaming replica, writes to the primary, and a writer reads their own write.

The replica is a second PostgreSQL server made with ``pg_basebackup`` (``scripts/pg_replica
start``; ``.ci/run`` starts one) and named by ``TEST_REPLICA_URL``. It streams the primary's
test database like any other. Replay is paused to make replication lag real and certain.
"""

import os
import time

import dj_database_url
import psycopg
import pytest
from django.db import connection, connections
from django.urls import reverse

from core.replicas import PIN_COOKIE, REPLICA, primary
from people.models import Person
from tests import factories as f
from tests.test_admin import management_form

REPLICA_URL = os.environ.get("TEST_REPLICA_URL", "")

pytestmark = [
    pytest.mark.skipif(
        not REPLICA_URL or connection.vendor != "postgresql",
        reason="needs PostgreSQL and a streaming replica: scripts/pg_replica start, TEST_REPLICA_URL",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA]),
]


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup, django_db_blocker):
    """The replica as the ``replica`` alias: the primary's test database, on the replica's port.
    A test mirror, so no test flushes it (it is read-only; the primary's flush reaches it)."""
    where = dj_database_url.parse(REPLICA_URL)
    primary_settings = connections["default"].settings_dict
    connections.settings[REPLICA] = {
        **primary_settings,
        "HOST": where["HOST"],
        "PORT": where["PORT"],
        "TEST": {**primary_settings["TEST"], "MIRROR": "default"},
    }
    yield
    with django_db_blocker.unblock():
        connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def on_replica(sql):
    """Run ``sql`` on the replica as its superuser (replay control is not the app's to do)."""
    where = dj_database_url.parse(REPLICA_URL)
    with psycopg.connect(
        host=where["HOST"], port=where["PORT"], user="postgres", dbname="postgres", autocommit=True
    ) as control:
        return control.execute(sql).fetchone()[0]


def caught_up():
    """Wait until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (written,) = cursor.fetchone()
    for _ in range(200):
        if on_replica(f"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn"):
            return
        time.sleep(0.05)
    raise AssertionError("the replica did not catch up within 10 s")


@pytest.fixture
def replay_resumed_after():
    """The test pauses the replica's replay when it needs lag; it resumes, whatever happens."""
    yield
    on_replica("SELECT pg_wal_replay_resume()")


def test_reads_go_to_the_replica_and_writes_to_the_primary():
    person = Person.objects.create(name="Rowan Achterberg", slug="rowan-achterberg")  # a write
    caught_up()
    found = Person.objects.filter(slug="rowan-achterberg")
    assert found.db == REPLICA and found.get() == person
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), inet_server_port()")
        assert cursor.fetchone() == (True, int(dj_database_url.parse(REPLICA_URL)["PORT"]))
    with primary():
        assert Person.objects.filter(slug="rowan-achterberg").db == "default"


def test_the_lag_is_real_and_a_writer_still_reads_their_own_write(
    admin_client, replay_resumed_after
):
    person = f.PersonFactory(bio="Original biography.")
    caught_up()
    on_replica("SELECT pg_wal_replay_pause()")  # from here on the replica lags the primary
    url = reverse("admin:people_person_change", args=[person.pk])
    data = {
        "name": person.name,
        "slug": person.slug,
        "sort_name": person.sort_name,
        "description": "",
        "base_version": person.version,
        "bio": "Biography saved while the replica lags.",
    }
    for prefix in ["other_names", "terms", "affiliations", "party_memberships"]:
        data |= management_form(prefix)

    saved = admin_client.post(url, data)
    assert saved.status_code == 302
    assert saved.cookies[PIN_COOKIE]["max-age"] > 0
    # The replica has not seen the save: an unpinned read there still has the old text ...
    assert Person.objects.get(pk=person.pk).bio == "Original biography."
    # ... but the editor who saved is shown their change, read from the primary.
    again = admin_client.get(url)
    assert "Biography saved while the replica lags." in again.content.decode()

    on_replica("SELECT pg_wal_replay_resume()")
    caught_up()
    assert Person.objects.get(pk=person.pk).bio == "Biography saved while the replica lags."


def test_a_page_kept_in_the_shared_cache_is_read_from_the_primary(client, replay_resumed_after):
    story = f.ArticleFactory(headline="Budget hearing moved to Thursday")
    caught_up()
    on_replica("SELECT pg_wal_replay_pause()")
    story.headline = "Budget hearing moved to Friday"
    story.save()  # the cache generation moves on; the paused replica still has Thursday
    assert type(story).objects.get(pk=story.pk).headline.endswith("Thursday")  # the replica
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert "Friday" in page.content.decode()  # filled from the primary, not the lagging copy
