"""Reads across bodies for one person: their action items ("my tasks"), the
meetings of the bodies they sit in, the reminders due, and what a calendar
feed holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from kette.core.models import Municipality

from ..models import (
    OPEN_ACTION_STATUSES,
    ActionItem,
    ActionItemReminder,
    ActionReminderKind,
    Body,
    BodyMember,
    Meeting,
    Person,
)
from .people import current_members, persons_of_user

#: Done items stay on "my tasks" this long.
DONE_SHOWN_DAYS = 90


@dataclass(frozen=True)
class Task:
    item: ActionItem
    overdue: bool
    due_soon: bool


def _tasks(items: QuerySet[ActionItem], today: dt.date, days: int) -> list[Task]:
    horizon = today + dt.timedelta(days=days)
    rows = []
    for item in items:
        is_open = item.status in OPEN_ACTION_STATUSES
        overdue = is_open and item.due is not None and item.due < today
        soon = is_open and item.due is not None and today <= item.due <= horizon
        rows.append(Task(item, overdue, soon))
    return rows


def my_tasks(
    *,
    municipality: Municipality,
    user: Any,
    today: dt.date | None = None,
    days: int = 14,
) -> tuple[list[Task], list[Task]]:
    """(open, recently done) action items the user is responsible for, across
    all bodies of the municipality; open ones by due date (none last)."""
    today = today or timezone.localdate()
    persons = persons_of_user(user, municipality.pk)
    items = (
        ActionItem.objects.for_municipality(municipality)
        .filter(responsible_person__in=persons)
        .select_related("body", "meeting")
    )
    open_items = items.filter(status__in=OPEN_ACTION_STATUSES).order_by(
        "due", "meeting__starts_at", "pk"
    )
    done = items.exclude(status__in=OPEN_ACTION_STATUSES).filter(
        updated_at__date__gte=today - dt.timedelta(days=DONE_SHOWN_DAYS)
    )
    open_rows = _tasks(open_items, today, days)
    open_rows.sort(key=lambda row: (row.item.due is None, row.item.due or today))
    return open_rows, _tasks(done.order_by("-updated_at"), today, days)


def my_bodies(*, municipality: Municipality, user: Any) -> QuerySet[Body]:
    """The bodies the user sits in today or leads."""
    persons = persons_of_user(user, municipality.pk)
    return (
        Body.objects.for_municipality(municipality)
        .filter(
            Q(lead_person__in=persons)
            | Q(
                members__in=BodyMember.objects.filter(
                    current_members(), person__in=persons
                )
            )
        )
        .distinct()
        .order_by("name")
    )


def upcoming_meetings(
    *, bodies: QuerySet[Body], now: dt.datetime | None = None
) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body__in=bodies, starts_at__gte=now or timezone.now())
        .select_related("body")
        .order_by("starts_at")
    )


# --- reminders --------------------------------------------------------------


@dataclass
class ActionReminder:
    item: ActionItem
    kind: str
    due: dt.date
    link: str = ""  # set when mailed

    @property
    def overdue(self) -> bool:
        return self.kind == ActionReminderKind.OVERDUE


def reminders_due(
    *, municipality: Municipality, today: dt.date, days: int, every: int
) -> dict[Person, list[ActionReminder]]:
    """{person: their reminders}: open action items due within ``days`` or
    overdue, of responsible people with an e-mail address (erased people
    have none), leaving out what was mailed for the same item, kind and date
    in the last ``every`` days."""
    horizon = today + dt.timedelta(days=days)
    items = (
        ActionItem.objects.for_municipality(municipality)
        .filter(status__in=OPEN_ACTION_STATUSES, due__lte=horizon)
        .exclude(responsible_person__isnull=True)
        .exclude(responsible_person__email="")
        .select_related("responsible_person", "body", "meeting")
        .order_by("due", "pk")
    )
    sent = set(
        ActionItemReminder.objects.for_municipality(municipality)
        .filter(sent_on__gt=today - dt.timedelta(days=every))
        .values_list("action_item_id", "kind", "due")
    )
    found: dict[Person, list[ActionReminder]] = {}
    for item in items:
        kind = (
            ActionReminderKind.OVERDUE
            if item.due < today
            else ActionReminderKind.DUE_SOON
        )
        if (item.pk, kind, item.due) in sent:
            continue
        found.setdefault(item.responsible_person, []).append(
            ActionReminder(item, kind, item.due)
        )
    return found


# --- calendar feeds ---------------------------------------------------------


def feed_for_user(
    *, municipality: Municipality, user: Any
) -> tuple[QuerySet[Meeting], QuerySet[ActionItem]]:
    """The meetings of the user's bodies and the due dates of their open
    action items."""
    bodies = my_bodies(municipality=municipality, user=user)
    meetings = Meeting.objects.filter(body__in=bodies).select_related("body")
    items = (
        ActionItem.objects.for_municipality(municipality)
        .filter(
            responsible_person__in=persons_of_user(user, municipality.pk),
            status__in=OPEN_ACTION_STATUSES,
            due__isnull=False,
        )
        .select_related("body")
    )
    return meetings, items


def feed_for_body(body: Body) -> tuple[QuerySet[Meeting], QuerySet[ActionItem]]:
    """A body's meetings and the due dates of its open action items."""
    meetings = body.meetings.select_related("body")
    items = body.action_items.filter(
        status__in=OPEN_ACTION_STATUSES, due__isnull=False
    ).select_related("body", "responsible_person")
    return meetings, items


# --- the API's lists --------------------------------------------------------


def readable_bodies(*, municipality: Municipality, user: Any) -> QuerySet[Body]:
    """The bodies whose internals (meetings, minutes, action items) the user
    may read: all for coordinators and the state admin, else those they sit
    in or lead."""
    if user.has_perm("networks.manage_registry", municipality):
        return Body.objects.for_municipality(municipality)
    return my_bodies(municipality=municipality, user=user)


def visible_action_items(
    *, municipality: Municipality, user: Any
) -> QuerySet[ActionItem]:
    """Action items of the bodies the user may read, and their own."""
    bodies = readable_bodies(municipality=municipality, user=user)
    return (
        ActionItem.objects.for_municipality(municipality)
        .filter(
            Q(body__in=bodies)
            | Q(responsible_person__in=persons_of_user(user, municipality.pk))
        )
        .select_related(
            "body", "meeting", "responsible_person", "responsible_organisation"
        )
        .distinct()
        .order_by("due", "pk")
    )
