"""Every admin page registered before the archive's own (Django's users and groups, django-axes'
sign-in records) gets the same guard against bad addresses as the archive's pages
(``core.admin_queries``). The archive's admins have it through ``core.admin_tools``."""

from django.contrib import admin

from core.admin_queries import QuerySafeAdminMixin

for model, model_admin in list(admin.site._registry.items()):
    if not isinstance(model_admin, QuerySafeAdminMixin):
        guarded = type(type(model_admin).__name__, (QuerySafeAdminMixin, type(model_admin)), {})
        admin.site.unregister(model)
        admin.site.register(model, guarded)
