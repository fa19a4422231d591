from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from .search.names import tune_postgres_session
        from .search.schema import ensure_after_migrate

        # SQLite drops a table's triggers when a migration rebuilds the table; put them back.
        post_migrate.connect(ensure_after_migrate, sender=self, dispatch_uid="articles_search")
        connection_created.connect(tune_postgres_session, dispatch_uid="articles_postgres_session")
