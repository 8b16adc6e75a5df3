"""The unified minutes of a meeting: the editor (one form, per agenda item
discussion and agreements), approval, corrections as new versions, the
printable page and its PDF, the members' read-only link, and action items
(agreed text, status, taking one over as a goals measure).

Reading needs ``networks.view_body_internals``, writing
``networks.change_body``; the read-only link needs no account and shows
only the meeting's approved minutes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.exceptions import KetteError
from kette.core.tenancy import municipality_view
from kette.goals.grid_files import PDF_BASE, static_fetcher

from ..forms.meetings import (
    ActionItemForm,
    ActionStatusForm,
    CorrectionForm,
    MinutesForm,
    TakeOverForm,
    show_error,
)
from ..models import ActionItem, Meeting, Minutes
from ..selectors import meetings as selectors
from ..services import meetings as meeting_services
from ..services import minutes as services
from .meetings import CHANGE, INTERNALS, VIEW, form_page, meeting_for, meeting_url

UPDATE_ACTION = "networks.update_action_item"

PRINT = "kette_networks/minutes_print.html"


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, CHANGE)
    minutes = selectors.minutes_version(meeting)
    if minutes is None and request.method == "POST" and "start" in request.POST:
        services.minutes_start(actor=request.user, meeting=meeting)
        return redirect("networks:minutes_edit", request.municipality.slug, meeting.pk)
    if minutes is not None and minutes.is_approved:
        messages.info(
            request, _("These minutes are approved; start a correction to change them.")
        )
        return redirect(meeting_url(meeting) + "#protokoll")
    form = None
    if minutes is not None:
        entries = {entry.agenda_item_id: entry for entry in minutes.entries.all()}
        form = MinutesForm(
            request.POST or None,
            agenda=selectors.agenda_of(meeting),
            entries=entries,
            initial={"summary": minutes.summary},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.minutes_save(
                    actor=request.user,
                    minutes=minutes,
                    summary=form.cleaned_data["summary"],
                    entries=form.entries(),
                )
            except KetteError as error:
                show_error(form, error)
            else:
                messages.success(request, _("The minutes have been saved."))
                return redirect(
                    "networks:minutes_edit", request.municipality.slug, meeting.pk
                )
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "minutes": minutes,
        "form": form,
        "view": selectors.minutes_view(meeting, minutes),
    }
    return render(request, "kette_networks/minutes_form.html", context)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def minutes_approve(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, CHANGE)
    minutes = selectors.minutes_version(meeting)
    if minutes is None:
        raise Http404(_("The minutes of this meeting are not started yet."))
    error = None
    if request.method == "POST":
        try:
            services.minutes_approve(actor=request.user, minutes=minutes)
        except KetteError as exc:
            error = exc.message
        else:
            messages.success(request, _("The minutes have been approved."))
            return redirect(meeting_url(meeting) + "#protokoll")
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "minutes": minutes,
        "error": error,
    }
    return render(request, "kette_networks/minutes_approve.html", context)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def minutes_correct(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, CHANGE)
    edit_url = reverse(
        "networks:minutes_edit", args=[meeting.municipality.slug, meeting.pk]
    )
    form = CorrectionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.minutes_correct(
            actor=request.user,
            meeting=meeting,
            correction_note=form.cleaned_data["correction_note"],
        ),
        saved=_("A new version of the minutes was started."),
        next_url=edit_url,
        meeting=meeting,
        body=meeting.body,
        heading=_("Correct the minutes"),
        intro=_(
            "A correction starts a new version, copied from the approved one; "
            "the approved version stays as it is."
        ),
        submit=_("Start the correction"),
        cancel_url=meeting_url(meeting) + "#protokoll",
    )


def _version(request: HttpRequest, meeting: Meeting) -> Minutes | None:
    number = request.GET.get("version", "")
    minutes = selectors.minutes_version(
        meeting, int(number) if number.isdigit() else None
    )
    if number and minutes is None:
        raise Http404(_("No such version of the minutes."))
    return minutes


def _print_context(meeting: Meeting, minutes: Minutes | None, **extra: Any) -> dict:
    return {
        "meeting": meeting,
        "body": meeting.body,
        "municipality": meeting.municipality,
        "view": selectors.minutes_view(meeting, minutes),
        "invited": meeting.invited.select_related("person", "organisation"),
        "attended": meeting.attended.select_related("person", "organisation"),
        **extra,
    }


@municipality_view(VIEW)
@require_safe
def minutes_print(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_for(request, meeting_id, INTERNALS)
    context = _print_context(meeting, _version(request, meeting), back=True)
    return render(request, PRINT, context)


@municipality_view(VIEW)
@require_safe
def minutes_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    # WeasyPrint takes seconds to import; only this page needs it.
    from weasyprint import HTML  # noqa: PLC0415

    meeting = meeting_for(request, meeting_id, INTERNALS)
    minutes = _version(request, meeting)
    html = render_to_string(PRINT, _print_context(meeting, minutes), request=request)
    pdf = HTML(string=html, base_url=PDF_BASE, url_fetcher=static_fetcher()).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    stem = slugify(f"{_('minutes')}-{meeting.body.name}-{meeting.starts_at:%Y-%m-%d}")
    response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
    return response


@never_cache
@require_safe
def minutes_shared(request: HttpRequest, token: str) -> HttpResponse:
    """The approved minutes behind a member's read-only link (no account)."""
    meeting = meeting_services.meeting_by_share_token(token)
    minutes = selectors.latest_approved(meeting) if meeting is not None else None
    if minutes is None:
        raise Http404(_("This link to the minutes is not valid (any more)."))
    response = render(request, PRINT, _print_context(meeting, minutes, shared=True))
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- action items -----------------------------------------------------------


