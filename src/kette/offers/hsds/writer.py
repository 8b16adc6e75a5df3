"""Writing checked HSDS offers in bulk, in the caller's transaction, audited.

New offers are inserted and existing ones updated with plain ``executemany``
(``COPY`` on PostgreSQL); their places, times and contacts are replaced, and
the many-to-many links are written straight into the through tables.
Offers whose content, state and HSDS data did not change are not touched.
Every created or changed offer and organisation gets an audit entry
(``record_many``), and the search index is brought up to date for all
written offers at the end.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core import audit, fastsql
from kette.core.geo import DistrictLocator
from kette.core.models import Municipality, Organisation

from ..models import Offer, OfferContact, OfferLocation, OfferSchedule, OfferStatus
from ..search.index import OFFER_FIELDS as INDEXED
from ..search.index import Written, index_written
from ..services.bulk_clean import like
from ..services.content import VOCABULARY_FIELDS
from .checking import OFFER_FIELDS, PART_FIELDS, Checked, Current

CHUNK = 1000
#: Offer columns the index reads, besides those the writer sets itself.
INDEX_FIELDS = [
    name
    for name in INDEXED
    if name not in ("id", "municipality_id", "organisation__name", "updated_at")
]
ORGANISATION_FIELDS = [
    "name",
    "description",
    "email",
    "website",
    "phone",
    "legal_form",
    "sector",
    "hsds_id",
    "updated_at",
]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations_updated: int = 0
    updated_ids: list[str] = field(default_factory=list)  # offers changed in place


def _comparable(snapshot: dict[str, Any], hsds: list[Any]) -> str:
    data = dict(snapshot)
    data["schedules"] = sorted(
        json.dumps(s, sort_keys=True, default=str) for s in snapshot["schedules"]
    )
    return json.dumps([data, hsds], sort_keys=True, default=str)


def _same(before: Current, item: Checked) -> bool:
    """Whether the checked offer equals what kette has (content, state, HSDS).

    Equal Python values are equal (the common case of a re-import, decided
    without serialising); otherwise both sides are compared as JSON, which
    makes e.g. a UUID and its text, or a tuple and a list, the same.
    """
    if before.hsds == item.hsds and _schedules_sorted(
        before.snapshot
    ) == _schedules_sorted(item.content):
        return True
    return _comparable(before.snapshot, before.hsds) == _comparable(
        item.content, item.hsds
    )


def _schedules_sorted(snapshot: dict[str, Any]) -> dict[str, Any]:
    data = dict(snapshot)
    data["schedules"] = sorted(
        snapshot["schedules"], key=lambda s: json.dumps(s, sort_keys=True, default=str)
    )
    return data


def write_organisations(planned: list, actor: Any, actor_name: str) -> int:
    """Create new and update changed organisations; returns how many changed."""
    new = [p.instance for p in planned if p.instance.pk is None]
    changed = [
        p
        for p in planned
        if p.before is not None and audit.diff(p.before, audit.snapshot(p.instance))
    ]
    Organisation.objects.bulk_create(new, batch_size=CHUNK)
    now = timezone.now()
    for plan in changed:
        plan.instance.updated_at = now
    Organisation.objects.bulk_update(
        [p.instance for p in changed], ORGANISATION_FIELDS, batch_size=CHUNK
    )
    audit.record_many(
        actor=actor,
        actor_name=actor_name,
        created=new,
        updated=[(p.instance, p.before) for p in changed],
    )
    return len(changed)


def write_offers(
    *,
    municipality: Municipality,
    checked: list[Checked],
    current: dict[str, Current],
    organisations: dict[str, Organisation],
    actor: Any,
    actor_name: str,
    progress: Callable[[str, int, int], None] | None = None,
    seconds: dict[str, float] | None = None,
) -> Counts:
    """Write what changed; ``organisations`` are saved, by HSDS id."""
    counts = Counts()
    seconds = seconds if seconds is not None else {}
    clock = time.perf_counter()
    now = timezone.now()
    created: list[Checked] = []
    updated: list[tuple[Checked, Current]] = []
    for item in checked:
        organisation = organisations[item.organisation]
        item.offer["organisation_id"] = organisation.pk
        item.content["organisation"] = organisation.pk
        if (
            item.offer["status"] == OfferStatus.PUBLISHED
            and not item.offer["published_at"]
        ):
            item.offer["published_at"] = now
        before = current.get(item.id)
        if before is None:
            created.append(item)
        elif _same(before, item):
            counts.unchanged += 1
        else:
            updated.append((item, before))
    seconds["compare"] = round(time.perf_counter() - clock, 2)
    clock = time.perf_counter()
    written = created + [item for item, _before in updated]
    _delete_parts([item.id for item, _before in updated])
    offers = fastsql.Table(
        Offer, [*OFFER_FIELDS, "municipality_id", "created_at", "updated_at"]
    )
    fastsql.insert(
        offers,
        (
            offers.row([*(i.offer[f] for f in OFFER_FIELDS), municipality.pk, now, now])
            for i in created
        ),
    )
    changes = fastsql.Table(
        Offer, [f for f in OFFER_FIELDS if f != "id"] + ["updated_at"]
    )
    fastsql.update(
        changes,
        (
            changes.row([*(i.offer[f] for f in OFFER_FIELDS if f != "id"), now])
            + (changes.key(i.id),)
            for i, _before in updated
        ),
    )
    _write_parts(municipality, written, progress)
    template = Offer(municipality=municipality)
    instances = {
        item.id: like(template, pk=item.offer["id"], title=item.offer["title"])
        for item in written
    }
    contents = {item.id: item.content for item in written}
    audit.record_many(
        actor=actor,
        actor_name=actor_name,
        created=[instances[item.id] for item in created],
        updated=[(instances[item.id], before.snapshot) for item, before in updated],
        snapshot_of=lambda offer: contents[str(offer.pk)],
    )
    seconds["write"] = round(time.perf_counter() - clock, 2)
    clock = time.perf_counter()
    if written:
        total = len(written)
        index_written(
            [_as_written(item, municipality, organisations, now) for item in written],
            progress=(lambda done: progress(_("indexing"), done, total))
            if progress
            else None,
        )
    seconds["index"] = round(time.perf_counter() - clock, 2)
    counts.created = len(created)
    counts.updated = len(updated)
    counts.updated_ids = [item.id for item, _before in updated]
    return counts


def _as_written(
    item: Checked, municipality: Municipality, organisations: dict, now
) -> Written:
    """What the index needs of a written offer, from what the import holds."""
    order = lambda part: (part.get("position") or 0, part.get("name") or "")  # noqa: E731
    return Written(
        row={
            **{name: item.offer.get(name) for name in INDEX_FIELDS},
            "id": item.offer["id"],
            "municipality_id": municipality.pk,
            "organisation__name": organisations[item.organisation].name,
            "updated_at": now,
        },
        terms=item.terms,
        locations=[
            (loc["name"], loc["street"], loc["postal_code"], loc.get("district_id"))
            for loc in sorted(item.locations, key=order)
        ],
        roles=[contact["role"] for contact in sorted(item.contacts, key=order)],
    )


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _delete_parts(offer_ids: list[str]) -> None:
    for chunk in _chunks(offer_ids):
        OfferSchedule.objects.filter(offer_id__in=chunk).delete()
        OfferContact.objects.filter(offer_id__in=chunk).delete()
        OfferLocation.objects.filter(offer_id__in=chunk).delete()
        for name in VOCABULARY_FIELDS:
            getattr(Offer, name).through.objects.filter(offer_id__in=chunk).delete()


def _write_parts(municipality: Municipality, items: list[Checked], progress) -> None:
    locations = [loc for item in items for loc in item.locations]
    placed = [loc for loc in locations if loc["latitude"] is not None]
    locator = DistrictLocator(municipality)
    districts = locator.locate_many([(x["longitude"], x["latitude"]) for x in placed])
    for location, district in zip(placed, districts, strict=True):
        location["district_id"] = district.pk if district else None
    total = len(items)
    if progress:
        progress(_("writing offers"), 0, total)
    for model, name in (
        (OfferLocation, "locations"),
        (OfferSchedule, "schedules"),
        (OfferContact, "contacts"),
    ):
        fields = PART_FIELDS[name]
        table = fastsql.Table(model, fields)
        fastsql.insert(
            table,
            (
                table.row([row[f] for f in fields])
                for item in items
                for row in getattr(item, name)
            ),
        )
    for name, model in VOCABULARY_FIELDS.items():
        through = getattr(Offer, name).through
        table = fastsql.Table(through, ["offer", model._meta.model_name])
        fastsql.insert(
            table,
            (
                table.row((item.offer["id"], pk))
                for item in items
                for pk in item.terms[name]
            ),
        )
    if progress:
        progress(_("writing offers"), total, total)
