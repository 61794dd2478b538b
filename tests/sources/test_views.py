"""The public page of our archived copy of a statement's source."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from statements.services import statement_retract
from tests.factories import StatementFactory, statement_with_archived_source

pytestmark = pytest.mark.django_db


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def source_page(statement):
    return reverse("sources:statement_source", args=[statement.pk])


def test_the_statement_page_links_our_archived_copy(client):
    statement = statement_with_archived_source(words="Delete it from every phone.")

    soup = _soup(client.get(statement.get_absolute_url()))

    link = soup.find("a", string="The source as we captured it")
    assert link["href"] == source_page(statement)
    assert soup.select(".dead-link") == []


def test_our_copy_shows_outlet_title_capture_date_and_marks_the_quoted_words(
    client, django_assert_num_queries
):
    statement = statement_with_archived_source(words="Delete it from every phone.")
    capture = statement.source.captures.get()

    # The data version; the statement with its speaker, topic and source; its source's newest
    # archived capture.
    # + the topics the navigation's topic selector offers (one read, cached per data version).
    with django_assert_num_queries(4):
        response = client.get(source_page(statement))

    soup = _soup(response)
    assert [h1.get_text() for h1 in soup.select("h1")] == ["Our archived copy of the source"]
    facts = dict(
        zip(
            [dt.get_text() for dt in soup.select(".source-facts dt")],
            [dd.get_text(" ", strip=True) for dd in soup.select(".source-facts dd")],
            strict=True,
        )
    )
    assert facts["Outlet"] == "The Daily Example"
    assert facts["Title"] == capture.title
    assert facts["Captured"] == timezone.localtime(capture.captured_at).strftime("%-d %B %Y, %H:%M")
    assert facts["Original"] == statement.source.url
    assert [mark.get_text() for mark in soup.select(".archived-article mark")] == [
        "Delete it from every phone."
    ]
    assert soup.select(".notice-dead-link") == []
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60, stale-while-revalidate=300"


def test_when_the_original_link_is_dead_both_pages_say_so_and_point_to_our_copy(client):
    statement = statement_with_archived_source()
    statement.source.link_dead_since = timezone.now()
    statement.source.save()

    notice = _soup(client.get(source_page(statement))).select_one(".notice-dead-link")
    assert notice.h2.get_text() == "The original link is dead"

    detail = _soup(client.get(statement.get_absolute_url()))
    dead = detail.select_one(".dead-link")
    assert "Dead since" in dead.get_text()
    assert dead.a["href"] == source_page(statement)


def test_no_copy_no_page(client, reviewer):
    assert client.get(source_page(StatementFactory(published=True))).status_code == 404
    draft = statement_with_archived_source()
    draft.status = "draft"
    draft.published_at = None
    draft.save()
    assert client.get(source_page(draft)).status_code == 404
    assert client.get("/statements/999999/source/").status_code == 404


def test_a_retracted_statement_keeps_its_copy_public(client, reviewer):
    statement = statement_with_archived_source()
    statement_retract(statement=statement, actor=reviewer, reason="Misquoted.")
    assert client.get(source_page(statement)).status_code == 200
