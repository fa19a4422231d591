"""sitemap.xml sections and the news sitemap (stories of the last two days)."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from articles.coverage import with_public_coverage
from articles.models import Article, Section
from people.models import Person, Race


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
        from django.urls import reverse

        return reverse("public:section", args=[item.slug])


class PersonTopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return with_public_coverage(Person.objects.order_by("slug"))


class RaceTopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return with_public_coverage(Race.objects.order_by("slug"))


SITEMAPS = {
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "people": PersonTopicSitemap,
    "races": RaceTopicSitemap,
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
