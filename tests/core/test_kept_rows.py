"""`{% kept_each %}` and KeptPaginator: a list page's rows as markup kept per data version."""

from bs4 import BeautifulSoup

from core import data_version
from politicians.models import Politician
from tests.factories import PoliticianFactory, StatementFactory


def names_on(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    return [cell.a.get_text() for cell in soup.select(".politicians-table th.cell-name")]


def test_a_row_is_rendered_once_per_data_version_and_reused_by_every_list(
    client, page_cache, settings, topic, django_capture_on_commit_callbacks
):
    settings.WTS_PAGE_CACHE_SECONDS = 0  # every request renders; only fragments are kept
    for name in ("Ann Able", "Bob Baker", "Cy Carter"):
        PoliticianFactory(name=name, sort_name=name.split()[1])
    assert names_on(client, "/politicians/") == ["Ann Able", "Bob Baker", "Cy Carter"]

    # A change made behind the services' back moves no version: what the next list shows of
    # this row is the markup kept from the first page, not rendered again.
    Politician.objects.filter(name="Bob Baker").update(name="Not Yet Public")
    # Another list (a new sort) has rows of its own order but the same rows' markup.
    assert names_on(client, "/politicians/?sort=-name") == ["Cy Carter", "Bob Baker", "Ann Able"]

    # A new version: every row is rendered afresh, in the order of the list asked for.
    with django_capture_on_commit_callbacks(execute=True):
        data_version.data_changed()
    assert names_on(client, "/politicians/?sort=-name") == [
        "Cy Carter",
        "Not Yet Public",
        "Ann Able",
    ]


def test_rows_not_kept_yet_are_rendered_beside_those_that_are(client, page_cache, settings, topic):
    settings.WTS_PAGE_CACHE_SECONDS = 0
    settings.WTS_PAGE_SIZE = 3
    for name in ("Ann Able", "Bob Baker", "Cy Carter", "Di Dunn"):
        PoliticianFactory(name=name, sort_name=name.split()[1])
    assert names_on(client, "/politicians/") == ["Ann Able", "Bob Baker", "Cy Carter"]
    Politician.objects.filter(name__in=["Cy Carter", "Di Dunn"]).update(name="Behind The Back")
    # Di Dunn's row has never been rendered: read and rendered now; the other two are kept.
    assert names_on(client, "/politicians/?sort=-name") == [
        "Behind The Back",
        "Cy Carter",
        "Bob Baker",
    ]


def test_without_fragment_keeping_every_row_is_rendered(client, topic):
    PoliticianFactory(name="Ann Able", sort_name="Able")
    assert names_on(client, "/politicians/") == ["Ann Able"]
    Politician.objects.filter(name="Ann Able").update(name="Ann Changed")
    assert names_on(client, "/politicians/") == ["Ann Changed"]


def marks_on(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    return [mark.get_text() for mark in soup.select("blockquote mark")]


def test_a_searchs_marked_words_stay_with_that_search(client, page_cache, settings, topic):
    """The statements list keeps each row's markup per search: the words one search marks
    never show on the plain list or on another search, whichever was rendered first."""
    settings.WTS_PAGE_CACHE_SECONDS = 0
    StatementFactory(published=True, topic=topic, words="Ban the app on every phone.")
    assert marks_on(client, "/statements/") == []
    assert marks_on(client, "/statements/?q=phone") == ["phone"]
    assert marks_on(client, "/statements/?q=app") == ["app"]
    assert marks_on(client, "/statements/") == []
