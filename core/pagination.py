"""Pages of a list whose order is costly to compute (a ranked search): keys first, rows after."""

from django.core.paginator import Paginator

from .caching import per_data_version


class KeysFirstPaginator(Paginator):
    """Finds a page's rows in two steps: the page's primary keys in the list's order, from a
    narrow query that sorts only keys and sort values, then the full rows of those keys.

    Ordering a common search term's matches by rank sorts tens of thousands of rows; done with
    every joined column in each row, PostgreSQL spent four times as long on it as on keys alone.
    The keys of a page are the same for everyone until public data changes, so they are kept
    per data version under `name` (the list and its filters), as the facet counts are.
    """

    def __init__(self, *args, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = per_data_version(
            f"page-keys:{self.name}:{bottom}:{top}",
            lambda: list(self.object_list.values_list("pk", flat=True)[bottom:top]),
        )
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)} if keys else {}
        # A row gone since the keys were kept would need a new version, which the keys key on.
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
