"""The graphs as files: GraphML and GEXF (networkx's writers) and a CSV
edge list (source, target, their labels, weight)."""

from __future__ import annotations

import csv
import io

import networkx as nx

from .graph import BODY, ORGANISATION, projection

TWO_MODE, ORGANISATIONS, BODIES = "zweimodal", "organisationen", "gremien"
GRAPHS = (TWO_MODE, ORGANISATIONS, BODIES)
FORMATS = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "text/csv; charset=utf-8",
}


def chosen_graph(graph: nx.Graph, which: str) -> nx.Graph:
    """The two-mode graph, or one of its projections."""
    if which == ORGANISATIONS:
        return projection(graph, ORGANISATION)
    if which == BODIES:
        return projection(graph, BODY)
    return graph


def graph_file(graph: nx.Graph, file_format: str) -> bytes:
    """The graph in the format (``graphml``, ``gexf`` or ``csv``)."""
    if file_format == "csv":
        return edge_list_csv(graph)
    buffer = io.BytesIO()
    if file_format == "graphml":
        nx.write_graphml(graph, buffer)
    elif file_format == "gexf":
        nx.write_gexf(graph, buffer)
    else:
        raise ValueError(file_format)
    return buffer.getvalue()


def edge_list_csv(graph: nx.Graph) -> bytes:
    """One row per edge (node keys: ``b<id>`` bodies, ``o<id>`` organisations);
    weight 1 in the two-mode graph, the number shared in a projection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # Gephi's column names (Source, Target, Weight), then the nodes' names.
    writer.writerow(["Source", "Target", "Weight", "Source label", "Target label"])
    for source, target, weight in graph.edges(data="weight", default=1):
        writer.writerow(
            [
                source,
                target,
                weight,
                graph.nodes[source].get("label", ""),
                graph.nodes[target].get("label", ""),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")
