"""Offers written through the web, the API and an HSDS import read well in the log."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from kette.core.models import AuditEntry, FieldOfAction
from kette.offers.models import Offer
from tests.core.test_audit_log import texts
from tests.core.test_views_staff import staff_url
from tests.offers.factories import offer_content
from tests.offers.hsds_fixtures import good_tables, write_package
from tests.offers.staff_pages import fields_of, post_data, url

pytestmark = pytest.mark.django_db


def log_pages(client, municipality) -> str:
    """The log's first page and the detail page of every entry, as text."""
    pages = [texts(client.get(staff_url("staff_audit_list", municipality)))]
    for entry in AuditEntry.objects.filter(municipality=municipality):
        pages.append(
            texts(
                client.get(
                    staff_url("staff_audit_detail", municipality, entry_id=entry.pk)
                )
            )
        )
    return "\n".join(pages)


def test_offers_made_and_edited_on_the_web_read_well_in_the_log(
    client, municipality, organisation, editor, coordinator, district
):
    client.force_login(editor)
    client.post(url("offer_create", municipality), post_data(organisation))
    offer = Offer.objects.get()
    edit = url("offer_update", municipality, offer_id=offer.pk)
    data = fields_of(client.get(edit))
    data |= {"locations-0-street": "Neue Straße 2", "fields_of_action": ["sport"]}
    response = client.post(edit, data | {"save": "1"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="update").exists()

    client.force_login(coordinator)
    page = log_pages(client, municipality)

    assert "Familienzentrum Mitte, Marktstraße 1, 46045 Musterstadt" in page
    assert "Familienzentrum Mitte, Neue Straße 2, 46045 Musterstadt" in page
    assert "Anna Beispiel (Familienhebamme), anna@example.org" in page
    assert FieldOfAction.objects.get(code="sport").label in page
    assert FieldOfAction.objects.get(code="health").label in page
    assert "'name'" not in page and "{" not in page


def test_offers_written_through_the_api_read_well_in_the_log(
    client, municipality, organisation, coordinator, district
):
    api = APIClient()
    api.force_login(coordinator)
    response = api.post(
        f"/api/v1/municipalities/{municipality.slug}/offers/",
        offer_content(organisation, life_phases=["kita"]),
        format="json",
    )
    assert response.status_code == 201, response.content

    client.force_login(coordinator)
    page = log_pages(client, municipality)

    assert "Familienzentrum Mitte, Marktstraße 1, 46045 Musterstadt" in page
    assert "Rund um die Kita" in page


def test_an_hsds_import_reads_well_in_the_log(
    client, tmp_path, municipality, coordinator
):
    call_command(
        "import_hsds",
        str(write_package(tmp_path / "pkg", good_tables())),
        municipality=municipality.slug,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert AuditEntry.objects.filter(object_type="kette_offers.Offer").count() == 3

    client.force_login(coordinator)
    page = log_pages(client, municipality)

    assert "Hebammensprechstunde" in page
    assert "{" not in page


def test_an_hsds_reimport_names_the_kept_hsds_data_in_the_log(
    client, tmp_path, municipality, coordinator
):
    tables = good_tables()
    for name in ("first", "second"):
        call_command(
            "import_hsds",
            str(write_package(tmp_path / name, tables)),
            municipality=municipality.slug,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
        tables["service"][0]["licenses"] = "Anerkannt nach § 16 SGB VIII"
    [entry] = AuditEntry.objects.filter(action="update")
    assert "hsds_extra" in entry.changes

    client.force_login(coordinator)
    page = log_pages(client, municipality)

    assert "Weitere HSDS-Angaben (Prüfsumme)" in page
    assert "Hsds extra" not in page
