"""Writing imported stories, keyed so a re-import never duplicates, each story whole or not.

New stories go in batches: one transaction for the batch; if anything in it fails, it is
rolled back and written story by story, so only the bad record is skipped. Outside a
transaction, worker processes read and link the next batches (``readers``) while, on
PostgreSQL, threads of their own write the batches before: the database stores earlier
batches (search document, indexes, history) while Python reads the next.
"""

import os
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import batched

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from core import pagecache
from people.models import Organization, Person

from ..models import Article, ArticleAlias, Byline, ImportedStory, Photo, Section, Suggestion
from ..search.schema import batch_writes
from . import bulk, suggestions
from .gazetteer import Gazetteer
from .parsing import RecordError
from .readers import Readers

# Measured with benchmarks/ingest/run_import.py (docs/ingest.md): 250 stories a batch and
# three writing threads keep the two cores busier than 500 and two.
BATCH = 250
WRITING_THREADS = 3
# Two reading processes keep both cores' share of linking going; batches read ahead of the
# writing, so neither waits for the other.
READING_PROCESSES = 2
READ_AHEAD = 3


class DryRun(Exception):
    """Raised inside a story's transaction to roll it back after a dry run."""


@dataclass
class Report:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (where, reason)
    suggested: int = 0
    notes: list = field(default_factory=list)

    lock: object = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def total(self):
        return self.imported + self.updated + self.unchanged + len(self.skipped)

    def add(self, name, count=1):
        """Count ``count`` more under ``name``; batches may be written by two threads."""
        with self.lock:
            setattr(self, name, getattr(self, name) + count)


