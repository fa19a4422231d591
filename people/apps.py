from django.apps import AppConfig
from django.db.backends.signals import connection_created


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People, organizations and races"

    def ready(self):
        from people.names import tune_postgres_session

        connection_created.connect(tune_postgres_session, dispatch_uid="people_postgres_session")
