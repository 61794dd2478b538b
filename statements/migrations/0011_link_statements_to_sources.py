"""Every statement held so far gets its source, one per address.

A source takes its outlet, kind and date from the earliest statement taken from it; the
statements' own address, outlet and date stay as they are, so pages and exports read the same.
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def link_statements_to_sources(apps, schema_editor):
    Statement = apps.get_model("statements", "Statement")
    Source = apps.get_model("statements", "Source")
    first_by_url = {}
    for url, outlet, kind, said_on in (
        Statement.objects.filter(source__isnull=True)
        .order_by("said_on", "pk")
        .values_list("source_url", "outlet", "source_kind", "said_on")
    ):
        first_by_url.setdefault(url, (outlet, kind, said_on))
    held = set(Source.objects.filter(url__in=first_by_url).values_list("url", flat=True))
    Source.objects.bulk_create(
        Source(url=url, outlet=outlet, kind=kind, published_on=said_on)
        for url, (outlet, kind, said_on) in first_by_url.items()
        if url not in held
    )
    Statement.objects.filter(source__isnull=True).update(
        source_id=Subquery(Source.objects.filter(url=OuterRef("source_url")).values("pk")[:1])
    )


def unlink_statements_from_sources(apps, schema_editor):
    Statement = apps.get_model("statements", "Statement")
    Source = apps.get_model("statements", "Source")
    Statement.objects.update(source=None)
    Source.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("statements", "0010_source_held_once")]

    operations = [migrations.RunPython(link_statements_to_sources, unlink_statements_from_sources)]
