"""Sources in the admin: each one's state, a list of dead links, the WARC for staff."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from sources.capturing import source_archive, source_for_url
from tests.article_server import ARTICLE_HTML, Answer
from tests.factories import CaptureFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:statements_source_changelist"


def _rows(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    return {
        row.select_one(".field-url").get_text(): (
            row.select_one(".field-capture_state_shown").get_text(),
            row.select_one(".field-link_shown").get_text(),
        )
        for row in soup.select("#result_list tbody tr")
    }


def test_the_list_shows_each_sources_state_and_filters_dead_links(
    client, editor, django_assert_max_num_queries
):
    archived = CaptureFactory().source
    failed = CaptureFactory(state="failed", failure_reason="The server answered 404.", warc="")
    failed.source.link_dead_since = timezone.now()
    failed.source.save()
    queued = CaptureFactory(state="queued", warc="", text="").source
    never = SourceFactory()
    for _ in range(10):
        CaptureFactory()
    client.force_login(editor)

    with django_assert_max_num_queries(12):  # session, user, counts, the one list query…
        rows = _rows(client.get(reverse(CHANGELIST)))

    assert rows[archived.url] == ("Archived", "Alive or not checked")
    assert rows[failed.source.url][0] == "Failed: The server answered 404."
    assert rows[failed.source.url][1].startswith("Dead since")
    assert rows[queued.url][0] == "Queued"
    assert rows[never.url][0] == "Never fetched"

    dead = _rows(client.get(reverse(CHANGELIST), {"link": "dead"}))
    assert list(dead) == [failed.source.url]


def test_the_source_list_offers_new_from_an_article(client, editor):
    client.force_login(editor)
    soup = BeautifulSoup(client.get(reverse(CHANGELIST)).content, "lxml")
    assert soup.find("a", string="New from an article")["href"] == reverse(
        "admin:sources_intake_new"
    )


def test_staff_download_the_warc_and_others_cannot(client, editor, article_server):
    article_server.routes["/w"] = Answer(body=ARTICLE_HTML.encode())
    capture = source_archive(source=source_for_url(url=article_server.url("/w")))
    url = reverse("admin:sources_capture_warc", args=[capture.pk])

    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403

    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/warc"
    assert (
        f"source-{capture.source_id}-capture-{capture.pk}.warc.gz"
        in (response["Content-Disposition"])
    )
    assert b"".join(response.streaming_content)[:2] == b"\x1f\x8b"  # gzip, as written


def test_check_links_now_marks_a_gone_source_dead(client, editor, article_server):
    source = source_for_url(url=article_server.url("/gone"))
    client.force_login(editor)
    response = client.post(
        reverse(CHANGELIST), {"action": "check_links_now", "_selected_action": [source.pk]}
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.is_link_dead
