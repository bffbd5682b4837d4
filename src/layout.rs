//! Positions, sizes and colours of nodes, so that an exported graph looks
//! right the moment it opens (Gephi reads `x`, `y`, `size`, `color`; sigma.js
//! needs numeric `x`/`y`).
//!
//! [`layout`] is a Fruchterman–Reingold force-directed layout with a fixed
//! start (from each node's id) and no randomness, so the same graph always
//! gets the same positions. Repulsion is only computed between nodes in
//! neighbouring cells of a grid, which keeps each iteration near linear in the
//! number of nodes; a weak pull to the centre keeps separate components in view.

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
        let mut disp = vec![(0.0f64, 0.0f64); n];
        // Repulsion between nodes in the same or neighbouring grid cells.
        let key = |p: (f64, f64)| ((p.0 / cell).floor() as i64, (p.1 / cell).floor() as i64);
        let mut grid: std::collections::BTreeMap<(i64, i64), Vec<usize>> = std::collections::BTreeMap::new();
        for (i, &p) in pos.iter().enumerate() {
            grid.entry(key(p)).or_default().push(i);
        }
        for (i, &p) in pos.iter().enumerate() {
            let (cx, cy) = key(p);
            for dx in -1..=1 {
                for dy in -1..=1 {
                    for &j in grid.get(&(cx + dx, cy + dy)).map_or(&[][..], Vec::as_slice) {
                        if j == i {
                            continue;
                        }
                        let (ddx, ddy) = (p.0 - pos[j].0, p.1 - pos[j].1);
                        let d2 = (ddx * ddx + ddy * ddy).max(0.01);
                        let f = K * K / d2;
                        disp[i].0 += ddx * f;
                        disp[i].1 += ddy * f;
                    }
                }
            }
        }
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
