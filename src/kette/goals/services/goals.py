"""Writes of the vision, the goal levels and the goal hierarchy.

Every function runs in one transaction, validates with ``full_clean`` and
records what a person changed in the audit trail. A goal's level follows
from its depth; moving a goal moves its sub-goals along, one level below it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.exceptions import KetteError
from kette.core.models import (
    AgeBand,
    FieldOfAction,
    LifePhase,
    Municipality,
    PreventionStandard,
)

from ..models import DEFAULT_LEVEL_NAMES, Goal, GoalLevel, Vision
from .balance import refresh_balance_counts
from .indicators import indicators_delete_of

GOAL_FIELDS = ("title", "description", "measurement_criteria", "status")
GOAL_TAGS: dict[str, type[models.Model]] = {
    "fields_of_action": FieldOfAction,
    "age_bands": AgeBand,
    "life_phases": LifePhase,
    "prevention_standards": PreventionStandard,
}
# Numbers are moved out of the way first when siblings are renumbered, so
# the unique (parent, number) constraint never sees two equal numbers.
_RENUMBER_OFFSET = 10_000


@transaction.atomic
def vision_create(
    *, actor: Any, municipality: Municipality, text: str, adopted_on: dt.date
) -> Vision:
    """Adopt a (new version of the) vision; earlier versions are kept."""
    vision = Vision(municipality=municipality, text=text, adopted_on=adopted_on)
    vision.full_clean()
    vision.save()
    audit.record_created(actor=actor, instance=vision)
    return vision


def _levels(municipality: Municipality) -> list[GoalLevel]:
    return list(GoalLevel.objects.for_municipality(municipality).order_by("position"))


def goal_levels_ensure(*, actor: Any, municipality: Municipality) -> list[GoalLevel]:
    """The municipality's levels; the three default ones are created on first use."""
    levels = _levels(municipality)
    if levels:
        return levels
    with translation.override(settings.LANGUAGE_CODE):
        names = [str(name) for name in DEFAULT_LEVEL_NAMES]
    return _levels_write(actor=actor, municipality=municipality, names=names)


@transaction.atomic
def goal_levels_save(
    *, actor: Any, municipality: Municipality, names: Sequence[str]
) -> list[GoalLevel]:
    """Name the levels from the top down; a level in use cannot be dropped."""
    names = [name.strip() for name in names if name and name.strip()]
    if not names:
        raise ValidationError({"names": _("Name at least one level.")})
    deepest = (
        Goal.objects.for_municipality(municipality)
        .aggregate(depth=Max("level__position"))
        .get("depth")
    ) or 0
    if len(names) < deepest:
        raise ValidationError(
            {
                "names": _("Goals use %(count)d levels; keep at least as many levels.")
                % {"count": deepest}
            }
        )
    return _levels_write(actor=actor, municipality=municipality, names=names)


@transaction.atomic
def _levels_write(
    *, actor: Any, municipality: Municipality, names: Sequence[str]
) -> list[GoalLevel]:
    existing = {level.position: level for level in _levels(municipality)}
    levels: list[GoalLevel] = []
    for position, name in enumerate(names, 1):
        level = existing.pop(position, None)
        if level is None:
            level = GoalLevel(municipality=municipality, position=position, name=name)
            level.full_clean()
            level.save()
            audit.record_created(actor=actor, instance=level)
        elif level.name != name:
            before = audit.snapshot(level)
            level.name = name
            level.full_clean()
            level.save()
            audit.record_updated(actor=actor, instance=level, before=before)
        levels.append(level)
    for level in existing.values():
        audit.record_deleted(actor=actor, instance=level, before=audit.snapshot(level))
        level.delete()
    return levels


def _tags(values: dict[str, Any]) -> dict[str, list[models.Model]]:
    """The vocabulary terms for the tag fields given (terms are shared)."""
    tags: dict[str, list[models.Model]] = {}
    for name, model in GOAL_TAGS.items():
        if name in values:
            terms = list(values.pop(name) or ())
            if any(not isinstance(term, model) for term in terms):
                raise ValidationError({name: _("Choose from the list.")})
            tags[name] = terms
    return tags


