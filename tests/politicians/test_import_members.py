from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from politicians.models import Party, Politician
from statements.models import Stance, Statement
from statements.services import statement_publish, statement_save_draft
from tests.factories import StanceFactory, StatementFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
SHIPPED = Path(__file__).resolve().parents[2] / "politicians" / "data" / "uk-commons-2019-mps.csv"


def run_import(path, *args):
    call_command("import_members", str(path), *args)


def test_good_file_adds_every_member_with_party_and_slug():
    run_import(SAMPLES / "good_members.csv")

    kearns = Politician.objects.get(member_id=4805)
    assert (kearns.name, kearns.slug, kearns.constituency) == (
        "Alicia Kearns",
        "alicia-kearns",
        "Rutland and Melton",
    )
    assert kearns.party.slug == "conservative"
    assert Politician.objects.get(name="Stephen Flynn").party.slug == "scottish-national-party"
    assert Politician.objects.get(name="Scott Benton").member_id is None
    assert Politician.objects.count() == 3


def test_rerunning_the_same_file_changes_nothing(capsys):
    run_import(SAMPLES / "good_members.csv")
    history_before = Politician.history.count()

    run_import(SAMPLES / "good_members.csv")

    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert Politician.objects.count() == 3
    assert Politician.history.count() == history_before


def test_bad_rows_write_nothing_and_name_row_and_field(capsys):
    with pytest.raises(CommandError, match="3 problem"):
        run_import(SAMPLES / "bad_members.csv")

    errors = capsys.readouterr().err
    assert "row 3, name: is empty" in errors
    assert "row 4, mnis_id: “forty” is not a member id" in errors
    assert "row 5, mnis_id: 4805 is also on row 2" in errors
    assert Politician.objects.count() == 0
    assert Party.objects.count() == 0


# Both member lists are read by politicians.services.read_rows.
@pytest.mark.parametrize(
    ("command", "file_name", "text", "missing"),
    [
        pytest.param(
            "import_members",
            "members.csv",
            "name,party\nAlicia Kearns,Conservative\n",
            ["constituency", "mnis_id"],
            id="members",
        ),
        pytest.param(
            "import_frontbench",
            "frontbench-2023-03-16.csv",
            "name,mnis_id,house,party,role\nRishi Sunak,4483,Commons,Conservative,PM\n",
            ["side", "source"],
            id="frontbench",
        ),
    ],
)
def test_missing_column_is_reported(tmp_path, capsys, command, file_name, text, missing):
    path = tmp_path / file_name
    path.write_text(text)

    with pytest.raises(CommandError):
        call_command(command, str(path))

    errors = capsys.readouterr().err
    for column in missing:
        assert f"row 1, {column}: column is missing from the header" in errors


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_import(tmp_path / "nope.csv")


def test_member_without_id_is_matched_by_name_on_rerun():
    run_import(SAMPLES / "good_members.csv")
    benton = Politician.objects.get(name="Scott Benton")

    run_import(SAMPLES / "good_members.csv")

    assert Politician.objects.filter(name="Scott Benton").get().pk == benton.pk


def test_party_switch_and_role_are_recorded_in_history_and_stances_kept():
    run_import(SAMPLES / "good_members.csv")
    kearns = Politician.objects.get(member_id=4805)
    stance = StanceFactory(politician=kearns)

    run_import(SAMPLES / "switched_members.csv")

    kearns.refresh_from_db()
    assert kearns.party.name == "Independent"
    assert kearns.role == "Chair of the Foreign Affairs Committee"
    newest = kearns.history.first()
    assert "party Conservative → Independent" in newest.history_change_reason
    assert newest.prev_record.party.name == "Conservative"
    assert Stance.objects.get(pk=stance.pk).position == stance.position


def test_dry_run_writes_nothing(capsys):
    run_import(SAMPLES / "good_members.csv", "--dry-run")

    assert "Dry run" in capsys.readouterr().out
    assert Politician.objects.count() == 0


def test_shipped_commons_file_imports_650_sitting_mps():
    run_import(SHIPPED)

    assert Politician.objects.sitting().count() == 650
    assert Politician.objects.filter(party__slug="conservative").count() == 355
    assert Politician.objects.get(member_id=4805).slug == "alicia-kearns"
    assert Politician.objects.filter(member_id__isnull=True).count() == 1


def test_party_switch_leaves_published_statements_and_their_stance_intact(editor, reviewer):
    run_import(SAMPLES / "good_members.csv")
    kearns = Politician.objects.get(member_id=4805)
    statement = statement_save_draft(
        statement=StatementFactory.build(politician=kearns, position="wants_extended"),
        actor=editor,
    )
    statement = statement_publish(statement=statement, reviewer=reviewer)

    run_import(SAMPLES / "switched_members.csv")

    assert Politician.objects.get(member_id=4805).party.name == "Independent"
    assert list(Statement.objects.published().filter(politician=kearns)) == [statement]
    stance = Stance.objects.get(politician=kearns)
    assert (stance.position, stance.based_on) == ("wants_extended", statement)
