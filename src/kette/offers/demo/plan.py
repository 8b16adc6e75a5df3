"""Turning the demo's templates into planned offers: content, status, dates.

Everything random is drawn from a generator of the offer's own (seeded with
the town and the offer's key), so an offer stays the same when templates are
added or changed elsewhere.
"""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from random import Random
from typing import Any

from django.utils import timezone

from kette.core.demo import DemoContext
from kette.core.demo.geography import random_point_in
from kette.core.demo.places import Area, Town
from kette.core.demo.providers import PROVIDERS, Provider
from kette.core.models import District, LifePhase, Organisation

from ..models import OfferStatus
from .templates import (
    ACCESSIBILITY,
    FIRST_NAMES,
    LANGUAGE_ODDS,
    LAST_NAMES,
    PENDING_NOTES,
    RETURN_COMMENTS,
    WEEKDAYS,
    Template,
)

#: The demo's "today": verification dates lie in the two years before it and
#: courses start after it. Fixed, so that every run gives the same data.
TODAY = dt.date(2026, 11, 2)
#: Offers' ids are uuid5 of this namespace and "<town>:<template key>:<n>".
NAMESPACE = uuid.UUID("5b0f4c1e-8d6a-4f0e-9a57-6b1d2c3e4f50")
MIGRANT_TARGETS = {"migrant-families", "refugees"}
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})


@dataclass
class PlannedOffer:
    id: uuid.UUID
    key: str
    template: Template
    index: int
    organisation: Organisation
    content: dict[str, Any]
    status: str = OfferStatus.PUBLISHED
    last_verified: dt.date | None = None
    published_at: dt.datetime | None = None
    review_comment: str = ""
    pending: dict[str, Any] | None = None
    rng: Random = field(default_factory=Random, repr=False)


def offer_uuid(town: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{town}:{key}")


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(UMLAUTS))
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c in ".-"))


def _phone(town: Town, provider: Provider, rng: Random) -> str:
    if provider.web.startswith("@"):
        return f"{town.phone_prefix} 825-{rng.randint(1000, 9899)}"
    digits = 7 if len(town.phone_prefix) == 4 else 5
    return f"{town.phone_prefix} {rng.randint(2 * 10 ** (digits - 1), 10**digits - 1)}"


def _contact(town: Town, provider: Provider, role: str, rng: Random) -> dict:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    domain = (
        f"{town.slug}.example"
        if provider.web.startswith("@")
        else f"{provider.web}.example"
    )
    return {
        "name": f"{first} {last}",
        "role": role,
        "phone": _phone(town, provider, rng),
        "email": f"{_ascii(first)}.{_ascii(last)}@{domain}",
    }


def _clock(text: str) -> str:
    return dt.time.fromisoformat(text).isoformat()


def _schedules(template: Template, places: int, rng: Random) -> list[dict]:
    """The template's times as schedule rows in the order the database keeps them."""
    rows = []
    weekly = 0
    note = "nicht in den Schulferien" if "school-education" in template.fields else ""
    for part in filter(None, (p.strip() for p in template.times.split(";"))):
        words = part.split()
        kind = words.pop(0) if words[0] in ("kurs", "termin") else "weekly"
        day, span = WEEKDAYS[words[0]], words[1]
        count = int(words[2][1:]) if len(words) > 2 else 1
        opens, closes = (_clock(t) for t in span.split("-"))
        row = {
            "kind": "weekly",
            "weekday": day,
            "date": None,
            "opens_at": opens,
            "closes_at": closes,
            "valid_from": None,
            "valid_until": None,
            "note": note,
            "location": weekly % places if places else None,
        }
        if kind == "weekly":
            rows.append(row)
            weekly += 1
            continue
        start = TODAY + dt.timedelta(days=(day - TODAY.weekday()) % 7)
        start += dt.timedelta(weeks=rng.randint(0, 10))
        step = 1 if kind == "kurs" else rng.randint(3, 8)
        for number in range(count):
            date = start + dt.timedelta(weeks=number * step)
            rows.append(
                row
                | {
                    "kind": "dated",
                    "weekday": None,
                    "date": date.isoformat(),
                    "note": f"Termin {number + 1} von {count}" if count > 1 else "",
                    "location": 0 if places else None,
                }
            )
    return sorted(
        rows,
        key=lambda r: (r["kind"], r["date"] or "", r["weekday"] or 0, r["opens_at"]),
    )


