"""An offer's editable content as one plain dict, and writing it back.

The same shape serves the web form, the API, the review (a revision stores
it as JSON) and the HSDS import, so there is one validation and one write.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
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
from .bulk_clean import clean_many, new_instance

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
LISTS = (list, tuple)
#: One ``attrgetter`` call per object and kind (a bulk writer snapshots
#: 100,000 offers with their parts).
_GET = {
    fields: attrgetter(*fields)
    for fields in (SCALAR_FIELDS, LOCATION_FIELDS, SCHEDULE_FIELDS, CONTACT_FIELDS)
}


def _plains(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The fields of ``obj`` by name, dates and times as ISO text."""
    return {
        name: value.isoformat() if isinstance(value, TEMPORAL) else value
        for name, value in zip(fields, _GET[fields](obj), strict=True)
    }


def offer_content(offer: Offer) -> Content:
    """The offer's current content (its published version once published).

    Prefetched terms and parts are used when present, so bulk readers can
    prefetch them (see ``content_from_parts``).
    """
    return content_from_parts(
        offer,
        terms={name: getattr(offer, name).all() for name in VOCABULARY_FIELDS},
        locations=list(offer.locations.all()),
        schedules=list(offer.schedules.all()),
        contacts=list(offer.contacts.all()),
    )


def content_from_parts(
    offer: Offer,
    *,
    terms: dict[str, Iterable[models.Model]],
    locations: list[OfferLocation],
    schedules: list[OfferSchedule],
    contacts: list[OfferContact],
) -> Content:
    """``offer_content`` of an offer whose terms and parts are already in memory.

    Schedules point at their place through ``location_id``; e.g. a bulk writer
    passes the objects it is about to save.
    """
    content: Content = _plains(offer, SCALAR_FIELDS)
    content["organisation"] = offer.organisation_id
    for name in VOCABULARY_FIELDS:
        content[name] = sorted(term.code for term in terms.get(name, ()))
    content["locations"] = [
        {"id": str(loc.pk)} | _plains(loc, LOCATION_FIELDS) for loc in locations
    ]
    index_of = {loc.pk: i for i, loc in enumerate(locations)}
    content["schedules"] = [
        _plains(s, SCHEDULE_FIELDS) | {"location": index_of.get(s.location_id)}
        for s in schedules
    ]
    get_contact = _GET[CONTACT_FIELDS]
    content["contacts"] = [
        dict(zip(CONTACT_FIELDS, get_contact(c), strict=True)) for c in contacts
    ]
    return content


@cache
def _text_fields(model: type[models.Model]) -> frozenset[str]:
    """Fields an empty value is stored in as ``""`` (not None)."""
    return frozenset(
        f.name
        for f in model._meta.fields
        if isinstance(f, models.CharField | models.TextField)
    )


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


@dataclass
class ContentLookups:
    """Organisations and active vocabulary terms, loaded once to check many offers.

    Bulk writers (the HSDS import) pass one to ``prepare_content`` so that the
    same rules run without database queries per offer. ``organisations`` maps
    the value given as ``content["organisation"]`` to the organisation (which
    may be not yet saved, e.g. created by the same import).
    """

    organisations: dict[Any, Organisation] = field(default_factory=dict)
    terms: dict[str, dict[str, models.Model]] = field(default_factory=dict)

    @classmethod
    def load(cls, municipality: Municipality) -> ContentLookups:
        return cls(
            organisations={
                o.pk: o for o in Organisation.objects.for_municipality(municipality)
            },
            terms={
                name: {t.code: t for t in model.objects.filter(is_active=True)}
                for name, model in VOCABULARY_FIELDS.items()
            },
        )


