"""Who may use the editors' archive: signed-in newsroom staff (Editors, Data entry, superusers)."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.urls import reverse_lazy

from core.roles import DATA_ENTRY, EDITORS


def is_newsroom_staff(user):
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name__in=[EDITORS, DATA_ENTRY]).exists()


class NewsroomStaffRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Anonymous visitors go to the sign-in page; signed-in outsiders get 403."""

    login_url = reverse_lazy("admin:login")

    def test_func(self):
        return is_newsroom_staff(self.request.user)
