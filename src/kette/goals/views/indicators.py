"""Staff pages of goal indicators: create, edit, delete, targets and actuals.

Every member of the municipality reads an indicator's targets and actuals
(table and chart); coordinators (and state admins) change them. Indicators
are looked up within the request's municipality, so another municipality's
id is a 404. Figures of the monitoring are shown with its disclosure control
unless the reader works with the monitoring's data (``monitoring.view_data``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kette.core.forms import add_service_errors
from kette.core.tenancy import municipality_view
from kette.monitoring.charts.base import chart_id
from kette.monitoring.charts.timeseries import LineSeries, line_chart

from ..forms.indicators import ActualForm, GoalIndicatorForm, TargetForm
from ..models import Goal, GoalIndicator, Measure
from ..selectors import goals as goal_selectors
from ..selectors import indicators as selectors
from ..selectors.goals import Grid
from ..services import indicators as services

VIEW = "goals.view_goals"
MANAGE = "goals.manage_goals"


def reads_public(request: HttpRequest) -> bool:
    """Whether monitoring figures are shown with disclosure control."""
    return not request.user.has_perm("monitoring.view_data", request.municipality)


def indicator_panel(
    request: HttpRequest, *, goal: Goal | None = None, measure: Measure | None = None
) -> dict[str, Any]:
    """What the goal page and the measure page show of their indicators."""
    municipality = request.municipality
    indicators = selectors.indicator_list(
        municipality=municipality, goal=goal, measure=measure
    )
    if goal is not None:
        add_url = reverse(
            "goals:goal_indicator_create", args=[municipality.slug, goal.pk]
        )
    else:
        add_url = reverse(
            "goals:measure_indicator_create", args=[municipality.slug, measure.pk]
        )
    return {
        "indicator_progress": selectors.progress_list(
            indicators=indicators, public=reads_public(request)
        ),
        "can_manage_indicators": request.user.has_perm(MANAGE, municipality),
        "add_indicator_url": add_url,
    }


def grid_indicators(request: HttpRequest, grids: Sequence[Grid]) -> dict[int, list]:
    """The indicators the printable grids (and their PDF) show per goal."""
    return selectors.grid_progress(
        municipality=request.municipality,
        goals=[grid.goal for grid in grids],
        public=reads_public(request),
    )


def _indicator(request: HttpRequest, pk: int) -> GoalIndicator:
    try:
        return selectors.indicator_get(municipality=request.municipality, pk=pk)
    except GoalIndicator.DoesNotExist as exc:
        raise Http404(_("No such indicator here.")) from exc


def _detail_url(indicator: GoalIndicator) -> str:
    return reverse(
        "goals:indicator_detail", args=[indicator.municipality.slug, indicator.pk]
    )


def _owner_url(indicator: GoalIndicator) -> str:
    slug = indicator.municipality.slug
    if indicator.goal_id:
        return reverse("goals:goal_detail", args=[slug, indicator.goal_id])
    return reverse("goals:measure_status", args=[slug, indicator.measure_id])


def _form_page(
    request: HttpRequest,
    *,
    indicator: GoalIndicator | None,
    goal: Goal | None = None,
    measure: Measure | None = None,
) -> HttpResponse:
    form = GoalIndicatorForm(
        request.POST or None,
        # A copy: validating changes the instance; the service needs the old.
        instance=GoalIndicator(
            municipality=request.municipality, goal=goal, measure=measure
        )
        if indicator is None
        else _indicator(request, indicator.pk),
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if indicator is None:
                indicator = services.indicator_create(
                    actor=request.user,
                    municipality=request.municipality,
                    goal=goal,
                    measure=measure,
                    **form.service_fields(),
                )
            else:
                services.indicator_update(
                    actor=request.user, indicator=indicator, **form.service_fields()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator has been saved."))
            return redirect(_detail_url(indicator))
    owner = indicator.owner if indicator else goal or measure
    context = {
        "form": form,
        "indicator": indicator,
        "owner": owner,
        "owner_goal": owner.goal if isinstance(owner, Measure) else owner,
        "cancel_url": _detail_url(indicator)
        if indicator
        else reverse(
            "goals:goal_detail" if goal else "goals:measure_status",
            args=[request.municipality.slug, owner.pk],
        ),
    }
    return render(request, "kette_goals/indicator_form.html", context)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def goal_indicator_create(request: HttpRequest, goal_id: int) -> HttpResponse:
    try:
        goal = goal_selectors.goal_get(municipality=request.municipality, pk=goal_id)
    except Goal.DoesNotExist as exc:
        raise Http404(_("No such goal here.")) from exc
    return _form_page(request, indicator=None, goal=goal)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_indicator_create(request: HttpRequest, measure_id: int) -> HttpResponse:
    try:
        measure = goal_selectors.measure_get(
            municipality=request.municipality, pk=measure_id
        )
    except Measure.DoesNotExist as exc:
        raise Http404(_("No such measure here.")) from exc
    return _form_page(request, indicator=None, measure=measure)


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def indicator_update(request: HttpRequest, goal_indicator_id: int) -> HttpResponse:
    return _form_page(request, indicator=_indicator(request, goal_indicator_id))


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def indicator_delete(request: HttpRequest, goal_indicator_id: int) -> HttpResponse:
    indicator = _indicator(request, goal_indicator_id)
    if request.method == "POST":
        back = _owner_url(indicator)
        services.indicator_delete(actor=request.user, indicator=indicator)
        messages.success(request, _("The indicator has been deleted."))
        return redirect(back)
    return render(
        request, "kette_goals/indicator_confirm_delete.html", {"indicator": indicator}
    )


def progress_chart(progress: selectors.Progress) -> SafeString | None:
    """Target and actual per period as lines, the baseline as a reference."""
    rows = progress.rows
    if not rows:
        return None
    indicator = progress.indicator
    series = [
        LineSeries(_("Target"), tuple(row.target for row in rows)),
        LineSeries(
            _("Actual value"),
            tuple(row.actual.value if row.actual else None for row in rows),
        ),
    ]
    if indicator.baseline_value is not None:
        baseline = _("Baseline %(period)s") % {"period": indicator.baseline_period}
        series.append(
            LineSeries(
                baseline, (indicator.baseline_value,) * len(rows), reference=True
            )
        )
    return line_chart(
        ident=chart_id("goal-indicator", indicator.pk),
        periods=[row.period for row in rows],
        series=series,
        title=_("%(name)s: target and actual value") % {"name": indicator.name},
        description=_(
            "Target and actual value per period; a withheld or missing value "
            "leaves a gap. The table below lists them."
        ),
        unit=indicator.unit,
    )


def _values_post(
    request: HttpRequest, indicator: GoalIndicator
) -> tuple[TargetForm, ActualForm, bool]:
    """Handle one of the value forms (``action``); True when written."""
    action = request.POST.get("action", "")
    target_form = TargetForm(
        request.POST if action == "target" else None, prefix="target"
    )
    actual_form = ActualForm(
        request.POST if action == "actual" else None, prefix="actual"
    )
    form = {"target": target_form, "actual": actual_form}.get(action)
    try:
        if action in ("remove-target", "remove-actual"):
            services.value_delete(
                actor=request.user,
                indicator=indicator,
                period=request.POST.get("period", ""),
                kind=action.removeprefix("remove-"),
            )
            messages.success(request, _("The value has been removed."))
            return target_form, actual_form, True
        if form is None or not form.is_valid():
            return target_form, actual_form, False
        if action == "target":
            services.target_set(
                actor=request.user, indicator=indicator, **form.cleaned_data
            )
        else:
            services.actual_record(
                actor=request.user, indicator=indicator, **form.cleaned_data
            )
    except ValidationError as error:
        add_service_errors(form, error)
        return target_form, actual_form, False
    messages.success(request, _("The value has been saved."))
    return target_form, actual_form, True


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def indicator_detail(request: HttpRequest, goal_indicator_id: int) -> HttpResponse:
    """Baseline, targets and actuals as a table and a chart; coordinators
    enter targets and (unless the monitoring brings them) actuals here."""
    indicator = _indicator(request, goal_indicator_id)
    can_manage = request.user.has_perm(MANAGE, indicator)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        target_form, actual_form, done = _values_post(request, indicator)
        if done:
            return redirect(_detail_url(indicator))
    else:
        target_form = TargetForm(prefix="target")
        actual_form = ActualForm(prefix="actual")
    progress = selectors.indicator_progress(
        indicator=indicator, public=reads_public(request)
    )
    owner = indicator.owner
    context = {
        "indicator": indicator,
        "owner_goal": owner.goal if isinstance(owner, Measure) else owner,
        "measure": indicator.measure,
        "progress": progress,
        "chart": progress_chart(progress),
        "can_manage": can_manage,
        "target_form": target_form if can_manage else None,
        "actual_form": actual_form
        if can_manage and not progress.from_monitoring
        else None,
    }
    return render(request, "kette_goals/indicator_detail.html", context)
