"""A deterministic synthetic archive for measuring search and the archive at scale.

Everything written here is marked: stories carry ``is_synthetic=True``, people have slugs that
start with ``synthetic-``, and all stories sit in the "Synthetic" section of the "Synthetic
Gazette". The same ``seed`` and sizes always give the same rows.

What it looks like, so benchmarks can rely on it:

- people: first and last names from the lists below (some accented), each with 0-3 other names
  (the spelling without accents, the last name alone, a formal first name), about 0.84 on
  average (some 16,700 for the default 20,000 people).
- stories: a 6-13 word headline, a 15-35 word dek and a body in 4-12 paragraphs of about
  250-900 words (median about 550): 150-650 words of sentences drawn from a pool built from a
  Zipf-weighted vocabulary, plus what the people say and the broad terms below; about 5 people
  mentioned, named in full at first and by last name later, chosen so that a few hundred people
  are in many stories and most in few.
- "prosecutor" is in about 40% of stories and "county" in about 70%: a broad term for
  benchmarks. 95% of stories are published, spread evenly over 2000-2026; the rest are drafts.

Loading streams rows (never the whole archive in memory): PostgreSQL through COPY, SQLite
through executemany, with search triggers and indexes off until the end (see
``articles.search.schema.bulk_load``). Stories are made in blocks of ``BLOCK``, each from its
own seed, so PostgreSQL can load blocks in parallel processes and still get the same archive.
"""

import datetime as dt
import itertools
import multiprocessing
import random
import sys
import time

from django.db import connection, connections, transaction
from django.utils.text import slugify

from articles.search import schema
from core.text import fold


def _words(text):
    return text.split()


SLUG_PREFIX = "synthetic-"
SECTION = ("Synthetic", "synthetic")
PUBLICATION = ("Synthetic Gazette", "synthetic-gazette")
BROAD_TERMS = {"prosecutor": 0.40, "county": 0.70}
FIRST_DAY = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LAST_DAY = dt.datetime(2026, 6, 30, tzinfo=dt.UTC)
BATCH = 5000
BLOCK = 5000  # stories per block: the unit of work, of seeding and of progress
MAX_MENTIONS = 8  # mention ids are story-based: story * MAX_MENTIONS + position

FIRST_NAMES = _words("""
Aaron Abigail Adam Adrián Aisha Alan Alejandro Alexis Alicia Amanda Amir Ana Andrea Andrés Angela
Anthony Antonio Ariana Arturo Ashley Barbara Beatriz Benjamin Brandon Brenda Brian Camila Carlos
Carmen Catherine Cecilia Charles Christina Christopher Claudia Cristina Daniel David Deborah
Denise Diana Diego Dolores Dominic Donna Dorothy Eduardo Elena Elizabeth Emily Emmanuel Enrique
Eric Esperanza Esteban Eugene Evelyn Fatima Felipe Fernando Frances Francisco Gabriel Gabriela
George Gerardo Gloria Gregory Guadalupe Hannah Héctor Helen Hiroshi Hugo Ibrahim Irene Isabel
Ivan Jackie Jacob James Janet Jason Javier Jennifer Jessica Joaquín John Jonathan Jorge José
Joseph Joshua Juan Julia Julián Karen Kenji Kevin Kimberly Laura Lauren Leticia Linda Lucía
Luis Manuel Marcus María Mario Martha Matthew Megan Michael Michelle Miguel Min Mónica Nancy
Nathan Nicole Noah Norma Olivia Omar Óscar Pablo Patricia Patrick Paul Pedro Rachel Rafael Ramón
Raquel Raúl Rebecca Ricardo Richard Roberto Rocío Rosa Ruth Samuel Sandra Sara Sergio Sharon
Sofía Stephanie Steven Susan Teresa Thomas Timothy Tomás Valeria Verónica Victor Víctor Walter
Wei William Xavier Yolanda Yusuf Zoe
""")

