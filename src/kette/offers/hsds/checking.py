"""Mapping and checking services: the part of an import that runs per service.

``Checker.check_many`` maps service records and runs kette's content rules
on them in bulk (``prepare_contents`` with preloaded ``ContentLookups``: no
queries, and the model rules column by column instead of ``full_clean`` per
object), returning for each either ``Checked`` (plain values, ready to be
written) or the problems found, placed at their HSDS file, line and field.
Big packages are checked in parallel worker processes (forked, so they share
the read records; they never touch the database).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kette.core.models import Municipality

from ..models import Offer, OfferContact, OfferLocation, OfferSchedule, OfferStatus
from ..services.bulk_clean import like
from ..services.content import (
    ContentLookups,
    PreparedContent,
    content_from_parts,
    prepare_contents,
)
from .mapping import MappedOffer, Mapper
from .problems import FILE, Record, where

# Below this many services a worker pool costs more than it saves.
PARALLEL_FROM = 20_000
CHUNK = 2_000
OFFER_FIELDS = [
    f.attname
    for f in Offer._meta.concrete_fields
    if f.attname not in ("municipality_id", "created_at", "updated_at")
]
# Problem: (file, row, field, message)
Problem = tuple[str, str | None, str | None, str]


def _attnames(model) -> list[str]:
    """Columns to write; automatic ids are left to the database."""
    return [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key or model is OfferLocation
    ]


PART_FIELDS = {
    "locations": _attnames(OfferLocation),
    "schedules": _attnames(OfferSchedule),
    "contacts": _attnames(OfferContact),
}


@dataclass
class Current:
    """What kette has of an offer the package updates (read in bulk)."""

    status: str
    capacity: int | None
    published_at: Any
    terms: dict[str, list[str]]
    snapshot: dict[str, Any]  # offer_content + state, as the audit records it
    hsds: list[Any]  # hsds ids and extras of its parts


@dataclass
class Checked:
    """One service, checked: the rows to write and the content for the audit."""

    id: str
    organisation: str  # HSDS organization id (its kette pk is known at writing)
    offer: dict[str, Any]
    terms: dict[str, list[int]]
    locations: list[dict[str, Any]]
    schedules: list[dict[str, Any]]
    contacts: list[dict[str, Any]]
    content: dict[str, Any]
    hsds: list[Any]


def fingerprint(data: Any) -> str:
    """A short digest of HSDS data for the audit trail: it shows that
    ``hsds_extra`` changed without copying it into every entry (as the audit
    does for district outlines)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return "#" + hashlib.sha256(text.encode()).hexdigest()[:12]


def hsds_parts(locations, schedules, contacts, get=getattr) -> list[Any]:
    """HSDS ids and extras of an offer's parts: instances (attribute access)
    or, with ``get=dict.__getitem__``, their rows."""
    return [
        [
            (str(get(loc, "hsds_location_id") or ""), get(loc, "hsds_extra"))
            for loc in locations
        ],
        sorted(str(get(s, "hsds_id") or "") for s in schedules),
        [str(get(c, "hsds_id") or "") for c in contacts],
    ]


