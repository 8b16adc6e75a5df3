from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("kette.api.urls")),
    path("", include("kette.offers.urls_staff")),
    path("", include("kette.offers.urls")),
    path("", include("kette.monitoring.urls")),
    path("", include("kette.core.urls")),
]
