//! Positions, sizes and colours of nodes, so that an exported graph looks
//! right the moment it opens (Gephi reads `x`, `y`, `size`, `color`; sigma.js
//! needs numeric `x`/`y`).
//!
//! [`layout`] is a Fruchterman–Reingold force-directed layout with a fixed
//! start (from each node's id) and no randomness, so the same graph always
//! gets the same positions. Repulsion is only computed between nodes in
//! neighbouring cells of a grid, which keeps each iteration near linear in the
//! number of nodes; a weak pull to the centre keeps separate components in view.

use rayon::prelude::*;

use crate::extract::EntityType;
use crate::graph::{CorpusGraph, Node};

/// Where a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// The colour of each entity type, `#RRGGBB`.
pub fn color(t: EntityType) -> &'static str {
    match t {
        EntityType::Official => "#d62728",
        EntityType::Company => "#1f77b4",
        EntityType::Town => "#2ca02c",
        EntityType::Event => "#ff7f0e",
    }
}

/// A node's drawn size from its number of mentions: grows slowly, so a few
/// much-mentioned nodes do not hide the rest.
pub fn size(mentions: usize) -> f64 {
    round(4.0 + 4.0 * (1.0 + mentions as f64).ln())
}

/// Ideal distance between neighbours.
const K: f64 = 60.0;

/// Strength of the pull to the centre.
const GRAVITY: f64 = 0.08;

/// The nodes of a grid cell (each with the cell's key) and their centre.
type Cell<'a> = (&'a [((i64, i64), usize)], (f64, f64));

/// Nodes of one grid cell beyond which the cell repels as one mass.
const DENSE_CELL: usize = 64;

/// How much [`separate`] spreads a layout before moving labels apart.
const SPREAD: f64 = 2.0;

/// Positions of the nodes of `graph`, in node order.
pub fn layout(graph: &CorpusGraph) -> Vec<Position> {
    let g = &graph.graph;
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let side = K * (n as f64).sqrt() * 1.5;
    // Start on a spiral ordered by id hash, so no two nodes coincide.
    let mut pos: Vec<(f64, f64)> = g
        .node_weights()
        .enumerate()
        .map(|(i, node)| {
            let h = node.id.bytes().fold(0u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
            let angle = (h % 3600) as f64 / 3600.0 * std::f64::consts::TAU + i as f64 * 2.399_963;
            let radius = side / 2.0 * ((i as f64 + 0.5) / n as f64).sqrt();
            (radius * angle.cos(), radius * angle.sin())
        })
        .collect();
    let edges: Vec<(usize, usize, f64)> = g
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = g.edge_endpoints(e)?;
            Some((a.index(), b.index(), (1.0 + g[e].weight as f64).ln() + 1.0))
        })
        .collect();
    let iterations = (300 * 400 / n.max(400)).max(60);
    let cell = 2.0 * K;
    for it in 0..iterations {
        let temperature = side / 10.0 * (1.0 - it as f64 / iterations as f64) + 1.0;
        // Repulsion between nodes in the same or neighbouring grid cells:
        // the nodes sorted by cell, each node's sum taken in the same order
        // on any number of threads.
        let key = |p: (f64, f64)| ((p.0 / cell).floor() as i64, (p.1 / cell).floor() as i64);
        let mut grid: Vec<((i64, i64), usize)> = pos.iter().enumerate().map(|(i, &p)| (key(p), i)).collect();
        grid.sort_unstable();
        // Each cell's nodes and their centre, in order of the cells' keys.
        let cells: Vec<Cell> = grid
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                let (sx, sy) = run.iter().fold((0.0, 0.0), |s, &(_, j)| (s.0 + pos[j].0, s.1 + pos[j].1));
                (run, (sx / run.len() as f64, sy / run.len() as f64))
            })
            .collect();
        let mut cell_of = vec![0; n];
        for (c, (run, _)) in cells.iter().enumerate() {
            run.iter().for_each(|&(_, j)| cell_of[j] = c);
        }
        // For each cell (x, y) and column x - 1, x, x + 1: the first cell at
        // or after row y - 1 of that column. Those keys rise with the cells'
        // own, so a forward walk a column finds them all, without a search.
        let column_starts: [Vec<usize>; 3] = std::array::from_fn(|dx| {
            let mut at = 0;
            let walk = cells.iter().map(|(run, _)| {
                let (x, y) = run[0].0;
                while cells.get(at).is_some_and(|(next, _)| next[0].0 < (x + dx as i64 - 1, y - 1)) {
                    at += 1;
                }
                at
            });
            walk.collect()
        });
        // The cells of column `dx` (0, 1, 2 for x - 1, x, x + 1) next to cell
        // `c`, rows y - 1 to y + 1, in the order of their keys.
        let column = |c: usize, dx: usize| {
            let (x, y) = cells[c].0[0].0;
            let last = (x + dx as i64 - 1, y + 1);
            cells[column_starts[dx][c]..].iter().take_while(move |(run, _)| run[0].0 <= last)
        };
        let mut disp: Vec<(f64, f64)> = pos
            .par_iter()
            .enumerate()
            .map(|(i, &p)| {
                let (cx, cy) = key(p);
                let mut d = (0.0f64, 0.0f64);
                let mut push = |from: (f64, f64), mass: f64| {
                    let (ddx, ddy) = (p.0 - from.0, p.1 - from.1);
                    let f = mass * K * K / (ddx * ddx + ddy * ddy).max(0.01);
                    d.0 += ddx * f;
                    d.1 += ddy * f;
                };
                for dx in 0..3 {
                    for &(nodes, centre) in column(cell_of[i], dx) {
                        let (ncx, ncy) = nodes[0].0;
                        if nodes.len() <= DENSE_CELL {
                            nodes.iter().filter(|&&(_, j)| j != i).for_each(|&(_, j)| push(pos[j], 1.0));
                        } else {
                            // A crowded cell pushes as one mass at its centre,
                            // so a hub's crowd costs linear, not quadratic, time.
                            let n = nodes.len() as f64;
                            if (ncx, ncy) == (cx, cy) {
                                // The node's own cell: the centre of the others.
                                let others = ((centre.0 * n - p.0) / (n - 1.0), (centre.1 * n - p.1) / (n - 1.0));
                                push(others, n - 1.0);
                            } else {
                                push(centre, n);
                            }
                        }
                    }
                }
                d
            })
            .collect();
        for &(a, b, w) in &edges {
            let (ddx, ddy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (ddx * ddx + ddy * ddy).sqrt().max(0.01);
            let f = d / K * w;
            disp[a].0 -= ddx * f;
            disp[a].1 -= ddy * f;
            disp[b].0 += ddx * f;
            disp[b].1 += ddy * f;
        }
        for (i, p) in pos.iter_mut().enumerate() {
            let (mut dx, mut dy) = disp[i];
            // A pull to the centre keeps unconnected nodes near the rest.
            dx -= p.0 * GRAVITY;
            dy -= p.1 * GRAVITY;
            let len = (dx * dx + dy * dy).sqrt();
            if len > 0.0 {
                let step = len.min(temperature);
                p.0 += dx / len * step;
                p.1 += dy / len * step;
            }
        }
    }
    pos.into_iter().map(|(x, y)| Position { x: round(x), y: round(y) }).collect()
}

