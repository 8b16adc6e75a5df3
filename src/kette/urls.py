from django.contrib import admin
from django.urls import include, path, re_path

from kette.api.views.base import NotFoundView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("kette.api.urls")),
    # Everything else under api/ answers in JSON too, never with an HTML page.
    re_path(r"^api/", NotFoundView.as_view(), name="api_not_found"),
    path("", include("kette.offers.urls.staff")),
    path("", include("kette.offers.urls.public")),
    path("", include("kette.monitoring.urls")),
    path("", include("kette.goals.urls")),
    path("", include("kette.networks.urls")),
    path("", include("kette.core.urls")),
]
