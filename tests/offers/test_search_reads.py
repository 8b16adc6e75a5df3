"""Searches only read: every writer indexes in its own transaction, so an
approved offer is findable the moment the approval commits, and a search
request sends no INSERT, UPDATE or DELETE. An index that got out of step
(offers written round the services) is reported and repaired by
``kette rebuild_search_index``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kette.offers.models import Offer, OfferSearchEntry, SearchIndexState
from kette.offers.search import index
from kette.offers.services import workflow
from tests.offers.factories import OfferFactory, offer_content
from tests.offers.public_city import publish
from tests.offers.staff_pages import url

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().startswith(WRITES)
    ]


def public_search(municipality, text: str) -> tuple[str, list[str]]:
    """The public directory page for ``text``, and the writes it sent."""
    path = reverse("offers:search", kwargs={"municipality": municipality.slug})
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path, {"q": text})
    assert response.status_code == 200
    return response.content.decode(), writes(queries)


def api_titles(municipality, text: str) -> tuple[list[str], list[str]]:
    path = f"/api/v1/municipalities/{municipality.slug}/offers/"
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path, {"q": text})
    assert response.status_code == 200
    return [offer["title"] for offer in response.json()["results"]], writes(queries)


def test_an_offer_approved_over_http_is_found_at_once_by_searches_that_write_nothing(
    client, municipality, organisation, coordinator
):
    publish(
        coordinator, municipality, offer_content(organisation, title="Krabbelgruppe")
    )
    page, sent = public_search(municipality, "Familienhebamme")  # table in memory
    assert "Familienhebammen im Quartier" not in page and sent == []
    offer = workflow.offer_create(
        actor=coordinator,
        municipality=municipality,
        content=offer_content(organisation, title="Familienhebammen im Quartier"),
    )
    workflow.offer_submit(actor=coordinator, offer=offer)
    client.force_login(coordinator)
    client.post(url("review_approve", municipality, offer_id=offer.pk))

    page, sent = public_search(municipality, "Familienhebamme")
    assert "Familienhebammen im Quartier" in page
    assert sent == []
    found, sent = api_titles(municipality, "Familienhebamme")
    assert found[0] == "Familienhebammen im Quartier" and sent == []


def test_a_search_of_a_municipality_never_indexed_writes_nothing(
    municipality, organisation
):
    Offer.objects.bulk_create(
        [Offer(municipality=municipality, organisation=organisation, title="Zirkus")]
    )
    page, sent = public_search(municipality, "Zirkus")
    assert sent == []
    assert not SearchIndexState.objects.exists()
    assert not OfferSearchEntry.objects.exists()


def test_offers_written_round_the_services_are_reported_and_repaired_by_the_command(
    municipality,
):
    kept = OfferFactory(municipality=municipality, title="Kinderturnen")
    changed = OfferFactory(municipality=municipality, title="Spielgruppe")
    assert index.stale_offers(municipality) == 0
    # Written by hand in the database: the index does not know.
    Offer.objects.filter(pk=changed.pk).update(title="Zirkusprojekt")
    Offer.objects.filter(pk=changed.pk).first().save()
    found, sent = api_titles(municipality, "Zirkus")
    assert found == [] and sent == []
    assert index.stale_offers(municipality) == 1

    out = StringIO()
    with pytest.raises(CommandError) as behind:
        call_command(
            "rebuild_search_index",
            "--check",
            municipality=municipality.slug,
            stdout=out,
        )
    assert "Musterstadt: 1" in str(behind.value)
    call_command("rebuild_search_index", municipality=municipality.slug, stdout=out)
    assert index.stale_offers(municipality) == 0
    assert api_titles(municipality, "Zirkus")[0] == ["Zirkusprojekt"]
    assert api_titles(municipality, "Turnen")[0] == [kept.title]
    out = StringIO()
    call_command("rebuild_search_index", "--check", stdout=out)
    assert "0" in out.getvalue()


def test_each_write_logs_what_it_changed_and_a_large_one_only_its_token(
    municipality, monkeypatch
):
    first = OfferFactory(municipality=municipality, title="Kinderturnen")
    entry = OfferSearchEntry.objects.get(offer=first)
    second = OfferFactory(municipality=municipality, title="Spielgruppe")
    index.index_offers([first.pk])
    history = SearchIndexState.objects.get(municipality=municipality).history
    assert history[-2]["offers"] == [str(second.pk)]
    assert history[-1] == {
        "token": history[-1]["token"],
        "offers": [str(first.pk)],
        "dropped": [entry.pk],
    }
    monkeypatch.setattr(index, "LOG_OFFERS", 1)
    index.index_offers([first.pk, second.pk])
    step = SearchIndexState.objects.get(municipality=municipality).history[-1]
    assert set(step) == {"token"}


def test_the_log_keeps_its_tokens_but_forgets_the_offers_of_old_writes(
    municipality, monkeypatch
):
    monkeypatch.setattr(index, "LOG_TOTAL", 2)
    offers = [OfferFactory(municipality=municipality) for _ in range(4)]
    history = SearchIndexState.objects.get(municipality=municipality).history
    assert len(history) == 3
    assert [("offers" in step) for step in history] == [False, True, True]
    assert [step["offers"] for step in history[1:]] == [
        [str(offers[2].pk)],
        [str(offers[3].pk)],
    ]
