"""The staff area of a municipality under ``/<municipality>/intern/``.

Every view is guarded by ``municipality_view`` with a named rule; object-level
rules (an organisation a provider editor is bound to) are checked here too.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.db.models import ProtectedError, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .. import selectors
from ..forms import (
    AuditFilter,
    MemberFilter,
    OrganisationFilter,
    OrganisationForm,
    add_service_errors,
    object_type_label,
)
from ..models import AuditEntry, Organisation
from ..pagination import paginate as page_of
from ..services import organisations as organisation_services
from ..tenancy import municipality_view

PAGE_SIZE = 25


def paginate(request: HttpRequest, items: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    return page_of(request, items, per_page)


def _organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    try:
        return selectors.organisation_get(
            municipality=request.municipality, pk=organisation_id
        )
    except Organisation.DoesNotExist as exc:
        raise Http404(_("No such organisation here.")) from exc


@municipality_view("core.view_staff_area")
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    user = request.user
    context = {
        "summary": selectors.municipality_summary(municipality=municipality),
        "my_organisations": selectors.organisation_list_for_user(
            municipality=municipality, user=user
        ).count(),
        "can_add_organisation": user.has_perm("core.add_organisation", municipality),
    }
    return render(request, "kette_core/staff_dashboard.html", context)


@municipality_view("core.view_staff_area")
@require_safe
def organisation_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    organisations = OrganisationFilter(
        request.GET or None,
        queryset=selectors.organisation_list_for_user(
            municipality=municipality, user=request.user
        ),
    )
    context = {
        "filter_form": organisations.form,
        "page": paginate(request, organisations.qs),
        "can_add": request.user.has_perm("core.add_organisation", municipality),
    }
    return render(request, "kette_core/organisation_list.html", context)


@municipality_view("core.add_organisation")
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_services.organisation_create(
                actor=request.user, municipality=municipality, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s has been created.") % {"name": organisation.name}
            )
            return redirect("core:staff_organisation_list", municipality.slug)
    return render(
        request,
        "kette_core/organisation_form.html",
        {"form": form, "organisation": None},
    )


@municipality_view("core.view_staff_area")
@require_http_methods(["GET", "POST"])
def organisation_update(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    if not request.user.has_perm("core.change_organisation", organisation):
        raise PermissionDenied
    # The form works on its own copy: validating a ModelForm changes its
    # instance, and the service needs the unchanged one for the audit trail.
    form = OrganisationForm(
        request.POST or None, instance=_organisation(request, organisation_id)
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_services.organisation_update(
                actor=request.user, organisation=organisation, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s has been saved.") % {"name": organisation.name}
            )
            return redirect("core:staff_organisation_list", request.municipality.slug)
    return render(
        request,
        "kette_core/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@municipality_view("core.delete_organisation")
@require_http_methods(["GET", "POST"])
def organisation_delete(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    if not request.user.has_perm("core.delete_organisation", organisation):
        raise PermissionDenied
    if request.method == "POST":
        name = organisation.name
        try:
            organisation_services.organisation_delete(
                actor=request.user, organisation=organisation
            )
        except ProtectedError:
            messages.error(
                request,
                _("%(name)s cannot be deleted because other records still refer to it.")
                % {"name": name},
            )
        else:
            messages.success(request, _("%(name)s has been deleted.") % {"name": name})
            return redirect("core:staff_organisation_list", request.municipality.slug)
    return render(
        request,
        "kette_core/organisation_confirm_delete.html",
        {"organisation": organisation},
    )


@municipality_view("core.view_population")
@require_safe
def district_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    context = {
        "table": selectors.district_population_table(municipality=municipality),
        "can_import": request.user.has_perm("core.manage_districts", municipality),
    }
    return render(request, "kette_core/district_list.html", context)


@municipality_view("core.view_audit_trail")
@require_safe
def audit_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    choices = selectors.audit_filter_choices(municipality=municipality)
    entries = AuditFilter(
        request.GET or None,
        queryset=selectors.audit_entry_list(municipality=municipality),
        object_types=choices["object_types"],
        actors=choices["actors"],
    )
    context = {"filter_form": entries.form, "page": paginate(request, entries.qs)}
    return render(request, "kette_core/auditentry_list.html", context)


@municipality_view("core.view_audit_trail")
@require_safe
def audit_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    try:
        entry = selectors.audit_entry_get(
            municipality=request.municipality, pk=entry_id
        )
    except AuditEntry.DoesNotExist as exc:
        raise Http404(_("No such entry here.")) from exc
    context = {"entry": entry, "object_type": object_type_label(entry.object_type)}
    return render(request, "kette_core/auditentry_detail.html", context)


@municipality_view("core.view_memberships")
@require_safe
def membership_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    memberships = MemberFilter(
        request.GET or None,
        queryset=selectors.membership_list(municipality=municipality),
    )
    members = selectors.member_overview(
        municipality=municipality, memberships=memberships.qs
    )
    context = {"filter_form": memberships.form, "members": members}
    return render(request, "kette_core/membership_list.html", context)
