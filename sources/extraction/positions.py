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
# Below this, or below chance among the positions it has learned, the classifier's best guess is
# no guess, and the lexicon (or nothing) speaks instead. A higher bar leaves more quotations that
# take no position without a suggestion, and gets fewer clear positions right: on the development
# set, five points over chance cost three clear positions in a hundred (`make eval-extract`
# prints both figures).
MIN_CLASSIFIER_CONFIDENCE = 0.35
# From here the classifier outranks a cue phrase: it has seen how this topic is argued.
SURE_CLASSIFIER_CONFIDENCE = 0.5
# A live blog's entries start with the time on a line of its own: “9.22am”, “12.02pm”, “14:05”.
_ENTRY_HEADING = re.compile(r"(?m)^[ \t]*\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?[ \t]*$")


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


@dataclass(frozen=True)
class PositionQuery:
    """What a suggestion is made from: the words, where their paragraph starts in the article
    (to tell which entry of a live blog they are in), and who said them (`speaker_profile`)."""

    words: str
    context_start: int = 0
    speaker: str = ""


def speaker_profile(*, is_politician: bool, party: str = "", role: str = "") -> str:
    """Who is speaking, as words a classifier can weigh: on most topics a minister defends the
    government's line and a company defends itself, and the published statements teach how much
    that counts on this one."""
    if not is_politician:
        return "speakerisnotapolitician"
    role = role.casefold()
    if role.startswith("shadow") or "opposition" in role or "spokesperson" in role:
        bench = "speakeronoppositionfrontbench"
    elif re.search(
        r"\b(?:minister|secretary|chancellor|attorney general|solicitor general|whip|"
        r"leader of the house)\b",
        role,
    ) and not role.startswith(("former", "chair")):
        bench = "speakeringovernment"
    else:
        bench = "speakeronbackbenches"
    party_word = re.sub(r"\W+", "", party.casefold())
    return f"speakerisapolitician {bench}" + (f" speakerparty{party_word}" if party_word else "")


_NEGATORS = {"not", "no", "never", "without", "nor", "neither", "rather"}


class PositionLexicon:
    """Cue phrases per position, for one topic. A cue in a negated clause (“would not extend to
    personal phones”, “no plans to extend the ban”) points nowhere."""

    def __init__(self, cues: list[tuple[str, str]]):
        cleaned = [(position, normalised(phrase).strip()) for position, phrase in cues]
        self.cues = [(position, phrase) for position, phrase in cleaned if phrase]

    def matches(self, words: str) -> dict[str, list[str]]:
        haystack = normalised(words)
        matched: dict[str, list[str]] = {}
        for position, phrase in self.cues:
            at = haystack.find(f" {phrase} ")
            while at >= 0:
                if not self._negated(haystack, at, phrase):
                    matched.setdefault(position, []).append(phrase)
                    break
                at = haystack.find(f" {phrase} ", at + 1)
        return matched

    @staticmethod
    def _negated(haystack: str, at: int, phrase: str) -> bool:
        if phrase.split()[0] in _NEGATORS:
            return False
        clause = re.split(r" [.,;:!?] ", haystack[:at])[-1].split()
        return any(w in _NEGATORS or w.endswith("n't") for w in clause)

    def suggest(self, words: str) -> Suggestion:
        matched = self.matches(words)
        if not matched:
            return NO_SUGGESTION
        scores = {p: sum(len(c.split()) for c in cues) for p, cues in matched.items()}
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

    It reads the words, the lexicon's cues and who is speaking. Fitting a few hundred statements
    takes milliseconds, so it is refitted whenever the published set changes (the caller keys
    its cache on that)."""

    def __init__(self, training: list[tuple], *, lexicon: PositionLexicon | None = None):
        """`training`: (words, position) or (words, position, speaker profile) rows."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        queries, labels = _queries_and_positions(training)
        self.lexicon = lexicon
        self.size = len(queries)
        self.vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        features = self.vectoriser.fit_transform([self._document(q) for q in queries])
        self.model = LogisticRegression(max_iter=1000, class_weight="balanced", C=2.0)
        self.model.fit(features, labels)
        self.terms = self.vectoriser.get_feature_names_out()
        self.min_confidence = max(MIN_CLASSIFIER_CONFIDENCE, 1 / len(self.model.classes_))

    def _document(self, query: PositionQuery) -> str:
        cues = ""
        if self.lexicon is not None:
            cues = " ".join(
                f"cuepoints{p.replace('_', '')}" for p in self.lexicon.matches(query.words)
            )
        return f"{normalised(query.words)} {cues} {query.speaker}"

    @staticmethod
    def can_learn_from(training: list) -> bool:
        queries, positions = _queries_and_positions(training)
        counts: dict[str, int] = {}
        for position in positions:
            counts[position] = counts.get(position, 0) + 1
        enough = [p for p, n in counts.items() if n >= MIN_STATEMENTS_PER_POSITION]
        return len(queries) >= MIN_TRAINING_STATEMENTS and len(enough) >= 2

    def suggest_many(self, queries: list[PositionQuery]) -> list[Suggestion]:
        if not queries:
            return []
        features = self.vectoriser.transform([self._document(q) for q in queries])
        probabilities = self.model.predict_proba(features)
        classes = list(self.model.classes_)
        found = []
        for row, probability in enumerate(probabilities):
            best = int(probability.argmax())
            position = classes[best]
            if len(classes) > 2:
                coefficients = self.model.coef_[best]
            else:
                coefficients = self.model.coef_[0] if best == 1 else -self.model.coef_[0]
            weights = features[row].multiply(coefficients).tocsr()
            order = weights.data.argsort()[::-1][:3]
            terms = [
                _readable(self.terms[weights.indices[i]]) for i in order if weights.data[i] > 0
            ]
            cue = f"learned from {self.size} published statements"
            if terms:
                cue += ": " + ", ".join(terms)
            found.append(Suggestion(str(position), round(float(probability[best]), 2), cue))
        return found


