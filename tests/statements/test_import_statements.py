"""`manage.py import_statements` and the same import in the admin (django-import-export)."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from core.data_version import _Bump
from politicians.models import House, Politician
from statements.imports import HEADER, check_rows, read_csv, save_row, save_rows
from statements.models import (
    Position,
    PositionChange,
    Source,
    Stance,
    Statement,
    StatementStatus,
)
from statements.services import statement_publish
from tests.factories import PartyFactory, PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
GOOD = SAMPLES / "statements_good.csv"
ONE_BAD_ROW = SAMPLES / "statements_one_bad_row.csv"
IMPORT_URL = reverse("admin:statements_statement_import")
PROCESS_URL = reverse("admin:statements_statement_process_import")
EXPORT_URL = reverse("admin:statements_statement_export")


@pytest.fixture
def speakers(db):
    """What the sample files refer to: Kearns held with her member id, two parties."""
    conservative = PartyFactory(name="Conservative", slug="conservative")
    PartyFactory(name="Scottish National Party", slug="scottish-national-party")
    return PoliticianFactory(name="Alicia Kearns", member_id=4805, party=conservative)


def run(path, *args):
    call_command("import_statements", str(path), *args)


def csv_text(*rows, header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue()


def a_row(**overrides):
    row = {
        "speaker": "Alicia Kearns",
        "member_id": "4805",
        "date": "2023-03-13",
        "words": "Any phone used for work should be free of the app.",
        "is_paraphrase": "no",
        "outlet": "PoliticsHome",
        "url": "https://www.politicshome.com/news/article/tiktok",
        "source_kind": "interview",
        "position": "wants_extended",
    }
    row.update(overrides)
    return row


def write(tmp_path, text):
    path = tmp_path / "statements.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_bad_row_writes_nothing_and_names_the_row_and_column(speakers, capsys):
    with pytest.raises(CommandError, match="1 problem"):
        run(ONE_BAD_ROW)

    errors = capsys.readouterr().err
    assert "row 3, url: “ftp://files.example/tiktok-ban” is not a web address" in errors
    assert Statement.objects.count() == 0
    assert Politician.objects.count() == 1  # the new peer on row 4 was not added either


def test_corrected_file_imports_every_row_as_a_draft(speakers, capsys):
    run(GOOD)

    statements = Statement.objects.order_by("said_on")
    assert [s.politician.name for s in statements] == [
        "Alicia Kearns",
        "Morgan Example",
        "Baroness Example",
    ]
    assert {s.status for s in statements} == {StatementStatus.DRAFT}
    importer = get_user_model().objects.get(username="import")
    assert {s.entered_by for s in statements} == {importer}
    assert not importer.has_usable_password()
    assert importer.groups.filter(name="Editors").exists()
    assert not Statement.objects.published().exists()
    assert "Imported 3 statement(s) as drafts" in capsys.readouterr().out


def test_imported_row_keeps_every_column(speakers):
    run(GOOD)

    morgan = Statement.objects.get(politician__name="Morgan Example")
    assert morgan.is_paraphrase is True
    assert morgan.said_on == datetime.date(2023, 3, 16)
    assert (morgan.outlet, morgan.source_url, morgan.source_kind) == (
        "The Example Times",
        "https://news.example/tiktok-ban-snp",
        "news_article",
    )
    assert morgan.archive_url.startswith("https://web.archive.org/")
    assert morgan.position == Position.MIXED
    assert morgan.topic.slug == "tiktok-ban"


def test_speaker_not_held_is_added_with_house_and_party(speakers):
    run(GOOD)

    peer = Politician.objects.get(name="Baroness Example")
    assert (peer.house, peer.party.name, peer.role) == (
        House.LORDS,
        "Conservative",
        "Minister of State",
    )
    assert peer.history.first().history_change_reason == "Added by a statement import (row 4)"


def test_speaker_found_by_member_id_before_name(speakers, tmp_path):
    run(write(tmp_path, csv_text(a_row(speaker="Mrs A. Kearns"))))

    assert Statement.objects.get().politician == speakers
    assert Politician.objects.count() == 1


def test_speaker_not_held_without_house_or_known_party_is_an_error(speakers, tmp_path, capsys):
    path = write(
        tmp_path, csv_text(a_row(speaker="Lord Nobody", member_id="", party="Whigs", house=""))
    )

    with pytest.raises(CommandError):
        run(path)

    errors = capsys.readouterr().err
    assert "row 2, speaker: “Lord Nobody” is not held" in errors
    assert "house is empty" in errors
    assert "party “Whigs” is not held" in errors
    assert not Politician.objects.filter(name="Lord Nobody").exists()


def test_dry_run_reports_but_writes_nothing(speakers, capsys):
    run(GOOD, "--dry-run")

    assert "Dry run, nothing written: would have imported 3" in capsys.readouterr().out
    assert Statement.objects.count() == 0
    assert not Politician.objects.filter(name="Baroness Example").exists()


def test_as_names_the_editor_the_drafts_are_entered_by(speakers, editor):
    run(GOOD, "--as", editor.username)

    assert set(Statement.objects.values_list("entered_by", flat=True)) == {editor.pk}


def test_every_bad_row_is_listed(speakers, tmp_path, capsys):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    path = write(
        tmp_path,
        csv_text(
            a_row(),
            a_row(date=tomorrow.isoformat(), words="Another thing entirely."),
            a_row(url="javascript:alert(1)", words="A third quote, not like the others."),
            a_row(source_kind="podcast", position="loves_it", words="Fourth and different."),
            a_row(topic="no-such-ban", is_paraphrase="maybe", words="Fifth one, also new."),
        ),
    )

    with pytest.raises(CommandError, match="6 problem"):
        run(path)

    errors = capsys.readouterr().err
    assert f"row 3, date: {tomorrow:%Y-%m-%d} is in the future" in errors
    assert "row 4, url: “javascript:alert(1)” is not a web address" in errors
    assert "row 5, source_kind: “podcast” is not one of interview" in errors
    assert "row 5, position: “loves_it” is not one of wants_extended" in errors
    assert "row 6, topic: there is no topic “no-such-ban”" in errors
    assert "row 6, is_paraphrase: “maybe” is not yes or no" in errors
    assert Statement.objects.count() == 0


def test_missing_column_is_reported_against_the_header(speakers, tmp_path, capsys):
    header = [column for column in HEADER if column != "source_kind"]
    with pytest.raises(CommandError):
        run(write(tmp_path, csv_text(a_row(), header=header)))

    assert "row 1, source_kind: column is missing from the header" in capsys.readouterr().err


def test_same_words_from_the_same_source_twice_is_an_error(speakers, capsys):
    run(GOOD)

    with pytest.raises(CommandError, match="3 problem"):
        run(GOOD)

    assert "row 2, words: statement" in capsys.readouterr().err
    assert Statement.objects.count() == 3


def test_near_duplicate_from_another_source_is_a_warning_and_imports(speakers, tmp_path, capsys):
    held = StatementFactory(
        politician=speakers, words="Any phone used for work should be free of the app!"
    )

    run(write(tmp_path, csv_text(a_row(url="https://other.example/story"))))

    assert f"row 2, words: nearly the same words as statement {held.pk}" in (
        capsys.readouterr().out
    )
    assert Statement.objects.count() == 2


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nope.csv")


# The admin's import page: preview, row errors, all or nothing.


def upload(client, path):
    with open(path, "rb") as handle:
        return client.post(
            IMPORT_URL,
            {"format": "0", "import_file": SimpleUploadedFile(path.name, handle.read())},
        )


def test_admin_import_with_one_bad_row_shows_it_and_offers_no_confirmation(
    client, editor, speakers
):
    client.force_login(editor)

    response = upload(client, ONE_BAD_ROW)

    assert import_errors(response) == [
        [
            "url",
            "row 3: “ftp://files.example/tiktok-ban” is not a web address starting "
            "http:// or https://",
        ]
    ]
    assert Statement.objects.count() == 0
    assert not Politician.objects.filter(name="Baroness Example").exists()


def test_admin_import_previews_then_writes_drafts_entered_by_the_editor(client, editor, speakers):
    client.force_login(editor)

    preview = upload(client, GOOD)

    soup = BeautifulSoup(preview.content, "lxml")
    assert len(soup.select("table.import-preview tr.new")) == 3
    assert Statement.objects.count() == 0  # the preview is a dry run, rolled back
    form = soup.select_one("form[action$='process_import/']")
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}

    response = client.post(PROCESS_URL, data)

    assert response.status_code == 302
    statements = Statement.objects.all()
    assert statements.count() == 3
    assert {(s.status, s.entered_by_id) for s in statements} == {(StatementStatus.DRAFT, editor.pk)}


def test_anonymous_cannot_reach_the_import_page(client):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_export_neutralises_formulas_in_cells(client, editor, topic):
    StatementFactory(words='=HYPERLINK("https://evil.example")', outlet="+Outlet")
    client.force_login(editor)

    response = client.post(
        EXPORT_URL, {"format": "0", **{f"statementresource_{c}": "on" for c in HEADER}}
    )

    body = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["words"] == '\'=HYPERLINK("https://evil.example")'
    assert rows[0]["outlet"] == "'+Outlet"


# Speakers' names as sources write them: titles, misspellings, the same person twice.


@pytest.fixture
def hoyle(db):
    speaker_party = PartyFactory(name="Speaker", slug="speaker")
    return PoliticianFactory(
        name="Lindsay Hoyle",
        member_id=467,
        party=speaker_party,
        constituency="Chorley",
        role="Speaker of the House of Commons",
    )


def hoyle_row(**overrides):
    row = {
        "speaker": "Sir Lindsay Hoyle",
        "member_id": "",
        "party": "Speaker",
        "house": "commons",
        "words": "Members must think hard about the apps on their phones.",
        "url": "https://news.example/speaker-tiktok",
    }
    return a_row(**{**row, **overrides})


def counts():
    return Politician.objects.count(), Statement.objects.count()


def test_titled_name_imports_onto_the_person_held(hoyle, tmp_path, capsys):
    before = counts()

    run(write(tmp_path, csv_text(hoyle_row())))

    assert counts() == (before[0], before[1] + 1)
    assert Statement.objects.get().politician == hoyle
    assert "new speaker" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "written",
    [
        "The Rt Hon Sir Lindsay Hoyle MP",
        "Rt. Hon. Lindsay Hoyle",
        "lindsay hoyle",
        "Mr Lindsay Hoyle, MP",
    ],
)
def test_every_way_of_writing_a_name_finds_the_person(hoyle, tmp_path, written):
    run(write(tmp_path, csv_text(hoyle_row(speaker=written))))

    assert Statement.objects.get().politician == hoyle
    assert Politician.objects.count() == 1


def test_misspelt_name_is_an_error_naming_the_candidate_and_writes_nothing(
    hoyle, speakers, tmp_path, capsys
):
    before = counts()
    path = write(tmp_path, csv_text(a_row(), hoyle_row(speaker="Lindsey Hoyle")))

    with pytest.raises(CommandError, match="1 problem"):
        run(path)

    errors = capsys.readouterr().err
    assert (
        "row 3, speaker: “Lindsey Hoyle” is not held, but resembles Lindsay Hoyle (Speaker, "
        "Chorley, member id 467)" in errors
    )
    assert "write the name exactly as held, or give the member id" in errors
    assert counts() == before


def test_misspelt_name_with_the_member_id_imports_onto_the_person(hoyle, tmp_path):
    run(write(tmp_path, csv_text(hoyle_row(speaker="Lindsey Hoyle", member_id="467"))))

    assert Statement.objects.get().politician == hoyle


def test_name_resembling_two_people_names_both(db, tmp_path, capsys):
    snp = PartyFactory(name="Scottish National Party", slug="scottish-national-party")
    PoliticianFactory(name="Stuart McDonald", party=snp, constituency="Cumbernauld", member_id=4393)
    PoliticianFactory(
        name="Stewart McDonald", party=snp, constituency="Glasgow South", member_id=4461
    )
    path = write(
        tmp_path,
        csv_text(a_row(speaker="S. McDonald", member_id="", party="SNP", house="commons")),
    )

    with pytest.raises(CommandError):
        run(path)

    errors = capsys.readouterr().err
    assert "Stuart McDonald (Scottish National Party, Cumbernauld, member id 4393)" in errors
    assert "Stewart McDonald (Scottish National Party, Glasgow South, member id 4461)" in errors
    assert Politician.objects.count() == 2


def test_two_members_sharing_a_surname_are_each_found_by_their_own_name(db, tmp_path):
    labour = PartyFactory(name="Labour", slug="labour")
    angela = PoliticianFactory(name="Angela Eagle", party=labour, member_id=491)
    maria = PoliticianFactory(name="Maria Eagle", party=labour, member_id=483)
    path = write(
        tmp_path,
        csv_text(
            a_row(speaker="Angela Eagle", member_id="", words="One thing about the app."),
            a_row(speaker="Dame Maria Eagle MP", member_id="", words="Another, quite different."),
        ),
    )

    run(path)

    assert [s.politician for s in Statement.objects.order_by("words")] == [maria, angela]


def test_name_matching_two_people_exactly_is_an_error(hoyle, tmp_path, capsys):
    PoliticianFactory(name="Sir Lindsay Hoyle", member_id=None, party=hoyle.party)

    with pytest.raises(CommandError):
        run(write(tmp_path, csv_text(hoyle_row())))

    assert "row 2, speaker: “Sir Lindsay Hoyle” matches several people" in (capsys.readouterr().err)
    assert Statement.objects.count() == 0


@pytest.mark.parametrize(
    ("held", "written"),
    [
        ("Nick Thomas-Symonds", "Nick Thomas Symonds"),
        ("Brendan O'Hara", "Brendan O’Hara"),
        ("Brendan O'Hara", "Brendan OHara"),
        ("Marsha De Cordova", "Marsha de Cordova"),
        ("Rosena Allin-Khan", "Dr Rosena Allin-Khan"),
        ("Tanmanjeet Singh Dhesi", "Tanmanjeet Singh Dhesi MP"),
        ("Siân Berry", "Sian Berry"),
        ("Sian Berry", "Siân Berry"),
    ],
)
def test_accents_hyphens_and_apostrophes_do_not_make_a_new_person(db, tmp_path, held, written):
    person = PoliticianFactory(name=held, member_id=None)
    path = write(tmp_path, csv_text(a_row(speaker=written, member_id="")))

    run(path)

    assert Statement.objects.get().politician == person
    assert Politician.objects.count() == 1


def test_peers_title_is_their_name(speakers, tmp_path):
    labour = PartyFactory(name="Labour", slug="labour")
    west = PoliticianFactory(name="Lord West of Spithead", house=House.LORDS, party=labour)
    path = write(
        tmp_path,
        csv_text(
            a_row(
                speaker="The Rt Hon the Lord West of Spithead",
                member_id="",
                words="A peer's view of the app.",
            ),
            a_row(
                speaker="Baroness Smith of Basildon",
                member_id="",
                party="Labour",
                house="lords",
                words="Another peer entirely.",
            ),
        ),
    )

    run(path)

    assert Statement.objects.get(words="A peer's view of the app.").politician == west
    added = Politician.objects.get(name="Baroness Smith of Basildon")
    assert added.house == House.LORDS


def test_peer_without_their_territorial_name_is_an_error(speakers, tmp_path, capsys):
    labour = PartyFactory(name="Labour", slug="labour")
    PoliticianFactory(name="Lord West of Spithead", house=House.LORDS, party=labour)
    path = write(
        tmp_path,
        csv_text(a_row(speaker="Lord West", member_id="", party="Labour", house="lords")),
    )

    with pytest.raises(CommandError):
        run(path)

    assert "resembles Lord West of Spithead" in capsys.readouterr().err
    assert not Politician.objects.filter(name="Lord West").exists()


def test_one_new_person_named_twice_in_a_file_is_added_once(speakers, tmp_path):
    row = {
        "speaker": "Baroness Example",
        "member_id": "",
        "party": "Conservative",
        "house": "lords",
    }
    path = write(
        tmp_path,
        csv_text(
            a_row(**row, words="First thing she said about the app."),
            a_row(**{**row, "speaker": "The Baroness Example"}, words="Second, later thing."),
        ),
    )

    run(path)

    assert Politician.objects.filter(name="Baroness Example").count() == 1
    assert Statement.objects.filter(politician__name="Baroness Example").count() == 2


def test_speaker_lookup_is_a_fixed_number_of_queries_for_any_file(
    hoyle, tmp_path, django_assert_num_queries
):
    people = [PoliticianFactory(party=hoyle.party) for _ in range(12)]
    rows = [
        a_row(speaker=f"Sir {p.name} MP", member_id="", words=f"Quote {n} on the app.")
        for n, p in enumerate(people)
    ]
    header, parsed = read_csv(csv_text(*rows))

    # Everyone held with their party, the parties, the topics, the default topic, and the
    # statements the speakers hold: the same five whatever the number of rows.
    with django_assert_num_queries(5):
        checked = check_rows(header, parsed)

    assert [c.statement.politician for c in checked] == people


# The same in the admin: preview, errors, people it would add.


def upload_text(client, text, name="statements.csv"):
    return client.post(
        IMPORT_URL,
        {"format": "0", "import_file": SimpleUploadedFile(name, text.encode("utf-8"))},
    )


def confirm(client, preview):
    soup = BeautifulSoup(preview.content, "lxml")
    form = soup.select_one("form[action$='process_import/']")
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return client.post(PROCESS_URL, data)


def import_errors(response):
    """The error rows of an import's preview, which then offers no confirmation."""
    soup = BeautifulSoup(response.content, "lxml")
    assert not soup.select("input[name=confirm]")
    return table_rows(soup, "#import-errors")


