"""A small judged corpus for search: stories written for the tests, each with a job to do.

Keys name the stories; the relevance set in test_search_relevance.py refers to them.
"""

import datetime as dt

from django.utils import timezone

from articles.models import Article
from tests import factories as f

PEOPLE = {
    "gascon": ("George Gascón", ["George Gascon"]),
    "lacey": ("Jackie Lacey", ["Jacquelyn Lacey"]),
    "hochman": ("Nathan Hochman", []),
    "hatami": ("Jonathan Hatami", []),
    "pena": ("Ana Peña", []),
}

# key: (headline, dek, body, people mentioned, days ago)
STORIES = {
    "sworn_in": (
        "Gascón takes the oath as district attorney",
        "The former San Francisco prosecutor promises a new direction.",
        "George Gascón was sworn in on Monday and announced changes to bail and sentencing.",
        ["gascon"],
        30,
    ),
    "recall": (
        "Recall drive against Gascon falls short of signatures",
        "Organizers say they will try again.",
        "The county registrar found too few valid signatures to put the recall on the ballot.",
        ["gascon"],
        20,
    ),
    "budget": (
        "Supervisors argue over the county budget",
        "Libraries and parks face cuts.",
        "Supervisors spent six hours on library hours, park staffing and road repairs. "
        "Near the end, one supervisor asked how the cuts would touch the office run by Gascón.",
        [],
        10,
    ),
    "concedes": (
        "Lacey concedes the runoff",
        "The incumbent thanks her supporters.",
        "After the final count, the incumbent said she had called her opponent to wish him well.",
        ["lacey"],
        400,
    ),
    "returns": (
        "Hochman leads in early returns",
        "The challenger ran on a tough on crime message.",
        "Early returns showed the challenger ahead. His campaign called itself tough on crime "
        "and promised to reverse the blanket policies of the current office.",
        ["hochman"],
        5,
    ),
    "jail_clash": (
        "Sheriff and district attorney clash over jail policy",
        "The two offices disagree about releases.",
        "The sheriff said the district attorney had not been consulted before the change.",
        [],
        15,
    ),
    "water": (
        "Water district hires outside attorney",
        "The board wants advice on a contract dispute.",
        "The water district board hired an attorney from a downtown firm for the dispute.",
        [],
        14,
    ),
    "endorsements": (
        "Endorsements pile up before the primary",
        "Unions and mayors pick sides.",
        "Several mayors endorsed the challenger this week, and two unions are expected to follow.",
        [],
        12,
    ),
    "union": (
        "Police union spends heavily on the race",
        "Mailers and television ads.",
        "The police union reported spending on mailers, digital ads and television spots.",
        [],
        11,
    ),
    "prosecutor_headline": (
        "Veteran prosecutor joins the race",
        "A longtime deputy files papers.",
        "A deputy with two decades in the office filed papers to run.",
        ["hatami"],
        9,
    ),
    "prosecutor_body": (
        "Courthouse staffing runs thin",
        "Clerks and deputies are stretched.",
        "Each prosecutor now carries more cases. A prosecutor in Compton said a prosecutor "
        "in Van Nuys had twice as many. Another prosecutor agreed.",
        [],
        8,
    ),
    "pena_accented": (
        "Defense lawyer weighs a run",
        "A public defender is said to be considering it.",
        "Ana Peña, a public defender, told colleagues she was thinking about the race.",
        ["pena"],
        7,
    ),
    "pena_plain": (
        "Public defenders' union names its pick",
        "The endorsement surprised some members.",
        "Members said Pena had not yet asked for the union's support.",
        [],
        6,
    ),
    "draft_gascon": (
        "Unpublished draft about Gascón",
        "Not for readers.",
        "This draft mentions Gascón and Hochman and must never appear in public results.",
        ["gascon", "hochman"],
        2,
    ),
}


def build():
    """Create the corpus; returns {key: Article}."""
    section = f.SectionFactory(name="Politics")
    publication = f.MediaFactory()
    people = {}
    for key, (name, others) in PEOPLE.items():
        person = f.PersonFactory(name=name)
        for other in others:
            f.PersonNameFactory(person=person, name=other)
        people[key] = person
    now = timezone.now()
    stories = {}
    for key, (headline, dek, body, mentioned, days_ago) in STORIES.items():
        draft = key.startswith("draft")
        story = f.ArticleFactory(
            headline=headline,
            dek=dek,
            body=body,
            section=section,
            publication=publication,
            status=Article.Status.DRAFT if draft else Article.Status.PUBLISHED,
            published_at=None if draft else now - dt.timedelta(days=days_ago),
        )
        for person in mentioned:
            f.MentionFactory(article=story, person=people[person])
        stories[key] = story
    return stories
