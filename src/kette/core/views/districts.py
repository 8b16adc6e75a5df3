"""Importing districts from GeoJSON in the staff area, with a preview first."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..exceptions import ImportFailed
from ..forms import DistrictImportForm
from ..services.districts import district_import
from ..services.uploads import upload_discard, upload_read, upload_stash
from ..tenancy import municipality_view

SESSION_KEY = "kette_district_upload"


def _stashed(request: HttpRequest) -> dict | None:
    stash = request.session.get(SESSION_KEY)
    if stash and stash.get("municipality") == request.municipality.pk:
        return stash
    return None


@municipality_view("core.manage_districts")
@require_http_methods(["GET", "POST"])
def district_import_view(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    stash = _stashed(request)
    if request.method == "GET":
        form = DistrictImportForm(initial=(stash or {}).get("options"))
        return _render(request, form, stash)

    form = DistrictImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form, stash)
    upload = form.cleaned_data["file"]
    if upload:
        if stash:
            upload_discard(token=stash["token"])
        stash = {
            "token": upload_stash(data=upload.read()),
            "name": upload.name,
            "municipality": municipality.pk,
        }
    if not stash:
        form.add_error("file", _("Choose a GeoJSON file."))
        return _render(request, form, None)
    options = {k: v for k, v in form.cleaned_data.items() if k != "file"}
    stash["options"] = options
    request.session[SESSION_KEY] = stash

    data = upload_read(token=stash["token"])
    if data is None:
        del request.session[SESSION_KEY]
        form.add_error(
            "file", _("The file from the preview has expired; choose it again.")
        )
        return _render(request, form, None)
    dry_run = request.POST.get("action") != "import"
    try:
        result = district_import(
            municipality=municipality,
            source=data,
            file=stash["name"],
            code_field=options["code_field"],
            name_field=options["name_field"],
            parent_field=options["parent_field"] or None,
            level_name_field=options["level_name_field"] or None,
            fix=options["fix"],
            dry_run=dry_run,
            actor=request.user,
        )
    except ImportFailed as failure:
        return _render(request, form, stash, problems=failure.problems)
    if dry_run:
        return _render(request, form, stash, preview=result)
    upload_discard(token=stash["token"])
    del request.session[SESSION_KEY]
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


def _render(request, form, stash, *, preview=None, problems=None) -> HttpResponse:
    return render(
        request,
        "kette_core/district_import.html",
        {
            "form": form,
            "stash": stash,
            "preview": preview,
            "problems": problems or [],
        },
        status=400 if problems or form.errors else 200,
    )
