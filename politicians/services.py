"""State changes for politicians and parties: the member import."""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from .models import Bench, House, Party, Politician, sort_name_for, unique_slug_for

# Short names and brand colours of the parties in the Commons. The colour is decoration only:
# every chart and badge prints the party's name beside it.
PARTY_STYLE = {
    "Conservative": ("Con", "#0087dc"),
    "Labour": ("Lab", "#e4003b"),
    "Scottish National Party": ("SNP", "#fdf38e"),
    "Liberal Democrat": ("LD", "#faa61a"),
    "Independent": ("Ind", "#6b6b6b"),
    "Democratic Unionist Party": ("DUP", "#d46a4c"),
    "Sinn Féin": ("SF", "#326760"),
    "Plaid Cymru": ("PC", "#005b54"),
    "Social Democratic and Labour Party": ("SDLP", "#2aa82c"),
    "Alba Party": ("Alba", "#005eb8"),
    "Green Party": ("Green", "#02a95b"),
    "Alliance Party": ("APNI", "#f6cb2f"),
    "Speaker": ("Spkr", "#4a4a4a"),
}

REQUIRED_COLUMNS = ("name", "party", "constituency", "mnis_id")
OPTIONAL_COLUMNS = ("role", "bench", "house", "sort_name")


@dataclass(frozen=True)
class ImportProblem:
    row: int  # numbered as a spreadsheet shows it: the header is row 1
    field: str
    message: str

    def __str__(self):
        return f"row {self.row}, {self.field}: {self.message}"


class MemberImportError(Exception):
    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass
class MemberImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class MemberRow:
    row: int
    name: str
    party: str
    constituency: str
    member_id: int | None
    extra: dict  # optional columns that the file actually has


def party_for_name(name: str) -> Party:
    party = Party.objects.filter(name=name).first()
    if party is None:
        short_name, colour = PARTY_STYLE.get(name, ("", "#6b6b6b"))
        party = Party.objects.create(
            name=name, slug=slugify(name), short_name=short_name, colour=colour
        )
    return party


