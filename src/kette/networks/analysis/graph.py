"""The two-mode network organisations × bodies, its projections, centrality
and each body's cross-sector mix (number of sectors, Krackhardt E-I index).

networkx does the graph work (bipartite graph, projections, degree and
betweenness centrality, layouts, GraphML/GEXF); the projections' degrees at
scale come from the same sparse product as the overlap. Definitions:
docs/networks.md, section "Analysis".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx
import numpy as np
from networkx.algorithms import bipartite

from kette.core.models import Municipality

from .data import Snapshot, organisation_names, sector_labels, snapshot

BODY, ORGANISATION = "body", "organisation"
#: Above this many nodes betweenness is estimated from a sample of sources.
EXACT_BETWEENNESS_NODES = 500
#: The sample's size is chosen so that about this many edges are walked.
BETWEENNESS_EDGE_BUDGET = 1_000_000
#: ... but never fewer sources than this.
MIN_SAMPLE = 10
SAMPLE_SEED = 13


def body_key(pk: int) -> str:
    return f"b{pk}"


def organisation_key(pk: int) -> str:
    return f"o{pk}"


def two_mode_graph(data: Snapshot, names: dict[int, str] | None = None) -> nx.Graph:
    """Bodies (``bipartite=0``) and organisations (``bipartite=1``), an edge
    where an organisation sits in a body on the day. Every node has ``label``
    and ``kind``; organisations also ``sector`` (a label, or "")."""
    organisations = data.organisation_matrix().tocoo()
    if names is None:
        names = organisation_names(data.organisation_ids.tolist())
    sectors = sector_labels()
    graph = nx.Graph()
    graph.add_nodes_from(
        (body_key(int(pk)), {"label": name, "kind": BODY, "bipartite": 0})
        for pk, name in zip(data.body_ids.tolist(), data.body_names, strict=True)
    )
    graph.add_nodes_from(
        (
            organisation_key(pk),
            {
                "label": names.get(pk, ""),
                "kind": ORGANISATION,
                "bipartite": 1,
                "sector": sectors.get(sector, ""),
            },
        )
        for pk, sector in zip(
            data.organisation_ids.tolist(),
            data.organisation_sectors.tolist(),
            strict=True,
        )
    )
    graph.add_edges_from(
        zip(
            [body_key(int(data.body_ids[b])) for b in organisations.row.tolist()],
            [
                organisation_key(int(data.organisation_ids[o]))
                for o in organisations.col.tolist()
            ],
            strict=True,
        )
    )
    return graph


def projection(graph: nx.Graph, kind: str) -> nx.Graph:
    """Bodies linked by shared organisations, or organisations by shared
    bodies; ``weight``: how many they share."""
    nodes = [node for node, k in graph.nodes(data="kind") if k == kind]
    projected = bipartite.weighted_projected_graph(graph, nodes)
    for node in projected:
        projected.nodes[node].pop("bipartite", None)
    return projected


@dataclass(frozen=True)
class NodeRow:
    key: str
    kind: str
    label: str
    sector: str
    degree: int  # neighbours in the two-mode graph
    degree_centrality: float  # degree / size of the other mode
    betweenness: float  # in the two-mode graph, normalised
    partners: int  # neighbours in its projection


@dataclass(frozen=True)
class SectorMix:
    key: str  # the body's node
    body: str
    organisations: int
    sectors: int
    ei_index: float | None  # None: fewer than two organisations


@dataclass
class GraphReport:
    on: dt.date
    graph: nx.Graph
    nodes: list[NodeRow]  # bodies first, each by betweenness
    mix: list[SectorMix]
    approximate: bool  # betweenness estimated from a sample of sources
    sample: int  # the number of sources sampled (all nodes when exact)


def betweenness(graph: nx.Graph) -> tuple[dict[str, float], bool, int]:
    """Normalised betweenness centrality: exact up to
    ``EXACT_BETWEENNESS_NODES`` nodes, above that estimated (networkx's
    ``k`` sample of source nodes, fixed seed)."""
    nodes = graph.number_of_nodes()
    if nodes <= EXACT_BETWEENNESS_NODES:
        return nx.betweenness_centrality(graph), False, nodes
    sample = max(
        MIN_SAMPLE,
        min(nodes, BETWEENNESS_EDGE_BUDGET // max(graph.number_of_edges(), 1)),
    )
    if sample >= nodes:
        return nx.betweenness_centrality(graph), False, nodes
    result = nx.betweenness_centrality(graph, k=sample, seed=SAMPLE_SEED)
    return result, True, sample


def projection_degrees(data: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """How many other bodies each body shares an organisation with, and how
    many other organisations each organisation shares a body with (the
    projections' degrees, from the sparse co-membership products)."""
    matrix = data.organisation_matrix()
    bodies = (matrix @ matrix.T).tocsr()
    organisations = (matrix.T @ matrix).tocsr()
    return (
        np.diff(bodies.indptr) - (bodies.diagonal() > 0),
        np.diff(organisations.indptr) - (organisations.diagonal() > 0),
    )


def sector_mix(data: Snapshot) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per body: its organisations, their distinct sectors, and the
    Krackhardt E-I index over the pairs of its organisations (NaN below two).

    Each pair of organisations in a body is one tie; a tie is internal when
    both are of the same sector, external otherwise; E-I = (E − I) / (E + I).
    An organisation without a sector is a sector of its own.
    """
    matrix = data.organisation_matrix().tocoo()
    body, organisation = matrix.row.astype(np.int64), matrix.col.astype(np.int64)
    sector = data.organisation_sectors[organisation]
    # Organisations without a sector: each a sector of its own (negative ids).
    sector = np.where(sector >= 0, sector, -1 - organisation)
    size = np.bincount(body, minlength=data.body_count)
    groups, per_group = np.unique(np.stack([body, sector]), axis=1, return_counts=True)
    internal = np.bincount(
        groups[0], weights=per_group * (per_group - 1) / 2, minlength=data.body_count
    )
    sectors = np.bincount(groups[0], minlength=data.body_count)
    ties = size * (size - 1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        ei = np.where(ties > 0, (ties - 2 * internal) / ties, np.nan)
    return size, sectors, ei


def graph_report(
    municipality: Municipality, *, on: dt.date | None = None
) -> GraphReport:
    """The two-mode graph on the day with every node's metrics and every
    body's cross-sector mix."""
    data = snapshot(municipality, on)
    graph = two_mode_graph(data)
    between, approximate, sample = betweenness(graph)
    body_partners, organisation_partners = projection_degrees(data)
    partners = {
        body_key(int(pk)): int(n)
        for pk, n in zip(data.body_ids.tolist(), body_partners.tolist(), strict=True)
    } | {
        organisation_key(int(pk)): int(n)
        for pk, n in zip(
            data.organisation_ids.tolist(), organisation_partners.tolist(), strict=True
        )
    }
    bodies = {n for n, kind in graph.nodes(data="kind") if kind == BODY}
    # networkx divides by the size of each mode: nothing to measure when one
    # mode is empty (no bodies, or no organisation in any).
    centrality = (
        bipartite.degree_centrality(graph, bodies)
        if bodies and len(bodies) < graph.number_of_nodes()
        else dict.fromkeys(graph, 0.0)
    )
    nodes = sorted(
        (
            NodeRow(
                key=node,
                kind=attributes["kind"],
                label=attributes["label"],
                sector=attributes.get("sector", ""),
                degree=graph.degree[node],
                degree_centrality=centrality[node],
                betweenness=between[node],
                partners=partners[node],
            )
            for node, attributes in graph.nodes(data=True)
        ),
        key=lambda row: (row.kind != BODY, -row.betweenness, -row.degree, row.label),
    )
    size, sectors, ei = sector_mix(data)
    mix = [
        SectorMix(
            key=body_key(int(pk)),
            body=name,
            organisations=int(size[n]),
            sectors=int(sectors[n]),
            ei_index=None if np.isnan(ei[n]) else float(ei[n]),
        )
        for n, (pk, name) in enumerate(
            zip(data.body_ids.tolist(), data.body_names, strict=True)
        )
    ]
    return GraphReport(
        on=data.on,
        graph=graph,
        nodes=nodes,
        mix=mix,
        approximate=approximate,
        sample=sample,
    )
