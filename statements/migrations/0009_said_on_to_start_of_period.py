"""Month-precision dates saved on another day than the 1st move to the 1st.

Until 0007 the form took “15 March, month only” as it was, so such a statement sorted and set
positions as of the 15th. The page already read “March 2023”; only the stored day changes.
"""

from django.db import migrations
from django.db.models import Case, DateField, Value, When


def to_start_of_period(apps, schema_editor):
    Statement = apps.get_model("statements", "Statement")
    misdated = Statement.objects.filter(said_on_precision="month").exclude(said_on__day=1)
    days = set(misdated.values_list("said_on", flat=True))
    if days:
        # One UPDATE: date arithmetic in SQL differs between SQLite and PostgreSQL.
        misdated.update(
            said_on=Case(
                *(When(said_on=day, then=Value(day.replace(day=1))) for day in days),
                output_field=DateField(),
            )
        )


def keep_start_of_period(apps, schema_editor):
    # The day first typed is not kept, and was never shown: going back leaves the 1st.
    pass


class Migration(migrations.Migration):
    dependencies = [("statements", "0008_topic_former_slugs")]

    operations = [migrations.RunPython(to_start_of_period, keep_start_of_period)]
