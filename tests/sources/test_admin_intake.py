"""“New from an article” in the admin: paste an address or text, review, make drafts."""

import datetime

import pytest
from django.urls import reverse

from sources.intake import DraftChoice, IntakeError, intake_drafts_create, intake_start
from sources.models import ArticleIntake
from statements.models import Position, Source, Statement, StatementStatus
from tests.article_server import ARTICLE_HTML, ARTICLE_SPEAKERS, Answer
from tests.factories import PoliticianFactory, UserFactory
from tests.reading import page_of

pytestmark = pytest.mark.django_db

NEW = "admin:sources_intake_new"


@pytest.fixture
def speakers(db):
    return {spec["slug"]: PoliticianFactory(**spec) for spec in ARTICLE_SPEAKERS}


def _review_rows(soup):
    return {
        fieldset.select_one("textarea")["name"].removeprefix("words-"): {
            "words": fieldset.select_one("textarea").get_text(),
            "speaker": fieldset.select_one("input[list=speakers]")["value"],
        }
        for fieldset in soup.select("fieldset.intake-candidate")
    }


def _picked(*choices):
    """The review form's fields for the candidates ticked, each (number, words, speaker,
    position)."""
    post = {"pick": [number for number, *_ in choices]}
    for number, words, speaker, position in choices:
        post |= {
            f"words-{number}": words,
            f"speaker-{number}": speaker,
            f"position-{number}": position,
        }
    return post


def _intake_of_pasted_text(editor, topic, text, **address):
    return intake_start(
        actor=editor,
        topic=topic,
        text=text,
        outlet="The Westford Courier",
        published_on=datetime.date(2023, 3, 14),
        **address,
    )


@pytest.fixture
def start_from_url(client, article_server, topic, django_capture_on_commit_callbacks):
    def start(path="/politics/tiktok-ban", answer=None):
        article_server.routes[path] = answer or Answer(body=ARTICLE_HTML.encode())
        # The fetch is queued once the intake is saved (on commit), as a worker needs.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse(NEW), {"url": article_server.url(path), "topic": topic.pk}
            )
        assert response.status_code == 302
        return response["Location"]

    return start


@pytest.fixture
def review(client, editor, speakers, start_from_url):
    """An editor on the review page of the article: its address and the candidates listed."""
    client.force_login(editor)
    review_url = start_from_url()
    return review_url, _review_rows(page_of(client.get(review_url)))


def test_an_editor_turns_an_article_address_into_drafts(
    client, editor, topic, speakers, article_server, start_from_url
):
    client.force_login(editor)
    assert page_of(client.get(reverse(NEW))).select_one("form#intake_form")

    review_url = start_from_url()
    soup = page_of(client.get(review_url))
    rows = _review_rows(soup)
    by_speaker = {row["speaker"]: number for number, row in rows.items()}
    # Each politician's quotation is listed with its speaker; the campaign group's is not a
    # politician's, and is listed with no speaker chosen.
    assert {"harriet-lowe", "owen-pritchard", "gwen-ashdown"} <= set(by_speaker)
    spokesperson = [row["speaker"] for row in rows.values() if "Users deserve" in row["words"]]
    assert spokesperson[:1] == [""]
    # The sentence around each candidate is shown.
    assert "Harriet Lowe, the MP for Westford North, said" in soup.get_text()

    lowe, pritchard, ashdown = (
        by_speaker[s] for s in ("harriet-lowe", "owen-pritchard", "gwen-ashdown")
    )
    post = _picked(
        (lowe, rows[lowe]["words"], "harriet-lowe", Position.WANTS_EXTENDED),
        (
            pritchard,
            # Trimmed, still the article's words.
            "Removing the app from government devices is a sensible and proportionate step",
            "owen-pritchard",
            Position.SUPPORTS,
        ),
        # A name as held works as well as a slug.
        (ashdown, rows[ashdown]["words"], "Harriet Lowe", Position.OPPOSES),
    )
    assert Statement.objects.count() == 0

    response = client.post(review_url, post)

    assert response.status_code == 302
    drafts = Statement.objects.order_by("pk")
    source = Source.objects.get(url=article_server.url("/politics/tiktok-ban"))
    fields = ("politician__slug", "status", "source_url", "outlet", "said_on", "source_id")
    published = ("The Westford Courier", datetime.date(2023, 3, 16))
    assert list(drafts.values_list(*fields, "entered_by")) == [
        (slug, StatementStatus.DRAFT, source.url, *published, source.pk, editor.pk)
        for slug in ("harriet-lowe", "owen-pritchard", "harriet-lowe")
    ]
    assert drafts[1].words.endswith("proportionate step")


