"""fastsql writes rows straight to the driver, converting only what needs it."""

from __future__ import annotations

import uuid

import pytest

from kette.core import fastsql
from kette.offers.models import OfferLocation
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

FIELDS = [
    "id",
    "offer",
    "name",
    "latitude",
    "position",
    "hsds_location_id",
    "hsds_extra",
]
TEXTS = ["street", "postal_code", "city", "accessibility"]


def test_inserted_rows_read_back_with_their_uuids_json_and_plain_values(municipality):
    offer = OfferFactory(municipality=municipality)
    table = fastsql.Table(OfferLocation, FIELDS + TEXTS)
    place, hsds = uuid.uuid4(), uuid.uuid4()
    rows = [
        table.row(
            [
                str(place),
                str(offer.pk),
                "Kita Sonnenblume",
                51.5,
                0,
                hsds,
                {"a": [1]},
                *[""] * 4,
            ]
        ),
        table.row(
            [uuid.uuid4(), offer.pk, "Familienzentrum", None, 1, None, {}, *[""] * 4]
        ),
    ]

    assert fastsql.insert(table, rows) == 2

    first, second = OfferLocation.objects.filter(offer=offer).order_by("position")
    assert first.pk == place
    assert (first.name, first.latitude, first.hsds_location_id) == (
        "Kita Sonnenblume",
        51.5,
        hsds,
    )
    assert first.hsds_extra == {"a": [1]}
    assert (second.name, second.latitude, second.hsds_location_id) == (
        "Familienzentrum",
        None,
        None,
    )


def test_update_by_key_converts_the_values_and_the_key(municipality):
    offer = OfferFactory(municipality=municipality)
    place = OfferLocation.objects.create(offer=offer, name="alt")
    table = fastsql.Table(OfferLocation, ["name", "hsds_extra"])

    fastsql.update(table, [(*table.row(["neu", {"b": 2}]), table.key(str(place.pk)))])

    place.refresh_from_db()
    assert (place.name, place.hsds_extra) == ("neu", {"b": 2})
    # The JSON column is the driver's wrapper (Jsonb on PostgreSQL, which has
    # no equality): the name and the key are compared.
    keyed = table.keyed_row_of(place)
    assert (keyed[0], keyed[-1]) == ("neu", table.key(place.pk))
    assert len(keyed) == 3


def test_a_row_of_the_wrong_width_is_refused():
    table = fastsql.Table(OfferLocation, ["name", "position"])

    with pytest.raises(ValueError, match="1 values for 2 columns"):
        table.row(["Kita"])


def test_a_bulk_write_has_a_big_sqlite_cache_and_gives_the_old_size_back():
    from django.db import connection

    def cache_size() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return cursor.fetchone()[0]

    if connection.vendor != "sqlite":
        with fastsql.bulk_cache():
            assert OfferLocation.objects.count() == 0
        return
    before = cache_size()
    with fastsql.bulk_cache():
        assert cache_size() == -fastsql.SQLITE_BULK_CACHE_KIB
    assert cache_size() == before
