"""Who an article mentions, and whom a later “Mr Ellwood”, “Kearns”, “she” or “the minister”
refers back to.

Resolution is conservative, as a reporter would want: a surname or “Mr X” resolves only to a
person the article itself names in full; a role resolves only when exactly one person we hold
has it; “they” never resolves to a politician. When in doubt, nobody: a quote left for the editor
to attribute costs a click, a quote put in the wrong mouth costs a correction.
"""

import re
from dataclasses import dataclass, field

from .people import PEERAGE_TITLES, PeopleDirectory, Person, name_key

TOKEN = re.compile(r"[^\W_](?:\w|['’\-](?=[^\W_]))*")

MALE_TITLES = {"mr", "sir", "lord", "baron", "viscount", "earl", "duke"}
FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady", "baroness", "countess"}
NEUTRAL_TITLES = {"dr", "prof", "professor", "cllr", "councillor", "mx", "rev", "reverend"}
TITLES = MALE_TITLES | FEMALE_TITLES | NEUTRAL_TITLES
# Titles that go with a first name in copy: “Sir Iain”, “Dame Margaret”.
FIRST_NAME_TITLES = {"sir", "dame"}
NAME_PARTICLES = {"de", "da", "van", "von", "der", "den", "le", "la", "du", "di", "al", "bin", "ap"}

# Words that start with a capital in copy but are never the first word of a person's name.
NOT_NAME_WORDS = {
    "a", "an", "the", "this", "that", "these", "those", "in", "on", "at", "for", "but", "and",
    "or", "so", "yet", "if", "as", "after", "before", "when", "while", "since", "asked",
    "speaking", "responding", "writing", "meanwhile", "however", "separately", "earlier",
    "later", "today", "yesterday", "last", "next", "speaker", "minister", "ministers",
    "secretary", "chancellor", "prime", "shadow", "labour", "conservative", "conservatives",
    "tory", "tories", "government", "parliament", "house", "commons", "lords", "downing",
    "street", "no", "party", "committee", "council", "office", "department", "ministry",
    "association", "union", "commission", "news", "times", "bbc", "itv", "sky", "radio",
    "tiktok", "nhs", "university", "college", "institute", "centre", "center", "trust",
    "foundation", "group", "campaign", "british", "uk", "us", "eu", "european", "chinese",
    "china", "scottish", "welsh", "english", "french", "german", "american", "liberal",
    "democrat", "democrats", "snp", "dup", "green", "reform", "plaid", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "mps", "mp", "he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "our",
    "my", "your", "there", "here", "what", "who", "why", "how", "where", "which", "not",
    "key", "notes", "press", "ends", "interview", "opinion", "sketch", "politics", "live",
    "good", "expert", "afternoon", "morning", "evening", "watch", "read", "more", "update",
}  # fmt: skip

# Lower-case words that follow a capitalised phrase without making it a person who acts.
_NOT_VERBS = {
    "of", "and", "or", "in", "on", "at", "for", "to", "from", "with", "by", "as", "the", "a",
    "an", "that", "which",
}  # fmt: skip

# What a person may be called instead of their name; used to tell people from organisations.
PERSON_NOUNS = {
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "source", "sources",
    "official", "officials", "campaigner", "campaigners", "expert", "experts", "academic",
    "professor", "lecturer", "researcher", "analyst", "economist", "lawyer", "barrister",
    "solicitor", "doctor", "nurse", "teacher", "parent", "parents", "resident", "residents",
    "student", "director", "founder", "co-founder", "executive", "chief", "head", "chair",
    "chairman", "chairwoman", "president", "adviser", "advisor", "aide", "aides", "ally",
    "allies", "friend", "friends", "insider", "insiders", "critic", "critics", "supporter",
    "supporters", "user", "users", "owner", "officer", "fellow", "worker", "workers",
    "reader", "leader", "member", "members", "councillor", "mayor", "minister", "mp", "mps",
    "peer", "backbencher", "backbenchers", "figure", "figures", "colleague", "colleagues",
    "presenter", "host", "reporter", "journalist", "commentator", "author", "consultant",
    "manager", "boss", "activist", "activists", "organiser", "coordinator", "representative",
    "secretary", "man", "woman", "mother", "father", "sister", "brother", "wife", "husband",
    "daughter", "son", "neighbour", "whistleblower", "diplomat", "envoy", "ambassador",
    "commissioner", "regulator", "people", "person", "voter", "voters", "one", "someone",
}  # fmt: skip


