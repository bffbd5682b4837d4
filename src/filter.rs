//! Between *graph* and *export*: the filters analysts ask for, the same for
//! every format.
//!
//! Takes a [`CorpusGraph`] and a [`Filter`] and returns the smaller graph
//! with a [`FilterReport`] of what each step removed. Steps run in this
//! order: entity types, edge kinds, dates (`since`/`until`: edges by when they were
//! stated, visits by their dates, nodes by when they were active), minimum
//! co-occurrence weight, the ego network of one entity, the heaviest edges;
//! nodes left without edges are then dropped unless `keep_isolated`.
//! Order of nodes and edges is kept, so output stays deterministic.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::graph::{EdgeIndex, Graph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::date::{Day, days_covered};
use crate::extract::EntityType;
use crate::graph::{CorpusGraph, Edge, Node};
use crate::relate::RelationKind;

/// What to keep.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Drop co-occurrence edges lighter than this.
    pub min_weight: Option<usize>,
    /// Keep only these entity types.
    pub types: Option<BTreeSet<EntityType>>,
    /// Keep only these kinds of edge.
    pub kinds: Option<BTreeSet<RelationKind>>,
    pub since: Option<Day>,
    pub until: Option<Day>,
    /// Keep only the N heaviest edges (ties by id).
    pub top_edges: Option<usize>,
    /// Keep only the neighbourhood of the entity with this label or alias…
    pub ego: Option<String>,
    /// …up to this many edges away.
    pub depth: usize,
    /// Keep nodes the filters leave without edges.
    pub keep_isolated: bool,
}

impl Filter {
    /// Whether the filter changes anything at all.
    pub fn is_empty(&self) -> bool {
        *self == Filter { depth: self.depth, keep_isolated: self.keep_isolated, ..Filter::default() }
    }
}

