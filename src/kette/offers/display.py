"""An offer's content (the dict of services/content.py) as readable rows.

The staff pages show an offer with these rows, and the review compares the
published version with proposed changes row by row: comparing readable text
rather than raw values means "09:00" and "09:00:00" are not a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core import audit_display
from kette.core.models import Organisation

from .ages import age_in_words
from .models import CostKind, Offer, OfferSchedule, ScheduleKind
from .services.content import VOCABULARY_FIELDS


@dataclass
class Row:
    key: str
    label: str
    values: list[str]


@dataclass
class DiffRow:
    key: str
    label: str
    old: list[str]
    new: list[str]
    # Terms (life phases, target groups ...) are a set: their order is no change.
    unordered: bool = False

    @property
    def changed(self) -> bool:
        if self.unordered:
            return sorted(self.old) != sorted(self.new)
        return self.old != self.new


def _label(name: str) -> str:
    text = str(Offer._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def format_age_range(low: Any, high: Any) -> str:
    """An age range in words, as the public directory says it (offers/ages.py)."""
    return age_in_words(low, high)


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


def _place_label(locations: list[dict], index: Any) -> str:
    if not isinstance(index, int) or not 0 <= index < len(locations):
        return ""
    place = locations[index] or {}
    return (
        place.get("name") or place.get("street") or _("place %(n)d") % {"n": index + 1}
    )


def location_text(place: dict) -> str:
    town = " ".join(str(place[k]) for k in ("postal_code", "city") if place.get(k))
    address = ", ".join(
        part for part in (place.get("name"), place.get("street"), town) if part
    )
    if place.get("latitude") is not None and place.get("longitude") is not None:
        address += f" ({place['latitude']}, {place['longitude']})"
    if place.get("accessibility"):
        address += " – " + _("Accessibility: %(text)s") % {
            "text": place["accessibility"]
        }
    return address


# --- Times: one wording for the staff pages, the change log and the directory


@dataclass
class TimeRow:
    """One time of an offer in words, in the parts the directory's table shows."""

    when: str  # the weekday, or the date of a dated time
    hours: str
    place: str = ""
    note: str = ""
    validity: str = ""
    every: str = ""  # "every Tuesday" for a weekly time: how a sentence says it

    @property
    def text(self) -> str:
        """The whole time on one line: "every Tuesday 09:00 to 12:00, place, ..."."""
        when = self.every or self.when
        first = f"{when} {self.hours}" if self.hours else when
        return ", ".join(p for p in (first, self.place, self.validity, self.note) if p)


def _value(time: Mapping[str, Any] | OfferSchedule, name: str) -> Any:
    return time.get(name) if isinstance(time, Mapping) else getattr(time, name)


def _date(value: Any, *parts: str) -> str:
    """A date of a schedule (a date, or an ISO text in content dicts) in the
    formats ``parts`` (default: the short date); a text that is no date as it is."""
    if not value:
        return ""
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    formats_ = parts or ("SHORT_DATE_FORMAT",)
    return ", ".join(formats.date_format(value, part) for part in formats_)


def _time(value: Any) -> str:
    return str(value)[:5] if value else ""


def _hours(time: Mapping[str, Any] | OfferSchedule) -> str:
    start, end = _time(_value(time, "opens_at")), _time(_value(time, "closes_at"))
    if start and end:
        return _("%(start)s to %(end)s") % {"start": start, "end": end}
    if start:
        return _("from %(start)s") % {"start": start}
    return ""


def _validity(time: Mapping[str, Any] | OfferSchedule) -> str:
    start, end = _date(_value(time, "valid_from")), _date(_value(time, "valid_until"))
    if start and end:
        return _("%(start)s to %(end)s") % {"start": start, "end": end}
    if start:
        return _("from %(date)s") % {"date": start}
    if end:
        return _("until %(date)s") % {"date": end}
    return ""


def time_row(time: Mapping[str, Any] | OfferSchedule, *, place: str = "") -> TimeRow:
    """``time`` (an ``OfferSchedule`` or a schedule of an offer's content) in words.

    A weekly time says its weekday ("every week" without one), a dated one its
    date in full; the hours and the validity read "09:00 to 12:00" and "from
    01.05.2025". ``place`` is the name of the time's place, if it has one.
    """
    every = ""
    if _value(time, "kind") == ScheduleKind.DATED:
        when = _date(_value(time, "date"), "l", "DATE_FORMAT") or _("date missing")
    else:
        day = _value(time, "weekday")
        if isinstance(day, int) and day in WEEKDAYS:
            when = str(WEEKDAYS[day])
            every = _("every %(weekday)s") % {"weekday": WEEKDAYS[day]}
        else:
            when = every = _("every week")
    return TimeRow(
        when=when,
        hours=_hours(time),
        place=place,
        note=str(_value(time, "note") or ""),
        validity=_validity(time),
        every=every,
    )


