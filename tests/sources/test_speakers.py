"""Who said it: each way copy attributes a quotation, on small hand-written texts.

Every candidate's offsets are checked against the text by the `extract` fixture
(`text[start:end] == words`); these tests check the words, the speaker and the politician.
The texts and what an editor must be offered for each are in `samples/attributions.json`, one
case a way of attributing, labelled like the extractor's development set: `quotations` names a
fragment of each quotation and the attributes of the one candidate holding it;
`every_candidate` lists every candidate the text gives, in order.
"""

import json
import random
from pathlib import Path

import pytest

CASES = json.loads((Path(__file__).parent / "samples" / "attributions.json").read_text("utf-8"))


def only(candidates, fragment):
    found = [c for c in candidates if fragment in c.words]
    assert len(found) == 1, [c.words for c in candidates]
    return found[0]


def attributes(candidate, names):
    return {name: getattr(candidate, name) for name in names}


def cases_with(key):
    return [pytest.param(case["text"], case[key], id=case["case"]) for case in CASES if key in case]


@pytest.mark.parametrize(("text", "expected"), cases_with("quotations"))
def test_each_quotation_is_attributed(extract, text, expected):
    candidates = extract(text)

    found = {
        fragment: attributes(only(candidates, fragment), wanted)
        for fragment, wanted in expected.items()
    }
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), cases_with("every_candidate"))
def test_every_candidate_in_a_text(extract, text, expected):
    names = expected[0].keys() if expected else ()

    assert [attributes(candidate, names) for candidate in extract(text)] == expected


def test_any_text_gives_exact_offsets_and_never_an_error(extract):
    # Fragments of copy in random order: unbalanced marks, stray apostrophes, empty paragraphs.
    pieces = [
        "“", "”", '"', "'", "‘", "’", "«", "»", "„", "\n", "\n\n", " ", ",", ".", ":", "?",
        "Alicia Kearns", "Mr Ellwood", "she said", "he told the BBC", "the energy secretary",
        "said", "that", "TikTok", "a spokesperson", "according to", "Kearns'", "UK’s", "—",
        "Presenter:", "9.22am", "called for", "the ban", "It's",
    ]  # fmt: skip
    chooser = random.Random(10)
    for _ in range(300):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 40)))
        for candidate in extract(text):
            assert candidate.start < candidate.end
            assert candidate.politician in {None, "alicia-kearns", "tobias-ellwood", "grant-shapps"}
