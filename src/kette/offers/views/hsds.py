"""HSDS 3 import and export in the staff area: a preview first, then the import.

The same importer and exporter as ``kette import_hsds`` and ``kette
export_hsds``. The uploaded package waits between preview and import (core's
upload stash), so it need not be chosen twice.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.exceptions import ImportFailed, ImportProblem
from kette.core.forms import KeptFileForm
from kette.core.importers.limits import MaxUploadSize
from kette.core.tenancy import municipality_view
from kette.core.views.kept_uploads import KeptUpload, import_page

from ..hsds.exporter import hsds_export
from ..hsds.importer import hsds_import
from ..hsds.preview import hsds_preview

SESSION_KEY = "kette_hsds_upload"
#: What a preview says a package holds: HSDS resources under kette's words.
PACKAGE_PARTS = [
    ("organization", gettext_lazy("Organisations")),
    ("service", gettext_lazy("Offers")),
    ("location", gettext_lazy("Places")),
    ("service_at_location", gettext_lazy("Offers at places")),
    ("schedule", gettext_lazy("Times")),
    ("contact", gettext_lazy("Contact persons")),
    ("phone", gettext_lazy("Phone numbers")),
    ("address", gettext_lazy("Addresses")),
]


class HsdsImportForm(KeptFileForm):
    missing_file = gettext_lazy("Choose a .zip or JSON file.")
    file = forms.FileField(
        label=gettext_lazy("HSDS package (.zip) or JSON file"),
        validators=[MaxUploadSize()],
        help_text=gettext_lazy(
            "A .zip with datapackage.json and the CSV files, or a JSON file with "
            "a list of services. After a preview the file is kept; choose it "
            "again only to replace it."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".zip,.json,application/zip,application/json"}
        ),
    )


def _readable(problems: list[ImportProblem], path: Path, name: str):
    """Problems naming the uploaded file, not where the server keeps it."""
    readable = []
    for problem in problems:
        for stored in (str(path), path.name):
            if problem.file.startswith(stored):
                problem = replace(problem, file=name + problem.file[len(stored) :])
                break
        readable.append(problem)
    return readable


@municipality_view("offers.exchange_hsds")
@require_http_methods(["GET", "POST"])
def hsds_exchange(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    kept = KeptUpload(request, SESSION_KEY)
    form, path = kept.form_and_path(HsdsImportForm)
    if path is None:
        return _render(request, form, kept.stash)
    try:
        if not kept.dry_run:
            # One process: a web worker does not fork the checker's pool.
            result = hsds_import(
                municipality=municipality, path=path, actor=request.user, workers=1
            )
        else:
            result = hsds_preview(
                municipality=municipality, path=path, actor=request.user
            )
    except ImportFailed as failure:
        problems = _readable(failure.problems, path, kept.name)
        return _render(request, form, kept.stash, problems=problems)
    warnings = _readable(result.warnings, path, kept.name)
    if result.dry_run:
        return _render(request, form, kept.stash, preview=result, warnings=warnings)
    kept.forget()
    messages.success(
        request,
        _(
            "Offers imported: %(created)d new, %(updated)d changed, %(unchanged)d "
            "unchanged; organisations: %(orgs_created)d new, %(orgs_updated)d changed."
        )
        % {
            "created": result.offers_created,
            "updated": result.offers_updated,
            "unchanged": result.offers_unchanged,
            "orgs_created": result.organisations_created,
            "orgs_updated": result.organisations_updated,
        },
    )
    for warning in warnings:
        messages.warning(request, str(warning))
    return redirect("offers_staff:offer_list", municipality.slug)


def _render(
    request, form, stash, *, preview=None, problems=None, warnings=()
) -> HttpResponse:
    package = (
        [(label, preview.records.get(name, 0)) for name, label in PACKAGE_PARTS]
        if preview
        else []
    )
    return import_page(
        request,
        "kette_offers/staff/hsds.html",
        form,
        stash,
        preview=preview,
        problems=problems,
        package=package,
        warnings=warnings,
    )


def _export(request: HttpRequest, *, json_form: bool) -> HttpResponse:
    municipality = request.municipality
    suffix = ".json" if json_form else ".zip"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"hsds{suffix}"
        hsds_export(municipality=municipality, out=out, json_form=json_form)
        content = out.read_bytes()
    response = HttpResponse(
        content, content_type="application/json" if json_form else "application/zip"
    )
    filename = f"{municipality.slug}-angebote-hsds{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@municipality_view("offers.exchange_hsds")
@require_safe
def hsds_export_zip(request: HttpRequest) -> HttpResponse:
    return _export(request, json_form=False)


@municipality_view("offers.exchange_hsds")
@require_safe
def hsds_export_json(request: HttpRequest) -> HttpResponse:
    return _export(request, json_form=True)
