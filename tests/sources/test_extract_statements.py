"""`manage.py extract_statements`: the command-line twin of the editor's screen."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from sources.models import PositionCue, TopicTerm
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "TikTok: MPs react to the ban\n\n"
    "Alicia Kearns said: “They should extend the ban to ministers’ private phones.”\n\n"
    "A TikTok spokesperson said the company was disappointed.\n"
)
CONTRACT_KEYS = [
    "speaker",
    "politician",
    "member_id",
    "words",
    "start",
    "end",
    "is_paraphrase",
    "position",
    "confidence",
]


@pytest.fixture(autouse=True)
def _kearns(kearns):
    return kearns


def run(*args):
    out = io.StringIO()
    call_command("extract_statements", *args, stdout=out)
    return out.getvalue()


def write(tmp_path, data: bytes, name="article.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_prints_each_candidate_readably(tmp_path):
    output = run(write(tmp_path, ARTICLE.encode()))

    lines = output.splitlines()
    assert lines[0].startswith("2 candidate statements in ")
    assert "1. Alicia Kearns (alicia-kearns, member 4805): direct quotation, characters" in output
    assert "   “They should extend the ban to ministers’ private phones.”" in lines
    assert (
        "   suggested position: Wants the ban extended (wants_extended), confidence 0.80, "
        "cue: “extend the ban”, “private phones”" in lines
    )
    assert "2. A TikTok spokesperson (not a politician we hold): reported speech" in output


def test_json_gives_every_key_of_the_contract_in_order(tmp_path):
    output = run(write(tmp_path, ARTICLE.encode()), "--json")

    items = json.loads(output)
    assert [list(item)[:9] for item in items] == [CONTRACT_KEYS, CONTRACT_KEYS]
    quote, reported = items
    assert quote == {
        **quote,
        "speaker": "Alicia Kearns",
        "politician": "alicia-kearns",
        "member_id": 4805,
        "words": "They should extend the ban to ministers’ private phones.",
        "is_paraphrase": False,
        "position": "wants_extended",
    }
    assert 0 < quote["confidence"] <= 1
    assert ARTICLE[quote["start"] : quote["end"]] == quote["words"]
    assert (reported["speaker"], reported["politician"], reported["member_id"]) == (
        "A TikTok spokesperson",
        None,
        None,
    )
    assert reported["is_paraphrase"] is True
    assert ARTICLE[reported["start"] : reported["end"]] == "the company was disappointed"


def test_offsets_refer_to_the_text_after_dropping_a_bom_and_windows_line_endings(tmp_path):
    raw = ("\ufeff" + ARTICLE.replace("\n", "\r\n")).encode("utf-8")

    items = json.loads(run(write(tmp_path, raw), "--json"))

    assert [ARTICLE[i["start"] : i["end"]] for i in items] == [i["words"] for i in items]


def test_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))

    items = json.loads(run("-", "--json"))

    assert [i["politician"] for i in items] == ["alicia-kearns", None]


def test_topic_picks_the_cues(tmp_path):
    other = TopicFactory(slug="wechat-ban", title="WeChat ban")
    TopicTerm.objects.create(topic=other, phrase="TikTok")
    PositionCue.objects.create(topic=other, position="opposes", phrase="private phones")

    [quote, _] = json.loads(
        run(write(tmp_path, ARTICLE.encode()), "--json", "--topic", "wechat-ban")
    )

    assert (quote["position"], quote["cue"]) == ("opposes", "cue: “private phones”")


@pytest.mark.parametrize(
    ("make_path", "message"),
    [
        (lambda tmp: str(tmp / "missing.txt"), "No file at"),
        (lambda tmp: str(tmp), "is not a file"),
        (lambda tmp: write(tmp, b""), "The article is empty."),
        (lambda tmp: write(tmp, b" \r\n\n \t"), "The article is empty."),
        (lambda tmp: write(tmp, "caf\u00e9".encode("latin-1")), "is not UTF-8"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path, make_path, message):
    with pytest.raises(CommandError, match=message):
        run(make_path(tmp_path))


def test_unknown_topic_is_a_clear_error_listing_the_topics(tmp_path):
    with pytest.raises(CommandError, match="No topic “nope”. Topics: tiktok-ban."):
        run(write(tmp_path, ARTICLE.encode()), "--topic", "nope")


def test_empty_standard_input_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))

    with pytest.raises(CommandError, match="standard input: The article is empty."):
        run("-")