def schedule_text(time: dict, locations: list[dict]) -> str:
    """A schedule of an offer's content on one line (``locations``: its places)."""
    return time_row(time, place=_place_label(locations, time.get("location"))).text


def contact_text(person: dict) -> str:
    name = person.get("name") or ""
    if person.get("role"):
        name += f" ({person['role']})"
    return ", ".join(p for p in (name, person.get("phone"), person.get("email")) if p)


def _vocabulary_labels(name: str, codes: Any) -> list[str]:
    if not codes:
        return []
    model = VOCABULARY_FIELDS[name]
    labels = {term.code: term.label for term in model.objects.filter(code__in=codes)}
    return [labels.get(code, str(code)) for code in codes]


def content_rows(content: dict) -> list[Row]:
    """Every part of an offer's content, in the order of the edit form."""
    organisation = (
        Organisation.objects.filter(pk=content.get("organisation")).first()
        if str(content.get("organisation") or "").isdigit()
        else None
    )
    cost = content.get("cost")
    cost_text = CostKind(cost).label if cost in CostKind.values else _text(cost)
    if content.get("cost_text"):
        cost_text = f"{cost_text}: {content['cost_text']}"
    registration = _text(bool(content.get("registration_required")))
    if content.get("registration_text"):
        registration = f"{registration}: {content['registration_text']}"
    locations = [loc or {} for loc in content.get("locations") or []]
    rows = [
        Row("organisation", _("Organisation"), [str(organisation or "")]),
        Row("title", _label("title"), [_text(content.get("title"))]),
        Row("summary", _label("summary"), [_text(content.get("summary"))]),
        Row("description", _label("description"), [_text(content.get("description"))]),
        Row(
            "age",
            _("Age range"),
            [
                age_in_words(
                    content.get("min_age_months"), content.get("max_age_months")
                )
            ],
        ),
    ]
    for name in VOCABULARY_FIELDS:
        rows.append(
            Row(name, _label(name), _vocabulary_labels(name, content.get(name)))
        )
    rows += [
        Row("cost", _label("cost"), [cost_text]),
        Row("registration", _label("registration_required"), [registration]),
        Row("capacity", _("Number of places"), [_text(content.get("capacity"))]),
        Row("website", _label("website"), [_text(content.get("website"))]),
        Row("email", _label("email"), [_text(content.get("email"))]),
        Row("phone", _label("phone"), [_text(content.get("phone"))]),
        Row("locations", _("Places"), [location_text(p) for p in locations]),
        Row(
            "schedules",
            _("Times"),
            [schedule_text(t or {}, locations) for t in content.get("schedules") or []],
        ),
        Row(
            "contacts",
            _("Contact persons"),
            [contact_text(c or {}) for c in content.get("contacts") or []],
        ),
    ]
    for row in rows:
        row.values = [value for value in row.values if value]
    return rows


def content_diff(old: dict | None, new: dict) -> list[DiffRow]:
    """Row by row: the published content (``old``, None for a new offer) and ``new``."""
    before = {row.key: row for row in content_rows(old)} if old is not None else {}
    rows = []
    for row in content_rows(new):
        previous = before.get(row.key)
        rows.append(
            DiffRow(
                row.key,
                row.label,
                previous.values if previous else [],
                row.values,
                unordered=row.key in VOCABULARY_FIELDS,
            )
        )
    return rows


def register_audit_renderers() -> None:
    """The change log shows an offer's places, times and contacts as here."""

    def each(text):
        return lambda items: [text(item or {}) for item in items]

    audit_display.register("kette_offers.Offer", "locations", each(location_text))
    audit_display.register(
        "kette_offers.Offer", "schedules", each(lambda t: schedule_text(t, []))
    )
    audit_display.register("kette_offers.Offer", "contacts", each(contact_text))
    # What an HSDS package holds beyond kette's fields is recorded as a
    # checksum (see hsds.checking.fingerprint): named so that it reads as one.
    audit_display.register(
        "kette_offers.Offer",
        "hsds_extra",
        label=gettext_lazy("Further HSDS data (checksum)"),
    )
