"""The public monitoring pages, and the same pages in the staff area."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kette.core.models import Role
from kette.monitoring.models import IndexDefinition
from kette.monitoring.services.indices import index_save
from tests.core.factories import DistrictFactory, MunicipalityFactory, user_with_role
from tests.monitoring.factories import index_spec
from tests.monitoring.pages_world import NUMERATORS, build_world, csv_rows, number

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def url(world, name: str, query: str = "", **kwargs) -> str:
    path = reverse(
        f"monitoring:{name}", kwargs={"municipality": world.municipality.slug, **kwargs}
    )
    return path + query


@pytest.fixture
def planner_client(world):
    """A planner's own browser: ``client`` stays the anonymous visitor."""
    planner = Client()
    planner.force_login(user_with_role(world.municipality, Role.PLANNER))
    return planner


def assert_anonymous(client) -> None:
    assert "_auth_user_id" not in client.session


def by_code(rows: list[list[str]]) -> dict[str, list[str]]:
    """Map-table rows keyed by district code (column 2)."""
    return {row[1]: row for row in rows[1:] if row[1]}


def test_the_overview_lists_what_is_published(client, world):
    response = client.get(url(world, "overview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Armutsquote" in page and "Vorsorgequote" in page
    assert "Vertrauliche Quote" not in page
    assert url(world, "index", index_key="need") in page
    assert url(world, "district", district_code="B1-2") in page


def test_the_indicator_page_has_map_ranking_and_time_series_each_with_table_and_csv(
    client, world
):
    response = client.get(url(world, "indicator", indicator_key="poverty"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('role="img"') == 3
    assert page.count("<table") == 3
    for table in ("map", "ranking", "series"):
        assert f"csv={table}" in page
    # every district of the finest level is on the map and in the table
    for leaf in world.leaves:
        assert f'data-code="{leaf.code}"' in page


def test_public_figures_suppress_small_counts_and_what_would_reveal_them(
    client, planner_client, world
):
    assert_anonymous(client)
    public = by_code(
        csv_rows(
            client.get(url(world, "indicator", "?csv=map", indicator_key="poverty"))
        )
    )
    small = world.leaves[0].code
    assert public[small][2:5] == ["", "", ""]
    # a sibling in the same Bezirk goes too, or the Bezirk total would give it away
    siblings = [leaf.code for leaf in world.leaves[1:3]]
    assert any(public[code][2] == "" for code in siblings)
    staff_path = reverse(
        "monitoring:staff_indicator",
        kwargs={"municipality": world.municipality.slug, "indicator_key": "poverty"},
    )
    staff = by_code(csv_rows(planner_client.get(staff_path + "?csv=map")))
    assert number(staff[small][3]) == NUMERATORS[0]
    assert number(staff[small][2]) == pytest.approx(NUMERATORS[0] / 200 * 100)


def test_the_indicator_page_names_source_and_licence(client, world):
    world.poverty.source = "Bundesagentur für Arbeit"
    world.poverty.licence = "dl-de/by-2-0"
    world.poverty.save()
    response = client.get(url(world, "indicator", indicator_key="poverty"))
    page = response.content.decode()
    assert "<dt>Quelle</dt><dd>Bundesagentur für Arbeit</dd>" in page
    assert "<dt>Lizenz</dt><dd>dl-de/by-2-0</dd>" in page


def test_parent_districts_have_rates_from_summed_numerators(client, world):
    rows = by_code(
        csv_rows(
            client.get(
                url(
                    world,
                    "indicator",
                    "?csv=map&level=0&period=2023",
                    indicator_key="poverty",
                )
            )
        )
    )
    assert set(rows) == {"B1", "B2"}
    expected = sum(NUMERATORS[3:]) / 600 * 100
    assert number(rows["B2"][2]) == pytest.approx(expected, abs=1e-5)
    assert number(rows["B2"][3]) == sum(NUMERATORS[3:])


def test_the_time_series_has_a_row_per_period_and_a_column_per_chosen_district(
    client, world
):
    rows = csv_rows(
        client.get(
            url(
                world,
                "indicator",
                "?csv=series&district=B2-3&district=B2-1",
                indicator_key="poverty",
            )
        )
    )
    assert [row[0] for row in rows[1:]] == ["2023", "2024"]
    assert rows[0][2:] == ["Stadtteil 2.3", "Stadtteil 2.1"]
    assert number(rows[2][2]) == pytest.approx((NUMERATORS[5] + 2) / 200 * 100)


def test_the_ranking_puts_the_most_need_first(client, world):
    worse = csv_rows(
        client.get(url(world, "indicator", "?csv=ranking", indicator_key="poverty"))
    )
    better = csv_rows(
        client.get(url(world, "indicator", "?csv=ranking", indicator_key="checkups"))
    )
    assert worse[1][1] == "Stadtteil 2.3"  # highest poverty
    assert better[1][1] == "Stadtteil 2.3"  # lowest check-up rate


def test_unpublished_indicators_are_for_planners_only(client, world):
    public = url(world, "indicator", indicator_key="secret")
    staff = reverse(
        "monitoring:staff_indicator",
        kwargs={"municipality": world.municipality.slug, "indicator_key": "secret"},
    )
    assert client.get(public).status_code == 404
    assert client.get(staff).status_code == 302  # to the login
    client.force_login(
        user_with_role(world.municipality, Role.PROVIDER_EDITOR, organisations=[])
    )
    assert client.get(staff).status_code == 403
    client.force_login(user_with_role(world.municipality, Role.PLANNER))
    response = client.get(staff)
    assert response.status_code == 200
    assert "Vertrauliche Quote" in response.content.decode()
    assert client.get(public).status_code == 404  # the public page stays public


def test_an_unknown_table_is_not_found(client, world):
    assert (
        client.get(
            url(world, "indicator", "?csv=nothing", indicator_key="poverty")
        ).status_code
        == 404
    )


def test_the_district_profile_scores_against_the_districts_of_its_level(
    planner_client, world
):
    path = reverse(
        "monitoring:staff_district",
        kwargs={"municipality": world.municipality.slug, "district_code": "B2-3"},
    )
    response = planner_client.get(path + "?year=2023")
    assert response.status_code == 200
    assert 'role="img"' in response.content.decode()
    rows = {
        row[0]: row
        for row in csv_rows(planner_client.get(path + "?year=2023&csv=profile"))
    }
    values = [n / 200 * 100 for n in NUMERATORS]
    mean = sum(values) / len(values)
    sd = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
    expected = (values[5] - mean) / sd
    assert number(rows["Armutsquote"][4]) == pytest.approx(expected, abs=1e-3)
    # higher is better: the mirrored check-up rate (100 % − poverty) means the same need
    assert number(rows["Vorsorgequote"][4]) == pytest.approx(expected, abs=1e-3)
    assert "Vertrauliche Quote" in rows


def test_the_public_profile_leaves_out_unpublished_indicators(client, world):
    path = url(world, "district", "?csv=profile", district_code="B2-3")
    names = [row[0] for row in csv_rows(client.get(path))[1:]]
    assert sorted(names) == ["Armutsquote", "Vorsorgequote"]


def test_districts_of_another_municipality_are_not_found(client, world):
    other = MunicipalityFactory()
    DistrictFactory(municipality=other, code="X9")
    assert client.get(url(world, "district", district_code="X9")).status_code == 404
    assert client.get(url(world, "district", district_code="B1")).status_code == 200


def test_comparing_districts_side_by_side(client, world):
    response = client.get(
        url(world, "compare", "?districts=B2-3&districts=B1-2&districts=ZZ")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('role="img"') == 1
    assert "ZZ" in page  # the unknown code is named
    rows = csv_rows(
        client.get(url(world, "compare", "?districts=B2-3&districts=B1-2&csv=figures"))
    )
    assert rows[0][2:] == ["Stadtteil 2.3", "Stadtteil 1.2", rows[0][4]]
    single = client.get(url(world, "compare", "?districts=B2-3"))
    assert 'role="img"' not in single.content.decode()


def test_the_index_page_shows_classes_and_ranks_but_no_raw_values_in_public(
    client, planner_client, world
):
    assert_anonymous(client)
    response = client.get(url(world, "index", index_key="need"))
    assert response.status_code == 200
    assert response.content.decode().count('role="img"') == 2
    public = csv_rows(client.get(url(world, "index", "?csv=results", index_key="need")))
    assert public[0][:6] == ["Code", "Sozialraum", "Zeitraum", "Index", "Rang"] + [
        "Klasse (Index)"
    ]
    assert not [name for name in public[0] if "(Wert)" in name or "normiert" in name]
    assert public[1][0] == "B2-3" and public[1][public[0].index("Rang")] == "1"
    staff_path = reverse(
        "monitoring:staff_index",
        kwargs={"municipality": world.municipality.slug, "index_key": "need"},
    )
    staff = csv_rows(planner_client.get(staff_path + "?csv=results"))
    assert {"Armutsquote (Wert)", "Vorsorgequote (normiert)"} <= set(staff[0])
    # public rankings have no rank interval; staff see it in the table and CSV
    assert "Rangintervall" not in response.content.decode()
    ranking = csv_rows(planner_client.get(staff_path + "?csv=ranking"))
    interval = ranking[0].index("Rangintervall (5.–95. Perzentil)")
    districts = len(ranking) - 1
    intervals = [tuple(int(n) for n in row[interval].split("–")) for row in ranking[1:]]
    assert districts >= 2 and len(intervals) == districts
    assert all(1 <= low <= high <= districts for low, high in intervals)
    assert "Rangintervall" in planner_client.get(staff_path).content.decode()


def test_staff_see_the_rank_intervals_in_the_ranking_chart(
    client, planner_client, world
):
    staff_path = reverse(
        "monitoring:staff_index",
        kwargs={"municipality": world.municipality.slug, "index_key": "need"},
    )
    page = planner_client.get(staff_path).content.decode()
    ranking = page[page.index('id="index-ranking-need"') :]
    ranking = ranking[: ranking.index("</svg>")]
    rows = csv_rows(planner_client.get(staff_path + "?csv=ranking"))[1:]
    # one interval per district, named in its tooltip as in the table
    for rank, name, _index, interval in rows:
        assert f"{name}: Rang {rank}, Rangintervall {interval}</title>" in ranking
    assert ranking.count("<circle") == len(rows) + 1  # and one in the legend
    description = ranking[ranking.index("<desc") : ranking.index("</desc>")]
    assert "Rangintervall (Linie)" in description and "200 Durchläufen" in description
    public = client.get(url(world, "index", index_key="need")).content.decode()
    assert "chart__intervals" not in public and "Rangintervall" not in public


def test_an_unpublished_index_is_not_public(client, world):
    world.index.is_published = False
    world.index.save()
    assert client.get(url(world, "index", index_key="need")).status_code == 404
    assert (
        url(world, "index", index_key="need")
        not in client.get(url(world, "overview")).content.decode()
    )


def test_english_addresses_and_names(client, world):
    path = reverse(
        "monitoring:indicator_en",
        kwargs={"municipality": world.municipality.slug, "indicator_key": "poverty"},
    )
    assert "/indicators/" in path
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(path)
    assert response.status_code == 200
    assert "Poverty rate" in response.content.decode()


def test_pages_work_without_district_outlines(client, world):
    for district in [*world.tops, *world.leaves]:
        district.geometry = None
        district.save()
    response = client.get(url(world, "indicator", indicator_key="poverty"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-code=" not in page  # no map
    assert page.count("<table") == 3  # the tables stay


def test_the_public_index_is_computed_from_what_may_be_published(
    client, planner_client, world
):
    """Otherwise a withheld count could be worked back out of the other
    districts' published figures and their index values."""
    assert_anonymous(client)
    index_save(
        municipality=world.municipality,
        spec=index_spec("poverty") | {"key": "poverty-only"},
        actor=None,
    )
    IndexDefinition.objects.filter(key="poverty-only").update(is_published=True)
    public = csv_rows(
        client.get(url(world, "index", "?csv=results", index_key="poverty-only"))
    )
    staff = csv_rows(
        planner_client.get(
            reverse(
                "monitoring:staff_index",
                kwargs={
                    "municipality": world.municipality.slug,
                    "index_key": "poverty-only",
                },
            )
            + "?csv=results"
        )
    )
    column = public[0].index("Index")
    shown = {row[0]: row[column] for row in public[1:]}
    full = {row[0]: row[staff[0].index("Index")] for row in staff[1:]}
    small = world.leaves[0].code
    assert full[small] != "" and shown[small] == ""
    # the scores of the others rest on the shown figures only
    assert shown["B2-3"] != full["B2-3"]
    assert not [name for name in public[0] if "normiert" in name]


def test_district_codes_with_a_slash(client, world):
    district = DistrictFactory(
        municipality=world.municipality, code="10/1", name="Schrägstrich", level=0
    )
    assert client.get(url(world, "overview")).status_code == 200
    response = client.get(url(world, "district", district_code="10/1"))
    assert response.status_code == 200
    assert district.name in response.content.decode()


def test_an_index_ranked_from_the_highest_value_says_so(client, world):
    index_save(
        municipality=world.municipality,
        spec=index_spec("poverty", "checkups", rank={"first": "highest_value"}),
        actor=None,
    )
    page = client.get(url(world, "index", index_key="need")).content.decode()
    assert "Rang 1 ist das Gebiet mit dem höchsten Wert." in page
    assert "vom höchsten zum niedrigsten Wert" in page
    assert "Rang 1 ist das Gebiet mit dem höchsten Bedarf." not in page


def test_the_overview_lists_districts_in_tree_order_and_a_profile_links_up_and_down(
    client, world
):
    page = client.get(url(world, "overview")).content.decode()
    codes = ["B1", "B1-1", "B1-2", "B1-3", "B2", "B2-1", "B2-2", "B2-3"]
    links = [page.index(url(world, "district", district_code=c) + '"') for c in codes]
    assert links == sorted(links)

    upper = client.get(url(world, "district", district_code="B2")).content.decode()
    for code in ("B2-1", "B2-2", "B2-3"):
        assert url(world, "district", district_code=code) in upper
    lower = client.get(url(world, "district", district_code="B2-3")).content.decode()
    assert url(world, "district", district_code="B2") + '"' in lower
    assert url(world, "district", district_code="B2-1") not in lower
