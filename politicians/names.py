"""Matching a speaker's name as a source writes it to the person we hold.

Sources dress names up: “The Rt Hon Sir Lindsay Hoyle MP”, “Dr Rosena Allin-Khan”, “Nick
Thomas Symonds”, “Brendan O’Hara”. Matching on the bare string made a second Lindsay
Hoyle beside the Speaker, so every place that finds a person by name goes through here.

A peer's title is their name (“Lord West of Spithead”, “Baroness Smith of Basildon”): Lord,
Lady, Baroness, Viscount, Earl and the like are never stripped.
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Generic, TypeVar

# Words before a name that say how to address the person, not who they are. Multi-word forms
# (“The Rt Hon”, “Right Honourable”) are stripped a word at a time.
TITLES = frozenset(
    {
        *("the", "rt", "right", "hon", "honourable"),
        *("sir", "dame", "dr", "doctor", "prof", "professor"),
        *("mr", "mrs", "ms", "miss", "mx"),
        *("cllr", "councillor"),
    }
)

# Letters after a name: the seat (MP, MSP, MS, AM, MLA, MEP), silk (KC, QC), the Privy Council,
# a baronetcy and honours. A name never ends in one of these.
POST_NOMINALS = frozenset(
    {
        *("mp", "msp", "ms", "am", "mla", "mep"),
        *("kc", "qc", "pc", "bt", "bart"),
        *("obe", "mbe", "cbe", "dbe", "kbe", "gbe", "ch", "cb", "kcb", "gcb"),
        *("cmg", "kcmg", "gcmg", "cvo", "kcvo", "gcvo", "lvo", "mvo"),
        *("dl", "jp", "frs", "frse", "vc", "gc", "dso", "mc"),
    }
)

# Letters Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"})
# O'Brien, O’Brien and OBrien are one name: apostrophes and their look-alikes go.
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_WORD_EDGES = re.compile(r"[\s,]+")


def _fold(text: str) -> str:
    """Lower case, without accents: “Féin” → “fein”."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _word_key(word: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _fold(_APOSTROPHES.sub("", word)))


def without_titles(name: str) -> str:
    """The name with honorifics before it and letters after it removed, as written otherwise.

    “The Rt Hon Sir Lindsay Hoyle MP” → “Lindsay Hoyle”. A name made only of such words is
    returned as it was, so nothing is ever reduced to an empty name.
    """
    words = [word for word in _WORD_EDGES.split(name.strip()) if word]
    start, end = 0, len(words)
    while start < end - 1 and _word_key(words[start]) in TITLES:
        start += 1
    while end - 1 > start and _word_key(words[end - 1]) in POST_NOMINALS:
        end -= 1
    return " ".join(words[start:end]) if words else ""


def name_parts(name: str) -> tuple[str, ...]:
    """The words of a name as compared: no titles, no accents, lower case, hyphens as spaces."""
    bare = _APOSTROPHES.sub("", _fold(without_titles(name)))
    return tuple(part for part in re.split(r"[^a-z0-9]+", bare) if part)


def name_key(name: str) -> str:
    """One string for every way of writing the same name.

    Spaces go too, so “Thomas-Symonds”, “Thomas Symonds” and “De Cordova” / “DeCordova” meet.
    """
    return "".join(name_parts(name))


# Two names resemble each other (and the import stops to ask) when they share a surname and
# their first names are close (“Lindsey”/“Lindsay” 0.86, “Kevan”/“Kevin” 0.8) or one is the
# start of the other (“Tan”/“Tanmanjeet”, an initial); or when the whole names are nearly the
# same letters (“Alicia Kerns”/“Alicia Kearns” 0.96), which catches a misspelt surname; or when
# one is the other cut short (“Lord West”/“Lord West of Spithead”). Sisters in the Commons stay
# apart: “Angela”/“Maria” Eagle 0.36, “Rachel”/“Ellie” Reeves 0.36, “John”/“Jane” Stevenson
# 0.5. Of the 650 MPs of March 2023, one pair resembles each other: Stuart and Stewart
# McDonald, two SNP MPs, and a file that misspells either must say which by member id. A false
# alarm costs the editor one look; a miss puts a quote on a stranger or makes a duplicate
# person, so the thresholds lean to asking.
FIRST_NAME_CLOSENESS = 0.8
WHOLE_NAME_CLOSENESS = 0.88


def _close(a: str, b: str, threshold: float) -> bool:
    # The quick upper bounds first: most pairs are far apart, and ratio() is the slow part.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )


def names_resemble(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two different names (as name_parts) might be the same person miswritten."""
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 2 and longer[: len(shorter)] == shorter:
        return True
    if len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1]:
        first_a, first_b = a[0], b[0]
        if first_a.startswith(first_b) or first_b.startswith(first_a):
            return True
        if _close(first_a, first_b, FIRST_NAME_CLOSENESS):
            return True
    return _close("".join(a), "".join(b), WHOLE_NAME_CLOSENESS)


def may_be_the_same_name(one: str, other: str) -> bool:
    """Whether two names are one, written however, or might be one miswritten."""
    one_parts, other_parts = name_parts(one), name_parts(other)
    return "".join(one_parts) == "".join(other_parts) or names_resemble(one_parts, other_parts)


Person = TypeVar("Person")


class NameMatcher(Generic[Person]):
    """Everyone held, indexed by name_key, to look names up without a query each.

    `name_of` reads the name from whatever is indexed (a Politician, or a row of values).
    """

    def __init__(self, people: Iterable[Person], *, name_of=lambda person: person.name):
        self._name_of = name_of
        self._by_key: dict[str, list[Person]] = {}
        self._parts: list[tuple[tuple[str, ...], Person]] = []
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        parts = name_parts(self._name_of(person))
        self._by_key.setdefault("".join(parts), []).append(person)
        self._parts.append((parts, person))

    def exact(self, name: str) -> list[Person]:
        """Everyone whose name is this one, written however."""
        return list(self._by_key.get(name_key(name), []))

    def resembling(self, name: str) -> list[Person]:
        """Everyone whose name is not this one but might be it miswritten."""
        parts = name_parts(name)
        key = "".join(parts)
        return [
            person
            for held, person in self._parts
            if "".join(held) != key and names_resemble(parts, held)
        ]
