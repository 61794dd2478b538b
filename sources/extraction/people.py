"""The directory of people we hold, as the extractor needs it: names, surnames, roles, seats.

Built once per run (one query, or plain rows in tests and the evaluation); the engine never touches
the database.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from politicians.names import name_parts

# A peer's title is how copy names them ("Lord True"), so it stays in the key.
PEERAGE_TITLES = {"lord", "lady", "baroness", "baron", "viscount", "earl", "countess", "duke"}


def name_key(name: str) -> str:
    """A person's name as a comparable key, its words kept apart: the project's one normaliser
    (politicians.names: titles, honorifics, accents, case, hyphens), joined by spaces because
    the extractor splits keys into first names and surnames.

    “Sir Iain Duncan-Smith”, “Iain Duncan Smith” and “IAIN DUNCAN SMITH” share one key; so do
    “Thérèse Coffey” and “Therese Coffey”, and “Neil O’Brien” and “Neil O'Brien”.
    """
    return " ".join(name_parts(name))


@dataclass(frozen=True)
class Person:
    """A politician we hold, with what the extractor needs to recognise them in copy."""

    name: str
    slug: str
    member_id: int | None = None
    party: str = ""
    house: str = ""
    role: str = ""
    constituency: str = ""

    @property
    def surname_keys(self) -> set[str]:
        """Keys a reporter may use after a first mention: “Kearns”, “Duncan Smith”, “Smith”."""
        words = name_key(_without_territorial_designation(self.name)).split()
        if words and words[0] in PEERAGE_TITLES:
            return {" ".join(words[1:])} if len(words) > 1 else set()
        keys = {words[-1]} if len(words) > 1 else set()
        if len(words) > 2:
            keys.add(" ".join(words[-2:]))
        return keys

    @property
    def first_name_key(self) -> str:
        words = name_key(self.name).split()
        return words[0] if len(words) > 1 and words[0] not in PEERAGE_TITLES else ""


def _without_territorial_designation(name: str) -> str:
    # “Lord Ahmad of Wimbledon” is “Lord Ahmad” in copy.
    return re.split(r"\s+of\s+", name, maxsplit=1)[0]


# Adjectives copy uses for a department named after a nation, and the short forms copy prefers.
_NATION_ADJECTIVES = {"scotland": "scottish", "wales": "welsh"}
_SHORT_FORMS = {"technology": "tech", "energy security": "energy"}
_POST_STARTS = r"(?:Shadow |Deputy |Lord |Secretary of State|Minister|Chancellor|Leader|Chief )"

# How sure an alias is: the post's own name beats a part of it, so “the security minister” is the
# Minister for Security and not the Minister for Aviation, Maritime and Security.
EXACT, PART = 2, 1


def role_aliases(role: str, party: str = "") -> dict[str, int]:
    """What copy calls the holder of a post, each with how exactly it names the post.

    “Secretary of State for Energy Security and Net Zero” is “the energy secretary”; “Chancellor
    of the Exchequer” is “the chancellor”. Aliases are lower case. A post held before (“Former
    Leader of …”) gives none: “the former home secretary” must not resolve to whoever holds the
    post now.
    """
    aliases: dict[str, int] = {}
    for post in _posts(role):
        post = post.strip().casefold()
        if not post or post.startswith(("former ", "ex-")):
            continue
        shadow = post.startswith("shadow ")
        base = post.removeprefix("shadow ")
        prefix = "shadow " if shadow else ""
        for alias, exactness in _aliases_of_post(base, party.casefold()).items():
            alias = re.sub(r"\s+", " ", prefix + alias).strip()
            aliases[alias] = max(exactness, aliases.get(alias, 0))
    # A bare “minister” or “shadow minister” names nobody in particular.
    for generic in ("minister", "shadow minister", "secretary", "shadow secretary"):
        aliases.pop(generic, None)
    return aliases


def _posts(role: str) -> list[str]:
    posts = []
    for part in role.split(";"):
        posts += re.split(
            rf",\s+(?={_POST_STARTS})|\s+and\s+(?=(?:Shadow )?Secretary of State)", part
        )
    return posts


def _items(subject: str) -> dict[str, int]:
    """“Levelling Up, Housing and Communities” → the phrases copy names the post after."""
    subject = re.sub(r"^the\s+", "", subject.strip())
    found = {subject: EXACT}
    parts = [re.sub(r"^the\s+", "", part).strip() for part in re.split(r",\s*|\s+and\s+", subject)]
    for part in parts:
        if part and part != subject:
            found.setdefault(part, PART if len(parts) > 1 else EXACT)
    for phrase, exactness in list(found.items()):
        for variant in (_NATION_ADJECTIVES.get(phrase), _SHORT_FORMS.get(phrase)):
            if variant:
                found.setdefault(variant, exactness)
    return found


def _aliases_of_post(post: str, party: str) -> dict[str, int]:
    post = re.sub(r"[’']", "", post)
    bracketed = re.findall(r"\(([^)]*)\)", post)
    plain = re.sub(r"\s*\([^)]*\)", "", post).strip()
    aliases = {plain: EXACT}
    if not _add_minister_aliases(aliases, plain, bracketed):
        _add_office_aliases(aliases, plain, party)
    for bracket in bracketed:
        # “Treasurer of HM Household (Deputy Chief Whip)” is “the deputy chief whip”.
        if "whip" in bracket:
            aliases[bracket.removeprefix("lords ").strip()] = EXACT
    return aliases


def _add_aliases(aliases: dict[str, int], template: str, items: dict[str, int]) -> None:
    for item, exactness in items.items():
        key = template.format(item)
        aliases[key] = max(exactness, aliases.get(key, 0))


def _add_minister_aliases(aliases: dict[str, int], plain: str, bracketed: list[str]) -> bool:
    """Secretaries of state and ministers, named after their subject; False for other posts."""
    if plain.startswith("secretary of state for "):
        _add_aliases(aliases, "{} secretary", _items(plain.removeprefix("secretary of state for ")))
    elif plain.startswith("minister for "):
        _add_aliases(aliases, "{} minister", _items(plain.removeprefix("minister for ")))
    elif plain.startswith(("minister of state, ", "parliamentary under-secretary of state, ")):
        for department in re.split(r"\s+and\s+(?=department|ministry)", plain.split(", ", 1)[1]):
            department = re.sub(
                r"^(?:the\s+)?(?:department|ministry|office)\s+(?:for|of)\s+", "", department
            )
            _add_aliases(aliases, "{} minister", _items(re.sub(r"\s+office$", "", department)))
    elif plain == "minister" and bracketed:
        # Parliament's style: “Shadow Minister (Home Office) (Immigration)”.
        for subject in bracketed:
            _add_aliases(aliases, "{} minister", _items(re.sub(r"\s+office$", "", subject)))
    else:
        return False
    return True


def _add_office_aliases(aliases: dict[str, int], plain: str, party: str) -> None:
    """The great offices, whips, spokespeople and committee chairs, as copy shortens them."""
    if plain == "chancellor of the exchequer":
        aliases["chancellor"] = EXACT
    elif plain == "prime minister":
        aliases["pm"] = EXACT
    elif plain == "leader of the opposition":
        aliases["opposition leader"] = EXACT
        if party:
            aliases[f"{party} leader"] = EXACT
    elif plain.startswith("leader of the house of "):
        house = plain.removeprefix("leader of the house of ")
        aliases[f"{house} leader"] = EXACT
        aliases["leader of the house"] = EXACT
    elif plain.startswith("chief whip"):
        aliases["chief whip"] = EXACT
    elif match := re.match(
        r"(snp|liberal democrat|labour|conservative) spokesperson for (.+)", plain
    ):
        group, subject = match.groups()
        for name in {group, "lib dem"} if group == "liberal democrat" else {group}:
            for noun in ("spokesperson", "spokesman", "spokeswoman"):
                _add_aliases(aliases, f"{name} {{}} {noun}", _items(subject))
    elif match := re.match(r"chair(?:man|woman)? of the (.+?) (?:select )?committee$", plain):
        subject = match.group(1)
        for noun in ("chair", "chairman", "chairwoman"):
            for form in ("{n} of the {s} committee", "{n} of the {s} select committee"):
                aliases[form.format(n=noun, s=subject)] = EXACT
            for form in ("{s} committee {n}", "{s} select committee {n}"):
                aliases[form.format(n=noun, s=subject)] = EXACT


def alias_key(alias: str) -> str:
    """Role aliases compared word by word: “culture, media and sport” as copy tokenises it."""
    return " ".join(re.findall(r"[\w\-]+", alias.casefold().replace("’", "").replace("'", "")))


@dataclass
class PeopleDirectory:
    """Every politician we hold, indexed the ways copy names them."""

    people: list[Person] = field(default_factory=list)

    def __post_init__(self):
        self.by_name: dict[str, list[Person]] = defaultdict(list)
        self.by_role: dict[str, list[tuple[int, Person]]] = defaultdict(list)
        self.by_constituency: dict[str, list[Person]] = defaultdict(list)
        for person in self.people:
            for key in {
                name_key(person.name),
                name_key(_without_territorial_designation(person.name)),
            }:
                if key and person not in self.by_name[key]:
                    self.by_name[key].append(person)
            for alias, exactness in role_aliases(person.role, person.party).items():
                self.by_role[alias_key(alias)].append((exactness, person))
            if person.constituency:
                self.by_constituency[name_key(person.constituency)].append(person)
        self.longest_name = max((len(key.split()) for key in self.by_name), default=0)
        self.longest_role = max((len(alias.split()) for alias in self.by_role), default=0)
        self.longest_constituency = max(
            (len(key.split()) for key in self.by_constituency), default=0
        )
        # Role aliases indexed by their first word, so a scan tries only the few that can match.
        self.roles_by_first_word: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for alias in self.by_role:
            words = tuple(alias.split())
            self.roles_by_first_word[words[0]].append(words)
        for candidates in self.roles_by_first_word.values():
            candidates.sort(key=len, reverse=True)

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> "PeopleDirectory":
        """From plain mappings with the keys of `Person` (tests, the evaluation)."""
        fields = Person.__dataclass_fields__
        return cls([Person(**{k: v for k, v in row.items() if k in fields}) for row in rows])

    def named(self, key: str) -> list[Person]:
        return self.by_name.get(key, [])

    def holding(self, alias: str) -> list[Person]:
        """Who holds the post copy calls `alias`: those it names most exactly."""
        held = self.by_role.get(alias_key(alias), [])
        best = max((exactness for exactness, _ in held), default=0)
        return [person for exactness, person in held if exactness == best]

    def sitting_for(self, constituency_key: str) -> list[Person]:
        return self.by_constituency.get(constituency_key, [])
