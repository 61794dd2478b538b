# The Houses become the legislatures we hold members of, a bench can be "not known", and a
# person records whether they come from an official list. The checks on house and bench are
# dropped here and put back in 0004, once 0003 has moved the old values onto the new ones.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("politicians", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="politician",
            name="politician_house_valid",
        ),
        migrations.RemoveConstraint(
            model_name="politician",
            name="politician_bench_valid",
        ),
        migrations.AddField(
            model_name="historicalpolitician",
            name="bench_as_of",
            field=models.DateField(
                blank=True,
                help_text="The date the source gives the bench and role for, such as 16 March 2023.",
                null=True,
                verbose_name="bench and role as of",
            ),
        ),
        migrations.AddField(
            model_name="historicalpolitician",
            name="on_roll",
            field=models.BooleanField(
                default=False,
                help_text="Set by the member, frontbench and devolved imports. Anyone else is public only once one of their statements is published.",
                verbose_name="on an official list",
            ),
        ),
        migrations.AddField(
            model_name="politician",
            name="bench_as_of",
            field=models.DateField(
                blank=True,
                help_text="The date the source gives the bench and role for, such as 16 March 2023.",
                null=True,
                verbose_name="bench and role as of",
            ),
        ),
        migrations.AddField(
            model_name="politician",
            name="on_roll",
            field=models.BooleanField(
                default=False,
                help_text="Set by the member, frontbench and devolved imports. Anyone else is public only once one of their statements is published.",
                verbose_name="on an official list",
            ),
        ),
        migrations.AlterField(
            model_name="historicalpolitician",
            name="bench",
            field=models.CharField(
                choices=[("front", "Frontbench"), ("back", "Backbench"), ("unknown", "Not known")],
                default="unknown",
                max_length=7,
            ),
        ),
        migrations.AlterField(
            model_name="historicalpolitician",
            name="house",
            field=models.CharField(
                choices=[
                    ("commons", "House of Commons"),
                    ("lords", "House of Lords"),
                    ("scottish-parliament", "Scottish Parliament"),
                    ("senedd", "Senedd"),
                    ("ni-assembly", "Northern Ireland Assembly"),
                    ("other", "Other voices"),
                ],
                default="commons",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="politician",
            name="bench",
            field=models.CharField(
                choices=[("front", "Frontbench"), ("back", "Backbench"), ("unknown", "Not known")],
                default="unknown",
                max_length=7,
            ),
        ),
        migrations.AlterField(
            model_name="politician",
            name="house",
            field=models.CharField(
                choices=[
                    ("commons", "House of Commons"),
                    ("lords", "House of Lords"),
                    ("scottish-parliament", "Scottish Parliament"),
                    ("senedd", "Senedd"),
                    ("ni-assembly", "Northern Ireland Assembly"),
                    ("other", "Other voices"),
                ],
                default="commons",
                max_length=20,
            ),
        ),
    ]
