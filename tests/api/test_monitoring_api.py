"""The monitoring in the API: indicators, figures, indices and their results,
for the public (published, small counts withheld) and for planners."""

from __future__ import annotations

import pytest

from kette.core.models import AgeBand, Role
from kette.monitoring.indices import compute_table
from kette.monitoring.services.indices import index_export, index_publish, index_save
from tests.core.factories import user_with_role
from tests.monitoring.factories import (
    IndicatorFactory,
    ObservationFactory,
    two_level_city,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/municipalities/{slug}/monitoring/"
URL = BASE.format(slug="musterstadt")
# Stadtteile B1-1 … B2-3: numerators and denominators of "poverty" in 2024.
# B1-1 rests on 3 children: withheld from the public (threshold 5), and
# B1-2, the smallest other part of Bezirk 1, with it.
POVERTY_2024 = [(3, 50), (12, 60), (20, 100), (30, 200), (40, 100), (50, 400)]


def spec(key: str, *indicators: str) -> dict:
    return {
        "format": "kette-index/1",
        "key": key,
        "name": {"de": f"Bedarf {key}", "en": f"Need {key}"},
        "subindices": [
            {
                "key": "social",
                "name": {"de": "Soziales", "en": "Social"},
                "indicators": [{"key": key} for key in indicators],
            }
        ],
        "classifications": [
            {"key": "q", "of": "index", "method": "quantiles", "classes": 3}
        ],
    }


@pytest.fixture
def city(municipality):
    _municipality, tops, leaves = two_level_city(municipality)
    poverty = IndicatorFactory(
        municipality=municipality,
        key="poverty",
        name_de="Kinderarmut",
        name_en="Child poverty",
        definition_de="Anteil der Kinder in Bedarfsgemeinschaften",
        numerator_definition="Kinder in Bedarfsgemeinschaften",
        denominator_definition="Kinder unter 15",
        source="Bundesagentur für Arbeit",
        licence="dl-de/by-2-0",
        age_band=AgeBand.objects.get(code="3-6"),
        position=1,
    )
    unemployment = IndicatorFactory(
        municipality=municipality, key="unemployment", position=2
    )
    secret = IndicatorFactory(
        municipality=municipality, key="secret", is_published=False, position=3
    )
    for leaf, (numerator, denominator) in zip(leaves, POVERTY_2024, strict=True):
        ObservationFactory(
            indicator=poverty,
            district=leaf,
            period="2024",
            numerator=numerator,
            denominator=denominator,
        )
        ObservationFactory(indicator=poverty, district=leaf, period="2023")
    for at, leaf in enumerate(leaves):
        ObservationFactory(indicator=unemployment, district=leaf, numerator=10 + 7 * at)
        ObservationFactory(indicator=secret, district=leaf, numerator=40 + at)
    need = index_save(
        municipality=municipality, spec=spec("need", "poverty", "secret"), actor=None
    ).definition
    index_publish(definition=need, actor=None, published=True)
    index_save(municipality=municipality, spec=spec("draft", "poverty"), actor=None)
    return {"tops": tops, "leaves": leaves, "poverty": poverty, "need": need}


@pytest.fixture
def planner(municipality):
    return user_with_role(municipality, Role.PLANNER)


def rows_by_district(response) -> dict:
    assert response.status_code == 200, response.json()
    return {row["district"]: row for row in response.json()["results"]}


def test_the_public_sees_only_published_indicators(api, city):
    response = api.get(URL + "indicators/")

    assert response.status_code == 200
    assert [i["key"] for i in response.json()] == ["poverty", "unemployment"]


def test_a_planner_sees_unpublished_indicators_too(api_as, city, planner):
    response = api_as(planner).get(URL + "indicators/")

    assert [i["key"] for i in response.json()] == [
        "poverty",
        "unemployment",
        "secret",
    ]
    assert response.json()[2]["is_published"] is False


def test_an_indicator_in_detail(api, city):
    response = api.get(URL + "indicators/poverty/", {"lang": "en"})

    assert response.status_code == 200
    body = response.json()
    assert body["url"].endswith("/monitoring/indicators/poverty/")
    assert body["name"] == "Child poverty"
    assert body["definition"] == "Anteil der Kinder in Bedarfsgemeinschaften"
    assert body["periods"] == ["2023", "2024"]
    assert body["age_band"] == "3-6"
    assert body["life_phase"] is None
    assert (body["kind"], body["unit"], body["scale"]) == ("rate", "%", 100)
    assert body["numerator_definition"] == "Kinder in Bedarfsgemeinschaften"
    assert body["source"] == "Bundesagentur für Arbeit"
    assert body["licence"] == "dl-de/by-2-0"
    assert body["polarity"] == "higher_is_worse"
    assert body["periodicity"] == "year"
    assert body["is_published"] is True


def test_an_unpublished_indicator_exists_only_for_planners(api_as, city, planner):
    assert api_as(None).get(URL + "indicators/secret/").status_code == 404
    assert api_as(planner).get(URL + "indicators/secret/").status_code == 200


def test_another_municipalitys_indicator_is_not_found(api, city, other_municipality):
    IndicatorFactory(municipality=other_municipality, key="elsewhere")

    assert api.get(URL + "indicators/elsewhere/").status_code == 404
    other = BASE.format(slug="nachbarstadt")
    assert api.get(other + "indicators/poverty/").status_code == 404
    assert api.get(other + "indices/need/").status_code == 404
    assert api.get(other + "indices/need/results/").status_code == 404


def test_figures_of_one_indicator_and_period_cover_city_and_every_district(
    api_as, city, planner
):
    response = api_as(planner).get(
        URL + "observations/", {"indicator": "poverty", "period": "2024"}
    )

    body = response.json()
    assert body["count"] == 9
    codes = [row["district"] for row in body["results"]]
    assert codes == [None, "B1", "B2", "B1-1", "B1-2", "B1-3", "B2-1", "B2-2", "B2-3"]
    leaf = body["results"][3]
    assert leaf == {
        "indicator": "poverty",
        "district": "B1-1",
        "district_name": "Stadtteil 1.1",
        "level": 1,
        "period": "2024",
        "value": pytest.approx(6.0),
        "numerator": 3,
        "denominator": 50,
        "status": "final",
        "suppressed": "",
        "aggregated": False,
    }
    assert body["results"][0]["district_name"] == "Musterstadt"


def test_parent_figures_are_rates_of_summed_numerators_and_denominators(
    api_as, city, planner
):
    rows = rows_by_district(
        api_as(planner).get(
            URL + "observations/", {"indicator": "poverty", "period": "2024"}
        )
    )

    bezirk = rows["B1"]
    assert (bezirk["numerator"], bezirk["denominator"]) == (35, 210)
    assert bezirk["value"] == pytest.approx(35 / 210 * 100)
    assert bezirk["aggregated"] is True
    assert bezirk["level"] == 0
    assert rows[None]["value"] == pytest.approx(155 / 910 * 100)
    assert rows[None]["aggregated"] is True


def test_the_public_gets_withheld_figures_as_null(api, city):
    rows = rows_by_district(
        api.get(URL + "observations/", {"indicator": "poverty", "period": "2024"})
    )

    for code, reason in (("B1-1", "primary"), ("B1-2", "secondary")):
        assert rows[code]["suppressed"] == reason
        assert rows[code]["value"] is None
        assert rows[code]["numerator"] is None
        assert rows[code]["denominator"] is None
    assert rows["B1-3"]["suppressed"] == ""
    assert rows["B1-3"]["numerator"] == 20
    assert rows["B1"]["value"] == pytest.approx(35 / 210 * 100)


def test_a_planner_gets_every_figure_unsuppressed(api_as, city, planner):
    rows = rows_by_district(
        api_as(planner).get(
            URL + "observations/", {"indicator": "poverty", "period": "2024"}
        )
    )

    assert all(row["suppressed"] == "" for row in rows.values())
    assert rows["B1-2"]["numerator"] == 12


def test_district_and_level_narrow_the_figures(api, city):
    by_district = api.get(
        URL + "observations/", {"indicator": "poverty", "district": "B2-3"}
    ).json()
    by_level = api.get(
        URL + "observations/", {"indicator": "poverty", "level": 0, "period": "2023"}
    ).json()

    assert [(r["district"], r["period"]) for r in by_district["results"]] == [
        ("B2-3", "2023"),
        ("B2-3", "2024"),
    ]
    assert [r["district"] for r in by_level["results"]] == ["B1", "B2"]


def test_without_an_indicator_every_visible_indicator_is_listed(api_as, city, planner):
    query = {"period": "2024", "district": "B1-3"}

    public = api_as(None).get(URL + "observations/", query).json()
    staff = api_as(planner).get(URL + "observations/", query).json()

    assert [r["indicator"] for r in public["results"]] == ["poverty", "unemployment"]
    assert [r["indicator"] for r in staff["results"]] == [
        "poverty",
        "unemployment",
        "secret",
    ]


def test_figures_are_paginated(api, city):
    first = api.get(URL + "observations/", {"page_size": 4}).json()

    # 2 published indicators: poverty in 2 periods, unemployment in 1; 9 rows each
    assert first["count"] == 27
    assert len(first["results"]) == 4
    assert "page=2" in first["next"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"indicator": "nope"}, "indicator"),
        ({"indicator": "secret"}, "indicator"),  # unpublished: unknown to the public
        ({"district": "X9"}, "district"),
        ({"period": "1999"}, "period"),
        ({"indicator": "unemployment", "period": "2023"}, "period"),
        ({"period": "neulich"}, "period"),
        ({"level": 7}, "level"),
        ({"level": "eins"}, "level"),
    ],
)
def test_bad_figure_parameters_are_400_naming_the_field(api, city, query, field):
    response = api.get(URL + "observations/", query)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert response.json()["message"]


