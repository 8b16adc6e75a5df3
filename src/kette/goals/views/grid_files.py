"""The SMART grids as files: PDF and XLSX of one goal's grid or of all goals,
and the upload of grids from XLSX (a preview first, then the import).

Every member of the municipality may download the grids (as they read them
on the pages); coordinators and state admins import.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.exceptions import ImportFailed
from kette.core.tenancy import municipality_view
from kette.core.views.kept_uploads import KeptUpload, import_page

from .. import grid_files
from .. import grid_import as importer
from ..forms.goals import GridImportForm
from ..models import Goal
from ..selectors import goals as selectors
from ..selectors.grids import grids_of
from .indicators import grid_indicators

VIEW = "goals.view_goals"
MANAGE = "goals.manage_goals"
SESSION_KEY = "kette_grid_upload"
TEMPLATE = "kette_goals/grid_import.html"


def _grids(request: HttpRequest, goal_id: int | None) -> tuple[list, str]:
    """The grids asked for and the file name's stem."""
    municipality = request.municipality
    stem = f"{_('smart-grids')}-{municipality.slug}"
    if goal_id is None:
        return grids_of(municipality=municipality), stem
    try:
        goal = selectors.goal_get(municipality=municipality, pk=goal_id)
    except Goal.DoesNotExist as exc:
        raise Http404(_("No such goal here.")) from exc
    grids = grids_of(municipality=municipality, goal=goal)
    return grids, f"{stem}-{slugify(grids[0].code.replace('.', '-'))}"


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@municipality_view(VIEW)
@require_safe
def grid_pdf(request: HttpRequest, goal_id: int | None = None) -> HttpResponse:
    grids, stem = _grids(request, goal_id)
    context = grid_files.print_context(
        grids=grids,
        one_goal=goal_id is not None,
        indicators=grid_indicators(request, grids),
    )
    pdf = grid_files.grids_pdf(request, context)
    return _download(pdf, "application/pdf", f"{stem}.pdf")


@municipality_view(VIEW)
@require_safe
def grid_xlsx(request: HttpRequest, goal_id: int | None = None) -> HttpResponse:
    grids, stem = _grids(request, goal_id)
    title = _("SMART grids") if goal_id is None else grids[0].code
    content = grid_files.grids_xlsx(
        grids, title=title, indicators=grid_indicators(request, grids)
    )
    stamp = timezone.localdate().isoformat()
    return _download(content, grid_files.XLSX_TYPE, f"{stem}-{stamp}.xlsx")


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def grid_import(request: HttpRequest) -> HttpResponse:
    """Upload grids from XLSX: a preview first (everything checked and rolled
    back), then the import of the kept file."""
    kept = KeptUpload(request, SESSION_KEY)
    form, path = kept.form_and_path(GridImportForm)
    if path is None:
        return import_page(request, TEMPLATE, form, kept.stash)
    dry_run = kept.dry_run
    try:
        result = importer.grid_import(
            municipality=request.municipality,
            path=path,
            file=kept.name,
            actor=request.user,
            dry_run=dry_run,
            sheet=form.cleaned_data["sheet"] or None,
        )
    except ImportFailed as failure:
        return import_page(
            request, TEMPLATE, form, kept.stash, problems=failure.problems
        )
    if dry_run:
        return import_page(request, TEMPLATE, form, kept.stash, preview=result)
    kept.forget()
    messages.success(
        request,
        _(
            "%(file)s: imported %(goals)d new goals, %(changed)d goals changed, "
            "%(measures)d new measures, %(updated)d measures updated"
        )
        % {
            "file": result.file,
            "goals": result.goals_created,
            "changed": result.goals_updated,
            "measures": result.measures_created,
            "updated": result.measures_updated,
        },
    )
    return redirect("goals:goal_tree", request.municipality.slug)
