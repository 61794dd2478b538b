"""Reviewers see failed sign-ins and may lift a colleague's lockout (the admin's unlock action)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [("accounts", "unlock_sign_in"), ("axes", "view_accessattempt")]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations run; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    for app_label, codename in GRANTS:
        reviewers.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Reviewers"):
        for app_label, codename in GRANTS:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_create_sign_in_events"),
        ("statements", "0003_create_editor_and_reviewer_groups"),
        ("axes", "0009_add_session_hash"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
