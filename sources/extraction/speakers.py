"""Who said it: direct quotations and reported speech, each attributed to a speaker.

One pass over the sentences, in order, so that “she”, “Mr Bradley” and “the MP” can only look
back at what a reader has already been told. Quotations are masked while looking for verbs of
saying, so that “said” inside someone's words never attributes anything.
"""

import re
from dataclasses import dataclass

from .article import Paragraph, Span, paragraphs_of, sentences_of
from .mentions import Discourse, Entity, Mention
from .people import PeopleDirectory
from .phrases import (
    ANAPHOR,
    AUTHOR_PRONOUNS,
    DETERMINERS,
    LEADING_WORDS,
    PARTY_WORDS,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    TRANSCRIPT_LABELS,
    described_as_non_politician,
    is_adverbial,
    is_pronoun,
    kind_of,
    name_like,
    segments,
)
from .quotes import Quotation, quotations_in, word_count
from .verbs import (
    ADVERBIAL_WORDS,
    AUXILIARIES,
    BARE_FORMS,
    CONTENT_CUT,
    COORDINATED,
    LOWER_OBJECTS,
    NEGATED,
    PASSIVE,
    POSTING_VERBS,
    THE_OBJECTS,
    VERB,
    VERB_KINDS,
    WEEKDAYS,
)

MASK = "\x00"
# Shorter unattributed quotations are scare quotes and titles: ‘hawk’, “Blue Wall”.
MIN_UNATTRIBUTED_WORDS = 4
# Reported speech that is mostly someone's own quoted words is a direct quotation.
DIRECT_SHARE = 0.6


@dataclass
class Utterance:
    """Something said, found in the article: its words, and who said it."""

    start: int
    end: int
    is_paraphrase: bool
    entity: Entity | None
    as_written: str
    how: str


@dataclass
class _Verb:
    start: int
    end: int
    form: str
    kind: str
    sentence: Span


