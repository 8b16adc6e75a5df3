"""HSDS records → kette content, one service at a time.

Each service becomes the content dict of ``services/content.py`` (checked by
the same ``prepare_content`` as every other write) plus ``hsds_extra``: what
HSDS carries and kette has no column for, so that an export gives it back.
``origins`` remembers which record and HSDS field each content value came
from, so kette's validation messages can name file, line and field.
See docs/hsds.md for the full table.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kette.offers.ages import one_age
from kette.offers.models import OfferStatus

from . import parts
from . import schedules as sched
from .checks import Tables
from .jsonform import RAW
from .languages import LanguageMatcher
from .problems import Record
from .rules import (
    LIMITS,
    NOTE_LIMIT,
    OFFER_FIELDS,
    ORGANISATION_KEPT,
    SERVICE_KEPT,
    SHORTENED,
    STATUS_TO_KETTE,
    derive_cost,
    derive_registration,
    free_marker,
    legal_form,
    months,
    plain,
    raw,
    shorten,
)
from .taxonomy import TermMatcher


@dataclass
class MappedOrganisation:
    hsds_id: str
    record: Record
    fields: dict[str, Any]
    sector: str | None
    extra: dict[str, Any]


@dataclass
class MappedOffer:
    id: str
    record: Record
    organisation: str
    status: str
    last_verified: dt.date | None
    content: dict[str, Any]
    extra: dict[str, Any]
    location_ids: list[str | None]
    location_extras: list[dict[str, Any]]
    schedule_ids: list[str | None]
    contact_ids: list[str | None]
    origins: dict[str, tuple[Record, str | None]] = field(default_factory=dict)


class Mapper:
    """Maps the records of one package; build once, then map each service."""

    def __init__(self, tables: Tables, terms: dict[str, dict[str, Any]]) -> None:
        self.tables = tables
        self.matcher = TermMatcher(terms)
        self.languages = LanguageMatcher(terms.get("languages", {}))
        self.organisations = {r["id"]: r for r in tables["organization"] if "id" in r}
        self.locations = {r["id"]: r for r in tables["location"] if "id" in r}
        self.programs = {r["id"]: r for r in tables["program"] if "id" in r}
        self.terms = {r["id"]: r for r in tables["taxonomy_term"] if "id" in r}
        self.taxonomies = {r["id"]: r for r in tables["taxonomy"] if "id" in r}
        self.sals = _group(tables["service_at_location"], "service_id")
        self.addresses = _group(tables["address"], "location_id")
        self.accessibility = _group(tables["accessibility"], "location_id")
        self.cost_options = _group(tables["cost_option"], "service_id")
        self.phones = _owned(
            tables["phone"],
            (
                "contact_id",
                "service_at_location_id",
                "service_id",
                "location_id",
                "organization_id",
            ),
        )
        self.contacts = _owned(
            tables["contact"],
            ("service_at_location_id", "service_id", "location_id", "organization_id"),
        )
        self.schedules = _owned(
            tables["schedule"], ("service_at_location_id", "service_id", "location_id")
        )
        self.languages_of = _owned(
            tables["language"], ("phone_id", "service_id", "location_id")
        )
        self._matched: dict[tuple, tuple[str, str] | None] = {}
        self.attributes: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for record in tables["attribute"]:
            key = (record.get("link_entity"), record.get("link_id"))
            self.attributes[key].append(record)

        self.expressed = self._expressed()

    def _expressed(self) -> set[str]:
        """The vocabularies some service's terms map to.

        A vocabulary the package says nothing about is left as kette has it
        when an offer is updated.
        """
        found = set()
        for term_id in {
            r.get("taxonomy_term_id")
            for r in self.tables["attribute"]
            if r.get("link_entity") == "service"
        }:
            term = self.terms.get(term_id)
            if term is None:
                continue
            match = self.matcher.match(
                term, self.taxonomies.get(term.get("taxonomy_id")), fields=OFFER_FIELDS
            )
            if match:
                found.add(match[0])
        return found

    def unknown_languages(self) -> list[Record]:
        """Language rows of services that name no language kette lists."""
        return [
            row
            for row in self.tables["language"]
            if not row.get("phone_id")
            and row.get("service_id")
            and self.languages.match(row) is None
        ]

    def long_texts(self) -> list[tuple[Record, str, int]]:
        """Texts longer than kette keeps: (record, field, limit)."""
        found = []
        for record in self.tables["service"]:
            for key, name in SHORTENED.items():
                if len(record.get(name) or "") > LIMITS[key]:
                    found.append((record, name, LIMITS[key]))
        for record in self.tables["schedule"]:
            if len(record.get("notes") or "") > NOTE_LIMIT:
                found.append((record, "notes", NOTE_LIMIT))
        return found

    def kept_schedules(self) -> list[Record]:
        """Schedules of services kette cannot show (kept for the export)."""
        return [
            row
            for row in self.tables["schedule"]
            if (row.get("service_id") or row.get("service_at_location_id"))
            and sched.showable_days(row) is None
        ]

    # --- organisations ------------------------------------------------------

    def organisation(self, record: Record) -> MappedOrganisation:
        org_id = record["id"]
        phones = self.phones.get(("organization_id", org_id), [])
        fields = {
            "name": record.get("name", ""),
            "description": record.get("description", ""),
            "email": record.get("email", ""),
            "website": record.get("website", ""),
            "phone": phones[0].get("number", "") if phones else "",
        }
        form = legal_form(record.get("legal_status"), record.get("name"))
        if form:
            fields["legal_form"] = form
        extra = {k: plain(record[k]) for k in ORGANISATION_KEPT if k in record}
        if phones:
            extra["phone"] = self.phone_data(phones[0], drop=("number",))
            if len(phones) > 1:
                extra["phones"] = [self.phone_data(p) for p in phones[1:]]
        contacts = self.contacts.get(("organization_id", org_id), [])
        if contacts:
            extra["contacts"] = [self.contact_data(c) for c in contacts]
        sector, unmatched = None, []
        for attribute in self.attributes.get(("organization", org_id), []):
            found = self._term_of(attribute, ("sector",))
            if found:
                sector = found[1]
            else:
                unmatched.append(self.attribute_data(attribute))
        if unmatched:
            extra["attributes"] = unmatched
        if record.get(RAW):
            extra["json"] = record[RAW]
        return MappedOrganisation(org_id, record, fields, sector, extra)

    # --- services -----------------------------------------------------------

    def service(self, record: Record, org_extra: dict[str, Any]) -> MappedOffer:
        sid = record["id"]
        content: dict[str, Any] = {"organisation": record.get("organization_id")}
        offer = MappedOffer(
            id=sid,
            record=record,
            organisation=record.get("organization_id"),
            status=STATUS_TO_KETTE.get(record.get("status"), OfferStatus.DRAFT),
            last_verified=_verified(record),
            content=content,
            extra={},
            location_ids=[],
            location_extras=[],
            schedule_ids=[],
            contact_ids=[],
        )
        origin = offer.origins
        for key, name in (
            ("title", "name"),
            ("summary", "alternate_name"),
            ("description", "description"),
            ("website", "url"),
            ("email", "email"),
        ):
            content[key] = record.get(name, "")
            origin[key] = (record, name)
        origin["organisation"] = (record, "organization_id")
        origin["__all__"] = (record, None)
        self._ages(offer)
        kept = {k: plain(record[k]) for k in SERVICE_KEPT if k in record}
        if record.get("status") != "active":
            kept["status"] = record.get("status")
        for name in ("minimum_age", "maximum_age"):
            value = record.get(name)
            if value is not None and not float(value * 12).is_integer():
                kept[name] = value
        extra = offer.extra
        if kept:
            extra["service"] = kept
        if org_extra:
            extra["organization"] = org_extra
        program = self.programs.get(record.get("program_id"))
        if program:
            extra["program"] = raw(program)
        self._phones(offer)
        self._cost(offer)
        text = record.get("application_process", "")
        content["registration_required"], content["registration_text"] = (
            derive_registration(text)
        )
        origin["registration_text"] = (record, "application_process")
        self._terms(offer)
        self._languages(offer)
        parts.locations(self, offer)
        parts.times(self, offer)
        parts.contacts(self, offer)
        for key, name in SHORTENED.items():
            if len(content[key]) > LIMITS[key]:
                content[key] = shorten(content[key], LIMITS[key])
                if name in record:
                    extra.setdefault("service", {})[name] = record[name]
        if record.get(RAW):
            extra["json"] = record[RAW]
        return offer

    def _ages(self, offer: MappedOffer) -> None:
        record = offer.record
        low = months(record.get("minimum_age"))
        offer.content["min_age_months"] = low
        # HSDS ages are years; equal ones name one year of age (3 to 3: a
        # course for three-year-olds), so that year is the range.
        offer.content["max_age_months"] = one_age(
            low, months(record.get("maximum_age")), unit=12
        )
        offer.origins["min_age_months"] = (record, "minimum_age")
        offer.origins["max_age_months"] = (record, "maximum_age")

    def _phones(self, offer: MappedOffer) -> None:
        phones = self.phones.get(("service_id", offer.id), [])
        offer.content["phone"] = phones[0].get("number", "") if phones else ""
        if phones:
            offer.origins["phone"] = (phones[0], "number")
            offer.extra["phone"] = self.phone_data(phones[0], drop=("number",))
            if len(phones) > 1:
                offer.extra["phones"] = [self.phone_data(p) for p in phones[1:]]

    def _cost(self, offer: MappedOffer) -> None:
        record = offer.record
        given = self.cost_options.get(offer.id, [])
        # The marker's id is a hash: made only for services with cost options.
        marker = free_marker(offer.id) if given else None
        options = [o for o in given if o.get("id") != marker]
        marked = [o for o in given if o.get("id") == marker]
        text = record.get("fees_description", "")
        offer.content["cost"], offer.content["cost_text"] = derive_cost(
            text, options or marked
        )
        offer.origins["cost_text"] = (
            (record, "fees_description")
            if text or not options
            else (options[0], "amount")
        )
        offer.origins["cost"] = offer.origins["cost_text"]
        if options:
            offer.extra["cost_options"] = [
                raw(o, drop=("service_id",)) for o in options
            ]

    def _term_of(self, attribute: Record, fields: tuple[str, ...]):
        """(content key, kette code) of the attribute's term, or None;
        remembered per term (a package links a few terms many times)."""
        key = (attribute.get("taxonomy_term_id"), fields)
        if key in self._matched:
            return self._matched[key]
        term = self.terms.get(key[0])
        found = None
        if term is not None:
            taxonomy = self.taxonomies.get(term.get("taxonomy_id"))
            found = self.matcher.match(term, taxonomy, fields=fields)
        self._matched[key] = found
        return found

    def attribute_data(self, attribute: Record) -> dict[str, Any]:
        data = raw(attribute, drop=("link_id", "link_entity"))
        term = self.terms.get(attribute.get("taxonomy_term_id"))
        if term is not None:
            data["taxonomy_term"] = raw(term)
            taxonomy = self.taxonomies.get(term.get("taxonomy_id"))
            if taxonomy is not None:
                data["taxonomy_term"]["taxonomy_detail"] = raw(taxonomy)
        return data

    def _terms(self, offer: MappedOffer) -> None:
        content = offer.content
        for name in OFFER_FIELDS:
            content[name] = []
        bands = []
        unmatched = []
        for attribute in self.attributes.get(("service", offer.id), []):
            found = self._term_of(attribute, (*OFFER_FIELDS, "age_band"))
            if found is None:
                unmatched.append(self.attribute_data(attribute))
            elif found[0] == "age_band":
                bands.append(self.matcher.age_bands[found[1]])
            else:
                if found[1] not in content[found[0]]:
                    content[found[0]].append(found[1])
        if unmatched:
            offer.extra["attributes"] = unmatched
        if (
            bands
            and content["min_age_months"] is None
            and content["max_age_months"] is None
        ):
            content["min_age_months"] = min(b.min_months for b in bands)
            content["max_age_months"] = max(b.max_months for b in bands)

    def _languages(self, offer: MappedOffer) -> None:
        rows = self.languages_of.get(("service_id", offer.id), [])
        codes = []
        for row in rows:
            code = self.languages.match(row)
            if code is not None and code not in codes:
                codes.append(code)
        offer.content["languages"] = codes
        if rows:
            offer.extra["languages"] = [raw(r, drop=("service_id",)) for r in rows]

    def phone_data(self, record: Record, drop: tuple[str, ...] = ()) -> dict[str, Any]:
        links = (
            "contact_id",
            "service_id",
            "location_id",
            "organization_id",
            "service_at_location_id",
        )
        data = raw(record, drop=drop + links)
        languages = self.languages_of.get(("phone_id", record.get("id")), [])
        if languages:
            data["languages"] = [raw(r, drop=("phone_id",)) for r in languages]
        return data

    def contact_data(self, record: Record) -> dict[str, Any]:
        data = raw(
            record,
            drop=("organization_id", "service_id", "location_id"),
        )
        phones = self.phones.get(("contact_id", record.get("id")), [])
        if phones:
            data["phones"] = [self.phone_data(p) for p in phones]
        return data


def _verified(record: Record) -> dt.date | None:
    if record.get("assured_date"):
        return record["assured_date"]
    modified = record.get("last_modified")
    if modified:
        try:
            return dt.datetime.fromisoformat(modified).date()
        except ValueError:
            return dt.date.fromisoformat(modified[:10])
    return None


def _group(records: list[Record], key: str) -> dict[Any, list[Record]]:
    groups: dict[Any, list[Record]] = defaultdict(list)
    for record in records:
        value = record.get(key)
        if value is not None:
            groups[value].append(record)
    return groups


def _owned(records: list[Record], keys: tuple[str, ...]):
    """Records by their owner: the first of ``keys`` that is set."""
    groups: dict[tuple[str, Any], list[Record]] = defaultdict(list)
    for record in records:
        for key in keys:
            value = record.get(key)
            if value is not None:
                groups[(key, value)].append(record)
                break
    return groups
