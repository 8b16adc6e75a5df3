"""What kette has of the offers a package updates, read in bulk.

Plain ``values()`` queries (no model instances, no per-offer prefetching),
turned into the same content snapshot ``offer_content`` gives, so that an
unchanged offer is recognised and an audit entry shows what changed.
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace
from typing import Any

from ..models import Offer, OfferContact, OfferLocation, OfferSchedule
from ..services.content import (
    CONTACT_FIELDS,
    LOCATION_FIELDS,
    SCALAR_FIELDS,
    SCHEDULE_FIELDS,
    VOCABULARY_FIELDS,
    content_from_parts,
)
from .checking import Current, fingerprint, hsds_parts

CHUNK = 2000


def load_current(ids: list[str]) -> dict[str, tuple[int, Current]]:
    """By offer id: (municipality id, what kette has) for the ids that exist."""
    found: dict[str, tuple[int, Current]] = {}
    for start in range(0, len(ids), CHUNK):
        found |= _load(ids[start : start + CHUNK])
    return found


def _grouped(rows, key: str = "offer_id") -> dict[Any, list[SimpleNamespace]]:
    groups: dict[Any, list[SimpleNamespace]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(SimpleNamespace(**row))
    return groups


def _load(ids: list[str]) -> dict[str, tuple[int, Current]]:
    offers = list(
        Offer.objects.filter(pk__in=ids).values(
            "id",
            "municipality_id",
            "organisation_id",
            "status",
            "last_verified",
            "published_at",
            "hsds_extra",
            *SCALAR_FIELDS,
        )
    )
    if not offers:
        return {}
    keys = [row["id"] for row in offers]
    terms: dict[str, dict[Any, list[str]]] = {}
    for name, model in VOCABULARY_FIELDS.items():
        through = getattr(Offer, name).through
        codes: dict[Any, list[str]] = defaultdict(list)
        for offer_id, code in through.objects.filter(offer_id__in=keys).values_list(
            "offer_id", f"{model._meta.model_name}__code"
        ):
            codes[offer_id].append(code)
        terms[name] = codes
    locations = _grouped(
        OfferLocation.objects.filter(offer_id__in=keys)
        .order_by("offer_id", "position", "name")
        .values("id", "offer_id", "hsds_location_id", "hsds_extra", *LOCATION_FIELDS)
    )
    for group in locations.values():
        for location in group:
            location.pk = location.id
    schedules = _grouped(
        OfferSchedule.objects.filter(offer_id__in=keys).values(
            "offer_id", "location_id", "hsds_id", *SCHEDULE_FIELDS
        )
    )
    contacts = _grouped(
        OfferContact.objects.filter(offer_id__in=keys)
        .order_by("offer_id", "position", "name")
        .values("offer_id", "hsds_id", *CONTACT_FIELDS)
    )
    found = {}
    for row in offers:
        key = row["id"]
        offer = SimpleNamespace(**row)
        offer_terms = {
            name: [SimpleNamespace(code=code) for code in terms[name].get(key, [])]
            for name in VOCABULARY_FIELDS
        }
        parts = (locations.get(key, []), schedules.get(key, []), contacts.get(key, []))
        snapshot = content_from_parts(
            offer,
            terms=offer_terms,
            locations=parts[0],
            schedules=parts[1],
            contacts=parts[2],
        ) | {
            "status": row["status"],
            "last_verified": row["last_verified"].isoformat()
            if row["last_verified"]
            else None,
            "hsds_extra": fingerprint(row["hsds_extra"]),
        }
        found[str(key)] = (
            row["municipality_id"],
            Current(
                status=row["status"],
                capacity=row["capacity"],
                published_at=row["published_at"],
                terms={
                    name: sorted(terms[name].get(key, [])) for name in VOCABULARY_FIELDS
                },
                snapshot=snapshot,
                hsds=hsds_parts(*parts),
            ),
        )
    return found
