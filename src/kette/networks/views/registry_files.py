"""The registry as files: the download of bodies and members (XLSX, or a CSV
per table) and their upload (a preview first, then the import).

Every member of the municipality downloads the registry (as they read it on
the pages); members' e-mail and phone only for the bodies whose internals
they see (``networks.view_body_internals``). Coordinators and the state
admin import.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.exceptions import ImportFailed
from kette.core.tenancy import municipality_view
from kette.core.views.kept_uploads import KeptUpload, import_page

from .. import registry_files as files
from ..forms.registry_files import RegistryImportForm
from ..registry_import import registry_import
from ..selectors.exchange import bodies_with_contacts

VIEW = "networks.view_registry"
MANAGE = "networks.manage_registry"
SESSION_KEY = "kette_registry_upload"
TEMPLATE = "kette_networks/registry_import.html"


def _tables(request: HttpRequest) -> tuple[list, list]:
    municipality = request.municipality
    return files.registry_tables(
        municipality, contacts=bodies_with_contacts(request.user, municipality)
    )


def _download(request: HttpRequest, content, content_type: str, what: str):
    stamp = timezone.localdate().isoformat()
    name = f"{what}-{request.municipality.slug}-{stamp}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@municipality_view(VIEW)
@require_safe
def registry_xlsx(request: HttpRequest) -> HttpResponse:
    content = files.registry_xlsx(*_tables(request))
    return _download(request, content, files.XLSX_TYPE, _("networks") + ".xlsx")


def _csv(request: HttpRequest, *, members: bool) -> HttpResponse:
    tables = _tables(request)
    columns = files.MEMBER_COLUMNS if members else files.BODY_COLUMNS
    content = files.table_csv(columns, tables[members])
    name = _("members") if members else _("bodies")
    return _download(request, content, "text/csv; charset=utf-8", f"{name}.csv")


@municipality_view(VIEW)
@require_safe
def bodies_csv(request: HttpRequest) -> HttpResponse:
    return _csv(request, members=False)


@municipality_view(VIEW)
@require_safe
def members_csv(request: HttpRequest) -> HttpResponse:
    return _csv(request, members=True)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def registry_upload(request: HttpRequest) -> HttpResponse:
    """Upload networks and members: a preview first (everything checked and
    rolled back), then the import of the kept file."""
    kept = KeptUpload(request, SESSION_KEY)
    form, path = kept.form_and_path(RegistryImportForm)
    if path is None:
        return import_page(request, TEMPLATE, form, kept.stash)
    dry_run = kept.dry_run
    try:
        result = registry_import(
            municipality=request.municipality,
            files=[(path, kept.name)],
            actor=request.user,
            dry_run=dry_run,
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
            "%(files)s: imported %(bodies)d new bodies, %(changed)d bodies "
            "changed, %(people)d new people, %(members)d new memberships, "
            "%(updated)d memberships changed"
        )
        % {
            "files": kept.name or ", ".join(result.files),
            "bodies": result.bodies_created,
            "changed": result.bodies_updated,
            "people": result.people_created,
            "members": result.members_created,
            "updated": result.members_updated,
        },
    )
    return redirect("networks:body_list", request.municipality.slug)
