import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import data_version
from outreach.models import Outcome, Outreach
from tests.factories import OutreachFactory, PoliticianFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:politicians_politician_changelist")
IMPORT = reverse("admin:outreach_outreach_import")


def _select(people):
    return {"action": "record_outreach", ACTION_CHECKBOX_NAME: [p.pk for p in people]}


def test_record_outreach_asks_when_and_how_then_records_one_per_person(client, editor, topic):
    people = PoliticianFactory.create_batch(5)
    client.force_login(editor)

    form_page = client.post(CHANGELIST, _select(people))

    soup = BeautifulSoup(form_page.content, "lxml")
    assert form_page.status_code == 200
    assert len(soup.select("#record_outreach_form input[name=_selected_action]")) == 5
    assert Outreach.objects.count() == 0

    refused = client.post(
        CHANGELIST, {**_select(people), "topic": topic.pk, "asked_on": "soon", "method": "email"}
    )

    assert BeautifulSoup(refused.content, "lxml").select(".errorlist li")
    assert Outreach.objects.count() == 0

    done = client.post(
        CHANGELIST,
        {**_select(people), "topic": topic.pk, "asked_on": "2023-03-14", "method": "email"},
    )

    assert done.status_code == 302
    assert sorted(Outreach.objects.values_list("politician_id", flat=True)) == sorted(
        p.pk for p in people
    )
    assert set(Outreach.objects.values_list("outcome", "asked_by")) == {
        (Outcome.NO_REPLY, editor.pk)
    }


def test_the_batch_action_is_offered_only_to_those_who_may_record_outreach(client, topic):
    reader = UserFactory()  # staff who may read the politicians, but record nothing
    reader.user_permissions.add(Permission.objects.get(codename="view_politician"))
    people = PoliticianFactory.create_batch(2)
    client.force_login(reader)

    page = client.get(CHANGELIST)
    forced = client.post(
        CHANGELIST,
        {**_select(people), "topic": topic.pk, "asked_on": "2023-03-14", "method": "email"},
    )

    assert page.status_code == 200
    assert not BeautifulSoup(page.content, "lxml").select("option[value=record_outreach]")
    assert forced.status_code in (200, 302)
    assert Outreach.objects.count() == 0


def test_the_import_page_shows_every_problem_and_records_nothing(client, editor, topic):
    PoliticianFactory(member_id=4805)
    client.force_login(editor)
    assert client.get(IMPORT).status_code == 200
    bad = SimpleUploadedFile(
        "survey.csv", b"politician,member_id,topic,asked_on,method\n,4805,,2023-03-14,fax\n"
    )

    refused = client.post(IMPORT, {"file": bad})

    problems = [
        li.get_text() for li in BeautifulSoup(refused.content, "lxml").select(".errorlist li")
    ]
    assert problems == [
        "row 2, method: “fax” is not one of email, phone, letter, social, in_person"
    ]
    assert Outreach.objects.count() == 0

    good = SimpleUploadedFile(
        "survey.csv", b"politician,member_id,topic,asked_on,method\n,4805,,2023-03-14,email\n"
    )
    done = client.post(IMPORT, {"file": good})

    assert done.status_code == 302
    assert Outreach.objects.get().asked_by == editor


def test_a_file_that_is_not_utf8_is_a_form_error(client, editor):
    client.force_login(editor)

    refused = client.post(IMPORT, {"file": SimpleUploadedFile("x.csv", b"\xff\xfe\x00bad")})

    errors = BeautifulSoup(refused.content, "lxml").select(".errorlist li")
    assert "not UTF-8" in errors[0].get_text()


def test_a_superuser_deletes_a_record_through_its_confirmation_page(
    client, superuser, reviewer, django_capture_on_commit_callbacks
):
    """The admin's delete pages go through outreach_delete: only a superuser may, the public
    data version moves (the survey line is public), and the record's history keeps it."""
    record = OutreachFactory()
    page = reverse("admin:outreach_outreach_delete", args=[record.pk])

    client.force_login(reviewer)
    assert client.get(page).status_code == 403
    assert client.post(page, {"post": "yes"}).status_code == 403
    assert Outreach.objects.filter(pk=record.pk).exists()

    client.force_login(superuser)
    confirm = BeautifulSoup(client.get(page).content, "lxml")
    form = confirm.select_one("#content form")
    assert form.select_one("input[name=post]")["value"] == "yes"
    version = data_version.current().number
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(page, {"post": "yes"})
    assert done.status_code == 302
    assert not Outreach.objects.filter(pk=record.pk).exists()
    assert data_version.current().number == version + 1
    assert Outreach.history.filter(id=record.pk, history_type="-").exists()

    # A record that is gone: the admin says so and sends the superuser back, nothing breaks.
    again = client.post(page, {"post": "yes"}, follow=True)
    assert again.status_code == 200
    assert "doesn’t exist" in again.content.decode()


def test_a_superuser_deletes_selected_records_through_the_bulk_action(
    client, superuser, django_capture_on_commit_callbacks
):
    records = OutreachFactory.create_batch(3)
    changelist = reverse("admin:outreach_outreach_changelist")
    chosen = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [r.pk for r in records[:2]]}
    client.force_login(superuser)

    confirm = client.post(changelist, chosen)
    assert confirm.status_code == 200
    assert Outreach.objects.count() == 3  # asked, not yet done
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(changelist, {**chosen, "post": "yes"})
    assert done.status_code == 302
    assert list(Outreach.objects.values_list("pk", flat=True)) == [records[2].pk]

    # Nothing selected: the admin asks for a choice and deletes nothing.
    refused = client.post(changelist, {"action": "delete_selected", "index": "0"}, follow=True)
    assert "Items must be selected" in refused.content.decode()
    assert Outreach.objects.count() == 1
