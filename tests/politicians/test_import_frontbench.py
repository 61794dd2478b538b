"""`manage.py import_frontbench`: roles and benches as of a date, all rows or none."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from politicians.models import Bench, House, Party, Politician
from tests.factories import PartyFactory, PoliticianFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
SAMPLE = SAMPLES / "uk-frontbench-2023-03-16-sample.csv"
DATA = Path(__file__).resolve().parents[2] / "politicians" / "data"
MARCH_16 = datetime.date(2023, 3, 16)
HEADER = "name,mnis_id,house,party,role,side,source\n"


def run_import(path, *args):
    call_command("import_frontbench", str(path), *args)


@pytest.fixture
def commons():
    """The MPs the sample file names, and four it does not."""
    con = PartyFactory(name="Conservative", slug="conservative")
    lab = PartyFactory(name="Labour", slug="labour")
    snp = PartyFactory(name="Scottish National Party", slug="scottish-national-party")
    return {
        "sunak": PoliticianFactory(name="Rishi Sunak", member_id=4483, party=con),
        "starmer": PoliticianFactory(name="Keir Starmer", member_id=4514, party=lab),
        # Not in the file: a government backbencher, two opposition MPs, a former Tory MP.
        "kearns": PoliticianFactory(name="Alicia Kearns", member_id=4805, party=con),
        "rayner": PoliticianFactory(name="Angela Rayner", member_id=4356, party=lab),
        "flynn": PoliticianFactory(name="Stephen Flynn", member_id=4735, party=snp),
        "former": PoliticianFactory(name="Former Tory", party=con, is_sitting=False),
    }


def fresh(politician):
    return Politician.objects.get(pk=politician.pk)


def test_good_file_gives_ministers_and_shadows_their_role_and_frontbench_as_of_its_date(commons):
    run_import(SAMPLE)

    sunak, starmer = fresh(commons["sunak"]), fresh(commons["starmer"])
    assert (sunak.role, sunak.bench, sunak.bench_as_of) == ("Prime Minister", "front", MARCH_16)
    assert (starmer.role, starmer.bench, starmer.bench_as_of) == (
        "Leader of the Opposition",
        "front",
        MARCH_16,
    )
    reason = sunak.history.first().history_change_reason
    assert reason == (
        "Frontbench import, as of 16 March 2023: role “” → “Prime Minister”; "
        "bench Backbench → Frontbench; bench as of none → 16 March 2023"
    )


def test_peers_are_added_to_the_lords_with_party_role_and_frontbench(commons):
    run_import(SAMPLE)

    true = Politician.objects.get(member_id=4200)
    assert (true.name, true.house, true.party.name, true.role) == (
        "Lord True",
        House.LORDS,
        "Conservative",
        "Leader of the House of Lords",
    )
    assert (true.bench, true.bench_as_of, true.is_sitting, true.on_roll) == (
        "front",
        MARCH_16,
        True,
        True,
    )
    assert (true.slug, true.sort_name) == ("lord-true", "True, Lord")
    smith = Politician.objects.get(member_id=4170)
    assert (smith.sort_name, smith.party.name) == ("Smith of Basildon, Baroness", "Labour")
    assert "added as a member of the House of Lords" in smith.history.first().history_change_reason


def test_governing_party_mps_not_in_the_file_are_backbench_and_the_rest_stay_not_known(commons):
    for politician in commons.values():
        Politician.objects.filter(pk=politician.pk).update(bench=Bench.UNKNOWN)

    run_import(SAMPLE)

    kearns = fresh(commons["kearns"])
    # The government side of the file is complete: a Conservative MP not on it is backbench.
    assert (kearns.bench, kearns.bench_as_of) == ("back", MARCH_16)
    assert kearns.history.first().history_change_reason == (
        "Frontbench import, as of 16 March 2023: bench Not known → Backbench; "
        "bench as of none → 16 March 2023 (a governing party's MP who holds no government post)"
    )
    # The opposition lists are partial: a Labour or SNP MP not on them has no known bench.
    for key in ("rayner", "flynn"):
        assert (fresh(commons[key]).bench, fresh(commons[key]).bench_as_of) == ("unknown", None)
    # A former MP is not on the benches at all.
    assert fresh(commons["former"]).bench_as_of is None


def test_rerunning_the_same_file_changes_nothing_and_says_so(commons, capsys):
    run_import(SAMPLE)
    capsys.readouterr()
    history_before = Politician.history.count()
    people_before = Politician.objects.count()

    run_import(SAMPLE)

    out = capsys.readouterr().out
    assert "0 added, 0 updated" in out and "Nothing changed." in out
    assert Politician.history.count() == history_before
    assert Politician.objects.count() == people_before


def test_bad_rows_write_nothing_and_are_named_by_row_and_column(commons, capsys):
    before = list(Politician.objects.values_list("pk", "role", "bench", "bench_as_of"))

    with pytest.raises(CommandError, match="7 problem"):
        run_import(SAMPLES / "frontbench_bad.csv", "--as-of", "2023-03-16")

    errors = capsys.readouterr().err
    assert "row 3, name: is empty" in errors
    assert "row 4, mnis_id: “forty” is not a member id" in errors
    assert "row 5, house: “Senate” is not one of commons, lords" in errors
    assert "row 6, side: “neutral” is not one of government, opposition" in errors
    assert "row 7, mnis_id: 4483 is also on row 2" in errors
    assert "row 8, role: is empty" in errors
    assert "row 8, source: does not start with http://, https:// or github:" in errors
    # Row 2 was good, but a file is written whole or not at all.
    assert list(Politician.objects.values_list("pk", "role", "bench", "bench_as_of")) == before
    assert not Politician.objects.filter(house=House.LORDS).exists()


def test_rows_that_disagree_with_the_member_list_are_errors_and_nothing_is_written(
    commons, tmp_path, capsys
):
    path = tmp_path / "frontbench-2023-03-16.csv"
    path.write_text(
        HEADER
        + "Lord True,4200,Lords,Conservative,Leader of the House of Lords,government,https://a.example\n"
        + "Nobody Held,9999,Commons,Conservative,Minister,government,https://a.example\n"
        + "Keir Starmer,4514,Commons,Conservative,Prime Minister,government,https://a.example\n"
        + "Angela Rayner,4483,Lords,Labour,Deputy Leader,opposition,https://a.example\n"
    )

    with pytest.raises(CommandError, match="3 problem"):
        run_import(path)

    errors = capsys.readouterr().err
    assert "row 3, name: “Nobody Held” is not a sitting MP we hold; import the members first" in (
        errors
    )
    assert (
        "row 4, party: “Conservative” is not Keir Starmer's party in the member list (Labour)"
        in (errors)
    )
    assert "row 5, mnis_id: 4483 is held for Rishi Sunak, who does not sit in the Lords" in errors
    assert not Politician.objects.filter(name="Lord True").exists()
    assert fresh(commons["starmer"]).role == ""


def test_an_mp_without_member_id_is_matched_by_name(commons, tmp_path):
    benton = PoliticianFactory(
        name="Scott Benton", member_id=None, party=Party.objects.get(slug="conservative")
    )
    path = tmp_path / "frontbench-2023-03-16.csv"
    path.write_text(
        HEADER
        + "Scott Benton,,Commons,Conservative,Whip (Government Whip),government,https://a.example\n"
    )

    run_import(path)

    assert (fresh(benton).role, fresh(benton).bench) == ("Whip (Government Whip)", "front")


def test_as_of_comes_from_the_option_else_the_file_name_else_is_an_error(commons, tmp_path):
    text = SAMPLE.read_text()
    undated = tmp_path / "frontbench.csv"
    undated.write_text(text)

    with pytest.raises(CommandError, match="--as-of YYYY-MM-DD"):
        run_import(undated)
    with pytest.raises(CommandError, match="not a date"):
        run_import(undated, "--as-of", "16/03/2023")
    assert fresh(commons["sunak"]).bench_as_of is None

    run_import(undated, "--as-of", "2023-04-21")

    assert fresh(commons["sunak"]).bench_as_of == datetime.date(2023, 4, 21)


def test_dry_run_writes_nothing(commons, capsys):
    run_import(SAMPLE, "--dry-run")

    assert "Dry run" in capsys.readouterr().out
    assert fresh(commons["sunak"]).role == ""
    assert not Politician.objects.filter(house=House.LORDS).exists()


def test_shipped_file_puts_the_prime_minister_and_157_mps_on_the_frontbench():
    call_command("import_members", str(DATA / "uk-commons-2019-mps.csv"))

    run_import(DATA / "uk-frontbench-2023-03-16.csv")

    sunak = Politician.objects.get(slug="rishi-sunak")
    assert (sunak.role, sunak.bench, sunak.bench_as_of) == ("Prime Minister", "front", MARCH_16)
    sitting_mps = Politician.objects.sitting().filter(house=House.COMMONS)
    assert sitting_mps.count() == 650
    assert sitting_mps.filter(bench=Bench.FRONT).count() == 157
    # Every Conservative MP is either on the government frontbench or on the backbenches.
    assert sitting_mps.filter(party__name="Conservative", bench=Bench.UNKNOWN).count() == 0
    assert sitting_mps.filter(party__name="Conservative", bench=Bench.BACK).count() == 355 - 94
    assert Politician.objects.filter(house=House.LORDS, bench=Bench.FRONT).count() == 32
