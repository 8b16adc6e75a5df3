"""Writes of measures (the numbered tasks of a goal) and of their status.

The status changes only through ``measure_status_update``, which keeps the
dated history; every write is one transaction, validated and audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.models import MeasureStatus, Membership

from ..models import Goal, Measure, MeasureStatusChange
from .balance import refresh_balance_counts
from .goals import apply_fields, lock_numbering, next_number, renumber
from .indicators import indicators_delete_of

NOT_IMPLEMENTED = "not-implemented"
MEASURE_FIELDS = (
    "task",
    "responsible_person",
    "responsible_organisation",
    "responsibility_note",
    "cooperation_note",
    "start",
    "due",
    "recurrence",
    "recurrence_until",
    "schedule_note",
    "measure_type",
)
MEASURE_TAGS = ("cooperation_partners", "prevention_standards", "offers")


def _tags(measure: Measure, fields: dict[str, Any]) -> dict[str, list[Any]]:
    """Cooperation partners and offers must be the municipality's own."""
    tags = {
        name: list(fields.pop(name) or ()) for name in MEASURE_TAGS if name in fields
    }
    for name in ("cooperation_partners", "offers"):
        if any(
            item.municipality_id != measure.municipality_id
            for item in tags.get(name, ())
        ):
            raise ValidationError({name: _("Choose from the list.")})
    return tags


def _check_person(measure: Measure) -> None:
    """The responsible person works in the municipality (has a role there)."""
    if (
        measure.responsible_person_id
        and not Membership.objects.filter(
            user_id=measure.responsible_person_id,
            municipality_id=measure.municipality_id,
        ).exists()
    ):
        raise ValidationError(
            {"responsible_person": _("The person has no role in this municipality.")}
        )


def _save(measure: Measure, tags: dict[str, list[Any]]) -> None:
    _check_person(measure)
    measure.full_clean()
    measure.save()
    for name, items in tags.items():
        getattr(measure, name).set(items)


@transaction.atomic
def measure_create(
    *,
    actor: Any,
    goal: Goal,
    task: str,
    status: MeasureStatus | None = None,
    on: dt.date | None = None,
    **fields: Any,
) -> Measure:
    """A new measure, numbered last in its goal; its first status is dated."""
    status = status or MeasureStatus.objects.get(code=NOT_IMPLEMENTED)
    on = on or timezone.localdate()
    lock_numbering(goal.municipality_id)
    measure = Measure(
        municipality=goal.municipality,
        goal=goal,
        task=task,
        status=status,
        status_changed_on=on,
        number=next_number(goal.measures.all()),
    )
    tags = _tags(measure, fields)
    apply_fields(measure, fields, MEASURE_FIELDS)
    _save(measure, tags)
    audit.record_created(actor=actor, instance=measure)
    _history(actor=actor, measure=measure, old=None, new=status, on=on, comment="")
    refresh_balance_counts(measure.municipality_id)
    return measure


@transaction.atomic
def measure_update(*, actor: Any, measure: Measure, **fields: Any) -> Measure:
    """Change what, who, with whom, when (not the status: see below)."""
    before = audit.snapshot(measure)
    tags = _tags(measure, fields)
    apply_fields(measure, fields, MEASURE_FIELDS)
    _save(measure, tags)
    audit.record_updated(actor=actor, instance=measure, before=before)
    refresh_balance_counts(measure.municipality_id)
    return measure


@transaction.atomic
def measure_move(*, actor: Any, measure: Measure, number: int) -> Measure:
    """Give the measure another number in its goal; the others close up."""
    lock_numbering(measure.municipality_id)
    others = list(measure.goal.measures.exclude(pk=measure.pk).order_by("number"))
    position = min(max(number, 1), len(others) + 1) - 1
    others.insert(position, measure)
    audit.record_many(actor=actor, updated=renumber(others))
    return measure


@transaction.atomic
def measure_delete(*, actor: Any, measure: Measure) -> None:
    goal = measure.goal
    lock_numbering(measure.municipality_id)
    indicators_delete_of(actor=actor, measure=measure)
    audit.record_deleted(actor=actor, instance=measure, before=audit.snapshot(measure))
    measure.delete()
    audit.record_many(
        actor=actor, updated=renumber(list(goal.measures.order_by("number")))
    )
    refresh_balance_counts(goal.municipality_id)


def _history(
    *,
    actor: Any,
    measure: Measure,
    old: MeasureStatus | None,
    new: MeasureStatus,
    on: dt.date,
    comment: str,
    actor_name: str = "",
    review_request: Any = None,
) -> MeasureStatusChange:
    person = actor if getattr(actor, "is_authenticated", False) else None
    change = MeasureStatusChange(
        municipality=measure.municipality,
        measure=measure,
        on=on,
        old_status=old,
        new_status=new,
        comment=comment,
        actor=person,
        actor_name=(person.display_name if person else audit.acting_name(actor_name))[
            :150
        ],
        review_request=review_request,
    )
    change.full_clean()
    change.save()
    audit.record_created(actor=actor, instance=change, actor_name=actor_name)
    return change


@transaction.atomic
def measure_status_update(
    *,
    actor: Any,
    measure: Measure,
    status: MeasureStatus,
    comment: str = "",
    on: dt.date | None = None,
    actor_name: str = "",
    review_request: Any = None,
) -> MeasureStatusChange:
    """Record the measure's status as of a date, with a comment.

    ``review_request``: the answer to a review round this is (see
    services/reviews.py), linked in the history.

    The same status again is a dated confirmation ("still partly
    implemented"). A date before the last recorded one or in the future is
    refused: the current status is always the latest in the history.
    """
    today = timezone.localdate()
    on = on or today
    measure = (
        Measure.objects.for_municipality(measure.municipality)
        .select_for_update()
        .get(pk=measure.pk)
    )
    if on > today:
        raise ValidationError({"on": _("The date must not lie in the future.")})
    if measure.status_changed_on and on < measure.status_changed_on:
        raise ValidationError(
            {
                "on": _(
                    "The last status was recorded on %(date)s; choose that day or later."
                )
                % {"date": date_format(measure.status_changed_on)}
            }
        )
    before = audit.snapshot(measure)
    old = measure.status
    measure.status = status
    measure.status_changed_on = on
    measure.full_clean()
    measure.save(update_fields=["status", "status_changed_on", "updated_at"])
    audit.record_updated(
        actor=actor, instance=measure, before=before, actor_name=actor_name
    )
    change = _history(
        actor=actor,
        measure=measure,
        old=old,
        new=status,
        on=on,
        comment=comment.strip(),
        actor_name=actor_name,
        review_request=review_request,
    )
    refresh_balance_counts(measure.municipality_id)
    return change
