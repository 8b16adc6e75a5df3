"""Each facet value's count is the number of offers a search with that value
(and every other filter of the search) finds, whatever the filters: the
facets count per facet family and keep their answers (run_search)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from kette.core.models import AgeBand, FieldOfAction, Language
from kette.offers.filters import OfferQuery
from kette.offers.models import OfferLocation, OfferStatus
from kette.offers.search.index import index_offers
from kette.offers.selectors.public import search_offers
from tests.core.factories import DistrictFactory
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

TITLES = ["Elterncafé", "Beratung für Eltern", "Krabbelgruppe", "Sprachkurs"]
QUERIES = [
    {},
    {"field": 0, "age_band": "0-3"},
    {"text": "Eltern", "language": 0, "free": True},
    {"district": "01", "field": 1, "free": False},
    {"text": "Krabbelgruppe", "age_band": "3-6", "district": "0101", "language": 1},
    {"age_months": 14, "field": 0, "language": 1, "target_group": ""},
]


@pytest.fixture
def terms(municipality):
    """Forty offers, some drafts, with random ages, fees, fields, languages
    and places in a district, its sub-district or another one."""
    rng = random.Random(11)
    mitte = DistrictFactory(municipality=municipality, code="01", name="Mitte")
    districts = [
        mitte,
        DistrictFactory(
            municipality=municipality, code="0101", name="Altstadt", parent=mitte
        ),
        DistrictFactory(municipality=municipality, code="02", name="Hafen"),
        None,
    ]
    fields = list(FieldOfAction.objects.filter(is_active=True)[:4])
    languages = list(Language.objects.filter(is_active=True)[:4])
    offers = []
    for number in range(40):
        low = rng.choice([None, -9, 0, 12, 36, 72])
        offer = OfferFactory(
            municipality=municipality,
            title=f"{rng.choice(TITLES)} {number}",
            min_age_months=low,
            max_age_months=None if low is None else low + rng.choice([12, 36, 120]),
            cost=rng.choice(["free", "fee"]),
            status=rng.choice([OfferStatus.PUBLISHED] * 4 + [OfferStatus.DRAFT]),
        )
        offer.fields_of_action.set(rng.sample(fields, rng.randint(0, 2)))
        offer.languages.set(rng.sample(languages, rng.randint(0, 2)))
        for _ in range(rng.randint(0, 2)):
            OfferLocation.objects.create(offer=offer, district=rng.choice(districts))
        offers.append(offer.pk)
    index_offers(offers)
    return {"field": fields, "language": languages}


def query_of(spec: dict, terms: dict) -> OfferQuery:
    values = {
        name: terms[name][value].code if name in terms else value
        for name, value in spec.items()
    }
    return OfferQuery(**values)


def found(municipality, query: OfferQuery, **change) -> int:
    return search_offers(
        municipality=municipality, query=replace(query, page=1, **change)
    ).count


@pytest.mark.parametrize("spec", QUERIES)
def test_each_facet_value_counts_what_choosing_it_finds(municipality, terms, spec):
    query = query_of(spec, terms)
    page = search_offers(municipality=municipality, query=query)

    assert page.count == found(municipality, query)
    assert set(page.facets) == {
        "age_band",
        "life_phase",
        "field",
        "district",
        "language",
        "target_group",
        "free",
    }
    for name, values in page.facets.items():
        for value in values:
            chosen = True if name == "free" else value.value
            assert value.count == found(municipality, query, **{name: chosen}), (
                name,
                value.value,
            )
            assert value.selected == (getattr(query, name) == chosen)
    # Values left out find nothing (or are not terms in use).
    for name, vocabulary in (("field", FieldOfAction), ("language", Language)):
        listed = {value.value for value in page.facets[name]}
        for code in vocabulary.objects.filter(is_active=True).values_list(
            "code", flat=True
        ):
            if code not in listed:
                assert found(municipality, query, **{name: code}) == 0, (name, code)
    assert [value.value for value in page.facets["age_band"]] == list(
        AgeBand.objects.filter(is_active=True).values_list("code", flat=True)
    )
