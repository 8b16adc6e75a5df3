"""Editing the indicator catalogue in the staff area: the form for one
indicator, and the catalogue as a file (download, and upload with a preview
first, the same importer as ``kette import_catalogue``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.exceptions import ImportFailed
from kette.core.forms import add_service_errors
from kette.core.tenancy import municipality_view
from kette.core.views.kept_uploads import KeptUpload, import_page

from .. import selectors
from ..forms import CatalogueImportForm, IndicatorForm
from ..importers.catalogue import catalogue_csv, catalogue_import, catalogue_xlsx
from ..services.indicators import indicator_create, indicator_update

SESSION_KEY = "kette_catalogue_upload"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _catalogue(request: HttpRequest) -> HttpResponse:
    return redirect(
        "monitoring:staff_catalogue", municipality=request.municipality.slug
    )


@municipality_view("monitoring.manage_data")
@require_http_methods(["GET", "POST"])
def indicator_create_view(request: HttpRequest) -> HttpResponse:
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = indicator_create(
                municipality=request.municipality,
                actor=request.user,
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The indicator “%(name)s” has been added (not yet published).")
                % {"name": indicator.name},
            )
            return _catalogue(request)
    return _form(request, form, None)


@municipality_view("monitoring.manage_data")
@require_http_methods(["GET", "POST"])
def indicator_update_view(request: HttpRequest, indicator_key: str) -> HttpResponse:
    def lookup():
        return selectors.indicator_get(
            municipality=request.municipality, key=indicator_key, public=False
        )

    indicator = lookup()
    # The form validates its own copy: the service compares against the
    # unchanged indicator for the audit trail.
    form = IndicatorForm(request.POST or None, instance=lookup())
    if request.method == "POST" and form.is_valid():
        try:
            indicator_update(
                indicator=indicator, actor=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("“%(name)s” has been saved.") % {"name": indicator.name}
            )
            return _catalogue(request)
    return _form(request, form, indicator)


def _form(request, form, indicator) -> HttpResponse:
    return render(
        request,
        "kette_monitoring/staff/indicator_form.html",
        {"form": form, "indicator": indicator},
        status=400 if form.errors else 200,
    )


@municipality_view("monitoring.view_data")
@require_safe
def catalogue_download(request: HttpRequest, suffix: str) -> HttpResponse:
    municipality = request.municipality
    if suffix == "xlsx":
        response = HttpResponse(catalogue_xlsx(municipality), content_type=XLSX)
    else:
        response = HttpResponse(
            catalogue_csv(municipality), content_type="text/csv; charset=utf-8"
        )
    name = f"{municipality.slug}-{_('indicators')}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@municipality_view("monitoring.manage_data")
@require_http_methods(["GET", "POST"])
def catalogue_import_view(request: HttpRequest) -> HttpResponse:
    kept = KeptUpload(request, SESSION_KEY)
    form, path = kept.form_and_path(CatalogueImportForm)
    if path is None:
        return _import_page(request, form, kept.stash)
    dry_run = kept.dry_run
    try:
        result = catalogue_import(
            municipality=request.municipality,
            path=path,
            file=kept.name,
            sheet=form.cleaned_data["sheet"] or None,
            actor=request.user,
            dry_run=dry_run,
        )
    except ImportFailed as failure:
        return _import_page(request, form, kept.stash, problems=failure.problems)
    if dry_run:
        return _import_page(request, form, kept.stash, preview=result)
    kept.forget()
    messages.success(
        request,
        _(
            "%(file)s: indicators added: %(created)d, changed: %(updated)d, "
            "unchanged: %(unchanged)d"
        )
        % {
            "file": result.file,
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": result.unchanged,
        },
    )
    return _catalogue(request)


def _import_page(request, form, stash, **page) -> HttpResponse:
    template = "kette_monitoring/staff/catalogue_import.html"
    return import_page(request, template, form, stash, **page)
