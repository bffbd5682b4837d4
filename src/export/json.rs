//! Node-link JSON.
//!
//! ```text
//! {"directed": false, "multigraph": true,
//!  "graph": {"generator": "newsgraph", "corpus": …, "co_occurrence_window": "sentence",
//!            "filters": […], "documents": [{"doc", "date", "date_source"}]},
//!  "nodes": [{"id", "entity_type", "label", "aliases", "titles" (officials), "mentions", "documents",
//!             "confidence", "first_seen", "last_seen", "roles" (officials), "date" (events),
//!             "x", "y", "size", "color"}],
//!  "edges": [{"id", "source", "target", "key", "kind", "weight", "dates" (visits), "confidence",
//!             "first_seen", "last_seen", "evidence_count", "evidence": [{"doc", "sentence"}]}]}
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
//! - `x`, `y`, `size`, `color`: where and how to draw the node (see `layout`).
//! - Text drops the characters XML cannot carry, as in the other formats, so
//!   a label reads the same everywhere.
//! - With `--links` the edge list is under `links` instead of `edges`.
//!
//! The JSON Schema is `docs/graph.schema.json`. NetworkX reads the file with
//! `node_link_graph(data, edges="edges")`.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::xml_safe;
use crate::date::Day;
use crate::extract::EntityType;
use crate::graph::{CorpusGraph, DocumentInfo, Edge, Evidence, Node, Role};
use crate::layout::{Position, color, size};
use crate::relate::RelationKind;
use crate::relate::Window;

#[derive(Serialize)]
struct JsonGraph<'a> {
    directed: bool,
    multigraph: bool,
    graph: Metadata<'a>,
    nodes: Vec<JsonNode<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    edges: Option<Vec<JsonEdge<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<Vec<JsonEdge<'a>>>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    generator: &'static str,
    corpus: &'a str,
    co_occurrence_window: Window,
    filters: &'a [String],
    documents: &'a [DocumentInfo],
}

/// How the JSON is written.
#[derive(Debug, Clone, Default)]
pub struct JsonOptions {
    /// The corpus's name, recorded in the metadata.
    pub corpus: String,
    /// Put the edge list under `links` (d3, NetworkX before 3.6) instead of `edges`.
    pub links: bool,
    /// The filters applied, as given, recorded in the metadata.
    pub filters: Vec<String>,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    entity_type: &'static str,
    label: Cow<'a, str>,
    aliases: Vec<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    titles: Option<Vec<Cow<'a, str>>>,
    mentions: usize,
    documents: Vec<&'a str>,
    confidence: f64,
    first_seen: Option<&'a str>,
    last_seen: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<Role<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    x: f64,
    y: f64,
    size: f64,
    color: &'static str,
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
    first_seen: Option<&'a str>,
    last_seen: Option<&'a str>,
    evidence_count: usize,
    evidence: Vec<EvidenceOut<'a>>,
}

/// An evidence sentence as written: the graph's [`Evidence`], made XML-safe.
#[derive(Serialize)]
struct EvidenceOut<'a> {
    doc: Cow<'a, str>,
    sentence: Cow<'a, str>,
}

