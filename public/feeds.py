"""RSS and Atom feeds of published stories: site-wide, per section, per person, race,
organization and office; a topic's feed exists exactly when its public page does."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.coverage import Coverage, public_topic_or_404
from articles.facts import office_stories, public
from articles.models import Article, Section
from people.models import Office, Organization, Person, Race

FEED_SIZE = 30


class LatestStoriesFeed(Feed):
    description_template = None

    def title(self, obj=None):
        return settings.SITE_NAME

    def link(self, obj=None):
        return reverse("public:home")

    def description(self, obj=None):
        return "The latest stories on the county District Attorney's office."

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.stories(obj).for_archive_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.dek

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        names = [person.name for person in item.bylines.all()]
        return ", ".join(names) or item.publication.name

    def item_categories(self, item):
        return [item.section.name]


class SectionFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return reverse("public:section", args=[obj.slug])

    def description(self, obj=None):
        return f"The latest {obj.name} stories."

    def stories(self, obj):
        return Article.objects.published().filter(section=obj)


class TopicFeed(LatestStoriesFeed):
    """A person's, race's or organization's feed: its newest public mentions, one range read
    of the mention index however often it is in the news, then those stories."""

    def items(self, obj=None):
        latest = Coverage(obj, public=True).latest(FEED_SIZE)
        return latest.select_related("publication").prefetch_related("bylines")


class PersonFeed(TopicFeed):
    def get_object(self, request, slug):
        return public_topic_or_404(Person.objects.all(), slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"The latest stories about {obj.name}."


class RaceFeed(TopicFeed):
    def get_object(self, request, slug):
        return public_topic_or_404(Race.objects.all(), slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"The latest stories about the {obj.name}."


class OrganizationFeed(TopicFeed):
    def get_object(self, request, slug):
        return public_topic_or_404(Organization.objects.all(), slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return reverse("public:organization", args=[obj.slug])

    def description(self, obj=None):
        return f"The latest stories about {obj.name}."


class OfficeFeed(LatestStoriesFeed):
    """Stories about the office's races and about its holders while they held it."""

    def get_object(self, request, slug):
        return get_object_or_404(public(Office.objects.all()), slug=slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj=None):
        return reverse("public:office", args=[obj.slug])

    def description(self, obj=None):
        return f"The latest stories about the {obj.name}: its races and its holders in office."

    def stories(self, obj):
        return office_stories(obj)


def atom(feed_class):
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": feed_class.description},
    )