def _action(meeting: Meeting, action_id: int) -> ActionItem:
    try:
        return meeting.action_items.select_related("measure").get(pk=action_id)
    except ActionItem.DoesNotExist as exc:
        raise Http404(_("No such action item here.")) from exc


def _action_form(request: HttpRequest, meeting: Meeting, item: ActionItem | None):
    people, organisations = selectors.responsible_choices(
        municipality=request.municipality
    )
    initial = {"agenda_item": request.GET.get("top")}
    if item is not None:
        initial = {
            "agenda_item": item.agenda_item_id,
            "task": item.task,
            "responsible_person": item.responsible_person_id,
            "responsible_organisation": item.responsible_organisation_id,
            "due": item.due,
        }
    form = ActionItemForm(
        request.POST or None,
        initial=initial,
        meeting=meeting,
        people=people,
        organisations=organisations,
    )

    def write() -> None:
        if item is None:
            services.action_item_add(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        elif "delete" in request.POST:
            services.action_item_delete(actor=request.user, item=item)
        else:
            services.action_item_update(
                actor=request.user, item=item, **form.cleaned_data
            )

    edit_url = reverse(
        "networks:minutes_edit", args=[meeting.municipality.slug, meeting.pk]
    )
    return form_page(
        request,
        form,
        write,
        saved=_("The action item has been saved."),
        next_url=edit_url,
        meeting=meeting,
        body=meeting.body,
        heading=_("Edit the action item") if item else _("Add an action item"),
        delete=_("Delete") if item else "",
        cancel_url=edit_url,
    )


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _action_form(request, meeting_for(request, meeting_id, CHANGE), None)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def action_update(request: HttpRequest, meeting_id: int, action_id: int):
    meeting = meeting_for(request, meeting_id, CHANGE)
    return _action_form(request, meeting, _action(meeting, action_id))


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def action_status(request: HttpRequest, meeting_id: int, action_id: int):
    # The person who took the task on updates it too, from "my tasks", even
    # without a seat in the body (rule networks.update_action_item).
    meeting = meeting_for(request, meeting_id, VIEW)
    item = _action(meeting, action_id)
    if not request.user.has_perm(UPDATE_ACTION, item):
        raise PermissionDenied
    back = (
        meeting_url(meeting) + "#aufgaben"
        if request.user.has_perm(INTERNALS, meeting.body)
        else reverse("networks:my_tasks", args=[meeting.municipality.slug])
    )
    form = ActionStatusForm(
        request.POST or None,
        initial={
            "status": item.status,
            "done_on": item.done_on,
            "note": item.status_note,
        },
    )
    return form_page(
        request,
        form,
        lambda: services.action_item_set_status(
            actor=request.user, item=item, **form.cleaned_data
        ),
        saved=_("The status has been saved."),
        next_url=back,
        meeting=meeting,
        body=meeting.body,
        heading=_("Update the status"),
        lead=item.task,
        cancel_url=back,
    )


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def action_to_measure(request: HttpRequest, meeting_id: int, action_id: int):
    meeting = meeting_for(request, meeting_id, CHANGE)
    # A measure is part of the municipality's goals: kept by their staff.
    if not request.user.has_perm("goals.manage_goals", request.municipality):
        raise PermissionDenied
    item = _action(meeting, action_id)
    form = TakeOverForm(
        request.POST or None,
        goals=selectors.goals_for_measures(municipality=request.municipality),
    )
    return form_page(
        request,
        form,
        lambda: services.action_item_to_measure(
            actor=request.user, item=item, goal=form.cleaned_data["goal"]
        ),
        saved=_("The action item is now a measure."),
        next_url=meeting_url(meeting) + "#aufgaben",
        meeting=meeting,
        body=meeting.body,
        heading=_("Take over as a measure"),
        lead=item.task,
        intro=_(
            "The task, the responsibility and the due date become a new measure "
            "of the goal you choose."
        ),
        submit=_("Create the measure"),
        cancel_url=meeting_url(meeting) + "#aufgaben",
    )
