//! Node-link JSON.
//!
//! ```text
//! {"directed": false, "multigraph": true,
//!  "graph": {"generator": "newsgraph", "corpus": …, "documents": [{"doc", "date", "date_source"}]},
//!  "nodes": [{"id", "entity_type", "label", "aliases", "titles" (officials), "mentions", "documents",
//!             "confidence", "first_seen", "last_seen", "roles" (officials), "date" (events)}],
//!  "edges": [{"id", "source", "target", "key", "kind", "weight", "dates" (visits), "confidence",
//!             "evidence_count", "evidence": [{"doc", "sentence"}]}]}
//! ```
//! - `id`: `off_`/`com_`/`twn_`/`evt_` and 16 hex digits derived from the
//!   type and canonical name; stable across runs and releases.
//! - `entity_type`: `official`, `company`, `town` or `event`.
//! - `key` equals `kind`: `co_occurrence` (same sentence, `weight` = number
//!   of sentences) or `visit` (source = the official, `dates` = `YYYY-MM-DD`).
//! - `evidence`: up to five sentences; `evidence_count` counts them all.
//! - `confidence` in [0, 1]: how sure the rules that found it are.
//! - `first_seen`/`last_seen`: dates of the earliest and latest mention
//!   (`YYYY-MM-DD`, or `YYYY-MM`/`YYYY` where only the publication date is known).
//! - `roles`: `[{"title", "place", "first_seen", "last_seen"}]`, so a script can
//!   ask who was 区委书记 when; `place` is the place the title names, if any.
//! - `date` (events): the date of the earliest mention.
//!
//! NetworkX reads it with `node_link_graph(data, edges="edges")`.

use std::io::{self, Write};

use serde::Serialize;

use crate::extract::EntityType;
use crate::graph::{CorpusGraph, DocumentInfo, Evidence, Role};

#[derive(Serialize)]
struct JsonGraph<'a> {
    directed: bool,
    multigraph: bool,
    graph: Metadata<'a>,
    nodes: Vec<JsonNode<'a>>,
    edges: Vec<JsonEdge<'a>>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    generator: &'static str,
    corpus: &'a str,
    documents: &'a [DocumentInfo],
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    entity_type: &'static str,
    label: &'a str,
    aliases: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    titles: Option<Vec<&'a str>>,
    mentions: usize,
    documents: Vec<&'a str>,
    confidence: f64,
    first_seen: Option<&'a str>,
    last_seen: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<Role<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    id: &'a str,
    source: &'a str,
    target: &'a str,
    key: &'static str,
    kind: &'static str,
    weight: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    dates: Option<Vec<String>>,
    confidence: f64,
    evidence_count: usize,
    evidence: &'a [Evidence],
}

/// Writes `graph` as node-link JSON (pretty-printed, with a final newline).
pub fn write(graph: &CorpusGraph, corpus: &str, out: &mut impl Write) -> io::Result<()> {
    let nodes = graph
        .nodes()
        .map(|n| JsonNode {
            id: &n.id,
            entity_type: n.entity_type.as_str(),
            label: &n.label,
            aliases: n.aliases.iter().map(String::as_str).collect(),
            titles: (n.entity_type == EntityType::Official).then(|| n.titles.iter().map(String::as_str).collect()),
            mentions: n.mentions,
            documents: n.documents.iter().map(String::as_str).collect(),
            confidence: rounded(n.confidence),
            first_seen: n.first_seen.as_deref(),
            last_seen: n.last_seen.as_deref(),
            roles: (n.entity_type == EntityType::Official).then(|| n.roles().collect()),
            date: n.date(),
        })
        .collect();
    let edges = graph
        .edges()
        .map(|(s, t, e)| JsonEdge {
            id: &e.id,
            source: &s.id,
            target: &t.id,
            key: e.kind.as_str(),
            kind: e.kind.as_str(),
            weight: e.weight,
            dates: (e.kind == crate::relate::RelationKind::Visit)
                .then(|| e.dates.iter().map(|d| d.to_string()).collect()),
            confidence: rounded(e.confidence),
            evidence_count: e.weight,
            evidence: &e.evidence,
        })
        .collect();
    let doc = JsonGraph {
        directed: false,
        multigraph: true,
        graph: Metadata {
            generator: "newsgraph",
            corpus,
            documents: &graph.documents,
        },
        nodes,
        edges,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// Confidence to three decimals, so float noise never reaches the file.
fn rounded(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
