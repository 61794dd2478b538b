"""`make eval-extract`: score the statement extractor on the labelled development set.

Runs without a database or a network: the people directory comes from the project's CSV files
(the 650 MPs and the frontbench on 16 March 2023), the position cues from the migration that
seeds them, and the classifier learns, for each article, from every other article's labelled
positions and the demo's statements (never from the article being scored: the seed article's
statements are the demo's, so the demo is left out when the seed is scored).
"""

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

import django


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sources.evaluation")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every mistake")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

    from sources.evaluation.devset import DEVSET, load_devset
    from sources.evaluation.directory import directory_from_csv
    from sources.extraction.engine import extract_candidates
    from sources.extraction.positions import (
        PositionLexicon,
        PositionSuggester,
    )

    seeded = importlib.import_module("sources.migrations.0002_seed_tiktok_ban_position_cues")
    cues = [(position, phrase) for position, phrases in seeded.CUES.items() for phrase in phrases]
    lexicon = PositionLexicon(cues)
    people = directory_from_csv()

    blocks = [("Development set", load_devset(DEVSET))]
    fresh = Path(DEVSET).parent / "fresh"
    if any(fresh.glob("*.json")):
        blocks.append(
            (
                "Fresh articles (written after the tuning; their first run is in README.md)",
                load_devset(fresh),
            )
        )
    every_article = [article for _, articles in blocks for article in articles]
    training_for = _trainer(people, every_article)

    # Warm up (imports, the classifier's first fit) so the seconds below are the work itself.
    extract_candidates(every_article[0].text, people=people)
    print("Statement extractor: speaker attribution and position suggestions")
    print(
        "A candidate matches a labelled quotation when their spans overlap by at least half of "
        "the shorter\nand a quarter of the longer (see sources/evaluation/scoring.py).\n"
    )
    exit_code = 0
    for title, articles in blocks:
        met = _print_block(title, articles, training_for, lexicon, people, seeded, options.verbose)
        if not met and title == "Development set":
            exit_code = 1

    longest, seconds = max(
        (
            (a, t)
            for a, t in timings_of(
                every_article, people, lexicon, seeded, extract_candidates, PositionSuggester
            )
        ),
        key=lambda pair: len(pair[0].text.split()),
    )
    words = len(longest.text.split())
    print(
        f"Time for a {words:,}-word article ({longest.name}), one core, best of 5: {seconds:.3f} s "
        f"(target under 1 s)"
    )
    if seconds >= 1:
        exit_code = 1
    return exit_code


def _print_block(title, articles, training_for, lexicon, people, seeded, verbose) -> bool:
    """One block's table and targets; True when every target is met."""
    from sources.evaluation.scoring import Score

    total, lexicon_only = Score(), Score()
    timings = []
    header = (
        f"{'article':34} {'words':>5}  {'precision':>10}  {'recall':>9}  "
        f"{'others→MP':>9}  {'positions':>9}  {'lexicon':>8}  {'seconds':>7}"
    )
    print(f"{title}: {len(articles)} articles, {sum(len(a.labels) for a in articles)} labels")
    print(header)
    print("-" * len(header))
    for article in articles:
        score, plain_score, elapsed = _scored(
            article, training_for(article), lexicon, people, seeded.TERMS
        )
        timings.append((article, elapsed))
        total.add(score)
        lexicon_only.add(plain_score)
        print(_row(article.name, len(article.text.split()), score, plain_score, f"{elapsed:>7.3f}"))
        if verbose:
            for mistake in score.mistakes:
                print(f"    {mistake}")
    print("-" * len(header))
    print(
        _row(
            "overall",
            sum(len(a.text.split()) for a in articles),
            total,
            lexicon_only,
            f"{sum(t for _, t in timings) / len(timings):>7.3f} per article",
        )
    )
    print()
    return _report_checks(total, lexicon_only)


