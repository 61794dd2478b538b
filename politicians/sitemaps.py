from django.contrib.sitemaps import Sitemap

from .models import Party, Politician


class PoliticianSitemap(Sitemap):
    """Every public profile: a search for an MP's name should find where they stand."""

    changefreq = "weekly"

    def items(self):
        return Politician.objects.public().order_by("slug").only("slug")


class PartySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Party.objects.order_by("slug").only("slug")
