"""The in-memory table of the search: after writes it is brought up to date
from the new entries alone, and ends up exactly as if loaded anew."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import transaction

from kette.offers.filters import OfferQuery
from kette.offers.models import Offer, OfferSearchEntry
from kette.offers.search import index, loading
from kette.offers.search.backends import backend
from kette.offers.search.engine import plan_query
from kette.offers.selectors.public import search_offers
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


def test_remembered_text_answers_are_carried_over_asking_only_about_new_entries(
    municipality, organisation, coordinator, offers, monkeypatch
):
    def found(text: str) -> list:
        page = search_offers(municipality=municipality, query=OfferQuery(text=text))
        return page.offer_ids

    assert found("Krabbel") == [offers[0].pk]
    new = publish(
        coordinator, municipality, offer_content(organisation, title="Krabbeltreff")
    )
    workflow.offer_edit(
        actor=coordinator,
        offer=offers[0],
        content=offer_content(organisation, title="Spielkreis"),
        direct=True,
    )
    asked = []
    backend_class = type(backend())
    columns = backend_class.columns

    def spy(self, municipality_id, group, among=None):
        asked.append(None if among is None else sorted(among.tolist()))
        return columns(self, municipality_id, group, among)

    monkeypatch.setattr(backend_class, "columns", spy)
    assert found("Krabbel") == [new.pk]
    new_entries = sorted(
        OfferSearchEntry.objects.filter(offer__in=[new, offers[0]]).values_list(
            "pk", flat=True
        )
    )
    assert asked and all(ids is not None for ids in asked)
    assert set(asked[0]) >= set(new_entries)
    table = loading.offer_table(municipality.pk)
    same_table(table, loading.build(municipality.pk, table.token))


def test_after_a_write_too_large_to_log_the_entry_ids_are_compared(
    municipality, organisation, coordinator, offers, monkeypatch
):
    loading.offer_table(municipality.pk)
    monkeypatch.setattr(index, "LOG_OFFERS", 0)
    publish(coordinator, municipality, offer_content(organisation, title="Zirkus"))
    monkeypatch.setattr(loading, "patch", lambda *a: pytest.fail("patched"))
    monkeypatch.setattr(loading, "build", lambda *a: pytest.fail("full load"))
    table = loading.offer_table(municipality.pk)
    monkeypatch.undo()
    assert table.size == 5
    same_table(table, loading.build(municipality.pk, table.token))


def test_new_words_join_the_vocabulary_for_typos_without_reading_it_again(
    municipality, organisation, coordinator, offers
):
    def titles(text: str) -> list[str]:
        page = search_offers(municipality=municipality, query=OfferQuery(text=text))
        by_id = dict(
            Offer.objects.filter(pk__in=page.offer_ids).values_list("pk", "title")
        )
        return [by_id[pk] for pk in page.offer_ids]

    assert titles("Zirkuss") == ["Zirkus"]  # the vocabulary is read here
    before = loading.offer_table(municipality.pk).vocabulary()
    publish(
        coordinator, municipality, offer_content(organisation, title="Trampolinhalle")
    )
    assert titles("Trampolinhale") == ["Trampolinhalle"]
    after = loading.offer_table(municipality.pk).vocabulary()
    assert after.last_id > before.last_id
    assert before.known < after.known


@pytest.mark.parametrize(
    "text",
    [
        "Krabbel",
        "Babyschwimmen",
        "Schwimmen für Babys",
        "Eltern-Kind",
        "Mütter",
        "Muetter",
        "Elterncafe",
        "cafe",
        "Zirkusprojekt",
        "PEKiP",
        "Sprach café",
        "ab",
        "Кружок",
        "دروس",
    ],
)
def test_an_answer_among_a_few_entries_equals_the_full_answer_cut_to_them(
    municipality, organisation, coordinator, offers, text
):
    for title, summary in (
        ("Eltern-Kind-Café", "Treff für Mütter und Väter"),
        ("Кружок для детей", "دروس اللغة العربية"),
        ("PEKiP ab 6 Wochen", "Zirkus_projekt im Stadtteil"),
    ):
        publish(
            coordinator,
            municipality,
            offer_content(organisation, title=title, summary=summary),
        )
    table = loading.offer_table(municipality.pk)
    engine = backend()
    for group in plan_query(text, municipality=municipality, table=table):
        among = table.entry_ids[1:]
        found, columns = engine.columns(municipality.pk, group, among=among)
        every, every_columns = engine.columns(municipality.pk, group)
        wanted = np.isin(every, among)
        assert sorted(zip(found.tolist(), columns.tolist(), strict=True)) == sorted(
            zip(every[wanted].tolist(), every_columns[wanted].tolist(), strict=True)
        )