def test_the_public_sees_only_published_indices(api_as, city, planner):
    public = api_as(None).get(URL + "indices/").json()
    hidden = api_as(None).get(URL + "indices/draft/")
    hidden_results = api_as(None).get(URL + "indices/draft/results/")
    staff = api_as(planner).get(URL + "indices/").json()

    assert [i["key"] for i in public] == ["need"]
    assert (hidden.status_code, hidden_results.status_code) == (404, 404)
    assert [i["key"] for i in staff] == ["draft", "need"]
    assert api_as(planner).get(URL + "indices/draft/results/").status_code == 200


def test_an_index_in_detail(api, city):
    response = api.get(URL + "indices/need/", {"lang": "en"})

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Need need"
    assert body["version"] == 1
    assert body["spec"] == index_export(definition=city["need"])
    # "secret" has no figures for 2023: the public gets complete periods only
    assert body["periods"] == ["2024"]
    assert body["results_url"].endswith("/monitoring/indices/need/results/")


def test_index_results_are_compute_tables_rows(api_as, city, planner):
    response = api_as(planner).get(URL + "indices/need/results/", {"period": "2024"})

    assert response.status_code == 200
    body = response.json()
    table = compute_table(definition=city["need"], period="2024")
    assert (body["index"], body["version"], body["period"], body["level"]) == (
        "need",
        1,
        "2024",
        1,
    )
    assert [i["key"] for i in body["indicators"]] == ["poverty", "secret"]
    assert body["subindices"][0]["key"] == "social"
    assert [row["rank"] for row in body["rows"]] == [1, 2, 3, 4, 5, 6]
    rows = {row["district"]: row for row in body["rows"]}
    assert len(rows) == len(table.rows) == 6
    for expected in table.rows:
        row = rows[expected.district.code]
        assert row["index"] == pytest.approx(expected.index)
        assert row["rank"] == expected.rank
        assert list(row["normalised"].values()) == pytest.approx(expected.normalised)
        assert list(row["subindices"].values()) == pytest.approx(expected.subindices)
        assert list(row["values"].values()) == pytest.approx(expected.values)
        number = expected.classes["q"]
        assert row["classes"]["q"] == {
            "number": number + 1,
            "label": table.class_label("q", number),
            "colour": table.class_colour("q", number),
        }