def _trainer(people, every_article):
    """For an article, the labelled positions the classifier may learn from: every other
    article's and the demo's, never its own (the seed article's statements are the demo's)."""
    from sources.extraction.positions import speaker_profile
    from statements import demo

    by_member_id = {person.member_id: person for person in people.people if person.member_id}

    def profile(member_id):
        person = by_member_id.get(member_id)
        if person is None:
            return speaker_profile(is_politician=False)
        return speaker_profile(is_politician=True, party=person.party, role=person.role)

    demo_training = [
        (s["words"], s["position"], profile(s["speaker"].get("member_id"))) for s in demo.STATEMENTS
    ]

    def training_for(article):
        rows = [] if article.source_url == demo.ARTICLE["source_url"] else list(demo_training)
        for other in every_article:
            if other.name == article.name or other.topic != "tiktok-ban":
                continue
            rows += [
                (x.words, x.position, profile(x.member_id))
                for x in other.labels
                if x.position and not x.optional
            ]
        return rows

    return training_for


def _scored(article, training, lexicon, people, terms):
    """The article's score with the classifier, its score with the lexicon alone, and the
    seconds the first extraction took."""
    from sources.evaluation.scoring import score_article
    from sources.extraction.engine import extract_candidates
    from sources.extraction.positions import PositionClassifier, PositionSuggester

    classifier = (
        PositionClassifier(training, lexicon=lexicon)
        if PositionClassifier.can_learn_from(training)
        else None
    )
    suggester = PositionSuggester(lexicon=lexicon, topic_terms=terms, classifier=classifier)
    started = time.perf_counter()
    candidates = extract_candidates(article.text, people=people, suggester=suggester)
    elapsed = time.perf_counter() - started
    score = score_article(candidates, article.labels)
    plain = extract_candidates(
        article.text,
        people=people,
        suggester=PositionSuggester(lexicon=lexicon, topic_terms=terms),
    )
    return score, score_article(plain, article.labels), elapsed


def _row(name: str, words: int, score, plain_score, seconds: str) -> str:
    """One line of the table: an article's figures, or a block's overall figures."""
    return (
        f"{name:34} {words:>5}  "
        f"{_ratio(score.attributed_right, score.attributed):>10}  "
        f"{_ratio(score.owed_found_right, score.owed):>9}  "
        f"{_ratio(score.others_wrongly_attributed, score.others):>9}  "
        f"{_ratio(score.positions_right, score.positioned_found):>9}  "
        f"{_ratio(plain_score.positions_right, plain_score.positioned_found):>8}  "
        f"{seconds}"
    )


def _report_checks(total, lexicon_only) -> bool:
    """Print each target with met or MISSED; True when every one is met."""
    all_met = True
    checks = [
        ("speaker precision", total.precision, ">=", 0.95),
        ("speaker recall", total.recall, ">=", 0.85),
        (
            "non-politician quotations given to a politician",
            total.wrongly_attributed,
            "<=",
            0.02,
        ),
        (
            "positions right, of the clear-position quotations found",
            _share(total.positions_right, total.positioned_found),
            ">=",
            0.75,
        ),
    ]
    for name, value, sense, target in checks:
        met = value >= target if sense == ">=" else value <= target
        print(f"  {'met ' if met else 'MISSED'} {name}: {value:.1%} (target {sense} {target:.0%})")
        all_met = all_met and met
    print(
        f"  positions right over every clear-position quotation, found or not: "
        f"{_ratio(total.positions_right, total.positioned)} "
        f"({_share(total.positions_right, total.positioned):.1%}); lexicon alone: "
        f"{_ratio(lexicon_only.positions_right, lexicon_only.positioned)}"
    )
    print(
        f"  a position suggested for a quotation that takes none: "
        f"{_ratio(total.suggested_anyway, total.unpositioned_found)} "
        f"({_share(total.suggested_anyway, total.unpositioned_found):.1%})"
    )
    print()
    return all_met


def timings_of(articles, people, lexicon, seeded, extract_candidates, suggester_class):
    suggester = suggester_class(lexicon=lexicon, topic_terms=seeded.TERMS)
    for article in articles:
        best = min(_timed(extract_candidates, article.text, people, suggester) for _ in range(5))
        yield article, best


def _timed(extract_candidates, text, people, suggester) -> float:
    started = time.perf_counter()
    extract_candidates(text, people=people, suggester=suggester)
    return time.perf_counter() - started


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "–"


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


if __name__ == "__main__":
    sys.exit(main())
