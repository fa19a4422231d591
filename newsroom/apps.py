from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom.roles import sync_roles_after_migrate

        # Groups must track new models' permissions, so they are synced after each migrate.
        # post_migrate is only sent for apps with models; "articles" is the last of those.
        post_migrate.connect(
            sync_roles_after_migrate,
            sender=apps.get_app_config("articles"),
            dispatch_uid="newsroom_sync_roles",
        )
