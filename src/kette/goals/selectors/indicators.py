"""Reads of goal indicators: their targets and actuals side by side.

Actuals taken from the monitoring are read live from its figures
(``kette.monitoring.selectors.figure_history``), never copied, so a new
import shows at once. Outside the monitoring's own staff (``public``) its
disclosure control applies: a withheld figure is shown as withheld, never as
a number; a figure suppressed at the source is withheld for everyone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from kette.core.models import District, Municipality
from kette.monitoring import selectors as monitoring
from kette.monitoring.models import Indicator
from kette.monitoring.models.catalogue import DATE, SCHOOL_YEAR, YEAR
from kette.monitoring.pages.scope import figure_note

from ..models import (
    Direction,
    Goal,
    GoalIndicator,
    IndicatorActual,
    IndicatorTarget,
    Measure,
)
from ..models.indicators import period_key


def _indicators(municipality: Municipality) -> QuerySet[GoalIndicator]:
    return GoalIndicator.objects.for_municipality(municipality).select_related(
        "goal", "measure", "monitoring_indicator", "monitoring_district"
    )


def indicator_list(
    *,
    municipality: Municipality,
    goal: Goal | None = None,
    measure: Measure | None = None,
) -> QuerySet[GoalIndicator]:
    """The indicators of a goal or of a measure (of all, without either)."""
    indicators = _indicators(municipality)
    if goal is not None:
        indicators = indicators.filter(goal=goal)
    if measure is not None:
        indicators = indicators.filter(measure=measure)
    return indicators


def indicator_get(*, municipality: Municipality, pk: Any) -> GoalIndicator:
    """Raises GoalIndicator.DoesNotExist for another municipality's id."""
    return _indicators(municipality).get(pk=pk)


def monitoring_indicator_choices(*, municipality: Municipality) -> QuerySet[Indicator]:
    return monitoring.indicator_list(municipality=municipality, public=False)


def district_choices(*, municipality: Municipality) -> QuerySet[District]:
    return District.objects.for_municipality(municipality).order_by("level", "name")


def goal_period(monitoring_period: str, *, quarterly: bool) -> str | None:
    """The goal period a monitoring period counts for: a year as itself, a
    school year for the year it ends in (2023/24: 2024), a key date for its
    year, or its quarter when the targets are set per quarter."""
    if YEAR.match(monitoring_period):
        return monitoring_period
    if match := SCHOOL_YEAR.match(monitoring_period):
        return str(int(match[1]) + 1)
    if match := DATE.match(monitoring_period):
        if quarterly:
            return f"{match[1]}-Q{(int(match[2]) - 1) // 3 + 1}"
        return match[1]
    return None


def target_reached(direction: str, target: float | None, actual: float | None):
    """True or False where both are known, None otherwise."""
    if target is None or actual is None:
        return None
    if direction == Direction.LOWER_IS_BETTER:
        return actual <= target
    return actual >= target


@dataclass(frozen=True)
class Actual:
    value: float | None  # None where withheld or missing
    suppressed: bool = False
    note: str = ""
    source_period: str = ""  # the monitoring's period
    entry: IndicatorActual | None = None  # entered by hand


@dataclass(frozen=True)
class ProgressRow:
    period: str
    target: float | None
    actual: Actual | None
    reached: bool | None


@dataclass(frozen=True)
class Progress:
    indicator: GoalIndicator
    rows: list[ProgressRow]

    @property
    def from_monitoring(self) -> bool:
        return self.indicator.monitoring_indicator_id is not None

    @property
    def latest(self) -> ProgressRow | None:
        """The latest period with an actual value (or withheld one)."""
        shown = [row for row in self.rows if row.actual is not None]
        return shown[-1] if shown else None

    @property
    def next_target(self) -> ProgressRow | None:
        """The first period with a target after the latest actual."""
        latest = self.latest
        after = period_key(latest.period) if latest else (0, 0)
        return next(
            (
                row
                for row in self.rows
                if row.target is not None and period_key(row.period) > after
            ),
            None,
        )


def _from_monitoring(
    indicator: GoalIndicator, *, public: bool, quarterly: bool
) -> dict[str, Actual]:
    source = indicator.monitoring_indicator
    history = monitoring.figure_history(indicator=source, public=public)
    district = indicator.monitoring_district_id
    found: dict[str, Actual] = {}
    for period, figures in history.items():  # oldest first: a later one wins
        label = goal_period(period, quarterly=quarterly)
        figure = figures.figures.get(district) if district else figures.city
        if label is None or figure is None:
            continue
        if figure.value is None and not figure.suppressed:
            continue  # nothing delivered for this area
        found[label] = Actual(
            value=figure.shown,
            suppressed=bool(figure.suppressed),
            note=figure_note(figure),
            source_period=period,
        )
    return found


def indicator_progress(*, indicator: GoalIndicator, public: bool) -> Progress:
    """Baseline aside, every period with a target or an actual, in order, with
    whether the target is reached (respecting the direction)."""
    targets = {
        t.period: t.value
        for t in IndicatorTarget.objects.filter(indicator=indicator).only(
            "period", "value"
        )
    }
    if indicator.monitoring_indicator_id:
        quarterly = any(period_key(period)[1] for period in targets)
        actuals = _from_monitoring(indicator, public=public, quarterly=quarterly)
    else:
        actuals = {
            entry.period: Actual(value=entry.value, entry=entry)
            for entry in IndicatorActual.objects.filter(
                indicator=indicator
            ).select_related("recorded_by")
        }
    rows = []
    for period in sorted({*targets, *actuals}, key=period_key):
        target, actual = targets.get(period), actuals.get(period)
        rows.append(
            ProgressRow(
                period=period,
                target=target,
                actual=actual,
                reached=target_reached(
                    indicator.direction, target, actual.value if actual else None
                ),
            )
        )
    return Progress(indicator=indicator, rows=rows)


def progress_list(
    *, indicators: QuerySet[GoalIndicator] | list[GoalIndicator], public: bool
) -> list[Progress]:
    return [
        indicator_progress(indicator=indicator, public=public)
        for indicator in indicators
    ]


def grid_progress(
    *, municipality: Municipality, goals: Sequence[Goal], public: bool
) -> dict[int, list[Progress]]:
    """{goal id: the progress of the goal's indicators, then of its measures'}
    for the printable grids and their files."""
    ids = [goal.pk for goal in goals]
    indicators = _indicators(municipality).filter(
        Q(goal_id__in=ids) | Q(measure__goal_id__in=ids)
    )
    found: dict[int, list[Progress]] = defaultdict(list)
    ordered = sorted(
        indicators,
        key=lambda item: (
            item.measure is not None,
            item.measure.number if item.measure else 0,
        ),
    )
    for indicator in ordered:
        goal_id = indicator.goal_id or indicator.measure.goal_id
        found[goal_id].append(indicator_progress(indicator=indicator, public=public))
    return dict(found)