def table_rows(soup, selector):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in soup.select(f"{selector} tbody tr")
    ]


def test_admin_import_puts_a_titled_name_on_the_person_held(client, editor, hoyle):
    client.force_login(editor)
    before = counts()

    preview = upload_text(client, csv_text(hoyle_row()))

    soup = BeautifulSoup(preview.content, "lxml")
    assert soup.select_one("#import-new-people") is None  # nobody new
    assert len(soup.select("table.import-preview tr.new")) == 1
    response = confirm(client, preview)

    assert response.status_code == 302
    assert counts() == (before[0], before[1] + 1)
    assert Statement.objects.get().politician == hoyle


def test_admin_import_of_a_misspelt_name_names_the_candidate_and_writes_nothing(
    client, editor, hoyle
):
    client.force_login(editor)
    before = counts()

    response = upload_text(client, csv_text(hoyle_row(speaker="Lindsey Hoyle")))

    assert import_errors(response) == [
        [
            "speaker",
            "row 2: “Lindsey Hoyle” is not held, but resembles Lindsay Hoyle (Speaker, Chorley, "
            "member id 467): write the name exactly as held, or give the member id. If this is "
            "someone else, add them in the admin first.",
        ]
    ]
    assert counts() == before


def test_admin_preview_lists_every_person_the_import_would_add(client, editor, speakers):
    client.force_login(editor)

    preview = upload_text(client, GOOD.read_text(encoding="utf-8"))

    soup = BeautifulSoup(preview.content, "lxml")
    heading = soup.select_one("#import-new-people").find_previous("h2")
    assert heading.get_text() == "People this import will add"
    assert table_rows(soup, "#import-new-people") == [
        ["Morgan Example", House.COMMONS.label, "Scottish National Party", ""],
        ["Baroness Example", House.LORDS.label, "Conservative", "Minister of State"],
    ]
    # Listed before the Confirm button and the rows, so the editor reads them first.
    people = soup.select_one("#import-new-people")
    assert people.find_next("input", attrs={"name": "confirm"}) is not None
    assert people.find_next("table").select("tr.new")
    assert not Politician.objects.filter(name="Baroness Example").exists()


