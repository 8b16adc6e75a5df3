"""Staff pages of goal workshops under ``/<municipality>/intern/workshops/``.

The coordinator plans a workshop, keeps its participants (each with a
personal voting link), collects ideas per target group and groups them into
goal perspectives. Voting, the result and the backlog: ``workshop_votes.py``.
Writes go through services/workshops.py, which audits them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core import selectors as core_selectors
from kette.core.forms import add_service_errors
from kette.core.tenancy import municipality_view

from ..forms.workshops import IdeaForm, ParticipantForm, PerspectiveForm, WorkshopForm
from ..models.workshops import Idea, Perspective, Workshop, WorkshopParticipant
from ..selectors import workshops as selectors
from ..services import workshops as services

MANAGE = "goals.manage_workshops"
FORM_TEMPLATE = "kette_goals/workshop_form.html"
CONFIRM_TEMPLATE = "kette_goals/workshop_confirm.html"


def workshop_of(request: HttpRequest, workshop_id: int) -> Workshop:
    """The workshop within the request's municipality, or 404."""
    try:
        return selectors.workshop_get(municipality=request.municipality, pk=workshop_id)
    except Workshop.DoesNotExist as exc:
        raise Http404(_("No such workshop here.")) from exc


def workshop_url(workshop: Workshop, anchor: str = "") -> str:
    url = reverse(
        "goals:workshop_detail", args=[workshop.municipality.slug, workshop.pk]
    )
    return f"{url}#{anchor}" if anchor else url


def form_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[dict[str, Any]], Any],
    *,
    done: Callable[[Any], str],
    success: str | Callable[[Any], str],
    context: dict[str, Any],
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``save`` and go to ``done(result)``
    with the message ``success`` (or ``success(result)``)."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(done(result))
    return render(request, FORM_TEMPLATE, {"form": form, **context})


