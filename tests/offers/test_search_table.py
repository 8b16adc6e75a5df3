"""The in-memory table of the search: after writes it is brought up to date
from the new entries alone, and ends up exactly as if loaded anew."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import transaction

from kette.offers.filters import OfferQuery
from kette.offers.search import loading
from kette.offers.selectors import search_offers
from kette.offers.services import workflow
from tests.offers.factories import offer_content
from tests.offers.public_city import publish

pytestmark = pytest.mark.django_db

ARRAYS = (
    "entry_ids",
    "offer_ids",
    "published",
    "min_age",
    "max_age",
    "boost",
    "name_rank",
    "default_order",
    "name_order",
    "titles",
    "verified_day",
)


def same_table(refreshed, built) -> None:
    for name in ARRAYS:
        assert np.array_equal(getattr(refreshed, name), getattr(built, name)), name
    assert set(refreshed.key_index) == set(built.key_index)
    for key in built.key_index:
        assert np.array_equal(refreshed.column(key), built.column(key)), key
    mask = np.ones(built.size, dtype=bool)
    counts = dict(zip(refreshed.key_index, refreshed.count_keys(mask), strict=True))
    assert counts == dict(zip(built.key_index, built.count_keys(mask), strict=True))


@pytest.fixture
def offers(municipality, organisation, coordinator):
    return [
        publish(
            coordinator,
            municipality,
            offer_content(organisation, title=title, languages=["de"]),
        )
        for title in ("Krabbelgruppe", "Babyschwimmen", "Elterncafé", "Zirkus")
    ]


def test_after_writes_the_table_is_refreshed_and_equals_a_fresh_load(
    municipality, organisation, coordinator, offers, monkeypatch
):
    before = loading.offer_table(municipality.pk)
    edited = offers[0]
    workflow.offer_edit(
        actor=coordinator,
        offer=edited,
        content=offer_content(organisation, title="Aaa-Krabbelgruppe"),
        direct=True,
    )
    workflow.offer_archive(actor=coordinator, offer=offers[1])
    publish(
        coordinator,
        municipality,
        offer_content(organisation, title="Sprachcafé", languages=["de", "uk"]),
    )
    builds = []
    monkeypatch.setattr(
        loading, "build", lambda *a: builds.append(a) or pytest.fail("full load")
    )
    refreshed = loading.offer_table(municipality.pk)
    monkeypatch.undo()
    assert refreshed is not before and not builds
    assert "language:uk" in refreshed.key_index  # a key no row had before
    same_table(refreshed, loading.build(municipality.pk, refreshed.token))
    page = search_offers(municipality=municipality, query=OfferQuery(sort="name"))
    assert page.count == 4  # one archived, one new


def test_a_table_of_a_rolled_back_write_is_loaded_anew(
    municipality, organisation, coordinator, offers
):
    with transaction.atomic():
        publish(coordinator, municipality, offer_content(organisation, title="Weg"))
        inside = loading.offer_table(municipality.pk)
        assert inside.size == 5
        transaction.set_rollback(True)
    # The entry ids of the rolled-back write are given out again.
    publish(coordinator, municipality, offer_content(organisation, title="Neu"))
    table = loading.offer_table(municipality.pk)
    same_table(table, loading.build(municipality.pk, table.token))
    titles = set(table.titles)
    assert "neu" in {t.lower() for t in titles}
    assert "weg" not in {t.lower() for t in titles}
