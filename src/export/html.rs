//! One self-contained HTML page with the diagram: pan (drag), zoom (wheel),
//! details on hover (titles, aliases, dates, evidence sentences) and toggles
//! per entity type and edge kind. Nothing is fetched: the SVG, the data and
//! the script are all in the file, and details are set as text, never as
//! markup.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::svg::{self, Caption};
use super::{text, xml_safe};
use crate::graph::CorpusGraph;
use crate::layout::Position;

#[derive(Serialize)]
struct Details {
    kind: String,
    label: String,
    lines: Vec<String>,
}

/// Writes `graph` as a self-contained HTML page, nodes at `positions`.
pub fn write(graph: &CorpusGraph, positions: &[Position], caption: &Caption, out: &mut impl Write) -> io::Result<()> {
    let mut diagram = Vec::new();
    svg::write(graph, positions, caption, &mut diagram)?;
    let diagram = String::from_utf8_lossy(&diagram);

    let mut details: BTreeMap<String, Details> = BTreeMap::new();
    for n in graph.nodes() {
        let mut lines = Vec::new();
        if !n.titles.is_empty() {
            lines.push(format!("titles: {}", n.titles.iter().cloned().collect::<Vec<_>>().join("、")));
        }
        if !n.aliases.is_empty() {
            lines.push(format!("aliases: {}", n.aliases.iter().cloned().collect::<Vec<_>>().join("、")));
        }
        if let (Some(f), Some(l)) = (&n.first_seen, &n.last_seen) {
            lines.push(format!("seen {f} – {l}, {} mentions in {} documents", n.mentions, n.documents.len()));
        }
        details.insert(
            n.id.clone(),
            Details {
                kind: n.entity_type.as_str().into(),
                label: xml_safe(&n.label).into_owned(),
                lines: lines.iter().map(|l| xml_safe(l).into_owned()).collect(),
            },
        );
    }
    for (s, t, e) in graph.edges() {
        let mut lines = vec![format!("{} sentences", e.weight)];
        if !e.dates.is_empty() {
            lines.push(format!("dates: {}", e.dates.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")));
        }
        lines.extend(e.evidence.iter().map(|ev| format!("{}: {}", ev.doc, ev.sentence)));
        details.insert(
            e.id.clone(),
            Details {
                kind: e.kind.as_str().into(),
                label: xml_safe(&format!("{} — {}", s.label, t.label)).into_owned(),
                lines: lines.iter().map(|l| xml_safe(l).into_owned()).collect(),
            },
        );
    }
    // Inside <script>, markup characters could end the element or switch
    // the parser's state (`</script>`, `<!--<script>`): write them as JSON
    // escapes, which read back the same.
    let data = serde_json::to_string(&details)
        .map_err(io::Error::other)?
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");

    writeln!(out, "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<title>{}</title>", text(&caption.title))?;
    writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<div id=\"controls\">")?;
    for (class, name) in [
        ("official", "officials 官员"),
        ("company", "companies 企业"),
        ("town", "towns 镇街"),
        ("event", "events 活动"),
        ("co_occurrence", "co-occurrence 同句"),
        ("visit", "visits 走访"),
    ] {
        writeln!(out, "<label><input type=\"checkbox\" data-class=\"{class}\" checked> {name}</label>")?;
    }
    writeln!(out, "<span id=\"hint\">drag to pan, wheel to zoom, hover for details</span></div>")?;
    writeln!(out, "<div id=\"view\">\n{diagram}</div>")?;
    writeln!(out, "<div id=\"details\"><b id=\"details-label\"></b><ul id=\"details-lines\"></ul></div>")?;
    writeln!(out, "<script type=\"application/json\" id=\"data\">{data}</script>")?;
    writeln!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>")
}

const STYLE: &str = r#"body { margin: 0; font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif; }
#controls { padding: 8px 12px; border-bottom: 1px solid #ddd; font-size: 14px; }
#controls label { margin-right: 14px; }
#hint { color: #888; }
#view { height: calc(100vh - 44px); overflow: hidden; cursor: grab; }
#view svg { width: 100%; height: 100%; }
#details { position: fixed; right: 12px; top: 52px; max-width: 380px; background: #fff; border: 1px solid #ccc;
  padding: 8px 12px; font-size: 13px; display: none; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
#details ul { padding-left: 16px; margin: 6px 0 0; }
.hide-official .official, .hide-official .from-official, .hide-official .to-official,
.hide-company .company, .hide-company .from-company, .hide-company .to-company,
.hide-town .town, .hide-town .from-town, .hide-town .to-town,
.hide-event .event, .hide-event .from-event, .hide-event .to-event,
.hide-co_occurrence .co_occurrence, .hide-visit .visit { display: none; }
"#;

const SCRIPT: &str = r#"(function () {
  var data = JSON.parse(document.getElementById('data').textContent);
  var view = document.getElementById('view');
  var svg = view.querySelector('svg');
  var box = svg.getAttribute('viewBox').split(' ').map(Number);
  function setBox() { svg.setAttribute('viewBox', box.join(' ')); }
  var drag = null;
  view.addEventListener('mousedown', function (e) { drag = { x: e.clientX, y: e.clientY }; });
  window.addEventListener('mouseup', function () { drag = null; });
  window.addEventListener('mousemove', function (e) {
    if (!drag) return;
    var scale = box[2] / view.clientWidth;
    box[0] -= (e.clientX - drag.x) * scale;
    box[1] -= (e.clientY - drag.y) * scale;
    drag = { x: e.clientX, y: e.clientY };
    setBox();
  });
  view.addEventListener('wheel', function (e) {
    e.preventDefault();
    var factor = e.deltaY > 0 ? 1.15 : 1 / 1.15;
    var rect = view.getBoundingClientRect();
    var fx = (e.clientX - rect.left) / rect.width, fy = (e.clientY - rect.top) / rect.height;
    var w = box[2] * factor, h = box[3] * factor;
    box[0] += (box[2] - w) * fx;
    box[1] += (box[3] - h) * fy;
    box[2] = w;
    box[3] = h;
    setBox();
  }, { passive: false });
  var panel = document.getElementById('details');
  var label = document.getElementById('details-label');
  var lines = document.getElementById('details-lines');
  svg.addEventListener('mouseover', function (e) {
    var id = e.target.getAttribute && e.target.getAttribute('data-id');
    var d = id && data[id];
    if (!d) return;
    label.textContent = d.label + ' (' + d.kind + ')';
    while (lines.firstChild) lines.removeChild(lines.firstChild);
    d.lines.forEach(function (text) {
      var li = document.createElement('li');
      li.textContent = text;
      lines.appendChild(li);
    });
    panel.style.display = 'block';
  });
  svg.addEventListener('mouseout', function () { panel.style.display = 'none'; });
  document.querySelectorAll('#controls input').forEach(function (input) {
    input.addEventListener('change', function () {
      svg.classList.toggle('hide-' + input.getAttribute('data-class'), !input.checked);
    });
  });
  document.body.setAttribute('data-ready', String(svg.querySelectorAll('circle.node').length));
})();
"#;
