"""Public, read-only pages: only what Article.objects.published() lets through."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from articles import tallies
from articles.body import linked_paragraphs
from articles.coverage import newest_public_story_ids
from articles.models import Article, ArticleAlias, Byline, Mention, Photo, Section
from core import structured_data
from core.access import may_preview
from core.http import public_cache
from core.paging import keyset_page

HOME_PAGE_SIZE = 20
LIST_PAGE_SIZE = 20
RELATED_COUNT = 5
RELATED_POOL = 50  # the newest stories of each person or race considered
RELATED_TARGETS = 12  # people and races of the story considered, subjects first


def published_list():
    return Article.objects.published().for_archive_list()


@require_safe
@public_cache
def home(request):
    # Counts per section from the database's tallies (articles.tallies), not every story;
    # pages linked by position (core.paging), so no count of every published story either.
    page = keyset_page(request, published_list(), HOME_PAGE_SIZE)
    counts = tallies.public_total_by_section(timezone.now())
    page.count = sum(counts.values())
    sections = list(Section.objects.filter(pk__in=[pk for pk, n in counts.items() if n]))
    for section in sections:
        section.stories = counts[section.pk]
    return render(request, "public/home.html", {"page": page, "sections": sections})


@require_safe
@public_cache
def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    # As on the home page: pages by position, "Page 1 of N" from the tallies, no count of the
    # section's stories (at a million stories that count was nearly all of the page's time).
    page = keyset_page(request, published_list().filter(section=section), LIST_PAGE_SIZE)
    page.count = tallies.public_total_by_section(timezone.now(), section).get(section.pk, 0)
    return render(request, "public/section.html", {"section": section, "page": page})


def story_queryset():
    return Article.objects.select_related("section", "publication").prefetch_related(
        Prefetch("byline_entries", queryset=Byline.objects.select_related("person")),
        Prefetch("photos", queryset=Photo.objects.select_related("photographer")),
        Prefetch(
            "mentions",
            queryset=Mention.objects.filter(
                Q(person__isnull=False) | Q(organization__isnull=False) | Q(race__isnull=False)
            ).select_related("person", "organization", "race"),
        ),
        "corrections",
    )


@require_safe
@public_cache
def story_detail(request, year, month, day, slug):
    article = story_queryset().published().filter(slug=slug).first()
    if article is None:
        return not_public(request, slug)

    if request.path != article.get_absolute_url():
        return redirect(article, permanent=True)  # a changed date: one canonical address

    last_modified = int(max(article.updated, article.published_at).timestamp())
    etag = quote_etag(f"{article.pk}-{article.version}-{last_modified}")
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = render(request, "public/story.html", story_context(request, article))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response


def not_public(request, slug):
    """No published story at this slug: a staff preview, a withdrawn notice, an old slug, or 404."""
    article = story_queryset().filter(slug=slug).first()
    if article is not None:
        if may_preview(request.user):
            return preview(request, article)
        # The withdrawal notice stands at the story's own address only; under another date
        # the address never named this story.
        if (
            article.status == Article.Status.WITHDRAWN
            and request.path == article.get_absolute_url()
        ):
            gone = render(request, "410.html", status=410)
            # A story may come back (a withdrawal undone): no browser or CDN keeps the notice.
            patch_cache_control(gone, no_cache=True, no_store=True, must_revalidate=True)
            return gone
        raise Http404("No story at this address.")
    alias = ArticleAlias.objects.filter(
        slug=slug, article__in=Article.objects.published()
    ).select_related("article")
    if alias := alias.first():
        return redirect(alias.article, permanent=True)
    raise Http404("No story at this address.")


def preview(request, article):
    context = story_context(request, article, published=False) | {"is_preview": True}
    response = render(request, "public/story.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_cache=True, no_store=True)
    return response


def story_context(request, article, published=True):
    # Subjects first, then people quoted, then the rest; people and organizations both.
    mentions = sorted(article.mentions.all(), key=lambda m: (ROLE_ORDER.get(m.role, 3), m.pk))
    people = [m.person for m in mentions if m.person_id]
    races = [m.race for m in mentions if m.race_id]
    return {
        "article": article,
        "body": linked_paragraphs(article, mentions, published),
        "subjects": [
            (m.person.name, m.person.get_absolute_url())
            if m.person_id
            else (m.organization.name, None)
            for m in mentions
            if not m.race_id
        ],
        "bylines": [entry.person for entry in article.byline_entries.all()],
        "photos": list(article.photos.all()),
        "people": people,
        "races": races,
        "related": related_stories(article, people, races),
        "json_ld": json_ld(request, article),
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
    }


ROLE_ORDER = {Mention.Role.SUBJECT: 0, Mention.Role.QUOTED: 1, Mention.Role.MENTIONED: 2}


def related_stories(article, people, races):
    """Published stories sharing the most people and races with this one, among the newest
    ``RELATED_POOL`` stories of each (a bounded read of each one's index, however often they
    are in the news)."""
    targets = [*people, *races][:RELATED_TARGETS]
    if not targets:
        return []
    now = timezone.now()
    pools = newest_public_story_ids(targets, RELATED_POOL, excluding=article, now=now)
    shared = Q(mentions__person__in=people) | Q(mentions__race__in=races)
    return list(
        Article.objects.published(now)
        .filter(pk__in=pools)
        .annotate(shared=Count("mentions", filter=shared))
        # What the list shows, no more: the pool's stories are grouped whole to be counted.
        .only("headline", "slug", "published_at")
        .order_by("-shared", "-published_at", "-id")[:RELATED_COUNT]
    )


def json_ld(request, article):
    """schema.org NewsArticle (escaped by ``core.structured_data``)."""
    authors = [
        {"@type": "Person", "name": entry.person.name} for entry in article.byline_entries.all()
    ] or [{"@type": "Organization", "name": article.publication.name}]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "description": article.dek,
        "datePublished": (article.published_at or timezone.now()).isoformat(),
        "dateModified": article.updated.isoformat(),
        "author": authors,
        "publisher": {"@type": "Organization", "name": article.publication.name},
        "mainEntityOfPage": request.build_absolute_uri(article.get_absolute_url()),
        "articleSection": article.section.name,
    }
    images = [
        request.build_absolute_uri(photo.image.url) for photo in article.photos.all() if photo.image
    ]
    if images:
        data["image"] = images
    return structured_data.json_ld(data)


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    news = request.build_absolute_uri("/sitemap-news.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /archive/",
        "Disallow: /search/",
        "Allow: /",
        "",
        f"Sitemap: {sitemap}",
        f"Sitemap: {news}",
    ]
    return render(request, "robots.txt", {"lines": lines}, content_type="text/plain; charset=utf-8")


@require_safe
@public_cache
def news_sitemap(request):
    from public.sitemaps import news_stories

    return render(
        request,
        "public/sitemap_news.xml",
        {"stories": news_stories(), "site_url": request.build_absolute_uri("/").rstrip("/")},
        content_type="application/xml; charset=utf-8",
    )


def sitemap_index(request):
    """sitemap.xml: the index of the sections (``public.sitemaps``), each month of stories
    counted from the tallies."""
    from django.contrib.sitemaps import views

    from public.sitemaps import all_sections

    return views.index(request, all_sections(), sitemap_url_name="public:sitemap-section")


def sitemap_section(request, section):
    from django.contrib.sitemaps import views

    from public.sitemaps import section_sitemaps

    return views.sitemap(request, section_sitemaps(section), section=section)