def apply_fields(
    obj: models.Model, fields: dict[str, Any], allowed: Iterable[str]
) -> None:
    allowed = set(allowed)
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"{type(obj).__name__} has no editable field {name!r}")
        setattr(obj, name, value)


def _siblings(municipality: Municipality, parent: Goal | None) -> models.QuerySet:
    return Goal.objects.for_municipality(municipality).filter(parent=parent)


def lock_numbering(municipality_id: int) -> None:
    """Serialise numbering within a municipality until the transaction ends.

    Two goals (or measures) created at the same moment would otherwise both
    take the same next number and the second would fail on the unique
    constraint. ``no_key`` keeps inserts that reference the municipality
    unblocked; SQLite serialises writers anyway and ignores the lock.
    """
    Municipality.objects.select_for_update(no_key=True).filter(
        pk=municipality_id
    ).first()


def next_number(queryset: models.QuerySet) -> int:
    return (queryset.aggregate(top=Max("number"))["top"] or 0) + 1


def renumber(items: Sequence[models.Model]) -> list[tuple[models.Model, dict]]:
    """Number the items 1, 2, 3 … in the order given; (item, before) of changes.

    Rows are updated twice (out of the way, then into place) so that a unique
    number per parent holds at every step.
    """
    changed = [
        (item, audit.snapshot(item))
        for number, item in enumerate(items, 1)
        if item.number != number
    ]
    model = type(items[0]) if items else None
    for item, _before in changed:
        model.objects.filter(pk=item.pk).update(number=item.number + _RENUMBER_OFFSET)
    for number, item in enumerate(items, 1):
        if item.number != number:
            item.number = number
            model.objects.filter(pk=item.pk).update(number=number)
    return changed


def _level_at(levels: list[GoalLevel], depth: int) -> GoalLevel:
    if depth > len(levels):
        raise ValidationError(
            {
                "parent": _(
                    "The goal hierarchy has %(count)d levels; there is no level "
                    "below this goal."
                )
                % {"count": len(levels)}
            }
        )
    return levels[depth - 1]


@transaction.atomic
def goal_create(
    *,
    actor: Any,
    municipality: Municipality,
    title: str,
    parent: Goal | None = None,
    **fields: Any,
) -> Goal:
    """A new goal, numbered last among its siblings, on the level below its parent."""
    tags = _tags(fields)
    if parent is not None and parent.municipality_id != municipality.pk:
        raise ValidationError(
            {"parent": _("The parent goal belongs to another municipality.")}
        )
    lock_numbering(municipality.pk)
    levels = goal_levels_ensure(actor=actor, municipality=municipality)
    depth = 1 if parent is None else parent.level.position + 1
    goal = Goal(
        municipality=municipality,
        parent=parent,
        level=_level_at(levels, depth),
        title=title,
        number=next_number(_siblings(municipality, parent)),
    )
    apply_fields(goal, fields, GOAL_FIELDS)
    goal.full_clean()
    goal.save()
    for name, terms in tags.items():
        getattr(goal, name).set(terms)
    audit.record_created(actor=actor, instance=goal)
    refresh_balance_counts(municipality)
    return goal


@transaction.atomic
def goal_update(*, actor: Any, goal: Goal, **fields: Any) -> Goal:
    """Change a goal's text, status and tags (its place: ``goal_move``)."""
    tags = _tags(fields)
    before = audit.snapshot(goal)
    apply_fields(goal, fields, GOAL_FIELDS)
    goal.full_clean()
    goal.save()
    for name, terms in tags.items():
        getattr(goal, name).set(terms)
    audit.record_updated(actor=actor, instance=goal, before=before)
    refresh_balance_counts(goal.municipality_id)
    return goal


