"""Reads of the vision, the goal tree and the SMART grids of one municipality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, QuerySet

from kette.core.models import Municipality, Organisation
from kette.offers.models import Offer

from ..models import (
    DEFAULT_LEVEL_NAMES,
    Goal,
    GoalLevel,
    Measure,
    MeasureStatusChange,
    Vision,
)


def vision_list(*, municipality: Municipality) -> list[Vision]:
    """Every adopted version, the current one first."""
    return list(Vision.objects.for_municipality(municipality))


def goal_levels(*, municipality: Municipality) -> list[GoalLevel]:
    return list(GoalLevel.objects.for_municipality(municipality).order_by("position"))


def level_names(*, municipality: Municipality) -> list[str]:
    """The level names from the top down; the defaults until some are saved."""
    names = [level.name for level in goal_levels(municipality=municipality)]
    return names or [str(name) for name in DEFAULT_LEVEL_NAMES]


@dataclass
class GoalNode:
    goal: Goal
    code: str
    depth: int
    measure_count: int = 0
    children: list[GoalNode] = field(default_factory=list)


def _nodes(municipality: Municipality) -> tuple[list[GoalNode], dict[int, GoalNode]]:
    goals = (
        Goal.objects.for_municipality(municipality)
        .select_related("level")
        .annotate(measure_count=Count("measures"))
        .order_by("number", "id")
    )
    by_parent: dict[int | None, list[Goal]] = {}
    for goal in goals:
        by_parent.setdefault(goal.parent_id, []).append(goal)
    index: dict[int, GoalNode] = {}

    def build(parent_id: int | None, prefix: str, depth: int) -> list[GoalNode]:
        nodes = []
        for goal in by_parent.get(parent_id, []):
            code = f"{prefix}{goal.number}"
            node = GoalNode(goal, code, depth, goal.measure_count)
            index[goal.pk] = node
            node.children = build(goal.pk, code + ".", depth + 1)
            nodes.append(node)
        return nodes

    return build(None, "", 1), index


def goal_tree(*, municipality: Municipality) -> list[GoalNode]:
    """The top goals with their sub-goals, numbered "1", "1.2", "1.2.3" …"""
    return _nodes(municipality)[0]


def goal_outline(*, municipality: Municipality) -> list[GoalNode]:
    """The tree flattened in reading order (for lists of choices)."""
    flat: list[GoalNode] = []
    stack = list(reversed(goal_tree(municipality=municipality)))
    while stack:
        node = stack.pop()
        flat.append(node)
        stack.extend(reversed(node.children))
    return flat


def goal_get(*, municipality: Municipality, pk: Any) -> Goal:
    """Raises ``Goal.DoesNotExist`` for a goal of another municipality."""
    return (
        Goal.objects.for_municipality(municipality)
        .select_related("level", "parent")
        .get(pk=pk)
    )


@dataclass
class GridMeasure:
    measure: Measure
    code: str


@dataclass
class Grid:
    """A goal's SMART grid: its place in the tree, its text and its measures."""

    goal: Goal
    code: str
    ancestors: list[GoalNode]
    children: list[GoalNode]
    measures: list[GridMeasure]


def _measures(municipality: Municipality) -> QuerySet[Measure]:
    return (
        Measure.objects.for_municipality(municipality)
        .select_related(
            "responsible_person",
            "responsible_organisation",
            "measure_type",
            "status",
        )
        .prefetch_related(
            Prefetch(
                "cooperation_partners", queryset=Organisation.objects.order_by("name")
            ),
            Prefetch("offers", queryset=Offer.objects.order_by("title")),
            "prevention_standards",
        )
    )


def goal_grid(*, municipality: Municipality, goal: Goal) -> Grid:
    _roots, index = _nodes(municipality)
    node = index[goal.pk]
    ancestors = []
    parent_id = goal.parent_id
    while parent_id is not None:
        ancestors.insert(0, index[parent_id])
        parent_id = index[parent_id].goal.parent_id
    goal = (
        Goal.objects.for_municipality(municipality)
        .select_related("level")
        .prefetch_related(
            "fields_of_action", "age_bands", "life_phases", "prevention_standards"
        )
        .get(pk=goal.pk)
    )
    measures = [
        GridMeasure(measure, f"{node.code}.{measure.number}")
        for measure in _measures(municipality).filter(goal=goal).order_by("number")
    ]
    return Grid(goal, node.code, ancestors, node.children, measures)


