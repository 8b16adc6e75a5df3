"""``like``: the import's cheap copy of an unsaved offer instead of Model.__init__."""

from __future__ import annotations

import uuid

import pytest

from kette.offers.models import Offer
from kette.offers.services.bulk_clean import like

pytestmark = pytest.mark.django_db


def test_a_copy_has_the_values_given_and_shares_nothing_mutable(municipality):
    template = Offer(municipality=municipality)
    pk = uuid.uuid4()

    copy = like(template, pk=pk, title="Krabbelgruppe")
    copy.hsds_extra["kept"] = 1

    assert (copy.pk, copy.title, copy.municipality) == (
        pk,
        "Krabbelgruppe",
        municipality,
    )
    assert template.title == "" and template.pk != pk
    assert template.hsds_extra == {}
    assert copy._state is not template._state and copy._state.adding
    assert copy.municipality_id == municipality.pk
