//! Stage 7, *graph*: the corpus as one petgraph graph.
//!
//! Takes each article's resolved entities and relations
//! ([`crate::DocumentResult`]) and folds them into one node per entity and
//! one edge per (kind, source, target): repeats add to the `weight`, visit
//! dates are collected, and evidence (document and sentence) is kept up to
//! [`MAX_EVIDENCE`] sentences per edge with a count of all. Nodes and edges
//! are inserted in order of their ids, which derive from content, so the
//! same corpus always gives the same graph.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::Undirected;
use petgraph::graph::{Graph, NodeIndex};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::DocumentResult;
use crate::date::Day;
use crate::extract::EntityType;
use crate::relate::{RelationKind, Window};
use crate::resolve::EntityKey;

/// Evidence sentences kept per edge; the rest are only counted.
pub const MAX_EVIDENCE: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub entity_type: EntityType,
    pub label: String,
    pub aliases: BTreeSet<String>,
    pub titles: BTreeSet<String>,
    pub mentions: usize,
    pub documents: BTreeSet<String>,
    /// The surest of its mentions (see `extract::rule_confidence`).
    pub confidence: f64,
    /// Earliest and latest date of its mentions (`YYYY-MM-DD`, or coarser
    /// where only the publication month or year is known).
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Officials: each title with the place it names, first and last seen.
    pub roles: BTreeMap<(String, Option<String>), SeenSpan>,
}

/// First and last date something was seen, where known.
pub type SeenSpan = (Option<String>, Option<String>);

/// A title an official held, as the JSON lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role<'a> {
    pub title: &'a str,
    pub place: Option<&'a str>,
    pub first_seen: Option<&'a str>,
    pub last_seen: Option<&'a str>,
}

impl Node {
    /// Events: the day the event was reported on (its earliest mention).
    pub fn date(&self) -> Option<&str> {
        (self.entity_type == EntityType::Event).then_some(self.first_seen.as_deref()).flatten()
    }

    pub fn roles(&self) -> impl Iterator<Item = Role<'_>> {
        self.roles.iter().map(|((title, place), (first, last))| Role {
            title,
            place: place.as_deref(),
            first_seen: first.as_deref(),
            last_seen: last.as_deref(),
        })
    }
}

