"""`manage.py import_devolved`: the Scottish Parliament and the Senedd, each its own House."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from politicians.models import House, Party, Politician
from statements.models import Statement
from tests.factories import PartyFactory, PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
SAMPLE = SAMPLES / "uk-devolved-sample.csv"
DATA = Path(__file__).resolve().parents[2] / "politicians" / "data"


def run_import(path, *args):
    call_command("import_devolved", str(path), *args)


def test_good_file_adds_each_member_to_their_own_legislature():
    run_import(SAMPLE)

    swinney = Politician.objects.get(name="John Swinney")
    assert (swinney.house, swinney.party.name, swinney.constituency, swinney.slug) == (
        House.SCOTTISH_PARLIAMENT,
        "Scottish National Party",
        "Perthshire North",
        "john-swinney",
    )
    assert (swinney.is_sitting, swinney.on_roll, swinney.bench) == (True, True, "unknown")
    drakeford = Politician.objects.get(name="Mark Drakeford")
    assert (drakeford.house, drakeford.get_house_display()) == (House.SENEDD, "Senedd")
    # New parties get a short name and a colour from the style table.
    presiding = Party.objects.get(name="Presiding Officer")
    assert (presiding.short_name, presiding.colour) == ("PO", "#4a4a4a")
    assert Politician.objects.count() == 5


def test_an_mp_and_an_msp_of_the_same_name_are_held_once_in_each_house():
    ross_mp = PoliticianFactory(name="Douglas Ross", slug="douglas-ross", constituency="Moray")

    run_import(SAMPLE)

    ross_msp = Politician.objects.get(name="Douglas Ross", house=House.SCOTTISH_PARLIAMENT)
    assert ross_msp.pk != ross_mp.pk
    assert ross_msp.slug == "douglas-ross-highlands-and-islands"
    assert Politician.objects.get(pk=ross_mp.pk).house == House.COMMONS


def test_a_speaker_added_by_a_statement_import_is_found_and_put_on_the_roll():
    snp = PartyFactory(name="Scottish National Party", slug="scottish-national-party")
    added = PoliticianFactory(
        name="John Swinney", house=House.SCOTTISH_PARLIAMENT, party=snp, on_roll=False
    )
    StatementFactory(politician=added)  # a draft: not public yet

    run_import(SAMPLE)

    swinney = Politician.objects.get(name="John Swinney")
    assert swinney.pk == added.pk
    assert (swinney.on_roll, swinney.constituency) == (True, "Perthshire North")
    assert Statement.objects.get().politician_id == added.pk
    assert "Devolved import: " in swinney.history.first().history_change_reason


def test_rerunning_the_same_file_changes_nothing_and_says_so(capsys):
    run_import(SAMPLE)
    capsys.readouterr()
    history_before = Politician.history.count()

    run_import(SAMPLE)

    out = capsys.readouterr().out
    assert "5 members: 0 added, 0 updated, 5 unchanged. Nothing changed." in out
    assert Politician.history.count() == history_before


def test_a_party_change_is_recorded_in_history(tmp_path):
    run_import(SAMPLE)
    path = tmp_path / "devolved.csv"
    path.write_text(SAMPLE.read_text().replace("Ceredigion", "Ceredigion Penfro"))

    run_import(path)

    elin = Politician.objects.get(name="Elin Jones")
    assert elin.constituency == "Ceredigion Penfro"
    assert elin.history.first().history_change_reason == (
        "Devolved import: constituency “Ceredigion” → “Ceredigion Penfro”"
    )


def test_bad_rows_write_nothing_and_are_named_by_row_and_column(capsys):
    with pytest.raises(CommandError, match="4 problem"):
        run_import(SAMPLES / "devolved_bad.csv")

    errors = capsys.readouterr().err
    assert "row 3, name: is empty" in errors
    assert (
        "row 4, legislature: “welsh-assembly” is not one of scottish-parliament, senedd, "
        "ni-assembly"
    ) in errors
    assert "row 5, party: is empty" in errors
    assert "row 6, name: “John Swinney” in the same legislature is also on row 2" in errors
    assert Politician.objects.count() == 0
    assert Party.objects.count() == 0


def test_shipped_file_holds_129_msps_and_60_members_of_the_senedd():
    run_import(DATA / "uk-devolved-2023-03-16.csv")

    sitting = Politician.objects.sitting()
    assert sitting.filter(house=House.SCOTTISH_PARLIAMENT).count() == 129
    assert sitting.filter(house=House.SENEDD).count() == 60
    assert (
        sitting.filter(house=House.SCOTTISH_PARLIAMENT, party__name="Scottish Green").count() == 7
    )
    assert not sitting.filter(house=House.NI_ASSEMBLY).exists()
