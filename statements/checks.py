"""System checks for the settings a reader meets: `manage.py check --deploy` reports them."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import validate_email


@checks.register("wts", deploy=True)
def corrections_address_is_set(app_configs, **kwargs):
    # Without it the footer can only point readers at the methodology page: a published site
    # must give them somewhere to send a correction.
    if settings.DEBUG or settings.WTS_CORRECTIONS_EMAIL:
        return []
    return [
        checks.Warning(
            "WTS_CORRECTIONS_EMAIL is not set, so readers are given no address to send "
            "corrections to.",
            hint="Set WTS_CORRECTIONS_EMAIL to the newsroom's corrections address.",
            id="wts.W001",
        )
    ]


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
