"""The balance of goals and measures: a municipality's, and the state's
across all municipalities (state admin only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kette.core.tenancy import municipality_view

from ..balance_charts import BarChart, bar_chart, status_chart
from ..selectors.balance import (
    Balance,
    Breakdown,
    MunicipalityRow,
    Scope,
    goal_balance,
)

VIEW = "goals.view_goals"
VIEW_STATE = "goals.view_state_balance"
SLUG = "municipality-slug"  # a stand-in, replaced by each row's slug


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
        "municipality_rows": _municipality_rows(balance.municipalities),
    }


def _municipality_rows(rows: list[MunicipalityRow]) -> str:
    """The state's table rows, built here: 400 rows through the template
    language (a URL and eight localized numbers each) cost more than all the
    counting after a write. Names and links are escaped; whole numbers are
    shown as they are (no thousands separator is configured)."""
    link = reverse("goals:balance", args=[SLUG])
    return mark_safe(  # noqa: S308 - names and links escaped, the rest numbers
        "".join(
            f'<tr><th scope="row"><a href="{escape(link.replace(SLUG, row.slug))}">'
            f'{escape(row.name)}</a></th><td class="numeric">{row.goals:d}</td>'
            f'<td class="numeric">{row.measures:d}</td>'
            f'<td class="numeric">{row.fully.count:d} ({row.fully.percent:d} %)</td>'
            f'<td class="numeric">{row.partly.count:d} ({row.partly.percent:d} %)'
            "</td></tr>"
            for row in rows
        )
    )


def _body(scope: Scope, name: str, per_municipality: bool = False) -> str:
    """The page's figures, charts and tables (from the kept counts, see
    kette.goals.selectors.balance_counts)."""
    data = goal_balance(scope=scope, per_municipality=per_municipality)
    return render_to_string(
        "kette_goals/includes/balance_body.html", _context(data, name)
    )


@municipality_view(VIEW)
@require_safe
def balance(request: HttpRequest) -> HttpResponse:
    body = _body(request.municipality, request.municipality.slug)
    return render(request, "kette_goals/balance.html", {"body": body})


@require_safe
def state_balance(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(VIEW_STATE):
        raise PermissionDenied
    body = _body(None, "state", per_municipality=True)
    return render(request, "kette_goals/balance_state.html", {"body": body})
