"""Loads newsgraph's exports in the clients analysts and scripts use and
prints what each saw, as JSON, for tests/interop.rs to check.

    python tests/interop.py GRAPH.graphml GRAPH.json
"""
import json
import sys

import igraph
import networkx as nx


def main():
    graphml, js = sys.argv[1], sys.argv[2]
    with open(js, encoding="utf-8") as f:
        data = json.load(f)
    from_json = nx.node_link_graph(data, edges="edges")
    from_graphml = nx.read_graphml(graphml)
    from_igraph = igraph.Graph.Read_GraphML(graphml)
    labels_json = {n: d["label"] for n, d in from_json.nodes(data=True)}
    labels_graphml = {n: d["label"] for n, d in from_graphml.nodes(data=True)}
    kinds = sorted({d["kind"] for _, _, d in from_graphml.edges(data=True)})
    weights_are_floats = all(isinstance(d["weight"], float) for _, _, d in from_graphml.edges(data=True))
    print(json.dumps({
        "networkx_json": [from_json.number_of_nodes(), from_json.number_of_edges()],
        "networkx_graphml": [from_graphml.number_of_nodes(), from_graphml.number_of_edges()],
        "igraph_graphml": [from_igraph.vcount(), from_igraph.ecount()],
        "labels_agree": labels_json == labels_graphml,
        "igraph_labels": sorted(from_igraph.vs["label"]) == sorted(labels_json.values()),
        "edge_kinds": kinds,
        "weights_are_floats": weights_are_floats,
    }))


if __name__ == "__main__":
    main()
