"""Measure deadlines as an iCalendar feed, to subscribe to in a calendar program.

Each measure with a due date is an all-day event on that day; a repeating
measure is one event repeating monthly, quarterly or yearly (RRULE) from its
first date (its due date, or else its start) until the end of repetition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from .models import Measure, Recurrence
from .selectors.deadlines import first_deadline

PRODID = "-//kette//Ziele und Massnahmen//DE"
RULES = {
    Recurrence.MONTHLY: {"freq": "monthly"},
    Recurrence.QUARTERLY: {"freq": "monthly", "interval": 3},
    Recurrence.YEARLY: {"freq": "yearly"},
}


def measure_calendar(
    measures: Iterable[Measure],
    *,
    codes: dict[int, str],
    name: str,
    link: Callable[[Measure], str],
    host: str = "kette",
) -> Calendar:
    """The calendar of ``measures`` (their goals' codes in ``codes``);
    ``link(measure)`` is the address of the measure's page."""
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for measure in measures:
        first = first_deadline(measure)
        if first is None:
            continue
        code = f"{codes[measure.goal_id]}.{measure.number}"
        task = measure.task.strip()
        url = link(measure)
        event = Event()
        event.add("uid", f"measure-{measure.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{code} {task.splitlines()[0][:120] if task else ''}")
        event.add("dtstart", first)
        event.add("dtend", first + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        parts = [task, measure.status.label, url]
        if measure.responsible_person:
            parts.insert(1, measure.responsible_person.display_name)
        event.add("description", "\n\n".join(part for part in parts if part))
        event.add("url", url)
        if measure.recurrence:
            rule = dict(RULES[measure.recurrence])
            if measure.recurrence_until:
                rule["until"] = measure.recurrence_until
            event.add("rrule", vRecur(rule))
        calendar.add_component(event)
    return calendar
