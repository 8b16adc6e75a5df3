"""Monitoring pages: public under ``/<municipality>/monitoring/`` (German
addresses, and English ones for the same pages), the staff area under
``/<municipality>/intern/monitoring/``."""

from django.urls import path

from .views import catalogue, imports, manage, pages

app_name = "monitoring"

PUBLIC = "<slug:municipality>/monitoring/"
STAFF = "<slug:municipality>/intern/monitoring/"

urlpatterns = [
    path(PUBLIC, pages.overview_public, name="overview"),
    path(STAFF, pages.overview_staff, name="staff_overview"),
]
for suffix, words in (
    ("", ("indikatoren", "gebiete", "vergleich", "indizes")),
    ("_en", ("indicators", "districts", "compare", "indices")),
):
    indicators, districts, compare, indices = words
    for prefix, base, view_of in (
        ("", PUBLIC, lambda name: getattr(pages, name + "_public")),
        ("staff_", STAFF, lambda name: getattr(pages, name + "_staff")),
    ):
        if prefix and suffix:
            continue  # the staff area speaks German addresses only
        urlpatterns += [
            path(
                base + indicators + "/<slug:indicator_key>/",
                view_of("indicator"),
                name=prefix + "indicator" + suffix,
            ),
            path(
                base + districts + "/<path:district_code>/",
                view_of("district"),
                name=prefix + "district" + suffix,
            ),
            path(
                base + compare + "/",
                view_of("compare"),
                name=prefix + "compare" + suffix,
            ),
            path(
                base + indices + "/<slug:index_key>/",
                view_of("index"),
                name=prefix + "index" + suffix,
            ),
        ]

urlpatterns += [
    path(STAFF + "katalog/", manage.catalogue, name="staff_catalogue"),
    path(
        STAFF + "katalog/neu/",
        catalogue.indicator_create_view,
        name="staff_indicator_create",
    ),
    path(
        STAFF + "indikatoren/<slug:indicator_key>/bearbeiten/",
        catalogue.indicator_update_view,
        name="staff_indicator_update",
    ),
    path(
        STAFF + "katalog/importieren/",
        catalogue.catalogue_import_view,
        name="staff_catalogue_import",
    ),
    path(
        STAFF + "katalog/indikatoren.csv",
        catalogue.catalogue_download,
        {"suffix": "csv"},
        name="staff_catalogue_csv",
    ),
    path(
        STAFF + "katalog/indikatoren.xlsx",
        catalogue.catalogue_download,
        {"suffix": "xlsx"},
        name="staff_catalogue_xlsx",
    ),
    path(
        STAFF + "vorlage/", manage.template_install_view, name="staff_template_install"
    ),
    path(
        STAFF + "indikatoren/<slug:indicator_key>/veroeffentlichen/",
        manage.indicator_publish_view,
        name="staff_indicator_publish",
    ),
    path(STAFF + "indizes-hochladen/", manage.index_upload, name="staff_index_upload"),
    path(
        STAFF + "indizes/<slug:index_key>/veroeffentlichen/",
        manage.index_publish_view,
        name="staff_index_publish",
    ),
    path(
        STAFF + "indizes/<slug:index_key>/definition.json",
        manage.index_download,
        name="staff_index_download",
    ),
    path(
        STAFF + "indizes/<slug:index_key>/analyse/",
        manage.index_analysis,
        name="staff_index_analysis",
    ),
    path(STAFF + "daten-importieren/", imports.data_import, name="staff_data_import"),
    path(STAFF + "schwelle/", manage.threshold_update, name="staff_threshold_update"),
]
