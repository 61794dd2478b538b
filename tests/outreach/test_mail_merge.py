import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup

from outreach.imports import OutreachImportError, outreach_import
from outreach.models import Outcome
from politicians.models import House
from tests.factories import (
    OutreachFactory,
    PoliticianFactory,
    UserFactory,
    politician_with_statements,
)

pytestmark = pytest.mark.django_db

URL = "/admin/outreach/outreach/mail-merge/"


def read(response):
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def survey(topic):
    people = {
        "never": PoliticianFactory(name="Nia Never", contact_email="nia.never.mp@parliament.uk"),
        "chase": PoliticianFactory(name="Cal Chase"),
        "declined": PoliticianFactory(name="Dot Declined"),
        "replied": politician_with_statements("supports", name="Rex Replied"),
        "former": PoliticianFactory(name="Fern Former", is_sitting=False),
        "formula": PoliticianFactory(name="=HYPERLINK(1)", house=House.LORDS),
    }
    OutreachFactory(politician=people["chase"], asked_on=datetime.date(2023, 3, 14))
    OutreachFactory(politician=people["declined"], outcome=Outcome.DECLINED)
    return people


def test_staff_download_the_people_still_to_ask_or_chase(client, editor, survey):
    client.force_login(editor)

    rows = read(client.get(URL, {"topic": "tiktok-ban"}))

    assert [(r["name"], r["coverage"], r["last_asked_on"], r["contact_email"]) for r in rows] == [
        ("Cal Chase", "no_reply", "2023-03-14", ""),
        ("Nia Never", "not_asked", "", "nia.never.mp@parliament.uk"),
        ("'=HYPERLINK(1)", "not_asked", "", ""),
    ]


def test_the_mail_merge_form_refuses_an_unknown_topic(client, editor, survey):
    client.force_login(editor)

    page = client.get(URL)
    refused = client.get(URL, {"topic": "no-such-topic"})

    assert BeautifulSoup(page.content, "lxml").select_one("#mail_merge_form select[name=topic]")
    assert BeautifulSoup(refused.content, "lxml").select(".errorlist li")


def test_the_list_and_the_contact_address_are_for_staff_only(client, survey):
    assert client.get(URL, {"topic": "tiktok-ban"}).status_code == 302  # to the login page
    client.force_login(UserFactory())  # staff in no group
    assert client.get(URL, {"topic": "tiktok-ban"}).status_code == 403
    client.logout()
    page = client.get(survey["never"].get_absolute_url()).content.decode()
    download = b"".join(client.get("/politicians.csv").streaming_content).decode()
    api = client.get("/api/v1/politicians/").content.decode()
    for public in (page, download, api):
        assert "nia.never.mp@parliament.uk" not in public


def test_an_outreach_import_fills_the_contact_address(editor, topic):
    person = PoliticianFactory(member_id=4805)
    header = "politician,member_id,topic,asked_on,method,contact_email\n"

    with pytest.raises(OutreachImportError) as refused:
        outreach_import(text=header + ",4805,,2023-03-14,email,not-an-address\n", actor=editor)
    assert [str(p) for p in refused.value.problems] == [
        "row 2, contact_email: “not-an-address” is not an email address"
    ]

    outreach_import(text=header + ",4805,,2023-03-14,email,a.b.mp@parliament.uk\n", actor=editor)
    person.refresh_from_db()
    assert person.contact_email == "a.b.mp@parliament.uk"
