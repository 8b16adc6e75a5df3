from __future__ import annotations

import pytest

from kette.core.models import AgeBand, Language, QualityStation, StationStandard
from kette.core.models.vocabulary import VOCABULARIES

pytestmark = pytest.mark.django_db


def terms(api, kind: str, **params) -> list[dict]:
    response = api.get(f"/api/v1/vocabularies/{kind}/", params)
    assert response.status_code == 200, response.content
    return response.json()["terms"]


def by_code(items: list[dict]) -> dict[str, dict]:
    return {item["code"]: item for item in items}


def test_the_list_names_every_kind_with_its_count_and_url(api):
    response = api.get("/api/v1/vocabularies/")

    assert response.status_code == 200
    kinds = {item["kind"]: item for item in response.json()}
    assert set(kinds) == set(VOCABULARIES)
    assert kinds["prevention-standards"]["count"] == 7
    assert kinds["quality-stations"]["count"] == 6
    assert (
        kinds["age-bands"]["url"] == "http://testserver/api/v1/vocabularies/age-bands/"
    )
    assert kinds["age-bands"]["name"]


def test_age_bands_carry_their_ages_in_months(api):
    bands = terms(api, "age-bands")

    assert [band["code"] for band in bands] == [
        "0-3",
        "3-6",
        "6-10",
        "10-14",
        "14-18",
        "18-27",
    ]
    first = bands[0]
    assert first["min_months"] == -9
    assert first["max_months"] == 36
    assert set(first) == {
        "code",
        "label_de",
        "label_en",
        "label",
        "description",
        "position",
        "min_months",
        "max_months",
    }


def test_life_phases_carry_their_ages_in_months(api):
    phases = by_code(terms(api, "life-phases"))

    assert phases["pregnancy-birth"]["min_months"] == -9


def test_there_are_seven_prevention_standards_without_extra_fields(api):
    standards = terms(api, "prevention-standards")

    assert len(standards) == 7
    assert "participation" in by_code(standards)
    assert "min_months" not in standards[0]
    assert "number" not in standards[0]


def test_there_are_six_quality_stations_numbered_one_to_six(api):
    stations = terms(api, "quality-stations")

    assert [station["number"] for station in stations] == [1, 2, 3, 4, 5, 6]
    assert stations[0]["code"] == "vision"


def test_station_standards_name_their_station(api):
    standards = terms(api, "station-standards")

    expected = StationStandard.objects.filter(is_active=True).count()
    assert len(standards) == expected
    stations = {station.code for station in QualityStation.objects.all()}
    assert {standard["station"] for standard in standards} == stations


def test_languages_carry_native_name_and_direction(api):
    languages = by_code(terms(api, "languages"))

    assert languages["ar"]["right_to_left"] is True
    assert languages["ar"]["native_name"] == Language.objects.get(code="ar").native_name
    assert languages["tr"]["right_to_left"] is False


def test_labels_follow_the_request_language(api):
    german = by_code(terms(api, "age-bands"))["3-6"]
    english = by_code(terms(api, "age-bands", lang="en"))["3-6"]

    assert german["label"] == german["label_de"] == "3 bis 6 Jahre"
    assert english["label"] == english["label_en"] == "3 to 6 years"


def test_inactive_terms_are_left_out_and_not_counted(api):
    AgeBand.objects.filter(code="18-27").update(is_active=False)

    assert "18-27" not in by_code(terms(api, "age-bands"))
    listing = {item["kind"]: item for item in api.get("/api/v1/vocabularies/").json()}
    assert listing["age-bands"]["count"] == 5
    assert api.get("/api/v1/vocabularies/age-bands/").json()["count"] == 5


def test_an_unknown_vocabulary_is_404(api):
    response = api.get("/api/v1/vocabularies/colours/")

    assert response.status_code == 404
    assert response.json()["errors"] == {}
    assert response.json()["message"]