def _parse(text: str) -> tuple[list[MemberRow], list[ImportProblem]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        return [], [
            ImportProblem(1, column, "column is missing from the header") for column in missing
        ]
    reader.fieldnames = header
    rows, problems = [], []
    seen_ids: dict[int, int] = {}
    seen_names: dict[str, int] = {}
    for row_number, raw in enumerate(reader, start=2):
        if None in raw:
            problems.append(ImportProblem(row_number, "row", "has more cells than the header"))
            continue
        values = {key: (value or "").strip() for key, value in raw.items()}
        row_problems = []
        for column in ("name", "party"):
            if not values[column]:
                row_problems.append(ImportProblem(row_number, column, "is empty"))
        house = values.get("house") or House.COMMONS
        if house not in House.values:
            row_problems.append(
                ImportProblem(
                    row_number, "house", f"“{house}” is not one of {', '.join(House.values)}"
                )
            )
        if house == House.COMMONS and not values["constituency"]:
            row_problems.append(ImportProblem(row_number, "constituency", "is empty for an MP"))
        bench = values.get("bench", "")
        if bench and bench not in Bench.values:
            row_problems.append(
                ImportProblem(row_number, "bench", f"“{bench}” is not one of front, back")
            )
        member_id = None
        if values["mnis_id"]:
            if not values["mnis_id"].isdigit() or int(values["mnis_id"]) == 0:
                row_problems.append(
                    ImportProblem(
                        row_number, "mnis_id", f"“{values['mnis_id']}” is not a member id"
                    )
                )
            else:
                member_id = int(values["mnis_id"])
                if member_id in seen_ids:
                    row_problems.append(
                        ImportProblem(
                            row_number,
                            "mnis_id",
                            f"{member_id} is also on row {seen_ids[member_id]}",
                        )
                    )
                seen_ids.setdefault(member_id, row_number)
        if values["name"] and not member_id:
            key = values["name"].casefold()
            if key in seen_names:
                row_problems.append(
                    ImportProblem(
                        row_number,
                        "name",
                        f"“{values['name']}” has no member id and is also on row {seen_names[key]}",
                    )
                )
            seen_names.setdefault(key, row_number)
        if row_problems:
            problems.extend(row_problems)
            continue
        extra = {column: values[column] for column in OPTIONAL_COLUMNS if column in header}
        extra["house"] = house
        rows.append(
            MemberRow(
                row=row_number,
                name=values["name"],
                party=values["party"],
                constituency=values["constituency"],
                member_id=member_id,
                extra=extra,
            )
        )
    return rows, problems


@transaction.atomic
def members_import(*, text: str, dry_run: bool = False) -> MemberImportResult:
    """Add or update members from CSV text; all rows or none.

    A member already held is found by member id, then by name. Re-running the same file changes
    nothing; a party switch or new role is saved with a history record saying what changed.
    """
    rows, problems = _parse(text)
    if problems:
        raise MemberImportError(problems)

    politicians = list(Politician.objects.all())
    by_member_id = {p.member_id: p for p in politicians if p.member_id}
    by_name: dict[str, list[Politician]] = {}
    for politician in politicians:
        by_name.setdefault(politician.name.casefold(), []).append(politician)
    parties = {party.name: party for party in Party.objects.all()}
    taken_slugs = {p.slug for p in politicians}

    result = MemberImportResult()
    to_create: list[Politician] = []
    for row in rows:
        politician = by_member_id.get(row.member_id) if row.member_id else None
        if politician is None:
            candidates = [
                p
                for p in by_name.get(row.name.casefold(), [])
                if p.member_id is None or p.member_id == row.member_id
            ]
            if len(candidates) > 1:
                problems.append(
                    ImportProblem(
                        row.row, "name", f"“{row.name}” matches several people; add a member id"
                    )
                )
                continue
            politician = candidates[0] if candidates else None
        if row.party not in parties:
            parties[row.party] = party_for_name(row.party)
        party = parties[row.party]

        wanted = {
            "name": row.name,
            "party_id": party.pk,
            "constituency": row.constituency,
            "house": row.extra["house"],
            "is_sitting": True,
        }
        if row.member_id:
            wanted["member_id"] = row.member_id
        if "role" in row.extra:
            wanted["role"] = row.extra["role"]
        if row.extra.get("bench"):
            wanted["bench"] = row.extra["bench"]

        if politician is None:
            slug = unique_slug_for(row.name, taken_slugs)
            if slug != slugify(row.name) and row.constituency:
                slug = unique_slug_for(f"{row.name} {row.constituency}", taken_slugs)
            taken_slugs.add(slug)
            to_create.append(
                Politician(
                    slug=slug,
                    sort_name=row.extra.get("sort_name") or sort_name_for(row.name),
                    **wanted,
                )
            )
            continue

        changed = {key: value for key, value in wanted.items() if getattr(politician, key) != value}
        if not changed:
            result.unchanged += 1
            continue
        reasons = []
        if "party_id" in changed:
            old = politician.party.name if politician.party else "no party"
            reasons.append(f"party {old} → {party.name}")
        if "role" in changed:
            reasons.append(f"role “{politician.role}” → “{wanted['role']}”")
        for key, value in changed.items():
            setattr(politician, key, value)
        politician._change_reason = "Member import: " + (
            "; ".join(reasons) or ", ".join(sorted(changed))
        )
        politician.full_clean(validate_unique=False)
        politician.save()
        result.updated += 1
        result.changes.append(f"{politician.name}: {politician._change_reason}")

    if problems:
        raise MemberImportError(problems)
    if to_create:
        bulk_create_with_history(to_create, Politician, default_change_reason="Member import")
        result.created = len(to_create)
    if dry_run:
        transaction.set_rollback(True)
    return result


@transaction.atomic
def politician_update_role(*, politician: Politician, role: str, actor, reason: str) -> Politician:
    """Set a person's current role; their history keeps the old one, who changed it and why.

    Nothing is saved when the role is already this one, so re-running an import adds no
    history. Raises ValidationError for a role the model refuses (too long).
    """
    role = role.strip()
    if politician.role == role:
        return politician
    politician.role = role
    politician.full_clean(validate_unique=False)
    politician._change_reason = reason
    # Imports run outside a request; the history must still say who changed it.
    politician._history_user = actor
    politician.save(update_fields=["role"])
    return politician