/// What one step removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub step: &'static str,
    pub nodes: usize,
    pub edges: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FilterReport {
    pub removed: Vec<Removed>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FilterError {
    #[error("--ego {0:?}: no entity has that name or alias")]
    UnknownEgo(String),
}

/// Applies `filter` to `graph`.
pub fn apply(graph: CorpusGraph, filter: &Filter) -> Result<(CorpusGraph, FilterReport), FilterError> {
    // No filter keeps the graph as it is, without a copy of it.
    if filter.is_empty() {
        return Ok((graph, FilterReport::default()));
    }
    let g = &graph.graph;
    let mut nodes: BTreeSet<NodeIndex> = g.node_indices().collect();
    let mut edges: BTreeSet<EdgeIndex> = g.edge_indices().collect();
    let mut visit_dates: BTreeMap<EdgeIndex, BTreeSet<Day>> = BTreeMap::new();
    let mut report = FilterReport::default();
    let mut step = |name: &'static str,
                    nodes: &mut BTreeSet<NodeIndex>,
                    edges: &mut BTreeSet<EdgeIndex>,
                    keep_node: &dyn Fn(NodeIndex) -> bool,
                    keep_edge: &dyn Fn(EdgeIndex) -> bool| {
        let (n0, e0) = (nodes.len(), edges.len());
        nodes.retain(|&n| keep_node(n));
        edges.retain(|&e| {
            keep_edge(e) && g.edge_endpoints(e).is_some_and(|(a, b)| nodes.contains(&a) && nodes.contains(&b))
        });
        report.removed.push(Removed { step: name, nodes: n0 - nodes.len(), edges: e0 - edges.len() });
    };

    if let Some(types) = &filter.types {
        step("types", &mut nodes, &mut edges, &|n| types.contains(&g[n].entity_type), &|_| true);
    }
    if let Some(kinds) = &filter.kinds {
        step("kinds", &mut nodes, &mut edges, &|_| true, &|e| kinds.contains(&g[e].kind));
    }
    if filter.since.is_some() || filter.until.is_some() {
        let in_range = |first: &Option<String>, last: &Option<String>| {
            let start = first.as_deref().and_then(days_covered).map(|d| d.0);
            let end = last.as_deref().and_then(days_covered).map(|d| d.1);
            match (start, end) {
                (Some(s), Some(e)) => {
                    filter.until.is_none_or(|u| s <= u) && filter.since.is_none_or(|since| e >= since)
                }
                _ => false,
            }
        };
        for e in g.edge_indices().filter(|&e| g[e].kind == RelationKind::Visit && !g[e].dates.is_empty()) {
            let kept: BTreeSet<Day> = g[e]
                .dates
                .iter()
                .copied()
                .filter(|d| filter.since.is_none_or(|s| *d >= s) && filter.until.is_none_or(|u| *d <= u))
                .collect();
            visit_dates.insert(e, kept);
        }
        let keep_edge = |e: EdgeIndex| match visit_dates.get(&e) {
            Some(dates) => !dates.is_empty(),
            None => in_range(&g[e].first_seen, &g[e].last_seen),
        };
        step("dates", &mut nodes, &mut edges, &|n| in_range(&g[n].first_seen, &g[n].last_seen), &keep_edge);
    }
    if let Some(min) = filter.min_weight {
        step("min_weight", &mut nodes, &mut edges, &|_| true, &|e| {
            g[e].kind != RelationKind::CoOccurrence || g[e].weight >= min
        });
    }
    if let Some(name) = &filter.ego {
        let centres: Vec<NodeIndex> =
            nodes.iter().copied().filter(|&n| g[n].label == *name || g[n].aliases.contains(name)).collect();
        if centres.is_empty() {
            return Err(FilterError::UnknownEgo(name.clone()));
        }
        let mut distance: BTreeMap<NodeIndex, usize> = centres.iter().map(|&c| (c, 0)).collect();
        let mut queue: VecDeque<NodeIndex> = centres.into_iter().collect();
        while let Some(n) = queue.pop_front() {
            let d = distance[&n];
            if d == filter.depth {
                continue;
            }
            for e in g.edges(n) {
                let other = if e.source() == n { e.target() } else { e.source() };
                if edges.contains(&e.id()) && !distance.contains_key(&other) {
                    distance.insert(other, d + 1);
                    queue.push_back(other);
                }
            }
        }
        step("ego", &mut nodes, &mut edges, &|n| distance.contains_key(&n), &|_| true);
    }
    if let Some(top) = filter.top_edges {
        let mut ranked: Vec<EdgeIndex> = edges.iter().copied().collect();
        ranked.sort_by(|&a, &b| g[b].weight.cmp(&g[a].weight).then_with(|| g[a].id.cmp(&g[b].id)));
        let keep: BTreeSet<EdgeIndex> = ranked.into_iter().take(top).collect();
        step("top_edges", &mut nodes, &mut edges, &|_| true, &|e| keep.contains(&e));
    }
    if !filter.keep_isolated && !filter.is_empty() {
        // The ego network's centre stays even when nothing is linked to it.
        let centres: BTreeSet<NodeIndex> = match &filter.ego {
            Some(name) => {
                nodes.iter().copied().filter(|&n| g[n].label == *name || g[n].aliases.contains(name)).collect()
            }
            None => BTreeSet::new(),
        };
        let linked: BTreeSet<NodeIndex> =
            edges.iter().filter_map(|&e| g.edge_endpoints(e)).flat_map(|(a, b)| [a, b]).chain(centres).collect();
        step("isolated", &mut nodes, &mut edges, &|n| linked.contains(&n), &|_| true);
    }

    let mut out: Graph<Node, Edge, petgraph::Undirected> = Graph::with_capacity(nodes.len(), edges.len());
    let mut index = BTreeMap::new();
    for &n in &nodes {
        index.insert(n, out.add_node(g[n].clone()));
    }
    for &e in &edges {
        let (a, b) = g.edge_endpoints(e).expect("edge of the graph");
        let mut edge = g[e].clone();
        if let Some(dates) = visit_dates.get(&e) {
            edge.dates = dates.clone();
        }
        out.add_edge(index[&a], index[&b], edge);
    }
    Ok((CorpusGraph { graph: out, documents: graph.documents, window: graph.window }, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::node_id;
    use crate::relate::Window;

    /// A small graph: A visits B on 2024-11-04; A and C co-occur twice in
    /// 2024-11, B and C once in 2023.
    fn sample() -> CorpusGraph {
        let node = |t: EntityType, label: &str, first: &str, last: &str| Node {
            id: node_id(&crate::resolve::EntityKey { entity_type: t, name: label.into() }),
            entity_type: t,
            label: label.into(),
            aliases: BTreeSet::from(["别名".to_string() + label]),
            titles: BTreeSet::new(),
            mentions: 1,
            documents: BTreeSet::new(),
            confidence: 0.9,
            first_seen: Some(first.into()),
            last_seen: Some(last.into()),
            roles: BTreeMap::new(),
        };
        let edge = |id: &str, kind, weight, dates: &[&str], first: &str, last: &str| Edge {
            id: id.into(),
            kind,
            weight,
            dates: dates.iter().filter_map(|d| Day::parse(d)).collect(),
            evidence: vec![],
            confidence: 0.9,
            first_seen: Some(first.into()),
            last_seen: Some(last.into()),
        };
        let mut g = Graph::new_undirected();
        let a = g.add_node(node(EntityType::Official, "甲", "2023-05", "2024-11-04"));
        let b = g.add_node(node(EntityType::Company, "乙", "2023-05", "2024-11-04"));
        let c = g.add_node(node(EntityType::Town, "丙", "2023-05", "2024-11"));
        g.add_edge(a, b, edge("e1", RelationKind::Visit, 1, &["2024-11-04"], "2024-11-04", "2024-11-04"));
        g.add_edge(a, c, edge("e2", RelationKind::CoOccurrence, 2, &[], "2024-11", "2024-11"));
        g.add_edge(b, c, edge("e3", RelationKind::CoOccurrence, 1, &[], "2023-05", "2023-05"));
        CorpusGraph { graph: g, documents: vec![], window: Window::Sentence }
    }

    fn labels(g: &CorpusGraph) -> (Vec<&str>, Vec<&str>) {
        (g.nodes().map(|n| n.label.as_str()).collect(), g.edges().map(|(_, _, e)| e.id.as_str()).collect())
    }

    #[test]
    fn min_weight_drops_light_co_occurrence_but_not_visits() {
        let (g, report) = apply(sample(), &Filter { min_weight: Some(2), ..Filter::default() }).unwrap();
        assert_eq!(labels(&g), (vec!["甲", "乙", "丙"], vec!["e1", "e2"]));
        assert_eq!(report.removed[0], Removed { step: "min_weight", nodes: 0, edges: 1 });
    }

    #[test]
    fn types_keep_only_their_nodes_and_drop_the_isolated() {
        let types = BTreeSet::from([EntityType::Official, EntityType::Company]);
        let (g, _) = apply(sample(), &Filter { types: Some(types), ..Filter::default() }).unwrap();
        assert_eq!(labels(&g), (vec!["甲", "乙"], vec!["e1"]));
    }

    #[test]
    fn dates_filter_edges_by_when_they_were_stated() {
        let since = Day::parse("2024-01-01");
        let (g, _) = apply(sample(), &Filter { since, ..Filter::default() }).unwrap();
        assert_eq!(labels(&g), (vec!["甲", "乙", "丙"], vec!["e1", "e2"]));
        let until = Day::parse("2024-11-03");
        let (g, _) = apply(sample(), &Filter { since, until, ..Filter::default() }).unwrap();
        assert_eq!(labels(&g), (vec!["甲", "丙"], vec!["e2"]), "the visit of 11-04 is after --until");
    }

    #[test]
    fn ego_keeps_the_neighbourhood_by_label_or_alias() {
        let f = Filter { ego: Some("别名甲".into()), depth: 1, ..Filter::default() };
        let (g, _) = apply(sample(), &f).unwrap();
        assert_eq!(labels(&g).0, ["甲", "乙", "丙"]);
        assert_eq!(labels(&g).1, ["e1", "e2", "e3"], "edges among the neighbours stay");
        let f = Filter { ego: Some("丙".into()), depth: 1, min_weight: Some(2), ..Filter::default() };
        let (g, _) = apply(sample(), &f).unwrap();
        assert_eq!(labels(&g), (vec!["甲", "丙"], vec!["e2"]));
        let err = apply(sample(), &Filter { ego: Some("丁".into()), ..Filter::default() }).unwrap_err();
        assert_eq!(err, FilterError::UnknownEgo("丁".into()));
    }

    #[test]
    fn kinds_keep_only_visits() {
        let f = Filter { kinds: Some(BTreeSet::from([RelationKind::Visit])), ..Filter::default() };
        let (g, _) = apply(sample(), &f).unwrap();
        assert_eq!(labels(&g), (vec!["甲", "乙"], vec!["e1"]));
    }

    #[test]
    fn top_edges_keeps_the_heaviest() {
        let (g, _) = apply(sample(), &Filter { top_edges: Some(1), ..Filter::default() }).unwrap();
        assert_eq!(labels(&g), (vec!["甲", "丙"], vec!["e2"]));
    }

    #[test]
    fn keep_isolated_keeps_nodes_without_edges() {
        let types = BTreeSet::from([EntityType::Official, EntityType::Town, EntityType::Company]);
        let f = Filter { types: Some(types), top_edges: Some(1), keep_isolated: true, ..Filter::default() };
        let (g, _) = apply(sample(), &f).unwrap();
        assert_eq!(labels(&g), (vec!["甲", "乙", "丙"], vec!["e2"]));
    }
}
