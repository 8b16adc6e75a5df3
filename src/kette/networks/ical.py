"""Meetings and action-item due dates as an iCalendar feed.

A meeting is a timed event (an hour when its end is not known), an open
action item an all-day event on its due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from .models import ActionItem, Meeting

PRODID = "-//kette//Netzwerke und Gremien//DE"


def network_calendar(
    *,
    name: str,
    meetings: Iterable[Meeting],
    action_items: Iterable[ActionItem],
    meeting_link: Callable[[Meeting], str],
    action_link: Callable[[ActionItem], str],
    due_label: str,
    host: str = "kette",
) -> Calendar:
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        title = meeting.title or meeting.body.name
        event.add(
            "summary",
            title if title == meeting.body.name else f"{meeting.body.name}: {title}",
        )
        start = meeting.starts_at.astimezone(dt.UTC)
        event.add("dtstart", start)
        event.add(
            "dtend",
            (meeting.ends_at or meeting.starts_at + dt.timedelta(hours=1)).astimezone(
                dt.UTC
            ),
        )
        if meeting.place:
            event.add("location", meeting.place)
        url = meeting_link(meeting)
        event.add(
            "description",
            "\n\n".join(part for part in (meeting.online_link, url) if part),
        )
        event.add("url", url)
        calendar.add_component(event)
    for item in action_items:
        event = Event()
        event.add("uid", f"action-item-{item.pk}@{host}")
        event.add("dtstamp", stamp)
        task = item.task.strip().splitlines()[0][:120] if item.task.strip() else ""
        event.add("summary", f"{due_label}: {task}")
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        url = action_link(item)
        event.add("description", "\n\n".join((item.task, item.body.name, url)))
        event.add("url", url)
        calendar.add_component(event)
    return calendar
