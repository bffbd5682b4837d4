//! GraphML, for Gephi, NetworkX and igraph.
//!
//! Every `<key>` comes before `<graph>`, its `id` equal to its `attr.name`,
//! except that an edge key named like a node key is `edge_<name>`: GraphML
//! wants every key's `id` unique, whatever it is for.
//! Nodes carry `label`, `entity_type`, `aliases` and `titles` (lists joined
//! with `;`), `mentions` (int), `documents`, `confidence` (double),
//! `first_seen`, `last_seen`, `roles` (`title@place first..last`, `;`-joined)
//! `date` (events), and Gephi's display keys `x`, `y`, `size` (by mentions)
//! and `color` (`#RRGGBB` by entity type); edges carry `kind`, `weight` (double), `dates`
//! (visits, `;`-joined), `confidence` (double), `evidence_count` (int) and
//! `evidence` (the first sentence). Each `<edge>` also has
//! `label="<kind>"`, which Gephi reads as the edge type so that a visit and a
//! co-occurrence between the same two nodes stay two edges. The graph is
//! undirected throughout (a visit's source is still the official), since
//! NetworkX and igraph reject files that mix directions. Text goes through
//! one path, [`super::text`]: XML-illegal characters dropped, then escaped.

use std::io::{self, Write};

use super::{join, text};
use crate::graph::CorpusGraph;
use crate::layout::{Position, color, size};

const NODE_KEYS: &[(&str, &str)] = &[
    ("label", "string"),
    ("entity_type", "string"),
    ("aliases", "string"),
    ("titles", "string"),
    ("mentions", "int"),
    ("documents", "string"),
    ("confidence", "double"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("roles", "string"),
    ("date", "string"),
    ("x", "double"),
    ("y", "double"),
    ("size", "double"),
    ("color", "string"),
];
/// Edge keys as `(id, attr.name, attr.type)`.
const EDGE_KEYS: &[(&str, &str, &str)] = &[
    ("kind", "kind", "string"),
    ("weight", "weight", "double"),
    ("dates", "dates", "string"),
    ("edge_confidence", "confidence", "double"),
    ("evidence_count", "evidence_count", "int"),
    ("evidence", "evidence", "string"),
];

/// Writes `graph` as GraphML, nodes placed at `positions` (in node order).
pub fn write(graph: &CorpusGraph, positions: &[Position], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (name, ty) in NODE_KEYS {
        writeln!(out, r#"  <key id="{name}" for="node" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    for (id, name, ty) in EDGE_KEYS {
        writeln!(out, r#"  <key id="{id}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    writeln!(out, r#"  <graph id="newsgraph" edgedefault="undirected">"#)?;
    for (n, p) in graph.nodes().zip(positions) {
        writeln!(out, r#"    <node id="{}">"#, text(&n.id))?;
        data(out, "label", &text(&n.label))?;
        data(out, "entity_type", n.entity_type.as_str())?;
        data(out, "aliases", &text(&join(n.aliases.iter())))?;
        data(out, "titles", &text(&join(n.titles.iter())))?;
        data(out, "mentions", &n.mentions.to_string())?;
        data(out, "documents", &text(&join(n.documents.iter())))?;
        data(out, "confidence", &format!("{:.3}", n.confidence))?;
        data(out, "first_seen", n.first_seen.as_deref().unwrap_or(""))?;
        data(out, "last_seen", n.last_seen.as_deref().unwrap_or(""))?;
        let roles: Vec<String> = n
            .roles()
            .map(|r| {
                let place = r.place.map(|p| format!("@{p}")).unwrap_or_default();
                format!("{}{place} {}..{}", r.title, r.first_seen.unwrap_or(""), r.last_seen.unwrap_or(""))
            })
            .collect();
        data(out, "roles", &text(&roles.join(";")))?;
        data(out, "date", n.date().unwrap_or(""))?;
        data(out, "x", &p.x.to_string())?;
        data(out, "y", &p.y.to_string())?;
        data(out, "size", &size(n.mentions).to_string())?;
        data(out, "color", color(n.entity_type))?;
        writeln!(out, "    </node>")?;
    }
    for (s, t, e) in graph.edges() {
        writeln!(
            out,
            r#"    <edge id="{}" source="{}" target="{}" label="{}">"#,
            text(&e.id),
            text(&s.id),
            text(&t.id),
            e.kind.as_str()
        )?;
        data(out, "kind", e.kind.as_str())?;
        data(out, "weight", &format!("{:.1}", e.weight as f64))?;
        let dates: Vec<String> = e.dates.iter().map(|d| d.to_string()).collect();
        data(out, "dates", &dates.join(";"))?;
        data(out, "edge_confidence", &format!("{:.3}", e.confidence))?;
        data(out, "evidence_count", &e.weight.to_string())?;
        let first = e.evidence.first().map(|ev| format!("{}: {}", ev.doc, ev.sentence)).unwrap_or_default();
        data(out, "evidence", &text(&first))?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn data(out: &mut impl Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(out, r#"      <data key="{key}">{value}</data>"#)
}