# A row's role is the speaker's current role.


def test_row_role_changes_the_role_of_the_person_held(hoyle, tmp_path, capsys):
    importer_run = write(tmp_path, csv_text(hoyle_row(role="Speaker")))

    run(importer_run)

    hoyle.refresh_from_db()
    assert hoyle.role == "Speaker"
    out = capsys.readouterr().out
    assert (
        "row 2: Lindsay Hoyle: role will change from “Speaker of the House of Commons” to "
        "“Speaker”" in out
    )
    latest = hoyle.history.first()
    assert latest.history_change_reason == "Statement import row 2"
    assert latest.history_user.username == "import"
    assert hoyle.history.count() == 2  # created, then the role


def test_dry_run_says_the_role_would_change_but_keeps_it(hoyle, tmp_path, capsys):
    run(write(tmp_path, csv_text(hoyle_row(role="Speaker"))), "--dry-run")

    hoyle.refresh_from_db()
    assert hoyle.role == "Speaker of the House of Commons"
    assert "role will change from “Speaker of the House of Commons” to “Speaker”" in (
        capsys.readouterr().out
    )
    assert hoyle.history.count() == 1


def test_same_role_again_changes_nothing(hoyle, tmp_path, capsys):
    run(write(tmp_path, csv_text(hoyle_row(role="Speaker of the House of Commons"))))

    assert "role will change" not in capsys.readouterr().out
    assert hoyle.history.count() == 1