/// The box a drawn node takes with its label under it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelBox {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub font_size: f64,
}

/// Where `node` drawn at `p` and its label take room.
pub fn label_box(node: &Node, p: Position) -> LabelBox {
    let r = size(node.mentions);
    let font_size = (10.0 + (r - 4.0) * 0.5).clamp(10.0, 18.0);
    let width: f64 = node.label.chars().map(|c| if c.is_ascii() { 0.6 * font_size } else { font_size }).sum();
    let half = r.max(width / 2.0);
    LabelBox { left: p.x - half, top: p.y - r, right: p.x + half, bottom: p.y + r + 2.0 + 1.2 * font_size, font_size }
}

/// Moves nodes apart until no two of them, labels included, overlap: each
/// overlapping pair is pushed apart along the axis where they overlap least.
pub fn separate(graph: &CorpusGraph, positions: &[Position]) -> Vec<Position> {
    let nodes: Vec<&Node> = graph.nodes().collect();
    // Labels are wider than the layout's spacing: spread it out first, so
    // separating moves nodes a little rather than a lot.
    let mut pos: Vec<Position> = positions.iter().map(|p| Position { x: p.x * SPREAD, y: p.y * SPREAD }).collect();
    for _ in 0..500 {
        let boxes: Vec<LabelBox> = nodes.iter().zip(&pos).map(|(n, p)| label_box(n, *p)).collect();
        let mut order: Vec<usize> = (0..pos.len()).collect();
        order.sort_by(|&a, &b| boxes[a].left.total_cmp(&boxes[b].left).then(a.cmp(&b)));
        let mut moved = false;
        for (k, &i) in order.iter().enumerate() {
            for &j in &order[k + 1..] {
                // Stale boxes only bound the sweep; a margin covers this round's pushes.
                if boxes[j].left >= boxes[i].right + 200.0 {
                    break;
                }
                // Boxes as they are now, after this round's earlier pushes.
                let (bi, bj) = (label_box(nodes[i], pos[i]), label_box(nodes[j], pos[j]));
                let ox = bi.right.min(bj.right) - bi.left.max(bj.left);
                let oy = bi.bottom.min(bj.bottom) - bi.top.max(bj.top);
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
                let (first, second) = if (pos[i].x, pos[i].y, i) <= (pos[j].x, pos[j].y, j) { (i, j) } else { (j, i) };
                if ox < oy {
                    let push = ox / 2.0 + 1.0;
                    pos[first].x -= push;
                    pos[second].x += push;
                } else {
                    let (upper, lower) = if (pos[i].y, i) <= (pos[j].y, j) { (i, j) } else { (j, i) };
                    let push = oy / 2.0 + 1.0;
                    pos[upper].y -= push;
                    pos[lower].y += push;
                }
            }
        }
        if !moved {
            break;
        }
    }
    pos.into_iter().map(|p| Position { x: round(p.x), y: round(p.y) }).collect()
}

