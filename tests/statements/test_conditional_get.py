"""Every public page, download and feed answers 304 from the data version, before any rendering."""

import pytest
from django.utils.http import http_date

from core import data_version
from tests.factories import PartyFactory, PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/",
    "/politicians/",
    "/politicians/?party=conservative&position=supports",
    "/politicians.csv",
    "/politicians.json",
    "/statements/",
    "/statements/?q=ban",
    "/statements.csv",
    "/statements.json",
    "/politicians/alicia-kearns/",
    "/parties/",
    "/parties/conservative/",
    "/methodology/",
    "/corrections/",
    "/feeds/statements/",
    "/feeds/corrections/",
    "/feeds/topics/tiktok-ban/",
    "/feeds/politicians/alicia-kearns/",
    "/feeds/parties/conservative/",
    "/embed/tiktok-ban/",
]


@pytest.fixture
def record(topic):
    conservatives = PartyFactory(name="Conservative", slug="conservative")
    speaker = PoliticianFactory(slug="alicia-kearns", on_roll=True, party=conservatives)
    StatementFactory(politician=speaker, published=True, words="Ban it.")
    return speaker


@pytest.mark.parametrize("url", ADDRESSES)
def test_a_matching_etag_answers_304_with_only_the_version_read(
    client, record, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]

    with django_assert_num_queries(1):  # the data version
        again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "stale-while-revalidate=300" in again["Cache-Control"]


def test_if_modified_since_answers_304_until_the_data_changes(
    client, record, django_capture_on_commit_callbacks
):
    version = data_version.current()
    since = http_date(version.changed_at.timestamp())

    assert client.get("/", headers={"If-Modified-Since": since}).status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        data_version.data_changed()
    changed = client.get("/", headers={"If-None-Match": f'"dev-{version.number}-00"'})
    assert changed.status_code == 200
    assert changed["ETag"] != f'"dev-{version.number}-00"'


def test_htmx_results_have_their_own_etag(client, record):
    page = client.get("/statements/")
    results = client.get("/statements/", headers={"HX-Request": "true"})

    assert page["ETag"] != results["ETag"]
    assert (
        client.get(
            "/statements/", headers={"If-None-Match": page["ETag"], "HX-Request": "true"}
        ).status_code
        == 200
    )


@pytest.mark.parametrize("url", [url for url in ADDRESSES if not url.endswith((".csv", ".json"))])
def test_a_kept_page_or_feed_is_served_without_a_query(
    client, page_cache, record, url, django_assert_num_queries
):
    first = client.get(url)

    # The data version this process has just read, the page from the cache: no query at all.
    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.status_code == 200
    assert again.content == first.content
