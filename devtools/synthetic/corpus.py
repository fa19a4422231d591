"""Writing the synthetic archive: people, then stories in seeded blocks, loaded in bulk."""

import datetime as dt
import multiprocessing
import random
import sys
import time

from django.db import connection, connections, transaction
from django.utils.text import slugify

from articles import tallies
from articles.models import Article, Mention, Section
from articles.search import schema
from core.text import fold
from people.models import Organization, Person, PersonName

from .tables import Table, Writer, insert_one, next_id, reset_sequence
from .text import BROAD_TERMS, SLUG_PREFIX, People, Vocabulary, story_text

SECTION = ("Synthetic", "synthetic")
PUBLICATION = ("Synthetic Gazette", "synthetic-gazette")
FIRST_DAY = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LAST_DAY = dt.datetime(2026, 6, 30, tzinfo=dt.UTC)
BLOCK = 5000  # stories per block: the unit of work, of seeding and of progress
MAX_MENTIONS = 8  # mention ids are story-based: story * MAX_MENTIONS + position

# The fields each row gives, in this order; every other column gets its model default.
STORY_FIELDS = (
    "id", "headline", "slug", "dek", "body", "status", "published_at", "is_synthetic",
    "created", "updated", "publication", "section",
)  # fmt: skip
# A mention carries its story's publish time and status (copied by triggers otherwise).
MENTION_FIELDS = ("id", "role", "article", "person", "story_published_at", "story_status")
PERSON_FIELDS = (
    "id", "name", "slug", "sort_name", "folded_name", "description", "created", "updated",
)  # fmt: skip
PERSON_NAME_FIELDS = ("id", "name", "kind", "folded", "person")


def tables():
    """The generator's tables for the current database (PostgreSQL adds stories' names)."""
    names = ("search_names",) if connection.vendor == "postgresql" else ()
    return {
        "story": Table(Article, STORY_FIELDS, extra=names),
        "mention": Table(Mention, MENTION_FIELDS),
        "person": Table(Person, PERSON_FIELDS),
        "person name": Table(PersonName, PERSON_NAME_FIELDS),
    }


class Progress:
    """A one-line progress bar on stderr: count, share, rate and time left."""

    def __init__(self, label, total, enabled=True):
        self.label, self.total, self.enabled = label, total, enabled
        self.started = self.last = time.monotonic()
        self.done = 0

    def advance(self, count=1):
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self.last > 0.5 or self.done >= self.total):
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            left = (self.total - self.done) / rate if rate else 0
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            sys.stderr.write(
                f"\r{self.label:<10} [{'#' * filled}{'.' * (width - filled)}] "
                f"{self.done:>9,}/{self.total:,} {self.done / max(self.total, 1):4.0%} "
                f"{rate:>8,.0f}/s  {left:5.0f}s left "
            )
            if self.done >= self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def delete_synthetic(cursor):
    """Remove an earlier synthetic archive (its stories, their mentions, synthetic people).

    Returns how many stories it removed.
    """
    stories = "SELECT id FROM articles_article WHERE is_synthetic"
    people = f"SELECT id FROM people_person WHERE slug LIKE '{SLUG_PREFIX}%%'"
    removed = 0
    for sql in [
        f"DELETE FROM articles_mention WHERE article_id IN ({stories}) OR person_id IN ({people})",
        # The importer's suggestions about synthetic people (benchmarks import synthetic files).
        f"DELETE FROM articles_suggestion WHERE article_id IN ({stories}) OR person_id IN ({people})",
        f"DELETE FROM articles_byline WHERE article_id IN ({stories})",
        f"DELETE FROM articles_articlealias WHERE article_id IN ({stories})",
        "DELETE FROM articles_article WHERE is_synthetic",
        f"DELETE FROM people_personname WHERE person_id IN ({people})",
        f"DELETE FROM people_person WHERE slug LIKE '{SLUG_PREFIX}%%'",
    ]:
        cursor.execute(sql)
        if sql.startswith("DELETE FROM articles_article "):
            removed = cursor.rowcount
    return removed


