"""Statements can be dated to a year only; an unknown precision is refused by the database."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("statements", "0006_statement_words_sqlite_search_index")]

    operations = [
        migrations.AlterField(
            model_name="historicalstatement",
            name="said_on_precision",
            field=models.CharField(
                choices=[
                    ("day", "Exact day"),
                    ("month", "Month only"),
                    ("year", "Year only"),
                    ("reported", "Said by this date (first reported then)"),
                ],
                default="day",
                help_text="When a source says only “in February”, pick “month only” (any day of the month will do: it is kept as the 1st); “in 2023”, pick “year only”.",
                max_length=10,
                verbose_name="how exact the date is",
            ),
        ),
        migrations.AlterField(
            model_name="statement",
            name="said_on_precision",
            field=models.CharField(
                choices=[
                    ("day", "Exact day"),
                    ("month", "Month only"),
                    ("year", "Year only"),
                    ("reported", "Said by this date (first reported then)"),
                ],
                default="day",
                help_text="When a source says only “in February”, pick “month only” (any day of the month will do: it is kept as the 1st); “in 2023”, pick “year only”.",
                max_length=10,
                verbose_name="how exact the date is",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(("said_on_precision__in", ["day", "month", "year", "reported"])),
                name="statement_said_on_precision_valid",
            ),
        ),
    ]
