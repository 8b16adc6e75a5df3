"""An offer's editable content as one plain dict, and writing it back.

The same shape serves the web form, the API, the review (a revision stores
it as JSON) and the HSDS import, so there is one validation and one write.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from kette.core.geo import DistrictLocator
from kette.core.models import (
    FieldOfAction,
    Language,
    LifePhase,
    Municipality,
    Organisation,
    PreventionStandard,
    TargetGroup,
)

from ..models import Offer, OfferContact, OfferLocation, OfferSchedule

Content = dict[str, Any]

SCALAR_FIELDS = (
    "title",
    "summary",
    "description",
    "min_age_months",
    "max_age_months",
    "cost",
    "cost_text",
    "registration_required",
    "registration_text",
    "capacity",
    "website",
    "email",
    "phone",
)
VOCABULARY_FIELDS: dict[str, type[models.Model]] = {
    "life_phases": LifePhase,
    "fields_of_action": FieldOfAction,
    "target_groups": TargetGroup,
    "prevention_standards": PreventionStandard,
    "languages": Language,
}
LOCATION_FIELDS = (
    "name",
    "street",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "accessibility",
)
SCHEDULE_FIELDS = (
    "kind",
    "weekday",
    "date",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_until",
    "note",
)
CONTACT_FIELDS = ("name", "role", "phone", "email")
TEMPORAL = (dt.date, dt.time, dt.datetime)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, TEMPORAL) else value


def offer_content(offer: Offer) -> Content:
    """The offer's current content (its published version once published)."""
    content: Content = {name: _plain(getattr(offer, name)) for name in SCALAR_FIELDS}
    content["organisation"] = offer.organisation_id
    for name in VOCABULARY_FIELDS:
        content[name] = sorted(getattr(offer, name).values_list("code", flat=True))
    locations = list(offer.locations.all())
    content["locations"] = [
        {"id": str(loc.pk)} | {f: _plain(getattr(loc, f)) for f in LOCATION_FIELDS}
        for loc in locations
    ]
    index_of = {loc.pk: i for i, loc in enumerate(locations)}
    content["schedules"] = [
        {f: _plain(getattr(s, f)) for f in SCHEDULE_FIELDS}
        | {"location": index_of.get(s.location_id)}
        for s in offer.schedules.all()
    ]
    content["contacts"] = [
        {f: getattr(c, f) for f in CONTACT_FIELDS} for c in offer.contacts.all()
    ]
    return content


