"""sitemap.xml sections and the news sitemap (stories of the last two days)."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from articles.coverage import with_public_coverage
from articles.facts import public
from articles.models import Article, Section
from people.models import Office, Organization, Person, Race


class StorySitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "updated")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated


class SectionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Section.objects.filter(articles__in=Article.objects.published()).distinct()

    def location(self, item):
        return reverse("public:section", args=[item.slug])


class PersonTopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return with_public_coverage(Person.objects.order_by("slug"))


class RaceTopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return with_public_coverage(Race.objects.order_by("slug"))


class OrganizationTopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return public(Organization.objects.order_by("slug"))

    def location(self, item):
        return reverse("public:organization", args=[item.slug])


class OfficeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return public(Office.objects.order_by("slug"))

    def location(self, item):
        return reverse("public:office", args=[item.slug])


SITEMAPS = {
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "people": PersonTopicSitemap,
    "races": RaceTopicSitemap,
    "organizations": OrganizationTopicSitemap,
    "offices": OfficeSitemap,
}


def news_stories(now=None):
    """Stories for the news sitemap: published within the last two days."""
    now = now or timezone.now()
    return (
        Article.objects.published(now)
        .filter(published_at__gte=now - dt.timedelta(days=2))
        .select_related("publication")
        .order_by("-published_at")[:1000]
    )
