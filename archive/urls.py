"""The editors' archive under /archive/: stories, dossiers and lists."""

from django.urls import path

from archive.views import dossiers, fact_exports, lists
from archive.views.stories import StoryArchiveView

app_name = "archive"

urlpatterns = [
    path("", StoryArchiveView.as_view(), name="stories"),
    path("people/", lists.PersonListView.as_view(), name="people"),
    path("people/<slug:slug>/", dossiers.PersonDossierView.as_view(), name="person"),
    path("races/", lists.RaceListView.as_view(), name="races"),
    path("races/<slug:slug>/", dossiers.RaceDossierView.as_view(), name="race"),
    path(
        "races/<slug:slug>/<str:table>.<str:fmt>",
        fact_exports.RaceFactExportView.as_view(),
        name="race-export",
    ),
    path("endorsements/", lists.EndorsementListView.as_view(), name="endorsements"),
    path(
        "organizations/<slug:slug>/",
        dossiers.OrganizationDossierView.as_view(),
        name="organization",
    ),
    path("offices/<slug:slug>/", dossiers.OfficeDossierView.as_view(), name="office"),
]
