"""Editors and reviewers keep each topic's cue lexicon and terms: they only shape suggestions,
which are never published without a reviewer."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["positioncue", "topicterm"]
ACTIONS = ["view", "add", "change", "delete"]
GROUPS = ["Editors", "Reviewers"]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(
            content_type__app_label="sources",
            codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
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
        ("sources", "0002_seed_tiktok_ban_position_cues"),
        ("statements", "0003_create_editor_and_reviewer_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
