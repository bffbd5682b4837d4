"""Loads newsgraph's exports in the clients analysts and scripts use and
prints what each saw, as JSON, for tests/interop.rs to check.

    python tests/interop.py DIR NAME

reads DIR/NAME.graphml, DIR/NAME.gexf and DIR/NAME.json; validates the JSON
against docs/graph.schema.json and parses both XML files strictly.
"""
import json
import os
import sys
import xml.etree.ElementTree as ElementTree

import igraph
import jsonschema
import networkx as nx

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "graph.schema.json")


def main():
    folder, name = sys.argv[1], sys.argv[2]
    graphml, gexf, js = (os.path.join(folder, f"{name}.{ext}") for ext in ("graphml", "gexf", "json"))
    for path in (graphml, gexf):
        ElementTree.parse(path)  # raises on anything that is not well-formed XML
    with open(js, encoding="utf-8") as f:
        data = json.load(f)
    with open(SCHEMA, encoding="utf-8") as f:
        jsonschema.validate(data, json.load(f))
    edges_key = "links" if "links" in data else "edges"
    from_json = nx.node_link_graph(data, edges=edges_key)
    from_graphml = nx.read_graphml(graphml)
    from_gexf = nx.read_gexf(gexf)
    from_igraph = igraph.Graph.Read_GraphML(graphml)
    labels_json = {n: d["label"] for n, d in from_json.nodes(data=True)}
    labels_graphml = {n: d["label"] for n, d in from_graphml.nodes(data=True)}
    labels_gexf = {n: d["label"] for n, d in from_gexf.nodes(data=True)}
    visit_spells = [
        len(d.get("spells", [])) == len([x for x in d.get("dates", "").split(";") if x])
        for _, _, d in from_gexf.edges(data=True)
        if d.get("kind") == "visit" and d.get("dates")
    ]
    print(json.dumps({
        "networkx_json": [from_json.number_of_nodes(), from_json.number_of_edges()],
        "networkx_graphml": [from_graphml.number_of_nodes(), from_graphml.number_of_edges()],
        "networkx_gexf": [from_gexf.number_of_nodes(), from_gexf.number_of_edges()],
        "igraph_graphml": [from_igraph.vcount(), from_igraph.ecount()],
        "labels_agree": labels_json == labels_graphml == labels_gexf,
        "igraph_labels": sorted(from_igraph.vs["label"]) == sorted(labels_json.values()),
        "labels": sorted(labels_json.values()),
        "edge_kinds": sorted({d["kind"] for _, _, d in from_graphml.edges(data=True)}),
        "weights_are_floats": all(isinstance(d["weight"], float) for _, _, d in from_graphml.edges(data=True)),
        "visits_with_spells": len(visit_spells),
        "visit_spells_match_dates": all(visit_spells),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