class Importer:
    def __init__(self, *, publish=False, dry_run=False, publication=None, section=None,
                 gazetteer=None):  # fmt: skip
        self.publish, self.dry_run = publish, dry_run
        self.default_publication, self.default_section = publication, section
        self.gazetteer = gazetteer or Gazetteer.from_database()
        self.report = Report()
        # Each writing thread has its own transaction: what one made is not another's yet.
        self._local = threading.local()
        self._claimed, self._claim_lock = set(), threading.Lock()
        self._facts = set()  # the facts figures were suggested for, to check across stories
        # Fixed once: looking the zone up costs more than converting, story after story.
        self.zone = timezone.get_current_timezone()
        self.recorded = suggestions.Recorded()

    def run(self, records, progress=None):
        # The readers first: they fork, and a fork copies only the thread that makes it.
        readers = Readers(self.gazetteer, self._processes())
        writer = Writer(threads=self._threads())
        ahead = deque()
        try:
            for batch in batched(records, BATCH):
                ahead.append(self._read(readers, batch))
                # Reading needs no database: the readers take the next batches while the
                # writer stores the ones before.
                if len(ahead) > READ_AHEAD:
                    writer.submit(self._run_batch, self._ready(*ahead.popleft()), progress)
            while ahead:
                writer.submit(self._run_batch, self._ready(*ahead.popleft()), progress)
        finally:
            try:
                writer.close()
            finally:
                readers.close()
        if not self.dry_run:
            # After every batch is in: two batches written side by side do not see each other.
            suggestions.flag_disagreements(self._facts)
        # Bulk writes send no save signals: tell the shared page cache itself (published
        # imports change the public pages at once).
        pagecache.bump()
        return self.report

    def _read(self, readers, batch):
        stories = [record for record in batch if not isinstance(record, RecordError)]
        return batch, readers.submit([(r.body, self.day(r), r.people) for r in stories])

    @staticmethod
    def _ready(batch, result):
        """The batch with each story paired with its suggestions (errors as they are)."""
        made = iter(result())
        return [
            record if isinstance(record, RecordError) else (record, next(made)) for record in batch
        ]

    def _processes(self):
        """Reading processes: none inside a transaction (a test's, a caller's: small work,
        not worth a fork) or on one core."""
        if connection.in_atomic_block or (os.cpu_count() or 1) < 2:
            return 0
        return READING_PROCESSES

    def _threads(self):
        """Writing threads: three on PostgreSQL, none (write here) inside a transaction, whose
        uncommitted rows another connection could not see, or on SQLite (one writer)."""
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            return WRITING_THREADS
        return 0

    def day(self, record):
        return record.published_at.astimezone(self.zone).date() if record.published_at else None

    def _run_batch(self, batch, progress):
        """New stories in one bulk transaction; known ones (and any retry) one by one."""
        items = []
        for item in batch:
            if isinstance(item, RecordError):
                self.report.skipped.append((item.where, item.reason))
            else:
                items.append(item)
        known = set(
            ImportedStory.objects.filter(key__in=[r.key for r, _ in items]).values_list(
                "key", flat=True
            )
        )
        keys, fresh, single = set(), [], []
        for record, made in items:
            new = record.key not in known and record.key not in keys and not record.bylines
            (fresh if new else single).append((record, made))
            keys.add(record.key)
        if fresh and not self._bulk(fresh):
            single = fresh + single  # something in the batch failed: find it story by story
        for record, made in single:
            self.import_one(record, made)
        if progress:
            for _ in batch:
                progress()

    def _bulk(self, items):
        """Write brand-new stories together; False (nothing written) if any one fails."""
        try:
            with transaction.atomic():
                ready = []
                for record, made in items:
                    article = Article()
                    self._fill(article, record, slug=False)
                    ready.append((record, made, article))
                self._slugs([article for _, _, article in ready])
                bulk.create_with_history(Article, [article for _, _, article in ready])
                self._bulk_parts(ready)
                if self.dry_run:
                    raise DryRun
        except DryRun:
            self._forget()
        except (RecordError, IntegrityError, DatabaseError, ValueError):
            self._forget()
            return False
        self.report.add("imported", len(items))
        return True

    def _forget(self):
        """After a rollback, sections or publications made in it no longer exist."""
        self._local.sections, self._local.publications = {}, {}

    @property
    def _sections(self):
        if not hasattr(self._local, "sections"):
            self._forget()
        return self._local.sections

    @property
    def _publications(self):
        if not hasattr(self._local, "publications"):
            self._forget()
        return self._local.publications

    def _bulk_parts(self, ready):
        photos, made, imports = [], [], []
        for record, suggested, article in ready:
            photos.extend(self._photos(article, record))
            made.extend(self._tied(article, record, suggestions.unique(suggested)))
            imports.append(ImportedStory(
                article=article, key=record.key, content_hash=record.content_hash,
                version=article.version, source=record.where[:500],
            ))  # fmt: skip
        bulk.create(Photo, photos)
        bulk.create(Suggestion, made)
        self._facts.update(s.payload.get("fact") for s in made if s.kind == Suggestion.Kind.FIGURE)
        bulk.create(ImportedStory, imports)
        self.report.add("suggested", len(made))

    def import_one(self, record, made):
        try:
            with transaction.atomic():
                outcome = self._write(record, made)
                if self.dry_run:
                    raise DryRun
        except DryRun:
            self._forget()
        except RecordError as error:
            self._forget()
            self.report.skipped.append((error.where, error.reason))
            return
        except (IntegrityError, DatabaseError, ValueError) as error:
            self._forget()
            self.report.skipped.append((record.where, f"could not be saved ({error})"))
            return
        if outcome == "skipped":
            return
        self.report.add(outcome)

    def _write(self, record, made):
        existing = ImportedStory.objects.select_related("article").filter(key=record.key).first()
        if existing and existing.content_hash == record.content_hash:
            return "unchanged"
        if existing and existing.article.version != existing.version:
            self.report.skipped.append(
                (record.where, "changed in the archive since it was imported; not overwritten")
            )
            return "skipped"
        article = existing.article if existing else Article()
        self._fill(article, record)
        article.save()
        self._parts(article, record)
        made = suggestions.replace_pending(article, self._tied(article, record, made), self._facts)
        self.report.add("suggested", len(made))
        ImportedStory.objects.update_or_create(
            key=record.key,
            defaults={"article": article, "content_hash": record.content_hash,
                      "version": article.version, "source": record.where[:500]},
        )  # fmt: skip
        return "updated" if existing else "imported"

    def _fill(self, article, record, slug=True):
        article.headline = record.headline[:300]
        article.dek, article.body = record.dek, record.body
        article.original_url = record.url[:500]
        article.published_at = record.published_at
        article.section = self._section(record)
        article.publication = self._publication(record)
        if article.pk is None:
            article.slug = self._slug(record.headline) if slug else ""
            article.status = Article.Status.DRAFT
        if self.publish and record.published_at:
            scheduled = record.published_at > timezone.now()
            article.status = Article.Status.SCHEDULED if scheduled else Article.Status.PUBLISHED

    def _slug(self, headline):
        base = slugify(headline)[:180].strip("-") or "story"
        slug, number = base, 1
        with self._claim_lock:
            while slug in self._claimed or Article.objects.filter(slug=slug).exists():
                number += 1
                slug = f"{base}-{number}"
            self._claimed.add(slug)
        return slug

    def _slugs(self, articles):
        """Unique slugs for a batch of new stories, in one query (two if some are taken)."""
        bases = [slugify(a.headline)[:180].strip("-") or "story" for a in articles]
        taken = self._taken(Q(slug__in=bases))
        clashes = {base for base in bases if base in taken}
        if clashes:
            wanted = Q()
            for base in clashes:
                wanted |= Q(slug__startswith=f"{base}-")
            taken |= self._taken(wanted)
        with self._claim_lock:  # a batch being written beside this one may have taken some
            taken |= self._claimed
            for article, base in zip(articles, bases, strict=True):
                slug, number = base, 1
                while slug in taken:
                    number += 1
                    slug = f"{base}-{number}"
                taken.add(slug)
                self._claimed.add(slug)
                article.slug = slug

    @staticmethod
    def _taken(condition):
        stories = Article.objects.filter(condition).values_list("slug", flat=True)
        aliases = ArticleAlias.objects.filter(condition).values_list("slug", flat=True)
        return set(stories) | set(aliases)

    def _section(self, record):
        name = record.section or self.default_section or "News"
        if name not in self._sections:
            section = Section.objects.filter(name__iexact=name).first()
            if section is None:
                section = Section.objects.create(name=name, slug=slugify(name)[:100] or "news")
            self._sections[name] = section
        return self._sections[name]

    def _publication(self, record):
        name = record.publication or self.default_publication
        if name not in self._publications:
            media = Organization.objects.filter(kind=Organization.Kind.MEDIA)
            found = list(media.named(name)[:2]) if name else list(media[:2])
            if len(found) != 1:
                why = f"no news organization named {name!r}" if name else "no publication given"
                raise RecordError(record.where, f"{why}; give --publication")
            self._publications[name] = found[0]
        return self._publications[name]

    def _person(self, name):
        found = list(Person.objects.named(name)[:2])
        if len(found) == 1:
            return found[0]
        return None

    def _parts(self, article, record):
        article.byline_entries.all().delete()
        for position, name in enumerate(record.bylines):
            person = self._person(name)
            if person is None:
                person = Person.objects.create(name=name, slug=self._person_slug(name))
                self.report.notes.append(f"{record.where}: new person for the byline {name!r}")
            Byline.objects.get_or_create(
                article=article, person=person, defaults={"position": position}
            )
        article.photos.all().delete()
        Photo.objects.bulk_create(self._photos(article, record))

    def _photos(self, article, record):
        for photo in record.photos:
            photographer = self._person(photo.photographer)
            credit = photo.credit if photographer else f"{photo.photographer} / {photo.credit}"
            yield Photo(
                article=article, caption=photo.caption, photographer=photographer,
                credit=credit[:200], position=photo.position,
            )  # fmt: skip

    @staticmethod
    def _person_slug(name):
        base = slugify(name)[:180] or "person"
        slug, number = base, 1
        while Person.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def _tied(self, article, record, made):
        """``made`` (a story's suggestions) for ``article``, figures checked against the record."""
        made = list(made)
        for suggestion in made:
            # pk: a batch rolled back (then written story by story) may have given them ids.
            suggestion.article, suggestion.pk = article, None
        suggestions.check_record(made, self.day(record), self.recorded)
        return made


