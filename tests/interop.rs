//! The exports load in the real clients with the same node and edge counts:
//! NetworkX (`node_link_graph`, `read_graphml`, `read_gexf` with spells),
//! python-igraph (`Graph.Read_GraphML`), graphology's GraphML and GEXF
//! parsers (those behind Gephi Lite); the JSON validates against
//! `docs/graph.schema.json` and both XML files parse strictly.
//! `scripts/test` installs the clients into `.venv` and `tests/node_modules`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{build_corpus, root, scratch};
use newsgraph::export::json::JsonOptions;
use serde_json::Value;

/// The Python with the clients (`scripts/test` sets NEWSGRAPH_PYTHON).
fn python() -> String {
    std::env::var("NEWSGRAPH_PYTHON").unwrap_or_else(|_| {
        let venv = root().join(".venv/bin/python");
        if venv.exists() { venv.display().to_string() } else { "python3".to_string() }
    })
}

/// Runs a client script on DIR/NAME.* and returns what it printed.
fn client(program: &str, script: &str, dir: &Path, name: &str) -> Value {
    let o = Command::new(program).arg(root().join(script)).arg(dir).arg(name).output().expect("run the client");
    assert!(
        o.status.success(),
        "{script} failed (run scripts/test, which installs the clients): {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn counts(dir: &Path, name: &str) -> Value {
    let g: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap()).unwrap();
    let edges = g.get("edges").or_else(|| g.get("links")).unwrap();
    serde_json::json!([g["nodes"].as_array().unwrap().len(), edges.as_array().unwrap().len()])
}

#[test]
fn every_client_reads_every_export_of_the_corpus_alike() {
    let out = scratch("interop");
    build_corpus(&out);
    let expected = counts(&out, "corpus");
    let py = client(&python(), "tests/interop.py", &out, "corpus");
    for c in ["networkx_json", "networkx_graphml", "networkx_gexf", "igraph_graphml"] {
        assert_eq!(py[c], expected, "{c}: {py}");
    }
    assert_eq!(py["labels_agree"], true);
    assert_eq!(py["igraph_labels"], true);
    assert_eq!(py["edge_kinds"], serde_json::json!(["co_occurrence", "visit"]));
    assert_eq!(py["weights_are_floats"], true);
    assert!(py["visits_with_spells"].as_u64().unwrap() > 0, "{py}");
    assert_eq!(py["visit_spells_match_dates"], true, "every dated visit has one spell per date");
    let js = client("node", "tests/interop.cjs", &out, "corpus");
    assert_eq!(js["graphology_graphml"], expected, "{js}");
    assert_eq!(js["graphology_gexf"], expected, "{js}");
    assert_eq!(js["labels_agree"], true);
    assert_eq!(js["positioned"], true, "sigma.js needs numeric x and y");
    assert_eq!(js["no_type_attribute"], true, "sigma.js fails on a node attribute named type");
}

#[test]
fn links_option_writes_the_edge_list_under_links() {
    let out = scratch("links");
    let o = common::newsgraph(&["build", "corpus", "--out", out.to_str().unwrap(), "--links", "--quiet"]);
    assert!(o.status.success());
    let g: Value = serde_json::from_str(&std::fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    assert!(g.get("links").is_some() && g.get("edges").is_none());
    let py = client(&python(), "tests/interop.py", &out, "corpus");
    assert_eq!(py["networkx_json"], counts(&out, "corpus"));
}

/// A label holding an escape character, `&`, `<`, quotes and `]]>`.
const HOSTILE: &str = "A&B<script>\"引号'\u{1b}]]>";

#[test]
fn a_hostile_label_survives_every_format_and_client() {
    let out = scratch("hostile");
    let g = common::small_graph(HOSTILE);
    let positions = newsgraph::layout::layout(&g);
    let write = |ext: &str, f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut buf = Vec::new();
        f(&mut buf).unwrap();
        std::fs::write(out.join(format!("hostile.{ext}")), buf).unwrap();
    };
    write("graphml", &|w| newsgraph::export::graphml::write(&g, &positions, w));
    write("gexf", &|w| newsgraph::export::gexf::write(&g, &positions, w));
    let options = JsonOptions { corpus: "hostile".into(), ..JsonOptions::default() };
    write("json", &|w| newsgraph::export::json::write(&g, &options, &positions, w));
    let expected_label = HOSTILE.replace('\u{1b}', "");
    let py = client(&python(), "tests/interop.py", &out, "hostile");
    assert_eq!(py["networkx_graphml"], serde_json::json!([2, 2]), "{py}");
    assert_eq!(py["networkx_gexf"], serde_json::json!([2, 2]), "{py}");
    assert_eq!(py["labels_agree"], true, "{py}");
    assert!(py["labels"].as_array().unwrap().contains(&Value::from(expected_label.clone())), "{py}");
    let js = client("node", "tests/interop.cjs", &out, "hostile");
    assert!(js["labels"].as_array().unwrap().contains(&Value::from(expected_label)), "{js}");
    assert_eq!(js["graphology_gexf"], serde_json::json!([2, 2]), "{js}");
}
