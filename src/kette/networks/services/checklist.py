"""Writes of the Checkliste Netzwerkmanagement (one write path, audited).

An assessment is a dated look at one body, or at the municipality's network
management as a whole; it is repeated over time, and a new one may start as
a copy of the latest one for the same subject, so only the changes are
entered. Every active item gets an answer row; an item not rated yet has no
row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.models import Municipality

from ..models import Body, ChecklistAnswer, ChecklistAssessment, ChecklistItem, Person
from ..selectors.checklist import latest_assessment

ANSWER_FIELDS = ("rating", "comment", "next_step", "next_step_due", "next_step_person")


def _check_subject(municipality: Municipality, body: Body | None) -> None:
    if body is not None and body.municipality_id != municipality.pk:
        raise ValidationError({"body": _("Choose a body of this municipality.")})


def _check_person(municipality: Municipality, person: Person | None) -> None:
    if person is not None and person.municipality_id != municipality.pk:
        raise ValidationError(
            {"next_step_person": _("Choose a person of this municipality.")}
        )


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: (value.strip() if isinstance(value, str) else value)
        for name, value in values.items()
        if name in ANSWER_FIELDS
    }


@transaction.atomic
def assessment_create(
    *,
    actor: Any,
    municipality: Municipality,
    body: Body | None,
    assessed_on: dt.date,
    note: str = "",
    copy_latest: bool = False,
) -> ChecklistAssessment:
    """A new assessment of ``body`` (None: the network management), with the
    answers of the latest one for the same subject if ``copy_latest``."""
    _check_subject(municipality, body)
    source = (
        latest_assessment(municipality=municipality, body=body) if copy_latest else None
    )
    assessment = ChecklistAssessment(
        municipality=municipality,
        body=body,
        assessed_on=assessed_on,
        note=note.strip(),
        assessed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    assessment.full_clean()
    assessment.save()
    copies = []
    if source is not None:
        for answer in source.answers.filter(item__is_active=True):
            copies.append(
                ChecklistAnswer(
                    assessment=assessment,
                    item_id=answer.item_id,
                    **{name: getattr(answer, name) for name in ANSWER_FIELDS},
                )
            )
        ChecklistAnswer.objects.bulk_create(copies)
    audit.record_many(actor=actor, created=[assessment, *copies])
    return assessment


@transaction.atomic
def assessment_update(
    *,
    actor: Any,
    assessment: ChecklistAssessment,
    assessed_on: dt.date,
    note: str = "",
) -> ChecklistAssessment:
    before = audit.snapshot(assessment)
    assessment.assessed_on = assessed_on
    assessment.note = note.strip()
    assessment.full_clean()
    assessment.save()
    audit.record_updated(actor=actor, instance=assessment, before=before)
    return assessment


@transaction.atomic
def answers_save(
    *,
    actor: Any,
    assessment: ChecklistAssessment,
    entries: Mapping[int, Mapping[str, Any]],
) -> int:
    """Save answers: ``entries`` maps an item's id to its rating, comment and
    next step. An entry without a rating removes the item's answer (not rated
    yet), unless it names a next step. Returns how many answers changed."""
    items = {
        item.pk: item for item in ChecklistItem.objects.filter(pk__in=list(entries))
    }
    unknown = set(entries) - set(items)
    if unknown:
        raise ValidationError(_("The checklist has no such item."))
    existing = {answer.item_id: answer for answer in assessment.answers.all()}
    created, updated, deleted = [], [], []
    for item_id, raw in entries.items():
        values = _clean(raw)
        _check_person(assessment.municipality, values.get("next_step_person"))
        answer = existing.get(item_id)
        if not values.get("rating"):
            if values.get("next_step") or values.get("comment"):
                raise ValidationError(
                    _("%(item)s: rate the item before adding a comment or next step.")
                    % {"item": items[item_id].label}
                )
            if answer is not None:
                deleted.append(answer)
            continue
        if answer is None:
            answer = ChecklistAnswer(
                assessment=assessment, item=items[item_id], **values
            )
            answer.full_clean()
            answer.save()
            created.append(answer)
            continue
        before = audit.snapshot(answer)
        for name, value in values.items():
            setattr(answer, name, value)
        if audit.snapshot(answer) != before:
            answer.full_clean()
            answer.save()
            updated.append((answer, before))
    for answer in deleted:
        audit.record_deleted(
            actor=actor, instance=answer, before=audit.snapshot(answer)
        )
        answer.delete()
    audit.record_many(actor=actor, created=created, updated=updated)
    return len(created) + len(updated) + len(deleted)


@transaction.atomic
def assessment_delete(*, actor: Any, assessment: ChecklistAssessment) -> None:
    audit.record_deleted(
        actor=actor,
        instance=assessment,
        before=audit.snapshot(assessment),
        extra={"answers": [assessment.answers.count(), None]},
    )
    assessment.delete()