LAST_NAMES = _words("""
Abbott Acosta Aguilar Alvarado Álvarez Anderson Andrade Arias Ávila Bailey Baker Banks Barnes
Bélanger Bell Benítez Bennett Blanco Bowen Brooks Brown Bryant Burke Butler Caldwell Calderón
Campbell Campos Cárdenas Carrillo Carter Castañeda Castillo Castro Chan Chávez Chen Choi Clark
Cohen Coleman Collins Contreras Cook Cooper Cortés Cruz Daniels Davis Delgado Díaz Domínguez
Duarte Edwards Ellis Espinoza Estrada Evans Fernández Figueroa Fisher Flores Foster Franco
Fuentes Galindo Gallegos García Garza Gascón Gibson Gómez González Gordon Graham Gray Green
Griffin Guerrero Gutiérrez Guzmán Hall Hamilton Harris Hayes Henderson Hernández Herrera Hill
Hoffman Holmes Howard Huang Hughes Ibáñez Jackson James Jenkins Jiménez Johnson Jones Jordan
Kang Kelly Kennedy Kim King Knight Lara Lee León Lewis Lim Liu López Lozano Luna Maldonado
Marín Márquez Marshall Martin Martínez Medina Mejía Méndez Mendoza Meyer Miller Mitchell Molina
Montes Moore Morales Moreno Muñoz Murphy Murray Navarro Nelson Nguyen Núñez Ochoa Olson Ortega
Ortiz Owens Pacheco Padilla Park Parker Patel Peña Pérez Perry Peterson Phillips Pierce Powell
Price Quintero Ramírez Ramos Reed Reyes Reynolds Ríos Rivas Rivera Roberts Robinson Rodríguez
Rojas Romero Rosales Ross Rubio Ruiz Russell Salazar Salinas Sánchez Sandoval Santiago Santos
Schmidt Scott Serrano Shaw Silva Simmons Singh Smith Solís Soto Stewart Suárez Sullivan Tan
Taylor Thomas Thompson Torres Tran Turner Valdez Valencia Vargas Vásquez Vega Velásquez Wagner
Walker Wallace Wang Ward Warren Washington Watson Webb Wells White Williams Wilson Wong Wright Wu
Yamamoto Young Zamora Zhang
""")

FORMAL = {"Jackie": "Jacquelyn", "Tom": "Thomas", "Joe": "Joseph", "Mike": "Michael"}

NEWS_WORDS = _words("""
the of and to a in for on that with was said as by at from his her their it is be has have
had not but an who they this which were will after about been more would one new also over two
than its when what into first some other up out there all last year years could she he we i
district attorney office court judge jury trial case cases charge charges charged defendant
defense sentence sentencing prison jail bail police sheriff deputy deputies officer officers
shooting crime crimes violent victim victims family families witness evidence investigation
campaign election ballot vote voters votes runoff primary candidate candidates endorsement
endorsed poll polls percent points lead race incumbent challenger recall signatures measure
policy policies reform reforms progressive union unions donors money fundraising raised spent
committee mailers ads television board supervisors mayor city state federal law laws statute
public safety community communities residents neighborhood downtown angeles los
california sacramento legislature governor senate assembly bill bills hearing hearings
statement spokesman spokeswoman interview told asked according report reported records data
review audit budget staff hiring morale lawsuit lawsuits settlement appeal appeals ruling
conviction convictions plea deal homicide murder robbery theft fentanyl drug drugs gang
juvenile youth mental health homelessness housing reentry diversion restorative justice
""")

SYLLABLES = _words("""ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me mi mo
mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze zo
an en in on ar er ir or al el il ol est ent ion ing ter ver der""")


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


def _zipf_cumulative(count, exponent=1.05):
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, count + 1)))


class Vocabulary:
    """Words with Zipf-like frequencies, and a pool of sentences made from them."""

    def __init__(self, rng, size=6000, sentences=40_000):
        made = set(NEWS_WORDS) | set(BROAD_TERMS)
        pseudo = []
        while len(pseudo) < size - len(NEWS_WORDS):
            word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
            if word not in made:
                made.add(word)
                pseudo.append(word)
        # Real newsroom words take the frequent ranks, invented ones the long tail; the broad
        # terms stay out of the pool so their share is set exactly by ``Story``.
        words = [w for w in NEWS_WORDS if w not in BROAD_TERMS] + pseudo
        weights = _zipf_cumulative(len(words))
        self.sentences = []
        for _ in range(sentences):
            chosen = rng.choices(words, cum_weights=weights, k=rng.randint(8, 24))
            chosen[0] = chosen[0].capitalize()
            self.sentences.append(" ".join(chosen) + ".")
        self.headline_words = words[:2000]


