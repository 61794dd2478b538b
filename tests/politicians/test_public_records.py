"""Who may change what the public sees about people and parties: the role × action matrix.

Chosen: reviewer-only. An editor's change to a public person or a party would be live at once,
with nobody else looking; statements have their pending-change review because their words are
the product and are corrected often, while people's details change rarely and mostly through the
imports of official lists. So reviewers change them directly, and an editor's way to a new
person stays reviewed: whoever an editor adds is public only once a reviewer publishes one of
their statements.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from politicians.models import Party, Politician
from tests.admin_forms import form_values
from tests.factories import (
    EditorFactory,
    PartyFactory,
    PoliticianFactory,
    ReviewerFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def form_of(response, name):
    assert response.status_code == 200
    return form_values(BeautifulSoup(response.content, "lxml").select_one(f"form#{name}_form"))


def change_role(client, politician, role):
    url = reverse("admin:politicians_politician_change", args=[politician.pk])
    data = {**form_of(client.get(url), "politician"), "role": role}
    return client.post(url, data)


def add_party(client):
    url = reverse("admin:politicians_party_add")
    response = client.get(url)
    if response.status_code != 200:
        return response
    data = {**form_of(response, "party"), "name": "Reform UK", "slug": "reform-uk"}
    return client.post(url, data)


def rename_party(client, party):
    url = reverse("admin:politicians_party_change", args=[party.pk])
    response = client.get(url)
    data = {**form_values(BeautifulSoup(response.content, "lxml").select_one("#content-main form")),
            "name": "Labour and Co-operative"}  # fmt: skip
    return client.post(url, data)


def add_person(client):
    url = reverse("admin:politicians_politician_add")
    data = {
        **form_of(client.get(url), "politician"),
        "name": "Lord West of Spithead",
        "sort_name": "West of Spithead, Lord",
        "slug": "lord-west-of-spithead",
        "party": PartyFactory(name="Labour", slug="labour").pk,
        "house": "lords",
        "bench": "back",
    }
    return client.post(url, data)


@pytest.mark.parametrize(
    ("who", "may"),
    [(EditorFactory, False), (ReviewerFactory, True)],
    ids=["editor", "reviewer"],
)
def test_only_reviewers_change_a_public_persons_details(client, who, may):
    mp = PoliticianFactory(role="Backbench MP")  # on the official roll: public
    client.force_login(who())

    response = change_role(client, mp, "Minister for Security")

    mp.refresh_from_db()
    assert response.status_code == 302
    assert mp.role == ("Minister for Security" if may else "Backbench MP")


@pytest.mark.parametrize("who", [EditorFactory, ReviewerFactory], ids=["editor", "reviewer"])
def test_anyone_who_edits_people_edits_one_nobody_sees_yet(client, who):
    added_by_hand = PoliticianFactory(on_roll=False, role="")
    StatementFactory(politician=added_by_hand)  # a draft: not public
    client.force_login(who())

    change_role(client, added_by_hand, "Campaigner")

    added_by_hand.refresh_from_db()
    assert added_by_hand.role == "Campaigner"


def test_a_person_becomes_out_of_an_editors_reach_once_a_statement_is_published(client):
    person = PoliticianFactory(on_roll=False, role="")
    StatementFactory(politician=person, published=True)
    client.force_login(EditorFactory())

    page = client.get(reverse("admin:politicians_politician_change", args=[person.pk]))
    change_role(client, person, "Campaigner")

    assert "only a reviewer changes their details" in page.content.decode()
    person.refresh_from_db()
    assert person.role == ""


@pytest.mark.parametrize(
    ("who", "may"),
    [(EditorFactory, False), (ReviewerFactory, True)],
    ids=["editor", "reviewer"],
)
def test_only_reviewers_add_and_rename_parties(client, who, may):
    labour = PartyFactory(name="Labour", slug="labour")
    client.force_login(who())

    added = add_party(client)
    renamed = rename_party(client, labour)

    labour.refresh_from_db()
    assert Party.objects.filter(slug="reform-uk").exists() is may
    assert labour.name == ("Labour and Co-operative" if may else "Labour")
    if not may:
        assert (added.status_code, renamed.status_code) == (403, 403)


@pytest.mark.parametrize("who", [EditorFactory, ReviewerFactory], ids=["editor", "reviewer"])
def test_editors_and_reviewers_add_people_who_are_public_only_once_published(client, who):
    client.force_login(who())

    response = add_person(client)

    assert response.status_code == 302
    peer = Politician.objects.get(slug="lord-west-of-spithead")
    assert not Politician.objects.public().filter(pk=peer.pk).exists()
    assert client.get("/politicians/lord-west-of-spithead/").status_code == 404
