"""The editors' filtered lists of people, races and endorsements."""

from django.conf import settings
from django.db.models import Count
from django.shortcuts import redirect
from django.views.generic import TemplateView

from archive.filters import EndorsementFilter, PersonFilter, RaceFilter
from core.access import NewsroomStaffRequiredMixin
from core.http import paginate, without_empty_params
from people.models import Endorsement, Person, Race


class FilteredListView(NewsroomStaffRequiredMixin, TemplateView):
    filterset_class = None
    queryset = None

    def get(self, request, *args, **kwargs):
        if short := without_empty_params(request):
            return redirect(short)
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset())
        valid = filterset.is_valid()
        rows = filterset.qs if valid else filterset.queryset.none()
        page = paginate(request, rows, settings.ARCHIVE_PAGE_SIZE)
        context = self.get_context_data(filter=filterset, page=page, valid=valid)
        return self.render_to_response(context, status=200 if valid else 400)


class PersonListView(FilteredListView):
    template_name = "archive/person_list.html"
    filterset_class = PersonFilter

    def get_queryset(self):
        return Person.objects.annotate(stories=Count("mentions", distinct=True)).order_by(
            "sort_name", "name"
        )


class RaceListView(FilteredListView):
    template_name = "archive/race_list.html"
    filterset_class = RaceFilter

    def get_queryset(self):
        return (
            Race.objects.select_related("election", "office")
            .annotate(candidates=Count("candidacies"))
            .order_by("-election__date", "name")
        )


class EndorsementListView(FilteredListView):
    template_name = "archive/endorsement_list.html"
    filterset_class = EndorsementFilter

    def get_queryset(self):
        return Endorsement.objects.for_display().order_by("-announced_on", "id")
