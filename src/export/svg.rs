//! A standalone SVG diagram of the graph, for reports and documentation.
//!
//! Nodes are circles coloured by entity type (with a legend) and sized by
//! mentions; co-occurrence edges are grey lines whose width grows with their
//! weight, visits dashed arrows from the official. Labels are placed under
//! their node and nodes are moved apart until no two labels overlap
//! ([`crate::layout::separate`]); the view box takes in every label, so none
//! is clipped. Text is escaped through the one XML path ([`super::text`]) and
//! set in a list of common CJK fonts, so Chinese renders wherever the diagram
//! is opened. A title and a caption say what the diagram shows.

use std::io::{self, Write};

use super::text;
use crate::extract::EntityType;
use crate::graph::CorpusGraph;
use crate::layout::{Position, color, label_box, size};
use crate::relate::RelationKind;

/// Fonts tried in order: the CJK fonts of Linux, macOS and Windows.
pub const FONT_FAMILY: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', \
     'Hiragino Sans GB', 'Microsoft YaHei', 'SimHei', sans-serif";

/// What the diagram says about itself.
#[derive(Debug, Clone, Default)]
pub struct Caption {
    pub title: String,
    pub caption: String,
}

const MARGIN: f64 = 40.0;
const LEGEND_WIDTH: f64 = 760.0;

/// The drawn width of `s` at `font_size`: Chinese characters are square,
/// Latin ones about 0.6 em.
fn text_width(s: &str, font_size: f64) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.6 * font_size } else { font_size }).sum()
}
const HEADER: f64 = 56.0;
const FOOTER: f64 = 70.0;