def test_two_rows_giving_one_person_two_roles_is_an_error(hoyle, tmp_path, capsys):
    path = write(
        tmp_path,
        csv_text(
            hoyle_row(role="Speaker"),
            hoyle_row(role="Deputy Speaker", words="Something else entirely on the app."),
        ),
    )

    with pytest.raises(CommandError):
        run(path)

    assert "row 3, role: “Deputy Speaker” differs from “Speaker” on row 2 for Lindsay Hoyle" in (
        capsys.readouterr().err
    )
    hoyle.refresh_from_db()
    assert hoyle.role == "Speaker of the House of Commons"


def test_role_change_is_undone_with_the_rest_when_a_row_is_bad(hoyle, tmp_path):
    path = write(tmp_path, csv_text(hoyle_row(role="Speaker"), a_row(url="ftp://no.example/")))

    with pytest.raises(CommandError):
        run(path)

    hoyle.refresh_from_db()
    assert hoyle.role == "Speaker of the House of Commons"


def test_admin_preview_shows_the_role_change_and_confirming_makes_it(client, reviewer, hoyle):
    client.force_login(reviewer)

    preview = upload_text(client, csv_text(hoyle_row(role="Speaker")))

    soup = BeautifulSoup(preview.content, "lxml")
    assert table_rows(soup, "#import-role-changes") == [
        ["2", "Lindsay Hoyle", "Speaker of the House of Commons", "Speaker"]
    ]
    hoyle.refresh_from_db()
    assert hoyle.role == "Speaker of the House of Commons"  # the preview wrote nothing

    confirm(client, preview)

    hoyle.refresh_from_db()
    assert hoyle.role == "Speaker"
    assert hoyle.history.first().history_user == reviewer
    assert hoyle.history.first().history_change_reason == "Statement import row 2"