def _readable(term: str) -> str:
    if term.startswith("cuepoints"):
        return "a cue phrase"
    if term.startswith("speaker"):
        return "who is speaking"
    return f"“{term}”"


def _queries_and_positions(training: list[tuple]) -> tuple[list[PositionQuery], list[str]]:
    """Training rows are (words, position) or (words, position, speaker profile)."""
    queries, positions = [], []
    for words, position, *speaker in training:
        queries.append(PositionQuery(words=words, speaker=speaker[0] if speaker else ""))
        positions.append(position)
    return queries, positions


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

    def topic_windows(self, text: str) -> list[tuple[int, bool]]:
        """Where each stretch of the article starts, and whether it is about the topic.

        An article that never names the topic is not about it. A live blog (entries headed by a
        time, “10.04am”) moves from story to story: an entry is about the topic only when it
        names it, so the chancellor on the budget gets no position on TikTok. (A cue is no
        evidence: “the right decision” is as often said of a budget.)"""
        if not self.topic_terms:
            return [(0, True)]
        if not self._names_topic(text):
            return [(0, False)]
        entries = [m.start() for m in _ENTRY_HEADING.finditer(text)]
        if len(entries) < 2:
            return [(0, True)]
        bounds = [0, *entries, len(text)]
        windows = []
        for start, end in zip(bounds, bounds[1:], strict=False):
            body = text[start:end]
            windows.append((start, self._names_topic(body)))
        return windows

    def _names_topic(self, text: str) -> bool:
        words = normalised(text)
        return any(f" {term} " in words for term in self.topic_terms)

    def suggest_many(self, queries: list[PositionQuery], *, text: str) -> list[Suggestion]:
        learned = self.classifier.suggest_many(queries) if self.classifier else []
        windows = self.topic_windows(text)
        found = []
        for index, query in enumerate(queries):
            on_topic = [about for start, about in windows if start <= query.context_start]
            if not (on_topic and on_topic[-1]):
                found.append(NO_SUGGESTION)
                continue
            found.append(self._choose(learned[index] if learned else None, query))
        return found

    def _choose(self, learned: Suggestion | None, query: PositionQuery) -> Suggestion:
        """A sure classifier first; then a cue; then a classifier that at least beats chance."""
        if learned is not None and learned.confidence >= SURE_CLASSIFIER_CONFIDENCE:
            return learned
        cued = self.lexicon.suggest(query.words)
        if cued is not NO_SUGGESTION:
            return cued
        if learned is not None and learned.confidence > self.classifier.min_confidence:
            return learned
        return NO_SUGGESTION