def _life_phases(ages: tuple[int | None, int | None], phases) -> list[str]:
    low = -9 if ages[0] is None else ages[0]
    high = 324 if ages[1] is None else ages[1]
    need = min(18, (high - low) / 2)
    return sorted(
        phase.code
        for phase in phases
        if min(high, phase.max_months) - max(low, phase.min_months) >= need
    )


def _languages(template: Template, rng: Random) -> list[str]:
    boost = 2.5 if MIGRANT_TARGETS & set(template.targets) else 1.0
    extra = {
        code for code, odds in LANGUAGE_ODDS.items() if rng.random() < odds * boost
    }
    return sorted({"de", *template.languages, *extra})


class Planner:
    """Plans the offers of one town from its templates."""

    def __init__(self, context: DemoContext, town: Town, aliases: dict[str, str]):
        self.context = context
        self.town = town
        self.municipality = context.municipalities[town.slug]
        self.aliases = aliases
        self.areas: dict[str, Area] = {a.code: a for a in town.areas}
        self.providers = {p.name: p for p in PROVIDERS[town.slug]}
        self.organisations = {
            o.name: o
            for o in Organisation.objects.for_municipality(self.municipality).filter(
                name__in=aliases.values()
            )
        }
        self.districts = {
            d.code: d
            for d in District.objects.for_municipality(self.municipality).filter(
                code__in=self.areas
            )
        }
        self.phases = list(LifePhase.objects.filter(is_active=True))

    def plan(self, templates: Iterable[Template]) -> list[PlannedOffer]:
        planned = []
        for template in templates:
            for index, (alias, area_code) in enumerate(self._instances(template)):
                planned.append(self._offer(template, index, alias, area_code))
        return planned

    def _instances(self, template: Template) -> list[tuple[str, str]]:
        providers = template.providers
        if template.areas and not template.multi:
            return [
                (providers[i % len(providers)], code)
                for i, code in enumerate(template.areas)
            ]
        return [
            (alias, self.providers[self.aliases[alias]].area) for alias in providers
        ]

    def _offer(
        self, template: Template, index: int, alias: str, area_code: str
    ) -> PlannedOffer:
        key = f"{template.key}:{index}"
        rng = self.context.random_for(f"offers:{self.town.slug}:{key}")
        name = self.aliases[alias]
        organisation = self.organisations[name]
        provider = self.providers[name]
        area = self.areas[area_code]
        own_address = not template.areas
        codes = list(template.areas) if template.multi else [area_code]
        locations = [
            self._location(template, key, j, code, organisation, own_address, rng)
            for j, code in enumerate(codes)
        ]
        contacts = [_contact(self.town, provider, template.contact, rng)]
        if rng.random() < 0.25:
            contacts.append(_contact(self.town, provider, "Vertretung", rng))
        content = {
            "title": template.title.format(place=area.name, org=name),
            "summary": template.summary,
            "description": template.description,
            "min_age_months": template.ages[0],
            "max_age_months": template.ages[1],
            "cost": "fee" if template.fee else "free",
            "cost_text": template.fee,
            "registration_required": bool(template.registration),
            "registration_text": template.registration,
            "capacity": template.capacity,
            "website": organisation.website,
            "email": organisation.email,
            "phone": organisation.phone,
            "organisation": organisation.pk,
            "life_phases": _life_phases(template.ages, self.phases),
            "fields_of_action": sorted(template.fields),
            "target_groups": sorted(template.targets),
            "prevention_standards": sorted(template.standards),
            "languages": _languages(template, rng),
            "locations": locations,
            "schedules": _schedules(template, len(locations), rng),
            "contacts": contacts,
        }
        offer = PlannedOffer(
            id=offer_uuid(self.town.slug, key),
            key=key,
            template=template,
            index=index,
            organisation=organisation,
            content=content,
            rng=rng,
        )
        self._status(offer)
        return offer

    def _location(
        self,
        template: Template,
        key: str,
        position: int,
        code: str,
        organisation: Organisation,
        own_address: bool,
        rng: Random,
    ) -> dict:
        area = self.areas[code]
        lon, lat = random_point_in(self.districts[code], rng)
        if own_address:
            street = organisation.street
        else:
            street = f"{rng.choice(area.streets)} {rng.randint(1, 140)}"
        venue = template.venue or organisation.name
        return {
            "id": str(offer_uuid(self.town.slug, f"{key}:place:{position}")),
            "name": venue.format(place=area.name, org=organisation.name),
            "street": street,
            "postal_code": area.postal_code,
            "city": self.town.name,
            "latitude": lat,
            "longitude": lon,
            "accessibility": rng.choice(ACCESSIBILITY),
        }

    def _status(self, offer: PlannedOffer) -> None:
        """Draw status and dates; the first offer of a template is published."""
        rng, fixed = offer.rng, offer.template.statuses
        if offer.index < len(fixed):
            status = fixed[offer.index]
        elif offer.index == 0:
            status = OfferStatus.PUBLISHED
        else:
            roll = rng.random()
            status = (
                OfferStatus.DRAFT
                if roll < 0.04
                else OfferStatus.IN_REVIEW
                if roll < 0.07
                else OfferStatus.ARCHIVED
                if roll < 0.09
                else OfferStatus.PUBLISHED
            )
        set_status(offer, status)
        if status == OfferStatus.PUBLISHED and offer.index > 0 and rng.random() < 0.04:
            add_pending(offer)


