from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

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
