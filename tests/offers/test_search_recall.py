"""Recall@5 of the search test set (tests/offers/search_queries.py) on the demo."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kette.core.models import Municipality
from kette.offers.filters import OfferQuery
from kette.offers.models import Offer, OfferStatus
from kette.offers.selectors.public import search_offers
from tests.offers.search_queries import QUERIES, recall_at

pytestmark = pytest.mark.django_db
#: The floor the engine reaches on the demo data (measured: 0.98).
RECALL_FLOOR = 0.9


def test_the_query_set_is_big_enough():
    assert len(QUERIES) >= 40
    assert len({text for text, _expected in QUERIES}) == len(QUERIES)


def test_recall_at_5_over_the_query_set_on_the_demo(capsys):
    call_command("demo", stdout=StringIO())
    city = Municipality.objects.get(slug="musterstadt")
    published = dict(
        Offer.objects.filter(
            municipality=city, status=OfferStatus.PUBLISHED
        ).values_list("pk", "title")
    )
    recalls, misses = [], []
    for text, expected in QUERIES:
        page = search_offers(
            municipality=city, query=OfferQuery(text=text, page_size=5)
        )
        found = [published[pk] for pk in page.offer_ids]
        recall = recall_at(found, list(published.values()), expected)
        assert recall is not None, f"no demo offer is relevant for {text!r}"
        recalls.append(recall)
        if recall < 1:
            misses.append(f"{recall:.2f} {text!r}: {found}")
    mean = sum(recalls) / len(recalls)
    with capsys.disabled():
        print(f"\nsearch recall@5 over {len(recalls)} queries: {mean:.3f}")
        for miss in misses:
            print("  " + miss)
    assert mean >= RECALL_FLOOR, misses