def _subtree(goal: Goal) -> list[tuple[Goal, int]]:
    """The goal's descendants with their depth below it (1 = child)."""
    by_parent: dict[int, list[Goal]] = {}
    for other in Goal.objects.for_municipality(goal.municipality).select_related(
        "level"
    ):
        by_parent.setdefault(other.parent_id, []).append(other)
    found: list[tuple[Goal, int]] = []
    stack = [(child, 1) for child in by_parent.get(goal.pk, [])]
    while stack:
        node, depth = stack.pop()
        found.append((node, depth))
        stack.extend((child, depth + 1) for child in by_parent.get(node.pk, []))
    return found


@transaction.atomic
def goal_move(
    *,
    actor: Any,
    goal: Goal,
    parent: Goal | None,
    number: int | None = None,
) -> Goal:
    """Put the goal under another parent (or to the top) and/or at a number.

    Refused when the new parent is the goal itself or lies below it (a cycle),
    or when the goal's sub-goals would fall below the deepest level. The
    sub-goals move along; the levels of all of them follow their new depth.
    """
    municipality = goal.municipality
    goal = (
        Goal.objects.for_municipality(municipality).select_for_update().get(pk=goal.pk)
    )
    subtree = _subtree(goal)
    if parent is not None:
        if parent.municipality_id != municipality.pk:
            raise ValidationError(
                {"parent": _("The parent goal belongs to another municipality.")}
            )
        if parent.pk == goal.pk or parent.pk in {node.pk for node, _d in subtree}:
            raise ValidationError(
                {"parent": _("A goal cannot be placed below itself or its sub-goals.")}
            )
    lock_numbering(municipality.pk)
    levels = goal_levels_ensure(actor=actor, municipality=municipality)
    depth = 1 if parent is None else parent.level.position + 1
    deepest = max((d for _node, d in subtree), default=0)
    _level_at(levels, depth + deepest)
    before = audit.snapshot(goal)
    updated: list[tuple[models.Model, dict]] = []
    if (parent.pk if parent else None) != goal.parent_id:
        old_parent = goal.parent
        goal.parent = parent
        goal.level = levels[depth - 1]
        goal.number = next_number(_siblings(municipality, parent)) + _RENUMBER_OFFSET
        goal.save(update_fields=["parent", "level", "number", "updated_at"])
        old_siblings = list(
            _siblings(municipality, old_parent).exclude(pk=goal.pk).order_by("number")
        )
        updated += renumber(old_siblings)
        for node, below in subtree:
            if node.level_id != levels[depth + below - 1].pk:
                node_before = audit.snapshot(node)
                node.level = levels[depth + below - 1]
                node.save(update_fields=["level", "updated_at"])
                updated.append((node, node_before))
    siblings = list(
        _siblings(municipality, parent).exclude(pk=goal.pk).order_by("number")
    )
    position = (
        len(siblings) if number is None else min(max(number, 1), len(siblings) + 1) - 1
    )
    siblings.insert(position, goal)
    updated += [pair for pair in renumber(siblings) if pair[0].pk != goal.pk]
    goal.full_clean()
    audit.record_updated(actor=actor, instance=goal, before=before)
    audit.record_many(actor=actor, updated=updated)
    return goal


@transaction.atomic
def goal_delete(*, actor: Any, goal: Goal) -> None:
    """Delete a goal with its measures; a goal with sub-goals is kept."""
    if Goal.objects.for_municipality(goal.municipality).filter(parent=goal).exists():
        raise KetteError(_("The goal has sub-goals. Move or delete them first."))
    municipality, parent = goal.municipality, goal.parent
    lock_numbering(municipality.pk)
    indicators_delete_of(actor=actor, goal=goal)
    for measure in goal.measures.all():
        indicators_delete_of(actor=actor, measure=measure)
        audit.record_deleted(
            actor=actor, instance=measure, before=audit.snapshot(measure)
        )
    audit.record_deleted(actor=actor, instance=goal, before=audit.snapshot(goal))
    goal.delete()
    audit.record_many(
        actor=actor,
        updated=renumber(list(_siblings(municipality, parent).order_by("number"))),
    )
    refresh_balance_counts(municipality)
