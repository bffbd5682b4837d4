//! The documentation's diagrams: drawn by `newsgraph render`, committed in
//! `docs/diagrams/`, and kept current. Regenerate them all with
//! `NEWSGRAPH_BLESS=1 cargo test --test diagrams` (the commands run are those
//! in `DIAGRAMS` below). The HTML page must load in headless Chromium with no
//! error (`scripts/test` installs Debian's chromium).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{attribute, newsgraph, root, scratch};
use serde_json::Value;

/// The official with the most edges in the committed graph.
fn most_connected_official() -> String {
    let g: Value = serde_json::from_str(&fs::read_to_string(root().join("graphs/corpus.json")).unwrap()).unwrap();
    let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
    for e in g["edges"].as_array().unwrap() {
        for end in ["source", "target"] {
            *degree.entry(e[end].as_str().unwrap()).or_default() += 1;
        }
    }
    let officials = g["nodes"].as_array().unwrap().iter().filter(|n| n["entity_type"] == "official");
    let best = officials.max_by_key(|n| {
        (
            degree.get(n["id"].as_str().unwrap()).copied().unwrap_or(0),
            std::cmp::Reverse(n["id"].as_str().unwrap().to_string()),
        )
    });
    best.unwrap()["label"].as_str().unwrap().to_string()
}

/// (file, extra arguments to `newsgraph render corpus`)
fn diagrams() -> Vec<(&'static str, Vec<String>)> {
    let ego = most_connected_official();
    vec![
        ("network.svg", vec!["--title".into(), "newsgraph: the sample corpus".into()]),
        (
            "ego.svg",
            vec![
                "--title".into(),
                format!("newsgraph: {ego} and everything one edge away"),
                "--ego".into(),
                ego.clone(),
            ],
        ),
        ("visits.svg", vec!["--title".into(), "newsgraph: who visited whom".into(), "--kinds".into(), "visit".into()]),
        (
            "network.html",
            vec!["--title".into(), "newsgraph: the sample corpus".into(), "--format".into(), "html".into()],
        ),
    ]
}

fn render_into(dir: &Path) -> Vec<PathBuf> {
    diagrams()
        .into_iter()
        .map(|(file, extra)| {
            let out = dir.join(file);
            let mut args: Vec<String> =
                vec!["render".into(), "corpus".into(), "--out".into(), out.display().to_string()];
            args.extend(extra);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let o = newsgraph(&args);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            out
        })
        .collect()
}

#[test]
fn diagrams_in_docs_are_current() {
    let dir = scratch("diagrams");
    for fresh in render_into(&dir) {
        let committed = root().join("docs/diagrams").join(fresh.file_name().unwrap());
        if std::env::var_os("NEWSGRAPH_BLESS").is_some() {
            fs::copy(&fresh, &committed).unwrap();
        }
        assert!(
            fs::read(&fresh).unwrap() == fs::read(&committed).unwrap_or_default(),
            "{} is stale: NEWSGRAPH_BLESS=1 cargo test --test diagrams",
            committed.display()
        );
    }
}

#[test]
fn svg_has_one_circle_per_node_chinese_labels_and_a_legend() {
    let svg = fs::read_to_string(root().join("docs/diagrams/network.svg")).unwrap();
    let g: Value = serde_json::from_str(&fs::read_to_string(root().join("graphs/corpus.json")).unwrap()).unwrap();
    let mut reader = quick_xml::Reader::from_str(&svg);
    let (mut circles, mut chinese_labels, mut in_label, mut legend) = (0, 0, false, false);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let qname = e.name();
                let name: &str = qname.as_ref();
                let class = attribute(&e, "class").unwrap_or_default();
                circles += usize::from(name == "circle" && class.starts_with("node "));
                in_label = name == "text" && class.starts_with("label ");
                legend |= name == "g" && class == "legend";
            }
            quick_xml::events::Event::Text(t) if in_label => {
                let text: &str = t.as_ref();
                chinese_labels += usize::from(text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
                in_label = false;
            }
            _ => {}
        }
    }
    assert_eq!(circles, g["nodes"].as_array().unwrap().len());
    assert!(chinese_labels > 50, "{chinese_labels}");
    assert!(legend);
    assert!(svg.contains("Noto Sans CJK SC") && svg.contains("Microsoft YaHei"), "a CJK font list");
}

fn chromium() -> String {
    std::env::var("NEWSGRAPH_CHROMIUM").unwrap_or_else(|_| "chromium".to_string())
}

#[test]
fn html_page_loads_in_headless_chromium_without_errors() {
    let page = root().join("docs/diagrams/network.html");
    let profile = scratch("chromium-profile");
    let o = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--virtual-time-budget=2000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium (scripts/test installs Debian's chromium)");
    let dom = String::from_utf8_lossy(&o.stdout);
    let log = String::from_utf8_lossy(&o.stderr);
    let console_errors: Vec<&str> =
        log.lines().filter(|l| l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("Error"))).collect();
    assert!(console_errors.is_empty(), "{console_errors:?}");
    let g: Value = serde_json::from_str(&fs::read_to_string(root().join("graphs/corpus.json")).unwrap()).unwrap();
    let ready = format!("data-ready=\"{}\"", g["nodes"].as_array().unwrap().len());
    assert!(dom.contains(&ready), "the page's script ran and found every node: {}", &dom[..dom.len().min(400)]);
}
