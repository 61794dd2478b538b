"""The editors' admin, one module per screen family; importing the package registers them all.

The history admin every screen builds on is core.admin.HistoryAdmin.
"""

from . import import_job, politician, stance, statement, topic  # noqa: F401 - registers the model admins