class Attribution:
    """Finds every utterance in one article."""

    def __init__(self, text: str, directory: PeopleDirectory):
        self.text = text
        self.paragraphs = paragraphs_of(text)
        self.quotes = quotations_in(text, self.paragraphs)
        self.masked = self._mask()
        self.discourse = Discourse(
            text, directory, [(q.outer_start, q.outer_end) for q in self.quotes]
        )
        self.utterances: list[Utterance] = []
        self._speaker_events: list[Mention] = []
        self._quote_speaker: dict[int, Utterance] = {}
        self._used_quotes: set[int] = set()
        self.sentences: list[tuple[Paragraph, Span]] = []
        for paragraph in self.paragraphs:
            for sentence in sentences_of(text, paragraph, self.masked):
                self.sentences.append((paragraph, sentence))

    def _mask(self) -> str:
        """The text with every quotation blanked out, but for its final stop and closing mark:
        a quotation can still end a sentence, and no word inside it is read as the reporter's."""
        chars = list(self.text)
        for q in self.quotes:
            keep_last = q.end - 1 if q.end > q.start and self.text[q.end - 1] in ".!?…" else None
            for at in range(q.outer_start, q.outer_end):
                if chars[at] != "\n" and at != keep_last and at != q.close_at:
                    chars[at] = MASK
        return "".join(chars)

    # -- the pass -----------------------------------------------------------------------------

    def run(self) -> list[Utterance]:
        """Every utterance in the article, in order of the text."""
        pending_intro: tuple[Utterance, int] | None = None
        transcript_line = None
        for number, (paragraph, sentence) in enumerate(self.sentences):
            first_in_paragraph = number == 0 or self.sentences[number - 1][0] is not paragraph
            if first_in_paragraph:
                intro, pending_intro = pending_intro, None
                follows_intro = intro is not None and intro[1] == paragraph.index - 1
                if follows_intro and not self._continue_intro(intro[0], paragraph):
                    self._block_quote(intro[0], paragraph)
                transcript_line = paragraph if self._transcript_line(paragraph) else None
            if transcript_line is paragraph:
                continue
            intro = self._sentence(paragraph, sentence)
            if intro is not None:
                pending_intro = (intro, paragraph.index)
        self.utterances.sort(key=lambda u: (u.start, u.end))
        return self.utterances

    def _sentence(self, paragraph: Paragraph, sentence: Span) -> Utterance | None:
        """Attribute what this sentence reports; returns an utterance whose words open the next
        paragraph (“X said:” at the end of a paragraph)."""
        intro = None
        subject: Utterance | None = None
        verbs = self._verbs(sentence)
        previous_verb_end = None
        for verb in verbs:
            found = self._verb(verb, subject, previous_verb_end)
            if found is None:
                continue
            previous_verb_end = verb.end
            subject, colon_intro = found
            if colon_intro:
                intro = subject
        self._according_to(sentence)
        self._headline_attribution(sentence)
        self._unattributed(paragraph, sentence)
        return intro

    # -- verbs of saying ----------------------------------------------------------------------

    def _verbs(self, sentence: Span) -> list[_Verb]:
        found = []
        body = self.masked[sentence.start : sentence.end]
        for match in VERB.finditer(body):
            form = re.sub(r"\s+", " ", match.group(1))
            start, end = sentence.start + match.start(), sentence.start + match.end()
            before = self.text[sentence.start : start]
            if PASSIVE.search(before):
                continue
            after_verb = self.masked[sentence.start + match.end() : sentence.end]
            if re.match(
                r"\s+(?:not\s+to\s+be\s+(?:named|identified)|to\s+remain\s+anonymous)", after_verb
            ):
                continue  # “who asked not to be named”: a condition of speaking, not speech
            if form in ("asked", "asks") and (
                not before.strip() or re.search(r"(?:,|\bwhen|\bif|\bonce)\s*$", before)
            ):
                continue  # “Asked about the ban, …”, “The chancellor, asked about …, said”
            if (
                form in BARE_FORMS
                and re.search(
                    r"\b(?:to|will|would|should|must|may|might|can|could|shall)\s+$", before
                )
                and not re.search(r"\b(?:goes|went|going|go)\s+on\s+to\s+$", before)
            ):
                continue  # “to explain the risks”, “should say”: not a report of what was said
            if form in POSTING_VERBS and not re.match(r"\s*(?:that\b|:|,?\s*\x00)", after_verb):
                continue  # “posts several times a week”
            if form.startswith(("describ", "dismiss")) and not re.match(
                r"[^.;:]{0,80}?\bas\b", self.masked[sentence.start + match.end() : sentence.end]
            ):
                continue  # “dismissed the criticism”: not a report of words
            found.append(_Verb(start, end, form, VERB_KINDS[form], sentence))
        return found

    def _verb(
        self, verb: _Verb, previous: Utterance | None, previous_verb_end: int | None
    ) -> tuple[Utterance, bool] | None:
        """Attribute what one verb of saying reports; returns its speaker, and whether the
        words follow in the next paragraph (“X said:” at the end of one)."""
        sentence = verb.sentence
        clause_start = self._clause_start(sentence, verb.start)
        if previous_verb_end is not None:
            clause_start = max(clause_start, previous_verb_end)
        pre = self.masked[clause_start : verb.start]
        negated = bool(NEGATED.search(pre))
        participle = verb.form.split()[0].endswith("ing")
        trailing_quote = (
            None if participle else self._quote_closing_before(sentence, clause_start, verb.start)
        )
        speaker = self._speaker_of(
            verb, previous, previous_verb_end, clause_start, participle, trailing_quote
        )
        if speaker is None or speaker.how == "author":
            return None
        self._register_speaker(speaker, verb.start)
        if trailing_quote is not None:
            self._attribute_quote(trailing_quote, speaker)
            following = self._quote_opening_after(verb.end, sentence.end)
            if following is not None:
                self._attribute_quote(following, speaker)
            return speaker, False
        if negated:
            return speaker, False
        return speaker, self._words_after(verb, speaker, clause_start)

    def _speaker_of(
        self,
        verb: _Verb,
        previous: Utterance | None,
        previous_verb_end: int | None,
        clause_start: int,
        participle: bool,
        trailing_quote: Quotation | None,
    ) -> Utterance | None:
        """Who the verb's subject is: the previous speaker for “… and added”, else its own."""
        sentence = verb.sentence
        coordinated = previous is not None and COORDINATED.search(
            self.masked[previous_verb_end or clause_start : verb.start]
        )
        if coordinated or (participle and previous is not None):
            return Utterance(
                verb.start, verb.start, False, previous.entity, previous.as_written, previous.how
            )
        if participle:
            return self._sentence_subject(sentence, verb.start)
        speaker = self._subject_before(clause_start, verb.start)
        if speaker is None and trailing_quote is not None:
            speaker = self._subject_after(verb.end, sentence.end)
        return speaker

    def _words_after(self, verb: _Verb, speaker: Utterance, clause_start: int) -> bool:
        """Attribute the words the verb introduces; True when they are in the next paragraph."""
        sentence = verb.sentence
        after_start = self._skip_object_and_adverbials(verb, sentence.end)
        after = self.masked[after_start : sentence.end]
        if re.match(r"\s*[:,]?\s*$", after) and after.strip().startswith(":"):
            return True  # “X said:” closing the paragraph: the next one is the quote
        opening = self._quote_opening_after(verb.end, sentence.end, allow_words=True)
        if opening is not None and re.match(
            r"[^\w]*[:,]\s*" + MASK, self.masked[after_start : opening.outer_start + 1]
        ):
            self._attribute_quote(opening, speaker)
            for later in self._quotes_in(sentence):
                if later.open_at > opening.open_at and id(later) not in self._used_quotes:
                    self._attribute_quote(later, speaker)
            return False
        content = self._content(after_start, sentence.end)
        if content is None:
            parenthetical = self._parenthetical(clause_start, verb, sentence)
            content = parenthetical or self._content_before(sentence, clause_start, verb)
            if content is None:
                return False
        self._report(content, speaker)
        return False

    def _clause_start(self, sentence: Span, at: int) -> int:
        start = sentence.start
        for q in self.quotes:
            if sentence.start <= q.outer_end <= at and q.outer_start < at:
                start = max(start, q.outer_end)
        segment = self.masked[start:at]
        cut = max(segment.rfind(";"), segment.rfind(":"))
        if cut >= 0:
            start += cut + 1
        return start

    def _quote_closing_before(self, sentence: Span, clause_start: int, at: int) -> Quotation | None:
        """`“…,” she said`: a quotation closes just before the subject and verb."""
        for q in self.quotes:
            if q.close_at is None or q.outer_end > at:
                continue
            if q.outer_end < sentence.start:
                # “… a fortnight?” Sir Iain asked. — a question mark inside the quotation ends
                # a sentence for the splitter, not for the reader.
                if not self._question_then_speaker(q, sentence, clause_start, at):
                    continue
            elif q.outer_end != clause_start:
                continue
            between = self.text[q.outer_end : at]
            if re.search(r"[.!?;]", between) or re.match(r"\s*,?\s*(?:and|but|or)\b", between):
                continue  # “… “years ago” and called for …”: a new verb, not an attribution
            # “…,” Alicia Kearns, the Conservative MP for Rutland and Melton, said.
            # “…,” she said — the comma (or ? or !) says the quotation's sentence goes on here;
            # “an “immensely valuable” tool …, and insisted” is not an attribution of it.
            punctuated = self.text[q.close_at - 1] in ",?!…" or between.startswith(",")
            if (punctuated and word_count(between) <= 16) or word_count(between) <= 3:
                return q
        return None

    def _question_then_speaker(
        self, q: Quotation, sentence: Span, clause_start: int, at: int
    ) -> bool:
        """“… a fortnight?” Sir Iain asked.: a short sentence that only names the speaker."""
        return bool(
            self.text[q.outer_end : sentence.start] == " "
            and self.text[q.close_at - 1] in "?!"
            and clause_start == sentence.start
            and id(q) not in self._used_quotes
            and re.fullmatch(r"[^.!?]*[.!?]\W*", self.text[at : sentence.end])
            and word_count(self.text[at : sentence.end]) <= 6
        )

    def _quote_opening_after(
        self, at: int, limit: int, allow_words: bool = False
    ) -> Quotation | None:
        for q in self.quotes:
            if at <= q.outer_start < limit + 1:
                between = self.masked[at : q.outer_start]
                if allow_words or word_count(between) <= 8:
                    if MASK in between:
                        return None
                    return q
        return None

    def _quotes_in(self, sentence: Span) -> list[Quotation]:
        return [q for q in self.quotes if sentence.start <= q.outer_start < sentence.end]

    # -- subjects -----------------------------------------------------------------------------

    def _subject_before(self, clause_start: int, verb_start: int) -> Utterance | None:
        pre = self.masked[clause_start:verb_start]
        stripped = AUXILIARIES.sub("", pre.rstrip())
        stripped = re.sub(r"\b(?:to\s+say|to\s+ask)\s*$", "", stripped)
        end = clause_start + len(stripped)
        if not stripped.strip(" ,-–—•*\t\n"):
            return None
        relative = re.search(r",\s*(?:who|which)\s*$", stripped)
        if relative:
            # “energy secretary Grant Shapps, who described …”
            return self._noun_phrase(
                clause_start, clause_start + relative.start(), appositive=False
            )
        relative = re.search(r"\s(?:who|which|that)\s*$", stripped)
        if relative:
            # “He is unimpressed by colleagues who argue …”: the noun the clause hangs on.
            before = stripped[: relative.start()]
            lead = re.search(
                r".*\b(?:by|of|for|to|from|with|about|is|are|was|were|among)\s+", before
            )
            head_start = clause_start + (lead.end() if lead else 0)
            return self._resolve_head(head_start, clause_start + relative.start())
        return self._noun_phrase(clause_start, end, appositive=stripped.rstrip().endswith(","))

    def _subject_after(self, start: int, limit: int) -> Utterance | None:
        """`“…,” said Mr Ellwood, the chairman of …`."""
        rest = self.masked[start:limit]
        match = re.match(r"\s*([^,.;:!?\x00]+)", rest)
        if not match or word_count(match.group(1)) > 8:
            return None
        np_start = start + match.start(1)
        np_end = start + match.end(1)
        appositives = rest[match.end(1) :]
        return self._resolve_head(np_start, np_end, appositives=appositives)

    def _noun_phrase(self, start: int, end: int, appositive: bool) -> Utterance | None:
        text = self.masked[start:end]
        conjunction = re.search(r"\s+(?:and|but)\s*$", text)
        if conjunction:
            shared = self._shared_subject(start, start + conjunction.start())
            if shared is not None:
                return shared
        parts = segments(text, start)
        if appositive and parts and not parts[-1][2].strip():
            parts = parts[:-1]
        if not parts:
            return None
        if appositive and len(parts) > 1:
            index = self._head_segment(parts)
            head = parts[index]
            appositives = " ".join(part[2] for part in parts[index + 1 :])
        else:
            head = parts[-1]
            appositives = ""
        return self._resolve_head(head[0], head[1], appositives=appositives, context_start=start)

    def _shared_subject(self, start: int, end: int) -> Utterance | None:
        """`Ipswich's MP has backed the ban, but warned …`, `She has used the app … and told …`:
        the verb shares the subject its clause opened with."""
        body = self.masked[start:end]
        lead = len(body) - len(body.lstrip())
        words = body.lstrip()
        while words.split(" ", 1)[0].casefold().strip(",") in LEADING_WORDS and " " in words:
            skipped = words.split(" ", 1)[1]
            lead += len(words) - len(skipped)
            words = skipped.lstrip()
        opening = start + lead
        pronoun = re.match(r"(He|She|They)\b", words)
        if pronoun:
            return self._resolve_head(opening, opening + len(pronoun.group(1)))
        determiner = re.match(r"(?:the|a|an)\s+", words, re.IGNORECASE)
        head_at = opening + (determiner.end() if determiner else 0)
        first = next(
            (m for m in self.discourse.mentions_between(opening, end) if not m.in_quote), None
        )
        if first is not None and first.start == head_at:
            return self._resolve_head(opening, first.end)
        if "," in body:
            # “The chancellor, Jeremy Hunt, who …, was asked … and said”
            return self._noun_phrase(start, start + body.rfind(",") + 1, appositive=True)
        return None

    def _head_segment(self, segments) -> int:
        """Among `X, a campaigner who …, said`, the segment that is the speaker."""

        def starts_as_apposition(words: str) -> bool:
            first = words.strip().split(" ", 1)[0].casefold() if words.strip() else ""
            return (
                first in RELATIVES
                or first in {"a", "an", "one", "now", "formerly", "aged"}
                or first[:1].isdigit()
            )

        for index in range(len(segments) - 1, -1, -1):
            start, end, words = segments[index]
            if starts_as_apposition(words):
                continue
            if self._person_mentions(start, end) or is_pronoun(words) or name_like(words):
                return index
        for index in range(len(segments) - 1, -1, -1):
            start, end, words = segments[index]
            if not starts_as_apposition(words) and any(
                m.kind == "role" for m in self.discourse.mentions_between(start, end)
            ):
                return index
        for index, (_, _, words) in enumerate(segments):
            if not starts_as_apposition(words) and not is_adverbial(words):
                return index
        return 0

    def _person_mentions(self, start: int, end: int) -> list[Mention]:
        return [
            m
            for m in self.discourse.mentions_between(start, end)
            if m.kind in ("name", "titled", "surname")
        ]

    def _resolve_head(
        self, start: int, end: int, appositives: str = "", context_start: int | None = None
    ) -> Utterance | None:
        """The speaker a noun phrase names: a person we hold, someone else, or a description."""
        raw = self.text[start:end]
        words = _without_leading_words(raw.strip()).strip(" ,")
        if not words:
            return None
        start = start + raw.find(words)
        end = start + len(words)
        pronoun = self._pronoun_speaker(start, end, words)
        if pronoun is not None:
            return pronoun
        mentions = [m for m in self.discourse.mentions_between(start, end) if m.kind != "pronoun"]
        head = self._head_mention(mentions, start, end)
        if head is not None and head.entity is not None:
            entity = head.entity
            described = self.text[min(start, context_start or start) : head.start]
            if entity.is_politician and described_as_non_politician(described + " " + appositives):
                # “David Jones, a professor at Bristol”: same name as an MP, not the MP.
                entity = self.discourse.entity_for_name(head.text, head.start)
            return Utterance(start, end, False, entity, words, _how(head))
        anaphor = ANAPHOR.match(words)
        if anaphor and head is None:
            entity = self._anaphor(start, anaphor.group(1), anaphor.group(2))
            return Utterance(start, end, False, entity, words, "description")
        if head is not None and head.kind == "role":
            # “The former home secretary”: a post whose holder we cannot name.
            entity = self.discourse.entity_for_description(words, start, "person")
            return Utterance(start, end, False, entity, words, "description")
        if head is not None:
            # A name we cannot place (“Mr Ellwood” before any Ellwood): keep the words.
            entity = self.discourse.entity_for_name(head.text, head.start)
            return Utterance(start, end, False, entity, words, "unplaced name")
        return self._unheld_speaker(start, end, words)

    def _pronoun_speaker(self, start: int, end: int, words: str) -> Utterance | None:
        """“we” (the author), “she”, or “Speaking on Sunday, he”: a pronoun as the subject."""
        lower = words.casefold()
        if lower in AUTHOR_PRONOUNS:
            return Utterance(start, end, False, None, words, "author")
        if lower in PRONOUNS:
            entity = self.antecedent(start, lower)
            return Utterance(start, end, False, entity, words, "pronoun")
        tail_pronoun = re.search(r"\b(he|she|they)$", words, re.IGNORECASE)
        if tail_pronoun and re.match(r"(?:in|on|at|speaking|writing|asked)\b", lower):
            at = start + tail_pronoun.start()
            entity = self.antecedent(at, tail_pronoun.group(1).casefold())
            return Utterance(at, end, False, entity, tail_pronoun.group(1), "pronoun")
        return None

    def _unheld_speaker(self, start: int, end: int, words: str) -> Utterance:
        """A subject that names nobody we know: an earlier description, a name, or words."""
        the_noun = re.match(r"^the\s+(\w+)$", words.casefold())
        if the_noun:
            earlier = self._earlier_description(start, the_noun.group(1))
            if earlier is not None:
                return Utterance(start, end, False, earlier, words, "description")
        if name_like(words):
            entity = self.discourse.entity_for_name(words, start)
            return Utterance(start, end, False, entity, words, "name we do not hold")
        entity = self.discourse.entity_for_description(words, start, kind_of(words))
        return Utterance(start, end, False, entity, words, "description")

    def _head_mention(self, mentions: list[Mention], start: int, end: int) -> Mention | None:
        """The mention the noun phrase is about: at its end, not after a preposition, not a
        possessive (“the prime minister’s official spokesman”)."""
        for mention in sorted(mentions, key=lambda m: m.end, reverse=True):
            tail = self.text[mention.end : end]
            if not re.fullmatch(
                r"(?:\s*,?\s*(?:MP|MSP|MS|MLA|QC|KC|CBE|OBE|MBE|himself|herself))*\s*", tail
            ):
                return None
            before = [
                w
                for w in self.text[start : mention.start].split()
                if w.casefold() not in DETERMINERS
            ]
            if before and before[-1].casefold().strip(",") in PREPOSITIONS | {"close"}:
                return None
            if (
                before
                and before[-1].casefold() in {"and", "&"}
                and any(
                    m.start < mention.start and m.kind in ("name", "titled", "surname")
                    for m in mentions
                )
            ):
                return None  # “Alicia Kearns and Tobias Ellwood said”: two speakers
            return mention
        return None

    def _sentence_subject(self, sentence: Span, at: int) -> Utterance | None:
        """The subject a participle (“…, adding: …”) takes from its main clause."""
        for mention in self.discourse.mentions_between(sentence.start, at):
            if mention.in_quote or mention.entity is None:
                continue
            return Utterance(
                mention.start, mention.end, False, mention.entity, mention.text, _how(mention)
            )
        return None

    def _anaphor(self, at: int, modifiers: str, noun: str) -> Entity | None:
        """“The MP”, “the Conservative MP”, “the minister”: the politician last written about."""
        noun = noun.casefold()
        party = next(
            (PARTY_WORDS[w] for w in modifiers.casefold().split() if w in PARTY_WORDS), None
        )
        if noun in PARTY_WORDS:
            party = PARTY_WORDS[noun]

        def fits(entity: Entity) -> bool:
            if not entity.is_politician:
                return False
            if party and entity.person.party.casefold() != party:
                return False
            if noun == "minister" and "former" not in modifiers.casefold():
                role = entity.person.role.casefold()
                return any(word in role for word in ("minister", "secretary", "chancellor"))
            return True

        return self._look_back(at, fits, paragraphs=3)

    def _earlier_description(self, at: int, noun: str) -> Entity | None:
        """“the spokesperson” after “The prime minister's official spokesperson”."""
        for event in reversed(self._events_before(at)):
            entity = event.entity
            if (
                entity is not None
                and not entity.is_politician
                and entity.key.startswith("d:")
                and noun in entity.label.casefold().split()
            ):
                return entity
        return None

    # -- pronouns -----------------------------------------------------------------------------

    def antecedent(self, at: int, pronoun: str) -> Entity | None:
        """Whom “he”, “she” or “they” refers back to: the most recent speaker, else the subject
        of the nearest sentence before, that fits. “They” never names a politician."""
        wanted = PRONOUNS[pronoun]

        def fits(entity: Entity) -> bool:
            if wanted in ("m", "f"):
                return entity.kind == "person" and entity.gender in (None, wanted)
            if wanted == "they":
                return (
                    not entity.is_politician
                    and entity.kind in ("group", "organisation", "person")
                    and (entity.kind != "person" or entity.key.startswith("d:"))
                )
            return entity.kind == "organisation"

        entity = self._look_back(at, fits, paragraphs=3)
        if entity is not None and wanted in ("m", "f") and entity.gender is None:
            entity.gender = wanted
        return entity

    def _events_before(self, at: int) -> list[Mention]:
        events = [
            m
            for m in self.discourse.mentions
            if m.start < at and not m.in_quote and m.entity is not None
        ]
        events += [e for e in self._speaker_events if e.start < at]
        events.sort(key=lambda m: m.start)
        return events

    def _look_back(self, at: int, fits, paragraphs: int) -> Entity | None:
        events = self._events_before(at)
        here = next(
            (i for i, (_, s) in enumerate(self.sentences) if s.start <= at < s.end + 1), None
        )
        if here is None:
            return None
        current_paragraph = self.sentences[here][0].index
        for index in range(here, -1, -1):
            paragraph, sentence = self.sentences[index]
            if current_paragraph - paragraph.index > paragraphs:
                break
            inside = [e for e in events if sentence.start <= e.start < min(sentence.end, at)]
            if not inside:
                continue
            found = self._who_in_sentence(inside, sentence, fits)
            if found is not None:
                return found
        return None

    def _who_in_sentence(self, inside: list[Mention], sentence: Span, fits) -> Entity | None:
        """Of the people a sentence mentions, the one a following pronoun most likely means."""
        speakers = [e for e in inside if e.kind == "speaker" and fits(e.entity)]
        if speakers:
            return self._moved_on_to(inside, speakers, sentence, fits)
        subject = self._subject_event(inside, sentence)
        if subject is not None and fits(subject.entity):
            return subject.entity
        others = [e for e in inside if fits(e.entity)]
        if others:
            return others[-1].entity
        return None

    def _moved_on_to(self, inside: list[Mention], speakers: list, sentence: Span, fits) -> Entity:
        # “Burns said the risks are overstated, a point Ellwood waves away. He …”: a
        # person who acts after the speaker's words is who the story moves on to.
        later = [
            e
            for e in inside
            if e.kind != "speaker"
            and e.start > speakers[-1].start
            and fits(e.entity)
            and not self._inside_utterance(e.start)
            and not self._after_preposition(sentence.start, e.start)
        ]
        return (later or speakers)[-1].entity

    def _inside_utterance(self, at: int) -> bool:
        return any(u.start <= at < u.end for u in self.utterances)

    def _after_preposition(self, start: int, at: int) -> bool:
        before = self.text[start:at].split()
        return bool(before) and before[-1].casefold().strip(",") in PREPOSITIONS

    def _subject_event(self, events: list[Mention], sentence: Span) -> Mention | None:
        for event in events:
            if event.kind == "speaker":
                continue
            before = self.text[sentence.start : event.start].split()
            if before and before[-1].casefold().strip(",") in PREPOSITIONS:
                continue
            return event
        return None

    def _register_speaker(self, speaker: Utterance, at: int) -> None:
        if speaker.entity is not None:
            self._speaker_events.append(
                Mention(speaker.start, speaker.end, speaker.entity, "speaker", speaker.as_written)
            )

    # -- what was said ------------------------------------------------------------------------

    def _skip_object_and_adverbials(self, verb: _Verb, limit: int) -> int:
        at = verb.end
        rest = self.masked[at:limit]
        that = re.match(r"((?:\s+[\w'’\-]+){0,12}?)\s+that\b", rest)
        if that:
            between = that.group(1).split()
            adverbial = all(
                w.casefold() in ADVERBIAL_WORDS or w[:1].isupper() or w[:1].isdigit()
                for w in between
            )
            clean = MASK not in that.group(1) and "," not in that.group(1)
            if (verb.kind == "tell" or adverbial) and clean:
                return at + that.end()
        if verb.kind in ("tell",):
            told = _told_object(rest)
            if told is not None:
                return at + told
        if verb.kind in ("call_for",):
            return at
        to_say = re.match(r"\s+to\s+(?:say|ask)\b", rest)
        if to_say:
            return at + to_say.end()
        return at

    def _content(self, start: int, limit: int) -> tuple[int, int] | None:
        """The reported clause after a verb: to the end of the sentence, or where the reporter's
        own words take over."""
        body = self.masked[start:limit]
        lead = len(body) - len(body.lstrip(" ,:"))
        start += lead
        body = body[lead:]
        if not body or not re.match(r"[\w\x00“‘\"'«„]", body):
            return None
        if re.match(
            r"(?:little|nothing|much|less|more|so|as\s+much|a\s+lot)\b(?!\s+(?:of|than)\b)", body
        ):
            return None  # “has said little in public”
        cut = CONTENT_CUT.search(body)
        end = start + (cut.start() if cut else len(body))
        coordinated = self._next_coordinated_verb(start, end)
        if coordinated is not None:
            end = coordinated
        else:
            # “…delete the app altogether, Shapps said it was …”: the next speaker's clause.
            following = VERB.search(self.masked, start, end)
            if following is not None:
                comma = self.masked.rfind(",", start, following.start())
                if comma > start:
                    end = comma
        end = self._trim_end(start, end)
        words = re.findall(r"[\w'’\-]+", self.text[start:end])
        if len(words) < 2 or all(
            w.casefold() in ADVERBIAL_WORDS or w.casefold() in WEEKDAYS for w in words
        ):
            return None  # “said on Sunday.”: when, not what
        return start, end

    def _next_coordinated_verb(self, start: int, end: int) -> int | None:
        for match in VERB.finditer(self.masked, start, end):
            before = self.masked[start : match.start()]
            conjunction = re.search(
                r"(?:,\s*)?\s(?:and|but)\s+(?:then\s+|also\s+|later\s+)?(?:(?:he|she|they|it)\s+)?$",
                before,
            )
            if conjunction:
                return start + conjunction.start()
        return None

    def _trim_end(self, start: int, end: int) -> int:
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ",;:"):
            end -= 1
        if end > start and self.text[end - 1] == "." and self.masked[end - 1] != MASK:
            inside_quote = any(q.start <= end - 1 < q.end for q in self.quotes)
            if not inside_quote:
                end -= 1
        return end

    def _content_before(
        self, sentence: Span, clause_start: int, verb: _Verb
    ) -> tuple[int, int] | None:
        """`The ban should go further, Mr Ellwood said.`: what was said comes first."""
        after = self.masked[verb.end : sentence.end]
        if word_count(after.replace(MASK, " ")) > 6 or not re.search(
            r"[.!?]\W*$", after.strip() or "."
        ):
            return None
        before = self.masked[sentence.start : clause_start] + self.masked[clause_start : verb.start]
        comma = before.rfind(",")
        if comma <= 0:
            return None
        subject_words = before[comma + 1 :]
        if word_count(subject_words) > 6:
            return None
        start, end = sentence.start, sentence.start + comma
        lead = len(self.text[start:end]) - len(self.text[start:end].lstrip("-–—•* "))
        start += lead
        if (
            word_count(self.text[start:end]) < 2
            or MASK * 3 in self.masked[start:end]
            and self._all_quoted(start, end)
        ):
            return None
        return start, end

    def _all_quoted(self, start: int, end: int) -> bool:
        words = word_count(self.text[start:end])
        quoted = sum(
            word_count(self.text[q.start : q.end])
            for q in self.quotes
            if start <= q.outer_start and q.outer_end <= end + 1
        )
        return words and quoted / words > 0.8

    def _parenthetical(
        self, clause_start: int, verb: _Verb, sentence: Span
    ) -> tuple[int, int] | None:
        """`He would not, he said, be drawn on …`."""
        before = self.masked[sentence.start : clause_start] + self.masked[clause_start : verb.start]
        after = self.masked[verb.end : sentence.end]
        if re.match(r",\s+[a-z]", after) and re.search(r",\s*\w+\s*$", before):
            start = sentence.start
            end = self._trim_end(start, sentence.end)
            return start, end
        return None

    def _report(self, content: tuple[int, int], speaker: Utterance) -> None:
        start, end = content
        inside = [q for q in self.quotes if start <= q.outer_start and q.outer_end <= end + 1]
        words = word_count(self.text[start:end])
        quoted = sum(word_count(self.text[q.start : q.end]) for q in inside)
        if inside and words and quoted / words >= DIRECT_SHARE:
            for q in inside:
                self._attribute_quote(q, speaker)
            return
        for q in inside:
            self._used_quotes.add(id(q))
        if any(u.is_paraphrase and u.start < end and start < u.end for u in self.utterances):
            return
        _learn_gender(speaker.entity, self.text[start:end])
        self.utterances.append(
            Utterance(start, end, True, speaker.entity, speaker.as_written, speaker.how)
        )

    def _attribute_quote(
        self, quotation: Quotation, speaker: Utterance, inherited: str = ""
    ) -> None:
        """`inherited` says why a quotation with no verb of its own goes to this speaker."""
        if id(quotation) in self._used_quotes:
            return
        self._used_quotes.add(id(quotation))
        utterance = Utterance(
            quotation.start,
            quotation.end,
            False,
            speaker.entity,
            speaker.as_written,
            f"{speaker.how}; {inherited}" if inherited else speaker.how,
        )
        self._quote_speaker[id(quotation)] = utterance
        self.utterances.append(utterance)
        if speaker.entity is not None:
            self._speaker_events.append(
                Mention(
                    quotation.start, quotation.start, speaker.entity, "speaker", speaker.as_written
                )
            )

    # -- special forms ------------------------------------------------------------------------

    def _according_to(self, sentence: Span) -> None:
        body = self.masked[sentence.start : sentence.end]
        match = re.search(r"\b[Aa]ccording to\s+", body)
        if not match:
            return
        np_start = sentence.start + match.end()
        rest = self.masked[np_start : sentence.end]
        head = re.match(r"[^,.;:\x00]+", rest)
        if not head:
            return
        speaker = self._resolve_head(np_start, np_start + head.end())
        if speaker is None:
            return
        self._register_speaker(speaker, np_start)
        if match.start() == 0 or not body[: match.start()].strip(" -–—•*"):
            after = rest[head.end() :]
            # Skip an apposition: “According to one shadow minister, who asked not to be named, …”
            skip = re.match(r",\s*(?:who|which|a|an|the)\b[^,]*,", after)
            offset = np_start + head.end() + (skip.end() if skip else 0)
            content = self._content(offset, sentence.end)
        else:
            start = sentence.start
            end = self._trim_end(start, sentence.start + match.start())
            content = (start, end) if word_count(self.text[start:end]) >= 2 else None
        if content is not None:
            self._report(content, speaker)

    def _headline_attribution(self, sentence: Span) -> None:
        """`Shapps: "I won't be chased off TikTok"` — a name, a colon, a quotation."""
        for q in self._quotes_in(sentence):
            if id(q) in self._used_quotes:
                continue
            pre = self.text[sentence.start : q.outer_start]
            match = re.fullmatch(r"\s*([^:\n]{2,60}?):\s*", pre)
            if match and word_count(match.group(1)) <= 5:
                speaker = self._resolve_head(
                    sentence.start + match.start(1), sentence.start + match.end(1)
                )
                if speaker is not None and speaker.how != "author":
                    self._attribute_quote(q, speaker)

    def _transcript_line(self, paragraph: Paragraph) -> bool:
        """`Tom Tugendhat: Well, I'd challenge the premise …` in a transcript."""
        line = self.text[paragraph.start : paragraph.end]
        match = re.match(r"([A-Z][\w'’.\- ]{0,48}?):\s+(?=[^\s\"“'‘«])", line)
        if not match:
            return False
        label = match.group(1)
        speech_start = paragraph.start + match.end()
        if word_count(self.text[speech_start : paragraph.end]) < 3:
            return False
        mentions = self.discourse.mentions_between(paragraph.start, paragraph.start + len(label))
        is_person = any(
            m.entity is not None and m.entity.kind == "person" and m.kind != "role"
            for m in mentions
        )
        if not is_person and label.casefold() not in TRANSCRIPT_LABELS:
            return False
        speaker = self._resolve_head(paragraph.start, paragraph.start + len(label))
        if speaker is None:
            return False
        self._register_speaker(speaker, paragraph.start)
        self.utterances.append(
            Utterance(
                speech_start, paragraph.end, False, speaker.entity, speaker.as_written, "transcript"
            )
        )
        # What the line itself reports (“Grant Shapps says he will keep using it.”) is separate.
        for _, sentence in self.sentences:
            if paragraph.start <= sentence.start < paragraph.end:
                inner = Span(max(sentence.start, speech_start), sentence.end)
                for verb in self._verbs(inner):
                    self._verb(verb, None, None)
        return True

    def _continue_intro(self, intro: Utterance, paragraph: Paragraph) -> bool:
        first = next((q for q in self.quotes if q.outer_start == paragraph.start), None)
        if first is None:
            return False
        self._attribute_quote(first, intro)
        return True

    def _block_quote(self, intro: Utterance, paragraph: Paragraph) -> None:
        """`She says:` then a paragraph with no quotation marks: a live blog's blockquote."""
        line = self.text[paragraph.start : paragraph.end]
        if word_count(line) < 6 or not re.search(r"[.!?…][\"'”’]?$", line):
            return
        if any(paragraph.start <= q.outer_start < paragraph.end for q in self.quotes):
            return
        self.utterances.append(
            Utterance(
                paragraph.start, paragraph.end, False, intro.entity, intro.as_written, intro.how
            )
        )

    def _unattributed(self, paragraph: Paragraph, sentence: Span) -> None:
        """Quotations no verb in their sentence attributes."""
        in_sentence = self._quotes_in(sentence)
        for q in in_sentence:
            if id(q) in self._used_quotes:
                continue
            if self._attributed_by_next_sentence(q, sentence):
                continue
            opens_sentence = not self.masked[sentence.start : q.outer_start].strip(" -–—•*")
            speaker = None
            how = ""
            same_sentence = [
                self._quote_speaker[id(other)]
                for other in in_sentence
                if id(other) in self._quote_speaker
            ]
            if same_sentence:
                speaker, how = same_sentence[-1], "same sentence"
            elif opens_sentence:
                speaker, how = self._inherited_speaker(paragraph, sentence, q)
            if speaker is None:
                if (
                    word_count(self.text[q.start : q.end]) < MIN_UNATTRIBUTED_WORDS
                    or not opens_sentence
                ):
                    self._used_quotes.add(id(q))
                    continue
                self._used_quotes.add(id(q))
                self.utterances.append(Utterance(q.start, q.end, False, None, "", "unattributed"))
                continue
            self._attribute_quote(q, speaker, inherited=how)

    def _attributed_by_next_sentence(self, q: Quotation, sentence: Span) -> bool:
        """`“… a fortnight?” Sir Iain asked.`: the splitter ended the sentence at the question
        mark; the short sentence after it is the attribution."""
        if q.close_at is None or self.text[q.close_at - 1] not in "?!":
            return False
        following = next((s for _, s in self.sentences if s.start == q.outer_end + 1), None)
        if following is None:
            return False
        words = self.text[following.start : following.end]
        return word_count(words) <= 6 and bool(VERB.search(words))

    def _inherited_speaker(self, paragraph: Paragraph, sentence: Span, q: Quotation):
        """A quotation opening a sentence with no verb of its own continues the last speaker:
        in the same paragraph, or in the paragraph before when it opens this one."""
        earlier = [
            u for qid, u in self._quote_speaker.items() if paragraph.start <= u.start < q.start
        ]
        if earlier:
            return earlier[-1], "continues the quotation before"
        if q.outer_start == paragraph.start:
            previous = [
                u
                for u in self.utterances
                if self._paragraph_index(u.start) == paragraph.index - 1 and u.entity is not None
            ]
            if previous:
                return previous[-1], "continues the paragraph before"
        previous = self._sentence_before(sentence)
        if previous is not None and previous.start >= paragraph.start:
            subject = self._subject_of(previous)
            if subject is not None:
                return subject, "subject of the sentence before"
        return None, ""

    def _sentence_before(self, sentence: Span) -> Span | None:
        spans = [s for _, s in self.sentences]
        index = spans.index(sentence)
        return spans[index - 1] if index > 0 else None

    def _subject_of(self, sentence: Span) -> Utterance | None:
        """Who a sentence is about: “He laughs.”, “Mr Ellwood shrugs.”."""
        words = self.masked[sentence.start : sentence.end]
        pronoun = re.match(r"\s*(He|She)\b", words)
        if pronoun:
            at = sentence.start + pronoun.start(1)
            entity = self.antecedent(at, pronoun.group(1).casefold())
            if entity is not None:
                return Utterance(
                    at, at + len(pronoun.group(1)), False, entity, pronoun.group(1), "pronoun"
                )
            return None
        events = [e for e in self._events_before(sentence.end) if e.start >= sentence.start]
        subject = self._subject_event(events, sentence)
        if subject is not None and subject.entity.kind == "person":
            return Utterance(
                subject.start, subject.end, False, subject.entity, subject.text, _how(subject)
            )
        return None

    def _paragraph_index(self, at: int) -> int:
        for paragraph in self.paragraphs:
            if paragraph.start <= at <= paragraph.end:
                return paragraph.index
        return -1


