"""django-filter FilterSets for the public lists."""

import django_filters
from django.core.exceptions import BadRequest


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet that answers a bad value with 400 and the parameter's name, never a 500.

    django-filter's default is to quietly ignore an invalid form, which would show a journalist
    every row while they believe the list is filtered.
    """

    def bad_request_message(self) -> str:
        problems = []
        for name, errors in self.form.errors.items():
            problems.append(f"{name}: {' '.join(errors)}")
        return "; ".join(problems)

    @property
    def qs(self):
        if self.is_bound and not self.form.is_valid():
            raise BadRequest(self.bad_request_message())
        return super().qs
