"""The one exception a service raises when a change would break a rule of the newsroom."""


class RuleBroken(Exception):
    """A service refused the change; the message is written for the editor to read.

    Forms, admin actions, commands and views catch this one type (with Django's
    ValidationError for a field's value) and show the message as a form error, an admin message
    or a 400; none of them repeats the check.
    """
