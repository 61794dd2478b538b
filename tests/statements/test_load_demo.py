import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from politicians.models import House, Politician
from statements import demo
from statements.models import Position, Stance, Statement

pytestmark = pytest.mark.django_db

MEMBERS = Path(__file__).resolve().parents[2] / "politicians" / "data" / "uk-commons-2019-mps.csv"


def positions_by_slug(topic):
    stances = Stance.objects.filter(topic=topic).select_related("politician")
    return {stance.politician.slug: stance.position for stance in stances}


def test_demo_loads_every_speaker_and_quote_of_the_article_once(topic):
    call_command("import_members", str(MEMBERS))

    call_command("load_demo")
    call_command("load_demo")

    published = Statement.objects.published().for_topic(topic)
    assert published.count() == 12
    assert set(published.values_list("outlet", flat=True)) == {"PoliticsHome"}
    assert positions_by_slug(topic) == {
        "iain-duncan-smith": Position.WANTS_EXTENDED,
        "alicia-kearns": Position.WANTS_EXTENDED,
        "luke-de-pulford": Position.WANTS_EXTENDED,
        "hm-government": Position.SUPPORTS,
        "grant-shapps": Position.OPPOSES,
        "ben-bradley": Position.OPPOSES,
        "michelle-donelan": Position.OPPOSES,
        "tiktok-spokesperson": Position.OPPOSES,
    }
    kearns_words = published.filter(politician__slug="alicia-kearns").values_list(
        "words", flat=True
    )
    assert any("Trojan Horse" in words for words in kearns_words)


def test_demo_needs_the_members_first(topic):
    with pytest.raises(CommandError, match="import_members"):
        call_command("load_demo")
    assert not Statement.objects.exists()


FRONTBENCH = MEMBERS.with_name("uk-frontbench-2023-03-16.csv")
DEVOLVED = MEMBERS.with_name("uk-devolved-2023-03-16.csv")


def test_demo_roles_say_what_the_frontbench_list_says():
    frontbench = {
        int(row["mnis_id"]): row["role"]
        for row in csv.DictReader(FRONTBENCH.open(encoding="utf-8"))
        if row["mnis_id"]
    }

    for member_id, details in demo.MEMBER_DETAILS.items():
        # The bench comes, dated, from the frontbench list only.
        assert "bench" not in details
        if member_id in frontbench:
            assert details.get("role", frontbench[member_id]) == frontbench[member_id]


def test_demo_after_every_member_list_keeps_the_lists_facts_and_other_voices_apart(client, topic):
    # The order `make run` uses.
    call_command("import_members", str(MEMBERS))
    call_command("import_frontbench", str(FRONTBENCH))
    call_command("import_devolved", str(DEVOLVED))

    call_command("load_demo")

    shapps = Politician.objects.get(member_id=1582)
    assert (shapps.bench, shapps.role) == (
        "front",
        "Secretary of State for Energy Security and Net Zero",
    )
    assert Politician.objects.get(member_id=4805).bench == "back"  # a Conservative, no post
    speakers = Politician.objects.filter(slug__in=[s["slug"] for s in demo.OTHER_SPEAKERS])
    assert {(p.house, p.on_roll) for p in speakers} == {(House.OTHER, False)}
    listed = client.get("/politicians/?position=opposes").content.decode()
    assert "Grant Shapps" in listed and "TikTok spokesperson" not in listed
    # Their statements are public, and the MPs are still 650.
    assert client.get("/politicians/tiktok-spokesperson/").status_code == 200
    assert "Where the 650 MPs stand" in client.get("/").content.decode()
