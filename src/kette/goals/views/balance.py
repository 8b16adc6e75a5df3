"""The balance of goals and measures: a municipality's, and the state's
across all municipalities (state admin only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kette.core.tenancy import municipality_view

from ..balance_charts import BarChart, bar_chart, status_chart
from ..selectors.balance import Balance, Breakdown, goal_balance_remembered

VIEW = "goals.view_goals"
VIEW_STATE = "goals.view_state_balance"


@dataclass(frozen=True)
class Section:
    title: str
    column: str  # the header of the table's first column
    breakdown: Breakdown
    chart: BarChart


def _context(balance: Balance, scope: str) -> dict[str, Any]:
    names = [
        (_("Measures by status"), _("Status")),
        (_("Measures by type of measure"), _("Type of measure")),
        (_("Measures by field of action of their goal"), _("Field of action")),
        (_("Measures by age band of their goal"), _("Age band")),
        (_("Measures by life phase of their goal"), _("Life phase")),
    ]
    sections = [
        Section(title, column, breakdown, bar_chart(breakdown, title, scope))
        for (title, column), breakdown in zip(names, balance.breakdowns, strict=True)
    ]
    return {
        "balance": balance,
        "sections": sections,
        "status_chart": status_chart(balance.over_time, scope),
    }


@municipality_view(VIEW)
@require_safe
def balance(request: HttpRequest) -> HttpResponse:
    data = goal_balance_remembered(scope=request.municipality)
    context = _context(data, request.municipality.slug)
    return render(request, "kette_goals/balance.html", context)


@require_safe
def state_balance(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(VIEW_STATE):
        raise PermissionDenied
    data = goal_balance_remembered(scope=None, per_municipality=True)
    return render(request, "kette_goals/balance_state.html", _context(data, "state"))
