"""Accounts in the admin: Django's own user and group pages, with the same guard against bad
addresses as every archive page (``core.admin_queries``)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from core.admin_queries import QuerySafeAdminMixin

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class NewsroomUserAdmin(QuerySafeAdminMixin, UserAdmin):
    pass


@admin.register(Group)
class NewsroomGroupAdmin(QuerySafeAdminMixin, GroupAdmin):
    pass
