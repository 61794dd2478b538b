"""Every page of the admin saves a valid form and re-shows an invalid one: never a 500.

The pages come from the admin's own registry, so a model registered tomorrow fails here until
it has a case saying who may edit it and what a valid and an invalid change look like. Each
form is read from the page as a browser would submit it (tests/admin_forms.py), changed, and
posted by a user with the right to do so: the answer must be a redirect and the change must be
in the database; an invalid change must come back as the form with an error, and save nothing.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from bs4 import BeautifulSoup
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SignInEvent, SignInEventKind
from outreach.models import Outcome, Outreach
from politicians.models import Party, Politician
from sources.models import Capture, LinkCheck, PositionCue, TopicTerm
from statements.models import (
    Correction,
    Position,
    PositionChange,
    Source,
    Stance,
    Statement,
    StatementImportJob,
    StatementStatus,
    Topic,
)
from tests.admin_forms import form_values, statement_form_data
from tests.factories import (
    CaptureFactory,
    CorrectionFactory,
    EditorFactory,
    OutreachFactory,
    PartyFactory,
    PoliticianFactory,
    ReviewerFactory,
    SourceFactory,
    StanceFactory,
    StatementFactory,
    SuperuserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unguessable passphrase 42"


@dataclass
class Case:
    """How to test one ModelAdmin: who edits, what to add, what to change, what is refused."""

    user: Any  # a factory for the user who may do it
    make: Any  # an existing object to open the change page of
    add: dict = field(default_factory=dict)  # fields typed into the add form
    change: dict = field(default_factory=dict)  # fields changed on the change form
    # A change the form must refuse; None when every field on the page is read-only.
    invalid: dict | None = field(default_factory=dict)
    added: Any = None  # check(new object): what was typed is in the database
    changed: Any = None  # check(object after the change): the change is in the database
    add_invalid: dict | None = None  # for the add form, if not `invalid`


def _statement_add(_obj=None):
    return statement_form_data(PoliticianFactory().pk, Topic.objects.default().pk)


def _politician_with_a_draft():
    # Added by hand, nothing published: nobody sees them yet, so an editor edits them freely.
    politician = PoliticianFactory(role="Backbench MP", on_roll=False)
    StatementFactory(politician=politician, words="Draft words before the edit.")
    return politician


def _politician_changed(politician):
    # The statement edited on the same page went through the workflow: still a draft.
    statement = politician.statements.get()
    return (politician.role, statement.words, statement.status, statement.last_edited_by) == (
        "Minister for Security",
        "Corrected on the politician's page.",
        StatementStatus.DRAFT,
        get_user_model().objects.get(groups__name="Editors"),
    )


def _peer_added(peer):
    # The first quote typed on the same page is a draft entered by the editor.
    statement = peer.statements.get()
    return (peer.house, peer.name, statement.status, statement.words, statement.entered_by) == (
        "lords",
        "Lord West of Spithead",
        StatementStatus.DRAFT,
        "Ban it outright.",
        get_user_model().objects.get(groups__name="Editors"),
    )


CASES = {
    Topic: Case(
        user=ReviewerFactory,
        make=lambda: Topic.objects.default(),
        add={
            "title": "DeepSeek ban",
            "slug": "deepseek-ban",
            "question": "Should DeepSeek be banned?",
            "summary": "Whether government devices may run DeepSeek.",
            "opened_on": "2025-02-01",
            "is_default": [],
        },
        change={"question": "Should the app be banned on government devices?"},
        invalid={"opened_on": "the first of March"},
        added=lambda topic: (topic.slug, topic.is_default) == ("deepseek-ban", False),
        changed=lambda topic: topic.question == "Should the app be banned on government devices?",
    ),
    Statement: Case(
        user=EditorFactory,
        make=lambda: StatementFactory(words="Words before the edit."),
        add=_statement_add,
        change={"words": "Words after the edit."},
        invalid={"source_url": "javascript:alert(1)"},
        added=lambda statement: (
            (statement.words, statement.status, statement.entered_by.username)
            == (
                "They should extend the ban to ministers' private phones.",
                StatementStatus.DRAFT,
                get_user_model().objects.get(groups__name="Editors").username,
            )
        ),
        changed=lambda statement: (
            (statement.words, statement.status) == ("Words after the edit.", StatementStatus.DRAFT)
        ),
    ),
    Stance: Case(
        user=ReviewerFactory,
        make=lambda: StanceFactory(position=Position.SUPPORTS),
        change={"summary": "Backs the ban, and no more."},
        invalid={"is_pinned": "on", "pinned_reason": ""},
        changed=lambda stance: stance.summary == "Backs the ban, and no more.",
    ),
    PositionChange: Case(
        user=EditorFactory,
        make=lambda: PositionChange.objects.create(
            politician=PoliticianFactory(),
            topic=Topic.objects.default(),
            from_position="",
            to_position=Position.SUPPORTS,
            changed_on=datetime.date(2023, 3, 13),
        ),
    ),
    Correction: Case(user=EditorFactory, make=CorrectionFactory),
    # What the public sees about people and parties changes only by a reviewer's hand
    # (tests/politicians/test_public_records.py has who may do what).
    Party: Case(
        user=ReviewerFactory,
        make=lambda: PartyFactory(name="Alba Party", slug="alba-party"),
        add={"name": "Plaid Cymru", "short_name": "Plaid", "slug": "plaid-cymru"},
        change={"short_name": "Alba"},
        invalid={"colour": "red"},
        added=lambda party: (party.slug, party.short_name) == ("plaid-cymru", "Plaid"),
        changed=lambda party: party.short_name == "Alba",
    ),
    Politician: Case(
        user=EditorFactory,
        make=_politician_with_a_draft,
        add=lambda: {
            "name": "Lord West of Spithead",
            "sort_name": "West of Spithead, Lord",
            "slug": "lord-west-of-spithead",
            "party": PartyFactory(name="Labour", slug="labour").pk,
            "house": "lords",
            "constituency": "",
            "bench": "back",
            # A first quote entered in the inline on the same page.
            "statements-TOTAL_FORMS": "1",
            **{
                f"statements-0-{name}": value
                for name, value in statement_form_data(
                    "", Topic.objects.default().pk, words="Ban it outright."
                ).items()
                if name != "politician"
            },
        },
        change={
            "role": "Minister for Security",
            "statements-0-words": "Corrected on the politician's page.",
        },
        invalid={"name": "", "statements-0-source_url": "ftp://files.example/x"},
        added=_peer_added,
        changed=_politician_changed,
    ),
    get_user_model(): Case(
        user=SuperuserFactory,
        make=lambda: UserFactory(username="reporter"),
        add={"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD},
        add_invalid={"password2": "something else entirely"},
        change={"first_name": "Rita"},
        invalid={"username": "no spaces or slashes/allowed here"},
        added=lambda user: user.username == "newcomer" and user.check_password(PASSWORD),
        changed=lambda user: (user.username, user.first_name) == ("reporter", "Rita"),
    ),
    Group: Case(
        user=SuperuserFactory,
        make=lambda: Group.objects.get(name="Editors"),
        add={"name": "Fact checkers"},
        change={"name": "Editors and subeditors"},
        invalid={"name": ""},
        added=lambda group: group.name == "Fact checkers",
        changed=lambda group: group.name == "Editors and subeditors",
    ),
}


def _login_record(model, **fields):
    return model.objects.create(
        user_agent="Mozilla/5.0",
        ip_address="192.0.2.10",
        username="reporter",
        http_accept="text/html",
        path_info="/admin/login/",
        **fields,
    )


# django-axes' records of logins: read-only pages a superuser may open and save unchanged.
CASES.update(
    {
        AccessAttempt: Case(
            user=SuperuserFactory,
            make=lambda: _login_record(
                AccessAttempt, get_data="", post_data="username=reporter", failures_since_start=3
            ),
            invalid=None,
            changed=lambda attempt: (
                (attempt.username, attempt.failures_since_start) == ("reporter", 3)
            ),
        ),
        AccessLog: Case(
            user=SuperuserFactory,
            make=lambda: _login_record(AccessLog),
            invalid=None,
            changed=lambda log: (log.username, log.logout_time) == ("reporter", None),
        ),
        AccessFailureLog: Case(
            user=SuperuserFactory,
            make=lambda: _login_record(AccessFailureLog, locked_out=False),
            invalid=None,
            changed=lambda log: (log.username, log.locked_out) == ("reporter", False),
        ),
    }
)

# The extractor's lexicon: editors keep a topic's cue phrases and the words that name it.
CASES.update(
    {
        Source: Case(
            user=EditorFactory,
            make=SourceFactory,
            add={
                "url": "https://courier.example/mps-split",
                "outlet": "The Westford Courier",
                "title": "MPs split",
                "published_on": "2023-03-16",
                "kind": "news_article",
            },
            change={"title": "MPs split over the ban"},
            invalid={"published_on": "16 Marchember"},
            add_invalid={"url": "javascript:alert(1)"},
            added=lambda source: (
                (source.url, source.outlet)
                == ("https://courier.example/mps-split", "The Westford Courier")
            ),
            changed=lambda source: source.title == "MPs split over the ban",
        ),
        # Written by the fetcher and the link check only: staff read them.
        Capture: Case(user=EditorFactory, make=CaptureFactory),
        LinkCheck: Case(
            user=EditorFactory,
            make=lambda: LinkCheck.objects.create(
                source=SourceFactory(), checked_at=timezone.now(), status_code=404, is_dead=True
            ),
        ),
        PositionCue: Case(
            user=EditorFactory,
            make=lambda: PositionCue.objects.create(
                topic=Topic.objects.default(),
                position=Position.OPPOSES,
                phrase="hands off my phone",
            ),
            add=lambda: {
                "topic": Topic.objects.default().pk,
                "position": Position.WANTS_EXTENDED,
                "phrase": "ban it on every phone",
            },
            change={"phrase": "keep your hands off my phone"},
            invalid={"position": "sometimes"},
            added=lambda cue: (
                (cue.phrase, cue.position) == ("ban it on every phone", Position.WANTS_EXTENDED)
            ),
            changed=lambda cue: cue.phrase == "keep your hands off my phone",
        ),
        TopicTerm: Case(
            user=EditorFactory,
            make=lambda: TopicTerm.objects.create(
                topic=Topic.objects.default(), phrase="video-sharing app"
            ),
            add=lambda: {"topic": Topic.objects.default().pk, "phrase": "Chinese-owned app"},
            change={"phrase": "short-video app"},
            invalid={"phrase": ""},
            added=lambda term: term.phrase == "Chinese-owned app",
            changed=lambda term: term.phrase == "short-video app",
        ),
    }
)

# Who was asked about a topic, and what they answered: editors keep these records.
CASES.update(
    {
        Outreach: Case(
            user=EditorFactory,
            make=lambda: OutreachFactory(notes="Sent to the constituency office."),
            add=lambda: {
                "politician": PoliticianFactory().pk,
                "topic": Topic.objects.default().pk,
                "asked_on": "2023-03-14",
                "method": "phone",
                "outcome": Outcome.NO_REPLY,
            },
            change={"outcome": Outcome.DECLINED, "outcome_on": "2023-03-15"},
            # A reply is the statement it produced: one without is refused.
            invalid={"outcome": Outcome.REPLIED},
            added=lambda outreach: (
                (outreach.method, outreach.asked_by.username)
                == ("phone", get_user_model().objects.get(groups__name="Editors").username)
            ),
            changed=lambda outreach: (
                (outreach.outcome, outreach.outcome_on)
                == (Outcome.DECLINED, datetime.date(2023, 3, 15))
            ),
        ),
    }
)

# Staff accounts: the sign-in log, the admin's own action log and the authenticators are
# records nobody edits; only superusers read them.
CASES.update(
    {
        SignInEvent: Case(
            user=SuperuserFactory,
            make=lambda: SignInEvent.objects.create(
                kind=SignInEventKind.FAILED, username="reporter", address="192.0.2.10"
            ),
            invalid=None,
            changed=lambda event: (event.username, event.kind) == ("reporter", "failed"),
        ),
        LogEntry: Case(
            user=SuperuserFactory,
            make=lambda: LogEntry.objects.create(
                user=UserFactory(username="reporter"),
                object_repr="Labour",
                action_flag=CHANGE,
                change_message="Renamed",
            ),
            invalid=None,
            changed=lambda entry: entry.object_repr == "Labour",
        ),
        TOTPDevice: Case(
            user=SuperuserFactory,
            make=lambda: TOTPDevice.objects.create(
                user=UserFactory(username="reporter", is_staff=False), name="Phone"
            ),
            invalid=None,
            changed=lambda device: device.name == "Phone",
        ),
    }
)

# Queued statement imports are written by the import task only: whoever may import reads them.
CASES.update(
    {
        StatementImportJob: Case(
            user=EditorFactory,
            make=lambda: StatementImportJob.objects.create(
                created_by=UserFactory(username="reporter"),
                file_name="0" * 32,
                original_name="statements.csv",
                state="done",
                rows_total=3,
                rows_done=3,
                drafts_created=3,
            ),
            invalid=None,
            changed=lambda job: (job.state, job.drafts_created) == ("done", 3),
        ),
    }
)

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def label(model):
    return model._meta.label


def test_every_registered_model_admin_has_a_case():
    missing = [label(model) for model in REGISTERED if model not in CASES]
    assert missing == [], f"Add a case to tests/test_admin_pages.py for: {', '.join(missing)}"


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def page_form(response, model):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    form = soup.select_one(f"form#{model._meta.model_name}_form")
    assert form is not None, "the page has no form to submit"
    return form_values(form)


def errors_shown(response):
    assert response.status_code == 200, "an invalid form must come back with its errors"
    soup = BeautifulSoup(response.content, "lxml")
    return [
        " ".join(error.get_text(" ").split()) for error in soup.select(".errornote, .errorlist li")
    ]


def may(model, user, permission, obj=None):
    request = RequestFactory().get("/admin/")
    request.user = user
    check = getattr(admin.site._registry[model], f"has_{permission}_permission")
    return check(request, obj) if permission == "change" else check(request)


def _case(model):
    if model not in CASES:
        pytest.fail(f"No case for {label(model)}: add one to CASES")
    return CASES[model]


def _resolved(value):
    return value() if callable(value) else value


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_add_page_saves_a_valid_form_and_reshows_an_invalid_one(client, model, topic):
    case = _case(model)
    user = case.user()
    client.force_login(user)
    url = admin_url(model, "add")
    if not may(model, user, "add"):
        assert client.get(url).status_code == 403
        return
    data = {**page_form(client.get(url), model), **_resolved(case.add)}
    held = set(model._default_manager.values_list("pk", flat=True))

    refused = client.post(url, {**data, **(case.add_invalid or case.invalid)})

    assert errors_shown(refused)
    assert set(model._default_manager.values_list("pk", flat=True)) == held

    response = client.post(url, data)

    assert response.status_code == 302, errors_shown(response)
    (added,) = model._default_manager.exclude(pk__in=held)
    assert case.added(added)


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_change_page_saves_a_valid_form_and_reshows_an_invalid_one(client, model, topic):
    case = _case(model)
    user = case.user()
    obj = case.make()
    client.force_login(user)
    url = admin_url(model, "change", quote(obj.pk))
    page = client.get(url)
    if not may(model, user, "change", obj):
        # A record nobody edits by hand: shown read-only, and a forged post is refused.
        assert page.status_code == 200
        soup = BeautifulSoup(page.content, "lxml")
        assert soup.select("input[name=_save]") == []
        assert client.post(url, {}).status_code == 403
        return
    data = page_form(page, model)
    before = model._default_manager.get(pk=obj.pk)

    if case.invalid is None:
        assert set(data) == {"csrfmiddlewaretoken"}, "editable fields need an invalid case"
    else:
        refused = client.post(url, {**data, **case.change, **case.invalid})

        assert errors_shown(refused)
        after_refusal = model._default_manager.get(pk=obj.pk)
        assert [getattr(after_refusal, f.attname) for f in model._meta.concrete_fields] == [
            getattr(before, f.attname) for f in model._meta.concrete_fields
        ]

    response = client.post(url, {**data, **case.change})

    assert response.status_code == 302, errors_shown(response)
    assert case.changed(model._default_manager.get(pk=obj.pk))


def test_correcting_a_published_statement_in_the_admin_keeps_it_live(client, editor, topic):
    statement = StatementFactory(published=True, words="As published.")
    client.force_login(editor)
    url = admin_url(Statement, "change", statement.pk)
    data = page_form(client.get(url), Statement)

    refused = client.post(url, {**data, "words": "As corrected."})  # no correction note

    assert any("Say what was wrong" in error for error in errors_shown(refused))

    response = client.post(
        url, {**data, "words": "As corrected.", "pending_correction_note": "Misquoted."}
    )

    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.words, statement.status) == ("As published.", StatementStatus.PUBLISHED)
    assert statement.pending_content["words"] == "As corrected."