@dataclass
class Entity:
    """Someone (or something) the article mentions: a person we hold, a person we do not, a
    group, an organisation."""

    key: str
    label: str
    kind: str  # "person", "group" or "organisation"
    person: Person | None = None
    gender: str | None = None  # "m", "f" or None when the article does not say
    surnames: set[str] = field(default_factory=set)
    first_name: str = ""
    first_at: int = 0
    labelled_by_name: bool = False

    @property
    def is_politician(self) -> bool:
        return self.person is not None


@dataclass
class Mention:
    start: int
    end: int
    entity: Entity | None
    kind: str  # "name", "titled", "surname", "role", "seat", "pronoun", "description"
    text: str
    in_quote: bool = False
    # Words before the mention that name a post or a party (“energy secretary”, “Tory MP”).
    premodifier: str = ""


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return name_key(self.bare)

    @property
    def bare(self) -> str:
        """Without a possessive: “Kearns’s” → “Kearns”."""
        return re.sub(r"['’][sS]$", "", self.text)

    @property
    def lower(self) -> str:
        return self.bare.casefold()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokens_of(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _joined(text: str, first: Token, second: Token) -> bool:
    """Two tokens are one name only when a single space (or a hyphen) separates them."""
    gap = text[first.end : second.start]
    return gap in (" ", "\u00a0", "-")


class Discourse:
    """The people an article mentions, in order, and what each later reference points to."""

    def __init__(self, text: str, directory: PeopleDirectory, quote_spans: list[tuple[int, int]]):
        self.text = text
        self.directory = directory
        self.tokens = tokens_of(text)
        self._quote_spans = quote_spans
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self._scan_names()
        self._scan_roles_and_seats()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self._note_pronouns_after_names()
        self._resolve_references()

    # -- scanning -----------------------------------------------------------------------------

    def in_quote(self, at: int) -> bool:
        return any(start <= at < end for start, end in self._quote_spans)

    def _entity_for_person(self, person: Person, label: str, at: int) -> Entity:
        key = f"p:{person.slug}"
        entity = self.entities.get(key)
        if entity is not None and label and not entity.labelled_by_name:
            entity.label, entity.labelled_by_name = label, True
        if entity is None:
            entity = Entity(
                key=key,
                label=label,
                kind="person",
                person=person,
                surnames=person.surname_keys,
                first_name=person.first_name_key,
                first_at=at,
                labelled_by_name=bool(label),
            )
            words = name_key(person.name).split()
            if words and words[0] in PEERAGE_TITLES:
                entity.gender = "m" if words[0] in MALE_TITLES else "f"
            self.entities[key] = entity
        return entity

    def entity_for_name(self, name: str, at: int, kind: str = "person") -> Entity:
        """A person (or body) the article names and we do not hold."""
        key = f"n:{name_key(name)}"
        entity = self.entities.get(key)
        if entity is None:
            words = name_key(name).split()
            if words and words[0] in TITLES | PEERAGE_TITLES:
                words = words[1:]
            entity = Entity(
                key=key,
                label=name,
                kind=kind,
                surnames=_surname_keys(words) if kind == "person" else set(),
                first_name=words[0] if len(words) > 1 else "",
                first_at=at,
                labelled_by_name=kind == "person",
            )
            self.entities[key] = entity
        return entity

    def entity_for_description(self, description: str, at: int, kind: str) -> Entity:
        """“A TikTok spokesperson”, “Downing Street”, “critics”: a speaker with no name."""
        key = f"d:{name_key(description)}"
        entity = self.entities.get(key)
        if entity is None:
            entity = Entity(key=key, label=description, kind=kind, first_at=at)
            self.entities[key] = entity
        return entity

    def _scan_names(self) -> None:
        tokens = self.tokens
        longest = max(self.directory.longest_name, 1)
        i = 0
        while i < len(tokens):
            i = self._name_at(i, longest) if tokens[i].capitalised else i + 1
        self._scan_surnames()

    def _name_at(self, i: int, longest: int) -> int:
        """Note the name that starts at capitalised token `i`, if any; the next token to scan."""
        tokens, text = self.tokens, self.text
        titles_end = self._titles_end(i)
        match = self._directory_name_at(titles_end, longest)
        if match is not None:
            return self._note_held_name(i, titles_end, *match)
        if titles_end > i:
            names = self._capitalised_run(titles_end, 4)
            if names:
                start, last = tokens[i].start, names[-1]
                end = last.start + len(last.bare)
                kind = "titled" if len(names) == 1 else "name"
                mention = Mention(start, end, None, kind, text[start:end], self.in_quote(start))
                if len(names) > 1:
                    entity = self.entity_for_name(text[start:end], start)
                    mention.entity = entity
                    self._note_titles(entity, tokens[i:titles_end])
                self.mentions.append(mention)
                return titles_end + len(names)
        names = self._capitalised_run(i, 4)
        if len(names) >= 2 and (
            self._introduced_as_person(names[-1].end) or self._opens_a_sentence(names)
        ):
            start, end = names[0].start, names[-1].start + len(names[-1].bare)
            entity = self.entity_for_name(text[start:end], start)
            self.mentions.append(
                Mention(start, end, entity, "name", text[start:end], self.in_quote(start))
            )
            return i + len(names)
        return i + 1

    def _titles_end(self, i: int) -> int:
        """Past the titles (“Sir”, “Dr”) that open at `i`; a peer's title is part of the name."""
        tokens, text = self.tokens, self.text
        titles_end = i
        while titles_end < len(tokens) and tokens[titles_end].lower.rstrip(".") in TITLES:
            if titles_end > i and not _joined(text, tokens[titles_end - 1], tokens[titles_end]):
                break
            titles_end += 1
        if titles_end > i and tokens[titles_end - 1].lower in PEERAGE_TITLES:
            # A peer's title belongs to the name we hold: “Lord True”.
            titles_end -= 1
        return titles_end

    def _note_held_name(self, i: int, titles_end: int, person: Person, last: int) -> int:
        tokens, text = self.tokens, self.text
        start = tokens[i].start
        end = tokens[last].start + len(tokens[last].bare)
        designation = re.match(r" of (?:[A-Z][\w'’\-]*)(?: [A-Z][\w'’\-]*)*", text[end:])
        if designation and name_key(person.name).split()[0] in PEERAGE_TITLES:
            # “Baroness Smith of Basildon”: the territorial designation is the name too.
            end += designation.end()
            while last + 1 < len(tokens) and tokens[last + 1].start < end:
                last += 1
        entity = self._entity_for_person(person, text[start:end], start)
        mention = Mention(start, end, entity, "name", text[start:end], self.in_quote(start))
        self._note_titles(entity, tokens[i:titles_end])
        mention.premodifier = self._premodifier(i)
        self.mentions.append(mention)
        return last + 1

    def _directory_name_at(self, i: int, longest: int) -> tuple[Person, int] | None:
        tokens = self.tokens
        if i >= len(tokens) or not tokens[i].capitalised:
            return None
        last = i
        run = [i]
        while len(run) < longest + 1 and last + 1 < len(tokens):
            nxt = tokens[last + 1]
            if not _joined(self.text, tokens[last], nxt):
                break
            if not (nxt.capitalised or nxt.lower in NAME_PARTICLES):
                break
            last += 1
            run.append(last)
        for j in range(len(run) - 1, 0, -1):
            first, final = tokens[run[0]], tokens[run[j]]
            words = self.text[first.start : final.start] + final.bare
            people = self.directory.named(name_key(words))
            if len(people) == 1:
                return people[0], run[j]
        return None

    def _capitalised_run(self, i: int, limit: int) -> list[Token]:
        tokens, run = self.tokens, []
        while i < len(tokens) and len(run) < limit:
            token = tokens[i]
            if run and not _joined(self.text, run[-1], token):
                break
            if not (token.capitalised or (run and token.lower in NAME_PARTICLES)):
                break
            if not run and token.lower in NOT_NAME_WORDS:
                break
            if token.lower in NOT_NAME_WORDS - {"may", "mark", "grant", "hunt"} and run:
                break
            run.append(token)
            i += 1
            if token.text != token.bare:
                break  # a possessive ends the name
        while run and run[-1].lower in NAME_PARTICLES:
            run.pop()
        return run

    def _introduced_as_person(self, end: int) -> bool:
        """“Luke de Pulford, a human rights campaigner …”, “Sarah Bradley, who runs …”."""
        rest = self.text[end : end + 120]
        match = re.match(r",\s+(?:(who|whose)\b|(\d{1,3}),|(?:an?|the)\s+([^,.;]*))", rest)
        if not match:
            return False
        if match.group(1) or match.group(2):
            return True
        words = re.findall(r"[\w\-]+", (match.group(3) or "").casefold())
        return any(word in PERSON_NOUNS for word in words[:8])

    def _opens_a_sentence(self, names: list[Token]) -> bool:
        """“Jane Whitby runs a dance school.”: a name that opens a sentence and is followed by a
        verb is someone, and a later “she” may be her rather than an MP named before."""
        before = self.text[max(0, names[0].start - 3) : names[0].start]
        if before.strip() not in ("", ".", "!", "?", "”", '"') and "\n" not in before:
            return False
        after = re.match(r" ([a-z]+)\b", self.text[names[-1].end : names[-1].end + 30])
        return bool(after) and after.group(1) not in _NOT_VERBS

    def _note_titles(self, entity: Entity, titles: list[Token]) -> None:
        for title in titles:
            lower = title.lower.rstrip(".")
            if lower in MALE_TITLES and entity.gender is None:
                entity.gender = "m"
            elif lower in FEMALE_TITLES and entity.gender is None:
                entity.gender = "f"

    def _premodifier(self, i: int) -> str:
        """The words just before a name that describe the person: “Conservative MP”."""
        start = i
        while start > 0 and i - start < 8:
            previous = self.tokens[start - 1]
            gap = self.text[previous.end : self.tokens[start].start]
            if gap not in (" ", "\u00a0", "’s ", "'s "):
                break
            start -= 1
        return self.text[self.tokens[start].start : self.tokens[i].start] if start < i else ""

    def _scan_surnames(self) -> None:
        """Bare surnames (“Kearns added …”) of people the article names somewhere in full."""
        surnames: dict[str, list[Entity]] = {}
        for entity in self.entities.values():
            if entity.kind == "person":
                for surname in entity.surnames:
                    surnames.setdefault(surname, []).append(entity)
        taken = [(m.start, m.end) for m in self.mentions]
        tokens = self.tokens
        for index, token in enumerate(tokens):
            if not token.capitalised or any(s <= token.start < e for s, e in taken):
                continue
            last = self._surname_at(index, surnames)
            if last is not None:
                end = last.start + len(last.bare)
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                if (
                    following
                    and following.capitalised
                    and _joined(self.text, last, following)
                    and following.start > last.start
                ):
                    continue  # “Hunt Foundation”: part of another name
                self.mentions.append(
                    Mention(
                        token.start,
                        end,
                        None,
                        "surname",
                        self.text[token.start : end],
                        self.in_quote(token.start),
                    )
                )

    def _surname_at(self, index: int, surnames: dict[str, list[Entity]]) -> Token | None:
        """The last token of a known surname (two words, else one) starting at `index`."""
        tokens, token = self.tokens, self.tokens[index]
        for width in (2, 1):
            if index + width > len(tokens):
                continue
            last = tokens[index + width - 1]
            if width == 2 and not _joined(self.text, token, last):
                continue
            key = name_key(self.text[token.start : last.start] + last.bare)
            if key in surnames:
                return last
        return None

    def _scan_roles_and_seats(self) -> None:
        tokens, text, directory = self.tokens, self.text, self.directory
        lowers = [t.lower for t in tokens]
        taken = [(m.start, m.end) for m in self.mentions]
        i = 0
        while i < len(tokens):
            if any(s <= tokens[i].start < e for s, e in taken):
                i += 1
                continue
            found = self._role_at(i, lowers)
            if found:
                words, j = found
                start, end = tokens[i].start, tokens[j - 1].start + len(tokens[j - 1].bare)
                mention = Mention(start, end, None, "role", text[start:end], self.in_quote(start))
                blocked = self._role_blocked(i, words)
                people = directory.holding(" ".join(words))
                if not blocked and len(people) == 1:
                    mention.entity = self._entity_for_person(people[0], "", start)
                self.mentions.append(mention)
                i = j
                continue
            if tokens[i].text in ("MP", "MPs") or tokens[i].bare == "MP":
                self._note_seat(i)
            i += 1

    def _role_at(self, i: int, lowers: list[str]) -> tuple[tuple[str, ...], int] | None:
        """A post we hold (its words, and the token after it) written out from token `i`."""
        tokens, text = self.tokens, self.text
        for words in self.directory.roles_by_first_word.get(lowers[i], ()):
            j = i + len(words)
            same = j <= len(tokens) and tuple(_role_word(w) for w in lowers[i:j]) == words
            if same and all(
                _joined_loosely(text, tokens[k], tokens[k + 1]) for k in range(i, j - 1)
            ):
                return words, j
        return None

    def _note_seat(self, i: int) -> None:
        """“the MP for Rutland and Melton”, “Rutland and Melton MP”: the seat's member."""
        seat = self._seat_before(i) or self._seat_after(i)
        if seat:
            start, end, person = seat
            mention = Mention(start, end, None, "seat", self.text[start:end], self.in_quote(start))
            mention.entity = self._entity_for_person(person, "", start)
            self.mentions.append(mention)

    def _role_blocked(self, i: int, words: tuple[str, ...]) -> bool:
        """“the former home secretary”, “the German chancellor”, “shadow home secretary” when
        we hold no shadow home secretary: the post is not the one we know the holder of."""
        if i == 0:
            return False
        before = self.tokens[i - 1]
        lower = before.lower
        if lower in {"former", "ex", "then", "previous", "future", "next", "would-be",
                     "acting", "interim", "deputy", "junior", "assistant", "vice", "shadow",
                     "opposition", "lord", "prospective", "first"}:  # fmt: skip
            return True
        if lower.startswith("ex-"):
            return True
        if before.capitalised and lower not in {
            "the", "uk", "britain", "british", "conservative", "tory", "labour", "government",
            "snp", "liberal", "democrat", "lib", "dem", "party",
        }:  # fmt: skip
            # “German chancellor”, “Scottish health secretary”: somebody else's post.
            sentence_start = self.text[max(0, before.start - 2) : before.start].strip() in (
                "",
                ".",
            )
            return not sentence_start
        return False

    def _seat_before(self, i: int) -> tuple[int, int, Person] | None:
        """“the Rutland and Melton MP”, “MANSFIELD'S MP”."""
        longest = self.directory.longest_constituency
        named = [(m.start, m.end) for m in self.mentions if m.kind == "name"]
        if any(s <= self.tokens[i - 1].start < e for s, e in named) if i else True:
            return None  # “Jamie Stone MP” is Jamie Stone, not the MP for Stone
        for width in range(min(longest, i), 0, -1):
            first, last = self.tokens[i - width], self.tokens[i - 1]
            key = name_key(self.text[first.start : last.start] + last.bare)
            people = [p for p in self.directory.sitting_for(key)]
            if len(people) == 1 and self.text[last.end : self.tokens[i].start].strip() in (
                "",
                "’s",
                "'s",
            ):
                return first.start, self.tokens[i].end, people[0]
        return None

    def _seat_after(self, i: int) -> tuple[int, int, Person] | None:
        """“the MP for Rutland and Melton”."""
        tokens = self.tokens
        if i + 2 >= len(tokens) or tokens[i + 1].lower != "for":
            return None
        first = tokens[i + 2]
        for width in range(self.directory.longest_constituency, 0, -1):
            if i + 2 + width > len(tokens):
                continue
            last = tokens[i + 1 + width]
            people = self.directory.sitting_for(name_key(self.text[first.start : last.end]))
            if len(people) == 1:
                return tokens[i].start, last.end, people[0]
        return None

    def _note_pronouns_after_names(self) -> None:
        """“Sarah Bradley, who runs a dance school, said she …”: copy tells a person's gender,
        which later tells “Ms Bradley” from “Mr Bradley”."""
        for mention in self.mentions:
            entity = mention.entity
            if entity is None or entity.gender is not None or entity.kind != "person":
                continue
            rest = self.text[mention.end : mention.end + 200]
            sentence = re.split(r"[.!?](?:\s|$)", rest, maxsplit=1)[0]
            reported = re.search(
                r"\b(?:said|says|told\s[^,.;]{1,40}?|added|insisted|argued|warned)\s+"
                r"(?:that\s+)?(he|she)\b",
                sentence,
            )
            if reported and not any(
                m.start >= mention.end and m.start < mention.end + reported.start()
                for m in self.mentions
                if m is not mention
            ):
                entity.gender = "m" if reported.group(1) == "he" else "f"

    # -- resolving ----------------------------------------------------------------------------

    def _resolve_references(self) -> None:
        """Give “Mr Ellwood” and “Kearns” their person, in order of the text."""
        for mention in self.mentions:
            if mention.entity is not None or mention.kind not in ("titled", "surname"):
                continue
            words = name_key(mention.text).split()
            title = ""
            raw = mention.text.split()
            if mention.kind == "titled":
                title = raw[0].casefold().rstrip(".")
                words = name_key(" ".join(raw[1:])).split() if len(raw) > 1 else words
            key = " ".join(words)
            entity = self._refers_to(key, title, mention.start)
            if entity is not None:
                mention.entity = entity
                if title in MALE_TITLES and entity.gender is None:
                    entity.gender = "m"
                elif title in FEMALE_TITLES and entity.gender is None:
                    entity.gender = "f"
            elif mention.kind == "titled" and title in PEERAGE_TITLES:
                mention.entity = self.entity_for_name(mention.text, mention.start)
            elif mention.kind == "titled":
                # “Dr Kearns” with no Kearns named in full: someone we cannot place. Keep the
                # name, so that a later “she” finds this person and not an MP named earlier.
                mention.entity = self.entity_for_name(mention.text, mention.start)
                self._note_titles(mention.entity, [Token(0, 0, raw[0])])

    def _refers_to(self, key: str, title: str, at: int) -> Entity | None:
        people = [e for e in self.entities.values() if _may_be_called(e, key, title)]
        earlier = [e for e in people if self._named_before(e, at)]
        if len(earlier) > 1:
            return self._latest_named(earlier, title, at)
        if earlier:
            return earlier[0]
        # A headline names “Shapps” before the story names Grant Shapps.
        later = [e for e in people if self._named_before(e, len(self.text))]
        return later[0] if len(later) == 1 else None

    def _named_before(self, entity: Entity, limit: int) -> bool:
        return any(
            m.entity is entity and m.kind in ("name", "role", "seat") and m.start < limit
            for m in self.mentions
        )

    def _latest_named(self, earlier: list[Entity], title: str, at: int) -> Entity | None:
        """The one named most recently: copy introduces the second Bradley right before
        calling her “Ms Bradley”; only when the title tells her apart from the others."""
        latest = max(
            earlier,
            key=lambda e: max(m.start for m in self.mentions if m.entity is e and m.start < at),
        )
        others = [e for e in earlier if e is not latest]
        if title and all(_gender_known_apart(latest, other, title) for other in others):
            return latest
        return None

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]


