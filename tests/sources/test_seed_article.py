"""The seed article: every statement the demo holds goes to the right person, and nothing said by
TikTok, the campaigner or the government goes to a politician (issue 10, “Done when”)."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from statements import demo
from statements.services import normalise_words

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = ROOT / "politicians" / "data" / "uk-commons-2019-mps.csv"
ARTICLE = ROOT / "statements" / "data" / "politicshome-tiktok-ban-2023.txt"


@pytest.fixture
def candidates(topic):
    call_command("import_members", str(MEMBERS), stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("extract_statements", str(ARTICLE), "--json", stdout=out)
    return json.loads(out.getvalue())


def coverage(statement_words: str, candidate_words: list[str]) -> float:
    """Share of the statement's words found in these candidates' words."""
    wanted = normalise_words(statement_words).split()
    found = set(normalise_words(" ".join(candidate_words)).split())
    return sum(word in found for word in wanted) / len(wanted)


def test_every_statement_by_an_mp_is_attributed_to_that_mp(candidates):
    text = ARTICLE.read_text(encoding="utf-8")
    for candidate in candidates:
        assert text[candidate["start"] : candidate["end"]] == candidate["words"]
    by_member = {}
    for candidate in candidates:
        by_member.setdefault(candidate["member_id"], []).append(candidate["words"])

    for statement in demo.STATEMENTS:
        member_id = statement["speaker"].get("member_id")
        if member_id is None:
            continue
        # The demo joins a quotation's parts and paraphrases lightly (“Described TikTok as …”
        # for “described it as …”): most of its words must come from this MP's candidates.
        assert coverage(statement["words"], by_member.get(member_id, [])) >= 0.8, statement


def test_nothing_said_by_tiktok_the_campaigner_or_the_government_goes_to_a_politician(
    candidates,
):
    others = [s for s in demo.STATEMENTS if "slug" in s["speaker"]]
    assert {s["speaker"]["slug"] for s in others} == {
        "luke-de-pulford",
        "hm-government",
        "tiktok-spokesperson",
    }
    attributed = [c for c in candidates if c["politician"] is not None]
    for statement in others:
        for candidate in attributed:
            assert coverage(candidate["words"], [statement["words"]]) < 0.5, (statement, candidate)


def test_the_campaigners_and_tiktoks_words_keep_their_speakers(candidates):
    speakers = {c["speaker"] for c in candidates if c["politician"] is None}

    assert {"Luke de Pulford", "a TikTok spokesperson", "A TikTok spokesperson"} <= speakers
    campaigner = [c["words"] for c in candidates if c["speaker"] == "Luke de Pulford"]
    assert any("too little too late" in words for words in campaigner)
