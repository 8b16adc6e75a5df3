"""The dot vote of a goal workshop, its ranked result, the decisions, the
backlog (Themenspeicher) and the printable documentation.

A participant votes through their personal link ``/abstimmung/<token>/``
(no account needed: the signed token is the key) or, with an account, signed
in on the workshop's page; both are the same single ballot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.forms import add_service_errors
from kette.core.tenancy import municipality_view

from ..forms.workshops import BallotForm, CutForm, DecisionForm
from ..models.workshops import (
    Perspective,
    PerspectiveDecision,
    VotingState,
    Workshop,
    WorkshopParticipant,
)
from ..selectors import workshops as selectors
from ..services import workshops as services
from .workshops import MANAGE, form_page, perspective_of, workshop_of, workshop_url


@municipality_view(MANAGE)
def workshop_voting(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """Open or close the vote (``state``: open, closed)."""
    workshop = workshop_of(request, workshop_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.workshop_set_voting(
            actor=request.user, workshop=workshop, state=request.POST.get("state", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        said = {
            VotingState.OPEN: _("The vote is open."),
            VotingState.CLOSED: _("The vote is closed."),
            VotingState.PREPARING: _("The vote has not been opened yet."),
        }
        messages.success(request, said[workshop.voting])
    return redirect(workshop_url(workshop, "vote"))


def _ballot_page(
    request: HttpRequest, participant: WorkshopParticipant, actor
) -> HttpResponse:
    workshop = participant.workshop
    perspectives = list(selectors.perspective_list(workshop=workshop))
    form = BallotForm(
        request.POST or None,
        workshop=workshop,
        perspectives=perspectives,
        ballot=selectors.ballot_of(participant),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(participant=participant, dots=form.dots(), actor=actor)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you, your dots have been counted."))
            return redirect(request.path)
    context = {
        "workshop": workshop,
        "municipality": workshop.municipality,
        "participant": participant,
        "form": form,
        "rows": [
            (perspective, form[form.field_name(perspective.pk)])
            for perspective in perspectives
        ],
        "is_open": workshop.voting == VotingState.OPEN,
    }
    return render(request, "kette_goals/workshop_vote.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def workshop_vote(request: HttpRequest, token: str) -> HttpResponse:
    """The ballot behind a participant's personal link; no account needed."""
    participant = selectors.participant_for_token(token)
    if participant is None:
        raise Http404(_("This voting link is not valid (any more)."))
    actor = request.user if request.user.is_authenticated else None
    return _ballot_page(request, participant, actor)


@municipality_view()
@never_cache
@require_http_methods(["GET", "POST"])
def workshop_vote_signed_in(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """The signed-in participant's ballot (their place on the list, or 404)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        workshop = selectors.workshop_get(
            municipality=request.municipality, pk=workshop_id
        )
        participant = selectors.participant_of_user(
            workshop=workshop, user=request.user
        )
    except (Workshop.DoesNotExist, WorkshopParticipant.DoesNotExist) as exc:
        raise Http404(_("You are not on this workshop's list.")) from exc
    return _ballot_page(request, participant, request.user)


@municipality_view(MANAGE)
@require_safe
def workshop_result(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = workshop_of(request, workshop_id)
    result = selectors.workshop_result(workshop=workshop)
    context = {
        "workshop": workshop,
        "result": result,
        "cut_form": CutForm(initial={"keep": min(4, len(result.rows)) or 1}),
        "decisions": PerspectiveDecision,
    }
    return render(request, "kette_goals/workshop_result.html", context)


def _to_result(workshop: Workshop) -> Callable[[Any], str]:
    return lambda _result: reverse(
        "goals:workshop_result", args=[workshop.municipality.slug, workshop.pk]
    )


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def workshop_cut(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """Take the best-ranked perspectives forward, the rest to the backlog."""
    workshop = workshop_of(request, workshop_id)
    return form_page(
        request,
        CutForm(request.POST or None),
        lambda data: services.workshop_apply_cut(
            actor=request.user, workshop=workshop, **data
        ),
        done=_to_result(workshop),
        success=lambda backlog: (
            ngettext(
                "Decided: %(count)d perspective went to the backlog.",
                "Decided: %(count)d perspectives went to the backlog.",
                len(backlog),
            )
            % {"count": len(backlog)}
        ),
        context={"workshop": workshop, "heading": _("Decide by the vote")},
    )


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def perspective_decide(
    request: HttpRequest, workshop_id: int, perspective_id: int
) -> HttpResponse:
    """Choose one perspective, send it to the backlog with a reason, or reopen it."""
    workshop = workshop_of(request, workshop_id)
    perspective = perspective_of(workshop, perspective_id)
    initial = {"decision": perspective.decision, "reason": perspective.backlog_reason}
    return form_page(
        request,
        DecisionForm(request.POST or None, initial=initial),
        lambda data: services.perspective_decide(
            actor=request.user, perspective=perspective, **data
        ),
        done=_to_result(workshop),
        success=_("The decision has been saved."),
        context={
            "workshop": workshop,
            "heading": _("Decide on “%(title)s”") % {"title": perspective.title},
        },
    )


@municipality_view(MANAGE)
@require_safe
def workshop_document(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """The printable documentation of the workshop."""
    workshop = workshop_of(request, workshop_id)
    result = selectors.workshop_result(workshop=workshop)
    context = {
        "workshop": workshop,
        "participants": selectors.participant_list(workshop=workshop),
        "idea_groups": selectors.ideas_by_target_group(workshop=workshop),
        "perspectives": selectors.perspective_list(workshop=workshop),
        "result": result,
        "backlog": [row for row in result.rows if row.perspective.in_backlog],
    }
    return render(request, "kette_goals/workshop_document.html", context)


@municipality_view(MANAGE)
@require_safe
def backlog_list(request: HttpRequest) -> HttpResponse:
    items = selectors.backlog_list(municipality=request.municipality)
    return render(request, "kette_goals/workshop_backlog.html", {"items": items})


@municipality_view(MANAGE)
def backlog_take_up(request: HttpRequest, perspective_id: int) -> HttpResponse:
    try:
        item = selectors.backlog_item_get(
            municipality=request.municipality, pk=perspective_id
        )
    except Perspective.DoesNotExist as exc:
        raise Http404(_("No such backlog item here.")) from exc
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.backlog_take_up(actor=request.user, perspective=item)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("“%(title)s” has been taken up.") % {"title": item.title}
        )
    return redirect(reverse("goals:backlog_list", args=[request.municipality.slug]))
