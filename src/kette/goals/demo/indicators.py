"""Musterstadt's goal indicators: input, output and outcome on the goals of
seed 001 and on one measure, with baselines, targets and actuals.

Most actuals are entered by hand (as a coordinator would after a review);
two outcome indicators take theirs from the monitoring (the city's share of
children needing language support; the U8/U9 check-ups in Stadtbezirk
West), so they follow every new import. A second run writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.demo.places import MUSTERSTADT
from kette.core.models import District
from kette.monitoring.models import Indicator

from ..models import (
    Direction,
    Goal,
    GoalIndicator,
    IndicatorActual,
    IndicatorTarget,
    Measure,
)

# After the grids (130) and the monitoring (60).
ORDER = 138
HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


class DemoIndicator(NamedTuple):
    goal: int  # number of the goal under the guiding goal (seed 001: 1-4)
    measure: int | None  # number of the measure in that goal, or on the goal
    level: str
    name: str
    unit: str
    direction: str
    baseline: tuple[float, str] | None
    targets: tuple[tuple[str, float], ...]
    # (period, value, as of, comment), entered by hand
    actuals: tuple[tuple[str, float, dt.date, str], ...] = ()
    monitoring: str = ""  # key of a monitoring indicator
    district: str = ""  # its district code; empty: the city


INDICATORS = (
    DemoIndicator(
        1,
        None,
        "output",
        "Eltern in Elternbeiräten und Elterncafés der Kitas",
        "Eltern",
        HIGHER,
        (85, "2024"),
        (("2025", 110), ("2026", 140)),
        (("2025", 118, dt.date(2025, 12, 12), "Zählung der Kitas im November"),),
    ),
    DemoIndicator(
        2,
        None,
        "input",
        "Arbeitszeit der Netzwerkkoordination",
        "Stunden pro Woche",
        HIGHER,
        (20, "2024"),
        (("2025", 30), ("2026", 30)),
        (("2025", 30, dt.date(2025, 4, 1), "zweite halbe Stelle besetzt"),),
    ),
    DemoIndicator(
        2,
        1,
        "output",
        "Netzwerke mit einheitlichem Protokoll",
        "Netzwerke",
        HIGHER,
        (0, "2025-Q1"),
        (("2025-Q2", 3), ("2025-Q4", 6), ("2026-Q2", 8)),
        (
            ("2025-Q2", 2, dt.date(2025, 6, 30), "AG Frühe Hilfen, Stadtteilkonferenz"),
            ("2025-Q4", 6, dt.date(2025, 12, 19), ""),
        ),
    ),
    DemoIndicator(
        3,
        None,
        "outcome",
        "Kinder mit Sprachförderbedarf (Delfin 4)",
        "%",
        LOWER,
        (26, "2021"),
        (("2023", 25.5), ("2024", 25), ("2025", 24.5), ("2026", 24)),
        monitoring="sprachfoerderung",
    ),
    DemoIndicator(
        3,
        None,
        "outcome",
        "Teilnahme an den U8/U9 im Stadtbezirk West",
        "%",
        HIGHER,
        (86, "2020"),
        (("2023", 88), ("2025", 90)),
        monitoring="u8u9",
        district="03",
    ),
    DemoIndicator(
        4,
        None,
        "output",
        "Gremien, die das Präventionsverständnis beschlossen haben",
        "Gremien",
        HIGHER,
        None,
        (("2025", 4), ("2026", 8)),
        (("2025", 3, dt.date(2025, 11, 28), "Jugendhilfeausschuss folgt 2026"),),
    ),
)


@register(order=ORDER)
def build(context: DemoContext) -> None:
    municipality = context.municipalities.get(MUSTERSTADT.slug)
    if municipality is None:
        return
    guiding = Goal.objects.filter(
        municipality=municipality, parent=None, number=1
    ).first()
    if guiding is None:
        return
    goals = {goal.number: goal for goal in guiding.children.all()}
    count = 0
    for planned in INDICATORS:
        goal = goals.get(planned.goal)
        if goal is None:
            continue
        measure = (
            Measure.objects.filter(goal=goal, number=planned.measure).first()
            if planned.measure
            else None
        )
        indicator = context.upsert(
            GoalIndicator,
            lookup={
                "municipality": municipality,
                "goal": None if measure else goal,
                "measure": measure,
                "name": planned.name,
            },
            values={
                "level": planned.level,
                "unit": planned.unit,
                "direction": planned.direction,
                "baseline_value": planned.baseline[0] if planned.baseline else None,
                "baseline_period": planned.baseline[1] if planned.baseline else "",
                **_source(municipality, planned),
            },
        )
        for period, value in planned.targets:
            context.upsert(
                IndicatorTarget,
                lookup={"indicator": indicator, "period": period},
                values={"municipality": municipality, "value": value},
            )
        for period, value, on, comment in planned.actuals:
            context.upsert(
                IndicatorActual,
                lookup={"indicator": indicator, "period": period},
                values={
                    "municipality": municipality,
                    "value": value,
                    "recorded_on": on,
                    "recorded_by": context.users.get("koordination"),
                    "comment": comment,
                },
            )
        count += 1
    context.say(
        _("%(municipality)s: %(count)d goal indicators")
        % {"municipality": municipality, "count": count}
    )


def _source(municipality, planned: DemoIndicator) -> dict:
    """The monitoring indicator (and district) the actuals come from."""
    if not planned.monitoring:
        return {"monitoring_indicator": None, "monitoring_district": None}
    return {
        "monitoring_indicator": Indicator.objects.filter(
            municipality=municipality, key=planned.monitoring
        ).first(),
        "monitoring_district": District.objects.filter(
            municipality=municipality, code=planned.district
        ).first()
        if planned.district
        else None,
    }