def _clean_model(instance: models.Model, prefix: str, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        raise ValidationError(
            {
                f"{prefix}{field}"
                if field != "__all__"
                else prefix.rstrip("."): messages
                for field, messages in error.message_dict.items()
            }
        ) from error


def _vocabulary(name: str, codes: Any) -> list[models.Model]:
    if codes in (None, ""):
        return []
    if not isinstance(codes, list | tuple):
        raise ValidationError({name: _("Give a list of codes.")})
    model = VOCABULARY_FIELDS[name]
    terms = {t.code: t for t in model.objects.filter(code__in=codes, is_active=True)}
    unknown = [code for code in codes if code not in terms]
    if unknown:
        raise ValidationError(
            {
                name: _("Unknown codes: %(codes)s")
                % {"codes": ", ".join(map(str, unknown))}
            }
        )
    return [terms[code] for code in dict.fromkeys(codes)]


class PreparedContent:
    """Validated content, ready to be written onto an offer."""

    def __init__(self, municipality: Municipality, content: Content, offer: Offer):
        self.municipality = municipality
        self.offer = offer
        self.scalars = {
            name: content.get(name) for name in SCALAR_FIELDS if name in content
        }
        self.vocabularies = {
            name: _vocabulary(name, content.get(name)) for name in VOCABULARY_FIELDS
        }
        self.locations = self._build_parts(
            content.get("locations"), OfferLocation, LOCATION_FIELDS, "locations"
        )
        self.schedules = self._build_parts(
            content.get("schedules"), OfferSchedule, SCHEDULE_FIELDS, "schedules"
        )
        self.schedule_locations = [
            (s or {}).get("location") for s in (content.get("schedules") or [])
        ]
        self.contacts = self._build_parts(
            content.get("contacts"), OfferContact, CONTACT_FIELDS, "contacts"
        )
        for index, target in enumerate(self.schedule_locations):
            if target is not None and not (
                isinstance(target, int) and 0 <= target < len(self.locations)
            ):
                raise ValidationError(
                    {f"schedules.{index}.location": _("No such place in this offer.")}
                )

    def _build_parts(self, rows: Any, model, fields, name) -> list[models.Model]:
        if rows in (None, ""):
            return []
        if not isinstance(rows, list):
            raise ValidationError({name: _("Give a list.")})
        parts = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                raise ValidationError({f"{name}.{index}": _("Give an object.")})
            part = model(**{f: row[f] for f in fields if row.get(f) is not None})
            if model is OfferLocation and row.get("id"):
                # Keep a place's id across edits so links to it stay valid.
                try:
                    part.pk = uuid.UUID(str(row["id"]))
                except ValueError as error:
                    raise ValidationError(
                        {f"{name}.{index}.id": _("Not a valid id.")}
                    ) from error
            for f in fields:
                if row.get(f) is None and isinstance(
                    model._meta.get_field(f), models.CharField | models.TextField
                ):
                    setattr(part, f, "")
            _clean_model(part, f"{name}.{index}.", ["offer", "location", "district"])
            parts.append(part)
        return parts


def prepare_content(
    *, municipality: Municipality, content: Content, offer: Offer | None = None
) -> PreparedContent:
    """Validate content for an offer of ``municipality``; errors name the field path."""
    offer = offer or Offer(municipality=municipality)
    organisation_id = content.get("organisation", offer.organisation_id)
    organisation = (
        Organisation.objects.for_municipality(municipality)
        .filter(pk=organisation_id)
        .first()
        if organisation_id not in (None, "")
        else None
    )
    if organisation is None:
        raise ValidationError(
            {"organisation": _("Choose an organisation of this municipality.")}
        )
    prepared = PreparedContent(municipality, content, offer)
    candidate = Offer(
        pk=offer.pk,
        municipality=municipality,
        organisation=organisation,
        status=offer.status,
    )
    for name in SCALAR_FIELDS:
        value = prepared.scalars.get(name, getattr(offer, name))
        if value is None and isinstance(
            Offer._meta.get_field(name), models.CharField | models.TextField
        ):
            value = ""
        setattr(candidate, name, value)
    _clean_model(candidate, "", ["municipality", "id"])
    prepared.candidate = candidate
    return prepared


def apply_content(
    prepared: PreparedContent, *, locator: DistrictLocator | None = None
) -> Offer:
    """Write validated content onto its offer (inside the caller's transaction)."""
    offer = prepared.offer
    candidate = prepared.candidate
    offer.organisation = candidate.organisation
    for name in SCALAR_FIELDS:
        setattr(offer, name, getattr(candidate, name))
    offer.save()
    for name, terms in prepared.vocabularies.items():
        getattr(offer, name).set(terms)
    kept = {
        loc.pk: (loc.hsds_location_id, loc.hsds_extra) for loc in offer.locations.all()
    }
    offer.schedules.all().delete()
    offer.locations.all().delete()
    offer.contacts.all().delete()
    locator = locator or DistrictLocator(offer.municipality)
    for position, location in enumerate(prepared.locations):
        location.offer = offer
        location.position = position
        if location.pk in kept and location.hsds_location_id is None:
            location.hsds_location_id, location.hsds_extra = kept[location.pk]
        if location.latitude is not None:
            location.district = locator.locate(location.longitude, location.latitude)
        location.save()
    for schedule, target in zip(
        prepared.schedules, prepared.schedule_locations, strict=True
    ):
        schedule.offer = offer
        schedule.location = prepared.locations[target] if target is not None else None
        schedule.save()
    for position, contact in enumerate(prepared.contacts):
        contact.offer = offer
        contact.position = position
        contact.save()
    return offer
