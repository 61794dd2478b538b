"""The editors' admin, one module per screen family; importing the package registers them all."""

from . import politician, statement  # noqa: F401 - registers the model admins