def test_admin_import_by_an_editor_may_not_change_a_public_persons_role(client, editor, hoyle):
    client.force_login(editor)

    preview = upload_text(client, csv_text(hoyle_row(role="Speaker")))

    assert import_errors(preview) == [
        [
            "role",
            "row 2: only a reviewer changes the role of Lindsay Hoyle, whom the public already "
            "sees: leave it empty, or ask a reviewer to import this file",
        ]
    ]
    hoyle.refresh_from_db()
    assert hoyle.role == "Speaker of the House of Commons"


# Dates as exact as the source.


def test_month_and_year_dates_import_with_their_precision(speakers, tmp_path):
    path = write(
        tmp_path,
        csv_text(
            a_row(date="2023-03", words="Said some time in March."),
            a_row(date="2022", words="Said some time in 2022."),
            a_row(date="13/03/2023", words="Said on the 13th, British style."),
            a_row(date="2023-03-16", words="Said on the day of the ban."),
        ),
    )

    run(path)

    held = {
        s.words: (s.said_on, s.said_on_precision, s.said_on_display)
        for s in Statement.objects.all()
    }
    assert held == {
        "Said some time in March.": (datetime.date(2023, 3, 1), "month", "March 2023"),
        "Said some time in 2022.": (datetime.date(2022, 1, 1), "year", "2022"),
        "Said on the 13th, British style.": (datetime.date(2023, 3, 13), "day", "13 March 2023"),
        "Said on the day of the ban.": (datetime.date(2023, 3, 16), "day", "16 March 2023"),
    }


