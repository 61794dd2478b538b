from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from core.caching import public_page
from guards.views import healthz
from politicians.sitemaps import PartySitemap, PartyTopicsSitemap, PoliticianSitemap
from statements.sitemaps import PageSitemap, StatementSitemap, TopicSitemap

admin.site.site_header = "Where They Stand: editors"
admin.site.site_title = "Where They Stand editors"
admin.site.index_title = "Statements, speakers and positions"

SITEMAPS = {
    "pages": PageSitemap,
    "topics": TopicSitemap,
    "politicians": PoliticianSitemap,
    "parties": PartySitemap,
    "party-topics": PartyTopicsSitemap,
    "statements": StatementSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    # Staff give their second factor here before any admin page (accounts.middleware).
    path("staff/", include("accounts.urls")),
    path("healthz", healthz, name="healthz"),
    path(
        "sitemap.xml",
        public_page(sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "robots.txt",
        public_page(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
    ),
    path("api/v1/", include("api.urls")),
    path("", include("public.urls")),
    path("", include("statements.urls")),
    path("", include("sources.urls")),
]

handler400 = "core.errors.bad_request"
handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
