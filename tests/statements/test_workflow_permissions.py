"""Who may do what to a statement: anonymous, editor, reviewer, superuser.

Each power is tried through the admin with the test client (what a browser can send, buttons or
not) and through the services the admin calls; the server's answer is what counts.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from statements.models import Correction, Statement, StatementStatus
from statements.services import (
    StatementWorkflowError,
    statement_publish,
    statement_retract,
    statement_save_draft,
)
from tests.factories import EditorFactory, PoliticianFactory, ReviewerFactory, StatementFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:statements_statement_changelist")
ROLES = ["anonymous", "editor", "reviewer", "superuser"]


@pytest.fixture
def author(db):
    return EditorFactory(username="author")


@pytest.fixture
def draft(author, topic):
    statement = StatementFactory.build(politician=PoliticianFactory(), words="Ban it on phones.")
    return statement_save_draft(statement=statement, actor=author)


@pytest.fixture
def published(draft, db):
    return statement_publish(statement=draft, reviewer=ReviewerFactory(username="first-reviewer"))


def log_in_as(client, request, role):
    if role == "anonymous":
        return None
    user = request.getfixturevalue(role)
    client.force_login(user)
    return user


def status_of(statement):
    statement.refresh_from_db()
    return statement.status


# View a draft: never public; in the admin for staff only.


@pytest.mark.parametrize("role", ROLES)
def test_draft_permalink_is_not_found_for_everyone(client, request, role, draft):
    log_in_as(client, request, role)

    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("editor", 200),
        ("reviewer", 200),
        ("superuser", 200),
    ],
)
def test_draft_in_the_admin_is_for_staff(client, request, role, expected, draft):
    log_in_as(client, request, role)

    response = client.get(reverse("admin:statements_statement_change", args=[draft.pk]))

    assert response.status_code == expected
    if expected == 302:
        assert "/admin/login/" in response["Location"]


# Publish: the button on the draft's page posts to this URL.


def publish_url(statement):
    return reverse("admin:statements_statement_publish", args=[statement.pk])


@pytest.mark.parametrize(
    ("role", "status_code", "after"),
    [
        ("anonymous", 302, StatementStatus.DRAFT),
        ("editor", 403, StatementStatus.DRAFT),
        ("reviewer", 302, StatementStatus.PUBLISHED),
        ("superuser", 302, StatementStatus.PUBLISHED),
    ],
)
def test_publish_button_url(client, request, role, status_code, after, draft):
    user = log_in_as(client, request, role)

    response = client.post(publish_url(draft))

    assert response.status_code == status_code
    assert status_of(draft) == after
    if after == StatementStatus.PUBLISHED:
        assert draft.reviewed_by == user
        assert client.get(draft.get_absolute_url()).status_code == 200


def test_publish_button_shows_only_to_those_who_may_press_it(client, editor, reviewer, draft):
    change_url = reverse("admin:statements_statement_change", args=[draft.pk])

    def buttons(user):
        client.force_login(user)
        soup = BeautifulSoup(client.get(change_url).content, "lxml")
        return [form["action"] for form in soup.select(".review-panel form")]

    assert buttons(editor) == []
    assert buttons(reviewer) == [publish_url(draft)]


def test_publish_button_refuses_a_get(client, reviewer, draft):
    client.force_login(reviewer)

    assert client.get(publish_url(draft)).status_code == 405
    assert status_of(draft) == StatementStatus.DRAFT


def test_reviewer_cannot_publish_their_own_statement(client, reviewer, topic):
    own = statement_save_draft(
        statement=StatementFactory.build(politician=PoliticianFactory()), actor=reviewer
    )
    client.force_login(reviewer)

    response = client.post(publish_url(own), follow=True)

    assert status_of(own) == StatementStatus.DRAFT
    assert "A reviewer other than the statement" in response.content.decode()


def test_superuser_may_publish_their_own_statement(superuser, topic):
    own = statement_save_draft(
        statement=StatementFactory.build(politician=PoliticianFactory()), actor=superuser
    )

    statement_publish(statement=own, reviewer=superuser)

    assert status_of(own) == StatementStatus.PUBLISHED


# The services let reviewers (and superusers) publish and retract; an editor is refused.
ONLY_REVIEWERS = [("editor", False), ("reviewer", True), ("superuser", True)]


@pytest.mark.parametrize(("role", "allowed"), ONLY_REVIEWERS)
def test_publish_service(request, role, allowed, draft):
    user = request.getfixturevalue(role)

    if allowed:
        statement_publish(statement=draft, reviewer=user)
    else:
        with pytest.raises(PermissionDenied):
            statement_publish(statement=draft, reviewer=user)

    assert status_of(draft) == (StatementStatus.PUBLISHED if allowed else StatementStatus.DRAFT)


# Retract: the admin action, with its reason.


@pytest.mark.parametrize(
    ("role", "after"),
    [
        ("anonymous", StatementStatus.PUBLISHED),
        ("editor", StatementStatus.PUBLISHED),
        ("reviewer", StatementStatus.RETRACTED),
        ("superuser", StatementStatus.RETRACTED),
    ],
)
def test_retract_action(client, request, role, after, published):
    log_in_as(client, request, role)

    client.post(
        CHANGELIST,
        {"action": "retract", "_selected_action": [published.pk], "reason": "Misattributed."},
    )

    assert status_of(published) == after
    retracted = after == StatementStatus.RETRACTED
    assert Correction.objects.filter(statement=published, kind="retraction").exists() is retracted
    assert client.get(published.get_absolute_url()).status_code == 200  # says it was retracted


@pytest.mark.parametrize(("role", "allowed"), ONLY_REVIEWERS)
def test_retract_service(request, role, allowed, published):
    user = request.getfixturevalue(role)

    if allowed:
        statement_retract(statement=published, actor=user, reason="Wrong speaker.")
    else:
        with pytest.raises(PermissionDenied):
            statement_retract(statement=published, actor=user, reason="Wrong speaker.")

    assert status_of(published) == (
        StatementStatus.RETRACTED if allowed else StatementStatus.PUBLISHED
    )


def test_retracted_statement_cannot_be_edited_in_the_admin(client, superuser, published):
    statement_retract(statement=published, actor=superuser, reason="Wrong speaker.")
    client.force_login(superuser)

    response = client.get(reverse("admin:statements_statement_change", args=[published.pk]))

    soup = BeautifulSoup(response.content, "lxml")
    assert soup.select("textarea[name=words]") == []  # shown read-only


# Restore: simple_history's Revert, routed through the draft workflow.


def restore_url(statement, version):
    return reverse(
        "admin:statements_statement_simple_history", args=[statement.pk, version.history_id]
    )


@pytest.mark.parametrize(
    ("role", "restored"),
    [
        ("anonymous", False),
        ("editor", True),
        ("reviewer", True),
        ("superuser", True),
    ],
)
def test_restore_an_earlier_version(client, request, role, restored, published, author):
    first = published.history.earliest()
    published.words = "Changed words."
    published.pending_correction_note = "Fixed a typo."
    statement_save_draft(statement=published, actor=author)
    statement_publish(statement=published, reviewer=ReviewerFactory(username="second-reviewer"))
    user = log_in_as(client, request, role)

    client.post(restore_url(published, first), {"_save": "Revert"})

    published.refresh_from_db()
    # The public keeps what was published; the restored words wait as a correction.
    assert published.words == "Changed words."
    assert published.status == StatementStatus.PUBLISHED
    assert (published.editorial_content()["words"] == "Ban it on phones.") is restored
    if restored:
        assert published.has_pending_correction
        assert published.last_edited_by == user
        assert published.pending_started_by == user


def test_restoring_a_never_published_draft_changes_the_draft(client, editor, draft, author):
    first = draft.history.earliest()
    draft.words = "Changed words."
    statement_save_draft(statement=draft, actor=author)
    client.force_login(editor)

    client.post(restore_url(draft, first), {"_save": "Revert"})

    draft.refresh_from_db()
    assert (draft.words, draft.status, draft.pending_content) == (
        "Ban it on phones.",
        StatementStatus.DRAFT,
        None,
    )


# Publish a correction: the same button, the same four-eyes rule, as a new draft.


@pytest.mark.parametrize(
    ("role", "status_code", "corrected"),
    [
        ("anonymous", 302, False),
        ("editor", 403, False),
        ("reviewer", 302, True),
        ("superuser", 302, True),
    ],
)
def test_publish_a_correction(client, request, role, status_code, corrected, published, author):
    published.words = "Ban it on every phone."
    statement_save_draft(statement=published, actor=author, correction_note="Misquoted.")
    log_in_as(client, request, role)

    response = client.post(publish_url(published))

    assert response.status_code == status_code
    published.refresh_from_db()
    assert published.status == StatementStatus.PUBLISHED  # live throughout
    assert (published.words == "Ban it on every phone.") is corrected
    assert published.has_pending_correction is not corrected
    assert Correction.objects.filter(statement=published).exists() is corrected
    assert client.get(published.get_absolute_url()).status_code == 200


def test_viewer_without_change_permission_cannot_restore(client, published, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_statement"))
    first = published.history.earliest()
    client.force_login(viewer)

    response = client.post(restore_url(published, first), {"_save": "Revert"})

    assert response.status_code == 403
    assert status_of(published) == StatementStatus.PUBLISHED


def test_retracted_statement_cannot_be_restored(client, superuser, published):
    first = published.history.earliest()
    statement_retract(statement=published, actor=superuser, reason="Wrong speaker.")
    client.force_login(superuser)

    response = client.post(restore_url(published, first), {"_save": "Revert"})

    assert response.status_code == 403
    assert status_of(published) == StatementStatus.RETRACTED


def test_workflow_error_is_a_domain_exception(superuser, published):
    statement_retract(statement=published, actor=superuser, reason="Wrong speaker.")

    with pytest.raises(StatementWorkflowError):
        statement_save_draft(statement=Statement.objects.get(pk=published.pk), actor=superuser)
