"""The TikTok ban keeps the TikTok-account filter its politicians list has always had; the filter
is now the topic's to offer, and no other topic offers it until an editor says so."""

from django.db import migrations


def offer_tiktok_filter(apps, schema_editor):
    Topic = apps.get_model("statements", "Topic")
    for topic in Topic.objects.filter(slug="tiktok-ban"):
        if "tiktok" not in topic.politician_filters:
            topic.politician_filters = [*topic.politician_filters, "tiktok"]
            topic.save(update_fields=["politician_filters"])


def withdraw_tiktok_filter(apps, schema_editor):
    Topic = apps.get_model("statements", "Topic")
    for topic in Topic.objects.filter(slug="tiktok-ban"):
        topic.politician_filters = [name for name in topic.politician_filters if name != "tiktok"]
        topic.save(update_fields=["politician_filters"])


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0014_topic_politician_filters"),
    ]

    operations = [
        migrations.RunPython(offer_tiktok_filter, withdraw_tiktok_filter),
    ]
