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
LOAD = loading.build  # a fresh load, also where a test forbids it in the search

COLUMNS = (
    "entry_ids",
    "offer_ids",
    "published",
    "min_age",
    "max_age",
    "boost",
    "titles",
    "verified_day",
)


def same_table(refreshed, built) -> None:
    """The rows of ``refreshed`` whose entries are in the index are ``built``
    (a table keeps the rows of gone entries until it is compacted)."""
    live = refreshed.live
    assert refreshed.count == built.size
    for name in COLUMNS:
        assert np.array_equal(getattr(refreshed, name)[live], getattr(built, name)), (
            name
        )
    remap = np.cumsum(live) - 1
    for name in ("default_order", "name_order"):
        order = getattr(refreshed, name)
        assert np.array_equal(remap[order[live[order]]], getattr(built, name)), name
    ranks = refreshed.name_rank[live]
    assert np.array_equal(np.argsort(np.argsort(ranks)), built.name_rank)
    for key in {*built.key_index, *refreshed.key_index}:
        assert np.array_equal(refreshed.column(key)[live], built.column(key)), key
    counts = dict(zip(refreshed.key_index, refreshed.count_keys(live), strict=True))
    built_counts = dict(zip(built.key_index, built.count_keys(built.live), strict=True))
    assert {k: c for k, c in counts.items() if c} == {
        k: c for k, c in built_counts.items() if c
    }


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


def found(municipality, text: str = "", **filters) -> list:
    page = search_offers(
        municipality=municipality, query=OfferQuery(text=text, **filters)
    )
    return page.offer_ids


def facet_counts(municipality, facet: str, **filters) -> dict[str, int]:
    page = search_offers(municipality=municipality, query=OfferQuery(**filters))
    return {value.value: value.count for value in page.facets[facet]}


@pytest.fixture
def no_full_load(municipality, offers, monkeypatch):
    """The table loaded once; from here on it is patched, never loaded anew."""
    loading.offer_table(municipality.pk)
    monkeypatch.setattr(loading, "build", lambda *a: pytest.fail("full load"))


def test_a_patch_appends_in_place_and_the_table_before_stays_as_it_was(
    municipality, organisation, coordinator, offers, no_full_load
):
    assert found(municipality, "Krabbelgruppe") == [offers[0].pk]
    before = loading.offer_table(municipality.pk)
    workflow.offer_edit(
        actor=coordinator,
        offer=offers[0],
        content=offer_content(organisation, title="Spielkreis"),
        direct=True,
    )
    assert found(municipality, "Spielkreis") == [offers[0].pk]
    assert found(municipality, "Krabbelgruppe") == []
    after = loading.offer_table(municipality.pk)
    # Nothing copied: the rows went into the same storage, the old row is gone.
    assert after.storage is before.storage
    assert (before.size, after.size, after.count) == (4, 5, 4)
    assert before.live.all() and not after.live[0]
    # A search still holding the table before the write sees it unchanged,
    # and not the answers the later table remembered (rows past its end).
    group = plan_query("Spielkreis", municipality=municipality, table=after)[0]
    engine = backend()
    expression = engine.render_group(group[:1])
    assert after.text_hits(expression, pytest.fail)[0].tolist() == [4]
    rows, _columns = before.text_hits(
        expression, lambda: engine.columns(municipality.pk, group[:1])
    )
    assert rows.tolist() == []
    assert before.column("language:de").tolist() == [True] * 4
    assert before.count_keys(np.ones(4, dtype=bool))[before.key_index["free"]] == 4


def test_an_archived_offer_disappears_and_the_facet_counts_drop_by_one(
    municipality, organisation, coordinator, offers, no_full_load
):
    assert offers[1].pk in found(municipality, "Babyschwimmen")
    languages = facet_counts(municipality, "language")
    free = facet_counts(municipality, "free")
    workflow.offer_archive(actor=coordinator, offer=offers[1])
    assert offers[1].pk not in found(municipality, "Babyschwimmen")
    assert offers[1].pk not in found(municipality)
    assert facet_counts(municipality, "language") == {"de": languages["de"] - 1}
    assert facet_counts(municipality, "free") == {"true": free["true"] - 1}
    # Staff see it still, archived.
    staff = found(municipality, "Babyschwimmen", public=False)
    assert offers[1].pk in staff
    table = loading.offer_table(municipality.pk)
    same_table(table, LOAD(municipality.pk, table.token))


