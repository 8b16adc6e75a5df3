"""Writes of the unified minutes and their action items.

Minutes are versions: a draft is written per agenda item (discussion,
agreements, action items) and approved; an approved version is never
written again (every function here refuses), a correction is a new draft
copied from the last approved version. The agreed text of an action item
(task, who, by when) is fixed with the first approval; its status moves on
separately until it is done or dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.exceptions import KetteError
from kette.goals.models import Goal, Measure
from kette.goals.services.measures import measure_create

from ..models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesState,
)
from .meetings import follow_ups_ensure, has_approved_minutes

ACTION_FIELDS = (
    "agenda_item",
    "task",
    "responsible_person",
    "responsible_organisation",
    "due",
)
ENTRY_FIELDS = ("discussion", "agreements")


def minutes_latest(meeting: Meeting) -> Minutes | None:
    return meeting.minutes.order_by("-version").first()


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _refuse_approved(minutes: Minutes) -> None:
    if minutes.is_approved:
        raise KetteError(
            _(
                "These minutes are approved and can no longer be changed; "
                "start a correction instead."
            )
        )


def _draft_of(meeting: Meeting) -> Minutes:
    latest = minutes_latest(meeting)
    if latest is None:
        raise KetteError(_("The minutes of this meeting are not started yet."))
    _refuse_approved(latest)
    return latest


# --- versions ---------------------------------------------------------------


@transaction.atomic
def minutes_start(*, actor: Any, meeting: Meeting) -> Minutes:
    """The first version of the minutes, a draft."""
    if meeting.minutes.exists():
        raise KetteError(_("The minutes of this meeting are already started."))
    minutes = Minutes.objects.create(
        meeting=meeting, version=1, written_by=_user(actor)
    )
    audit.record_created(actor=actor, instance=minutes)
    return minutes


@transaction.atomic
def minutes_save(
    *,
    actor: Any,
    minutes: Minutes,
    summary: str | None = None,
    entries: Mapping[int, Mapping[str, str]] | None = None,
) -> Minutes:
    """Write the draft: general remarks and, per agenda item id, its
    discussion and agreements. Refused for an approved version."""
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    _refuse_approved(minutes)
    if summary is not None and summary != minutes.summary:
        before = audit.snapshot(minutes)
        minutes.summary = summary
        minutes.written_by = _user(actor) or minutes.written_by
        minutes.save()
        audit.record_updated(actor=actor, instance=minutes, before=before)
    items = {item.pk: item for item in minutes.meeting.agenda.all()}
    for item_id, values in (entries or {}).items():
        if item_id not in items:
            raise KetteError(_("This agenda item belongs to another meeting."))
        _entry_save(actor, minutes, items[item_id], values)
    return minutes


def _entry_save(
    actor: Any, minutes: Minutes, item: AgendaItem, values: Mapping[str, str]
) -> None:
    unknown = set(values) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    entry = MinutesEntry.objects.filter(minutes=minutes, agenda_item=item).first()
    if entry is None:
        if not any(value.strip() for value in values.values()):
            return
        entry = MinutesEntry(minutes=minutes, agenda_item=item, **values)
        entry.save()
        audit.record_created(actor=actor, instance=entry)
        return
    before = audit.snapshot(entry)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.save()
    audit.record_updated(actor=actor, instance=entry, before=before)


@transaction.atomic
def minutes_approve(*, actor: Any, minutes: Minutes) -> Minutes:
    """Approve the draft: from now on this version never changes."""
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    _refuse_approved(minutes)
    before = audit.snapshot(minutes)
    minutes.state = MinutesState.APPROVED
    minutes.approved_by = _user(actor)
    minutes.approved_at = timezone.now()
    minutes.save()
    audit.record_updated(actor=actor, instance=minutes, before=before)
    return minutes


@transaction.atomic
def minutes_correct(*, actor: Any, meeting: Meeting, correction_note: str) -> Minutes:
    """A new draft version copied from the last approved one."""
    latest = minutes_latest(meeting)
    if latest is None or not latest.is_approved:
        raise KetteError(
            _("Only approved minutes are corrected; edit the draft instead.")
        )
    note = correction_note.strip()
    if not note:
        message = _("Please say what is corrected.")
        raise KetteError(message, errors={"correction_note": [message]})
    minutes = Minutes(
        meeting=meeting,
        version=latest.version + 1,
        summary=latest.summary,
        correction_note=note,
        written_by=_user(actor),
    )
    minutes.full_clean(exclude=["meeting", "written_by", "approved_by"])
    minutes.save()
    MinutesEntry.objects.bulk_create(
        MinutesEntry(
            minutes=minutes,
            agenda_item_id=entry.agenda_item_id,
            discussion=entry.discussion,
            agreements=entry.agreements,
        )
        for entry in latest.entries.all()
    )
    audit.record_created(actor=actor, instance=minutes)
    return minutes


# --- action items -----------------------------------------------------------


def _check_action(item: ActionItem) -> None:
    errors: dict[str, list[str]] = {}
    if not item.task.strip():
        errors["task"] = [_("Please enter the task.")]
    person = item.responsible_person
    if person is not None and person.municipality_id != item.municipality_id:
        errors["responsible_person"] = [
            _("The person belongs to another municipality.")
        ]
    organisation = item.responsible_organisation
    if (
        organisation is not None
        and organisation.municipality_id != item.municipality_id
    ):
        errors["responsible_organisation"] = [
            _("The organisation belongs to another municipality.")
        ]
    agenda_item = item.agenda_item
    if agenda_item is not None and agenda_item.meeting_id != item.meeting_id:
        errors["agenda_item"] = [_("This agenda item belongs to another meeting.")]
    if errors:
        raise KetteError(next(iter(errors.values()))[0], errors=errors)
    item.full_clean(
        exclude=[
            "municipality",
            "body",
            "meeting",
            "agenda_item",
            "responsible_person",
            "responsible_organisation",
            "measure",
        ]
    )


def _assign(item: ActionItem, values: dict[str, Any]) -> None:
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(item, name, value)


@transaction.atomic
def action_item_add(*, actor: Any, meeting: Meeting, **values: Any) -> ActionItem:
    """An action item agreed in the meeting, recorded in the draft minutes
    (the first version is started when there is none yet)."""
    if not meeting.minutes.exists():
        minutes_start(actor=actor, meeting=meeting)
    _draft_of(meeting)
    item = ActionItem(
        municipality_id=meeting.municipality_id,
        body_id=meeting.body_id,
        meeting=meeting,
    )
    _assign(item, values)
    _check_action(item)
    item.save()
    audit.record_created(actor=actor, instance=item)
    # Meetings planned already come to see it on their agenda (Wiedervorlage).
    later = Meeting.objects.filter(
        body_id=meeting.body_id, starts_at__gt=meeting.starts_at, minutes__isnull=True
    )
    for planned in later:
        follow_ups_ensure(meeting=planned)
    return item


def _refuse_agreed(item: ActionItem) -> None:
    if has_approved_minutes(item.meeting):
        raise KetteError(
            _(
                "This action item is part of approved minutes; only its status "
                "can change."
            )
        )


@transaction.atomic
def action_item_update(*, actor: Any, item: ActionItem, **values: Any) -> ActionItem:
    """Change what was agreed (only before the minutes are first approved)."""
    _refuse_agreed(item)
    before = audit.snapshot(item)
    _assign(item, values)
    _check_action(item)
    item.save()
    audit.record_updated(actor=actor, instance=item, before=before)
    return item


@transaction.atomic
def action_item_delete(*, actor: Any, item: ActionItem) -> None:
    _refuse_agreed(item)
    audit.record_deleted(actor=actor, instance=item, before=audit.snapshot(item))
    item.delete()


@transaction.atomic
def action_item_set_status(
    *,
    actor: Any,
    item: ActionItem,
    status: str,
    done_on: dt.date | None = None,
    note: str | None = None,
) -> ActionItem:
    """Move an action item on (open, in progress, done, dropped); a done
    item carries the day it was done (today unless given)."""
    if status not in ActionStatus.values:
        message = _("Please choose a valid status.")
        raise KetteError(message, errors={"status": [message]})
    before = audit.snapshot(item)
    item.status = status
    if status == ActionStatus.DONE:
        item.done_on = done_on or item.done_on or timezone.localdate()
    else:
        item.done_on = None
    if note is not None:
        item.status_note = note
    item.full_clean(exclude=["municipality", "body", "meeting", "agenda_item"])
    item.save()
    audit.record_updated(actor=actor, instance=item, before=before)
    return item


@transaction.atomic
def action_item_to_measure(*, actor: Any, item: ActionItem, goal: Goal) -> Measure:
    """Take the action item over as a measure of ``goal`` ("Als Maßnahme
    übernehmen"): task, responsibility and due date go with it."""
    if goal.municipality_id != item.municipality_id:
        message = _("The goal belongs to another municipality.")
        raise KetteError(message, errors={"goal": [message]})
    if item.measure_id is not None:
        raise KetteError(_("This action item is already a measure."))
    person = item.responsible_person
    fields: dict[str, Any] = {
        "responsible_organisation": item.responsible_organisation,
        "due": item.due,
    }
    if person is not None and person.user_id is not None and not person.is_erased:
        fields["responsible_person"] = person.user
    elif person is not None:
        fields["responsibility_note"] = person.display_name[:250]
    measure = measure_create(actor=actor, goal=goal, task=item.task, **fields)
    before = audit.snapshot(item)
    item.measure = measure
    item.save(update_fields=["measure", "updated_at"])
    audit.record_updated(actor=actor, instance=item, before=before)
    return measure
