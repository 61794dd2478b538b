import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from outreach.imports import OutreachImportError, outreach_import
from outreach.models import Outcome, Outreach
from tests.factories import PoliticianFactory, StatementFactory

pytestmark = pytest.mark.django_db

HEADER = "politician,member_id,topic,asked_on,method,outcome,outcome_on,statement_id,their_words\n"


def test_an_import_records_every_row_as_asked_by_the_importer(editor, topic):
    kearns = PoliticianFactory(name="Alicia Kearns", member_id=4805)
    hoyle = PoliticianFactory(name="Lindsay Hoyle")
    reply = StatementFactory(politician=kearns, topic=topic)
    text = (
        HEADER + f",4805,tiktok-ban,2023-03-14,email,replied,2023-03-15,{reply.pk},\n"
        "Sir Lindsay Hoyle MP,,,14/03/2023,letter,declined,,,The Speaker takes no side.\n"
    )

    records = outreach_import(text=text, actor=editor)

    assert [(r.politician, r.outcome, r.asked_by) for r in records] == [
        (kearns, Outcome.REPLIED, editor),
        (hoyle, Outcome.DECLINED, editor),
    ]
    assert records[1].asked_on == datetime.date(2023, 3, 14)
    assert records[1].their_words == "The Speaker takes no side."


def test_an_outreach_import_with_one_bad_row_writes_nothing(editor, topic):
    PoliticianFactory(name="Alicia Kearns", member_id=4805)
    PoliticianFactory(name="Lindsay Hoyle")
    text = (
        HEADER + ",4805,tiktok-ban,2023-03-14,email,,,,\n"
        "Lindsay Hoyle,,,14/03/2023,pigeon,maybe,,,\n"
        "Nobody Atall,,no-such-topic,the ides of March,email,,,,\n"
    )

    with pytest.raises(OutreachImportError) as refused:
        outreach_import(text=text, actor=editor)

    assert [str(problem) for problem in refused.value.problems] == [
        "row 3, method: “pigeon” is not one of email, phone, letter, social, in_person",
        "row 3, outcome: “maybe” is not one of no_reply, holding, declined, replied",
        "row 4, politician: “Nobody Atall” is not held: write the name as held, or the id",
        "row 4, topic: “no-such-topic” is not a topic",
        "row 4, asked_on: “the ides of March” is not a date (YYYY-MM-DD or DD/MM/YYYY)",
    ]
    assert Outreach.objects.count() == 0


def test_a_reply_without_its_statement_is_a_row_error(editor, topic):
    PoliticianFactory(member_id=4805)

    with pytest.raises(OutreachImportError) as refused:
        outreach_import(text=HEADER + ",4805,,2023-03-14,email,replied,,,\n", actor=editor)

    assert [str(p) for p in refused.value.problems] == [
        "row 2, statement_id: A reply needs the statement it produced."
    ]


def test_the_import_command_lists_problems_and_imports_nothing(editor, topic, tmp_path, capsys):
    PoliticianFactory(member_id=4805)
    bad = tmp_path / "survey.csv"
    bad.write_text(HEADER + ",4805,,2023-03-14,fax,,,,\n", encoding="utf-8")

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_outreach", str(bad), "--as", editor.username)

    assert "row 2, method" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_text(HEADER + ",4805,,2023-03-14,email,,,,\n", encoding="utf-8")
    call_command("import_outreach", str(good), "--as", editor.username)
    assert Outreach.objects.get().asked_by == editor


def test_a_file_that_is_not_csv_is_one_clear_problem(editor):
    with pytest.raises(OutreachImportError) as refused:
        outreach_import(text="", actor=editor)
    assert str(refused.value.problems[0]) == "row 1, file: is empty"
