"""The people directory for the evaluation, built from the project's CSV files.

The same rows the member import and the frontbench roles give the database; no database, no
network, so `make eval-extract` runs on a fresh clone.
"""

import csv
from pathlib import Path

from django.utils.text import slugify

from sources.extraction.people import PeopleDirectory

DATA = Path(__file__).resolve().parents[2] / "politicians" / "data"
MEMBERS_CSV = DATA / "uk-commons-2019-mps.csv"
FRONTBENCH_CSV = DATA / "uk-frontbench-2023-03-16.csv"


def directory_from_csv(members: Path = MEMBERS_CSV, frontbench: Path = FRONTBENCH_CSV):
    """The 650 MPs with their posts on 16 March 2023, and the peers on the frontbench."""
    with frontbench.open(encoding="utf-8") as handle:
        posts = list(csv.DictReader(handle))
    role_by_id = {int(row["mnis_id"]): row["role"] for row in posts if row["mnis_id"]}
    rows, taken = [], set()
    with members.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            member_id = int(row["mnis_id"]) if row["mnis_id"] else None
            rows.append(
                {
                    "name": row["name"],
                    "slug": _unique_slug(row["name"], taken),
                    "member_id": member_id,
                    "party": row["party"],
                    "house": "commons",
                    "constituency": row["constituency"],
                    "role": role_by_id.get(member_id, ""),
                }
            )
    for row in posts:
        if row["house"] == "Lords":
            rows.append(
                {
                    "name": row["name"],
                    "slug": _unique_slug(row["name"], taken),
                    "member_id": int(row["mnis_id"]),
                    "party": row["party"],
                    "house": "lords",
                    "role": row["role"],
                }
            )
    return PeopleDirectory.from_rows(rows)


def _unique_slug(name: str, taken: set[str]) -> str:
    # As politicians.models.unique_slug_for, which the member import uses.
    base = slugify(name) or "politician"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
