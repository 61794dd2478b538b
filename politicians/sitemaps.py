from django.contrib.sitemaps import Sitemap
from django.urls import reverse

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


class PartyTopicsSitemap(Sitemap):
    """Each party on every topic, side by side."""

    changefreq = "weekly"

    def items(self):
        return Party.objects.order_by("slug").only("slug")

    def location(self, party):
        return reverse("politicians:party_compare", args=[party.slug])
