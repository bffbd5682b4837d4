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
use crate::graph::CorpusGraph;

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
            dx -= p.0 * 0.02;
            dy -= p.1 * 0.02;
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
        crate::build(&[dir], &x, &crate::Options::default(), &mut |_, _| Ok(())).unwrap()
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
    fn colours_differ_by_type() {
        let colours: std::collections::BTreeSet<&str> = EntityType::ALL.iter().map(|&t| color(t)).collect();
        assert_eq!(colours.len(), 4);
        assert!(colours.iter().all(|c| c.len() == 7 && c.starts_with('#')));
        assert!(size(100) > size(1));
    }
}
