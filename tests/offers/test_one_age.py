"""An offer for exactly one age (equal bounds, both inclusive) is valid on every route."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rest_framework.test import APIClient

from kette.offers.ages import age_in_words
from kette.offers.models import Offer
from kette.offers.services.workflow import offer_create
from tests.offers.factories import offer_content
from tests.offers.hsds_fixtures import (
    S_HAUSAUFGABEN,
    S_HEBAMME,
    good_tables,
    write_package,
)
from tests.offers.staff_pages import html, post_data, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def ages(offer_id) -> tuple[int | None, int | None]:
    offer = Offer.objects.get(pk=offer_id)
    return offer.min_age_months, offer.max_age_months


@pytest.mark.parametrize(
    ("years", "stored", "child", "too_old"),
    [("3", (36, 48), 47, 48), ("0", (0, 12), 11, 12)],
)
def test_the_web_form_takes_one_year_of_age(
    client, municipality, organisation, editor, years, stored, child, too_old
):
    client.force_login(editor)
    data = post_data(organisation, min_years=years, max_years=years)
    del data["from_pregnancy"]

    response = client.post(url("offer_create", municipality), data)

    assert response.status_code == 302, html(response)[:3000]
    offer = Offer.objects.get()
    assert (offer.min_age_months, offer.max_age_months) == stored
    assert offer.serves_age(child) and not offer.serves_age(too_old)


def test_the_web_form_takes_one_month_of_age(
    client, municipality, organisation, editor
):
    client.force_login(editor)
    data = post_data(organisation, min_years="1", min_months="6", max_years="1")
    data |= {"max_months": "6"}
    del data["from_pregnancy"]

    assert client.post(url("offer_create", municipality), data).status_code == 302
    assert ages(Offer.objects.get().pk) == (18, 19)


def test_the_api_takes_equal_bounds_as_one_month_of_age(
    municipality, organisation, coordinator
):
    api = APIClient()
    api.force_login(coordinator)

    response = api.post(
        f"/api/v1/municipalities/{municipality.slug}/offers/",
        offer_content(organisation, min_age_months=36, max_age_months=36),
        format="json",
    )

    assert response.status_code == 201, response.content
    assert ages(response.json()["id"]) == (36, 37)
    assert response.json()["age_label"] == "3 Jahre"  # the API speaks German


def test_a_package_with_one_year_ages_is_imported(tmp_path, municipality):
    tables = good_tables()
    tables["service"][0] |= {"minimum_age": "0", "maximum_age": "0"}
    tables["service"][1] |= {"minimum_age": "3", "maximum_age": "3"}

    call_command(
        "import_hsds",
        str(write_package(tmp_path / "pkg", tables)),
        municipality=municipality.slug,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    assert ages(S_HEBAMME) == (0, 12)
    assert ages(S_HAUSAUFGABEN) == (36, 48)
    assert age_in_words(36, 48) == "3 to 4 years"


def test_an_upper_age_below_the_lower_one_is_still_refused(
    municipality, organisation, editor
):
    content = offer_content(organisation, min_age_months=48, max_age_months=36)

    with pytest.raises(ValidationError) as error:
        offer_create(actor=editor, municipality=municipality, content=content)

    assert error.value.message_dict["max_age_months"] == [
        "The upper age must not be below the lower age."
    ]