def _vocabulary(
    name: str, codes: Any, lookups: ContentLookups | None = None
) -> list[models.Model]:
    if codes in (None, ""):
        return []
    if not isinstance(codes, LISTS):
        raise ValidationError({name: _("Give a list of codes.")})
    model = VOCABULARY_FIELDS[name]
    if lookups is not None:
        terms = lookups.terms.get(name, {})
    else:
        terms = {
            t.code: t for t in model.objects.filter(code__in=codes, is_active=True)
        }
    unknown = [code for code in codes if code not in terms]
    if unknown:
        raise ValidationError(
            {
                name: _("Unknown codes: %(codes)s")
                % {"codes": ", ".join(map(str, unknown))}
            }
        )
    return [terms[code] for code in dict.fromkeys(codes)]


class _Pending:
    """Where an instance's model errors go among the errors, once known."""

    def __init__(self, instance: models.Model, prefix: str, exclude: list[str]):
        self.instance = instance
        self.prefix = prefix
        self.exclude = frozenset(exclude)


class PreparedContent:
    """Validated content, ready to be written onto an offer.

    ``deferred``: the model rules of the offer and its parts are not run
    here; ``prepare_contents`` runs them for many offers at once and then
    ``settle``s each, so the errors come in the same order either way.
    """

    def __init__(
        self,
        municipality: Municipality,
        content: Content,
        offer: Offer,
        lookups: ContentLookups | None = None,
        deferred: bool = False,
    ):
        self.municipality = municipality
        self.offer = offer
        self.deferred = deferred
        self.errors: dict[Any, list[str]] = {}
        self.scalars = {
            name: content.get(name) for name in SCALAR_FIELDS if name in content
        }
        self.vocabularies = {
            name: self._collect(_vocabulary, [], name, content.get(name), lookups)
            for name in VOCABULARY_FIELDS
        }
        self.locations = self._build_parts(
            content.get("locations"), OfferLocation, LOCATION_FIELDS, "locations"
        )
        self.schedules = self._build_parts(
            content.get("schedules"), OfferSchedule, SCHEDULE_FIELDS, "schedules"
        )
        self.schedule_locations = [
            (s or {}).get("location") if isinstance(s, dict) else None
            for s in (content.get("schedules") or [])
        ]
        self.contacts = self._build_parts(
            content.get("contacts"), OfferContact, CONTACT_FIELDS, "contacts"
        )
        for index, target in enumerate(self.schedule_locations):
            if target is not None and not (
                isinstance(target, int) and 0 <= target < len(self.locations)
            ):
                self.errors[f"schedules.{index}.location"] = [
                    _("No such place in this offer.")
                ]

    def clean(self, instance: models.Model, prefix: str, exclude: list[str]) -> None:
        """The model's rules (``full_clean``) on ``instance``, or later if deferred."""
        if self.deferred:
            self.errors[_Pending(instance, prefix, exclude)] = []
        else:
            self._collect(_clean_model, None, instance, prefix, exclude)

    def pending(self) -> list[_Pending]:
        return [key for key in self.errors if isinstance(key, _Pending)]

    def settle(self, found: dict[int, dict[str, list[str]]]) -> None:
        """Put the deferred instances' messages (by ``id(instance)``) in place."""
        errors: dict[Any, list[str]] = {}
        for key, messages in self.errors.items():
            if not isinstance(key, _Pending):
                errors.setdefault(key, []).extend(messages)
                continue
            for name, texts in found.get(id(key.instance), {}).items():
                path = (
                    key.prefix + name if name != "__all__" else key.prefix.rstrip(".")
                )
                errors.setdefault(path, []).extend(texts)
        self.errors = errors
        self.deferred = False

    def _collect(self, check, fallback, *args):
        """Run one check; keep its messages so that every wrong field is named at once."""
        try:
            return check(*args)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.errors.setdefault(field, []).extend(messages)
            return fallback

    def _build_parts(self, rows: Any, model, fields, name) -> list[models.Model]:
        if rows in (None, ""):
            return []
        if not isinstance(rows, list):
            self.errors[name] = [_("Give a list.")]
            return []
        parts = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                self.errors[f"{name}.{index}"] = [_("Give an object.")]
                continue
            texts = _text_fields(model)
            values = {}
            for f in fields:
                value = row.get(f)
                if value is not None:
                    values[f] = value
                elif f in texts:
                    values[f] = ""
            if model is OfferLocation and row.get("id"):
                # Keep a place's id across edits so links to it stay valid.
                try:
                    values["id"] = uuid.UUID(str(row["id"]))
                except ValueError:
                    self.errors[f"{name}.{index}.id"] = [_("Not a valid id.")]
            part = new_instance(model, values)
            self.clean(part, f"{name}.{index}.", ["offer", "location", "district"])
            parts.append(part)
        return parts


