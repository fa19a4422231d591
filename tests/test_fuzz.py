"""No address gives a server error: property-based fuzzing of every public, editor and admin
page's query parameters (and the ids and slugs in their paths), for every role.

``FUZZ_CASES`` sets how many requests, spread over the five roles (default 500; CI runs
10,000 on PostgreSQL as a step of its own);
``FUZZ_SEED`` picks the cases (default 17, so CI is repeatable; ``random`` for a new set).
"""

import functools
import logging
import os
import random
from collections import Counter

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from core.roles import DATA_ENTRY, EDITORS
from tests import factories as f
from tests.fuzz_targets import SEGMENT, admin_targets, archive_targets, public_targets

pytestmark = pytest.mark.django_db

CASES = int(os.environ.get("FUZZ_CASES", "500"))
SEED = os.environ.get("FUZZ_SEED", "17")
ROLES = ["anonymous", "data_entry", "editor", "superuser", "staff_without_group"]

# Values that have broken query strings somewhere: regular expressions the database refuses,
# numbers past 32 and 64 bits, years past 9999, impossible dates, odd Unicode and markup.
TRICKY = [
    "(((",
    "[",
    "*",
    "+",
    "\\",
    "%",
    "_",
    "(?P<x>a)",
    "a{99999999}",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "99999999999999999999999",
    "9999",
    "10000",
    "0",
    "-1",
    "1e309",
    "nan",
    "inf",
    "-0",
    "0x1F",
    "1.5",
    "٣",
    "",
    " ",
    "true",
    "False",
    "None",
    "null",
    "2024-02-30",
    "2024-11-05",
    "0000-00-00",
    "../",
    "'",
    '"',
    "<script>",
    "a,b",
    "1,2",
    ",",
    ".",
    "-",
    "é",
    "ﬁ",
    "🗳",
    "\u202e",
    "published",
    "draft",
    "withdrawn",
    "csv",
    "json",
    "newest",
    "relevance",
]


@functools.cache
def values(known=()):
    return st.one_of(
        st.sampled_from(TRICKY + list(known)),
        st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=24),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.dates().map(str),
    )


SEGMENTS = st.one_of(
    st.sampled_from(["0", "-1", "abc", "2147483648", "99999999999999999999", "%20", "é"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00/?#%\\"),
        min_size=1,
        max_size=16,
    ),
)


@pytest.fixture
def quiet_request_log():
    """4xx answers are the expected outcome here; logging each one costs more than the request.
    (A server error still fails the test: the test client raises it.)"""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def world(quiet_request_log):
    call_command("load_demo", verbosity=0)
    # Stories the public must not see, so their addresses are fuzzed too.
    f.ArticleFactory(status="draft", published_at=None, slug="a-draft")
    f.ArticleFactory(status="withdrawn", slug="a-withdrawn-story")
    clients = {"anonymous": Client()}
    users = {
        "superuser": User.objects.create_superuser("fuzz-chief", "c@example.org", "pw"),
        "staff_without_group": User.objects.create_user("fuzz-staff", password="pw", is_staff=True),
    }
    for role, group in [("data_entry", DATA_ENTRY), ("editor", EDITORS)]:
        users[role] = User.objects.create_user(f"fuzz-{role}", password="pw", is_staff=True)
        users[role].groups.add(Group.objects.get(name=group))
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    targets, autocompletes = admin_targets()
    return {
        "clients": clients,
        "targets": public_targets() + archive_targets() + targets,
        "known": {
            "app_label": tuple(sorted({a for a, _, _ in autocompletes})),
            "model_name": tuple(sorted({m for _, m, _ in autocompletes})),
            "field_name": tuple(sorted({n for _, _, n in autocompletes})),
        },
    }


def read(response):
    """The whole body, so a streamed export's rows are produced (and can fail) too."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_no_address_gives_a_server_error(world):
    served = Counter()
    statuses = Counter()
    chosen_seed = random.randrange(2**32) if SEED == "random" else int(SEED)
    targets = st.sampled_from(world["targets"])
    roles = st.sampled_from(ROLES)

    @seed(chosen_seed)
    @settings(
        max_examples=CASES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def probe(data):
        role = data.draw(roles, label="role")
        path, names = data.draw(targets, label="target")
        if SEGMENT in path:
            path = path.replace(SEGMENT, data.draw(SEGMENTS, label="segment"))
        params = {}
        if names:
            for name in data.draw(st.lists(st.sampled_from(names), max_size=4), label="names"):
                params[name] = data.draw(values(world["known"].get(name, ())), label=name)
        response = world["clients"][role].get(path, params)
        read(response)
        assert response.status_code < 500, (role, path, params, response.status_code)
        served[role] += 1
        statuses[response.status_code] += 1

    probe()
    print(f"\nfuzz: {sum(served.values())} requests, seed {chosen_seed}; by role {dict(served)};")
    print(f"fuzz: statuses {dict(sorted(statuses.items()))}")
    assert sum(served.values()) >= CASES
    assert set(served) == set(ROLES)
