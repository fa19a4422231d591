"""Synthetic stories as JSON Lines, for measuring ``manage.py import_stories``.

The names come from the same seeded cast as ``generate`` (same ``seed`` and ``people``), so
after ``generate_corpus --stories 0 --people N --seed S`` the database knows every person a
file written with the same seed and people names.
"""

import datetime as dt
import json
import random

from .corpus import FIRST_DAY, LAST_DAY, PUBLICATION, SECTION, _Setup
from .text import story_text


def write_jsonl(path, stories, seed, people=20_000):
    setup = _Setup(seed, people)
    rng = random.Random(f"{seed}:jsonl")
    span = (LAST_DAY - FIRST_DAY).total_seconds()
    offset = dt.timezone(dt.timedelta(hours=-8))
    with open(path, "w", encoding="utf-8") as out:
        for n in range(stories):
            mentioned = setup.cast.pick(rng, rng.choice((3, 4, 5, 5, 6, 7)))
            headline, dek, body = story_text(rng, setup.vocabulary, setup.cast, mentioned)
            when = FIRST_DAY + dt.timedelta(seconds=span * (n + rng.random()) / max(stories, 1))
            record = {
                "id": f"synthetic-{seed}-{n}",
                "headline": headline[:300],
                "dek": dek,
                "body": body,
                "published_at": when.astimezone(offset).isoformat(),
                "url": f"https://synthetic.example/{seed}/{n}",
                "section": SECTION[0],
                "publication": PUBLICATION[0],
                "people": [setup.cast.rows[i][0] for i in mentioned],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return stories
