"""A mixed load on the production serving setup: readers on story pages, the home page and
search, editors on archive filters and exports (run by benchmarks/load/run_hardening.py)."""

import random

from locust import HttpUser, between, task

PEOPLE = ["george-gascon", "nathan-hochman", "jackie-lacey"]
SEARCHES = ["Gascón", "Hochman", "district attorney", "Lacey", '"early returns"', "recall"]
FILTERS = [
    {},
    {"person": "george-gascon"},
    {"race": "2024-la-county-da-general"},
    {"q": "Hochman", "sort": "oldest"},
    {"published_after": "2020-01-01", "published_before": "2020-12-31"},
]


class Reader(HttpUser):
    weight = 3
    wait_time = between(0.1, 0.5)

    def on_start(self):
        self.stories = self.environment.parsed_options.stories.split(",")

    @task(4)
    def story(self):
        self.client.get(random.choice(self.stories), name="/stories/[story]/")

    @task(2)
    def home(self):
        self.client.get("/", name="/")

    @task(2)
    def search(self):
        self.client.get("/search/", params={"q": random.choice(SEARCHES)}, name="/search/")

    @task(1)
    def person(self):
        self.client.get(f"/people/{random.choice(PEOPLE)}/", name="/people/[slug]/")


class Editor(HttpUser):
    weight = 1
    wait_time = between(0.2, 1.0)

    def on_start(self):
        # One session made by the runner for every editor: sixteen sign-ins at once from one
        # address is what the sign-in throttle is there to stop.
        self.client.cookies.set("sessionid", self.environment.parsed_options.session)

    @task(4)
    def archive_filter(self):
        self.client.get("/archive/", params=random.choice(FILTERS), name="/archive/?filters")

    @task(1)
    def export(self):
        kind = random.choice(["csv", "json"])
        params = {**random.choice(FILTERS), "format": kind}
        self.client.get("/archive/", params=params, name=f"/archive/?format={kind}")


def add_options(parser):
    parser.add_argument("--stories", default="", help="comma-separated story paths")
    parser.add_argument("--session", default="", help="an editor's session key")


try:
    from locust import events

    events.init_command_line_parser.add_listener(add_options)
except ImportError:  # pragma: no cover
    pass
