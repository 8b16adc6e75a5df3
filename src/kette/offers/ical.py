"""An offer's times as an iCalendar file ("add to calendar").

Weekly opening times become weekly recurring events (RRULE FREQ=WEEKLY) in
Europe/Berlin time, starting with the next such weekday (or the first one of
their validity) and ending with their validity; dated sessions become single
events. Times that have already ended are left out.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vRecur,
    vText,
    vUTCOffset,
)

from .models import Offer, OfferLocation, OfferSchedule, ScheduleKind

BERLIN = ZoneInfo("Europe/Berlin")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODID = "-//kette//Wegweiser//DE"


def _first_weekday(start: dt.date, weekday: int) -> dt.date:
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def _place(schedule: OfferSchedule, offer: Offer) -> OfferLocation | None:
    if schedule.location_id:
        for location in offer.locations.all():
            if location.pk == schedule.location_id:
                return location
    locations = list(offer.locations.all())
    return locations[0] if len(locations) == 1 else None


def _location_text(location: OfferLocation | None) -> str:
    if location is None:
        return ""
    return ", ".join(p for p in (location.name, location.address) if p)


def _times(
    day: dt.date, schedule: OfferSchedule
) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime | None]:
    """Start and end of the event on ``day``: all-day without a start time."""
    if schedule.opens_at is None:
        return day, day + dt.timedelta(days=1)
    start = dt.datetime.combine(day, schedule.opens_at, tzinfo=BERLIN)
    end = (
        dt.datetime.combine(day, schedule.closes_at, tzinfo=BERLIN)
        if schedule.closes_at
        else None
    )
    return start, end


def _event(
    offer: Offer, schedule: OfferSchedule, *, url: str, host: str, stamp: dt.datetime
) -> Event:
    event = Event()
    event.add("uid", f"offer-{offer.pk}-time-{schedule.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("summary", offer.title)
    description = "\n\n".join(p for p in (offer.summary, schedule.note, url) if p)
    event.add("description", description)
    if url:
        event.add("url", url)
    location = _location_text(_place(schedule, offer))
    if location:
        event.add("location", location)
    email = offer.email or offer.organisation.email
    if email:
        organizer = vCalAddress(f"mailto:{email}")
        organizer.params["cn"] = vText(offer.organisation.name)
        event.add("organizer", organizer)
    return event


def offer_calendar(
    offer: Offer,
    *,
    url: str = "",
    host: str = "kette",
    today: dt.date | None = None,
) -> Calendar:
    """The calendar of ``offer``'s times (locations and schedules prefetched)."""
    today = today or timezone.localdate()
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", offer.title)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for schedule in offer.schedules.all():
        if schedule.kind == ScheduleKind.WEEKLY and schedule.weekday is not None:
            if schedule.valid_until and schedule.valid_until < today:
                continue
            first = _first_weekday(
                max(today, schedule.valid_from or today), schedule.weekday
            )
            if schedule.valid_until and first > schedule.valid_until:
                continue
            event = _event(offer, schedule, url=url, host=host, stamp=stamp)
            start, end = _times(first, schedule)
            event.add("dtstart", start)
            if end is not None:
                event.add("dtend", end)
            rule = {"freq": "weekly", "byday": BYDAY[schedule.weekday]}
            if schedule.valid_until:
                last = dt.datetime.combine(
                    schedule.valid_until, dt.time(23, 59, 59), tzinfo=BERLIN
                )
                rule["until"] = (
                    last.astimezone(dt.UTC)
                    if isinstance(start, dt.datetime)
                    else schedule.valid_until
                )
            event.add("rrule", vRecur(rule))
            calendar.add_component(event)
        elif schedule.kind == ScheduleKind.DATED and schedule.date is not None:
            if schedule.date < today:
                continue
            event = _event(offer, schedule, url=url, host=host, stamp=stamp)
            start, end = _times(schedule.date, schedule)
            event.add("dtstart", start)
            if end is not None:
                event.add("dtend", end)
            calendar.add_component(event)
    if calendar.walk("VEVENT"):
        calendar.subcomponents.insert(0, berlin_timezone())
    return calendar


def berlin_timezone() -> Timezone:
    """Europe/Berlin by its rules (EU summer time since 1996), not a list of
    dates: weekly events recur without end, so the zone must not end either."""
    zone = Timezone()
    zone.add("tzid", "Europe/Berlin")
    for kind, start, month, before, after, name in (
        (TimezoneDaylight, dt.datetime(1996, 3, 31, 2), 3, "+0100", "+0200", "CEST"),
        (TimezoneStandard, dt.datetime(1996, 10, 27, 3), 10, "+0200", "+0100", "CET"),
    ):
        part = kind()
        part.add("dtstart", start)
        part.add("rrule", vRecur({"freq": "yearly", "bymonth": month, "byday": "-1SU"}))
        part.add("tzoffsetfrom", vUTCOffset.from_ical(before))
        part.add("tzoffsetto", vUTCOffset.from_ical(after))
        part.add("tzname", name)
        zone.add_component(part)
    return zone
