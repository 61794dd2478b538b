import datetime

import pytest
from django.core.exceptions import PermissionDenied

from outreach.models import Method, Outcome, Outreach
from outreach.services import (
    OutreachError,
    outreach_delete,
    outreach_record,
    outreach_record_batch,
    outreach_set_outcome,
)
from tests.factories import (
    MARCH_14,
    OutreachFactory,
    PoliticianFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_recording_outreach_keeps_who_asked(editor, topic):
    politician = PoliticianFactory()

    outreach = outreach_record(
        politician=politician, topic=topic, asked_on=MARCH_14, method=Method.EMAIL, actor=editor
    )

    assert (outreach.asked_by, outreach.outcome, outreach.history.get().history_user) == (
        editor,
        Outcome.NO_REPLY,
        editor,
    )


def test_a_user_outside_the_newsroom_groups_may_not_record_outreach(topic):
    with pytest.raises(PermissionDenied):
        outreach_record(
            politician=PoliticianFactory(),
            topic=topic,
            asked_on=MARCH_14,
            method=Method.EMAIL,
            actor=UserFactory(),
        )
    assert Outreach.objects.count() == 0


def test_a_batch_with_one_refused_record_records_none(editor, topic):
    people = PoliticianFactory.create_batch(3)
    future = datetime.date.today() + datetime.timedelta(days=3)  # noqa: DTZ011

    with pytest.raises(OutreachError) as refused:
        outreach_record_batch(
            politicians=people, topic=topic, asked_on=future, method=Method.PHONE, actor=editor
        )

    assert "asked_on" in refused.value.message_dict
    assert Outreach.objects.count() == 0

    outreach_record_batch(
        politicians=people, topic=topic, asked_on=MARCH_14, method=Method.PHONE, actor=editor
    )
    assert Outreach.objects.filter(asked_by=editor).count() == 3


def test_a_reply_must_be_the_statement_it_produced(editor, topic):
    outreach = OutreachFactory()
    someone_elses = StatementFactory()

    with pytest.raises(OutreachError) as without:
        outreach_set_outcome(outreach=outreach, outcome=Outcome.REPLIED, actor=editor)
    with pytest.raises(OutreachError) as wrong_person:
        outreach_set_outcome(
            outreach=outreach, outcome=Outcome.REPLIED, statement=someone_elses, actor=editor
        )
    other_topic = StatementFactory(politician=outreach.politician, topic=TopicFactory())
    with pytest.raises(OutreachError):
        outreach_set_outcome(
            outreach=outreach, outcome=Outcome.REPLIED, statement=other_topic, actor=editor
        )

    assert "statement" in without.value.message_dict
    assert "someone else" in wrong_person.value.message_dict["statement"][0]
    their_reply = StatementFactory(politician=outreach.politician, topic=topic)
    outreach_set_outcome(
        outreach=outreach,
        outcome=Outcome.REPLIED,
        statement=their_reply,
        outcome_on=datetime.date(2023, 3, 16),
        actor=editor,
    )
    outreach.refresh_from_db()
    assert (outreach.outcome, outreach.statement) == (Outcome.REPLIED, their_reply)


def test_an_answer_cannot_come_before_the_question(editor):
    outreach = OutreachFactory(asked_on=MARCH_14)

    with pytest.raises(OutreachError) as refused:
        outreach_set_outcome(
            outreach=outreach,
            outcome=Outcome.DECLINED,
            outcome_on=datetime.date(2023, 3, 1),
            actor=editor,
        )

    assert "before they were asked" in refused.value.message_dict["outcome_on"][0]


def test_recording_and_deleting_outreach_changes_the_kept_survey_line(
    client, page_cache, editor, reviewer, superuser, topic, django_capture_on_commit_callbacks
):
    """The survey line is public: a page kept before an approach was recorded must not be
    served after it, nor after the record is deleted."""
    politician = PoliticianFactory(on_roll=True, house="commons")

    def survey_line():
        return client.get("/").content.decode().split('id="survey">')[1].split("</p>")[0]

    assert survey_line() == "We have not yet asked any of the 1 MPs."
    with django_capture_on_commit_callbacks(execute=True):
        outreach = outreach_record(
            politician=politician, topic=topic, asked_on=MARCH_14, method=Method.EMAIL, actor=editor
        )
    assert survey_line().startswith("We asked 1 of 1 MPs; 0 replied, 0 declined, 1 has not")

    with pytest.raises(PermissionDenied):
        outreach_delete(records=[outreach], actor=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        outreach_delete(records=[outreach], actor=superuser)
    assert survey_line() == "We have not yet asked any of the 1 MPs."
    assert not Outreach.objects.exists()
