"""Provider self-service over HTTP: the offer form with its parts, errors, input kept."""

from __future__ import annotations

import pytest

from kette.core.models import AuditEntry
from kette.offers.models import Offer, OfferStatus
from kette.offers.services.content import offer_content
from kette.offers.services.workflow import offer_create
from tests.core.factories import (
    OrganisationFactory,
)
from tests.offers.factories import offer_content as content_for
from tests.offers.staff_pages import fields_of, html, post_data, url

pytestmark = pytest.mark.django_db


def test_an_editor_creates_a_draft_with_places_times_and_contacts(
    client, municipality, organisation, editor, district
):
    client.force_login(editor)
    assert client.get(url("offer_create", municipality)).status_code == 200

    response = client.post(url("offer_create", municipality), post_data(organisation))

    offer = Offer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("offer_detail", municipality, offer_id=offer.pk)
    assert offer.status == OfferStatus.DRAFT
    assert (offer.min_age_months, offer.max_age_months) == (-9, 12)
    assert sorted(offer.languages.values_list("code", flat=True)) == ["de", "tr"]
    place = offer.locations.get()
    assert (place.latitude, place.district) == (51.405, district)
    weekly = offer.schedules.get(kind="weekly")
    assert (weekly.weekday, weekly.location, str(weekly.opens_at)) == (
        1,
        place,
        "09:00:00",
    )
    dated = offer.schedules.get(kind="dated")
    assert (str(dated.date), dated.location, dated.note) == (
        "2026-03-05",
        None,
        "Infoabend",
    )
    assert offer.contacts.get().email == "anna@example.org"
    assert AuditEntry.objects.get(action="create").actor == editor


def test_adding_a_place_keeps_everything_entered_and_writes_nothing(
    client, municipality, organisation, editor
):
    client.force_login(editor)
    data = post_data(organisation, title="Noch nicht fertig", add="locations")
    data.pop("save")

    response = client.post(url("offer_create", municipality), data)

    page = html(response)
    assert response.status_code == 200
    assert not Offer.objects.exists()
    assert 'name="locations-TOTAL_FORMS" value="2"' in page
    assert 'id="id_locations-1-name"' in page
    assert 'value="Noch nicht fertig"' in page
    assert 'value="Familienzentrum Mitte"' in page
    assert "error-summary" not in page
    fields = fields_of(response)
    assert fields["languages"] == ["de", "tr"]
    assert fields["weekly-0-location"] == "0"


def test_every_part_can_be_added_without_javascript(
    client, municipality, organisation, editor
):
    client.force_login(editor)
    data = post_data(organisation)
    data.pop("save")
    for part in ("weekly", "dated", "contacts"):
        response = client.post(url("offer_create", municipality), data | {"add": part})
        assert f'name="{part}-TOTAL_FORMS" value="2"' in html(response)


def test_a_bad_value_from_the_service_is_shown_on_its_place_field(
    client, municipality, organisation, editor
):
    client.force_login(editor)
    # The first place is left empty, so the service sees the second as "locations.0".
    data = post_data(
        organisation,
        **{
            "locations-TOTAL_FORMS": "2",
            "locations-0-name": "",
            "locations-0-street": "",
            "locations-0-postal_code": "",
            "locations-0-city": "",
            "locations-0-latitude": "",
            "locations-0-longitude": "",
            "locations-1-name": "Stadtteilbüro",
            "locations-1-latitude": "123",
            "locations-1-longitude": "6.8",
            "weekly-0-location": "1",
        },
    )

    response = client.post(url("offer_create", municipality), data)

    page = html(response)
    assert response.status_code == 200
    assert not Offer.objects.exists() and not AuditEntry.objects.exists()
    assert 'id="id_locations-1-latitude_error"' in page
    assert 'id="id_locations-0-latitude_error"' not in page
    assert 'href="#id_locations-1-latitude"' in page
    assert 'value="Stadtteilbüro"' in page and 'value="Hebammensprechstunde"' in page


@pytest.mark.parametrize(
    ("change", "field_id"),
    [
        ({"max_years": "0", "min_years": "2", "from_pregnancy": ""}, "id_max_years"),
        ({"min_years": "1"}, "id_min_years"),
        ({"cost": "fee", "cost_text": ""}, "id_cost_text"),
        ({"title": ""}, "id_title"),
        ({"contacts-0-name": ""}, "id_contacts-0-name"),
        ({"locations-0-latitude": "Mitte"}, "id_locations-0-latitude"),
        ({"weekly-0-weekday": ""}, "id_weekly-0-weekday"),
        ({"weekly-0-closes_at": "08:00"}, "id_weekly-0-closes_at"),
        ({"dated-0-date": ""}, "id_dated-0-date"),
        ({"contacts-0-email": "keine-adresse"}, "id_contacts-0-email"),
        ({"locations-0-DELETE": "on"}, "id_weekly-0-location"),
    ],
)
def test_errors_name_the_field_and_keep_the_input(
    client, municipality, organisation, editor, change, field_id
):
    client.force_login(editor)
    data = post_data(organisation, **change)
    if field_id == "id_contacts-0-name":
        data["contacts-0-role"] = "Hebamme ohne Namen"

    response = client.post(url("offer_create", municipality), data)

    page = html(response)
    assert response.status_code == 200
    assert f'id="{field_id}_error"' in page, page[page.find("error-summary") :][:800]
    assert not Offer.objects.exists()
    assert fields_of(response)["summary"] == data["summary"]


def test_an_editor_cannot_choose_another_organisation(
    client, municipality, organisation, editor
):
    other = OrganisationFactory(municipality=municipality, name="Fremder Träger")
    client.force_login(editor)
    response = client.post(url("offer_create", municipality), post_data(other))
    assert response.status_code == 200
    assert 'id="id_organisation_error"' in html(response)
    assert not Offer.objects.exists()


def test_the_edit_page_gives_back_exactly_what_was_stored(
    client, municipality, organisation, editor, district
):
    content = content_for(
        organisation,
        min_age_months=18,
        max_age_months=75,
        cost="fee",
        cost_text="5 € pro Termin",
        registration_required=True,
        registration_text="Telefonisch",
        capacity=12,
        website="https://example.org/kurs",
        life_phases=["pregnancy-birth"],
        target_groups=[],
    )
    content["locations"].append(
        {"name": "Zweiter Ort", "city": "Musterstadt", "accessibility": "Rampe"}
    )
    content["schedules"].append(
        {"kind": "dated", "date": "2026-05-01", "location": 1, "note": "Fest"}
    )
    offer = offer_create(actor=editor, municipality=municipality, content=content)
    before = offer_content(offer)
    client.force_login(editor)
    edit = url("offer_update", municipality, offer_id=offer.pk)

    data = fields_of(client.get(edit))
    assert data["min_years"] == "1" and data["min_months"] == "6"
    response = client.post(edit, data | {"save": "1"})

    page = html(response)
    assert response.status_code == 302, page[page.find("error-summary") :][:1500]
    offer.refresh_from_db()
    after = offer_content(offer)
    assert after["schedules"] == before["schedules"]
    assert after == before
    assert not AuditEntry.objects.filter(action="update").exists()
