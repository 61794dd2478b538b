"""What text staff type may hold: no control characters.

A bell, an escape or a NUL pasted from a PDF shows as nothing or as a box, cannot be carried by
XML 1.0 (the Atom feeds), and is a common payload of pasted attacks. Tabs and line breaks are
text and stay.
"""

import re

from django.core.exceptions import ValidationError

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def refuse_control_characters(value):
    found = CONTROL_CHARACTERS.search(value or "")
    if found:
        raise ValidationError(
            f"This contains an invisible control character (U+{ord(found[0]):04X}), probably "
            "from a copy and paste. Retype the text around it.",
            code="control_character",
        )
