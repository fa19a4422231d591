from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles import archive_urls as article_archive_urls
from newsroom.health import healthz
from people import archive_urls as people_archive_urls

archive_patterns = (
    article_archive_urls.urlpatterns + people_archive_urls.urlpatterns,
    "archive",
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("archive/", include(archive_patterns)),
    path("", include("people.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
