"""The public site: published stories, topic pages, search, feeds and sitemaps."""

from django.urls import path
from django.views.decorators.cache import cache_control

from core.pagecache import cached_page
from public import feeds
from public.views import civic, search, stories, topics

app_name = "public"


def feed_cache(view):
    return cache_control(public=True, max_age=300)(cached_page(view))


urlpatterns = [
    path("", stories.home, name="home"),
    path(
        "stories/<int:year>/<str:month>/<str:day>/<slug:slug>/",
        stories.story_detail,
        name="story",
    ),
    path("sections/<slug:slug>/", stories.section_detail, name="section"),
    path("people/<slug:slug>/", topics.person_topic, name="person"),
    path("races/<slug:slug>/", topics.race_topic, name="race"),
    path("organizations/<slug:slug>/", civic.organization_topic, name="organization"),
    path("offices/<slug:slug>/", civic.office_topic, name="office"),
    path("search/", search.search, name="search"),
    path("feeds/latest/rss/", feed_cache(feeds.LatestStoriesFeed()), name="feed-rss"),
    path("feeds/latest/atom/", feed_cache(feeds.atom(feeds.LatestStoriesFeed)()), name="feed-atom"),
    path("feeds/sections/<slug:slug>/rss/", feed_cache(feeds.SectionFeed()), name="section-feed"),
    path(
        "feeds/sections/<slug:slug>/atom/",
        feed_cache(feeds.atom(feeds.SectionFeed)()),
        name="section-feed-atom",
    ),
    path("feeds/people/<slug:slug>/rss/", feed_cache(feeds.PersonFeed()), name="person-feed"),
    path(
        "feeds/people/<slug:slug>/atom/",
        feed_cache(feeds.atom(feeds.PersonFeed)()),
        name="person-feed-atom",
    ),
    path("feeds/races/<slug:slug>/rss/", feed_cache(feeds.RaceFeed()), name="race-feed"),
    path(
        "feeds/races/<slug:slug>/atom/",
        feed_cache(feeds.atom(feeds.RaceFeed)()),
        name="race-feed-atom",
    ),
    path(
        "feeds/organizations/<slug:slug>/rss/",
        feed_cache(feeds.OrganizationFeed()),
        name="organization-feed",
    ),
    path(
        "feeds/organizations/<slug:slug>/atom/",
        feed_cache(feeds.atom(feeds.OrganizationFeed)()),
        name="organization-feed-atom",
    ),
    path("feeds/offices/<slug:slug>/rss/", feed_cache(feeds.OfficeFeed()), name="office-feed"),
    path(
        "feeds/offices/<slug:slug>/atom/",
        feed_cache(feeds.atom(feeds.OfficeFeed)()),
        name="office-feed-atom",
    ),
    path("sitemap.xml", feed_cache(stories.sitemap_index), name="sitemap"),
    path("sitemap-news.xml", stories.news_sitemap, name="sitemap-news"),
    path("sitemap-<str:section>.xml", feed_cache(stories.sitemap_section), name="sitemap-section"),
    path("robots.txt", stories.robots_txt, name="robots"),
]
