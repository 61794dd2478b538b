"""The seeded lexicon for the TikTok ban, and the rules the database keeps."""

import pytest
from django.db import IntegrityError

from sources.models import PositionCue, TopicTerm

pytestmark = pytest.mark.django_db


def test_the_tiktok_ban_has_cues_for_every_position_and_its_terms(topic):
    cues = PositionCue.objects.for_topic(topic)

    assert set(cues.values_list("position", flat=True)) == {
        "wants_extended",
        "supports",
        "mixed",
        "opposes",
    }
    assert cues.get(phrase="extend the ban").position == "wants_extended"
    assert cues.get(phrase="personal choice").position == "opposes"
    assert set(TopicTerm.objects.for_topic(topic).values_list("phrase", flat=True)) >= {
        "TikTok",
        "ByteDance",
    }


def test_one_cue_per_phrase_and_topic(topic):
    with pytest.raises(IntegrityError):
        PositionCue.objects.create(topic=topic, position="supports", phrase="extend the ban")


def test_a_cue_position_must_be_on_the_scale(topic):
    with pytest.raises(IntegrityError):
        PositionCue.objects.create(topic=topic, position="sideways", phrase="a new phrase")
