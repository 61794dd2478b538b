"""What the public sees about people and parties changes only by a reviewer's hand.

Reviewers get the permission to change a public person's details and to add and change parties;
editors keep adding people (nobody they add is public until a reviewer publishes one of their
statements) and editing people nobody sees yet, and lose adding and changing parties.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWERS_GET = [("politicians", "change_public_record")]
EDITORS_LOSE = [("politicians", "add_party"), ("politicians", "change_party")]


def _permissions(apps, spec):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in spec
    ]


def _groups(apps):
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    return editors, reviewers


def narrow(apps, schema_editor):
    # Permissions are normally made after all migrations run; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    editors, reviewers = _groups(apps)
    reviewers.permissions.add(*_permissions(apps, REVIEWERS_GET + EDITORS_LOSE))
    editors.permissions.remove(*_permissions(apps, EDITORS_LOSE))


def widen(apps, schema_editor):
    editors, reviewers = _groups(apps)
    editors.permissions.add(*_permissions(apps, EDITORS_LOSE))
    reviewers.permissions.remove(*_permissions(apps, REVIEWERS_GET))


class Migration(migrations.Migration):
    dependencies = [
        ("politicians", "0005_politician_public_record_permission"),
        ("statements", "0003_create_editor_and_reviewer_groups"),
    ]

    operations = [migrations.RunPython(narrow, widen)]
