"""Pages of public lists, read once per data version."""

from collections.abc import Sequence

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .caching import per_data_version


class KeptPaginator(Paginator):
    """A paginator whose count and pages are read once per data version, under `name` (the
    list and its filters), as the lists' facet counts are: when a story breaks, thousands of
    readers open the same few pages, and until public data changes they hold the same rows.

    `keys_first`: find a page in two steps, the page's primary keys in the list's order from a
    narrow query that sorts only keys and sort values, then the full rows of those keys.
    Ordering a common search term's matches by rank sorts tens of thousands of rows; with every
    joined column in each row, PostgreSQL spent four times as long on it as on keys alone.
    """

    def __init__(self, *args, name: str, keys_first: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name
        self.keys_first = keys_first

    @cached_property
    def count(self):
        return per_data_version(f"list-count:{self.name}", lambda: Paginator.count.func(self))

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        name = f"{self.name}:{bottom}:{top}"

        rows = KeptRows(
            lambda: per_data_version(f"list-page:{name}", lambda: self._rows(bottom, top))
        )
        rows.keys = per_data_version(f"list-keys:{name}", lambda: [row.pk for row in rows.rows()])
        return self._get_page(rows, number, self)

    def _rows(self, bottom: int, top: int) -> list:
        if not self.keys_first:
            return list(self.object_list[bottom:top])
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)} if keys else {}
        return [rows[key] for key in keys]


class KeptRows(Sequence):
    """A kept page's rows, read from the cache only when something shows them.

    The rows' keys come first and cost nothing to read back: a template that renders each row
    as a kept fragment (`{% kept_each %}`) finds them all by key and needs the rows themselves
    (fifty model instances with their stances, unpickled) only for those not kept yet.
    """

    keys: list

    def __init__(self, load):
        self._load = load
        self._rows = None
        self._prepare = []

    def when_read(self, prepare) -> None:
        """Have `prepare(rows)` run on the rows once they are read (if they ever are): work
        only the rows' own markup needs, such as marking what a search matched."""
        if self._rows is not None:  # read already (to find the page's keys)
            prepare(self._rows)
        self._prepare.append(prepare)

    def rows(self) -> list:
        if self._rows is None:
            self._rows = self._load()
            for prepare in self._prepare:
                prepare(self._rows)
        return self._rows

    def __len__(self):
        return len(self.keys)

    def __bool__(self):
        return bool(self.keys)

    def __getitem__(self, index):
        return self.rows()[index]

    def __iter__(self):
        return iter(self.rows())