def test_a_new_offer_counts_once_in_the_facets_of_its_values(
    municipality, organisation, coordinator, offers, no_full_load
):
    languages = facet_counts(municipality, "language")
    new = publish(
        coordinator,
        municipality,
        offer_content(organisation, title="Sprachcafé", languages=["de", "uk"]),
    )
    after = facet_counts(municipality, "language")
    assert after == {"de": languages["de"] + 1, "uk": 1}
    assert found(municipality, language="uk") == [new.pk]
    assert found(municipality, "Sprachcafe", language="uk") == [new.pk]


def test_a_second_process_brings_its_own_table_up_to_date_from_the_log(
    municipality, organisation, coordinator, offers, no_full_load, monkeypatch
):
    first = loading.offer_table(municipality.pk)
    # Another process: tables of its own, loaded before the write.
    monkeypatch.setattr(loading, "_tables", {municipality.pk: LOAD(*key(first))})
    second = loading.offer_table(municipality.pk)
    assert second.storage is not first.storage
    workflow.offer_edit(
        actor=coordinator,
        offer=offers[3],
        content=offer_content(organisation, title="Trampolinhalle"),
        direct=True,
    )
    assert found(municipality, "Trampolin") == [offers[3].pk]
    patched = loading.offer_table(municipality.pk)
    assert patched.storage is second.storage  # patched, not loaded
    same_table(patched, LOAD(municipality.pk, patched.token))


def key(table) -> tuple:
    return table.municipality_id, table.token


def test_gone_rows_are_dropped_once_they_are_a_share_of_the_table(
    municipality, organisation, coordinator, offers, no_full_load, monkeypatch
):
    assert found(municipality, "Zirkus") == [offers[3].pk]
    monkeypatch.setattr(loading, "COMPACT_MIN", 1)
    workflow.offer_edit(
        actor=coordinator,
        offer=offers[3],
        content=offer_content(organisation, title="Zirkusschule"),
        direct=True,
    )
    table = loading.offer_table(municipality.pk)
    assert (table.size, table.count) == (5, 4)  # one gone row is kept
    workflow.offer_archive(actor=coordinator, offer=offers[2])
    workflow.offer_edit(
        actor=coordinator,
        offer=offers[3],
        content=offer_content(organisation, title="Zirkuszelt"),
        direct=True,
    )
    compact = loading.offer_table(municipality.pk)
    assert compact.size == compact.count == 4
    assert compact.live.all()
    same_table(compact, LOAD(municipality.pk, compact.token))
    assert found(municipality, "Zirkus") == [offers[3].pk]
    assert found(municipality, "Elterncafe") == []  # archived


def test_two_tables_patched_from_one_do_not_share_their_new_rows(
    municipality, organisation, coordinator, offers, no_full_load
):
    table = loading.offer_table(municipality.pk)
    publish(coordinator, municipality, offer_content(organisation, title="Ponyhof"))
    token, history = loading._state(municipality.pk)
    steps = loading._steps_since(history, table.token)
    first = loading.patch(table, token, steps)
    second = loading.patch(table, token, steps)  # the storage's end is taken
    assert first.storage is table.storage
    assert second.storage is not table.storage
    loaded = LOAD(municipality.pk, token)
    same_table(first, loaded)
    same_table(second, loaded)
    publish(coordinator, municipality, offer_content(organisation, title="Kletterwald"))
    newer, history = loading._state(municipality.pk)
    third = loading.patch(second, newer, loading._steps_since(history, token))
    assert third.storage is second.storage
    same_table(third, LOAD(municipality.pk, newer))
    same_table(first, loaded)
    same_table(second, loaded)
