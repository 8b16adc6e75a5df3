"""German wording of the public directory: a count and its noun agree."""

from __future__ import annotations

import re

import pytest

from tests.offers.public_city import build_directory

pytestmark = pytest.mark.django_db


def test_a_facet_count_of_one_reads_one_offer_not_one_offers(
    client, municipality, coordinator
):
    build_directory(municipality, coordinator)
    html = client.get("/musterstadt/angebote/").content.decode()
    counts = re.findall(
        r'facet__count">(\d+)</span><span class="visually-hidden"> (Angebote?)\b', html
    )
    assert ("1", "Angebot") in counts
    assert ("1", "Angebote") not in counts
    assert all(noun == "Angebote" for count, noun in counts if count != "1")
