from django.conf import settings


def site(request):
    return {
        "site_name": settings.WTS_SITE_NAME,
        "corrections_email": settings.WTS_CORRECTIONS_EMAIL,
    }
