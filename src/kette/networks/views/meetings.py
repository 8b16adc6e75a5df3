"""Meetings of a body: the list (upcoming and past), a meeting with its
agenda and the state of its minutes, the meeting form, the agenda, and the
read-only link of the approved minutes for members (no account needed).

Reading needs ``networks.view_body_internals`` on the body (its staff, lead
and members), writing ``networks.change_body`` (staff or the body's lead).
Bodies and meetings are looked up within the request's municipality, so a
foreign id is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.exceptions import KetteError
from kette.core.tenancy import municipality_view

from ..forms.meetings import AgendaItemForm, MeetingForm, show_error
from ..models import AgendaItem, Body, Meeting
from ..selectors import meetings as selectors
from ..services import meetings as services

VIEW = "networks.view_registry"
CHANGE = "networks.change_body"
INTERNALS = "networks.view_body_internals"
FORM_PAGE = "kette_networks/meeting_form_page.html"


def body_for(request: HttpRequest, body_id: int, permission: str) -> Body:
    try:
        body = selectors.body_get(municipality=request.municipality, pk=body_id)
    except Body.DoesNotExist as exc:
        raise Http404(_("No such body here.")) from exc
    if not request.user.has_perm(permission, body):
        raise PermissionDenied
    return body


def meeting_for(request: HttpRequest, meeting_id: int, permission: str) -> Meeting:
    try:
        meeting = selectors.meeting_get(
            municipality=request.municipality, pk=meeting_id
        )
    except Meeting.DoesNotExist as exc:
        raise Http404(_("No such meeting here.")) from exc
    if not request.user.has_perm(permission, meeting.body):
        raise PermissionDenied
    return meeting


def meeting_url(meeting: Meeting) -> str:
    return reverse(
        "networks:meeting_detail", args=[meeting.municipality.slug, meeting.pk]
    )


@municipality_view(VIEW)
@require_safe
def meeting_list(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id, INTERNALS)
    upcoming, past = selectors.body_meetings(body=body)
    context = {
        "body": body,
        "upcoming": upcoming,
        "past": past,
        "can_change": request.user.has_perm(CHANGE, body),
    }
    return render(request, "kette_networks/meeting_list.html", context)


def form_page(
    request: HttpRequest,
    form: Any,
    write: Callable[[], Any],
    *,
    saved: str,
    next_url: str | Callable[[Any], str],
    **context: Any,
) -> HttpResponse:
    """A form page of meetings and minutes: on a valid POST, ``write`` calls
    the service; its refusal shows on the form, success goes to ``next_url``
    (or ``next_url(what write returned)``). ``context``: heading, lead,
    intro, submit, delete (the label of a delete button), cancel_url."""
    if request.method == "POST" and form.is_valid():
        try:
            result = write()
        except (KetteError, ValidationError) as error:
            show_error(form, error)
        else:
            messages.success(request, saved)
            return redirect(next_url(result) if callable(next_url) else next_url)
    return render(request, FORM_PAGE, {"form": form, **context})


def _meeting_form(request: HttpRequest, body: Body, meeting: Meeting | None):
    form = MeetingForm(request.POST or None, body=body, meeting=meeting)

    def write() -> Meeting:
        if meeting is None:
            return services.meeting_create(
                actor=request.user, body=body, **form.service_fields()
            )
        return services.meeting_update(
            actor=request.user, meeting=meeting, **form.service_fields()
        )

    return form_page(
        request,
        form,
        write,
        saved=_("The meeting has been saved."),
        next_url=meeting_url,
        body=body,
        meeting=meeting,
        heading=_("Edit the meeting") if meeting else _("Plan a meeting"),
        lead=body.name,
        intro=""
        if meeting
        else _(
            "The open action items of earlier meetings are put on the agenda "
            "automatically."
        ),
        cancel_url=(
            meeting_url(meeting)
            if meeting
            else reverse(
                "networks:meeting_list", args=[body.municipality.slug, body.pk]
            )
        ),
    )


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, body_id: int) -> HttpResponse:
    return _meeting_form(request, body_for(request, body_id, CHANGE), None)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def meeting_update(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, CHANGE)
    return _meeting_form(request, meeting.body, meeting)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def meeting_delete(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, CHANGE)
    error = None
    if request.method == "POST":
        try:
            services.meeting_delete(actor=request.user, meeting=meeting)
        except KetteError as exc:
            error = exc.message
        else:
            messages.success(request, _("The meeting has been deleted."))
            return redirect(
                "networks:meeting_list", request.municipality.slug, meeting.body_id
            )
    context = {"meeting": meeting, "body": meeting.body, "error": error}
    return render(request, "kette_networks/meeting_confirm_delete.html", context)


@municipality_view(VIEW)
@require_safe
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, INTERNALS)
    can_change = request.user.has_perm(CHANGE, meeting.body)
    token = services.share_token(meeting) if can_change else ""
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "agenda": selectors.agenda_of(meeting),
        "versions": selectors.minutes_versions(meeting),
        "actions": selectors.action_items_of(meeting),
        "invited": meeting.invited.select_related("person", "organisation"),
        "attended": meeting.attended.select_related("person", "organisation"),
        "can_change": can_change,
        "can_take_over": can_change
        and request.user.has_perm("goals.manage_goals", request.municipality),
        "agenda_fixed": services.has_approved_minutes(meeting),
        "agenda_form": AgendaItemForm(),
        "share_url": (
            request.build_absolute_uri(reverse("networks:minutes_shared", args=[token]))
            if token
            else ""
        ),
    }
    return render(request, "kette_networks/meeting_detail.html", context)


def _agenda_item(meeting: Meeting, item_id: int) -> AgendaItem:
    try:
        return meeting.agenda.get(pk=item_id)
    except AgendaItem.DoesNotExist as exc:
        raise Http404(_("No such agenda item here.")) from exc


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def agenda_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, CHANGE)
    if request.method != "POST":  # the agenda's form; looked up first for the 404
        return redirect(meeting_url(meeting) + "#tagesordnung")
    form = AgendaItemForm(request.POST)
    try:
        if not form.is_valid():
            raise KetteError(_("Please enter the agenda item."))
        services.agenda_item_add(
            actor=request.user, meeting=meeting, title=form.cleaned_data["title"]
        )
    except KetteError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The agenda item has been added."))
    return redirect(meeting_url(meeting) + "#tagesordnung")


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def agenda_update(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, CHANGE)
    item = _agenda_item(meeting, item_id)
    form = AgendaItemForm(request.POST or None, initial={"title": item.title})

    def write() -> None:
        if "delete" in request.POST:
            services.agenda_item_delete(actor=request.user, item=item)
        else:
            services.agenda_item_update(
                actor=request.user, item=item, title=form.cleaned_data["title"]
            )

    return form_page(
        request,
        form,
        write,
        saved=_("The agenda has been saved."),
        next_url=meeting_url(meeting) + "#tagesordnung",
        meeting=meeting,
        body=meeting.body,
        heading=_("Edit the agenda item"),
        delete=_("Remove from the agenda"),
        cancel_url=meeting_url(meeting) + "#tagesordnung",
    )


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def agenda_move(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, CHANGE)
    item = _agenda_item(meeting, item_id)
    if request.method != "POST":  # a button's form; looked up first for the 404
        return redirect(meeting_url(meeting) + "#tagesordnung")
    try:
        by = -1 if request.POST.get("direction") == "up" else 1
        services.agenda_item_move(actor=request.user, item=item, by=by)
    except KetteError as error:
        messages.error(request, error.message)
    return redirect(meeting_url(meeting) + "#tagesordnung")


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def share_renew(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, CHANGE)
    if request.method != "POST":  # a button's form; looked up first for the 404
        return redirect(meeting_url(meeting) + "#teilen")
    services.meeting_share_renew(actor=request.user, meeting=meeting)
    messages.success(
        request, _("A new link has been made; earlier links no longer work.")
    )
    return redirect(meeting_url(meeting) + "#teilen")