@pytest.mark.parametrize("written", ["2023-13", "2023-00", "2023-3", "March 2023", "23", "0000"])
def test_a_date_that_is_not_one_is_an_error_naming_the_column(speakers, tmp_path, capsys, written):
    with pytest.raises(CommandError):
        run(write(tmp_path, csv_text(a_row(date=written))))

    assert (
        f"row 2, date: “{written}” is not a date; write it as YYYY-MM-DD, or YYYY-MM or YYYY"
        in capsys.readouterr().err
    )
    assert Statement.objects.count() == 0


def test_a_period_that_has_not_begun_is_in_the_future(speakers, tmp_path, capsys):
    today = timezone.localdate()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    path = write(
        tmp_path,
        csv_text(
            a_row(date=f"{next_month:%Y-%m}", words="Next month."),
            a_row(date=str(today.year + 1), words="Next year."),
        ),
    )

    with pytest.raises(CommandError, match="2 problem"):
        run(path)

    errors = capsys.readouterr().err
    assert f"row 2, date: {next_month:%Y-%m} is in the future" in errors
    assert f"row 3, date: {today.year + 1} is in the future" in errors


def test_the_month_and_year_under_way_are_not_in_the_future(speakers, tmp_path):
    today = timezone.localdate()
    path = write(
        tmp_path,
        csv_text(
            a_row(date=f"{today:%Y-%m}", words="This month."),
            a_row(date=str(today.year), words="This year."),
        ),
    )

    run(path)

    assert Statement.objects.count() == 2


