"""The printable list: any search result on A4, with city, filters and date."""

from __future__ import annotations

import pytest
from django.utils import formats, timezone, translation

from kette.offers.forms.public import PRINT_LIMIT
from tests.offers.public_city import add_plain_offers, build_directory

pytestmark = pytest.mark.django_db

URL = "/musterstadt/angebote/druck/"


@pytest.fixture
def directory(client, municipality, coordinator, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return build_directory(municipality, coordinator)


def test_the_print_list_names_city_filters_and_date(client, directory):
    response = client.get(URL + "?district=01&child=expecting")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Offers for families in Musterstadt" in html
    assert "District: Nord" in html
    assert "Age of the child: expecting a baby" in html
    with translation.override("en"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"Printed on {today}" in html
    assert "1 offer" in html
    assert "Hebammensprechstunde" in html and "Krabbelgruppe" not in html


def test_the_print_list_shows_contact_place_and_times(client, directory):
    html = client.get(URL + "?field=health").content.decode()

    assert "Familienzentrum Hafen, Marktstraße 1, 46045 Musterstadt (Hafen)" in html
    assert "Tuesday 09:00 to 12:00" in html
    assert "0208 555 11" in html
    assert "from pregnancy to 1 year" in html
    assert "free of charge" in html


def test_the_print_list_has_every_result_not_just_one_page(
    client, municipality, coordinator, directory
):
    add_plain_offers(municipality, coordinator, 30)

    html = client.get(URL).content.decode()

    assert html.count('class="print-item"') == 34
    assert "34 offers" in html


def test_the_print_list_stops_at_its_cap(client, municipality, coordinator, directory):
    add_plain_offers(municipality, coordinator, PRINT_LIMIT)

    html = client.get(URL).content.decode()

    assert html.count('class="print-item"') == PRINT_LIMIT
    assert f"the first {PRINT_LIMIT} are listed here" in html


def test_the_print_list_is_a_plain_page_without_navigation(client, directory):
    html = client.get(URL).content.decode()

    assert 'class="print-page"' in html
    assert "site-nav" not in html and "<form" not in html
    assert "All offers, without filters." in html
    assert "http://testserver/musterstadt/angebote/" in html  # where it came from


def test_the_search_page_links_its_print_list(client, directory):
    html = client.get("/musterstadt/angebote/?field=health&sort=name").content.decode()

    assert 'href="/musterstadt/angebote/druck/?field=health&amp;sort=name"' in html


def test_bad_parameters_do_not_break_the_print_list(client, directory):
    response = client.get(URL + "?years=abc&field=nothing")

    assert response.status_code == 200
    assert "4 offers" in response.content.decode()


def test_the_english_print_address_works(client, directory):
    assert client.get("/musterstadt/offers/print/").status_code == 200
