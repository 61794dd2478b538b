"""A topic's old slug keeps working after an editor changes it: every link redirects for good.

Stories, feed readers and embedded charts carry the address they were given; renaming a topic
must not break one of them, nor send any of them to a different topic.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from statements.models import TopicFormerSlug
from statements.services import topic_save
from tests.factories import PartyFactory, TopicFactory, politician_with_statements

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed(topic):
    """The default topic, renamed from tiktok-ban to tiktok-devices, with a little data."""
    PartyFactory(name="Labour", slug="labour")
    politician_with_statements("supports", slug="ava-north")
    topic.slug = "tiktok-devices"
    return topic_save(topic=topic)


def test_renaming_a_topic_keeps_its_old_slug(topic):
    topic.slug = "tiktok-devices"

    topic_save(topic=topic)

    assert list(topic.former_slugs.values_list("slug", flat=True)) == ["tiktok-ban"]


def test_saving_without_a_new_slug_records_nothing(topic):
    topic.title = "TikTok on government phones"

    topic_save(topic=topic)

    assert not TopicFormerSlug.objects.exists()


def test_every_former_slug_leads_straight_to_the_newest(client, renamed):
    renamed.slug = "tiktok-phones"
    topic_save(topic=renamed)

    for old in ("tiktok-ban", "tiktok-devices"):
        response = client.get(f"/topics/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/topics/tiktok-phones/")


def test_a_topic_given_back_its_old_slug_answers_there_again(client, renamed):
    renamed.slug = "tiktok-ban"
    topic_save(topic=renamed)

    assert client.get("/topics/tiktok-ban/").status_code == 200
    assert client.get("/topics/tiktok-devices/")["Location"] == "/topics/tiktok-ban/"
    assert list(renamed.former_slugs.values_list("slug", flat=True)) == ["tiktok-devices"]


def test_another_topic_may_not_take_over_a_former_slug(renamed):
    deepseek = TopicFactory(title="DeepSeek ban", slug="deepseek-ban")
    deepseek.slug = "tiktok-ban"

    with pytest.raises(ValidationError) as error:
        topic_save(topic=deepseek)

    assert "was the address of another topic" in error.value.message_dict["slug"][0]
    deepseek.refresh_from_db()
    assert deepseek.slug == "deepseek-ban"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/topics/tiktok-ban/", "/topics/tiktok-devices/"),
        ("/topics/tiktok-ban/?utm_source=story", "/topics/tiktok-devices/?utm_source=story"),
        ("/embed/tiktok-ban/", "/embed/tiktok-devices/"),
        ("/feeds/topics/tiktok-ban/", "/feeds/topics/tiktok-devices/"),
        (
            "/politicians/?topic=tiktok-ban&party=labour&sort=-name",
            "/politicians/?topic=tiktok-devices&party=labour&sort=-name",
        ),
        ("/politicians.csv?position=supports&topic=tiktok-ban", None),
        ("/politicians.json?topic=tiktok-ban", None),
        ("/statements/?q=ban&topic=tiktok-ban&from=2023-01-01", None),
        ("/statements.csv?topic=tiktok-ban", None),
        ("/statements.json?topic=tiktok-ban&position=supports&position=opposes", None),
        ("/parties/?topic=tiktok-ban", None),
        ("/parties/labour/?topic=tiktok-ban", None),
        ("/methodology/?topic=tiktok-ban", None),
    ],
)
def test_old_links_redirect_permanently_to_the_same_page_of_the_new_slug(client, renamed, old, new):
    new = new or old.replace("topic=tiktok-ban", "topic=tiktok-devices")

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200
    # Not kept by browsers for good: an editor may give the old slug back.
    assert "max-age=0" in response["Cache-Control"]


def test_an_unknown_slug_is_still_not_found(client, renamed):
    assert client.get("/topics/tiktok/").status_code == 404
    assert client.get("/politicians/?topic=tiktok").status_code == 400


# Through the admin


def topic_form(topic, **changes):
    return {
        "title": topic.title,
        "slug": topic.slug,
        "question": topic.question,
        "summary": topic.summary,
        "opened_on": topic.opened_on.isoformat(),
        "is_default": "on" if topic.is_default else "",
        **changes,
    }


def test_an_editor_renaming_a_topic_in_the_admin_keeps_old_links_working(client, superuser, topic):
    client.force_login(superuser)
    change_page = f"/admin/statements/topic/{topic.pk}/change/"

    response = client.post(change_page, topic_form(topic, slug="tiktok-devices"))

    assert response.status_code == 302
    assert client.get("/topics/tiktok-ban/")["Location"] == "/topics/tiktok-devices/"
    soup = BeautifulSoup(client.get(change_page).content, "lxml")
    former = soup.select_one(".field-former_addresses .readonly").get_text(strip=True)
    assert former == "tiktok-ban"


def test_the_admin_refuses_a_new_topic_on_another_topics_former_slug(client, superuser, renamed):
    client.force_login(superuser)
    form = topic_form(TopicFactory.build(title="DeepSeek ban"), slug="tiktok-ban")

    response = client.post("/admin/statements/topic/add/", form)

    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "lxml").select(".field-slug .errorlist li")
    assert [li.get_text() for li in errors] == [
        "“tiktok-ban” was the address of another topic, and links to it still lead there. "
        "Choose another slug."
    ]
    assert client.get("/topics/tiktok-ban/")["Location"] == "/topics/tiktok-devices/"


def test_the_admin_adds_a_topic_with_a_new_slug(client, superuser, topic):
    client.force_login(superuser)
    form = topic_form(TopicFactory.build(title="DeepSeek ban"), slug="deepseek-ban")

    response = client.post("/admin/statements/topic/add/", form)

    assert response.status_code == 302
    assert client.get("/topics/deepseek-ban/").status_code == 200
    assert not TopicFormerSlug.objects.exists()