/// One decimal: enough to draw, and no float noise in the files.
fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> CorpusGraph {
        let x = crate::extract::Extractor::new();
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
        crate::build(&[dir], &x, &crate::Options::default(), &mut |_| Ok(())).unwrap().graph
    }

    /// A hub linked to `leaves` nodes, as a district is to its companies.
    fn star(leaves: usize) -> CorpusGraph {
        use crate::graph::{Edge, Node};
        let node = |label: String| Node {
            id: crate::graph::node_id(&crate::resolve::EntityKey {
                entity_type: EntityType::Company,
                name: label.clone(),
            }),
            entity_type: EntityType::Company,
            label,
            aliases: Default::default(),
            titles: Default::default(),
            mentions: 1,
            documents: Default::default(),
            confidence: 1.0,
            first_seen: None,
            last_seen: None,
            roles: Default::default(),
        };
        let mut g = petgraph::Graph::new_undirected();
        let hub = g.add_node(node("中心".into()));
        for i in 0..leaves {
            let leaf = g.add_node(node(format!("企业{i}")));
            let edge = Edge {
                id: format!("co_{i:016x}"),
                kind: crate::relate::RelationKind::CoOccurrence,
                weight: 1,
                dates: Default::default(),
                evidence: Vec::new(),
                confidence: 1.0,
                first_seen: None,
                last_seen: None,
            };
            g.add_edge(hub, leaf, edge);
        }
        CorpusGraph { graph: g, documents: Vec::new(), window: crate::relate::Window::Sentence }
    }

    #[test]
    fn a_crowd_around_a_hub_is_laid_out_the_same_on_any_number_of_threads() {
        // The hub pulls its leaves into cells denser than DENSE_CELL.
        let g = star(2000);
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| layout(&g))
        };
        let one = on(1);
        assert_eq!(one, on(2));
        assert!(one.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
        let distinct: std::collections::BTreeSet<(i64, i64)> =
            one.iter().map(|p| ((p.x * 10.0) as i64, (p.y * 10.0) as i64)).collect();
        assert!(distinct.len() > 1900, "{} distinct positions of 2001", distinct.len());
    }

    #[test]
    fn layout_is_deterministic_and_spreads_nodes() {
        let g = graph();
        let a = layout(&g);
        let b = layout(&g);
        assert_eq!(a, b);
        assert_eq!(a.len(), g.graph.node_count());
        for (i, p) in a.iter().enumerate() {
            for q in &a[i + 1..] {
                assert!((p.x - q.x).abs() + (p.y - q.y).abs() > 1.0, "two nodes at one place: {p:?} {q:?}");
            }
        }
    }

    #[test]
    fn separated_labels_do_not_overlap() {
        let g = graph();
        let pos = separate(&g, &layout(&g));
        let boxes: Vec<LabelBox> = g.nodes().zip(&pos).map(|(n, p)| label_box(n, *p)).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap = a.left < b.right - 0.2
                    && b.left < a.right - 0.2
                    && a.top < b.bottom - 0.2
                    && b.top < a.bottom - 0.2;
                assert!(!overlap, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn colours_differ_by_type() {
        let colours: std::collections::BTreeSet<&str> = EntityType::ALL.iter().map(|&t| color(t)).collect();
        assert_eq!(colours.len(), 4);
        assert!(colours.iter().all(|c| c.len() == 7 && c.starts_with('#')));
        assert!(size(100) > size(1));
    }
}
