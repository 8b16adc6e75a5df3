"""Uploading indicator data in the staff area: a preview first, then the import.

The same importer as ``kette import_indicators``: long or wide form, CSV or
XLSX, all or nothing. The file waits between preview and import (core's
upload stash), so it need not be chosen twice.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from kette.core.exceptions import ImportFailed
from kette.core.tenancy import municipality_view
from kette.core.views.kept_uploads import KeptUpload, import_page

from ..forms import DataImportForm
from ..importers.indicators import PeriodInput, UnknownIndicators, indicator_import

SESSION_KEY = "kette_indicator_upload"


@municipality_view("monitoring.manage_data")
@require_http_methods(["GET", "POST"])
def data_import(request: HttpRequest) -> HttpResponse:
    kept = KeptUpload(request, SESSION_KEY)
    form, path = kept.form_and_path(DataImportForm)
    if path is None:
        return _render(request, form, kept.stash)
    options = form.cleaned_data
    dry_run = kept.dry_run
    try:
        result = indicator_import(
            municipality=request.municipality,
            path=path,
            file=kept.name,
            period=options["period"] or None,
            sheet=options["sheet"] or None,
            actor=request.user,
            dry_run=dry_run,
            period_input=PeriodInput(
                field=str(DataImportForm.base_fields["period"].label),
                hint=_(
                    "The file has one column per indicator (wide form) and no "
                    "period column. Enter the period in the field “Period” below "
                    "(e.g. 2024) and show the preview again."
                ),
            ),
        )
    except ImportFailed as failure:
        unknown = failure.keys if isinstance(failure, UnknownIndicators) else []
        return _render(
            request, form, kept.stash, problems=failure.problems, unknown=unknown
        )
    if dry_run:
        return _render(request, form, kept.stash, preview=result)
    kept.forget()
    messages.success(
        request,
        ngettext(
            "%(file)s: imported %(rows)d value (%(created)d new, %(updated)d updated)",
            "%(file)s: imported %(rows)d values (%(created)d new, %(updated)d updated)",
            result.rows,
        )
        % {
            "file": result.file,
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
        },
    )
    for warning in result.warnings:
        messages.warning(request, str(warning))
    return redirect(
        "monitoring:staff_catalogue", municipality=request.municipality.slug
    )


def _render(
    request, form, stash, *, preview=None, problems=None, unknown=()
) -> HttpResponse:
    by_indicator = []
    if preview is not None:
        by_indicator = sorted(
            (key, period, count)
            for (key, period), count in preview.by_indicator.items()
        )
    return import_page(
        request,
        "kette_monitoring/staff/data_import.html",
        form,
        stash,
        preview=preview,
        problems=problems,
        by_indicator=by_indicator,
        unknown_indicators=unknown,
    )
