"""The admin as editors and reviewers meet it, through the test client."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from statements.models import Statement, StatementStatus
from tests.factories import PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:statements_statement_changelist")
ADD = reverse("admin:statements_statement_add")


def action_names(response):
    soup = BeautifulSoup(response.content, "lxml")
    options = soup.select("select[name=action] option")
    return {option["value"] for option in options if option["value"]}


def statement_form_data(politician, topic, **overrides):
    data = {
        "politician": politician.pk,
        "topic": topic.pk,
        "words": "They should extend the ban to ministers' private phones.",
        "said_on": "2023-03-13",
        "said_on_precision": "day",
        "outlet": "PoliticsHome",
        "source_url": "https://www.politicshome.com/news/article/uk-set-to-ban-tiktok",
        "source_kind": "interview",
        "archive_url": "",
        "context": "",
        "position": "wants_extended",
        "pending_correction_note": "",
    }
    data.update(overrides)
    return data


def test_editor_adds_a_statement_as_a_draft(client, editor, topic):
    client.force_login(editor)
    politician = PoliticianFactory()

    response = client.post(ADD, statement_form_data(politician, topic))

    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.status, statement.entered_by) == (StatementStatus.DRAFT, editor)


def test_form_shows_clear_errors_for_future_date_and_bad_link(client, editor, topic):
    client.force_login(editor)
    data = statement_form_data(
        PoliticianFactory(), topic, said_on="2999-01-01", source_url="javascript:alert(1)"
    )

    response = client.post(ADD, data)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    errors = " ".join(e.get_text(" ") for e in soup.select(".errorlist"))
    assert "The date said cannot be in the future." in errors
    assert "http:// or https://" in errors
    assert not Statement.objects.exists()


def test_editor_is_not_offered_publish_and_cannot_force_it(client, editor, topic):
    statement = StatementFactory(entered_by=None)
    client.force_login(editor)

    assert "publish" not in action_names(client.get(CHANGELIST))

    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [statement.pk]}, follow=True
    )
    statement.refresh_from_db()
    assert statement.status == StatementStatus.DRAFT
    assert response.status_code == 200


def test_reviewer_publishes_through_the_action(client, reviewer, editor, topic):
    statement = StatementFactory(entered_by=editor)
    client.force_login(reviewer)
    assert "publish" in action_names(client.get(CHANGELIST))

    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [statement.pk]}, follow=True
    )

    statement.refresh_from_db()
    assert (statement.status, statement.reviewed_by) == (StatementStatus.PUBLISHED, reviewer)
    assert "Published 1 statement" in response.content.decode()


def test_status_cannot_be_set_through_the_form(client, editor, topic):
    client.force_login(editor)

    client.post(ADD, statement_form_data(PoliticianFactory(), topic, status="published"))

    assert Statement.objects.get().status == StatementStatus.DRAFT


def test_nobody_can_delete_a_statement_in_the_admin(client, superuser, topic):
    statement = StatementFactory()
    client.force_login(superuser)

    response = client.post(
        reverse("admin:statements_statement_delete", args=[statement.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_politician_search_finds_by_name_and_constituency(client, editor):
    PoliticianFactory(name="Alicia Kearns", constituency="Rutland and Melton")
    PoliticianFactory(name="Ben Bradley", constituency="Mansfield")
    client.force_login(editor)
    url = reverse("admin:politicians_politician_changelist")

    by_seat = BeautifulSoup(client.get(url, {"q": "rutland"}).content, "lxml")
    names = [a.get_text() for a in by_seat.select("#result_list tbody th a")]

    assert names == ["Alicia Kearns"]
