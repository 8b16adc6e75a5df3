"""The search's results come from plain values (``page_offers`` and
``offer_summaries``), and they are the JSON ``OfferSummarySerializer`` gives
for the same offers, byte for byte: every optional part filled and every
part left out, German and English, with and without a request."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.renderers import JSONRenderer

from kette.api.serializers.offers import OfferSummarySerializer
from kette.api.serializers.search import offer_summaries
from kette.core.models import FieldOfAction, Language
from kette.offers.models import OfferStatus
from kette.offers.selectors.public import offers_in_order, page_offers
from tests.core.factories import DistrictFactory, MunicipalityFactory
from tests.offers.factories import OfferFactory, OfferLocationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/municipalities/musterstadt/offers/"


@pytest.fixture
def page(municipality):
    """Ids of a search page: a full offer, a bare one, a draft, an offer of
    another municipality and an id of no offer."""
    district = DistrictFactory(municipality=municipality, code="01", name="Altstadt")
    full = OfferFactory(
        municipality=municipality,
        title="Hebammensprechstunde",
        summary="Beratung rund um Schwangerschaft und Geburt.",
        min_age_months=-9,
        max_age_months=12,
        cost="free",
        last_verified=dt.date(2026, 3, 1),
    )
    full.languages.set(Language.objects.filter(code__in=["de", "tr", "ar"]))
    full.fields_of_action.set(
        FieldOfAction.objects.filter(code__in=["health", "early-education"])
    )
    retired = Language.objects.get(code="tr")
    retired.is_active = False
    retired.save()
    OfferLocationFactory(
        offer=full,
        name="Familienzentrum",
        latitude=51.405,
        longitude=6.805,
        district=district,
        accessibility="Stufenlos, mit Aufzug.",
        position=0,
    )
    OfferLocationFactory(
        offer=full, name="Zweigstelle", street="", postal_code="", position=1
    )
    OfferLocationFactory(offer=full, name="Anbau", city="", position=1)
    bare = OfferFactory(
        municipality=municipality,
        title="Offener Treff",
        summary="",
        min_age_months=None,
        max_age_months=None,
        cost="fee",
        last_verified=None,
    )
    draft = OfferFactory(municipality=municipality, status=OfferStatus.DRAFT)
    foreign = OfferFactory(municipality=MunicipalityFactory(slug="nachbarstadt"))
    return [bare.pk, draft.pk, uuid.uuid4(), full.pk, foreign.pk]


def rendered(data) -> bytes:
    return JSONRenderer().render(data)


def by_serializer(municipality, ids, request) -> bytes:
    offers = offers_in_order(municipality=municipality, ids=ids)
    serializer = OfferSummarySerializer(offers, many=True, context={"request": request})
    return rendered(serializer.data)


def by_values(municipality, ids, request) -> bytes:
    offers = page_offers(municipality=municipality, ids=ids)
    return rendered(offer_summaries(offers, municipality=municipality, request=request))


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("with_request", [True, False])
def test_the_plain_results_are_the_serializers_byte_for_byte(
    municipality, page, language, with_request
):
    request = RequestFactory().get(LIST) if with_request else None
    with translation.override(language):
        old = by_serializer(municipality, page, request)
        new = by_values(municipality, page, request)

    assert new == old
    # Both hold the two offers of the municipality that are published, in
    # the page's order, with places, languages and fields in their order.
    assert new.count(b'"title":') == 2
    assert new.index(b"Offener Treff") < new.index(b"Hebammensprechstunde")
    for before, after in (
        (b"Familienzentrum", b"Anbau"),
        (b"Anbau", b"Zweigstelle"),
        (b'"code":"de"', b'"code":"ar"'),
    ):
        assert new.index(before) < new.index(after)


def test_the_api_answers_with_the_serializers_results(api, municipality, page):
    api.get(LIST)  # loads the search's table
    with CaptureQueriesContext(connection) as queries:
        response = api.get(LIST, {"sort": "name", "lang": "en"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["languages"][0]["label"] == "German"
    assert [item["title"] for item in results] == [
        "Hebammensprechstunde",
        "Offener Treff",
    ]
    request = RequestFactory().get(LIST)
    ids = [uuid.UUID(item["id"]) for item in results]
    with translation.override("en"):
        assert rendered(results) == by_serializer(municipality, ids, request)
    # The page's offers with their places, then their languages and fields.
    sqls = [q["sql"] for q in queries.captured_queries]
    reads = [s for s in sqls if 'FROM "kette_offers_offer' in s]
    assert len(reads) == 2, reads