def measure_code(*, municipality: Municipality, measure: Measure) -> str:
    """The measure's number with its goal's, e.g. "2.1.3"."""
    return f"{_nodes(municipality)[1][measure.goal_id].code}.{measure.number}"


def measure_get(*, municipality: Municipality, pk: Any) -> Measure:
    """Raises ``Measure.DoesNotExist`` for a measure of another municipality."""
    return _measures(municipality).select_related("goal").get(pk=pk)


def measure_history(*, measure: Measure) -> QuerySet[MeasureStatusChange]:
    return (
        MeasureStatusChange.objects.for_municipality(measure.municipality)
        .filter(measure=measure)
        .select_related("old_status", "new_status")
        .order_by("-on", "-id")
    )


def _sort_key(index: dict[int, GoalNode], measure: Measure) -> tuple[int, ...]:
    code = index[measure.goal_id].code
    return (*(int(part) for part in code.split(".")), measure.number)


def person_measures(*, municipality: Municipality, user: Any) -> list[GridMeasure]:
    """The measures a person is responsible for, numbered as in their grids."""
    return measure_list(
        municipality=municipality, filters=MeasureFilter(responsible_person=user.pk)
    )


@dataclass(frozen=True)
class MeasureFilter:
    """Which measures to list; statuses and types by code, due dates inclusive."""

    goal: Goal | None = None
    status: str = ""
    measure_type: str = ""
    responsible_person: int | None = None
    due_before: dt.date | None = None
    due_after: dt.date | None = None


def measure_list(
    *, municipality: Municipality, filters: MeasureFilter | None = None
) -> list[GridMeasure]:
    """The municipality's measures (filtered), in the order of their grids and
    numbered as there ("2.1.3")."""
    index = _nodes(municipality)[1]
    given = filters or MeasureFilter()
    measures = _measures(municipality)
    if given.goal is not None:
        measures = measures.filter(goal=given.goal)
    if given.status:
        measures = measures.filter(status__code=given.status)
    if given.measure_type:
        measures = measures.filter(measure_type__code=given.measure_type)
    if given.responsible_person is not None:
        measures = measures.filter(responsible_person_id=given.responsible_person)
    if given.due_before is not None:
        measures = measures.filter(due__lte=given.due_before)
    if given.due_after is not None:
        measures = measures.filter(due__gte=given.due_after)
    return [
        GridMeasure(measure, f"{index[measure.goal_id].code}.{measure.number}")
        for measure in sorted(measures, key=lambda m: _sort_key(index, m))
    ]


def goal_nodes(
    *,
    municipality: Municipality,
    depth: int | None = None,
    parent: int | None = None,
    status: str = "",
) -> list[GoalNode]:
    """The goal tree in reading order, filtered by depth (1: the top),
    parent goal and status."""
    return [
        node
        for node in goal_outline(municipality=municipality)
        if (depth is None or node.depth == depth)
        and (parent is None or node.goal.parent_id == parent)
        and (not status or node.goal.status == status)
    ]


def goals_in_full(*, municipality: Municipality, ids: Sequence[int]) -> list[Goal]:
    """The goals of ``ids`` in that order, with their tags, the ids of their
    sub-goals (``children``) and their measures."""
    goals = (
        Goal.objects.for_municipality(municipality)
        .filter(pk__in=ids)
        .select_related("level")
        .prefetch_related(
            "fields_of_action",
            "age_bands",
            "life_phases",
            "prevention_standards",
            Prefetch(
                "children",
                queryset=Goal.objects.order_by("number", "id").only("id", "parent"),
            ),
            Prefetch("measures", queryset=_measures(municipality).order_by("number")),
        )
    )
    by_id = {goal.pk: goal for goal in goals}
    return [by_id[pk] for pk in ids if pk in by_id]


def goal_codes(*, municipality: Municipality) -> dict[int, str]:
    """{goal id: its number in the tree, e.g. "1.2"}."""
    return {pk: node.code for pk, node in _nodes(municipality)[1].items()}


# Choices for the forms, all within the municipality.


def responsible_people(*, municipality: Municipality) -> QuerySet:
    """People with a role in the municipality."""
    return (
        get_user_model()
        .objects.filter(memberships__municipality=municipality, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def organisation_choices(*, municipality: Municipality) -> QuerySet[Organisation]:
    return Organisation.objects.for_municipality(municipality).order_by("name")


def offer_choices(*, municipality: Municipality) -> QuerySet[Offer]:
    """Offers a measure can link (archived ones too: a link made stays)."""
    return Offer.objects.for_municipality(municipality).order_by("title")
