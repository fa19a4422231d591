from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """The demo archive and the synthetic corpus: installed in development and tests only."""

    name = "devtools"
    verbose_name = "Development tools"
