from django.conf import settings

from .filters import SEARCH_MAX_LENGTH


def site(request):
    return {
        "site_name": settings.WTS_SITE_NAME,
        "corrections_email": settings.WTS_CORRECTIONS_EMAIL,
        "search_max_length": SEARCH_MAX_LENGTH,
    }
