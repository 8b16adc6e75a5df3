"""HSDS places, times and contacts of a service → kette's parts of an offer.

Every service_at_location becomes a place of the offer (its id is the
place's id); schedules and contacts of the service and of its
service_at_locations become the offer's times and contact persons. What kette
has no column for goes to ``hsds_extra`` of the offer or of the place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import schedules as sched
from .rules import ADDRESS_MAPPED, LOCATION_MAPPED, raw

if TYPE_CHECKING:
    from .mapping import MappedOffer, Mapper


def locations(mapper: Mapper, offer: MappedOffer) -> None:
    """One place per service_at_location, with its location and address."""
    content, origin = offer.content, offer.origins
    content["locations"] = []
    for index, sal in enumerate(mapper.sals.get(offer.id, [])):
        location = mapper.locations.get(sal.get("location_id"), {})
        addresses = mapper.addresses.get(location.get("id"), [])
        address = next(
            (a for a in addresses if a.get("address_type") == "physical"),
            addresses[0] if addresses else None,
        )
        access = mapper.accessibility.get(location.get("id"), [])
        content["locations"].append(
            {
                "id": sal.get("id"),
                "name": location.get("name", ""),
                "street": (address or {}).get("address_1", ""),
                "postal_code": (address or {}).get("postal_code", ""),
                "city": (address or {}).get("city", ""),
                "latitude": location.get("latitude"),
                "longitude": location.get("longitude"),
                "accessibility": "\n".join(
                    a["description"] for a in access if a.get("description")
                ),
            }
        )
        prefix = f"locations.{index}"
        origin[prefix] = (location, "latitude")
        origin[f"{prefix}.id"] = (sal, "id")
        for key in ("name", "latitude", "longitude"):
            origin[f"{prefix}.{key}"] = (location, key)
        if address:
            origin[f"{prefix}.street"] = (address, "address_1")
            origin[f"{prefix}.postal_code"] = (address, "postal_code")
            origin[f"{prefix}.city"] = (address, "city")
        if access:
            origin[f"{prefix}.accessibility"] = (access[0], "description")
        offer.location_ids.append(location.get("id"))
        offer.location_extras.append(
            _location_extra(mapper, sal, location, address, addresses, access)
        )


def _location_extra(mapper: Mapper, sal, location, address, addresses, access):
    extra: dict[str, Any] = {}
    loc_id = location.get("id")
    kept = raw(location, drop=tuple(LOCATION_MAPPED))
    if kept:
        extra["location"] = kept
    if address:
        extra["address"] = raw(address, drop=tuple(ADDRESS_MAPPED))
    others = [raw(a, drop=("location_id",)) for a in addresses if a is not address]
    if others:
        extra["addresses"] = others
    link = raw(sal, drop=("id", "service_id", "location_id"))
    if link:
        extra["service_at_location"] = link
    if access:
        extra["accessibility"] = [raw(a, drop=("location_id",)) for a in access]
    for key, owner in (
        ("location_phones", ("location_id", loc_id)),
        ("sal_phones", ("service_at_location_id", sal.get("id"))),
    ):
        phones = mapper.phones.get(owner, [])
        if phones:
            extra[key] = [mapper.phone_data(p) for p in phones]
    languages = mapper.languages_of.get(("location_id", loc_id), [])
    if languages:
        extra["languages"] = [raw(r, drop=("location_id",)) for r in languages]
    schedules = mapper.schedules.get(("location_id", loc_id), [])
    if schedules:
        extra["location_schedules"] = [raw(s, drop=("location_id",)) for s in schedules]
    contacts = mapper.contacts.get(("location_id", loc_id), [])
    if contacts:
        extra["location_contacts"] = [mapper.contact_data(c) for c in contacts]
    attributes = mapper.attributes.get(("location", loc_id), [])
    if attributes:
        extra["attributes"] = [mapper.attribute_data(a) for a in attributes]
    return extra


def times(mapper: Mapper, offer: MappedOffer) -> None:
    """Schedules of the service and its places; unshowable rules are kept."""
    content = offer.content
    content["schedules"] = []
    fields: dict[str, Any] = {}
    kept: list[dict[str, Any]] = []
    owners = [(("service_id", offer.id), None)] + [
        (("service_at_location_id", loc["id"]), index)
        for index, loc in enumerate(content["locations"])
    ]
    for owner, location in owners:
        for record in mapper.schedules.get(owner, []):
            mapped = sched.kette_rows(record)
            if mapped is None:
                data = raw(record, drop=("service_id", "service_at_location_id"))
                if location is None:
                    kept.append(data)
                else:
                    extras = offer.location_extras[location]
                    extras.setdefault("sal_schedules", []).append(data)
                continue
            rows, origin = mapped
            for row in rows:
                index = len(content["schedules"])
                content["schedules"].append(row | {"location": location})
                offer.schedule_ids.append(record["id"])
                offer.origins[f"schedules.{index}"] = (record, None)
                for key, name in origin.items():
                    offer.origins[f"schedules.{index}.{key}"] = (record, name)
            leftover = sched.leftover_of(record)
            if leftover:
                fields[record["id"]] = leftover
    if fields:
        offer.extra["schedule_fields"] = fields
    if kept:
        offer.extra["schedules"] = kept


def contacts(mapper: Mapper, offer: MappedOffer) -> None:
    """Named contacts with their first phone; the rest is kept."""
    content = offer.content
    content["contacts"] = []
    fields: dict[str, Any] = {}
    unnamed = []
    owners = [("service_id", offer.id)] + [
        ("service_at_location_id", loc["id"]) for loc in content["locations"]
    ]
    for owner in owners:
        for record in mapper.contacts.get(owner, []):
            phones = mapper.phones.get(("contact_id", record["id"]), [])
            if not record.get("name"):
                unnamed.append(mapper.contact_data(record))
                continue
            index = len(content["contacts"])
            content["contacts"].append(
                {
                    "name": record["name"],
                    "role": record.get("title", ""),
                    "email": record.get("email", ""),
                    "phone": phones[0].get("number", "") if phones else "",
                }
            )
            offer.contact_ids.append(record["id"])
            prefix = f"contacts.{index}"
            offer.origins[prefix] = (record, None)
            for key, name in (
                ("name", "name"),
                ("role", "title"),
                ("email", "email"),
            ):
                offer.origins[f"{prefix}.{key}"] = (record, name)
            if phones:
                offer.origins[f"{prefix}.phone"] = (phones[0], "number")
            kept = raw(record, drop=("id", "name", "title", "email", "service_id"))
            if phones:
                kept["phone"] = mapper.phone_data(
                    phones[0], drop=("number", "contact_id")
                )
                if len(phones) > 1:
                    kept["phones"] = [mapper.phone_data(p) for p in phones[1:]]
            if kept:
                fields[record["id"]] = kept
    if fields:
        offer.extra["contact_fields"] = fields
    if unnamed:
        offer.extra["contacts"] = unnamed
