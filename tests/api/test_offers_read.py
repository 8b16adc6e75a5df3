"""Reading offers through the API: search, filters, facets, pages and detail."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kette.core.models import Role
from kette.offers.models import Offer, OfferStatus
from kette.offers.services.workflow import (
    offer_approve,
    offer_archive,
    offer_create,
    offer_submit,
)
from tests.core.factories import (
    DistrictFactory,
    MunicipalityFactory,
    OrganisationFactory,
    square,
    user_with_role,
)
from tests.offers.factories import offer_content

pytestmark = pytest.mark.django_db

LIST = "/api/v1/municipalities/{slug}/offers/"


def detail(offer, slug: str = "musterstadt") -> str:
    return f"{LIST.format(slug=slug)}{offer.pk}/"


def publish(organisation, **content) -> Offer:
    """An offer through the workflow services, so the search index knows it."""
    offer = offer_create(
        actor=None,
        municipality=organisation.municipality,
        content=offer_content(organisation, **content),
    )
    offer_submit(actor=None, offer=offer)
    offer_approve(actor=None, offer=offer)
    offer.refresh_from_db()
    return offer


def place(lon: float, lat: float, name: str = "Familienzentrum") -> list[dict]:
    return [
        {"name": name, "street": "Marktstraße 1", "latitude": lat, "longitude": lon}
    ]


@pytest.fixture
def directory(municipality, bound_organisation):
    """Three published offers in two districts, a draft and an archived offer."""
    for code, name, lon in (("01", "Altstadt", 6.80), ("02", "Hafen", 6.90)):
        DistrictFactory(
            municipality=municipality, code=code, name=name, geometry=square(lon, 51.40)
        )
    other = OrganisationFactory(municipality=municipality, name="Lernhaus e.V.")
    offers = {
        "hebamme": publish(
            bound_organisation,
            title="Hebammensprechstunde",
            min_age_months=-9,
            max_age_months=12,
            fields_of_action=["health"],
            target_groups=["expectant-parents"],
            languages=["de", "tr"],
            locations=place(6.805, 51.405),
        ),
        "hausaufgaben": publish(
            other,
            title="Hausaufgabenhilfe im Lernhaus",
            summary="Hilfe bei den Hausaufgaben für Grundschulkinder.",
            description="Gemeinsam lernen nach der Schule.",
            min_age_months=72,
            max_age_months=168,
            fields_of_action=["school-education"],
            target_groups=["children"],
            languages=["de"],
            cost="fee",
            cost_text="2 € pro Nachmittag",
            locations=place(6.905, 51.405, "Lernhaus"),
            schedules=[],
        ),
        "krabbel": publish(
            bound_organisation,
            title="Krabbelgruppe Altstadt",
            summary="Spielen und singen mit Kleinkindern.",
            description="Offene Gruppe für Eltern mit Kindern ab sechs Monaten.",
            min_age_months=6,
            max_age_months=36,
            fields_of_action=["early-education"],
            target_groups=["parents"],
            languages=["de", "ar"],
            locations=place(6.806, 51.406),
        ),
    }
    offers["draft"] = offer_create(
        actor=None,
        municipality=municipality,
        content=offer_content(bound_organisation, title="Geheimer Entwurf Babykurs"),
    )
    offers["archived"] = publish(bound_organisation, title="Altes Babyschwimmen")
    offer_archive(actor=None, offer=offers["archived"])
    return offers


def search(api, **params):
    response = api.get(LIST.format(slug="musterstadt"), params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(data) -> set[str]:
    return {item["id"] for item in data["results"]}


def test_the_search_lists_published_offers_with_what_a_result_needs(api, directory):
    data = search(api)

    assert set(data) >= {"count", "results", "facets", "next", "previous"}
    assert data["count"] == 3
    assert ids(data) == {
        str(directory[k].pk) for k in ("hebamme", "hausaufgaben", "krabbel")
    }
    item = next(i for i in data["results"] if i["title"] == "Hebammensprechstunde")
    offer = directory["hebamme"]
    assert item["id"] == str(offer.pk)
    assert item["url"] == f"http://testserver/musterstadt/angebote/{offer.pk}/"
    assert item["organisation"] == {
        "id": offer.organisation_id,
        "name": "Familienzentrum e.V.",
    }
    assert (item["min_age_months"], item["max_age_months"]) == (-9, 12)
    assert item["age_label"]
    assert item["free"] is True
    assert {"code": "tr", "label": "Türkisch"} in item["languages"]
    assert item["fields"] == [{"code": "health", "label": "Gesundheit"}]
    [location] = item["locations"]
    assert location["district"] == {"code": "01", "name": "Altstadt"}
    assert (location["latitude"], location["longitude"]) == (51.405, 6.805)


def test_labels_follow_the_requested_language(api, directory):
    data = search(api, q="Hebammensprechstunde", lang="en")

    [item] = data["results"]
    assert item["fields"] == [{"code": "health", "label": "Health"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hebammensprechstunde", "hebamme"),
        ("Hausaufgabenhilfe", "hausaufgaben"),
        ("Krabbelgruppe", "krabbel"),
    ],
)
def test_the_search_finds_offers_by_their_words(api, directory, text, expected):
    data = search(api, q=text)

    assert str(directory[expected].pk) in ids(data)


def test_drafts_and_archived_offers_are_never_found(api, directory):
    for text in ("Entwurf", "Babyschwimmen"):
        assert search(api, q=text)["count"] == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"age_months": -3}, {"hebamme"}),
        ({"age_months": 100}, {"hausaufgaben"}),
        ({"age_band": "0-3"}, {"hebamme", "krabbel"}),
        ({"field": "school-education"}, {"hausaufgaben"}),
        ({"district": "01"}, {"hebamme", "krabbel"}),
        ({"language": "ar"}, {"krabbel"}),
        ({"target_group": "expectant-parents"}, {"hebamme"}),
        ({"free": "true"}, {"hebamme", "krabbel"}),
        ({"free": "false"}, {"hausaufgaben"}),
        ({"life_phase": "school"}, set()),
        ({"age_band": "0-3", "language": "tr"}, {"hebamme"}),
    ],
)
def test_filters_narrow_the_results(api, directory, params, expected):
    data = search(api, **params)

    assert ids(data) == {str(directory[k].pk) for k in expected}
    assert data["count"] == len(expected)


def test_facets_count_values_with_the_other_filters_applied(api, directory):
    data = search(api, district="01")
    facets = data["facets"]

    assert set(facets) == {
        "age_band",
        "life_phase",
        "field",
        "district",
        "language",
        "target_group",
        "free",
    }
    for values in facets.values():
        for value in values:
            assert set(value) == {"value", "label", "count", "selected"}
    languages = {v["value"]: v["count"] for v in facets["language"]}
    assert languages == {"de": 2, "tr": 1, "ar": 1}
    districts = {v["value"]: (v["count"], v["selected"]) for v in facets["district"]}
    # The district facet leaves its own filter out, so "02" still shows its count.
    assert districts == {"01": (2, True), "02": (1, False)}
    bands = {v["value"]: v["count"] for v in facets["age_band"]}
    assert bands["0-3"] == 2 and bands["6-10"] == 0
    assert facets["free"][0]["count"] == 2
    labels = {v["value"]: v["label"] for v in facets["field"]}
    assert labels["health"] == "Gesundheit"


def test_results_come_in_pages_with_links(api, directory):
    first = search(api, page_size=2, sort="name")
    second = search(api, page_size=2, sort="name", page=2)

    assert (first["count"], first["pages"], first["page"]) == (3, 2, 1)
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    assert first["previous"] is None and second["next"] is None
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    assert "page=" not in second["previous"]
    assert not ids(first) & ids(second)
    titles = [i["title"] for i in first["results"] + second["results"]]
    assert titles == sorted(titles)
    response = api.get(LIST.format(slug="musterstadt"), {"page": 3, "page_size": 2})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"age_months": "abc"}, "age_months"),
        ({"age_months": "-20"}, "age_months"),
        ({"page_size": "10000"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"sort": "newest"}, "sort"),
        ({"free": "maybe"}, "free"),
        ({"age_band": "0-99"}, "age_band"),
        ({"field": "astrology"}, "field"),
        ({"language": "xx"}, "language"),
        ({"district": "99"}, "district"),
    ],
)
def test_bad_parameters_are_answered_with_400_naming_them(
    api, directory, params, field
):
    response = api.get(LIST.format(slug="musterstadt"), params)

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert list(body["errors"]) == [field]


def test_a_page_takes_the_same_number_of_queries_whatever_its_size(api, directory):
    search(api, page_size=2)  # the search engine may set itself up on first use
    counts = []
    for size in (1, 3):
        with CaptureQueriesContext(connection) as queries:
            data = search(api, page_size=size)
        assert len(data["results"]) == size
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_unknown_municipalities_and_offers_of_others_are_not_found(api, directory):
    elsewhere = MunicipalityFactory(slug="nachbarstadt", ags="05999001")
    theirs = publish(
        OrganisationFactory(municipality=elsewhere), title="Hebammensprechstunde Nord"
    )

    assert api.get(LIST.format(slug="nirgendwo")).status_code == 404
    assert api.get(detail(theirs)).status_code == 404
    assert api.get(detail(directory["hebamme"], "nachbarstadt")).status_code == 404
    assert str(theirs.pk) not in ids(search(api, q="Hebammensprechstunde"))


def test_the_detail_shows_everything_about_a_published_offer(api, directory):
    offer = directory["hebamme"]
    response = api.get(detail(offer))

    assert response.status_code == 200
    data = response.json()
    assert data["id"] == str(offer.pk) and data["title"] == offer.title
    assert data["description"] == "Offene Sprechstunde der Familienhebammen."
    assert data["schedules"] == [
        {
            "kind": "weekly",
            "weekday": 1,
            "date": None,
            "opens_at": "09:00:00",
            "closes_at": "12:00:00",
            "valid_from": None,
            "valid_until": None,
            "note": "",
            "location": 0,
        }
    ]
    assert data["contacts"] == [
        {
            "name": "Anna Beispiel",
            "role": "Familienhebamme",
            "phone": "0208 1234",
            "email": "",
        }
    ]
    assert data["cost"] == "free" and data["registration_required"] is False
    assert data["last_verified"] == offer.last_verified.isoformat()
    assert data["life_phases"] == []
    # Review fields are for the offer's editors only.
    assert data["status"] is None and data["pending_changes"] is None


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("no_role", 404),
        ("planner", 404),
        ("network_lead", 404),
        ("other_editor", 404),
        ("provider_editor", 200),
        ("coordinator", 200),
        ("state_admin", 200),
    ],
)
def test_drafts_exist_only_for_their_editors_and_coordinators(
    api_as, people, municipality, directory, who, status
):
    people["other_editor"] = user_with_role(
        municipality,
        Role.PROVIDER_EDITOR,
        organisations=[OrganisationFactory(municipality=municipality)],
    )
    response = api_as(people[who]).get(detail(directory["draft"]))

    assert response.status_code == status
    if status == 200:
        data = response.json()
        assert data["status"] == OfferStatus.DRAFT
        assert data["title"] == "Geheimer Entwurf Babykurs"
    else:
        assert "Geheimer" not in response.content.decode()
