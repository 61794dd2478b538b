import datetime

from django.db import migrations


def create_row(apps, schema_editor):
    DataVersion = apps.get_model("core", "DataVersion")
    DataVersion.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"changed_at": datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)}
    )


def remove_row(apps, schema_editor):
    apps.get_model("core", "DataVersion").objects.using(
        schema_editor.connection.alias
    ).all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_data_version")]

    operations = [migrations.RunPython(create_row, remove_row)]
