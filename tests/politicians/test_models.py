import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from politicians.models import Politician, sort_name_for
from tests.factories import PartyFactory, PoliticianFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("colour", ["blue", "#12345", "#1234567", "#gggggg"])
def test_party_colour_must_be_hex(colour):
    party = PartyFactory.build(colour=colour)

    with pytest.raises(ValidationError) as error:
        party.full_clean()

    assert "colour" in error.value.message_dict


def test_database_refuses_a_colour_that_skips_validation():
    party = PartyFactory()
    with pytest.raises(IntegrityError):
        type(party).objects.filter(pk=party.pk).update(colour="red")


def test_member_id_is_unique_when_present():
    PoliticianFactory(member_id=4805)
    with pytest.raises(IntegrityError):
        PoliticianFactory(member_id=4805)


def test_many_politicians_may_lack_a_member_id():
    PoliticianFactory(member_id=None)
    PoliticianFactory(member_id=None)

    assert Politician.objects.filter(member_id__isnull=True).count() == 2


def test_house_must_be_a_known_value():
    politician = PoliticianFactory()
    with pytest.raises(IntegrityError):
        Politician.objects.filter(pk=politician.pk).update(house="senate")


def test_profile_links_need_a_member_id():
    with_id = PoliticianFactory.build(
        name="Alicia Kearns", constituency="Rutland and Melton", member_id=4805
    )
    without_id = PoliticianFactory.build(member_id=None)

    assert with_id.parliament_profile_url == "https://members.parliament.uk/member/4805"
    assert with_id.theyworkforyou_url == (
        "https://www.theyworkforyou.com/mp/alicia_kearns/rutland_and_melton"
    )
    assert without_id.parliament_profile_url == ""
    assert without_id.theyworkforyou_url == ""


def test_sort_name_puts_surname_first():
    assert sort_name_for("Alicia Kearns") == "Kearns, Alicia"
