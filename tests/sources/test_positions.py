"""Position suggestions: the cue lexicon, the classifier, and when neither should speak."""

import pytest

from sources.extraction.positions import (
    MIN_TRAINING_STATEMENTS,
    NO_SUGGESTION,
    PositionClassifier,
    PositionLexicon,
    PositionQuery,
    PositionSuggester,
    speaker_profile,
)

CUES = [
    ("wants_extended", "extend the ban"),
    ("wants_extended", "personal phones"),
    ("supports", "right decision"),
    ("opposes", "personal choice"),
    ("opposes", "won't be chased off"),
]


@pytest.fixture
def lexicon():
    return PositionLexicon(CUES)


def test_a_cue_suggests_its_position_with_a_confidence_and_the_cue(lexicon):
    suggestion = lexicon.suggest("They should extend the ban to ministers’ personal phones.")

    assert suggestion.position == "wants_extended"
    assert 0 < suggestion.confidence <= 1
    assert suggestion.cue == "cue: “extend the ban”, “personal phones”"


def test_cues_match_whole_words_whatever_the_quotation_marks_and_case(lexicon):
    assert lexicon.suggest("It should be a ‘Personal Choice’.").position == "opposes"
    assert lexicon.suggest("This is the rightdecision").position is None


def test_a_cue_in_a_negated_clause_points_nowhere(lexicon):
    assert lexicon.suggest("It would not extend to the personal phones of ministers.") is (
        NO_SUGGESTION
    )
    assert lexicon.suggest("There are no plans to extend the ban.") is NO_SUGGESTION


def test_a_cue_that_carries_its_own_negation_still_counts(lexicon):
    assert lexicon.suggest("I won't be chased off TikTok.").position == "opposes"


def test_cues_pulling_both_ways_equally_suggest_nothing(lexicon):
    text = "It was the right decision, but using it is a personal choice."
    assert lexicon.suggest(text) is NO_SUGGESTION


def test_nothing_points_to_a_position():
    assert PositionLexicon(CUES).suggest("The committee meets on Tuesday.") is NO_SUGGESTION


def training_rows(count_per_position=6):
    rows = []
    for n in range(count_per_position):
        rows.append((f"They must extend the ban to every device, case {n}.", "wants_extended"))
        rows.append((f"Using the app is up to each of us, case {n}.", "opposes"))
    return rows


def test_classifier_needs_enough_statements_and_two_positions():
    assert not PositionClassifier.can_learn_from(training_rows(2))
    one_position = [(f"Extend the ban, case {n}.", "wants_extended") for n in range(30)]
    assert not PositionClassifier.can_learn_from(one_position)
    assert len(training_rows(10)) >= MIN_TRAINING_STATEMENTS
    assert PositionClassifier.can_learn_from(training_rows(10))


def test_classifier_learns_from_published_statements_and_says_so(lexicon):
    classifier = PositionClassifier(training_rows(12), lexicon=lexicon)

    [suggestion] = classifier.suggest_many(
        [PositionQuery("We must extend the ban to every device.")]
    )

    assert suggestion.position == "wants_extended"
    assert suggestion.confidence > 0.5
    assert suggestion.cue.startswith("learned from 24 published statements")


def test_classifier_reads_who_is_speaking(lexicon):
    rows = []
    for n in range(12):
        rows.append((f"We are looking at it, case {n}.", "supports", "speakeringovernment"))
        rows.append((f"We are looking at it, case {n}.", "opposes", "speakerisnotapolitician"))
    classifier = PositionClassifier(rows, lexicon=lexicon)

    minister, company = classifier.suggest_many(
        [
            PositionQuery("We are looking at it.", speaker="speakeringovernment"),
            PositionQuery("We are looking at it.", speaker="speakerisnotapolitician"),
        ]
    )

    assert (minister.position, company.position) == ("supports", "opposes")


def test_speaker_profile_tells_government_from_opposition_and_backbenches():
    assert "speakeringovernment" in speaker_profile(is_politician=True, role="Home Secretary")
    assert "speakeronoppositionfrontbench" in speaker_profile(
        is_politician=True, role="Shadow Home Secretary"
    )
    assert "speakeronbackbenches" in speaker_profile(
        is_politician=True, role="Chair of the Foreign Affairs Committee"
    )
    assert speaker_profile(is_politician=False) == "speakerisnotapolitician"


def test_suggester_falls_back_to_the_lexicon_without_a_classifier(lexicon):
    suggester = PositionSuggester(lexicon=lexicon, topic_terms=["TikTok"])
    text = "TikTok ban: MPs react.\n\nShe said it should be a personal choice."

    [suggestion] = suggester.suggest_many(
        [PositionQuery("it should be a personal choice", 24)], text=text
    )

    assert suggestion.position == "opposes"


def test_suggester_prefers_a_confident_classifier_and_falls_back_when_it_is_unsure(lexicon):
    rows = training_rows(12) + [
        (f"I have not made up my mind yet, case {n}.", "mixed") for n in range(12)
    ]
    classifier = PositionClassifier(rows, lexicon=lexicon)
    suggester = PositionSuggester(lexicon=lexicon, topic_terms=["TikTok"], classifier=classifier)
    text = (
        "TikTok: what MPs said.\n\nWe must extend the ban to every device. "
        "It was the right decision."
    )

    learned, fallback = suggester.suggest_many(
        [
            PositionQuery("We must extend the ban to every device.", 24),
            PositionQuery("It was the right decision.", 24),
        ],
        text=text,
    )

    assert learned.cue.startswith("learned from")
    # The classifier has never seen “supports” nor these words: no better than chance.
    assert fallback.position == "supports"
    assert fallback.cue == "cue: “right decision”"


def test_no_suggestion_on_an_article_that_never_names_the_topic(lexicon):
    suggester = PositionSuggester(lexicon=lexicon, topic_terms=["TikTok"])
    text = "Junior doctors' strike.\n\nThe health secretary said it was the right decision."

    assert suggester.suggest_many([PositionQuery("it was the right decision", 24)], text=text) == [
        NO_SUGGESTION
    ]


def test_no_suggestion_in_a_live_blog_entry_about_something_else(lexicon):
    suggester = PositionSuggester(lexicon=lexicon, topic_terms=["TikTok"])
    text = (
        "Politics live\n\n9.22am\nShapps on TikTok: it is the right decision.\n\n"
        "10.04am\nHunt on the budget: it is the right decision for families."
    )
    tiktok_entry = text.index("Shapps")
    budget_entry = text.index("Hunt")

    on_topic, off_topic = suggester.suggest_many(
        [
            PositionQuery("it is the right decision", tiktok_entry),
            PositionQuery("it is the right decision for families", budget_entry),
        ],
        text=text,
    )

    assert on_topic.position == "supports"
    assert off_topic is NO_SUGGESTION
