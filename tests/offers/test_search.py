"""German search of the offer directory, one phenomenon at a time, on small data.

Runs on SQLite (FTS5) and PostgreSQL (tsvector), like the whole suite.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from kette.offers.filters import OfferQuery
from kette.offers.models import Offer, OfferSearchEntry, OfferStatus, SearchSynonym
from kette.offers.search.index import index_offers, remove_offers
from kette.offers.selectors.public import search_offers
from kette.offers.services import workflow
from tests.core.factories import MunicipalityFactory
from tests.offers.factories import OfferFactory, offer_content

pytestmark = pytest.mark.django_db


def titles(municipality, text: str, **filters) -> list[str]:
    page = search_offers(
        municipality=municipality, query=OfferQuery(text=text, **filters)
    )
    by_id = dict(Offer.objects.filter(pk__in=page.offer_ids).values_list("pk", "title"))
    return [by_id[pk] for pk in page.offer_ids]


@pytest.fixture
def city(municipality):
    def offer(title: str, summary: str = "", description: str = "", **more):
        return OfferFactory(
            municipality=municipality,
            title=title,
            summary=summary,
            description=description,
            **more,
        )

    offer("Hebammensprechstunde", "Offene Sprechstunde für Schwangere.")
    offer("Erziehungsberatungsstelle", "Beratung bei Fragen zur Erziehung.")
    offer("Treff für junge Mütter", "Austausch und Frühstück.")
    offer("Sprachförderung in der Kita", "Spielerisch Deutsch lernen.")
    offer("Hausaufgabenhilfe", "Nach der Schule gemeinsam lernen.")
    offer("PEKiP", "Prager Eltern-Kind-Programm im ersten Lebensjahr.")
    offer("Berufsorientierung", "Welcher Beruf passt zu mir?")
    offer("Straßenfest im Quartier", "Spiele und Musik für alle.")
    offer("Waldspielgruppe", "Draußen spielen bei jedem Wetter.")
    return municipality


def test_inflected_forms_find_the_base_form(city):
    assert titles(city, "Müttern") == ["Treff für junge Mütter"]
    assert titles(city, "Mutter") == ["Treff für junge Mütter"]


def test_parts_of_compounds_find_the_compound(city):
    assert titles(city, "Hebamme")[0] == "Hebammensprechstunde"
    assert titles(city, "Sprechstunde")[0] == "Hebammensprechstunde"
    assert titles(city, "Beratung")[0] == "Erziehungsberatungsstelle"
    assert "Waldspielgruppe" in titles(city, "Spielgruppe")


def test_ascii_spellings_of_umlauts_and_sharp_s_find_the_offer(city):
    assert titles(city, "Muetter") == ["Treff für junge Mütter"]
    assert titles(city, "Foerderung") == ["Sprachförderung in der Kita"]
    assert titles(city, "Strassenfest") == ["Straßenfest im Quartier"]
    assert titles(city, "STRASSE")[0] == "Straßenfest im Quartier"


def test_small_typos_are_corrected_to_words_the_offers_use(city):
    assert titles(city, "Hausaufgabenhife") == ["Hausaufgabenhilfe"]
    assert titles(city, "Hebamensprechstunde") == ["Hebammensprechstunde"]


def test_everyday_words_find_the_official_ones_without_any_setup(city):
    assert not SearchSynonym.objects.exists()
    assert "Sprachförderung in der Kita" in titles(city, "Kindergarten")
    assert titles(city, "Nachhilfe") == ["Hausaufgabenhilfe"]
    assert titles(city, "Babykurs") == ["PEKiP"]
    assert titles(city, "Ausbildung") == ["Berufsorientierung"]


def test_built_in_synonyms_work_for_every_municipality(db):
    elsewhere = MunicipalityFactory(slug="anderswo", name="Anderswo")
    OfferFactory(municipality=elsewhere, title="Kita Sonnenschein")
    assert titles(elsewhere, "Kindergarten") == ["Kita Sonnenschein"]


def test_a_municipality_adds_its_own_synonyms_and_switches_built_in_ones_off(city):
    assert titles(city, "Zwergenclub") == []
    SearchSynonym.objects.create(
        municipality=city, term="Zwergenclub", alternatives="PEKiP, Krabbelgruppe"
    )
    assert titles(city, "Zwergenclub") == ["PEKiP"]
    SearchSynonym.objects.create(
        municipality=city, term="Nachhilfe", alternatives="x", is_active=False
    )
    assert titles(city, "Nachhilfe") == []


def test_own_synonyms_stay_within_their_municipality(city, other_municipality):
    OfferFactory(municipality=other_municipality, title="PEKiP")
    SearchSynonym.objects.create(
        municipality=city, term="Zwergenclub", alternatives="PEKiP"
    )
    assert titles(other_municipality, "Zwergenclub") == []


def test_stop_words_are_ignored(city):
    assert titles(city, "Hilfe bei den Hausaufgaben") == ["Hausaufgabenhilfe"]


def test_if_no_offer_has_every_word_offers_with_some_of_them_come_up(city):
    assert titles(city, "Hebamme Zauberwort") == ["Hebammensprechstunde"]


def test_every_word_must_match_while_enough_offers_do(municipality):
    for number in range(3):
        OfferFactory(municipality=municipality, title=f"Elterncafé {number}")
    for number in range(5):
        OfferFactory(
            municipality=municipality, title=f"Elterncafé mit Hebamme {number}"
        )
    found = titles(municipality, "Elterncafé Hebamme")
    assert sorted(found) == [f"Elterncafé mit Hebamme {n}" for n in range(5)]
    assert len(titles(municipality, "Elterncafé")) == 8


def test_complete_matches_rank_before_partial_ones(municipality):
    OfferFactory(municipality=municipality, title="Elterncafé")
    OfferFactory(municipality=municipality, title="Hebamme im Elterncafé")
    OfferFactory(municipality=municipality, title="Hebammenpraxis")
    found = titles(municipality, "Elterncafé Hebamme")
    assert found[0] == "Hebamme im Elterncafé"
    assert len(found) == 3


def test_a_title_match_ranks_before_a_summary_before_a_description(municipality):
    OfferFactory(municipality=municipality, title="C", description="Stillcafé")
    OfferFactory(municipality=municipality, title="Stillcafé am Markt")
    OfferFactory(municipality=municipality, title="B", summary="Unser Stillcafé")
    assert titles(municipality, "Stillcafe") == ["Stillcafé am Markt", "B", "C"]


def test_among_equals_recently_verified_offers_come_first(municipality):
    today = dt.date.today()
    OfferFactory(
        municipality=municipality,
        title="Babytreff Nord",
        last_verified=today - dt.timedelta(days=900),
    )
    OfferFactory(municipality=municipality, title="Babytreff Süd", last_verified=today)
    assert titles(municipality, "Babytreff") == ["Babytreff Süd", "Babytreff Nord"]


def test_an_offer_is_findable_once_approved_and_gone_once_archived(
    municipality, organisation, coordinator
):
    offer = workflow.offer_create(
        actor=coordinator,
        municipality=municipality,
        content=offer_content(organisation, title="Familienhebammen im Quartier"),
    )
    assert titles(municipality, "Familienhebamme") == []
    assert titles(municipality, "Familienhebamme", public=False) == [
        "Familienhebammen im Quartier"
    ]
    workflow.offer_submit(actor=coordinator, offer=offer)
    workflow.offer_approve(actor=coordinator, offer=offer)
    assert titles(municipality, "Familienhebamme") == ["Familienhebammen im Quartier"]
    workflow.offer_archive(actor=coordinator, offer=offer)
    assert titles(municipality, "Familienhebamme") == []


def test_edits_are_searchable_after_the_write(municipality, coordinator):
    offer = OfferFactory(municipality=municipality, title="Spielgruppe")
    assert titles(municipality, "Spielgruppe") == ["Spielgruppe"]
    offer.title = "Zirkusprojekt"
    offer.save()
    index_offers([offer.pk])
    assert titles(municipality, "Spielgruppe") == []
    assert titles(municipality, "Zirkus") == ["Zirkusprojekt"]
    remove_offers([offer.pk])
    assert titles(municipality, "Zirkus") == []


def test_another_municipality_offers_are_never_found(city, other_municipality):
    OfferFactory(municipality=other_municipality, title="Hebammensprechstunde Nord")
    assert titles(city, "Hebamme") == ["Hebammensprechstunde"]
    assert titles(other_municipality, "Hebamme") == ["Hebammensprechstunde Nord"]


def test_drafts_are_not_public(municipality):
    OfferFactory(municipality=municipality, title="Lesepaten", status=OfferStatus.DRAFT)
    assert titles(municipality, "Lesepaten") == []
    assert titles(municipality, "Lesepaten", public=False) == ["Lesepaten"]


def test_text_combines_with_filters_and_facets(municipality):
    young = OfferFactory(
        municipality=municipality, title="Babyschwimmen", max_age_months=24
    )
    OfferFactory(
        municipality=municipality,
        title="Schwimmkurs",
        min_age_months=60,
        max_age_months=120,
        cost="fee",
        cost_text="5 €",
    )
    index_offers([young.pk])
    page = search_offers(
        municipality=municipality, query=OfferQuery(text="Schwimmen", age_months=6)
    )
    assert page.offer_ids == [young.pk]
    free = {value.value: value.count for value in page.facets["free"]}
    assert free == {"true": 1}
    bands = {value.value: value.count for value in page.facets["age_band"]}
    assert bands["0-3"] == 1


def test_a_query_without_words_lists_every_offer(city):
    page = search_offers(municipality=city, query=OfferQuery(text="!!! ?"))
    assert page.count == 9


def test_the_command_rebuilds_the_index(city):
    OfferSearchEntry.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_index", "--municipality", city.slug, stdout=out)
    assert "9" in out.getvalue()
    assert OfferSearchEntry.objects.filter(municipality=city).count() == 9
    assert titles(city, "Hebamme") == ["Hebammensprechstunde"]
