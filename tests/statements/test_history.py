"""Revision history in the admin: who changed what and when, and restoring a version."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from statements.models import Correction, Position, Stance, StatementStatus
from statements.services import (
    stance_pin,
    statement_publish,
    statement_save_draft,
)
from tests.factories import PartyFactory, PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db


def history_rows(client, url):
    soup = BeautifulSoup(client.get(url).content, "lxml")
    return [
        [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]
        for row in soup.select("#change-history tbody tr")
    ]


@pytest.fixture
def corrected(editor, reviewer, topic):
    """A statement published, then corrected by the editor: source and words both changed."""
    statement = statement_save_draft(
        statement=StatementFactory.build(
            politician=PoliticianFactory(name="Alicia Kearns"),
            words="No-one is 'not of interest.'",
            outlet="PoliticsHome",
            source_url="https://www.politicshome.com/news/article/tiktok",
        ),
        actor=editor,
    )
    statement = statement_publish(statement=statement, reviewer=reviewer)
    statement.words = "Nobody is of no interest."
    statement.outlet = "The Example Times"
    statement.source_url = "https://news.example/wrong-story"
    statement.pending_correction_note = "Quoted from the wrong report."
    statement_save_draft(statement=statement, actor=editor)
    return statement


def test_history_shows_who_changed_which_words_when(client, corrected, editor, reviewer):
    client.force_login(reviewer)

    rows = history_rows(client, reverse("admin:statements_statement_history", args=[corrected.pk]))

    newest = rows[0]
    assert editor.username in newest
    changes = newest[-1]
    assert "Words: No-one is 'not of interest.' → Nobody is of no interest." in changes
    assert "Source outlet: PoliticsHome → The Example Times" in changes
    assert len(rows) == 3  # entered, published, corrected
    assert "Published" in rows[1]  # the change reason the publish service records
    assert reviewer.username in rows[1]


def test_restoring_gives_back_exact_words_and_source_as_a_draft(
    client, corrected, editor, reviewer
):
    version = corrected.history.filter(status=StatementStatus.PUBLISHED).get()
    client.force_login(reviewer)
    page = client.get(
        reverse(
            "admin:statements_statement_simple_history",
            args=[corrected.pk, version.history_id],
        )
    )
    soup = BeautifulSoup(page.content, "lxml")
    assert soup.select("textarea[name=words]") == []  # the old version is shown read-only
    assert soup.select_one("input[name=_save]")["value"] == "Revert"

    client.post(page.request["PATH_INFO"], {"_save": "Revert"})

    corrected.refresh_from_db()
    assert corrected.words == "No-one is 'not of interest.'"
    assert (corrected.outlet, corrected.source_url) == (
        "PoliticsHome",
        "https://www.politicshome.com/news/article/tiktok",
    )
    assert corrected.status == StatementStatus.DRAFT
    assert corrected.pending_correction_note.startswith("Restored version of ")
    assert corrected.first_published_at is not None  # still known to have been public


def test_restored_public_statement_logs_a_correction_when_republished(
    client, corrected, reviewer, superuser
):
    version = corrected.history.filter(status=StatementStatus.PUBLISHED).get()
    client.force_login(superuser)
    client.post(
        reverse(
            "admin:statements_statement_simple_history",
            args=[corrected.pk, version.history_id],
        ),
        {"_save": "Revert"},
    )

    statement_publish(statement=corrected, reviewer=reviewer)

    assert Correction.objects.get(statement=corrected).note.startswith("Restored version of ")


def test_politician_history_shows_a_party_switch(client, editor):
    labour = PartyFactory(name="Labour", slug="labour")
    politician = PoliticianFactory(party=PartyFactory(name="Conservative", slug="conservative"))
    politician.party = labour
    politician._change_reason = "Member import: party Conservative → Labour"
    politician.save()
    client.force_login(editor)

    rows = history_rows(
        client, reverse("admin:politicians_politician_history", args=[politician.pk])
    )

    assert "Party: Conservative → Labour" in rows[0][-1]
    assert "Member import: party Conservative → Labour" in rows[0]


def test_party_history_is_viewable(client, editor):
    party = PartyFactory(name="Alba Party", slug="alba-party")
    party.short_name = "Alba"
    party.save()
    client.force_login(editor)

    rows = history_rows(client, reverse("admin:politicians_party_history", args=[party.pk]))

    assert len(rows) == 2


def test_restoring_a_stance_version_pins_it_again_through_the_service(
    client, reviewer, superuser, topic
):
    politician = PoliticianFactory()
    stance = stance_pin(
        politician=politician,
        topic=topic,
        position=Position.OPPOSES,
        reason="Told us so on the phone.",
        actor=reviewer,
    )
    pinned_version = stance.history.earliest()
    stance_pin(
        politician=politician,
        topic=topic,
        position=Position.SUPPORTS,
        reason="Changed their mind.",
        actor=reviewer,
    )
    client.force_login(superuser)

    client.post(
        reverse("admin:statements_stance_simple_history", args=[stance.pk, pinned_version.pk]),
        {"_save": "Revert"},
    )

    stance = Stance.objects.get(pk=stance.pk)
    assert (stance.position, stance.pinned_reason) == (
        Position.OPPOSES,
        "Told us so on the phone.",
    )
    assert stance.pinned_by == superuser
