"""The editors' dossiers and lists, mounted under /archive/ in the "archive" namespace."""

from django.urls import path

from people.views import archive

urlpatterns = [
    path("people/", archive.PersonListView.as_view(), name="people"),
    path("people/<slug:slug>/", archive.PersonDossierView.as_view(), name="person"),
    path("races/", archive.RaceListView.as_view(), name="races"),
    path("races/<slug:slug>/", archive.RaceDossierView.as_view(), name="race"),
    path("endorsements/", archive.EndorsementListView.as_view(), name="endorsements"),
    path(
        "organizations/<slug:slug>/", archive.OrganizationDossierView.as_view(), name="organization"
    ),
    path("offices/<slug:slug>/", archive.OfficeDossierView.as_view(), name="office"),
]