class Writer:
    """Runs each batch's writing, in ``threads`` threads of its own (none: here), in turn.

    Each thread has its own database connection, inside the search schema's
    ``batch_writes``. ``submit`` hands a batch to the next thread after waiting for that
    thread's batch before (and raising what it raised), so each thread writes one batch while
    the caller reads and links the next; with several, the database stores several batches at
    once (its work per story, the search document above all, is as large as Python's).
    ``close`` waits for every batch, leaves the contexts and closes the threads' connections.
    """

    def __init__(self, threads):
        self.pools = [ThreadPoolExecutor(max_workers=1) for _ in range(threads)]
        self.pending = [None] * max(threads, 1)
        self.contexts = [ExitStack() for _ in range(max(threads, 1))]
        self.turn = 0
        for index, context in enumerate(self.contexts):
            self._run(index, lambda c=context: c.enter_context(batch_writes(connection)))

    def _run(self, index, work):
        return work() if not self.pools else self.pools[index].submit(work).result()

    def submit(self, work, *args):
        index = self.turn % len(self.pending)
        self.turn += 1
        self._wait(index)
        if not self.pools:
            work(*args)
        else:
            self.pending[index] = self.pools[index].submit(work, *args)

    def _wait(self, index):
        if self.pending[index] is not None:
            pending, self.pending[index] = self.pending[index], None
            pending.result()

    def close(self):
        try:
            for index in range(len(self.pending)):
                self._wait(index)
        finally:
            for index, context in enumerate(self.contexts):
                self._run(index, context.close)
            for pool in self.pools:
                pool.submit(lambda: connection.close()).result()
                pool.shutdown()
