"""kette offers → HSDS records (the inverse of ``mapping``).

kette's values win; what ``hsds_extra`` kept of the imported package fills
in the fields kette has no column for, with the ids it came with. Objects
kette made itself get stable made-up ids (``taxonomy.made_id``), so two
exports of the same data are identical.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kette.core.models import Language, Municipality

from ..models import Offer, OfferStatus
from .languages import LanguageMatcher
from .rules import (
    LIMITS,
    ORGANISATION_KEPT,
    SERVICE_KEPT,
    STATUS_TO_KETTE,
    derive_cost,
    free_marker,
    full_text,
    months,
)
from .schedules import hsds_schedules
from .taxonomy import (
    OFFER_VOCABULARIES,
    SECTORS,
    made_id,
    taxonomy_id,
    term_code,
    term_id,
)

RAW = "@json"
KETTE_TO_STATUS = {
    OfferStatus.PUBLISHED: "active",
    OfferStatus.DRAFT: "inactive",
    OfferStatus.IN_REVIEW: "inactive",
    OfferStatus.ARCHIVED: "defunct",
}
REGISTRATION_NEEDED = "Anmeldung erforderlich"

Record = dict[str, Any]


def _age(value: int | None, kept: Any) -> float | None:
    if value is None:
        return None
    if isinstance(kept, int | float) and months(kept) == value:
        return kept
    return value / 12


class RecordSet:
    """Records by resource, each id once (the first one wins)."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Record]] = defaultdict(dict)

    def add(self, resource: str, record: Record) -> str:
        record = {k: v for k, v in record.items() if v not in (None, "", [], {})}
        self.records[resource].setdefault(record["id"], record)
        return record["id"]

    def lists(self) -> dict[str, list[Record]]:
        return {name: list(found.values()) for name, found in self.records.items()}