def test_a_month_statement_reads_march_2023_on_its_page_exports_and_citation(
    speakers, tmp_path, reviewer, client
):
    run(write(tmp_path, csv_text(a_row(date="2023-03"))))
    statement = Statement.objects.get()
    statement_publish(statement=statement, reviewer=reviewer)

    page = BeautifulSoup(client.get(statement.get_absolute_url()).content, "lxml")
    said = page.find("dt", string="Date said").find_next_sibling("dd").select_one("time")
    assert (said.get_text(), said["datetime"]) == ("March 2023", "2023-03")
    citation = page.select_one("textarea#citation").get_text()
    assert ", PoliticsHome, March 2023. https://www.politicshome.com/" in citation
    assert "1 March" not in page.get_text()

    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get("/statements.csv").streaming_content)
                .decode("utf-8")
                .removeprefix("\ufeff")
            )
        )
    )
    assert [(r["said_on"], r["said_on_precision"], r["said_on_text"]) for r in rows] == [
        ("2023-03-01", "month", "March 2023")
    ]
    (row,) = json.loads(client.get("/statements.json").getvalue())["statements"]
    assert (row["said_on"], row["said_on_precision"], row["said_on_text"]) == (
        "2023-03-01",
        "month",
        "March 2023",
    )


def test_admin_export_writes_a_month_as_the_import_takes_it(client, editor, topic):
    StatementFactory(said_on=datetime.date(2023, 3, 1), said_on_precision="month")
    StatementFactory(said_on=datetime.date(2023, 3, 13), words="On a day.")
    client.force_login(editor)

    response = client.post(
        EXPORT_URL, {"format": "0", **{f"statementresource_{c}": "on" for c in HEADER}}
    )

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row["date"] for row in rows) == ["2023-03", "2023-03-13"]


