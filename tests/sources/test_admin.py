"""Editors keep each topic's cue lexicon and terms in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from sources.models import PositionCue, TopicTerm

pytestmark = pytest.mark.django_db

CUES = reverse("admin:sources_positioncue_changelist")
ADD_CUE = reverse("admin:sources_positioncue_add")
ADD_TERM = reverse("admin:sources_topicterm_add")


def errors(response):
    soup = BeautifulSoup(response.content, "lxml")
    return [e.get_text(" ", strip=True) for e in soup.select(".errorlist li")]


def test_cue_list_shows_the_seeded_lexicon(client, editor, topic):
    client.force_login(editor)

    response = client.get(CUES, {"q": "too little"})

    soup = BeautifulSoup(response.content, "lxml")
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")][1:]
        for row in soup.select("#result_list tbody tr")
    ]
    assert rows == [
        ["too little too late", "Wants the ban extended", topic.title],
        ["too little, too late", "Wants the ban extended", topic.title],
    ]


def test_editor_adds_a_cue(client, editor, topic):
    client.force_login(editor)

    response = client.post(
        ADD_CUE, {"topic": topic.pk, "position": "opposes", "phrase": "nanny-state nonsense"}
    )

    assert response.status_code == 302
    cue = PositionCue.objects.get(phrase="nanny-state nonsense")
    assert (cue.topic, cue.position) == (topic, "opposes")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"position": "opposes", "phrase": ""}, "This field is required."),
        ({"position": "sideways", "phrase": "a new cue"}, "Select a valid choice."),
        (
            {"position": "supports", "phrase": "extend the ban"},
            "Position cue with this Topic and Phrase already exists.",
        ),
    ],
)
def test_a_bad_cue_is_refused_with_a_reason(client, editor, topic, data, message):
    client.force_login(editor)
    before = PositionCue.objects.count()

    response = client.post(ADD_CUE, {"topic": topic.pk, **data})

    assert response.status_code == 200
    assert any(message in error for error in errors(response))
    assert PositionCue.objects.count() == before


def test_editor_adds_a_topic_term_and_a_blank_one_is_refused(client, editor, topic):
    client.force_login(editor)

    refused = client.post(ADD_TERM, {"topic": topic.pk, "phrase": ""})
    added = client.post(ADD_TERM, {"topic": topic.pk, "phrase": "Bytedance Ltd"})

    assert "This field is required." in errors(refused)
    assert added.status_code == 302
    assert TopicTerm.objects.filter(topic=topic, phrase="Bytedance Ltd").exists()


def test_someone_without_the_permission_cannot_see_the_cues(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="x", is_staff=True)
    client.force_login(user)

    assert client.get(CUES).status_code == 403
