"""The labelled development set and how `make eval-extract` scores against it."""

from dataclasses import dataclass

import pytest

from sources.evaluation.devset import DEVSET, load_devset
from sources.evaluation.directory import directory_from_csv
from sources.evaluation.scoring import score_article, substantial
from sources.extraction.engine import extract_candidates


@pytest.fixture(scope="module")
def articles():
    return load_devset()


@pytest.fixture(scope="module")
def directory():
    return directory_from_csv()


def test_the_set_is_the_seed_article_and_at_least_ten_written_for_it(articles):
    names = [a.name for a in articles]
    assert names[0] == "00-seed-politicshome"
    assert len(names) >= 11
    assert len({a.kind for a in articles}) >= 8
    assert any(a.topic != "tiktok-ban" for a in articles)


def test_every_label_is_found_in_its_article_and_names_a_politician_we_hold(articles, directory):
    by_member_id = {p.member_id: p for p in directory.people}
    for article in articles:
        assert article.labels, article.name
        for label in article.labels:
            assert article.text[label.start : label.end] == label.words
            if label.member_id is not None:
                assert by_member_id[label.member_id].slug == label.politician, label


def test_the_set_covers_every_case_the_extractor_must_handle(articles):
    texts = "\n".join(a.text for a in articles)
    labels = [label for a in articles for label in a.labels]
    for marks in ("“", "‘", '"', "'", "«", "„"):
        assert marks in texts
    assert any(label.is_paraphrase for label in labels)
    assert any("\n\n" in label.words for label in labels)  # a quotation over paragraphs
    speakers = {label.speaker for label in labels}
    assert {"Sir Iain", "Ms Kearns", "Mr Bradley", "Ms Bradley", "Dame Margaret"} <= speakers
    assert {"The home secretary", "The shadow home secretary", "The chancellor"} <= speakers
    assert {"a TikTok spokesperson", "Luke de Pulford", "Downing Street"} <= speakers
    two_reeves = [label.politician for label in labels if label.speaker.endswith("Reeves")]
    assert {"rachel-reeves", "ellie-reeves"} <= set(two_reeves)


@dataclass
class Span:
    start: int
    end: int
    politician: str | None = None
    member_id: int | None = None
    words: str = ""
    speaker: str = ""
    position: str | None = None


def test_a_match_needs_half_the_shorter_span_and_a_quarter_of_the_longer():
    label = Span(100, 200)

    assert substantial(Span(100, 200), label) == 100
    assert substantial(Span(0, 200), label) == 100  # the label is half of it
    assert substantial(Span(150, 300), label) == 50  # half the shorter
    assert substantial(Span(160, 300), label) == 0  # less than half the shorter
    assert substantial(Span(0, 1000), label) == 0  # a paragraph is not a quotation


def test_scores_count_a_politician_given_to_someone_elses_words_against_precision(articles):
    article = articles[0]
    tiktok = next(label for label in article.labels if label.speaker == "a TikTok spokesperson")
    wrong = Span(tiktok.start, tiktok.end, politician="alicia-kearns", member_id=4805)

    score = score_article([wrong], article.labels)

    assert (score.attributed, score.attributed_right) == (1, 0)
    assert score.others_wrongly_attributed == 1


def test_the_extractor_meets_its_targets_on_the_development_set(articles, directory):
    from sources.evaluation.scoring import Score

    total = Score()
    for article in articles:
        total.add(score_article(extract_candidates(article.text, people=directory), article.labels))

    assert total.precision >= 0.95
    assert total.recall >= 0.85
    assert total.wrongly_attributed <= 0.02


def test_devset_folder_holds_a_label_file_for_every_article():
    texts = {path.stem for path in DEVSET.glob("*.txt")}
    labels = {path.stem for path in DEVSET.glob("*.json")}
    assert texts <= labels
