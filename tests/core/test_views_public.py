"""Public pages: the municipality list, a municipality's start page, error pages."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from kette.core.models import District, Sector
from kette.core.svg import PALETTE, district_map
from tests.core.factories import (
    DistrictFactory,
    OrganisationFactory,
    square,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def city(municipality):
    """Musterstadt with two top-level districts, three below, and organisations."""
    north = DistrictFactory(
        municipality=municipality,
        code="01",
        name="Nord",
        level_name="Stadtbezirk",
        geometry=square(6.80, 51.41, 0.02),
    )
    south = DistrictFactory(
        municipality=municipality,
        code="02",
        name="Süd",
        level_name="Stadtbezirk",
        geometry=square(6.80, 51.39, 0.02),
    )
    for code, name, parent, x, y in [
        ("0101", "Altstadt", north, 6.80, 51.41),
        ("0102", "Hafen", north, 6.81, 51.41),
        ("0201", "Südpark", south, 6.80, 51.39),
    ]:
        DistrictFactory(
            municipality=municipality,
            code=code,
            name=name,
            parent=parent,
            level=1,
            level_name="Stadtteil",
            geometry=square(x, y, 0.01),
        )
    health = Sector.objects.get(code="health")
    OrganisationFactory.create_batch(3, municipality=municipality, sector=health)
    OrganisationFactory(municipality=municipality)  # youth welfare
    return municipality


def test_home_lists_municipalities_with_type_and_state(
    client, municipality, other_municipality
):
    response = client.get("/")
    assert response.status_code == 200
    page = html(response)
    assert 'href="/musterstadt/"' in page and 'href="/nachbarstadt/"' in page
    assert "Nordrhein-Westfalen" in page
    assert "kreisfreie Stadt" in page


def test_home_leads_a_signed_in_member_to_their_staff_area(
    client, municipality, other_municipality, coordinator
):
    # After the login a coordinator lands on this list: the way to their own
    # staff area must not be two clicks through the public pages.
    anonymous = html(client.get("/"))
    client.force_login(coordinator)

    page = html(client.get("/"))

    assert 'href="/musterstadt/intern/"' in page
    assert "Interner Bereich von Musterstadt" in page
    assert 'href="/nachbarstadt/intern/"' not in page
    assert "Interner Bereich" not in anonymous


def test_home_redirects_to_the_only_municipality(client, municipality):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/musterstadt/"


def test_home_without_municipalities_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Es wurde noch keine Kommune eingerichtet." in html(response)


def test_start_page_shows_facts_districts_and_sector_counts(client, city):
    response = client.get(reverse("core:municipality", args=[city.slug]))
    assert response.status_code == 200
    page = html(response)
    assert "<h1>Musterstadt</h1>" in page
    assert city.ags in page
    for name in ("Nord", "Süd", "Altstadt", "Hafen", "Südpark"):
        assert name in page
    # Public aggregate: organisations per sector, largest first.
    health_row = page.index("Gesundheitswesen")
    youth_row = page.index("Kinder- und Jugendhilfe", health_row)
    assert health_row < youth_row
    assert re.search(r"Gesundheitswesen</th><td class=\"numeric\">3<", page)


def test_start_page_map_is_an_accessible_svg(client, city):
    page = html(client.get(reverse("core:municipality", args=[city.slug])))
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert 'aria-labelledby="district-map-title district-map-desc"' in svg
    assert 'id="district-map-title"' in svg
    # One filled path per leaf district, each with a tooltip title.
    assert svg.count("<title>") == 3
    assert "Altstadt (0101) – Nord" in svg
    # The legend table beside the map names the top-level areas.
    legend = page[page.index('class="table legend"') :]
    assert "Nord" in legend and "Süd" in legend


def test_start_page_without_districts_or_organisations(client, municipality):
    response = client.get(reverse("core:municipality", args=[municipality.slug]))
    page = html(response)
    assert response.status_code == 200
    assert "<svg" not in page
    assert "Es wurden noch keine Sozialräume eingetragen." in page


def test_unknown_municipality_is_404_in_the_layout(client, municipality):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    page = html(response)
    assert "Seite nicht gefunden" in page
    assert 'class="skip-link"' in page


def test_public_pages_accept_no_writes(client, municipality, other_municipality):
    assert client.post("/").status_code == 405
    assert client.post("/musterstadt/").status_code == 405


def test_layout_has_landmarks_skip_link_and_language(client, municipality):
    page = html(client.get("/musterstadt/"))
    assert '<html lang="de"' in page
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page
    assert "<header" in page and "<footer" in page and "<nav" in page
    assert "<title>Startseite · Musterstadt · kette</title>" in page
    # The language switcher is a plain form: no JavaScript needed.
    assert 'action="/i18n/setlang/"' in page
    assert 'name="next" value="/musterstadt/"' in page
    assert "<script" not in page


def test_english_with_the_language_cookie(client, municipality):
    client.cookies["django_language"] = "en"
    page = html(client.get("/musterstadt/"))
    assert '<html lang="en"' in page
    assert "Skip to main content" in page
    assert "Districts" in page


def test_language_switcher_sets_the_cookie_and_returns(client, municipality):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/musterstadt/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/musterstadt/"
    assert client.cookies["django_language"].value == "en"
    assert "Skip to main content" in html(client.get("/musterstadt/"))


def test_anonymous_header_offers_login_with_return_address(client, municipality):
    page = html(client.get("/musterstadt/"))
    assert 'href="/anmelden/?next=/musterstadt/"' in page
    assert "Interner Bereich" not in page


def test_member_header_links_to_staff_area_and_logs_out_by_post(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    page = html(client.get("/musterstadt/"))
    assert 'href="/musterstadt/intern/"' in page
    assert re.search(r'<form method="post" action="/abmelden/"', page)


def test_stylesheet_has_focus_and_print_styles():
    from django.contrib.staticfiles import finders

    css = open(finders.find("kette/kette.css"), encoding="utf-8").read()
    assert ":focus-visible" in css
    assert "@media print" in css
    assert 'content: " (" attr(href) ")"' in css


def test_district_map_projects_into_the_viewbox(municipality):
    wide = DistrictFactory(
        municipality=municipality, code="A", geometry=square(6.8, 51.4, 0.1)
    )
    districts = [wide]
    result = district_map(districts, width=400)
    assert result is not None
    # A square in degrees is narrower than tall at 51°N: cos(51.45°) ≈ 0.62.
    assert result.width == 400
    assert 600 < result.height < 680
    numbers = [float(n) for n in re.findall(r"[\d.]+", result.shapes[0].path)]
    assert min(numbers) >= 0 and max(numbers) <= result.height
    assert result.shapes[0].colour == PALETTE[0]


def test_district_map_colours_leaves_by_their_top_district(city):
    districts = list(District.objects.filter(municipality=city))
    result = district_map(districts)
    colours = {shape.code: shape.colour for shape in result.shapes}
    assert set(colours) == {"0101", "0102", "0201"}
    assert colours["0101"] == colours["0102"] != colours["0201"]
    assert [entry.name for entry in result.legend] == ["Nord", "Süd"]
    assert len(result.outlines) == 2 and len(result.labels) == 2


def test_district_map_without_geometry_is_none():
    district = SimpleNamespace(pk=1, parent_id=None, code="X", name="X", geometry=None)
    assert district_map([district]) is None


def test_the_500_page_renders_without_a_request():
    from django.template import loader

    # Django's server_error handler renders 500.html without any context.
    page = loader.get_template("500.html").render()
    assert "Etwas ist schiefgegangen" in page
    assert '<main id="main"' in page


def test_home_leads_the_state_admin_to_the_state_balance_and_quality(
    client, municipality, other_municipality, state_admin, coordinator
):
    client.force_login(state_admin)
    page = html(client.get("/"))
    assert "Über alle Kommunen" in page
    assert 'href="/kommunen/ziele/bilanz/"' in page
    assert 'href="/kommunen/ziele/qualitaet/"' in page
    client.force_login(coordinator)
    assert "/kommunen/ziele/" not in html(client.get("/"))
