"""An HSDS import writes in bulk: its queries do not grow with its services."""

from __future__ import annotations

import copy
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kette.core.models import AuditEntry, Organisation
from kette.offers.hsds.importer import hsds_import
from kette.offers.hsds.taxonomy import TermMatcher
from kette.offers.models import Offer, OfferSearchEntry
from kette.offers.search.index import stale_offers
from tests.core.factories import DistrictFactory, square
from tests.offers.hsds_fixtures import S_HEBAMME, Tables, good_tables, write_package

pytestmark = pytest.mark.usefixtures("english")


def with_copies(count: int) -> Tables:
    """The good package with ``count`` more services like the first one, each
    with its own place, times, contact, phones, languages and terms."""
    tables = good_tables()
    owned = {S_HEBAMME}
    for name in ("service_at_location", "contact"):
        owned |= {r["id"] for r in tables[name] if r.get("service_id") in owned}
    links = ("service_id", "service_at_location_id", "contact_id", "link_id")
    for copy_number in range(1, count + 1):
        for name, rows in tables.items():
            for row in list(rows):
                if row["id"] not in owned and not any(
                    row.get(link) in owned for link in links
                ):
                    continue
                clone = copy.deepcopy(row)
                for key, value in row.items():
                    if value in owned or key == "id":
                        clone[key] = f"{value[:-12]}{copy_number:06d}{value[-6:]}"
                if name == "service":
                    clone["name"] = f"{row['name']} {copy_number}"
                rows.append(clone)
    return tables


def renamed(tables: Tables) -> Tables:
    changed = copy.deepcopy(tables)
    for row in changed["service"]:
        row["name"] += " (neu)"
    return changed


def queries(municipality, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        hsds_import(municipality=municipality, path=path, workers=1)
    return len(captured)


def test_an_import_of_more_services_needs_no_more_queries(tmp_path, municipality):
    DistrictFactory(municipality=municipality, code="01", geometry=square(6.80, 51.40))
    counted = {}
    for copies in (2, 30):
        tables = with_copies(copies)
        first = queries(municipality, write_package(tmp_path / f"a{copies}", tables))
        assert Offer.objects.count() == 3 + copies
        assert OfferSearchEntry.objects.count() == 3 + copies
        update = queries(
            municipality, write_package(tmp_path / f"b{copies}", renamed(tables))
        )
        assert stale_offers(municipality) == 0
        assert AuditEntry.objects.filter(
            object_type="kette_offers.Offer", action="update"
        ).count() == (3 + copies)
        counted[copies] = (first, update)
        Offer.objects.all().delete()
        Organisation.objects.all().delete()
        AuditEntry.objects.all().delete()

    assert counted[30][0] <= counted[2][0]
    assert counted[30][1] <= counted[2][1]


def test_an_import_matches_each_taxonomy_term_once(tmp_path, municipality):
    """Services that link the same terms do not have them matched to kette's
    vocabularies again for every link (a big package links a handful of
    terms hundreds of thousands of times)."""
    tables = with_copies(30)
    terms = len(tables["taxonomy_term"])
    assert len(tables["attribute"]) > 4 * terms
    with mock.patch.object(
        TermMatcher, "match", autospec=True, side_effect=TermMatcher.match
    ) as match:
        result = hsds_import(
            municipality=municipality,
            path=write_package(tmp_path, tables),
            workers=1,
        )
    assert result.offers_created == 33
    # the copies' terms are mapped as the first service's are
    first = Offer.objects.get(title=tables["service"][0]["name"])
    codes = set(first.fields_of_action.values_list("code", flat=True))
    assert codes
    for offer in Offer.objects.filter(title__startswith=first.title):
        assert set(offer.fields_of_action.values_list("code", flat=True)) == codes
    # once per term for the vocabularies the package expresses, once per term
    # and kind of record linked to it for the records themselves
    assert match.call_count <= 2 * terms
