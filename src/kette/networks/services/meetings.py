"""Writes of meetings and their agenda, with the Wiedervorlage.

One write path for a body's meetings: every function runs in one
transaction, checks that what it links belongs to the meeting's body and
municipality, and records what a person changed in the audit trail.

Once a version of the minutes is approved, what those minutes record about
the meeting (its time and place, who was invited and who came, the agenda)
is fixed: a correction changes the text of the minutes, not the meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.exceptions import KetteError
from kette.core.models.audit import AuditAction
from kette.goals.links import link_key, link_token, new_link_key

from ..models import (
    OPEN_ACTION_STATUSES,
    ActionItem,
    AgendaItem,
    Body,
    BodyMember,
    Meeting,
    MinutesState,
)
from ..selectors.people import current_members

MEETING_FIELDS = ("title", "starts_at", "ends_at", "place", "online_link")
SHARE_SALT = "kette.networks.minutes"
# Positions are moved out of the way first when the agenda is renumbered
# (the position is unique per meeting).
_RENUMBER_OFFSET = 10000


def has_approved_minutes(meeting: Meeting) -> bool:
    return meeting.minutes.filter(state=MinutesState.APPROVED).exists()


def _refuse_when_approved(meeting: Meeting) -> None:
    if has_approved_minutes(meeting):
        raise KetteError(
            _(
                "The minutes of this meeting are approved; what they record "
                "about the meeting can no longer be changed."
            )
        )


def _members(body: Body, members: Iterable[BodyMember], field: str) -> list:
    members = list(members)
    if any(member.body_id != body.pk for member in members):
        raise KetteError(
            _("Only members of this body can be chosen."),
            errors={field: [_("Only members of this body can be chosen.")]},
        )
    return members


def _validate(meeting: Meeting) -> None:
    meeting.full_clean(exclude=["municipality", "body", "invited", "attended"])
    if meeting.ends_at and meeting.ends_at < meeting.starts_at:
        message = _("The end must not be before the start.")
        raise KetteError(message, errors={"ends_at": [message]})


# --- meetings ---------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    body: Body,
    starts_at: dt.datetime,
    invited: Iterable[BodyMember] | None = None,
    agenda: Sequence[str] = (),
    **values: Any,
) -> Meeting:
    """A new meeting of ``body``; invited are the body's current members
    unless given. The open action items of earlier meetings are put on its
    agenda after the items given (Wiedervorlage)."""
    meeting = Meeting(municipality=body.municipality, body=body, starts_at=starts_at)
    _assign(meeting, values)
    _validate(meeting)
    meeting.save()
    if invited is None:
        invited = body.members.filter(current_members())
    meeting.invited.set(_members(body, invited, "invited"))
    for title in agenda:
        _agenda_append(meeting, title=title)
    follow_ups_ensure(meeting=meeting)
    audit.record_created(actor=actor, instance=meeting)
    return meeting


def _assign(meeting: Meeting, values: dict[str, Any]) -> None:
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(meeting, name, value)


@transaction.atomic
def meeting_update(
    *,
    actor: Any,
    meeting: Meeting,
    invited: Iterable[BodyMember] | None = None,
    attended: Iterable[BodyMember] | None = None,
    **values: Any,
) -> Meeting:
    """Change time, place, invitations or attendance (before approval)."""
    _refuse_when_approved(meeting)
    before = audit.snapshot(meeting)
    _assign(meeting, values)
    _validate(meeting)
    meeting.save()
    if invited is not None:
        meeting.invited.set(_members(meeting.body, invited, "invited"))
    if attended is not None:
        meeting.attended.set(_members(meeting.body, attended, "attended"))
    audit.record_updated(actor=actor, instance=meeting, before=before)
    return meeting


def attendance_set(
    *, actor: Any, meeting: Meeting, attended: Iterable[BodyMember]
) -> Meeting:
    """Record who came (replaces the list)."""
    return meeting_update(actor=actor, meeting=meeting, attended=attended)


@transaction.atomic
def meeting_delete(*, actor: Any, meeting: Meeting) -> None:
    """Delete a meeting entered by mistake; not one with approved minutes."""
    _refuse_when_approved(meeting)
    before = audit.snapshot(meeting)
    counts = {
        "agenda": meeting.agenda.count(),
        "action_items": meeting.action_items.count(),
    }
    audit.record_deleted(
        actor=actor,
        instance=meeting,
        before=before,
        extra={"cascaded": [counts, None]},
    )
    meeting.delete()


@transaction.atomic
def meeting_share_renew(*, actor: Any, meeting: Meeting) -> str:
    """A new read-only link for the members; every earlier link stops working."""
    meeting.share_key = new_link_key()
    meeting.save(update_fields=["share_key", "updated_at"])
    # The key itself is a secret: the trail keeps only that it was renewed.
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=meeting,
        changes={"share_link": [None, "renewed"]},
    )
    return share_token(meeting)


def share_token(meeting: Meeting) -> str:
    """The token of the meeting's read-only link ('' when none was made)."""
    if not meeting.share_key:
        return ""
    return link_token(meeting.share_key, salt=SHARE_SALT)


