import datetime

from django.db import migrations

SLUG = "tiktok-ban"


def create_default_topic(apps, schema_editor):
    Topic = apps.get_model("statements", "Topic")
    Topic.objects.get_or_create(
        slug=SLUG,
        defaults={
            "title": "TikTok ban on government devices",
            "question": "Should TikTok be banned, and how far should a ban go?",
            "summary": (
                "On 16 March 2023 the UK government banned TikTok on government devices after a "
                "security review. Some MPs back the ban, some want it extended to personal phones "
                "or any device used for work, and some oppose it and keep using the app."
            ),
            "opened_on": datetime.date(2023, 3, 16),
            "is_default": True,
        },
    )


def remove_default_topic(apps, schema_editor):
    Topic = apps.get_model("statements", "Topic")
    Topic.objects.filter(slug=SLUG, statements__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("statements", "0001_initial")]

    operations = [migrations.RunPython(create_default_topic, remove_default_topic)]
