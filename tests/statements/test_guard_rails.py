"""Guard rails on entering quotes: near duplicates, future dates, non-web links, speaker search.

Each is tried where editors meet it: the admin form, and the CSV import.
"""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from statements.imports import HEADER
from statements.models import Statement
from statements.services import normalise_words, words_nearly_match
from tests.admin_forms import statement_form_data
from tests.factories import PartyFactory, PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:statements_statement_add")
AUTOCOMPLETE = reverse("admin:autocomplete")
HELD_WORDS = "They should extend the ban to ministers' private phones."


def form_errors(response):
    soup = BeautifulSoup(response.content, "lxml")
    return " ".join(" ".join(e.get_text(" ").split()) for e in soup.select(".errorlist"))


# Near duplicates


def test_normalised_words_ignore_case_punctuation_and_spacing():
    assert normalise_words("  “No-one is NOT of interest,” she said. ") == (
        "no one is not of interest she said"
    )


@pytest.mark.parametrize(
    ("first", "second", "alike"),
    [
        (HELD_WORDS, "they should extend the ban to ministers’ private phones", True),
        (HELD_WORDS, "They should extend the ban to minister's private phone.", True),
        (HELD_WORDS, "The ban is about right and should go no further.", False),
        ("", "", False),
    ],
)
def test_words_nearly_match(first, second, alike):
    assert words_nearly_match(first, second) is alike


def test_admin_warns_before_saving_a_near_duplicate_then_saves_anyway(client, editor, topic):
    politician = PoliticianFactory()
    held = StatementFactory(politician=politician, words=HELD_WORDS)
    client.force_login(editor)
    data = statement_form_data(
        politician, topic, words="They should extend the ban to ministers’ private phones!"
    )

    first = client.post(ADD, data)

    assert first.status_code == 200
    assert f"statement {held.pk}" in form_errors(first)
    assert "tick “Save anyway”" in form_errors(first)
    soup = BeautifulSoup(first.content, "lxml")
    assert soup.select_one("input[name=save_anyway][type=checkbox]") is not None
    assert Statement.objects.count() == 1

    second = client.post(ADD, {**data, "save_anyway": "on"})

    assert second.status_code == 302
    assert Statement.objects.count() == 2


def test_same_words_from_another_speaker_are_not_a_duplicate(client, editor, topic):
    StatementFactory(words=HELD_WORDS)
    client.force_login(editor)

    response = client.post(ADD, statement_form_data(PoliticianFactory(), topic, words=HELD_WORDS))

    assert response.status_code == 302


def test_editing_other_fields_of_a_statement_with_a_twin_does_not_nag(client, editor, topic):
    politician = PoliticianFactory()
    StatementFactory(politician=politician, words=HELD_WORDS)
    twin = StatementFactory(politician=politician, words=HELD_WORDS, entered_by=editor)
    client.force_login(editor)

    response = client.post(
        reverse("admin:statements_statement_change", args=[twin.pk]),
        statement_form_data(politician, topic, words=HELD_WORDS, outlet="Another outlet"),
    )

    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.outlet == "Another outlet"


def test_a_correction_meets_the_same_guard_rails_and_leaves_the_published_words(
    client, editor, topic
):
    politician = PoliticianFactory()
    held = StatementFactory(politician=politician, words=HELD_WORDS, published=True)
    published = StatementFactory(
        politician=politician, words="Something else entirely.", published=True
    )
    client.force_login(editor)
    url = reverse("admin:statements_statement_change", args=[published.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        url,
        statement_form_data(
            politician,
            topic,
            words=HELD_WORDS,
            said_on=tomorrow.isoformat(),
            archive_url="data:text/html,hello",
            pending_correction_note="Misquoted.",
        ),
    )

    errors = form_errors(response)
    assert f"statement {held.pk}" in errors
    assert "The date said cannot be in the future." in errors
    assert "http:// or https://" in errors
    published.refresh_from_db()
    assert (published.words, published.pending_content) == ("Something else entirely.", None)


# Future dates and links that are not http(s)


def test_admin_refuses_future_date_and_non_web_links(client, editor, topic):
    client.force_login(editor)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        ADD,
        statement_form_data(
            PoliticianFactory(),
            topic,
            said_on=tomorrow.isoformat(),
            source_url="ftp://files.example/quote",
            archive_url="data:text/html,hello",
        ),
    )

    soup = BeautifulSoup(response.content, "lxml")

    def error_of(field):
        return " ".join(soup.select_one(f".field-{field} .errorlist").get_text(" ").split())

    assert "The date said cannot be in the future." in error_of("said_on")
    assert "http:// or https://" in error_of("source_url")
    assert "http:// or https://" in error_of("archive_url")
    assert not Statement.objects.exists()


def test_import_refuses_future_date_and_non_web_links(tmp_path, capsys, topic):
    PoliticianFactory(name="Ben Bradley")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerow(
        {
            "speaker": "Ben Bradley",
            "date": tomorrow.isoformat(),
            "words": "No security concerns here.",
            "outlet": "Example",
            "url": "javascript:alert(1)",
            "archive_url": "ftp://files.example/x",
            "source_kind": "interview",
            "position": "opposes",
        }
    )
    path = tmp_path / "bad.csv"
    path.write_text(out.getvalue())

    with pytest.raises(CommandError):
        call_command("import_statements", str(path))

    errors = capsys.readouterr().err
    assert f"row 2, date: {tomorrow:%Y-%m-%d} is in the future" in errors
    assert "row 2, url: “javascript:alert(1)” is not a web address" in errors
    assert "row 2, archive_url: “ftp://files.example/x” is not a web address" in errors
    assert not Statement.objects.exists()


# Speaker autocomplete on the statement form


@pytest.fixture
def speakers(db):
    conservative = PartyFactory(name="Conservative", slug="conservative")
    labour = PartyFactory(name="Labour", slug="labour")
    return {
        "kearns": PoliticianFactory(
            name="Alicia Kearns", constituency="Rutland and Melton", party=conservative
        ),
        "bradley": PoliticianFactory(name="Ben Bradley", constituency="Mansfield", party=labour),
    }


def autocomplete(client, term):
    response = client.get(
        AUTOCOMPLETE,
        {
            "app_label": "statements",
            "model_name": "statement",
            "field_name": "politician",
            "term": term,
        },
    )
    assert response.status_code == 200
    return sorted(result["text"] for result in response.json()["results"])


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("kearns", ["Alicia Kearns (Rutland and Melton)"]),
        ("mansfield", ["Ben Bradley (Mansfield)"]),
        ("labour", ["Ben Bradley (Mansfield)"]),
        ("conservative", ["Alicia Kearns (Rutland and Melton)"]),
        ("nobody", []),
    ],
)
def test_speaker_autocomplete_finds_by_name_constituency_and_party(
    client, editor, speakers, term, found
):
    client.force_login(editor)

    assert autocomplete(client, term) == found


def test_speaker_autocomplete_is_for_staff_only(client, speakers):
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": "statements", "model_name": "statement", "field_name": "politician"},
    )

    assert response.status_code == 302
