"""Monitoring addresses are typed, bookmarked and shared: a ``period``,
``year`` or ``level`` the page cannot use is ignored, and the page says so
in words (as the offer search does), instead of silently showing something
else."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from kette.core.models import Role
from tests.core.factories import user_with_role
from tests.monitoring.pages_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def planner(world):
    planner = Client()
    planner.force_login(user_with_role(world.municipality, Role.PLANNER))
    return planner


def path(world, name: str, **kwargs) -> str:
    return reverse(
        f"monitoring:{name}", kwargs={"municipality": world.municipality.slug, **kwargs}
    )


def pages(world) -> dict[str, str]:
    """The pages that take a period or a year, public and staff."""
    leaf = world.leaves[1].code
    found = {}
    for prefix in ("", "staff_"):
        found[f"{prefix}index"] = path(world, f"{prefix}index", index_key="need")
        found[f"{prefix}indicator"] = path(
            world, f"{prefix}indicator", indicator_key="poverty"
        )
        found[f"{prefix}district"] = path(
            world, f"{prefix}district", district_code=leaf
        )
        found[f"{prefix}compare"] = path(world, f"{prefix}compare") + (
            f"?districts={world.leaves[0].code}&districts={leaf}"
        )
    return found


def visit(client, planner, name: str, address: str, query: str) -> str:
    joined = address + ("&" if "?" in address else "?") + query
    response = (planner if name.startswith("staff_") else client).get(joined)
    assert response.status_code == 200, (name, joined)
    return html.unescape(response.content.decode())


#: parameter, its name on the pages, the pages that take it, what they show instead
PARAMETERS = {
    "period": ("Zeitraum", ("index", "indicator"), "2024"),
    "year": ("Jahr", ("district", "compare"), "2024"),
    "level": ("Gebiete", ("index", "indicator"), "Ebene 2"),
}


@pytest.mark.parametrize(
    ("parameter", "bad"),
    [
        ("period", "2099"),
        ("period", "abc"),
        ("period", "2024/"),
        ("year", "1999"),
        ("year", "abc"),
        ("level", "9"),
        ("level", "-1"),
        ("level", "fine"),
    ],
)
def test_a_value_that_is_not_there_is_named_and_the_default_is_shown(
    client, planner, world, parameter, bad
):
    label, kinds, instead = PARAMETERS[parameter]
    for name, address in pages(world).items():
        if name.removeprefix("staff_") not in kinds:
            continue
        page = visit(client, planner, name, address, f"{parameter}={bad}")
        assert (
            f"„{label}: {bad}“ gibt es hier nicht; die Angabe wurde ignoriert, "
            f"gezeigt wird stattdessen: {instead}." in page
        ), name
        if parameter != "level":
            assert '<option value="2024" selected>' in page, name


def test_good_values_bring_no_note(client, planner, world):
    for name, address in pages(world).items():
        page = visit(client, planner, name, address, "period=2023&year=2023&level=0")
        assert "gibt es hier nicht" not in page, name


def test_the_note_speaks_english_on_english_pages(client, world):
    client.cookies["django_language"] = "en"
    page = client.get(
        path(world, "index", index_key="need") + "?period=2099&level=x"
    ).content.decode()
    page = html.unescape(page)
    assert "“Period: 2099” is not available here and was ignored" in page
    assert "“Areas: x” is not available here and was ignored" in page
