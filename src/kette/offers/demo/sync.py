"""Writing planned demo offers: new ones in bulk, changed ones put back.

An offer is written only when it is missing or differs from the plan, so a
second run writes nothing. New offers are written in bulk (the demo runs in
every demo test); changed ones go through the content services; pending
edits of published offers go through the review workflow.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from kette.core import audit
from kette.core.demo import ACTOR_NAME, DemoContext
from kette.core.geo import DistrictLocator
from kette.core.models import Municipality
from kette.core.models.audit import AuditAction

from ..models import Offer, OfferContact, OfferLocation, OfferSchedule, RevisionState
from ..search.index import index_offers
from ..services import workflow
from ..services.content import (
    CONTACT_FIELDS,
    LOCATION_FIELDS,
    SCALAR_FIELDS,
    SCHEDULE_FIELDS,
    VOCABULARY_FIELDS,
    apply_content,
    offer_content,
    prepare_content,
)
from .plan import PlannedOffer

STATE_FIELDS = ("status", "last_verified", "published_at", "review_comment")


def _state(offer: Offer | PlannedOffer) -> dict[str, Any]:
    return {name: getattr(offer, name) for name in STATE_FIELDS}


def _audit_state(state: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in state.items()
    }


class Terms:
    """Vocabulary terms by code, loaded once."""

    def __init__(self) -> None:
        self.by_field = {
            name: {t.code: t for t in model.objects.all()}
            for name, model in VOCABULARY_FIELDS.items()
        }


def _clean(instance: models.Model, exclude: list[str]) -> models.Model:
    instance.full_clean(exclude=exclude, validate_unique=False)
    return instance


def _build(
    plan: PlannedOffer, municipality: Municipality, locator: DistrictLocator
) -> tuple[Offer, list[OfferLocation], list[OfferSchedule], list[OfferContact]]:
    content = plan.content
    offer = Offer(
        id=plan.id,
        municipality=municipality,
        organisation=plan.organisation,
        **{name: content[name] for name in SCALAR_FIELDS},
        **_state(plan),
    )
    _clean(offer, ["municipality", "organisation"])
    locations = []
    for position, row in enumerate(content["locations"]):
        location = OfferLocation(
            id=row["id"],
            offer=offer,
            position=position,
            **{name: row[name] for name in LOCATION_FIELDS},
        )
        _clean(location, ["offer", "district"])
        location.district = locator.locate(location.longitude, location.latitude)
        locations.append(location)
    schedules = [
        _clean(
            OfferSchedule(
                offer=offer,
                location=locations[row["location"]]
                if row["location"] is not None
                else None,
                **{name: row[name] for name in SCHEDULE_FIELDS},
            ),
            ["offer", "location"],
        )
        for row in content["schedules"]
    ]
    contacts = [
        _clean(
            OfferContact(
                offer=offer,
                position=position,
                **{name: row[name] for name in CONTACT_FIELDS},
            ),
            ["offer"],
        )
        for position, row in enumerate(content["contacts"])
    ]
    return offer, locations, schedules, contacts


def _create_in_bulk(
    municipality: Municipality,
    plans: list[PlannedOffer],
    locator: DistrictLocator,
) -> None:
    terms = Terms()
    offers, locations, schedules, contacts = [], [], [], []
    links: dict[str, list[models.Model]] = {name: [] for name in VOCABULARY_FIELDS}
    for plan in plans:
        offer, *parts = _build(plan, municipality, locator)
        offers.append(offer)
        locations += parts[0]
        schedules += parts[1]
        contacts += parts[2]
        for name in VOCABULARY_FIELDS:
            through = getattr(Offer, name).through
            target = f"{VOCABULARY_FIELDS[name]._meta.model_name}_id"
            links[name] += [
                through(offer_id=offer.pk, **{target: terms.by_field[name][code].pk})
                for code in plan.content[name]
            ]
    Offer.objects.bulk_create(offers, batch_size=500)
    OfferLocation.objects.bulk_create(locations, batch_size=500)
    OfferSchedule.objects.bulk_create(schedules, batch_size=500)
    OfferContact.objects.bulk_create(contacts, batch_size=500)
    for name, rows in links.items():
        getattr(Offer, name).through.objects.bulk_create(rows, batch_size=500)
    # As offer_create records it: the content as it was created (no queries).
    for offer, plan in zip(offers, plans, strict=True):
        audit.record(
            actor=None,
            actor_name=ACTOR_NAME,
            action=AuditAction.CREATE,
            instance=offer,
            changes=audit.diff({}, plan.content | _audit_state(_state(plan))),
        )


def _put_back(offer: Offer, plan: PlannedOffer, locator: DistrictLocator) -> None:
    """Bring a changed demo offer back to the plan (content and state)."""
    before = offer_content(offer) | _audit_state(_state(offer))
    prepared = prepare_content(
        municipality=offer.municipality, content=plan.content, offer=offer
    )
    apply_content(prepared, locator=locator)
    for name, value in _state(plan).items():
        setattr(offer, name, value)
    offer.save()
    after = offer_content(offer) | _audit_state(_state(offer))
    audit.record(
        actor=None,
        actor_name=ACTOR_NAME,
        action=AuditAction.UPDATE,
        instance=offer,
        changes=audit.diff(before, after),
    )


def _sync_pending(offer: Offer, pending: dict[str, Any]) -> None:
    """Submitted edits waiting for review, made through the review workflow."""
    revision = workflow.pending_revision(offer)
    if revision is not None and revision.data == pending:
        if revision.state != RevisionState.IN_REVIEW:
            workflow.offer_submit(actor=None, offer=offer)
        return
    if revision is not None and revision.state == RevisionState.IN_REVIEW:
        revision.state = RevisionState.DRAFT
        revision.save(update_fields=["state", "updated_at"])
    workflow.offer_edit(actor=None, offer=offer, content=pending)
    workflow.offer_submit(actor=None, offer=offer)


def sync_offers(
    context: DemoContext, municipality: Municipality, plans: list[PlannedOffer]
) -> int:
    """Write what differs from the plan; returns how many offers were written."""
    locator = DistrictLocator(municipality)
    existing = {
        offer.pk: offer
        for offer in Offer.objects.filter(pk__in=[p.id for p in plans])
        .select_related("municipality", "organisation")
        .prefetch_related("locations", "schedules", "contacts")
    }
    missing = [plan for plan in plans if plan.id not in existing]
    changed = []
    for plan in plans:
        offer = existing.get(plan.id)
        if offer is None:
            continue
        if offer_content(offer) != plan.content or _state(offer) != _state(plan):
            _put_back(offer, plan, locator)
            changed.append(plan.id)
    _create_in_bulk(municipality, missing, locator)
    written = [plan.id for plan in missing] + changed
    if written:
        index_offers(written)
    offers = Offer.objects.in_bulk([p.id for p in plans if p.pending is not None])
    for plan in plans:
        if plan.pending is not None:
            _sync_pending(offers[plan.id], plan.pending)
    return len(written)