def prepare_content(
    *,
    municipality: Municipality,
    content: Content,
    offer: Offer | None = None,
    lookups: ContentLookups | None = None,
) -> PreparedContent:
    """Validate content for an offer of ``municipality``; errors name the field path.

    With ``lookups`` (see ``ContentLookups``) the organisation and the terms
    come from there instead of the database.
    """
    prepared = _prepare(municipality, content, offer, lookups, deferred=False)
    if prepared.errors:
        raise ValidationError(prepared.errors)
    return prepared


def prepare_contents(
    *,
    municipality: Municipality,
    items: list[tuple[Content, Offer | None]],
    lookups: ContentLookups,
) -> list[PreparedContent]:
    """``prepare_content`` for many offers (content, offer) at once.

    The model rules run column by column over all offers and all their parts
    (``bulk_clean.clean_many``) instead of ``full_clean`` per object, with the
    same messages in the same order. Each result's ``errors`` is empty when
    its content is valid.
    """
    prepared = [
        _prepare(municipality, content, offer, lookups, deferred=True)
        for content, offer in items
    ]
    groups: dict[tuple, list[models.Model]] = {}
    for item in prepared:
        for pending in item.pending():
            key = (type(pending.instance), pending.exclude)
            groups.setdefault(key, []).append(pending.instance)
    found: dict[int, dict[str, list[str]]] = {}
    for (_model, exclude), instances in groups.items():
        for instance, errors in zip(
            instances, clean_many(instances, exclude), strict=True
        ):
            if errors:
                found[id(instance)] = ValidationError(errors).message_dict
    for item in prepared:
        item.settle(found)
    return prepared


def _prepare(
    municipality: Municipality,
    content: Content,
    offer: Offer | None,
    lookups: ContentLookups | None,
    deferred: bool,
) -> PreparedContent:
    offer = offer or Offer(municipality=municipality)
    organisation_id = content.get("organisation", offer.organisation_id)
    if organisation_id in (None, ""):
        organisation = None
    elif lookups is not None:
        organisation = lookups.organisations.get(organisation_id)
    else:
        organisation = (
            Organisation.objects.for_municipality(municipality)
            .filter(pk=organisation_id)
            .first()
        )
    prepared = PreparedContent(municipality, content, offer, lookups, deferred)
    if organisation is None:
        prepared.errors["organisation"] = [
            _("Choose an organisation of this municipality.")
        ]
    candidate = new_instance(
        Offer,
        {
            "pk": offer.pk,
            "municipality": municipality,
            "organisation": organisation,
            "status": offer.status,
        },
    )
    for name in SCALAR_FIELDS:
        value = prepared.scalars.get(name, getattr(offer, name))
        if value is None and isinstance(
            Offer._meta.get_field(name), models.CharField | models.TextField
        ):
            value = ""
        setattr(candidate, name, value)
    # With lookups the organisation is known to be this municipality's (and
    # may not be saved yet), so its database check is skipped; without one
    # the missing organisation is already reported above.
    exclude = ["municipality", "id"]
    if lookups is not None or organisation is None:
        exclude.append("organisation")
    prepared.clean(candidate, "", exclude)
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