/// Writes `graph` as node-link JSON (pretty-printed, with a final newline),
/// nodes placed at `positions` (in node order).
pub fn write(
    graph: &CorpusGraph,
    options: &JsonOptions,
    positions: &[Position],
    out: &mut impl Write,
) -> io::Result<()> {
    let nodes = graph
        .nodes()
        .zip(positions)
        .map(|(n, p)| JsonNode {
            id: &n.id,
            entity_type: n.entity_type.as_str(),
            label: xml_safe(&n.label),
            aliases: n.aliases.iter().map(|a| xml_safe(a)).collect(),
            titles: (n.entity_type == EntityType::Official).then(|| n.titles.iter().map(|t| xml_safe(t)).collect()),
            mentions: n.mentions,
            documents: n.documents.iter().map(String::as_str).collect(),
            confidence: rounded(n.confidence),
            first_seen: n.first_seen.as_deref(),
            last_seen: n.last_seen.as_deref(),
            roles: (n.entity_type == EntityType::Official).then(|| n.roles().collect()),
            date: n.date(),
            x: p.x,
            y: p.y,
            size: size(n.mentions),
            color: color(n.entity_type),
        })
        .collect();
    let edges: Vec<JsonEdge> = graph
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
            first_seen: e.first_seen.as_deref(),
            last_seen: e.last_seen.as_deref(),
            evidence_count: e.weight,
            evidence: e
                .evidence
                .iter()
                .map(|ev| EvidenceOut { doc: xml_safe(&ev.doc), sentence: xml_safe(&ev.sentence) })
                .collect(),
        })
        .collect();
    // The edges go under one key or the other, moved, not copied.
    let (edges, links) = if options.links { (None, Some(edges)) } else { (Some(edges), None) };
    let doc = JsonGraph {
        directed: false,
        multigraph: true,
        graph: Metadata {
            generator: "newsgraph",
            corpus: &options.corpus,
            co_occurrence_window: graph.window,
            filters: &options.filters,
            documents: &graph.documents,
        },
        nodes,
        edges,
        links,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// A JSON file that is not a newsgraph graph.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a newsgraph JSON graph: {0}")]
    Format(#[from] serde_json::Error),
    #[error("edge {edge} names a node {node} that the graph does not have")]
    MissingNode { edge: String, node: String },
}

#[derive(Deserialize)]
struct InGraph {
    graph: InMetadata,
    nodes: Vec<InNode>,
    #[serde(alias = "links")]
    edges: Vec<InEdge>,
}

#[derive(Deserialize)]
struct InMetadata {
    #[serde(default)]
    co_occurrence_window: Window,
    #[serde(default)]
    documents: Vec<DocumentInfo>,
}

#[derive(Deserialize)]
struct InNode {
    id: String,
    entity_type: EntityType,
    label: String,
    #[serde(default)]
    aliases: BTreeSet<String>,
    #[serde(default)]
    titles: BTreeSet<String>,
    mentions: usize,
    #[serde(default)]
    documents: BTreeSet<String>,
    confidence: f64,
    first_seen: Option<String>,
    last_seen: Option<String>,
    #[serde(default)]
    roles: Vec<InRole>,
}

#[derive(Deserialize)]
struct InRole {
    title: String,
    place: Option<String>,
    first_seen: Option<String>,
    last_seen: Option<String>,
}

#[derive(Deserialize)]
struct InEdge {
    id: String,
    source: String,
    target: String,
    kind: RelationKind,
    weight: usize,
    #[serde(default)]
    dates: Vec<String>,
    confidence: f64,
    first_seen: Option<String>,
    last_seen: Option<String>,
    #[serde(default)]
    evidence: Vec<Evidence>,
}

/// Reads a graph this module wrote (with `edges` or `links`), for drawing
/// or filtering it again without the corpus.
pub fn read(text: &str) -> Result<CorpusGraph, ReadError> {
    let input: InGraph = serde_json::from_str(text)?;
    let mut graph = petgraph::Graph::new_undirected();
    let mut index = BTreeMap::new();
    for n in input.nodes {
        let roles = n.roles.into_iter().map(|r| ((r.title, r.place), (r.first_seen, r.last_seen))).collect();
        let node = Node {
            id: n.id.clone(),
            entity_type: n.entity_type,
            label: n.label,
            aliases: n.aliases,
            titles: n.titles,
            mentions: n.mentions,
            documents: n.documents,
            confidence: n.confidence,
            first_seen: n.first_seen,
            last_seen: n.last_seen,
            roles,
        };
        index.insert(n.id, graph.add_node(node));
    }
    for e in input.edges {
        let endpoint = |id: &str| {
            index.get(id).copied().ok_or_else(|| ReadError::MissingNode { edge: e.id.clone(), node: id.to_string() })
        };
        let (a, b) = (endpoint(&e.source)?, endpoint(&e.target)?);
        let edge = Edge {
            id: e.id,
            kind: e.kind,
            weight: e.weight,
            dates: e.dates.iter().filter_map(|d| Day::parse(d)).collect(),
            evidence: e.evidence,
            confidence: e.confidence,
            first_seen: e.first_seen,
            last_seen: e.last_seen,
        };
        graph.add_edge(a, b, edge);
    }
    Ok(CorpusGraph { graph, documents: input.graph.documents, window: input.graph.co_occurrence_window })
}

/// Confidence to three decimals, so float noise never reaches the file.
fn rounded(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