def set_status(offer: PlannedOffer, status: str, *, returned: bool = False) -> None:
    rng = offer.rng
    offer.status = status
    offer.last_verified = offer.published_at = None
    offer.review_comment = ""
    offer.pending = None
    if status in (OfferStatus.PUBLISHED, OfferStatus.ARCHIVED):
        oldest = 730 if status == OfferStatus.PUBLISHED else 900
        newest = 3 if status == OfferStatus.PUBLISHED else 400
        verified = TODAY - dt.timedelta(days=rng.randint(newest, oldest))
        published = verified - dt.timedelta(days=rng.randint(0, 500))
        offer.last_verified = verified
        offer.published_at = timezone.make_aware(
            dt.datetime.combine(published, dt.time(10, rng.randint(0, 59)))
        )
    if status == OfferStatus.DRAFT and (returned or rng.random() < 0.4):
        offer.review_comment = rng.choice(RETURN_COMMENTS)


def add_pending(offer: PlannedOffer) -> None:
    """Edits to the published offer, submitted and waiting for review."""
    rng = offer.rng
    pending = copy.deepcopy(offer.content)
    note = rng.choice(PENDING_NOTES)
    pending["description"] = f"{pending['description']}\n\n{note}"
    if note == PENDING_NOTES[0]:
        for row in pending["schedules"]:
            opens, closes = (
                dt.time.fromisoformat(row[k]) for k in ("opens_at", "closes_at")
            )
            if closes.hour < 23:
                row["opens_at"] = opens.replace(hour=opens.hour + 1).isoformat()
                row["closes_at"] = closes.replace(hour=closes.hour + 1).isoformat()
    elif note == PENDING_NOTES[2]:
        pending["languages"] = sorted({*pending["languages"], "en"})
    offer.pending = pending
