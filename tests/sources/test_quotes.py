"""Finding direct quotations: every mark copy uses, nesting, and quotes over paragraphs."""

import pytest

from sources.extraction.article import paragraphs_of
from sources.extraction.quotes import quotations_in


def quoted(text):
    return [text[q.start : q.end] for q in quotations_in(text, paragraphs_of(text))]


@pytest.mark.parametrize(
    "text",
    [
        "She said: “The ban is welcome.”",
        'She said: "The ban is welcome."',
        "She said: ‘The ban is welcome.’",
        "She said: 'The ban is welcome.'",
        "She said: « The ban is welcome. »",
        "She said: „The ban is welcome.“",
        'She said: "The ban is welcome.”',
    ],
)
def test_every_quotation_mark_style(text):
    assert quoted(text) == ["The ban is welcome."]


def test_apostrophes_and_possessives_open_no_quotation():
    text = "Responding to Kearns' description of the UK’s stance, the MPs’ phones don't matter."
    assert quoted(text) == []


def test_nested_quotations_stay_inside_the_outer_one():
    text = "He said: “The ‘it’s only dance videos’ argument died, and 'no one' believed it.”"
    assert quoted(text) == ["The ‘it’s only dance videos’ argument died, and 'no one' believed it."]


def test_an_unclosed_inner_quotation_ends_with_the_outer_one():
    text = "“Colleagues will need to reflect that no-one is 'not of interest.\""
    assert quoted(text) == ["Colleagues will need to reflect that no-one is 'not of interest."]


def test_quotation_over_paragraphs_is_one_quotation():
    text = (
        "A spokesperson said: “We are disappointed.\n\n"
        "“We remain committed to working with the government.\n\n"
        "“We have begun a plan.”\n\nThe end."
    )
    assert quoted(text) == [
        "We are disappointed.\n\n“We remain committed to working with the government.\n\n"
        "“We have begun a plan."
    ]


def test_quotation_left_open_ends_with_its_paragraph():
    text = "He said: “This never closes\n\nA new paragraph with no mark."
    assert quoted(text) == ["This never closes"]


def test_a_trailing_comma_belongs_to_the_attribution_not_the_words():
    text = "“They should extend the ban,” he said."
    found = quotations_in(text, paragraphs_of(text))
    assert text[found[0].start : found[0].end] == "They should extend the ban"
