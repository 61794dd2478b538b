"""Editors and reviewers record who was asked and what they answered; only a superuser deletes
a record, since a refusal on file is part of the story."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ["view", "add", "change"]
GROUPS = ["Editors", "Reviewers"]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(
            content_type__app_label="outreach",
            codename__in=[f"{action}_outreach" for action in ACTIONS],
        )
    )


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations run; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    permissions = _permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    permissions = _permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_outreach_records"),
        ("statements", "0003_create_editor_and_reviewer_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