def _how(mention: Mention) -> str:
    return {
        "name": "named",
        "titled": "title and surname",
        "surname": "surname",
        "role": "role",
        "seat": "constituency",
    }.get(mention.kind, mention.kind)


def _told_object(rest: str) -> int | None:
    """How far the object of “told” runs: “told the BBC's Today programme”, “told him”."""
    obj = re.match(
        r"\s+(?:(?:the|this|our|a)\s+)?(?:[A-Z][\w'’\-]*(?:\s+[A-Z0-9][\w'’\-]*)*(?:['’]s\s+[\w\-]+(?:\s+programme)?)?)",
        rest,
    )
    if obj:
        return obj.end()
    obj = re.match(r"\s+(?:(\w+)|the\s+(\w+))\b", rest)
    if obj and (
        (obj.group(1) or "").casefold() in LOWER_OBJECTS
        or (obj.group(2) or "").casefold() in THE_OBJECTS
    ):
        return obj.end()
    return None


def _without_leading_words(words: str) -> str:
    """Drop what leads into the subject: “But”, “In February,”, a bullet."""
    while True:
        first = words.split(" ", 1)[0]
        if first.casefold().strip(",") in LEADING_WORDS and " " in words:
            words = words.split(" ", 1)[1].lstrip()
            continue
        return words


def _learn_gender(entity, reported: str) -> None:
    """“Burns said he …”: the pronoun that opens what a person said tells us how to refer
    to them later."""
    lead = re.match(r"(?:he|she|they)\b", reported, re.IGNORECASE)
    if lead and entity is not None and entity.gender is None:
        gender = PRONOUNS.get(lead.group().casefold())
        if gender in ("m", "f") and entity.kind == "person":
            entity.gender = gender
