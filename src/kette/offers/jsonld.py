"""schema.org JSON-LD for an offer page: a ``Service`` and an ``Event`` per session.

Search engines and assistants read it; it says who provides the offer, where
(``areaServed``: the municipality and the districts of its places), for whom
(``audience``: a ``PeopleAudience`` with the age range in years), in which
languages, whether it is free and when it is open.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from kette.core.models import Municipality, Organisation
from kette.core.models.municipality import MunicipalityKind

from .ages import age_in_words
from .ical import BERLIN
from .models import CostKind, Offer, OfferLocation, OfferSchedule, ScheduleKind

DAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


def _years(months: int | None) -> float | int | None:
    """Months as years for schema.org: pregnancy counts as 0, 18 months as 1.5."""
    if months is None:
        return None
    years = round(max(months, 0) / 12, 1)
    return int(years) if years == int(years) else years


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _address(street: str, postal_code: str, city: str) -> dict[str, Any] | None:
    if not (street or postal_code or city):
        return None
    return _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": street,
            "postalCode": postal_code,
            "addressLocality": city,
            "addressCountry": "DE",
        }
    )


def _organisation(organisation: Organisation) -> dict[str, Any]:
    return _compact(
        {
            "@type": "Organization",
            "name": organisation.name,
            "url": organisation.website,
            "email": organisation.email,
            "telephone": organisation.phone,
            "address": _address(
                organisation.street, organisation.postal_code, organisation.city
            ),
        }
    )


def _place(location: OfferLocation) -> dict[str, Any]:
    geo = None
    if location.latitude is not None and location.longitude is not None:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    return _compact(
        {
            "@type": "Place",
            "name": location.name or location.address,
            "address": _address(location.street, location.postal_code, location.city),
            "geo": geo,
            "containedInPlace": (
                {"@type": "AdministrativeArea", "name": location.district.name}
                if location.district
                else None
            ),
        }
    )


def _area(municipality: Municipality) -> dict[str, Any]:
    kind = (
        "City"
        if municipality.kind == MunicipalityKind.INDEPENDENT_CITY
        else "AdministrativeArea"
    )
    return {"@type": kind, "name": municipality.name}


def _opening_hours(schedule: OfferSchedule) -> dict[str, Any]:
    return _compact(
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{DAYS[schedule.weekday]}",
            "opens": schedule.opens_at.strftime("%H:%M") if schedule.opens_at else "",
            "closes": (
                schedule.closes_at.strftime("%H:%M") if schedule.closes_at else ""
            ),
            "validFrom": schedule.valid_from.isoformat() if schedule.valid_from else "",
            "validThrough": (
                schedule.valid_until.isoformat() if schedule.valid_until else ""
            ),
        }
    )


def _moment(day: dt.date, time: dt.time | None) -> str:
    if time is None:
        return day.isoformat()
    return dt.datetime.combine(day, time, tzinfo=BERLIN).isoformat()


def _price(offer: Offer) -> dict[str, Any]:
    if offer.cost == CostKind.FREE:
        return {"@type": "Offer", "price": "0", "priceCurrency": "EUR"}
    return _compact(
        {"@type": "Offer", "priceCurrency": "EUR", "description": offer.cost_text}
    )


def offer_jsonld(offer: Offer, *, url: str, municipality: Municipality) -> dict:
    """The JSON-LD document of ``offer`` (everything prefetched, see offer_get)."""
    locations = list(offer.locations.all())
    free = offer.cost == CostKind.FREE
    provider = _organisation(offer.organisation)
    audience = _compact(
        {
            "@type": "PeopleAudience",
            "suggestedMinAge": _years(offer.min_age_months),
            "suggestedMaxAge": _years(offer.max_age_months),
            "audienceType": ", ".join(t.label for t in offer.target_groups.all())
            or age_in_words(offer.min_age_months, offer.max_age_months),
        }
    )
    languages = [
        {"@type": "Language", "name": term.label, "alternateName": term.code}
        for term in offer.languages.all()
    ]
    districts = list(
        {loc.district.pk: loc.district for loc in locations if loc.district}.values()
    )
    area = [_area(municipality)] + [
        {
            "@type": "AdministrativeArea",
            "name": district.name,
            "containedInPlace": _area(municipality),
        }
        for district in districts
    ]
    channels = [
        _compact(
            {
                "@type": "ServiceChannel",
                "serviceLocation": _place(location),
                "servicePhone": (
                    {"@type": "ContactPoint", "telephone": offer.phone}
                    if offer.phone
                    else None
                ),
                "serviceUrl": offer.website,
            }
        )
        for location in locations
    ]
    schedules = list(offer.schedules.all())
    service = _compact(
        {
            "@type": "Service",
            "@id": f"{url}#service",
            "name": offer.title,
            "description": offer.summary or offer.description,
            "url": url,
            "provider": provider,
            "areaServed": area,
            "audience": audience,
            "availableLanguage": languages,
            "isAccessibleForFree": free,
            "offers": _price(offer),
            "serviceType": ", ".join(t.label for t in offer.fields_of_action.all()),
            "availableChannel": channels,
            "hoursAvailable": [
                _opening_hours(s)
                for s in schedules
                if s.kind == ScheduleKind.WEEKLY and s.weekday is not None
            ],
            "email": offer.email,
            "telephone": offer.phone,
            "sameAs": offer.website,
        }
    )
    # isAccessibleForFree must stay even when False.
    service["isAccessibleForFree"] = free
    by_pk = {location.pk: location for location in locations}
    events = []
    for schedule in schedules:
        if schedule.kind != ScheduleKind.DATED or schedule.date is None:
            continue
        place = by_pk.get(schedule.location_id) or (locations[0] if locations else None)
        event = _compact(
            {
                "@type": "Event",
                "name": offer.title,
                "description": schedule.note or offer.summary,
                "url": url,
                "startDate": _moment(schedule.date, schedule.opens_at),
                "endDate": (
                    _moment(schedule.date, schedule.closes_at)
                    if schedule.closes_at
                    else ""
                ),
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "location": _place(place) if place else _area(municipality),
                "organizer": provider,
                "audience": audience,
                "offers": _price(offer),
                "inLanguage": [term.code for term in offer.languages.all()],
            }
        )
        event["isAccessibleForFree"] = free
        events.append(event)
    return {"@context": "https://schema.org", "@graph": [service, *events]}


def as_script(data: dict) -> SafeString:
    """JSON for a ``<script type="application/ld+json">``; '<', '>' and '&' escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above, and it is JSON
