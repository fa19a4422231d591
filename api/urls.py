"""/api/v1/: the read-only JSON API, its OpenAPI 3 schema and the interactive docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views
from .docs import not_found

app_name = "api"

router = SimpleRouter()
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("offices", views.OfficeViewSet, basename="office")
router.register("elections", views.ElectionViewSet, basename="election")
router.register("races", views.RaceViewSet, basename="race")
router.register("candidacies", views.CandidacyViewSet, basename="candidacy")
router.register("results", views.ResultViewSet, basename="result")
router.register("margins", views.MarginViewSet, basename="margin")
router.register("polls", views.PollViewSet, basename="poll")
router.register("endorsements", views.EndorsementViewSet, basename="endorsement")
router.register("fundraising-totals", views.FundraisingViewSet, basename="fundraising-total")
router.register("contributions", views.ContributionViewSet, basename="contribution")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("stories", views.StoryViewSet, basename="story")

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "v1/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("v1/", include(router.urls)),
    re_path(r"^.*$", not_found),
]
