"""An index is only published for complete periods: each sub-index needs the
share of its indicators with values that the definition's coverage rule asks
for (default: all). Pages, API and command line follow the rule."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from kette.core.models import Role
from kette.monitoring.models import IndexDefinition
from kette.monitoring.services.indices import index_export, index_import, index_save
from tests.core.factories import user_with_role
from tests.monitoring.factories import ObservationFactory, index_spec
from tests.monitoring.pages_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """The page world (poverty and check-ups in 2023 and 2024, index "need"
    over both), plus 2025 figures of poverty only: 2025 is incomplete."""
    world = build_world()
    for at, leaf in enumerate(world.leaves):
        ObservationFactory(
            indicator=world.poverty,
            district=leaf,
            period="2025",
            numerator=20 + 10 * at,
            denominator=200,
        )
    return world


def page_url(world, name: str, query: str = "", **kwargs) -> str:
    path = reverse(
        f"monitoring:{name}", kwargs={"municipality": world.municipality.slug, **kwargs}
    )
    return path + query


def api_url(world, query: str = "") -> str:
    slug = world.municipality.slug
    return f"/api/v1/municipalities/{slug}/monitoring/indices/need/results/{query}"


@pytest.fixture
def planner(world):
    """A planner's own client (``client`` stays anonymous)."""
    planner = Client()
    planner.force_login(user_with_role(world.municipality, Role.PLANNER))
    return planner


def test_the_public_index_page_opens_on_the_newest_complete_period(client, world):
    response = client.get(page_url(world, "index", index_key="need"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bedarf, 2024" in page
    assert '<option value="2025"' not in page
    assert '<option value="2024" selected>' in page


def test_the_public_asking_for_an_incomplete_period_is_told_and_gets_a_complete_one(
    client, world
):
    response = client.get(page_url(world, "index", "?period=2025", index_key="need"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Die Werte für 2025 sind noch nicht vollständig" in page
    assert "gezeigt wird stattdessen: 2024" in page
    assert "Bedarf, 2025" not in page
    assert "Bedarf, 2024" in page
    csv = client.get(
        page_url(world, "index", "?period=2025&csv=results", index_key="need")
    )
    assert "2025" not in csv.content.decode()


def test_staff_see_an_incomplete_period_marked_with_what_is_missing(planner, world):
    default = planner.get(page_url(world, "staff_index", index_key="need"))
    page = default.content.decode()
    assert '<option value="2024" selected>' in page
    assert '<option value="2025">2025 (unvollständig)</option>' in page
    chosen = planner.get(
        page_url(world, "staff_index", "?period=2025", index_key="need")
    )
    page = chosen.content.decode()
    assert chosen.status_code == 200
    assert "Die Werte für 2025 sind unvollständig" in page
    assert "Werte für 1 von 2 Indikatoren (nötig: 2); ohne Werte: Vorsorgequote" in (
        page
    )
    assert "Bedarf, 2025" in page


def test_a_lower_coverage_share_publishes_a_period_with_some_indicators_missing(
    client, world
):
    index_save(
        municipality=world.municipality,
        spec=index_spec("poverty", "checkups", coverage=0.5),
        actor=None,
    )
    page = client.get(page_url(world, "index", index_key="need")).content.decode()
    assert '<option value="2025" selected>' in page
    assert "Bedarf, 2025" in page


def test_the_district_profile_offers_only_years_in_which_published_indices_are_complete(
    client, planner, world
):
    code = world.leaves[1].code
    page = client.get(page_url(world, "district", district_code=code)).content.decode()
    assert '<option value="2024" selected>' in page
    assert '<option value="2025"' not in page
    asked = client.get(
        page_url(world, "district", "?year=2025", district_code=code)
    ).content.decode()
    assert "Die Werte für 2025 sind noch nicht vollständig" in asked
    staff = planner.get(
        page_url(world, "staff_district", "?year=2025", district_code=code)
    ).content.decode()
    assert '<option value="2025" selected>2025 (unvollständig)</option>' in staff
    assert "ohne Werte: Vorsorgequote" in staff


def test_the_api_gives_the_public_complete_periods_only(client, planner, world):
    slug = world.municipality.slug
    index = client.get(f"/api/v1/municipalities/{slug}/monitoring/indices/need/")
    assert index.json()["periods"] == ["2023", "2024"]
    assert client.get(api_url(world)).json()["period"] == "2024"
    refused = client.get(api_url(world, "?period=2025"))
    assert refused.status_code == 400
    assert "2025" in refused.json()["message"]
    staff = planner.get(api_url(world, "?period=2025"))
    assert staff.status_code == 200 and staff.json()["period"] == "2025"
    assert planner.get(
        f"/api/v1/municipalities/{slug}/monitoring/indices/need/"
    ).json()["periods"] == ["2023", "2024", "2025"]


def test_compute_index_refuses_an_incomplete_period_naming_what_is_missing(world):
    slug = world.municipality.slug
    with pytest.raises(CommandError) as refused:
        call_command("compute_index", slug, "need", "--period", "2025")
    message = str(refused.value)
    assert "Vorsorgequote" in message and "--allow-incomplete" in message
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "compute_index",
        slug,
        "need",
        "--period",
        "2025",
        "--allow-incomplete",
        stdout=out,
        stderr=err,
    )
    assert out.getvalue().startswith("district_code,")
    assert "Vorsorgequote" in err.getvalue()


def test_the_coverage_rule_is_exported_and_imported_with_the_definition(world):
    index_save(
        municipality=world.municipality,
        spec=index_spec("poverty", "checkups", coverage=0.5),
        actor=None,
    )
    exported = index_export(definition=IndexDefinition.objects.get(key="need"))
    assert exported["coverage"] == 0.5
    again = index_import(
        municipality=world.municipality,
        text=json.dumps(exported | {"coverage": 0.75}),
        actor=None,
    )
    assert again.spec["coverage"] == 0.75


@pytest.mark.parametrize("share", [0, -0.5, 1.5, "all", True])
def test_a_coverage_outside_zero_to_one_is_refused_with_a_clear_message(world, share):
    versions = world.index.versions.count()
    with pytest.raises(ValidationError) as refused:
        index_import(
            municipality=world.municipality,
            text=json.dumps(index_spec("poverty", coverage=share)),
            actor=None,
            source="need.json",
        )
    assert "coverage" in refused.value.messages[0]
    assert world.index.versions.count() == versions


def test_the_commands_carry_and_check_the_coverage_rule(world, tmp_path):
    slug = world.municipality.slug
    index_save(
        municipality=world.municipality,
        spec=index_spec("poverty", "checkups", coverage=0.5),
        actor=None,
    )
    out = tmp_path / "need.json"
    call_command("export_index", slug, "need", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["coverage"] == 0.5
    out.write_text(json.dumps(exported | {"coverage": 1.5}), encoding="utf-8")
    with pytest.raises(CommandError, match="coverage"):
        call_command("import_index", slug, str(out))
    assert (
        IndexDefinition.objects.get(key="need").current_version().spec["coverage"]
        == 0.5
    )
    # with half of each sub-index enough, 2025 is computed without the option
    csv = io.StringIO()
    call_command("compute_index", slug, "need", "--period", "2025", stdout=csv)
    assert csv.getvalue().startswith("district_code,")
