"""Every paginated list says when it shows another page than the one asked
for: past the end the last page, for no number the first, with a notice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kette.core.models import Role
from tests.core.factories import user_with_role
from tests.offers.public_city import build_directory

pytestmark = pytest.mark.django_db

LAST = "Seite 99999 gibt es nicht; Sie sehen die letzte Seite ({last})."
FIRST = "„{page}“ ist keine Seitenzahl; Sie sehen die erste Seite."


@pytest.fixture
def coordinator_client(client, municipality, coordinator):
    client.force_login(coordinator)
    return client


def test_the_change_log_says_page_99999_does_not_exist(
    coordinator_client, municipality
):
    url = reverse("core:staff_audit_list", kwargs={"municipality": "musterstadt"})
    page = coordinator_client.get(url + "?page=99999").content.decode()
    assert "Seite 10000" not in page
    assert LAST.format(last=1) in page
    page = coordinator_client.get(url + "?page=abc").content.decode()
    assert FIRST.format(page="abc") in page


def test_the_organisation_list_says_page_0_is_no_page_number(
    coordinator_client, municipality
):
    url = reverse(
        "core:staff_organisation_list", kwargs={"municipality": "musterstadt"}
    )
    page = coordinator_client.get(url + "?page=0").content.decode()
    assert FIRST.format(page="0") in page
    assert "keine Seitenzahl" not in coordinator_client.get(url).content.decode()
    assert (
        "Seite 1 gibt es nicht"
        not in coordinator_client.get(url + "?page=1").content.decode()
    )


def test_the_staff_offer_list_says_what_happened(client, municipality):
    client.force_login(user_with_role(municipality, Role.COORDINATOR))
    url = reverse("offers_staff:offer_list", kwargs={"municipality": "musterstadt"})
    page = client.get(url + "?page=99999").content.decode()
    assert LAST.format(last=1) in page


def test_the_public_directory_names_the_page_that_was_asked_for(
    client, municipality, coordinator
):
    build_directory(municipality, coordinator)
    page = client.get("/musterstadt/angebote/?page=99999").content.decode()
    assert LAST.format(last=1) in page
    assert "10000" not in page
    page = client.get("/musterstadt/angebote/?page=-1").content.decode()
    assert FIRST.format(page="-1") in page


@pytest.mark.parametrize("asked", ["²", "1²", "٣x"])
def test_a_page_of_digits_that_are_no_number_shows_the_first_page(
    coordinator_client, municipality, coordinator, asked
):
    # "²" counts as a digit for str.isdigit but int() refuses it.
    build_directory(municipality, coordinator)
    staff = reverse("core:staff_audit_list", kwargs={"municipality": "musterstadt"})
    for url in (staff, "/musterstadt/angebote/"):
        response = coordinator_client.get(url, {"page": asked})
        assert response.status_code == 200, url
        assert FIRST.format(page=asked) in response.content.decode(), url
