"""Rules of the HSDS mapping that read or make single values."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kette.offers.models import CostKind, Offer, OfferSchedule, OfferStatus

from .jsonform import RAW
from .problems import Record
from .taxonomy import OFFER_VOCABULARIES, made_id

STATUS_TO_KETTE = {
    "active": OfferStatus.PUBLISHED,
    "temporarily closed": OfferStatus.DRAFT,
    "inactive": OfferStatus.DRAFT,
    "defunct": OfferStatus.ARCHIVED,
}
# Kept in hsds_extra["service"]: HSDS service fields without a kette column.
SERVICE_KEPT = (
    "interpretation_services",
    "wait_time",
    "fees",
    "accreditations",
    "eligibility_description",
    "assurer_email",
    "licenses",
    "alert",
    "program_id",
    "last_modified",
)
ORGANISATION_KEPT = (
    "alternate_name",
    "tax_status",
    "tax_id",
    "year_incorporated",
    "legal_status",
    "logo",
    "uri",
    "parent_organization_id",
)
LOCATION_MAPPED = {"id", "name", "latitude", "longitude"}
ADDRESS_MAPPED = {"location_id", "address_1", "postal_code", "city"}
OFFER_FIELDS = tuple(v.field for v in OFFER_VOCABULARIES)
FREE_TEXT = re.compile(
    r"kostenlos|kostenfrei|gebührenfrei|gratis|unentgeltlich|free of charge|"
    r"\bfree\b|keine kosten|ohne kosten|ohne gebühr",
    re.IGNORECASE,
)
PRICE = re.compile(r"[1-9]\d*([.,]\d+)?\s*(€|eur\b|euro)", re.IGNORECASE)
NO_REGISTRATION = re.compile(
    r"(keine|ohne|nicht (nötig|notwendig|erforderlich)).{0,20}anmeldung|"
    r"anmeldung.{0,20}(nicht|kein)|no (registration|appointment)|walk[- ]in|"
    r"einfach vorbeikommen|offene[rs]? (treff|sprechstunde|angebot)",
    re.IGNORECASE,
)


def free_marker(offer_id: str) -> str:
    """Id of the zero-cost option the export adds to mark a free offer."""
    return made_id("cost-free", offer_id)


#: The types of parsed values that are written as ISO text (the parsers make
#: exactly these; a type test by set is a fraction of ``isinstance`` with a
#: union, and ``raw`` runs for every record kept for the export).
TEMPORAL = frozenset({dt.date, dt.datetime, dt.time})


def raw(record: Record | None, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """The record as JSON-ready data, without kette's own keys."""
    if not record:
        return {}
    data = {
        key: value.isoformat() if type(value) in TEMPORAL else value
        for key, value in record.items()
        if key[0] != "@" and key not in drop
    }
    kept = record.get(RAW)
    if kept:
        data.update(kept)
    return data


def plain(value: Any) -> Any:
    return value.isoformat() if type(value) in TEMPORAL else value


def months(years: float | None) -> int | None:
    return None if years is None else round(years * 12)


def derive_cost(text: str, options: list[Record]) -> tuple[str, str]:
    """(cost, cost_text): free when every amount is 0, or no fee is described."""
    amounts = [o["amount"] for o in options if o.get("amount") is not None]
    if amounts:
        free = all(amount == 0 for amount in amounts)
    else:
        free = not text or (bool(FREE_TEXT.search(text)) and not PRICE.search(text))
    if not text and not free:
        text = "; ".join(_option_text(o) for o in options if o.get("amount"))
    return (CostKind.FREE if free else CostKind.FEE), text


def _option_text(option: Record) -> str:
    amount = f"{option['amount']:.2f}".replace(".", ",")
    parts = [f"{amount} {option.get('currency') or 'EUR'}"]
    parts += [option[k] for k in ("option", "amount_description") if option.get(k)]
    return " ".join(parts)


def derive_registration(text: str) -> tuple[bool, str]:
    return (bool(text) and not NO_REGISTRATION.search(text)), text


LEGAL_FORMS = (
    (re.compile(r"\bggmbh\b", re.I), "ggmbh"),
    (re.compile(r"\be\.\s?v\.?(?!\w)|eingetragener verein", re.I), "ev"),
    (re.compile(r"\b(gmbh|ug|ag)\b", re.I), "gmbh"),
    (re.compile(r"stiftung", re.I), "foundation"),
    (re.compile(r"\beg\b|genossenschaft", re.I), "eg"),
    (re.compile(r"kirchengemeinde|bistum|landeskirche|kirchenkreis", re.I), "church"),
    (
        re.compile(
            r"^(stadt|kreis|landkreis|gemeinde)\b|\b(jugendamt|gesundheitsamt|"
            r"jobcenter|behörde|körperschaft|öffentlichen rechts)",
            re.I,
        ),
        "public_body",
    ),
)


def legal_form(*texts: str | None) -> str | None:
    for text in texts:
        for pattern, form in LEGAL_FORMS:
            if text and pattern.search(text):
                return form
    return None


# Free texts HSDS does not limit but kette does: longer ones are shortened
# (with a warning) and the full text is kept for the export.
SHORTENED = {
    "summary": "alternate_name",
    "cost_text": "fees_description",
    "registration_text": "application_process",
}
LIMITS = {key: Offer._meta.get_field(key).max_length for key in SHORTENED}
NOTE_LIMIT = OfferSchedule._meta.get_field("note").max_length


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word, ending in an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def full_text(value: str, kept: Any, limit: int) -> str:
    """The kept full text if ``value`` is still its shortened form."""
    if isinstance(kept, str) and len(kept) > limit and shorten(kept, limit) == value:
        return kept
    return value
