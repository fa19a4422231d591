"""The story search document and the triggers that keep it current (see articles.search.schema)."""

from django.db import migrations


def install(apps, schema_editor):
    from articles.search import schema

    schema.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from articles.search import schema

    schema.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_articlealias"),
        ("people", "0001_initial"),
        ("core", "0001_postgres_extensions"),
    ]
    operations = [migrations.RunPython(install, uninstall)]