def test_words_that_are_not_the_articles_own_make_no_drafts(client, review):
    review_url, rows = review
    number = next(iter(rows))

    response = client.post(
        review_url,
        _picked(
            (
                number,
                "Ban every phone in the country tomorrow",
                "harriet-lowe",
                Position.WANTS_EXTENDED,
            )
        ),
    )

    errors = [li.get_text() for li in page_of(response).select(".errornote li")]
    assert errors == [
        f"Candidate {number}: The words must be the article's own: these are not in its text."
    ]
    assert Statement.objects.count() == 0
    # What the editor typed is kept on the page to correct.
    soup = page_of(response)
    assert (
        soup.select_one(f"#words-{number}").get_text() == "Ban every phone in the country tomorrow"
    )
    assert soup.select_one(f"#pick-{number}").has_attr("checked")


def test_nothing_ticked_or_an_unknown_speaker_is_refused(client, review):
    review_url, rows = review
    number = next(iter(rows))

    nothing = client.post(review_url, {})
    assert "Tick at least one candidate" in page_of(nothing).select_one(".errornote").get_text()

    unknown = client.post(review_url, _picked((number, rows[number]["words"], "Nobody Weknow", "")))
    errors = [li.get_text() for li in page_of(unknown).select(".errornote li")]
    assert any("“Nobody Weknow” is not one person we hold" in e for e in errors)
    assert any("choose the position" in e for e in errors)
    assert Statement.objects.count() == 0


def test_pasted_text_needs_its_outlet_and_date(client, editor, topic):
    client.force_login(editor)
    response = client.post(reverse(NEW), {"text": "Someone said something.", "topic": topic.pk})
    errors = [li.get_text() for li in page_of(response).select(".errorlist li")]
    assert "Give the outlet: pasted text does not say where it was published." in errors
    assert "Give the date it was published: pasted text does not say." in errors
    assert ArticleIntake.objects.count() == 0

    nothing = client.post(reverse(NEW), {"topic": topic.pk})
    assert "Paste the article's address, or its text." in page_of(nothing).get_text()

    bad_url = client.post(reverse(NEW), {"url": "javascript:alert(1)", "topic": topic.pk})
    assert "starts with http:// or https://" in page_of(bad_url).get_text()


def test_pasted_text_with_its_address_makes_drafts_without_fetching(editor, topic, speakers):
    text = 'Harriet Lowe said: "Every minister should delete the app today."'
    intake = _intake_of_pasted_text(editor, topic, text, url="https://courier.example/lowe")
    assert intake.source.captures.count() == 0  # nothing to fetch: the text is here

    (draft,) = intake_drafts_create(
        intake=intake,
        choices=[
            DraftChoice(
                number=1,
                words="Every minister should delete the app today.",
                speaker="harriet-lowe",
                position=Position.WANTS_EXTENDED,
            )
        ],
        actor=editor,
    )
    assert (draft.source_url, draft.outlet, draft.said_on) == (
        "https://courier.example/lowe",
        "The Westford Courier",
        datetime.date(2023, 3, 14),
    )


def test_pasted_text_without_an_address_cannot_make_statements(editor, topic, speakers):
    intake = _intake_of_pasted_text(editor, topic, 'Harriet Lowe said: "Delete it."')
    with pytest.raises(IntakeError, match="Give the article's address"):
        intake_drafts_create(
            intake=intake,
            choices=[DraftChoice(1, "Delete it.", "harriet-lowe", Position.WANTS_EXTENDED)],
            actor=editor,
        )
    assert Statement.objects.count() == 0


def test_the_review_page_says_when_the_article_could_not_be_archived(
    client, editor, start_from_url
):
    client.force_login(editor)
    review_url = start_from_url("/missing", Answer(status=404, body=b"gone"))
    soup = page_of(client.get(review_url))
    assert "We could not archive the article: The server answered 404 Not Found." in (
        soup.select_one(".errornote").get_text()
    )


def test_staff_who_may_not_add_statements_cannot_start_an_intake(client, topic):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse(NEW)).status_code == 403
    assert client.post(reverse(NEW), {"text": "x", "topic": topic.pk}).status_code == 403
