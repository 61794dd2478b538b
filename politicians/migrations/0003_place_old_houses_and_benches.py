"""Move the rows onto the new houses and benches, and mark who came from an official list.

- `devolved` said only "a devolved legislature", not which: such a row cannot be placed in the
  Scottish Parliament, the Senedd or the Northern Ireland Assembly without inventing it, so it
  becomes `other` (not counted) until the devolved import or an editor places the person.
- `back` was the default every member got, not something a source said: it becomes "not known".
  A `front` was set on purpose (by an import or an editor) and stays; it has no as-of date.
- Everyone but the other voices was held because an official list (the member import) or an
  editor put them there; all of them stay public, so they are marked as on the roll.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Politician = apps.get_model("politicians", "Politician")
    Politician.objects.filter(house="devolved").update(house="other")
    Politician.objects.filter(bench="back").update(bench="unknown")
    Politician.objects.exclude(house="other").update(on_roll=True)


def backwards(apps, schema_editor):
    # The old schema knew one devolved house and no unknown bench, in shorter columns; the
    # history rows hold the new values too. `on_roll` and `bench_as_of` go with 0002.
    for name in ("Politician", "HistoricalPolitician"):
        model = apps.get_model("politicians", name)
        model.objects.filter(house__in=["scottish-parliament", "senedd", "ni-assembly"]).update(
            house="devolved"
        )
        model.objects.filter(bench="unknown").update(bench="back")


class Migration(migrations.Migration):
    dependencies = [
        ("politicians", "0002_house_per_legislature_bench_unknown_on_roll"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
