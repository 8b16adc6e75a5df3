"""The staff offer list filters by validated GET parameters (django-filter):
a value that is no choice, or an organisation the user keeps no offers of,
is named in German at its field, never a 500, and the other filters apply."""

from __future__ import annotations

import pytest

from kette.offers.services.workflow import offer_create
from tests.core.factories import OrganisationFactory
from tests.offers.factories import offer_content as content_for
from tests.offers.staff_pages import html, url

pytestmark = pytest.mark.django_db

NO_SUCH_CHOICE = (
    "Diese Auswahl gibt es nicht (mehr); die Liste ist nicht danach gefiltert."
)


@pytest.fixture
def two_offers(municipality, organisation, editor):
    other = OrganisationFactory(municipality=municipality, name="Sportverein")
    offer_create(
        actor=editor,
        municipality=municipality,
        content=content_for(organisation, title="Eltern-Café"),
    )
    offer_create(
        actor=None,
        municipality=municipality,
        content=content_for(other, title="Kinderturnen"),
    )
    return other


@pytest.mark.parametrize("status", ["archiviert", "null", "'; --"])
def test_an_unknown_status_is_named_and_the_text_filter_still_applies(
    client, municipality, coordinator, two_offers, status
):
    client.force_login(coordinator)

    response = client.get(
        url("offer_list", municipality), {"q": "café", "status": status}
    )

    assert response.status_code == 200
    page = html(response)
    assert NO_SUCH_CHOICE in page and 'id="id_status_error"' in page
    assert "Eltern-Café" in page and "Kinderturnen" not in page


@pytest.mark.parametrize("organisation_id", ["abc", "99999999", "-1"])
def test_an_organisation_that_is_no_choice_is_named(
    client, municipality, coordinator, two_offers, organisation_id
):
    client.force_login(coordinator)

    response = client.get(
        url("offer_list", municipality), {"organisation": organisation_id}
    )

    assert response.status_code == 200
    page = html(response)
    assert NO_SUCH_CHOICE in page and 'id="id_organisation_error"' in page
    assert "Eltern-Café" in page and "Kinderturnen" in page


def test_an_editor_cannot_filter_by_an_organisation_they_do_not_keep(
    client, municipality, other_municipality, editor, two_offers
):
    foreign = OrganisationFactory(municipality=other_municipality)
    client.force_login(editor)
    listing = url("offer_list", municipality)

    for organisation in (two_offers, foreign):
        page = html(client.get(listing, {"organisation": organisation.pk}))
        assert NO_SUCH_CHOICE in page
        assert "Kinderturnen" not in page and "Eltern-Café" in page


def test_a_bookmarked_filter_shows_the_same_list_with_its_choices_selected(
    client, municipality, coordinator, two_offers
):
    client.force_login(coordinator)
    query = {"status": "draft", "organisation": two_offers.pk, "q": "turn"}

    page = html(client.get(url("offer_list", municipality), query))

    assert "Kinderturnen" in page and "Eltern-Café" not in page
    assert f'<option value="{two_offers.pk}" selected>' in page
    assert '<option value="draft" selected>' in page
    assert NO_SUCH_CHOICE not in page