def _may_be_called(entity: Entity, key: str, title: str) -> bool:
    """Whether a person may be the one “Ms Bradley” (title and surname, or first name) means."""
    if entity.kind != "person":
        return False
    if title in MALE_TITLES and entity.gender == "f":
        return False
    if title in FEMALE_TITLES and entity.gender == "m":
        return False
    if title in FIRST_NAME_TITLES and key == entity.first_name:
        return True
    return key in entity.surnames


def _gender_known_apart(chosen: Entity, other: Entity, title: str) -> bool:
    wanted = "m" if title in MALE_TITLES else "f" if title in FEMALE_TITLES else None
    return wanted is not None and other.gender not in (None, wanted)


def _surname_keys(words: list[str]) -> set[str]:
    if len(words) < 2:
        return set(words)
    keys = {words[-1]}
    for index, word in enumerate(words[1:-1], start=1):
        if word in NAME_PARTICLES:
            keys.add(" ".join(words[index:]))
    if len(words) > 2:
        keys.add(" ".join(words[-2:]))
    return keys


def _role_word(word: str) -> str:
    return re.sub(r"['’]", "", word)


def _joined_loosely(text: str, first: Token, second: Token) -> bool:
    gap = text[first.end : second.start]
    return gap.strip() in ("", ",", "’s", "'s") and "\n" not in gap
