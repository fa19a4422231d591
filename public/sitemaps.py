"""sitemap.xml (an index), its sections and the news sitemap (stories of the last two days).

Stories are listed one month per section (``stories-2024-03``), newest month first: each
section is one range read of the stories' date index, and the index page counts each month's
stories from the story tallies (``articles.tallies``), so no page reads every story. A month
with more than ``limit`` stories has further pages (``?p=2``). The other sections (sections,
people, races, organizations, offices) grow with the civic graph, not with the stories.
"""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from articles import tallies
from articles.coverage import with_public_coverage
from articles.facts import public
from articles.models import Article, Section
from people.models import Office, Organization, Person, Race

LIMIT = 5000  # addresses per sitemap page
STORY_SECTION = "stories-"


class StoryMonthSitemap(Sitemap):
    """The published stories of one month (the newsroom's time zone), newest first."""

    changefreq = "weekly"
    limit = LIMIT

    def __init__(self, month, count=None):
        self.month, self.count = month, count

    def items(self):
        start = timezone.make_aware(dt.datetime.combine(self.month, dt.time.min))
        following = (self.month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        end = timezone.make_aware(dt.datetime.combine(following, dt.time.min))
        return (
            Article.objects.published()
            .filter(published_at__gte=start, published_at__lt=end)
            .only("slug", "published_at", "updated")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        return None  # on the index page it would read every story of the month

    @property
    def paginator(self):
        paginator = super().paginator
        if self.count is not None:
            paginator.count = self.count  # known from the tallies: no COUNT per month
        return paginator


def story_sections(now=None):
    """{"stories-YYYY-MM": its sitemap} for every month with published stories, newest first."""
    months = tallies.public_per_month(now or timezone.now())
    return {
        f"{STORY_SECTION}{month:%Y-%m}": StoryMonthSitemap(month, n)
        for month, n in sorted(months.items(), reverse=True)
        if n
    }


def story_section(name):
    """The sitemap of section ``name`` ("stories-2024-03"), or 404."""
    try:
        month = dt.datetime.strptime(name.removeprefix(STORY_SECTION), "%Y-%m").date()
    except ValueError as error:
        raise Http404("No such sitemap.") from error
    return StoryMonthSitemap(month)


class SectionSitemap(Sitemap):
    changefreq = "daily"
    limit = LIMIT

    def items(self):
        # One probe of the section's date index each (a LIMIT 1 subquery per section), not a
        # join of every published story.
        first = Article.objects.published().filter(section=OuterRef("pk")).order_by("-published_at")
        return Section.objects.annotate(first_story=Subquery(first.values("pk")[:1])).filter(
            first_story__isnull=False
        )

    def location(self, item):
        return reverse("public:section", args=[item.slug])


class PersonTopicSitemap(Sitemap):
    changefreq = "weekly"
    limit = LIMIT

    def items(self):
        return with_public_coverage(Person.objects.order_by("slug"))


class RaceTopicSitemap(Sitemap):
    changefreq = "weekly"
    limit = LIMIT

    def items(self):
        return with_public_coverage(Race.objects.order_by("slug"))


class OrganizationTopicSitemap(Sitemap):
    changefreq = "weekly"
    limit = LIMIT

    def items(self):
        return public(Organization.objects.order_by("slug"))

    def location(self, item):
        return reverse("public:organization", args=[item.slug])


class OfficeSitemap(Sitemap):
    changefreq = "monthly"
    limit = LIMIT

    def items(self):
        return public(Office.objects.order_by("slug"))

    def location(self, item):
        return reverse("public:office", args=[item.slug])


SITEMAPS = {
    "sections": SectionSitemap,
    "people": PersonTopicSitemap,
    "races": RaceTopicSitemap,
    "organizations": OrganizationTopicSitemap,
    "offices": OfficeSitemap,
}


def all_sections():
    """Every section for the index: the story months, then the rest."""
    return story_sections() | SITEMAPS


def section_sitemaps(name):
    """{name: sitemap} for the one section asked for, or 404."""
    if name in SITEMAPS:
        return {name: SITEMAPS[name]}
    if name.startswith(STORY_SECTION):
        return {name: story_section(name)}
    raise Http404("No such sitemap.")


def news_stories(now=None):
    """Stories for the news sitemap: published within the last two days."""
    now = now or timezone.now()
    return (
        Article.objects.published(now)
        .filter(published_at__gte=now - dt.timedelta(days=2))
        .select_related("publication")
        .order_by("-published_at")[:1000]
    )
