from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Statement, Topic


class StatementSitemap(Sitemap):
    """Published statements only: a draft or a retraction is nothing for a search engine."""

    changefreq = "monthly"

    def items(self):
        return Statement.objects.published().order_by("pk").only("pk", "published_at")

    def lastmod(self, statement):
        return statement.published_at


class TopicSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Topic.objects.order_by("slug").only("slug")


class PageSitemap(Sitemap):
    """The lists and the pages about how we work."""

    changefreq = "daily"

    def items(self):
        return [
            "statements:home",
            "politicians:list",
            "statements:browser",
            "politicians:party_list",
            "statements:methodology",
            "statements:corrections",
            "api:docs",
        ]

    def location(self, name):
        return reverse(name)
