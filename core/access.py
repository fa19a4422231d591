"""Who is newsroom staff: the one rule behind the editors' archive, story previews and the
newsroom header. Editors, Data entry and superusers; a staff account without either group
(or an inactive one) is not."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.urls import reverse_lazy

from core.roles import DATA_ENTRY, EDITORS


def is_newsroom_staff(user):
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    # Asked by the view and again by the page header: one query per request.
    if not hasattr(user, "_is_newsroom_staff"):
        user._is_newsroom_staff = user.groups.filter(name__in=[EDITORS, DATA_ENTRY]).exists()
    return user._is_newsroom_staff


def may_preview(user):
    """Unpublished stories are shown, marked as previews, to newsroom staff only."""
    return is_newsroom_staff(user)


class NewsroomStaffRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Anonymous visitors go to the sign-in page; signed-in outsiders get 403."""

    login_url = reverse_lazy("admin:login")

    def test_func(self):
        return is_newsroom_staff(self.request.user)
