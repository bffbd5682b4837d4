//! GEXF 1.3, for Gephi's timeline.
//!
//! `<graph mode="dynamic" timeformat="date">`: every visit edge carries one
//! `<spell>` per visit date, every co-occurrence edge one spell from the first
//! to the last day it was stated (a month or year where only the publication
//! date is known). Gephi Lite and graphology ignore dynamics, so the same
//! dates are also plain attributes (`dates`, `first_date`, `last_date`).
//! Nodes carry the viz namespace's colour, position and size, and the same
//! attributes as in GraphML, declared with their types. Edges carry their
//! kind both as an attribute and as the GEXF 1.3 edge `kind`, which keeps a
//! visit and a co-occurrence between the same two nodes apart.

use std::io::{self, Write};

use super::{join, text};
use crate::date::days_covered;
use crate::graph::CorpusGraph;
use crate::layout::{Position, color, size};
use crate::relate::RelationKind;

const NODE_ATTRIBUTES: &[(&str, &str)] = &[
    ("entity_type", "string"),
    ("aliases", "string"),
    ("titles", "string"),
    ("mentions", "integer"),
    ("documents", "string"),
    ("confidence", "double"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("date", "string"),
];
const EDGE_ATTRIBUTES: &[(&str, &str)] = &[
    ("kind", "string"),
    ("dates", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("confidence", "double"),
    ("evidence_count", "integer"),
    ("evidence", "string"),
];

/// Writes `graph` as GEXF 1.3, nodes placed at `positions` (in node order).
pub fn write(graph: &CorpusGraph, positions: &[Position], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(out, "  <meta>\n    <creator>newsgraph</creator>\n  </meta>")?;
    writeln!(out, r#"  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">"#)?;
    for (class, attributes) in [("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)] {
        writeln!(out, r#"    <attributes class="{class}" mode="static">"#)?;
        for (name, ty) in attributes {
            writeln!(out, r#"      <attribute id="{name}" title="{name}" type="{ty}"/>"#)?;
        }
        writeln!(out, "    </attributes>")?;
    }
    writeln!(out, "    <nodes>")?;
    for (n, p) in graph.nodes().zip(positions) {
        writeln!(out, r#"      <node id="{}" label="{}">"#, text(&n.id), text(&n.label))?;
        writeln!(out, "        <attvalues>")?;
        attvalue(out, "entity_type", n.entity_type.as_str())?;
        attvalue(out, "aliases", &text(&join(n.aliases.iter())))?;
        attvalue(out, "titles", &text(&join(n.titles.iter())))?;
        attvalue(out, "mentions", &n.mentions.to_string())?;
        attvalue(out, "documents", &text(&join(n.documents.iter())))?;
        attvalue(out, "confidence", &format!("{:.3}", n.confidence))?;
        attvalue(out, "first_seen", n.first_seen.as_deref().unwrap_or(""))?;
        attvalue(out, "last_seen", n.last_seen.as_deref().unwrap_or(""))?;
        attvalue(out, "date", n.date().unwrap_or(""))?;
        writeln!(out, "        </attvalues>")?;
        let hex = color(n.entity_type);
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
        writeln!(out, r#"        <viz:color r="{}" g="{}" b="{}"/>"#, channel(1), channel(3), channel(5))?;
        writeln!(out, r#"        <viz:position x="{}" y="{}" z="0.0"/>"#, p.x, p.y)?;
        writeln!(out, r#"        <viz:size value="{}"/>"#, size(n.mentions))?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for (s, t, e) in graph.edges() {
        writeln!(
            out,
            r#"      <edge id="{}" source="{}" target="{}" kind="{kind}" label="{kind}" weight="{:.1}">"#,
            text(&e.id),
            text(&s.id),
            text(&t.id),
            e.weight as f64,
            kind = e.kind.as_str()
        )?;
        let spells: Vec<(String, String)> = match e.kind {
            RelationKind::Visit if !e.dates.is_empty() => {
                e.dates.iter().map(|d| (d.to_string(), d.to_string())).collect()
            }
            _ => {
                let first = e.first_seen.as_deref().and_then(days_covered);
                let last = e.last_seen.as_deref().and_then(days_covered);
                first.zip(last).map(|(f, l)| (f.0.to_string(), l.1.to_string())).into_iter().collect()
            }
        };
        writeln!(out, "        <attvalues>")?;
        attvalue(out, "kind", e.kind.as_str())?;
        let dates: Vec<String> = e.dates.iter().map(|d| d.to_string()).collect();
        attvalue(out, "dates", &dates.join(";"))?;
        attvalue(out, "first_date", spells.first().map_or("", |s| s.0.as_str()))?;
        attvalue(out, "last_date", spells.last().map_or("", |s| s.1.as_str()))?;
        attvalue(out, "confidence", &format!("{:.3}", e.confidence))?;
        attvalue(out, "evidence_count", &e.weight.to_string())?;
        let first = e.evidence.first().map(|ev| format!("{}: {}", ev.doc, ev.sentence)).unwrap_or_default();
        attvalue(out, "evidence", &text(&first))?;
        writeln!(out, "        </attvalues>")?;
        if !spells.is_empty() {
            writeln!(out, "        <spells>")?;
            for (start, end) in &spells {
                writeln!(out, r#"          <spell start="{start}" end="{end}"/>"#)?;
            }
            writeln!(out, "        </spells>")?;
        }
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")
}

fn attvalue(out: &mut impl Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(out, r#"          <attvalue for="{key}" value="{value}"/>"#)
}
