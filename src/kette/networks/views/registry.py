"""Staff pages of the registry under ``/<municipality>/intern/netzwerke/``:
the list of bodies (and their nesting), a body, its members.

Every member of the municipality reads the registry; members' contact data
only shows to those with ``networks.view_body_internals``. Coordinators keep
the registry; a network lead changes the bodies they lead. Bodies and members
are looked up within the request's municipality, so a foreign id is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.exceptions import KetteError
from kette.core.forms import add_service_errors
from kette.core.pagination import paginate
from kette.core.tenancy import municipality_view

from ..forms.registry import BodyFilter, BodyForm, LeaveForm, MemberForm
from ..models import Body, BodyMember
from ..selectors import registry as selectors
from ..services import registry as services

VIEW = "networks.view_registry"
MANAGE = "networks.manage_registry"
CHANGE = "networks.change_body"
INTERNALS = "networks.view_body_internals"
PAGE_SIZE = 25


def body_or_404(request: HttpRequest, body_id: int) -> Body:
    try:
        return selectors.body_get(municipality=request.municipality, pk=body_id)
    except Body.DoesNotExist as exc:
        raise Http404(_("No such body here.")) from exc


def _changeable_body(request: HttpRequest, body_id: int) -> Body:
    body = body_or_404(request, body_id)
    if not request.user.has_perm(CHANGE, body):
        raise PermissionDenied
    return body


def _member(request: HttpRequest, body: Body, member_id: int) -> BodyMember:
    try:
        return selectors.member_get(body=body, pk=member_id)
    except BodyMember.DoesNotExist as exc:
        raise Http404(_("No such member here.")) from exc


def _body_url(body: Body) -> str:
    return reverse("networks:body_detail", args=[body.municipality.slug, body.pk])


@municipality_view(VIEW)
@require_safe
def body_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    bodies = BodyFilter(
        request.GET or None,
        queryset=selectors.body_list(municipality=municipality),
        municipality=municipality,
    )
    context = {
        "filter_form": bodies.form,
        "page": paginate(request, bodies.qs, PAGE_SIZE),
        "can_manage": request.user.has_perm(MANAGE, municipality),
    }
    return render(request, "kette_networks/body_list.html", context)


@municipality_view(VIEW)
@require_safe
def body_tree(request: HttpRequest) -> HttpResponse:
    context = {"tree": selectors.body_tree(municipality=request.municipality)}
    return render(request, "kette_networks/body_tree.html", context)


@municipality_view(VIEW)
@require_safe
def body_detail(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_or_404(request, body_id)
    user = request.user
    context = {
        "detail": selectors.body_detail(body=body),
        "body": body,
        "can_change": user.has_perm(CHANGE, body),
        "can_manage": user.has_perm(MANAGE, request.municipality),
        "can_see_internals": user.has_perm(INTERNALS, body),
    }
    return render(request, "kette_networks/body_detail.html", context)


def _body_form(request: HttpRequest, body: Body | None) -> HttpResponse:
    municipality = request.municipality
    form = BodyForm(
        request.POST or None,
        # A copy: validating a ModelForm changes its instance, and the
        # service needs the unchanged body for the audit trail.
        instance=(
            Body(municipality=municipality)
            if body is None
            else selectors.body_get(municipality=municipality, pk=body.pk)
        ),
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if body is None:
                body = services.body_create(
                    actor=request.user,
                    municipality=municipality,
                    **form.service_fields(),
                )
            else:
                services.body_update(
                    actor=request.user, body=body, **form.service_fields()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s has been saved.") % {"name": body})
            return redirect(_body_url(body))
    return render(
        request, "kette_networks/body_form.html", {"form": form, "body": body}
    )


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def body_create(request: HttpRequest) -> HttpResponse:
    return _body_form(request, None)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def body_update(request: HttpRequest, body_id: int) -> HttpResponse:
    return _body_form(request, _changeable_body(request, body_id))


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def body_delete(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_or_404(request, body_id)
    error = None
    if request.method == "POST":
        try:
            services.body_delete(actor=request.user, body=body)
        except KetteError as exc:
            error = exc.message
        else:
            messages.success(request, _("%(name)s has been deleted.") % {"name": body})
            return redirect("networks:body_list", request.municipality.slug)
    context = {"body": body, "detail": selectors.body_detail(body=body), "error": error}
    return render(request, "kette_networks/body_confirm_delete.html", context)


def _member_form(
    request: HttpRequest, body: Body, member: BodyMember | None
) -> HttpResponse:
    form = MemberForm(
        request.POST or None,
        instance=member if member is not None else BodyMember(body=body),
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if member is None:
                services.member_add(
                    actor=request.user,
                    body=body,
                    new_person=form.new_person(),
                    **form.service_fields(),
                )
            else:
                services.member_update(
                    actor=request.user,
                    member=_member(request, body, member.pk),
                    **form.service_fields(),
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The membership has been saved."))
            return redirect(_body_url(body) + "#mitglieder")
    context: dict[str, Any] = {"form": form, "body": body, "member": member}
    return render(request, "kette_networks/member_form.html", context)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, body_id: int) -> HttpResponse:
    return _member_form(request, _changeable_body(request, body_id), None)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def member_update(request: HttpRequest, body_id: int, member_id: int) -> HttpResponse:
    body = _changeable_body(request, body_id)
    return _member_form(request, body, _member(request, body, member_id))


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def member_leave(request: HttpRequest, body_id: int, member_id: int) -> HttpResponse:
    body = _changeable_body(request, body_id)
    member = _member(request, body, member_id)
    form = LeaveForm(request.POST or None, initial={"left_on": member.left_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(
                actor=request.user, member=member, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The membership has been ended."))
            return redirect(_body_url(body) + "#mitglieder")
    context = {"form": form, "body": body, "member": member}
    return render(request, "kette_networks/member_leave.html", context)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def member_delete(request: HttpRequest, body_id: int, member_id: int) -> HttpResponse:
    body = _changeable_body(request, body_id)
    member = _member(request, body, member_id)
    if request.method == "POST":
        services.member_delete(actor=request.user, member=member)
        messages.success(request, _("The membership has been deleted."))
        return redirect(_body_url(body) + "#mitglieder")
    context = {"body": body, "member": member}
    return render(request, "kette_networks/member_confirm_delete.html", context)