def meeting_by_share_token(token: str) -> Meeting | None:
    """The meeting a read-only link points at, or None (wrong or renewed)."""
    key = link_key(token, salt=SHARE_SALT)
    if not key:
        return None
    return (
        Meeting.objects.select_related("body", "municipality")
        .filter(share_key=key)
        .first()
    )


# --- agenda -----------------------------------------------------------------


def _locked(meeting: Meeting) -> Meeting:
    """Hold the meeting while its agenda is numbered (two writers at once)."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _agenda_append(
    meeting: Meeting, *, title: str, follow_up_of: ActionItem | None = None
) -> AgendaItem:
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting, position=last + 1, title=title, follow_up_of=follow_up_of
    )
    item.full_clean(exclude=["meeting", "follow_up_of"])
    item.save()
    return item


def _title_error(title: str) -> None:
    if not title.strip():
        message = _("Please enter the agenda item.")
        raise KetteError(message, errors={"title": [message]})


@transaction.atomic
def agenda_item_add(*, actor: Any, meeting: Meeting, title: str) -> AgendaItem:
    """Append an item to the agenda."""
    _refuse_when_approved(meeting)
    _title_error(title)
    item = _agenda_append(_locked(meeting), title=title.strip())
    audit.record_created(actor=actor, instance=item)
    return item


@transaction.atomic
def agenda_item_update(*, actor: Any, item: AgendaItem, title: str) -> AgendaItem:
    _refuse_when_approved(item.meeting)
    _title_error(title)
    before = audit.snapshot(item)
    item.title = title.strip()
    item.full_clean(exclude=["meeting", "follow_up_of"])
    item.save()
    audit.record_updated(actor=actor, instance=item, before=before)
    return item


@transaction.atomic
def agenda_item_delete(*, actor: Any, item: AgendaItem) -> None:
    """Remove an item; the ones after it move up."""
    meeting = item.meeting
    _refuse_when_approved(meeting)
    audit.record_deleted(actor=actor, instance=item, before=audit.snapshot(item))
    item.delete()
    _renumber(_locked(meeting), list(meeting.agenda.values_list("pk", flat=True)))


@transaction.atomic
def agenda_reorder(*, actor: Any, meeting: Meeting, order: Sequence[int]) -> None:
    """Number the agenda in the order of the item ids given (all of them)."""
    _refuse_when_approved(meeting)
    meeting = _locked(meeting)
    current = list(meeting.agenda.values_list("pk", flat=True))
    if sorted(order) != sorted(current):
        raise KetteError(_("The agenda changed in the meantime; please try again."))
    _renumber(meeting, list(order))
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=meeting,
        changes={"agenda": [current, list(order)]},
    )


def agenda_item_move(*, actor: Any, item: AgendaItem, by: int) -> None:
    """Move an item up (``by=-1``) or down (``by=1``): the buttons without JS."""
    order = list(item.meeting.agenda.values_list("pk", flat=True))
    index = order.index(item.pk)
    target = min(max(index + by, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    agenda_reorder(actor=actor, meeting=item.meeting, order=order)


def _renumber(meeting: Meeting, order: list[int]) -> None:
    items = AgendaItem.objects.filter(meeting=meeting)
    for index, pk in enumerate(order, start=1):
        items.filter(pk=pk).update(position=_RENUMBER_OFFSET + index)
    for index, pk in enumerate(order, start=1):
        items.filter(pk=pk).update(position=index)


# --- Wiedervorlage -----------------------------------------------------------


def open_earlier_action_items(meeting: Meeting):  # -> QuerySet[ActionItem]
    """The body's action items of earlier meetings that are not done yet."""
    return ActionItem.objects.filter(
        body_id=meeting.body_id,
        status__in=OPEN_ACTION_STATUSES,
        meeting__starts_at__lt=meeting.starts_at,
    ).order_by("meeting__starts_at", "pk")


@transaction.atomic
def follow_ups_ensure(*, meeting: Meeting) -> list[AgendaItem]:
    """Put the open action items of earlier meetings on this meeting's agenda,
    each once, while its minutes are not written yet (Wiedervorlage).

    Called when a meeting is made, and for the meetings planned already when
    an action item is agreed (services/minutes.py), so that it still comes
    back; a page showing the agenda only reads it.
    Not recorded as anyone's write: nobody chose it, the rule did.
    """
    if meeting.minutes.exists():
        return []
    meeting = _locked(meeting)
    present = set(
        meeting.agenda.filter(follow_up_of__isnull=False).values_list(
            "follow_up_of_id", flat=True
        )
    )
    return [
        _agenda_append(meeting, title=item.task[:300], follow_up_of=item)
        for item in open_earlier_action_items(meeting).exclude(pk__in=present)
    ]
