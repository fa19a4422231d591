"""Writing imported stories: one transaction per story, keyed so a re-import never duplicates."""

from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from core import pagecache
from people.models import Organization, Person

from ..models import Article, ArticleAlias, Byline, ImportedStory, Photo, Section, Suggestion
from . import suggestions
from .analysis import analyse
from .gazetteer import Gazetteer
from .parsing import RecordError

BATCH = 500


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

    @property
    def total(self):
        return self.imported + self.updated + self.unchanged + len(self.skipped)


class Importer:
    def __init__(self, *, publish=False, dry_run=False, publication=None, section=None,
                 gazetteer=None):  # fmt: skip
        self.publish, self.dry_run = publish, dry_run
        self.default_publication, self.default_section = publication, section
        self.gazetteer = gazetteer or Gazetteer.from_database()
        self.report = Report()
        self._sections, self._publications = {}, {}

    def run(self, records, progress=None):
        batch = []
        for record in records:
            if isinstance(record, RecordError):
                self.report.skipped.append((record.where, record.reason))
                if progress:
                    progress()
                continue
            batch.append(record)
            if len(batch) >= BATCH:
                self._run_batch(batch, progress)
                batch = []
        self._run_batch(batch, progress)
        # Bulk writes send no save signals: tell the shared page cache itself (published
        # imports change the public pages at once).
        pagecache.bump()
        return self.report

    def _run_batch(self, batch, progress):
        """New stories in one bulk transaction; known ones (and any retry) one by one."""
        known = set(
            ImportedStory.objects.filter(key__in=[r.key for r in batch]).values_list(
                "key", flat=True
            )
        )
        keys, fresh, single = set(), [], []
        for record in batch:
            new = record.key not in known and record.key not in keys and not record.bylines
            (fresh if new else single).append(record)
            keys.add(record.key)
        if fresh and not self._bulk(fresh):
            single = fresh + single  # something in the batch failed: find it story by story
        for record in single:
            self.import_one(record)
        if progress:
            for _ in batch:
                progress()

    def _bulk(self, records):
        """Write brand-new stories together; False (nothing written) if any one fails."""
        try:
            with transaction.atomic():
                ready = []
                for record in records:
                    article = Article()
                    self._fill(article, record, slug=False)
                    ready.append((record, article))
                self._slugs([article for _, article in ready])
                bulk_create_with_history([a for _, a in ready], Article, batch_size=BATCH)
                self._bulk_parts(ready)
                if self.dry_run:
                    raise DryRun
        except DryRun:
            self._forget()
        except (RecordError, IntegrityError, DatabaseError, ValueError):
            self._forget()
            return False
        self.report.imported += len(records)
        return True

    def _forget(self):
        """After a rollback, sections or publications made in it no longer exist."""
        self._sections, self._publications = {}, {}

    def _bulk_parts(self, ready):
        photos, made, imports = [], [], []
        for record, article in ready:
            photos.extend(self._photos(article, record))
            made.extend(suggestions.unique(self._analysed(article, record)))
            imports.append(ImportedStory(
                article=article, key=record.key, content_hash=record.content_hash,
                version=article.version, source=record.where[:500],
            ))  # fmt: skip
        Photo.objects.bulk_create(photos)
        Suggestion.objects.bulk_create(made, batch_size=2000)
        ImportedStory.objects.bulk_create(imports)
        self.report.suggested += len(made)

    def import_one(self, record):
        try:
            with transaction.atomic():
                outcome = self._write(record)
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
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)

    def _write(self, record):
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
        made = self._suggest(article, record)
        self.report.suggested += len(made)
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
        while Article.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
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
        for article, base in zip(articles, bases, strict=True):
            slug, number = base, 1
            while slug in taken:
                number += 1
                slug = f"{base}-{number}"
            taken.add(slug)
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

    def _analysed(self, article, record):
        day = timezone.localdate(record.published_at) if record.published_at else None
        analysis = analyse(article.body, self.gazetteer, day)
        return suggestions.build(article, analysis, day, record.people)

    def _suggest(self, article, record):
        return suggestions.replace_pending(article, self._analysed(article, record))