/// Widens `(first, last)` to take in `date`.
fn widen(span: &mut SeenSpan, date: &Option<String>) {
    let Some(d) = date else { return };
    if span.0.as_ref().is_none_or(|f| d < f) {
        span.0 = Some(d.clone());
    }
    if span.1.as_ref().is_none_or(|l| d > l) {
        span.1 = Some(d.clone());
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Evidence {
    pub doc: String,
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub id: String,
    pub kind: RelationKind,
    /// Number of sentences stating the relation.
    pub weight: usize,
    pub dates: BTreeSet<Day>,
    pub evidence: Vec<Evidence>,
    /// The surest statement of it (see `relate::Relation::confidence`).
    pub confidence: f64,
    /// Earliest and latest date it was stated, as for nodes.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// Where a document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    Manifest,
    /// The file's own metadata: an HTML page's date, a JSON Lines record's.
    Metadata,
    Inferred,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DocumentInfo {
    pub doc: String,
    pub date: Option<String>,
    pub date_source: DateSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The graph of a corpus and the documents it was built from.
#[derive(Debug, Clone)]
pub struct CorpusGraph {
    pub graph: Graph<Node, Edge, Undirected>,
    pub documents: Vec<DocumentInfo>,
    /// How near two mentions had to be to co-occur.
    pub window: Window,
}

impl CorpusGraph {
    /// Nodes in insertion order, which is id order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// Edges with their endpoint nodes (source first), in id order.
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Node, &Edge)> {
        self.graph.edge_indices().filter_map(|e| {
            let (a, b) = self.graph.edge_endpoints(e)?;
            Some((&self.graph[a], &self.graph[b], &self.graph[e]))
        })
    }
}

/// Accumulates articles into a graph. The graph does not depend on the
/// order the articles come in, so partial corpora can be merged in any order.
pub struct GraphBuilder {
    // Hashed, not ordered: every article looks up each of its entities and
    // relations, and a graph of 100,000 names made ordered lookups compare
    // a dozen strings each. Edges name their nodes by place in `nodes`, so
    // looking one up copies no name. `finish` puts both in id order.
    /// Each entity's place in `nodes`; a node's type and label are its key.
    places: FxHashMap<EntityKey, usize>,
    nodes: Vec<Node>,
    edges: FxHashMap<(RelationKind, usize, usize), (Edge, Vec<Cited>)>,
    documents: Vec<DocumentInfo>,
    window: Window,
}

impl GraphBuilder {
    /// A builder for relations found with co-occurrence `window`.
    pub fn new(window: Window) -> GraphBuilder {
        GraphBuilder {
            places: FxHashMap::default(),
            nodes: Vec::new(),
            edges: FxHashMap::default(),
            documents: Vec::new(),
            window,
        }
    }

    pub fn add(&mut self, doc: &DocumentResult) {
        self.documents.push(DocumentInfo {
            doc: doc.id.clone(),
            date: doc.pub_date.map(|d| d.to_string()),
            date_source: doc.date_source,
            title: doc.title.clone(),
            url: doc.url.clone(),
        });
        let mut places = Vec::with_capacity(doc.resolved.entities.len());
        for (i, e) in doc.resolved.entities.iter().enumerate() {
            let place = match self.places.get(&e.key) {
                Some(&place) => place,
                None => {
                    let place = self.nodes.len();
                    self.places.insert(e.key.clone(), place);
                    self.nodes.push(new_node(&e.key));
                    place
                }
            };
            places.push(place);
            let node = &mut self.nodes[place];
            node.aliases.extend(e.aliases.iter().cloned());
            node.titles.extend(e.titles.iter().cloned());
            node.mentions += e.mentions.len();
            node.documents.insert(doc.id.clone());
            let mut seen = (node.first_seen.take(), node.last_seen.take());
            for &m in &e.mentions {
                node.confidence = node.confidence.max(doc.mentions[m].confidence);
                widen(&mut seen, &doc.mention_dates[m]);
            }
            (node.first_seen, node.last_seen) = seen;
            for t in doc.titles_seen.iter().filter(|t| t.entity == i) {
                let span = node.roles.entry((t.title.clone(), t.place.clone())).or_default();
                widen(span, &t.date);
            }
        }
        let nodes = &self.nodes;
        for (ri, r) in doc.relations.iter().enumerate() {
            let (mut s, mut t) = (places[r.source], places[r.target]);
            if r.kind == RelationKind::CoOccurrence && nodes[s].id > nodes[t].id {
                std::mem::swap(&mut s, &mut t);
            }
            let id = || edge_id(r.kind, &nodes[s].id, &nodes[t].id);
            let (edge, cited) = self.edges.entry((r.kind, s, t)).or_insert_with(|| {
                (
                    Edge {
                        id: id(),
                        kind: r.kind,
                        weight: 0,
                        dates: BTreeSet::new(),
                        evidence: Vec::new(),
                        confidence: 0.0,
                        first_seen: None,
                        last_seen: None,
                    },
                    Vec::new(),
                )
            });
            edge.weight += r.sentences.len();
            edge.confidence = edge.confidence.max(r.confidence);
            let mut span = (edge.first_seen.take(), edge.last_seen.take());
            for date in &doc.relation_dates[ri] {
                widen(&mut span, date);
            }
            (edge.first_seen, edge.last_seen) = span;
            edge.dates.extend(r.dates.iter().copied());
            for &s in &r.sentences {
                if let Some(text) = doc.sentences.get(&s) {
                    cite(cited, (&doc.id, s), text);
                }
            }
        }
    }

    pub fn finish(mut self) -> CorpusGraph {
        self.documents.sort_by(|a, b| a.doc.cmp(&b.doc));
        let mut graph = Graph::with_capacity(self.nodes.len(), self.edges.len());
        // Edges by id, and by kind and their nodes' keys should two ids ever
        // be equal.
        let mut edges: Vec<_> = self.edges.into_iter().collect();
        edges.sort_by(|a, b| {
            let ((kind_a, sa, ta), (kind_b, sb, tb)) = (a.0, b.0);
            let key = |place: usize| key_of(&self.nodes[place]);
            (a.1.0.id.cmp(&b.1.0.id)).then_with(|| (kind_a, key(sa), key(ta)).cmp(&(kind_b, key(sb), key(tb))))
        });
        // Nodes by id, and by key should two ids ever be equal.
        let mut nodes: Vec<(usize, Node)> = self.nodes.into_iter().enumerate().collect();
        nodes.sort_by(|(_, a), (_, b)| a.id.cmp(&b.id).then_with(|| key_of(a).cmp(&key_of(b))));
        let mut index = vec![NodeIndex::end(); nodes.len()];
        for (place, node) in nodes {
            index[place] = graph.add_node(node);
        }
        for ((_, source, target), (mut edge, cited)) in edges {
            edge.evidence = cited.into_iter().map(|((doc, _), sentence)| Evidence { doc, sentence }).collect();
            graph.add_edge(index[source], index[target], edge);
        }
        CorpusGraph { graph, documents: self.documents, window: self.window }
    }
}

/// What a node's key orders by, read from the node: an [`EntityKey`] is
/// its type and then its name, the node's label.
fn key_of(node: &Node) -> (EntityType, &str) {
    (node.entity_type, &node.label)
}

/// A node for `key`, seen in no article yet.
fn new_node(key: &EntityKey) -> Node {
    Node {
        id: node_id(key),
        entity_type: key.entity_type,
        label: key.name.clone(),
        aliases: BTreeSet::new(),
        titles: BTreeSet::new(),
        mentions: 0,
        documents: BTreeSet::new(),
        confidence: 0.0,
        first_seen: None,
        last_seen: None,
        roles: BTreeMap::new(),
    }
}

/// An evidence sentence of an edge: (document, sentence index), text.
type Cited = ((String, usize), String);

/// Keeps the sentence at `at` among `cited` if it is among the
/// [`MAX_EVIDENCE`] first by document and position, whatever order the
/// documents come in; `cited` stays in that order.
fn cite(cited: &mut Vec<Cited>, at: (&str, usize), text: &str) {
    let new = (reading_order(at.0), at.1);
    let place = cited.partition_point(|((doc, s), _)| (reading_order(doc), *s) < new);
    if place >= MAX_EVIDENCE || cited.get(place).is_some_and(|((doc, s), _)| (reading_order(doc), *s) == new) {
        return;
    }
    cited.insert(place, ((at.0.to_string(), at.1), text.to_string()));
    cited.truncate(MAX_EVIDENCE);
}

/// Where a document comes in the order files are read: by file, then by
/// the number of its part or line (`big.txt`, `big.txt#2`, …, `big.txt#10`),
/// which sorting the ids as text would put out of order.
fn reading_order(doc: &str) -> (&str, Option<u64>, &str) {
    match doc.rsplit_once('#') {
        Some((file, id)) => match id.parse::<u64>() {
            Ok(n) => (file, Some(n), ""),
            Err(_) => (file, None, id),
        },
        None => (doc, None, ""),
    }
}

/// A node's id: a type prefix and a hash of its canonical name.
pub fn node_id(key: &EntityKey) -> String {
    let prefix = match key.entity_type {
        EntityType::Official => "off",
        EntityType::Company => "com",
        EntityType::Town => "twn",
        EntityType::Event => "evt",
    };
    format!("{prefix}_{:016x}", fnv1a(&[key.entity_type.as_str(), &key.name]))
}

/// An edge's id: a kind prefix and a hash of the kind and its nodes' ids.
fn edge_id(kind: RelationKind, source: &str, target: &str) -> String {
    let prefix = match kind {
        RelationKind::CoOccurrence => "co",
        RelationKind::Visit => "vis",
    };
    format!("{prefix}_{:016x}", fnv1a(&[kind.as_str(), source, target]))
}

/// 64-bit FNV-1a over the parts, separated: stable across platforms and
/// releases, unlike the standard library's hasher.
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        let sep: &[u8] = if i > 0 { &[0x1f] } else { &[] };
        for &b in sep.iter().chain(part.as_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_typed() {
        let key = EntityKey { entity_type: EntityType::Official, name: "陆方舟".into() };
        let id = node_id(&key);
        assert!(id.starts_with("off_") && id.len() == 20, "{id}");
        assert_eq!(id, node_id(&key.clone()));
        let town = EntityKey { entity_type: EntityType::Town, name: "陆方舟".into() };
        assert_ne!(node_id(&town)[4..], id[4..]);
    }

    #[test]
    fn the_graph_does_not_depend_on_the_order_of_documents() {
        // Seven articles state the same visit; five evidence sentences are
        // kept, the same five in whatever order the articles are merged.
        let x = &*crate::extract::test_support::EXTRACTOR;
        let lookup = crate::extract::Lookup::new(x, crate::extract::Known::default());
        let results: Vec<DocumentResult> = (1..=7)
            .map(|i| {
                let text = format!("11月{i}日,区委书记陆方舟来到南翔镇调研,第{i}次。");
                let doc = crate::load::Document { id: format!("{i}.txt"), text, ..Default::default() };
                crate::process(x, &doc, None, &lookup, &crate::Options::default())
            })
            .collect();
        let graph = |order: &mut dyn Iterator<Item = &DocumentResult>| {
            let mut builder = GraphBuilder::new(Window::Sentence);
            order.for_each(|r| builder.add(r));
            let g = builder.finish();
            (g.nodes().cloned().collect::<Vec<_>>(), g.edges().map(|(_, _, e)| e.clone()).collect::<Vec<_>>())
        };
        let forward = graph(&mut results.iter());
        assert_eq!(forward, graph(&mut results.iter().rev()));
        assert_eq!(forward, graph(&mut [3, 6, 0, 5, 1, 4, 2].iter().map(|&i| &results[i])));
        let visit = forward.1.iter().find(|e| e.kind == RelationKind::Visit).expect("a visit");
        assert_eq!(visit.weight, 7);
        let docs: Vec<&str> = visit.evidence.iter().map(|e| e.doc.as_str()).collect();
        assert_eq!(docs, ["1.txt", "2.txt", "3.txt", "4.txt", "5.txt"]);
    }

    #[test]
    fn documents_are_cited_in_reading_order() {
        let mut ids = ["big.txt#10", "big.txt#2", "big.txt", "a.jsonl#x", "a.jsonl#11", "a.jsonl#9", "a.txt"];
        ids.sort_by_key(|id| reading_order(id));
        assert_eq!(ids, ["a.jsonl#x", "a.jsonl#9", "a.jsonl#11", "a.txt", "big.txt", "big.txt#2", "big.txt#10"]);
    }

    #[test]
    fn fnv1a_known_value() {
        // FNV-1a 64 of "a" per the reference implementation.
        assert_eq!(fnv1a(&["a"]), 0xaf63_dc4c_8601_ec8c);
    }
}
