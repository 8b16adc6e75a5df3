"""The SMART grids of a municipality for the files: PDF, XLSX and the calendar.

One query for the goals and one for the measures, however many goals there
are; the grids come in reading order of the goal tree ("1", "1.1", "2" …).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from kette.core.models import Municipality, Organisation

from ..models import Goal, Measure
from .goals import Grid, GridMeasure, goal_grid, goal_outline


def grid_measures(municipality: Municipality) -> QuerySet[Measure]:
    """The municipality's measures with what a grid file shows of them."""
    return (
        Measure.objects.for_municipality(municipality)
        .select_related(
            "responsible_person", "responsible_organisation", "measure_type", "status"
        )
        .prefetch_related(
            Prefetch(
                "cooperation_partners", queryset=Organisation.objects.order_by("name")
            )
        )
        .order_by("goal_id", "number")
    )


def grids_of(*, municipality: Municipality, goal: Goal | None = None) -> list[Grid]:
    """The grid of ``goal``, or the grids of all the municipality's goals."""
    if goal is not None:
        return [goal_grid(municipality=municipality, goal=goal)]
    outline = goal_outline(municipality=municipality)
    goals = {
        goal.pk: goal
        for goal in Goal.objects.for_municipality(municipality)
        .select_related("level")
        .prefetch_related(
            "fields_of_action", "age_bands", "life_phases", "prevention_standards"
        )
    }
    measures: dict[int, list[Measure]] = defaultdict(list)
    for measure in grid_measures(municipality):
        measures[measure.goal_id].append(measure)
    by_id = {node.goal.pk: node for node in outline}
    grids = []
    for node in outline:
        ancestors = []
        parent_id = node.goal.parent_id
        while parent_id is not None:
            ancestors.insert(0, by_id[parent_id])
            parent_id = by_id[parent_id].goal.parent_id
        rows = [
            GridMeasure(measure, f"{node.code}.{measure.number}")
            for measure in measures[node.goal.pk]
        ]
        grids.append(
            Grid(goals[node.goal.pk], node.code, ancestors, node.children, rows)
        )
    return grids
