"""Noun phrases that name a speaker: pronouns, descriptions, appositions, and the words that
say whether someone is a politician."""

import re

from .mentions import NAME_PARTICLES, NOT_NAME_WORDS, PERSON_NOUNS, tokens_of

PRONOUNS = {"he": "m", "she": "f", "they": "they", "it": "it"}
AUTHOR_PRONOUNS = {"i", "we"}
RELATIVES = {"who", "which", "whose", "whom", "that"}
LEADING_WORDS = {
    "but", "and", "however", "meanwhile", "so", "yet", "now", "then", "also", "instead",
    "still", "separately", "earlier", "later", "today", "yesterday", "tonight", "indeed",
    "elsewhere", "finally", "while", "as", "-", "–", "—", "•", "*",
}  # fmt: skip
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that"}
PREPOSITIONS = {
    "of", "for", "to", "from", "with", "by", "at", "on", "about", "against", "behind", "like",
    "than", "as", "near", "around", "towards", "toward", "into", "over", "under", "within",
}  # fmt: skip
ADVERBIAL_OPENERS = {
    "in", "on", "at", "after", "before", "speaking", "asked", "responding", "writing",
    "meanwhile", "however", "earlier", "later", "last", "this",
}  # fmt: skip
TRANSCRIPT_LABELS = {"presenter", "interviewer", "host", "q", "question", "reporter", "chair"}
# Appositive words that say a person is not a politician, and words that say they are.
NOT_POLITICIAN = {
    "professor", "lecturer", "researcher", "academic", "analyst", "economist", "campaigner",
    "activist", "expert", "lawyer", "barrister", "solicitor", "teacher", "student", "resident",
    "director", "founder", "co-founder", "executive", "spokesperson", "spokesman",
    "spokeswoman", "official", "officer", "employee", "worker", "journalist", "reporter",
    "presenter", "author", "consultant", "owner", "manager", "nurse", "scientist", "engineer",
    "businessman", "businesswoman", "entrepreneur", "parent", "mother", "father", "pupil",
    "headteacher", "chef", "artist", "actor", "actress", "singer", "footballer", "influencer",
    "creator", "tiktoker", "youtuber", "fellow", "novelist", "historian",
}  # fmt: skip
POLITICIAN_CUES = {
    "mp", "mps", "minister", "secretary", "chancellor", "shadow", "whip", "peer", "parliament",
    "parliamentary", "commons", "lords", "conservative", "tory", "labour", "snp", "liberal",
    "democrat", "dup", "plaid", "green", "lawmaker", "backbencher", "frontbencher", "msp",
    "ms", "mla", "politician", "leader", "councillor",
}  # fmt: skip
ANAPHOR = re.compile(
    r"^(?:the|this)\s+((?:[\w\-]+\s+){0,3}?)(mp|minister|backbencher|politician|peer|"
    r"frontbencher|tory|conservative|lawmaker|member)$",
    re.IGNORECASE,
)
PARTY_WORDS = {
    "conservative": "conservative", "tory": "conservative", "labour": "labour",
    "snp": "scottish national party", "lib": "liberal democrat", "liberal": "liberal democrat",
    "dup": "democratic unionist party", "green": "green party", "plaid": "plaid cymru",
}  # fmt: skip


def segments(text: str, offset: int) -> list[tuple[int, int, str]]:
    """Split a noun phrase at commas that are not inside brackets or masked quotations."""
    found, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            found.append((offset + start, offset + index, text[start:index]))
            start = index + 1
    found.append((offset + start, offset + len(text), text[start:]))
    trimmed = []
    for start, end, words in found:
        lead = len(words) - len(words.lstrip())
        trail = len(words) - len(words.rstrip())
        trimmed.append((start + lead, end - trail, words.strip()))
    return trimmed


def is_pronoun(words: str) -> bool:
    return words.strip().casefold() in PRONOUNS


def is_adverbial(words: str) -> bool:
    first = words.strip().split(" ", 1)[0].casefold() if words.strip() else ""
    return first in ADVERBIAL_OPENERS


def name_like(words: str) -> bool:
    """“Luke de Pulford”, “Helen Ashby”: two to four capitalised words, no function words."""
    tokens = tokens_of(words)
    if not 2 <= len(tokens) <= 4 or len(words) > 60:
        return False
    if tokens[0].lower in NOT_NAME_WORDS or not tokens[0].capitalised:
        return False
    return all(t.capitalised or t.lower in NAME_PARTICLES for t in tokens) and not any(
        t.lower in NOT_NAME_WORDS for t in tokens[1:]
    )


def kind_of(description: str) -> str:
    words = [w.casefold() for w in re.findall(r"[\w\-]+", description)]
    nouns = [w for w in words if w in PERSON_NOUNS]
    if not nouns:
        return "organisation"
    if nouns[-1].endswith("s") and nouns[-1] not in {"spokesperson"}:
        return "group"
    return "person"


def described_as_non_politician(words: str) -> bool:
    found = {w.casefold() for w in re.findall(r"[\w\-]+", words)}
    return bool(found & NOT_POLITICIAN) and not (found & POLITICIAN_CUES)