def generate(stories, seed, people=20_000, workers=1, log=print, progress=True):
    """Write the synthetic archive; returns counts of what was written.

    With ``workers`` > 1 (PostgreSQL only) blocks load in parallel processes, each in its own
    transaction; the search triggers and indexes are off meanwhile and always restored after.
    """
    started = time.monotonic()
    setup = _Setup(seed, people)
    counts = {"stories": 0, "published": 0, "people": people, "other names": 0, "mentions": 0}
    counts.update({f"with '{term}'": 0 for term in BROAD_TERMS})
    blocks = range(-(-stories // BLOCK))
    parallel = workers > 1 and connection.vendor == "postgresql"
    bar = Progress("stories", stories, progress)

    def replace_earlier(cursor):
        log("Removing any earlier synthetic archive…")
        removed = delete_synthetic(cursor)
        log(f"Removed {removed:,} synthetic stories in {time.monotonic() - started:,.0f} s.")

    with tallies.suspended(connection), schema.bulk_load(connection, replacing=replace_earlier):
        with transaction.atomic(), connection.cursor() as cursor:
            ids = _write_people(cursor, setup, counts, progress)
        _shared.update(setup=setup, ids=ids, stories=stories)  # inherited by forked workers
        if parallel:
            connections.close_all()  # children open their own connections
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for block_counts in pool.imap_unordered(_write_block_in_worker, blocks):
                    _add(counts, block_counts, bar)
        else:
            with transaction.atomic():
                for block in blocks:
                    _add(counts, _write_block(block, setup, ids, stories), bar)
        log(f"Stories written in {time.monotonic() - started:,.0f} s; building search indexes…")
    log(f"Indexes built; {time.monotonic() - started:,.0f} s in all so far.")
    with connection.cursor() as cursor:
        for model in (Article, Mention):
            reset_sequence(cursor, model._meta.db_table)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh statistics, and the visibility map set, as autovacuum leaves a settled
            # archive: index-only scans (a deep page's ids, counts over an index) then need
            # no visit to the table. VACUUM cannot run inside a transaction.
            cursor.execute("VACUUM (ANALYZE) articles_article, articles_mention")
        cursor.execute("ANALYZE")  # fresh statistics for the planner after a bulk load
    return counts


def _add(counts, block_counts, bar):
    for key, value in block_counts.items():
        counts[key] += value
    bar.advance(block_counts["stories"])


class _Setup:
    """What every block shares, rebuilt identically from the seed wherever it is needed."""

    def __init__(self, seed, people):
        rng = random.Random(seed)
        self.seed = seed
        self.vocabulary = Vocabulary(rng)
        self.cast = People(rng, people)


def _write_people(cursor, setup, counts, progress):
    stamp = _at(FIRST_DAY)
    section_id = _ensure(
        cursor,
        Section,
        SECTION,
        {"description": "Generated test data.", "position": 999},
    )
    publication_id = _ensure(
        cursor,
        Organization,
        PUBLICATION,
        {
            "folded_name": fold(PUBLICATION[0]),
            "kind": "media",
            "description": "Generated test data.",
            "created": stamp,
            "updated": stamp,
        },
    )
    table = tables()
    first_person = next_id(cursor, Person._meta.db_table)
    next_name = next_id(cursor, PersonName._meta.db_table)
    # One COPY at a time per connection: people first, then their other names.
    persons = Writer(cursor, table["person"])
    other_rows, names_of = [], []
    bar = Progress("people", len(setup.cast.rows), progress)
    for offset, (name, slug, sort_name, others) in enumerate(setup.cast.rows):
        pk = first_person + offset
        persons.write((pk, name, slug, sort_name, fold(name), "Synthetic person.", stamp, stamp))
        for other, kind in others:
            other_rows.append((next_name, other, kind, fold(other), pk))
            next_name += 1
        names_of.append(" ".join(dict.fromkeys([name, *(o for o, _ in others)])))
        bar.advance()
    persons.close()
    other_names = Writer(cursor, table["person name"])
    for row in other_rows:
        other_names.write(row)
    other_names.close()
    counts["other names"] = len(other_rows)
    for model in (Person, PersonName):
        reset_sequence(cursor, model._meta.db_table)
    return {
        "first_person": first_person,
        "names_of": names_of,
        "first_story": next_id(cursor, Article._meta.db_table),
        "first_mention": next_id(cursor, Mention._meta.db_table),
        "section": section_id,
        "publication": publication_id,
    }


_shared = {}


def _write_block_in_worker(block):
    with transaction.atomic():
        return _write_block(block, **_shared)


def _write_block(block, setup, ids, stories):
    """Stories ``block * BLOCK`` up to the next block (or ``stories``), with their mentions."""
    rng = random.Random(f"{setup.seed}:{block}")
    span = (LAST_DAY - FIRST_DAY).total_seconds()
    postgres = connection.vendor == "postgresql"
    table = tables()
    counts = {"stories": 0, "published": 0, "mentions": 0}
    counts.update({f"with '{term}'": 0 for term in BROAD_TERMS})
    mentions = []
    with connection.cursor() as cursor:
        writer = Writer(cursor, table["story"])
        for n in range(block * BLOCK, min(stories, (block + 1) * BLOCK)):
            pk = ids["first_story"] + n
            mentioned = setup.cast.pick(rng, rng.choice((3, 4, 5, 5, 6, 7)))
            headline, dek, body = story_text(rng, setup.vocabulary, setup.cast, mentioned)
            published = rng.random() < 0.95
            when = _at(FIRST_DAY + dt.timedelta(seconds=span * (n + rng.random()) / stories))
            writer.write(
                (
                    pk, headline[:300], f"{SLUG_PREFIX}{n}-{slugify(headline)[:60]}", dek, body,
                    "published" if published else "draft", when if published else None, True,
                    when, when, ids["publication"], ids["section"],
                ),
                (" ".join(ids["names_of"][i] for i in mentioned),) if postgres else (),
            )  # fmt: skip
            for position, person in enumerate(mentioned[:MAX_MENTIONS]):
                role = "subject" if position == 0 else rng.choice(("quoted", "mentioned"))
                mentions.append((
                    ids["first_mention"] + n * MAX_MENTIONS + position, role, pk,
                    ids["first_person"] + person, when if published else None,
                    "published" if published else "draft",
                ))  # fmt: skip
            counts["stories"] += 1
            counts["published"] += published
            counts["mentions"] += len(mentioned)
            for term in BROAD_TERMS:
                counts[f"with '{term}'"] += f"The {term} " in body
        writer.close()
        writer = Writer(cursor, table["mention"])
        for row in mentions:
            writer.write(row)
        writer.close()
    return counts


def _at(moment):
    """A datetime as the database stores it (SQLite keeps naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(moment)


def _ensure(cursor, model, name_and_slug, extra):
    """The id of the synthetic section or publication, written the first time."""
    name, slug = name_and_slug
    table = model._meta.db_table
    cursor.execute(f"SELECT id FROM {table} WHERE slug = %s", [slug])
    found = cursor.fetchone()
    if found:
        return found[0]
    pk = next_id(cursor, table)
    insert_one(
        cursor, Table(model, ["id", "name", "slug", *extra]), (pk, name, slug, *extra.values())
    )
    reset_sequence(cursor, table)
    return pk
