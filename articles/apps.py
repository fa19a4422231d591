from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from . import tallies
        from .search.schema import ensure_after_migrate

        # SQLite drops a table's triggers when a migration rebuilds the table; put them back.
        post_migrate.connect(ensure_after_migrate, sender=self, dispatch_uid="articles_search")
        # Any change to a story, its parts or a fact: every cached public page is stale.
        from django.apps import apps

        from core.pagecache import watch

        watch([*self.get_models(), *apps.get_app_config("people").get_models()])
        post_migrate.connect(
            tallies.ensure_after_migrate, sender=self, dispatch_uid="articles_tallies"
        )