class Exporter:
    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality
        self.out = RecordSet()
        self.languages = {t.code: t for t in Language.objects.all()}
        self.matcher = LanguageMatcher(self.languages)
        self.org_ids: dict[int, str] = {}
        self.locations: dict[str, str] = {}  # location id -> signature

    # --- organisations -------------------------------------------------------

    def organisation(self, organisation, extra: dict[str, Any]) -> str:
        if organisation.pk in self.org_ids:
            return self.org_ids[organisation.pk]
        org_id = str(organisation.hsds_id or made_id("organization", organisation.pk))
        self.org_ids[organisation.pk] = org_id
        record = {k: extra[k] for k in ORGANISATION_KEPT if k in extra}
        record |= {
            "id": org_id,
            "name": organisation.name,
            "description": organisation.description or organisation.name,
            "email": organisation.email,
            "website": organisation.website,
        }
        if extra.get("json"):
            record[RAW] = extra["json"]
        self.out.add("organization", record)
        if organisation.phone:
            self._phone(
                extra.get("phone"),
                organisation.phone,
                {"organization_id": org_id},
                made_id("phone", org_id),
            )
        for phone in extra.get("phones", []):
            self._phone(phone, None, {"organization_id": org_id})
        for contact in extra.get("contacts", []):
            self._contact(contact, {"organization_id": org_id})
        sector = organisation.sector
        self._kette_attribute(org_id, "organization", SECTORS, sector)
        for attribute in extra.get("attributes", []):
            self._attribute(attribute, org_id, "organization")
        return org_id

    # --- services ------------------------------------------------------------

    def offer(self, offer: Offer) -> None:
        extra = offer.hsds_extra or {}
        org_id = self.organisation(offer.organisation, extra.get("organization", {}))
        sid = str(offer.pk)
        kept = extra.get("service", {})
        status = kept.get("status")
        if STATUS_TO_KETTE.get(status) != offer.status:
            status = KETTE_TO_STATUS[offer.status]
        record: Record = {k: kept[k] for k in SERVICE_KEPT if k in kept}
        program = extra.get("program")
        if program and program.get("organization_id") == org_id:
            record["program_id"] = self.out.add("program", program)
        else:
            record.pop("program_id", None)
        application = offer.registration_text or (
            REGISTRATION_NEEDED if offer.registration_required else ""
        )
        record |= {
            "id": sid,
            "organization_id": org_id,
            "name": offer.title,
            "alternate_name": full_text(
                offer.summary, kept.get("alternate_name"), LIMITS["summary"]
            ),
            "description": offer.description,
            "url": offer.website,
            "email": offer.email,
            "status": status,
            "application_process": full_text(
                application,
                kept.get("application_process"),
                LIMITS["registration_text"],
            ),
            "fees_description": full_text(
                offer.cost_text, kept.get("fees_description"), LIMITS["cost_text"]
            ),
            "minimum_age": _age(offer.min_age_months, kept.get("minimum_age")),
            "maximum_age": _age(offer.max_age_months, kept.get("maximum_age")),
            "assured_date": offer.last_verified.isoformat()
            if offer.last_verified
            else None,
            # The source's own time if it gave one; kette's only for verified
            # offers (a reader takes it as a verification date).
            "last_modified": kept.get("last_modified")
            or (offer.updated_at.isoformat() if offer.last_verified else None),
        }
        if extra.get("json"):
            record[RAW] = extra["json"]
        self.out.add("service", record)
        link = {"service_id": sid}
        if offer.phone:
            self._phone(extra.get("phone"), offer.phone, link, made_id("phone", sid))
        for phone in extra.get("phones", []):
            self._phone(phone, None, link)
        self._costs(offer, extra, sid)
        self._languages(offer, extra, sid)
        self._terms(offer, extra, sid)
        locations = list(offer.locations.all())
        for location in locations:
            self._location(offer, location, org_id)
        for schedule in hsds_schedules(
            sid, list(offer.schedules.all()), extra.get("schedule_fields", {})
        ):
            self.out.add("schedule", schedule)
        for schedule in extra.get("schedules", []):
            self.out.add("schedule", schedule | link)
        self._contacts(offer, extra, sid)

    def _costs(self, offer: Offer, extra: dict, sid: str) -> None:
        options = extra.get("cost_options", [])
        if options and derive_cost(offer.cost_text, options)[0] != offer.cost:
            options = []
        if not options and derive_cost(offer.cost_text, [])[0] != offer.cost:
            if offer.cost == "free":
                options = [{"id": free_marker(sid), "amount": 0, "currency": "EUR"}]
        for option in options:
            self.out.add("cost_option", option | {"service_id": sid})

    def _languages(self, offer: Offer, extra: dict, sid: str) -> None:
        codes = [t.code for t in offer.languages.all()]
        covered = set()
        for row in extra.get("languages", []):
            code = self.matcher.match(row)
            if code is None or code in codes:
                covered.add(code)
                self.out.add("language", row | {"service_id": sid})
        for code in codes:
            if code not in covered:
                term = self.languages[code]
                self.out.add(
                    "language",
                    {
                        "id": made_id("language", sid, code),
                        "service_id": sid,
                        "name": term.label_de,
                        "code": code,
                    },
                )

    def _terms(self, offer: Offer, extra: dict, sid: str) -> None:
        for vocabulary in OFFER_VOCABULARIES:
            for term in getattr(offer, vocabulary.field).all():
                self._kette_attribute(sid, "service", vocabulary, term)
        for attribute in extra.get("attributes", []):
            self._attribute(attribute, sid, "service")

    def _kette_attribute(self, link_id, entity, vocabulary, term) -> None:
        taxonomy = taxonomy_id(vocabulary)
        self.out.add(
            "taxonomy",
            {
                "id": taxonomy,
                "name": vocabulary.name_de,
                "description": f"{vocabulary.name_de} ({vocabulary.name_en}), kette",
                "version": "1",
            },
        )
        self.out.add(
            "taxonomy_term",
            {
                "id": term_id(vocabulary, term.code),
                "code": term_code(vocabulary, term.code),
                "name": term.label_de,
                "description": term.description_de or term.label_en or term.label_de,
                "taxonomy": vocabulary.name_de,
                "taxonomy_id": taxonomy,
                "language": "de",
            },
        )
        self.out.add(
            "attribute",
            {
                "id": made_id("attribute", link_id, vocabulary.slug, term.code),
                "link_id": link_id,
                "link_entity": entity,
                "link_type": vocabulary.slug,
                "taxonomy_term_id": term_id(vocabulary, term.code),
            },
        )

    def _attribute(self, attribute: dict, link_id: str, entity: str) -> None:
        data = dict(attribute)
        term = data.pop("taxonomy_term", None)
        if term:
            term = dict(term)
            taxonomy = term.pop("taxonomy_detail", None)
            if taxonomy:
                self.out.add("taxonomy", taxonomy)
            self.out.add("taxonomy_term", term)
        self.out.add("attribute", data | {"link_id": link_id, "link_entity": entity})

    # --- places ----------------------------------------------------------------

    def _location(self, offer: Offer, location, org_id: str) -> None:
        extra = location.hsds_extra or {}
        kept = extra.get("location", {})
        loc_id = str(location.hsds_location_id or made_id("location", location.pk))
        signature = repr(
            [
                location.name,
                location.latitude,
                location.longitude,
                location.street,
                location.postal_code,
                location.city,
                location.accessibility,
                {
                    k: v
                    for k, v in extra.items()
                    if k.startswith("location")
                    or k in ("address", "addresses", "languages", "attributes")
                },
            ]
        )
        if self.locations.setdefault(loc_id, signature) != signature:
            loc_id = made_id("location", location.pk)
            self.locations[loc_id] = signature
        sal_id = str(location.pk)
        self.out.add(
            "service_at_location",
            extra.get("service_at_location", {})
            | {"id": sal_id, "service_id": str(offer.pk), "location_id": loc_id},
        )
        for phone in extra.get("sal_phones", []):
            self._phone(phone, None, {"service_at_location_id": sal_id})
        for schedule in extra.get("sal_schedules", []):
            self.out.add("schedule", schedule | {"service_at_location_id": sal_id})
        if loc_id in self.out.records["location"]:
            return
        record = {"location_type": "physical"} | kept
        record |= {
            "id": loc_id,
            "name": location.name,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
        self.out.add("location", record)
        self._address(location, extra, loc_id)
        self._accessibility(location, extra, loc_id)
        link = {"location_id": loc_id}
        for phone in extra.get("location_phones", []):
            self._phone(phone, None, link)
        for language in extra.get("languages", []):
            self.out.add("language", language | link)
        for schedule in extra.get("location_schedules", []):
            self.out.add("schedule", schedule | link)
        for contact in extra.get("location_contacts", []):
            self._contact(contact, link)
        for attribute in extra.get("attributes", []):
            self._attribute(attribute, loc_id, "location")

    def _address(self, location, extra: dict, loc_id: str) -> None:
        if location.street and location.city and location.postal_code:
            record = {
                "id": made_id("address", loc_id),
                "address_type": "physical",
                "state_province": self.municipality.get_state_display(),
                "country": "DE",
            }
            record |= extra.get("address", {})
            record |= {
                "location_id": loc_id,
                "address_1": location.street,
                "postal_code": location.postal_code,
                "city": location.city,
            }
            self.out.add("address", record)
        for address in extra.get("addresses", []):
            self.out.add("address", address | {"location_id": loc_id})

    def _accessibility(self, location, extra: dict, loc_id: str) -> None:
        kept = extra.get("accessibility", [])
        text = "\n".join(a["description"] for a in kept if a.get("description"))
        if location.accessibility and text != location.accessibility:
            kept = [
                {
                    "id": made_id("accessibility", loc_id),
                    "description": location.accessibility,
                }
            ]
        elif not location.accessibility:
            kept = [a for a in kept if not a.get("description")]
        for item in kept:
            self.out.add("accessibility", item | {"location_id": loc_id})

    # --- people and numbers ----------------------------------------------------

    def _contacts(self, offer: Offer, extra: dict, sid: str) -> None:
        fields = extra.get("contact_fields", {})
        for position, contact in enumerate(offer.contacts.all()):
            contact_id = str(contact.hsds_id or made_id("contact", sid, position))
            kept = dict(fields.get(str(contact.hsds_id), {})) if contact.hsds_id else {}
            phone, phones = kept.pop("phone", None), kept.pop("phones", [])
            record = kept | {
                "id": contact_id,
                "name": contact.name,
                "title": contact.role,
                "email": contact.email,
            }
            if "service_at_location_id" not in record:
                record["service_id"] = sid
            self.out.add("contact", record)
            link = {"contact_id": contact_id}
            if contact.phone:
                self._phone(phone, contact.phone, link, made_id("phone", contact_id))
            for item in phones:
                self._phone(item, None, link)
        for contact in extra.get("contacts", []):
            link = {} if contact.get("service_at_location_id") else {"service_id": sid}
            self._contact(contact, link)

    def _contact(self, contact: dict, link: dict) -> None:
        data = dict(contact)
        phones = data.pop("phones", [])
        contact_id = self.out.add("contact", data | link)
        for phone in phones:
            self._phone(phone, None, {"contact_id": contact_id})

    def _phone(self, kept, number, link: dict, default_id: str | None = None) -> None:
        data = dict(kept or {})
        languages = data.pop("languages", [])
        if number is not None:
            data["number"] = number
        data.setdefault("id", default_id)
        phone_id = self.out.add("phone", data | link)
        for language in languages:
            self.out.add("language", language | {"phone_id": phone_id})