class People:
    """Synthetic people: names, other names, and the skew of who is in the news."""

    def __init__(self, rng, count):
        self.rows = []  # (name, slug, sort_name, other names [(name, kind)])
        for n in range(count):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            name = f"{first} {last}"
            others = []
            if fold(name) != name.lower() and rng.random() < 0.9:
                others.append((fold(name).title(), "spelling"))
            if rng.random() < 0.45:
                others.append((last, "short"))
            if first in FORMAL or rng.random() < 0.15:
                others.append(
                    (
                        f"{FORMAL.get(first, first)} {rng.choice(LAST_NAMES[:40])[0]}. {last}",
                        "formal",
                    )
                )
            self.rows.append(
                (name, f"{SLUG_PREFIX}{n}-{slugify(name)}", f"{last}, {first}", others)
            )
        self.weights = _zipf_cumulative(count, exponent=0.9)

    def pick(self, rng, k):
        return list(
            dict.fromkeys(rng.choices(range(len(self.rows)), cum_weights=self.weights, k=k))
        )


def story_text(rng, vocabulary, people, mentioned):
    """Headline, dek, body and the names used, for one story."""
    named = [people.rows[i][0] for i in mentioned]
    words = rng.choices(vocabulary.headline_words, k=rng.randint(5, 12))
    headline = " ".join([named[0].split()[-1], *words] if named else words)
    headline = headline[:1].upper() + headline[1:]
    dek = " ".join(rng.choices(vocabulary.headline_words, k=rng.randint(15, 35))).capitalize() + "."
    target = rng.randint(150, 650)
    sentences, words = [], 0
    while words < target:
        sentence = rng.choice(vocabulary.sentences)
        sentences.append(sentence)
        words += sentence.count(" ") + 1
    for position, name in enumerate(named):
        at = rng.randrange(len(sentences))
        said = f"{name} said {rng.choice(vocabulary.sentences).lower()}"
        sentences.insert(min(at, position * 3), said)
        sentences.insert(
            rng.randrange(len(sentences)), f"{name.split()[-1]} did not comment further."
        )
    for term, share in BROAD_TERMS.items():
        if rng.random() < share:
            sentences.insert(
                rng.randrange(len(sentences)),
                f"The {term} {rng.choice(vocabulary.sentences).lower()}",
            )
    paragraphs = min(rng.randint(4, 12), len(sentences))
    ends = [len(sentences) * n // paragraphs for n in range(paragraphs + 1)]
    body = "\n\n".join(" ".join(sentences[a:b]) for a, b in itertools.pairwise(ends))
    return headline, dek, body


class Writer:
    """Streams rows into a table: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, cursor, table, columns):
        self.cursor, self.table, self.columns = cursor, table, columns
        self.rows = []
        self.copy = None
        if connection.vendor == "postgresql":
            self.copy_context = cursor.cursor.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            )
            self.copy = self.copy_context.__enter__()

    def write(self, row):
        if self.copy is not None:
            self.copy.write_row(row)
        else:
            self.rows.append(row)
            if len(self.rows) >= BATCH:
                self.flush()

    def flush(self):
        if self.rows:
            placeholders = ", ".join(["%s"] * len(self.columns))
            self.cursor.executemany(
                f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({placeholders})",
                self.rows,
            )
            self.rows = []

    def close(self):
        if self.copy is not None:
            self.copy_context.__exit__(None, None, None)
        self.flush()


def _next_id(cursor, table):
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def _reset_sequence(cursor, table):
    if connection.vendor == "postgresql":
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )


def delete_synthetic(cursor):
    """Remove an earlier synthetic archive (its stories, their mentions, synthetic people).

    Returns how many stories it removed.
    """
    stories = "SELECT id FROM articles_article WHERE is_synthetic"
    people = f"SELECT id FROM people_person WHERE slug LIKE '{SLUG_PREFIX}%%'"
    removed = 0
    for sql in [
        f"DELETE FROM articles_mention WHERE article_id IN ({stories})",
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

    with schema.bulk_load(connection, replacing=replace_earlier):
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
        for table in ("articles_article", "articles_mention"):
            _reset_sequence(cursor, table)
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
        "articles_section",
        SECTION,
        {"description": "Generated test data.", "position": 999},
    )
    publication_id = _ensure(
        cursor,
        "people_organization",
        PUBLICATION,
        {
            "folded_name": fold(PUBLICATION[0]),
            "kind": "media",
            "description": "Generated test data.",
            "created": stamp,
            "updated": stamp,
        },
    )
    first_person = _next_id(cursor, "people_person")
    next_name = _next_id(cursor, "people_personname")
    # One COPY at a time per connection: people first, then their other names.
    persons = Writer(cursor, "people_person", PERSON_COLUMNS)
    other_rows, names_of = [], []
    bar = Progress("people", len(setup.cast.rows), progress)
    for offset, (name, slug, sort_name, others) in enumerate(setup.cast.rows):
        pk = first_person + offset
        persons.write(
            (pk, name, slug, sort_name, fold(name), "Synthetic person.", "", stamp, stamp)
        )
        for other, kind in others:
            other_rows.append((next_name, other, kind, fold(other), "", pk))
            next_name += 1
        names_of.append(" ".join(dict.fromkeys([name, *(o for o, _ in others)])))
        bar.advance()
    persons.close()
    other_names = Writer(cursor, "people_personname", PERSON_NAME_COLUMNS)
    for row in other_rows:
        other_names.write(row)
    other_names.close()
    counts["other names"] = len(other_rows)
    for table in ("people_person", "people_personname"):
        _reset_sequence(cursor, table)
    return {
        "first_person": first_person,
        "names_of": names_of,
        "first_story": _next_id(cursor, "articles_article"),
        "first_mention": _next_id(cursor, "articles_mention"),
        "section": section_id,
        "publication": publication_id,
    }


STORY_COLUMNS = [
    "id", "version", "headline", "slug", "dek", "body", "original_url", "status",
    "published_at", "is_synthetic", "created", "updated", "publication_id", "section_id",
]  # fmt: skip
MENTION_COLUMNS = [
    "id", "role", "origin", "matched_text", "span_start", "span_end",
    "article_id", "organization_id", "person_id", "race_id",
]  # fmt: skip
PERSON_COLUMNS = [
    "id", "name", "slug", "sort_name", "folded_name", "description", "bio", "created", "updated",
]  # fmt: skip
PERSON_NAME_COLUMNS = ["id", "name", "kind", "folded", "note", "person_id"]


_shared = {}


def _write_block_in_worker(block):
    with transaction.atomic():
        return _write_block(block, **_shared)


def _write_block(block, setup, ids, stories):
    """Stories ``block * BLOCK`` up to the next block (or ``stories``), with their mentions."""
    rng = random.Random(f"{setup.seed}:{block}")
    span = (LAST_DAY - FIRST_DAY).total_seconds()
    postgres = connection.vendor == "postgresql"
    columns = STORY_COLUMNS + (["search_names"] if postgres else [])
    counts = {"stories": 0, "published": 0, "mentions": 0}
    counts.update({f"with '{term}'": 0 for term in BROAD_TERMS})
    mentions = []
    with connection.cursor() as cursor:
        writer = Writer(cursor, "articles_article", columns)
        for n in range(block * BLOCK, min(stories, (block + 1) * BLOCK)):
            pk = ids["first_story"] + n
            mentioned = setup.cast.pick(rng, rng.choice((3, 4, 5, 5, 6, 7)))
            headline, dek, body = story_text(rng, setup.vocabulary, setup.cast, mentioned)
            published = rng.random() < 0.95
            when = _at(FIRST_DAY + dt.timedelta(seconds=span * (n + rng.random()) / stories))
            row = [
                pk, 1, headline[:300], f"{SLUG_PREFIX}{n}-{slugify(headline)[:60]}", dek, body,
                "", "published" if published else "draft", when if published else None, True,
                when, when, ids["publication"], ids["section"],
            ]  # fmt: skip
            if postgres:
                row.append(" ".join(ids["names_of"][i] for i in mentioned))
            writer.write(tuple(row))
            for position, person in enumerate(mentioned[:MAX_MENTIONS]):
                role = "subject" if position == 0 else rng.choice(("quoted", "mentioned"))
                mentions.append((
                    ids["first_mention"] + n * MAX_MENTIONS + position, role, "entered", "",
                    None, None, pk, None, ids["first_person"] + person, None,
                ))  # fmt: skip
            counts["stories"] += 1
            counts["published"] += published
            counts["mentions"] += len(mentioned)
            for term in BROAD_TERMS:
                counts[f"with '{term}'"] += f"The {term} " in body
        writer.close()
        writer = Writer(cursor, "articles_mention", MENTION_COLUMNS)
        for row in mentions:
            writer.write(row)
        writer.close()
    return counts


def _at(moment):
    """A datetime as the database stores it (SQLite keeps naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(moment)


def _ensure(cursor, table, name_and_slug, extra):
    name, slug = name_and_slug
    cursor.execute(f"SELECT id FROM {table} WHERE slug = %s", [slug])
    found = cursor.fetchone()
    if found:
        return found[0]
    pk = _next_id(cursor, table)
    columns = ["id", "name", "slug", *extra]
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})",
        [pk, name, slug, *extra.values()],
    )
    _reset_sequence(cursor, table)
    return pk