def test_public_index_results_leave_out_indicator_values(api, city):
    response = api.get(URL + "indices/need/results/", {"level": 0})

    assert response.status_code == 200
    body = response.json()
    assert body["period"] == "2024"  # the newest year by default
    assert [row["rank"] for row in body["rows"]] == [1, 2]
    for row in body["rows"]:
        assert "values" not in row and "normalised" not in row
        assert row["index"] is not None


@pytest.mark.parametrize(
    ("query", "field"),
    [({"period": "1999"}, "period"), ({"period": "2024/25"}, "period")]
    + [({"level": 5}, "level"), ({"level": "-1"}, "level")],
)
def test_bad_result_parameters_are_400_naming_the_field(api, city, query, field):
    response = api.get(URL + "indices/need/results/", query)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_an_index_that_cannot_be_computed_is_400_saying_why(
    api_as, city, planner, municipality
):
    gone = IndicatorFactory(municipality=municipality, key="gone")
    index_save(
        municipality=municipality, spec=spec("broken", "poverty", "gone"), actor=None
    )
    gone.delete()

    response = api_as(planner).get(URL + "indices/broken/results/")

    assert response.status_code == 400
    assert "gone" in response.json()["message"]
    assert response.json()["errors"] == {}


def test_the_openapi_document_lists_the_monitoring_endpoints(api):
    document = api.get("/api/v1/openapi.json").json()
    prefix = "/api/v1/municipalities/{municipality}/monitoring/"

    assert {
        prefix + "indicators/",
        prefix + "indicators/{key}/",
        prefix + "observations/",
        prefix + "indices/",
        prefix + "indices/{key}/",
        prefix + "indices/{key}/results/",
    } <= set(document["paths"])
    assert "monitoring" in {tag["name"] for tag in document["tags"]}
    parameters = document["paths"][prefix + "observations/"]["get"]["parameters"]
    assert {"indicator", "district", "period", "level", "page"} <= {
        p["name"] for p in parameters
    }


def test_average_ranks_of_ties_come_as_halves_and_the_schema_says_number(
    api_as, city, planner, municipality
):
    tied = IndicatorFactory(municipality=municipality, key="tied")
    # Stadtteile 2 and 3 tie: under "average" both rank 2.5
    for leaf, numerator in zip(city["leaves"], [60, 50, 50, 40, 30, 20], strict=True):
        ObservationFactory(indicator=tied, district=leaf, numerator=numerator)
    definition = spec("ties", "tied")
    definition["rank"] = {"method": "average"}
    index_save(municipality=municipality, spec=definition, actor=None)

    response = api_as(planner).get(URL + "indices/ties/results/", {"period": "2024"})

    assert response.status_code == 200, response.json()
    assert [row["rank"] for row in response.json()["rows"]] == [1, 2.5, 2.5, 4, 5, 6]
    document = api_as(planner).get("/api/v1/openapi.json").json()
    rank = document["components"]["schemas"]["IndexResultRow"]["properties"]["rank"]
    assert rank["type"] == "number"
