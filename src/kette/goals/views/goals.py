"""Staff pages of goals and measures under ``/<municipality>/intern/ziele/``.

Every member of the municipality reads the vision, the goal tree and the
SMART grids; coordinators (and state admins) change them; the person
responsible for a measure updates its status. Goals and measures are looked
up within the request's municipality, so another municipality's id is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_safe,
)

from kette.core.exceptions import KetteError
from kette.core.forms import add_service_errors
from kette.core.tenancy import municipality_view

from .. import grid_files
from ..forms.goals import (
    GoalForm,
    GoalLevelsForm,
    GoalMoveForm,
    MeasureForm,
    MeasureMoveForm,
    MeasureStatusForm,
    VisionForm,
)
from ..models import Goal, Measure
from ..selectors import deadlines as deadline_selectors
from ..selectors import goals as selectors
from ..selectors import reviews as review_selectors
from ..selectors.grids import grids_of
from ..services import goals as goal_services
from ..services import measures as measure_services
from . import indicators

VIEW = "goals.view_goals"
MANAGE = "goals.manage_goals"


def _goal(request: HttpRequest, goal_id: int) -> Goal:
    try:
        return selectors.goal_get(municipality=request.municipality, pk=goal_id)
    except Goal.DoesNotExist as exc:
        raise Http404(_("No such goal here.")) from exc


def _measure(request: HttpRequest, measure_id: int) -> Measure:
    try:
        return selectors.measure_get(municipality=request.municipality, pk=measure_id)
    except Measure.DoesNotExist as exc:
        raise Http404(_("No such measure here.")) from exc


def _grid_url(goal: Goal) -> str:
    return reverse("goals:goal_detail", args=[goal.municipality.slug, goal.pk])


@municipality_view(VIEW)
@require_safe
def goal_tree(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    context = {
        "tree": selectors.goal_tree(municipality=municipality),
        "level_names": selectors.level_names(municipality=municipality),
        "vision": next(iter(selectors.vision_list(municipality=municipality)), None),
        "can_manage": request.user.has_perm(MANAGE, municipality),
        "my_measures": deadline_selectors.person_deadlines(
            municipality=municipality, user=request.user, today=timezone.localdate()
        ),
        "my_reviews": review_selectors.open_requests_of_user(
            municipality=municipality, user=request.user
        ),
    }
    return render(request, "kette_goals/goal_tree.html", context)


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def vision(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    can_manage = request.user.has_perm(MANAGE, municipality)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = VisionForm(request.POST or None) if can_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            goal_services.vision_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The vision has been saved."))
            return redirect("goals:vision", municipality.slug)
    versions = selectors.vision_list(municipality=municipality)
    if form is not None and versions and not form.is_bound:
        form.initial["text"] = versions[0].text
    context = {"versions": versions, "form": form}
    return render(request, "kette_goals/vision.html", context)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def goal_levels(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    names = selectors.level_names(municipality=municipality)
    form = GoalLevelsForm(request.POST or None, names=names)
    if request.method == "POST" and form.is_valid():
        try:
            goal_services.goal_levels_save(
                actor=request.user,
                municipality=municipality,
                names=form.cleaned_data["names"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The levels have been saved."))
            return redirect("goals:goal_tree", municipality.slug)
    return render(request, "kette_goals/goal_levels.html", {"form": form})


def _goal_form(request: HttpRequest, goal: Goal | None) -> HttpResponse:
    municipality = request.municipality
    initial = {"parent": request.GET.get("parent")} if goal is None else None
    form = GoalForm(
        request.POST or None,
        # A copy: validating a ModelForm changes its instance, and the
        # service needs the unchanged goal for the audit trail.
        instance=None if goal is None else _goal(request, goal.pk),
        initial=initial,
        municipality=municipality,
        creating=goal is None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if goal is None:
                goal = goal_services.goal_create(
                    actor=request.user,
                    municipality=municipality,
                    **form.service_fields(),
                )
            else:
                goal_services.goal_update(
                    actor=request.user, goal=goal, **form.service_fields()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal has been saved."))
            return redirect(_grid_url(goal))
    return render(request, "kette_goals/goal_form.html", {"form": form, "goal": goal})


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest) -> HttpResponse:
    return _goal_form(request, None)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def goal_update(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _goal_form(request, _goal(request, goal_id))


def _grid_context(request: HttpRequest, goal: Goal) -> dict[str, Any]:
    grid = selectors.goal_grid(municipality=request.municipality, goal=goal)
    user = request.user
    return {
        "grid": grid,
        "goal": grid.goal,
        "can_manage": user.has_perm(MANAGE, goal),
        "deepest": goal.level.position
        >= len(selectors.level_names(municipality=request.municipality)),
        "can_update": {
            row.measure.pk
            for row in grid.measures
            if user.has_perm("goals.update_measure_status", row.measure)
        },
        **indicators.indicator_panel(request, goal=goal),
    }


@municipality_view(VIEW)
@require_safe
def goal_detail(request: HttpRequest, goal_id: int) -> HttpResponse:
    context = _grid_context(request, _goal(request, goal_id))
    return render(request, "kette_goals/goal_detail.html", context)


@municipality_view(VIEW)
@require_safe
def goal_print(request: HttpRequest, goal_id: int) -> HttpResponse:
    grids = grids_of(municipality=request.municipality, goal=_goal(request, goal_id))
    context = grid_files.print_context(
        grids=grids,
        one_goal=True,
        indicators=indicators.grid_indicators(request, grids),
    )
    return render(request, "kette_goals/goal_print.html", context)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def goal_move(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = _goal(request, goal_id)
    form = GoalMoveForm(request.POST or None, goal=goal)
    if request.method == "POST" and form.is_valid():
        try:
            goal_services.goal_move(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal has been moved."))
            return redirect(_grid_url(goal))
    return render(request, "kette_goals/goal_move.html", {"form": form, "goal": goal})


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def goal_delete(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = _goal(request, goal_id)
    if request.method == "POST":
        try:
            goal_services.goal_delete(actor=request.user, goal=goal)
        except KetteError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The goal has been deleted."))
            return redirect("goals:goal_tree", request.municipality.slug)
    context = {"goal": goal, "measure_count": goal.measures.count()}
    return render(request, "kette_goals/goal_confirm_delete.html", context)


def _measure_form(
    request: HttpRequest, goal: Goal, measure: Measure | None
) -> HttpResponse:
    form = MeasureForm(
        request.POST or None,
        instance=None if measure is None else _measure(request, measure.pk),
        municipality=request.municipality,
        creating=measure is None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if measure is None:
                measure_services.measure_create(
                    actor=request.user, goal=goal, **form.service_fields()
                )
            else:
                measure_services.measure_update(
                    actor=request.user, measure=measure, **form.service_fields()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The measure has been saved."))
            return redirect(_grid_url(goal))
    context = {"form": form, "goal": goal, "measure": measure}
    return render(request, "kette_goals/measure_form.html", context)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _measure_form(request, _goal(request, goal_id), None)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_update(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = _measure(request, measure_id)
    return _measure_form(request, measure.goal, measure)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_move(request: HttpRequest, measure_id: int) -> HttpResponse:
    """Renumber from the grid's small form; a GET just leads to the grid."""
    measure = _measure(request, measure_id)
    if request.method == "POST":
        form = MeasureMoveForm(request.POST)
        if form.is_valid():
            measure_services.measure_move(
                actor=request.user, measure=measure, number=form.cleaned_data["number"]
            )
            messages.success(request, _("The measures have been renumbered."))
        else:
            messages.error(request, _("Give the new number as a whole number from 1."))
    return redirect(_grid_url(measure.goal))


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_delete(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = _measure(request, measure_id)
    if request.method == "POST":
        measure_services.measure_delete(actor=request.user, measure=measure)
        messages.success(request, _("The measure has been deleted."))
        return redirect(_grid_url(measure.goal))
    return render(
        request, "kette_goals/measure_confirm_delete.html", {"measure": measure}
    )


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def measure_status(request: HttpRequest, measure_id: int) -> HttpResponse:
    """The measure's status history; its responsible person or a coordinator
    records a new status here."""
    measure = _measure(request, measure_id)
    can_update = request.user.has_perm("goals.update_measure_status", measure)
    if request.method == "POST" and not can_update:
        raise PermissionDenied
    form = (
        MeasureStatusForm(request.POST or None, measure=measure) if can_update else None
    )
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            measure_services.measure_status_update(
                actor=request.user, measure=measure, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The status has been recorded."))
            return redirect(
                "goals:measure_status", request.municipality.slug, measure.pk
            )
    context = {
        "measure": measure,
        "code": selectors.measure_code(
            municipality=request.municipality, measure=measure
        ),
        "history": selectors.measure_history(measure=measure),
        "form": form,
        **indicators.indicator_panel(request, measure=measure),
    }
    return render(request, "kette_goals/measure_status.html", context)
