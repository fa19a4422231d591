"""The newsroom's two staff roles, kept in step with the models after every migrate.

Editors may do everything with the archive, publishing included. Data entry may add
and change records but neither publish nor delete.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
DATA_ENTRY = "Data entry"
ARCHIVE_APPS = ("articles", "people")


def archive_permissions():
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label__in=ARCHIVE_APPS)


def sync_roles(verbosity=0):
    """Create or update both groups; safe to run any number of times."""
    Group = apps.get_model("auth", "Group")
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=verbosity)
    everything = archive_permissions()
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(everything)
    data_entry, _ = Group.objects.get_or_create(name=DATA_ENTRY)
    data_entry.permissions.set(
        everything.exclude(codename__startswith="delete_").exclude(codename="publish_article")
    )
    return editors, data_entry


def sync_roles_after_migrate(sender, verbosity=0, **kwargs):
    sync_roles(verbosity=verbosity)
