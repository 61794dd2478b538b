import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SignInEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("signed-in", "signed in"),
                            ("failed", "wrong password"),
                            ("locked-out", "locked out"),
                            ("signed-out", "signed out"),
                            ("second-factor-failed", "wrong second-factor code"),
                            ("second-factor-added", "second factor set up"),
                            ("unlocked", "unlocked by a reviewer"),
                        ],
                        max_length=32,
                    ),
                ),
                ("username", models.CharField(blank=True, max_length=150)),
                (
                    "address",
                    models.CharField(blank=True, max_length=64, verbose_name="from address"),
                ),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ("detail", models.CharField(blank=True, max_length=300)),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="sign_in_events",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-at", "-pk"],
                "permissions": [("unlock_sign_in", "Can unlock a sign-in that is locked out")],
            },
        ),
    ]
