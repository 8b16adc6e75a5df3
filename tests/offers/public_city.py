"""A small directory for the public page tests: districts and published offers.

Offers are written through the workflow services (create, submit, approve),
so they are indexed and their places get districts as in real use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kette.offers.models import Offer
from kette.offers.services import workflow
from tests.core.factories import DistrictFactory, OrganisationFactory, square
from tests.offers.factories import offer_content

# Nord (two Stadtteile) and Süd, side by side around (6.80 .. 6.84, 51.40 .. 51.42).
NORD = (6.80, 51.40)
SUED = (6.82, 51.40)


def in_district(code: str) -> tuple[float, float]:
    """A point (lat, lon) inside the district ``code``."""
    return {
        "01-1": (51.405, 6.805),
        "01-2": (51.415, 6.815),
        "02": (51.41, 6.83),
    }[code]


def place(code: str, name: str, street: str = "Marktstraße 1", **more) -> dict:
    lat, lon = in_district(code)
    return {
        "name": name,
        "street": street,
        "postal_code": "46045",
        "city": "Musterstadt",
        "latitude": lat,
        "longitude": lon,
        **more,
    }


def publish(actor, municipality, content: dict) -> Offer:
    offer = workflow.offer_create(
        actor=actor, municipality=municipality, content=content
    )
    workflow.offer_submit(actor=actor, offer=offer)
    workflow.offer_approve(actor=actor, offer=offer)
    offer.refresh_from_db()
    return offer


@dataclass
class Directory:
    midwife: Offer
    toddlers: Offer
    homework: Offer
    youth: Offer
    draft: Offer


def build_districts(municipality) -> None:
    nord = DistrictFactory(
        municipality=municipality,
        code="01",
        name="Nord",
        geometry=square(*NORD, 0.02),
    )
    DistrictFactory(
        municipality=municipality,
        parent=nord,
        code="01-1",
        name="Hafen",
        level=1,
        geometry=square(6.80, 51.40, 0.01),
    )
    DistrictFactory(
        municipality=municipality,
        parent=nord,
        code="01-2",
        name="Gartenstadt",
        level=1,
        geometry=square(6.81, 51.41, 0.01),
    )
    DistrictFactory(
        municipality=municipality, code="02", name="Süd", geometry=square(*SUED, 0.02)
    )


def build_directory(municipality, coordinator) -> Directory:
    build_districts(municipality)
    family = OrganisationFactory(
        municipality=municipality,
        name="Familienzentrum Regenbogen e.V.",
        phone="0208 555 10",
        website="https://regenbogen.example",
    )
    school = OrganisationFactory(municipality=municipality, name="Grundschule am Park")
    next_month = timezone.localdate() + dt.timedelta(days=30)
    midwife = publish(
        coordinator,
        municipality,
        offer_content(
            family,
            title="Hebammensprechstunde",
            summary="Beratung rund um Schwangerschaft und Geburt.",
            description="Offene Sprechstunde der Familienhebammen.\n\nOhne Termin.",
            min_age_months=-9,
            max_age_months=12,
            fields_of_action=["health"],
            life_phases=["pregnancy-birth"],
            target_groups=["expectant-parents"],
            prevention_standards=["outreach"],
            languages=["de", "tr"],
            registration_required=False,
            capacity=12,
            email="hebammen@regenbogen.example",
            phone="0208 555 11",
            website="https://regenbogen.example/hebammen",
            locations=[
                place(
                    "01-1",
                    "Familienzentrum Hafen",
                    accessibility="Stufenloser Zugang, Wickelraum",
                )
            ],
            schedules=[
                {
                    "kind": "weekly",
                    "weekday": 1,
                    "opens_at": "09:00",
                    "closes_at": "12:00",
                    "location": 0,
                    "note": "ohne Anmeldung",
                },
                {
                    "kind": "dated",
                    "date": next_month.isoformat(),
                    "opens_at": "18:00",
                    "closes_at": "20:00",
                    "location": 0,
                    "note": "Infoabend für werdende Väter",
                },
            ],
            contacts=[
                {
                    "name": "Anna Beispiel",
                    "role": "Familienhebamme",
                    "phone": "0208 1234",
                    "email": "anna@regenbogen.example",
                }
            ],
        ),
    )
    toddlers = publish(
        coordinator,
        municipality,
        offer_content(
            family,
            title="Krabbelgruppe am Hafen",
            summary="Spielen und Austausch für Eltern mit Babys.",
            description="Eltern mit Kindern ab sechs Monaten treffen sich.",
            min_age_months=6,
            max_age_months=36,
            cost="fee",
            cost_text="3 € pro Treffen",
            fields_of_action=["early-education"],
            life_phases=["pregnancy-birth"],
            target_groups=["parents"],
            languages=["de"],
            locations=[place("01-2", "Gemeindehaus Gartenstadt")],
            schedules=[],
            contacts=[],
        ),
    )
    homework = publish(
        coordinator,
        municipality,
        offer_content(
            school,
            title="Hausaufgabenhilfe",
            summary="Hilfe bei den Hausaufgaben nach der Schule.",
            description="Ehrenamtliche helfen Grundschulkindern.",
            min_age_months=72,
            max_age_months=144,
            fields_of_action=["school-education"],
            life_phases=["school"],
            target_groups=["children"],
            languages=["de", "ar"],
            locations=[place("02", "Grundschule am Park", "Parkweg 3")],
            schedules=[],
            contacts=[],
        ),
    )
    youth = publish(
        coordinator,
        municipality,
        offer_content(
            school,
            title="Jugendtreff Süd",
            summary="Offener Treff für Jugendliche.",
            description="Billard, Musik und Beratung.",
            min_age_months=144,
            max_age_months=216,
            fields_of_action=["youth-welfare"],
            life_phases=["youth"],
            target_groups=["adolescents"],
            languages=["de", "ru", "uk"],
            locations=[place("02", "Jugendhaus Süd", "Südring 8")],
            schedules=[],
            contacts=[],
        ),
    )
    draft = workflow.offer_create(
        actor=coordinator,
        municipality=municipality,
        content=offer_content(family, title="Geheimer Entwurf Babymassage"),
    )
    return Directory(midwife, toddlers, homework, youth, draft)


def add_plain_offers(municipality, coordinator, count: int) -> list[Offer]:
    """``count`` more published offers for 3 to 6 year olds, in district 02."""
    organisation = OrganisationFactory(municipality=municipality, name="Kita-Verbund")
    return [
        publish(
            coordinator,
            municipality,
            offer_content(
                organisation,
                title=f"Kita-Angebot {number:02d}",
                summary="Bewegung und Spiel in der Kita.",
                min_age_months=36,
                max_age_months=72,
                fields_of_action=["sport"],
                languages=["de"],
                locations=[place("02", f"Kita {number}")],
                schedules=[],
                contacts=[],
            ),
        )
        for number in range(count)
    ]
