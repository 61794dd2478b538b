"""The data migration that places the old houses and benches, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("politicians", "0002_house_per_legislature_bench_unknown_on_roll")
AFTER = ("politicians", "0004_check_house_and_bench_values")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_devolved_rows_become_other_voices_and_default_backbench_becomes_not_known():
    try:
        old = migrate(BEFORE)
        Politician = old.get_model("politicians", "Politician")

        def person(slug, house, bench):
            return Politician.objects.create(
                name=slug, sort_name=slug, slug=slug, house=house, bench=bench
            )

        person("mp", "commons", "back")
        person("minister", "commons", "front")
        person("msp", "devolved", "back")
        person("company", "other", "back")

        new = migrate(AFTER)
        Politician = new.get_model("politicians", "Politician")
        rows = {p.slug: (p.house, p.bench, p.on_roll) for p in Politician.objects.all()}
        assert rows == {
            "mp": ("commons", "unknown", True),
            "minister": ("commons", "front", True),
            # “Devolved” never said which legislature: not placed, so not counted.
            "msp": ("other", "unknown", False),
            "company": ("other", "unknown", False),
        }

        Politician.objects.filter(slug="msp").update(house="senedd")
        old = migrate(BEFORE)
        Politician = old.get_model("politicians", "Politician")
        assert dict(Politician.objects.values_list("slug", "house"))["msp"] == "devolved"
        assert set(Politician.objects.values_list("bench", flat=True)) == {"back", "front"}
    finally:
        # Back to every app's newest migration, not AFTER: later migrations (a column added
        # since) must be there for the transactional tests that run after this one.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
