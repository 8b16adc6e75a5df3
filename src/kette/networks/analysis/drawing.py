"""The two-mode graph as picture data: a networkx layout computed on the
server, scaled into an SVG viewBox; the template
``kette_networks/includes/network_picture.html`` turns it into markup."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kette.core.svg import PALETTE

from .graph import BODY

#: Larger graphs are not drawn (unreadable); the table and the exports remain.
MAX_DRAWN_NODES = 150
WIDTH, HEIGHT, PAD = 1000, 720, 70
LABEL_CHARACTERS = 30


@dataclass(frozen=True)
class PictureNode:
    x: float
    y: float
    label: str  # shortened for the picture
    full_label: str
    is_body: bool
    colour: str
    sector: str


@dataclass(frozen=True)
class PictureEdge:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SectorColour:
    sector: str
    colour: str


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: list[PictureNode]
    edges: list[PictureEdge]
    legend: list[SectorColour]
    bodies: int
    organisations: int

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _short(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def picture(graph: nx.Graph) -> Picture | None:
    """Positions of the graph's nodes and edges (Kamada-Kawai layout, which
    needs no random start), or None when there is nothing or too much to draw."""
    if not 0 < graph.number_of_nodes() <= MAX_DRAWN_NODES:
        return None
    layout = (
        nx.kamada_kawai_layout(graph)
        if graph.number_of_nodes() > 2
        else nx.circular_layout(graph)
    )
    xs = [float(x) for x, _ in layout.values()]
    ys = [float(y) for _, y in layout.values()]
    span_x = max(max(xs) - min(xs), 1e-9)
    span_y = max(max(ys) - min(ys), 1e-9)

    def place(node: str) -> tuple[float, float]:
        x, y = layout[node]
        return (
            round(PAD + (float(x) - min(xs)) / span_x * (WIDTH - 2 * PAD), 1),
            round(PAD / 2 + (float(y) - min(ys)) / span_y * (HEIGHT - PAD), 1),
        )

    sectors = sorted(
        {sector for _, sector in graph.nodes(data="sector") if sector is not None}
    )
    colours = {sector: PALETTE[n % len(PALETTE)] for n, sector in enumerate(sectors)}
    nodes = []
    for node, attributes in graph.nodes(data=True):
        x, y = place(node)
        is_body = attributes["kind"] == BODY
        sector = attributes.get("sector", "")
        nodes.append(
            PictureNode(
                x=x,
                y=y,
                label=_short(attributes["label"]),
                full_label=attributes["label"],
                is_body=is_body,
                colour="#FFFFFF" if is_body else colours[sector],
                sector=sector,
            )
        )
    edges = [PictureEdge(*place(a), *place(b)) for a, b in graph.edges()]
    # Bodies drawn last, so their labels stay on top.
    nodes.sort(key=lambda node: node.is_body)
    bodies = sum(node.is_body for node in nodes)
    return Picture(
        width=WIDTH,
        height=HEIGHT,
        nodes=nodes,
        edges=edges,
        legend=[SectorColour(sector or "–", colours[sector]) for sector in sectors],
        bodies=bodies,
        organisations=len(nodes) - bodies,
    )
