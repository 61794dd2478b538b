"""Revision history in the admin: who changed what and when, and restoring a version."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from politicians.models import Politician
from statements.imports import HEADER, statements_import
from statements.models import Correction, Position, Stance, Statement, StatementStatus
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


def save_correction(statement, editor):
    statement.words = "Nobody is of no interest."
    statement.outlet = "The Example Times"
    statement.source_url = "https://news.example/wrong-story"
    statement.pending_correction_note = "Quoted from the wrong report."
    return statement_save_draft(statement=statement, actor=editor)


@pytest.fixture
def entered(editor, topic):
    return statement_save_draft(
        statement=StatementFactory.build(
            politician=PoliticianFactory(name="Alicia Kearns"),
            words="No-one is 'not of interest.'",
            outlet="PoliticsHome",
            source_url="https://www.politicshome.com/news/article/tiktok",
        ),
        actor=editor,
    )


@pytest.fixture
def corrected(entered, editor, reviewer):
    """A statement published, then corrected by the editor: source and words both changed,
    the correction awaiting review."""
    statement = statement_publish(statement=entered, reviewer=reviewer)
    return save_correction(statement, editor)


@pytest.fixture
def correction_published(corrected, superuser):
    return statement_publish(statement=corrected, reviewer=superuser)


def history_url(statement):
    return reverse("admin:statements_statement_history", args=[statement.pk])


def test_history_shows_who_changed_which_words_when(client, corrected, editor, reviewer):
    client.force_login(reviewer)

    rows = history_rows(client, history_url(corrected))

    newest = rows[0]
    assert editor.username in newest
    assert "Correction saved, awaiting review" in newest
    changes = newest[-1]
    assert (
        "Words (correction awaiting review): No-one is 'not of interest.' → "
        "Nobody is of no interest." in changes
    )
    assert "Source outlet (correction awaiting review): PoliticsHome → The Example Times" in changes
    assert "Correction note: (empty) → Quoted from the wrong report." in changes
    assert len(rows) == 3  # entered, published, corrected
    assert "Published" in rows[1]  # the change reason the publish service records
    assert reviewer.username in rows[1]


def test_history_says_who_and_when_in_words(client, correction_published, editor, reviewer):
    statement = correction_published
    client.force_login(reviewer)

    soup = BeautifulSoup(client.get(history_url(statement)).content, "lxml")

    headers = [th.get_text(strip=True) for th in soup.select("#change-history thead th")]
    assert headers == ["Version", "Status", "When", "What", "Who", "Why", "Changes"]
    newest = soup.select_one("#change-history tbody tr")
    when = newest.select_one(".history-when time")
    published_at = timezone.localtime(Statement.objects.get(pk=statement.pk).published_at)
    assert when.get_text() == f"{published_at.day} {published_at:%B %Y, %H:%M}"
    text = " ".join(soup.select_one("#change-history").get_text(" ").split())
    assert "Deleted user" not in text
    assert "pk=None" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", text)  # no ISO timestamps
    changes = " ".join(newest.select("td")[-1].get_text(" ").split())
    assert f"Reviewed by: {reviewer.username} → {statement.reviewed_by.username}" in changes
    assert "Words: No-one is 'not of interest.' → Nobody is of no interest." in changes
    assert "Correction awaiting review: waiting → none" in changes
    published_row = " ".join(
        soup.select("#change-history tbody tr")[2].select("td")[-1].get_text(" ").split()
    )
    assert f"Reviewed by: nobody → {reviewer.username}" in published_row
    first_review = timezone.localtime(
        statement.history.get(history_change_reason="Published").reviewed_at
    )
    assert f"Reviewed at: not set → {first_review.day} {first_review:%B %Y, %H:%M}" in published_row
    assert "Status: Draft, awaiting review → Published" in published_row


def test_history_of_a_command_says_system(client, editor):
    politician = PoliticianFactory()  # made as the member import does: no one logged in
    client.force_login(editor)

    rows = history_rows(
        client, reverse("admin:politicians_politician_history", args=[politician.pk])
    )

    assert rows[0][rows[0].index("Created") + 1] == "System (import or command)"


def test_version_page_says_who_saved_it_and_when(client, corrected, editor, reviewer):
    version = corrected.history.order_by("-history_id").first()
    client.force_login(reviewer)

    soup = BeautifulSoup(
        client.get(
            reverse(
                "admin:statements_statement_simple_history",
                args=[corrected.pk, version.history_id],
            )
        ).content,
        "lxml",
    )

    saved = " ".join(soup.select_one(".history-version-saved").get_text(" ").split())
    when = timezone.localtime(version.history_date)
    assert saved == (
        f"This version was saved by {editor.username} on {when.day} {when:%B %Y, %H:%M} "
        "(Correction saved, awaiting review)."
    )
    # The version is shown as the editor saved it: the correction's words.
    assert "Nobody is of no interest." in soup.select_one(".field-words .readonly").get_text()


def test_restoring_a_published_version_makes_it_the_correction_awaiting_review(
    client, correction_published, editor, reviewer
):
    statement = correction_published
    version = statement.history.filter(history_change_reason="Published").get()
    client.force_login(reviewer)
    page = client.get(
        reverse(
            "admin:statements_statement_simple_history",
            args=[statement.pk, version.history_id],
        )
    )
    soup = BeautifulSoup(page.content, "lxml")
    assert soup.select("textarea[name=words]") == []  # the old version is shown read-only
    assert soup.select_one("input[name=_save]")["value"] == "Revert"

    client.post(page.request["PATH_INFO"], {"_save": "Revert"})

    statement.refresh_from_db()
    # Live as published until a reviewer publishes the restored version.
    assert (statement.status, statement.words) == (
        StatementStatus.PUBLISHED,
        "Nobody is of no interest.",
    )
    assert statement.pending_content["words"] == "No-one is 'not of interest.'"
    assert (statement.pending_content["outlet"], statement.pending_content["source_url"]) == (
        "PoliticsHome",
        "https://www.politicshome.com/news/article/tiktok",
    )
    assert statement.pending_correction_note.startswith("Restored version of ")


def test_restored_public_statement_logs_a_correction_when_published(
    client, correction_published, editor, reviewer, superuser
):
    statement = correction_published
    version = statement.history.filter(history_change_reason="Published").get()
    client.force_login(editor)
    client.post(
        reverse(
            "admin:statements_statement_simple_history",
            args=[statement.pk, version.history_id],
        ),
        {"_save": "Revert"},
    )

    statement_publish(statement=statement, reviewer=reviewer)

    statement.refresh_from_db()
    assert (statement.words, statement.outlet) == ("No-one is 'not of interest.'", "PoliticsHome")
    assert (
        Correction.objects.filter(statement=statement)
        .first()
        .note.startswith("Restored version of ")
    )


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
    pinned_by_reviewer = {"politician": PoliticianFactory(), "topic": topic, "actor": reviewer}
    stance = stance_pin(
        **pinned_by_reviewer, position=Position.OPPOSES, reason="Told us so on the phone."
    )
    pinned_version = stance.history.earliest()
    stance_pin(**pinned_by_reviewer, position=Position.SUPPORTS, reason="Changed their mind.")
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


def test_a_speaker_added_by_a_statement_import_is_recorded_as_the_importers(client, editor, topic):
    PartyFactory(name="Conservative", slug="conservative")
    row = {
        "speaker": "Baroness Example",
        "party": "Conservative",
        "house": "lords",
        "date": "2023-03-13",
        "words": "Any phone used for work should be free of the app.",
        "outlet": "PoliticsHome",
        "url": "https://www.politicshome.com/news/article/tiktok",
        "source_kind": "interview",
        "position": "wants_extended",
    }
    text = ",".join(HEADER) + "\n" + ",".join(row.get(column, "") for column in HEADER) + "\n"

    statements_import(text=text, actor=editor)
    peer = Politician.objects.get(name="Baroness Example")
    client.force_login(editor)

    rows = history_rows(client, reverse("admin:politicians_politician_history", args=[peer.pk]))

    (created,) = rows
    assert created[created.index("Created") + 1] == editor.username
