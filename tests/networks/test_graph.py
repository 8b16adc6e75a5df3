"""The two-mode graph, its projections, centrality, sector mix and exports,
on the hand-counted city of tests/networks/analysis_city.py."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest

from kette.core.models import Sector
from kette.networks.analysis import graph as graph_module
from kette.networks.analysis.data import snapshot
from kette.networks.analysis.drawing import picture
from kette.networks.analysis.exports import (
    BODIES,
    ORGANISATIONS,
    TWO_MODE,
    chosen_graph,
    graph_file,
)
from kette.networks.analysis.graph import graph_report, projection_degrees
from tests.core.factories import OrganisationFactory
from tests.networks.analysis_city import build_city
from tests.networks.factories import make_body, make_member

pytestmark = pytest.mark.django_db


def rows_by_label(report):
    return {row.label: row for row in report.nodes}


def test_degree_and_betweenness_of_the_two_mode_graph(municipality):
    build_city(municipality)
    report = graph_report(municipality)
    rows = rows_by_label(report)
    # AG Frühe Hilfen: Jugendhilfe, Gesundheit, Schule; AK Kita: the first two.
    assert rows["AG Frühe Hilfen"].degree == 3
    assert rows["AK Kita"].degree == 2
    assert rows["Jugendhilfe e.V."].degree == 3
    assert rows["Schule am Park"].degree == 2
    # Bipartite degree centrality: degree / size of the other mode (3).
    assert rows["AK Kita"].degree_centrality == pytest.approx(2 / 3)
    # The six-node graph: exact betweenness (networkx), AG and Jugendhilfe
    # on most shortest paths.
    assert not report.approximate
    assert rows["AG Frühe Hilfen"].betweenness == pytest.approx(1 / 3)
    assert rows["AK Kita"].betweenness == pytest.approx(1 / 12)
    assert report.nodes[0].label == "AG Frühe Hilfen"  # bodies first
    # Projections: every body shares an organisation with both others.
    assert rows["AK Kita"].partners == 2
    assert "Alte Runde" not in rows


def test_projection_degrees_equal_networkx_projections(municipality):
    build_city(municipality)
    data = snapshot(municipality)
    graph = graph_module.two_mode_graph(data)
    bodies, organisations = projection_degrees(data)
    body_projection = chosen_graph(graph, BODIES)
    organisation_projection = chosen_graph(graph, ORGANISATIONS)
    for pk, degree in zip(data.body_ids.tolist(), bodies.tolist(), strict=True):
        assert body_projection.degree[graph_module.body_key(pk)] == degree
    for pk, degree in zip(
        data.organisation_ids.tolist(), organisations.tolist(), strict=True
    ):
        assert organisation_projection.degree[graph_module.organisation_key(pk)] == (
            degree
        )
    # Weights: AK Kita and AG share two organisations.
    kita, fruehe = (graph_module.body_key(pk) for pk in data.body_ids[[1, 0]].tolist())
    assert body_projection[kita][fruehe]["weight"] == 2


def test_sector_mix_and_ei_index_match_a_hand_computed_example(municipality):
    build_city(municipality)
    youth = Sector.objects.get(code="youth-welfare")
    health = Sector.objects.exclude(pk=youth.pk).order_by("position").first()
    body = make_body(municipality, "Runder Tisch")
    for name, sector in (("A", youth), ("B", youth), ("C", health)):
        organisation = OrganisationFactory(
            municipality=municipality, name=f"Träger {name}", sector=sector
        )
        make_member(body, organisation=organisation)
    # A second row of the same organisation counts once.
    make_member(body, organisation=organisation)
    mix = {row.body: row for row in graph_report(municipality).mix}
    # Ties A–B internal; A–C, B–C external: (2 − 1) / 3.
    assert mix["Runder Tisch"].organisations == 3
    assert mix["Runder Tisch"].sectors == 2
    assert mix["Runder Tisch"].ei_index == pytest.approx(1 / 3)
    # Three organisations of three sectors: all ties external.
    assert mix["AG Frühe Hilfen"].ei_index == pytest.approx(1)
    lonely = make_body(municipality, "Ein Träger")
    make_member(lonely, organisation=organisation)
    mix = {row.body: row for row in graph_report(municipality).mix}
    assert mix["Ein Träger"].ei_index is None
    assert mix["Ein Träger"].sectors == 1


def test_all_internal_ties_give_minus_one(municipality):
    youth = Sector.objects.get(code="youth-welfare")
    body = make_body(municipality, "Jugendhilfeausschuss-AG")
    for name in ("A", "B"):
        make_member(
            body,
            organisation=OrganisationFactory(
                municipality=municipality, name=name, sector=youth
            ),
        )
    (row,) = graph_report(municipality).mix
    assert row.ei_index == pytest.approx(-1)


def test_large_graphs_estimate_betweenness_from_a_sample(municipality, monkeypatch):
    build_city(municipality)
    monkeypatch.setattr(graph_module, "EXACT_BETWEENNESS_NODES", 2)
    monkeypatch.setattr(graph_module, "BETWEENNESS_EDGE_BUDGET", 7 * 2)
    monkeypatch.setattr(graph_module, "MIN_SAMPLE", 1)
    report = graph_report(municipality)
    assert report.approximate
    assert report.sample == 2
    # Below the limit again: exact, over all nodes.
    monkeypatch.setattr(graph_module, "EXACT_BETWEENNESS_NODES", 500)
    assert graph_report(municipality).sample == 6


@pytest.mark.parametrize("which", [TWO_MODE, ORGANISATIONS, BODIES])
def test_exports_read_back_into_the_same_graph(municipality, which):
    build_city(municipality)
    graph = chosen_graph(graph_report(municipality).graph, which)
    graphml = nx.read_graphml(io.BytesIO(graph_file(graph, "graphml")))
    gexf = nx.read_gexf(io.BytesIO(graph_file(graph, "gexf")))
    for copy in (graphml, gexf):
        assert set(copy.nodes) == set(graph.nodes)
        assert {frozenset(edge) for edge in copy.edges} == {
            frozenset(edge) for edge in graph.edges
        }
    assert graphml.nodes[next(iter(graph.nodes))]["label"]
    text = graph_file(graph, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    from_csv = nx.from_edgelist((row["Source"], row["Target"]) for row in rows)
    assert {frozenset(edge) for edge in from_csv.edges} == {
        frozenset(edge) for edge in graph.edges
    }
    if which != TWO_MODE:
        weights = {
            frozenset((row["Source"], row["Target"])): int(row["Weight"])
            for row in rows
        }
        assert weights == {
            frozenset((a, b)): w for a, b, w in graph.edges(data="weight")
        }


def test_the_picture_places_every_node_inside_the_view(municipality):
    build_city(municipality)
    drawing = picture(graph_report(municipality).graph)
    assert (drawing.bodies, drawing.organisations) == (3, 3)
    assert len(drawing.edges) == 7
    for node in drawing.nodes:
        assert 0 <= node.x <= drawing.width and 0 <= node.y <= drawing.height
    assert [entry.sector for entry in drawing.legend] == sorted(
        entry.sector for entry in drawing.legend
    )
    assert picture(nx.Graph()) is None
