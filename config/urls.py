from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Where They Stand: editors"
admin.site.site_title = "Where They Stand editors"
admin.site.index_title = "Statements, speakers and positions"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("politicians.urls")),
    path("", include("statements.urls")),
]

handler400 = "statements.views.errors.bad_request"
handler404 = "statements.views.errors.not_found"
handler500 = "statements.views.errors.server_error"