/// Writes `graph` as an SVG diagram, nodes at `positions` (in node order,
/// already separated so that labels do not overlap).
pub fn write(graph: &CorpusGraph, positions: &[Position], caption: &Caption, out: &mut impl Write) -> io::Result<()> {
    let g = &graph.graph;
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (n, p) in graph.nodes().zip(positions) {
        let b = label_box(n, *p);
        min_x = min_x.min(b.left);
        min_y = min_y.min(b.top);
        max_x = max_x.max(b.right);
        max_y = max_y.max(b.bottom);
    }
    if positions.is_empty() {
        (min_x, min_y, max_x, max_y) = (0.0, 0.0, 400.0, 200.0);
    }
    // Wide enough for the caption and the legend as well as the graph.
    let width = (max_x - min_x + 2.0 * MARGIN).max(text_width(&caption.caption, 13.0) + 2.0 * MARGIN).max(LEGEND_WIDTH);
    let height = max_y - min_y + 2.0 * MARGIN + HEADER + FOOTER;
    let left = min_x - MARGIN;
    let top = min_y - MARGIN - HEADER;
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.1} {top:.1} {width:.1} {height:.1}" width="{width:.0}" height="{height:.0}" font-family="{FONT_FAMILY}">"#
    )?;
    writeln!(out, "  <title>{}</title>\n  <desc>{}</desc>", text(&caption.title), text(&caption.caption))?;
    writeln!(
        out,
        r##"  <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555555"/></marker></defs>"##
    )?;
    writeln!(out, r##"  <rect x="{left:.1}" y="{top:.1}" width="{width:.1}" height="{height:.1}" fill="#ffffff"/>"##)?;
    writeln!(
        out,
        r##"  <text class="heading" x="{:.1}" y="{:.1}" font-size="22" font-weight="bold" fill="#222222">{}</text>"##,
        left + MARGIN,
        top + 34.0,
        text(&caption.title)
    )?;

    writeln!(out, r#"  <g class="edges">"#)?;
    for e in g.edge_indices() {
        let Some((a, b)) = g.edge_endpoints(e) else { continue };
        let edge = &g[e];
        let (pa, pb) = (positions[a.index()], positions[b.index()]);
        let classes =
            format!("edge {} from-{} to-{}", edge.kind.as_str(), g[a].entity_type.as_str(), g[b].entity_type.as_str());
        let width = 0.8 + 1.2 * (edge.weight as f64).ln();
        match edge.kind {
            RelationKind::CoOccurrence => writeln!(
                out,
                r##"    <line class="{classes}" data-id="{}" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#b0b0b0" stroke-opacity="0.7" stroke-width="{width:.2}"/>"##,
                text(&edge.id),
                pa.x,
                pa.y,
                pb.x,
                pb.y
            )?,
            RelationKind::Visit => {
                // Stop the arrow at the target's rim.
                let r = size(g[b].mentions);
                let (dx, dy) = (pb.x - pa.x, pb.y - pa.y);
                let d = (dx * dx + dy * dy).sqrt().max(0.001);
                writeln!(
                    out,
                    r##"    <line class="{classes}" data-id="{}" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#555555" stroke-width="{:.2}" stroke-dasharray="6 3" marker-end="url(#arrow)"/>"##,
                    text(&edge.id),
                    pa.x,
                    pa.y,
                    pb.x - dx / d * r,
                    pb.y - dy / d * r,
                    width + 0.4
                )?
            }
        }
    }
    writeln!(out, "  </g>\n  <g class=\"nodes\">")?;
    for (n, p) in graph.nodes().zip(positions) {
        let t = n.entity_type.as_str();
        let titles = n.titles.iter().cloned().collect::<Vec<_>>().join("、");
        let tip = if titles.is_empty() { format!("{} ({t})", n.label) } else { format!("{} ({t}): {titles}", n.label) };
        writeln!(
            out,
            r##"    <circle class="node {t}" data-id="{}" cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{}" stroke="#ffffff" stroke-width="1.5"><title>{}</title></circle>"##,
            text(&n.id),
            p.x,
            p.y,
            size(n.mentions),
            color(n.entity_type),
            text(&tip)
        )?;
    }
    writeln!(out, "  </g>\n  <g class=\"labels\">")?;
    for (n, p) in graph.nodes().zip(positions) {
        let b = label_box(n, *p);
        writeln!(
            out,
            r##"    <text class="label {}" x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="middle" fill="#222222" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">{}</text>"##,
            n.entity_type.as_str(),
            p.x,
            b.bottom - 0.25 * b.font_size,
            b.font_size,
            text(&n.label)
        )?;
    }
    writeln!(out, "  </g>")?;
    legend(out, left + MARGIN, top + height - FOOTER + 8.0)?;
    writeln!(
        out,
        r##"  <text class="caption" x="{:.1}" y="{:.1}" font-size="13" fill="#444444">{}</text>"##,
        left + MARGIN,
        top + height - 16.0,
        text(&caption.caption)
    )?;
    writeln!(out, "</svg>")
}

fn legend(out: &mut impl Write, x: f64, y: f64) -> io::Result<()> {
    writeln!(out, r#"  <g class="legend" font-size="13">"#)?;
    let mut at = x;
    for t in EntityType::ALL {
        writeln!(
            out,
            r##"    <rect x="{at:.1}" y="{:.1}" width="12" height="12" rx="6" fill="{}"/><text x="{:.1}" y="{:.1}" fill="#222222">{}</text>"##,
            y,
            color(t),
            at + 17.0,
            y + 11.0,
            legend_name(t)
        )?;
        at += 30.0 + text_width(legend_name(t), 13.0);
    }
    writeln!(
        out,
        r##"    <path d="M{at:.1},{:.1} h28" stroke="#b0b0b0" stroke-width="2"/><text x="{:.1}" y="{:.1}" fill="#222222">co-occurrence 同句</text>"##,
        y + 6.0,
        at + 34.0,
        y + 11.0
    )?;
    at += 150.0;
    writeln!(
        out,
        r##"    <path d="M{at:.1},{:.1} h28" stroke="#555555" stroke-width="2" stroke-dasharray="6 3" marker-end="url(#arrow)"/><text x="{:.1}" y="{:.1}" fill="#222222">visit 走访</text>"##,
        y + 6.0,
        at + 36.0,
        y + 11.0
    )?;
    writeln!(out, "  </g>")
}

fn legend_name(t: EntityType) -> &'static str {
    match t {
        EntityType::Official => "official 官员",
        EntityType::Company => "company 企业",
        EntityType::Town => "town 镇街",
        EntityType::Event => "event 活动",
    }
}