def confirm_page(
    request: HttpRequest,
    act: Callable[[], Any],
    *,
    done: str,
    success: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET asks (``context``: question, object, cancel URL), POST acts."""
    if request.method == "POST":
        try:
            act()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, success)
        return redirect(done)
    return render(request, CONFIRM_TEMPLATE, context)


@municipality_view(MANAGE)
@require_safe
def workshop_list(request: HttpRequest) -> HttpResponse:
    workshops = selectors.workshop_list(municipality=request.municipality)
    return render(request, "kette_goals/workshop_list.html", {"workshops": workshops})


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def workshop_create(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        WorkshopForm(request.POST or None),
        lambda data: services.workshop_create(
            actor=request.user, municipality=request.municipality, data=data
        ),
        done=workshop_url,
        success=_("The workshop has been created."),
        context={"heading": _("New goal workshop"), "workshop": None},
    )


def _own_participant(workshop: Workshop, user: Any) -> WorkshopParticipant | None:
    try:
        return selectors.participant_of_user(workshop=workshop, user=user)
    except WorkshopParticipant.DoesNotExist:
        return None


@municipality_view(MANAGE)
@require_safe
def workshop_detail(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = workshop_of(request, workshop_id)
    context = {
        "workshop": workshop,
        "participants": selectors.participant_list(workshop=workshop),
        "idea_groups": selectors.ideas_by_target_group(workshop=workshop),
        "perspectives": selectors.perspective_list(workshop=workshop),
        "own_participant": _own_participant(workshop, request.user),
    }
    return render(request, "kette_goals/workshop_detail.html", context)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def workshop_update(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = workshop_of(request, workshop_id)
    # The form validates its own instance; the service needs the unchanged one.
    form = WorkshopForm(
        request.POST or None,
        instance=selectors.workshop_get(
            municipality=request.municipality, pk=workshop.pk
        ),
    )
    return form_page(
        request,
        form,
        lambda data: services.workshop_update(
            actor=request.user, workshop=workshop, data=data
        ),
        done=workshop_url,
        success=_("The workshop has been saved."),
        context={"heading": _("Edit the workshop"), "workshop": workshop},
    )


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def workshop_delete(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = workshop_of(request, workshop_id)
    return confirm_page(
        request,
        lambda: services.workshop_delete(actor=request.user, workshop=workshop),
        done=reverse("goals:workshop_list", args=[request.municipality.slug]),
        success=_("The workshop has been deleted."),
        context={
            "workshop": workshop,
            "heading": _("Delete the workshop"),
            "question": _(
                "Delete the workshop with its participants, ideas, perspectives "
                "and votes? Goals already taken up from it stay."
            ),
            "object": workshop,
            "button": _("Delete"),
        },
    )


# Participants --------------------------------------------------------------


def _participant(workshop: Workshop, participant_id: int) -> WorkshopParticipant:
    try:
        return selectors.participant_get(workshop=workshop, pk=participant_id)
    except WorkshopParticipant.DoesNotExist as exc:
        raise Http404(_("No such participant here.")) from exc


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = workshop_of(request, workshop_id)
    form = ParticipantForm(
        request.POST or None,
        people=selectors.people_list(municipality=request.municipality),
        organisations=core_selectors.organisation_list(
            municipality=request.municipality
        ),
    )
    return form_page(
        request,
        form,
        lambda data: services.participant_add(
            actor=request.user, workshop=workshop, data=data
        ),
        done=lambda _participant: workshop_url(workshop, "participants"),
        success=_("The participant has been added with a personal voting link."),
        context={"heading": _("Add a participant"), "workshop": workshop},
    )


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def participant_remove(
    request: HttpRequest, workshop_id: int, participant_id: int
) -> HttpResponse:
    workshop = workshop_of(request, workshop_id)
    participant = _participant(workshop, participant_id)
    return confirm_page(
        request,
        lambda: services.participant_remove(
            actor=request.user, participant=participant
        ),
        done=workshop_url(workshop, "participants"),
        success=_("The participant has been removed."),
        context={
            "workshop": workshop,
            "heading": _("Remove a participant"),
            "question": _(
                "Remove this participant? Their personal link stops working and "
                "their dots leave the result."
            ),
            "object": participant,
            "button": _("Remove"),
        },
    )


@municipality_view(MANAGE)
def participant_renew_link(
    request: HttpRequest, workshop_id: int, participant_id: int
) -> HttpResponse:
    workshop = workshop_of(request, workshop_id)
    participant = _participant(workshop, participant_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.participant_renew_link(actor=request.user, participant=participant)
    messages.success(
        request,
        _("%(name)s has a new link; the old one no longer works.")
        % {"name": participant.display_name},
    )
    return redirect(workshop_url(workshop, "participants"))


@municipality_view(MANAGE)
@require_safe
def workshop_links(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """The printable list of personal voting links, one per participant."""
    workshop = workshop_of(request, workshop_id)
    links = [
        (
            participant,
            request.build_absolute_uri(
                reverse(
                    "goals:workshop_vote", args=[selectors.ballot_token(participant)]
                )
            ),
        )
        for participant in selectors.participant_list(workshop=workshop)
    ]
    return render(
        request,
        "kette_goals/workshop_links.html",
        {"workshop": workshop, "links": links},
    )


# Ideas and perspectives ------------------------------------------------------


def _idea(workshop: Workshop, idea_id: int) -> Idea:
    try:
        return selectors.idea_get(workshop=workshop, pk=idea_id)
    except Idea.DoesNotExist as exc:
        raise Http404(_("No such idea here.")) from exc


def perspective_of(workshop: Workshop, perspective_id: int) -> Perspective:
    try:
        return selectors.perspective_get(workshop=workshop, pk=perspective_id)
    except Perspective.DoesNotExist as exc:
        raise Http404(_("No such goal perspective here.")) from exc


def _idea_form(request: HttpRequest, workshop: Workshop, **kwargs: Any) -> IdeaForm:
    return IdeaForm(
        request.POST or None,
        target_groups=selectors.target_group_list(),
        perspectives=selectors.perspective_list(workshop=workshop),
        **kwargs,
    )


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def idea_edit(
    request: HttpRequest, workshop_id: int, idea_id: int | None = None
) -> HttpResponse:
    """Add an idea (no ``idea_id``) or edit one."""
    workshop = workshop_of(request, workshop_id)
    if idea_id is None:
        form = _idea_form(request, workshop)

        def save(data: dict[str, Any]) -> Idea:
            return services.idea_create(
                actor=request.user, workshop=workshop, data=data
            )

        texts = (_("The idea has been added."), _("Add an idea"))
    else:
        idea = _idea(workshop, idea_id)
        # The form validates its own copy; the service needs the unchanged one.
        form = _idea_form(request, workshop, instance=_idea(workshop, idea_id))

        def save(data: dict[str, Any]) -> Idea:
            return services.idea_update(actor=request.user, idea=idea, data=data)

        texts = (_("The idea has been saved."), _("Edit the idea"))
    return form_page(
        request,
        form,
        save,
        done=lambda _idea: workshop_url(workshop, "ideas"),
        success=texts[0],
        context={"heading": texts[1], "workshop": workshop},
    )


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def idea_delete(request: HttpRequest, workshop_id: int, idea_id: int) -> HttpResponse:
    workshop = workshop_of(request, workshop_id)
    idea = _idea(workshop, idea_id)
    return confirm_page(
        request,
        lambda: services.idea_delete(actor=request.user, idea=idea),
        done=workshop_url(workshop, "ideas"),
        success=_("The idea has been deleted."),
        context={
            "workshop": workshop,
            "heading": _("Delete the idea"),
            "question": _("Delete this idea?"),
            "object": idea,
            "button": _("Delete"),
        },
    )


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def perspective_edit(
    request: HttpRequest, workshop_id: int, perspective_id: int | None = None
) -> HttpResponse:
    """Add a goal perspective (no ``perspective_id``) or edit one."""
    workshop = workshop_of(request, workshop_id)
    if perspective_id is None:
        form = PerspectiveForm(request.POST or None)

        def save(data: dict[str, Any]) -> Perspective:
            return services.perspective_create(
                actor=request.user, workshop=workshop, data=data
            )

        texts = (_("The goal perspective has been added."), _("Add a goal perspective"))
    else:
        perspective = perspective_of(workshop, perspective_id)
        form = PerspectiveForm(
            request.POST or None, instance=perspective_of(workshop, perspective_id)
        )

        def save(data: dict[str, Any]) -> Perspective:
            return services.perspective_update(
                actor=request.user, perspective=perspective, data=data
            )

        texts = (
            _("The goal perspective has been saved."),
            _("Edit the goal perspective"),
        )
    return form_page(
        request,
        form,
        save,
        done=lambda _perspective: workshop_url(workshop, "perspectives"),
        success=texts[0],
        context={"heading": texts[1], "workshop": workshop},
    )


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def perspective_delete(
    request: HttpRequest, workshop_id: int, perspective_id: int
) -> HttpResponse:
    workshop = workshop_of(request, workshop_id)
    perspective = perspective_of(workshop, perspective_id)
    return confirm_page(
        request,
        lambda: services.perspective_delete(
            actor=request.user, perspective=perspective
        ),
        done=workshop_url(workshop, "perspectives"),
        success=_("The goal perspective has been deleted."),
        context={
            "workshop": workshop,
            "heading": _("Delete the goal perspective"),
            "question": _("Delete this goal perspective? Its ideas stay, ungrouped."),
            "object": perspective,
            "button": _("Delete"),
        },
    )
