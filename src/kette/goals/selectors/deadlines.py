"""Reads of measure deadlines: when a measure is due (a repeating one: its
next date), the measures to remind people of, and the calendar feed keys.

A calendar program cannot log in, so a feed's address carries the person's
key, signed (``feed_token``): a made-up or mistyped address is refused before
the database is asked, and a new key makes every old address useless.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet

from kette.core.models import Municipality

from ..models import CalendarFeedKey, Measure, MeasureReminder, Recurrence
from ..models import ReminderKind as Kind
from .balance import FULLY
from .goals import goal_outline, person_measures

MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.YEARLY: 12}
_FEED_SALT = "kette.goals.calendar-feed"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def first_deadline(measure: Measure) -> dt.date | None:
    """The due date; a repeating measure without one repeats from its start."""
    if measure.recurrence:
        return measure.due or measure.start
    return measure.due


def deadline(measure: Measure, today: dt.date) -> dt.date | None:
    """The deadline that counts on ``today``: a one-off measure's due date; a
    repeating measure's next date on or after today (None once it has ended)."""
    first = first_deadline(measure)
    if first is None or not measure.recurrence or first >= today:
        return first
    step = MONTHS[measure.recurrence]
    months = ((today.year - first.year) * 12 + today.month - first.month) // step
    day = add_months(first, months * step)
    while day < today:
        months += 1
        day = add_months(first, months * step)
    if measure.recurrence_until and day > measure.recurrence_until:
        return None
    return day


@dataclass
class Reminder:
    """One measure in a reminder mail."""

    measure: Measure
    code: str
    kind: str
    due: dt.date
    link: str = ""  # set when mailed

    @property
    def overdue(self) -> bool:
        return self.kind == Kind.OVERDUE


def reminders_due(
    *, municipality: Municipality, today: dt.date, days: int, every: int
) -> dict[Any, list[Reminder]]:
    """{person: their reminders}: measures not fully implemented whose
    deadline is past or within ``days``, of responsible people who still have
    a role in the municipality and an e-mail address, leaving out what was
    mailed for the same measure, kind and date in the last ``every`` days."""
    horizon = today + dt.timedelta(days=days)
    measures = (
        Measure.objects.for_municipality(municipality)
        .filter(
            responsible_person__is_active=True,
            responsible_person__memberships__municipality=municipality,
        )
        .exclude(responsible_person__email="")
        .exclude(status__code=FULLY)
        .filter(Q(due__lte=horizon) | ~Q(recurrence=Recurrence.NONE))
        .select_related("responsible_person", "status")
        .distinct()
    )
    sent = set(
        MeasureReminder.objects.for_municipality(municipality)
        .filter(sent_on__gt=today - dt.timedelta(days=every))
        .values_list("measure_id", "kind", "due")
    )
    codes = {
        node.goal.pk: node.code for node in goal_outline(municipality=municipality)
    }
    found: dict[Any, list[Reminder]] = {}
    for measure in measures:
        due = deadline(measure, today)
        if due is None or due > horizon:
            continue
        kind = Kind.OVERDUE if due < today else Kind.DUE_SOON
        if (measure.pk, kind, due) in sent:
            continue
        code = f"{codes[measure.goal_id]}.{measure.number}"
        found.setdefault(measure.responsible_person, []).append(
            Reminder(measure, code, kind, due)
        )
    for items in found.values():
        items.sort(key=lambda item: (item.due, item.code))
    return found


# --- Calendar feeds ---


def feed_measures(
    *, municipality: Municipality, person: Any = None
) -> tuple[QuerySet[Measure], dict[int, str]]:
    """Measures with a deadline (all, or those ``person`` is responsible for)
    and the codes of their goals."""
    measures = (
        Measure.objects.for_municipality(municipality)
        .filter(Q(due__isnull=False) | Q(start__isnull=False, recurrence__gt=""))
        .select_related("goal", "status", "responsible_person")
        .order_by("goal_id", "number")
    )
    if person is not None:
        measures = measures.filter(responsible_person=person)
    codes = {
        node.goal.pk: node.code for node in goal_outline(municipality=municipality)
    }
    return measures, codes


def feed_key(*, municipality: Municipality, user: Any) -> CalendarFeedKey | None:
    return (
        CalendarFeedKey.objects.for_municipality(municipality).filter(user=user).first()
    )


def feed_token(key: CalendarFeedKey) -> str:
    """The token in the person's feed addresses."""
    return signing.Signer(salt=_FEED_SALT, sep=".").sign(key.key)


def feed_key_for_token(token: str) -> CalendarFeedKey | None:
    """The key a feed address carries; None for any other token."""
    try:
        key = signing.Signer(salt=_FEED_SALT, sep=".").unsign(token)
    except signing.BadSignature:
        return None
    return (
        CalendarFeedKey.objects.select_related("municipality", "user")
        .filter(key=key)
        .first()
    )


@dataclass(frozen=True)
class PersonMeasure:
    """A row of a person's measures: the measure, its grid number, the
    deadline that counts today and whether it has passed unfinished."""

    measure: Measure
    code: str
    deadline: dt.date | None
    overdue: bool


def person_deadlines(
    *, municipality: Municipality, user: Any, today: dt.date
) -> list[PersonMeasure]:
    """The measures ``user`` is responsible for across goals, in grid order,
    each with its deadline (a repeating one's next date)."""
    rows = []
    for row in person_measures(municipality=municipality, user=user):
        day = deadline(row.measure, today)
        overdue = day is not None and day < today and row.measure.status.code != FULLY
        rows.append(PersonMeasure(row.measure, row.code, day, overdue))
    return rows
