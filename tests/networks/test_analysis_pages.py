"""The analysis pages (overlap, load, network picture) and their downloads:
who may see them, what they show, and that only the own municipality's
bodies are read."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from django.urls import reverse

from kette.core.models import Role
from tests.core.factories import user_with_role
from tests.networks.analysis_city import build_city

pytestmark = pytest.mark.django_db

PAGES = ("analysis_overlap", "analysis_load", "analysis_graph", "analysis_graphml")


def url(name: str, slug: str = "musterstadt") -> str:
    return reverse(f"networks:{name}", args=[slug])


@pytest.fixture
def city(municipality):
    return build_city(municipality)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PLANNER])
def test_coordinators_and_planners_see_every_page(city, municipality, client, role):
    client.force_login(user_with_role(municipality, role))
    for name in PAGES:
        assert client.get(url(name)).status_code == 200, name


def test_the_state_admin_sees_the_pages(city, client, state_admin):
    client.force_login(state_admin)
    assert client.get(url("analysis_overlap")).status_code == 200


@pytest.mark.parametrize("role", [Role.NETWORK_LEAD, Role.PROVIDER_EDITOR])
def test_other_roles_are_refused(city, municipality, client, role):
    client.force_login(user_with_role(municipality, role))
    for name in PAGES:
        assert client.get(url(name)).status_code == 403, name


def test_anonymous_visitors_are_sent_to_the_login(city, client):
    response = client.get(url("analysis_graph"))
    assert response.status_code == 302
    assert "anmelden" in response["Location"] or "login" in response["Location"]


def test_another_municipalitys_coordinator_neither_reads_nor_sees_the_bodies(
    city, other_municipality, client
):
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    client.force_login(stranger)
    for name in PAGES:
        assert client.get(url(name)).status_code == 403, name
    # Their own pages show none of Musterstadt's bodies.
    for name in PAGES:
        response = client.get(url(name, "nachbarstadt"))
        assert response.status_code == 200
        assert b"AK Kita" not in response.content, name


def test_the_overlap_page_flags_a_parallel_structure_with_its_evidence(
    city, client, coordinator
):
    client.force_login(coordinator)
    page = client.get(url("analysis_overlap")).content.decode()
    assert "mögliche Parallelstruktur" in page
    assert "Anna, Ben, Cem" in page
    assert "Gesundheit gGmbH, Jugendhilfe e.V." in page
    assert "Sprache" in page
    assert page.count("overlap-table__flagged") == 1
    looser = client.get(url("analysis_overlap"), {"schwelle": "0.8", "mindestens": "2"})
    assert looser.content.decode().count("overlap-table__flagged") == 2


def test_bad_settings_show_a_message_on_the_field(city, client, coordinator):
    client.force_login(coordinator)
    response = client.get(url("analysis_overlap"), {"schwelle": "3", "am": "gestern"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "field--invalid" in page
    assert "overlap-table" not in page


def test_the_load_page_lists_who_sits_in_the_most_bodies(city, client, coordinator):
    client.force_login(coordinator)
    page = client.get(url("analysis_load")).content.decode()
    assert "AG Frühe Hilfen, AK Kita, Stadtteilkonferenz Nord" in page
    assert "Jugendhilfe e.V." in page
    assert "Mitglieder je Gremium am Jahresende" in page


def test_the_graph_page_draws_the_network_with_a_table_alternative(
    city, client, coordinator
):
    client.force_login(coordinator)
    page = client.get(url("analysis_graph")).content.decode()
    assert '<svg class="network-picture__svg"' in page
    assert 'aria-labelledby="network-picture-title network-picture-desc"' in page
    assert page.count('<rect class="network-picture__body"') == 3
    assert page.count('<circle class="network-picture__organisation"') == 3
    assert "E-I-Index" in page
    assert "?netz=gremien" in page


def test_downloads_hold_the_graph(city, client, coordinator):
    client.force_login(coordinator)
    graphml = client.get(url("analysis_graphml"))
    assert graphml["Content-Disposition"].startswith(
        'attachment; filename="netzwerk-musterstadt-zweimodal-'
    )
    graph = nx.read_graphml(io.BytesIO(graphml.content))
    assert graph.number_of_nodes() == 6 and graph.number_of_edges() == 7
    gexf = client.get(url("analysis_gexf"), {"netz": "organisationen"})
    assert nx.read_gexf(io.BytesIO(gexf.content)).number_of_nodes() == 3
    edges = client.get(url("analysis_csv"), {"netz": "gremien"})
    rows = list(csv.DictReader(io.StringIO(edges.content.decode("utf-8-sig"))))
    assert sorted(int(row["Weight"]) for row in rows) == [1, 2, 2]
    assert client.get(url("analysis_csv"), {"netz": "alles"}).status_code == 404


def test_a_download_at_an_earlier_date_reads_that_day(city, client, coordinator):
    client.force_login(coordinator)
    response = client.get(url("analysis_graphml"), {"am": "2000-01-01"})
    assert nx.read_graphml(io.BytesIO(response.content)).number_of_edges() == 0


def test_the_registry_links_to_the_analysis_for_those_who_may_see_it(
    city, municipality, client, coordinator
):
    registry = reverse("networks:body_list", args=["musterstadt"])
    client.force_login(coordinator)
    assert url("analysis_overlap") in client.get(registry).content.decode()
    client.force_login(user_with_role(municipality, Role.NETWORK_LEAD))
    page = client.get(registry)
    assert page.status_code == 200
    assert url("analysis_overlap") not in page.content.decode()
