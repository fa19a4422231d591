"""The editors' story archive, mounted under /archive/ in the "archive" namespace."""

from django.urls import path

from articles.views.archive import StoryArchiveView

urlpatterns = [
    path("", StoryArchiveView.as_view(), name="stories"),
]