def test_member_id_of_someone_else_is_an_error(speakers, hoyle, tmp_path, capsys):
    path = write(tmp_path, csv_text(a_row(speaker="Alicia Kearns", member_id="467")))

    with pytest.raises(CommandError):
        run(path)

    assert (
        "row 2, member_id: 467 is Lindsay Hoyle (Speaker, Chorley, member id 467), not "
        "“Alicia Kearns”; check the id" in capsys.readouterr().err
    )
    assert Statement.objects.count() == 0


# The bulk write (save_rows, used by the command line and queued imports) against the admin's
# write of a row at a time (save_row): the same rows, sources, people and history.


def _import_state(editor):
    """Everything an import writes, with ids replaced by what they point at, in id order."""

    def rows(queryset, *, drop, names):
        found = []
        for values in queryset.values():
            for field in drop:
                values.pop(field, None)
            for field, name_of in names.items():
                values[field] = name_of(values[field])
            found.append(values)
        return found

    person = {p.pk: p.name for p in Politician.objects.all()}
    address = {s.pk: s.url for s in Source.objects.all()}
    people_names = {"id": person.get}
    statement_names = {"politician_id": person.get, "source_id": address.get}
    return {
        "statements": rows(
            Statement.objects.order_by("pk"),
            drop=["id", "created_at", "updated_at"],
            names=statement_names,
        ),
        "sources": rows(Source.objects.order_by("pk"), drop=["id", "created_at"], names={}),
        "people": rows(
            Politician.objects.order_by("pk"), drop=["created_at", "updated_at"], names=people_names
        ),  # fmt: skip
        "statement history": rows(
            Statement.history.order_by("history_id"),
            drop=["history_id", "history_date", "id", "created_at"],
            names=statement_names,
        ),
        "people history": rows(
            Politician.history.order_by("history_id"),
            drop=["history_id", "history_date", "created_at", "updated_at"],
            names=people_names,
        ),
        "stances": Stance.objects.count(),
        "position changes": PositionChange.objects.count(),
        "data version bumps": sum(isinstance(h, _Bump) for _, h, _ in connection.run_on_commit),
    }


def test_the_bulk_write_leaves_what_writing_a_row_at_a_time_leaves(speakers, editor):
    speakers.role = "Chair of the Foreign Affairs Committee"
    speakers.save()
    StatementFactory(politician=speakers, source_url="https://held.example/source")
    # A peer the import adds on its first row and finds again on its second.
    newcomer = {
        "speaker": "Lord Newcomer",
        "member_id": "",
        "party": "Conservative",
        "house": "lords",
    }
    header, rows = read_csv(
        csv_text(
            a_row(role="Minister"),
            a_row(words="Another quote, from the same article.", date="2023-03"),
            a_row(
                **newcomer,
                words="A peer's view.",
                url="https://held.example/source",
                date="2022",
            ),
            a_row(
                **newcomer,
                words="A second view.",
                url="https://news.example/2",
                is_paraphrase="yes",
                archive_url="https://web.archive.org/x",
                context="On the radio.",
            ),
        )  # fmt: skip
    )
    states = {}
    for name, write in [
        ("a row at a time", lambda checked: [save_row(c, actor=editor) for c in checked]),
        ("in bulk", lambda checked: save_rows(checked, actor=editor)),
    ]:
        with transaction.atomic():
            checked_rows = check_rows(header, rows)
            assert not [p for c in checked_rows for p in c.problems]
            written = write(checked_rows)
            states[name] = (_import_state(editor), [s.pk is not None for s in written])
            transaction.set_rollback(True)

    one_at_a_time, bulk = states["a row at a time"], states["in bulk"]
    assert bulk == one_at_a_time
    state, saved = bulk
    assert saved == [True] * 4
    assert len(state["statements"]) == 5 and len(state["sources"]) == 3
    assert [h["history_change_reason"] for h in state["statement history"]][-4:] == [
        f"Imported (row {n})" for n in (2, 3, 4, 5)
    ]
    assert {h["history_user_id"] for h in state["statement history"][-4:]} == {editor.pk}
    assert [h["history_change_reason"] for h in state["people history"]][-2:] == [
        "Statement import row 2",
        "Added by a statement import (row 4)",
    ]
    assert state["data version bumps"] == 1  # the role change; drafts are not public
