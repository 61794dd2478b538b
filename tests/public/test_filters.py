"""public/filters.py: the filters a topic offers come from the topic's data, not from the code."""

import pytest
from django.http import QueryDict

from public.filters import PoliticianFilter, listed_politicians
from tests.factories import PoliticianFactory, TopicFactory


def test_the_tiktok_ban_offers_the_tiktok_account_filter_from_its_data(client, topic):
    assert topic.politician_filters == ["tiktok"]
    PoliticianFactory(name="Runs One", sort_name="One", has_tiktok_account=True)
    PoliticianFactory(name="Runs None", sort_name="None")

    page = client.get("/politicians/")
    assert page.status_code == 200
    assert b'id="facet-tiktok"' in page.content
    assert b"TikTok account" in page.content
    filtered = client.get("/politicians/?tiktok=yes")
    assert filtered.status_code == 200
    assert b"Runs One" in filtered.content and b"Runs None" not in filtered.content


def test_a_topic_without_the_filter_does_not_show_it(client, topic):
    TopicFactory(slug="next-ban", title="The next ban")
    PoliticianFactory(name="Runs One", has_tiktok_account=True)

    page = client.get("/politicians/?topic=next-ban")

    assert page.status_code == 200
    assert b'id="facet-tiktok"' not in page.content
    assert b"TikTok account" not in page.content
    assert b"Runs One" in page.content


def test_asking_a_topic_for_a_filter_it_does_not_offer_is_a_400(client, topic):
    TopicFactory(slug="next-ban", title="The next ban")

    for url in [
        "/politicians/?topic=next-ban&tiktok=yes",
        "/politicians.csv?topic=next-ban&tiktok=no",
    ]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert b"has no tiktok filter" in response.content
    # An empty value is “any”, as for every single-valued filter.
    assert client.get("/politicians/?topic=next-ban&tiktok=").status_code == 200


def test_an_editor_turns_the_filter_on_for_another_topic_without_code(client, topic):
    TopicFactory(slug="next-ban", title="The next ban", politician_filters=["tiktok"])
    PoliticianFactory(name="Runs One", has_tiktok_account=True)
    PoliticianFactory(name="Runs None")

    page = client.get("/politicians/?topic=next-ban&tiktok=yes")

    assert page.status_code == 200
    assert b"Runs One" in page.content and b"Runs None" not in page.content


@pytest.mark.django_db
def test_the_filterset_leaves_out_the_facet_counts_a_topic_does_not_offer(topic):
    other = TopicFactory(politician_filters=[])

    offered = PoliticianFilter(QueryDict(""), queryset=listed_politicians(topic), topic=topic)
    without = PoliticianFilter(QueryDict(""), queryset=listed_politicians(other), topic=other)

    assert "tiktok" in offered.facets()
    assert "tiktok" not in without.facets()
    assert "tiktok" not in without.filters
