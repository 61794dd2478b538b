"""Editors enter and edit; reviewers also publish, retract and set positions.

Publishing is checked on the server by the services (statements.publish_statement), so taking a
user out of Reviewers takes the power away, whatever buttons a page shows.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("politicians", "politician", ["view", "add", "change"]),
    ("politicians", "party", ["view", "add", "change"]),
    ("statements", "topic", ["view"]),
    ("statements", "statement", ["view", "add", "change"]),
    ("statements", "stance", ["view"]),
    ("statements", "positionchange", ["view"]),
    ("statements", "correction", ["view"]),
]
REVIEWER_EXTRA = [
    ("statements", "topic", ["add", "change"]),
    ("statements", "stance", ["change"]),
]
REVIEWER_CUSTOM = [("statements", "publish_statement"), ("statements", "retract_statement")]


def _permissions(apps, spec):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model, actions in spec:
        for action in actions:
            found.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )
    return found


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations run; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    editor_permissions = _permissions(apps, EDITOR_PERMISSIONS)
    editors.permissions.add(*editor_permissions)
    reviewers.permissions.add(*editor_permissions, *_permissions(apps, REVIEWER_EXTRA))
    for app_label, codename in REVIEWER_CUSTOM:
        reviewers.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0002_create_default_topic"),
        ("politicians", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
