"""System checks for the settings a reader meets: `manage.py check` reports them."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# No check that the corrections address is set: without it every page tells readers how to ask
# for a correction through the methodology page, which is a working production set-up, and
# `check --deploy` must stay silent with only the three settings production has to set.


@checks.register("wts")
def corrections_address_is_an_address(app_configs, **kwargs):
    address = settings.WTS_CORRECTIONS_EMAIL
    try:
        if address:
            validate_email(address)
    except ValidationError:
        return [
            checks.Warning(
                f"WTS_CORRECTIONS_EMAIL is “{address}”, which is not an email address: "
                "the footer's mailto: link would lead nowhere.",
                hint="Set it to an address such as corrections@your-newsroom.co.uk.",
                id="wts.W002",
            )
        ]
    return []
