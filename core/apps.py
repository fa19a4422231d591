from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Newsroom"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import lookups
        from core.accounts import start_idle_clock
        from core.roles import sync_roles_after_migrate

        lookups.register()

        user_logged_in.connect(start_idle_clock, dispatch_uid="core_start_idle_clock")

        # Groups must track new models' permissions, so they are synced after each migrate,
        # once: post_migrate is sent per app with models, and the last of those is enough.
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(sync_roles_after_migrate, sender=last, dispatch_uid="core_sync_roles")
