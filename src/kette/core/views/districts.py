"""Importing districts from GeoJSON in the staff area, with a preview first."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..exceptions import ImportFailed
from ..forms import DistrictImportForm
from ..services.districts import district_import
from ..tenancy import municipality_view
from .kept_uploads import KeptUpload, import_page

SESSION_KEY = "kette_district_upload"


@municipality_view("core.manage_districts")
@require_http_methods(["GET", "POST"])
def district_import_view(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    kept = KeptUpload(request, SESSION_KEY)
    form, path = kept.form_and_path(DistrictImportForm)
    if path is None:
        return _render(request, form, kept.stash)
    options = kept.options
    dry_run = kept.dry_run
    try:
        result = district_import(
            municipality=municipality,
            source=path.read_bytes(),
            file=kept.name,
            code_field=options["code_field"],
            name_field=options["name_field"],
            parent_field=options["parent_field"] or None,
            level_name_field=options["level_name_field"] or None,
            fix=options["fix"],
            dry_run=dry_run,
            actor=request.user,
        )
    except ImportFailed as failure:
        return _render(request, form, kept.stash, problems=failure.problems)
    if dry_run:
        return _render(request, form, kept.stash, preview=result)
    kept.forget()
    messages.success(
        request,
        _(
            "Districts imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged."
        )
        % {
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": len(result.unchanged),
        },
    )
    for warning in result.warnings:
        messages.warning(request, str(warning))
    return redirect("core:staff_district_list", municipality=municipality.slug)


def _render(request, form, stash, **page) -> HttpResponse:
    return import_page(request, "kette_core/district_import.html", form, stash, **page)
