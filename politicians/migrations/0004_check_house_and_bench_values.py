# The checks on house and bench, back now that 0003 has moved every row onto the new values.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("politicians", "0003_place_old_houses_and_benches"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="politician",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "house__in",
                        [
                            "commons",
                            "lords",
                            "scottish-parliament",
                            "senedd",
                            "ni-assembly",
                            "other",
                        ],
                    )
                ),
                name="politician_house_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="politician",
            constraint=models.CheckConstraint(
                condition=models.Q(("bench__in", ["front", "back", "unknown"])),
                name="politician_bench_valid",
            ),
        ),
    ]
