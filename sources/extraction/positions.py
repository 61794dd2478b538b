"""Position suggestions: what a candidate statement seems to say about the topic, and why.

A classifier learns from the topic's published statements once there are enough of them; until
then, and whenever it is unsure, a small lexicon of cues kept per topic (rows an editor can
change) speaks instead. Nothing points to a position, or the passage is not about the topic at
all: no suggestion. A suggestion is only ever shown as one; publishing stays a reviewer's act.
"""

import re
import unicodedata
from dataclasses import dataclass

# Fewer published statements than this, or fewer than two positions with a few statements each,
# and a classifier would only echo its handful of examples: the lexicon speaks instead.
MIN_TRAINING_STATEMENTS = 20
MIN_STATEMENTS_PER_POSITION = 3
# Below this the classifier's best guess among four positions is little better than chance.
MIN_CLASSIFIER_CONFIDENCE = 0.45
# How far back from a candidate the topic must have been named for it to be about the topic.
TOPIC_WINDOW_PARAGRAPHS = 3


@dataclass(frozen=True)
class Suggestion:
    position: str | None
    confidence: float
    cue: str


NO_SUGGESTION = Suggestion(None, 0.0, "")


def normalised(text: str) -> str:
    """Lower case, straight apostrophes, no quotation marks or hyphens: how cues are compared."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[’‘`]", "'", text)
    text = re.sub(r"[\"“”„«»‹›]|(?<!\w)'|'(?!\w)", " ", text)
    text = re.sub(r"[\-‐‑–—/]", " ", text)
    return " " + " ".join(re.findall(r"[\w']+|[.,;:!?]", text)) + " "


class PositionLexicon:
    """Cue phrases per position, for one topic."""

    def __init__(self, cues: list[tuple[str, str]]):
        self.cues = [(position, normalised(phrase).strip()) for position, phrase in cues]
        self.cues = [(position, phrase) for position, phrase in self.cues if phrase]

    def suggest(self, words: str) -> Suggestion:
        haystack = normalised(words)
        scores: dict[str, int] = {}
        matched: dict[str, list[str]] = {}
        for position, phrase in self.cues:
            if f" {phrase} " in haystack:
                scores[position] = scores.get(position, 0) + len(phrase.split())
                matched.setdefault(position, []).append(phrase)
        if not scores:
            return NO_SUGGESTION
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        best, score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if score == runner_up:
            return NO_SUGGESTION  # cues pull both ways: nothing clearly points anywhere
        confidence = min(0.8, 0.45 + 0.08 * (score - runner_up))
        cue = "cue: " + ", ".join(f"“{p}”" for p in matched[best])
        return Suggestion(best, round(confidence, 2), cue)


class PositionClassifier:
    """TF-IDF and logistic regression over the topic's published statements (scikit-learn).

    Fitting a few hundred statements takes milliseconds, so it is refitted whenever the set of
    published statements changes (the caller keys its cache on that)."""

    def __init__(self, training: list[tuple[str, str]]):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        words = [normalised(w) for w, _ in training]
        positions = [p for _, p in training]
        self.size = len(training)
        self.vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        features = self.vectoriser.fit_transform(words)
        self.model = LogisticRegression(max_iter=1000, class_weight="balanced", C=4.0)
        self.model.fit(features, positions)
        self.terms = self.vectoriser.get_feature_names_out()

    @staticmethod
    def can_learn_from(training: list[tuple[str, str]]) -> bool:
        counts: dict[str, int] = {}
        for _, position in training:
            counts[position] = counts.get(position, 0) + 1
        enough = [p for p, n in counts.items() if n >= MIN_STATEMENTS_PER_POSITION]
        return len(training) >= MIN_TRAINING_STATEMENTS and len(enough) >= 2

    def suggest_many(self, words: list[str]) -> list[Suggestion]:
        if not words:
            return []
        features = self.vectoriser.transform([normalised(w) for w in words])
        probabilities = self.model.predict_proba(features)
        classes = list(self.model.classes_)
        found = []
        for row, probability in enumerate(probabilities):
            best = int(probability.argmax())
            position = classes[best]
            weights = features[row].multiply(self.model.coef_[best] if len(classes) > 2 else (
                self.model.coef_[0] if best == 1 else -self.model.coef_[0]
            )).tocsr()
            order = weights.data.argsort()[::-1][:3]
            terms = [self.terms[weights.indices[i]] for i in order if weights.data[i] > 0]
            cue = f"learned from {self.size} published statements"
            if terms:
                cue += ": " + ", ".join(f"“{t}”" for t in terms)
            found.append(Suggestion(position, round(float(probability[best]), 2), cue))
        return found


class PositionSuggester:
    """Suggests positions for one topic from its classifier, its lexicon and its terms."""

    def __init__(
        self,
        *,
        lexicon: PositionLexicon,
        topic_terms: list[str],
        classifier: PositionClassifier | None = None,
    ):
        self.lexicon = lexicon
        self.classifier = classifier
        self.topic_terms = [normalised(t).strip() for t in topic_terms if normalised(t).strip()]

    def about_topic(self, words: str, text: str, context_start: int) -> bool:
        """Whether the passage is about the topic: one of its terms in the words, or in the
        paragraphs just before (a live blog moves on to the budget; so must suggestions)."""
        if not self.topic_terms:
            return True
        window_start = context_start
        for _ in range(TOPIC_WINDOW_PARAGRAPHS):
            previous = text.rfind("\n", 0, max(0, window_start - 1))
            while previous > 0 and text[previous - 1] == "\n":
                previous = text.rfind("\n", 0, previous - 1)
            window_start = previous + 1 if previous >= 0 else 0
            if window_start == 0:
                break
        window = normalised(text[window_start : context_start] + " " + words)
        return any(f" {term} " in window for term in self.topic_terms)

    def suggest_many(self, items: list[tuple[str, str, int]], *, text: str) -> list[Suggestion]:
        """One suggestion per (words, context, context_start)."""
        learned = self.classifier.suggest_many([w for w, _, _ in items]) if self.classifier else []
        found = []
        for index, (words, context, context_start) in enumerate(items):
            if not self.about_topic(words, text, context_start) and not self.about_topic(
                context, text, context_start
            ):
                found.append(NO_SUGGESTION)
                continue
            suggestion = NO_SUGGESTION
            if learned and learned[index].confidence >= MIN_CLASSIFIER_CONFIDENCE:
                suggestion = learned[index]
            if suggestion is NO_SUGGESTION:
                suggestion = self.lexicon.suggest(words)
            found.append(suggestion)
        return found
