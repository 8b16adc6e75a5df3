"""Factories for offers; build on tests/core/factories.py."""

from __future__ import annotations

import factory

from kette.offers.models import Offer, OfferLocation, OfferStatus
from kette.offers.search.index import index_offers
from tests.core.factories import MunicipalityFactory, OrganisationFactory


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    title = factory.Sequence(lambda n: f"Angebot {n}")
    summary = "Ein Angebot für Familien."
    description = "Beschreibung des Angebots."
    min_age_months = 0
    max_age_months = 36
    status = OfferStatus.PUBLISHED

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Index the offer, as every writer does (a search never does)."""
        super()._after_postgeneration(instance, create, results)
        if create:
            index_offers([instance.pk])


class OfferLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferLocation

    offer = factory.SubFactory(OfferFactory)
    name = "Familienzentrum"
    street = "Marktstraße 1"
    postal_code = "46045"
    city = "Musterstadt"

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            index_offers([instance.offer_id])


def offer_content(organisation, **overrides) -> dict:
    """Minimal valid content for the offer services."""
    content = {
        "organisation": organisation.pk,
        "title": "Hebammensprechstunde",
        "summary": "Beratung rund um Schwangerschaft und Geburt.",
        "description": "Offene Sprechstunde der Familienhebammen.",
        "min_age_months": -9,
        "max_age_months": 12,
        "cost": "free",
        "fields_of_action": ["health"],
        "languages": ["de", "tr"],
        "locations": [
            {
                "name": "Familienzentrum Mitte",
                "street": "Marktstraße 1",
                "postal_code": "46045",
                "city": "Musterstadt",
                "latitude": 51.405,
                "longitude": 6.805,
            }
        ],
        "schedules": [
            {
                "kind": "weekly",
                "weekday": 1,
                "opens_at": "09:00",
                "closes_at": "12:00",
                "location": 0,
            }
        ],
        "contacts": [
            {"name": "Anna Beispiel", "role": "Familienhebamme", "phone": "0208 1234"}
        ],
    }
    content.update(overrides)
    return content
