"""Editors and reviewers see every source, its captures and link checks, and start intakes (which
need the permission to add statements, as the drafts they make do).

Captures and link checks are written by the fetcher only: staff may view them, never edit them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    ("statements", "source"): ["view", "add", "change"],
    ("sources", "capture"): ["view"],
    ("sources", "linkcheck"): ["view"],
}
GROUPS = ["Editors", "Reviewers"]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    wanted = [
        (app, f"{action}_{model}") for (app, model), actions in GRANTS.items() for action in actions
    ]
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


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
        ("sources", "0004_captures_link_checks_and_intakes"),
        ("statements", "0011_link_statements_to_sources"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
