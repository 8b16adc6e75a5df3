"""Factories for goals and measures; they write through the services, so the
levels, numbers and the first status entry are as in real use."""

from __future__ import annotations

from typing import Any

from kette.core.models import MeasureStatus, Municipality
from kette.goals.models import Goal, Measure
from kette.goals.services import goals as goal_services
from kette.goals.services import measures as measure_services


def status(code: str) -> MeasureStatus:
    """``not-implemented``, ``partly-implemented`` or ``fully-implemented``."""
    return MeasureStatus.objects.get(code=code)


def make_goal(
    municipality: Municipality,
    title: str = "Eltern sind Erziehungspartner",
    *,
    parent: Goal | None = None,
    actor: Any = None,
    **fields: Any,
) -> Goal:
    return goal_services.goal_create(
        actor=actor, municipality=municipality, title=title, parent=parent, **fields
    )


def make_measure(
    goal: Goal,
    task: str = "Fortbildungen anbieten",
    *,
    actor: Any = None,
    **fields: Any,
) -> Measure:
    return measure_services.measure_create(actor=actor, goal=goal, task=task, **fields)