class Checker:
    """Checks services against kette's rules; ``run`` may use worker processes."""

    def __init__(
        self,
        *,
        municipality: Municipality,
        mapper: Mapper,
        lookups: ContentLookups,
        organisation_extras: dict[str, dict[str, Any]],
        current: dict[str, Current],
    ) -> None:
        self.municipality = municipality
        self.mapper = mapper
        self.lookups = lookups
        self.organisation_extras = organisation_extras
        self.current = current
        self.template = Offer(municipality=municipality)

    def _map(self, record: Record) -> tuple[MappedOffer, Any]:
        offer = self.mapper.service(
            record, self.organisation_extras.get(record.get("organization_id"), {})
        )
        current = self.current.get(offer.id)
        if current is not None:
            for name, codes in current.terms.items():
                if name not in self.mapper.expressed:
                    offer.content[name] = codes
        base = like(
            self.template,
            pk=uuid.UUID(offer.id),
            status=current.status if current else OfferStatus.DRAFT,
            capacity=current.capacity if current else None,
        )
        return offer, base

    def check_many(self, records: list[Record]) -> list[Checked | list[Problem]]:
        """Each record checked: ``Checked``, or its problems."""
        mapped = [self._map(record) for record in records]
        prepared = prepare_contents(
            municipality=self.municipality,
            items=[(offer.content, base) for offer, base in mapped],
            lookups=self.lookups,
        )
        return [
            _problems(offer, ValidationError(item.errors))
            if item.errors
            else _checked(offer, item, self.current.get(offer.id))
            for (offer, _base), item in zip(mapped, prepared, strict=True)
        ]

    def _range(self, bounds: tuple[int, int]) -> list[Checked | list[Problem]]:
        return self.check_many(self.mapper.tables["service"][slice(*bounds)])

    def run(
        self,
        records: list[Record],
        *,
        workers: int | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        stop: Callable[[], bool] = lambda: False,
    ):
        """Yield the result of each record, in order."""
        total = len(records)
        if workers is None:
            workers = min(2, os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
        if records is not self.mapper.tables["service"]:
            workers = 1  # workers index the package's own list of services
        label = _("checking offers")
        if workers <= 1:
            done = 0
            for start in range(0, total, CHUNK):
                for outcome in self.check_many(records[start : start + CHUNK]):
                    yield outcome
                    done += 1
                    if progress and (done % 5000 == 0 or done == total):
                        progress(label, done, total)
                    if stop():
                        return
            return
        global _CHECKER
        _CHECKER = self
        bounds = [(s, min(s + CHUNK, total)) for s in range(0, total, CHUNK)]
        context = multiprocessing.get_context("fork")
        done = 0
        with context.Pool(workers) as pool:
            for results in pool.imap(_check_range, bounds):
                yield from results
                done += len(results)
                if progress:
                    progress(label, done, total)
                if stop():
                    pool.terminate()
                    return
        _CHECKER = None


_CHECKER: Checker | None = None


def _check_range(bounds: tuple[int, int]):
    assert _CHECKER is not None
    return _CHECKER._range(bounds)


#: Each kind of row read off its instances with one ``attrgetter`` call.
GETTERS = {
    name: (fields, attrgetter(*fields))
    for name, fields in [("offer", OFFER_FIELDS), *PART_FIELDS.items()]
}


def _values(obj, kind: str) -> dict[str, Any]:
    """The columns of ``kind`` ("offer", "locations", ...) of ``obj`` by name."""
    names, getter = GETTERS[kind]
    return dict(zip(names, getter(obj), strict=True))


def _checked(
    mapped: MappedOffer, prepared: PreparedContent, current: Current | None
) -> Checked:
    candidate = prepared.candidate
    candidate.status = mapped.status
    candidate.last_verified = mapped.last_verified
    candidate.hsds_extra = mapped.extra
    candidate.published_at = current.published_at if current else None
    offer_id = candidate.pk
    # The parts' own columns go into their rows, not onto the instances
    # (setting attributes through the model's descriptors cost more than the
    # rows): only a time's place is read from the instance again.
    locations = []
    for position, location in enumerate(prepared.locations):
        row = _values(location, "locations")
        row["position"] = position
        row["hsds_location_id"] = mapped.location_ids[position]
        row["hsds_extra"] = mapped.location_extras[position]
        row["offer_id"] = offer_id
        locations.append(row)
    schedules = []
    for schedule, target, hsds_id in zip(
        prepared.schedules,
        prepared.schedule_locations,
        mapped.schedule_ids,
        strict=True,
    ):
        schedule.location_id = (
            prepared.locations[target].pk if target is not None else None
        )
        row = _values(schedule, "schedules")
        row["offer_id"] = offer_id
        row["hsds_id"] = hsds_id
        schedules.append(row)
    contacts = []
    for position, (contact, hsds_id) in enumerate(
        zip(prepared.contacts, mapped.contact_ids, strict=True)
    ):
        row = _values(contact, "contacts")
        row["offer_id"] = offer_id
        row["position"] = position
        row["hsds_id"] = hsds_id
        contacts.append(row)
    content = content_from_parts(
        candidate,
        terms=prepared.vocabularies,
        locations=prepared.locations,
        schedules=prepared.schedules,
        contacts=prepared.contacts,
    )
    content["organisation"] = mapped.organisation
    content |= {
        "status": candidate.status,
        "last_verified": candidate.last_verified.isoformat()
        if candidate.last_verified
        else None,
        "hsds_extra": fingerprint(candidate.hsds_extra),
    }
    return Checked(
        id=mapped.id,
        organisation=mapped.organisation,
        offer=_values(candidate, "offer"),
        terms={
            name: [term.pk for term in terms]
            for name, terms in prepared.vocabularies.items()
        },
        locations=locations,
        schedules=schedules,
        contacts=contacts,
        content=content,
        hsds=hsds_parts(locations, schedules, contacts, get=dict.__getitem__),
    )


def _problems(offer: MappedOffer, error: ValidationError) -> list[Problem]:
    """kette's messages (keyed by content path) at their HSDS file, line, field."""
    items = (
        error.message_dict.items()
        if hasattr(error, "error_dict")
        else [("__all__", error.messages)]
    )
    found = []
    for key, messages in items:
        path = key
        while path not in offer.origins and "." in path:
            path = path.rsplit(".", 1)[0]
        record, name = offer.origins.get(path, offer.origins["__all__"])
        for message in messages:
            found.append((record.get(FILE, "?"), where(record), name, str(message)))
    return found
