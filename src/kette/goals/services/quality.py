"""Writes of quality-cycle self-assessments (one write path, audited).

An assessment has one rating row per active station standard from the
start; a new one may copy the ratings, evidence and next steps of the latest
completed assessment, so only the changes are entered. A draft is edited
station by station; completing it needs every standard rated and makes it
read-only: a correction is a new assessment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kette.core import audit
from kette.core.models import Municipality, StationStandard

from ..models import AssessmentState, QualityAssessment, StandardRating
from ..selectors.goals import responsible_people
from ..selectors.quality import latest_completed

ASSESSMENT_FIELDS = ("title", "date", "participants", "note")
RATING_FIELDS = ("rating", "evidence", "next_steps", "responsible_person", "due")


def _require_draft(assessment: QualityAssessment) -> None:
    if assessment.is_completed:
        raise ValidationError(
            _(
                "A completed self-assessment cannot be changed. Start a new one "
                "as a copy of it and enter the changes there."
            )
        )


def _set(instance: Any, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    for name in fields:
        if name in data:
            value = data[name]
            setattr(instance, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def assessment_create(
    *,
    actor: Any,
    municipality: Municipality,
    data: Mapping[str, Any],
    copy_latest: bool = False,
) -> QualityAssessment:
    """A new draft of ``municipality`` with a row per active station standard,
    filled from the latest completed assessment if ``copy_latest``."""
    source = latest_completed(municipality=municipality) if copy_latest else None
    assessment = QualityAssessment(municipality=municipality, based_on=source)
    _set(assessment, data, ASSESSMENT_FIELDS)
    assessment.full_clean()
    assessment.save()
    copied = (
        {rating.standard_id: rating for rating in source.ratings.all()}
        if source
        else {}
    )
    rows = []
    for standard in StationStandard.objects.filter(is_active=True):
        row = StandardRating(
            municipality=municipality, assessment=assessment, standard=standard
        )
        if standard.pk in copied:
            for name in RATING_FIELDS:
                setattr(row, name, getattr(copied[standard.pk], name))
        rows.append(row)
    StandardRating.objects.bulk_create(rows)
    audit.record_many(actor=actor, created=[assessment, *rows])
    return assessment


@transaction.atomic
def assessment_update(
    *, actor: Any, assessment: QualityAssessment, data: Mapping[str, Any]
) -> QualityAssessment:
    """Title, date, who took part and the note of a draft."""
    _require_draft(assessment)
    before = audit.snapshot(assessment)
    _set(assessment, data, ASSESSMENT_FIELDS)
    assessment.full_clean()
    assessment.save()
    audit.record_updated(actor=actor, instance=assessment, before=before)
    return assessment


@transaction.atomic
def ratings_save(
    *,
    actor: Any,
    assessment: QualityAssessment,
    entries: Mapping[int, Mapping[str, Any]],
) -> int:
    """Save the ratings of a draft: ``entries`` maps a standard's id to its
    rating, evidence, next steps, responsible person and due date. Returns
    how many ratings changed."""
    _require_draft(assessment)
    people = responsible_people(municipality=assessment.municipality)
    rows = {
        row.standard_id: row
        for row in assessment.ratings.select_related("standard").filter(
            standard_id__in=list(entries)
        )
    }
    unknown = set(entries) - set(rows)
    if unknown:
        raise ValidationError(_("This self-assessment has no such standard."))
    changed = []
    for standard_id, data in entries.items():
        row = rows[standard_id]
        before = audit.snapshot(row)
        kept_person = row.responsible_person_id
        _set(row, data, RATING_FIELDS)
        person = row.responsible_person
        # A newly chosen person must belong here (one taken over stays).
        if (
            person is not None
            and person.pk != kept_person
            and not people.filter(pk=person.pk).exists()
        ):
            raise ValidationError(
                _("%(person)s has no role in this municipality.")
                % {"person": person.display_name}
            )
        if audit.snapshot(row) != before:
            row.full_clean()
            row.save()
            changed.append((row, before))
    audit.record_many(actor=actor, updated=changed)
    return len(changed)


@transaction.atomic
def assessment_complete(
    *, actor: Any, assessment: QualityAssessment, on: dt.date | None = None
) -> QualityAssessment:
    """Complete a draft whose standards are all rated; it is read-only then."""
    _require_draft(assessment)
    ratings = assessment.ratings.all()
    missing = ratings.filter(rating__isnull=True).count()
    if not ratings.exists() or missing:
        raise ValidationError(
            ngettext(
                "Rate every standard before completing: %(count)d standard has "
                "no rating yet.",
                "Rate every standard before completing: %(count)d standards have "
                "no rating yet.",
                missing,
            )
            % {"count": missing}
        )
    before = audit.snapshot(assessment)
    assessment.state = AssessmentState.COMPLETED
    assessment.completed_on = on or timezone.localdate()
    assessment.full_clean()
    assessment.save()
    audit.record_updated(actor=actor, instance=assessment, before=before)
    return assessment


@transaction.atomic
def assessment_delete(*, actor: Any, assessment: QualityAssessment) -> None:
    """Delete a draft (a completed assessment stays as a record)."""
    _require_draft(assessment)
    audit.record_deleted(
        actor=actor,
        instance=assessment,
        before=audit.snapshot(assessment),
        extra={"ratings": [assessment.ratings.count(), None]},
    )
    assessment.delete()
